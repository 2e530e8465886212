//! Indicators (КИП, contract 7.2): one record per control-measurement indicator,
//! with its baseline, targets and actual values per period. The page shows a
//! table (period, target, actual, достигнуто / не достигнуто judged by `better`)
//! and a chart of the same numbers; the data is also published as open data.
//! The judgement itself is src/monitoring/indicators.rs.

use super::{KindData, KindSpec, Meta};
use crate::chart::ChartView;
use crate::dates::{long_ru, working_days_between};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{Pos, RecordIdx};
use crate::kinds::reader::Reader;
use crate::kinds::rule::{CheckFn, Ctx, on, working_days_ru};
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::link;
use crate::monitoring::indicators::{self as judge, PeriodRow};
use crate::monitoring::{Better, achievement_ru, values};
use crate::numbers::{format_point, format_ru};
use crate::opendata::Table;
use crate::periods::{Period, Periodicity};
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub unit: Option<String>,
    pub better: Option<Better>,
    pub method: Option<String>,
    pub source: Option<String>,
    pub periodicity: Periodicity,
    pub responsible: Option<String>,
    pub baseline: Option<(Period, f64)>,
    pub targets: Vec<(Period, f64)>,
    pub values: Vec<(Period, f64)>,
    /// Where `values` is written, else `targets`: `indicator-value-missing` points here.
    pub values_pos: Pos,
    /// An entry of `values` could not be read (its `invalid-record` says so): which
    /// period it was meant for is unknown, so no value is called missing.
    pub values_unreadable: bool,
    /// Every number of `baseline`, `targets` and `values` and where it is written:
    /// `percent-out-of-range` points at each.
    pub written: Vec<Written>,
}

/// A number as an indicator's field gives it, at the line of its entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// `baseline`, `targets` or `values`.
    pub field: &'static str,
    pub period: Period,
    pub value: f64,
    pub pos: Pos,
}

const FIELDS: &[FieldSpec] = &[
    req(
        "title",
        T::Text,
        "название показателя, например «Доля ШНОР, вышедших из группы поддержки»",
    ),
    req("unit", T::Text, "единица: %, чел., балл, ед."),
    req(
        "better",
        T::Text,
        "что лучше: higher (чем выше, тем лучше) или lower (чем ниже, тем лучше)",
    ),
    opt(
        "method",
        T::Text,
        "методика расчёта: числитель и знаменатель",
    ),
    opt(
        "source",
        T::Text,
        "источник данных: ФИС ОКО, РИС ГИА, школьная отчётность …",
    ),
    opt(
        "periodicity",
        T::Text,
        "периодичность: year (учебный год, по умолчанию), half-year, quarter, month",
    ),
    opt("responsible", T::Text, "ответственный: ФИО, должность"),
    opt(
        "baseline",
        T::Text,
        "базовое значение: {period: \"2024/2025\", value: 14.3} (в фигурных скобках дробное число — с точкой)",
    ),
    opt(
        "targets",
        T::Text,
        "целевые значения по периодам: \"2026/2027\": 10",
    ),
    opt(
        "values",
        T::Text,
        "фактические значения по периодам: \"2025/2026\": 12,5",
    ),
    UPDATED,
    DRAFT,
    WEIGHT,
];

impl KindSpec for Indicator {
    const META: Meta = Meta {
        dir: "indicators",
        name: "indicator",
        title_ru: "Показатели",
        nav_ru: "Показатели",
        nav_order: 9,
        record_ru: "показатель",
        fields: FIELDS,
        aliases: &["показатель", "кип"],
        new_ru: "показатель",
        new_extension: "yaml",
        new_options: &[],
        templates: &[
            (
                "record/indicator.html",
                include_str!("indicator/record.html"),
            ),
            (
                "section/indicators.html",
                include_str!("indicator/section.html"),
            ),
        ],
    };

