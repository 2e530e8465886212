//! Rules as data: the profile's `[rules]` (severity per rule, `off`), related
//! locations of a finding in every output format, and XML that stays XML when
//! an editor pastes a control character.

mod common;

use common::{Scratch, TODAY, vitrina};
use std::path::Path;

/// Builds the site at `root` into `root/public` with the real binary.
fn build(root: &Path) -> common::Run {
    vitrina(root, &["build", "--today", TODAY])
}

#[test]
fn feed_with_a_control_character_in_a_title_parses_as_xml() {
    let site = Scratch::of("check-base");
    site.write(
        "content/events/vebinar-oktyabr.yaml",
        "title: \"Вебинар\\u0001 для «500+» & <школ>\"\ndate: 2026-10-14\n",
    );
    let run = build(site.root());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = std::fs::read_to_string(site.root().join("public/feed.atom")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("feed.atom is well-formed XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.ends_with("Вебинар для «500+» & <школ>")),
        "{titles:?}"
    );
}
