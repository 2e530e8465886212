//! CSV files as editors export them from Excel (contract, section 7.3): separator
//! `;` or `,` (Russian Excel writes `;`), UTF-8 with or without BOM or
//! Windows-1251 (Excel's «CSV (разделители — запятые)» on a Russian Windows),
//! numbers with a decimal comma. Every cell keeps the physical line and the
//! 1-based column it was written at, so a problem can be shown as `file:line:col`.
//!
//! ```
//! let bytes = b"\xd8\xea\xee\xeb\xe0;\xc7\xed\xe0\xf7\xe5\xed\xe8\xe5\r\nsosh-10;14,3\r\n";
//! let table = vitrina::tabular::csv::read(bytes).unwrap();
//! assert_eq!(table.encoding, vitrina::tabular::csv::Encoding::Windows1251);
//! assert_eq!(table.delimiter, b';');
//! assert_eq!(table.rows[0].cells[1].text, "Значение");
//! let value = &table.rows[1].cells[1];
//! assert_eq!((value.line, value.column), (2, 2));
//! assert_eq!(vitrina::numbers::parse_decimal(&value.text), Some(14.3));
//! ```

use std::borrow::Cow;

/// How the file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 starting with a byte-order mark (Excel's «CSV UTF-8»).
    Utf8Bom,
    /// UTF-16 with a byte-order mark (Excel's «Текст Юникод», tab-separated).
    Utf16,
    Windows1251,
}

impl Encoding {
    /// The name editors see in «Сохранить как».
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (с BOM)",
            Encoding::Utf16 => "UTF-16",
            Encoding::Windows1251 => "Windows-1251",
        }
    }
}

/// A decoded CSV file: the rows in file order, blank lines left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub encoding: Encoding,
    /// `b';'`, `b','` or `b'\t'`.
    pub delimiter: u8,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The physical line the row starts on (1-based; the header is line 1).
    pub line: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's text, unquoted; a quoted cell may hold line breaks (always `\n`).
    pub text: String,
    /// The physical line the cell starts on (a cell after a multi-line one starts
    /// below its row's first line).
    pub line: usize,
    /// 1-based: the first cell of a row is column 1.
    pub column: usize,
    /// 1-based character position of the cell's first character in its line,
    /// where a finding's caret goes (`sosh-10;14,3`: the value is at 9).
    pub at: usize,
}

/// Why the bytes are not a CSV table, in Russian, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub hint: &'static str,
}

const SAVE_AS_CSV: &str = "в Excel выберите «Файл → Сохранить как» и тип «CSV UTF-8 (разделитель — запятая)» или «CSV (разделители — запятые)»";

/// Decodes, sniffs the separator and splits the file into rows and cells.
pub fn read(bytes: &[u8]) -> Result<Table, CsvError> {
    let (text, encoding) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let rows = split(&text, delimiter)?;
    Ok(Table {
        encoding,
        delimiter,
        rows,
    })
}

/// The text of a CSV file and the encoding it was in. The encoding is decided
/// from the bytes, not assumed: a byte-order mark; else valid UTF-8; else
/// Windows-1251 only when every byte above ASCII is a Cyrillic letter or a
/// character Russian text uses in that code page; anything else is refused.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(CsvError {
            message: format!("это не CSV-файл, а {kind}"),
            line: 1,
            column: 1,
            hint: SAVE_AS_CSV,
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|t| (Cow::Borrowed(t), Encoding::Utf8Bom));
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(CsvError {
                message: format!("файл в кодировке {} повреждён", enc.name()),
                line: 1,
                column: 1,
                hint: SAVE_AS_CSV,
            });
        }
        return Ok((Cow::Owned(text.into_owned()), Encoding::Utf16));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), Encoding::Utf8));
    }
    if looks_like_windows_1251(bytes) {
        let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
        return Ok((Cow::Owned(text.into_owned()), Encoding::Windows1251));
    }
    // Point at the first byte that is not UTF-8: that is where the editor looks.
    let valid = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let (line, column) = line_col(&bytes[..valid]);
    Err(CsvError {
        message: "кодировка файла не распознана: это не UTF-8 и не Windows-1251".into(),
        line,
        column,
        hint: SAVE_AS_CSV,
    })
}

