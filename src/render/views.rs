//! Page contexts: what each template sees, computed from the resolved site.
//! Dates are formatted and links are complete (base path included) here, so
//! templates stay simple and a site's own templates cannot get them wrong.

use super::RenderInput;
use crate::dates::{AcademicYear, long_ru, short_ru};
use crate::model::*;
use crate::schema::{Section, document_kind_ru, event_kind_ru};
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

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

pub fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::System => "system",
        Kind::School(_) => "school",
        Kind::Centre(_) => "centre",
        Kind::Roadmap(_) => "roadmap",
        Kind::Plan(_) => "plan",
        Kind::Program(_) => "program",
        Kind::Event(_) => "event",
        Kind::Report(_) => "report",
        Kind::Document(_) => "document",
    }
}

fn link_to(input: &RenderInput, url: &str) -> String {
    format!("{}{}", input.site.config.base_path(), url)
}

fn link(input: &RenderInput, r: &Record) -> Link {
    Link {
        title: r.display_title(),
        url: link_to(input, &r.url),
    }
}

fn link_idx(input: &RenderInput, idx: RecordIdx) -> Link {
    link(input, &input.site.records[idx])
}

fn section_url(input: &RenderInput, section: Section) -> String {
    link_to(input, &format!("/{}/", section.dir()))
}

fn opt_date(d: Option<Date>) -> Option<String> {
    d.map(long_ru)
}

fn opt_short(d: Option<Date>) -> Option<String> {
    d.map(short_ru)
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
    ctx.insert(
        "site",
        &SiteMeta {
            title: config.title.clone(),
            authority: config.authority.clone(),
            description: config.description.clone(),
            base_path: config.base_path(),
            base_url: config.absolute_base(),
            nav: nav(input),
            today: long_ru(input.today),
            academic_year: AcademicYear::containing(input.today).to_string(),
            search_url: link_to(input, "/search/"),
            feed_url: link_to(input, &format!("/{}", super::feeds::ATOM_PATH)),
            calendar_url: link_to(input, &format!("/{}", super::feeds::ICS_PATH)),
            locale: "ru_RU",
        },
    );
    ctx.insert(
        "page",
        &PageMeta {
            // Typeset here too: attributes (description, Open Graph) are not
            // reached by the pass over the page's text.
            description: super::typo::text(&match description {
                Some(d) => d,
                None if config.description.is_empty() => title.clone(),
                None => format!("{title}. {}", config.description),
            }),
            og_type: if description_is_record {
                "article"
            } else {
                "website"
            },
            title: super::typo::text(&title),
            permalink: format!("{}{}", config.absolute_base(), url),
            url: link_to(input, url),
            section: section.map(|s| s.dir()),
            breadcrumbs: crumbs,
        },
    );
    ctx
}

