//! An indicator's table (contract 7.2): per period the target, the actual value
//! and whether the target is reached, judged by `better`; and which periods lack
//! a value past the grace (`indicator-value-missing`).

use super::Better;
use crate::chart::{BarChart, Group, Pattern, Series};
use crate::periods::Period;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// One row of the indicator's table, in period order.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRow {
    pub period: Period,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    /// `Some` when both target and actual are known.
    pub achieved: Option<bool>,
    /// A target with no actual value although the period ended more than the
    /// grace ago: what `indicator-value-missing` reports.
    pub value_missing: bool,
}

/// Every period that has a target or a value (the baseline is shown apart), in
/// time order. `grace` is `report_grace_days`.
pub fn rows(
    targets: &[(Period, f64)],
    values: &[(Period, f64)],
    better: Better,
    today: Date,
    grace: i64,
) -> Vec<PeriodRow> {
    let mut by_period: BTreeMap<Period, (Option<f64>, Option<f64>)> = BTreeMap::new();
    for &(p, t) in targets {
        by_period.entry(p).or_default().0 = Some(t);
    }
    for &(p, v) in values {
        by_period.entry(p).or_default().1 = Some(v);
    }
    by_period
        .into_iter()
        .map(|(period, (target, actual))| PeriodRow {
            period,
            target,
            actual,
            achieved: target.zip(actual).map(|(t, a)| better.achieved(a, t)),
            value_missing: target.is_some()
                && actual.is_none()
                && period.ended_before(today, grace),
        })
        .collect()
}

/// The indicator's chart: per period a target bar (hatched) and an actual bar
/// (solid), «не достигнуто» written after an actual that misses its target.
pub fn chart(id: &str, title: &str, unit: &str, rows: &[PeriodRow]) -> BarChart {
    let described: Vec<String> = rows
        .iter()
        .map(|r| {
            let part = |v: Option<f64>| {
                v.map(|v| {
                    format!("{} {unit}", crate::numbers::format_ru(v))
                        .trim_end()
                        .to_string()
                })
                .unwrap_or_else(|| "нет данных".into())
            };
            format!(
                "{}: цель {}, факт {}",
                r.period.label_ru(),
                part(r.target),
                part(r.actual)
            )
        })
        .collect();
    BarChart {
        id: id.to_string(),
        title: title.to_string(),
        description: format!(
            "Столбчатая диаграмма: целевые и фактические значения по периодам. {}.",
            described.join("; ")
        ),
        unit: unit.to_string(),
        series: vec![
            Series {
                name: "Цель".into(),
                pattern: Pattern::Hatch,
            },
            Series {
                name: "Факт".into(),
                pattern: Pattern::Solid,
            },
        ],
        groups: rows
            .iter()
            .map(|r| Group {
                label: r.period.short_label_ru(),
                values: vec![r.target, r.actual],
                flags: vec![
                    None,
                    (r.achieved == Some(false)).then(|| super::achievement_ru(false).to_string()),
                ],
            })
            .collect(),
        stacked: false,
        threshold: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::periods::Periodicity;
    use jiff::civil::date;

    fn p(text: &str) -> Period {
        Period::parse(text, Periodicity::Year).unwrap()
    }

    #[test]
    fn judges_each_period_by_direction() {
        // «Доля ШНОР»: lower is better.
        let targets = [(p("2025/2026"), 12.0), (p("2026/2027"), 10.0)];
        let values = [(p("2025/2026"), 11.5), (p("2024/2025"), 14.3)];
        let got = rows(&targets, &values, Better::Lower, date(2026, 12, 2), 10);
        let summary: Vec<_> = got
            .iter()
            .map(|r| (r.period.to_string(), r.target, r.actual, r.achieved))
            .collect();
        assert_eq!(
            summary,
            [
                ("2024/2025".to_string(), None, Some(14.3), None),
                ("2025/2026".to_string(), Some(12.0), Some(11.5), Some(true)),
                ("2026/2027".to_string(), Some(10.0), None, None),
            ]
        );
        let higher = rows(&targets, &values, Better::Higher, date(2026, 12, 2), 10);
        assert_eq!(higher[1].achieved, Some(false));
    }

    #[test]
    fn a_missing_value_counts_only_after_the_grace() {
        // 2025/2026 ended Mon 31 Aug 2026; ten working days later is Mon 14 Sep.
        let targets = [(p("2025/2026"), 12.0), (p("2026/2027"), 10.0)];
        let on_boundary = rows(&targets, &[], Better::Lower, date(2026, 9, 14), 10);
        assert!(!on_boundary[0].value_missing);
        let day_after = rows(&targets, &[], Better::Lower, date(2026, 9, 15), 10);
        assert!(day_after[0].value_missing);
        // The current year has not ended: never missing.
        assert!(!day_after[1].value_missing);
        // A value answers it.
        let with_value = rows(
            &targets,
            &[(p("2025/2026"), 13.0)],
            Better::Lower,
            date(2026, 9, 15),
            10,
        );
        assert!(!with_value[0].value_missing);
    }

    #[test]
    fn the_chart_has_a_target_and_an_actual_bar_per_period() {
        let targets = [(p("2025/2026"), 12.0)];
        let values = [(p("2025/2026"), 13.0)];
        let got = rows(&targets, &values, Better::Lower, date(2026, 12, 2), 10);
        let c = chart("ind", "Доля ШНОР", "%", &got);
        assert_eq!(c.groups[0].values, vec![Some(12.0), Some(13.0)]);
        assert_eq!(c.groups[0].flags[1].as_deref(), Some("не достигнуто"));
        assert!(
            c.description.contains("цель 12 %, факт 13 %"),
            "{}",
            c.description
        );
    }
}
