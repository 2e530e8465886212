//! Load: walk `content/`, read every record file, split front matter from the
//! Markdown body and read each field into the typed kind of its section.
//! Problems here are `invalid-record` findings; a record with a bad field is still
//! loaded (without that field), so every problem in the site is reported at once.

use crate::dates::{AcademicYear, Due, parse_iso};
use crate::diagnostics::Finding;
use crate::model::*;
use crate::schema::Section;
use crate::yaml::{self, Field, Node};
use jiff::civil::Date;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Everything found under `content/`: records (drafts included) and load errors.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub findings: Vec<Finding>,
}

const RECORD_EXTENSIONS: [&str; 3] = ["md", "yaml", "yml"];

/// Records larger than this are refused: no editor writes one, and a mistaken
/// upload (a video, a database dump) should not stall the build.
pub const MAX_RECORD_BYTES: u64 = 5 * 1024 * 1024;

/// Reads every record under `root/content`.
pub fn load_content(root: &Path) -> Loaded {
    let content = root.join("content");
    let files = record_files(&content);
    let results: Vec<Result<Record, Vec<Finding>>> = files
        .par_iter()
        .map(|path| load_record(root, &content, path))
        .collect();
    let mut loaded = Loaded::default();
    for result in results {
        match result {
            Ok(record) => loaded.records.push(record),
            Err(findings) => loaded.findings.extend(findings),
        }
    }
    loaded
}

/// Reads one record file under `root/content` (`vitrina serve` re-reads only
/// the files that changed).
pub fn load_file(root: &Path, path: &Path) -> Result<Record, Vec<Finding>> {
    load_record(root, &root.join("content"), path)
}

/// Whether a path under `content/` is a record file (by extension, not hidden).
pub fn is_record_file(content: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(content).unwrap_or(path);
    !rel.components().any(|c| is_hidden(c.as_os_str()))
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| RECORD_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Record files (by extension) under `content/`, skipping hidden files and Word's
/// `~$` lock files, in a stable order.
pub fn record_files(content: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(content)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| RECORD_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    files.sort();
    files
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with("~$")
}

/// The site-relative, `/`-separated form of a path, as findings show it.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn load_record(root: &Path, content: &Path, path: &Path) -> Result<Record, Vec<Finding>> {
    let file = relative(root, path);
    let invalid = |msg: String, line: usize, column: usize| {
        vec![
            Finding::error("invalid-record", msg)
                .file(&file)
                .at(line, column),
        ]
    };
    let rel = path.strip_prefix(content).unwrap_or(path);
    let id = relative(content, &rel.with_extension("")).replace('\\', "/");
    let id = id.trim_start_matches("content/").to_string();
    let first_dir = id.split('/').next().unwrap_or_default();
    let Some(section) = Section::from_dir(first_dir).filter(|_| id.contains('/')) else {
        let dirs: Vec<&str> = Section::ALL.iter().map(|s| s.dir()).collect();
        return Err(invalid(
            format!(
                "файл лежит вне разделов сайта; запись должна быть в одной из папок content/: {}",
                dirs.join(", ")
            ),
            1,
            1,
        ));
    };
    let id_finding = |f: Finding| f.record(&id);

    let meta = std::fs::metadata(path)
        .map_err(|e| invalid(format!("не удалось прочитать файл: {e}"), 1, 1))?;
    if meta.len() > MAX_RECORD_BYTES {
        return Err(invalid(
            format!(
                "файл слишком большой для записи ({} МБ, допустимо до {} МБ); большие материалы прикладывайте как файлы (file:)",
                meta.len() / 1024 / 1024,
                MAX_RECORD_BYTES / 1024 / 1024
            ),
            1,
            1,
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| invalid(format!("не удалось прочитать файл: {e}"), 1, 1))?;
    let text = decode(&bytes).map_err(|msg| invalid(msg, 1, 1))?;

    let is_markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let (front, front_line, body) = if is_markdown {
        split_front_matter(&text).map_err(|(msg, line)| invalid(msg, line, 1))?
    } else {
        (text.as_str(), 1, "")
    };
    // `---`, the fields, `---`, then the body.
    let body_line = if is_markdown && front_line == 2 {
        front.matches('\n').count() + 3
    } else {
        1
    };
    let fields = yaml::parse_fields(front, front_line).map_err(|e| {
        invalid(e.message, e.line, e.column)
            .into_iter()
            .map(id_finding)
            .collect::<Vec<_>>()
    })?;

    let mut reader = Reader::new(section, &file, &id, fields);
    let kind = reader.kind();
    let record = Record {
        title: reader.text("title"),
        updated: reader.date("updated"),
        draft: reader.bool("draft").unwrap_or(false),
        weight: reader.integer("weight"),
        url: String::new(),
        body: body.to_string(),
        body_line,
        pos: Pos {
            line: front_line,
            column: 1,
        },
        fields: reader.written_fields(),
        id: id.clone(),
        section,
        file: file.clone(),
        kind,
    };
    if reader.errors.is_empty() {
        Ok(record)
    } else {
        Err(reader.errors)
    }
}

/// UTF-8 (with or without BOM), CRLF or LF → text with LF line ends.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err("это не текстовый файл (похоже на двоичный: документ Word, картинку или архив); запись должна быть текстом в формате Markdown или YAML".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.replace("\r\n", "\n")),
        Err(e) => {
            let cyrillic_1251 = bytes.iter().filter(|&&b| b >= 0xC0).count();
            let guess = if cyrillic_1251 * 2 > bytes.iter().filter(|&&b| b >= 0x80).count() {
                ", похоже на Windows-1251"
            } else {
                ""
            };
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(format!(
                "файл не в UTF-8{guess} (первый неверный байт в строке {line}); сохраните его как UTF-8: в Блокноте «Сохранить как» → Кодировка: UTF-8"
            ))
        }
    }
}

