//! `vitrina check` exit codes and options, through the real binary:
//! 0 no errors, 1 errors (or warnings with --strict), 2 the check could not run.

mod common;
use common::*;

#[test]
fn exit_0_on_a_clean_site_and_1_on_errors() {
    assert_eq!(
        vitrina(&site("check-base"), &["check", "--today", TODAY]).code,
        0
    );
    assert_eq!(
        vitrina(&site("check-edges"), &["check", "--today", TODAY]).code,
        1
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let s = Scratch::of("check-base");
    s.write(
        "content/schools/sosh-1.yaml",
        "name: Школа № 1\nadress: ул. Мира, 1\n",
    );
    let plain = vitrina(s.root(), &["check", "--today", TODAY]);
    assert_eq!(plain.code, 0, "{}", plain.stdout);
    assert!(plain.stdout.contains("предупреждение[unknown-field]"));
    let strict = vitrina(s.root(), &["check", "--today", TODAY, "--strict"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn exit_2_without_site_toml() {
    let dir = tempfile::tempdir().unwrap();
    let run = vitrina(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("не найден файл настроек site.toml"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn exit_2_on_a_broken_site_toml() {
    let s = Scratch::of("check-base");
    s.write(
        "site.toml",
        "title = \"t\"\n[check]\nreport_grace_dais = 5\n",
    );
    let run = vitrina(s.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("site.toml:3"), "{}", run.stderr);
}

#[test]
fn exit_2_on_a_bad_profile() {
    let s = Scratch::of("check-base");
    s.write(
        "site.toml",
        "title = \"t\"\nprofile = \"profiles/p.toml\"\n",
    );
    // Missing file.
    let run = vitrina(s.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("не удалось прочитать профиль требований"),
        "{}",
        run.stderr
    );
    // Broken TOML: an item without a section.
    s.write(
        "profiles/p.toml",
        "name = \"p\"\n[[item]]\nid = \"system\"\ntitle = \"Система\"\nbasis = \"Приказ\"\n",
    );
    let run = vitrina(s.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("ошибка в профиле требований"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("profiles/p.toml"), "{}", run.stderr);
    // Valid TOML, but a centre kind that does not exist.
    s.write(
        "profiles/p.toml",
        "name = \"p\"\n[[item]]\nid = \"plans\"\ntitle = \"Планы\"\nbasis = \"Приказ\"\nsection = \"plans\"\ncentre_kind = \"mnz\"\n",
    );
    let run = vitrina(s.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("centre_kind = \"mnz\""),
        "{}",
        run.stderr
    );
}

#[test]
fn exit_2_on_bad_arguments() {
    let root = site("check-base");
    for args in [
        &["check", "--format", "xml"][..],
        &["check", "--today", "24.11.2026"],
        &["check", "--today", "2026-02-30"],
        &["check", "--strikt"],
    ] {
        let run = vitrina(&root, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
    }
    let bad_date = vitrina(&root, &["check", "--today", "24.11.2026"]);
    assert!(
        bad_date.stderr.contains("ГГГГ-ММ-ДД"),
        "{}",
        bad_date.stderr
    );
}

#[test]
fn argument_errors_and_help_are_in_russian() {
    let root = site("check-base");
    let typo = vitrina(&root, &["chek"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("неизвестная команда «chek»"),
        "{}",
        typo.stderr
    );
    assert!(
        typo.stderr.contains("возможно, имелось в виду: check"),
        "{}",
        typo.stderr
    );
    let format = vitrina(&root, &["check", "--format", "xml"]);
    assert!(
        format
            .stderr
            .contains("допустимые: text, json, junit, sarif, github, html"),
        "{}",
        format.stderr
    );
    let missing = vitrina(&root, &["new", "school"]);
    assert!(
        missing.stderr.contains("<ИДЕНТИФИКАТОР>"),
        "{}",
        missing.stderr
    );
    for run in [typo, format, missing] {
        // Clap's English: "error:", "Usage:", "tip:", "For more information".
        for english in ["error", "Usage", "tip", "information"] {
            assert!(!run.stderr.contains(english), "{english}: {}", run.stderr);
        }
    }
    let help = vitrina(&root, &["check", "--help"]);
    assert_eq!(help.code, 0);
    for english in [
        "Usage",
        "Options",
        "Possible values",
        "default:",
        "Print help",
    ] {
        assert!(!help.stdout.contains(english), "{english}: {}", help.stdout);
    }
    assert!(
        help.stdout.contains("Использование: vitrina check"),
        "{}",
        help.stdout
    );
}

#[test]
fn help_exits_0() {
    let run = vitrina(&site("check-base"), &["check", "--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("--today"));
    assert!(run.stdout.contains("sarif"));
}

#[test]
fn today_defaults_to_the_system_date() {
    // Whatever today is, the JSON names it and its academic year.
    let run = vitrina(&site("check-base"), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let today: jiff::civil::Date = v["today"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        v["academic_year"],
        vitrina::dates::AcademicYear::containing(today).to_string()
    );
}

#[test]
fn a_site_profile_replaces_the_builtin_one() {
    let s = Scratch::of("check-base");
    let profile = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/example-other-region.toml"),
    )
    .unwrap();
    s.write("profiles/region.toml", &profile);
    s.write(
        "site.toml",
        "title = \"t\"\nprofile = \"profiles/region.toml\"\n",
    );
    let (code, v) = check_json(s.root(), TODAY);
    let ids: Vec<_> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "sistema",
            "dorozhnye-karty",
            "plany-mnc",
            "prikazy",
            "otchety"
        ]
    );
    // check-base reports on a plan and an event, not on a roadmap: that region
    // counts only reports on roadmaps.
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v:#}");
    assert_eq!(findings[0]["rule"], "section-empty");
    assert_eq!(findings[0]["item"], "otchety");
    assert_eq!(code, 1);
    s.write(
        "content/reports/dk.yaml",
        "of: roadmaps/школа-2-2026-2027\ndate: 2026-11-20\n",
    );
    let (code, v) = check_json(s.root(), TODAY);
    assert_eq!(v["findings"], serde_json::json!([]), "{v:#}");
    assert_eq!(code, 0);
}

#[test]
fn the_example_profile_of_another_region_loads() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = vitrina::profile::Profile::for_site(root, Some("profiles/example-other-region.toml"))
        .unwrap();
    vitrina::check::validate_profile(&p).unwrap();
    assert_eq!(p.items.len(), 5);
    assert_eq!(p.risks.len(), 11);
    assert!(p.items.iter().all(|i| !i.basis.is_empty()));
    assert_eq!(
        p.risk("sk1").map(|r| r.title.as_str()),
        Some("Удалённость школы и сезонная транспортная недоступность")
    );
}
