//! The `data:` table of a monitoring record (contract 7.3), read from the cells
//! the shared CSV reader gives (`tabular::csv`: decoding, separator, quoting and
//! every cell's line and column live there, once, for `vitrina import` too).
//!
//! Here: which column is the school, the subject, the grade and the value (by
//! heading, Russian or English, case and punctuation ignored); the school named by
//! id, `name` or `short_name`; the value as a number with a decimal comma or point.
//! Every other column is kept and shown. Every problem carries the line and column
//! of its cell, so `check` can point into the CSV.

use crate::numbers::parse_decimal;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// One cell as the CSV reader gives it: text, physical line, and the 1-based
/// character position of its start in that line (where a finding points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellIn<'a> {
    pub text: &'a str,
    pub line: usize,
    pub column: usize,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    School,
    Subject,
    Grade,
    Value,
    /// Any other column: kept and shown as written.
    Other,
}

impl Role {
    /// The role of a heading: «Школа», «school», «Наименование ОО», «Значение, %».
    pub fn of_heading(heading: &str) -> Role {
        let key: String = heading
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "school"
            | "школа"
            | "оо"
            | "организация"
            | "образовательнаяорганизация"
            | "наименованиеоо"
            | "наименованиешколы" => Role::School,
            "subject" | "предмет" | "учебныйпредмет" => Role::Subject,
            "grade" | "класс" | "параллель" => Role::Grade,
            "value" | "значение" | "результат" => Role::Value,
            _ => Role::Other,
        }
    }
}

/// Which rule a problem belongs to: a cell that cannot be read (`invalid-record`)
/// or a school that is not on the site (`broken-reference`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Invalid,
    UnknownSchool,
}

/// A problem in the data, at its cell. Messages are in Russian.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// One row of results.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub line: usize,
    /// The school, as the caller's [`SchoolIndex`] identifies it (a record index).
    pub school: usize,
    pub subject: String,
    pub grade: Option<String>,
    /// `None` when the cell is empty (no result that year): shown as «—», not judged.
    pub value: Option<f64>,
    /// The line and column of the value's cell (a quoted cell before it may span
    /// lines): where a finding about the value points.
    pub value_at: (usize, usize),
    /// Every cell of the row as written, in column order (as many as headings).
    pub cells: Vec<String>,
}

/// A data table read: the headings as written, the rows that could be read, and
/// the problems of those that could not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    pub headings: Vec<String>,
    pub roles: Vec<Role>,
    pub rows: Vec<ResultRow>,
    pub problems: Vec<Problem>,
    /// School → its rows' indices in `rows`: a school page looks up its rows in
    /// every table that names it, and a scan per school is quadratic on large sites.
    by_school: HashMap<usize, Vec<usize>>,
}

impl Results {
    /// No rows, one problem: a file that could not be read as a table.
    pub fn failed(problem: Problem) -> Results {
        Results {
            problems: vec![problem],
            ..Results::default()
        }
    }

    /// The rows of one school, in file order.
    pub fn rows_of(&self, school: usize) -> impl Iterator<Item = &ResultRow> {
        self.by_school
            .get(&school)
            .into_iter()
            .flatten()
            .map(|&i| &self.rows[i])
    }
}

/// Schools by every name the data may use: the id within `schools/` (`sosh-10`),
/// `name` and `short_name`, compared ignoring case, quotes and runs of spaces.
#[derive(Debug, Default)]
pub struct SchoolIndex {
    by_key: HashMap<String, Vec<usize>>,
    /// Every name as written on the site, with its key: for «возможно, имелось в виду».
    names: Vec<(String, String)>,
}

impl SchoolIndex {
    /// Adds a school under each of its names (an id and a name may coincide).
    pub fn add(&mut self, school: usize, names: &[&str]) {
        for name in names {
            let key = school_key(name);
            let list = self.by_key.entry(key.clone()).or_default();
            if !list.contains(&school) {
                list.push(school);
            }
            self.names.push((key, name.to_string()));
        }
    }

    /// The site's name closest to a name that matched none, when it is close
    /// enough to be the same name mistyped.
    fn closest(&self, text: &str) -> Option<&str> {
        let keys = self.names.iter().map(|(k, _)| Some(k.as_str()));
        let i = super::most_similar(&school_key(text), keys)?;
        Some(self.names[i].1.as_str())
    }