    fn read(r: &mut Reader) -> Self {
        let periodicity = match r.get("periodicity").map(|(_, p)| p) {
            None => Periodicity::Year,
            Some(pos) => {
                let text = r.text("periodicity").unwrap_or_default();
                Periodicity::parse(&text).unwrap_or_else(|| {
                    let msg = format!("периодичность «{text}» неизвестна");
                    let hint = format!("допустимо: {}", Periodicity::ACCEPTED);
                    r.wrong("periodicity", pos, msg, &hint);
                    Periodicity::Year
                })
            }
        };
        let better = super::values::better(r);
        let mut written = Vec::new();
        let baseline = r
            .get("baseline")
            .map(|(n, p)| (n.clone(), p))
            .and_then(|(node, pos)| {
                let (period, value) = values::baseline(&node, periodicity)
                    .map_err(|m| r.wrong("baseline", pos, m, ""))
                    .ok()?;
                written.push(Written {
                    field: "baseline",
                    period,
                    value,
                    pos: r.entry_pos("baseline", "value").unwrap_or(pos),
                });
                Some((period, value))
            });
        let (targets, _) = period_map(r, "targets", periodicity, &mut written);
        let (values, values_unreadable) = period_map(r, "values", periodicity, &mut written);
        let values_pos = r.get("values").or_else(|| r.get("targets")).map_or_else(
            || {
                r.field("title").map_or(Pos::default(), |f| Pos {
                    line: f.line,
                    column: f.column,
                })
            },
            |(_, p)| p,
        );
        Indicator {
            unit: r.text("unit"),
            better,
            method: r.text("method"),
            source: r.text("source"),
            periodicity,
            responsible: r.text("responsible"),
            baseline,
            targets,
            values,
            values_pos,
            values_unreadable,
            written,
        }
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let rows: Vec<SectionRow> = ids
            .iter()
            .filter_map(|&i| {
                let r = &input.site.records[i];
                let ind = r.data::<Indicator>()?;
                let rows = ind.rows(input);
                // The latest period with an actual value: what the list shows.
                let latest = rows.iter().rev().find(|row| row.actual.is_some());
                Some(SectionRow {
                    link: link(input, r),
                    unit: ind.unit.clone().unwrap_or_default(),
                    period: latest.map(|l| l.period.label_ru()),
                    target: latest.and_then(|l| l.target).map(format_ru),
                    actual: latest.and_then(|l| l.actual).map(format_ru),
                    achieved: latest.and_then(|l| l.achieved).map(achievement_ru),
                })
            })
            .collect();
        ctx.insert("rows", &rows);
    }

    const RULES: &'static [(RuleId, CheckFn)] =
        &[(RuleId::IndicatorValueMissing, indicator_value_missing)];
}

/// A field's periods and numbers (also added to `written`), and whether some
/// entry could not be read. A problem points at its entry's line
/// (`"2025-2026": 12`), else at the field.
fn period_map(
    r: &mut Reader,
    name: &'static str,
    periodicity: Periodicity,
    written: &mut Vec<Written>,
) -> (Vec<(Period, f64)>, bool) {
    let Some((node, pos)) = r.get(name).map(|(n, p)| (n.clone(), p)) else {
        return (Vec::new(), false);
    };
    let read = values::period_map(name, &node, periodicity);
    let unreadable = !read.problems.is_empty();
    for (key, m) in read.problems {
        let at = r.entry_pos(name, key).unwrap_or(pos);
        r.wrong(name, at, m, "");
    }
    let mut entries = Vec::with_capacity(read.entries.len());
    for (key, period, value) in read.entries {
        written.push(Written {
            field: name,
            period,
            value,
            pos: r.entry_pos(name, key).unwrap_or(pos),
        });
        entries.push((period, value));
    }
    (entries, unreadable)
}

