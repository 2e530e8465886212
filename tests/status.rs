//! `/status.json` (content model 8.1): written by every build, valid against the
//! shipped schema, agreeing with `vitrina check`, free of personal data.

mod common;

use common::{TODAY, site};
use serde_json::Value;
use std::path::{Path, PathBuf};
use vitrina::build::{BuildOptions, build};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/status.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

/// Builds `root` into a temporary directory; the status.json when it built.
fn built_status(root: &Path) -> Option<Value> {
    let out = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.path().join("public")),
        base_url: None,
        drafts: false,
        today: TODAY.parse().unwrap(),
    };
    build(&opts).ok()?;
    let text = std::fs::read_to_string(out.path().join("public/status.json"))
        .expect("every build writes status.json");
    Some(serde_json::from_str(&text).unwrap())
}

#[test]
fn every_fixture_site_that_builds_writes_a_status_json_valid_against_the_schema() {
    let validator = validator();
    let mut roots: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/sites"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    roots.sort();
    roots.push(repo());
    let mut built = Vec::new();
    for root in &roots {
        let Some(status) = built_status(root) else {
            continue;
        };
        let errors: Vec<String> = validator
            .iter_errors(&status)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", root.display());
        built.push(root.file_name().unwrap().to_string_lossy().to_string());
    }
    // The sites meant to build did (a status.json is not silently skipped).
    for name in [
        "check-base",
        "check-edges",
        "independent",
        "independent-gaps",
        "attack",
    ] {
        assert!(
            built.iter().any(|b| b == name),
            "{name} did not build: {built:?}"
        );
    }
}

#[test]
fn status_json_items_and_summary_agree_with_check() {
    let status = built_status(&site("independent-gaps")).unwrap();
    let report = common::check_lib(&site("independent-gaps"), TODAY);
    let items: Vec<(String, String, u64)> = status["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["status"].as_str().unwrap().to_string(),
                i["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, String, u64)> = report
        .items
        .iter()
        .map(|i| (i.id.clone(), i.status.to_string(), i.count as u64))
        .collect();
    assert_eq!(items, expected);
    assert_eq!(status["summary"]["errors"], report.errors());
    assert_eq!(status["summary"]["warnings"], report.warnings());
    let per_rule: u64 = status["summary"]["rules"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(per_rule as usize, report.findings.len());
    assert_eq!(
        status["summary"]["rules"]["roadmap-missing"],
        report
            .findings
            .iter()
            .filter(|f| f.rule == "roadmap-missing")
            .count()
    );
    assert_eq!(status["today"], TODAY);
    assert_eq!(status["academic_year"], "2026/2027");
    assert_eq!(status["generator"]["name"], "vitrina");
}

#[test]
fn status_json_lists_support_schools_with_roadmap_and_reports() {
    let status = built_status(&site("check-base")).unwrap();
    // sosh-1 has no category: not in the support group, not listed.
    assert_eq!(
        status["schools"],
        serde_json::json!([{
            "id": "школа-2",
            "name": "Муниципальное бюджетное общеобразовательное учреждение «Основная общеобразовательная школа № 2»",
            "categories": ["shnor"],
            "roadmap": true,
            "reports_due": 0,
            "reports_published": 0
        }])
    );
    let plans: Vec<&Value> = status["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"] == "plans-mnc")
        .collect();
    assert_eq!(plans[0]["path"], "plans/#mnc");
    assert_eq!(plans[0]["count"], 2);
    assert_eq!(
        status["site"]["authority"],
        "Управление образования МО Тестовый район"
    );
}

#[test]
fn status_json_holds_no_personal_data() {
    let status = built_status(&site("check-base")).unwrap().to_string();
    // The curator of школа-2 and the finding messages are not published in it.
    assert!(!status.contains("Петрова"), "{status}");
    assert!(!status.contains("message"), "{status}");
}

#[test]
fn built_is_fixed_by_source_date_epoch() {
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["build", "--today", TODAY, "--out"])
        .arg(out.path().join("public"))
        .arg("--root")
        .arg(site("check-base"))
        .env("SOURCE_DATE_EPOCH", "1795510800")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let status: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("public/status.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(status["built"], "2026-11-24T09:00:00Z");
}
