//! Nothing published replaces something else published: an attachment never takes
//! a generated page's or file's path, two attachment files never share one path,
//! a record never needs a folder where a generated file is, and attachments of
//! active types (pages, scripts, SVG, server scripts, hidden files) are not
//! published at all. Fixture: tests/sites/bad-collisions.

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::fs;

fn check(root: &std::path::Path) -> String {
    let out = vitrina(root, &["check", "--today", "2026-11-24"]);
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn attachments_at_generated_paths_are_duplicate_id_errors() {
    let site = copy_fixture("bad-collisions");
    let out = check(site.path());
    for (at, texts) in [
        (
            "content/documents/kalendar.yaml:5:7",
            &[
                "duplicate-id",
                "/events/calendar.ics",
                "календарь мероприятий",
            ][..],
        ),
        (
            "content/documents/robots.yaml:5:7",
            &["duplicate-id", "/robots.txt"],
        ),
        (
            "content/documents/stil.yaml:5:7",
            &["duplicate-id", "/static/style.css", "static/"],
        ),
    ] {
        assert_finding(&out, at, texts);
    }
}

#[test]
fn active_attachment_types_are_refused_with_their_line() {
    let site = copy_fixture("bad-collisions");
    let out = check(site.path());
    for (at, ext) in [
        ("content/documents/glavnaya.yaml:5:7", ".html"),
        ("content/documents/razdel.yaml:5:7", ".html"),
        ("content/documents/skript.yaml:5:7", ".js"),
        ("content/documents/php.yaml:5:7", ".php"),
        ("content/documents/htaccess.yaml:5:7", "скрытый"),
    ] {
        assert_finding(&out, at, &["attachment-missing", ext, "не публикуются"]);
    }
}

#[test]
fn attachment_names_that_publish_as_one_path_are_duplicate_id_errors() {
    let site = copy_fixture("bad-collisions");
    let out = check(site.path());
    for at in [
        "content/documents/prikaz-999-2.yaml:5:7",
        "content/documents/prikaz-999-3.yaml:5:7",
    ] {
        assert_finding(
            &out,
            at,
            &[
                "duplicate-id",
                "/documents/files/prikaz-999.pdf",
                "«files/Приказ 999.pdf» записи «documents/prikaz-999-1» (content/documents/prikaz-999-1.yaml:5)",
            ],
        );
    }
    // One file attached by two records is one published file, not a collision.
    assert!(!out.contains("prikaz-1000-kopiya.yaml:5"), "{out}");
}

#[test]
fn a_record_at_a_generated_files_path_is_a_duplicate_id_error() {
    let site = copy_fixture("bad-collisions");
    let out = check(site.path());
    assert_finding(
        &out,
        "content/events/calendar.ics.md:2:1",
        &[
            "duplicate-id",
            "/events/calendar.ics/",
            "календарь мероприятий",
        ],
    );
    // And the build refuses: nothing is published.
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "content/events/calendar.ics.md:2:1",
        &["duplicate-id"],
    );
    assert_finding(
        &err,
        "content/documents/prikaz-999-3.yaml:5:7",
        &["duplicate-id"],
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn refused_attachments_are_not_copied_and_generated_files_stay_vitrinas() {
    let site = copy_fixture("bad-collisions");
    let docs = site.path().join("content/documents");
    for colliding in [
        "kalendar.yaml",
        "robots.yaml",
        "stil.yaml",
        "prikaz-999-2.yaml",
        "prikaz-999-3.yaml",
    ] {
        fs::remove_file(docs.join(colliding)).unwrap();
    }
    fs::remove_file(site.path().join("content/events/calendar.ics.md")).unwrap();
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let public = site.path().join("public");
    let home = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(!home.contains("чужая страница"));
    let section = fs::read_to_string(public.join("events/index.html")).unwrap();
    assert!(!section.contains("перенесённая страница"));
    let script = fs::read_to_string(public.join("static/search.js")).unwrap();
    assert!(!script.contains("alert(1)"));
    assert!(!public.join("documents/files/.htaccess").exists());
    assert!(!public.join("documents/files/prikaz.php.pdf").exists());
    assert!(public.join("documents/files/prikaz-1000.pdf").is_file());
    assert!(public.join("documents/files/prikaz-999.pdf").is_file());
}