fn utf8(bytes: &[u8]) -> Result<&str, CsvError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(&bytes[..e.valid_up_to()]);
        CsvError {
            message: "файл начинается как UTF-8, но дальше в нём байты не в UTF-8".into(),
            line,
            column,
            hint: SAVE_AS_CSV,
        }
    })
}

/// 1-based line and column (in characters) just after `before`.
fn line_col(before: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(before);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Containers and binaries an editor may pick by mistake (a workbook saved
/// with a `.csv` name, a PDF), named so the editor knows what happened.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some(
            "архив — скорее всего, книга Excel (.xlsx) или документ Word (.docx) с расширением .csv",
        )
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("файл старого формата Excel (.xls) или Word (.doc)")
    } else if bytes.starts_with(b"%PDF") {
        Some("документ PDF")
    } else if bytes.iter().take(4096).any(|&b| b == 0)
        && encoding_rs::Encoding::for_bom(bytes).is_none()
    {
        Some("двоичный файл")
    } else {
        None
    }
}

/// Every byte above ASCII is a Windows-1251 Cyrillic letter (А–я, Ё, ё) or
/// punctuation Russian text uses (№, «», dashes, curly quotes, no-break space,
/// ellipsis, degree), and lowercase letters are not outnumbered by capitals
/// (in KOI8-R, the other Cyrillic code page with letters up there, the two
/// halves are swapped, so ordinary text would look mostly capitalised).
fn looks_like_windows_1251(bytes: &[u8]) -> bool {
    let (mut lower, mut upper) = (0usize, 0usize);
    for &b in bytes.iter().filter(|b| **b >= 0x80) {
        match b {
            0xE0..=0xFF | 0xB8 => lower += 1,
            0xC0..=0xDF | 0xA8 => upper += 1,
            0xB9 | 0xAB | 0xBB | 0x96 | 0x97 | 0x93 | 0x94 | 0x84 | 0xA0 | 0x85 | 0xB0 | 0xB1 => {}
            _ => return false,
        }
    }
    lower + upper > 0 && lower >= upper
}

/// The separator of the header line: the most frequent of `;`, tab and `,`
/// outside quotes; a tie goes to `;` (a Russian header such as «Доля, %;Школа»
/// has both, and Russian Excel separates with `;`).
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d == b {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    // max_by_key keeps the last maximum: scan in reverse preference order.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map_or(b';', |(d, _)| *d)
}

/// The character position in its line of every cell of the record that begins
/// at byte `start` (blank lines before it skipped), following quotes as the csv
/// crate does: a delimiter or line end inside quotes does not end a cell.
fn cell_starts(text: &str, start: usize, delimiter: u8) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut i = start.min(bytes.len());
    while matches!(bytes.get(i), Some(b'\r' | b'\n')) {
        i += 1;
    }
    let column_of = |byte: usize| {
        let line_start = text[..byte].rfind('\n').map_or(0, |n| n + 1);
        text[line_start..byte].chars().count() + 1
    };
    let mut starts = vec![column_of(i)];
    let mut quoted = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if b == delimiter && !quoted => starts.push(column_of(i + 1)),
            _ => {}
        }
        i += 1;
    }
    starts
}