/// The navigation bar: the mandated materials first, then the reference sections.
fn nav(input: &RenderInput) -> Vec<Link> {
    [
        Section::System,
        Section::Roadmaps,
        Section::Plans,
        Section::Programs,
        Section::Events,
        Section::Reports,
        Section::Schools,
        Section::Centres,
        Section::Documents,
    ]
    .into_iter()
    .map(|s| Link {
        title: match s {
            Section::Plans => "Планы МНЦ и МТКП".into(),
            Section::Centres => "МНЦ и МТКП".into(),
            other => other.title_ru().into(),
        },
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
        .map(|i| super::headings::body(&site.config, &site.records[i].body, 3));
    ctx.insert("intro_html", &intro);
    let items: Vec<ItemView> = input
        .profile
        .items
        .iter()
        .map(|item| {
            let records: Vec<&Record> = site
                .in_section(item.section)
                .map(|(_, r)| r)
                .filter(|r| item_accepts(site, item, r))
                .collect();
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
    let upcoming: Vec<EventRow> = events_sorted(input)
        .into_iter()
        .filter(|(_, e)| e.last_day().is_some_and(|d| d >= input.today))
        .take(3)
        .map(|(idx, _)| event_row(input, idx))
        .collect();
    ctx.insert("upcoming", &upcoming);
    ctx
}

/// Whether a record counts toward a mandated item (plans of a centre kind, reports
/// of roadmaps and plans).
pub fn item_accepts(site: &Site, item: &crate::profile::Item, r: &Record) -> bool {
    if let Some(kind) = &item.centre_kind {
        let centre = r
            .as_work_plan()
            .and_then(|w| site.target(&w.owner))
            .and_then(Record::as_centre);
        let centre_kind = centre.and_then(|c| c.kind).map(|k| match k {
            CentreKind::Mnc => "mnc",
            CentreKind::Mtkp => "mtkp",
        });
        if centre_kind != Some(kind.as_str()) {
            return false;
        }
    }
    if !item.report_of.is_empty() {
        let subject = r.as_report().and_then(|rep| site.target(&rep.of));
        if !subject.is_some_and(|s| item.report_of.contains(&s.section)) {
            return false;
        }
    }
    true
}

/// When a record was last changed, as far as its fields tell: `updated`, else its
/// own date (a report's or document's date, an event's announcement date is
/// unknown so its date counts only once passed, a roadmap's approving order).
/// Dates after `today` are plans, not changes, and are ignored.
fn last_change(site: &Site, r: &Record, today: Date) -> Option<Date> {
    let own = match &r.kind {
        Kind::Event(e) => e.date,
        Kind::Report(rep) => rep.date,
        Kind::Document(d) => d.date,
        Kind::Roadmap(w) | Kind::Plan(w) => site
            .target(&w.approved_by)
            .and_then(|d| d.as_document())
            .and_then(|d| d.date),
        _ => None,
    };
    r.updated.or(own).filter(|d| *d <= today)
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

// ---- section pages ----

#[derive(Serialize)]
struct SchoolRow {
    link: Link,
    name: String,
    categories: Vec<&'static str>,
    mentor: Option<Link>,
    curator: Option<String>,
    roadmap: Option<Link>,
    in_support_group: bool,
}

#[derive(Serialize)]
struct WorkPlanRow {
    link: Link,
    owner: Option<Link>,
    year: Option<String>,
    approved: Option<Link>,
    measures: usize,
    reports: Vec<Link>,
}

#[derive(Serialize)]
struct YearGroup {
    year: String,
    rows: Vec<WorkPlanRow>,
}

#[derive(Serialize)]
struct KindGroup {
    id: &'static str,
    title: String,
    rows: Vec<WorkPlanRow>,
}

#[derive(Serialize)]
struct EventRow {
    link: Link,
    dates: String,
    dates_short: String,
    kind: Option<String>,
    place: Option<String>,
    report: Option<Link>,
}

#[derive(Serialize)]
struct ProgramRow {
    link: Link,
    hours: Option<i64>,
    form: Option<String>,
    audience: Option<String>,
    dates: Option<String>,
    year: Option<String>,
}

#[derive(Serialize)]
struct ReportRow {
    link: Link,
    date: Option<String>,
    subject: Option<Link>,
    subject_kind: Option<&'static str>,
}

#[derive(Serialize)]
struct DocumentRow {
    link: Link,
    kind: Option<String>,
    number: Option<String>,
    date: Option<String>,
    file: Option<FileView>,
}

#[derive(Serialize)]
struct CentreRow {
    link: Link,
    kind: Option<&'static str>,
    base: Option<Link>,
    head: Option<String>,
    plans: Vec<Link>,
}

#[derive(Serialize)]
pub struct FileView {
    url: String,
    name: String,
    format: String,
    size: String,
}

fn file_view(input: &RenderInput, a: &Attachment) -> Option<FileView> {
    a.source.as_ref()?;
    Some(FileView {
        url: link_to(input, &format!("/{}", a.output_path)),
        name: a
            .written
            .rsplit('/')
            .next()
            .unwrap_or(&a.written)
            .to_string(),
        format: a.format(),
        size: human_size(a.size),
    })
}

/// «12,4 КБ», as Russian sites show file sizes.
fn human_size(bytes: u64) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / 1024.0 / 1024.0, "МБ")
    } else if bytes >= 1024 {
        (bytes as f64 / 1024.0, "КБ")
    } else {
        return format!("{bytes}\u{a0}байт");
    };
    format!("{:.1}\u{a0}{unit}", value).replace('.', ",")
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

/// Orders «СОШ № 3» before «СОШ № 10»: digit runs compare as numbers.
fn natural_key(text: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut number = u64::from(c.to_digit(10).unwrap_or(0));
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                number = number.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            key.push((std::mem::take(&mut word), number));
        } else {
            word.extend(c.to_lowercase());
        }
    }
    key.push((word, 0));
    key
}

/// Which optional columns of the school list to show, and whether an empty
/// cell says «не назначен(а)» (only while the profile's rule asks for it).
#[derive(Serialize)]
struct SchoolColumns {
    mentor: bool,
    mentor_missing_mark: bool,
    curator: bool,
    curator_missing_mark: bool,
    /// How many columns the table has (for the «no schools» row).
    count: usize,
}

fn school_row(input: &RenderInput, idx: RecordIdx) -> SchoolRow {
    let site = input.site;
    let r = &site.records[idx];
    let s = r.as_school().expect("school");
    let year = AcademicYear::containing(input.today);
    let roadmap = site.backlinks[idx]
        .roadmaps
        .iter()
        .find(|&&i| site.records[i].as_work_plan().and_then(|w| w.academic_year) == Some(year))
        .map(|&i| link_idx(input, i));
    SchoolRow {
        link: link(input, r),
        name: s.name.clone().unwrap_or_default(),
        categories: s.categories.iter().map(|c| c.label_ru()).collect(),
        mentor: site.target(&s.mentor).map(|m| link(input, m)),
        curator: s.curator.clone(),
        roadmap,
        in_support_group: s.in_support_group(),
    }
}

fn work_plan_row(input: &RenderInput, idx: RecordIdx) -> WorkPlanRow {
    let site = input.site;
    let r = &site.records[idx];
    let w = r.as_work_plan().expect("roadmap or plan");
    WorkPlanRow {
        link: link(input, r),
        owner: site.target(&w.owner).map(|o| link(input, o)),
        year: w.academic_year.map(|y| y.to_string()),
        approved: site.target(&w.approved_by).map(|d| Link {
            title: document_citation(d),
            url: link_to(input, &d.url),
        }),
        measures: w.measures.len(),
        reports: site.backlinks[idx]
            .reports
            .iter()
            .map(|&i| report_link(input, i))
            .collect(),
    }
}

/// «Отчёт от 20.01.2026»: reports are told apart by date in lists.
fn report_link(input: &RenderInput, idx: RecordIdx) -> Link {
    let r = &input.site.records[idx];
    let date = r.as_report().and_then(|rep| rep.date);
    Link {
        title: match date {
            Some(d) => format!("Отчёт от {}", short_ru(d)),
            None => r.display_title(),
        },
        url: link_to(input, &r.url),
    }
}

/// «Приказ № 285 от 10.09.2026», the way documents are cited.
pub fn document_citation(r: &Record) -> String {
    let Some(d) = r.as_document() else {
        return r.display_title();
    };
    let mut s = d
        .kind
        .as_deref()
        .map(document_kind_ru)
        .unwrap_or("Документ")
        .to_string();
    if let Some(n) = &d.number {
        s.push_str(&format!(" №\u{a0}{n}"));
    }
    if let Some(date) = d.date {
        s.push_str(&format!(" от {}", short_ru(date)));
    }
    if d.number.is_none() && d.date.is_none() {
        return r.display_title();
    }
    s
}

fn date_range(start: Option<Date>, end: Option<Date>, short: bool) -> String {
    let f = if short { short_ru } else { long_ru };
    match (start, end) {
        (Some(s), Some(e)) if e != s => format!("{}\u{a0}— {}", f(s), f(e)),
        (Some(s), _) => f(s),
        (None, Some(e)) => f(e),
        (None, None) => String::new(),
    }
}

fn events_sorted<'a>(input: &RenderInput<'a>) -> Vec<(RecordIdx, &'a Event)> {
    let mut v: Vec<(RecordIdx, &Event)> = input
        .site
        .in_section(Section::Events)
        .filter_map(|(i, r)| r.as_event().map(|e| (i, e)))
        .collect();
    v.sort_by_key(|(i, e)| (e.date, *i));
    v
}

