//! Risk factors across kinds: a school's `risks` with level and note, the risk
//! profile table of its page, and the page of one risk factor (`/risks/r3/`): the
//! schools that have it, the measures, anti-risk programmes and practices that
//! address it. The profile's risk vocabulary names the factors.

use super::school::{RiskEntry, School};
use super::{document, practice, roadmap, work_plan};
use crate::dates::AcademicYear;
use crate::kinds::model::{Pos, Record, RecordIdx};
use crate::kinds::reader::Reader;
use crate::kinds::schema::Section;
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, link, link_idx, link_to};
use crate::risk_profile::{
    Addressing, RiskLevel, RiskRow, RiskSpec, parse_risk_entry, risk_profile_rows,
};
use crate::translit::slugify;
use crate::yaml::Node;
use serde::Serialize;
use tera::Context;

/// Reads a school's `risks`: ids, or maps with `risk`, `level`, `note`.
pub fn read_school_risks(r: &mut Reader) -> Vec<RiskEntry> {
    let Some((node, pos)) = r.get("risks") else {
        return Vec::new();
    };
    let items: Vec<Node> = match node.clone() {
        Node::List(items) => items,
        // `risks: r3, r8` as one line of text.
        Node::Str(s) => s
            .split(',')
            .map(|t| Node::Str(t.trim().to_string()))
            .filter(|n| !n.is_empty())
            .collect(),
        other => {
            let msg = format!(
                "поле «risks» должно быть списком факторов риска, а здесь {}",
                other.type_name()
            );
            r.wrong(
                "risks",
                pos,
                msg,
                "например: risks: [r3, r8] или - {risk: r3, level: высокий}",
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = r.item_pos("risks", i, pos);
        let (spec, problems) = parse_risk_entry(item);
        for p in problems {
            let key_at = p
                .key
                .as_deref()
                .and_then(|k| r.item("risks", i).map(|it| it.key_at(k)))
                .map_or(at, |(line, column)| Pos { line, column });
            r.wrong("risks", key_at, p.message, &p.hint);
        }
        if let Some(RiskSpec { id, level, note }) = spec {
            out.push(RiskEntry {
                id,
                level,
                note,
                pos: at,
            });
        }
    }
    out
}

/// The folder of the risk-factor pages under the output root.
pub const DIR: &str = "risks";

/// The page of a risk factor, under the output root: `risks/r3/index.html`.
pub fn page_path(id: &str) -> String {
    format!("{DIR}/{}/index.html", slugify(id))
}

/// The link to a risk factor's page.
pub fn url(input: &RenderInput, id: &str) -> String {
    link_to(input, &format!("/risks/{}/", slugify(id)))
}

/// `R3. Недостаточная предметная …`, or the id when the profile does not know it.
pub fn title(input: &RenderInput, id: &str) -> String {
    match input.profile.risk(id) {
        Some(r) => format!("{}. {}", id.to_uppercase(), r.title),
        None => id.to_uppercase(),
    }
}

/// Links to the pages of these risk factors.
pub fn links<'a>(input: &RenderInput, ids: impl IntoIterator<Item = &'a String>) -> Vec<Link> {
    ids.into_iter()
        .map(|id| Link {
            title: title(input, id),
            url: url(input, id),
        })
        .collect()
}

fn vocabulary<'a>(input: &RenderInput<'a>) -> Vec<(&'a str, &'a str)> {
    input
        .profile
        .risks
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str()))
        .collect()
}

/// A risk-profile row with links to the factor's page.
#[derive(Serialize)]
pub struct ProfileRow {
    #[serde(flatten)]
    row: RiskRow<Link>,
    url: String,
}

/// The roadmap of the current academic year, else the latest one.
fn current_roadmap(input: &RenderInput, school: RecordIdx) -> Option<RecordIdx> {
    let site = input.site;
    let year = AcademicYear::containing(input.today);
    let of_year = |i: &RecordIdx| work_plan::of(&site.records[*i]).and_then(|w| w.academic_year);
    let roadmaps: Vec<RecordIdx> = site.backlinks[school].via(roadmap::SCHOOL).collect();
    roadmaps
        .iter()
        .copied()
        .find(|i| of_year(i) == Some(year))
        .or_else(|| roadmaps.iter().copied().max_by_key(|i| of_year(i)))
}

