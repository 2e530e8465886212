//! Russian typography on built pages comes from rendering, not from reading pages
//! again: a site's own template override is typeset without calling a filter,
//! values inserted into attributes and scripts are left as they are, a body's
//! quotes are told opening or closing across inline markup.

mod common;

use common::{TODAY, example_site, vitrina};
use scraper::{Html, Selector};

/// A site template for events: its own text with «№ 5» and straight quotes, the
/// place inserted as text, into an attribute and into a script.
const EVENT_TEMPLATE: &str = r#"{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
<p class="own">Приказ № 5 "О группе" от 1 сентября 2026 г.</p>
<p class="place" title="{{ place }}"><a href="/poisk/?q={{ place }}">{{ place }}</a></p>
<script>var place = "{{ place }}";</script>
{% include "record/_body.html" %}
{% endblock content %}
"#;

const EVENT: &str = r#"---
title: Семинар "Оценивание" № 3
date: 2026-12-10
kind: seminar
place: Школа № 5, зал "Актовый"
audience: педагоги
organizer: Управление образования
---

Курс \"**Оценивание**\" начат; код `"x" № 1` остаётся как есть.
"#;

fn built_page() -> Html {
    let (_tmp, root) = example_site();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("templates/record/event.html", EVENT_TEMPLATE);
    write("content/events/2026/seminar-ocenivanie.md", EVENT);
    let run = vitrina(&root, &["build", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page =
        std::fs::read_to_string(root.join("public/events/2026/seminar-ocenivanie/index.html"))
            .unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    Html::parse_document(&page)
}

fn one<'a>(page: &'a Html, css: &str) -> scraper::ElementRef<'a> {
    page.select(&Selector::parse(css).unwrap())
        .next()
        .unwrap_or_else(|| panic!("no {css}"))
}

fn text(page: &Html, css: &str) -> String {
    one(page, css).text().collect()
}

#[test]
fn a_site_template_override_is_typeset_without_calling_a_filter() {
    let page = built_page();
    assert_eq!(
        text(&page, "p.own"),
        "Приказ №\u{a0}5 «О группе» от 1 сентября 2026\u{a0}г."
    );
    assert_eq!(text(&page, "h1"), "Семинар «Оценивание» №\u{a0}3");
    assert_eq!(text(&page, "p.place a"), "Школа №\u{a0}5, зал «Актовый»");
}

#[test]
fn a_value_inserted_into_an_attribute_or_a_script_is_not_changed() {
    let page = built_page();
    let place = "Школа № 5, зал \"Актовый\"";
    assert_eq!(one(&page, "p.place").value().attr("title"), Some(place));
    let href = one(&page, "p.place a").value().attr("href").unwrap();
    assert_eq!(href, format!("/poisk/?q={place}"));
    let script: String = page
        .select(&Selector::parse("script:not([src])").unwrap())
        .flat_map(|s| s.text())
        .collect();
    assert!(
        script.contains("var place = \"Школа № 5, зал &quot;Актовый&quot;\";"),
        "{script}"
    );
}

#[test]
fn a_body_quote_across_bold_is_opened_and_closed_and_code_is_kept() {
    let page = built_page();
    let body = text(&page, ".prose");
    assert!(
        body.contains("Курс «Оценивание» начат; код \"x\" № 1 остаётся"),
        "{body}"
    );
    assert_eq!(text(&page, ".prose strong"), "Оценивание");
}

#[test]
fn an_undefined_value_in_an_attribute_is_reported_at_its_place_with_the_values_there_are() {
    let (_tmp, root) = example_site();
    let template = EVENT_TEMPLATE.replace(
        "<p class=\"place\" title=\"{{ place }}\">",
        "<p class=\"place\" title=\"{{ plase }}\">",
    );
    let path = root.join("templates/record/event.html");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, template).unwrap();
    let run = vitrina(&root, &["build", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Line 5, the column of `plase` in the file as written.
    assert!(
        run.stderr.contains("templates/record/event.html:5:28"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Variable `plase` is not defined. Available variables:"),
        "{}",
        run.stderr
    );
}
