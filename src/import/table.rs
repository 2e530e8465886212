//! The neutral table every format reader produces: a grid of cells with their
//! positions and merges, so recognising columns and rows is written once for
//! Word, Excel, LibreOffice and CSV.

/// What an office file holds that import reads: its tables and its text
/// outside them (a report's «по состоянию на …», a roadmap's title).
#[derive(Debug, Default)]
pub struct Document {
    pub tables: Vec<Table>,
    /// Paragraphs outside tables, in document order.
    pub paragraphs: Vec<String>,
}

/// Where a table came from, to name a cell the way the editor finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The n-th table of a Word document (1-based).
    Word(usize),
    /// A sheet of a workbook: cells are named A1, B7 ….
    Sheet(String),
    /// A CSV file: rows are its physical lines.
    Csv,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub source: Source,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The row's number as the editor sees it: the row of a Word table, the
    /// row of a sheet, the line of a CSV file (all 1-based).
    pub number: usize,
    /// One cell per grid column; a cell merged over several columns is its
    /// origin followed by [`Merge::Left`] cells.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The text with its line breaks (`\n`), as typed.
    pub text: String,
    pub merge: Merge,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Merge {
    /// A cell of its own, or the first cell of a merged range.
    #[default]
    Origin,
    /// Covered by the cell on its left (a horizontal merge).
    Left,
    /// Covered by the cell above (a vertical merge): it holds the same text.
    Above,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            merge: Merge::Origin,
        }
    }
}

impl Table {
    /// «таблица 2», «лист «Школы»», «файл CSV»: the table as a whole.
    pub fn name(&self) -> String {
        match &self.source {
            Source::Word(n) => format!("таблица {n}"),
            Source::Sheet(name) => format!("лист «{name}»"),
            Source::Csv => "таблица CSV".to_string(),
        }
    }

    /// Where a row is: «таблица 2, строка 5», «лист «Школы», строка 5», «строка 5».
    pub fn row_place(&self, row: &Row) -> String {
        match &self.source {
            Source::Csv => format!("строка {}", row.number),
            _ => format!("{}, строка {}", self.name(), row.number),
        }
    }

    /// Where a cell is: «таблица 2, строка 5, столбец 3», «лист «Школы», ячейка C5».
    pub fn cell_place(&self, row: &Row, column: usize) -> String {
        match &self.source {
            Source::Sheet(name) => {
                format!(
                    "лист «{name}», ячейка {}{}",
                    column_letters(column),
                    row.number
                )
            }
            _ => format!("{}, столбец {}", self.row_place(row), column + 1),
        }
    }

    /// The number of grid columns (the widest row).
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }

    /// Gives every vertically merged cell the text of the cell it continues, so
    /// a «Ответственные» cell merged over five rows applies to each of them.
    pub fn fill_vertical_merges(&mut self) {
        for i in 1..self.rows.len() {
            let (done, rest) = self.rows.split_at_mut(i);
            let above = &done[i - 1];
            for (c, cell) in rest[0].cells.iter_mut().enumerate() {
                if cell.merge == Merge::Above
                    && let Some(origin) = above.cells.get(c)
                {
                    cell.text.clone_from(&origin.text);
                }
            }
        }
    }
}

impl Row {
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.text.trim().is_empty())
    }
}

/// 0 → A, 25 → Z, 26 → AA: spreadsheet column names.
pub fn column_letters(mut column: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// A cell's text as it should be kept: each line trimmed, runs of spaces (and
/// the no-break and tab characters Word leaves) collapsed to one, blank lines
/// at the ends dropped; the line breaks between lines are kept.
pub fn clean_text(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            line.split(|c: char| c.is_whitespace())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines[a..=b].join("\n"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_spreadsheet_columns_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn clean_text_collapses_stray_spaces_and_keeps_line_breaks() {
        assert_eq!(
            clean_text("  Иванова\u{a0}\u{a0}А.\tП. \n\n  Петров \n \n"),
            "Иванова А. П.\n\nПетров"
        );
        assert_eq!(clean_text(" \n "), "");
    }

    #[test]
    fn vertical_merges_take_the_text_above() {
        let row = |n, texts: &[(&str, Merge)]| Row {
            number: n,
            cells: texts
                .iter()
                .map(|(t, m)| Cell {
                    text: t.to_string(),
                    merge: *m,
                })
                .collect(),
        };
        let mut t = Table {
            source: Source::Word(1),
            rows: vec![
                row(1, &[("a", Merge::Origin), ("Петров", Merge::Origin)]),
                row(2, &[("b", Merge::Origin), ("", Merge::Above)]),
                row(3, &[("c", Merge::Origin), ("", Merge::Above)]),
            ],
        };
        t.fill_vertical_merges();
        assert_eq!(t.rows[2].cells[1].text, "Петров");
        assert_eq!(
            t.cell_place(&t.rows[2], 1),
            "таблица 1, строка 3, столбец 2"
        );
    }
}
