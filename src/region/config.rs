//! `REGION.toml`: the region's title and its municipalities, each a local site
//! root (relative to the file) or the address of a published site.

use crate::diagnostics::{Finding, RuleId};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a published site may take to answer, unless `timeout` says otherwise.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 10;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    title: String,
    #[serde(default)]
    timeout: Option<u64>,
    #[serde(default, rename = "municipality")]
    municipalities: Vec<RawMunicipality>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMunicipality {
    name: String,
    #[serde(default)]
    root: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub title: String,
    /// The whole time one published site may take (connect, answer, body).
    pub timeout: Duration,
    pub municipalities: Vec<Municipality>,
}

#[derive(Debug, Clone)]
pub struct Municipality {
    pub name: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A site's folder (with `site.toml`), resolved against REGION.toml's folder.
    Root(PathBuf),
    /// A published site's address, ending in `/`; its status is `<url>status.json`.
    Url(String),
}

impl Region {
    /// Reads REGION.toml. Errors are findings positioned in the file (shown with
    /// its line), relative to `base` (the folder the user named it from).
    pub fn load(path: &Path) -> Result<Region, Finding> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "такого файла нет".to_string(),
                std::io::ErrorKind::PermissionDenied => "нет прав на чтение".to_string(),
                _ => e.to_string(),
            };
            Finding::error(
                RuleId::InvalidRegion,
                format!("не удалось прочитать файл региона {shown}: {why}"),
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Finding::error(
                RuleId::InvalidRegion,
                format!("файл {shown} не в кодировке UTF-8"),
            )
            .file(&shown)
            .hint("сохраните его в UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)")
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let raw: RawRegion = toml::from_str(text).map_err(|e| {
            let mut f = Finding::error(
                RuleId::InvalidRegion,
                format!(
                    "ошибка в файле региона: {}",
                    crate::config::explain(e.message())
                ),
            )
            .file(&shown)
            .hint("допустимо: title, timeout (секунды) и разделы [[municipality]] с name и root или url");
            if let Some(span) = e.span() {
                let (line, column) = line_column(text, span.start);
                f = f.at(line, column);
            }
            f
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut municipalities = Vec::new();
        for (i, m) in raw.municipalities.into_iter().enumerate() {
            let key = if m.url.is_some() { "url" } else { "name" };
            let at = |message: String| {
                let (line, column) = find_key(text, key, i);
                Finding::error(RuleId::InvalidRegion, message)
                    .file(&shown)
                    .at(line, column)
            };
            let source = match (m.root, m.url) {
                (Some(root), None) => Source::Root(dir.join(root)),
                (None, Some(url)) => Source::Url(normalise_url(&url).ok_or_else(|| {
                    at(format!(
                        "у муниципалитета «{}» адрес «{url}» не начинается с http:// или https://",
                        m.name
                    ))
                })?),
                (None, None) => {
                    return Err(at(format!(
                        "у муниципалитета «{}» не указан ни root (папка сайта), ни url (адрес сайта)",
                        m.name
                    )));
                }
                (Some(_), Some(_)) => {
                    return Err(at(format!(
                        "у муниципалитета «{}» указаны и root, и url; оставьте одно",
                        m.name
                    )));
                }
            };
            municipalities.push(Municipality {
                name: m.name,
                source,
            });
        }
        if municipalities.is_empty() {
            return Err(Finding::error(
                RuleId::InvalidRegion,
                format!("в файле {shown} нет ни одного раздела [[municipality]]"),
            )
            .file(&shown));
        }
        Ok(Region {
            title: raw.title,
            timeout: Duration::from_secs(raw.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS).max(1)),
            municipalities,
        })
    }
}

/// `https://host/path` with a trailing slash, or `None` when it is not http(s).
fn normalise_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    // A reviewer may paste the status file's own address.
    let url = url.strip_suffix("status.json").unwrap_or(url);
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where `key` of the `i`-th `[[municipality]]` is written (the table's header
/// when the key is not found).
fn find_key(text: &str, key: &str, i: usize) -> (usize, usize) {
    let start = text
        .match_indices("[[municipality]]")
        .nth(i)
        .map_or(0, |(o, _)| o);
    let block = &text[start..];
    let end = block[1..].find("[[").map_or(block.len(), |e| e + 1);
    let at = block[..end]
        .lines()
        .scan(0, |offset, line| {
            let here = *offset;
            *offset += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |(o, line)| o + line.len() - line.trim_start().len());
    line_column(text, start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_get_a_trailing_slash_and_lose_status_json() {
        assert_eq!(
            normalise_url("https://uo.example/shnor").as_deref(),
            Some("https://uo.example/shnor/")
        );
        assert_eq!(
            normalise_url("https://uo.example/shnor/status.json").as_deref(),
            Some("https://uo.example/shnor/")
        );
        assert_eq!(normalise_url("uo.example/shnor"), None);
    }
}
