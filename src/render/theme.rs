//! The theme: templates and static files. The default theme is built into the
//! binary; `themes/NAME/` in the site replaces any of its files, and the site's own
//! `templates/` and `static/` replace those again (as in Zola and Hugo).

use crate::diagnostics::{Finding, RuleId};
use crate::typo::template::{self as typo, Insertion};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;
use tera::{Context, Tera};
use walkdir::WalkDir;

static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Theme {
    tera: Tera,
    sources: Sources,
    static_files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads and compiles the theme once. Errors name the template file and line.
    pub fn load(root: &Path, theme_name: &str) -> Result<Theme, Finding> {
        let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut static_files = BTreeMap::new();
        for f in embedded_files(&DEFAULT_THEME) {
            let path = f.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                let text = f.contents_utf8().unwrap_or_default().to_string();
                templates.insert(
                    name.to_string(),
                    (text, format!("(встроенная тема)/{path}")),
                );
            } else if let Some(name) = path.strip_prefix("static/") {
                static_files.insert(name.to_string(), f.contents().to_vec());
            }
        }
        // A kind may bring its own templates (src/kinds/); a theme overrides them.
        for section in crate::schema::Section::ALL {
            for &(name, text) in section.meta().templates {
                templates.insert(
                    name.to_string(),
                    (
                        text.to_string(),
                        format!("(вид записи {})/{name}", section.dir()),
                    ),
                );
            }
        }
        let theme_dir = root.join("themes").join(theme_name);
        if theme_name != "default" && !theme_dir.is_dir() {
            return Err(Finding::error(
                RuleId::InvalidConfig,
                format!("тема «{theme_name}» не найдена: нет папки themes/{theme_name}/"),
            )
            .file("site.toml")
            .at(theme_line(root), 1)
            .hint("уберите настройку theme, чтобы использовать встроенную тему, или создайте папку темы"));
        }
        for dir in [theme_dir, root.to_path_buf()] {
            overlay(root, &dir.join("templates"), |name, bytes, origin| {
                let text = String::from_utf8_lossy(bytes).into_owned();
                templates.insert(name, (text, origin));
            });
            overlay(root, &dir.join("static"), |name, bytes, _| {
                static_files.insert(name, bytes.to_vec());
            });
        }
        // Typography (crate::typo::template): an HTML template's own text is
        // typeset here, once, whichever template — built-in or a site's
        // override — it is; the values it inserts as they are escaped.
        let mut insertions = BTreeMap::new();
        for (name, (text, _)) in templates.iter_mut() {
            let typeset = if name.ends_with(".html") {
                true
            } else if name.ends_with(".xml") {
                false
            } else {
                continue;
            };
            let prepared = typo::prepare(text, typeset);
            *text = prepared.text;
            insertions.insert(name.clone(), prepared.insertions);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(typo::escape);
        let sources = Sources {
            origins: templates
                .iter()
                .map(|(name, (_, origin))| (name.clone(), origin.clone()))
                .collect(),
            insertions,
        };
        tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, (text, _))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| template_finding(&e, &sources))?;
        Ok(Theme {
            tera,
            sources,
            static_files,
        })
    }

    /// Renders a page. An HTML page comes out typeset: its template's text was
    /// typeset when the theme was loaded, values as they are escaped.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, Finding> {
        // Rendered into bytes and validated here: `Tera::render` validates the
        // page with std's slower UTF-8 check (see `crate::utf8`).
        let mut bytes = Vec::with_capacity(32 * 1024);
        typo::start_page();
        self.tera
            .render_to(template, context, &mut bytes)
            .map_err(|e| template_finding(&e, &self.sources))?;
        let page = crate::utf8::string_from(bytes).map_err(|_| {
            Finding::error(
                RuleId::TemplateError,
                format!("шаблон {template} вывел текст не в кодировке UTF-8"),
            )
        })?;
        Ok(page)
    }

    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.static_files
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(embedded_files(sub));
    }
    out
}