/// Splits `---\nfields\n---\nbody`. Returns the front matter, the line it starts
/// on, and the body. A Markdown file without front matter is all body.
fn split_front_matter(text: &str) -> Result<(&str, usize, &str), (String, usize)> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        // A record that starts with `name: value` lines has lost its opening `---`.
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if looks_like_field(first) {
            return Err((
                "поля записи должны быть между строками «---»; в начале файла нет строки «---»"
                    .into(),
                1,
            ));
        }
        return Ok(("", 1, text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((front, 2, body));
        }
        offset += line.len();
    }
    Err((
        "блок полей открыт строкой «---», но не закрыт: добавьте строку «---» после последнего поля".into(),
        1,
    ))
}

fn looks_like_field(line: &str) -> bool {
    line.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Reads fields by name into typed values, collecting `invalid-record` findings for
/// wrong types and remembering which fields were read (the rest are unknown).
struct Reader<'a> {
    section: Section,
    file: &'a str,
    id: &'a str,
    fields: Vec<Field>,
    errors: Vec<Finding>,
}

impl<'a> Reader<'a> {
    fn new(section: Section, file: &'a str, id: &'a str, fields: Vec<Field>) -> Self {
        Reader {
            section,
            file,
            id,
            fields,
            errors: Vec::new(),
        }
    }

    fn written_fields(&self) -> Vec<WrittenField> {
        self.fields
            .iter()
            .map(|f| WrittenField {
                name: f.key.clone(),
                pos: Pos {
                    line: f.line,
                    column: f.column,
                },
                empty: f.value.is_empty(),
            })
            .collect()
    }

