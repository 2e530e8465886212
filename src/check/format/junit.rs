//! `--format junit`: JUnit XML for CI dashboards. One test suite of the mandated
//! items (one test case per profile item, failed when missing) and one of the
//! rules (one test case per rule that fired, failed for errors, and for
//! warnings under `--strict`; other warnings are listed in `system-out`).

use super::{escape_xml as esc, full_message};
use crate::check::Report;
use crate::diagnostics::{Finding, RuleId};
use std::fmt::Write;

fn describe(f: &Finding) -> String {
    let place = f
        .location()
        .or_else(|| f.item.as_ref().map(|i| format!("пункт профиля {i}")))
        .unwrap_or_default();
    format!("{}: {place}: {}", f.severity.label_ru(), full_message(f))
}

pub fn render(report: &Report, strict: bool) -> String {
    let mut items = String::new();
    let mut item_failures = 0;
    for item in &report.items {
        let name = esc(&format!("{} — {}", item.id, item.title));
        if item.is_ok() {
            let _ = writeln!(
                items,
                "    <testcase classname=\"vitrina.items\" name=\"{name}\"/>"
            );
        } else {
            item_failures += 1;
            let _ = writeln!(
                items,
                "    <testcase classname=\"vitrina.items\" name=\"{name}\">\n      <failure type=\"section-empty\" message=\"{}\">{}</failure>\n    </testcase>",
                esc("не опубликовано ни одной записи"),
                esc(&format!(
                    "Основание: {}\nКак исправить: {}",
                    item.basis, item.hint
                ))
            );
        }
    }

    let mut rules = String::new();
    let (mut rule_cases, mut rule_failures) = (0, 0);
    // In the order of the rule table; ids not in it (never expected) at the end.
    let mut ids: Vec<RuleId> = RuleId::reported().collect();
    for f in &report.findings {
        if !ids.contains(&f.rule) {
            ids.push(f.rule);
        }
    }
    for id in ids {
        let found: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == id).collect();
        if found.is_empty() {
            continue;
        }
        rule_cases += 1;
        let errors = found.iter().any(|f| f.is_error());
        let text = found
            .iter()
            .map(|f| describe(f))
            .collect::<Vec<_>>()
            .join("\n");
        let _ = writeln!(
            rules,
            "    <testcase classname=\"vitrina.rules\" name=\"{}\">",
            esc(id.as_str())
        );
        if errors || strict {
            rule_failures += 1;
            let _ = writeln!(
                rules,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                if errors { "error" } else { "warning" },
                esc(&format!("нарушений: {}", found.len())),
                esc(&text)
            );
        } else {
            let _ = writeln!(rules, "      <system-out>{}</system-out>", esc(&text));
        }
        let _ = writeln!(rules, "    </testcase>");
    }

    let tests = report.items.len() + rule_cases;
    let failures = item_failures + rule_failures;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"vitrina check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{item_failures}\" errors=\"0\" timestamp=\"{}T00:00:00\">",
        esc("Обязательные публикации"),
        report.items.len(),
        report.today
    );
    out.push_str(&items);
    out.push_str("  </testsuite>\n");
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{rule_cases}\" failures=\"{rule_failures}\" errors=\"0\" timestamp=\"{}T00:00:00\">",
        esc("Правила проверки"),
        report.today
    );
    out.push_str(&rules);
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
