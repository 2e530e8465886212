//! Incremental rebuilds for `vitrina serve`.
//!
//! The builder keeps every record file as loaded, the last site it rendered, the
//! theme and the search index entries of every record. A change to `content/` is
//! rebuilt in two parts:
//!
//! 1. [`Builder::apply`] re-reads only the files that changed, puts an edited record
//!    into the last site in place ([`crate::resolve::resolve_one`]; a new, removed
//!    or renamed record or an attachment resolves the whole site again, which reads
//!    no file) and renders only the changed records' own pages — what the editor is
//!    looking at goes on the air within a couple of milliseconds;
//! 2. [`Builder::finish`], run right after unless another change is waiting, renders
//!    every other page that can show something of the changes: the pages of every
//!    record within two references of a changed one, in the old site and in the new
//!    one (a report is shown on its roadmap's page, and the roadmap's reports on its
//!    school's page), the section index pages of all those records and the home
//!    page (counts, latest dates, upcoming events); then the search index (only the
//!    affected records' entries anew), feeds, `sitemap.xml`, attachments and the
//!    completeness report. After it the served files are exactly a full build's.
//!
//! A change to `site.toml`, the profile, `templates/`, `themes/` or `static/`, a new
//! day, or the first build after the builder starts renders everything at once.

use crate::config::SiteConfig;
use crate::diagnostics::{Finding, RuleId};
use crate::load::{Loaded, is_record_file, load_file, record_files};
use crate::model::{Record, RecordIdx, Site};
use crate::profile::Profile;
use crate::render::{
    Page, RenderInput, Theme, all_pages, page_path, render_extras_with_index, render_pages, search,
};
use crate::schema::Section;
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
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
        if self.full {
            // Files the full render no longer produces are gone; the rest are
            // compared below like any other write.
            let produced: HashSet<&str> = self.write.iter().map(|(p, _)| p.as_str()).collect();
            files.retain(|path, _| {
                let keep = produced.contains(path.as_str());
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

pub struct Builder {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    today: Option<Date>,
    config: Option<SiteConfig>,
    profile: Option<Profile>,
    theme: Option<Theme>,
    /// Every record file under `content/`, as last read.
    files: BTreeMap<PathBuf, Result<Record, Vec<Finding>>>,
    /// The site as last rendered, and the day it was rendered for.
    last: Option<(Site, Date)>,
    /// Record ids changed since the last successful render.
    dirty: BTreeSet<String>,
    /// Record files read again since the last successful render.
    dirty_paths: BTreeSet<PathBuf>,
    /// Attachment files changed since the last successful render.
    dirty_files: BTreeSet<PathBuf>,
    need_full: bool,
    /// Search index entries by record id, kept for the records a change does not
    /// affect: stemming every record again took 1.4–2.4 s on 10,000 records.
    search: SearchCache,
    /// What incremental rebuilds left for [`Builder::finish`].
    pending: Option<Pending>,
    /// The last rebuild or `finish` failed: `finish` waits for the next change
    /// (it would fail again, or put a good site over the error page).
    paused: bool,
    /// How long each stage of the last rebuild took.
    clock: Stopwatch,
}

/// Stage timings of a rebuild, for examples/bench_incremental.rs: a handful of
/// `Instant::now()` calls per rebuild, so always on.
#[derive(Default)]
struct Stopwatch {
    last: Option<std::time::Instant>,
    stages: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn start(&mut self) {
        self.stages.clear();
        self.last = Some(std::time::Instant::now());
    }

    /// Ends the stage `name` (begun at the previous lap or at the start).
    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        let since = self.last.unwrap_or(now);
        self.stages.push((name, now - since));
        self.last = Some(now);
    }
}

impl Builder {
    pub fn new(root: &Path, base_url: String, drafts: bool, today: Option<Date>) -> Builder {
        Builder {
            root: root.to_path_buf(),
            base_url,
            drafts,
            today,
            config: None,
            profile: None,
            theme: None,
            files: BTreeMap::new(),
            last: None,
            dirty: BTreeSet::new(),
            dirty_paths: BTreeSet::new(),
            dirty_files: BTreeSet::new(),
            need_full: true,
            search: SearchCache::new(),
            pending: None,
            paused: false,
            clock: Stopwatch::default(),
        }
    }

    /// The stages of the last rebuild and how long each took, in order.
    pub fn stages(&self) -> &[(&'static str, std::time::Duration)] {
        &self.clock.stages
    }

    fn today(&self) -> Date {
        self.today.unwrap_or_else(crate::dates::system_today)
    }

    /// Reads settings, profile and theme again. Errors are findings for the error page.
    fn load_settings(&mut self) -> Result<(), Vec<Finding>> {
        self.config = None;
        self.theme = None;
        let mut config = SiteConfig::load(&self.root).map_err(|f| vec![f])?;
        config.base_url = self.base_url.clone();
        let profile =
            Profile::for_site(&self.root, config.profile.as_deref()).map_err(|f| vec![f])?;
        let theme = Theme::load(&self.root, &config.theme).map_err(|f| vec![f])?;
        self.config = Some(config);
        self.profile = Some(profile);
        self.theme = Some(theme);
        Ok(())
    }

    /// Reads every record file (the first build).
    fn load_all(&mut self) {
        let content = self.root.join("content");
        let paths = record_files(&content);
        use rayon::prelude::*;
        let loaded: Vec<_> = paths
            .par_iter()
            .map(|p| (p.clone(), load_file(&self.root, p)))
            .collect();
        self.files = loaded.into_iter().collect();
    }

    /// The first build: everything is read and rendered.
    pub fn initial(&mut self) -> Result<Update, Vec<Finding>> {
        self.need_full = true;
        self.load_all();
        self.load_settings()?;
        self.render()
    }

    /// Applies changed paths (from the watcher) and renders what they affect.
    /// `Ok(None)`: nothing that matters changed.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Option<Update>, Vec<Finding>> {
        self.clock.start();
        let content = self.root.join("content");
        let profile_path = self
            .config
            .as_ref()
            .and_then(|c| c.profile.as_ref())
            .map(|p| self.root.join(p));
        let mut settings = false;
        let mut theme = false;
        let mut content_changed = false;
        let mut rescan = false;
        for path in changed {
            let rel = path.strip_prefix(&self.root).unwrap_or(path);
            let top = rel
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            if rel == Path::new("site.toml")
                || profile_path.as_deref() == Some(path.as_path())
                || top == "profiles"
            {
                settings = true;
            } else if matches!(top.as_str(), "templates" | "themes" | "static") {
                theme = true;
            } else if top == "content" {
                if is_record_file(&content, path) {
                    content_changed = true;
                    self.reload_file(path);
                } else if !is_hidden_path(&content, path) {
                    // A directory (renamed, removed) or an attachment.
                    content_changed = true;
                    // Record files the watcher names are read above; only a folder
                    // (or a path that is gone, which may have been one) can hold
                    // record files it does not name. Walking all of `content/` is
                    // 40–50 ms on 10,000 records.
                    rescan |= !path.is_file();
                    self.dirty_files.insert(path.clone());
                }
            }
        }
        self.clock.lap("чтение изменённых файлов");
        if rescan {
            self.rescan();
            self.clock.lap("обход content/");
        }
        if settings || theme || self.theme.is_none() {
            // Records do not depend on the settings: only render everything again.
            self.need_full = true;
            self.load_settings()?;
        } else if !content_changed && self.last.is_some() {
            return Ok(None);
        }
        self.render().map(Some)
    }

    /// After midnight the pages change by themselves (upcoming events become past,
    /// due dates pass): renders everything again when the day has changed.
    pub fn new_day(&mut self) -> Result<Option<Update>, Vec<Finding>> {
        let today = self.today();
        match &self.last {
            Some((_, day)) if *day != today && self.theme.is_some() => self.render().map(Some),
            _ => Ok(None),
        }
    }

    /// Reads one record file again (or forgets it when it is gone).
    fn reload_file(&mut self, path: &Path) {
        let old_id = self
            .files
            .get(path)
            .and_then(|r| r.as_ref().ok())
            .map(|r| r.id.clone());
        if let Some(id) = old_id {
            self.dirty.insert(id);
        }
        self.dirty_paths.insert(path.to_path_buf());
        if path.is_file() {
            let loaded = load_file(&self.root, path);
            if let Ok(r) = &loaded {
                self.dirty.insert(r.id.clone());
            }
            self.files.insert(path.to_path_buf(), loaded);
        } else {
            self.files.remove(path);
        }
    }

    /// Folders can be renamed or removed whole: bring the file list in line with
    /// the disk, reading only files not seen before.
    fn rescan(&mut self) {
        let on_disk: BTreeSet<PathBuf> = record_files(&self.root.join("content"))
            .into_iter()
            .collect();
        let gone: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|p| !on_disk.contains(*p))
            .cloned()
            .collect();
        for p in gone {
            self.reload_file(&p);
        }
        for p in on_disk {
            if !self.files.contains_key(&p) {
                self.reload_file(&p);
            }
        }
    }

    fn resolve(&self) -> Site {
        let mut loaded = Loaded::default();
        for result in self.files.values() {
            match result {
                Ok(r) => loaded.records.push(r.clone()),
                Err(f) => loaded.findings.extend(f.iter().cloned()),
            }
        }
        let config = self
            .config
            .clone()
            .expect("settings are loaded before rendering");
        crate::resolve::resolve(&self.root, config, loaded, self.drafts)
    }

    /// Renders everything, or — after a change to records — only the changed
    /// records' own pages, leaving the rest of what the change affects to
    /// [`Builder::finish`]; remembers the site rendered.
    fn render(&mut self) -> Result<Update, Vec<Finding>> {
        // Cleared when this render succeeds.
        self.paused = true;
        let today = self.today();
        let full = self.need_full || self.last.as_ref().is_none_or(|(_, day)| *day != today);
        let (site, affected) = if full {
            (self.resolve_all()?, None)
        } else {
            let (site, affected) = self.resolve_changes()?;
            (site, Some(affected))
        };
        let theme = self
            .theme
            .as_ref()
            .expect("theme is loaded before rendering");
        let profile = self
            .profile
            .as_ref()
            .expect("profile is loaded before rendering");
        let update = if full {
            let pages = all_pages(&site);
            let mut update = render_files(
                &site,
                theme,
                profile,
                today,
                &pages,
                BTreeSet::new(),
                (&mut self.search, None),
                &self.root,
                &mut self.clock,
            )?;
            update.full = true;
            self.pending = None;
            update
        } else {
            // The edited records' own pages — what the editor is looking at — go on
            // the air first; see `finish` for the rest.
            let pages: Vec<Page> = self
                .dirty
                .iter()
                .filter_map(|id| site.get(id))
                .map(Page::Record)
                .collect();
            let input = RenderInput {
                site: &site,
                profile,
                today,
            };
            let (write, count) = render_to_memory(&input, theme, &pages)?;
            self.clock.lap("страницы изменённых записей");
            self.pending
                .get_or_insert_with(Pending::default)
                .merge(affected.expect("not full"));
            Update {
                full: false,
                write,
                remove: Vec::new(),
                pages: count,
                findings: None,
            }
        };
        self.last = Some((site, today));
        self.dirty.clear();
        self.dirty_paths.clear();
        self.dirty_files.clear();
        self.need_full = false;
        self.paused = false;
        Ok(update)
    }

    /// Resolves every record; fails on findings that stop the build.
    fn resolve_all(&mut self) -> Result<Site, Vec<Finding>> {
        let site = self.resolve();
        self.clock.lap("разрешение ссылок (resolve)");
        if site.has_fatal_findings() {
            let mut fatal: Vec<Finding> = site.fatal_findings().cloned().collect();
            crate::diagnostics::sort(&mut fatal);
            return Err(fatal);
        }
        Ok(site)
    }

    /// The site after the changes to records, and what they affect. When only
    /// existing records changed (no file added, removed or renamed, no attachment),
    /// they are put into the last site in place ([`crate::resolve::resolve_one`]):
    /// resolving all 10,000 records again, cloning every one, took 15–50 ms.
    fn resolve_changes(&mut self) -> Result<(Site, Pending), Vec<Finding>> {
        if self.dirty_files.is_empty()
            && let Some(records) = self.changed_records()
            && let Some((mut site, day)) = self.last.take()
        {
            // What the records showed before the change, while the site still has it.
            let ids = reach(&site, &self.dirty);
            let mut affected = Pending {
                removed: old_paths(&site, &ids),
                ids,
            };
            let drafts = self.drafts;
            if records
                .into_iter()
                .all(|r| crate::resolve::resolve_one(&mut site, r, drafts))
            {
                affected.ids.extend(reach(&site, &self.dirty));
                self.clock.lap("разрешение ссылок изменённых записей");
                return Ok((site, affected));
            }
            // Some records may be in place already: what they showed before is
            // kept in `affected`, and the site is resolved in full below.
            self.pending
                .get_or_insert_with(Pending::default)
                .merge(affected);
            self.last = Some((site, day));
        }
        let site = self.resolve_all()?;
        let (old, _) = self.last.as_ref().expect("not full");
        let affected = self.affected(old, &site);
        self.clock.lap("поиск затронутых страниц");
        Ok((site, affected))
    }

    /// The records read again since the last render, when each of them loaded and
    /// none replaced another id (a renamed or removed file).
    fn changed_records(&self) -> Option<Vec<Record>> {
        let mut ids = BTreeSet::new();
        let mut records = Vec::new();
        for path in &self.dirty_paths {
            let record = self.files.get(path)?.as_ref().ok()?;
            ids.insert(record.id.clone());
            records.push(record.clone());
        }
        (ids == self.dirty).then_some(records)
    }

    /// Whether [`Builder::finish`] has something to do.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some() && !self.paused
    }

    /// The second part of an incremental rebuild: every other page the changes
    /// since the last `finish` can show up on (records within two references,
    /// their section indexes, the home page), the site-wide files (search index,
    /// feeds, sitemap), attachments, removed pages and the completeness report.
    /// `serve` runs it after the edited pages are on the air, unless another
    /// change is already waiting (the next `finish` covers both); after it the
    /// served files are exactly a full build's. `Ok(None)`: nothing pending.
    pub fn finish(&mut self) -> Result<Option<Update>, Vec<Finding>> {
        if self.paused {
            return Ok(None);
        }
        let (Some(pending), Some((site, today))) = (self.pending.take(), self.last.as_ref()) else {
            return Ok(None);
        };
        self.clock.start();
        let theme = self
            .theme
            .as_ref()
            .expect("theme is loaded before rendering");
        let profile = self
            .profile
            .as_ref()
            .expect("profile is loaded before rendering");
        let mut sections: BTreeSet<Section> = BTreeSet::new();
        let mut pages: BTreeSet<Page> = BTreeSet::new();
        pages.insert(Page::Home);
        for id in &pending.ids {
            if let Some(section) = id.split('/').next().and_then(Section::from_dir) {
                sections.insert(section);
            }
            if let Some(idx) = site.get(id) {
                pages.insert(Page::Record(idx));
            }
        }
        for s in sections {
            match site.get("system/index").filter(|_| s == Section::System) {
                Some(idx) => pages.insert(Page::Record(idx)),
                None => pages.insert(Page::Section(s)),
            };
        }
        let pages: Vec<Page> = pages.into_iter().collect();
        match render_files(
            site,
            theme,
            profile,
            *today,
            &pages,
            pending.removed.clone(),
            (&mut self.search, Some(&pending.ids)),
            &self.root,
            &mut self.clock,
        ) {
            Ok(update) => Ok(Some(update)),
            Err(findings) => {
                // Tried again after the next change.
                self.pending = Some(pending);
                self.paused = true;
                Err(findings)
            }
        }
    }

    /// What a change to the dirty records can show up on: the records within two
    /// references of them (in the old site and in the new one: a report is shown
    /// on its roadmap's page, and the roadmap's reports on its school's page), and
    /// the output paths of records and attachments that may be gone.
    fn affected(&self, old: &Site, new: &Site) -> Pending {
        let mut seeds: BTreeSet<String> = self.dirty.clone();
        // Records whose attachments changed, or whose missing attachments may have appeared.
        if !self.dirty_files.is_empty() {
            for site in [old, new] {
                for r in &site.records {
                    let touched = r.attachments().iter().any(|a| {
                        a.source
                            .as_ref()
                            .is_some_and(|s| self.dirty_files.iter().any(|d| s.starts_with(d)))
                    });
                    if touched {
                        seeds.insert(r.id.clone());
                    }
                }
                seeds.extend(
                    site.findings
                        .iter()
                        .filter(|f| f.rule == RuleId::AttachmentMissing)
                        .filter_map(|f| f.record.clone()),
                );
            }
        }
        let mut ids = reach(old, &seeds);
        ids.extend(reach(new, &seeds));
        Pending {
            removed: old_paths(old, &ids),
            ids,
        }
    }
}

