//! Published paths that collide. Pages, generated files and attachments all land
//! in one output folder, and on a hosting's file system (or a Windows copy of it)
//! names that differ only in case are one name. So no attachment may be published
//! at a generated path (`file: ../index.html` would replace the home page), two
//! attachments from different files may not share one path (`Приказ 999.pdf` and
//! `prikaz-999.pdf` are both `prikaz-999.pdf`: one order would link to the other's
//! document), and no record's page may need a folder where a generated file is
//! (`events/calendar.ics.md`). Each is a `duplicate-id` error at the record, so the
//! build refuses instead of publishing the wrong file.
//!
//! Attachments of active types (pages, scripts, SVG, server scripts) are refused
//! where they are located ([`active_type_refusal`]): served from the site's own
//! address they would run with its rights.

use crate::diagnostics::{Finding, RuleId};
use crate::model::{Attachment, Record, Site};
use crate::render::{self, Page};
use std::collections::HashMap;

/// Extensions a browser or a web server would execute rather than download.
const ACTIVE_EXTENSIONS: [&str; 22] = [
    "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs",
    "cjs", "wasm", "php", "phtml", "phar", "cgi", "pl", "asp", "aspx", "jsp",
];

/// Why an attachment file cannot be published, if it cannot: an active type, or a
/// hidden name (`.htaccess` would reconfigure an Apache hosting). Judged on the
/// published name (`Отчёт.HTML ` is published as `otchyot.html`) and on every
/// extension in it: Apache runs `prikaz.php.pdf` as PHP where `AddHandler` is used.
pub fn active_type_refusal(written: &str) -> Option<String> {
    let name = written.rsplit(['/', '\\']).next().unwrap_or(written);
    let published = crate::translit::slugify(name);
    if name.starts_with('.') || published.starts_with('.') {
        return Some(format!(
            "файл «{written}» скрытый (имя начинается с точки); такие файлы, как .htaccess, меняют настройки хостинга и не публикуются"
        ));
    }
    if published.len() > crate::record_guard::MAX_SLUG_BYTES {
        return Some(format!(
            "имя файла «{written}» на сайте длиннее {} байт; такой файл нельзя записать на хостинг",
            crate::record_guard::MAX_SLUG_BYTES
        ));
    }
    let ext = published
        .split('.')
        .skip(1)
        .find(|ext| ACTIVE_EXTENSIONS.contains(ext))?;
    Some(format!(
        "файл «{written}» — веб-страница, скрипт или картинка SVG (.{ext}); открытый с адреса сайта, он выполнялся бы как часть сайта, поэтому такие файлы не публикуются"
    ))
}

/// The hint for a refused active attachment.
pub const ACTIVE_TYPE_HINT: &str = "приложите документ в PDF (или DOCX, XLSX, ZIP с файлом внутри)";

/// What occupies a published path.
enum Owner<'a> {
    Generated(String),
    Attachment(&'a Record, &'a Attachment),
}

