//! Values of `site.toml` that end up in every page, feed and sitemap, or name files
//! to read: checked when the settings are read. `base_url` is written into HTML,
//! XML (sitemap, Atom), robots.txt and the calendar, so it must be a web address
//! and nothing that could close an attribute or a line; `theme` and `profile` name
//! folders and files inside the site, never elsewhere on the computer.

use crate::diagnostics::{Finding, RuleId};
use std::path::{Component, Path};

/// Why `url` cannot be a `base_url`, if it cannot. Accepted: `http(s)://host[:port]`
/// with an optional path, or a path from the server root (`/`, `/preview/`).
pub fn base_url_problem(url: &str) -> Option<String> {
    let bad_char = url.chars().find(|&c| {
        c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '"' | '\'' | '&' | '`' | '\\' | '{' | '}' | '|' | '^'
            )
    });
    if let Some(c) = bad_char {
        let shown = if c.is_control() || c.is_whitespace() {
            format!("U+{:04X}", c as u32)
        } else {
            c.to_string()
        };
        return Some(format!(
            "в адресе сайта недопустимый символ «{shown}»; адрес попадает в каждую страницу, карту сайта и ленту"
        ));
    }
    if url.contains(['?', '#']) {
        return Some("адрес сайта не может содержать «?» или «#»".into());
    }
    if url.starts_with("//") {
        return Some("адрес сайта без схемы («//…»); укажите https://".into());
    }
    if url.starts_with('/') {
        return None;
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some(
            "адрес сайта должен начинаться с https:// или http:// (или быть путём от корня сервера, например /)".into(),
        );
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Some(format!(
            "адрес сайта со схемой «{scheme}:»; допустимы только https:// и http://"
        ));
    }
    let host = rest.split('/').next().unwrap_or_default();
    let (name, port) = host.rsplit_once(':').unwrap_or((host, ""));
    if name.is_empty() || host.contains('@') || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("в адресе сайта неверное имя сервера «{host}»"));
    }
    None
}

/// The settings [`validate`] checks, as read from `site.toml`.
pub struct Paths<'a> {
    pub base_url: &'a str,
    pub theme: &'a str,
    pub profile: Option<&'a str>,
}

/// Checks `base_url`, `theme` and `profile` of a parsed `site.toml` (`text`).
pub fn validate(root: &Path, config: Paths, text: &str) -> Result<(), Finding> {
    let at = |key: &str, message: String, hint: &str| {
        Finding::error(RuleId::InvalidConfig, message)
            .file("site.toml")
            .at(key_line(text, key), 1)
            .hint(hint.to_string())
    };
    if let Some(problem) = base_url_problem(config.base_url) {
        return Err(at(
            "base_url",
            format!("base_url: {problem}"),
            "например base_url = \"https://obr.example.ru/shnor/\"",
        ));
    }
    let theme = config.theme;
    if theme.is_empty()
        || !theme
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Err(at(
            "theme",
            format!(
                "theme: «{theme}» — не имя папки темы; тема указывается именем папки в themes/, без «/», «\\» и «..»"
            ),
            "например theme = \"moya-tema\" для папки themes/moya-tema/",
        ));
    }
    if !stays_inside(root, &root.join("themes").join(theme)) {
        return Err(at(
            "theme",
            format!(
                "theme: папка themes/{theme} — ссылка за пределы папки сайта; такие темы не читаются"
            ),
            "положите тему в папку themes/ самого сайта",
        ));
    }
    if let Some(profile) = config.profile {
        let path = Path::new(profile);
        let lexical = !profile.contains(':')
            && !profile.starts_with(['/', '\\'])
            && path
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !lexical || !stays_inside(root, &root.join(path)) {
            return Err(at(
                "profile",
                format!(
                    "profile: файл «{profile}» лежит вне папки сайта; профиль читается только из папки сайта"
                ),
                "положите профиль в папку сайта (например profiles/moy-profil.toml) и укажите путь от неё",
            ));
        }
    }
    Ok(())
}

/// Whether `path`, after following links, is inside `root` (a missing path is
/// judged by its text, the later read reports it missing).
fn stays_inside(root: &Path, path: &Path) -> bool {
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) => real.starts_with(real_root),
        _ => true,
    }
}

/// The line of `key = …` in `site.toml` (1 if not found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_web_addresses_or_paths() {
        for ok in [
            "/",
            "/preview/",
            "https://obr.example.ru",
            "https://example.ru/obr/shnor/",
            "http://localhost:8080/",
            "https://обр.рф/",
        ] {
            assert_eq!(base_url_problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example/",
            "https://a.ru/\"><script>",
            "https://a.ru/&x",
            "https://a.ru/\nDisallow: /",
            "ftp://a.ru/",
            "https:///path",
            "https://user@evil.example/",
            "obr.example.ru",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }
}