fn split(text: &str, delimiter: u8) -> Result<Vec<Row>, CsvError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    // Lines are counted from byte offsets: the csv crate's own line numbers
    // leave out blank lines, and editors need the line their editor shows.
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    let mut line_of = |byte: usize| {
        // The position is where the previous record ended: blank lines follow.
        let mut byte = byte.min(text.len());
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        line_at += text.as_bytes()[counted_to..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = byte;
        line_at
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let line = line_of(start);
                let starts = cell_starts(text, start, delimiter);
                let mut cell_line = line;
                let cells = record
                    .iter()
                    .enumerate()
                    .map(|(i, raw)| {
                        let cell = Cell {
                            text: raw.replace("\r\n", "\n"),
                            line: cell_line,
                            column: i + 1,
                            at: starts.get(i).copied().unwrap_or(1),
                        };
                        cell_line += raw.matches('\n').count();
                        cell
                    })
                    .collect();
                rows.push(Row { line, cells });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| line_of(p.byte() as usize));
                return Err(CsvError {
                    message: format!("строку не удалось разобрать как CSV: {e}"),
                    line,
                    column: 1,
                    hint: "проверьте кавычки в этой строке: у каждой открывающей должна быть закрывающая",
                });
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1251(text: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
    }

    #[test]
    fn reads_windows_1251_with_semicolons_and_decimal_commas() {
        let bytes = cp1251("Школа;Предмет;Значение\r\nМБОУ СОШ № 10;Математика;14,3\r\n");
        let t = read(&bytes).unwrap();
        assert_eq!(t.encoding, Encoding::Windows1251);
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[0].text, "МБОУ СОШ № 10");
        assert_eq!(
            crate::numbers::parse_decimal(&t.rows[1].cells[2].text),
            Some(14.3)
        );
    }

    #[test]
    fn reads_utf8_with_bom_and_commas() {
        let t = read("\u{feff}school,subject,value\nsosh-10,math,\"14,3\"\n".as_bytes()).unwrap();
        assert_eq!(t.encoding, Encoding::Utf8Bom);
        assert_eq!(t.delimiter, b',');
        assert_eq!(t.rows[0].cells[0].text, "school");
        assert_eq!(t.rows[1].cells[2].text, "14,3");
    }

    #[test]
    fn reads_utf16_from_excel_unicode_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Школа\tЗначение\r\nСОШ 1\t5\r\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let t = read(&bytes).unwrap();
        assert_eq!(t.encoding, Encoding::Utf16);
        assert_eq!(t.delimiter, b'\t');
        assert_eq!(t.rows[1].cells[1].text, "5");
    }

    #[test]
    fn keeps_line_and_column_of_every_cell_across_blank_and_multiline_rows() {
        let t = read("a;b;c\n\n\"x\ny\";2;3\nz;5;6\n".as_bytes()).unwrap();
        let second = &t.rows[1];
        assert_eq!(second.line, 3);
        assert_eq!(second.cells[0].text, "x\ny");
        assert_eq!((second.cells[1].line, second.cells[1].column), (4, 2));
        assert_eq!(t.rows[2].line, 5);
        assert_eq!(t.rows[2].cells[2].column, 3);
    }

    #[test]
    fn a_tie_between_separators_goes_to_semicolon() {
        assert_eq!(sniff_delimiter("Доля, %;Школа\n1,5;x"), b';');
        assert_eq!(sniff_delimiter("a,b,\"c;d\"\n"), b',');
        assert_eq!(sniff_delimiter("одна колонка\n"), b';');
    }

    #[test]
    fn refuses_a_workbook_named_csv() {
        let e = read(b"PK\x03\x04\x14\x00rest").unwrap_err();
        assert!(e.message.contains("Excel"), "{}", e.message);
    }

    #[test]
    fn refuses_bytes_that_are_neither_utf8_nor_windows_1251() {
        // CP866 (DOS) «Школа»: letters below 0xC0 that Windows-1251 reads as symbols.
        let e = read(b"ok;\x98\xaa\xae\xab\xa0\n").unwrap_err();
        assert!(e.message.contains("не распознана"), "{}", e.message);
        assert_eq!((e.line, e.column), (1, 4));
    }

    #[test]
    fn each_cell_knows_its_character_position_in_the_line() {
        let t = read("Школа;Значение\nМБОУ СОШ № 1;\"1;5\";x\n\nsosh-2;3\n".as_bytes()).unwrap();
        let at: Vec<Vec<usize>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.at).collect())
            .collect();
        assert_eq!(at, [vec![1, 7], vec![1, 14, 20], vec![1, 8]]);
        assert_eq!(t.rows[2].cells[1].line, 4);
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_of_the_file_as_excel_reads_it() {
        let t = read(b"a;b\n1;2\n3;\"4\n5;6\n").unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[2].cells[1].text, "4\n5;6\n");
    }
}