/// Every collision of published paths in `site`, as `duplicate-id` errors at the
/// record that brings the second name.
pub fn find(site: &Site) -> Vec<Finding> {
    let key = |p: &str| p.trim_matches('/').to_lowercase();
    // Files vitrina writes besides pages (see `render::render_extras_with_index`).
    let mut files: HashMap<String, Owner> = [
        ("sitemap.xml", "карта сайта"),
        ("robots.txt", "файл для поисковых систем"),
        (render::feeds::ATOM_PATH, "лента новостей"),
        (render::feeds::ICS_PATH, "календарь мероприятий"),
        (crate::output::MARKER, "метка сборки vitrina"),
    ]
    .into_iter()
    .map(|(path, what)| (path.to_string(), Owner::Generated(what.to_string())))
    .collect();
    let mut dirs: HashMap<String, String> = HashMap::new();
    dirs.insert("static".into(), "папка файлов темы static/".into());
    dirs.insert(
        render::search_files::DIR.into(),
        "папка поискового индекса search-index/".into(),
    );
    // Risk-factor pages depend on the profile, which resolving does not read: their
    // whole folder is reserved instead, and the pages are listed without them.
    dirs.insert(
        crate::kinds::risk::DIR.into(),
        "папка страниц факторов риска".into(),
    );
    let mut no_risks = crate::profile::Profile::builtin();
    no_risks.risks.clear();
    let mut findings = Vec::new();
    for page in render::all_pages(site, &no_risks) {
        let path = key(&render::page_path(site, &no_risks, page));
        let what = match page {
            Page::Record(idx) => format!("страница записи «{}»", site.records[idx].id),
            _ => format!("страница сайта /{}", path.trim_end_matches("index.html")),
        };
        for dir in ancestors(&path) {
            if let (Some(Owner::Generated(generated)), Page::Record(idx)) = (files.get(dir), page) {
                let r = &site.records[idx];
                findings.push(
                    Finding::error(RuleId::DuplicateId, format!(
                        "адрес записи {} совпадает с файлом /{dir}, который vitrina создаёт сама ({generated}); запись заменила бы его",
                        r.url
                    ))
                    .record(&r.id)
                    .file(&r.file)
                    .at(r.pos.line.max(1), 1)
                    .hint("переименуйте файл записи"),
                );
            }
            dirs.entry(dir.to_string()).or_insert_with(|| what.clone());
        }
        files.insert(path, Owner::Generated(what));
    }
    // Open data (`render::opendata::files`) next to indicator and monitoring pages.
    for r in site.records.iter().filter(|r| {
        matches!(
            r.section,
            crate::kinds::schema::Section::Indicators | crate::kinds::schema::Section::Monitoring
        )
    }) {
        let dir = key(&r.url);
        for (name, what) in [
            ("data.csv", "открытые данные"),
            ("meta.csv", "паспорт открытых данных"),
        ] {
            let what = format!("{what} записи «{}»", r.id);
            files.insert(format!("{dir}/{name}"), Owner::Generated(what));
        }
    }
    for r in &site.records {
        for a in r.attachments() {
            if a.source.is_none() {
                continue;
            }
            let path = key(&a.output_path);
            if let Some(Owner::Attachment(_, other)) = files.get(&path)
                && other.source == a.source
            {
                // The same file, attached twice: one copy.
                continue;
            }
            let taken = files.get(&path).map(describe).or_else(|| {
                dirs.get(&path)
                    .map(|what| format!("там папка, где лежит {what}"))
                    .or_else(|| {
                        ancestors(&path).find_map(|dir| match files.get(dir) {
                            Some(owner) => Some(format!("/{dir} — это {}", describe(owner))),
                            None if dir == "static" || dir == crate::kinds::risk::DIR => {
                                dirs.get(dir).cloned()
                            }
                            None => None,
                        })
                    })
            });
            if let Some(what) = taken {
                findings.push(
                    Finding::error(RuleId::DuplicateId, format!(
                        "файл «{}» публикуется по адресу /{path}, но этот адрес уже занят: {what}; на сайте остался бы только один из них",
                        a.written
                    ))
                    .record(&r.id)
                    .file(&r.file)
                    .at(a.pos.line, a.pos.column)
                    .hint("переименуйте файл или переложите его в другую папку: имена, которые различаются только регистром букв, пробелами или написанием кириллицей и латиницей, на сайте совпадают"),
                );
                continue;
            }
            for dir in ancestors(&path) {
                dirs.entry(dir.to_string())
                    .or_insert_with(|| format!("файл «{}»", a.written));
            }
            files.insert(path, Owner::Attachment(r, a));
        }
    }
    findings
}

/// What holds a published path, in words.
fn describe(owner: &Owner) -> String {
    match owner {
        Owner::Generated(what) => what.clone(),
        Owner::Attachment(r, other) => format!(
            "файл «{}» записи «{}» ({}:{})",
            other.written, r.id, r.file, other.pos.line
        ),
    }
}

/// `a/b/c.pdf` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.char_indices()
        .rev()
        .filter(|&(_, c)| c == '/')
        .map(move |(i, _)| &path[..i])
}
