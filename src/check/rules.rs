//! The checker's rules: one function per rule.
//!
//! To add a rule: give it an id and a row in the rule table
//! (`src/diagnostics/rule.rs`: severity, what it checks in Russian), write
//! `fn my_rule(ctx: &Ctx, out: &mut Vec<Finding>)`, add it to [`CHECKS`],
//! document it in `docs/check.md` and give it a firing and a non-firing test in
//! `tests/check_rules.rs`. Findings are made with [`finding`], which takes the
//! severity from the table, so a rule cannot disagree with its documentation.

use super::Ctx;
use crate::dates::{long_ru, short_ru, working_days_between};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::{
    Centre, Document, Event, Report, School, document, plan, report, roadmap, work_plan,
};
use crate::model::{Pos, Record};
use crate::schema::{self, FieldType, Section};
use rayon::prelude::*;

pub type CheckFn = fn(&Ctx, &mut Vec<Finding>);

/// The checker's rules and the function that applies each, in the order of the
/// rule table ([`RuleId::info`] holds their severity and what they check). The
/// rules applied while reading (`invalid-record`, `duplicate-id`,
/// `broken-reference`, `attachment-missing`) and the planned ones have no row.
pub const CHECKS: &[(RuleId, CheckFn)] = &[
    (RuleId::FieldMissing, field_missing),
    (RuleId::UnknownField, unknown_field),
    (RuleId::SectionEmpty, section_empty),
    (RuleId::RoadmapMissing, roadmap_missing),
    (RuleId::PlanMissing, plan_missing),
    (RuleId::ReportMissing, report_missing),
    (RuleId::MentorMissing, mentor_missing),
    (RuleId::CuratorMissing, curator_missing),
    (RuleId::UnknownRisk, unknown_risk),
    (RuleId::ImageAltMissing, image_alt_missing),
    // SNILS, passport numbers, personal phones or e-mails in a Markdown body
    // (heuristics in diagnostics/personal_data.rs).
    (RuleId::PersonalData, personal_data),
    // Monitoring and execution (contract section 7): src/check/monitoring.rs.
    (
        RuleId::LowResultsUnsupported,
        super::monitoring::low_results_unsupported,
    ),
    (
        RuleId::IndicatorValueMissing,
        super::monitoring::indicator_value_missing,
    ),
    (RuleId::MeasureOverdue, super::monitoring::measure_overdue),
    // A finished period of the profile's [reviews] without a review (reviews.rs).
    (RuleId::ReviewMissing, super::reviews::review_missing),
];

/// A finding of a rule, with the rule table's severity.
pub fn finding(id: RuleId, message: impl Into<String>) -> Finding {
    Finding::new(id, message)
}

/// A finding on a record at a position in its file.
pub(super) fn on(record: &Record, id: RuleId, pos: Pos, message: impl Into<String>) -> Finding {
    finding(id, message)
        .record(&record.id)
        .file(&record.file)
        .at(pos.line.max(1), pos.column.max(1))
}

/// The id inside its section: `schools/sosh-10` → `sosh-10`, as references write it.
fn local_id(record: &Record) -> &str {
    record
        .id
        .strip_prefix(record.section.dir())
        .and_then(|s| s.strip_prefix('/'))
        .unwrap_or(&record.id)
}

/// «1 рабочий день», «3 рабочих дня», «10 рабочих дней».
pub fn working_days_ru(n: i64) -> String {
    let (m10, m100) = (n % 10, n % 100);
    let word = if m10 == 1 && m100 != 11 {
        "рабочий день"
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        "рабочих дня"
    } else {
        "рабочих дней"
    };
    format!("{n} {word}")
}

fn field_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in &ctx.site.records {
        let missing = |name: &str| r.field(name).is_none_or(|f| f.empty);
        let mut report = |name: &str, about: &str| {
            let written = r.field(name);
            let message = if written.is_some() {
                format!("обязательное поле «{name}» пустое")
            } else {
                format!("нет обязательного поля «{name}»")
            };
            let f = on(
                r,
                RuleId::FieldMissing,
                written.map(|f| f.pos).unwrap_or(r.pos),
                format!("{message} — {about}"),
            )
            .hint(format!(
                "добавьте в запись ({}) строку «{name}: …» со значением",
                r.section.record_ru()
            ));
            out.push(f);
        };
        for spec in r.section.fields().iter().filter(|f| f.required()) {
            if missing(spec.name) {
                report(spec.name, spec.about);
            }
        }
        if let Some(doc) = r.data::<Document>()
            && let Some(kind) = &doc.kind
            && document::kind_needs_number(kind)
        {
            for name in ["number", "date"] {
                if missing(name) {
                    let about = r.section.field(name).map(|f| f.about).unwrap_or("");
                    report(name, about);
                }
            }
        }
        // Rows of a table without their title (a skeleton's empty row): the
        // row would be published as an empty line of the table.
        let rows: Vec<(Option<&str>, Pos)> = match (work_plan::of(r), r.data::<Report>()) {
            (Some(plan), _) => plan
                .measures
                .iter()
                .map(|m| (m.title.as_deref(), m.pos))
                .collect(),
            (None, Some(report)) => report
                .measures
                .iter()
                .map(|m| (m.title.as_deref(), m.pos))
                .collect(),
            _ => Vec::new(),
        };
        for (i, (title, pos)) in rows.into_iter().enumerate() {
            if title.is_none_or(|t| t.trim().is_empty()) {
                out.push(
                    on(
                        r,
                        RuleId::FieldMissing,
                        if pos.line > 0 {
                            pos
                        } else {
                            r.pos_of("measures")
                        },
                        format!(
                            "у мероприятия № {} в списке measures нет названия (title)",
                            i + 1
                        ),
                    )
                    .hint("у каждого мероприятия обязательно поле title: что будет сделано"),
                );
            }
        }
    }
}

