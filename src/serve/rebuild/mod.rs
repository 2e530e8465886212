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

mod affected;
mod files;
#[cfg(test)]
mod tests;

pub use files::{CHECK_REPORT_KEY, Files, Update};

use crate::config::SiteConfig;
use crate::diagnostics::{Finding, RuleId};
use crate::load::{FileResult, Loaded, is_record_file, load_file, record_files};
use crate::model::{Record, Site};
use crate::profile::Profile;
use crate::render::{Page, RenderInput, Theme, all_pages};
use crate::schema::Section;
use affected::{Pending, old_paths, reach};
use files::{SearchCache, render_files, render_to_memory};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub struct Builder {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    today: Option<Date>,
    config: Option<SiteConfig>,
    profile: Option<Profile>,
    theme: Option<Theme>,
    /// Every record file under `content/`, as last read.
    files: BTreeMap<PathBuf, FileResult>,
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
pub(super) struct Stopwatch {
    last: Option<std::time::Instant>,
    stages: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn start(&mut self) {
        self.stages.clear();
        self.last = Some(std::time::Instant::now());
    }

    /// Ends the stage `name` (begun at the previous lap or at the start).
    pub(super) fn lap(&mut self, name: &'static str) {
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
            .map(|(r, _)| r)
            .map(|r| r.id.clone());
        if let Some(id) = old_id {
            self.dirty.insert(id);
        }
        self.dirty_paths.insert(path.to_path_buf());
        if path.is_file() {
            let loaded = load_file(&self.root, path);
            if let Ok((r, _)) = &loaded {
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
                Ok((r, findings)) => {
                    loaded.records.push(r.clone());
                    loaded.findings.extend(findings.iter().cloned());
                }
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
            let pages = all_pages(&site, profile);
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
                here: None,
                shared: &Default::default(),
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
            // A record with problems in its values goes through a full resolve,
            // which collects them.
            let (record, findings) = self.files.get(path)?.as_ref().ok()?;
            if !findings.is_empty() {
                return None;
            }
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
        // Pages that summarise every record: cheap, so always brought up to date.
        pages.extend([Page::Home, Page::Progress, Page::OpenData]);
        for id in &pending.ids {
            if let Some(section) = id.split('/').next().and_then(Section::from_dir) {
                sections.insert(section);
            }
            if let Some(idx) = site.get(id) {
                pages.insert(Page::Record(idx));
            }
        }
        // A risk factor's page lists schools, measures, documents and practices.
        if sections.iter().any(|s| {
            matches!(
                s,
                Section::Schools
                    | Section::Roadmaps
                    | Section::Plans
                    | Section::Documents
                    | Section::Practices
            )
        }) {
            pages.extend((0..profile.risks.len()).map(Page::Risk));
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

fn is_hidden_path(content: &Path, path: &Path) -> bool {
    path.strip_prefix(content)
        .unwrap_or(path)
        .components()
        .any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || name.starts_with("~$") || name.ends_with('~')
        })
}
