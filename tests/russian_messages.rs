//! No English reaches the user: operating-system errors (a file name too long, no
//! permission), libyaml and toml messages and clap's range errors are given in
//! Russian, with the file they concern.

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::fs;

/// English fragments of std, libyaml, toml and clap messages.
const ENGLISH: [&str; 10] = [
    "os error",
    "Permission denied",
    "File name too long",
    "No space left",
    "expected",
    "found",
    "while parsing",
    "is not in",
    "invalid type",
    "invalid basic",
];

fn assert_russian(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "«{word}» in:\n{text}");
    }
}

#[test]
fn a_file_name_too_long_is_reported_in_russian_with_the_folder() {
    let site = copy_fixture("independent");
    let out = site.path().join("x".repeat(250));
    let (code, err) = build(site.path(), &["--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("слишком длинное имя"), "{err}");
    assert!(err.contains(&"x".repeat(250)), "{err}");
    assert_russian(&err);
}

#[test]
fn an_unreadable_folder_of_records_is_reported_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let site = copy_fixture("independent");
    let events = site.path().join("content/events");
    fs::set_permissions(&events, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read_dir(&events).is_ok();
    let run = vitrina(site.path(), &["check", "--today", "2026-11-24"]);
    fs::set_permissions(&events, fs::Permissions::from_mode(0o755)).unwrap();
    if readable {
        eprintln!("running as root: permissions are not enforced, nothing to check");
        return;
    }
    let err =
        String::from_utf8_lossy(&run.stderr).into_owned() + &String::from_utf8_lossy(&run.stdout);
    assert!(
        err.contains("content/events") && err.contains("нет прав доступа"),
        "{err}"
    );
    assert_russian(&err);
}

#[test]
fn yaml_and_toml_syntax_errors_are_russian() {
    let site = copy_fixture("independent");
    fs::write(
        site.path().join("content/events/oshibka.md"),
        "---\ntitle: [a, b\ndate: 2026-10-15\n---\n",
    )
    .unwrap();
    let run = vitrina(site.path(), &["check", "--today", "2026-11-24"]);
    let out =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    let block = finding_at(&out, "content/events/oshibka.md:3:5");
    assert!(block.contains("ошибка синтаксиса YAML"), "{block}");
    assert_russian(block);
    for toml in [
        "title = \"x\"\nadress = \"y\"\n",
        "title = \"x\"\ntheme = 5\n",
        "title = \"x\n",
    ] {
        fs::write(site.path().join("site.toml"), toml).unwrap();
        let (code, err) = build(site.path(), &[]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("site.toml:"), "{err}");
        assert_russian(&err);
    }
}

#[test]
fn a_port_out_of_range_is_explained_in_russian() {
    let site = copy_fixture("independent");
    let run = vitrina(site.path(), &["serve", "--port", "99999"]);
    let err = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.contains("от 0 до 65535") && err.contains("99999"),
        "{err}"
    );
    assert_russian(&err);
}