    /// The school a cell names; `Err` lists the schools when the name is ambiguous.
    fn find(&self, text: &str) -> Result<Option<usize>, usize> {
        match self.by_key.get(&school_key(text)).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([one]) => Ok(Some(*one)),
            Some(many) => Err(many.len()),
        }
    }
}

/// A school's name as compared: NFC (a name typed on a Mac arrives decomposed),
/// lower case, `ё` as `е`, no quotes, single spaces, `N`/`№` before the number
/// written one way («СОШ N1», «сош №1» and «СОШ № 1» are one school), no final
/// full stop.
fn school_key(text: &str) -> String {
    let text: String = text
        .nfc()
        .filter(|c| !matches!(c, '"' | '«' | '»' | '„' | '“' | '”'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    let mut words: Vec<&str> = Vec::new();
    for word in text.trim_end_matches('.').split_whitespace() {
        match word.strip_prefix('№').or_else(|| {
            word.strip_prefix('n')
                .filter(|rest| rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()))
        }) {
            Some(number) => {
                words.push("№");
                if !number.is_empty() {
                    words.push(number);
                }
            }
            None => words.push(word),
        }
    }
    words.join(" ")
}

const HEADINGS_HINT: &str = "первая строка файла — заголовки столбцов: «Школа» (school), «Предмет» (subject), «Значение» (value) и, если нужно, «Класс» (grade)";

/// Reads a data file's bytes: decoded and split by the shared CSV reader
/// (`;` or `,`, UTF-8 with or without BOM or Windows-1251), then [`read`]. A file
/// that is not a CSV table is one problem at the place the reader names.
pub fn read_csv(bytes: &[u8], schools: &SchoolIndex) -> Results {
    let table = match crate::tabular::csv::read(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Results::failed(Problem {
                kind: ProblemKind::Invalid,
                line: e.line,
                column: e.column,
                message: e.message,
                hint: e.hint.to_string(),
            });
        }
    };
    let rows: Vec<Vec<CellIn<'_>>> = table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| CellIn {
                    text: &c.text,
                    line: c.line,
                    column: c.at,
                })
                .collect()
        })
        .collect();
    read(&rows, schools)
}

