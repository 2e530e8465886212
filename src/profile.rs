//! Requirements profiles: which materials must be published (the mandated items)
//! and the risk-factor vocabulary. Data, not code: the default profile is
//! `profiles/default.toml`, built into the binary; a site may name its own.

use crate::diagnostics::Finding;
use crate::schema::Section;
use serde::Deserialize;
use std::path::Path;

pub const DEFAULT_PROFILE: &str = include_str!("../profiles/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile's name: whose requirements these are.
    pub name: String,
    #[serde(rename = "item")]
    pub items: Vec<Item>,
    #[serde(rename = "risk", default)]
    pub risks: Vec<Risk>,
}

/// A mandated item: something the authority's site must publish.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    /// What must be published, in Russian.
    pub title: String,
    /// The document and clause that makes it mandatory.
    pub basis: String,
    /// How to satisfy it, for reviewers and editors.
    #[serde(default)]
    pub hint: String,
    /// The section whose published records satisfy the item.
    pub section: Section,
    /// Only centres of this kind (`mnc`, `mtkp`) count, for plans.
    #[serde(default)]
    pub centre_kind: Option<String>,
    /// Only reports of records in these sections count, for reports.
    #[serde(default)]
    pub report_of: Vec<Section>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
}

impl Profile {
    pub fn builtin() -> Profile {
        toml::from_str(DEFAULT_PROFILE).expect("the built-in profile is valid (tested)")
    }

    /// The profile `site.toml` names, or the built-in one.
    pub fn for_site(root: &Path, path: Option<&str>) -> Result<Profile, Finding> {
        let Some(path) = path else {
            return Ok(Profile::builtin());
        };
        let text = read_limited(&root.join(path)).map_err(|e| {
            Finding::error(
                "invalid-profile",
                format!("не удалось прочитать профиль требований {path}: {e}"),
            )
            .file("site.toml")
        })?;
        toml::from_str(&text).map_err(|e| {
            let mut f = Finding::error(
                "invalid-profile",
                format!(
                    "ошибка в профиле требований: {}",
                    crate::config::explain(e.message())
                ),
            )
            .file(path);
            if let Some(span) = e.span() {
                let before = &text[..span.start.min(text.len())];
                f = f.at(
                    before.matches('\n').count() + 1,
                    before
                        .rsplit('\n')
                        .next()
                        .map(|l| l.chars().count())
                        .unwrap_or(0)
                        + 1,
                );
            }
            f
        })
    }

    pub fn risk(&self, id: &str) -> Option<&Risk> {
        self.risks.iter().find(|r| r.id == id)
    }
}

/// A profile is a page of settings: anything larger is not one (and is not read
/// whole into memory).
const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// The profile's text, refusing files over [`MAX_PROFILE_BYTES`] and non-text.
fn read_limited(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| crate::os_error::describe(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_PROFILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::os_error::describe(&e))?;
    if bytes.len() as u64 > MAX_PROFILE_BYTES {
        return Err(format!(
            "файл больше {} МБ — это не профиль",
            MAX_PROFILE_BYTES / 1024 / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|_| "файл не в кодировке UTF-8 (или не текстовый)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profile_has_seven_items_and_ten_risks() {
        let p = Profile::builtin();
        let ids: Vec<_> = p.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "system",
                "programs",
                "events",
                "roadmaps",
                "plans-mnc",
                "plans-mtkp",
                "reports"
            ]
        );
        let risks: Vec<_> = p.risks.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            risks,
            ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"]
        );
    }
}
