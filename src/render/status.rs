//! `/status.json` (content model, section 8.1): the site's public, machine-readable
//! summary for regional reviewers. `vitrina region` reads it from published sites
//! and computes the same [`Status`] for local ones, so both kinds of row agree.
//!
//! It is computed from the resolved [`Site`] and the checker's [`Report`] (never the
//! files again) and holds no personal data: no names of people, no finding messages
//! (they quote records), only counts, ids and titles. The schema is
//! `schemas/status.schema.json`; `tests/status.rs` validates every fixture site's
//! file against it.

use crate::check::{self, Ctx, Report};
use crate::kinds::{Category, School, report, roadmap, work_plan};
use crate::model::Site;
use crate::profile::Profile;
use crate::schema::Section;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the file is written, under the output root.
pub const STATUS_PATH: &str = "status.json";

/// The environment variable that fixes `built` (seconds since 1970, UTC): the
/// reproducible-builds convention, for tests and byte-identical rebuilds.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Status {
    pub generator: Generator,
    pub site: SiteInfo,
    /// When the file was made, RFC 3339 UTC (`2026-11-24T09:30:00Z`).
    pub built: String,
    /// The date the check was made on (`--today`).
    pub today: String,
    pub academic_year: String,
    pub profile: ProfileInfo,
    pub items: Vec<ItemInfo>,
    pub summary: Summary,
    /// Schools in the support group (categorised ШНОР or ШССУ), by id.
    pub schools: Vec<SchoolInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    #[serde(default)]
    pub authority: String,
    #[serde(default)]
    pub base_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileInfo {
    pub title: String,
}

/// A mandated item as `check --format json` gives it, with its count, the date of
/// its latest change and the page that lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemInfo {
    pub id: String,
    pub title: String,
    /// `ok` or `missing`.
    pub status: String,
    /// Published records that satisfy the item, any academic year.
    pub count: usize,
    /// The latest change among them (`updated`, else the record's own date, as
    /// the home page shows it), `YYYY-MM-DD`; `null` when none is known.
    pub updated: Option<String>,
    /// The page listing the item, relative to the site's base URL (`roadmaps/`,
    /// `plans/#mnc`): reviewers' reports link to it.
    #[serde(default)]
    pub path: String,
}

impl ItemInfo {
    pub fn is_ok(&self) -> bool {
        self.status == "ok"
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Findings per rule id; rules without findings are left out.
    pub rules: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolInfo {
    /// The record id without the section (`sosh-10`).
    pub id: String,
    pub name: String,
    /// `shnor`, `shssu`.
    pub categories: Vec<String>,
    /// A roadmap for the current academic year is published.
    pub roadmap: bool,
    /// Reports on the school's roadmaps (all years) whose due dates passed more
    /// than the grace ago, as `report-missing` counts them.
    pub reports_due: usize,
    /// Reports published on the school's roadmaps (all years).
    pub reports_published: usize,
}

impl Status {
    /// Schools in the support group without a roadmap for the current year.
    pub fn roadmaps_missing(&self) -> usize {
        self.schools.iter().filter(|s| !s.roadmap).count()
    }

    /// `report-missing` findings: events, roadmaps and plans whose report is overdue.
    pub fn reports_overdue(&self) -> usize {
        self.summary
            .rules
            .get("report-missing")
            .copied()
            .unwrap_or(0)
    }
}

/// `built`: `SOURCE_DATE_EPOCH` when set to a number of seconds, else now; whole
/// seconds, UTC.
pub fn built_now() -> String {
    // The library's own tests compare incremental and full builds byte for byte
    // (serve::rebuild): two builds a second apart must agree there.
    if cfg!(test) {
        return "2026-11-24T09:00:00Z".to_string();
    }
    let seconds = std::env::var(SOURCE_DATE_EPOCH)
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| Timestamp::now().as_second());
    Timestamp::from_second(seconds)
        .unwrap_or_else(|_| Timestamp::now())
        .to_string()
}

/// The status of a site already checked: `report` is `check::run` of `site` and
/// `profile` (its `today` is the status's).
pub fn compute(site: &Site, profile: &Profile, report: &Report, built: String) -> Status {
    let ctx = Ctx::new(site, profile, report.today);
    let items = profile
        .items
        .iter()
        .zip(&report.items)
        .map(|(item, status)| {
            let updated = crate::items::satisfying_records(site, item)
                .filter_map(|r| super::views::last_change(site, r, report.today))
                .max();
            let anchor = item
                .centre_kind
                .as_ref()
                .map(|k| format!("#{k}"))
                .unwrap_or_default();
            ItemInfo {
                id: status.id.clone(),
                title: status.title.clone(),
                status: status.status.to_string(),
                count: status.count,
                updated: updated.map(|d| d.to_string()),
                path: format!("{}/{anchor}", item.section.dir()),
            }
        })
        .collect();
    let mut rules = BTreeMap::new();
    for f in &report.findings {
        *rules.entry(f.rule.to_string()).or_insert(0) += 1;
    }
    Status {
        generator: Generator {
            name: "vitrina".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        site: SiteInfo {
            title: site.config.title.clone(),
            authority: site.config.authority.clone(),
            base_url: site.config.base_url.clone(),
        },
        built,
        today: report.today.to_string(),
        academic_year: report.academic_year.to_string(),
        profile: ProfileInfo {
            title: profile.name.clone(),
        },
        items,
        summary: Summary {
            errors: report.errors(),
            warnings: report.warnings(),
            rules,
        },
        schools: schools(&ctx),
    }
}

/// The support-group schools with their roadmap and report figures.
fn schools(ctx: &Ctx) -> Vec<SchoolInfo> {
    let site = ctx.site;
    site.in_section(Section::Schools)
        .filter_map(|(idx, r)| Some((idx, r, r.data::<School>()?)))
        .filter(|(_, _, s)| s.in_support_group())
        .map(|(idx, r, school)| {
            let roadmaps = site.backlinks[idx].via(roadmap::SCHOOL).map(|i| {
                (
                    work_plan::of(&site.records[i]),
                    site.backlinks[i].count(report::OF),
                )
            });
            let (mut roadmap, mut due, mut published) = (false, 0, 0);
            for (plan, reports) in roadmaps {
                let Some(plan) = plan else { continue };
                roadmap |= plan.academic_year == Some(ctx.year);
                due += ctx.overdue_due_dates(plan).len();
                published += reports;
            }
            SchoolInfo {
                id: r.id.strip_prefix("schools/").unwrap_or(&r.id).to_string(),
                name: school.name.clone().unwrap_or_else(|| r.display_title()),
                categories: school
                    .categories
                    .iter()
                    .map(|c| match c {
                        Category::Shnor => "shnor".to_string(),
                        Category::Shssu => "shssu".to_string(),
                    })
                    .collect(),
                roadmap,
                reports_due: due,
                reports_published: published,
            }
        })
        .collect()
}

/// `status.json` of the site being rendered, pretty-printed (reviewers open it).
pub fn render(site: &Site, profile: &Profile, today: jiff::civil::Date) -> Vec<u8> {
    let report = check::run(site, profile, today);
    let status = compute(site, profile, &report, built_now());
    let mut out = serde_json::to_vec_pretty(&status).expect("the status serialises");
    out.push(b'\n');
    out
}
