//! What the default theme writes besides pages, read back from a real build of
//! the example site: the search index, the Atom feed, the iCalendar file, page
//! metadata (title, description, Open Graph, canonical) and typography.

mod common;

use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use vitrina::build::{BuildOptions, build, open_site};
use vitrina::model::Site;
use vitrina::schema::Section;

const TODAY: &str = "2026-11-24";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("theme-output-example");
        let opts = BuildOptions {
            root: repo(),
            out: Some(out.clone()),
            base_url: None,
            drafts: false,
            today: TODAY.parse().unwrap(),
        };
        assert!(build(&opts).is_ok(), "the example site builds");
        out
    })
}

fn site() -> Site {
    open_site(&repo(), false, None).unwrap().0
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn search_index_maps_russian_stems_to_pages() {
    let index = common::search_index(out());
    let docs = index["docs"].as_array().unwrap();
    let site = site();
    assert_eq!(
        docs.len(),
        site.records.len(),
        "one entry per published record"
    );
    for d in docs {
        let url = d["url"].as_str().unwrap();
        assert!(
            out()
                .join(url.trim_start_matches('/'))
                .join("index.html")
                .is_file(),
            "{url} has no page"
        );
        assert!(!d["title"].as_str().unwrap().is_empty());
        assert!(!d["section"].as_str().unwrap().is_empty());
    }
    let stems = index["stems"].as_object().unwrap();
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian);
    let stem = |w: &str| vitrina::render::search::stem(&stemmer, w);
    // Word forms collapse to one key.
    assert_eq!(stem("наставников"), stem("наставник"));
    let key = stem("наставник");
    let postings = stems[&key].as_array().unwrap();
    let urls: BTreeSet<&str> = postings
        .iter()
        .map(|p| {
            docs[p[0].as_u64().unwrap() as usize]["url"]
                .as_str()
                .unwrap()
        })
        .collect();
    // Every record whose body says «наставников» is listed under the stem.
    let mut expected = 0;
    for r in &site.records {
        if r.body.to_lowercase().contains("наставников") {
            expected += 1;
            assert!(
                urls.contains(r.url.as_str()),
                "{} missing under {key}",
                r.url
            );
        }
    }
    assert!(expected > 0, "the example mentions «наставников»");
    // A title word weighs more than a body word: a roadmap is found first by «дорожная».
    let road = stems[&stem("дорожная")].as_array().unwrap();
    // (A report on a roadmap has the word in its title too: the best score is
    // shared.)
    let top = road.iter().map(|p| p[1].as_u64().unwrap()).max().unwrap();
    let best: Vec<&str> = road
        .iter()
        .filter(|p| p[1].as_u64().unwrap() == top)
        .map(|p| {
            docs[p[0].as_u64().unwrap() as usize]["url"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(best.iter().any(|u| u.starts_with("/roadmaps/")), "{best:?}");
    // Keys are lower case, with «ё» folded into «е» (the script folds queries alike).
    assert!(
        stems
            .keys()
            .all(|k| k.to_lowercase() == *k && !k.contains('ё'))
    );
}

#[test]
fn atom_feed_holds_announcements_and_reports() {
    let text = read("feed.atom");
    let doc = roxmltree::Document::parse(&text).expect("feed.atom is well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .unwrap_or_else(|| panic!("no <{name}>"))
    }
    for name in ["title", "id", "updated", "author"] {
        child(feed, name);
    }
    let rfc3339 = |s: &str| {
        s.len() == 20
            && s.as_bytes()[10] == b'T'
            && s.ends_with('Z')
            && s[..10].parse::<jiff::civil::Date>().is_ok()
    };
    assert!(rfc3339(child(feed, "updated").text().unwrap()));
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    let site = site();
    let events = site.in_section(Section::Events).count();
    let reports = site.in_section(Section::Reports).count();
    assert_eq!(entries.len(), (events + reports).min(50));
    let mut ids = BTreeSet::new();
    let mut previous: Option<String> = None;
    for e in &entries {
        let title = child(*e, "title").text().unwrap();
        assert!(
            title.starts_with("Анонс: ") || title.starts_with("Отчёт: "),
            "{title}"
        );
        let id = child(*e, "id").text().unwrap();
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let href = child(*e, "link").attribute("href").unwrap();
        assert_eq!(href, id);
        let path = href.strip_prefix(&site.config.absolute_base()).unwrap();
        assert!(
            out()
                .join(path.trim_start_matches('/'))
                .join("index.html")
                .is_file(),
            "{href}"
        );
        let updated = child(*e, "updated").text().unwrap().to_string();
        assert!(rfc3339(&updated), "{updated}");
        if let Some(p) = &previous {
            assert!(updated <= *p, "entries are newest first");
        }
        previous = Some(updated);
    }
    assert!(
        entries
            .iter()
            .any(|e| child(*e, "title").text().unwrap().starts_with("Отчёт"))
    );
}

/// Splits an iCalendar text into unfolded content lines, checking the line rules
/// of RFC 5545 on the way: CRLF only, at most 75 octets a physical line.
fn ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "a bare CR");
    let mut lines: Vec<String> = Vec::new();
    for physical in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(
            physical.len() <= 75,
            "{} octets: {physical}",
            physical.len()
        );
        if let Some(rest) = physical.strip_prefix(' ') {
            lines
                .last_mut()
                .expect("a continuation line first")
                .push_str(rest);
        } else {
            lines.push(physical.to_string());
        }
    }
    lines
}