/// Pages and files still to bring up to date after the first part of incremental
/// rebuilds (the edited records' own pages); see [`Builder::finish`].
#[derive(Default)]
struct Pending {
    /// Records whose pages can show something of the changes (ids: indices shift
    /// from one resolve to the next).
    ids: BTreeSet<String>,
    /// Output paths of pages and attachments that may be gone.
    removed: BTreeSet<String>,
}

/// Rendered files: (path under the output root, bytes).
type Written = Vec<(String, Vec<u8>)>;

impl Pending {
    fn merge(&mut self, other: Pending) {
        self.ids.extend(other.ids);
        self.removed.extend(other.removed);
    }
}

/// The seeds and the records within two steps of them along references and
/// backlinks (ids; seeds not in the site are kept as they are).
fn reach(site: &Site, seeds: &BTreeSet<String>) -> BTreeSet<String> {
    let mut seen: HashSet<RecordIdx> = seeds.iter().filter_map(|id| site.get(id)).collect();
    let mut frontier: Vec<RecordIdx> = seen.iter().copied().collect();
    for _ in 0..2 {
        let mut next = Vec::new();
        for idx in frontier {
            for n in neighbours(site, idx) {
                if seen.insert(n) {
                    next.push(n);
                }
            }
        }
        frontier = next;
    }
    let mut ids = seeds.clone();
    ids.extend(seen.into_iter().map(|i| site.records[i].id.clone()));
    ids
}

