//! `/progress/` «Ход выполнения» (contract 7.1): per school and per centre, the
//! measures of the current academic year's roadmaps and plans by standing — done,
//! partly, not done, no report yet, overdue — as a table and a stacked bar chart.
//! The standings are those the roadmap and plan pages show
//! ([`crate::kinds::work_plan::statuses`]).

use super::RenderInput;
use super::kit::{Link, link, natural_key};
use crate::chart::ChartView;
use crate::dates::AcademicYear;
use crate::kinds::{Centre, work_plan};
use crate::model::RecordIdx;
use crate::monitoring::execution::{Progress, Tally, progress_chart};
use crate::schema::Section;
use serde::Serialize;
use tera::Context;

/// The page's address.
pub const URL: &str = "/progress/";

#[derive(Serialize)]
struct Row {
    owner: Link,
    plan: Link,
    tally: Tally,
    total: usize,
    /// The chart's row label: a centre's full name is cut to the same
    /// «Муниципальный тьюторский ко…» for every МТКП, so its short title.
    #[serde(skip)]
    chart_label: String,
}

#[derive(Serialize)]
struct Group {
    /// «Школы (дорожные карты)», «Центры (планы работы)».
    title: &'static str,
    rows: Vec<Row>,
    total: Tally,
    chart: Option<ChartView>,
}

/// The measures of the current year's roadmaps (by school) and plans (by centre).
pub fn context(input: &RenderInput, mut ctx: Context) -> Context {
    let year = AcademicYear::containing(input.today);
    let groups = [
        (
            Section::Roadmaps,
            "Школы: дорожные карты сопровождения",
            "progress-schools",
        ),
        (
            Section::Plans,
            "Центры: планы работы МНЦ и МТКП",
            "progress-centres",
        ),
    ]
    .map(|(section, title, id)| group(input, section, year, title, id));
    ctx.insert("year", &year.to_string());
    ctx.insert("groups", &groups);
    ctx.insert(
        "standings",
        &Tally::default().parts().map(|(p, _)| p.label_ru()),
    );
    ctx
}

fn group(
    input: &RenderInput,
    section: Section,
    year: AcademicYear,
    title: &'static str,
    id: &str,
) -> Group {
    let site = input.site;
    let mut rows: Vec<(Vec<(String, u64)>, Row)> = site
        .in_section(section)
        .filter_map(|(idx, r)| {
            let w = work_plan::of(r)?;
            (w.academic_year == Some(year)).then_some(())?;
            let owner = site.target(&w.owner)?;
            let tally = tally(input, idx);
            Some((
                natural_key(&owner.display_title()),
                Row {
                    chart_label: owner
                        .data::<Centre>()
                        .map_or_else(|| owner.display_title(), Centre::short_title),
                    owner: link(input, owner),
                    plan: link(input, r),
                    total: tally.total(),
                    tally,
                },
            ))
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let rows: Vec<Row> = rows.into_iter().map(|(_, r)| r).collect();
    let owners: Vec<(String, Tally)> = rows
        .iter()
        .map(|r| (r.chart_label.clone(), r.tally))
        .collect();
    let mut total = Tally::default();
    for r in &rows {
        for (p, n) in r.tally.parts() {
            for _ in 0..n {
                total.add(p);
            }
        }
    }
    Group {
        title,
        chart: (!owners.is_empty())
            .then(|| progress_chart(id, &format!("{title}, {year} учебный год"), &owners).layout()),
        rows,
        total,
    }
}

/// The standings of one roadmap's or plan's measures on `today`.
fn tally(input: &RenderInput, idx: RecordIdx) -> Tally {
    let site = input.site;
    let mut t = Tally::default();
    let (Some(w), Some(att)) = (
        work_plan::of(&site.records[idx]),
        work_plan::statuses(site, idx),
    ) else {
        return t;
    };
    for (m, latest) in w.measures.iter().zip(&att.latest) {
        let due = m.due.as_ref().and_then(|d| d.date);
        t.add(Progress::of(
            latest.as_ref().map(|l| l.status),
            due,
            input.today,
        ));
    }
    t
}