fn event_row(input: &RenderInput, idx: RecordIdx) -> EventRow {
    let r = &input.site.records[idx];
    let e = r.as_event().expect("event");
    EventRow {
        link: link(input, r),
        dates: date_range(e.date, e.end_date, false),
        dates_short: date_range(e.date, e.end_date, true),
        kind: e.kind.as_deref().map(|k| event_kind_ru(k).to_string()),
        place: e.place.clone(),
        report: input.site.backlinks[idx]
            .reports
            .last()
            .map(|&i| report_link(input, i)),
    }
}

fn centre_row(input: &RenderInput, idx: RecordIdx) -> CentreRow {
    let site = input.site;
    let r = &site.records[idx];
    let c = r.as_centre().expect("centre");
    CentreRow {
        link: link(input, r),
        kind: c.kind.map(|k| k.label_ru()),
        base: site.target(&c.base).map(|b| link(input, b)),
        head: c.head.clone(),
        plans: site.backlinks[idx]
            .plans
            .iter()
            .map(|&i| Link {
                title: site.records[i]
                    .as_work_plan()
                    .and_then(|w| w.academic_year)
                    .map(|y| format!("План на {y} учебный год"))
                    .unwrap_or_else(|| site.records[i].display_title()),
                url: link_to(input, &site.records[i].url),
            })
            .collect(),
    }
}

