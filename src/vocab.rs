//! Closed vocabularies of the content model (person roles, document, event and
//! practice kinds, school levels, risk levels): each value's stable id, the
//! Russian label the site prints, and the other ways editors write it.
//!
//! Editors write what they see in their papers: `приказ`, «Семинар», `working group`,
//! `рабочая группа`. Every form of a term matches, ignoring case, ё/е and
//! punctuation ([`normalise`]), so a Russian label gives the same record as the
//! English id. A value matching nothing gets the closest term as a hint.

use crate::translit::slugify;
use std::sync::OnceLock;

/// One value of a vocabulary.
#[derive(Debug, PartialEq, Eq)]
pub struct Term {
    /// The stable id the contract names (`working-group`).
    pub id: &'static str,
    /// How the site prints one of them: «Приказ», «Член рабочей группы».
    pub label: &'static str,
    /// A heading over several: «Приказы», «Рабочая группа».
    pub plural: &'static str,
    /// Other accepted forms (besides the id and the label).
    pub aliases: &'static [&'static str],
}

impl Term {
    /// Every form the term accepts: id, label, plural, aliases.
    fn forms(&self) -> impl Iterator<Item = &'static str> {
        [self.id, self.label, self.plural]
            .into_iter()
            .chain(self.aliases.iter().copied())
    }
}

/// A closed list of terms, with what the list is about for messages.
#[derive(Debug)]
pub struct Vocabulary {
    /// «вид документа»: what a value of the list is, in messages.
    pub what: &'static str,
    pub terms: &'static [Term],
    /// Every form of every term as values are compared with it ([`Key`]): made
    /// once, as [`Vocabulary::find`] runs for every value of every record.
    keys: OnceLock<Vec<Key>>,
}

/// One form of a term as values are compared with it.
#[derive(Debug)]
struct Key {
    /// As [`normalise`] gives it: what [`Vocabulary::find`] matches.
    form: String,
    /// The same in Latin letters (`приказ` → `prikaz`): what a value typed in
    /// Latin letters is compared with by [`Vocabulary::closest`].
    latin: String,
    /// The term's index in `terms`.
    term: usize,
}

