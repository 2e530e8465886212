//! A school's risk profile (рисковый профиль, contract section 5): the risk
//! factors it has, each with a level and a note, and the table its page shows —
//! фактор риска, уровень, меры из дорожной карты, антирисковая программа.
//!
//! This module reads the values of `risks` entries and of a measure's or a
//! document's `risk`, and builds the table rows from plain data, so it knows
//! nothing of records: the school's kind gathers the measures and programmes.

use crate::vocab::{RISK_LEVELS, Term};
use crate::yaml::Node;
use serde::Serialize;

/// How strongly a risk factor shows in a school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    High,
    Medium,
    Low,
}

impl RiskLevel {
    /// `высокий`, `High`, `high` …: any form of [`RISK_LEVELS`].
    pub fn parse(written: &str) -> Option<RiskLevel> {
        match RISK_LEVELS.find(written)?.id {
            "high" => Some(RiskLevel::High),
            "medium" => Some(RiskLevel::Medium),
            "low" => Some(RiskLevel::Low),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        self.term().id
    }

    /// «Высокий».
    pub fn label_ru(self) -> &'static str {
        self.term().label
    }

    fn term(self) -> &'static Term {
        let id = match self {
            RiskLevel::High => "high",
            RiskLevel::Medium => "medium",
            RiskLevel::Low => "low",
        };
        RISK_LEVELS
            .by_id(id)
            .expect("every level is in RISK_LEVELS")
    }
}

/// One entry of a school's `risks`: `r3`, or `{risk: r3, level: high, note: …}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskSpec {
    pub id: String,
    pub level: Option<RiskLevel>,
    pub note: Option<String>,
}

/// Something wrong inside a `risks` entry: the key it is about (`None`: the entry
/// itself), the message and a hint, in Russian. The entry is still read without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    pub key: Option<String>,
    pub message: String,
    pub hint: String,
}

impl EntryProblem {
    fn new(key: Option<&str>, message: String, hint: impl Into<String>) -> Self {
        EntryProblem {
            key: key.map(str::to_string),
            message,
            hint: hint.into(),
        }
    }
}

/// The keys a `risks` entry written as a map takes.
pub const RISK_ENTRY_KEYS: [&str; 3] = ["risk", "level", "note"];

/// Reads one `risks` entry. `None` when there is no risk id to keep; problems
/// name what was refused, so nothing is dropped without a word.
pub fn parse_risk_entry(node: &Node) -> (Option<RiskSpec>, Vec<EntryProblem>) {
    let mut problems = Vec::new();
    let map = match node {
        Node::Map(map) => map,
        scalar => {
            let spec = scalar.as_text().map(|t| canonical_risk_id(&t));
            let spec = spec.filter(|id| !id.is_empty()).map(|id| RiskSpec {
                id,
                ..RiskSpec::default()
            });
            if spec.is_none() {
                problems.push(EntryProblem::new(
                    None,
                    format!(
                        "фактор риска записан как {}, а нужен идентификатор (r3) или набор полей",
                        scalar.type_name()
                    ),
                    "например: - r3  или  - {risk: r3, level: высокий, note: …}",
                ));
            }
            return (spec, problems);
        }
    };
    let get = |key: &str| map.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    for (key, _) in map {
        if !RISK_ENTRY_KEYS.contains(&key.as_str()) {
            problems.push(EntryProblem::new(
                Some(key),
                format!("в факторе риска неизвестное поле «{key}»"),
                "фактор риска может содержать поля risk (идентификатор), level (уровень), note (примечание)",
            ));
        }
    }
    let id = get("risk")
        .and_then(Node::as_text)
        .map(|t| canonical_risk_id(&t))
        .filter(|id| !id.is_empty());
    let Some(id) = id else {
        problems.push(EntryProblem::new(
            None,
            "в факторе риска нет поля «risk» с идентификатором фактора".into(),
            "например: - {risk: r3, level: высокий}",
        ));
        return (None, problems);
    };
    let level = get("level").filter(|n| !n.is_empty()).and_then(|n| {
        let text = n.as_text().unwrap_or_default();
        let level = RiskLevel::parse(&text);
        if level.is_none() {
            problems.push(EntryProblem::new(
                Some("level"),
                format!("неизвестный уровень риска «{text}»"),
                RISK_LEVELS.hint(&text),
            ));
        }
        level
    });
    let note = get("note")
        .and_then(Node::as_text)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    (Some(RiskSpec { id, level, note }), problems)
}

