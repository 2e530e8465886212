//! Schools: one record per school; the support group (ШНОР/ШССУ) with mentors,
//! curators and risk factors.

use super::{KindData, KindSpec, Meta, roadmap, work_plan};
use crate::dates::AcademicYear;
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{Pos, Record, RecordIdx, Ref, RefField};
use crate::kinds::new_args::{NewError, NewOptions, reference};
use crate::kinds::reader::Reader;
use crate::kinds::rule::{CheckFn, Ctx, on};
use crate::kinds::schema::{
    DRAFT, FieldSpec, FieldType as T, Section, TITLE, UPDATED, WEIGHT, opt, req,
};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, link, links};
use crate::risk_profile::RiskLevel;
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Shnor,
    Shssu,
}

impl Category {
    pub fn label_ru(self) -> &'static str {
        match self {
            Category::Shnor => "ШНОР",
            Category::Shssu => "ШССУ",
        }
    }

    pub fn full_ru(self) -> &'static str {
        match self {
            Category::Shnor => "школа с низкими образовательными результатами",
            Category::Shssu => "школа, функционирующая в сложных социальных условиях",
        }
    }
}

/// A risk factor as written in `risks` (`r3`, or `{risk: r3, level: high, note: …}`),
/// with its position for `unknown-risk`.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskEntry {
    pub id: String,
    pub level: Option<RiskLevel>,
    pub note: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct School {
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub categories: Vec<Category>,
    pub mentor: Option<Ref>,
    /// A person's id (then `target` is set) or text («Сидоров П. А., методист»).
    pub curator: Option<Ref>,
    pub risks: Vec<RiskEntry>,
    pub address: Option<String>,
    pub website: Option<String>,
}

impl School {
    /// In the support group: categorised as ШНОР or ШССУ.
    pub fn in_support_group(&self) -> bool {
        !self.categories.is_empty()
    }
}

/// Schools a school mentors point at it through `mentor`.
pub const MENTOR: RefField = RefField {
    from: Section::Schools,
    field: "mentor",
};

/// The schools a person curates point at them through `curator`.
pub const CURATOR: RefField = RefField {
    from: Section::Schools,
    field: "curator",
};

const FIELDS: &[FieldSpec] = &[
    req("name", T::Text, "полное официальное наименование школы"),
    opt(
        "short_name",
        T::Text,
        "краткое наименование, например «МБОУ СОШ № 3»",
    ),
    opt(
        "categories",
        T::TextList,
        "категории: shnor (ШНОР), shssu (ШССУ)",
    ),
    opt(
        "mentor",
        T::Ref(Section::Schools),
        "школа-наставник (идентификатор школы)",
    ),
    opt(
        "curator",
        T::RefOrText(Section::People),
        "куратор: идентификатор из people/ (ivanova) или ФИО и должность",
    ),
    opt(
        "risks",
        T::TextList,
        "факторы риска из рискового профиля: r1 … r10, или {risk: r3, level: высокий, note: …}",
    ),
    opt("address", T::Text, "адрес"),
    opt("website", T::Text, "сайт школы"),
    TITLE,
    UPDATED,
    DRAFT,
    WEIGHT,
];

impl KindSpec for School {
    const META: Meta = Meta {
        dir: "schools",
        name: "school",
        title_ru: "Школы",
        nav_ru: "Школы",
        nav_order: 6,
        record_ru: "школа",
        fields: FIELDS,
        aliases: &["школа"],
        new_ru: "школа",
        new_extension: "yaml",
        new_options: &["school"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        School {
            name: r.text("name"),
            short_name: r.text("short_name"),
            categories: categories(r),
            mentor: r.reference("mentor"),
            curator: r.reference("curator"),
            risks: super::risk::read_school_risks(r),
            address: r.text("address"),
            website: read_web_address(r, "website"),
        }
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let (support, others): (Vec<Row>, Vec<Row>) = ids
            .iter()
            .map(|&i| row(input, i))
            .partition(|r| r.in_support_group);
        // A rule switched off in the profile asks for nothing: its column
        // shows what is written, no «не назначен», and goes when nothing is.
        let asks = |rule| input.profile.severity(rule).is_some();
        let mentor = asks(RuleId::MentorMissing);
        let curator = asks(RuleId::CuratorMissing);
        let mentor_column = mentor || support.iter().any(|s| s.mentor.is_some());
        let curator_column = curator || support.iter().any(|s| !s.curators.is_empty());
        let columns = Columns {
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

    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        match &args.school {
            Some(s) => Ok(vec![(
                "mentor",
                reference(&args.root, "school", s, Section::Schools)?,
            )]),
            None => Ok(Vec::new()),
        }
    }

    const RULES: &'static [(RuleId, CheckFn)] = &[
        (RuleId::MentorMissing, mentor_missing),
        (RuleId::CuratorMissing, curator_missing),
    ];
}

impl KindData for School {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        let mentor = self.mentor.iter().map(|r| ("mentor", r));
        mentor
            .chain(self.curator.iter().map(|r| ("curator", r)))
            .collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        let mentor = self.mentor.iter_mut().map(|r| ("mentor", r));
        mentor
            .chain(self.curator.iter_mut().map(|r| ("curator", r)))
            .collect()
    }