/// A section's index page.
pub fn section(input: &RenderInput, section: Section) -> Context {
    let site = input.site;
    let url = format!("/{}/", section.dir());
    let title = section.title_ru().to_string();
    let mut ctx = base_context(input, title, &url, Some(section), vec![]);
    let ids = sorted_section(input, section);
    ctx.insert("count", &ids.len());
    match section {
        Section::System => {
            let intro = site.get("system/index").map(|i| &site.records[i]);
            ctx.insert(
                "intro_html",
                &intro.map(|r| super::headings::body(&site.config, &r.body, 2)),
            );
            if let Some(r) = intro {
                ctx.insert("intro_title", &r.display_title());
            }
            let pages: Vec<Link> = ids
                .iter()
                .filter(|&&i| site.records[i].id != "system/index")
                .map(|&i| link_idx(input, i))
                .collect();
            ctx.insert("pages", &pages);
        }
        Section::Schools => {
            let (support, others): (Vec<SchoolRow>, Vec<SchoolRow>) = ids
                .iter()
                .map(|&i| school_row(input, i))
                .partition(|r| r.in_support_group);
            // A rule switched off in the profile asks for nothing: its column
            // shows what is written, no «не назначен», and goes when nothing is.
            let asks = |rule| input.profile.severity(rule).is_some();
            let mentor = asks(crate::diagnostics::RuleId::MentorMissing);
            let curator = asks(crate::diagnostics::RuleId::CuratorMissing);
            let mentor_column = mentor || support.iter().any(|s| s.mentor.is_some());
            let curator_column = curator || support.iter().any(|s| s.curator.is_some());
            let columns = SchoolColumns {
                mentor: mentor_column,
                mentor_missing_mark: mentor,
                curator: curator_column,
                curator_missing_mark: curator,
                count: 3 + usize::from(mentor_column) + usize::from(curator_column),
            };
            ctx.insert("columns", &columns);
            ctx.insert("support", &support);
            ctx.insert("others", &others);
        }
        Section::Centres => {
            let rows: Vec<CentreRow> = ids.iter().map(|&i| centre_row(input, i)).collect();
            ctx.insert("rows", &rows);
        }
        Section::Roadmaps => ctx.insert("years", &by_year(input, &ids)),
        Section::Plans => {
            let groups: Vec<KindGroup> = [CentreKind::Mnc, CentreKind::Mtkp]
                .into_iter()
                .map(|kind| {
                    let mine: Vec<RecordIdx> = ids
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let w = site.records[i].as_work_plan();
                            let c = w
                                .and_then(|w| site.target(&w.owner))
                                .and_then(Record::as_centre);
                            c.and_then(|c| c.kind) == Some(kind)
                        })
                        .collect();
                    KindGroup {
                        id: match kind {
                            CentreKind::Mnc => "mnc",
                            CentreKind::Mtkp => "mtkp",
                        },
                        title: format!("Планы работы {} ({})", kind.label_ru(), kind.full_ru()),
                        rows: sorted_by_year(input, mine)
                            .into_iter()
                            .map(|i| work_plan_row(input, i))
                            .collect(),
                    }
                })
                .collect();
            ctx.insert("groups", &groups);
        }
        Section::Programs => {
            let rows: Vec<ProgramRow> = ids
                .iter()
                .map(|&i| {
                    let r = &site.records[i];
                    let Kind::Program(p) = &r.kind else {
                        unreachable!("programs section holds programs")
                    };
                    ProgramRow {
                        link: link(input, r),
                        hours: p.hours,
                        form: p.form.clone(),
                        audience: p.audience.clone(),
                        dates: Some(date_range(p.start, p.end, true)).filter(|s| !s.is_empty()),
                        year: p.academic_year.map(|y| y.to_string()),
                    }
                })
                .collect();
            ctx.insert("rows", &rows);
        }
        Section::Events => {
            let events = events_sorted(input);
            let upcoming: Vec<EventRow> = events
                .iter()
                .filter(|(_, e)| e.last_day().is_some_and(|d| d >= input.today))
                .map(|(i, _)| event_row(input, *i))
                .collect();
            let past: Vec<EventRow> = events
                .iter()
                .rev()
                .filter(|(_, e)| e.last_day().is_none_or(|d| d < input.today))
                .map(|(i, _)| event_row(input, *i))
                .collect();
            ctx.insert("upcoming", &upcoming);
            ctx.insert("past", &past);
        }
        Section::Reports => {
            let mut rows: Vec<(Option<Date>, ReportRow)> = ids
                .iter()
                .map(|&i| {
                    let r = &site.records[i];
                    let rep = r.as_report().expect("report");
                    let subject = site.target(&rep.of);
                    (
                        rep.date,
                        ReportRow {
                            link: link(input, r),
                            date: opt_short(rep.date),
                            subject: subject.map(|s| link(input, s)),
                            subject_kind: subject.map(|s| s.section.record_ru()),
                        },
                    )
                })
                .collect();
            rows.sort_by_key(|row| std::cmp::Reverse(row.0));
            ctx.insert(
                "rows",
                &rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            );
        }
        Section::Documents => {
            let mut rows: Vec<(Option<Date>, DocumentRow)> = ids
                .iter()
                .map(|&i| {
                    let r = &site.records[i];
                    let d = r.as_document().expect("document");
                    (d.date, document_row(input, r, d))
                })
                .collect();
            rows.sort_by_key(|row| std::cmp::Reverse(row.0));
            ctx.insert(
                "rows",
                &rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            );
        }
    }
    ctx
}

