//! Reporting periods of indicators (contract 7.2): academic years `"2026/2027"`
//! by default, or, when an indicator's `periodicity` says so, calendar half-years
//! `"2026-H1"`, quarters `"2026-Q3"` and months `"2026-10"`.
//!
//! A period knows its first and last day; periods order by their last day, so a
//! table of targets and values reads in time order whatever order the editor
//! wrote the map in. Whether a period is "over" (with the working-day grace of
//! `indicator-value-missing`) is [`Period::ended_before`].

use crate::dates::{AcademicYear, MONTHS_NOMINATIVE, working_days_between};
use jiff::civil::Date;
use std::cmp::Ordering;
use std::fmt;

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// How often an indicator is measured: the `periodicity` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Periodicity {
    /// Academic year (the default).
    #[default]
    Year,
    HalfYear,
    Quarter,
    Month,
}

impl Periodicity {
    /// `year`, `half-year`, `quarter`, `month` as the contract writes them, or the
    /// Russian words an editor would type («год», «полугодие», «квартал», «месяц»).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        Some(match t.as_str() {
            "year" | "academic-year" | "год" | "учебный год" => Periodicity::Year,
            "half-year" | "halfyear" | "полугодие" => Periodicity::HalfYear,
            "quarter" | "квартал" => Periodicity::Quarter,
            "month" | "месяц" => Periodicity::Month,
            _ => return None,
        })
    }

    /// The values [`Periodicity::parse`] takes, for hints.
    pub const ACCEPTED: &'static str = "year, half-year, quarter, month";

    pub fn label_ru(self) -> &'static str {
        match self {
            Periodicity::Year => "учебный год",
            Periodicity::HalfYear => "полугодие",
            Periodicity::Quarter => "квартал",
            Periodicity::Month => "месяц",
        }
    }

    /// How a period of this periodicity is written, for error hints.
    pub fn example(self) -> &'static str {
        match self {
            Periodicity::Year => "«2026/2027»",
            Periodicity::HalfYear => "«2026-H1» или «2026-H2»",
            Periodicity::Quarter => "«2026-Q1» … «2026-Q4»",
            Periodicity::Month => "«2026-10»",
        }
    }
}

/// One reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    AcademicYear(AcademicYear),
    /// Calendar half-year: 1 = January–June, 2 = July–December.
    Half {
        year: i16,
        half: i8,
    },
    /// Calendar quarter 1–4.
    Quarter {
        year: i16,
        quarter: i8,
    },
    Month {
        year: i16,
        month: i8,
    },
}

/// «2025-2026», «2025–2026», «2025 - 2026»: two consecutive years joined by
/// something other than `/`, as the academic year they mean.
fn years_with_another_separator(text: &str) -> Option<AcademicYear> {
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let [first, second] = digits.as_slice() else {
        return None;
    };
    let (first, second): (i16, i16) = (first.parse().ok()?, second.parse().ok()?);
    (first.to_string().len() == 4 && second == first + 1).then_some(AcademicYear { start: first })
}

