//! Column recognition by heading: the usual Russian wordings of each column,
//! compared ignoring case, punctuation and stray spaces (contract, section 9).

/// What a column holds, for the kind being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// «№ п/п»: row numbers, dropped.
    Number,
    /// A record field written as text (`title`, `due`, `responsible` …).
    Field(&'static str),
    /// An indicator's baseline; the period comes from the heading when it names one.
    Baseline(Option<String>),
    /// An indicator's target for a period («2026/2027», «План 2026/2027»).
    Target(String),
    /// An indicator's actual value for a period («Факт 2025/2026»).
    Actual(String),
}

impl Column {
    /// How the summary names what the column became.
    pub fn describe(&self) -> String {
        match self {
            Column::Number => "номера строк (не переносятся)".into(),
            Column::Field(f) => (*f).into(),
            Column::Baseline(Some(p)) => format!("baseline (период {p})"),
            Column::Baseline(None) => "baseline".into(),
            Column::Target(p) => format!("targets «{p}»"),
            Column::Actual(p) => format!("values «{p}»"),
        }
    }
}

/// The headings of one field: exact wordings; a heading that starts with one of
/// them followed by more words («Срок исполнения мероприятия») matches too.
pub type Vocabulary = &'static [(&'static str, &'static [&'static str])];

const NUMBER: &[&str] = &[
    "№",
    "№ п п",
    "№п п",
    "п п",
    "n п п",
    "no",
    "номер",
    "номер п п",
];

const TITLE: &[&str] = &[
    "мероприятие",
    "мероприятия",
    "наименование мероприятия",
    "наименование мероприятий",
    "название мероприятия",
    "содержание работы",
    "содержание работ",
    "содержание деятельности",
    "содержание мероприятия",
    "наименование",
    "задача мероприятие",
];
const DUE: &[&str] = &[
    "срок",
    "сроки",
    "срок исполнения",
    "сроки исполнения",
    "срок выполнения",
    "сроки выполнения",
    "срок реализации",
    "сроки реализации",
    "срок проведения",
    "сроки проведения",
    "дата проведения",
    "дата",
];
const RESPONSIBLE: &[&str] = &[
    "ответственный",
    "ответственные",
    "ответственный исполнитель",
    "ответственные исполнители",
    "исполнитель",
    "исполнители",
    "ответственное лицо",
    "ответственные лица",
];
const RESULT: &[&str] = &[
    "ожидаемый результат",
    "ожидаемые результаты",
    "планируемый результат",
    "планируемые результаты",
    "результат",
    "результаты",
];
const STATUS: &[&str] = &[
    "отметка о выполнении",
    "отметка об исполнении",
    "отметка о выполнении мероприятия",
    "статус",
    "статус выполнения",
    "выполнение",
    "исполнение",
];
const COMMENT: &[&str] = &[
    "комментарий",
    "комментарии",
    "примечание",
    "примечания",
    "информация о выполнении",
    "информация об исполнении",
    "пояснение",
    "пояснения",
    "фактический результат",
    "достигнутый результат",
];

pub const MEASURES: Vocabulary = &[
    ("title", TITLE),
    ("due", DUE),
    ("responsible", RESPONSIBLE),
    ("result", RESULT),
];

/// A report keeps title, status and comment; the plan's own columns are
/// recognised (`-`) so the summary says why they are not carried over.
pub const REPORT: Vocabulary = &[
    ("title", TITLE),
    ("status", STATUS),
    ("comment", COMMENT),
    ("-", DUE),
    ("-", RESPONSIBLE),
    ("-", RESULT),
];

