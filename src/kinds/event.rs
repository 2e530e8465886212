//! Events (мероприятия): each record is the announcement; reports are of them.

use super::{KindData, KindSpec, Meta, report};
use crate::kinds::model::{RecordIdx, Site};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, date_range, link};
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
    pub organizer: Option<String>,
}

impl Event {
    /// The day the event is over: `end_date`, else `date`.
    pub fn last_day(&self) -> Option<Date> {
        self.end_date.or(self.date)
    }
}

/// Russian labels of event kinds.
pub fn kind_ru(kind: &str) -> &str {
    match kind {
        "seminar" => "Семинар",
        "webinar" => "Вебинар",
        "consultation" => "Консультация",
        "open-lessons" => "Открытые уроки",
        "conference" => "Конференция",
        "meeting" => "Совещание",
        "training" => "Обучение",
        "other" => "Мероприятие",
        other => other,
    }
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
        "вид: seminar, webinar, consultation, open-lessons, conference, meeting, training, other",
    ),
    opt("place", T::Text, "место проведения"),
    opt("audience", T::Text, "участники"),
    opt("organizer", T::Text, "организатор"),
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
        Event {
            date: r.date("date"),
            end_date: r.date("end_date"),
            kind: r.text("kind"),
            place: r.text("place"),
            audience: r.text("audience"),
            organizer: r.text("organizer"),
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
    fn own_date(&self, _site: &Site) -> Option<Date> {
        self.date
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.place.clone());
        parts.extend(self.audience.clone());
        parts.extend(self.organizer.clone());
        if let Some(k) = &self.kind {
            parts.push(kind_ru(k).to_string());
        }
    }

    fn record_view(&self, input: &RenderInput, _idx: RecordIdx, ctx: &mut Context) {
        ctx.insert("dates", &date_range(self.date, self.end_date, false));
        ctx.insert("kind_label", &self.kind.as_deref().map(kind_ru));
        ctx.insert("place", &self.place);
        ctx.insert("audience", &self.audience);
        ctx.insert("organizer", &self.organizer);
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
