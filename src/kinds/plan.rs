//! Work plans of centres (планы работы МНЦ и МТКП): one per centre per academic
//! year. The table and pages are shared with roadmaps: work_plan.rs.

use super::work_plan::{self, APPROVED_BY, MEASURES, REPORTS_DUE, WorkPlan, YEAR};
use super::{Centre, CentreKind, KindData, KindSpec, Meta, centre};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{RecordIdx, Ref, RefField, Site};
use crate::kinds::new_args::{NewError, NewOptions, reference};
use crate::kinds::reader::Reader;
use crate::kinds::rule::{CheckFn, Ctx, on};
use crate::kinds::schema::{
    DRAFT, FieldSpec, FieldType as T, Section, TITLE, UPDATED, WEIGHT, req,
};
use crate::kinds::view::RenderInput;
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Plan(pub WorkPlan);

/// A centre's plans point at it through `centre`.
pub const CENTRE: RefField = RefField {
    from: Section::Plans,
    field: "centre",
};

/// The documents that approve plans.
pub const APPROVED: RefField = RefField {
    from: Section::Plans,
    field: "approved_by",
};

const FIELDS: &[FieldSpec] = &[
    req(
        "centre",
        T::Ref(Section::Centres),
        "центр (идентификатор МНЦ или МТКП)",
    ),
    YEAR,
    MEASURES,
    APPROVED_BY,
    REPORTS_DUE,
    TITLE,
    UPDATED,
    DRAFT,
    WEIGHT,
];

#[derive(Serialize)]
struct KindGroup {
    id: &'static str,
    title: String,
    rows: Vec<work_plan::Row>,
}

impl KindSpec for Plan {
    const META: Meta = Meta {
        dir: "plans",
        name: "plan",
        title_ru: "Планы работы МНЦ и МТКП",
        nav_ru: "Планы МНЦ и МТКП",
        nav_order: 2,
        record_ru: "план работы",
        fields: FIELDS,
        aliases: &["план"],
        new_ru: "план",
        new_extension: "md",
        new_options: &["centre", "year"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Plan(work_plan::read(r, "centre"))
    }

    /// Grouped by the kind of centre (anchors `#mnc`, `#mtkp`).
    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let site = input.site;
        let groups: Vec<KindGroup> = CentreKind::ALL
            .into_iter()
            .map(|kind| {
                let mine: Vec<RecordIdx> = ids
                    .iter()
                    .copied()
                    .filter(|&i| centre::kind_of(site, &site.records[i]) == Some(kind))
                    .collect();
                KindGroup {
                    id: kind.id(),
                    title: format!("Планы работы {} ({})", kind.label_ru(), kind.full_ru()),
                    rows: work_plan::sorted_by_year(input, mine)
                        .into_iter()
                        .map(|i| work_plan::row(input, i))
                        .collect(),
                }
            })
            .collect();
        ctx.insert("groups", &groups);
    }

    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        let c = args
            .centre
            .as_ref()
            .ok_or_else(|| args.need("centre", "центр"))?;
        Ok(vec![(
            "centre",
            reference(&args.root, "centre", c, Section::Centres)?,
        )])
    }

    const RULES: &'static [(RuleId, CheckFn)] = &[(RuleId::PlanMissing, plan_missing)];
}

/// Every centre has a work plan for the current academic year.
fn plan_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (idx, r) in ctx.site.in_section(Section::Centres) {
        let years = work_plan::years_of(ctx, idx, CENTRE);
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
            work_plan::new_command(ctx, r, "plan", "--centre")
        );
        out.push(on(r, RuleId::PlanMissing, r.pos, message).hint(hint));
    }
}

impl KindData for Plan {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.0.references("centre")
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.0.references_mut("centre")
    }

    fn page_title(&self, site: &Site, title: Option<&str>) -> Option<String> {
        Some(match title {
            Some(t) => t.to_string(),
            None => self.0.made_title(site, "План работы"),
        })
    }

    fn backlink_rank(&self) -> i64 {
        self.0.backlink_rank()
    }

    fn own_date(&self, site: &Site) -> Option<Date> {
        self.0.own_date(site)
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        self.0.record_view(input, idx, ctx)
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        self.0.search_text(parts)
    }
}