fn overlay(root: &Path, dir: &Path, mut add: impl FnMut(String, &[u8], String)) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = crate::load::relative(dir, entry.path());
        if let Ok(bytes) = std::fs::read(entry.path()) {
            add(name, &bytes, crate::load::relative(root, entry.path()));
        }
    }
}

/// Where templates came from and what was put into them, for error messages.
struct Sources {
    /// Template name → the file it came from (site-relative).
    origins: BTreeMap<String, String>,
    /// Template name → what typography put into its source, for error positions.
    insertions: BTreeMap<String, Vec<Insertion>>,
}

/// A tera error as a finding. Syntax and rendering errors carry the template's
/// name and span: the finding points at the file the template came from (the
/// site's override, `templates/…` or `themes/NAME/templates/…`) and the line and
/// column in it, so the usual source line and marker are shown.
fn template_finding(e: &tera::Error, sources: &Sources) -> Finding {
    let origins = &sources.origins;
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) = e.kind()
    {
        let name = report.filename();
        let span = report.span();
        let what = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
            "синтаксическая ошибка в шаблоне"
        } else {
            "ошибка при заполнении шаблона"
        };
        let origin = origins.get(name).map(String::as_str).unwrap_or(name);
        let (message, hint) = explain(report.message());
        let mut f = Finding::error(RuleId::TemplateError, format!("{what} {name}: {message}"));
        let column = match sources.insertions.get(name) {
            Some(put) => typo::written_column(put, span.start_line, span.start_col) + 1,
            None => span.start_col + 1,
        };
        if origin.starts_with('(') {
            // The built-in theme: no file in the site to point at.
            f = f.hint(format!(
                "{origin}, строка {}, позиция {column}; сообщите разработчикам vitrina",
                span.start_line
            ));
        } else {
            f = f.file(origin).at(span.start_line.max(1), column).hint(format!(
                "{hint}исправьте шаблон или удалите его из сайта, чтобы вернуть шаблон встроенной темы"
            ));
        }
        return f;
    }
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    let mut f = Finding::error(
        RuleId::TemplateError,
        format!("ошибка в шаблоне: {message}"),
    );
    if let Some((name, origin)) = origins
        .iter()
        .find(|(name, _)| message.contains(&format!("'{name}'")))
    {
        if !origin.starts_with('(') {
            f = f.file(origin);
        }
        f = f.hint(format!("шаблон {name}"));
    }
    f
}

/// The line of `theme = …` in site.toml, for the unknown-theme finding.
fn theme_line(root: &Path) -> usize {
    std::fs::read_to_string(root.join("site.toml"))
        .ok()
        .and_then(|text| {
            text.lines()
                .position(|l| l.trim_start().starts_with("theme") && l.contains('='))
        })
        .map_or(1, |i| i + 1)
}

/// Tera's English messages in Russian where we know them (the English original is
/// kept after a dash, for searching), with a hint ending in "; " or empty.
fn explain(message: &str) -> (String, &'static str) {
    let known: [(&str, &str, &str); 6] = [
        (
            "Unexpected end of input",
            "шаблон кончился, а открытый тег не закрыт",
            "у каждого {% if %}, {% for %}, {% block %} должен быть свой {% endif %}, {% endfor %}, {% endblock %}; ",
        ),
        (
            "is not defined",
            "такого значения нет",
            "имена значений, доступных шаблону, перечислены в сообщении; ",
        ),
        (
            "Unknown filter",
            "неизвестный фильтр",
            "проверьте имя фильтра после «|»; ",
        ),
        ("Unknown function", "неизвестная функция", ""),
        ("Unknown test", "неизвестная проверка после is", ""),
        (
            "but expected",
            "ожидался другой символ",
            "проверьте скобки {{ }} и {% %}; ",
        ),
    ];
    match known.iter().find(|(en, _, _)| message.contains(en)) {
        Some((_, ru, hint)) => (format!("{ru} — {message}"), hint),
        None => (message.to_string(), ""),
    }
}