    fn own_title(&self) -> Option<&str> {
        self.short_name.as_deref().or(self.name.as_deref())
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.name.clone());
        parts.extend(self.short_name.clone());
        parts.extend(self.curator.as_ref().map(|c| c.written.clone()));
        parts.extend(self.address.clone());
        for c in &self.categories {
            parts.push(format!("{} {}", c.label_ru(), c.full_ru()));
        }
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        let site = input.site;
        let back = &site.backlinks[idx];
        ctx.insert("name", &self.name);
        ctx.insert("short_name", &self.short_name);
        ctx.insert(
            "categories",
            &self
                .categories
                .iter()
                .map(|c| Link {
                    title: c.label_ru().into(),
                    url: c.full_ru().into(),
                })
                .collect::<Vec<_>>(),
        );
        ctx.insert("mentor", &site.target(&self.mentor).map(|m| link(input, m)));
        ctx.insert("mentees", &links(input, back.via(MENTOR)));
        ctx.insert("curators", &super::person::curators(input, idx));
        ctx.insert("address", &self.address);
        // Defence in depth: the loader refuses other schemes already.
        ctx.insert("website", &self.website.as_deref().and_then(web_address));
        ctx.insert("risk_profile", &super::risk::school_profile(input, idx));
        ctx.insert("documents", &documents(input, idx));
        let roadmaps = back.via(roadmap::SCHOOL);
        ctx.insert(
            "roadmaps",
            &roadmaps
                .clone()
                .map(|i| work_plan::row(input, i))
                .collect::<Vec<_>>(),
        );
        let school_reports: Vec<Link> = roadmaps
            .flat_map(|i| site.backlinks[i].via(super::report::OF))
            .map(|i| super::report::dated_link(input, i))
            .collect();
        ctx.insert("roadmap_reports", &school_reports);
        ctx.insert("centres", &links(input, back.via(super::centre::BASE)));
        ctx.insert("series", &super::monitoring::school_series(input, idx));
        ctx.insert("max_school_charts", &super::monitoring::MAX_SCHOOL_CHARTS);
    }
}

/// A school's own documents (концепция, программа развития …), newest first.
fn documents(input: &RenderInput, idx: RecordIdx) -> Vec<Link> {
    let site = input.site;
    let mut ids: Vec<RecordIdx> = site.backlinks[idx].via(super::document::SCHOOL).collect();
    ids.sort_by_key(|&i| {
        std::cmp::Reverse(
            site.records[i]
                .data::<super::document::Document>()
                .and_then(|d| d.date),
        )
    });
    ids.into_iter()
        .map(|i| {
            let r = &site.records[i];
            let kind = r
                .data::<super::document::Document>()
                .and_then(|d| d.kind.as_deref())
                .map(super::document::kind_ru);
            Link {
                title: match kind {
                    Some(k) if !r.display_title().starts_with(k) => {
                        format!("{k}: {}", r.display_title())
                    }
                    _ => r.display_title(),
                },
                url: link(input, r).url,
            }
        })
        .collect()
}

/// Which optional columns of the school list to show, and whether an empty
/// cell says «не назначен(а)» (only while the profile's rule asks for it).
#[derive(Serialize)]
struct Columns {
    mentor: bool,
    mentor_missing_mark: bool,
    curator: bool,
    curator_missing_mark: bool,
    /// How many columns the table has (for the «no schools» row).
    count: usize,
}

#[derive(Serialize)]
struct Row {
    link: Link,
    name: String,
    categories: Vec<&'static str>,
    mentor: Option<Link>,
    curators: Vec<super::person::Curator>,
    roadmap: Option<Link>,
    in_support_group: bool,
}

