//! What each section's records hold: the one table read by the loader (types,
//! unknown fields), the checker (`field-missing`) and `vitrina new` (templates).

use serde::{Deserialize, Serialize};

/// The nine sections of `content/`, in the order the site shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    System,
    Schools,
    Centres,
    Roadmaps,
    Plans,
    Programs,
    Events,
    Reports,
    Documents,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::System,
        Section::Schools,
        Section::Centres,
        Section::Roadmaps,
        Section::Plans,
        Section::Programs,
        Section::Events,
        Section::Reports,
        Section::Documents,
    ];

    /// The folder under `content/`.
    pub fn dir(self) -> &'static str {
        match self {
            Section::System => "system",
            Section::Schools => "schools",
            Section::Centres => "centres",
            Section::Roadmaps => "roadmaps",
            Section::Plans => "plans",
            Section::Programs => "programs",
            Section::Events => "events",
            Section::Reports => "reports",
            Section::Documents => "documents",
        }
    }

    pub fn from_dir(dir: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.dir() == dir)
    }

    /// The section's heading on the site.
    pub fn title_ru(self) -> &'static str {
        match self {
            Section::System => "Система работы",
            Section::Schools => "Школы",
            Section::Centres => "Наставнические центры и тьюторские пункты",
            Section::Roadmaps => "Дорожные карты",
            Section::Plans => "Планы работы МНЦ и МТКП",
            Section::Programs => "Программы ДПО",
            Section::Events => "Мероприятия",
            Section::Reports => "Отчёты",
            Section::Documents => "Документы",
        }
    }

    /// «дорожная карта», to say what kind of record is meant in messages.
    pub fn record_ru(self) -> &'static str {
        match self {
            Section::System => "страница раздела «Система работы»",
            Section::Schools => "школа",
            Section::Centres => "центр (МНЦ или МТКП)",
            Section::Roadmaps => "дорожная карта",
            Section::Plans => "план работы",
            Section::Programs => "программа ДПО",
            Section::Events => "мероприятие",
            Section::Reports => "отчёт",
            Section::Documents => "документ",
        }
    }

    /// The fields a record of this section takes, common ones included.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Section::System => SYSTEM,
            Section::Schools => SCHOOLS,
            Section::Centres => CENTRES,
            Section::Roadmaps => ROADMAPS,
            Section::Plans => PLANS,
            Section::Programs => PROGRAMS,
            Section::Events => EVENTS,
            Section::Reports => REPORTS,
            Section::Documents => DOCUMENTS,
        }
    }

    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }
}

/// The type of a field's value, as the loader checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    /// Text or a bare number kept as text (document `number`).
    TextOrNumber,
    Integer,
    Bool,
    Date,
    AcademicYear,
    DateList,
    TextList,
    /// A reference by id inside the named section.
    Ref(Section),
    /// A reference by full id (`events/seminar-okt`), in reports' `of`.
    FullRef,
    Attachment,
    AttachmentList,
    Measures,
    MeasureStatuses,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    pub need: Need,
    /// What the field means, in Russian: comments in `vitrina new`, hints in messages.
    pub about: &'static str,
}

impl FieldSpec {
    pub fn required(&self) -> bool {
        self.need == Need::Required
    }
}

const fn req(name: &'static str, ty: FieldType, about: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        need: Need::Required,
        about,
    }
}

const fn opt(name: &'static str, ty: FieldType, about: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        need: Need::Optional,
        about,
    }
}

use FieldType as T;

const TITLE: FieldSpec = opt("title", T::Text, "заголовок");
const UPDATED: FieldSpec = opt("updated", T::Date, "дата последнего изменения, ГГГГ-ММ-ДД");
const DRAFT: FieldSpec = opt(
    "draft",
    T::Bool,
    "true — черновик: не публикуется и не учитывается проверкой",
);
const WEIGHT: FieldSpec = opt("weight", T::Integer, "порядок в списках (меньше — выше)");

const SYSTEM: &[FieldSpec] = &[
    req("title", T::Text, "заголовок страницы"),
    WEIGHT,
    UPDATED,
    DRAFT,
];