fn document_row(input: &RenderInput, r: &Record, d: &Document) -> DocumentRow {
    DocumentRow {
        link: link(input, r),
        kind: d.kind.as_deref().map(|k| document_kind_ru(k).to_string()),
        number: d.number.clone(),
        date: opt_short(d.date),
        file: d.file.as_ref().and_then(|a| file_view(input, a)),
    }
}

fn sorted_by_year(input: &RenderInput, mut ids: Vec<RecordIdx>) -> Vec<RecordIdx> {
    let records = &input.site.records;
    ids.sort_by_cached_key(|&i| {
        let w = records[i].as_work_plan();
        let owner = w
            .and_then(|w| input.site.target(&w.owner))
            .map(|o| natural_key(&o.display_title()));
        (std::cmp::Reverse(w.and_then(|w| w.academic_year)), owner)
    });
    ids
}

fn by_year(input: &RenderInput, ids: &[RecordIdx]) -> Vec<YearGroup> {
    let mut groups: Vec<YearGroup> = Vec::new();
    for i in sorted_by_year(input, ids.to_vec()) {
        let row = work_plan_row(input, i);
        let year = row
            .year
            .clone()
            .unwrap_or_else(|| "Учебный год не указан".into());
        match groups.last_mut() {
            Some(g) if g.year == year => g.rows.push(row),
            _ => groups.push(YearGroup {
                year,
                rows: vec![row],
            }),
        }
    }
    groups
}

