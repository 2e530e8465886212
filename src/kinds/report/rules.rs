//! The report kind's rules: a report that is due and missing. `report-missing`
//! counts the reports `of` an event or a roadmap or plan; `measure-overdue` looks
//! for each due measure's status in them (src/monitoring/execution.rs judges);
//! `status-unmatched` names the report rows whose title names no measure, since
//! their status counts for nothing.

use super::Report;
use crate::dates::{long_ru, short_ru, working_days_between};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::Record;
use crate::kinds::rule::{CheckFn, Ctx, on, working_days_ru};
use crate::kinds::schema::Section;
use crate::kinds::{Event, work_plan};
use crate::monitoring::execution;
use rayon::prelude::*;

pub(super) const RULES: &[(RuleId, CheckFn)] = &[
    (RuleId::ReportMissing, report_missing),
    (RuleId::MeasureOverdue, measure_overdue),
    (RuleId::StatusUnmatched, status_unmatched),
];

fn report_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    for (idx, r) in site.records.iter().enumerate() {
        let reports = site.backlinks[idx].count(super::OF);
        if let Some(event) = r.data::<Event>() {
            let Some(last_day) = event.last_day() else {
                continue;
            };
            let passed = working_days_between(last_day, ctx.today);
            if passed <= ctx.grace || reports > 0 {
                continue;
            }
            let field = if event.end_date.is_some() {
                "end_date"
            } else {
                "date"
            };
            out.push(
                on(
                    r,
                    RuleId::ReportMissing,
                    r.pos_of(field),
                    format!(
                        "мероприятие «{}» прошло {} — {} назад (допустимо {}), а отчёта о нём нет",
                        r.display_title(),
                        long_ru(last_day),
                        working_days_ru(passed),
                        working_days_ru(ctx.grace)
                    ),
                )
                .hint(format!(
                    "добавьте отчёт в content/reports/ с полями of: {} и date: ГГГГ-ММ-ДД",
                    r.id
                )),
            );
        } else if let Some(plan) = work_plan::of(r) {
            let overdue = ctx.overdue_due_dates(plan);
            if reports >= overdue.len() {
                continue;
            }
            let what = if r.section == Section::Roadmaps {
                "дорожной карты"
            } else {
                "плана работы"
            };
            let dates: Vec<_> = overdue.iter().map(|&d| short_ru(d)).collect();
            let field = if plan.reports_due.is_empty() {
                "academic_year"
            } else {
                "reports_due"
            };
            out.push(
                on(
                    r,
                    RuleId::ReportMissing,
                    r.pos_of(field),
                    format!(
                        "по выполнению {what} «{}» должно быть отчётов: {} (сроки: {}; прошло больше {}), а опубликовано: {}",
                        r.display_title(),
                        overdue.len(),
                        dates.join(", "),
                        working_days_ru(ctx.grace),
                        reports
                    ),
                )
                .hint(format!(
                    "добавьте отчёт о выполнении в content/reports/ с полями of: {} и date: ГГГГ-ММ-ДД",
                    r.id
                )),
            );
        }
    }
}

fn measure_overdue(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    for (idx, r) in site.records.iter().enumerate() {
        let Some(w) = work_plan::of(r) else { continue };
        if w.academic_year != Some(ctx.year) {
            continue;
        }
        let Some(att) = ctx.statuses(idx) else {
            continue;
        };
        let what = if r.section == Section::Roadmaps {
            "дорожной карты"
        } else {
            "плана работы"
        };
        // Each unmatched row's closest measure, worked out at the first overdue
        // measure only (most plans have none).
        let mut closest: Option<Vec<Option<usize>>> = None;
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
            let closest = closest
                .get_or_insert_with(|| att.unmatched.iter().map(|u| att.closest(u)).collect());
            let typo = att
                .unmatched
                .iter()
                .zip(closest.iter())
                .find(|(_, c)| **c == Some(i))
                .and_then(|(u, _)| {
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

fn status_unmatched(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    // Every roadmap and plan of every year: attaching statuses compares each
    // unmatched row with every measure title, so the plans go to all threads.
    let found: Vec<Finding> = site
        .records
        .par_iter()
        .enumerate()
        .flat_map_iter(|(idx, r)| unmatched_rows(ctx, idx, r))
        .collect();
    out.extend(found);
}

/// `status-unmatched` for the reports of one roadmap or plan.
fn unmatched_rows(ctx: &Ctx, idx: usize, r: &Record) -> Vec<Finding> {
    let site = ctx.site;
    let mut out = Vec::new();
    let Some(w) = work_plan::of(r) else {
        return out;
    };
    let Some(att) = ctx.statuses(idx) else {
        return out;
    };
    let what = if r.section == Section::Roadmaps {
        "дорожной карте"
    } else {
        "плане работы"
    };
    let titles = work_plan::titles(w);
    for u in &att.unmatched {
        let report = &site.records[u.report];
        let Some(row) = report.data::<Report>().map(|rep| &rep.measures[u.row]) else {
            continue;
        };
        let written = row.title.clone().unwrap_or_default();
        let closest = att.closest(u).and_then(|i| titles[i]);
        let hint = match closest {
            Some(title) => format!(
                "возможно, имелось в виду «{title}»: исправьте название, чтобы оно совпадало с {what_gen}",
                what_gen = if r.section == Section::Roadmaps {
                    "дорожной картой"
                } else {
                    "планом работы"
                }
            ),
            None => format!(
                "названия мероприятий в отчёте сравниваются с {} без учёта регистра, пробелов, кавычек и «ё»; скопируйте название оттуда",
                r.id
            ),
        };
        out.push(
            on(
                report,
                RuleId::StatusUnmatched,
                if row.pos.line > 0 {
                    row.pos
                } else {
                    report.pos_of("measures")
                },
                format!(
                    "в {what} «{}» нет мероприятия «{written}», поэтому его статус не учтён",
                    r.display_title()
                ),
            )
            .hint(hint),
        );
    }
    out
}
