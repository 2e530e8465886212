//! `site.toml`: the site's settings.

use crate::diagnostics::{Finding, RuleId};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's title, shown in the header and in every page title.
    pub title: String,
    /// The education authority that publishes the site.
    #[serde(default)]
    pub authority: String,
    /// One sentence for search engines and link previews.
    #[serde(default)]
    pub description: String,
    /// Where the site is published: `https://obr.example.ru` or with a path.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// A requirements profile replacing the built-in one (path from the site root).
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub security: SecurityConfig,
}

/// `[security]`: what raw HTML in records may bring in (see docs/security.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityConfig {
    /// Hosts whose `https` pages may be embedded with `<iframe>` (video players:
    /// `rutube.ru`, `vk.com`); a host allows its subdomains. Empty: no iframes.
    #[serde(default)]
    pub iframe_hosts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Working days after an event or a due date before its report counts as missing.
    #[serde(default = "default_grace")]
    pub report_grace_days: u32,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            report_grace_days: default_grace(),
        }
    }
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_grace() -> u32 {
    10
}

impl SiteConfig {
    /// Reads `root/site.toml`. Errors are findings positioned in that file.
    pub fn load(root: &Path) -> Result<SiteConfig, Finding> {
        let path = root.join("site.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Finding::error(
                    RuleId::InvalidConfig,
                    format!(
                        "не найден файл настроек site.toml в папке {}; запустите команду в папке сайта, укажите её через --root или создайте новый сайт: vitrina init ПАПКА",
                        root.display()
                    ),
                ));
            }
            Err(e) => {
                return Err(Finding::error(
                    RuleId::InvalidConfig,
                    format!(
                        "не удалось прочитать site.toml: {}",
                        crate::os_error::describe(&e)
                    ),
                )
                .file("site.toml"));
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let config: SiteConfig = toml::from_str(text).map_err(|e| {
            let mut f = Finding::error(RuleId::InvalidConfig, format!("ошибка в site.toml: {}", explain(e.message())))
                .file("site.toml");
            if let Some(span) = e.span() {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
                f = f.at(line, column);
            }
            f.hint("допустимые настройки: title, authority, description, base_url, theme, profile, раздел [check] с report_grace_days и раздел [security] с iframe_hosts")
        })?;
        let paths = crate::config_guard::Paths {
            base_url: &config.base_url,
            theme: &config.theme,
            profile: config.profile.as_deref(),
        };
        crate::config_guard::validate(root, paths, text)?;
        Ok(config)
    }

    /// The path part of `base_url` without a trailing slash: "" or "/obr".
    /// Every internal link starts with it, so the site works under a sub-path.
    /// Percent-encoded like [`Self::absolute_base`].
    pub fn base_path(&self) -> String {
        let without_scheme = match self.base_url.split_once("://") {
            Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or(""),
            None => self.base_url.as_str(),
        };
        crate::escape::url(without_scheme.trim_end_matches('/'))
    }

    /// `base_url` without a trailing slash, for absolute URLs (sitemap, canonical).
    /// Validation refuses a `base_url` with characters that break HTML, XML,
    /// robots.txt or the calendar (config_guard); as a second line of defence
    /// they are percent-encoded here, and XML writers escape it too.
    pub fn absolute_base(&self) -> String {
        crate::escape::url(self.base_url.trim_end_matches('/'))
    }
}

/// The toml crate's English messages in Russian where we know them; the original
/// follows after a dash.
pub(crate) fn explain(message: &str) -> String {
    let known = [
        ("unknown field", "неизвестная настройка"),
        ("missing field", "нет обязательной настройки"),
        ("invalid type", "неверный тип значения"),
        (
            "invalid basic string",
            "незакрытая кавычка или недопустимый символ в строке",
        ),
        ("expected `\"`", "незакрытая кавычка"),
        ("duplicate key", "настройка указана дважды"),
        (
            "invalid string",
            "значение-строку нужно заключить в кавычки",
        ),
        ("expected", "ошибка синтаксиса"),
    ];
    let message = message.trim();
    // The name the toml crate quotes in backticks (`adress`), if any: the rest of
    // its message is English and is not shown.
    let name = message
        .split('`')
        .nth(1)
        .filter(|n| !n.is_empty() && message.matches('`').count() >= 2);
    let ru = known
        .iter()
        .find(|(en, _)| message.contains(en))
        .map_or("ошибка синтаксиса", |(_, ru)| ru);
    match name {
        Some(name)
            if ["unknown field", "missing field", "duplicate key"]
                .iter()
                .any(|en| message.contains(en)) =>
        {
            format!("{ru} «{name}»")
        }
        _ => ru.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_base(url: &str) -> SiteConfig {
        toml::from_str(&format!("title = \"t\"\nbase_url = \"{url}\"")).unwrap()
    }

    #[test]
    fn derives_base_path() {
        assert_eq!(with_base("https://obr.example.ru").base_path(), "");
        assert_eq!(with_base("https://obr.example.ru/").base_path(), "");
        assert_eq!(
            with_base("https://example.ru/obr/shnor/").base_path(),
            "/obr/shnor"
        );
        assert_eq!(with_base("/preview").base_path(), "/preview");
    }
}