impl Vocabulary {
    /// The term an editor's value names, in any accepted form.
    pub fn find(&self, written: &str) -> Option<&'static Term> {
        let key = normalise(written);
        if key.is_empty() {
            return None;
        }
        // The first term with a matching form, in the order of `terms`.
        self.keys()
            .iter()
            .find(|k| k.form == key)
            .map(|k| &self.terms[k.term])
    }

    /// Every form of every term as [`normalise`] gives it, in the order of
    /// `terms`: made at the first call.
    fn keys(&self) -> &[Key] {
        self.keys.get_or_init(|| {
            self.terms
                .iter()
                .enumerate()
                .flat_map(|(i, t)| {
                    t.forms().map(move |f| {
                        let form = normalise(f);
                        Key {
                            latin: slugify(&form),
                            form,
                            term: i,
                        }
                    })
                })
                .collect()
        })
    }

    /// The term with exactly this id.
    pub fn by_id(&self, id: &str) -> Option<&'static Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// The printed label of a value: the term's label when known, else the value as
    /// written (nothing an editor wrote disappears from the page).
    pub fn label<'a>(&self, written: &'a str) -> &'a str {
        self.find(written).map_or(written, |t| t.label)
    }

    /// The term closest to a value that matched none (`семенар` → семинар), if
    /// any is close enough to be a typo; a value typed in Latin letters is also
    /// compared with the forms in Latin letters (`prikaz` → приказ).
    pub fn closest(&self, written: &str) -> Option<&'static Term> {
        let key = normalise(written);
        let latin = slugify(&key);
        let near = |form: &str, value: &str| {
            let d = strsim::damerau_levenshtein(form, value);
            (d <= 2.max(form.chars().count() / 3)).then_some(d)
        };
        self.keys()
            .iter()
            .filter_map(|k| {
                let d = near(&k.form, &key)
                    .into_iter()
                    .chain(near(&k.latin, &latin));
                Some((d.min()?, k.term))
            })
            .min_by_key(|&(d, _)| d)
            .map(|(_, i)| &self.terms[i])
    }

    /// The Russian hint for a value that matched nothing: the closest term if
    /// there is one, then every accepted value.
    pub fn hint(&self, written: &str) -> String {
        let all = self
            .terms
            .iter()
            .map(|t| format!("{} ({})", t.id, t.label.to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ");
        match self.closest(written) {
            Some(t) => format!(
                "возможно, имелось в виду «{}» ({}); допустимы: {all}",
                t.label.to_lowercase(),
                t.id
            ),
            None => format!("допустимы: {all}"),
        }
    }
}

/// The comparison form of a value: lower case, ё as е, every run of punctuation
/// and spaces as one space, trimmed. `Working_Group` = «working-group»,
/// «Член рабочей группы.» = `член  рабочей группы`.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    // NFC first: «Муниципальный» typed on a Mac arrives with «й» as и + ◌̆.
    for c in crate::unicode::nfc(text)
        .chars()
        .flat_map(char::to_lowercase)
    {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

const fn term(
    id: &'static str,
    label: &'static str,
    plural: &'static str,
    aliases: &'static [&'static str],
) -> Term {
    Term {
        id,
        label,
        plural,
        aliases,
    }
}

/// `people.roles` (contract section 5), in the order the team page shows them.
pub static PERSON_ROLES: Vocabulary = Vocabulary {
    keys: OnceLock::new(),
    what: "роль",
    terms: &[
        term(
            "coordinator",
            "Муниципальный координатор",
            // A district has one; the heading over the team page's group reads so.
            "Муниципальный координатор",
            &["координатор"],
        ),
        term("curator", "Куратор", "Кураторы", &["куратор школы"]),
        term(
            "working-group",
            "Член рабочей группы",
            "Рабочая группа",
            &["рабочая группа", "член рабочей группы", "workgroup"],
        ),
        term("tutor", "Тьютор", "Тьюторы", &[]),
        term("mentor", "Наставник", "Наставники", &[]),
        term("methodist", "Методист", "Методисты", &[]),
    ],
};

/// `documents.kind`: the kinds the contract names, then the ones in use before it
/// named them (letters, analyses, plans).
pub static DOCUMENT_KINDS: Vocabulary = Vocabulary {
    keys: OnceLock::new(),
    what: "вид документа",
    terms: &[
        term("order", "Приказ", "Приказы", &[]),
        term("protocol", "Протокол", "Протоколы", &[]),
        term("regulation", "Положение", "Положения", &[]),
        term(
            "development-concept",
            "Концепция развития",
            "Концепции развития",
            &["концепция развития школы"],
        ),
        term(
            "development-program",
            "Программа развития",
            "Программы развития",
            &[
                "среднесрочная программа развития",
                "среднесрочная программа",
                "программа развития школы",
            ],
        ),
        term(
            "antirisk-program",
            "Антирисковая программа",
            "Антирисковые программы",
            &["антирисковая", "anti-risk-program"],
        ),
        term(
            "self-diagnosis",
            "Результаты самодиагностики",
            "Результаты самодиагностики",
            &["самодиагностика"],
        ),
        term("letter", "Письмо", "Письма", &[]),
        term(
            "analysis",
            "Аналитическая справка",
            "Аналитические справки",
            &["справка"],
        ),
        term("plan", "План", "Планы", &[]),
        term("other", "Документ", "Другие документы", &["другое"]),
    ],
};

/// `events.kind`: the kinds in use, and `review` (contract section 5).
pub static EVENT_KINDS: Vocabulary = Vocabulary {
    keys: OnceLock::new(),
    what: "вид мероприятия",
    terms: &[
        term("seminar", "Семинар", "Семинары", &[]),
        term("webinar", "Вебинар", "Вебинары", &[]),
        term("consultation", "Консультация", "Консультации", &[]),
        term(
            "open-lessons",
            "Открытые уроки",
            "Открытые уроки",
            &["открытый урок"],
        ),
        term("conference", "Конференция", "Конференции", &[]),
        term("meeting", "Совещание", "Совещания", &[]),
        term("training", "Обучение", "Обучение", &["курсы"]),
        term(
            "review",
            "Рассмотрение хода реализации",
            "Рассмотрения хода реализации",
            &[
                "рассмотрение",
                "рассмотрение хода реализации проекта",
                "заседание рабочей группы",
            ],
        ),
        term("other", "Мероприятие", "Другие мероприятия", &["другое"]),
    ],
};

/// `practices.kind` (contract section 6).
pub static PRACTICE_KINDS: Vocabulary = Vocabulary {
    keys: OnceLock::new(),
    what: "вид практики",
    terms: &[
        term("lesson", "Урок", "Уроки", &["конспект урока"]),
        term("master-class", "Мастер-класс", "Мастер-классы", &[]),
        term("program", "Программа", "Программы", &[]),
        term(
            "method",
            "Методическая разработка",
            "Методические разработки",
            &["методика"],
        ),
        term(
            "curator-practice",
            "Кураторская практика",
            "Кураторские практики",
            &[],
        ),
        term("other", "Другое", "Другие практики", &[]),
    ],
};

/// `practices.levels`: the levels of general education.
pub static SCHOOL_LEVELS: Vocabulary = Vocabulary {
    keys: OnceLock::new(),
    what: "уровень образования",
    terms: &[
        term(
            "noo",
            "НОО",
            "Начальное общее образование",
            &["начальное общее", "начальная школа"],
        ),
        term(
            "ooo",
            "ООО",
            "Основное общее образование",
            &["основное общее", "основная школа"],
        ),
        term(
            "soo",
            "СОО",
            "Среднее общее образование",
            &["среднее общее", "старшая школа"],
        ),
    ],
};

/// The `level` of a school's risk factor (contract section 5).
pub static RISK_LEVELS: Vocabulary = Vocabulary {
    keys: OnceLock::new(),
    what: "уровень риска",
    terms: &[
        term("high", "Высокий", "Высокий уровень", &["высокая"]),
        term("medium", "Средний", "Средний уровень", &["средняя"]),
        term("low", "Низкий", "Низкий уровень", &["низкая"]),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&Vocabulary; 6] = [
        &PERSON_ROLES,
        &DOCUMENT_KINDS,
        &EVENT_KINDS,
        &PRACTICE_KINDS,
        &SCHOOL_LEVELS,
        &RISK_LEVELS,
    ];

    #[test]
    fn russian_labels_name_the_same_term_as_english_ids() {
        assert_eq!(DOCUMENT_KINDS.find("приказ").unwrap().id, "order");
        assert_eq!(DOCUMENT_KINDS.find("Протокол").unwrap().id, "protocol");
        assert_eq!(DOCUMENT_KINDS.find("ПОЛОЖЕНИЕ").unwrap().id, "regulation");
        assert_eq!(
            DOCUMENT_KINDS
                .find("среднесрочная программа развития")
                .unwrap()
                .id,
            "development-program"
        );
        assert_eq!(EVENT_KINDS.find("семинар").unwrap().id, "seminar");
        assert_eq!(EVENT_KINDS.find("Вебинар").unwrap().id, "webinar");
        assert_eq!(EVENT_KINDS.find("совещание").unwrap().id, "meeting");
        assert_eq!(EVENT_KINDS.find("review").unwrap().id, "review");
        assert_eq!(PERSON_ROLES.find("куратор").unwrap().id, "curator");
        assert_eq!(
            PERSON_ROLES.find("рабочая группа").unwrap().id,
            "working-group"
        );
        assert_eq!(RISK_LEVELS.find("высокий").unwrap().id, "high");
    }

    #[test]
    fn matching_ignores_case_yo_and_punctuation() {
        assert_eq!(
            PERSON_ROLES.find("Working_Group").unwrap().id,
            "working-group"
        );
        assert_eq!(
            PERSON_ROLES.find(" working group. ").unwrap().id,
            "working-group"
        );
        assert_eq!(
            PERSON_ROLES.find("Член  рабочей группы;").unwrap().id,
            "working-group"
        );
        assert_eq!(
            DOCUMENT_KINDS
                .find("«Результаты самодиагностики»")
                .unwrap()
                .id,
            "self-diagnosis"
        );
        // ё and е are one letter to an editor typing on a keyboard without ё.
        assert_eq!(normalise("Отчёт"), normalise("отчет"));
        assert_eq!(EVENT_KINDS.find("open lessons").unwrap().id, "open-lessons");
    }

    #[test]
    fn unknown_values_match_nothing_and_get_the_closest_term() {
        assert_eq!(EVENT_KINDS.find("семенар"), None);
        assert_eq!(EVENT_KINDS.closest("семенар").unwrap().id, "seminar");
        assert_eq!(DOCUMENT_KINDS.closest("прикз").unwrap().id, "order");
        assert_eq!(PERSON_ROLES.closest("curtor").unwrap().id, "curator");
        assert_eq!(EVENT_KINDS.closest("совсем другое слово"), None);
        // Typed in Latin letters: compared with the forms in Latin letters.
        assert_eq!(DOCUMENT_KINDS.closest("prikaz").unwrap().id, "order");
        assert_eq!(
            DOCUMENT_KINDS.closest("Polozhenie").unwrap().id,
            "regulation"
        );
        assert_eq!(EVENT_KINDS.closest("conferense").unwrap().id, "conference");
        assert_eq!(EVENT_KINDS.closest("kruglyj stol"), None);
        assert_eq!(PERSON_ROLES.closest("nastavnik").unwrap().id, "mentor");
    }

    #[test]
    fn a_value_typed_on_a_mac_finds_its_term() {
        // «й» as и + U+0306, as macOS writes it.
        let nfd = "Муниципальныи\u{306} координатор";
        assert_eq!(PERSON_ROLES.find(nfd).map(|t| t.id), Some("coordinator"));
        assert_eq!(
            PERSON_ROLES
                .find("член рабочеи\u{306} группы")
                .map(|t| t.id),
            Some("working-group")
        );
        assert_eq!(EVENT_KINDS.find(""), None);
        let hint = EVENT_KINDS.hint("вебнар");
        assert!(
            hint.starts_with("возможно, имелось в виду «вебинар» (webinar)"),
            "{hint}"
        );
        assert!(
            hint.contains("review (рассмотрение хода реализации)"),
            "{hint}"
        );
    }

    #[test]
    fn labels_print_known_terms_and_keep_unknown_values() {
        assert_eq!(DOCUMENT_KINDS.label("order"), "Приказ");
        assert_eq!(DOCUMENT_KINDS.label("приказ"), "Приказ");
        assert_eq!(EVENT_KINDS.label("круглый стол"), "круглый стол");
    }

    #[test]
    fn no_form_names_two_terms_of_one_vocabulary() {
        for v in ALL {
            let mut seen: Vec<(String, &str)> = Vec::new();
            for t in v.terms {
                for f in t.forms() {
                    let key = normalise(f);
                    if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                        assert_eq!(
                            *other, t.id,
                            "«{f}» names {other} and {} in {}",
                            t.id, v.what
                        );
                    }
                    seen.push((key, t.id));
                }
            }
        }
    }

    #[test]
    fn contract_ids_are_all_present() {
        let ids = |v: &Vocabulary| v.terms.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(
            ids(&PERSON_ROLES),
            [
                "coordinator",
                "curator",
                "working-group",
                "tutor",
                "mentor",
                "methodist"
            ]
        );
        for id in [
            "order",
            "protocol",
            "development-concept",
            "development-program",
            "antirisk-program",
            "self-diagnosis",
        ] {
            assert!(DOCUMENT_KINDS.by_id(id).is_some(), "{id}");
        }
        assert_eq!(
            ids(&PRACTICE_KINDS),
            [
                "lesson",
                "master-class",
                "program",
                "method",
                "curator-practice",
                "other"
            ]
        );
        assert_eq!(ids(&SCHOOL_LEVELS), ["noo", "ooo", "soo"]);
    }
}
