//! Persistently low results (contract 7.3): a school is persistently low in a
//! series and subject when its value is low in each of the last `persistent_years`
//! academic years of that series that have data.
//!
//! How we read it: "years that have data" are counted per series *and subject*
//! (and grade, when the CSV has one): a subject tested in 2024 and 2026 only has
//! those two as its last years — a gap year is skipped, not a break. A school with
//! no value in one of those years is not persistently low (nothing to judge). Low
//! is judged per year against that year's record's threshold ([`super::Better::is_low`]).

use crate::dates::AcademicYear;
use std::collections::{BTreeMap, BTreeSet};

/// One school's value in one year of a series, already judged against that
/// year's threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation<'a> {
    pub year: AcademicYear,
    pub subject: &'a str,
    pub grade: Option<&'a str>,
    /// The school, as the caller identifies it (a record index).
    pub school: usize,
    pub value: f64,
    pub low: bool,
}

/// A school low in every one of the last years of a series and subject.
#[derive(Debug, Clone, PartialEq)]
pub struct PersistentLow {
    /// The subject as first written in the data.
    pub subject: String,
    pub grade: Option<String>,
    pub school: usize,
    /// The years judged, oldest first, with the school's value in each.
    pub years: Vec<(AcademicYear, f64)>,
}

/// «Математика» and «математика », «5» and «5 класс» name one subject and grade.
fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
        .trim_end_matches(" класс")
        .to_string()
}

/// The persistently low schools among the observations of one series, ordered by
/// subject, grade and school. `years` below 1 is read as 1.
pub fn persistently_low(observations: &[Observation<'_>], years: usize) -> Vec<PersistentLow> {
    let years = years.max(1);
    // (subject key, grade key) → its written forms, the years with data, and per
    // school per year the first row given (the data reader reports duplicates).
    type Cell = (bool, f64);
    struct Group<'a> {
        subject: &'a str,
        grade: Option<&'a str>,
        years: BTreeSet<AcademicYear>,
        schools: BTreeMap<usize, BTreeMap<AcademicYear, Cell>>,
    }
    let mut groups: BTreeMap<(String, String), Group<'_>> = BTreeMap::new();
    for o in observations {
        let k = (key(o.subject), o.grade.map(key).unwrap_or_default());
        let g = groups.entry(k).or_insert_with(|| Group {
            subject: o.subject,
            grade: o.grade,
            years: BTreeSet::new(),
            schools: BTreeMap::new(),
        });
        g.years.insert(o.year);
        g.schools
            .entry(o.school)
            .or_default()
            .entry(o.year)
            .or_insert((o.low, o.value));
    }
    let mut out = Vec::new();
    for g in groups.values() {
        if g.years.len() < years {
            continue;
        }
        let last: Vec<AcademicYear> = g.years.iter().rev().take(years).rev().copied().collect();
        for (&school, by_year) in &g.schools {
            let judged: Option<Vec<(AcademicYear, f64)>> = last
                .iter()
                .map(|y| match by_year.get(y) {
                    Some(&(true, value)) => Some((*y, value)),
                    _ => None,
                })
                .collect();
            if let Some(years) = judged {
                out.push(PersistentLow {
                    subject: g.subject.trim().to_string(),
                    grade: g.grade.map(|s| s.trim().to_string()),
                    school,
                    years,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(start: i16) -> AcademicYear {
        AcademicYear { start }
    }

    fn obs(year: i16, subject: &'static str, school: usize, value: f64) -> Observation<'static> {
        // Share of «2»: lower is better, 30 and above is low.
        Observation {
            year: y(year),
            subject,
            grade: None,
            school,
            value,
            low: value >= 30.0,
        }
    }

    #[test]
    fn low_in_each_of_the_last_two_years_is_persistent() {
        let data = [
            obs(2023, "Математика", 1, 10.0),
            obs(2024, "Математика", 1, 35.0),
            obs(2025, "математика", 1, 31.5),
            obs(2024, "Математика", 2, 40.0),
            obs(2025, "Математика", 2, 12.0),
        ];
        let got = persistently_low(&data, 2);
        assert_eq!(
            got,
            vec![PersistentLow {
                subject: "Математика".into(),
                grade: None,
                school: 1,
                years: vec![(y(2024), 35.0), (y(2025), 31.5)],
            }]
        );
    }

    #[test]
    fn low_in_only_one_of_the_last_two_years_is_not() {
        // School 1 was low in 2024 only; school 2 only in 2025 (the latest).
        let data = [
            obs(2024, "Русский язык", 1, 33.0),
            obs(2025, "Русский язык", 1, 29.9),
            obs(2024, "Русский язык", 2, 20.0),
            obs(2025, "Русский язык", 2, 45.0),
        ];
        assert_eq!(persistently_low(&data, 2), vec![]);
        // With one year asked for, the latest year alone decides.
        let got = persistently_low(&data, 1);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].school, 2);
    }

    #[test]
    fn a_gap_year_is_skipped_not_a_break() {
        // No data in 2024/2025: the last two years with data are 2023 and 2025.
        let data = [
            obs(2022, "Математика", 1, 5.0),
            obs(2023, "Математика", 1, 30.0),
            obs(2025, "Математика", 1, 36.0),
        ];
        let got = persistently_low(&data, 2);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].years, vec![(y(2023), 30.0), (y(2025), 36.0)]);
    }

    #[test]
    fn a_school_missing_from_a_year_is_not_judged_persistent() {
        let data = [
            obs(2024, "Математика", 1, 50.0),
            obs(2025, "Математика", 2, 10.0),
            obs(2025, "Математика", 3, 50.0),
        ];
        assert_eq!(persistently_low(&data, 2), vec![]);
    }

    #[test]
    fn too_few_years_of_data_judge_no_one() {
        let data = [obs(2025, "Математика", 1, 50.0)];
        assert_eq!(persistently_low(&data, 2), vec![]);
    }

    #[test]
    fn subjects_and_grades_are_judged_apart() {
        let mut a = obs(2024, "Математика", 1, 40.0);
        a.grade = Some("5");
        let mut b = obs(2025, "Математика", 1, 40.0);
        b.grade = Some("5 класс");
        let mut c = obs(2025, "Математика", 1, 40.0);
        c.grade = Some("6");
        let got = persistently_low(&[a, b, c, obs(2025, "Физика", 1, 50.0)], 2);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].grade.as_deref(), Some("5"));
    }
}
