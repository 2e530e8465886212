//! Markdown rendering + sanitising: any body must render without a panic, the
//! sanitised HTML must carry no script, whatever the body, and the sanitiser's
//! fast path must write what the sanitiser writes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = vitrina::markdown::render(text);
    check(&html);
    let hosts = vec!["rutube.ru".to_string()];
    let html = vitrina::markdown::render_with(text, &hosts);
    check(&html);
    // The sanitiser's fast path writes what the sanitiser writes, for the
    // writer's HTML of the body and for the input taken as HTML.
    let written = vitrina::markdown::write_html(text, 0, true);
    for html in [written.html.as_str(), text] {
        if let Some(fast) = vitrina::sanitise_known::sanitise(html) {
            assert_eq!(fast, vitrina::markdown::sanitise_parsing(html, &[]), "{html:?}");
        }
    }
});

/// Walks the tags of the sanitiser's output (text `<` is always escaped there, so
/// every literal `<` + letter opens a tag) and asserts none is dangerous.
fn check(html: &str) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' || !bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        // Tag name.
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        assert!(
            !["script", "style", "object", "embed", "svg", "math", "form", "base", "meta"]
                .contains(&name.as_str()),
            "<{name}> survived: {html}"
        );
        // Attributes until the unquoted `>`.
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' || bytes[j] == b'/' {
                break;
            }
            let a = j;
            while j < bytes.len() && !b"=> \t\n/".contains(&bytes[j]) {
                j += 1;
            }
            let attr = html[a..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') && bytes.get(j + 1) == Some(&b'"') {
                let v = j + 2;
                let end = html[v..].find('"').map_or(bytes.len(), |e| v + e);
                value = html[v..end].to_ascii_lowercase();
                j = end + 1;
            }
            assert!(!attr.starts_with("on"), "event handler {attr} survived: {html}");
            assert!(attr != "style", "style attribute survived: {html}");
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&attr.as_str()) {
                let v = value.trim_start();
                assert!(
                    !v.starts_with("javascript:") && !v.starts_with("data:") && !v.starts_with("vbscript:"),
                    "dangerous URL in {attr} survived: {html}"
                );
            }
            if name == "iframe" && attr == "src" {
                assert!(
                    v_host_ok(&value),
                    "iframe from an unlisted host survived: {html}"
                );
            }
        }
        i = j.max(i + 1);
    }
}

fn v_host_ok(src: &str) -> bool {
    let rest = src.strip_prefix("https://").unwrap_or("");
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    host == "rutube.ru" || host.ends_with(".rutube.ru")
}
