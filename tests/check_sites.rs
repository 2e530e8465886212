//! Whole sites: the example municipality and the independent fixture are clean;
//! the independent fixture with planted gaps, and the checker's own fixtures,
//! give exactly the findings listed next to them.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// `(rule, severity, record or item, file)` of every expected finding.
fn expected(site_name: &str) -> Vec<(String, String, String, String)> {
    let text = std::fs::read_to_string(site(site_name).join("expected-findings.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["today"], TODAY);
    let mut out: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let subject = f["record"]
                .as_str()
                .or(f["item"].as_str())
                .unwrap_or_default();
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                subject.to_string(),
                f["file"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The same four fields from the real binary's JSON output.
fn actual(root: &std::path::Path) -> (i32, Vec<(String, String, String, String)>) {
    let (code, v) = check_json(root, TODAY);
    let mut out: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let subject = f
                .get("record")
                .or(f.get("item"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                subject.to_string(),
                f.get("file")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    out.sort();
    (code, out)
}

/// The example site is kept as a district would keep it: clean on the date the
/// other tests pin and on 3 December 2026, when the 17 November consultation has
/// its report and its plan measure a status (the example's «today»).
#[test]
fn example_site_is_clean_on_24_november_and_3_december_2026() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for today in [TODAY, "2026-12-03"] {
        let run = vitrina(root, &["check", "--today", today]);
        assert_eq!(run.code, 0, "{today}\n{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("Итого: ошибок — 0, предупреждений — 0"),
            "{today}\n{}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains("обязательных пунктов опубликовано 7 из 7")
        );
    }
}

#[test]
fn independent_site_is_clean() {
    assert!(expected("independent").is_empty());
    let (code, found) = actual(&site("independent"));
    assert_eq!(found, vec![]);
    assert_eq!(code, 0);
}

#[test]
fn independent_gaps_give_exactly_the_planted_findings() {
    let want = expected("independent-gaps");
    assert_eq!(want.len(), 13);
    let (code, found) = actual(&site("independent-gaps"));
    assert_eq!(found, want);
    assert_eq!(code, 1);
}

#[test]
fn check_base_is_clean() {
    let (code, found) = actual(&site("check-base"));
    assert_eq!(found, vec![]);
    assert_eq!(code, 0);
}

#[test]
fn check_edges_give_exactly_the_expected_findings() {
    let (code, found) = actual(&site("check-edges"));
    assert_eq!(found, expected("check-edges"));
    assert_eq!(code, 1);
}

#[test]
fn every_rule_fires_on_check_all_rules() {
    let (code, found) = actual(&site("check-all-rules"));
    assert_eq!(found, expected("check-all-rules"));
    assert_eq!(code, 1);
    let rules: BTreeSet<_> = found.iter().map(|f| f.0.as_str()).collect();
    let all: BTreeSet<_> = vitrina::diagnostics::RuleId::reported()
        .map(|r| r.as_str())
        .collect();
    assert_eq!(rules, all, "every rule of the table fires here");
}