const SCHOOLS: &[FieldSpec] = &[
    req("name", T::Text, "полное официальное наименование школы"),
    opt(
        "short_name",
        T::Text,
        "краткое наименование, например «МБОУ СОШ № 3»",
    ),
    opt(
        "categories",
        T::TextList,
        "категории: shnor (ШНОР), shssu (ШССУ)",
    ),
    opt(
        "mentor",
        T::Ref(Section::Schools),
        "школа-наставник (идентификатор школы)",
    ),
    opt("curator", T::Text, "куратор: ФИО и должность"),
    opt(
        "risks",
        T::TextList,
        "факторы риска из рискового профиля: r1 … r10",
    ),
    opt("address", T::Text, "адрес"),
    opt("website", T::Text, "сайт школы"),
    TITLE,
    UPDATED,
    DRAFT,
    WEIGHT,
];

const CENTRES: &[FieldSpec] = &[
    req("kind", T::Text, "вид: mnc (МНЦ) или mtkp (МТКП)"),
    req("name", T::Text, "наименование центра"),
    opt(
        "base",
        T::Ref(Section::Schools),
        "базовая школа (идентификатор школы)",
    ),
    opt("head", T::Text, "руководитель: ФИО и должность"),
    TITLE,
    UPDATED,
    DRAFT,
    WEIGHT,
];

const ROADMAPS: &[FieldSpec] = &[
    req(
        "school",
        T::Ref(Section::Schools),
        "школа (идентификатор школы)",
    ),
    req(
        "academic_year",
        T::AcademicYear,
        "учебный год, например \"2026/2027\"",
    ),
    req(
        "measures",
        T::Measures,
        "мероприятия: title, due, responsible, result",
    ),
    opt(
        "approved_by",
        T::Ref(Section::Documents),
        "приказ об утверждении (идентификатор документа)",
    ),
    opt(
        "reports_due",
        T::DateList,
        "сроки отчётов о выполнении, ГГГГ-ММ-ДД",
    ),
    TITLE,
    UPDATED,
    DRAFT,
    WEIGHT,
];

const PLANS: &[FieldSpec] = &[
    req(
        "centre",
        T::Ref(Section::Centres),
        "центр (идентификатор МНЦ или МТКП)",
    ),
    req(
        "academic_year",
        T::AcademicYear,
        "учебный год, например \"2026/2027\"",
    ),
    req(
        "measures",
        T::Measures,
        "мероприятия: title, due, responsible, result",
    ),
    opt(
        "approved_by",
        T::Ref(Section::Documents),
        "приказ об утверждении (идентификатор документа)",
    ),
    opt(
        "reports_due",
        T::DateList,
        "сроки отчётов о выполнении, ГГГГ-ММ-ДД",
    ),
    TITLE,
    UPDATED,
    DRAFT,
    WEIGHT,
];

