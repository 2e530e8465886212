//! The report as a table in the terminal: short column headers (item ids), the
//! items' titles in a legend below.

use crate::region::report::{RegionReport, date_label, figure, figures};

const FIGURE_HEADERS: [&str; 6] = ["Ошибок", "Предупр.", "Школ", "Без ДК", "Просроч.", "Дата"];

pub fn render(report: &RegionReport) -> String {
    let mut header = vec!["Муниципалитет".to_string()];
    header.extend(report.columns.iter().map(|c| c.id.clone()));
    header.extend(FIGURE_HEADERS.iter().map(|s| s.to_string()));
    let mut table = vec![header];
    let mut problems = Vec::new();
    for row in &report.rows {
        let mut cells = vec![row.name.clone()];
        if let Some(problem) = row.problem() {
            cells.push(format!("нет данных: {problem}"));
            problems.push(cells);
            continue;
        }
        cells.extend(report.columns.iter().map(|c| row.cell(c).label()));
        cells.extend(figures(row).into_iter().map(figure));
        cells.push(date_label(row.data_date()));
        table.push(cells);
    }
    let widths: Vec<usize> = (0..table[0].len())
        .map(|i| {
            table
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = format!("{}\n", report.title);
    out.push_str(&format!(
        "Проверено на {}; муниципалитетов — {}, всё опубликовано — {}, без данных — {}\n\n",
        crate::dates::short_ru(report.today),
        report.rows.len(),
        report.complete(),
        report.unavailable()
    ));
    for (n, row) in table.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if n == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    for p in &problems {
        out.push_str(&format!("{}  {}\n", p[0], p[1]));
    }
    out.push_str("\nПункты:\n");
    for c in &report.columns {
        out.push_str(&format!("  {} — {}\n", c.id, c.title));
    }
    out.push_str("  Без ДК — школ группы поддержки без дорожной карты на текущий учебный год\n");
    out.push_str("  Просроч. — мероприятий, дорожных карт и планов с просроченным отчётом\n");
    out
}
