//! `vitrina new` and `vitrina init` through the real binary.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::example_site;

const BIN: &str = env!("CARGO_BIN_EXE_vitrina");
const TODAY: &str = "2026-11-24";

fn vitrina(root: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build(root: &Path, out: &Path) -> Output {
    vitrina(
        root,
        &["build", "--out", out.to_str().unwrap(), "--today", TODAY],
    )
}

#[test]
fn new_record_of_every_kind_builds() {
    let (tmp, root) = example_site();
    let cases: &[(&[&str], &str)] = &[
        (
            &["school", "sosh-99", "--school", "sosh-7"],
            "schools/sosh-99.yaml",
        ),
        (
            &["мткп", "mtkp-fizika", "--school", "sosh-7"],
            "centres/mtkp-fizika.yaml",
        ),
        (
            &["roadmap", "sosh-99-2026-2027", "--school", "sosh-10"],
            "roadmaps/sosh-99-2026-2027.md",
        ),
        (
            &[
                "plan",
                "mnc-1-2027-2028",
                "--centre",
                "mnc-1",
                "--year",
                "2027/2028",
            ],
            "plans/mnc-1-2027-2028.md",
        ),
        (
            &["program", "novaya-programma"],
            "programs/novaya-programma.md",
        ),
        (
            &["мероприятие", "2027/seminar-mart"],
            "events/2027/seminar-mart.md",
        ),
        (
            &[
                "report",
                "otchet-novyj",
                "--of",
                "roadmaps/sosh-10-2026-2027",
            ],
            "reports/otchet-novyj.md",
        ),
        (&["document", "prikaz-novyj"], "documents/prikaz-novyj.md"),
        (&["system", "novaya-stranica"], "system/novaya-stranica.md"),
    ];
    for (args, file) in cases {
        let mut full = vec!["new"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--today", TODAY]);
        let o = vitrina(&root, &full);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let text = std::fs::read_to_string(root.join("content").join(file)).unwrap();
        assert!(text.contains("— обязательное поле"), "{file}: {text}");
    }
    let roadmap =
        std::fs::read_to_string(root.join("content/roadmaps/sosh-99-2026-2027.md")).unwrap();
    assert!(roadmap.contains("school: \"sosh-10\""), "{roadmap}");
    assert!(
        roadmap.contains("academic_year: \"2026/2027\""),
        "{roadmap}"
    );
    assert!(
        roadmap.contains("# срок выполнения, ГГГГ-ММ-ДД"),
        "{roadmap}"
    );
    let centre = std::fs::read_to_string(root.join("content/centres/mtkp-fizika.yaml")).unwrap();
    assert!(centre.contains("kind: \"mtkp\""), "{centre}");
    assert!(centre.contains("base: \"sosh-7\""), "{centre}");
    let plan = std::fs::read_to_string(root.join("content/plans/mnc-1-2027-2028.md")).unwrap();
    assert!(plan.contains("academic_year: \"2027/2028\""), "{plan}");

    // New records are drafts: not published until filled in.
    let out = tmp.path().join("out");
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("roadmaps/sosh-99-2026-2027").exists());
    // Every new record parses: with drafts, the build refuses unreadable records.
    let o = vitrina(
        &root,
        &[
            "build",
            "--drafts",
            "--out",
            out.to_str().unwrap(),
            "--today",
            TODAY,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("roadmaps/sosh-99-2026-2027/index.html").is_file());
    assert!(out.join("events/2027/seminar-mart/index.html").is_file());

    // Once the placeholders are filled and the draft line is gone, the values
    // reach the page.
    let path = root.join("content/events/2027/seminar-mart.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\ndraft: true\n", "\n")
        .replace("\ntitle:\n", "\ntitle: Семинар для учителей физики\n")
        .replace("\ndate:\n", "\ndate: 2027-03-10\n");
    std::fs::write(&path, text).unwrap();
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("events/2027/seminar-mart/index.html")).unwrap();
    assert!(html.contains("Семинар для учителей физики"));
    assert!(html.contains("марта 2027"), "{html}");
}

#[test]
fn new_refuses_to_overwrite() {
    let (_tmp, root) = example_site();
    let before = std::fs::read(root.join("content/schools/sosh-10.yaml")).unwrap();
    let o = vitrina(&root, &["new", "school", "sosh-10"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("уже есть"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(root.join("content/schools/sosh-10.yaml")).unwrap(),
        before
    );
    // A name that gives the same address is refused too (Cyrillic, case).
    for id in ["СОШ-10", "Sosh-10"] {
        let o = vitrina(&root, &["new", "school", id]);
        assert_eq!(o.status.code(), Some(1), "{id}: {}", stderr(&o));
        assert!(stderr(&o).contains("тот же адрес"), "{}", stderr(&o));
    }
    // Another extension of the same id is the same record.
    let o = vitrina(&root, &["new", "document", "prikaz-2026-285"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn new_refuses_references_to_missing_records() {
    let (_tmp, root) = example_site();
    let o = vitrina(
        &root,
        &["new", "roadmap", "x-2026-2027", "--school", "sosh-404"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("записи schools/sosh-404 нет"),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("content/roadmaps/x-2026-2027.md").exists());

    let o = vitrina(&root, &["new", "report", "r", "--of", "events/net-takogo"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = vitrina(&root, &["new", "report", "r", "--of", "schools/sosh-10"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn new_rejects_bad_arguments() {
    let (_tmp, root) = example_site();
    for args in [
        &["new", "рецепт", "x"][..],
        &["new", "roadmap", "x"],
        &["new", "event", "../../etc/x"],
        &["new", "event", "x", "--centre", "mnc-1"],
        &["new", "plan", "x", "--centre", "mnc-1", "--year", "2026"],
    ] {
        let o = vitrina(&root, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("ошибка: "),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert!(!root.join("etc").exists());
    let tmp = tempfile::tempdir().unwrap();
    let o = vitrina(tmp.path(), &["new", "event", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("site.toml"));
}

#[test]
fn init_creates_a_site_that_builds_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("novyj-sajt");
    let o = Command::new(BIN)
        .args(["init", site.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));

    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "public/"));
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    for setting in [
        "title",
        "authority",
        "description",
        "base_url",
        "theme",
        "profile",
        "report_grace_days",
    ] {
        assert!(
            toml.contains(&format!("{setting} =")),
            "site.toml lacks {setting}"
        );
    }
    let github = std::fs::read_to_string(site.join(".github/workflows/vitrina.yml")).unwrap();
    let gitlab = std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    assert!(github.contains("vitrina check --format github"));
    assert!(github.contains("actions/deploy-pages"));
    assert!(gitlab.contains("vitrina check --format junit"));
    assert!(gitlab.contains("\npages:\n"));
    for text in [&github, &gitlab] {
        let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(text);
        assert!(parsed.is_ok(), "CI file is not YAML: {parsed:?}");
    }
    // One record of each section, the roadmap and plans for the current year.
    for (section, file) in [
        ("system", "index.md"),
        ("schools", "sosh-2.yaml"),
        ("centres", "mnc-1.yaml"),
        ("centres", "mtkp-matematika.yaml"),
        ("roadmaps", "sosh-2-2026-2027.md"),
        ("plans", "mnc-1-2026-2027.md"),
        ("plans", "mtkp-matematika-2026-2027.md"),
        ("programs", "kpk-funkcionalnaya-gramotnost.md"),
        ("events", "seminar-nastavnikov.md"),
        ("reports", "sosh-2-2026-2027-start.md"),
        ("documents", "prikaz-1-od.md"),
        ("people", "ivanova.yaml"),
        ("practices", "nastavnicheskie-pary.md"),
    ] {
        assert!(
            site.join("content").join(section).join(file).is_file(),
            "{section}/{file}"
        );
    }
    let event =
        std::fs::read_to_string(site.join("content/events/seminar-nastavnikov.md")).unwrap();
    assert!(
        event.contains("date: 2026-12-24"),
        "the event is not in the future: {event}"
    );

    // It builds, with no finding at all (no broken reference, no missing file).
    let out = tmp.path().join("public");
    let o = build(&site, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("Найдено проблем"), "{}", stderr(&o));
    let school = std::fs::read_to_string(out.join("schools/sosh-2/index.html")).unwrap();
    assert!(school.contains("МБОУ СОШ №\u{a0}1"), "mentor not linked");
    assert!(school.contains("2026/2027"), "roadmap not linked");
    // The curator is a person («500+»): the school links the person's page.
    assert!(
        school.contains("href=\"../../people/ivanova/\""),
        "curator not linked"
    );
    assert!(
        out.join("practices/nastavnicheskie-pary/index.html")
            .is_file()
    );

    // And `vitrina check` finds it complete: not a single finding.
    let o = vitrina(&site, &["check", "--today", TODAY, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("check prints JSON");
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert!(o.status.success());

    // `new` works in the new site.
    let o = vitrina(
        &site,
        &[
            "new",
            "roadmap",
            "sosh-2-2027-2028",
            "--school",
            "sosh-2",
            "--year",
            "2027/2028",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // A non-empty folder is refused and left alone.
    let o = Command::new(BIN)
        .args(["init", site.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("не пуста"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(site.join("site.toml")).unwrap(),
        toml
    );
}

#[test]
fn new_help_names_every_kind() {
    let out = Command::new(BIN).args(["new", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for section in vitrina::schema::Section::ALL {
        let name = section.meta().name;
        assert!(
            help.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .any(|w| w == name),
            "vitrina new --help does not name «{name}»:\n{help}"
        );
    }
}
