//! Page contexts: what each template sees, computed from the resolved site.
//! Dates are formatted and links are complete (base path included) here, so
//! templates stay simple and a site's own templates cannot get them wrong.

use super::RenderInput;
use super::kit::{Link, link_to, natural_key, opt_date, section_url};
use crate::dates::{AcademicYear, long_ru};
use crate::kinds::event;
use crate::model::{Record, RecordIdx, Site};
use crate::schema::Section;
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct PageMeta {
    title: String,
    description: String,
    /// Absolute URL, for canonical links and Open Graph.
    permalink: String,
    /// This page's own link (with base path), to mark the current nav item.
    url: String,
    section: Option<&'static str>,
    breadcrumbs: Vec<Crumb>,
    /// Open Graph type: `article` for a record, `website` otherwise.
    og_type: &'static str,
}

/// The `site` value of a page's context. Its links lead only to `/` and into
/// top-level folders, so it is made once per place ([`crate::paths::place`]) and
/// shared ([`crate::kinds::view::SharedValues`]): a link deeper than that would
/// differ between pages at one place.
#[derive(Serialize)]
struct SiteMeta {
    title: String,
    authority: String,
    description: String,
    base_path: String,
    base_url: String,
    nav: Vec<Link>,
    today: String,
    academic_year: String,
    /// The search page, the Atom feed and the calendar (with base path).
    search_url: String,
    feed_url: String,
    calendar_url: String,
    /// Open Graph locale.
    locale: &'static str,
}

/// A context with `site` and `page` set.
fn base_context(
    input: &RenderInput,
    title: String,
    url: &str,
    section: Option<Section>,
    extra_crumbs: Vec<Crumb>,
) -> Context {
    base_context_with(input, title, url, section, extra_crumbs, None, false)
}

/// [`base_context`] with a page's own description; `is_record` marks a record's
/// own page (Open Graph `article`).
fn base_context_with(
    input: &RenderInput,
    title: String,
    url: &str,
    section: Option<Section>,
    extra_crumbs: Vec<Crumb>,
    description: Option<String>,
    description_is_record: bool,
) -> Context {
    let config = &input.site.config;
    let mut crumbs = vec![Crumb {
        title: "Главная".into(),
        url: (url != "/").then(|| link_to(input, "/")),
    }];
    if let Some(s) = section {
        let s_url = format!("/{}/", s.dir());
        crumbs.push(Crumb {
            title: s.title_ru().into(),
            url: (url != s_url).then(|| link_to(input, &s_url)),
        });
    }
    crumbs.extend(extra_crumbs);
    let mut ctx = Context::new();
    let site = input.shared.site(input, || {
        tera::Value::from_serializable(&SiteMeta {
            title: config.title.clone(),
            authority: config.authority.clone(),
            description: config.description.clone(),
            base_path: link_to(input, "/").trim_end_matches('/').to_string(),
            base_url: config.absolute_base(),
            nav: nav(input),
            today: long_ru(input.today),
            academic_year: AcademicYear::containing(input.today).to_string(),
            search_url: link_to(input, "/search/"),
            feed_url: link_to(input, &format!("/{}", super::feeds::ATOM_PATH)),
            calendar_url: link_to(input, &format!("/{}", super::feeds::ICS_PATH)),
            locale: "ru_RU",
        })
    });
    ctx.insert_value("site", site);
    ctx.insert(
        "page",
        &PageMeta {
            // Typeset here too: attributes (description, Open Graph) are not
            // reached by the pass over the page's text.
            description: crate::typo::text(&match description {
                Some(d) => d,
                None if config.description.is_empty() => title.clone(),
                None => format!("{title}. {}", config.description),
            }),
            og_type: if description_is_record {
                "article"
            } else {
                "website"
            },
            title: crate::typo::text(&title),
            permalink: format!("{}{}", config.absolute_base(), url),
            url: link_to(input, url),
            section: section.map(|s| s.dir()),
            breadcrumbs: crumbs,
        },
    );
    ctx
}