pub const SCHOOLS: Vocabulary = &[
    ("id", &["идентификатор", "id", "код"]),
    (
        "name",
        &[
            "полное наименование",
            "наименование оо",
            "наименование образовательной организации",
            "наименование общеобразовательной организации",
            "наименование школы",
            "наименование",
            "название",
            "название школы",
            "школа",
            "образовательная организация",
            "общеобразовательная организация",
            "оо",
        ],
    ),
    (
        "short_name",
        &[
            "краткое наименование",
            "сокращенное наименование",
            "краткое название",
            "сокращенное название",
        ],
    ),
    (
        "categories",
        &["категория", "категории", "шнор шссу", "группа поддержки"],
    ),
    ("mentor", &["школа наставник", "наставник"]),
    ("curator", &["куратор", "кураторы"]),
    (
        "risks",
        &["риски", "факторы риска", "рисковый профиль", "риск профиль"],
    ),
    (
        "address",
        &[
            "адрес",
            "юридический адрес",
            "фактический адрес",
            "почтовый адрес",
        ],
    ),
    (
        "website",
        &[
            "сайт",
            "адрес сайта",
            "официальный сайт",
            "сайт оо",
            "сайт школы",
        ],
    ),
];

pub const PEOPLE: Vocabulary = &[
    (
        "name",
        &[
            "фио",
            "ф и о",
            "фамилия имя отчество",
            "фамилия и о",
            "фамилия имя отчество полностью",
        ],
    ),
    (
        "position",
        &[
            "должность",
            "должность место работы",
            "место работы должность",
            "должность организация",
        ],
    ),
    (
        "roles",
        &["роль", "роли", "функция", "функции", "роль в проекте"],
    ),
    (
        "schools",
        &[
            "школы",
            "курируемые школы",
            "закрепленные школы",
            "курируемые оо",
        ],
    ),
    (
        "email",
        &[
            "email",
            "e mail",
            "электронная почта",
            "эл почта",
            "адрес электронной почты",
        ],
    ),
    (
        "phone",
        &[
            "телефон",
            "рабочий телефон",
            "контактный телефон",
            "служебный телефон",
        ],
    ),
];

pub const INDICATOR: Vocabulary = &[
    (
        "title",
        &[
            "показатель",
            "наименование показателя",
            "индикатор",
            "наименование индикатора",
            "кип",
        ],
    ),
    (
        "unit",
        &[
            "единица измерения",
            "ед изм",
            "ед измерения",
            "единицы измерения",
        ],
    ),
    (
        "better",
        &["направление", "желаемая динамика", "динамика", "улучшение"],
    ),
    (
        "method",
        &[
            "методика расчета",
            "методика",
            "формула расчета",
            "порядок расчета",
        ],
    ),
    (
        "source",
        &[
            "источник данных",
            "источник",
            "источник информации",
            "источники данных",
        ],
    ),
    ("periodicity", &["периодичность", "периодичность сбора"]),
    ("responsible", RESPONSIBLE),
];

pub const MONITORING: Vocabulary = &[
    (
        "school",
        &[
            "школа",
            "school",
            "оо",
            "образовательная организация",
            "наименование оо",
            "код оо",
        ],
    ),
    ("subject", &["предмет", "учебный предмет", "subject"]),
    ("grade", &["класс", "параллель", "grade"]),
    (
        "value",
        &[
            "значение",
            "value",
            "доля",
            "процент",
            "средний балл",
            "показатель",
        ],
    ),
];

