//! The checker's rules: one table, one function per rule.
//!
//! To add a rule: write `fn my_rule(ctx: &Ctx, out: &mut Vec<Finding>)`, add a
//! [`Rule`] row to [`RULES`] (stable id, severity, what it checks in Russian),
//! document it in `docs/check.md` and give it a firing and a non-firing test in
//! `tests/check_rules.rs`. Findings are made with [`finding`], which takes the
//! severity from the table, so a rule cannot disagree with its documentation.

use super::Ctx;
use crate::dates::{long_ru, short_ru, working_days_between};
use crate::diagnostics::{Finding, Severity};
use crate::model::{Pos, Record};
use crate::schema::{self, Section};
use rayon::prelude::*;

pub type CheckFn = fn(&Ctx, &mut Vec<Finding>);

/// A rule of the checker.
pub struct Rule {
    /// The stable id from the content model (`roadmap-missing`).
    pub id: &'static str,
    pub severity: Severity,
    /// What the rule checks, in Russian: SARIF rule descriptions, JUnit, docs.
    pub about: &'static str,
    /// `None`: the rule is applied while loading and resolving the site, and its
    /// findings arrive in `Site::findings`.
    pub check: Option<CheckFn>,
}

use Severity::{Error, Warning};

/// Every rule, in the order of the content model's table; `personal-data` last.
pub const RULES: &[Rule] = &[
    // invalid-record [error]: a file cannot be read or parsed, or a field has the
    // wrong type (src/load.rs).
    Rule {
        id: "invalid-record",
        severity: Error,
        about: "файл записи не читается или не разбирается, либо у поля неверный тип",
        check: None,
    },
    // field-missing [error]: a required field is absent or empty.
    Rule {
        id: "field-missing",
        severity: Error,
        about: "не заполнено обязательное поле",
        check: Some(field_missing),
    },
    // unknown-field [warning]: a field the kind does not know; suggests the closest.
    Rule {
        id: "unknown-field",
        severity: Warning,
        about: "неизвестное поле (возможно, опечатка)",
        check: Some(unknown_field),
    },
    // duplicate-id [error]: two files give the same id or URL (src/resolve.rs).
    Rule {
        id: "duplicate-id",
        severity: Error,
        about: "два файла дают один идентификатор или один адрес страницы",
        check: None,
    },
    // broken-reference [error]: a reference names no record of the right section
    // (src/resolve.rs).
    Rule {
        id: "broken-reference",
        severity: Error,
        about: "ссылка на несуществующую запись или на запись не того раздела",
        check: None,
    },
    // attachment-missing [error]: a `file`/`files` path does not exist or leaves
    // `content/` (src/resolve.rs).
    Rule {
        id: "attachment-missing",
        severity: Error,
        about: "приложенный файл не найден или лежит вне папки content/",
        check: None,
    },
    // section-empty [error]: a profile item has no published record.
    Rule {
        id: "section-empty",
        severity: Error,
        about: "по обязательному пункту профиля не опубликовано ни одной записи",
        check: Some(section_empty),
    },
    // roadmap-missing [error]: a support-group school has no roadmap for the
    // current academic year.
    Rule {
        id: "roadmap-missing",
        severity: Error,
        about: "у школы группы поддержки нет дорожной карты на текущий учебный год",
        check: Some(roadmap_missing),
    },
    // plan-missing [error]: a centre has no plan for the current academic year.
    Rule {
        id: "plan-missing",
        severity: Error,
        about: "у МНЦ или МТКП нет плана работы на текущий учебный год",
        check: Some(plan_missing),
    },
    // report-missing [error]: an event over for more than the grace has no report,
    // or a roadmap/plan has fewer reports than due dates passed by more than it.
    Rule {
        id: "report-missing",
        severity: Error,
        about: "нет отчёта о прошедшем мероприятии или о выполнении дорожной карты или плана",
        check: Some(report_missing),
    },
    // mentor-missing [warning]: a support-group school has no `mentor`.
    Rule {
        id: "mentor-missing",
        severity: Warning,
        about: "у школы группы поддержки не указана школа-наставник",
        check: Some(mentor_missing),
    },
    // curator-missing [warning]: a support-group school has no `curator`.
    Rule {
        id: "curator-missing",
        severity: Warning,
        about: "у школы группы поддержки не указан куратор",
        check: Some(curator_missing),
    },
    // unknown-risk [warning]: a `risks` entry is not in the profile's vocabulary.
    Rule {
        id: "unknown-risk",
        severity: Warning,
        about: "фактор риска не из перечня профиля требований",
        check: Some(unknown_risk),
    },
    // personal-data [warning]: SNILS, passport numbers, personal phones or
    // e-mails in a Markdown body (heuristics in personal_data.rs).
    Rule {
        id: "personal-data",
        severity: Warning,
        about: "в тексте записи похоже на персональные данные (СНИЛС, паспорт, личный телефон или e-mail)",
        check: Some(personal_data),
    },
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// A finding of a rule in [`RULES`], with the table's severity.
pub fn finding(id: &'static str, message: impl Into<String>) -> Finding {
    match rule(id).map(|r| r.severity) {
        Some(Warning) => Finding::warning(id, message),
        _ => Finding::error(id, message),
    }
}

/// A finding on a record at a position in its file.
fn on(record: &Record, id: &'static str, pos: Pos, message: impl Into<String>) -> Finding {
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
                "field-missing",
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
        if let Some(doc) = r.as_document()
            && let Some(kind) = &doc.kind
            && schema::document_kind_needs_number(kind)
        {
            for name in ["number", "date"] {
                if missing(name) {
                    let about = r.section.field(name).map(|f| f.about).unwrap_or("");
                    report(name, about);
                }
            }
        }
        if let Some(plan) = r.as_work_plan() {
            for (i, m) in plan.measures.iter().enumerate() {
                if m.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    out.push(
                        on(
                            r,
                            "field-missing",
                            if m.pos.line > 0 {
                                m.pos
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
}

fn unknown_field(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in &ctx.site.records {
        for f in &r.fields {
            if r.section.field(&f.name).is_some() {
                continue;
            }
            let hint = match schema::closest_field(r.section, &f.name) {
                Some(close) => format!("возможно, имелось в виду «{close}»"),
                None => format!(
                    "допустимые поля: {}",
                    r.section
                        .fields()
                        .iter()
                        .map(|s| s.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push(
                on(
                    r,
                    "unknown-field",
                    f.pos,
                    format!(
                        "неизвестное поле «{}»: у записи вида «{}» такого поля нет, и его значение нигде не показывается",
                        f.name,
                        r.section.record_ru()
                    ),
                )
                .hint(hint),
            );
        }
    }
}

fn section_empty(ctx: &Ctx, out: &mut Vec<Finding>) {
    for item in &ctx.profile.items {
        if super::satisfying_records(ctx, item).next().is_some() {
            continue;
        }
        let mut f = finding(
            "section-empty",
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
        let Some(school) = r.as_school() else {
            continue;
        };
        if !school.in_support_group() {
            continue;
        }
        let years: Vec<_> = ctx.site.backlinks[idx]
            .roadmaps
            .iter()
            .filter_map(|&i| ctx.site.records[i].as_work_plan()?.academic_year)
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
        out.push(on(r, "roadmap-missing", r.pos, message).hint(hint));
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
            .plans
            .iter()
            .filter_map(|&i| ctx.site.records[i].as_work_plan()?.academic_year)
            .collect();
        if years.contains(&ctx.year) {
            continue;
        }
        let label = r
            .as_centre()
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
        out.push(on(r, "plan-missing", r.pos, message).hint(hint));
    }
}

fn report_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    for (idx, r) in site.records.iter().enumerate() {
        let reports = site.backlinks[idx].reports.len();
        if let Some(event) = r.as_event() {
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
                    "report-missing",
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
        } else if let Some(plan) = r.as_work_plan() {
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
                    "report-missing",
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
fn support_schools<'a>(
    ctx: &'a Ctx,
) -> impl Iterator<Item = (&'a Record, &'a crate::model::School)> + 'a {
    ctx.site
        .in_section(Section::Schools)
        .filter_map(|(_, r)| Some((r, r.as_school()?)))
        .filter(|(_, s)| s.in_support_group())
}

fn mentor_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (r, school) in support_schools(ctx) {
        // A mentor that is written but does not resolve is a broken-reference.
        if school.mentor.is_none() {
            out.push(
                on(
                    r,
                    "mentor-missing",
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
    for (r, school) in support_schools(ctx) {
        if school
            .curator
            .as_deref()
            .is_none_or(|c| c.trim().is_empty())
        {
            out.push(
                on(
                    r,
                    "curator-missing",
                    r.pos_of("curator"),
                    format!(
                        "у школы группы поддержки «{}» не указан куратор",
                        r.display_title()
                    ),
                )
                .hint("добавьте поле curator: ФИО и должность куратора"),
            );
        }
    }
}

fn unknown_risk(ctx: &Ctx, out: &mut Vec<Finding>) {
    // A profile without a risk vocabulary does not restrict `risks`.
    if ctx.profile.risks.is_empty() {
        return;
    }
    let known: Vec<_> = ctx.profile.risks.iter().map(|r| r.id.as_str()).collect();
    for (_, r) in ctx.site.in_section(Section::Schools) {
        let Some(school) = r.as_school() else {
            continue;
        };
        for risk in &school.risks {
            if ctx.profile.risk(&risk.id).is_none() {
                out.push(
                    on(
                        r,
                        "unknown-risk",
                        if risk.pos.line > 0 {
                            risk.pos
                        } else {
                            r.pos_of("risks")
                        },
                        format!(
                            "фактор риска «{}» не входит в перечень профиля требований",
                            risk.id
                        ),
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
            super::personal_data::scan(&r.body).into_iter().map(move |hit| {
                on(
                    r,
                    "personal-data",
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

    #[test]
    fn rule_ids_are_unique_and_match_the_contract() {
        let ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                "invalid-record",
                "field-missing",
                "unknown-field",
                "duplicate-id",
                "broken-reference",
                "attachment-missing",
                "section-empty",
                "roadmap-missing",
                "plan-missing",
                "report-missing",
                "mentor-missing",
                "curator-missing",
                "unknown-risk",
                "personal-data",
            ]
        );
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