    fn kind(&mut self) -> Kind {
        match self.section {
            Section::System => Kind::System,
            Section::Schools => Kind::School(School {
                name: self.text("name"),
                short_name: self.text("short_name"),
                categories: self.categories(),
                mentor: self.reference("mentor"),
                curator: self.text("curator"),
                risks: self.risks(),
                address: self.text("address"),
                website: self.text("website"),
            }),
            Section::Centres => Kind::Centre(Centre {
                kind: self.centre_kind(),
                name: self.text("name"),
                base: self.reference("base"),
                head: self.text("head"),
            }),
            Section::Roadmaps => Kind::Roadmap(self.work_plan("school")),
            Section::Plans => Kind::Plan(self.work_plan("centre")),
            Section::Programs => Kind::Program(Program {
                hours: self.integer("hours"),
                form: self.text("form"),
                audience: self.text("audience"),
                provider: self.text("provider"),
                start: self.date("start"),
                end: self.date("end"),
                academic_year: self.academic_year("academic_year"),
                file: self.attachment("file"),
            }),
            Section::Events => Kind::Event(Event {
                date: self.date("date"),
                end_date: self.date("end_date"),
                kind: self.text("kind"),
                place: self.text("place"),
                audience: self.text("audience"),
                organizer: self.text("organizer"),
            }),
            Section::Reports => Kind::Report(Report {
                of: self.reference("of"),
                date: self.date("date"),
                measures: self.measure_statuses(),
                files: self.attachments("files"),
            }),
            Section::Documents => Kind::Document(Document {
                kind: self.text("kind"),
                number: self.text("number"),
                date: self.date("date"),
                file: self.attachment("file"),
            }),
        }
    }

    fn work_plan(&mut self, owner: &str) -> WorkPlan {
        WorkPlan {
            owner: self.reference(owner),
            academic_year: self.academic_year("academic_year"),
            measures: self.measures(),
            approved_by: self.reference("approved_by"),
            reports_due: self.date_list("reports_due"),
        }
    }

    /// The field's value, unless it is absent or empty (the checker reports
    /// required ones as `field-missing`).
    fn get(&self, name: &str) -> Option<(&Node, Pos)> {
        self.fields
            .iter()
            .find(|f| f.key == name && !f.value.is_empty())
            .map(|f| {
                (
                    &f.value,
                    Pos {
                        line: f.line,
                        column: f.column,
                    },
                )
            })
    }

    fn wrong(&mut self, name: &str, pos: Pos, message: String, hint: &str) {
        let mut f = Finding::error("invalid-record", message)
            .record(self.id)
            .file(self.file)
            .at(pos.line, pos.column);
        if !hint.is_empty() {
            f = f.hint(hint);
        }
        let about = self.section.field(name).map(|s| s.about).unwrap_or("");
        if f.hint.is_none() && !about.is_empty() {
            f = f.hint(format!("{name}: {about}"));
        }
        self.errors.push(f);
    }

