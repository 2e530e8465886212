//! The rules of monitoring and execution (contract section 7): `measure-overdue`,
//! `indicator-value-missing`, `low-results-unsupported`. The judgements are in
//! src/monitoring/ (shared with the pages); here they become findings.

use super::Ctx;
use super::rules::{on, working_days_ru};
use crate::dates::{long_ru, working_days_between};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::indicator::Indicator;
use crate::kinds::monitoring::Monitoring;
use crate::kinds::{Report, School, work_plan};
use crate::monitoring::Better;
use crate::monitoring::execution;
use crate::monitoring::indicators;
use crate::monitoring::persistent::{Observation, persistently_low};
use crate::numbers::format_ru;
use crate::schema::Section;
use std::collections::BTreeMap;

pub fn measure_overdue(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    for (idx, r) in site.records.iter().enumerate() {
        let Some(w) = work_plan::of(r) else { continue };
        if w.academic_year != Some(ctx.year) {
            continue;
        }
        let Some(att) = work_plan::statuses(site, idx) else {
            continue;
        };
        let what = if r.section == Section::Roadmaps {
            "дорожной карты"
        } else {
            "плана работы"
        };
        for (i, m) in w.measures.iter().enumerate() {
            let due = m.due.as_ref().and_then(|d| d.date);
            if att.unreadable[i]
                || !execution::overdue_beyond_grace(
                    att.latest[i].as_ref(),
                    due,
                    ctx.today,
                    ctx.grace,
                )
            {
                continue;
            }
            let (Some(due), Some(due_text)) = (due, m.due.as_ref().map(|d| d.text.as_str())) else {
                continue;
            };
            let title = m.title.clone().unwrap_or_default();
            let passed = working_days_between(due, ctx.today);
            let typo = att
                .unmatched
                .iter()
                .find(|u| u.closest == Some(i))
                .and_then(|u| {
                    let rep = site.records[u.report].data::<Report>()?;
                    Some((
                        site.records[u.report].id.clone(),
                        rep.measures[u.row].title.clone()?,
                    ))
                });
            let hint = match typo {
                Some((report_id, written)) => format!(
                    "в отчёте {report_id} есть похожее мероприятие «{written}»: исправьте название, чтобы оно совпадало с дорожной картой или планом"
                ),
                None => format!(
                    "добавьте в отчёт of: {} строку measures: - title: {title} со status: done, partly или not_done",
                    r.id
                ),
            };
            out.push(
                on(
                    r,
                    RuleId::MeasureOverdue,
                    if m.pos.line > 0 { m.pos } else { r.pos_of("measures") },
                    format!(
                        "срок мероприятия «{title}» — {} — прошёл {} назад (допустимо {}), а ни в одном отчёте о выполнении {what} нет его статуса",
                        due_words(due_text, due),
                        working_days_ru(passed),
                        working_days_ru(ctx.grace)
                    ),
                )
                .hint(hint),
            );
        }
    }
}

/// «15 октября 2026 г.» for an ISO date; «октябрь 2026 (31 октября 2026 г.)» for a
/// due written in words, so the editor sees which day was read from it.
fn due_words(text: &str, date: jiff::civil::Date) -> String {
    if crate::dates::parse_iso(text) == Some(date) {
        long_ru(date)
    } else {
        format!("«{}» ({})", text.trim(), long_ru(date))
    }
}

pub fn indicator_value_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (_, r) in ctx.site.in_section(Section::Indicators) {
        let Some(ind) = r.data::<Indicator>() else {
            continue;
        };
        let rows = indicators::rows(
            &ind.targets,
            &ind.values,
            ind.better.unwrap_or(Better::Higher),
            ctx.today,
            ctx.grace,
        );
        for row in rows.iter().filter(|row| row.value_missing) {
            let end = row.period.last_day();
            out.push(
                on(
                    r,
                    RuleId::IndicatorValueMissing,
                    ind.values_pos,
                    format!(
                        "у показателя «{}» есть цель за {} ({}), а фактического значения нет; период закончился {} — {} назад (допустимо {})",
                        r.display_title(),
                        row.period.label_ru(),
                        row.target.map(format_ru).unwrap_or_default(),
                        long_ru(end),
                        working_days_ru(working_days_between(end, ctx.today)),
                        working_days_ru(ctx.grace)
                    ),
                )
                .hint(format!(
                    "добавьте в поле values строку \"{}\": число (например 12,5)",
                    row.period
                )),
            );
        }
    }
}

/// One series' values, judged per year, and the title of its latest record.
#[derive(Default)]
struct Series<'a> {
    observations: Vec<Observation<'a>>,
    latest: Option<(crate::dates::AcademicYear, String)>,
}

pub fn low_results_unsupported(ctx: &Ctx, out: &mut Vec<Finding>) {
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