/// The risk ids of a measure's or a document's `risk`: one id, a list, or ids
/// separated by commas (`r3, r8`). `Err` with a message for a map or a list of maps.
pub fn parse_risk_ids(node: &Node) -> Result<Vec<String>, String> {
    let texts: Vec<String> = match node {
        Node::Null => Vec::new(),
        Node::List(items) => items
            .iter()
            .map(|n| {
                n.as_text().ok_or_else(|| {
                    format!("в списке рисков {} вместо идентификатора", n.type_name())
                })
            })
            .collect::<Result<_, _>>()?,
        Node::Map(_) => {
            return Err(
                "поле risk — идентификатор фактора риска (r3) или их список ([r3, r8]), а здесь набор полей"
                    .into(),
            );
        }
        scalar => scalar.as_text().into_iter().collect(),
    };
    Ok(texts
        .iter()
        .flat_map(|t| t.split(','))
        .map(canonical_risk_id)
        .filter(|id| !id.is_empty())
        .collect())
}

/// The id as the vocabulary writes it: trimmed, lower case, and a Cyrillic «р»
/// typed for the Latin «r» (`Р3` → `r3`): the two look the same on a Russian keyboard.
pub fn canonical_risk_id(written: &str) -> String {
    let lower = written.trim().to_lowercase();
    match lower.strip_prefix('р') {
        Some(rest) if rest.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() => {
            format!("r{rest}")
        }
        _ => lower,
    }
}

/// One row of the risk-profile table, generic over the link type the renderer uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskRow<L> {
    pub id: String,
    /// The factor's name from the profile's vocabulary, else the id as written.
    pub factor: String,
    /// False when the profile's vocabulary does not know the id.
    pub known: bool,
    /// `high`, `medium`, `low`: for a CSS class.
    pub level: Option<RiskLevel>,
    /// «Высокий».
    pub level_label: Option<&'static str>,
    pub note: Option<String>,
    /// Measures of the school's roadmaps that name this risk.
    pub measures: Vec<L>,
    /// The school's anti-risk programmes that name this risk.
    pub programs: Vec<L>,
}

/// Something that addresses risks (a measure, an anti-risk programme), with its link.
pub struct Addressing<'a, L> {
    pub risks: &'a [String],
    pub link: L,
}

