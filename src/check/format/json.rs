//! `--format json`: exactly the object of section 3 of the content model.
//!
//! Keys come in alphabetical order at every level (the order the output has
//! always had: it was built as a `serde_json::Value`, whose maps sort their
//! keys). The report is serialised straight from borrowed views in that order:
//! going through `Value` copied every finding into a tree first, a tenth of a
//! `check` of 10,000 records. The findings are written on all threads, each as
//! `serde_json` pretty-prints it, indented to its place in the array.

use crate::check::{ItemStatus, Report};
use crate::diagnostics::{Finding, Related, RuleId, Severity};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct FindingOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    related: Vec<RelatedOut<'a>>,
    rule: RuleId,
    severity: Severity,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    status: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

impl<'a> From<&'a Finding> for FindingOut<'a> {
    fn from(f: &'a Finding) -> Self {
        FindingOut {
            column: f.column,
            file: f.file.as_deref(),
            item: f.item.as_deref(),
            line: f.line,
            message: &f.message,
            period: f.period.as_deref(),
            record: f.record.as_deref(),
            related: f.related.iter().map(RelatedOut::from).collect(),
            rule: f.rule,
            severity: f.severity,
        }
    }
}

impl<'a> From<&'a Related> for RelatedOut<'a> {
    fn from(r: &'a Related) -> Self {
        RelatedOut {
            column: r.column,
            file: &r.file,
            line: r.line,
            message: &r.message,
        }
    }
}

impl<'a> From<&'a ItemStatus> for ItemOut<'a> {
    fn from(i: &'a ItemStatus) -> Self {
        ItemOut {
            id: &i.id,
            status: i.status,
            title: &i.title,
        }
    }
}

pub fn render(report: &Report) -> String {
    let findings: Vec<FindingOut> = report.findings.iter().map(FindingOut::from).collect();
    let items: Vec<ItemOut> = report.items.iter().map(ItemOut::from).collect();
    let summary = Summary {
        errors: report.errors(),
        warnings: report.warnings(),
    };
    // The object serde_json's pretty printer writes for these keys, in order.
    format!(
        "{{\n  \"academic_year\": {},\n  \"findings\": {},\n  \"items\": {},\n  \"summary\": {},\n  \"today\": {}\n}}\n",
        pretty(&report.academic_year.to_string(), ""),
        array(&findings),
        array(&items),
        pretty(&summary, "  "),
        pretty(&report.today.to_string(), ""),
    )
}

/// A member of the top-level object, pretty-printed, its lines after the first
/// indented by `indent`.
fn pretty<T: Serialize + ?Sized>(value: &T, indent: &str) -> String {
    let text = serde_json::to_string_pretty(value).expect("serialisable");
    // A JSON string holds no raw line break: every line break is the printer's.
    text.replace('\n', &format!("\n{indent}"))
}

/// An array member of the top-level object: its elements printed side by side.
fn array<T: Serialize + Sync>(elements: &[T]) -> String {
    if elements.is_empty() {
        return "[]".into();
    }
    let printed: Vec<String> = elements
        .par_iter()
        .map(|e| format!("    {}", pretty(e, "    ")))
        .collect();
    format!("[\n{}\n  ]", printed.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::AcademicYear;
    use serde_json::json;

    /// What the output is by definition: the report as a JSON value (whose maps
    /// sort their keys), pretty-printed.
    fn through_value(report: &Report) -> String {
        let value = json!({
            "today": report.today.to_string(),
            "academic_year": report.academic_year.to_string(),
            "findings": report.findings,
            "items": report.items,
            "summary": {"errors": report.errors(), "warnings": report.warnings()},
        });
        serde_json::to_string_pretty(&value).unwrap() + "\n"
    }

    #[test]
    fn keys_come_sorted_as_the_json_value_sorts_them() {
        let today = jiff::civil::date(2026, 12, 2);
        let full = Finding {
            rule: RuleId::BrokenReference,
            severity: Severity::Error,
            record: Some("schools/sosh-1".into()),
            item: Some("roadmaps".into()),
            period: Some("2026-11".into()),
            file: Some("content/schools/sosh-1.yaml".into()),
            line: Some(3),
            column: Some(7),
            message: "нет записи «centres/x»".into(),
            hint: Some("не выводится в JSON".into()),
            related: vec![
                Related {
                    file: "content/centres/".into(),
                    line: None,
                    column: None,
                    message: "искали здесь".into(),
                },
                Related {
                    file: "content/centres/y.yaml".into(),
                    line: Some(1),
                    column: Some(1),
                    message: "похожая".into(),
                },
            ],
        };
        let bare = Finding::warning(RuleId::SectionEmpty, "раздел пуст");
        let report = Report {
            today,
            academic_year: AcademicYear::containing(today),
            profile: "municipal".into(),
            site_title: "Сайт".into(),
            findings: vec![full, bare],
            items: vec![ItemStatus {
                id: "system".into(),
                title: "Система".into(),
                status: "ok",
                basis: "п. 1".into(),
                hint: String::new(),
                count: 1,
            }],
        };
        assert_eq!(render(&report), through_value(&report));
        let empty = Report {
            findings: Vec::new(),
            items: Vec::new(),
            ..report
        };
        assert_eq!(render(&empty), through_value(&empty));
    }
}