// ---- record pages ----

#[derive(Serialize)]
struct MeasureRow {
    number: usize,
    title: String,
    due: Option<String>,
    responsible: Option<String>,
    result: Option<String>,
    /// The due date has passed (shown as a mark, not an error).
    overdue: bool,
}

#[derive(Serialize)]
struct StatusRow {
    number: usize,
    title: String,
    status: Option<&'static str>,
    status_class: Option<&'static str>,
    comment: Option<String>,
}

#[derive(Serialize)]
struct DueView {
    date: String,
    report: Option<Link>,
    passed: bool,
}

#[derive(Serialize)]
struct RiskView {
    id: String,
    title: String,
}

/// «Title. First sentences of the body…», at most about 200 characters.
/// The most characters of a page's description (`<meta name="description">`).
const DESCRIPTION_CHARS: usize = 200;

fn short_description(title: &str, body: &str) -> String {
    let mut d = format!("{title}. {body}");
    if d.chars().count() > DESCRIPTION_CHARS {
        let cut: String = d.chars().take(DESCRIPTION_CHARS).collect();
        let cut = cut.rfind(' ').map(|i| &cut[..i]).unwrap_or(&cut);
        d = format!("{}…", cut.trim_end_matches([',', '.', ';', ':']));
    }
    d
}

/// The search page: the form and the place where `static/search.js` writes results.
pub fn search_page(input: &RenderInput) -> Context {
    let mut ctx = base_context(input, "Поиск по сайту".into(), "/search/", None, vec![]);
    ctx.insert(
        "index_url",
        &link_to(input, &format!("/{}", super::SEARCH_INDEX_PATH)),
    );
    ctx
}

/// A record page's title: the record's own, or one made from what it is of
/// («Дорожная карта МБОУ СОШ № 3 на 2026/2027 учебный год», «Отчёт: …»).
pub fn page_title(site: &Site, r: &Record) -> String {
    match &r.kind {
        Kind::Roadmap(w) | Kind::Plan(w) => r.title.clone().unwrap_or_else(|| {
            let owner = site
                .target(&w.owner)
                .map(Record::display_title)
                .unwrap_or_default();
            let what = if matches!(r.kind, Kind::Roadmap(_)) {
                "Дорожная карта"
            } else {
                "План работы"
            };
            match w.academic_year {
                Some(y) => format!("{what} {owner} на {y} учебный год"),
                None => format!("{what} {owner}"),
            }
        }),
        Kind::Report(rep) => r.title.clone().unwrap_or_else(|| {
            let subject = site
                .target(&rep.of)
                .map(Record::display_title)
                .unwrap_or_default();
            format!("Отчёт: {subject}")
        }),
        _ => r.display_title(),
    }
}

