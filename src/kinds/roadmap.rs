//! Roadmaps (дорожные карты сопровождения): one per school of the support group
//! per academic year. The table and pages are shared with plans: work_plan.rs.

use super::work_plan::{self, APPROVED_BY, MEASURES, Owned, REPORTS_DUE, WorkPlan, YEAR};
use super::{KindSpec, Meta, School};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{RecordIdx, RefField};
use crate::kinds::new_args::{NewError, NewOptions};
use crate::kinds::reader::Reader;
use crate::kinds::rule::{CheckFn, Ctx, on};
use crate::kinds::schema::{
    DRAFT, FieldSpec, FieldType as T, Section, TITLE, UPDATED, WEIGHT, req,
};
use crate::kinds::view::RenderInput;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Roadmap(pub WorkPlan);

/// A school's roadmaps point at it through `school`.
pub const SCHOOL: RefField = RefField {
    from: Section::Roadmaps,
    field: "school",
};

/// The documents that approve roadmaps.
pub const APPROVED: RefField = RefField {
    from: Section::Roadmaps,
    field: "approved_by",
};

const FIELDS: &[FieldSpec] = &[
    req(
        "school",
        T::Ref(Section::Schools),
        "школа (идентификатор школы)",
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

impl KindSpec for Roadmap {
    const META: Meta = Meta {
        dir: "roadmaps",
        name: "roadmap",
        title_ru: "Дорожные карты",
        nav_ru: "Дорожные карты",
        nav_order: 1,
        record_ru: "дорожная карта",
        fields: FIELDS,
        aliases: &["дорожная-карта", "дорожная_карта", "карта"],
        new_ru: "дорожная-карта",
        new_extension: "md",
        new_options: &["school", "year"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Roadmap(work_plan::read(r, Self::OWNER))
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        ctx.insert("years", &work_plan::by_year(input, ids));
    }

    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        work_plan::new_values::<Self>(args)
    }

    const RULES: &'static [(RuleId, CheckFn)] = &[(RuleId::RoadmapMissing, roadmap_missing)];
}

impl Owned for Roadmap {
    const OWNER: &'static str = "school";
    const OWNER_SECTION: Section = Section::Schools;
    const OWNER_RU: &'static str = "школу";
    const TITLE_RU: &'static str = "Дорожная карта";

    fn plan(&self) -> &WorkPlan {
        &self.0
    }

    fn plan_mut(&mut self) -> &mut WorkPlan {
        &mut self.0
    }

    fn owner_option(args: &NewOptions) -> Option<&String> {
        args.school.as_ref()
    }
}

/// Every school of the support group has a roadmap for the current academic year.
fn roadmap_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (idx, r) in ctx.site.in_section(Section::Schools) {
        let Some(school) = r.data::<School>() else {
            continue;
        };
        if !school.in_support_group() {
            continue;
        }
        let years = work_plan::years_of(ctx, idx, SCHOOL);
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
            work_plan::new_command(ctx, r, "roadmap", "--school")
        );
        out.push(on(r, RuleId::RoadmapMissing, r.pos, message).hint(hint));
    }
}
