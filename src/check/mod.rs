//! `vitrina check`: the completeness checker of section 3 of the content model.
//!
//! It reads only the resolved [`Site`] (never the files again) and the
//! requirements [`Profile`], runs every rule against a given *today* — those that
//! span every kind ([`rules::CHECKS`]) and each kind's own ([`Section::rules`],
//! in `src/kinds/`) — and returns a [`Report`]: the findings (those of loading and resolving
//! included) and the status of every mandated item. [`format`] turns a report
//! into text, JSON, JUnit, SARIF, GitHub workflow commands or an HTML page.

pub mod format;
pub mod reviews;
pub mod rules;

use crate::dates::AcademicYear;
use crate::diagnostics::{Finding, RuleId, Severity};
use crate::kinds::rule::CheckFn;
pub use crate::kinds::rule::Ctx;
use crate::model::Site;
use crate::profile::Profile;
use crate::schema::Section;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

/// Whether a mandated item is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemStatus {
    pub id: String,
    pub title: String,
    /// `ok` or `missing`.
    pub status: &'static str,
    /// The document and clause that makes the item mandatory (text and HTML only).
    #[serde(skip)]
    pub basis: String,
    /// How to satisfy the item (text and HTML only).
    #[serde(skip)]
    pub hint: String,
    /// How many published records satisfy it (text and HTML only).
    #[serde(skip)]
    pub count: usize,
}

impl ItemStatus {
    pub fn is_ok(&self) -> bool {
        self.status == "ok"
    }
}

/// The result of one check.
#[derive(Debug, Clone)]
pub struct Report {
    pub today: Date,
    pub academic_year: AcademicYear,
    /// The profile's name, for the text and HTML reports.
    pub profile: String,
    /// The site's title (`site.toml`), for the HTML report.
    pub site_title: String,
    /// Every finding, in reading order (file, line, rule); item findings last.
    pub findings: Vec<Finding>,
    pub items: Vec<ItemStatus>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }

    /// 0 when nothing fails, 1 when errors were found (or, with `strict`, warnings).
    pub fn exit_code(&self, strict: bool) -> i32 {
        if self.errors() > 0 || (strict && self.warnings() > 0) {
            1
        } else {
            0
        }
    }
}

/// Checks that a profile can be applied: item ids are unique and every
/// `centre_kind` is `mnc` or `mtkp`. A profile that fails is «bad» (exit code 2).
pub fn validate_profile(profile: &Profile) -> Result<(), Finding> {
    let mut seen = std::collections::HashSet::new();
    for item in &profile.items {
        if !seen.insert(item.id.as_str()) {
            return Err(Finding::error(
                RuleId::InvalidProfile,
                format!(
                    "в профиле требований пункт «{}» описан дважды; идентификаторы пунктов должны быть разными",
                    item.id
                ),
            ));
        }
        if let Some(kind) = &item.centre_kind
            && kind != "mnc"
            && kind != "mtkp"
        {
            return Err(Finding::error(
                RuleId::InvalidProfile,
                format!(
                    "в профиле требований у пункта «{}» указан centre_kind = \"{kind}\"; допустимо mnc или mtkp",
                    item.id
                ),
            ));
        }
    }
    if profile.items.is_empty() {
        return Err(Finding::error(
            RuleId::InvalidProfile,
            "в профиле требований нет ни одного пункта [[item]]",
        ));
    }
    Ok(())
}

/// Runs every rule. The site must have been opened without drafts: a draft
/// counts as absent.
pub fn run(site: &Site, profile: &Profile, today: Date) -> Report {
    let ctx = Ctx::new(site, profile, today);
    let mut findings: Vec<Finding> = site.findings.clone();
    let kinds = Section::ALL.iter().flat_map(|s| s.rules());
    let enabled: Vec<CheckFn> = rules::CHECKS
        .iter()
        .chain(kinds)
        .filter(|(rule, _)| profile.severity(*rule).is_some())
        .map(|&(_, check)| check)
        .collect();
    // The rules read the same site and nothing else: they run side by side, and
    // their findings are joined in rule order (as one after another would give).
    let found: Vec<Vec<Finding>> = enabled
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check(&ctx, &mut out);
            out
        })
        .collect();
    findings.extend(found.into_iter().flatten());
    profile.apply(&mut findings);
    // The order above does not show: findings are sorted by place, then rule.
    crate::diagnostics::sort(&mut findings);
    // Item findings have no file: show them after the positioned ones.
    findings.sort_by_key(|f| f.file.is_none());
    let items = profile
        .items
        .iter()
        .map(|item| {
            let count = crate::items::satisfying_records(site, item).count();
            ItemStatus {
                id: item.id.clone(),
                title: item.title.clone(),
                status: if count > 0 { "ok" } else { "missing" },
                basis: item.basis.clone(),
                hint: item.hint.clone(),
                count,
            }
        })
        .collect();
    Report {
        today,
        academic_year: ctx.year,
        profile: profile.name.clone(),
        site_title: site.config.title.clone(),
        findings,
        items,
    }
}