/// Reads the rows of a data CSV: the first row is the header.
pub fn read(rows: &[Vec<CellIn<'_>>], schools: &SchoolIndex) -> Results {
    let mut out = Results::default();
    let Some(header) = rows.first() else {
        out.problems.push(Problem {
            kind: ProblemKind::Invalid,
            line: 1,
            column: 1,
            message: "файл данных пуст".into(),
            hint: HEADINGS_HINT.into(),
        });
        return out;
    };
    out.headings = header.iter().map(|c| c.text.trim().to_string()).collect();
    out.roles = out.headings.iter().map(|h| Role::of_heading(h)).collect();
    let column_of = |role: Role| out.roles.iter().position(|&r| r == role);
    let header_line = header.first().map_or(1, |c| c.line);
    let mut missing = Vec::new();
    for (role, name) in [
        (Role::School, "«Школа» (school)"),
        (Role::Subject, "«Предмет» (subject)"),
        (Role::Value, "«Значение» (value)"),
    ] {
        if column_of(role).is_none() {
            missing.push(name);
        }
    }
    if !missing.is_empty() {
        out.problems.push(Problem {
            kind: ProblemKind::Invalid,
            line: header_line,
            column: 1,
            message: format!(
                "в заголовке таблицы нет столбца {}; есть: {}",
                missing.join(", "),
                out.headings
                    .iter()
                    .map(|h| format!("«{h}»"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            hint: HEADINGS_HINT.into(),
        });
        return out;
    }
    let (school_col, subject_col, value_col) = (
        column_of(Role::School).unwrap_or(0),
        column_of(Role::Subject).unwrap_or(0),
        column_of(Role::Value).unwrap_or(0),
    );
    let grade_col = column_of(Role::Grade);
    // (school, subject, grade) → the line it was first given on.
    let mut seen: HashMap<(usize, String, String), usize> = HashMap::new();
    for row in &rows[1..] {
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue; // `;;;` lines Excel leaves below a table
        }
        let line = row.first().map_or(0, |c| c.line);
        // A short row (Excel drops trailing empty cells) reads as empty cells,
        // found where the row ends.
        let end = row.last().map_or(1, |c| c.column + c.text.chars().count());
        let cell = |col: usize| {
            row.get(col).copied().unwrap_or(CellIn {
                text: "",
                line,
                column: end,
            })
        };
        let mut problem = |kind, c: CellIn<'_>, message: String, hint: &str| {
            out.problems.push(Problem {
                kind,
                line: c.line,
                column: c.column,
                message,
                hint: hint.to_string(),
            });
        };
        // More cells than headings: most often a decimal comma in a file whose
        // separator is a comma too («21,5» read as 21 and 5). The row is not read.
        if let Some(extra) = row[out.headings.len().min(row.len())..]
            .iter()
            .find(|c| !c.text.trim().is_empty())
        {
            problem(
                ProblemKind::Invalid,
                *extra,
                format!(
                    "в строке больше ячеек ({}), чем столбцов в заголовке ({}); строка не прочитана",
                    row.len(),
                    out.headings.len()
                ),
                "если разделитель в файле — запятая, число с десятичной запятой нужно взять в кавычки (\"21,5\"); проще сохранить таблицу из Excel как «CSV (разделители — точка с запятой)»",
            );
            continue;
        }
        let school_cell = cell(school_col);
        let school_text = school_cell.text.trim();
        let school = match schools.find(school_text) {
            _ if school_text.is_empty() => {
                problem(
                    ProblemKind::Invalid,
                    school_cell,
                    "не указана школа".into(),
                    "впишите идентификатор школы (sosh-10), её полное или краткое название",
                );
                continue;
            }
            Ok(Some(s)) => s,
            Ok(None) => {
                let hint = match schools.closest(school_text) {
                    Some(name) => format!("возможно, имелось в виду «{name}»"),
                    None => "впишите идентификатор школы из content/schools/ (sosh-10), её name или short_name так, как они записаны в карточке школы".into(),
                };
                problem(
                    ProblemKind::UnknownSchool,
                    school_cell,
                    format!("школы «{school_text}» нет на сайте"),
                    &hint,
                );
                continue;
            }
            Err(n) => {
                problem(
                    ProblemKind::UnknownSchool,
                    school_cell,
                    format!("«{school_text}» — так названы несколько школ ({n}), непонятно, какая"),
                    "впишите идентификатор школы из content/schools/ (sosh-10)",
                );
                continue;
            }
        };
        let subject_cell = cell(subject_col);
        let subject = subject_cell.text.trim().to_string();
        if subject.is_empty() {
            problem(
                ProblemKind::Invalid,
                subject_cell,
                "не указан предмет".into(),
                "впишите предмет, например «Математика»",
            );
            continue;
        }
        let value_cell = cell(value_col);
        let value_text = value_cell.text.trim();
        let value = if value_text.is_empty() {
            None
        } else if let Some(v) = parse_decimal(value_text) {
            Some(v)
        } else {
            problem(
                ProblemKind::Invalid,
                value_cell,
                format!("значение «{value_text}» — не число"),
                "впишите число: 14,3 или 14.3; если данных нет, оставьте ячейку пустой",
            );
            continue;
        };
        let grade = grade_col
            .map(|c| cell(c).text.trim().to_string())
            .filter(|g| !g.is_empty());
        let key = (
            school,
            subject.to_lowercase(),
            grade.clone().unwrap_or_default().to_lowercase(),
        );
        if let Some(first) = seen.get(&key) {
            problem(
                ProblemKind::Invalid,
                school_cell,
                format!(
                    "результат этой школы по предмету «{subject}»{} уже дан в строке {first}",
                    grade
                        .as_deref()
                        .map(|g| format!(", класс {g}"))
                        .unwrap_or_default()
                ),
                "оставьте одну строку на школу, предмет и класс",
            );
            continue;
        }
        seen.insert(key, line);
        out.by_school
            .entry(school)
            .or_default()
            .push(out.rows.len());
        out.rows.push(ResultRow {
            line,
            school,
            subject,
            grade,
            value,
            value_at: (value_cell.line, value_cell.column),
            cells: (0..out.headings.len())
                .map(|c| cell(c).text.trim().to_string())
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows split on `;`, one per line from 1, as the CSV reader would give them.
    fn cells(text: &str) -> Vec<Vec<CellIn<'_>>> {
        text.lines()
            .enumerate()
            .map(|(i, l)| {
                let mut at = 1;
                l.split(';')
                    .map(|t| {
                        let cell = CellIn {
                            text: t,
                            line: i + 1,
                            column: at,
                        };
                        at += t.chars().count() + 1;
                        cell
                    })
                    .collect()
            })
            .collect()
    }

    fn schools() -> SchoolIndex {
        let mut s = SchoolIndex::default();
        s.add(10, &["sosh-10", "МБОУ «СОШ № 10»", "СОШ № 10"]);
        s.add(11, &["sosh-11", "МБОУ «СОШ № 11»", "СОШ № 11"]);
        s
    }

    #[test]
    fn reads_russian_headings_names_and_decimal_commas() {
        let got = read(
            &cells(
                "Школа;Предмет;Класс;Значение, %;Примечание\nСОШ № 10;Математика;5;14,3;пересдача\nsosh-11;Математика;5;8;\nмбоу  \"СОШ № 10\";Русский язык;5;;\n",
            ),
            &schools(),
        );
        assert_eq!(got.problems, vec![]);
        assert_eq!(got.roles[3], Role::Value);
        assert_eq!(got.roles[4], Role::Other);
        let r: Vec<_> = got
            .rows
            .iter()
            .map(|r| (r.line, r.school, r.subject.as_str(), r.value))
            .collect();
        assert_eq!(
            r,
            [
                (2, 10, "Математика", Some(14.3)),
                (3, 11, "Математика", Some(8.0)),
                (4, 10, "Русский язык", None)
            ]
        );
        assert_eq!(got.rows[0].cells[4], "пересдача");
        assert_eq!(got.rows[0].grade.as_deref(), Some("5"));
    }

    #[test]
    fn reads_english_headings() {
        let got = read(&cells("school;subject;value\nsosh-10;math;1.5"), &schools());
        assert_eq!(got.problems, vec![]);
        assert_eq!(got.rows[0].value, Some(1.5));
        assert_eq!(got.rows[0].grade, None);
    }

    #[test]
    fn school_names_match_as_editors_type_them() {
        let index = schools();
        for typed in [
            "мбоу  сош №10",
            "МБОУ СОШ N 10",
            "МБОУ СОШ N10",
            "МБОУ «СОШ № 10».",
            "СОШ № 10",
            // Decomposed (NFD), as a Mac writes it: «й» and «ё» are two code points.
            &"МБОУ СОШ № 10".nfd().collect::<String>(),
        ] {
            assert_eq!(index.find(typed), Ok(Some(10)), "{typed:?}");
        }
        assert_eq!(index.find("МБОУ СОШ № 100"), Ok(None));
        assert_eq!(index.closest("МБОУ СШО № 10"), Some("МБОУ «СОШ № 10»"));
    }

    #[test]
    fn a_decimal_comma_in_a_comma_separated_row_is_reported_not_cut() {
        let got = read_csv(
            "Школа,Предмет,Значение\nsosh-10,Математика,21,5\nsosh-11,Математика,\"19,8\"\n"
                .as_bytes(),
            &schools(),
        );
        assert_eq!(got.rows.len(), 1, "only the quoted row is read");
        assert_eq!(got.rows[0].value, Some(19.8));
        let p = &got.problems[0];
        assert_eq!((p.kind, p.line, p.column), (ProblemKind::Invalid, 2, 23));
        assert!(
            p.message
                .contains("больше ячеек (4), чем столбцов в заголовке (3)"),
            "{}",
            p.message
        );
    }

    #[test]
    fn an_unknown_school_is_reported_at_its_cell() {
        let got = read(
            &cells("Предмет;Школа;Значение\nМатематика;СОШ № 99;3\nМатематика;СОШ № 10;4"),
            &schools(),
        );
        assert_eq!(got.rows.len(), 1);
        let p = &got.problems[0];
        assert_eq!(
            (p.kind, p.line, p.column),
            (ProblemKind::UnknownSchool, 2, 12)
        );
        assert!(p.message.contains("«СОШ № 99»"), "{}", p.message);
    }

    #[test]
    fn a_value_that_is_not_a_number_is_reported_at_line_and_column() {
        let got = read(
            &cells(
                "Школа;Предмет;Значение\nsosh-10;Математика;12,5\nsosh-11;Математика;нет данных",
            ),
            &schools(),
        );
        let p = &got.problems[0];
        // The caret goes under the cell: character 20 of its line.
        assert_eq!((p.kind, p.line, p.column), (ProblemKind::Invalid, 3, 20));
        assert!(
            p.message.contains("«нет данных» — не число"),
            "{}",
            p.message
        );
    }

    #[test]
    fn missing_columns_are_named_with_what_there_is() {
        let got = read(&cells("Школа;Доля «2»\nsosh-10;3"), &schools());
        assert_eq!(got.rows, vec![]);
        let p = &got.problems[0];
        assert_eq!((p.line, p.column), (1, 1));
        assert!(p.message.contains("«Предмет»"), "{}", p.message);
        assert!(p.message.contains("«Значение»"), "{}", p.message);
        assert!(
            p.message.contains("есть: «Школа», «Доля «2»»"),
            "{}",
            p.message
        );
    }

    #[test]
    fn a_repeated_row_and_an_ambiguous_name_are_problems() {
        let mut idx = schools();
        idx.add(12, &["sosh-12", "Школа № 1"]);
        idx.add(13, &["sosh-13", "Школа № 1"]);
        let got = read(
            &cells(
                "Школа;Предмет;Значение\nsosh-10;Математика;1\nСОШ № 10;математика;2\nШкола № 1;Математика;3\n;;\n",
            ),
            &idx,
        );
        assert_eq!(got.rows.len(), 1);
        let lines: Vec<_> = got.problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(lines, [(3, 1), (4, 1)]);
        assert!(got.problems[0].message.contains("строке 2"));
        assert!(got.problems[1].message.contains("несколько школ (2)"));
    }

    #[test]
    fn a_short_row_reads_as_empty_cells() {
        let got = read(
            &cells("Школа;Предмет;Значение;Примечание\nsosh-10;Математика"),
            &schools(),
        );
        assert_eq!(got.problems, vec![]);
        assert_eq!(got.rows[0].value, None);
        assert_eq!(got.rows[0].cells.len(), 4);
    }

    /// Windows-1251, as Russian Excel saves «CSV (разделители — запятые)».
    fn cp1251(text: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
    }

    #[test]
    fn reads_a_windows_1251_file_with_semicolons_and_decimal_commas() {
        let bytes = cp1251(
            "Школа;Предмет;Значение;Участников\r\nСОШ № 10;Математика;14,3;25\r\nСОШ № 11;Русский язык;8,75;31\r\n",
        );
        let got = read_csv(&bytes, &schools());
        assert_eq!(got.problems, vec![]);
        let rows: Vec<_> = got
            .rows
            .iter()
            .map(|r| (r.line, r.school, r.subject.as_str(), r.value))
            .collect();
        assert_eq!(
            rows,
            [
                (2, 10, "Математика", Some(14.3)),
                (3, 11, "Русский язык", Some(8.75))
            ]
        );
        assert_eq!(got.headings[3], "Участников");
    }

    #[test]
    fn a_file_that_is_not_csv_is_one_problem() {
        let got = read_csv(b"PK\x03\x04 a workbook", &schools());
        assert_eq!(got.rows, vec![]);
        assert_eq!(got.problems.len(), 1);
        assert!(
            got.problems[0].message.contains("Excel"),
            "{}",
            got.problems[0].message
        );
    }

    #[test]
    fn positions_come_from_the_file_across_a_blank_and_a_quoted_line_break() {
        let text = "school,subject,value\n\n\"sosh-10\",\"Мате-\nматика\",12.5\nsosh-11,Математика,\"12,x\"\n";
        let got = read_csv(text.as_bytes(), &schools());
        assert_eq!(got.rows[0].line, 3);
        // The value is on the line the quoted subject ends on.
        assert_eq!(got.rows[0].value_at, (4, 9));
        let p = &got.problems[0];
        assert_eq!((p.line, p.column), (5, 20));
    }
}