/// A school's risk profile: one row per factor, with the measures of its current
/// roadmap and its anti-risk programmes that name the factor.
pub fn school_profile(input: &RenderInput, idx: RecordIdx) -> Vec<ProfileRow> {
    let site = input.site;
    let Some(school) = site.records[idx].data::<School>() else {
        return Vec::new();
    };
    let specs: Vec<RiskSpec> = school
        .risks
        .iter()
        .map(|r| RiskSpec {
            id: r.id.clone(),
            level: r.level,
            note: r.note.clone(),
        })
        .collect();
    let mut measures = Vec::new();
    if let Some(rm) = current_roadmap(input, idx) {
        let w = work_plan::of(&site.records[rm]).expect("roadmap");
        let page = link_idx(input, rm);
        for (n, m) in w.measures.iter().enumerate() {
            measures.push(Addressing {
                risks: &m.risks,
                link: Link {
                    title: m
                        .title
                        .clone()
                        .unwrap_or_else(|| format!("мероприятие {}", n + 1)),
                    url: format!("{}#measure-{}", page.url, n + 1),
                },
            });
        }
    }
    let programs: Vec<(Vec<String>, Link)> = site.backlinks[idx]
        .via(document::SCHOOL)
        .filter_map(|i| {
            let d = site.records[i].data::<document::Document>()?;
            (d.kind.as_deref() == Some("antirisk-program"))
                .then(|| (d.risk_ids(), link_idx(input, i)))
        })
        .collect();
    let programs: Vec<Addressing<Link>> = programs
        .iter()
        .map(|(risks, link)| Addressing {
            risks,
            link: link.clone(),
        })
        .collect();
    risk_profile_rows(&specs, &vocabulary(input), &measures, &programs)
        .into_iter()
        .map(|row| ProfileRow {
            url: url(input, &row.id),
            row,
        })
        .collect()
}

/// The risk factors that get a page: the profile's vocabulary.
pub fn page_ids(input: &RenderInput) -> Vec<String> {
    input.profile.risks.iter().map(|r| r.id.clone()).collect()
}

#[derive(Serialize)]
struct SchoolRow {
    link: Link,
    level: Option<RiskLevel>,
    level_label: Option<&'static str>,
    note: Option<String>,
}

#[derive(Serialize)]
struct MeasureRow {
    title: String,
    link: Link,
}

/// The context of a risk factor's page (`risk.html`).
pub fn factor_view(input: &RenderInput, id: &str, ctx: &mut Context) {
    let site = input.site;
    ctx.insert(
        "risk",
        &Link {
            title: title(input, id),
            url: url(input, id),
        },
    );
    ctx.insert("risk_id", id);
    let schools: Vec<SchoolRow> = site
        .in_section(Section::Schools)
        .filter_map(|(_, r)| {
            let e = r.data::<School>()?.risks.iter().find(|e| e.id == id)?;
            Some(SchoolRow {
                link: link(input, r),
                level: e.level,
                level_label: e.level.map(RiskLevel::label_ru),
                note: e.note.clone(),
            })
        })
        .collect();
    ctx.insert("schools", &schools);
    let mut measures = Vec::new();
    for section in [Section::Roadmaps, Section::Plans] {
        for (i, r) in site.in_section(section) {
            let Some(w) = work_plan::of(r) else { continue };
            for (n, m) in w.measures.iter().enumerate() {
                if m.risks.iter().any(|x| x == id) {
                    let page = link(input, r);
                    measures.push(MeasureRow {
                        title: m.title.clone().unwrap_or_default(),
                        link: Link {
                            title: page.title,
                            url: format!("{}#measure-{}", link_idx(input, i).url, n + 1),
                        },
                    });
                }
            }
        }
    }
    ctx.insert("measures", &measures);
    let programs: Vec<Link> = site
        .in_section(Section::Documents)
        .filter(|(_, r)| {
            r.data::<document::Document>()
                .is_some_and(|d| d.risk_ids().iter().any(|x| x == id))
        })
        .map(|(_, r)| link(input, r))
        .collect();
    ctx.insert("programs", &programs);
    let practices: Vec<Link> = site
        .in_section(Section::Practices)
        .filter(|(_, r)| {
            r.data::<practice::Practice>()
                .is_some_and(|p| p.risks.iter().any(|(x, _)| x == id))
        })
        .map(|(_, r)| link(input, r))
        .collect();
    ctx.insert("practices", &practices);
}

/// Every risk id a record names, where it is written: a school's `risks`, a
/// measure's `risk` (at the measure), a document's `risk`, a practice's `risks`
/// (`unknown-risk` checks them against the profile's vocabulary).
pub fn mentions(r: &Record) -> Vec<(&str, Pos, &'static str)> {
    let mut out: Vec<(&str, Pos, &'static str)> = Vec::new();
    if let Some(s) = r.data::<School>() {
        out.extend(s.risks.iter().map(|e| (e.id.as_str(), e.pos, "risks")));
    }
    if let Some(w) = work_plan::of(r) {
        for m in &w.measures {
            out.extend(m.risks.iter().map(|id| (id.as_str(), m.pos, "measures")));
        }
    }
    if let Some(d) = r.data::<document::Document>() {
        out.extend(d.risk.iter().map(|(id, pos)| (id.as_str(), *pos, "risk")));
    }
    if let Some(p) = r.data::<practice::Practice>() {
        out.extend(p.risks.iter().map(|(id, pos)| (id.as_str(), *pos, "risks")));
    }
    out
}
