//! What a rebuild hands to the server: rendered files in memory, the search
//! index from cached entries, attachments and the completeness report.

use super::Stopwatch;
use crate::diagnostics::{Finding, RuleId};
use crate::model::{RecordIdx, Site};
use crate::profile::Profile;
use crate::render::{
    Page, RenderInput, Theme, render_extras_with_index, render_pages, search, search_files,
};
use jiff::civil::Date;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

/// Where the `vitrina check` report is served (a key of [`Files`]).
pub const CHECK_REPORT_KEY: &str = "__vitrina/check.html";

/// Rendered files: path under the output root (`schools/sosh-10/index.html`) → bytes.
pub type Files = HashMap<String, std::sync::Arc<Vec<u8>>>;

/// What a rebuild changes in the served files.
#[derive(Default)]
pub struct Update {
    /// Replace the whole map (full render).
    pub full: bool,
    pub write: Written,
    pub remove: Vec<String>,
    /// HTML pages rendered (for the log line).
    pub pages: usize,
    /// Findings in the site (broken references, missing attachments…), for the
    /// banner; `None`: not counted by this update (unchanged).
    pub findings: Option<usize>,
}

impl Update {
    /// Applies the update to the served files; returns the paths that changed
    /// (written with other bytes, added or removed).
    pub fn apply_to(self, files: &mut Files) -> Vec<String> {
        let mut changed = Vec::new();
        // The search index is written whole (its files are cut by size, so their
        // number changes): its files not written again are gone.
        let index_dir = format!("{}/", search_files::DIR);
        let whole_index = self.write.iter().any(|(p, _)| p.starts_with(&index_dir));
        if self.full || whole_index {
            // Files the render no longer produces are gone; the rest are
            // compared below like any other write.
            let produced: HashSet<&str> = self.write.iter().map(|(p, _)| p.as_str()).collect();
            let full = self.full;
            files.retain(|path, _| {
                let keep =
                    produced.contains(path.as_str()) || !(full || path.starts_with(&index_dir));
                if !keep {
                    changed.push(path.clone());
                }
                keep
            });
        }
        for path in self.remove {
            if files.remove(&path).is_some() {
                changed.push(path);
            }
        }
        for (path, bytes) in self.write {
            if files.get(&path).is_some_and(|old| **old == bytes) {
                continue;
            }
            changed.push(path.clone());
            files.insert(path, std::sync::Arc::new(bytes));
        }
        changed
    }
}

/// Rendered files: (path under the output root, bytes).
pub(super) type Written = Vec<(String, Vec<u8>)>;

/// Renders pages into memory; returns the files and the number of pages.
pub(super) fn render_to_memory(
    input: &RenderInput,
    theme: &Theme,
    pages: &[Page],
) -> Result<(Written, usize), Vec<Finding>> {
    let written = Mutex::new(Vec::new());
    let sink = |path: &str, bytes: &[u8]| {
        written
            .lock()
            .expect("no render thread panics holding the lock")
            .push((path.to_string(), bytes.to_vec()));
        Ok(())
    };
    let count = render_pages(input, theme, pages, &sink)?;
    Ok((
        written.into_inner().expect("render threads are done"),
        count,
    ))
}

/// Search index entries by record id.
pub(super) type SearchCache = HashMap<String, search::Entry>;

/// The search index's files, from the cached entries of records not in
/// `stale` (`None`: every record is) and new entries of the others.
fn search_index(
    input: &RenderInput,
    cache: &mut SearchCache,
    stale: Option<&BTreeSet<String>>,
) -> Vec<(String, Vec<u8>)> {
    let site = input.site;
    let missing: Vec<RecordIdx> = site
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| stale.is_none_or(|s| s.contains(&r.id)) || !cache.contains_key(&r.id))
        .map(|(i, _)| i)
        .collect();
    let fresh = search::entries(input, &missing);
    for (idx, entry) in missing.into_iter().zip(fresh) {
        cache.insert(site.records[idx].id.clone(), entry);
    }
    cache.retain(|id, _| site.get(id).is_some());
    let index = search::assemble(site.records.iter().map(|r| &cache[&r.id]));
    search_files::files(&index)
}

/// Renders `pages` with the site-wide files, the attachments of the records among
/// them and the completeness report; `removed` are output paths that may be gone
/// (removed unless produced or still attached); `search`: the cached index
/// entries and which of them are stale (`None`: all).
#[allow(clippy::too_many_arguments)]
pub(super) fn render_files(
    site: &Site,
    theme: &Theme,
    profile: &Profile,
    today: Date,
    pages: &[Page],
    removed: BTreeSet<String>,
    search: (&mut SearchCache, Option<&BTreeSet<String>>),
    root: &Path,
    clock: &mut Stopwatch,
) -> Result<Update, Vec<Finding>> {
    let input = RenderInput {
        site,
        profile,
        today,
        here: None,
        shared: &Default::default(),
    };
    let (mut write, count) = render_to_memory(&input, theme, pages)?;
    clock.lap("страницы");
    let extras = Mutex::new(Vec::new());
    let sink = |path: &str, bytes: &[u8]| {
        extras
            .lock()
            .expect("no render thread panics holding the lock")
            .push((path.to_string(), bytes.to_vec()));
        Ok(())
    };
    let index = search_index(&input, search.0, search.1);
    clock.lap("поисковый индекс");
    render_extras_with_index(&input, theme, index, &sink).map_err(|e| {
        vec![Finding::error(
            RuleId::WriteError,
            format!("ошибка записи: {}", crate::os_error::describe(&e)),
        )]
    })?;
    write.extend(extras.into_inner().expect("render threads are done"));
    clock.lap("ленты, sitemap");
    for page in pages {
        if let Page::Record(idx) = page {
            for a in site.records[*idx].attachments() {
                if let Some(source) = &a.source
                    && let Ok(bytes) = std::fs::read(source)
                {
                    write.push((a.output_path.clone(), bytes));
                }
            }
        }
    }
    let remove: Vec<String> = if removed.is_empty() {
        Vec::new()
    } else {
        let produced: HashSet<&str> = write.iter().map(|(p, _)| p.as_str()).collect();
        let still_attached: HashSet<&str> = site
            .records
            .iter()
            .flat_map(|r| r.attachments())
            .filter(|a| a.source.is_some())
            .map(|a| a.output_path.as_str())
            .collect();
        removed
            .into_iter()
            .filter(|p| !produced.contains(p.as_str()) && !still_attached.contains(p.as_str()))
            .collect()
    };
    clock.lap("вложения");
    // The completeness report the banner links to, from the same model.
    let report = crate::check::run(site, profile, today);
    let options = crate::check::format::Options {
        root,
        colour: false,
        strict: false,
    };
    let report_html =
        crate::check::format::render(&report, crate::check::format::Format::Html, &options);
    write.push((CHECK_REPORT_KEY.to_string(), report_html.into_bytes()));
    clock.lap("проверка (check)");
    Ok(Update {
        full: false,
        write,
        remove,
        pages: count,
        findings: Some(report.findings.len()),
    })
}
