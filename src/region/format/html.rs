//! The report as one self-contained HTML page (no external files: it is mailed
//! and printed): a sortable table, a row per municipality, «Да»/«Нет» cells
//! linking to the municipality's page for the item. Sorting is a small script;
//! without it the table reads the same, in REGION.toml's order.

use crate::escape::markup as esc;
use crate::region::report::{FIGURE_COLUMNS, RegionReport, date_label, figure, figures};
use std::fmt::Write as _;

const STYLE: &str = r#"
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:1.5rem;color:#1a1a1a;background:#fff;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 .5rem}
.scroll{overflow-x:auto}
.scroll:focus{outline:3px solid #1d4ed8}
table{border-collapse:collapse;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border:1px solid #8a8a8a;padding:.3rem .45rem;vertical-align:top}
thead th{background:#eef1f5;text-align:left}
tbody th{text-align:left;font-weight:600}
td.note{min-width:18rem}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;text-align:left;color:#1a1a1a}
th button:focus{outline:3px solid #1d4ed8}
th[aria-sort=ascending] button::after{content:" ▲"/""}
th[aria-sort=descending] button::after{content:" ▼"/""}
td.yes{background:#e6f4ea;color:#0b4d1a}
td.no{background:#fde8e8;color:#8a1111;font-weight:600}
td.yes a,td.no a{color:inherit}
td.num{text-align:right}
tr.unavailable td{background:#f5f5f5}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.legend{font-size:.9rem;max-width:60rem}
@media print{body{margin:0}th button::after{content:""!important}.scroll{overflow:visible}a{text-decoration:none}}
@page{size:landscape;margin:1cm}
"#;

/// Sorts by the clicked column: numbers by `data-sort`, text in Russian order;
/// a second click reverses. `aria-sort` tells screen readers the order.
const SCRIPT: &str = r#"
document.querySelectorAll("th[data-col] button").forEach(function (button) {
  button.addEventListener("click", function () {
    var th = button.parentElement, table = th.closest("table"), col = +th.dataset.col;
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = !isNaN(nx) && !isNaN(ny) ? nx - ny : String(x).localeCompare(String(y), "ru");
      return c * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"#;

pub fn render(report: &RegionReport) -> String {
    let mut h = String::new();
    let title = esc(&report.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    let _ = writeln!(
        h,
        "<p>Проверено на {}. Муниципалитетов — {}; всё обязательное опубликовано — {}; нет данных — {}.</p>",
        crate::dates::short_ru(report.today),
        report.rows.len(),
        report.complete(),
        report.unavailable()
    );
    h.push_str("<p>В клетке — «Да» или «Нет» и число опубликованных записей; ссылка ведёт на страницу пункта на сайте муниципалитета. Нажмите на заголовок столбца, чтобы упорядочить строки.</p>\n");
    h.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"caption\">\n<table>\n");
    h.push_str("<caption id=\"caption\">Публикации муниципалитетов по обязательным пунктам</caption>\n<thead><tr>");
    let mut headers = vec!["Муниципалитет".to_string()];
    headers.extend(report.columns.iter().map(|c| c.title.clone()));
    headers.extend(FIGURE_COLUMNS.iter().map(|s| s.to_string()));
    headers.push("Примечание".into());
    for (i, name) in headers.iter().enumerate() {
        let _ = write!(
            h,
            "<th scope=\"col\" data-col=\"{i}\"><button type=\"button\">{}</button></th>",
            esc(name)
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &report.rows {
        let class = if row.status().is_none() {
            " class=\"unavailable\""
        } else {
            ""
        };
        let _ = write!(h, "<tr{class}>");
        let name = esc(&row.name);
        match row.home() {
            Some(home) => {
                let _ = write!(
                    h,
                    "<th scope=\"row\" data-sort=\"{name}\"><a href=\"{}\">{name}</a></th>",
                    esc(&home)
                );
            }
            None => {
                let _ = write!(h, "<th scope=\"row\" data-sort=\"{name}\">{name}</th>");
            }
        }
        for column in &report.columns {
            let cell = row.cell(column);
            let (class, sort) = match cell.item {
                Some(i) if i.is_ok() => ("yes", i.count as i64),
                Some(i) => ("no", i.count as i64),
                None => ("none", -1),
            };
            let text = match cell.item {
                Some(i) => format!(
                    "{}<span class=\"sr\">: {name}, {}</span> ({})",
                    if i.is_ok() { "Да" } else { "Нет" },
                    esc(&column.title),
                    i.count
                ),
                None => "—".into(),
            };
            match &cell.link {
                Some(link) => {
                    let _ = write!(
                        h,
                        "<td class=\"{class}\" data-sort=\"{sort}\"><a href=\"{}\">{text}</a></td>",
                        esc(link)
                    );
                }
                None => {
                    let _ = write!(h, "<td class=\"{class}\" data-sort=\"{sort}\">{text}</td>");
                }
            }
        }
        for n in figures(row) {
            let _ = write!(
                h,
                "<td class=\"num\" data-sort=\"{}\">{}</td>",
                n.map_or(-1, |n| n as i64),
                figure(n)
            );
        }
        let _ = write!(
            h,
            "<td data-sort=\"{}\">{}</td>",
            row.data_date().map(|d| d.to_string()).unwrap_or_default(),
            date_label(row.data_date())
        );
        let problem = esc(row.problem().unwrap_or_default());
        let _ = writeln!(
            h,
            "<td class=\"note\" data-sort=\"{problem}\">{problem}</td></tr>"
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h.push_str(
        "<div class=\"legend\">\n<h2>Как читать таблицу</h2>\n<ul>\n\
         <li>«Да (N)» — по пункту опубликовано N записей (за любой учебный год); «Нет (0)» — ни одной.</li>\n\
         <li>«Ошибок» и «Предупреждений» — замечания проверки vitrina check на сайте муниципалитета.</li>\n\
         <li>«Нет дорожной карты на текущий год» — школ группы поддержки (ШНОР, ШССУ) без дорожной карты на текущий учебный год.</li>\n\
         <li>«Просрочено отчётов» — мероприятий, дорожных карт и планов, отчёт о которых не опубликован в срок.</li>\n\
         <li>«Дата данных» — когда собран сайт муниципалитета (для локальной папки — дата этой проверки).</li>\n\
         </ul>\n</div>\n",
    );
    let _ = write!(
        h,
        "</main>\n<footer><p>Сформировано программой vitrina {} ({}).</p></footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&report.generated)
    );
    h
}
