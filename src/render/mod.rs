//! Render: the resolved site → HTML pages (tera), plus sitemap, robots.txt and the
//! theme's static files. Each page's context holds only what that page shows, built
//! by [`views`]; templates are compiled once per build into a [`Theme`].

pub mod feeds;
pub mod opendata;
pub mod progress;
pub mod search;
pub mod search_files;
pub mod status;
mod theme;
pub mod views;

pub use theme::Theme;

use crate::diagnostics::{Finding, RuleId};
use crate::model::Site;
use crate::profile::Profile;
use crate::schema::Section;
use rayon::prelude::*;
use tera::Context;

/// Links, dates and files for page contexts (src/kinds/view.rs).
pub use crate::kinds::view as kit;
pub use crate::kinds::view::RenderInput;

/// A page to render: its output path, template and context.
struct PageJob {
    path: String,
    template: String,
    context: Context,
}

/// Where rendered files go: `(path under the output root, bytes)`. Called from
/// several threads at once.
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync + 'a;

/// Renders every page and generated file into `sink`. Returns every template
/// error found (all pages are tried). Returns the number of files written.
pub fn render_site(input: &RenderInput, theme: &Theme, sink: &Sink) -> Result<usize, Vec<Finding>> {
    // Side by side: the search index and the sitemap have serial parts that
    // would otherwise leave a core idle.
    let (pages, extras) = rayon::join(
        || render_pages(input, theme, &all_pages(input.site, input.profile), sink),
        || render_extras(input, theme, sink),
    );
    let extras = extras.map_err(|e| {
        vec![Finding::error(
            RuleId::WriteError,
            format!(
                "не удалось записать файл сайта: {}",
                crate::os_error::describe(&e)
            ),
        )]
    })?;
    Ok(pages? + extras)
}

/// The files generated from the whole site besides pages, sitemap and robots:
/// the search index's files (given, [`search_files::files`]), the Atom feed, the
/// calendar and `status.json`. (The search *page* is an ordinary page job:
/// `search/index.html` from `search.html`.)
pub fn generated_files(
    input: &RenderInput,
    mut index: Vec<(String, Vec<u8>)>,
) -> Vec<(String, Vec<u8>)> {
    index.extend([
        (
            feeds::ATOM_PATH.to_string(),
            feeds::atom(input).into_bytes(),
        ),
        (feeds::ICS_PATH.to_string(), feeds::ics(input).into_bytes()),
        (
            status::STATUS_PATH.to_string(),
            status::render(input.site, input.profile, input.today),
        ),
    ]);
    index
}

/// The same template error would be reported once per page: keep one of each.
fn dedup(mut errors: Vec<Finding>) -> Vec<Finding> {
    errors.sort_by(|a, b| a.message.cmp(&b.message));
    errors.dedup_by(|a, b| a.message == b.message);
    errors
}

/// One HTML page of the site, for rendering a chosen few (`vitrina serve`
/// re-renders only the pages a change affects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Home,
    NotFound,
    Search,
    /// `/progress/`: execution of the current year's roadmaps and plans.
    Progress,
    /// `/opendata/`: the open data sets.
    OpenData,
    /// A section's index page (for the System with an `index` record: that record).
    Section(Section),
    Record(crate::model::RecordIdx),
    /// The page of a risk factor: its index in the profile's risk vocabulary.
    Risk(usize),
}

/// Every HTML page [`render_site`] writes.
pub fn all_pages(site: &Site, profile: &Profile) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::NotFound,
        Page::Search,
        Page::Progress,
        Page::OpenData,
    ];
    let system_record = site.get("system/index").is_some();
    pages.extend(
        Section::ALL
            .iter()
            .copied()
            .filter(|&s| !(s == Section::System && system_record))
            .map(Page::Section),
    );
    pages.extend((0..site.records.len()).map(Page::Record));
    pages.extend((0..profile.risks.len()).map(Page::Risk));
    pages
}

/// Where a page is written under the output root.
pub fn page_path(site: &Site, profile: &Profile, page: Page) -> String {
    match page {
        Page::Home => "index.html".into(),
        Page::NotFound => "404.html".into(),
        Page::Search => "search/index.html".into(),
        Page::Progress => "progress/index.html".into(),
        Page::OpenData => "opendata/index.html".into(),
        Page::Section(Section::System) if site.get("system/index").is_some() => {
            "system/index.html".into()
        }
        Page::Section(s) => format!("{}/index.html", s.dir()),
        Page::Record(idx) => record_page_path(site, idx),
        Page::Risk(i) => crate::kinds::risk::page_path(&profile.risks[i].id),
    }
}

