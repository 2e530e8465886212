//! `--format html`: a standalone report page in Russian (no external files), with
//! the mandated items (status, basis, how to fix) and every finding. Every value
//! is escaped: messages quote what editors wrote.

use super::escape_xml as esc;
use crate::check::Report;
use crate::dates::short_ru;
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8c8c8;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}.ok{color:#1a6b2a;font-weight:600}.missing,.error{color:#a4161a;font-weight:600}.warning{color:#8a5a00;font-weight:600}
.summary{font-size:1.1rem;padding:.6rem .8rem;border-left:4px solid #555;background:#f7f7f7}
.basis,.hint{font-size:.9rem;color:#444}.id{white-space:nowrap}code{font-family:ui-monospace,Consolas,monospace;font-size:.9em}";

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let title = format!("Проверка полноты публикаций — {}", report.site_title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    let ok = report.items.iter().filter(|i| i.is_ok()).count();
    let _ = writeln!(
        out,
        "<p class=\"summary\">Проверено на {} ({} учебный год). Ошибок: <strong>{}</strong>, предупреждений: <strong>{}</strong>. Обязательных пунктов опубликовано: {ok} из {}.</p>",
        short_ru(report.today),
        report.academic_year,
        report.errors(),
        report.warnings(),
        report.items.len()
    );
    let _ = writeln!(
        out,
        "<h2>Обязательные публикации</h2>\n<p class=\"basis\">Профиль требований: {}</p>\n<table>\n<thead><tr><th>Пункт</th><th>Что публикуется</th><th>Статус</th><th>Основание</th></tr></thead>\n<tbody>",
        esc(&report.profile)
    );
    for item in &report.items {
        let status = if item.is_ok() {
            format!(
                "<span class=\"ok\">опубликовано</span> (записей: {})",
                item.count
            )
        } else {
            format!(
                "<span class=\"missing\">не опубликовано</span><div class=\"hint\">{}</div>",
                esc(&item.hint)
            )
        };
        let _ = writeln!(
            out,
            "<tr id=\"item-{}\"><td class=\"id\"><code>{}</code></td><td>{}</td><td>{status}</td><td class=\"basis\">{}</td></tr>",
            esc(&item.id),
            esc(&item.id),
            esc(&item.title),
            esc(&item.basis)
        );
    }
    out.push_str("</tbody>\n</table>\n<h2>Замечания</h2>\n");
    if report.findings.is_empty() {
        out.push_str("<p>Замечаний нет.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Уровень</th><th>Правило</th><th>Где</th><th>Что не так</th></tr></thead>\n<tbody>\n");
        for f in &report.findings {
            let class = if f.is_error() { "error" } else { "warning" };
            let place = f
                .location()
                .or_else(|| f.item.as_ref().map(|i| format!("пункт профиля {i}")))
                .unwrap_or_default();
            let related: String = f
                .related
                .iter()
                .map(|r| {
                    format!(
                        "<div class=\"hint\">см. также <code>{}</code> — {}</div>",
                        esc(&r.location()),
                        esc(&r.message)
                    )
                })
                .collect();
            let hint = f
                .hint
                .as_ref()
                .map(|h| format!("<div class=\"hint\">Подсказка: {}</div>", esc(h)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr><td class=\"{class}\">{}</td><td class=\"id\"><code>{}</code></td><td><code>{}</code>{related}</td><td>{}{hint}</td></tr>",
                f.severity.label_ru(),
                esc(f.rule.as_str()),
                esc(&place),
                esc(&f.message)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