/// The rows of a school's risk profile, in the vocabulary's (official) order,
/// factors unknown to it last in the order written. `vocabulary` lists
/// `(id, factor name)` pairs.
pub fn risk_profile_rows<L: Clone>(
    risks: &[RiskSpec],
    vocabulary: &[(&str, &str)],
    measures: &[Addressing<L>],
    programs: &[Addressing<L>],
) -> Vec<RiskRow<L>> {
    let position = |id: &str| {
        vocabulary
            .iter()
            .position(|(v, _)| *v == id)
            .unwrap_or(usize::MAX)
    };
    let mut ordered: Vec<&RiskSpec> = risks.iter().collect();
    // Stable: unknown factors keep the order they were written in.
    ordered.sort_by_key(|r| position(&r.id));
    ordered.dedup_by(|a, b| a.id == b.id);
    let addressing = |list: &[Addressing<L>], id: &str| {
        list.iter()
            .filter(|a| a.risks.iter().any(|r| r == id))
            .map(|a| a.link.clone())
            .collect::<Vec<_>>()
    };
    ordered
        .into_iter()
        .map(|r| {
            let factor = vocabulary.iter().find(|(v, _)| *v == r.id);
            RiskRow {
                id: r.id.clone(),
                factor: factor.map_or_else(|| r.id.clone(), |(_, name)| name.to_string()),
                known: factor.is_some(),
                level: r.level,
                level_label: r.level.map(RiskLevel::label_ru),
                note: r.note.clone(),
                measures: addressing(measures, &r.id),
                programs: addressing(programs, &r.id),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::test_nodes::{map, s};

    #[test]
    fn reads_a_bare_id_and_a_full_entry() {
        let (spec, problems) = parse_risk_entry(&s("r3"));
        assert_eq!(spec.unwrap().id, "r3");
        assert!(problems.is_empty());
        let (spec, problems) = parse_risk_entry(&map(&[
            ("risk", s("R8")),
            ("level", s("высокий")),
            ("note", s(" 40 % учащихся с рисками ")),
        ]));
        assert_eq!(
            spec.unwrap(),
            RiskSpec {
                id: "r8".into(),
                level: Some(RiskLevel::High),
                note: Some("40 % учащихся с рисками".into()),
            }
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn russian_and_english_levels_read_the_same() {
        for (written, level) in [
            ("high", RiskLevel::High),
            ("Высокий", RiskLevel::High),
            ("средний", RiskLevel::Medium),
            ("medium", RiskLevel::Medium),
            ("НИЗКИЙ", RiskLevel::Low),
        ] {
            assert_eq!(RiskLevel::parse(written), Some(level), "{written}");
        }
        assert_eq!(RiskLevel::Medium.label_ru(), "Средний");
        assert_eq!(RiskLevel::Low.id(), "low");
    }

    #[test]
    fn a_bad_level_or_key_is_named_and_the_risk_kept() {
        let (spec, problems) = parse_risk_entry(&map(&[
            ("risk", s("r3")),
            ("level", s("высокй")),
            ("коммент", s("x")),
        ]));
        assert_eq!(spec.unwrap().id, "r3");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].key.as_deref(), Some("коммент"));
        assert_eq!(problems[1].key.as_deref(), Some("level"));
        assert!(problems[1].hint.contains("«высокий»"), "{:?}", problems[1]);
        let (spec, problems) = parse_risk_entry(&map(&[("level", s("high"))]));
        assert!(spec.is_none());
        assert!(problems[0].message.contains("risk"));
    }

    #[test]
    fn cyrillic_r_is_read_as_latin() {
        assert_eq!(canonical_risk_id(" Р3 "), "r3");
        assert_eq!(canonical_risk_id("р10"), "r10");
        assert_eq!(canonical_risk_id("риск"), "риск");
    }

    #[test]
    fn a_measure_risk_is_one_id_a_list_or_commas() {
        assert_eq!(parse_risk_ids(&s("r3")).unwrap(), ["r3"]);
        assert_eq!(parse_risk_ids(&s("r3, R8")).unwrap(), ["r3", "r8"]);
        assert_eq!(
            parse_risk_ids(&Node::List(vec![s("r3"), s("р8")])).unwrap(),
            ["r3", "r8"]
        );
        assert!(parse_risk_ids(&map(&[("risk", s("r3"))])).is_err());
    }

    #[test]
    fn rows_follow_the_official_order_and_gather_what_addresses_each_risk() {
        let vocabulary = [
            ("r1", "Оснащение"),
            ("r3", "Компетентность"),
            ("r8", "Неуспешность"),
        ];
        let risks = vec![
            RiskSpec {
                id: "r8".into(),
                level: Some(RiskLevel::High),
                note: None,
            },
            RiskSpec {
                id: "r42".into(),
                ..RiskSpec::default()
            },
            RiskSpec {
                id: "r3".into(),
                level: Some(RiskLevel::Low),
                note: Some("кадры есть".into()),
            },
        ];
        let both = vec!["r3".to_string(), "r8".to_string()];
        let r8 = vec!["r8".to_string()];
        let measures = [
            Addressing {
                risks: &both,
                link: "курсы",
            },
            Addressing {
                risks: &r8,
                link: "консилиум",
            },
        ];
        let programs = [Addressing {
            risks: &r8,
            link: "антирисковая",
        }];
        let rows = risk_profile_rows(&risks, &vocabulary, &measures, &programs);
        let ids: Vec<_> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["r3", "r8", "r42"]);
        assert_eq!(rows[0].factor, "Компетентность");
        assert_eq!(rows[0].level_label, Some("Низкий"));
        assert_eq!(rows[0].measures, ["курсы"]);
        assert!(rows[0].programs.is_empty());
        assert_eq!(rows[1].measures, ["курсы", "консилиум"]);
        assert_eq!(rows[1].programs, ["антирисковая"]);
        assert!(!rows[2].known);
        assert_eq!(rows[2].factor, "r42");
    }
}
