//! Dates as the domain writes them: ISO in records, «15 октября 2026 г.» in text,
//! «15.10.2026» in tables, academic years «2026/2027», working days Mon–Fri.

use jiff::civil::{Date, Weekday};
use serde::Serialize;
use std::fmt;

pub use jiff::civil::Date as CivilDate;

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Month names in the nominative («ноябрь 2026»): due dates written as a month, period labels.
pub const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// Today's date on this machine: the clock of `vitrina` commands without
/// `--today`, and of `serve`, which asks again at every rebuild (a server left
/// running overnight moves to the next day).
pub fn system_today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Parses a strict ISO `YYYY-MM-DD` date.
pub fn parse_iso(text: &str) -> Option<Date> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    t.parse::<Date>().ok()
}

/// «15 октября 2026 г.» (with the non-breaking spaces Russian typesetting expects).
pub fn long_ru(date: Date) -> String {
    format!(
        "{}\u{a0}{} {}\u{a0}г.",
        date.day(),
        MONTHS_GENITIVE[date.month() as usize - 1],
        date.year()
    )
}

/// «15.10.2026», for tables.
pub fn short_ru(date: Date) -> String {
    format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
}

/// An academic year: 1 September of `start` to 31 August of `start + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear {
    pub start: i16,
}

impl AcademicYear {
    /// The academic year a date falls in.
    pub fn containing(date: Date) -> Self {
        let start = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        AcademicYear { start }
    }

    /// Parses `"2026/2027"`; the second year must follow the first.
    pub fn parse(text: &str) -> Option<Self> {
        let (a, b) = text.trim().split_once('/')?;
        let (a, b): (i16, i16) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        ((1900..3000).contains(&a) && b == a + 1).then_some(AcademicYear { start: a })
    }

    pub fn first_day(self) -> Date {
        Date::new(self.start, 9, 1).expect("1 September exists")
    }

    pub fn last_day(self) -> Date {
        Date::new(self.start + 1, 8, 31).expect("31 August exists")
    }

    /// The default report due date of a roadmap or plan: 30 June of its second year.
    pub fn default_report_due(self) -> Date {
        Date::new(self.start + 1, 6, 30).expect("30 June exists")
    }

    pub fn previous(self) -> Self {
        AcademicYear {
            start: self.start - 1,
        }
    }

    /// `2026-2027`, for file names and URLs.
    pub fn slug(self) -> String {
        format!("{}-{}", self.start, self.start + 1)
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.start, self.start + 1)
    }
}

impl Serialize for AcademicYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Working days (Mon–Fri) after `from` up to and including `to`; 0 when `to <= from`.
/// An event on Monday has 1 working day behind it on Tuesday.
pub fn working_days_between(from: Date, to: Date) -> i64 {
    if to <= from {
        return 0;
    }
    let days = i64::from((to - from).get_days());
    let full_weeks = days / 7;
    let mut count = full_weeks * 5;
    let mut d = from
        .checked_add(jiff::Span::new().days(full_weeks * 7))
        .expect("date in range");
    while d < to {
        d = d.tomorrow().expect("date in range");
        if is_working_day(d) {
            count += 1;
        }
    }
    count
}

/// A «Сроки» cell: kept exactly as the editor wrote it, with a date for sorting and
/// overdue marks when the text names a date or a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub text: String,
    /// The latest day the text allows: the date itself, or the last day of a month.
    pub date: Option<Date>,
}

impl Due {
    pub fn parse(text: &str) -> Self {
        Due {
            text: text.to_string(),
            date: parse_due_date(text),
        }
    }
}

