//! `--format text` (the default): rustc-style diagnostics in Russian (through
//! [`crate::diagnostics::render_text`]), then the table of mandated items with
//! the basis of each, then the totals. Colour only when asked (on a terminal).

use super::{Options, totals_ru};
use crate::check::Report;
use crate::dates::short_ru;
use std::fmt::Write;

pub fn render(report: &Report, opts: &Options) -> String {
    let (green, red, dim, bold, reset) = if opts.colour {
        ("\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let mut out = crate::diagnostics::render_text(&report.findings, opts.root, opts.colour);
    let _ = writeln!(
        out,
        "{bold}Обязательные публикации{reset} (профиль: {})",
        report.profile
    );
    let width = report
        .items
        .iter()
        .map(|i| i.id.chars().count())
        .max()
        .unwrap_or(0);
    for item in &report.items {
        let pad = " ".repeat(width - item.id.chars().count());
        let status = if item.is_ok() {
            format!("{green}есть{reset}    ")
        } else {
            format!("{red}нет{reset}     ")
        };
        let count = if item.is_ok() {
            format!(" {dim}(записей: {}){reset}", item.count)
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {}{pad}  {status}{}{count}", item.id, item.title);
        let indent = " ".repeat(width + 12);
        let _ = writeln!(out, "{indent}{dim}основание: {}{reset}", item.basis);
        if !item.is_ok() && !item.hint.is_empty() {
            let _ = writeln!(out, "{indent}{dim}как исправить: {}{reset}", item.hint);
        }
    }
    let ok = report.items.iter().filter(|i| i.is_ok()).count();
    let colour = if report.errors() > 0 { red } else { green };
    let _ = writeln!(
        out,
        "\n{bold}Итого:{reset} {colour}{}{reset}; обязательных пунктов опубликовано {ok} из {}. Проверено на {} ({} учебный год).",
        totals_ru(report),
        report.items.len(),
        short_ru(report.today),
        report.academic_year
    );
    out
}
