//! The report for Excel: UTF-8 with a BOM (Excel reads Cyrillic only then), `;`
//! between fields (the separator Russian Excel expects), CRLF line ends.

use crate::region::report::{FIGURE_COLUMNS, RegionReport, date_label, figure, figures};

pub fn render(report: &RegionReport) -> Vec<u8> {
    let mut lines = Vec::new();
    let mut header = vec!["Муниципалитет".to_string(), "Источник".to_string()];
    header.extend(report.columns.iter().map(|c| c.title.clone()));
    header.extend(FIGURE_COLUMNS.iter().map(|s| s.to_string()));
    header.push("Примечание".into());
    lines.push(header);
    for row in &report.rows {
        let mut cells = vec![row.name.clone(), row.source_label()];
        cells.extend(report.columns.iter().map(|c| row.cell(c).label()));
        cells.extend(figures(row).into_iter().map(figure));
        cells.push(date_label(row.data_date()));
        cells.push(row.problem().unwrap_or_default().to_string());
        lines.push(cells);
    }
    let mut out = String::from("\u{feff}");
    for line in lines {
        let fields: Vec<String> = line.iter().map(|f| field(f)).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A field, quoted when it holds `;`, a quote or a line end (RFC 4180 style);
/// a leading `=`, `+`, `-`, `@` is prefixed with `'` so Excel does not run it as
/// a formula (a municipality's name comes from a file someone else wrote).
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_separators_and_defuses_formulas() {
        assert_eq!(field("Да (3)"), "Да (3)");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("«x» \"y\""), "\"«x» \"\"y\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
