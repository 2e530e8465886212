//! `--format json`: exactly the object of section 3 of the content model.

use crate::check::Report;
use serde_json::json;

pub fn to_value(report: &Report) -> serde_json::Value {
    json!({
        "today": report.today.to_string(),
        "academic_year": report.academic_year.to_string(),
        "findings": report.findings,
        "items": report.items,
        "summary": {"errors": report.errors(), "warnings": report.warnings()},
    })
}

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(&to_value(report)).expect("serialisable");
    out.push('\n');
    out
}