/// The navigation bar, in the kinds' `nav_order`: the mandated materials first,
/// then the reference sections.
fn nav(input: &RenderInput) -> Vec<Link> {
    let mut sections = Section::ALL.to_vec();
    sections.sort_by_key(|s| s.meta().nav_order);
    sections
        .into_iter()
        .map(|s| Link {
            title: s.meta().nav_ru.into(),
            url: section_url(input, s),
        })
        .collect()
}

#[derive(Serialize)]
struct ItemView {
    id: String,
    title: String,
    url: String,
    count: usize,
    latest: Option<String>,
}

/// The home page: the System's own text and the mandated items with counts.
pub fn home(input: &RenderInput) -> Context {
    let site = input.site;
    let mut ctx = base_context(input, site.config.title.clone(), "/", None, vec![]);
    // Shown under the home page's «О системе работы» <h2>.
    let intro = site
        .get("system/index")
        .map(|i| crate::headings::body(&site.config, &site.records[i].body, 3));
    ctx.insert("intro_html", &intro);
    let items: Vec<ItemView> = input
        .profile
        .items
        .iter()
        .map(|item| {
            let records: Vec<&Record> = crate::items::satisfying_records(site, item).collect();
            let anchor = item
                .centre_kind
                .as_ref()
                .map(|k| format!("#{k}"))
                .unwrap_or_default();
            ItemView {
                id: item.id.clone(),
                title: item.title.clone(),
                url: format!("{}{anchor}", section_url(input, item.section)),
                count: records.len(),
                latest: records
                    .iter()
                    .filter_map(|r| last_change(site, r, input.today))
                    .max()
                    .map(long_ru),
            }
        })
        .collect();
    ctx.insert("items", &items);
    let upcoming: Vec<event::Row> = event::sorted(site)
        .into_iter()
        .filter(|(_, e)| e.last_day().is_some_and(|d| d >= input.today))
        .take(3)
        .map(|(idx, _)| event::row(input, idx))
        .collect();
    ctx.insert("upcoming", &upcoming);
    ctx
}

/// When a record was last changed, as far as its fields tell: `updated`, else its
/// own date (a report's or document's date, an event's announcement date is
/// unknown so its date counts only once passed, a roadmap's approving order).
/// Dates after `today` are plans, not changes, and are ignored.
pub(crate) fn last_change(site: &Site, r: &Record, today: Date) -> Option<Date> {
    r.updated
        .or_else(|| r.kind.data().own_date(site))
        .filter(|d| *d <= today)
}

pub fn not_found(input: &RenderInput) -> Context {
    base_context(
        input,
        "Страница не найдена".into(),
        "/404.html",
        None,
        vec![],
    )
}

/// A section's index page: the common part here, the rest from the kind.
pub fn section(input: &RenderInput, section: Section) -> Context {
    let url = format!("/{}/", section.dir());
    let title = section.title_ru().to_string();
    let mut ctx = base_context(input, title, &url, Some(section), vec![]);
    let ids = sorted_section(input, section);
    ctx.insert("count", &ids.len());
    section.section_view(input, &ids, &mut ctx);
    ctx
}

fn sorted_section(input: &RenderInput, section: Section) -> Vec<RecordIdx> {
    let mut v: Vec<RecordIdx> = input.site.in_section(section).map(|(i, _)| i).collect();
    let records = &input.site.records;
    // Keys computed once per record, not per comparison: a section has thousands.
    v.sort_by_cached_key(|&i| {
        let r = &records[i];
        (
            r.weight.unwrap_or(i64::MAX),
            natural_key(&r.display_title()),
        )
    });
    v
}

// ---- record pages ----

/// «Title. First sentences of the body…», at most about 200 characters.
/// The most characters of a page's description (`<meta name="description">`).
const DESCRIPTION_CHARS: usize = 200;

