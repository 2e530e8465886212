//! Regular reviews of progress (рассмотрение хода реализации, e.g. the monthly
//! meeting of the «500+» project): the profile's `[reviews]` table, its periods,
//! and which finished periods have no review (rule `review-missing`).
//!
//! A period must have a review once it is over: the month (or quarter) that
//! contains *today* is still running and never counts. Periods before `since`
//! and months in `skip_months` (summer) need none; a quarter needs one unless
//! every month of it is skipped. A review counts for the period its `date` falls in.

use jiff::civil::Date;
use serde::Deserialize;
use std::fmt;

/// The profile's `[reviews]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawReviews")]
pub struct ReviewsConfig {
    pub cadence: Cadence,
    /// The first day of the first period that must have a review.
    pub since: Date,
    /// Months (1–12) that need no review.
    pub skip_months: Vec<i8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    Monthly,
    Quarterly,
}

/// `[reviews]` as written, checked into [`ReviewsConfig`] with Russian messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReviews {
    cadence: String,
    /// A TOML date (`2026-09-01`), or the same in quotes.
    since: toml::Value,
    #[serde(default)]
    skip_months: Vec<i64>,
}

impl TryFrom<RawReviews> for ReviewsConfig {
    type Error = String;

    fn try_from(raw: RawReviews) -> Result<Self, String> {
        let cadence = match crate::vocab::normalise(&raw.cadence).as_str() {
            "monthly" | "ежемесячно" => Cadence::Monthly,
            "quarterly" | "ежеквартально" => Cadence::Quarterly,
            _ => {
                return Err(format!(
                    "cadence = \"{}\": допустимы \"monthly\" (ежемесячно) и \"quarterly\" (ежеквартально)",
                    raw.cadence
                ));
            }
        };
        let since = match &raw.since {
            toml::Value::Datetime(dt) => dt
                .date
                .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok()),
            toml::Value::String(s) => crate::dates::parse_iso(s),
            _ => None,
        }
        .ok_or_else(|| {
            format!(
                "since = {}: нужна дата в виде ГГГГ-ММ-ДД, например since = 2026-09-01",
                raw.since
            )
        })?;
        let mut skip_months = Vec::new();
        for m in raw.skip_months {
            match i8::try_from(m) {
                Ok(m) if (1..=12).contains(&m) => skip_months.push(m),
                _ => {
                    return Err(format!(
                        "skip_months: месяц {m} — месяцы пишутся номерами от 1 до 12, например skip_months = [7, 8]"
                    ));
                }
            }
        }
        Ok(ReviewsConfig {
            cadence,
            since,
            skip_months,
        })
    }
}

/// A month or a quarter that must have a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub cadence_months: i8,
    pub year: i16,
    /// The period's first month (1–12).
    pub first_month: i8,
}

impl Period {
    /// The period of a cadence that contains a date.
    pub fn containing(cadence: Cadence, date: Date) -> Period {
        let months = cadence.months();
        Period {
            cadence_months: months,
            year: date.year(),
            first_month: (date.month() - 1) / months * months + 1,
        }
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year, self.first_month, 1).expect("first of a month")
    }

    pub fn last_day(self) -> Date {
        Date::new(self.year, self.last_month(), 1)
            .expect("first of a month")
            .last_of_month()
    }

    fn last_month(self) -> i8 {
        self.first_month + self.cadence_months - 1
    }

    pub fn months(self) -> impl Iterator<Item = i8> {
        self.first_month..=self.last_month()
    }

    pub fn next(self) -> Period {
        let m = self.first_month + self.cadence_months;
        if m > 12 {
            Period {
                year: self.year + 1,
                first_month: m - 12,
                ..self
            }
        } else {
            Period {
                first_month: m,
                ..self
            }
        }
    }

    pub fn contains(self, date: Date) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// The stable form for JSON and URLs: `2026-11` for a month, `2026-Q4` for a quarter.
    pub fn id(self) -> String {
        self.to_string()
    }

    /// «ноябрь 2026 г.», «IV квартал 2026 г.».
    pub fn label_ru(self) -> String {
        if self.cadence_months == 1 {
            format!(
                "{} {}\u{a0}г.",
                crate::dates::MONTHS_NOMINATIVE[self.first_month as usize - 1],
                self.year
            )
        } else {
            let roman = ["I", "II", "III", "IV"][(self.first_month as usize - 1) / 3];
            format!("{roman} квартал {}\u{a0}г.", self.year)
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.cadence_months == 1 {
            write!(f, "{}-{:02}", self.year, self.first_month)
        } else {
            write!(f, "{}-Q{}", self.year, (self.first_month - 1) / 3 + 1)
        }
    }
}

impl Cadence {
    fn months(self) -> i8 {
        match self {
            Cadence::Monthly => 1,
            Cadence::Quarterly => 3,
        }
    }
}

impl ReviewsConfig {
    /// Whether a period needs a review at all: not every month of it is skipped.
    fn needs_review(&self, p: Period) -> bool {
        p.months().any(|m| !self.skip_months.contains(&m))
    }

    /// The finished periods, from the one containing `since` up to the last one
    /// over before `today`, that must have a review.
    pub fn due_periods(&self, today: Date) -> Vec<Period> {
        let mut out = Vec::new();
        let mut p = Period::containing(self.cadence, self.since);
        while p.last_day() < today {
            if self.needs_review(p) {
                out.push(p);
            }
            p = p.next();
        }
        out
    }

