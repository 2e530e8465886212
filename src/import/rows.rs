//! From a table to entries: find the heading row, name each column, then read
//! the rows under it — group headings (a row spanning the whole table), repeated
//! heading rows, rows of column numbers and empty rows are told apart from data.

use super::columns::{Column, Vocabulary, normalise, recognise};
use super::table::{Merge, Row, Table, clean_text};

/// What a kind asks of a table.
pub struct Spec {
    pub vocabulary: Vocabulary,
    /// Fields a heading row must have for the table to be this kind's.
    pub key: &'static [&'static str],
    /// Indicator tables name periods in headings.
    pub periods: bool,
}

/// One data row, its values by column, under the group heading above it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub group: Option<String>,
    pub values: Vec<(Column, String)>,
    /// «таблица 1, строка 7»: where the row is, for the summary.
    pub place: String,
    /// Cells of columns not recognised, kept for kinds that keep them (monitoring).
    pub extra: Vec<(String, String)>,
}

impl Entry {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.values.iter().find_map(|(c, v)| match c {
            Column::Field(f) if *f == field && !v.is_empty() => Some(v.as_str()),
            _ => None,
        })
    }
}

/// A table read for a kind.
#[derive(Debug)]
pub struct Mapped {
    /// Index of the heading row in the table's rows.
    pub header: usize,
    /// Per grid column: its heading and what it was recognised as.
    pub columns: Vec<(String, Option<Column>)>,
    pub entries: Vec<Entry>,
    /// Rows not turned into entries, and why (the summary lists them).
    pub skipped: Vec<String>,
    /// Columns with data that no field takes.
    pub unmapped: Vec<String>,
    pub groups: usize,
}

/// How well a table fits: the number of recognised columns in its best
/// heading row among the first ones, when that row has every key column.
pub fn score(table: &Table, spec: &Spec) -> Option<(usize, usize)> {
    table
        .rows
        .iter()
        .take(20)
        .enumerate()
        .filter_map(|(i, row)| {
            let cols = heading_columns(row, spec);
            let has_keys = spec
                .key
                .iter()
                .all(|k| cols.iter().any(|c| c == &Some(Column::Field(k))));
            let n = cols
                .iter()
                .filter(|c| c.as_ref().is_some_and(|c| *c != Column::Number))
                .count();
            has_keys.then_some((n, i))
        })
        // The most columns; between equals, the first row.
        .max_by_key(|(n, i)| (*n, std::cmp::Reverse(*i)))
        .map(|(n, i)| (i, n))
}

fn heading_columns(row: &Row, spec: &Spec) -> Vec<Option<Column>> {
    row.cells
        .iter()
        .map(|c| match c.merge {
            Merge::Left => None,
            _ => recognise(&c.text, spec.vocabulary, spec.periods),
        })
        .collect()
}

