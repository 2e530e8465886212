//! Render: the resolved site → HTML pages (tera), plus sitemap, robots.txt and the
//! theme's static files. Each page's context holds only what that page shows, built
//! by [`views`]; templates are compiled once per build into a [`Theme`].

mod theme;
pub mod views;

pub use theme::Theme;

use crate::diagnostics::Finding;
use crate::model::Site;
use crate::profile::Profile;
use crate::schema::Section;
use jiff::civil::Date;
use rayon::prelude::*;
use tera::Context;

/// What the renderer needs besides the site.
pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub profile: &'a Profile,
    /// Splits upcoming from past events and marks overdue items.
    pub today: Date,
}

/// A page to render: its output path, template and context.
struct PageJob {
    path: String,
    template: String,
    context: Context,
    /// Expected size of the page, to allocate its buffer once.
    size_hint: usize,
}

/// The theme's markup around a page's own content, roughly.
const PAGE_FRAME_BYTES: usize = 16 * 1024;

/// Where rendered files go: `(path under the output root, bytes)`. Called from
/// several threads at once.
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync + 'a;

/// Renders every page and generated file into `sink`. Returns every template
/// error found (all pages are tried).
pub fn render_site(input: &RenderInput, theme: &Theme, sink: &Sink) -> Result<usize, Vec<Finding>> {
    let site = input.site;
    let base = site.config.base_path();
    let mut jobs = vec![
        PageJob {
            path: "index.html".into(),
            template: "index.html".into(),
            context: views::home(input),
            size_hint: PAGE_FRAME_BYTES,
        },
        PageJob {
            path: "404.html".into(),
            template: "404.html".into(),
            context: views::not_found(input),
            size_hint: PAGE_FRAME_BYTES,
        },
    ];
    for section in Section::ALL {
        let has_index_record = section == Section::System && site.get("system/index").is_some();
        if !has_index_record {
            jobs.push(PageJob {
                path: format!("{}/index.html", section.dir()),
                template: format!("section/{}.html", section.dir()),
                context: views::section(input, section),
                size_hint: PAGE_FRAME_BYTES + 512 * site.in_section(section).count(),
            });
        }
    }
    let record_jobs = (0..site.records.len()).into_par_iter().map(|idx| {
        let r = &site.records[idx];
        let template = if r.id == "system/index" {
            "section/system.html".to_string()
        } else {
            format!("record/{}.html", views::kind_name(&r.kind))
        };
        let context = if r.id == "system/index" {
            views::section(input, Section::System)
        } else {
            views::record(input, idx)
        };
        PageJob {
            path: format!("{}index.html", r.url.trim_start_matches('/')),
            template,
            context,
            size_hint: PAGE_FRAME_BYTES + r.body.len() * 3 / 2,
        }
    });
    let errors: Vec<Finding> = jobs
        .into_par_iter()
        .chain(record_jobs)
        .filter_map(|job| {
            let html = match theme.render_bytes(&job.template, &job.context, job.size_hint) {
                Ok(html) => html,
                Err(finding) => return Some(finding),
            };
            drop(job.context);
            sink(&job.path, &html).err().map(|e| {
                Finding::error(
                    "write-error",
                    format!("не удалось записать {}: {e}", job.path),
                )
            })
        })
        .collect();
    if !errors.is_empty() {
        return Err(dedup(errors));
    }
    let mut count = site.records.len() + Section::ALL.len() + 2;
    let write = |path: &str, bytes: &[u8]| {
        sink(path, bytes).map_err(|e| {
            vec![Finding::error(
                "write-error",
                format!("не удалось записать {path}: {e}"),
            )]
        })
    };
    write("sitemap.xml", views::sitemap(site).as_bytes())?;
    write(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
            site.config.absolute_base()
        )
        .as_bytes(),
    )?;
    for (path, bytes) in theme.static_files() {
        write(&format!("static/{path}"), bytes)?;
        count += 1;
    }
    let _ = base;
    Ok(count + 2)
}

/// The same template error would be reported once per page: keep one of each.
fn dedup(mut errors: Vec<Finding>) -> Vec<Finding> {
    errors.sort_by(|a, b| a.message.cmp(&b.message));
    errors.dedup_by(|a, b| a.message == b.message);
    errors
}

/// Escapes text for HTML text and attribute values.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