impl Indicator {
    /// The table's rows on the site's `today` with the check's grace.
    pub fn rows(&self, input: &RenderInput) -> Vec<PeriodRow> {
        judge::rows(
            &self.targets,
            &self.values,
            self.better.unwrap_or(Better::Higher),
            input.today,
            i64::from(input.site.config.check.report_grace_days),
        )
    }
}

/// A target whose period ended more than the grace ago has its actual value.
fn indicator_value_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (_, r) in ctx.site.in_section(Section::Indicators) {
        let Some(ind) = r.data::<Indicator>().filter(|i| !i.values_unreadable) else {
            continue;
        };
        let rows = judge::rows(
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

#[derive(Serialize)]
struct SectionRow {
    link: crate::kinds::view::Link,
    unit: String,
    period: Option<String>,
    target: Option<String>,
    actual: Option<String>,
    achieved: Option<&'static str>,
}

#[derive(Serialize)]
struct Baseline {
    period: String,
    value: String,
}

#[derive(Serialize)]
struct TableRow {
    period: String,
    target: Option<String>,
    actual: Option<String>,
    achieved: Option<&'static str>,
    /// `achieved`, `not-achieved`, `missing` (a value past the grace), or empty.
    class: &'static str,
}

impl KindData for Indicator {
    /// One row per period: the baseline, then each period's target, actual and
    /// whether it is achieved (`yes`/`no`), numbers with a decimal point.
    fn open_data(&self, input: &RenderInput, _r: &crate::kinds::model::Record) -> Option<Table> {
        let unit = self.unit.clone().unwrap_or_default();
        let cell = |v: Option<f64>| v.map(format_point).unwrap_or_default();
        let mut rows = Vec::new();
        if let Some((p, v)) = self.baseline {
            rows.push(vec![
                p.to_string(),
                "baseline".into(),
                String::new(),
                format_point(v),
                String::new(),
                unit.clone(),
            ]);
        }
        for row in self.rows(input) {
            rows.push(vec![
                row.period.to_string(),
                "period".into(),
                cell(row.target),
                cell(row.actual),
                row.achieved
                    .map(|a| if a { "yes" } else { "no" }.to_string())
                    .unwrap_or_default(),
                unit.clone(),
            ]);
        }
        Some(Table {
            description: format!(
                "Целевые и фактические значения показателя по периодам ({}).{}",
                self.periodicity.label_ru(),
                self.method
                    .as_deref()
                    .map(|m| format!(" Методика: {m}"))
                    .unwrap_or_default()
            ),
            headers: ["period", "kind", "target", "actual", "achieved", "unit"]
                .map(String::from)
                .to_vec(),
            rows,
        })
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.method.clone());
        parts.extend(self.source.clone());
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        let r = &input.site.records[idx];
        let unit = self.unit.clone().unwrap_or_default();
        let rows = self.rows(input);
        let table: Vec<TableRow> = rows
            .iter()
            .map(|row| TableRow {
                period: row.period.label_ru(),
                target: row.target.map(format_ru),
                actual: row.actual.map(format_ru),
                achieved: row.achieved.map(achievement_ru),
                class: match (row.achieved, row.value_missing) {
                    (Some(true), _) => "achieved",
                    (Some(false), _) => "not-achieved",
                    (None, true) => "missing",
                    _ => "",
                },
            })
            .collect();
        ctx.insert("unit", &unit);
        ctx.insert("better", &self.better.map(Better::label_ru));
        ctx.insert("method", &self.method);
        ctx.insert("source", &self.source);
        ctx.insert("periodicity", self.periodicity.label_ru());
        ctx.insert("responsible", &self.responsible);
        ctx.insert(
            "baseline",
            &self.baseline.map(|(p, v)| Baseline {
                period: p.label_ru(),
                value: format_ru(v),
            }),
        );
        ctx.insert("rows", &table);
        let chart: Option<ChartView> = (!rows.is_empty())
            .then(|| judge::chart("indicator-chart", &r.display_title(), &unit, &rows).layout());
        ctx.insert("chart", &chart);
    }
}
