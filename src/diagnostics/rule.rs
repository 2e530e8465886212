//! Rule ids as typed values, and the rule table: every id's default severity,
//! whether its findings stop a build, where it is applied and what it checks.
//! Nothing else in the crate decides these; a profile's `[rules]` may change a
//! rule's severity or switch it off (see `Profile::severity`).

use super::Severity;
use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! rule_ids {
    ($($variant:ident = $name:literal,)*) => {
        /// A stable id from the content model (`roadmap-missing`), or of a
        /// problem that stops a command (`invalid-config`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId { $($variant,)* }

        impl RuleId {
            /// Every id, in the order of the table below.
            pub const ALL: &[RuleId] = &[$(RuleId::$variant,)*];

            /// The id as the contract writes it.
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $name,)* }
            }
        }
    };
}

rule_ids! {
    InvalidRecord = "invalid-record",
    FieldMissing = "field-missing",
    UnknownField = "unknown-field",
    DuplicateId = "duplicate-id",
    BrokenReference = "broken-reference",
    AttachmentMissing = "attachment-missing",
    SectionEmpty = "section-empty",
    RoadmapMissing = "roadmap-missing",
    PlanMissing = "plan-missing",
    ReportMissing = "report-missing",
    MentorMissing = "mentor-missing",
    CuratorMissing = "curator-missing",
    UnknownRisk = "unknown-risk",
    // An extension of the contract (README): a photo among a record's files
    // without the text that tells what it shows.
    ImageAltMissing = "image-alt-missing",
    PersonalData = "personal-data",
    ContentRemoved = "content-removed",
    LowResultsUnsupported = "low-results-unsupported",
    IndicatorValueMissing = "indicator-value-missing",
    MeasureOverdue = "measure-overdue",
    // An extension of the contract (README): a report's status for a measure the
    // roadmap or plan does not have (a title typed differently) counts for nothing.
    StatusUnmatched = "status-unmatched",
    ReviewMissing = "review-missing",
    // An extension of the contract (README): a value of an indicator or of
    // monitoring data in `%` outside 0–100.
    PercentOutOfRange = "percent-out-of-range",
    // An extension of the contract (README): a document's or an event's `kind`
    // of no term of its list, but close to one (a typo, Latin letters).
    UnknownKind = "unknown-kind",
    InvalidConfig = "invalid-config",
    InvalidProfile = "invalid-profile",
    InvalidOutput = "invalid-output",
    InvalidRegion = "invalid-region",
    TemplateError = "template-error",
    WriteError = "write-error",
}

/// Where a rule is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// While loading and resolving the site: its findings arrive in `Site::findings`.
    Reading,
    /// By the checker (`src/check/rules.rs`).
    Checker,
    /// Not a rule of the content: the settings, the theme or the output folder
    /// stopped the command.
    Setup,
}

/// One row of the rule table.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub severity: Severity,
    /// Its findings stop `build` and `serve`: the site cannot be rendered from
    /// what was read (a record that could not be read, two records with one id).
    pub blocks_build: bool,
    pub stage: Stage,
    /// What the rule checks, in Russian: SARIF rule descriptions, JUnit, docs.
    pub about: &'static str,
}

const fn row(severity: Severity, stage: Stage, about: &'static str) -> RuleInfo {
    RuleInfo {
        severity,
        blocks_build: false,
        stage,
        about,
    }
}

const fn blocking(about: &'static str) -> RuleInfo {
    RuleInfo {
        blocks_build: true,
        ..row(Severity::Error, Stage::Reading, about)
    }
}

