//! The monitoring kind's rule `low-results-unsupported`: a school outside the
//! support group whose results stay low year after year (judged by
//! src/monitoring/persistent.rs, the same answer its page shows).

use super::Monitoring;
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::School;
use crate::kinds::rule::{CheckFn, Ctx, on};
use crate::kinds::schema::Section;
use crate::monitoring::persistent::{Observation, persistently_low};
use crate::numbers::format_ru;
use std::collections::BTreeMap;

pub(super) const RULES: &[(RuleId, CheckFn)] =
    &[(RuleId::LowResultsUnsupported, low_results_unsupported)];

/// One series' values, judged per year, and the title of its latest record.
#[derive(Default)]
struct Series<'a> {
    observations: Vec<Observation<'a>>,
    latest: Option<(crate::dates::AcademicYear, String)>,
}

fn low_results_unsupported(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    let mut series: BTreeMap<&str, Series<'_>> = BTreeMap::new();
    for (_, r) in site.in_section(Section::Monitoring) {
        let Some(m) = r.data::<Monitoring>() else {
            continue;
        };
        let (Some(name), Some(year), Some(better), Some(threshold)) =
            (m.series.as_deref(), m.academic_year, m.better, m.threshold)
        else {
            continue;
        };
        let entry = series.entry(name).or_default();
        if entry.latest.as_ref().is_none_or(|(y, _)| *y < year) {
            entry.latest = Some((year, r.display_title()));
        }
        for row in &m.results.rows {
            let Some(value) = row.value else { continue };
            entry.observations.push(Observation {
                year,
                subject: &row.subject,
                grade: row.grade.as_deref(),
                school: row.school,
                value,
                low: better.is_low(value, threshold),
            });
        }
    }
    let years = ctx.profile.monitoring.persistent_years();
    for (
        name,
        Series {
            observations,
            latest,
        },
    ) in &series
    {
        for low in persistently_low(observations, years) {
            let school = &site.records[low.school];
            if school.data::<School>().is_none_or(School::in_support_group) {
                continue;
            }
            let subject = match &low.grade {
                Some(g) => format!("{}, {g} класс", low.subject),
                None => low.subject.clone(),
            };
            let values: Vec<String> = low
                .years
                .iter()
                .map(|(y, v)| format!("{y} — {}", format_ru(*v)))
                .collect();
            out.push(
                on(
                    school,
                    RuleId::LowResultsUnsupported,
                    school.pos,
                    format!(
                        "школа «{}» не входит в группу поддержки, но показывает низкий результат в каждом из последних учебных лет с данными ({}): серия «{name}»{}, {subject}: {}",
                        school.display_title(),
                        low.years.len(),
                        latest.as_ref().map(|(_, t)| format!(" ({t})")).unwrap_or_default(),
                        values.join("; ")
                    ),
                )
                .hint("рассмотрите включение школы в группу поддержки (categories: [shnor]) и дорожную карту сопровождения"),
            );
        }
    }
}
