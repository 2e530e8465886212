//! Workbooks (`.xlsx` from Excel, `.ods` from LibreOffice Calc) through
//! calamine: one sheet becomes one table, cells keep their spreadsheet
//! positions (C5), merged ranges become merges, date cells become ISO dates.

use super::table::{Cell, Document, Merge, Row, Source, Table};
use calamine::{Data, Reader};

/// Reads one sheet: `sheet` by name, else the first. Err says in Russian why.
pub fn read(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Document, String> {
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes[..])).map_err(|_| {
            "файл повреждён или это не книга Excel (.xlsx) или LibreOffice (.ods)".to_string()
        })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim().to_lowercase() == wanted.trim().to_lowercase())
            .cloned()
            .ok_or_else(|| {
                format!(
                    "в книге нет листа «{wanted}»; листы: {}",
                    names
                        .iter()
                        .map(|n| format!("«{n}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or("в книге нет ни одного листа")?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("лист «{name}» не удалось прочитать: {e}"))?;
    // Merged ranges: calamine reports them for xlsx and xls; for an .ods they
    // are read here from the sheet's XML.
    let merges = match &mut book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        calamine::Sheets::Ods(_) => ods_merges(&bytes, &name).unwrap_or_default(),
        calamine::Sheets::Xlsb(_) => Vec::new(),
    };
    let mut table = Table {
        source: Source::Sheet(name),
        rows: Vec::new(),
    };
    if let (Some((r0, _)), Some((_, c1))) = (range.start(), range.end()) {
        // Columns from A, so a cell's grid column is its spreadsheet column.
        let width = c1 as usize + 1;
        for (i, cells) in range.rows().enumerate() {
            let offset = width - cells.len();
            let mut row: Vec<Cell> = vec![Cell::default(); offset];
            row.extend(cells.iter().map(|d| Cell::new(cell_text(d))));
            table.rows.push(Row {
                number: r0 as usize + i + 1,
                cells: row,
            });
        }
        for m in merges {
            for r in m.start.0..=m.end.0 {
                for c in m.start.1..=m.end.1 {
                    let merge = if (r, c) == m.start {
                        continue;
                    } else if c == m.start.1 {
                        Merge::Above
                    } else {
                        Merge::Left
                    };
                    if let Some(cell) = r
                        .checked_sub(r0)
                        .and_then(|i| table.rows.get_mut(i as usize))
                        .and_then(|row| row.cells.get_mut(c as usize))
                    {
                        cell.merge = merge;
                    }
                }
            }
        }
        table.fill_vertical_merges();
    }
    Ok(Document {
        tables: vec![table],
        paragraphs: Vec::new(),
    })
}

/// The merged ranges of one sheet of an .ods: cells with
/// `table:number-columns-spanned` / `table:number-rows-spanned`, at positions
/// counted through `…-repeated` rows and cells.
fn ods_merges(bytes: &[u8], sheet: &str) -> Option<Vec<calamine::Dimensions>> {
    use quick_xml::events::{BytesStart, Event};
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut xml = String::new();
    zip.by_name("content.xml")
        .ok()?
        .read_to_string(&mut xml)
        .ok()?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let number = |e: &BytesStart, key: &str| -> u32 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    let (mut in_sheet, mut row, mut col) = (false, 0u32, 0u32);
    let mut merges = Vec::new();
    loop {
        let (e, empty) = match reader.read_event().ok()? {
            Event::Eof => break,
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if e.name().as_ref() == "table:table" && in_sheet => break,
            Event::End(e) if e.name().as_ref() == "table:table-row" && in_sheet => {
                row += 1;
                continue;
            }
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                in_sheet = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == "table:name" && a.value == sheet);
            }
            "table:table-row" if in_sheet => {
                col = 0;
                // An empty repeated row ends without an End event.
                let repeated = number(&e, "table:number-rows-repeated");
                if empty {
                    row += repeated;
                } else {
                    row += repeated - 1;
                }
            }
            "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                let (cols, rows) = (
                    number(&e, "table:number-columns-spanned"),
                    number(&e, "table:number-rows-spanned"),
                );
                if cols > 1 || rows > 1 {
                    merges.push(calamine::Dimensions {
                        start: (row, col),
                        end: (row + rows - 1, col + cols - 1),
                    });
                }
                col += number(&e, "table:number-columns-repeated");
            }
            _ => {}
        }
    }
    Some(merges)
}

/// A cell as the editor sees it in a Russian spreadsheet: numbers with a
/// decimal comma, dates as ISO (the contract's date form).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n"),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "да" } else { "нет" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}")
            }
        }
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((date, "00:00:00")) => date.to_string(),
            _ => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// 14.3 → «14,3», 12.0 → «12».
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string().replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_with_a_decimal_comma() {
        assert_eq!(number(14.3), "14,3");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-0.5), "-0,5");
    }

    #[test]
    fn refuses_what_is_not_a_workbook() {
        let e = read(b"not a workbook".to_vec(), None).unwrap_err();
        assert!(e.contains("не книга"), "{e}");
    }
}
