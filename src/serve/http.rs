//! The HTTP side of `vitrina serve`: files from memory, the reload event stream,
//! the error page.
//!
//! Pages are served from an in-memory map filled by the renderer, never from the
//! file system: a request path is decoded, refused when it has `.`/`..` segments,
//! backslashes, NUL or a drive colon, and otherwise only looked up in the map, so
//! no request can reach a file outside the rendered site.

use super::rebuild::Files;
use crate::diagnostics::{Finding, render_text};
use crate::escape::markup as escape_attr;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::path::Path;
use std::sync::{Arc, RwLock};
use tokio::sync::watch;

/// The path of the reload event stream.
pub const EVENTS_PATH: &str = "/__vitrina/events";

/// What is being served right now.
#[derive(Default)]
pub struct Served {
    pub files: Files,
    /// The error page, while the site cannot be built.
    pub error: Option<String>,
    /// Findings in the last good build, for the banner.
    pub findings: usize,
}

pub struct App {
    pub served: RwLock<Served>,
    /// Bumped after every rebuild that changed a page; open pages showing one of
    /// them reload.
    pub reload: watch::Sender<Reload>,
}

/// The last change to the served pages.
#[derive(Clone, Default)]
pub struct Reload {
    pub generation: u64,
    /// URL paths of the pages that changed (`/schools/sosh-10/`); `None`: every
    /// page (the error page, the banner, a full render).
    pub pages: Option<Arc<Vec<String>>>,
}

/// The URL path a served HTML file is requested by: `schools/sosh-10/index.html`
/// → `/schools/sosh-10/`.
pub fn url_of_key(key: &str) -> String {
    format!("/{}", key.strip_suffix("index.html").unwrap_or(key))
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(serve_path)
        .with_state(app)
}

async fn events(State(app): State<Arc<App>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut rx = app.reload.subscribe();
    let seen = rx.borrow_and_update().generation;
    let hello = stream::once(async { Ok(Event::default().event("hello").data("vitrina")) });
    // The data is the changed pages' paths, space-separated, or `*` for every page:
    // a rebuild puts the edited page on the air first and the pages that show it
    // a moment later, and the edited page must not reload twice.
    let reloads = stream::unfold((rx, seen), |(mut rx, seen)| async move {
        rx.changed().await.ok()?;
        let reload = rx.borrow_and_update().clone();
        let data = match &reload.pages {
            // A change missed in between (the channel keeps only the last): reload all.
            Some(pages) if reload.generation == seen + 1 => pages.join(" "),
            _ => "*".to_string(),
        };
        Some((
            Ok(Event::default().event("reload").data(data)),
            (rx, reload.generation),
        ))
    });
    Sse::new(hello.chain(reloads)).keep_alive(KeepAlive::default())
}

/// The key in the served map a request path names; `None` when the path tries
/// to leave the site (`..`, `%2e%2e`, `%2f..`, backslashes, NUL, `C:`).
pub fn key_of(raw_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => continue,
            "." | ".." => return None,
            s if s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') || parts.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn content_type(key: &str) -> &'static str {
    let ext = Path::new(key)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        _ => "application/octet-stream",
    }
}

/// The script that reloads the page when a rebuild changed it, and the findings banner.
pub fn injection(findings: usize) -> String {
    let banner = if findings > 0 {
        format!(
            "<div id=\"vitrina-banner\" role=\"status\" style=\"position:fixed;right:0.5rem;bottom:0.5rem;z-index:9999;background:#fff3cd;color:#000;border:1px solid #b58900;padding:0.3rem 0.6rem;font:14px sans-serif\"><a href=\"/{}\" style=\"color:#000\">Замечаний в материалах: {findings}</a> (vitrina check)</div>",
            super::rebuild::CHECK_REPORT_KEY
        )
    } else {
        String::new()
    };
    format!(
        "{banner}<script>(function(){{var s=new EventSource(\"{EVENTS_PATH}\");s.addEventListener(\"reload\",function(e){{var p=location.pathname.replace(/index\\.html$/,\"\");if(e.data===\"*\"||e.data.split(\" \").indexOf(p)>=0)location.reload();}});}})();</script>"
    )
}