/// Why a period was not understood, in Russian, for an `invalid-record` finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl Period {
    /// Parses a period written for an indicator of the given periodicity. A period
    /// of another form is an error that says which form is expected, so an editor who
    /// wrote `"2026-Q1"` for a yearly indicator learns why it is not shown.
    pub fn parse(text: &str, periodicity: Periodicity) -> Result<Period, PeriodError> {
        let found = Period::parse_any(text).ok_or_else(|| {
            // «2025-2026» is an academic year typed with a dash: name its fix.
            let example = match years_with_another_separator(text) {
                Some(y) if periodicity == Periodicity::Year => format!("«\"{y}\"»"),
                _ => periodicity.example().to_string(),
            };
            PeriodError(format!(
                "«{}» — не период: для периодичности «{}» пишите {example}",
                text.trim(),
                periodicity.label_ru(),
            ))
        })?;
        if found.periodicity() != periodicity {
            return Err(PeriodError(format!(
                "период «{}» — {}, а у показателя периодичность «{}»: пишите {}",
                text.trim(),
                found.periodicity().label_ru(),
                periodicity.label_ru(),
                periodicity.example()
            )));
        }
        Ok(found)
    }

    /// Any of the four forms; `None` when the text is none of them.
    pub fn parse_any(text: &str) -> Option<Period> {
        let t = text.trim();
        if t.contains('/') {
            return AcademicYear::parse(t).map(Period::AcademicYear);
        }
        let (year, rest) = t.split_once('-')?;
        let year: i16 = year.parse().ok().filter(|y| (1900..3000).contains(y))?;
        let upper = rest.to_uppercase();
        // Cyrillic «П»/«К» are what a Russian keyboard layout gives for H/Q typed
        // without switching; they are accepted like the Latin letters.
        if let Some(n) = upper.strip_prefix('H').or_else(|| upper.strip_prefix('П')) {
            let half: i8 = n.parse().ok().filter(|h| (1..=2).contains(h))?;
            return Some(Period::Half { year, half });
        }
        if let Some(n) = upper.strip_prefix('Q').or_else(|| upper.strip_prefix('К')) {
            let quarter: i8 = n.parse().ok().filter(|q| (1..=4).contains(q))?;
            return Some(Period::Quarter { year, quarter });
        }
        if !(1..=2).contains(&rest.len()) || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let month: i8 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(Period::Month { year, month })
    }

    pub fn periodicity(self) -> Periodicity {
        match self {
            Period::AcademicYear(_) => Periodicity::Year,
            Period::Half { .. } => Periodicity::HalfYear,
            Period::Quarter { .. } => Periodicity::Quarter,
            Period::Month { .. } => Periodicity::Month,
        }
    }

    pub fn first_day(self) -> Date {
        match self {
            Period::AcademicYear(y) => y.first_day(),
            Period::Half { year, half } => month_start(year, (half - 1) * 6 + 1),
            Period::Quarter { year, quarter } => month_start(year, (quarter - 1) * 3 + 1),
            Period::Month { year, month } => month_start(year, month),
        }
    }

    /// The period's last day: what `indicator-value-missing` counts the grace from.
    pub fn last_day(self) -> Date {
        match self {
            Period::AcademicYear(y) => y.last_day(),
            Period::Half { year, half } => month_start(year, half * 6).last_of_month(),
            Period::Quarter { year, quarter } => month_start(year, quarter * 3).last_of_month(),
            Period::Month { year, month } => month_start(year, month).last_of_month(),
        }
    }

    /// Over by more than `grace` working days on `today` (the same counting as
    /// `report-missing`: working days after the last day up to and including today).
    pub fn ended_before(self, today: Date, grace: i64) -> bool {
        working_days_between(self.last_day(), today) > grace
    }

    /// A chart's row label: [`Period::label_ru`] without «учебный год» («2026/2027»).
    pub fn short_label_ru(self) -> String {
        match self {
            Period::AcademicYear(y) => y.to_string(),
            other => other.label_ru(),
        }
    }

    /// «2026/2027 учебный год», «1-е полугодие 2026», «III квартал 2026», «октябрь 2026».
    pub fn label_ru(self) -> String {
        match self {
            Period::AcademicYear(y) => format!("{y} учебный год"),
            Period::Half { year, half } => format!("{half}-е полугодие {year}"),
            Period::Quarter { year, quarter } => {
                format!("{} квартал {year}", ROMAN[quarter as usize - 1])
            }
            Period::Month { year, month } => {
                format!("{} {year}", MONTHS_NOMINATIVE[month as usize - 1])
            }
        }
    }
}

fn month_start(year: i16, month: i8) -> Date {
    Date::new(year, month, 1).expect("month 1–12 of a year in range")
}