    /// The due periods in which no review date falls.
    pub fn missing_periods(
        &self,
        today: Date,
        review_dates: impl IntoIterator<Item = Date>,
    ) -> Vec<Period> {
        let held: Vec<Period> = review_dates
            .into_iter()
            .map(|d| Period::containing(self.cadence, d))
            .collect();
        self.due_periods(today)
            .into_iter()
            .filter(|p| !held.contains(p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn config(toml_text: &str) -> Result<ReviewsConfig, String> {
        #[derive(Deserialize)]
        struct Wrapper {
            reviews: ReviewsConfig,
        }
        toml::from_str::<Wrapper>(toml_text)
            .map(|w| w.reviews)
            .map_err(|e| e.message().to_string())
    }

    fn monthly() -> ReviewsConfig {
        config("[reviews]\ncadence = \"monthly\"\nsince = 2026-09-01\nskip_months = [7, 8]\n")
            .unwrap()
    }

    fn ids(periods: &[Period]) -> Vec<String> {
        periods.iter().map(|p| p.id()).collect()
    }

    #[test]
    fn reads_the_contract_example_and_russian_cadences() {
        let c = monthly();
        assert_eq!(c.cadence, Cadence::Monthly);
        assert_eq!(c.since, date(2026, 9, 1));
        assert_eq!(c.skip_months, [7, 8]);
        let q = config("[reviews]\ncadence = \"Ежеквартально\"\nsince = \"2026-09-01\"\n").unwrap();
        assert_eq!(q.cadence, Cadence::Quarterly);
        assert!(q.skip_months.is_empty());
    }

    #[test]
    fn refuses_bad_reviews_tables_in_russian() {
        let e = config("[reviews]\ncadence = \"weekly\"\nsince = 2026-09-01\n").unwrap_err();
        assert!(e.contains("допустимы \"monthly\""), "{e}");
        let e = config("[reviews]\ncadence = \"monthly\"\nsince = \"сентябрь\"\n").unwrap_err();
        assert!(e.contains("ГГГГ-ММ-ДД"), "{e}");
        let e =
            config("[reviews]\ncadence = \"monthly\"\nsince = 2026-09-01\nskip_months = [13]\n")
                .unwrap_err();
        assert!(e.contains("от 1 до 12"), "{e}");
        assert!(
            config("[reviews]\ncadence = \"monthly\"\nsince = 2026-09-01\nskip = [7]\n").is_err()
        );
    }

    #[test]
    fn the_unfinished_current_month_is_not_due() {
        // 2 December: September, October and November are over; December is running.
        assert_eq!(
            ids(&monthly().due_periods(date(2026, 12, 2))),
            ["2026-09", "2026-10", "2026-11"]
        );
        // On the last day of November, November is still running.
        assert_eq!(
            ids(&monthly().due_periods(date(2026, 11, 30))),
            ["2026-09", "2026-10"]
        );
        assert_eq!(
            ids(&monthly().due_periods(date(2026, 12, 1))),
            ["2026-09", "2026-10", "2026-11"]
        );
        assert!(monthly().due_periods(date(2026, 9, 30)).is_empty());
    }

    #[test]
    fn skipped_months_need_no_review() {
        let due = monthly().due_periods(date(2027, 9, 15));
        let ids = ids(&due);
        assert!(ids.contains(&"2027-06".to_string()));
        assert!(!ids.contains(&"2027-07".to_string()));
        assert!(!ids.contains(&"2027-08".to_string()));
        assert_eq!(ids.last().unwrap(), "2027-06");
        assert_eq!(ids.len(), 10, "{ids:?}");
    }

    #[test]
    fn finds_the_month_without_a_review() {
        let held = [date(2026, 9, 24), date(2026, 11, 26), date(2026, 12, 1)];
        let missing = monthly().missing_periods(date(2026, 12, 2), held);
        assert_eq!(ids(&missing), ["2026-10"]);
        assert_eq!(missing[0].label_ru(), "октябрь 2026\u{a0}г.");
        // A review held in a skipped month does not stand for another month.
        let missing = monthly().missing_periods(date(2027, 9, 2), [date(2027, 7, 10)]);
        assert!(ids(&missing).contains(&"2027-06".to_string()));
        assert!(!ids(&missing).contains(&"2027-07".to_string()));
    }

    #[test]
    fn quarters_count_from_the_quarter_containing_since() {
        let c = config(
            "[reviews]\ncadence = \"quarterly\"\nsince = 2026-09-01\nskip_months = [7, 8]\n",
        )
        .unwrap();
        // Q3 2026 holds September (not skipped), so it is due once it is over.
        assert_eq!(ids(&c.due_periods(date(2026, 12, 2))), ["2026-Q3"]);
        assert_eq!(
            ids(&c.missing_periods(date(2027, 1, 1), [date(2026, 9, 30)])),
            ["2026-Q4"]
        );
        let p = Period::containing(Cadence::Quarterly, date(2026, 11, 5));
        assert_eq!(
            (p.first_day(), p.last_day()),
            (date(2026, 10, 1), date(2026, 12, 31))
        );
        assert_eq!(p.label_ru(), "IV квартал 2026\u{a0}г.");
        // A quarter every month of which is skipped needs nothing.
        let summer = config(
            "[reviews]\ncadence = \"quarterly\"\nsince = 2026-01-01\nskip_months = [7, 8, 9]\n",
        )
        .unwrap();
        assert_eq!(
            ids(&summer.due_periods(date(2027, 1, 1))),
            ["2026-Q1", "2026-Q2", "2026-Q4"]
        );
    }

    #[test]
    fn periods_cross_the_new_year() {
        let p = Period::containing(Cadence::Monthly, date(2026, 12, 31));
        assert_eq!(p.next().id(), "2027-01");
        assert!(p.contains(date(2026, 12, 1)));
        assert!(!p.contains(date(2027, 1, 1)));
    }
}
