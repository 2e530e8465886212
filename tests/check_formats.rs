//! Output formats of `vitrina check`, from the real binary: JSON compared
//! structurally with the contract, SARIF validated against the official 2.1.0
//! schema, JUnit parsed as XML, GitHub commands, the HTML page parsed.

mod common;
use common::*;
use serde_json::{Value, json};

fn run_format(site_name: &str, format: &str) -> Run {
    vitrina(
        &site(site_name),
        &["check", "--today", TODAY, "--format", format],
    )
}

#[test]
fn json_is_exactly_the_contracts_object() {
    let (code, v) = check_json(&site("independent-gaps"), TODAY);
    assert_eq!(code, 1);
    let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["academic_year", "findings", "items", "summary", "today"]
    );
    assert_eq!(v["today"], "2026-11-24");
    assert_eq!(v["academic_year"], "2026/2027");
    assert_eq!(v["summary"], json!({"errors": 8, "warnings": 5}));

    let roadmap = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "roadmap-missing")
        .unwrap();
    let mut fields: Vec<_> = roadmap.as_object().unwrap().keys().cloned().collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "column", "file", "line", "message", "record", "rule", "severity"
        ]
    );
    assert_eq!(roadmap["record"], "schools/sosh-4");
    assert_eq!(roadmap["file"], "content/schools/sosh-4.yaml");
    assert_eq!(
        (roadmap["line"].clone(), roadmap["column"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(roadmap["severity"], "error");

    let empty = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "section-empty")
        .unwrap();
    assert_eq!(empty.get("record"), None, "no record for section-empty");
    assert_eq!(empty.get("file"), None);
    assert_eq!(empty["item"], "programs");

    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    for item in items {
        let mut k: Vec<_> = item.as_object().unwrap().keys().cloned().collect();
        k.sort();
        assert_eq!(k, ["id", "status", "title"]);
    }
    let status: Vec<_> = items
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("system", "ok"),
            ("programs", "missing"),
            ("events", "ok"),
            ("roadmaps", "ok"),
            ("plans-mnc", "ok"),
            ("plans-mtkp", "ok"),
            ("reports", "ok")
        ]
    );
}

#[test]
fn json_of_a_clean_site_has_no_findings() {
    let (code, v) = check_json(&site("check-base"), TODAY);
    assert_eq!(code, 0);
    assert_eq!(v["findings"], json!([]));
    assert_eq!(v["summary"], json!({"errors": 0, "warnings": 0}));
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // Formats (uri, date-time) are checked too, not only the structure.
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(v: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_validates_against_the_official_schema() {
    for name in ["independent-gaps", "check-all-rules", "check-base"] {
        let run = run_format(name, "sarif");
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_valid_sarif(&v);
        assert_eq!(v["version"], "2.1.0");
        let results = v["runs"][0]["results"].as_array().unwrap();
        let (_, json) = check_json(&site(name), TODAY);
        assert_eq!(results.len(), json["findings"].as_array().unwrap().len());
    }
}

#[test]
fn sarif_results_point_at_files_and_rules() {
    let run = run_format("check-all-rules", "sarif");
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        vitrina::diagnostics::RuleId::reported().count()
    );
    let results = run0["results"].as_array().unwrap();
    let risk = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-risk")
        .unwrap();
    assert_eq!(risk["level"], "warning");
    let index = risk["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "unknown-risk");
    let loc = &risk["locations"][0]["physicalLocation"];
    // Cyrillic file names are percent-encoded in the URI.
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "content/schools/%D1%88%D0%BA%D0%BE%D0%BB%D0%B0-3.yaml"
    );
    assert_eq!(loc["region"]["startLine"], 4);
    let empty = results
        .iter()
        .find(|r| r["ruleId"] == "section-empty")
        .unwrap();
    assert_eq!(empty.get("locations"), None);
    assert_eq!(empty["properties"]["item"], "plans-mtkp");
}

#[test]
fn the_sarif_schema_check_can_fail() {
    let run = run_format("check-all-rules", "sarif");
    let mut v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!sarif_validator().is_valid(&v));
}

