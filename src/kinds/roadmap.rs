//! Roadmaps (дорожные карты сопровождения): one per school of the support group
//! per academic year. The table and pages are shared with plans: work_plan.rs.

use super::work_plan::{self, APPROVED_BY, MEASURES, REPORTS_DUE, WorkPlan, YEAR};
use super::{KindData, KindSpec, Meta, School};
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
        Roadmap(work_plan::read(r, "school"))
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        ctx.insert("years", &work_plan::by_year(input, ids));
    }

    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        let s = args
            .school
            .as_ref()
            .ok_or_else(|| args.need("school", "школу"))?;
        Ok(vec![(
            "school",
            reference(&args.root, "school", s, Section::Schools)?,
        )])
    }

    const RULES: &'static [(RuleId, CheckFn)] = &[(RuleId::RoadmapMissing, roadmap_missing)];
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

impl KindData for Roadmap {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.0.references("school")
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.0.references_mut("school")
    }

    fn page_title(&self, site: &Site, title: Option<&str>) -> Option<String> {
        Some(match title {
            Some(t) => t.to_string(),
            None => self.0.made_title(site, "Дорожная карта"),
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
