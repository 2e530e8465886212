//! The bank of practices (contract section 6), found by risk factor, subject and
//! level of education without JavaScript: each of the three facets groups the
//! practices under its values, and the section page prints the groups as
//! `<details>` lists. The same values, as `data-` attributes on each practice,
//! let `static/practices.js` filter the list in place.
//!
//! Plain data in, views out: the practices' kind gathers the tags and links.

use crate::translit::slugify;
use crate::vocab::{SCHOOL_LEVELS, normalise};
use serde::Serialize;

/// What a practice is tagged with: risk ids, subjects as written, level ids.
#[derive(Debug, Clone, Copy)]
pub struct Tags<'a> {
    pub risks: &'a [String],
    pub subjects: &'a [String],
    pub levels: &'a [String],
}

/// One way to find a practice: by risk, by subject or by level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facet<L> {
    /// `risk`, `subject`, `level`: the filter's name and the data attribute.
    pub id: &'static str,
    /// «По фактору риска».
    pub title: &'static str,
    pub groups: Vec<Group<L>>,
}

/// The practices with one value of a facet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group<L> {
    /// The filter value: a risk or level id, or a subject's ASCII key.
    pub key: String,
    pub label: String,
    pub items: Vec<L>,
}

/// The `data-` attribute values of one practice for the in-place filter:
/// keys separated by spaces (keys never hold one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilterKeys {
    pub risks: String,
    pub subjects: String,
    pub levels: String,
}

/// A subject's key: «Русский язык», «русский  язык.» and «Русский Язык» are one
/// subject; ASCII so it fits an attribute list and a URL.
pub fn subject_key(subject: &str) -> String {
    slugify(&normalise(subject))
}

pub fn filter_keys(tags: Tags) -> FilterKeys {
    FilterKeys {
        risks: tags.risks.join(" "),
        subjects: tags
            .subjects
            .iter()
            .map(|s| subject_key(s))
            .collect::<Vec<_>>()
            .join(" "),
        levels: tags.levels.join(" "),
    }
}

/// The three facets over the practices, in the order they are given (the
/// caller orders the practices). Risks follow the vocabulary's order (`(id,
/// name)` pairs; ids it does not know come last), subjects the alphabet (labelled
/// as first written), levels НОО, ООО, СОО. Values no practice has are left out.
pub fn facets<L: Clone>(
    practices: &[(Tags, L)],
    risk_vocabulary: &[(&str, &str)],
) -> Vec<Facet<L>> {
    let mut risks: Vec<Group<L>> = Vec::new();
    let mut subjects: Vec<Group<L>> = Vec::new();
    let mut levels: Vec<Group<L>> = Vec::new();
    for (tags, link) in practices {
        for id in tags.risks {
            let label = match risk_vocabulary.iter().find(|(v, _)| v == id) {
                Some((_, name)) => format!("{}. {name}", id.to_uppercase()),
                None => id.to_uppercase(),
            };
            add(&mut risks, id.clone(), label, link);
        }
        for s in tags.subjects {
            add(&mut subjects, subject_key(s), capitalised(s.trim()), link);
        }
        for id in tags.levels {
            let label = SCHOOL_LEVELS
                .by_id(id)
                .map_or_else(|| id.clone(), |t| format!("{} ({})", t.plural, t.label));
            add(&mut levels, id.clone(), label, link);
        }
    }
    let rank =
        |order: &[&str], key: &str| order.iter().position(|o| *o == key).unwrap_or(usize::MAX);
    let risk_order: Vec<&str> = risk_vocabulary.iter().map(|(id, _)| *id).collect();
    risks.sort_by_key(|g| rank(&risk_order, &g.key));
    subjects.sort_by_key(|g| normalise(&g.label));
    let level_order: Vec<&str> = SCHOOL_LEVELS.terms.iter().map(|t| t.id).collect();
    levels.sort_by_key(|g| rank(&level_order, &g.key));
    vec![
        Facet {
            id: "risk",
            title: "По фактору риска",
            groups: risks,
        },
        Facet {
            id: "subject",
            title: "По предмету",
            groups: subjects,
        },
        Facet {
            id: "level",
            title: "По уровню образования",
            groups: levels,
        },
    ]
}

/// «математика» → «Математика»: a subject heads its group as in a timetable.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn add<L: Clone>(groups: &mut Vec<Group<L>>, key: String, label: String, link: &L) {
    match groups.iter_mut().find(|g| g.key == key) {
        Some(g) => g.items.push(link.clone()),
        None => groups.push(Group {
            key,
            label,
            items: vec![link.clone()],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn groups_practices_under_every_value_of_each_facet() {
        let (r_a, s_a, l_a) = (
            strings(&["r8", "r3"]),
            strings(&["Математика"]),
            strings(&["ooo"]),
        );
        let (r_b, s_b, l_b) = (
            strings(&["r3"]),
            strings(&["математика ", "Русский язык"]),
            strings(&["noo", "ooo"]),
        );
        let practices = [
            (
                Tags {
                    risks: &r_a,
                    subjects: &s_a,
                    levels: &l_a,
                },
                "А",
            ),
            (
                Tags {
                    risks: &r_b,
                    subjects: &s_b,
                    levels: &l_b,
                },
                "Б",
            ),
        ];
        let vocabulary = [("r3", "Компетентность"), ("r8", "Неуспешность")];
        let f = facets(&practices, &vocabulary);
        assert_eq!(
            f.iter().map(|f| f.id).collect::<Vec<_>>(),
            ["risk", "subject", "level"]
        );
        let risk: Vec<_> = f[0]
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.items.clone()))
            .collect();
        assert_eq!(
            risk,
            [
                ("R3. Компетентность", vec!["А", "Б"]),
                ("R8. Неуспешность", vec!["А"])
            ]
        );
        // «Математика» and «математика » are one subject, labelled as first written.
        let subject: Vec<_> = f[1]
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.items.len()))
            .collect();
        assert_eq!(subject, [("Математика", 2), ("Русский язык", 1)]);
        assert_eq!(f[1].groups[0].key, "matematika");
        let level: Vec<_> = f[2]
            .groups
            .iter()
            .map(|g| (g.key.as_str(), g.items.clone()))
            .collect();
        assert_eq!(level, [("noo", vec!["Б"]), ("ooo", vec!["А", "Б"])]);
        assert_eq!(f[2].groups[0].label, "Начальное общее образование (НОО)");
    }

    #[test]
    fn filter_keys_match_the_group_keys() {
        let (r, s, l) = (
            strings(&["r3", "r8"]),
            strings(&["Русский язык", "Литература"]),
            strings(&["soo"]),
        );
        let keys = filter_keys(Tags {
            risks: &r,
            subjects: &s,
            levels: &l,
        });
        assert_eq!(keys.risks, "r3 r8");
        assert_eq!(keys.subjects, "russkij-yazyk literatura");
        assert_eq!(keys.levels, "soo");
        assert_eq!(subject_key("Русский  язык."), "russkij-yazyk");
    }
}