#[test]
fn junit_has_a_case_per_item_and_per_fired_rule() {
    let run = run_format("independent-gaps", "junit");
    assert_eq!(run.code, 1);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 2);
    let items: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(items.len(), 7);
    let failed_items: Vec<_> = items
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .map(|c| c.attribute("name").unwrap())
        .collect();
    assert_eq!(failed_items.len(), 1);
    assert!(failed_items[0].starts_with("programs — "));

    let rules: Vec<_> = suites[1]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|c| {
            (
                c.attribute("name").unwrap(),
                c.children().any(|n| n.has_tag_name("failure")),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("field-missing", true),
            ("unknown-field", false),
            ("broken-reference", true),
            ("attachment-missing", true),
            ("section-empty", true),
            ("roadmap-missing", true),
            ("plan-missing", true),
            ("report-missing", true),
            ("mentor-missing", false),
            ("curator-missing", false),
            ("unknown-risk", false),
            ("measure-overdue", false),
        ]
    );
    assert_eq!(root.attribute("tests"), Some("19"));
    assert_eq!(root.attribute("failures"), Some("8"));

    // With --strict, warning rules fail too.
    let strict = vitrina(
        &site("independent-gaps"),
        &["check", "--today", TODAY, "--format", "junit", "--strict"],
    );
    let doc = roxmltree::Document::parse(&strict.stdout).unwrap();
    assert_eq!(doc.root_element().attribute("failures"), Some("13"));
}

#[test]
fn github_commands_annotate_files() {
    let run = run_format("independent-gaps", "github");
    assert_eq!(run.code, 1);
    let lines: Vec<_> = run.stdout.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::error ")).count(),
        8
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::warning ")).count(),
        5
    );
    assert!(lines.iter().any(|l| l.starts_with(
        "::error file=content/schools/sosh-4.yaml,line=1,col=1,title=roadmap-missing::школа «МБОУ СОШ №\u{a0}4»"
    )));
    assert!(lines.iter().any(|l| l.starts_with(
        "::warning file=content/schools/школа-5.yaml,line=1,col=1,title=mentor-missing::"
    )));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error title=section-empty::"))
    );
}

#[test]
fn html_report_is_a_russian_page_with_escaped_values() {
    let s = Scratch::of("check-base");
    s.write(
        "content/programs/kpk-72.yaml",
        "title: Курс\nhours: 72\n\"<script>alert(1)</script>\": x\n",
    );
    let run = vitrina(s.root(), &["check", "--today", TODAY, "--format", "html"]);
    assert_eq!(run.code, 0, "a warning only");
    let page = scraper::Html::parse_document(&run.stdout);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(
        page.select(&sel("html")).next().unwrap().attr("lang"),
        Some("ru")
    );
    assert_eq!(page.select(&sel("script")).count(), 0);
    assert!(run.stdout.contains("&lt;script&gt;"));
    let tables: Vec<_> = page.select(&sel("table")).collect();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].select(&sel("tbody tr")).count(), 7);
    let rows: Vec<String> = tables[1]
        .select(&sel("tbody tr"))
        .map(|r| r.text().collect())
        .collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("unknown-field"), "{}", rows[0]);
    assert!(run.stdout.contains("Проверка полноты публикаций"));
    // The basis of each item is on the page.
    assert!(
        run.stdout
            .contains("Положение о муниципальном наставническом центре")
    );
}

#[test]
fn text_report_is_rustc_style_with_items_and_totals() {
    let run = run_format("independent-gaps", "text");
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
    assert!(out.contains(
        "ошибка[roadmap-missing]: школа «МБОУ СОШ №\u{a0}4» входит в группу поддержки (ШССУ)"
    ));
    assert!(out.contains("  --> content/schools/sosh-4.yaml:1:1"));
    assert!(out.contains("= подсказка: создайте её командой: vitrina new roadmap sosh-4-2026-2027 --school sosh-4 --year 2026/2027"));
    assert!(out.contains("предупреждение[unknown-field]"));
    assert!(out.contains("4 | adress: 169050"));
    assert!(out.contains("= подсказка: возможно, имелось в виду «address»"));
    assert!(out.contains("  programs    нет "));
    assert!(out.contains("основание: "));
    assert!(out.contains(
        "Итого: ошибок — 8, предупреждений — 5; обязательных пунктов опубликовано 6 из 7."
    ));
}

#[test]
fn text_colour_only_when_asked() {
    let root = site("independent-gaps");
    let report = check_lib(&root, TODAY);
    let render = |colour| {
        vitrina::check::format::render(
            &report,
            vitrina::check::format::Format::Text,
            &vitrina::check::format::Options {
                root: &root,
                colour,
                strict: false,
            },
        )
    };
    let plain = render(false);
    let coloured = render(true);
    assert!(!plain.contains('\x1b'));
    assert!(coloured.contains("\x1b[31m"), "errors in red");
    // Without the escape codes the two are the same text.
    let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(&coloured, "");
    assert_eq!(stripped, plain);
}