fn unknown_field(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in &ctx.site.records {
        for f in &r.fields {
            // The fields a key may be: the record's own, or a table's columns.
            let (specs, place) = match &f.within {
                None => (
                    r.section.fields(),
                    format!("у записи вида «{}»", r.section.record_ru()),
                ),
                Some(table) => match r.section.field(table).map(|s| s.ty) {
                    Some(FieldType::Table(columns)) => (columns, format!("в строках «{table}»")),
                    _ => continue,
                },
            };
            if specs.iter().any(|s| s.name == f.name) {
                continue;
            }
            let hint = match schema::closest_of(specs, &f.name) {
                Some(close) => format!("возможно, имелось в виду «{close}»"),
                None => format!(
                    "допустимые поля: {}",
                    specs.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
                ),
            };
            out.push(
                on(
                    r,
                    RuleId::UnknownField,
                    f.pos,
                    format!(
                        "неизвестное поле «{}»: {place} такого поля нет, и его значение нигде не показывается",
                        f.name,
                    ),
                )
                .hint(hint),
            );
        }
    }
}

fn section_empty(ctx: &Ctx, out: &mut Vec<Finding>) {
    for item in &ctx.profile.items {
        if crate::items::is_satisfied(ctx.site, item) {
            continue;
        }
        let mut f = finding(
            RuleId::SectionEmpty,
            format!(
                "не опубликовано ни одной записи по обязательному пункту «{}» (основание: {})",
                item.title, item.basis
            ),
        );
        f.item = Some(item.id.clone());
        if !item.hint.is_empty() {
            f = f.hint(item.hint.clone());
        }
        out.push(f);
    }
}

fn roadmap_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (idx, r) in ctx.site.in_section(Section::Schools) {
        let Some(school) = r.data::<School>() else {
            continue;
        };
        if !school.in_support_group() {
            continue;
        }
        let years: Vec<_> = ctx.site.backlinks[idx]
            .via(roadmap::SCHOOL)
            .filter_map(|i| work_plan::of(&ctx.site.records[i])?.academic_year)
            .collect();
        if years.contains(&ctx.year) {
            continue;
        }
        let categories: Vec<_> = school.categories.iter().map(|c| c.label_ru()).collect();
        let mut message = format!(
            "школа «{}» входит в группу поддержки ({}), но дорожной карты сопровождения на {} учебный год нет",
            r.display_title(),
            categories.join(", "),
            ctx.year
        );
        if let Some(last) = years.iter().max() {
            message.push_str(&format!(" (последняя — на {last} учебный год)"));
        }
        let hint = format!(
            "создайте её командой: {}",
            new_command(ctx, r, "roadmap", "--school")
        );
        out.push(on(r, RuleId::RoadmapMissing, r.pos, message).hint(hint));
    }
}

/// The `vitrina new` command that creates the owner's missing roadmap or plan for
/// the current academic year.
fn new_command(ctx: &Ctx, owner: &Record, kind: &str, flag: &str) -> String {
    let id = local_id(owner);
    let name = id.rsplit('/').next().unwrap_or(id);
    format!(
        "vitrina new {kind} {name}-{} {flag} {id} --year {}",
        ctx.year.slug(),
        ctx.year
    )
}

fn plan_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (idx, r) in ctx.site.in_section(Section::Centres) {
        let years: Vec<_> = ctx.site.backlinks[idx]
            .via(plan::CENTRE)
            .filter_map(|i| work_plan::of(&ctx.site.records[i])?.academic_year)
            .collect();
        if years.contains(&ctx.year) {
            continue;
        }
        let label = r
            .data::<Centre>()
            .and_then(|c| c.kind)
            .map(|k| k.label_ru())
            .unwrap_or("центр");
        let mut message = format!(
            "у {label} «{}» нет плана работы на {} учебный год",
            r.display_title(),
            ctx.year
        );
        if let Some(last) = years.iter().max() {
            message.push_str(&format!(" (последний — на {last} учебный год)"));
        }
        let hint = format!(
            "создайте его командой: {}",
            new_command(ctx, r, "plan", "--centre")
        );
        out.push(on(r, RuleId::PlanMissing, r.pos, message).hint(hint));
    }
}

