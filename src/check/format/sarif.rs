//! `--format sarif`: SARIF 2.1.0 (validated in `tests/check_formats.rs` against
//! the official schema vendored in `tests/schemas/`). Every rule of the table is
//! listed in the driver; each finding is a result, located in its file when it
//! has one (`section-empty` has none: its profile item is in `properties`).

use super::message_with_hint;
use crate::check::Report;
use crate::diagnostics::RuleId;
use serde_json::{Value, json};

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Percent-encodes a relative path into a URI reference (Cyrillic names too).
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn level(severity: crate::diagnostics::Severity) -> &'static str {
    match severity {
        crate::diagnostics::Severity::Error => "error",
        crate::diagnostics::Severity::Warning => "warning",
    }
}

pub fn to_value(report: &Report) -> Value {
    let listed: Vec<RuleId> = RuleId::reported().collect();
    let rules: Vec<Value> = listed
        .iter()
        .map(|r| {
            json!({
                "id": r,
                "shortDescription": {"text": r.info().about},
                "defaultConfiguration": {"level": level(r.info().severity)},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": message_with_hint(f)},
            });
            if let Some(index) = listed.iter().position(|&r| r == f.rule) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(file) = &f.file {
                let mut physical = json!({"artifactLocation": {"uri": uri(file)}});
                if let Some(line) = f.line {
                    let mut region = json!({"startLine": line});
                    if let Some(column) = f.column {
                        region["startColumn"] = json!(column);
                    }
                    physical["region"] = region;
                }
                let mut location = json!({"physicalLocation": physical});
                if let Some(record) = &f.record {
                    location["logicalLocations"] =
                        json!([{"fullyQualifiedName": record, "kind": "record"}]);
                }
                result["locations"] = json!([location]);
            }
            if !f.related.is_empty() {
                let related: Vec<Value> = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut physical = json!({"artifactLocation": {"uri": uri(&r.file)}});
                        if let Some(line) = r.line {
                            let mut region = json!({"startLine": line});
                            if let Some(column) = r.column {
                                region["startColumn"] = json!(column);
                            }
                            physical["region"] = region;
                        }
                        json!({"id": i, "physicalLocation": physical, "message": {"text": r.message}})
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            let mut props = serde_json::Map::new();
            if let Some(record) = &f.record {
                props.insert("record".into(), json!(record));
            }
            if let Some(item) = &f.item {
                props.insert("item".into(), json!(item));
            }
            if !props.is_empty() {
                result["properties"] = Value::Object(props);
            }
            result
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "vitrina",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": true,
                "properties": {
                    "today": report.today.to_string(),
                    "academicYear": report.academic_year.to_string(),
                },
            }],
            "results": results,
            "properties": {
                "items": report.items,
            },
        }],
    })
}

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(&to_value(report)).expect("serialisable");
    out.push('\n');
    out
}
