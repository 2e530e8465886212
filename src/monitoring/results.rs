//! A monitoring record's results as its page shows them (contract 7.3): per
//! subject (and grade) a table of schools with their values, low ones marked,
//! and a chart of the same numbers with the threshold drawn; and a school's
//! values in one series over the years, for the school page.

use super::Better;
use super::data::ResultRow;
use crate::chart::{BarChart, Group, Pattern, Series, Threshold};
use crate::dates::AcademicYear;
use crate::numbers::format_ru;

/// The rows of one subject and grade, in the order of the data file.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectTable<'a> {
    pub subject: &'a str,
    pub grade: Option<&'a str>,
    /// Each row with whether its value is low.
    pub rows: Vec<(&'a ResultRow, bool)>,
}

impl SubjectTable<'_> {
    /// «Математика» or «Математика, 5 класс».
    pub fn heading(&self) -> String {
        match self.grade {
            Some(g) if g.chars().all(|c| c.is_ascii_digit()) => {
                format!("{}, {g} класс", self.subject)
            }
            Some(g) => format!("{}, {g}", self.subject),
            None => self.subject.to_string(),
        }
    }
}

/// Groups rows by subject and grade, in the order each first appears.
pub fn by_subject(rows: &[ResultRow], better: Better, threshold: f64) -> Vec<SubjectTable<'_>> {
    let mut out: Vec<SubjectTable<'_>> = Vec::new();
    for r in rows {
        let low = r.value.is_some_and(|v| better.is_low(v, threshold));
        let same = |t: &SubjectTable<'_>| {
            t.subject.to_lowercase() == r.subject.to_lowercase() && t.grade == r.grade.as_deref()
        };
        match out.iter_mut().find(|t| same(t)) {
            Some(t) => t.rows.push((r, low)),
            None => out.push(SubjectTable {
                subject: &r.subject,
                grade: r.grade.as_deref(),
                rows: vec![(r, low)],
            }),
        }
    }
    out
}

/// The chart of one subject: a bar per school (named by `school_name`), the
/// threshold line, «низкий» written after each low value.
pub fn subject_chart(
    id: &str,
    record_title: &str,
    table: &SubjectTable<'_>,
    unit: &str,
    threshold: f64,
    school_name: impl Fn(usize) -> String,
) -> BarChart {
    let lows = table.rows.iter().filter(|(_, low)| *low).count();
    BarChart {
        id: id.to_string(),
        title: format!("{record_title}: {}", table.heading()),
        description: format!(
            "Столбчатая диаграмма: школ со значением — {}, пороговое значение {}{}; низкий результат (порог или хуже) — школ: {lows}. Те же числа — в таблице рядом.",
            // The bars drawn: a school without a value has none.
            table.rows.iter().filter(|(r, _)| r.value.is_some()).count(),
            format_ru(threshold),
            unit_suffix(unit)
        ),
        unit: unit.to_string(),
        series: vec![Series {
            name: table.heading(),
            pattern: Pattern::Solid,
        }],
        groups: table
            .rows
            .iter()
            .map(|(r, low)| Group {
                label: school_name(r.school),
                values: vec![r.value],
                flags: vec![low.then(|| "низкий".to_string())],
            })
            .collect(),
        stacked: false,
        threshold: Some(Threshold {
            value: threshold,
            label: "порог".into(),
        }),
    }
}

fn unit_suffix(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!("\u{a0}{unit}")
    }
}

/// One year of a school's series: its value and whether it was low that year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearValue {
    pub year: AcademicYear,
    pub value: Option<f64>,
    pub low: bool,
    pub threshold: f64,
}

/// The school page's chart of one series and subject over the years. The
/// threshold line is drawn when it is the same every year (otherwise each
/// year's threshold is in the table).
pub fn school_series_chart(id: &str, title: &str, unit: &str, years: &[YearValue]) -> BarChart {
    let same_threshold = years
        .first()
        .map(|f| f.threshold)
        .filter(|t| years.iter().all(|y| y.threshold == *t));
    BarChart {
        id: id.to_string(),
        title: title.to_string(),
        description: format!(
            "Столбчатая диаграмма по учебным годам: {}.",
            years
                .iter()
                .map(|y| format!(
                    "{} — {}{}",
                    y.year,
                    y.value
                        .map(|v| format!("{}{}", format_ru(v), unit_suffix(unit)))
                        .unwrap_or_else(|| "нет данных".into()),
                    if y.low { " (низкий)" } else { "" }
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        unit: unit.to_string(),
        series: vec![Series {
            name: title.to_string(),
            pattern: Pattern::Solid,
        }],
        groups: years
            .iter()
            .map(|y| Group {
                label: y.year.to_string(),
                values: vec![y.value],
                flags: vec![y.low.then(|| "низкий".to_string())],
            })
            .collect(),
        stacked: false,
        threshold: same_threshold.map(|value| Threshold {
            value,
            label: "порог".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(school: usize, subject: &str, grade: Option<&str>, value: Option<f64>) -> ResultRow {
        ResultRow {
            line: 2,
            school,
            subject: subject.into(),
            grade: grade.map(Into::into),
            value,
            value_at: (2, 1),
            cells: vec![],
        }
    }

    #[test]
    fn groups_by_subject_and_grade_and_marks_low_values() {
        let rows = [
            row(1, "Математика", Some("5"), Some(35.0)),
            row(2, "Русский язык", Some("5"), Some(10.0)),
            row(2, "математика", Some("5"), Some(30.0)),
            row(3, "Математика", Some("6"), Some(29.0)),
            row(4, "Математика", Some("5"), None),
        ];
        let t = by_subject(&rows, Better::Lower, 30.0);
        let shape: Vec<_> = t
            .iter()
            .map(|t| {
                (
                    t.heading(),
                    t.rows.iter().map(|(_, low)| *low).collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("Математика, 5 класс".to_string(), vec![true, true, false]),
                ("Русский язык, 5 класс".to_string(), vec![false]),
                ("Математика, 6 класс".to_string(), vec![false]),
            ]
        );
        let c = subject_chart("m", "ВПР-2026", &t[0], "%", 30.0, |s| {
            format!("СОШ № {s}")
        });
        assert_eq!(c.groups[0].label, "СОШ № 1");
        assert_eq!(c.groups[0].flags[0].as_deref(), Some("низкий"));
        assert_eq!(c.groups[2].values, vec![None]);
        assert!(c.description.contains("школ: 2"), "{}", c.description);
        // Three schools, two with a value: two bars.
        assert!(
            c.description.contains("школ со значением — 2,"),
            "{}",
            c.description
        );
    }

    #[test]
    fn a_school_series_draws_the_threshold_only_when_it_holds_every_year() {
        let y = |start, value, threshold| YearValue {
            year: AcademicYear { start },
            value: Some(value),
            low: value >= threshold,
            threshold,
        };
        let same =
            school_series_chart("s", "ВПР", "%", &[y(2024, 31.0, 30.0), y(2025, 20.0, 30.0)]);
        assert_eq!(same.threshold.map(|t| t.value), Some(30.0));
        assert!(
            same.description.contains("2024/2025 — 31\u{a0}% (низкий)"),
            "{}",
            same.description
        );
        let differ =
            school_series_chart("s", "ВПР", "%", &[y(2024, 31.0, 30.0), y(2025, 20.0, 25.0)]);
        assert_eq!(differ.threshold, None);
    }
}