fn short_description(title: &str, body: &str) -> String {
    crate::shorten::at_word(&format!("{title}. {body}"), DESCRIPTION_CHARS)
}

/// The search page: the form and the place where `static/search.js` writes results.
/// `/opendata/` «Открытые данные» (src/render/opendata.rs).
pub fn opendata_page(input: &RenderInput) -> Context {
    let ctx = base_context(
        input,
        "Открытые данные".into(),
        super::opendata::URL,
        None,
        vec![],
    );
    super::opendata::context(input, ctx)
}

/// `/progress/` «Ход выполнения» (src/render/progress.rs).
pub fn progress_page(input: &RenderInput) -> Context {
    let ctx = base_context(
        input,
        "Ход выполнения".into(),
        super::progress::URL,
        None,
        vec![],
    );
    super::progress::context(input, ctx)
}

pub fn search_page(input: &RenderInput) -> Context {
    let mut ctx = base_context(input, "Поиск по сайту".into(), "/search/", None, vec![]);
    ctx.insert(
        "index_url",
        &link_to(input, &format!("/{}", super::search_files::MANIFEST)),
    );
    ctx
}

/// A record page's title: the record's own, or one its kind makes from what it
/// is of («Дорожная карта МБОУ СОШ № 3 на 2026/2027 учебный год», «Отчёт: …»).
pub fn page_title(site: &Site, r: &Record) -> String {
    site.title(r)
}

/// A record's own page.
pub fn record(input: &RenderInput, idx: RecordIdx) -> Context {
    let site = input.site;
    let r = &site.records[idx];
    let title = page_title(site, r);
    // One character more than a description shows tells whether it is cut.
    let (body_html, body_text) =
        crate::headings::body_and_text(&site.config, &r.body, 2, DESCRIPTION_CHARS + 1);
    let description = (!body_text.is_empty()).then(|| short_description(&title, &body_text));
    let mut ctx = base_context_with(
        input,
        title,
        &r.url,
        Some(r.section),
        vec![],
        description,
        true,
    );
    ctx.insert("body_html", &body_html);
    ctx.insert("updated", &opt_date(r.updated));
    ctx.insert(
        "reports",
        &site.backlinks[idx]
            .via(crate::kinds::report::OF)
            .map(|i| crate::kinds::report::dated_link(input, i))
            .collect::<Vec<_>>(),
    );
    // Management decisions taken on this record (documents naming it in `basis`).
    ctx.insert(
        "decisions",
        &super::kit::links(
            input,
            site.backlinks[idx].via(crate::kinds::document::BASIS),
        ),
    );
    ctx.insert("opendata", &super::opendata::links(input, r));
    r.kind.data().record_view(input, idx, &mut ctx);
    ctx
}

/// The page of a risk factor of the profile (`risk.html`): under «Школы».
pub fn risk_page(input: &RenderInput, i: usize) -> Context {
    let id = &input.profile.risks[i].id;
    let url = format!("/risks/{}/", crate::translit::slugify(id));
    let title = crate::kinds::risk::title(input, id);
    let mut ctx = base_context(input, title, &url, Some(Section::Schools), vec![]);
    crate::kinds::risk::factor_view(input, id, &mut ctx);
    ctx
}

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
        site.config.absolute_base()
    )
}

/// `sitemap.xml`: every page the build writes (but 404), with its last change
/// where known; walking [`super::all_pages`] keeps it from missing a page kind.
pub fn sitemap(input: &RenderInput) -> String {
    let (site, profile) = (input.site, input.profile);
    let base = crate::escape::markup(&site.config.absolute_base());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in super::all_pages(site, profile) {
        let lastmod = match page {
            super::Page::NotFound => continue,
            super::Page::Record(idx) => last_change(site, &site.records[idx], input.today),
            _ => None,
        };
        let path = super::page_path(site, profile, page);
        let url = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
        out.push_str(&format!(
            "  <url><loc>{}{}</loc>",
            base,
            crate::escape::markup(&url)
        ));
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