/// The canonical written form: `2026/2027`, `2026-H1`, `2026-Q3`, `2026-10`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::AcademicYear(y) => write!(f, "{y}"),
            Period::Half { year, half } => write!(f, "{year}-H{half}"),
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
        }
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In time order: by last day, then by first day (no two distinct periods share both).
impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.last_day(), self.first_day()).cmp(&(other.last_day(), other.first_day()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn p(text: &str) -> Period {
        Period::parse_any(text).unwrap_or_else(|| panic!("{text} should parse"))
    }

    #[test]
    fn parses_the_four_forms_and_prints_them_back() {
        for text in [
            "2026/2027",
            "2026-H1",
            "2026-H2",
            "2026-Q3",
            "2026-10",
            "2026-01",
        ] {
            assert_eq!(p(text).to_string(), text);
        }
        assert_eq!(p(" 2026-h1 ").to_string(), "2026-H1");
        assert_eq!(p("2026-q4").to_string(), "2026-Q4");
        assert_eq!(p("2026-3").to_string(), "2026-03");
        // A Russian keyboard layout: «П1», «К3».
        assert_eq!(p("2026-П1").to_string(), "2026-H1");
        assert_eq!(p("2026-к3").to_string(), "2026-Q3");
    }

    #[test]
    fn rejects_what_is_not_a_period() {
        for text in [
            "2026",
            "2026/2028",
            "2026-2027",
            "2026-H3",
            "2026-Q5",
            "2026-13",
            "2026-00",
            "2026-",
            "осень 2026",
            "",
            "2026-100",
        ] {
            assert_eq!(Period::parse_any(text), None, "{text}");
        }
    }

    #[test]
    fn knows_first_and_last_days() {
        let cases = [
            ("2026/2027", date(2026, 9, 1), date(2027, 8, 31)),
            ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
            ("2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
            ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
            ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
            ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
            ("2026-10", date(2026, 10, 1), date(2026, 10, 31)),
            ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ];
        for (text, first, last) in cases {
            assert_eq!(p(text).first_day(), first, "{text}");
            assert_eq!(p(text).last_day(), last, "{text}");
        }
    }

    #[test]
    fn orders_periods_in_time() {
        let mut periods: Vec<_> = ["2026-12", "2026-02", "2025-11", "2026-10"].map(p).to_vec();
        periods.sort();
        let written: Vec<_> = periods.iter().map(|p| p.to_string()).collect();
        assert_eq!(written, ["2025-11", "2026-02", "2026-10", "2026-12"]);
        assert!(p("2025/2026") < p("2026/2027"));
        assert!(p("2026-Q1") < p("2026-Q2"));
        assert!(p("2026-H1") < p("2026-H2"));
        assert!(p("2026-H2") < p("2027-H1"));
    }

    #[test]
    fn a_period_of_another_periodicity_is_explained() {
        let err = Period::parse("2026-Q1", Periodicity::Year).unwrap_err();
        assert!(err.0.contains("квартал"), "{}", err.0);
        assert!(err.0.contains("«2026/2027»"), "{}", err.0);
        let err = Period::parse("весна", Periodicity::Quarter).unwrap_err();
        assert!(err.0.contains("«весна» — не период"), "{}", err.0);
        assert_eq!(
            Period::parse("2026-Q1", Periodicity::Quarter),
            Ok(Period::Quarter {
                year: 2026,
                quarter: 1
            })
        );
    }

    #[test]
    fn ends_after_the_grace_in_working_days() {
        // 2026-Q3 ends Wed 30 Sep 2026. Ten working days later is Wed 14 Oct.
        let q3 = p("2026-Q3");
        assert!(!q3.ended_before(date(2026, 10, 14), 10));
        assert!(q3.ended_before(date(2026, 10, 15), 10));
        assert!(!q3.ended_before(date(2026, 9, 30), 0));
        assert!(q3.ended_before(date(2026, 10, 1), 0));
    }

    #[test]
    fn reads_periodicity_in_english_and_russian() {
        assert_eq!(Periodicity::parse("half-year"), Some(Periodicity::HalfYear));
        assert_eq!(Periodicity::parse("Квартал"), Some(Periodicity::Quarter));
        assert_eq!(Periodicity::parse("месяц"), Some(Periodicity::Month));
        assert_eq!(Periodicity::parse("year"), Some(Periodicity::Year));
        assert_eq!(Periodicity::parse("weekly"), None);
    }

    #[test]
    fn a_year_typed_with_a_dash_is_refused_with_its_exact_fix() {
        let e = Period::parse("2025-2026", Periodicity::Year).unwrap_err();
        assert!(e.0.contains("пишите «\"2025/2026\"»"), "{}", e.0);
        let e = Period::parse("2025 – 2026", Periodicity::Year).unwrap_err();
        assert!(e.0.contains("«\"2025/2026\"»"), "{}", e.0);
    }

    #[test]
    fn labels_periods_in_russian() {
        assert_eq!(p("2026/2027").label_ru(), "2026/2027 учебный год");
        assert_eq!(p("2026-H1").label_ru(), "1-е полугодие 2026");
        assert_eq!(p("2026-Q3").label_ru(), "III квартал 2026");
        assert_eq!(p("2026-10").label_ru(), "октябрь 2026");
        // A chart's row: the table's words, without «учебный год».
        assert_eq!(p("2026/2027").short_label_ru(), "2026/2027");
        assert_eq!(p("2026-Q1").short_label_ru(), "I квартал 2026");
    }
}