fn inject(html: &[u8], findings: usize) -> Vec<u8> {
    let snippet = injection(findings);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn respond(status: StatusCode, key: &str, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(key)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn serve_path(State(app): State<Arc<App>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "Метод не поддерживается").into_response();
    }
    let Some(key) = key_of(uri.path()) else {
        return respond(
            StatusCode::BAD_REQUEST,
            "x.txt",
            "Недопустимый адрес: путь выходит за пределы сайта"
                .as_bytes()
                .to_vec(),
        );
    };
    let served = app
        .served
        .read()
        .expect("no thread panics holding the lock");
    let found = served.files.get(&key);
    let is_page = key.ends_with(".html") || found.is_none();
    if let Some(error) = &served.error
        && is_page
    {
        return respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "x.html",
            error.as_bytes().to_vec(),
        );
    }
    if let Some(bytes) = found {
        let body = if key.ends_with(".html") {
            inject(bytes, served.findings)
        } else {
            bytes.to_vec()
        };
        return respond(StatusCode::OK, &key, body);
    }
    if !uri.path().ends_with('/') && served.files.contains_key(&format!("{key}/index.html")) {
        let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(location) = HeaderValue::from_str(&format!("{}/", uri.path())) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    let body = served
        .files
        .get("404.html")
        .map(|b| inject(b, served.findings))
        .unwrap_or_else(|| "Страница не найдена".as_bytes().to_vec());
    respond(StatusCode::NOT_FOUND, "404.html", body)
}

/// The page shown instead of the site while it cannot be built: every error with
/// its file, line and message (escaped), and the reload script, so the page comes
/// back by itself once the file is fixed.
pub fn error_page(findings: &[Finding], root: &Path) -> String {
    let mut items = String::new();
    for f in findings {
        let place = f.location().unwrap_or_else(|| "сайт".to_string());
        items.push_str(&format!(
            "<li><p class=\"place\"><code>{}</code></p><p class=\"message\">{}</p><pre>{}</pre></li>\n",
            escape_attr(&place),
            escape_attr(&f.message),
            escape_attr(&render_text(std::slice::from_ref(f), root, false))
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Сайт не собран — vitrina serve</title>\n<style>body{{font:16px/1.5 sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}h1{{color:#a00}}li{{margin-bottom:1.5rem}}.place code{{font-weight:bold}}pre{{background:#f6f6f6;padding:0.75rem;overflow-x:auto;white-space:pre-wrap}}</style>\n</head>\n<body>\n<main>\n<h1>Сайт не собран</h1>\n<p>Найдено ошибок: {}. Исправьте их и сохраните файл — эта страница обновится сама.</p>\n<ol>\n{items}</ol>\n</main>\n{}\n</body>\n</html>\n",
        findings.len(),
        injection(0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_request_paths() {
        assert_eq!(key_of("/").as_deref(), Some("index.html"));
        assert_eq!(
            key_of("/schools/sosh-10/").as_deref(),
            Some("schools/sosh-10/index.html")
        );
        assert_eq!(
            key_of("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(key_of("//etc/passwd").as_deref(), Some("etc/passwd"));
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        for bad in [
            "/../site.toml",
            "/static/../../etc/passwd",
            "/%2e%2e/site.toml",
            "/%2E%2E%2Fsite.toml",
            "/static%2F..%2F..%2Fsite.toml",
            "/..%5csite.toml",
            "/C:/Windows/win.ini",
            "/a%00b",
            "/%ff",
        ] {
            assert_eq!(key_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body>x</body></html>", 2)).unwrap();
        assert!(out.contains("x<div id=\"vitrina-banner\""), "{out}");
        assert!(out.ends_with("</script></body></html>"), "{out}");
        assert!(out.contains("Замечаний в материалах: 2"));
    }

    #[test]
    fn error_page_escapes() {
        let f = Finding::error(crate::diagnostics::RuleId::InvalidRecord, "поле <script>")
            .file("content/a.md")
            .at(3, 1);
        let page = error_page(&[f], Path::new("/nonexistent"));
        assert!(page.contains("content/a.md:3:1"));
        assert!(page.contains("поле &lt;script&gt;"));
        assert!(!page.contains("поле <script>"));
    }
}
