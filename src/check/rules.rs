//! The checker's rules that span every kind (a kind's own rules are in its file
//! under `src/kinds/`, [`crate::kinds::KindSpec::RULES`]): one function per rule.
//!
//! To add a rule: give it an id and a row in the rule table
//! (`src/diagnostics/rule.rs`: severity, what it checks in Russian). If it is
//! about one kind's records (a missing roadmap, an indicator without its value),
//! write `fn my_rule(ctx: &Ctx, out: &mut Vec<Finding>)` in that kind's file and
//! list it in the kind's `RULES`; if it reads every kind alike or the profile
//! alone, write it here and add it to [`CHECKS`]. Document it in `docs/check.md`
//! and give it a firing and a non-firing test in `tests/check_rules.rs`. Findings
//! are made with [`finding`] or [`on`] (`src/kinds/rule.rs`), which take the
//! severity from the table, so a rule cannot disagree with its documentation.

use super::Ctx;
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::indicator::Indicator;
use crate::kinds::monitoring::Monitoring;
use crate::kinds::rule::{CheckFn, finding, on};
use crate::kinds::values::not_in_list;
use crate::kinds::{Document, Event, Report, document, work_plan};
use crate::model::Pos;
use crate::monitoring::{is_percent, outside_percent};
use crate::numbers::format_ru;
use crate::schema::{self, FieldType, Section};
use crate::vocab::{DOCUMENT_KINDS, EVENT_KINDS};
use rayon::prelude::*;

/// The rules that span every kind and the function that applies each, in the
/// order of the rule table ([`RuleId::info`] holds their severity and what they
/// check). The rules applied while reading (`invalid-record`, `duplicate-id`,
/// `broken-reference`, `attachment-missing`) and the planned ones have no row.
pub const CHECKS: &[(RuleId, CheckFn)] = &[
    (RuleId::FieldMissing, field_missing),
    (RuleId::UnknownField, unknown_field),
    (RuleId::SectionEmpty, section_empty),
    // A risk id in a school, a measure, a document or a practice that the
    // profile's vocabulary does not list.
    (RuleId::UnknownRisk, unknown_risk),
    (RuleId::ImageAltMissing, image_alt_missing),
    // SNILS, passport numbers, personal phones or e-mails in a Markdown body
    // (heuristics in diagnostics/personal_data.rs).
    (RuleId::PersonalData, personal_data),
    // A finished period of the profile's [reviews] without a review (reviews.rs).
    (RuleId::ReviewMissing, super::reviews::review_missing),
    // A value in `%` of an indicator or of monitoring data outside 0–100.
    (RuleId::PercentOutOfRange, percent_out_of_range),
    // A document's or an event's kind close to a term of its list but not one.
    (RuleId::UnknownKind, unknown_kind),
];

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

/// Where a value in `%` outside 0–100 usually comes from, and what to do if it
/// is right.
const PERCENT_HINT: &str = "проверьте число: не потерялась ли запятая (134 вместо 13,4) и не записано ли вместо доли число человек; если значение и правда бывает меньше 0 или больше 100 % (прирост, выполнение плана), правило можно выключить в профиле требований: [rules] percent-out-of-range = \"off\"";

/// «… — 134 %, а значение в процентах бывает от 0 до 100».
fn percent_message(what: String, value: f64) -> String {
    format!(
        "{what} — {} %, а значение в процентах бывает от 0 до 100",
        format_ru(value)
    )
}

/// Indicators and monitoring records whose unit is per cent: each number of
/// `baseline`, `targets`, `values` and `threshold` at its line, each value of
/// the data CSV at its cell.
fn percent_out_of_range(ctx: &Ctx, out: &mut Vec<Finding>) {
    let site = ctx.site;
    let percent = |unit: &Option<String>| unit.as_deref().is_some_and(is_percent);
    for (_, r) in site.in_section(Section::Indicators) {
        let Some(ind) = r.data::<Indicator>().filter(|i| percent(&i.unit)) else {
            continue;
        };
        for w in ind.written.iter().filter(|w| outside_percent(w.value)) {
            let what = format!("в поле «{}» значение за {}", w.field, w.period);
            out.push(
                on(
                    r,
                    RuleId::PercentOutOfRange,
                    w.pos,
                    percent_message(what, w.value),
                )
                .hint(PERCENT_HINT),
            );
        }
    }
    for (_, r) in site.in_section(Section::Monitoring) {
        let Some(m) = r.data::<Monitoring>().filter(|m| percent(&m.unit)) else {
            continue;
        };
        if let Some(t) = m.threshold.filter(|&t| outside_percent(t)) {
            out.push(
                on(
                    r,
                    RuleId::PercentOutOfRange,
                    m.threshold_at,
                    percent_message("порог (threshold)".into(), t),
                )
                .hint(PERCENT_HINT),
            );
        }
        let Some(csv) = m.data_file(&site.root) else {
            continue;
        };
        for row in &m.results.rows {
            let Some(v) = row.value.filter(|&v| outside_percent(v)) else {
                continue;
            };
            let (line, column) = row.value_at;
            out.push(
                finding(
                    RuleId::PercentOutOfRange,
                    percent_message(format!("значение по предмету «{}»", row.subject), v),
                )
                .record(&r.id)
                .file(&csv)
                .at(line, column)
                .hint(PERCENT_HINT),
            );
        }
    }
}

/// Document and event kinds are an open list (a value of no term is shown as
/// written: `распоряжение`, «круглый стол»); a value close to a term — a typo
/// (`conferense`) or the term in Latin letters (`prikaz`) — is most likely that
/// term, and the site would print it as typed and not treat it as one (an order
/// without its number). Named with the hint a closed list gives.
fn unknown_kind(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in &ctx.site.records {
        let (kind, vocabulary) = if let Some(d) = r.data::<Document>() {
            (&d.kind, &DOCUMENT_KINDS)
        } else if let Some(e) = r.data::<Event>() {
            (&e.kind, &EVENT_KINDS)
        } else {
            continue;
        };
        let Some(written) = kind.as_deref() else {
            continue;
        };
        if vocabulary.find(written).is_some() || vocabulary.closest(written).is_none() {
            continue;
        }
        out.push(
            on(
                r,
                RuleId::UnknownKind,
                r.pos_of("kind"),
                format!(
                    "{}; на сайте он показан как написан",
                    not_in_list("kind", written, vocabulary)
                ),
            )
            .hint(vocabulary.hint(written)),
        );
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
    use crate::schema::Section;

    #[test]
    fn every_checker_rule_of_the_table_has_one_check_in_the_general_rules_or_one_kind() {
        let kinds = Section::ALL.iter().flat_map(|s| s.rules());
        let mut checked: Vec<RuleId> = CHECKS.iter().chain(kinds).map(|(id, _)| *id).collect();
        checked.sort();
        let mut table: Vec<RuleId> = RuleId::ALL
            .iter()
            .copied()
            .filter(|r| r.info().stage == Stage::Checker)
            .collect();
        table.sort();
        // Equal sorted lists: every rule once, none twice, none that is not a checker's.
        assert_eq!(checked, table);
    }
}