/// Reads the table under its heading row `header` (found by [`score`]).
pub fn map(table: &Table, header: usize, spec: &Spec) -> Mapped {
    let head = &table.rows[header];
    let kinds = heading_columns(head, spec);
    let width = table.width();
    let columns: Vec<(String, Option<Column>)> = (0..width)
        .map(|c| {
            let text = head
                .cells
                .get(c)
                .map(|c| clean_text(&c.text))
                .unwrap_or_default();
            (text, kinds.get(c).cloned().flatten())
        })
        .collect();
    let head_key: Vec<String> = head.cells.iter().map(|c| normalise(&c.text)).collect();
    let number_col = columns.iter().position(|(_, c)| *c == Some(Column::Number));
    let mut out = Mapped {
        header,
        columns,
        entries: Vec::new(),
        skipped: Vec::new(),
        unmapped: Vec::new(),
        groups: 0,
    };
    let mut group: Option<(String, String)> = None;
    let mut group_used = true;
    let mut unmapped_data = vec![false; width];
    for row in &table.rows[header + 1..] {
        let place = table.row_place(row);
        if row.is_empty() {
            continue;
        }
        let texts: Vec<String> = row.cells.iter().map(|c| clean_text(&c.text)).collect();
        if row
            .cells
            .iter()
            .map(|c| normalise(&c.text))
            .collect::<Vec<_>>()
            == head_key
        {
            out.skipped
                .push(format!("{place}: повтор строки заголовков"));
            continue;
        }
        // A heading cell merged down over two rows (a two-level heading: «Сроки»
        // over «начало | окончание»): the row under it is still headings.
        let continues_heading =
            row.cells.iter().zip(&head.cells).any(|(c, h)| {
                c.merge == Merge::Above && !c.text.trim().is_empty() && c.text == h.text
            });
        if continues_heading {
            out.skipped
                .push(format!("{place}: вторая строка заголовков"));
            continue;
        }
        if is_column_numbers(&texts) {
            out.skipped
                .push(format!("{place}: номера столбцов (1, 2, 3 …)"));
            continue;
        }
        if let Some(text) = group_heading(row, &texts, number_col, width) {
            if !group_used && let Some((old, old_place)) = group.take() {
                out.skipped.push(format!(
                    "{old_place}: раздел «{old}» — под ним нет ни одной строки"
                ));
            }
            group = Some((text, place));
            group_used = false;
            continue;
        }
        let mut entry = Entry {
            group: group.as_ref().map(|(g, _)| g.clone()),
            values: Vec::new(),
            place: place.clone(),
            extra: Vec::new(),
        };
        for (c, text) in texts.iter().enumerate() {
            if row.cells[c].merge == Merge::Left {
                continue;
            }
            match &out.columns.get(c).and_then(|(_, k)| k.clone()) {
                Some(Column::Number) => {}
                Some(col) => entry.values.push((col.clone(), text.clone())),
                None if !text.is_empty() => {
                    unmapped_data[c] = true;
                    let heading = out
                        .columns
                        .get(c)
                        .map(|(h, _)| h.clone())
                        .unwrap_or_default();
                    entry.extra.push((heading, text.clone()));
                }
                None => {}
            }
        }
        if spec.key.iter().any(|k| entry.get(k).is_none()) {
            let written: Vec<&str> = texts
                .iter()
                .filter(|t| !t.is_empty())
                .map(String::as_str)
                .collect();
            out.skipped.push(format!(
                "{place}: не заполнен столбец «{}» («{}»)",
                key_heading(&out, spec),
                written.join(" | ")
            ));
            continue;
        }
        if entry.group.is_some() && !group_used {
            out.groups += 1;
            group_used = true;
        }
        out.entries.push(entry);
    }
    if !group_used && let Some((old, old_place)) = group {
        out.skipped.push(format!(
            "{old_place}: «{old}» — под строкой нет строк таблицы (подпись или примечание?)"
        ));
    }
    for (c, has_data) in unmapped_data.iter().enumerate() {
        if *has_data {
            let heading = &out.columns[c].0;
            out.unmapped.push(if heading.is_empty() {
                format!("столбец {} без заголовка", c + 1)
            } else {
                format!("столбец {} «{}»", c + 1, heading.replace('\n', " "))
            });
        }
    }
    out
}

fn key_heading(m: &Mapped, spec: &Spec) -> String {
    m.columns
        .iter()
        .find(|(_, c)| spec.key.iter().any(|k| *c == Some(Column::Field(k))))
        .map(|(h, _)| h.replace('\n', " "))
        .unwrap_or_default()
}

/// «1 | 2 | 3 | 4»: the row of column numbers many Russian tables have under
/// the headings.
fn is_column_numbers(texts: &[String]) -> bool {
    let filled: Vec<&String> = texts.iter().filter(|t| !t.is_empty()).collect();
    filled.len() >= 2
        && filled
            .iter()
            .enumerate()
            .all(|(i, t)| t.trim_end_matches('.').parse::<usize>().ok() == Some(i + 1))
}

/// The text of a row that heads a group of measures: one cell spanning the
/// whole table (or all of it but the «№» column, which may hold the section's
/// number), or text typed only into the «№» column of a sheet.
fn group_heading(
    row: &Row,
    texts: &[String],
    number_col: Option<usize>,
    width: usize,
) -> Option<String> {
    let origins: Vec<usize> = (0..texts.len())
        .filter(|&c| row.cells[c].merge != Merge::Left && !texts[c].is_empty())
        .collect();
    let span = |c: usize| {
        1 + row.cells[c + 1..]
            .iter()
            .take_while(|x| x.merge == Merge::Left)
            .count()
    };
    let is_number = |t: &str| {
        let t = t.trim_end_matches('.');
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || "IVXLivxl".contains(c))
    };
    match origins.as_slice() {
        [c] if width > 1 && span(*c) >= width - usize::from(number_col.is_some()) => {
            Some(texts[*c].clone())
        }
        [c] if Some(*c) == number_col && !is_number(&texts[*c]) => Some(texts[*c].clone()),
        [n, c]
            if Some(*n) == number_col
                && is_number(&texts[*n])
                && width > 2
                && span(*c) >= width - 1 =>
        {
            Some(texts[*c].clone())
        }
        _ => None,
    }
}
