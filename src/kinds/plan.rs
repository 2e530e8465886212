//! Work plans of centres (планы работы МНЦ и МТКП): one per centre per academic
//! year. The table and pages are shared with roadmaps: work_plan.rs.

use super::work_plan::{self, APPROVED_BY, MEASURES, Owned, REPORTS_DUE, WorkPlan, YEAR};
use super::{Centre, CentreKind, KindSpec, Meta, centre};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{RecordIdx, RefField};
use crate::kinds::new_args::{NewError, NewOptions};
use crate::kinds::reader::Reader;
use crate::kinds::rule::{CheckFn, Ctx, on};
use crate::kinds::schema::{
    DRAFT, FieldSpec, FieldType as T, Section, TITLE, UPDATED, WEIGHT, req,
};
use crate::kinds::view::RenderInput;
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
        Plan(work_plan::read(r, Self::OWNER))
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
        work_plan::new_values::<Self>(args)
    }

    const RULES: &'static [(RuleId, CheckFn)] = &[(RuleId::PlanMissing, plan_missing)];
}

impl Owned for Plan {
    const OWNER: &'static str = "centre";
    const OWNER_SECTION: Section = Section::Centres;
    const OWNER_RU: &'static str = "центр";
    const TITLE_RU: &'static str = "План работы";

    fn plan(&self) -> &WorkPlan {
        &self.0
    }

    fn plan_mut(&mut self) -> &mut WorkPlan {
        &mut self.0
    }

    fn owner_option(args: &NewOptions) -> Option<&String> {
        args.centre.as_ref()
    }
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