const PROGRAMS: &[FieldSpec] = &[
    req("title", T::Text, "название программы"),
    req("hours", T::Integer, "объём в часах, числом: 16, 36, 72"),
    opt("form", T::Text, "форма обучения"),
    opt("audience", T::Text, "для кого"),
    opt("provider", T::Text, "организация, реализующая программу"),
    opt("start", T::Date, "начало обучения, ГГГГ-ММ-ДД"),
    opt("end", T::Date, "окончание обучения, ГГГГ-ММ-ДД"),
    opt(
        "academic_year",
        T::AcademicYear,
        "учебный год, например \"2026/2027\"",
    ),
    opt("file", T::Attachment, "файл программы рядом с записью"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

const EVENTS: &[FieldSpec] = &[
    req("title", T::Text, "название мероприятия"),
    req("date", T::Date, "дата проведения, ГГГГ-ММ-ДД"),
    opt(
        "end_date",
        T::Date,
        "дата окончания, если мероприятие длится несколько дней",
    ),
    opt(
        "kind",
        T::Text,
        "вид: seminar, webinar, consultation, open-lessons, conference, meeting, training, other",
    ),
    opt("place", T::Text, "место проведения"),
    opt("audience", T::Text, "участники"),
    opt("organizer", T::Text, "организатор"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

const REPORTS: &[FieldSpec] = &[
    req(
        "of",
        T::FullRef,
        "о чём отчёт: полный идентификатор, например events/seminar-okt",
    ),
    req("date", T::Date, "дата отчёта, ГГГГ-ММ-ДД"),
    opt("title", T::Text, "заголовок отчёта"),
    opt(
        "measures",
        T::MeasureStatuses,
        "выполнение мероприятий: title, status (done, partly, not_done), comment",
    ),
    opt("files", T::AttachmentList, "приложенные файлы"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

const DOCUMENTS: &[FieldSpec] = &[
    req("title", T::Text, "название документа"),
    req(
        "kind",
        T::Text,
        "вид: order (приказ), protocol (протокол), regulation (положение), letter, analysis, other",
    ),
    opt(
        "number",
        T::TextOrNumber,
        "номер документа (обязателен для приказа и протокола)",
    ),
    opt(
        "date",
        T::Date,
        "дата документа, ГГГГ-ММ-ДД (обязательна для приказа и протокола)",
    ),
    opt("file", T::Attachment, "файл документа рядом с записью"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

/// The columns of a roadmap or plan row (`measures`); only `title` is required.
pub const MEASURE_FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "мероприятие: что будет сделано"),
    opt(
        "due",
        T::Text,
        "срок выполнения, ГГГГ-ММ-ДД или как в таблице: «в течение года», «февраль 2027»",
    ),
    opt("responsible", T::Text, "ответственные: ФИО, должность"),
    opt("result", T::Text, "ожидаемый результат или показатель"),
];

/// The columns of a row of a report on execution (`measures` in reports).
pub const MEASURE_STATUS_FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "мероприятие из дорожной карты или плана"),
    opt(
        "status",
        T::Text,
        "отметка о выполнении: done (выполнено), partly (частично), not_done (не выполнено)",
    ),
    opt(
        "comment",
        T::Text,
        "комментарий: что сделано или почему не выполнено",
    ),
];

/// Document kinds whose `number` and `date` are required by the contract.
pub fn document_kind_needs_number(kind: &str) -> bool {
    matches!(kind, "order" | "protocol")
}

/// Russian labels of the document kinds the contract and the example use.
pub fn document_kind_ru(kind: &str) -> &str {
    match kind {
        "order" => "Приказ",
        "protocol" => "Протокол",
        "regulation" => "Положение",
        "letter" => "Письмо",
        "analysis" => "Аналитическая справка",
        "plan" => "План",
        "other" => "Документ",
        other => other,
    }
}

/// Russian labels of event kinds.
pub fn event_kind_ru(kind: &str) -> &str {
    match kind {
        "seminar" => "Семинар",
        "webinar" => "Вебинар",
        "consultation" => "Консультация",
        "open-lessons" => "Открытые уроки",
        "conference" => "Конференция",
        "meeting" => "Совещание",
        "training" => "Обучение",
        "other" => "Мероприятие",
        other => other,
    }
}

/// The known field closest to a misspelt one (`shcool` → `school`), if any is close.
pub fn closest_field(section: Section, typo: &str) -> Option<&'static str> {
    section
        .fields()
        .iter()
        .map(|f| (strsim::damerau_levenshtein(f.name, typo), f.name))
        .filter(|(d, name)| *d <= 2.max(name.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_closest_field() {
        assert_eq!(closest_field(Section::Roadmaps, "shcool"), Some("school"));
        assert_eq!(closest_field(Section::Events, "end-date"), Some("end_date"));
        assert_eq!(closest_field(Section::Events, "совсем другое"), None);
    }

    #[test]
    fn every_section_has_its_required_fields_listed_once() {
        for s in Section::ALL {
            let mut names: Vec<_> = s.fields().iter().map(|f| f.name).collect();
            names.sort();
            let len = names.len();
            names.dedup();
            assert_eq!(names.len(), len, "{s:?} lists a field twice");
        }
    }
}