    fn text(&mut self, name: &str) -> Option<String> {
        let (node, pos) = self.get(name)?;
        match node {
            Node::Str(s) => Some(s.trim().to_string()),
            // A bare number is what an editor means by `number: 285` or `head: 1`.
            Node::Int(_) | Node::Float(_) => node.as_text(),
            other => {
                let msg = format!(
                    "поле «{name}» должно быть строкой, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "");
                None
            }
        }
    }

    fn bool(&mut self, name: &str) -> Option<bool> {
        let (node, pos) = self.get(name)?;
        match node {
            Node::Bool(b) => Some(*b),
            Node::Str(s) if matches!(s.to_lowercase().as_str(), "да" | "true") => Some(true),
            Node::Str(s) if matches!(s.to_lowercase().as_str(), "нет" | "false") => Some(false),
            other => {
                let msg = format!(
                    "поле «{name}» должно быть true или false, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "например: draft: true");
                None
            }
        }
    }

    fn integer(&mut self, name: &str) -> Option<i64> {
        let (node, pos) = self.get(name)?;
        match node {
            Node::Int(i) => Some(*i),
            Node::Str(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            other => {
                let shown = other
                    .as_text()
                    .map(|t| format!("«{t}»"))
                    .unwrap_or_else(|| other.type_name().into());
                let msg = format!("поле «{name}» должно быть целым числом, а здесь {shown}");
                self.wrong(name, pos, msg, "напишите число цифрами, например: 72");
                None
            }
        }
    }

    fn parse_date_node(&mut self, name: &str, node: &Node, pos: Pos) -> Option<Date> {
        let text = node.as_text();
        if let Some(d) = text.as_deref().and_then(parse_iso) {
            return Some(d);
        }
        let shown = text
            .map(|t| format!("«{t}»"))
            .unwrap_or_else(|| node.type_name().into());
        let msg = format!("в поле «{name}» должна быть дата в виде ГГГГ-ММ-ДД, а здесь {shown}");
        self.wrong(
            name,
            pos,
            msg,
            "дата пишется так: 2026-12-31 (год-месяц-день)",
        );
        None
    }

    fn date(&mut self, name: &str) -> Option<Date> {
        let (node, pos) = self.get(name)?;
        let node = node.clone();
        self.parse_date_node(name, &node, pos)
    }

    fn date_list(&mut self, name: &str) -> Vec<Date> {
        let Some((node, pos)) = self.get(name) else {
            return Vec::new();
        };
        let items = match node.clone() {
            Node::List(items) => items,
            single @ Node::Str(_) => vec![single],
            other => {
                let msg = format!(
                    "поле «{name}» должно быть списком дат, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "например: [\"2027-01-15\", \"2027-06-30\"]");
                return Vec::new();
            }
        };
        items
            .iter()
            .filter_map(|n| self.parse_date_node(name, n, pos))
            .collect()
    }

    fn academic_year(&mut self, name: &str) -> Option<AcademicYear> {
        let (node, pos) = self.get(name)?;
        let text = node.as_text();
        if let Some(y) = text.as_deref().and_then(AcademicYear::parse) {
            return Some(y);
        }
        let shown = text
            .map(|t| format!("«{t}»"))
            .unwrap_or_else(|| node.type_name().into());
        let msg = format!(
            "учебный год пишется как \"2026/2027\" (два года подряд через косую черту), а здесь {shown}"
        );
        self.wrong(name, pos, msg, "например: academic_year: \"2026/2027\"");
        None
    }

    fn list_of_text(&mut self, name: &str) -> Vec<(String, Pos)> {
        let Some((node, pos)) = self.get(name) else {
            return Vec::new();
        };
        match node.clone() {
            Node::List(items) => items
                .iter()
                .filter_map(|n| n.as_text())
                .map(|t| (t.trim().to_string(), pos))
                .collect(),
            Node::Str(s) => s
                .split(',')
                .map(|t| (t.trim().to_string(), pos))
                .filter(|(t, _)| !t.is_empty())
                .collect(),
            other => {
                let msg = format!(
                    "поле «{name}» должно быть списком, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "");
                Vec::new()
            }
        }
    }

    fn categories(&mut self) -> Vec<Category> {
        let mut out = Vec::new();
        for (value, pos) in self.list_of_text("categories") {
            match value.to_lowercase().as_str() {
                "shnor" | "шнор" => out.push(Category::Shnor),
                "shssu" | "шссу" => out.push(Category::Shssu),
                _ => self.wrong(
                    "categories",
                    pos,
                    format!("неизвестная категория школы «{value}»"),
                    "допустимы shnor (ШНОР) и shssu (ШССУ)",
                ),
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn risks(&mut self) -> Vec<RiskEntry> {
        self.list_of_text("risks")
            .into_iter()
            .map(|(id, pos)| RiskEntry { id, pos })
            .collect()
    }

    fn centre_kind(&mut self) -> Option<CentreKind> {
        let (_, pos) = self.get("kind")?;
        let value = self.text("kind")?;
        match value.to_lowercase().as_str() {
            "mnc" | "мнц" => Some(CentreKind::Mnc),
            "mtkp" | "мткп" => Some(CentreKind::Mtkp),
            _ => {
                self.wrong(
                    "kind",
                    pos,
                    format!("неизвестный вид центра «{value}»"),
                    "допустимы mnc (МНЦ) и mtkp (МТКП)",
                );
                None
            }
        }
    }

    fn reference(&mut self, name: &str) -> Option<Ref> {
        let (_, pos) = self.get(name)?;
        let written = self.text(name)?;
        Some(Ref {
            written: written.trim_matches('/').to_string(),
            pos,
            target: None,
        })
    }

    fn attachment_at(written: String, pos: Pos) -> Attachment {
        Attachment {
            written,
            pos,
            source: None,
            output_path: String::new(),
            size: 0,
        }
    }

    fn attachment(&mut self, name: &str) -> Option<Attachment> {
        let (_, pos) = self.get(name)?;
        let written = self.text(name)?;
        Some(Self::attachment_at(written, pos))
    }

    fn attachments(&mut self, name: &str) -> Vec<Attachment> {
        self.list_of_text(name)
            .into_iter()
            .map(|(w, pos)| Self::attachment_at(w, pos))
            .collect()
    }

    /// The list of maps under `name`, each with its own reader for `title`, etc.
    fn rows(&mut self, name: &str) -> Vec<(Vec<(String, Node)>, Pos)> {
        let Some((node, pos)) = self.get(name) else {
            return Vec::new();
        };
        let Node::List(items) = node.clone() else {
            let msg = format!(
                "поле «{name}» должно быть списком строк таблицы (каждая строка начинается с «- »), а здесь {}",
                node.type_name()
            );
            self.wrong(name, pos, msg, "");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Node::Map(map) => out.push((map, pos)),
                Node::Str(title) => out.push((vec![("title".to_string(), Node::Str(title))], pos)),
                other => {
                    let msg = format!(
                        "строка {} в «{name}» должна быть набором полей (title: …), а здесь {}",
                        i + 1,
                        other.type_name()
                    );
                    self.wrong(name, pos, msg, "");
                }
            }
        }
        out
    }

    fn row_text(
        &mut self,
        list: &str,
        row: &[(String, Node)],
        key: &str,
        pos: Pos,
    ) -> Option<String> {
        let node = row.iter().find(|(k, _)| k == key).map(|(_, v)| v)?;
        if node.is_empty() {
            return None;
        }
        match node.as_text() {
            Some(t) => Some(t.trim().to_string()),
            None => {
                let msg = format!(
                    "в «{list}» поле «{key}» должно быть строкой, а здесь {}",
                    node.type_name()
                );
                self.wrong(list, pos, msg, "");
                None
            }
        }
    }

    fn measures(&mut self) -> Vec<Measure> {
        let rows = self.rows("measures");
        rows.into_iter()
            .map(|(row, pos)| Measure {
                title: self.row_text("measures", &row, "title", pos),
                due: self
                    .row_text("measures", &row, "due", pos)
                    .map(|t| Due::parse(&t)),
                responsible: self.row_text("measures", &row, "responsible", pos),
                result: self.row_text("measures", &row, "result", pos),
                pos,
            })
            .collect()
    }

    fn measure_statuses(&mut self) -> Vec<MeasureStatus> {
        let rows = self.rows("measures");
        rows.into_iter()
            .map(|(row, pos)| {
                let status = self.row_text("measures", &row, "status", pos).and_then(|s| {
                    let status = parse_status(&s);
                    if status.is_none() {
                        self.wrong(
                            "measures",
                            pos,
                            format!("неизвестная отметка о выполнении «{s}»"),
                            "допустимы done (выполнено), partly (частично), not_done (не выполнено)",
                        );
                    }
                    status
                });
                MeasureStatus {
                    title: self.row_text("measures", &row, "title", pos),
                    status,
                    comment: self.row_text("measures", &row, "comment", pos),
                    pos,
                }
            })
            .collect()
    }
}

fn parse_status(s: &str) -> Option<Status> {
    match s.trim().to_lowercase().replace(' ', "_").as_str() {
        "done" | "выполнено" => Some(Status::Done),
        "partly" | "частично" | "выполнено_частично" => {
            Some(Status::Partly)
        }
        "not_done" | "не_выполнено" => Some(Status::NotDone),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let (front, line, body) = split_front_matter("---\ntitle: A\n---\nТекст\n").unwrap();
        assert_eq!((front, line, body), ("title: A\n", 2, "Текст\n"));
    }

    #[test]
    fn errors_on_unclosed_front_matter() {
        assert!(split_front_matter("---\ntitle: A\nТекст\n").is_err());
    }

    #[test]
    fn errors_on_missing_opening_dashes() {
        assert!(split_front_matter("title: A\n---\nТекст\n").is_err());
    }

    #[test]
    fn decodes_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF---\r\na: 1\r\n").unwrap(),
            "---\na: 1\n"
        );
    }

    #[test]
    fn names_windows_1251() {
        // «Школа» in Windows-1251.
        let err = decode(&[0xD8, 0xEA, 0xEE, 0xEB, 0xE0]).unwrap_err();
        assert!(err.contains("Windows-1251"), "{err}");
    }
}