/// Lowercase, `ё` → `е`, everything but letters, digits and `№` turned into
/// single spaces: «Срок исполнения:» and « срок  ИСПОЛНЕНИЯ » are the same.
pub fn normalise(heading: &str) -> String {
    let mapped: String = heading
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() || c == '№' => c,
            _ => ' ',
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The column a heading names for a kind, if any. The longest matching
/// wording wins («адрес сайта» is the website, not the address).
pub fn recognise(heading: &str, vocabulary: Vocabulary, periods: bool) -> Option<Column> {
    let h = normalise(heading);
    if h.is_empty() {
        return None;
    }
    if periods && let Some(c) = period_column(heading, &h) {
        return Some(c);
    }
    let matches = |w: &str| h == w || h.strip_prefix(w).is_some_and(|rest| rest.starts_with(' '));
    if NUMBER.iter().any(|w| h == *w) {
        return Some(Column::Number);
    }
    vocabulary
        .iter()
        .flat_map(|(field, words)| words.iter().map(move |w| (*field, *w)))
        .filter(|(_, w)| matches(w))
        .max_by_key(|(_, w)| w.len())
        .map(|(field, _)| Column::Field(field))
}

/// Indicator columns named by a period: «Базовое значение (2024/2025)»,
/// «2026/2027», «Целевое значение на 2026/2027», «Факт 2025/2026».
fn period_column(raw: &str, h: &str) -> Option<Column> {
    let period = academic_year_in(raw);
    if h.starts_with("базов") {
        return Some(Column::Baseline(period));
    }
    let period = period?;
    if ["факт", "фактическ", "достигнут"]
        .iter()
        .any(|w| h.starts_with(w))
    {
        Some(Column::Actual(period))
    } else {
        Some(Column::Target(period))
    }
}

/// «2025/2026», «2025-2026», «2025 – 2026 уч. год» → "2025/2026".
pub fn academic_year_in(text: &str) -> Option<String> {
    let digits: Vec<(usize, &str)> = text
        .match_indices(|c: char| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .chunk_by(|a, b| b.0 == a.0 + 1)
        .map(|run| (run[0].0, &text[run[0].0..run[run.len() - 1].0 + 1]))
        .collect();
    digits.windows(2).find_map(|w| {
        let (a, b): (i32, i32) = (w[0].1.parse().ok()?, w[1].1.parse().ok()?);
        let between = &text[w[0].0 + w[0].1.len()..w[1].0];
        let joined = between
            .chars()
            .all(|c| c.is_whitespace() || "/-–—".contains(c));
        (w[0].1.len() == 4 && b == a + 1 && joined).then(|| format!("{a}/{b}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(heading: &str, v: Vocabulary) -> Option<&'static str> {
        match recognise(heading, v, false) {
            Some(Column::Field(f)) => Some(f),
            _ => None,
        }
    }

    #[test]
    fn recognises_the_usual_wordings_ignoring_case_and_punctuation() {
        assert_eq!(field("Наименование мероприятия", MEASURES), Some("title"));
        assert_eq!(field("  СОДЕРЖАНИЕ РАБОТЫ ", MEASURES), Some("title"));
        assert_eq!(field("Срок исполнения:", MEASURES), Some("due"));
        assert_eq!(field("Дата проведения", MEASURES), Some("due"));
        assert_eq!(
            field("Ответственные\nисполнители", MEASURES),
            Some("responsible")
        );
        assert_eq!(field("Исполнитель", MEASURES), Some("responsible"));
        assert_eq!(field("Планируемый результат", MEASURES), Some("result"));
        assert_eq!(field("Отметка о выполнении", REPORT), Some("status"));
        assert_eq!(field("Адрес сайта", SCHOOLS), Some("website"));
        assert_eq!(field("Юридический адрес", SCHOOLS), Some("address"));
        assert_eq!(field("Ф.И.О.", PEOPLE), Some("name"));
        assert_eq!(field("Примечание", MEASURES), None);
        assert_eq!(recognise("№ п/п", MEASURES, false), Some(Column::Number));
        assert_eq!(recognise("№", MEASURES, false), Some(Column::Number));
    }

    #[test]
    fn reads_periods_from_indicator_headings() {
        assert_eq!(
            recognise("Базовое значение (2024/2025)", INDICATOR, true),
            Some(Column::Baseline(Some("2024/2025".into())))
        );
        assert_eq!(
            recognise("Целевое значение на 2026-2027 уч. год", INDICATOR, true),
            Some(Column::Target("2026/2027".into()))
        );
        assert_eq!(
            recognise("Факт 2025 – 2026", INDICATOR, true),
            Some(Column::Actual("2025/2026".into()))
        );
        assert_eq!(recognise("2025/2027", INDICATOR, true), None);
    }
}
