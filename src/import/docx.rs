//! Word documents (`.docx` from Word or LibreOffice): the tables of the main
//! text with their merges, and the paragraphs around them.
//!
//! A `.docx` is a zip holding `word/document.xml` (WordprocessingML). A table is
//! `w:tbl` → `w:tr` → `w:tc`; a cell merged across columns says
//! `<w:gridSpan w:val="3"/>`, a cell continuing a vertical merge says
//! `<w:vMerge/>` (the first cell of the run says `w:val="restart"`). Paragraphs
//! inside a cell and `w:br` are its line breaks.

use super::table::{Cell, Document, Merge, Row, Source, Table};
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Reads the tables and paragraphs of a `.docx`; Err says in Russian why the
/// bytes are not one.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "файл повреждён или это не документ Word (.docx)".to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| {
            "в архиве нет текста документа Word (word/document.xml): это не .docx".to_string()
        })?
        .read_to_string(&mut xml)
        .map_err(|_| "текст документа Word повреждён".to_string())?;
    parse(&xml).map_err(|e| format!("текст документа Word повреждён: {e}"))
}

/// The part of a table being read.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Row>,
    row: Vec<Cell>,
    cell: String,
    span: usize,
    continues_above: bool,
}

#[derive(Default)]
struct Parser {
    doc: Document,
    /// Nesting of `w:tbl`: a table inside a cell is read as that cell's text.
    depth: usize,
    table: TableBuilder,
    paragraph: String,
    in_text: bool,
    /// Inside `mc:Fallback`: a second copy of content (text boxes) to skip.
    fallback: usize,
}

fn parse(xml: &str) -> Result<Document, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut p = Parser::default();
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) => p.start(&e),
            Event::Empty(e) => {
                p.start(&e);
                p.end(e.local_name().as_ref());
            }
            Event::End(e) => p.end(e.local_name().as_ref()),
            Event::Text(t) if p.in_text && p.fallback == 0 => p.push(&t.xml10_content()),
            Event::GeneralRef(r) if p.in_text && p.fallback == 0 => {
                if let Some(s) = quick_xml::escape::resolve_xml_entity(r.as_ref()) {
                    p.push(s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    p.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    Ok(p.doc)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

impl Parser {
    fn push(&mut self, text: &str) {
        if self.depth > 0 {
            self.table.cell.push_str(text);
        } else {
            self.paragraph.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart) {
        let name = e.local_name();
        if self.fallback > 0 {
            if name.as_ref() == "Fallback" {
                self.fallback += 1;
            }
            return;
        }
        match name.as_ref() {
            "Fallback" => self.fallback = 1,
            "tbl" => {
                self.depth += 1;
                if self.depth == 1 {
                    self.table = TableBuilder::default();
                }
            }
            "tr" if self.depth == 1 => self.table.row.clear(),
            "tc" if self.depth == 1 => {
                self.table.cell.clear();
                self.table.span = 1;
                self.table.continues_above = false;
            }
            "gridBefore" if self.depth == 1 => {
                let n = attr(e, "val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0usize);
                self.table.row.extend((0..n).map(|_| Cell::default()));
            }
            "gridSpan" if self.depth == 1 => {
                self.table.span = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
            }
            "vMerge" if self.depth == 1 => {
                self.table.continues_above = attr(e, "val").is_none_or(|v| v == "continue");
            }
            "t" => self.in_text = true,
            "br" | "cr" => self.push("\n"),
            "tab" => self.push(" "),
            "noBreakHyphen" => self.push("-"),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.fallback > 0 {
            if name == "Fallback" {
                self.fallback -= 1;
            }
            return;
        }
        match name {
            "t" => self.in_text = false,
            "p" if self.depth > 0 => self.table.cell.push('\n'),
            "p" => {
                let text = std::mem::take(&mut self.paragraph);
                let text = text.trim();
                if !text.is_empty() {
                    self.doc.paragraphs.push(text.to_string());
                }
            }
            "tc" if self.depth == 1 => {
                let t = &mut self.table;
                let text = std::mem::take(&mut t.cell);
                let merge = if t.continues_above {
                    Merge::Above
                } else {
                    Merge::Origin
                };
                t.row.push(Cell {
                    text: text.trim_end_matches('\n').to_string(),
                    merge,
                });
                t.row.extend((1..t.span.max(1)).map(|_| Cell {
                    text: String::new(),
                    merge: Merge::Left,
                }));
            }
            "tr" if self.depth == 1 => {
                let t = &mut self.table;
                let number = t.rows.len() + 1;
                t.rows.push(Row {
                    number,
                    cells: std::mem::take(&mut t.row),
                });
            }
            "tbl" => {
                if self.depth == 1 {
                    let rows = std::mem::take(&mut self.table.rows);
                    let mut table = Table {
                        source: Source::Word(self.doc.tables.len() + 1),
                        rows,
                    };
                    table.fill_vertical_merges();
                    self.doc.tables.push(table);
                }
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn reads_spans_vertical_merges_and_line_breaks() {
        let xml = format!(
            r#"<w:document {W}><w:body>
            <w:p><w:r><w:t>По состоянию на 20.11.2026</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Ответственный</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Группа &amp; раздел</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:p><w:r><w:t>Первое</w:t><w:br/><w:t>вторая строка</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Иванова</w:t></w:r></w:p><w:p><w:r><w:t>Петров</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:p><w:r><w:t>Второе</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#
        );
        let doc = parse(&xml).unwrap();
        assert_eq!(doc.paragraphs, ["По состоянию на 20.11.2026"]);
        let t = &doc.tables[0];
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[1].cells[0].text, "Группа & раздел");
        assert_eq!(t.rows[1].cells[1].merge, Merge::Left);
        assert_eq!(t.rows[2].cells[0].text, "Первое\nвторая строка");
        assert_eq!(t.rows[2].cells[1].text, "Иванова\nПетров");
        assert_eq!(t.rows[3].cells[1].merge, Merge::Above);
        assert_eq!(t.rows[3].cells[1].text, "Иванова\nПетров");
    }

    #[test]
    fn refuses_what_is_not_a_docx() {
        let e = read(b"plain text").unwrap_err();
        assert!(e.contains("не документ Word"), "{e}");
    }
}