impl RuleId {
    /// The rule table: the content model's table of rules (sections 3 and 7),
    /// `personal-data`, then the ids of problems that stop a command.
    pub const fn info(self) -> RuleInfo {
        use Severity::{Error, Warning};
        use Stage::{Checker, Reading, Setup};
        match self {
            RuleId::InvalidRecord => {
                blocking("файл записи не читается или не разбирается, либо у поля неверный тип")
            }
            RuleId::FieldMissing => row(Error, Checker, "не заполнено обязательное поле"),
            RuleId::UnknownField => row(Warning, Checker, "неизвестное поле (возможно, опечатка)"),
            RuleId::DuplicateId => {
                blocking("два файла дают один идентификатор или один адрес страницы")
            }
            RuleId::BrokenReference => row(
                Error,
                Reading,
                "ссылка на несуществующую запись или на запись не того раздела",
            ),
            RuleId::AttachmentMissing => row(
                Error,
                Reading,
                "приложенный файл не найден или лежит вне папки content/",
            ),
            RuleId::SectionEmpty => row(
                Error,
                Checker,
                "по обязательному пункту профиля не опубликовано ни одной записи",
            ),
            RuleId::RoadmapMissing => row(
                Error,
                Checker,
                "у школы группы поддержки нет дорожной карты на текущий учебный год",
            ),
            RuleId::PlanMissing => row(
                Error,
                Checker,
                "у МНЦ или МТКП нет плана работы на текущий учебный год",
            ),
            RuleId::ReportMissing => row(
                Error,
                Checker,
                "нет отчёта о прошедшем мероприятии или о выполнении дорожной карты или плана",
            ),
            RuleId::MentorMissing => row(
                Warning,
                Checker,
                "у школы группы поддержки не указана школа-наставник",
            ),
            RuleId::CuratorMissing => row(
                Warning,
                Checker,
                "у школы группы поддержки не указан куратор",
            ),
            RuleId::UnknownRisk => row(
                Warning,
                Checker,
                "фактор риска не из перечня профиля требований",
            ),
            RuleId::ImageAltMissing => row(
                Warning,
                Checker,
                "у фотографии нет описания (alt) для тех, кто не видит изображение",
            ),
            RuleId::PersonalData => row(
                Warning,
                Checker,
                "в тексте записи похоже на персональные данные (СНИЛС, паспорт, личный телефон или e-mail)",
            ),
            RuleId::ContentRemoved => row(
                Warning,
                Reading,
                "из текста записи удалён фрагмент HTML вместе с содержимым (скрипт, стиль, фрейм с неразрешённого хоста)",
            ),
            RuleId::LowResultsUnsupported => row(
                Warning,
                Checker,
                "школа устойчиво показывает низкие результаты, но не входит в группу поддержки",
            ),
            RuleId::IndicatorValueMissing => row(
                Error,
                Checker,
                "у показателя нет фактического значения за завершившийся период",
            ),
            RuleId::MeasureOverdue => row(
                Warning,
                Checker,
                "срок мероприятия дорожной карты или плана прошёл, а в отчётах нет его статуса",
            ),
            RuleId::StatusUnmatched => row(
                Warning,
                Checker,
                "в отчёте о выполнении есть статус мероприятия, которого нет в дорожной карте или плане",
            ),
            RuleId::ReviewMissing => row(
                Error,
                Checker,
                "за завершившийся период не проведено рассмотрение хода реализации",
            ),
            RuleId::PercentOutOfRange => row(
                Warning,
                Checker,
                "значение в процентах меньше 0 или больше 100",
            ),
            RuleId::UnknownKind => row(
                Warning,
                Checker,
                "вид документа или мероприятия не из перечня, но похож на один из видов (опечатка)",
            ),
            RuleId::InvalidConfig => row(Error, Setup, "ошибка в настройках сайта (site.toml)"),
            RuleId::InvalidProfile => row(Error, Setup, "ошибка в профиле требований"),
            RuleId::InvalidOutput => row(Error, Setup, "папку вывода нельзя использовать"),
            RuleId::InvalidRegion => row(
                Error,
                Setup,
                "файл региона (vitrina region) не читается или в нём ошибка",
            ),
            RuleId::TemplateError => row(Error, Setup, "ошибка в шаблоне оформления"),
            RuleId::WriteError => row(Error, Setup, "ошибка записи файла"),
        }
    }

    /// The rules the checker reports on (SARIF's rule list, JUnit's test cases),
    /// in the order of the table.
    pub fn reported() -> impl Iterator<Item = RuleId> {
        RuleId::ALL
            .iter()
            .copied()
            .filter(|r| matches!(r.info().stage, Stage::Reading | Stage::Checker))
    }

    /// The id a contract id names, if any (`mentor-missing`).
    pub fn parse(name: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.as_str() == name)
    }

    /// A profile's `[rules]` may set this rule's severity: a rule of the
    /// content model whose findings do not stop the build.
    pub fn configurable(self) -> bool {
        let info = self.info();
        info.stage != Stage::Setup && !info.blocks_build
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Lets tests and callers compare with the contract's spelling.
impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case_and_parse_back() {
        for &id in RuleId::ALL {
            assert_eq!(RuleId::parse(id.as_str()), Some(id));
            assert_eq!(serde_json::to_value(id).unwrap(), id.as_str());
            assert!(
                id.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
    }

    #[test]
    fn only_unreadable_records_and_duplicate_ids_block_the_build() {
        let blocking: Vec<_> = RuleId::ALL
            .iter()
            .filter(|r| r.info().blocks_build)
            .map(|r| r.as_str())
            .collect();
        assert_eq!(blocking, ["invalid-record", "duplicate-id"]);
    }
}