fn row(input: &RenderInput, idx: RecordIdx) -> Row {
    let site = input.site;
    let r = &site.records[idx];
    let s = r.data::<School>().expect("school");
    let year = AcademicYear::containing(input.today);
    let roadmap = site.backlinks[idx]
        .via(roadmap::SCHOOL)
        .find(|&i| work_plan::of(&site.records[i]).and_then(|w| w.academic_year) == Some(year))
        .map(|i| crate::kinds::view::link_idx(input, i));
    Row {
        link: link(input, r),
        name: s.name.clone().unwrap_or_default(),
        categories: s.categories.iter().map(|c| c.label_ru()).collect(),
        mentor: site.target(&s.mentor).map(|m| link(input, m)),
        curators: super::person::curators(input, idx),
        roadmap,
        in_support_group: s.in_support_group(),
    }
}

fn categories(r: &mut Reader) -> Vec<Category> {
    let mut out = Vec::new();
    for (value, pos) in r.list_of_text("categories") {
        match value.to_lowercase().as_str() {
            "shnor" | "шнор" => out.push(Category::Shnor),
            "shssu" | "шссу" => out.push(Category::Shssu),
            _ => r.wrong(
                "categories",
                pos,
                format!("неизвестная категория школы «{value}»"),
                "допустимы shnor (ШНОР) и shssu (ШССУ)",
            ),
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A web address for a link: `https://…`/`http://…`, or a bare domain
/// (`sosh1.ru`) given `https://`. Anything else (`javascript:…`) is refused, so
/// no field value can become a script link on the site.
fn read_web_address(r: &mut Reader, name: &str) -> Option<String> {
    let (_, pos) = r.get(name)?;
    let written = r.text(name)?;
    let address = web_address(&written);
    if address.is_none() {
        r.wrong(
            name,
            pos,
            format!("в поле «{name}» должен быть адрес сайта, а здесь «{written}»"),
            "адрес пишется так: https://sosh1.example.ru (допустимы только http:// и https://)",
        );
    }
    address
}

/// A link-safe web address: `http(s)://` kept, a bare domain given `https://`,
/// anything else (another scheme, spaces, quotes) None.
pub fn web_address(written: &str) -> Option<String> {
    let t = written.trim();
    if t.is_empty()
        || t.chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`".contains(c))
    {
        return None;
    }
    let lower = t.to_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(t.to_string());
    }
    let host = lower.split(['/', '?', '#']).next().unwrap_or("");
    let bare_domain = !lower.contains(':')
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    bare_domain.then(|| format!("https://{t}"))
}

/// Schools in the support group, for the mentor and curator rules.
fn support_schools<'a>(
    ctx: &'a Ctx,
) -> impl Iterator<Item = (RecordIdx, &'a Record, &'a School)> + 'a {
    ctx.site
        .in_section(Section::Schools)
        .filter_map(|(idx, r)| Some((idx, r, r.data::<School>()?)))
        .filter(|(_, _, s)| s.in_support_group())
}

fn mentor_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (_, r, school) in support_schools(ctx) {
        // A mentor that is written but does not resolve is a broken-reference.
        if school.mentor.is_none() {
            out.push(
                on(
                    r,
                    RuleId::MentorMissing,
                    r.pos_of("mentor"),
                    format!(
                        "у школы группы поддержки «{}» не указана школа-наставник",
                        r.display_title()
                    ),
                )
                .hint(
                    "добавьте поле mentor: идентификатор школы-наставника, например mentor: sosh-1",
                ),
            );
        }
    }
}

fn curator_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (idx, r, _) in support_schools(ctx) {
        // A curator is written in the school (`curator`) or in a person's `schools`.
        if !super::person::has_curator(ctx.site, idx) {
            out.push(
                on(
                    r,
                    RuleId::CuratorMissing,
                    r.pos_of("curator"),
                    format!(
                        "у школы группы поддержки «{}» не указан куратор",
                        r.display_title()
                    ),
                )
                .hint("добавьте поле curator: идентификатор куратора из people/ или ФИО и должность; либо впишите школу в schools куратора"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_links_or_refused() {
        assert_eq!(
            web_address("https://sosh1.example.ru").as_deref(),
            Some("https://sosh1.example.ru")
        );
        assert_eq!(
            web_address("школа1.рф/about").as_deref(),
            Some("https://школа1.рф/about")
        );
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "https://a.ru\" onmouseover=\"x",
            "нет сайта",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }
}
