//! Text that looks the same but is not: an NFD file name (macOS) gives the same id
//! and URL as its NFC twin, and the two collide; control characters in fields,
//! lone-CR line ends and UTF-32 files are named with their place; an event that
//! ends before it starts and a file name too long for a URL are errors at the
//! record, not a write failure. Fixture: tests/sites/bad-unicode (the NFD names are
//! made at run time: git and some file systems would normalise them).

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::fs;

fn check(root: &std::path::Path) -> String {
    let out = vitrina(root, &["check", "--today", "2026-10-16"]);
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn invisible_characters_and_odd_encodings_are_named_at_their_place() {
    let site = copy_fixture("bad-unicode");
    let out = check(site.path());
    for (at, text) in [
        ("content/events/utf32.md:1:1", "UTF-32"),
        ("content/events/mac-cr.md:1:4", "одним символом CR"),
        ("content/events/upravlyayushchij.md:3:11", "U+0007"),
    ] {
        assert_finding(&out, at, &["invalid-record", text]);
    }
}

#[test]
fn an_event_ending_before_it_starts_is_an_error_at_end_date() {
    let site = copy_fixture("bad-unicode");
    let out = check(site.path());
    assert_finding(
        &out,
        "content/events/naoborot.md:4:11",
        &["invalid-record", "раньше, чем начинается"],
    );
}

#[test]
fn a_slug_too_long_for_a_file_name_is_an_error_at_the_record() {
    let site = copy_fixture("bad-unicode");
    let long = format!("content/events/{}.md:2:1", "dlinnoe-".repeat(26));
    let out = check(site.path());
    assert_finding(&out, &long, &["invalid-record", "207 байт"]);
    // The build refuses at the record, with no write error.
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        !err.contains("write-error") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn an_nfd_file_name_gives_the_id_and_url_of_its_nfc_twin() {
    let site = copy_fixture("independent");
    let events = site.path().join("content/events");
    let nfc = "семинар-йога";
    let nfd = "семинар-йога".replace('й', "и\u{306}");
    assert_ne!(nfc, nfd);
    let event = "---\ntitle: Йога для учителей\ndate: 2026-10-15\n---\n";
    fs::write(events.join(format!("{nfd}.md")), event).unwrap();
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        site.path()
            .join("public/events/seminar-joga/index.html")
            .is_file(),
        "the NFD name is transliterated as its NFC twin"
    );
    fs::write(events.join(format!("{nfc}.md")), event).unwrap();
    let out = check(site.path());
    assert!(out.contains("[duplicate-id]"), "{out}");
    assert!(out.contains("events/семинар-йога"), "{out}");
}

/// A reference typed in NFD (macOS, or pasted from a PDF: «й» as «и» + U+0306)
/// finds the record its NFC twin names, like an NFD file name does.
#[test]
fn an_nfd_reference_finds_the_record_of_its_nfc_twin() {
    let site = copy_fixture("independent");
    let content = site.path().join("content");
    fs::rename(
        content.join("schools/школа-5.yaml"),
        content.join("schools/школа-йошкар.yaml"),
    )
    .unwrap();
    let nfd = "школа-йошкар".replace('й', "и\u{306}");
    for (file, value) in [
        ("roadmaps/2025-2026/shkola-5.md", "школа-йошкар".to_string()),
        ("roadmaps/2026-2027/shkola-5.yaml", nfd.clone()),
        ("roadmaps/2026-2027/sosh-3.yaml", format!("schools/{nfd}")),
    ] {
        let path = content.join(file);
        let text = fs::read_to_string(&path).unwrap();
        let school = text.lines().find(|l| l.starts_with("school:")).unwrap();
        fs::write(
            &path,
            text.replacen(school, &format!("school: \"{value}\""), 1),
        )
        .unwrap();
    }
    let out = check(site.path());
    assert!(!out.contains("broken-reference"), "{out}");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    for page in ["2026-2027/shkola-5", "2026-2027/sosh-3"] {
        let html = fs::read_to_string(
            site.path()
                .join(format!("public/roadmaps/{page}/index.html")),
        )
        .unwrap();
        assert!(html.contains("schools/shkola-joshkar/"), "{page}");
    }
    // A draft is named as one, whichever form the reference is typed in.
    let school = content.join("schools/школа-йошкар.yaml");
    let text = fs::read_to_string(&school).unwrap();
    fs::write(&school, format!("draft: true\n{text}")).unwrap();
    let out = check(site.path());
    assert_finding(
        &out,
        "content/roadmaps/2026-2027/shkola-5.yaml:2:9",
        &["broken-reference", "«schools/школа-йошкар» — черновик"],
    );
}
