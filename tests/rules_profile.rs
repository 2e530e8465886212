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

/// A support-group school with neither mentor nor curator nor roadmap.
const BARE_SCHOOL: &str = "name: МБОУ СОШ № 5\nshort_name: СОШ № 5\ncategories: [shnor]\n";

/// Points the site at a profile: the built-in one plus `extra` (a `[rules]` table).
fn with_profile(site: &Scratch, extra: &str) {
    let profile = format!("{}\n{extra}", vitrina::profile::DEFAULT_PROFILE);
    site.write("profiles/district.toml", &profile);
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("profile = \"profiles/district.toml\"\n{config}"),
    );
}

/// The text of every HTML page of a built site, by path.
fn html_texts(public: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.path().display().to_string(), text)
        })
        .collect()
}

fn school_list_headers(public: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(public.join("schools/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let table = scraper::Selector::parse("table").unwrap();
    let th = scraper::Selector::parse("thead th").unwrap();
    // The first table: the support group.
    let support = doc.select(&table).next().unwrap();
    support
        .select(&th)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn mentor_missing_off_gives_no_finding_and_no_unassigned_mark_anywhere_in_the_site() {
    let site = Scratch::of("check-base");
    site.write("content/schools/sosh-5.yaml", BARE_SCHOOL);
    // As shipped, the rule fires and the school list marks the gap.
    assert_eq!(
        common::fired(&site.check(TODAY), "mentor-missing"),
        ["schools/sosh-5"]
    );
    assert_eq!(build(site.root()).code, 0);
    let marked = html_texts(&site.root().join("public"));
    assert!(marked.iter().any(|(_, t)| t.contains("не назначена")));

    with_profile(&site, "[rules]\nmentor-missing = \"off\"\n");
    let (_, json) = common::check_json(site.root(), TODAY);
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"mentor-missing"), "{rules:?}");
    assert!(
        rules.contains(&"curator-missing"),
        "other rules still run: {rules:?}"
    );
    let run = build(site.root());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = html_texts(&site.root().join("public"));
    assert!(pages.len() > 10);
    for (path, text) in &pages {
        assert!(!text.contains("не назначена"), "{path}");
    }
    // Школа № 2 has a mentor: the column stays, its empty cells say nothing.
    assert!(school_list_headers(&site.root().join("public")).contains(&"Школа-наставник".into()));
}

#[test]
fn school_list_has_no_mentor_column_when_the_rule_is_off_and_no_school_has_one() {
    let site = Scratch::of("check-base");
    site.write("content/schools/sosh-5.yaml", BARE_SCHOOL);
    let school2 = site.root().join("content/schools/школа-2.yaml");
    let text = std::fs::read_to_string(&school2).unwrap();
    std::fs::write(&school2, text.replace("mentor: sosh-1\n", "")).unwrap();
    with_profile(
        &site,
        "[rules]\nmentor-missing = \"off\"\ncurator-missing = \"off\"\n",
    );
    assert_eq!(build(site.root()).code, 0);
    let public = site.root().join("public");
    let headers = school_list_headers(&public);
    assert_eq!(
        headers,
        ["Школа", "Категория", "Куратор", "Дорожная карта"],
        "Школа № 2 has a curator; nobody has a mentor"
    );
    for (path, text) in html_texts(&public) {
        assert!(!text.contains("не назначен"), "{path}");
    }
}

#[test]
fn roadmap_missing_as_warning_passes_without_strict() {
    let site = Scratch::of("check-base");
    site.write(
        "content/schools/sosh-5.yaml",
        &format!("{BARE_SCHOOL}mentor: sosh-1\ncurator: Петрова А. И.\n"),
    );
    let run = vitrina(site.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 1, "roadmap-missing is an error as shipped");
    with_profile(&site, "[rules]\nroadmap-missing = \"warning\"\n");
    let (code, json) = common::check_json(site.root(), TODAY);
    assert_eq!(code, 0, "{json:#}");
    let f = &json["findings"][0];
    assert_eq!(
        (f["rule"].as_str(), f["severity"].as_str()),
        (Some("roadmap-missing"), Some("warning"))
    );
    assert_eq!(json["summary"]["warnings"], 1);
    let strict = vitrina(site.root(), &["check", "--today", TODAY, "--strict"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn unknown_rule_in_profile_exits_2_naming_the_line_and_the_closest_rule() {
    let site = Scratch::of("check-base");
    with_profile(&site, "[rules]\nmentor-mising = \"off\"\n");
    let lines = vitrina::profile::DEFAULT_PROFILE.lines().count() + 3;
    for args in [
        &["check", "--today", TODAY][..],
        &["build", "--today", TODAY],
    ] {
        let run = vitrina(site.root(), args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr
                .contains(&format!("profiles/district.toml:{lines}:1")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("неизвестное правило «mentor-mising»"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("«mentor-missing»"), "{}", run.stderr);
    }
}

#[test]
fn bad_rule_severity_in_profile_exits_2_with_the_allowed_values() {
    let site = Scratch::of("check-base");
    with_profile(&site, "[rules]\ncurator-missing = \"выкл\"\n");
    let run = vitrina(site.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("для правила «curator-missing» указано \"выкл\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\"off\""), "{}", run.stderr);
    // A rule without which the site cannot be built cannot be configured.
    let site = Scratch::of("check-base");
    with_profile(&site, "[rules]\nduplicate-id = \"off\"\n");
    let run = vitrina(site.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("его нельзя настроить"),
        "{}",
        run.stderr
    );
}

/// The findings of one rule in `check --format json`.
fn json_findings(root: &Path, rule: &str) -> Vec<serde_json::Value> {
    let (_, json) = common::check_json(root, TODAY);
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .cloned()
        .collect()
}

/// `(file, message)` of the related locations of every SARIF result of a rule.
fn sarif_related(root: &Path, rule: &str) -> Vec<Vec<(String, String)>> {
    let run = vitrina(root, &["check", "--today", TODAY, "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == rule)
        .map(|r| {
            r["relatedLocations"]
                .as_array()
                .map(|locations| {
                    locations
                        .iter()
                        .map(|l| {
                            let uri = &l["physicalLocation"]["artifactLocation"]["uri"];
                            (
                                uri.as_str().unwrap().to_string(),
                                l["message"]["text"].to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn duplicate_id_relates_both_files_in_text_json_and_sarif() {
    let root = common::site("bad-duplicate");
    let run = vitrina(&root, &["check", "--today", TODAY]);
    let block = run
        .stdout
        .split("\n\n")
        .find(|b| b.contains("запись «schools/sosh-1» уже есть"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    let arrows: Vec<&str> = block
        .lines()
        .filter(|l| l.trim_start().starts_with("-->"))
        .collect();
    assert_eq!(arrows.len(), 2, "{block}");
    assert!(
        arrows[0].contains("content/schools/sosh-1.yaml:1:1"),
        "{block}"
    );
    assert!(
        arrows[1].contains("content/schools/sosh-1.md:2:1"),
        "{block}"
    );

    let found = json_findings(&root, "duplicate-id");
    let f = found
        .iter()
        .find(|f| f["file"] == "content/schools/sosh-1.yaml")
        .unwrap();
    assert_eq!(f["related"][0]["file"], "content/schools/sosh-1.md");
    assert_eq!(f["related"][0]["line"], 2);
    assert!(
        f["related"][0]["message"]
            .as_str()
            .unwrap()
            .contains("публикуется")
    );

    let sarif = sarif_related(&root, "duplicate-id");
    assert!(
        sarif
            .iter()
            .any(|r| r.len() == 1 && r[0].0 == "content/schools/sosh-1.md"),
        "{sarif:?}"
    );
}

#[test]
fn broken_reference_relates_the_folder_it_was_looked_for_in() {
    let site = Scratch::of("check-base");
    let roadmap = site.root().join("content/roadmaps/школа-2-2026-2027.yaml");
    let text = std::fs::read_to_string(&roadmap).unwrap();
    std::fs::write(&roadmap, text.replace("school: школа-2", "school: sosh-99")).unwrap();

    let run = vitrina(site.root(), &["check", "--today", TODAY]);
    assert!(
        run.stdout
            .contains("  --> content/schools/ (здесь нет такой записи)"),
        "{}",
        run.stdout
    );
    let found = json_findings(site.root(), "broken-reference");
    assert_eq!(found.len(), 1, "{found:?}");
    let related = &found[0]["related"];
    assert_eq!(related[0]["file"], "content/schools/");
    assert!(
        related[0].get("line").is_none(),
        "a folder has no line: {related}"
    );

    assert_eq!(
        sarif_related(site.root(), "broken-reference"),
        [[(
            "content/schools/".to_string(),
            "\"здесь нет такой записи\"".to_string()
        )]]
    );
    // Findings without related places carry no `related` key at all.
    assert!(
        json_findings(site.root(), "roadmap-missing")
            .iter()
            .all(|f| f.get("related").is_none())
    );
}
