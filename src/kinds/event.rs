//! Events (мероприятия): each record is the announcement; reports are of them.

use super::person::written_or_link;
use super::{KindData, KindSpec, Meta, report, values};
use crate::kinds::model::{RecordIdx, Ref, RefField, Site};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, date_range, link};
use crate::vocab::EVENT_KINDS;
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: Option<Date>,
    pub end_date: Option<Date>,
    pub kind: Option<String>,
    pub place: Option<String>,
    pub audience: Option<String>,
    /// A person's id (then `target` is set) or text («Управление образования»).
    pub organizer: Option<Ref>,
}

/// The events a person organises point at them through `organizer`.
pub const ORGANIZER: RefField = RefField {
    from: Section::Events,
    field: "organizer",
};

/// Reviews of progress (рассмотрение хода реализации): `kind: review`.
pub const REVIEW: &str = "review";

/// Whether an event's `kind` names a review, in any form editors write it
/// (`review`, «Рассмотрение хода реализации» …).
pub fn is_review(kind: Option<&str>) -> bool {
    kind.and_then(|k| EVENT_KINDS.find(k))
        .is_some_and(|t| t.id == REVIEW)
}

impl Event {
    /// The day the event is over: `end_date`, else `date`.
    pub fn last_day(&self) -> Option<Date> {
        self.end_date.or(self.date)
    }
}

/// The Russian label of an event kind (`seminar` → «Семинар»); a value of no kind
/// is shown as written.
pub fn kind_ru(kind: &str) -> &str {
    EVENT_KINDS.label(kind)
}

const FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "название мероприятия"),
    req("date", T::Date, "дата проведения, ГГГГ-ММ-ДД"),
    opt(
        "end_date",
        T::Date,
        "дата окончания, если мероприятие длится несколько дней",
    ),
    opt(
        "kind",
        T::Text,
        "вид мероприятия, одно из: семинар — seminar, вебинар — webinar, консультация — consultation, открытые уроки — open-lessons, конференция — conference, совещание — meeting, обучение — training, рассмотрение хода реализации — review, другое — other; можно по-русски или латиницей",
    ),
    opt("place", T::Text, "место проведения"),
    opt("audience", T::Text, "участники"),
    opt(
        "organizer",
        T::RefOrText(Section::People),
        "организатор: идентификатор из people/ (petrova) или название, ФИО",
    ),
    UPDATED,
    DRAFT,
    WEIGHT,
];

impl KindSpec for Event {
    const META: Meta = Meta {
        dir: "events",
        name: "event",
        title_ru: "Мероприятия",
        nav_ru: "Мероприятия",
        nav_order: 4,
        record_ru: "мероприятие",
        fields: FIELDS,
        aliases: &["мероприятие", "анонс"],
        new_ru: "мероприятие",
        new_extension: "md",
        new_options: &[],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        let (date, end_date) = (r.date("date"), r.date("end_date"));
        if let (Some(start), Some(end)) = (date, end_date)
            && end < start
            && let Some((_, pos)) = r.get("end_date")
        {
            r.wrong(
                "end_date",
                pos,
                format!("мероприятие заканчивается ({end}) раньше, чем начинается ({start})"),
                "проверьте даты: end_date — последний день мероприятия, не раньше date",
            );
        }
        Event {
            date,
            end_date,
            kind: values::open_term(r, "kind", &EVENT_KINDS),
            place: r.text("place"),
            audience: r.text("audience"),
            organizer: r.reference("organizer"),
        }
    }

    /// Upcoming events soonest first, past ones latest first.
    fn section_view(input: &RenderInput, _ids: &[RecordIdx], ctx: &mut Context) {
        let events = sorted(input.site);
        let upcoming: Vec<Row> = events
            .iter()
            .filter(|(_, e)| e.last_day().is_some_and(|d| d >= input.today))
            .map(|(i, _)| row(input, *i))
            .collect();
        let past: Vec<Row> = events
            .iter()
            .rev()
            .filter(|(_, e)| e.last_day().is_none_or(|d| d < input.today))
            .map(|(i, _)| row(input, *i))
            .collect();
        ctx.insert("upcoming", &upcoming);
        ctx.insert("past", &past);
    }
}

impl KindData for Event {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.organizer.iter().map(|r| ("organizer", r)).collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.organizer
            .iter_mut()
            .map(|r| ("organizer", r))
            .collect()
    }

    fn own_date(&self, _site: &Site) -> Option<Date> {
        self.date
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.place.clone());
        parts.extend(self.audience.clone());
        parts.extend(self.organizer.as_ref().map(|o| o.written.clone()));
        if let Some(k) = &self.kind {
            parts.push(kind_ru(k).to_string());
        }
    }

    fn record_view(&self, input: &RenderInput, _idx: RecordIdx, ctx: &mut Context) {
        ctx.insert("dates", &date_range(self.date, self.end_date, false));
        ctx.insert("kind_label", &self.kind.as_deref().map(kind_ru));
        ctx.insert("place", &self.place);
        ctx.insert("audience", &self.audience);
        ctx.insert(
            "organizer",
            &self.organizer.as_ref().map(|o| written_or_link(input, o)),
        );
        ctx.insert(
            "upcoming",
            &self.last_day().is_some_and(|d| d >= input.today),
        );
    }
}

/// Every event by date (then by id).
pub fn sorted(site: &Site) -> Vec<(RecordIdx, &Event)> {
    let mut v: Vec<(RecordIdx, &Event)> = site
        .in_section(Section::Events)
        .filter_map(|(i, r)| r.data::<Event>().map(|e| (i, e)))
        .collect();
    v.sort_by_key(|(i, e)| (e.date, *i));
    v
}

/// An event in a list (the section page, the home page's upcoming events).
#[derive(Serialize)]
pub struct Row {
    link: Link,
    dates: String,
    dates_short: String,
    kind: Option<String>,
    place: Option<String>,
    report: Option<Link>,
}

pub fn row(input: &RenderInput, idx: RecordIdx) -> Row {
    let r = &input.site.records[idx];
    let e = r.data::<Event>().expect("event");
    Row {
        link: link(input, r),
        dates: date_range(e.date, e.end_date, false),
        dates_short: date_range(e.date, e.end_date, true),
        kind: e.kind.as_deref().map(|k| kind_ru(k).to_string()),
        place: e.place.clone(),
        report: input.site.backlinks[idx]
            .via(report::OF)
            .next_back()
            .map(|i| report::dated_link(input, i)),
    }
}