/// Understands `2027-02-15`, `15.02.2027`, `до 15.02.2027`, `февраль 2027`,
/// `до конца февраля 2027 г.` and ranges like `сентябрь–октябрь 2026` (the last
/// month counts). Anything else («в течение года», «ежегодно») has no date.
fn parse_due_date(text: &str) -> Option<Date> {
    let lower = text.trim().to_lowercase();
    if let Some(d) = parse_iso(&lower) {
        return Some(d);
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '–' || c == '—' || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    for w in &words {
        if let Some(d) = parse_dotted(w.trim_end_matches('.')) {
            return Some(d);
        }
    }
    // The last month name followed by a year.
    let mut found = None;
    for pair in words.windows(2) {
        if let (Some(month), Ok(year)) = (month_number(pair[0]), pair[1].parse::<i16>())
            && (1900..3000).contains(&year)
        {
            found = Some(last_day_of_month(year, month));
        }
    }
    found
}

fn parse_dotted(w: &str) -> Option<Date> {
    let mut parts = w.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn month_number(word: &str) -> Option<i8> {
    (0..12)
        .find(|&i| {
            let nom = MONTHS_NOMINATIVE[i];
            // «февраль», «февраля», «феврале»: compare on the stem.
            let stem: String = nom.chars().take(nom.chars().count().clamp(3, 4)).collect();
            word == nom || word == MONTHS_GENITIVE[i] || (word.len() > 4 && word.starts_with(&stem))
        })
        .map(|i| i as i8 + 1)
}

fn last_day_of_month(year: i16, month: i8) -> Date {
    Date::new(year, month, 1)
        .expect("first of month")
        .last_of_month()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn formats_russian_dates() {
        assert_eq!(long_ru(date(2026, 10, 15)), "15\u{a0}октября 2026\u{a0}г.");
        assert_eq!(short_ru(date(2026, 3, 5)), "05.03.2026");
    }

    #[test]
    fn derives_academic_year() {
        assert_eq!(
            AcademicYear::containing(date(2026, 11, 24)).to_string(),
            "2026/2027"
        );
        assert_eq!(
            AcademicYear::containing(date(2026, 8, 31)).to_string(),
            "2025/2026"
        );
        assert_eq!(
            AcademicYear::containing(date(2026, 9, 1)).to_string(),
            "2026/2027"
        );
        assert_eq!(
            AcademicYear::parse("2026/2027"),
            Some(AcademicYear { start: 2026 })
        );
        assert_eq!(AcademicYear::parse("2026/2028"), None);
        assert_eq!(AcademicYear::parse("2026-2027"), None);
    }

    #[test]
    fn counts_working_days() {
        // Tue 10 Nov 2026 → Tue 24 Nov 2026: ten working days.
        assert_eq!(
            working_days_between(date(2026, 11, 10), date(2026, 11, 24)),
            10
        );
        assert_eq!(
            working_days_between(date(2026, 11, 9), date(2026, 11, 24)),
            11
        );
        // Friday → Monday is one working day.
        assert_eq!(
            working_days_between(date(2026, 11, 20), date(2026, 11, 23)),
            1
        );
        assert_eq!(
            working_days_between(date(2026, 11, 24), date(2026, 11, 24)),
            0
        );
        assert_eq!(
            working_days_between(date(2026, 11, 25), date(2026, 11, 24)),
            0
        );
    }

    #[test]
    fn working_days_match_day_by_day_count() {
        let start = date(2026, 1, 1);
        for offset in 0..60 {
            for len in 0..40 {
                let from = start.checked_add(jiff::Span::new().days(offset)).unwrap();
                let to = from.checked_add(jiff::Span::new().days(len)).unwrap();
                let mut slow = 0;
                let mut d = from;
                while d < to {
                    d = d.tomorrow().unwrap();
                    slow += i64::from(is_working_day(d));
                }
                assert_eq!(working_days_between(from, to), slow, "{from} → {to}");
            }
        }
    }

    #[test]
    fn parses_due_texts() {
        assert_eq!(Due::parse("2027-02-15").date, Some(date(2027, 2, 15)));
        assert_eq!(Due::parse("февраль 2027").date, Some(date(2027, 2, 28)));
        assert_eq!(Due::parse("до 15.03.2027").date, Some(date(2027, 3, 15)));
        assert_eq!(
            Due::parse("сентябрь–октябрь 2026").date,
            Some(date(2026, 10, 31))
        );
        assert_eq!(
            Due::parse("до конца мая 2027 г.").date,
            Some(date(2027, 5, 31))
        );
        assert_eq!(Due::parse("в течение года").date, None);
        assert_eq!(Due::parse("ежегодно").date, None);
        assert_eq!(Due::parse("в течение года").text, "в течение года");
    }
}
