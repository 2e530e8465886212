//! `--format github`: GitHub Actions workflow commands, one per finding:
//! `::error file=…,line=…,col=…,title=rule::message`. Findings show as
//! annotations on the files of a pull request.

use super::{full_message, totals_ru};
use crate::check::Report;
use std::fmt::Write;

/// Escapes a command's message (data).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = if f.is_error() { "error" } else { "warning" };
        let mut props = Vec::new();
        if let Some(file) = &f.file {
            props.push(format!("file={}", property(file)));
        }
        if let Some(line) = f.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = f.column {
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", property(f.rule.as_str())));
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            data(&full_message(f))
        );
    }
    let missing: Vec<_> = report
        .items
        .iter()
        .filter(|i| !i.is_ok())
        .map(|i| i.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "Проверка полноты на {}: {}; обязательных пунктов не опубликовано — {}{}",
        report.today,
        totals_ru(report),
        missing.len(),
        if missing.is_empty() {
            String::new()
        } else {
            format!(" ({})", missing.join(", "))
        }
    );
    out
}
