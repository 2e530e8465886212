//! Requirements profiles: which materials must be published (the mandated items)
//! and the risk-factor vocabulary. Data, not code: the default profile is
//! `profiles/default.toml`, built into the binary; a site may name its own.

use crate::diagnostics::{Finding, RuleId, Severity};
use crate::kinds::schema::Section;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use toml::Spanned;

pub const DEFAULT_PROFILE: &str = include_str!("../../profiles/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile's name: whose requirements these are.
    pub name: String,
    #[serde(rename = "item")]
    pub items: Vec<Item>,
    #[serde(rename = "risk", default)]
    pub risks: Vec<Risk>,
    /// `[reviews]`: regular reviews of progress, checked by `review-missing`.
    #[serde(default)]
    pub reviews: Option<crate::reviews::ReviewsConfig>,
    /// `[rules]` as written: rule id → `"error" | "warning" | "off"`, with
    /// positions for the error message; read into `levels`.
    #[serde(rename = "rules", default)]
    rules_written: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    /// The severity of each rule `[rules]` names; `None`: off.
    #[serde(skip)]
    levels: HashMap<RuleId, Option<Severity>>,
    /// `[monitoring]`: how results data is judged (contract 7.3).
    #[serde(default)]
    pub monitoring: MonitoringSettings,
}

/// `[monitoring]` of a profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringSettings {
    /// A school is persistently low when low in each of this many last academic
    /// years of a series that have data (at least 1; default 2).
    #[serde(default = "default_persistent_years")]
    pub persistent_years: Spanned<usize>,
}

impl Default for MonitoringSettings {
    fn default() -> Self {
        MonitoringSettings {
            persistent_years: default_persistent_years(),
        }
    }
}

fn default_persistent_years() -> Spanned<usize> {
    Spanned::new(0..0, 2)
}

impl MonitoringSettings {
    pub fn persistent_years(&self) -> usize {
        *self.persistent_years.get_ref()
    }
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
                RuleId::InvalidProfile,
                format!("не удалось прочитать профиль требований {path}: {e}"),
            )
            .file("site.toml")
        })?;
        let mut profile: Profile = toml::from_str(&text).map_err(|e| {
            let f = Finding::error(
                RuleId::InvalidProfile,
                format!(
                    "ошибка в профиле требований: {}",
                    crate::config::explain(e.message())
                ),
            )
            .file(path);
            match e.span() {
                Some(span) => at(f, &text, span.start),
                None => f,
            }
        })?;
        if profile.monitoring.persistent_years() == 0 {
            let offset = profile.monitoring.persistent_years.span().start;
            return Err(at(
                Finding::error(
                    RuleId::InvalidProfile,
                    "в профиле требований [monitoring] persistent_years = 0: школа считается устойчиво низкой, если низкий результат у неё в каждом из последних N лет с данными, N — не меньше 1",
                )
                .file(path),
                &text,
                offset,
            ));
        }
        profile.levels = profile.read_rules().map_err(|(offset, message)| {
            at(
                Finding::error(RuleId::InvalidProfile, message).file(path),
                &text,
                offset,
            )
        })?;
        Ok(profile)
    }

    /// `[rules]` as severities; an unknown rule id or value is an error at its
    /// byte offset.
    fn read_rules(&self) -> Result<HashMap<RuleId, Option<Severity>>, (usize, String)> {
        let mut levels = HashMap::new();
        for (name, value) in &self.rules_written {
            let Some(rule) = RuleId::parse(name.get_ref()).filter(|r| r.configurable()) else {
                return Err((name.span().start, unknown_rule(name.get_ref())));
            };
            let level = match value.get_ref().as_str() {
                Some("error") => Some(Severity::Error),
                Some("warning") => Some(Severity::Warning),
                Some("off") => None,
                _ => {
                    return Err((
                        value.span().start,
                        format!(
                            "в профиле требований для правила «{rule}» указано {}; допустимо \"error\" (ошибка), \"warning\" (предупреждение) или \"off\" (не проверять)",
                            value.get_ref()
                        ),
                    ));
                }
            };
            levels.insert(rule, level);
        }
        Ok(levels)
    }

    /// The severity of a rule's findings on this site: the profile's `[rules]`,
    /// else the rule table's; `None` when the rule is switched off (it reports
    /// nothing, and the site shows no «не назначен» mark for what it asks for).
    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        match self.levels.get(&rule) {
            Some(level) => *level,
            None => Some(rule.info().severity),
        }
    }

    /// Applies `[rules]` to findings: drops those of rules switched off and
    /// gives the others the configured severity.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if self.levels.is_empty() {
            return;
        }
        findings.retain_mut(|f| match self.severity(f.rule) {
            Some(severity) => {
                f.severity = severity;
                true
            }
            None => false,
        });
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

/// The finding placed at a byte offset of the profile's text (line and column, 1-based).
fn at(f: Finding, text: &str, offset: usize) -> Finding {
    let before = &text[..offset.min(text.len())];
    f.at(
        before.matches('\n').count() + 1,
        before
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1,
    )
}

/// «неизвестное правило …», naming the closest rule a profile may configure.
fn unknown_rule(name: &str) -> String {
    let closest = RuleId::ALL
        .iter()
        .filter(|r| r.configurable())
        .min_by_key(|r| strsim::damerau_levenshtein(r.as_str(), name))
        .map(|r| r.as_str())
        .unwrap_or_default();
    let fixed = RuleId::parse(name).is_some_and(|r| r.info().blocks_build);
    if fixed {
        format!(
            "в профиле требований в [rules] указано правило «{name}»: его нельзя настроить — без него сайт не собрать"
        )
    } else {
        format!(
            "в профиле требований в [rules] неизвестное правило «{name}»; возможно, имелось в виду «{closest}»"
        )
    }
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

    fn profile(root: &Path, text: &str) -> Result<Profile, Finding> {
        std::fs::write(root.join("p.toml"), text).unwrap();
        Profile::for_site(root, Some("p.toml"))
    }

    const ITEM: &str =
        "name = \"П\"\n[[item]]\nid = \"a\"\ntitle = \"А\"\nbasis = \"Б\"\nsection = \"events\"\n";

    #[test]
    fn persistent_years_default_to_two_and_can_be_set() {
        assert_eq!(Profile::builtin().monitoring.persistent_years(), 2);
        let dir = tempfile::tempdir().unwrap();
        let p = profile(
            dir.path(),
            &format!("{ITEM}[monitoring]\npersistent_years = 3\n"),
        )
        .unwrap();
        assert_eq!(p.monitoring.persistent_years(), 3);
    }

    #[test]
    fn zero_persistent_years_is_a_profile_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let e = profile(
            dir.path(),
            &format!("{ITEM}[monitoring]\npersistent_years = 0\n"),
        )
        .unwrap_err();
        assert_eq!(e.rule, RuleId::InvalidProfile);
        assert_eq!(e.line, Some(8));
        assert!(e.message.contains("persistent_years"), "{}", e.message);
        let e = profile(
            dir.path(),
            &format!("{ITEM}[monitoring]\npersistent_year = 3\n"),
        )
        .unwrap_err();
        assert!(e.message.contains("persistent_year"), "{}", e.message);
    }
}
