//! People (contract section 5): the officials who do the work — the municipal
//! coordinator, curators, the working group, tutors, mentors, methodists — with
//! the schools they curate or mentor and their official contacts (names and
//! positions of officials are public; only official contacts are published).
//! The section page is the team («Кто отвечает»), grouped by role.

use super::{KindData, KindSpec, Meta, event, practice, school, values};
use crate::kinds::model::{RecordIdx, Ref, RefField, Site};
use crate::kinds::new_args::{NewError, NewOptions, reference};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, link, link_idx, links, opt_short};
use crate::vocab::{PERSON_ROLES, Term};
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: Option<String>,
    pub position: Option<String>,
    /// Role ids of [`PERSON_ROLES`], in the order written; unknown ones are warned
    /// about and kept out.
    pub roles: Vec<&'static str>,
    /// Schools this person curates or mentors.
    pub schools: Vec<Ref>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Schools point back at the people who list them in `schools`.
pub const SCHOOLS: RefField = RefField {
    from: Section::People,
    field: "schools",
};

const FIELDS: &[FieldSpec] = &[
    req("name", T::Text, "ФИО полностью"),
    req(
        "position",
        T::Text,
        "должность и организация, как их печатать",
    ),
    opt(
        "roles",
        T::TextList,
        "роли: coordinator (муниципальный координатор), curator (куратор), working-group (член рабочей группы), tutor (тьютор), mentor (наставник), methodist (методист); можно по-русски",
    ),
    opt(
        "schools",
        T::RefList(Section::Schools),
        "школы, которые человек курирует или сопровождает (идентификаторы школ)",
    ),
    opt("email", T::Text, "служебная электронная почта"),
    opt("phone", T::Text, "служебный телефон"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

impl KindSpec for Person {
    const META: Meta = Meta {
        dir: "people",
        name: "person",
        title_ru: "Кто отвечает",
        nav_ru: "Кто отвечает",
        nav_order: 7,
        record_ru: "ответственное лицо",
        fields: FIELDS,
        aliases: &["человек", "куратор", "координатор", "сотрудник"],
        new_ru: "ответственное лицо",
        new_extension: "yaml",
        new_options: &["school"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Person {
            name: r.text("name"),
            position: r.text("position"),
            roles: values::terms(r, "roles", &PERSON_ROLES),
            schools: values::references(r, "schools"),
            email: r.text("email"),
            phone: r.text("phone"),
        }
    }

    /// `--school`: the school in `schools`.
    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        match &args.school {
            Some(s) => Ok(vec![(
                "schools",
                reference(&args.root, "school", s, Section::Schools)?,
            )]),
            None => Ok(Vec::new()),
        }
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        ctx.insert("groups", &team(input, ids));
    }
}

impl KindData for Person {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.schools.iter().map(|r| ("schools", r)).collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.schools.iter_mut().map(|r| ("schools", r)).collect()
    }

    fn own_title(&self) -> Option<&str> {
        self.name.as_deref()
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.position.clone());
        parts.extend(self.roles.iter().map(|id| role(id).label.to_string()));
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        let site = input.site;
        ctx.insert("position", &self.position);
        ctx.insert(
            "roles",
            &self
                .roles
                .iter()
                .map(|id| role(id).label)
                .collect::<Vec<_>>(),
        );
        ctx.insert("schools", &links(input, schools_of(site, idx)));
        ctx.insert("email", &self.email);
        ctx.insert("phone", &self.phone);
        ctx.insert("phone_link", &self.phone.as_deref().map(phone_link));
        let back = &site.backlinks[idx];
        let events: Vec<EventRow> = back
            .via(event::ORGANIZER)
            .map(|i| EventRow {
                link: link_idx(input, i),
                date: site.records[i]
                    .data::<event::Event>()
                    .and_then(|e| opt_short(e.date)),
            })
            .collect();
        ctx.insert("events", &events);
        ctx.insert("practices", &links(input, back.via(practice::AUTHORS)));
        ctx.insert("model_levels", &model_levels(input, idx));
    }
}