fn report_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    for (idx, r) in site.records.iter().enumerate() {
        let reports = site.backlinks[idx].count(report::OF);
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

/// Schools in the support group, for the mentor and curator rules.
fn support_schools<'a>(ctx: &'a Ctx) -> impl Iterator<Item = (&'a Record, &'a School)> + 'a {
    ctx.site
        .in_section(Section::Schools)
        .filter_map(|(_, r)| Some((r, r.data::<School>()?)))
        .filter(|(_, s)| s.in_support_group())
}

fn mentor_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (r, school) in support_schools(ctx) {
        // A mentor that is written but does not resolve is a broken-reference.
        if school.mentor.is_none() {
            out.push(
                on(
                    r,
                    RuleId::MentorMissing,
                    r.pos_of("mentor"),
                    format!(
                        "у школы группы поддержки «{}» не указана школа-наставник",
                        r.display_title()
                    ),
                )
                .hint(
                    "добавьте поле mentor: идентификатор школы-наставника, например mentor: sosh-1",
                ),
            );
        }
    }
}

fn curator_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (r, _) in support_schools(ctx) {
        let idx = ctx.site.get(&r.id).expect("a record of the site");
        // A curator is written in the school (`curator`) or in a person's `schools`.
        if !crate::kinds::person::has_curator(ctx.site, idx) {
            out.push(
                on(
                    r,
                    RuleId::CuratorMissing,
                    r.pos_of("curator"),
                    format!(
                        "у школы группы поддержки «{}» не указан куратор",
                        r.display_title()
                    ),
                )
                .hint("добавьте поле curator: идентификатор куратора из people/ или ФИО и должность; либо впишите школу в schools куратора"),
            );
        }
    }
}

fn image_alt_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in &ctx.site.records {
        for a in r.attachments() {
            if a.is_image() && a.alt.is_none() {
                out.push(
                    on(
                        r,
                        RuleId::ImageAltMissing,
                        a.pos,
                        format!(
                            "у фотографии «{}» нет описания (alt): незрячий посетитель не узнает, что на ней",
                            a.written
                        ),
                    )
                    .hint(format!(
                        "запишите файл так: - file: {}\n    alt: что изображено, например «Участники семинара в актовом зале»",
                        a.written
                    )),
                );
            }
        }
    }
}

fn unknown_risk(ctx: &Ctx, out: &mut Vec<Finding>) {
    // A profile without a risk vocabulary does not restrict `risks`.
    if ctx.profile.risks.is_empty() {
        return;
    }
    let known: Vec<_> = ctx.profile.risks.iter().map(|r| r.id.as_str()).collect();
    for r in &ctx.site.records {
        for (id, pos, field) in crate::kinds::risk::mentions(r) {
            if ctx.profile.risk(id).is_none() {
                out.push(
                    on(
                        r,
                        RuleId::UnknownRisk,
                        if pos.line > 0 { pos } else { r.pos_of(field) },
                        format!("фактор риска «{id}» не входит в перечень профиля требований"),
                    )
                    .hint(format!("допустимые факторы риска: {}", known.join(", "))),
                );
            }
        }
    }
}

fn personal_data(ctx: &Ctx, out: &mut Vec<Finding>) {
    // The one rule that reads every body (most of the rules' time): on every
    // thread, findings in record order as before.
    let found: Vec<Finding> = ctx
        .site
        .records
        .par_iter()
        .flat_map_iter(|r| {
            crate::diagnostics::personal_data::scan(&r.body).into_iter().map(move |hit| {
                on(
                    r,
                    RuleId::PersonalData,
                    Pos {
                        line: r.body_line + hit.line - 1,
                        column: hit.column,
                    },
                    format!(
                        "в тексте похоже на персональные данные: {} «{}»; по 152-ФЗ их публикуют только с согласия человека",
                        hit.kind.label_ru(),
                        hit.text
                    ),
                )
                .hint(hit.kind.hint_ru())
            })
        })
        .collect();
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::rule::Stage;

    #[test]
    fn every_checker_rule_of_the_table_has_a_check_and_no_other() {
        let checked: Vec<RuleId> = CHECKS.iter().map(|(id, _)| *id).collect();
        let table: Vec<RuleId> = RuleId::ALL
            .iter()
            .copied()
            .filter(|r| r.info().stage == Stage::Checker)
            .collect();
        assert_eq!(checked, table);
    }

    #[test]
    fn plural_of_working_days() {
        assert_eq!(working_days_ru(1), "1 рабочий день");
        assert_eq!(working_days_ru(3), "3 рабочих дня");
        assert_eq!(working_days_ru(10), "10 рабочих дней");
        assert_eq!(working_days_ru(11), "11 рабочих дней");
        assert_eq!(working_days_ru(21), "21 рабочий день");
        assert_eq!(working_days_ru(29), "29 рабочих дней");
    }
}