/// Where a record's page is written under the output root.
pub fn record_page_path(site: &Site, idx: crate::model::RecordIdx) -> String {
    format!(
        "{}index.html",
        site.records[idx].url.trim_start_matches('/')
    )
}

/// The template and context of one page, exactly as [`render_site`] builds them.
fn page_job(input: &RenderInput, page: Page) -> PageJob {
    let site = input.site;
    let path = page_path(site, input.profile, page);
    let dir = crate::paths::page_dir(&path);
    let here = RenderInput {
        here: (page != Page::NotFound).then_some(dir.as_str()),
        ..*input
    };
    let input = &here;
    let (template, context) = match page {
        Page::Home => ("index.html".to_string(), views::home(input)),
        Page::NotFound => ("404.html".to_string(), views::not_found(input)),
        Page::Search => ("search.html".to_string(), views::search_page(input)),
        Page::Progress => ("progress.html".to_string(), views::progress_page(input)),
        Page::OpenData => ("opendata.html".to_string(), views::opendata_page(input)),
        Page::Section(s) => (
            format!("section/{}.html", s.dir()),
            views::section(input, s),
        ),
        Page::Record(idx) if site.records[idx].id == "system/index" => (
            "section/system.html".to_string(),
            views::section(input, Section::System),
        ),
        Page::Record(idx) => (
            format!("record/{}.html", site.records[idx].section.meta().name),
            views::record(input, idx),
        ),
        Page::Risk(i) => ("risk.html".to_string(), views::risk_page(input, i)),
    };
    PageJob {
        path,
        template,
        context,
    }
}

/// Renders the given pages into `sink` (in parallel); returns every template error.
/// `Page::Section(System)` and the `system/index` record are the same page: pass either.
pub fn render_pages(
    input: &RenderInput,
    theme: &Theme,
    pages: &[Page],
    sink: &Sink,
) -> Result<usize, Vec<Finding>> {
    let errors: Vec<Finding> = pages
        .par_iter()
        .filter_map(|&page| {
            let job = page_job(input, page);
            let html = match theme.render(&job.template, &job.context) {
                Ok(html) => html,
                Err(finding) => return Some(finding),
            };
            sink(&job.path, html.as_bytes()).err().map(|e| {
                Finding::error(
                    RuleId::WriteError,
                    format!(
                        "не удалось записать {}: {}",
                        job.path,
                        crate::os_error::describe(&e)
                    ),
                )
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(pages.len())
    } else {
        Err(dedup(errors))
    }
}

/// The files besides HTML pages: `sitemap.xml`, `robots.txt`, [`generated_files`]
/// and the theme's static files.
/// Returns the number of files written.
pub fn render_extras(input: &RenderInput, theme: &Theme, sink: &Sink) -> std::io::Result<usize> {
    let index = search_files::files(&search::build(input));
    render_extras_with_index(input, theme, index, sink)
}

/// [`render_extras`] with the search index's files already made (`vitrina serve`
/// keeps the index entries of the records a change does not affect).
pub fn render_extras_with_index(
    input: &RenderInput,
    theme: &Theme,
    search_index: Vec<(String, Vec<u8>)>,
    sink: &Sink,
) -> std::io::Result<usize> {
    let site = input.site;
    // The error names the file it concerns.
    let sink = |path: &str, bytes: &[u8]| {
        sink(path, bytes).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("{path}: {}", crate::os_error::describe(&e)),
            )
        })
    };
    sink("sitemap.xml", views::sitemap(input).as_bytes())?;
    sink("robots.txt", views::robots(site).as_bytes())?;
    let mut count = 2;
    for (path, bytes) in generated_files(input, search_index) {
        sink(&path, &bytes)?;
        count += 1;
    }
    for (path, bytes) in opendata::files(input) {
        sink(&path, &bytes)?;
        count += 1;
    }
    for (path, bytes) in theme.static_files() {
        sink(&format!("static/{path}"), bytes)?;
        count += 1;
    }
    Ok(count)
}