/// The levels of the model of support (a `system/` page's `model`) that name this
/// person among their executors, linked to that page.
fn model_levels(input: &RenderInput, idx: RecordIdx) -> Vec<Link> {
    let site = input.site;
    let id = &site.records[idx].id;
    site.backlinks[idx]
        .via(super::system::MODEL)
        .filter_map(|page| {
            let model = site.records[page]
                .data::<super::system::System>()?
                .model
                .as_ref()?;
            let url = link_idx(input, page).url;
            Some(
                model
                    .levels
                    .iter()
                    .filter(|l| l.executors.iter().any(|e| e.trim().trim_matches('/') == id))
                    .map(move |l| Link {
                        title: l.title.clone(),
                        url: url.clone(),
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect()
}

fn role(id: &str) -> &'static Term {
    PERSON_ROLES.by_id(id).expect("roles hold vocabulary ids")
}

/// The schools a person curates: their own `schools`, then the schools whose
/// `curator` names them, in id order without repeats.
pub fn schools_of(site: &Site, person: RecordIdx) -> Vec<RecordIdx> {
    let own = site.records[person]
        .data::<Person>()
        .map(|p| {
            p.schools
                .iter()
                .filter_map(|r| r.target)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let mut all: Vec<RecordIdx> = own
        .into_iter()
        .chain(site.backlinks[person].via(school::CURATOR))
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// `tel:` form of a phone as written: its digits and a leading plus, up to the
/// first letter («доб. 12» is an extension, not part of the number).
fn phone_link(phone: &str) -> String {
    let number = phone.split(char::is_alphabetic).next().unwrap_or("");
    let plus = if number.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

/// A person by link, or a value that is not one, as written.
#[derive(Serialize)]
pub struct MaybeLink {
    pub title: String,
    pub url: Option<String>,
}

/// A reference that may be text (`curator`, `organizer`, `authors`): the
/// record's link when it resolved, else the text.
pub fn written_or_link(input: &RenderInput, r: &Ref) -> MaybeLink {
    match r.target {
        Some(i) => {
            let l = link_idx(input, i);
            MaybeLink {
                title: l.title,
                url: Some(l.url),
            }
        }
        None => MaybeLink {
            title: r.written.clone(),
            url: None,
        },
    }
}

/// A school's curator as its page shows them: with position and official
/// contacts when they are a person of `people/`.
#[derive(Serialize)]
pub struct Curator {
    pub title: String,
    pub url: Option<String>,
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub phone_link: Option<String>,
}

/// The curators of a school: the school's `curator` (a person or text), then the
/// people who list the school in `schools`, without repeats.
pub fn curators(input: &RenderInput, school: RecordIdx) -> Vec<Curator> {
    let site = input.site;
    let written = site.records[school]
        .data::<school::School>()
        .and_then(|s| s.curator.as_ref());
    let mut people: Vec<RecordIdx> = Vec::new();
    let mut out = Vec::new();
    if let Some(c) = written {
        match c.target {
            Some(i) => people.push(i),
            None => out.push(Curator {
                title: c.written.clone(),
                url: None,
                position: None,
                email: None,
                phone: None,
                phone_link: None,
            }),
        }
    }
    for i in site.backlinks[school].via(SCHOOLS) {
        if !people.contains(&i) {
            people.push(i);
        }
    }
    out.extend(people.into_iter().filter_map(|i| {
        let p = site.records[i].data::<Person>()?;
        let l = link_idx(input, i);
        Some(Curator {
            title: l.title,
            url: Some(l.url),
            position: p.position.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            phone_link: p.phone.as_deref().map(phone_link),
        })
    }));
    out
}

/// Whether a school has a curator by any of the ways above (`curator-missing`).
pub fn has_curator(site: &Site, school: RecordIdx) -> bool {
    let written = site.records[school]
        .data::<school::School>()
        .and_then(|s| s.curator.as_ref())
        .is_some_and(|c| !c.written.trim().is_empty());
    written || site.backlinks[school].via(SCHOOLS).next().is_some()
}

#[derive(Serialize)]
struct EventRow {
    link: Link,
    date: Option<String>,
}

#[derive(Serialize)]
struct Member {
    link: Link,
    position: Option<String>,
    schools: Vec<Link>,
    email: Option<String>,
    phone: Option<String>,
    phone_link: Option<String>,
}

#[derive(Serialize)]
struct Group {
    id: &'static str,
    title: &'static str,
    people: Vec<Member>,
}

/// The team page: one group per role in the vocabulary's order (a person with two
/// roles is in both), then the people without a role.
fn team(input: &RenderInput, ids: &[RecordIdx]) -> Vec<Group> {
    let site = input.site;
    let member = |i: RecordIdx| {
        let p = site.records[i].data::<Person>().expect("person");
        Member {
            link: link(input, &site.records[i]),
            position: p.position.clone(),
            schools: links(input, schools_of(site, i)),
            email: p.email.clone(),
            phone: p.phone.clone(),
            phone_link: p.phone.as_deref().map(phone_link),
        }
    };
    let roles_of = |i: RecordIdx| {
        site.records[i]
            .data::<Person>()
            .map(|p| p.roles.clone())
            .unwrap_or_default()
    };
    let mut groups: Vec<Group> = PERSON_ROLES
        .terms
        .iter()
        .map(|t| Group {
            id: t.id,
            title: t.plural,
            people: ids
                .iter()
                .filter(|&&i| roles_of(i).contains(&t.id))
                .map(|&i| member(i))
                .collect(),
        })
        .filter(|g| !g.people.is_empty())
        .collect();
    let others: Vec<Member> = ids
        .iter()
        .filter(|&&i| roles_of(i).is_empty())
        .map(|&i| member(i))
        .collect();
    if !others.is_empty() {
        groups.push(Group {
            id: "others",
            title: "Другие ответственные",
            people: others,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::phone_link;

    #[test]
    fn phone_links_keep_digits_and_a_leading_plus() {
        assert_eq!(phone_link("+7 (86192) 5-12-34"), "+78619251234");
        assert_eq!(phone_link("8 (86192) 5-12-34, доб. 2"), "88619251234");
    }
}