/// The output paths of these records' pages and attachments in the old site:
/// removed after the rest of the rebuild unless produced again or still attached.
fn old_paths(old: &Site, ids: &BTreeSet<String>) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for id in ids {
        if let Some(idx) = old.get(id) {
            paths.extend(
                old.records[idx]
                    .attachments()
                    .iter()
                    .map(|a| a.output_path.clone()),
            );
            paths.insert(page_path(old, Page::Record(idx)));
        }
    }
    paths
}

/// Renders pages into memory; returns the files and the number of pages.
fn render_to_memory(
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
type SearchCache = HashMap<String, search::Entry>;

/// The serialised search index, from the cached entries of records not in
/// `stale` (`None`: every record is) and new entries of the others.
fn search_index(
    input: &RenderInput,
    cache: &mut SearchCache,
    stale: Option<&BTreeSet<String>>,
) -> Vec<u8> {
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
    serde_json::to_vec(&index).expect("the index serialises")
}

/// Renders `pages` with the site-wide files, the attachments of the records among
/// them and the completeness report; `removed` are output paths that may be gone
/// (removed unless produced or still attached); `search`: the cached index
/// entries and which of them are stale (`None`: all).
#[allow(clippy::too_many_arguments)]
fn render_files(
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
            format!("ошибка записи: {e}"),
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

/// The records a record references and the records that reference it.
fn neighbours(site: &Site, idx: RecordIdx) -> impl Iterator<Item = RecordIdx> + '_ {
    let b = &site.backlinks[idx];
    site.records[idx]
        .references()
        .into_iter()
        .filter_map(|(_, reference, _)| reference.target)
        .chain(
            [
                &b.reports,
                &b.roadmaps,
                &b.plans,
                &b.mentees,
                &b.centres,
                &b.approves,
            ]
            .into_iter()
            .flatten()
            .copied(),
        )
}

fn is_hidden_path(content: &Path, path: &Path) -> bool {
    path.strip_prefix(content)
        .unwrap_or(path)
        .components()
        .any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || name.starts_with("~$") || name.ends_with('~')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// A copy of the example site in a temporary directory (kept while the guard lives).
    fn example_site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &root.join("content"));
        std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
        (tmp, root)
    }

    fn today() -> Option<Date> {
        crate::dates::parse_iso("2026-11-24")
    }

    fn full_build(root: &Path) -> Files {
        let mut b = Builder::new(root, "http://127.0.0.1:1".into(), false, today());
        let mut files = Files::new();
        b.initial().ok().unwrap().apply_to(&mut files);
        files
    }

    /// The second part of the rebuilds so far ([`Builder::finish`]).
    fn finish(b: &mut Builder, served: &mut Files) {
        if let Some(update) = b.finish().unwrap_or_else(|f| panic!("finish: {f:?}")) {
            assert!(!update.full);
            update.apply_to(served);
        }
        assert!(!b.has_pending());
    }

    fn edit(path: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{} has no {from}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// Every incremental rebuild serves exactly what a full build of the same
    /// sources serves: the dependency map misses no page.
    #[test]
    fn incremental_rebuilds_match_full_builds() {
        let (_tmp, root) = example_site();
        let content = root.join("content");

        let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
        let mut served = Files::new();
        b.initial().ok().unwrap().apply_to(&mut served);

        let school = content.join("schools/sosh-10.yaml");
        let roadmap = content.join("roadmaps/sosh-10-2026-2027.md");
        let steps: Vec<Box<dyn Fn() -> Vec<PathBuf>>> = vec![
            // A school's name shows on its roadmaps, mentees, centres and indexes.
            Box::new(|| {
                edit(
                    &school,
                    "short_name: МБОУ СОШ № 10",
                    "short_name: МБОУ СОШ № 10 (изм.)",
                );
                vec![school.clone()]
            }),
            // A document approving roadmaps is cited on the schools' pages.
            Box::new(|| {
                let doc = content.join("documents/prikaz-2026-285.md");
                edit(&doc, "number:", "number: 999\nold_number:");
                vec![doc]
            }),
            // A report moves to another plan (resolved in place): both plans'
            // pages, their centres' and the report's own change.
            Box::new(|| {
                let r = content.join("reports/plans/mnc-1-2025-2026-1.md");
                edit(
                    &r,
                    "of: plans/mnc-1-2025-2026",
                    "of: plans/mtkp-matematika-2025-2026",
                );
                vec![r]
            }),
            // A reference breaks (a finding in the report, in place), then is mended.
            Box::new(|| {
                let r = content.join("reports/roadmaps/sosh-3-2025-2026-2.md");
                edit(
                    &r,
                    "of: roadmaps/sosh-3-2025-2026",
                    "of: roadmaps/sosh-3-2025",
                );
                vec![r]
            }),
            Box::new(|| {
                let r = content.join("reports/roadmaps/sosh-3-2025-2026-2.md");
                edit(
                    &r,
                    "of: roadmaps/sosh-3-2025",
                    "of: roadmaps/sosh-3-2025-2026",
                );
                vec![r]
            }),
            // A roadmap disappears.
            Box::new(|| {
                std::fs::remove_file(&roadmap).unwrap();
                vec![roadmap.clone()]
            }),
            // A new report of a plan appears in a new folder.
            Box::new(|| {
                let dir = content.join("reports/novye");
                std::fs::create_dir_all(&dir).unwrap();
                let r = dir.join("plan-mnc.md");
                std::fs::write(&r, "---\nof: plans/mnc-1-2026-2027\ndate: 2026-11-20\ntitle: Новый отчёт МНЦ\n---\nТекст.\n").unwrap();
                vec![dir]
            }),
            // An attached file is replaced.
            Box::new(|| {
                let pdf = content.join("documents/files/prikaz-285.pdf");
                std::fs::write(&pdf, b"%PDF-1.4 new version, longer than before").unwrap();
                vec![pdf]
            }),
            // An attached file disappears: the link goes, and so does the file.
            Box::new(|| {
                let pdf = content.join("documents/files/prikaz-312.pdf");
                std::fs::remove_file(&pdf).unwrap();
                vec![pdf]
            }),
            // An event becomes a draft.
            Box::new(|| {
                let dir = content.join("events");
                let e = crate::load::record_files(&dir).into_iter().next().unwrap();
                let text = std::fs::read_to_string(&e).unwrap();
                std::fs::write(&e, text.replacen("---\n", "---\ndraft: true\n", 1)).unwrap();
                vec![e]
            }),
        ];
        for (i, step) in steps.iter().enumerate() {
            let changed = step();
            let update = b
                .apply(&changed)
                .unwrap_or_else(|f| panic!("step {i}: {f:?}"));
            let update = update.expect("a change to content rebuilds");
            assert!(!update.full, "step {i} rendered everything");
            update.apply_to(&mut served);
            finish(&mut b, &mut served);
            let expected = full_build(&root);
            let mut missing: Vec<&String> = expected
                .keys()
                .filter(|k| served.get(*k) != expected.get(*k))
                .collect();
            missing.sort();
            let mut extra: Vec<&String> = served
                .keys()
                .filter(|k| !expected.contains_key(*k))
                .collect();
            extra.sort();
            assert!(
                missing.is_empty(),
                "step {i}: stale or missing: {missing:?}"
            );
            assert!(extra.is_empty(), "step {i}: left over: {extra:?}");
        }
    }

    /// The first part of a rebuild serves the edited record's own page, already
    /// right; several changes before `finish` are all brought up to date by it.
    #[test]
    fn the_edited_page_comes_first_and_finish_covers_every_change() {
        let (_tmp, root) = example_site();
        let content = root.join("content");
        let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
        let mut served = Files::new();
        b.initial().ok().unwrap().apply_to(&mut served);

        let school = content.join("schools/sosh-10.yaml");
        edit(
            &school,
            "short_name: МБОУ СОШ № 10",
            "short_name: МБОУ СОШ № 10 (изм.)",
        );
        let first = b
            .apply(std::slice::from_ref(&school))
            .ok()
            .unwrap()
            .unwrap();
        let paths: Vec<&str> = first.write.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["schools/sosh-10/index.html"]);
        assert_eq!(first.findings, None, "the banner count waits for finish");
        first.apply_to(&mut served);
        assert!(b.has_pending());
        let after_first = full_build(&root);
        assert_eq!(
            served["schools/sosh-10/index.html"],
            after_first["schools/sosh-10/index.html"]
        );
        assert_ne!(
            served["schools/index.html"], after_first["schools/index.html"],
            "the index waits for finish"
        );

        // A second change before `finish`: a roadmap of the same school disappears.
        let roadmap = content.join("roadmaps/sosh-10-2026-2027.md");
        std::fs::remove_file(&roadmap).unwrap();
        b.apply(std::slice::from_ref(&roadmap))
            .ok()
            .unwrap()
            .unwrap()
            .apply_to(&mut served);
        finish(&mut b, &mut served);
        assert_eq!(served, full_build(&root));
        assert!(b.finish().ok().unwrap().is_none(), "nothing left");
    }

    #[test]
    fn broken_record_fails_and_recovers() {
        let (_tmp, root) = example_site();
        let school = root.join("content/schools/sosh-10.yaml");
        let good = std::fs::read_to_string(&school).unwrap();

        let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
        let mut served = Files::new();
        b.initial().ok().unwrap().apply_to(&mut served);
        // An edit whose rest is not finished yet when the file breaks.
        edit(&school, "short_name: ", "short_name: Школа ");
        b.apply(std::slice::from_ref(&school))
            .ok()
            .unwrap()
            .unwrap()
            .apply_to(&mut served);
        assert!(b.has_pending());
        std::fs::write(&school, format!("{good}address: [не закрыто\n")).unwrap();
        let err = b
            .apply(std::slice::from_ref(&school))
            .err()
            .expect("broken");
        // Finishing now would serve a good site over the error page.
        assert!(!b.has_pending());
        assert!(b.finish().ok().unwrap().is_none());
        assert_eq!(err[0].rule, "invalid-record");
        assert_eq!(err[0].file.as_deref(), Some("content/schools/sosh-10.yaml"));
        // Meanwhile another record changes; the recovery must show it too.
        let other = root.join("content/schools/sosh-7.yaml");
        edit(&other, "short_name: ", "short_name: Новое имя ");
        assert!(b.apply(std::slice::from_ref(&other)).is_err());
        std::fs::write(&school, &good).unwrap();
        b.apply(std::slice::from_ref(&school))
            .ok()
            .unwrap()
            .unwrap()
            .apply_to(&mut served);
        finish(&mut b, &mut served);
        let expected = full_build(&root);
        let stale: Vec<&String> = expected
            .keys()
            .filter(|k| served.get(*k) != expected.get(*k))
            .collect();
        assert!(stale.is_empty(), "{stale:?}");
    }

    #[test]
    fn templates_and_settings_render_everything() {
        let (_tmp, root) = example_site();
        let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
        let mut served = Files::new();
        b.initial().ok().unwrap().apply_to(&mut served);

        // A site's own template replaces the theme's, everywhere at once.
        let template = root.join("templates/record/school.html");
        std::fs::create_dir_all(template.parent().unwrap()).unwrap();
        std::fs::write(&template, "<p>Своя карточка школы: {{ name }}</p>").unwrap();
        let update = b
            .apply(std::slice::from_ref(&template))
            .ok()
            .unwrap()
            .unwrap();
        assert!(update.full);
        update.apply_to(&mut served);
        let page = String::from_utf8(served["schools/sosh-10/index.html"].to_vec()).unwrap();
        assert!(page.starts_with("<p>Своя карточка школы: "), "{page}");

        // A broken template is an error, and fixing it brings the site back.
        std::fs::write(&template, "{% if name %}без конца").unwrap();
        let err = b
            .apply(std::slice::from_ref(&template))
            .err()
            .expect("broken template");
        assert_eq!(err[0].rule, "template-error", "{err:?}");
        std::fs::remove_file(&template).unwrap();
        b.apply(std::slice::from_ref(&template))
            .ok()
            .unwrap()
            .unwrap()
            .apply_to(&mut served);
        assert_eq!(served, full_build(&root));

        // A new title in site.toml is on every page.
        let toml = root.join("site.toml");
        edit(&toml, "title = \"", "title = \"Новое имя: ");
        let update = b.apply(std::slice::from_ref(&toml)).ok().unwrap().unwrap();
        assert!(update.full);
        update.apply_to(&mut served);
        assert_eq!(served, full_build(&root));
        let page = String::from_utf8(served["events/index.html"].to_vec()).unwrap();
        assert!(page.contains("Новое имя: "));

        // Unrelated files (editor backups, public/) change nothing.
        let backup = root.join("content/schools/.sosh-10.yaml.swp");
        std::fs::write(&backup, "x").unwrap();
        assert!(
            b.apply(&[backup, root.join("public/index.html")])
                .ok()
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_new_day_renders_everything() {
        let (_tmp, root) = example_site();
        let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
        let mut served = Files::new();
        b.initial().ok().unwrap().apply_to(&mut served);
        assert!(b.new_day().ok().unwrap().is_none(), "same day");
        b.today = crate::dates::parse_iso("2026-11-25");
        let update = b.new_day().ok().unwrap().expect("a new day");
        assert!(update.full);
        assert!(!update.apply_to(&mut served).is_empty());
        let home = String::from_utf8(served["index.html"].to_vec()).unwrap();
        assert!(
            home.contains("25\u{a0}ноября 2026"),
            "the footer shows the new day"
        );
    }
}
