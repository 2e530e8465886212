//! Nothing an editor wrote in a body vanishes silently: a raw `<script>`,
//! `<style>`, `<template>` or `<textarea>` left unclosed is shown as text and the
//! paragraphs after it stay; what the sanitiser does remove with its content (a
//! closed script, an iframe from a host not in `[security] iframe_hosts`) is a
//! `content-removed` warning with its line. Fixture: tests/sites/bad-swallowing-tags.

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::fs;

fn page_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let main = scraper::Selector::parse("main").unwrap();
    doc.select(&main).flat_map(|m| m.text()).collect::<String>()
}

#[test]
fn an_unclosed_raw_text_tag_does_not_swallow_the_rest_of_the_body() {
    let site = copy_fixture("bad-swallowing-tags");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    for tag in ["script", "style", "template", "textarea"] {
        let html = fs::read_to_string(
            site.path()
                .join(format!("public/events/teg-{tag}/index.html")),
        )
        .unwrap();
        let text = page_text(&html);
        assert!(
            text.contains(&format!("Пишем тег <{tag}> в тексте.")),
            "{tag}: {text}"
        );
        assert!(
            text.contains(&format!("Второй абзац про {tag}.")),
            "{tag}: {text}"
        );
        assert!(dangers(&html).is_empty(), "{tag}: {:?}", dangers(&html));
    }
    // A closed script is still removed, and the text around it stays.
    let html = fs::read_to_string(site.path().join("public/events/udalyonnoe/index.html")).unwrap();
    let text = page_text(&html);
    assert!(
        text.contains("Первый абзац.") && text.contains("Последний абзац."),
        "{text}"
    );
    assert!(!text.contains("alert"), "{text}");
    assert!(dangers(&html).is_empty(), "{:?}", dangers(&html));
}

#[test]
fn removed_scripts_and_foreign_frames_are_warnings_with_their_line() {
    let site = copy_fixture("bad-swallowing-tags");
    let out = vitrina(site.path(), &["check", "--today", "2026-10-17"]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_finding(
        &text,
        "content/events/udalyonnoe.md:7:1",
        &["предупреждение[content-removed]", "<script>"],
    );
    assert_finding(
        &text,
        "content/events/udalyonnoe.md:9:8",
        &["content-removed", "https://evil.example/v", "iframe_hosts"],
    );
    // The listed host's frame is kept and not reported; unclosed tags are shown,
    // not removed, so they are not reported either.
    assert_eq!(text.matches("[content-removed]").count(), 2, "{text}");
    // The build reports them too.
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_finding(
        &err,
        "content/events/udalyonnoe.md:7:1",
        &["content-removed"],
    );
}