fn ics_unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(o) => out.push(o),
                None => panic!("a trailing backslash in {v}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c} in a TEXT value: {v}");
            out.push(c);
        }
    }
    out
}

#[test]
fn calendar_is_valid_icalendar_of_upcoming_events() {
    let text = read("events/calendar.ics");
    let lines = ics_lines(&text);
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let mut events: Vec<Vec<(String, String)>> = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for l in &lines[1..lines.len() - 1] {
        let (name, value) = l.split_once(':').unwrap_or_else(|| panic!("no colon: {l}"));
        match (name, value) {
            ("BEGIN", "VEVENT") => {
                assert!(current.is_none(), "nested VEVENT");
                current = Some(Vec::new());
            }
            ("END", "VEVENT") => events.push(current.take().expect("END without BEGIN")),
            _ => {
                if let Some(c) = current.as_mut() {
                    c.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    assert!(current.is_none());
    let site = site();
    let today: jiff::civil::Date = TODAY.parse().unwrap();
    let upcoming: Vec<_> = site
        .in_section(Section::Events)
        .filter_map(|(_, r)| r.data::<vitrina::kinds::Event>().map(|e| (r, e)))
        .filter(|(_, e)| e.last_day().is_some_and(|d| d >= today))
        .collect();
    assert!(!upcoming.is_empty());
    assert_eq!(events.len(), upcoming.len());
    let mut uids = BTreeSet::new();
    for ev in &events {
        let get = |n: &str| {
            ev.iter()
                .find(|(k, _)| k == n || k.starts_with(&format!("{n};")))
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {n} in {ev:?}"))
        };
        assert!(uids.insert(get("UID")), "duplicate UID");
        assert!(get("UID").contains('@'));
        let stamp = get("DTSTAMP");
        assert_eq!(stamp, "20261124T000000Z");
        let start = get("DTSTART");
        let end = get("DTEND");
        assert_eq!(start.len(), 8);
        assert!(
            end > start,
            "DTEND after DTSTART (exclusive end): {start} {end}"
        );
        let summary = ics_unescape(&get("SUMMARY"));
        let (r, e) = upcoming
            .iter()
            .find(|(r, _)| get("URL").ends_with(&r.url))
            .expect("URL names an upcoming event");
        assert_eq!(summary, vitrina::typo::text(&r.display_title()));
        let d = e.date.unwrap();
        assert_eq!(
            start,
            format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
        );
        if let Some(place) = &e.place {
            assert_eq!(ics_unescape(&get("LOCATION")), vitrina::typo::text(place));
        }
    }
    // The events page links to both subscriptions.
    let page = Html::parse_document(&read("events/index.html"));
    let hrefs: Vec<&str> = page
        .select(&sel("main a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    // Relative to /events/ (the site works from disk and from any folder).
    assert!(hrefs.contains(&"calendar.ics"), "{hrefs:?}");
    assert!(hrefs.contains(&"../feed.atom"), "{hrefs:?}");
}

fn html_pages() -> Vec<PathBuf> {
    walkdir::WalkDir::new(out())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_page_has_title_description_canonical_and_open_graph() {
    let base = site().config.absolute_base();
    let mut titles = BTreeSet::new();
    let pages = html_pages();
    assert!(pages.len() > 100);
    for file in &pages {
        let doc = Html::parse_document(&std::fs::read_to_string(file).unwrap());
        let meta = |q: &str| {
            doc.select(&sel(q))
                .next()
                .and_then(|m| m.value().attr("content").or(m.value().attr("href")))
                .map(str::to_string)
                .unwrap_or_else(|| panic!("{}: no {q}", file.display()))
        };
        let title: String = doc.select(&sel("title")).next().unwrap().text().collect();
        assert!(title.contains("Система работы"), "{title}");
        titles.insert(title);
        assert!(meta("meta[name=description]").chars().count() >= 20);
        let canonical = meta("link[rel=canonical]");
        assert!(canonical.starts_with(&base), "{canonical}");
        assert_eq!(meta("meta[property='og:url']"), canonical);
        assert!(!meta("meta[property='og:title']").is_empty());
        assert!(!meta("meta[property='og:description']").is_empty());
        assert_eq!(meta("meta[property='og:locale']"), "ru_RU");
        let og_type = meta("meta[property='og:type']");
        assert!(og_type == "website" || og_type == "article");
        // Relative, but on the 404 page (shown at any address).
        let depth = file.strip_prefix(out()).unwrap().components().count() - 1;
        let feed = if file.ends_with("404.html") {
            "/feed.atom".to_string()
        } else {
            format!("{}feed.atom", "../".repeat(depth))
        };
        assert_eq!(
            meta("link[rel=alternate][type='application/atom+xml']"),
            feed
        );
    }
    assert!(
        titles.len() * 10 >= pages.len() * 9,
        "titles are mostly distinct"
    );
    // A record's description comes from its own text.
    let roadmap = Html::parse_document(&read("roadmaps/sosh-3-2026-2027/index.html"));
    let desc = roadmap
        .select(&sel("meta[name=description]"))
        .next()
        .unwrap()
        .value()
        .attr("content")
        .unwrap()
        .to_string();
    assert!(desc.starts_with("Дорожная карта"), "{desc}");
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("/search/</loc>"));
    assert!(sitemap.contains("<lastmod>"));
}

#[test]
fn page_text_follows_russian_typography() {
    let text_sel = sel("body");
    let mut numbers = 0;
    for file in html_pages() {
        let html = std::fs::read_to_string(&file).unwrap();
        // <noscript> is raw text to a parser with scripting on: drop it (its
        // markup is not text), then read the text nodes of <body>.
        let html = match (html.find("<noscript>"), html.find("</noscript>")) {
            (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
            _ => html,
        };
        let doc = Html::parse_document(&html);
        let text: String = doc.select(&text_sel).next().unwrap().text().collect();
        for (i, _) in text.match_indices('№') {
            let after = &text[i + '№'.len_utf8()..];
            if after.starts_with(|c: char| c.is_whitespace()) {
                assert!(
                    after.starts_with('\u{a0}'),
                    "{}: «№» then a breaking space",
                    file.display()
                );
                numbers += 1;
            }
        }
        for (i, _) in text.match_indices(" г.") {
            let before = text[..i].chars().last().unwrap();
            assert!(
                !before.is_ascii_digit(),
                "{}: a breaking space before «г.»",
                file.display()
            );
        }
        assert!(
            !text.contains('"'),
            "{}: straight quotes in text",
            file.display()
        );
        assert!(
            !text.contains('“'),
            "{}: English quotes in text",
            file.display()
        );
    }
    assert!(numbers > 100, "{numbers}");
    // Initials and surname stay together where the example names a person.
    let all: String = html_pages()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(all.contains("П.\u{a0}А."), "initials are joined");
}

#[test]
fn links_with_the_same_text_on_a_page_go_to_the_same_place() {
    // WCAG 2.4.4: a link's text (with its visually hidden part) tells where it
    // goes; two links that read the same must not lead to different pages.
    let a = sel("a[href]");
    let mut checked = 0;
    for file in html_pages() {
        let doc = Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        let mut seen: std::collections::BTreeMap<String, String> = Default::default();
        for link in doc.select(&a) {
            let text = link
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert!(!text.is_empty(), "{}: a link without text", file.display());
            let href = link.value().attr("href").unwrap();
            let target = href.split('#').next().unwrap().to_string();
            if let Some(other) = seen.insert(text.clone(), target.clone()) {
                assert_eq!(
                    other,
                    target,
                    "{}: «{text}» leads to two places",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// `sitemap.xml` lists exactly the HTML pages the build wrote, but 404.html:
/// risk factor pages, /progress/ and /opendata/ included.
#[test]
fn sitemap_lists_every_page_written() {
    let base = vitrina::config::SiteConfig::load(&repo())
        .unwrap()
        .absolute_base();
    let sitemap = read("sitemap.xml");
    let mut listed: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|rest| {
            let url = &rest[..rest.find("</loc>").unwrap()];
            url.strip_prefix(base.as_str())
                .unwrap_or_else(|| panic!("{url} is not under {base}"))
                .to_string()
        })
        .collect();
    listed.sort();
    let mut written: Vec<String> = walkdir::WalkDir::new(out())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e.path().parent().unwrap().strip_prefix(out()).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.is_empty() {
                "/".to_string()
            } else {
                format!("/{rel}/")
            }
        })
        .collect();
    written.sort();
    assert_eq!(listed, written);
    for page in ["/progress/", "/opendata/", "/risks/r3/"] {
        assert!(
            listed.iter().any(|l| l == page),
            "{page} not in the sitemap"
        );
    }
}
