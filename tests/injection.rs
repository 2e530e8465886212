//! Nothing injected: every attack planted in a record (Markdown body and YAML field
//! values) is absent from the built pages, checked on the parsed HTML, not on text.

#[path = "support/mod.rs"]
mod common;

use common::*;
use scraper::{Html, Selector};

use std::fs;
use std::path::{Path, PathBuf};

fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(pages(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
    out
}

#[test]
fn planted_attacks_do_not_reach_the_pages() {
    let site = copy_fixture("attack");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let public = site.path().join("public");
    let all = pages(&public);
    assert!(all.len() > 5, "{all:?}");
    for page in &all {
        let html = fs::read_to_string(page).unwrap();
        let found = dangers(&html);
        assert!(found.is_empty(), "{}: {found:#?}", page.display());
    }

    let event = fs::read_to_string(public.join("events/ataka/index.html")).unwrap();
    let doc = Html::parse_document(&event);
    // The attacks in fields are shown as the text the editor typed, escaped.
    let h1: String = doc
        .select(&Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(h1, "<script>alert('title')</script> Семинар");
    let text: String = doc.root_element().text().collect();
    assert!(
        text.contains("<img src=x onerror=alert('place')>"),
        "{event}"
    );
    // The harmless content around the attacks survives.
    assert!(text.contains("Обычный текст анонса"), "{event}");
    let links: Vec<&str> = doc
        .select(&Selector::parse("a[href]").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&"https://obr.example.ru/"), "{links:?}");
    assert!(
        doc.select(&Selector::parse("table").unwrap())
            .next()
            .is_some()
    );
    // The one iframe from the listed host stays, sandboxed, without its handler.
    let frames: Vec<_> = doc.select(&Selector::parse("iframe").unwrap()).collect();
    assert_eq!(frames.len(), 1, "{event}");
    assert_eq!(
        frames[0].value().attr("src"),
        Some("https://rutube.ru/play/embed/ok")
    );
    let school = fs::read_to_string(public.join("schools/sosh-1/index.html")).unwrap();
    assert!(
        school.contains("href=\"https://sosh1.example.ru\""),
        "a bare domain becomes an https link"
    );
}

#[test]
fn without_iframe_hosts_no_iframe_survives() {
    let site = copy_fixture("attack");
    fs::write(site.path().join("site.toml"), "title = \"Без iframe\"\n").unwrap();
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let event = fs::read_to_string(site.path().join("public/events/ataka/index.html")).unwrap();
    let doc = Html::parse_document(&event);
    assert_eq!(doc.select(&Selector::parse("iframe").unwrap()).count(), 0);
    assert!(dangers(&event).is_empty());
}

#[test]
fn a_script_link_in_a_field_is_refused() {
    let site = copy_fixture("attack");
    fs::write(
        site.path().join("content/schools/sosh-1.yaml"),
        "name: СОШ № 1\nwebsite: \"javascript:alert(1)\"\n",
    )
    .unwrap();
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "content/schools/sosh-1.yaml:2:10",
        &["должен быть адрес сайта", "javascript:alert(1)", "https://"],
    );
}