/// A record's own page.
pub fn record(input: &RenderInput, idx: RecordIdx) -> Context {
    let site = input.site;
    let r = &site.records[idx];
    let back = &site.backlinks[idx];
    let title = page_title(site, r);
    // One character more than a description shows tells whether it is cut.
    let (body_html, body_text) =
        super::headings::body_and_text(&site.config, &r.body, 2, DESCRIPTION_CHARS + 1);
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
        &back
            .reports
            .iter()
            .map(|&i| report_link(input, i))
            .collect::<Vec<_>>(),
    );
    match &r.kind {
        Kind::System => {}
        Kind::School(s) => {
            ctx.insert("name", &s.name);
            ctx.insert("short_name", &s.short_name);
            ctx.insert(
                "categories",
                &s.categories
                    .iter()
                    .map(|c| Link {
                        title: c.label_ru().into(),
                        url: c.full_ru().into(),
                    })
                    .collect::<Vec<_>>(),
            );
            ctx.insert("mentor", &site.target(&s.mentor).map(|m| link(input, m)));
            ctx.insert(
                "mentees",
                &back
                    .mentees
                    .iter()
                    .map(|&i| link_idx(input, i))
                    .collect::<Vec<_>>(),
            );
            ctx.insert("curator", &s.curator);
            ctx.insert("address", &s.address);
            // Defence in depth: the loader refuses other schemes already.
            ctx.insert(
                "website",
                &s.website.as_deref().and_then(crate::load::web_address),
            );
            let risks: Vec<RiskView> = s
                .risks
                .iter()
                .map(|risk| RiskView {
                    id: risk.id.clone(),
                    title: input
                        .profile
                        .risk(&risk.id)
                        .map(|k| k.title.clone())
                        .unwrap_or_else(|| risk.id.clone()),
                })
                .collect();
            ctx.insert("risks", &risks);
            ctx.insert(
                "roadmaps",
                &back
                    .roadmaps
                    .iter()
                    .map(|&i| work_plan_row(input, i))
                    .collect::<Vec<_>>(),
            );
            let school_reports: Vec<Link> = back
                .roadmaps
                .iter()
                .flat_map(|&i| site.backlinks[i].reports.iter())
                .map(|&i| report_link(input, i))
                .collect();
            ctx.insert("roadmap_reports", &school_reports);
            ctx.insert(
                "centres",
                &back
                    .centres
                    .iter()
                    .map(|&i| link_idx(input, i))
                    .collect::<Vec<_>>(),
            );
        }
        Kind::Centre(c) => {
            ctx.insert("kind_label", &c.kind.map(|k| k.label_ru()));
            ctx.insert("kind_full", &c.kind.map(|k| k.full_ru()));
            ctx.insert("name", &c.name);
            ctx.insert("base", &site.target(&c.base).map(|b| link(input, b)));
            ctx.insert("head", &c.head);
            ctx.insert(
                "plans",
                &back
                    .plans
                    .iter()
                    .map(|&i| work_plan_row(input, i))
                    .collect::<Vec<_>>(),
            );
        }
        Kind::Roadmap(w) | Kind::Plan(w) => {
            let owner = site.target(&w.owner);
            ctx.insert("owner", &owner.map(|o| link(input, o)));
            ctx.insert(
                "owner_kind",
                &owner
                    .and_then(|o| o.as_centre())
                    .and_then(|c| c.kind)
                    .map(|k| k.label_ru()),
            );
            ctx.insert("year", &w.academic_year.map(|y| y.to_string()));
            ctx.insert(
                "approved",
                &site.target(&w.approved_by).map(|d| Link {
                    title: document_citation(d),
                    url: link_to(input, &d.url),
                }),
            );
            let measures: Vec<MeasureRow> = w
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| MeasureRow {
                    number: i + 1,
                    title: m.title.clone().unwrap_or_default(),
                    due: m
                        .due
                        .as_ref()
                        .map(|d| match crate::dates::parse_iso(&d.text) {
                            Some(date) => short_ru(date),
                            None => d.text.clone(),
                        }),
                    responsible: m.responsible.clone(),
                    result: m.result.clone(),
                    overdue: m
                        .due
                        .as_ref()
                        .and_then(|d| d.date)
                        .is_some_and(|d| d < input.today),
                })
                .collect();
            ctx.insert("measures", &measures);
            let dues: Vec<DueView> = w
                .due_dates()
                .into_iter()
                .enumerate()
                .map(|(i, d)| DueView {
                    date: long_ru(d),
                    report: back.reports.get(i).map(|&ri| report_link(input, ri)),
                    passed: d < input.today,
                })
                .collect();
            ctx.insert("dues", &dues);
        }
        Kind::Program(p) => {
            ctx.insert("hours", &p.hours);
            ctx.insert("form", &p.form);
            ctx.insert("audience", &p.audience);
            ctx.insert("provider", &p.provider);
            ctx.insert(
                "dates",
                &Some(date_range(p.start, p.end, false)).filter(|s| !s.is_empty()),
            );
            ctx.insert("year", &p.academic_year.map(|y| y.to_string()));
            ctx.insert("file", &p.file.as_ref().and_then(|a| file_view(input, a)));
        }
        Kind::Event(e) => {
            ctx.insert("dates", &date_range(e.date, e.end_date, false));
            ctx.insert("kind_label", &e.kind.as_deref().map(event_kind_ru));
            ctx.insert("place", &e.place);
            ctx.insert("audience", &e.audience);
            ctx.insert("organizer", &e.organizer);
            ctx.insert("upcoming", &e.last_day().is_some_and(|d| d >= input.today));
        }
        Kind::Report(rep) => {
            let subject = site.target(&rep.of);
            ctx.insert("subject", &subject.map(|s| link(input, s)));
            ctx.insert("subject_kind", &subject.map(|s| s.section.record_ru()));
            ctx.insert("date", &opt_date(rep.date));
            let rows: Vec<StatusRow> = rep
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| StatusRow {
                    number: i + 1,
                    title: m.title.clone().unwrap_or_default(),
                    status: m.status.map(|s| s.label_ru()),
                    status_class: m.status.map(|s| s.css()),
                    comment: m.comment.clone(),
                })
                .collect();
            ctx.insert("measures", &rows);
            let files: Vec<FileView> = rep
                .files
                .iter()
                .filter_map(|a| file_view(input, a))
                .collect();
            ctx.insert("files", &files);
        }
        Kind::Document(d) => {
            ctx.insert("citation", &document_citation(r));
            ctx.insert("kind_label", &d.kind.as_deref().map(document_kind_ru));
            ctx.insert("number", &d.number);
            ctx.insert("date", &opt_date(d.date));
            ctx.insert("file", &d.file.as_ref().and_then(|a| file_view(input, a)));
            ctx.insert(
                "approves",
                &back
                    .approves
                    .iter()
                    .map(|&i| link_idx(input, i))
                    .collect::<Vec<_>>(),
            );
        }
    }
    ctx
}

/// `sitemap.xml`: every page with its last change where known.
pub fn sitemap(site: &Site, today: Date) -> String {
    let base = site.config.absolute_base();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut push = |url: &str, lastmod: Option<Date>| {
        out.push_str(&format!(
            "  <url><loc>{}{}</loc>",
            base,
            crate::escape::markup(url)
        ));
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    };
    push("/", None);
    push("/search/", None);
    for s in Section::ALL {
        if !(s == Section::System && site.get("system/index").is_some()) {
            push(&format!("/{}/", s.dir()), None);
        }
    }
    for r in &site.records {
        push(&r.url, last_change(site, r, today));
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn sorts_school_numbers_naturally() {
        let mut names = vec![
            "МБОУ СОШ № 10",
            "МБОУ СОШ № 3",
            "МБОУ гимназия № 1",
            "МБОУ СОШ № 21",
        ];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(
            names,
            [
                "МБОУ гимназия № 1",
                "МБОУ СОШ № 3",
                "МБОУ СОШ № 10",
                "МБОУ СОШ № 21"
            ]
        );
    }
}
