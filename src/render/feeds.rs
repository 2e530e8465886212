//! Subscriptions: an Atom feed of announcements and reports (`feed.atom`) and an
//! iCalendar file of upcoming events (`events/calendar.ics`, RFC 5545). Both are
//! linked from the events page and from every page's `<head>`.

use super::RenderInput;
use crate::escape::markup as xml_escape;
use crate::kinds::Event;
use crate::model::{Kind, Record};
use crate::schema::Section;
use crate::typo;
use jiff::civil::Date;

pub const ATOM_PATH: &str = "feed.atom";
pub const ICS_PATH: &str = "events/calendar.ics";
/// The feed holds the newest entries only; older ones stay on the site.
const ATOM_LIMIT: usize = 50;
const SUMMARY_CHARS: usize = 300;

fn rfc3339(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

fn summary(r: &Record) -> String {
    let text = crate::markdown::plain_text_prefix(&r.body, SUMMARY_CHARS + 1);
    let mut s = crate::shorten::prefix(&text, SUMMARY_CHARS).to_string();
    if s.len() < text.len() {
        s.push('…');
    }
    typo::text(&s)
}

/// The Atom feed: events (as announcements) and reports, newest first.
pub fn atom(input: &RenderInput) -> String {
    let site = input.site;
    let base = xml_escape(&site.config.absolute_base());
    let mut entries: Vec<(Date, &Record, &'static str)> = site
        .records
        .iter()
        .filter_map(|r| match &r.kind {
            Kind::Event(e) => e.date.map(|d| (r.updated.unwrap_or(d), r, "Анонс")),
            Kind::Report(rep) => rep.date.map(|d| (r.updated.unwrap_or(d), r, "Отчёт")),
            _ => None,
        })
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    entries.truncate(ATOM_LIMIT);
    let updated = entries.first().map(|e| e.0).unwrap_or(input.today);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n");
    out.push_str(&format!(
        "  <title>{}: мероприятия и отчёты</title>\n",
        xml_escape(&typo::text(&site.config.title))
    ));
    out.push_str(&format!(
        "  <subtitle>Анонсы мероприятий и отчёты о выполнении — {}</subtitle>\n",
        xml_escape(&typo::text(&site.config.authority))
    ));
    out.push_str(&format!("  <id>{base}/{ATOM_PATH}</id>\n"));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/{ATOM_PATH}\"/>\n"
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{base}/events/\"/>\n"
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&site.config.authority)
    ));
    for (date, r, what) in entries {
        let title = typo::text(&super::views::page_title(site, r));
        let url = format!("{base}{}", xml_escape(&r.url));
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>{}: {}</title>\n",
            what,
            xml_escape(&title)
        ));
        out.push_str(&format!("    <id>{url}</id>\n"));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"
        ));
        out.push_str(&format!("    <updated>{}</updated>\n", rfc3339(date)));
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            r.section.dir(),
            r.section.title_ru()
        ));
        let s = summary(r);
        if !s.is_empty() {
            out.push_str(&format!("    <summary>{}</summary>\n", xml_escape(&s)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// Escapes a TEXT value (RFC 5545, 3.3.11).
pub fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545, 3.1), never inside a UTF-8
/// character; every line ends with CRLF.
pub fn ics_fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The calendar of upcoming events (last day today or later).
pub fn ics(input: &RenderInput) -> String {
    let site = input.site;
    let base = site.config.absolute_base();
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(&base)
        .split('/')
        .next()
        .unwrap_or("vitrina")
        .to_string();
    let mut events: Vec<(Date, &Record, &Event)> = site
        .in_section(Section::Events)
        .filter_map(|(_, r)| r.data::<Event>().map(|e| (r, e)))
        .filter(|(_, e)| e.last_day().is_some_and(|d| d >= input.today))
        .filter_map(|(r, e)| e.date.map(|d| (d, r, e)))
        .collect();
    events.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//vitrina//Мероприятия//RU".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            ics_escape(&format!("Мероприятия — {}", site.config.title))
        ),
        "X-WR-TIMEZONE:Europe/Moscow".into(),
    ];
    let stamp = format!("{}T000000Z", ics_date(input.today));
    for (start, r, e) in events {
        let end = e.end_date.filter(|&d| d >= start).unwrap_or(start);
        // All-day events: DTEND is the day after the last day (exclusive).
        let end_excl = end.tomorrow().unwrap_or(end);
        let uid = format!("{}@{host}", r.id.replace('/', "-"));
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", ics_escape(&uid)));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", ics_date(start)));
        lines.push(format!("DTEND;VALUE=DATE:{}", ics_date(end_excl)));
        lines.push(format!(
            "SUMMARY:{}",
            ics_escape(&typo::text(&r.display_title()))
        ));
        if let Some(place) = &e.place {
            lines.push(format!("LOCATION:{}", ics_escape(&typo::text(place))));
        }
        let mut desc = Vec::new();
        if let Some(k) = &e.kind {
            desc.push(crate::kinds::event::kind_ru(k).to_string());
        }
        if let Some(a) = &e.audience {
            desc.push(format!("Участники: {a}"));
        }
        if let Some(o) = &e.organizer {
            let name = match input.site.target(&Some(o.clone())) {
                Some(person) => person.display_title(),
                None => o.written.clone(),
            };
            desc.push(format!("Организатор: {name}"));
        }
        let s = summary(r);
        if !s.is_empty() {
            desc.push(s);
        }
        if !desc.is_empty() {
            lines.push(format!(
                "DESCRIPTION:{}",
                ics_escape(&typo::text(&desc.join("\n")))
            ));
        }
        lines.push(format!("URL:{base}{}", crate::escape::url(&r.url)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| ics_fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let line = format!("SUMMARY:{}", "Семинар ".repeat(20));
        let folded = ics_fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(ics_escape("а; б, в\\г\nд"), "а\\; б\\, в\\\\г\\nд");
    }
}
