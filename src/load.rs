//! Load: walk `content/`, read every record file, split front matter from the
//! Markdown body and read each field into the typed kind of its section.
//! Problems here are `invalid-record` findings; a record with a bad field is still
//! loaded (without that field), so every problem in the site is reported at once.

use crate::dates::{AcademicYear, Due, parse_iso};
use crate::diagnostics::{Finding, RuleId};
use crate::model::*;
use crate::schema::Section;
use crate::yaml::{self, Field, Item, Node};
use jiff::civil::Date;
use rayon::prelude::*;
use std::borrow::Cow;
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
    let walk = walk_content(&content);
    let results: Vec<Result<Record, Vec<Finding>>> = walk
        .files
        .par_iter()
        // One read buffer per job, reused file after file: only the bodies kept
        // are fresh memory (the kernel zeroes every fresh page, and that was a
        // third of `check`).
        .map_init(Vec::new, |buf, (path, is_link)| {
            load_record(root, &content, path, *is_link, buf)
        })
        .collect();
    let mut loaded = Loaded {
        // Sized once: records are large, and a vector grown by doubling leaves
        // each old copy behind as fresh memory touched for nothing.
        records: Vec::with_capacity(results.len()),
        findings: Vec::new(),
    };
    loaded
        .findings
        .extend(linked_dirs_outside(root, &content, &walk.linked_dirs));
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
    load_record(
        root,
        &root.join("content"),
        path,
        path.is_symlink(),
        &mut Vec::new(),
    )
}

/// Whether a path under `content/` is a record file (by extension, not hidden).
pub fn is_record_file(content: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(content).unwrap_or(path);
    !rel.components().any(|c| is_hidden(c.as_os_str())) && is_record_extension(path)
}

/// Record files (by extension) under `content/`, skipping hidden files and Word's
/// `~$` lock files, in a stable order.
pub fn record_files(content: &Path) -> Vec<PathBuf> {
    walk_content(content)
        .files
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}

/// What one walk of `content/` finds.
#[derive(Default)]
struct ContentWalk {
    /// Record files in a stable order, each with whether it is a symlink (the
    /// directory entry says so: no `lstat` per file).
    files: Vec<(PathBuf, bool)>,
    /// Symlinks to folders: where they lead is checked by [`linked_dirs_outside`].
    linked_dirs: Vec<PathBuf>,
}

impl ContentWalk {
    fn add(&mut self, e: walkdir::DirEntry) {
        let is_link = e.path_is_symlink();
        // A symlinked record is listed too: load_record refuses it when it
        // points outside content/.
        let is_file = e.file_type().is_file() || (is_link && e.path().is_file());
        if is_file && is_record_extension(e.path()) {
            self.files.push((e.into_path(), is_link));
        } else if is_link && e.path().is_dir() {
            self.linked_dirs.push(e.into_path());
        }
    }
}

fn walk_content(content: &Path) -> ContentWalk {
    let mut walk = ContentWalk::default();
    let entries = WalkDir::new(content)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
        .filter_map(Result::ok);
    entries.for_each(|e| walk.add(e));
    walk.files.sort();
    walk
}

fn is_record_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| RECORD_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Symlinked folders under `content/` that lead outside it: their files are never
/// read, and the editor is told so.
fn linked_dirs_outside(root: &Path, content: &Path, linked_dirs: &[PathBuf]) -> Vec<Finding> {
    if linked_dirs.is_empty() {
        return Vec::new();
    }
    let Ok(real_content) = content.canonicalize() else {
        return Vec::new();
    };
    linked_dirs
        .iter()
        .filter(|path| {
            path.canonicalize()
                .is_ok_and(|real| !real.starts_with(&real_content))
        })
        .map(|path| {
            Finding::error(
                RuleId::InvalidRecord,
                "папка — символическая ссылка на папку вне content/; её файлы не читаются и не публикуются",
            )
            .file(&relative(root, path))
            .hint("перенесите материалы внутрь папки content/ вместо ссылки")
        })
        .collect()
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

fn load_record(
    root: &Path,
    content: &Path,
    path: &Path,
    is_link: bool,
    buf: &mut Vec<u8>,
) -> Result<Record, Vec<Finding>> {
    let file = relative(root, path);
    let invalid = |msg: String, line: usize, column: usize| {
        vec![
            Finding::error(RuleId::InvalidRecord, msg)
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

    // A symlink is read only when it stays inside content/: a record must not
    // publish /etc/passwd or a file from another project.
    if is_link {
        let inside = match (path.canonicalize(), content.canonicalize()) {
            (Ok(real), Ok(real_content)) => real.starts_with(real_content),
            _ => false,
        };
        if !inside {
            return Err(vec![
                Finding::error(
                    RuleId::InvalidRecord,
                    "файл — символическая ссылка на файл вне папки content/; такие файлы не читаются и не публикуются",
                )
                .record(&id)
                .file(&file)
                .hint("положите саму запись в папку content/ вместо ссылки"),
            ]);
        }
    }
    // Size first, from the open file: a 50 MB upload is refused without reading
    // it. One open, fstat and read per file (no `stat` by path before).
    let unreadable = |e: std::io::Error| invalid(format!("не удалось прочитать файл: {e}"), 1, 1);
    let mut f = std::fs::File::open(path).map_err(unreadable)?;
    let len = f.metadata().map_err(unreadable)?.len();
    if len > MAX_RECORD_BYTES {
        return Err(vec![
            Finding::error(
                RuleId::InvalidRecord,
                format!(
                    "файл слишком большой для записи ({} МБ, допустимо до {} МБ)",
                    len.div_ceil(1024 * 1024),
                    MAX_RECORD_BYTES / 1024 / 1024
                ),
            )
            .record(&id)
            .file(&file)
            .hint("большие материалы (сканы, видео, таблицы) прикладывайте как файлы через поле file: или files:, а в записи оставьте только описание"),
        ]);
    }
    // Up to the size fstat gave, in one read as a rule: `read_to_end` would read
    // 8 KB at a time, then once more to find the end of the file.
    buf.clear();
    // `len` is at most MAX_RECORD_BYTES, so it fits in usize.
    buf.resize(len as usize, 0);
    let mut filled = 0;
    while filled < buf.len() {
        match std::io::Read::read(&mut f, &mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(e)),
        }
    }
    buf.truncate(filled);
    let is_markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    parse_record(&file, &id, section, is_markdown, buf)
}

/// Parses one record from the bytes of its file: decoding, front matter, YAML and
/// every typed field. `file` is the site-relative path shown in findings, `id` the
/// record id. Never panics, whatever the bytes (the fuzz targets call this).
pub fn parse_record(
    file: &str,
    id: &str,
    section: Section,
    is_markdown: bool,
    bytes: &[u8],
) -> Result<Record, Vec<Finding>> {
    let invalid = |msg: String, line: usize, column: usize, hint: &str| {
        let mut f = Finding::error(RuleId::InvalidRecord, msg)
            .record(id)
            .file(file)
            .at(line, column);
        if !hint.is_empty() {
            f = f.hint(hint);
        }
        vec![f]
    };
    let text = decode(bytes).map_err(|e| invalid(e.message, e.line, e.column, e.hint))?;
    if text.trim().is_empty() {
        return Err(invalid(
            "файл пуст: в записи нет ни одного поля".into(),
            1,
            1,
            "если файл сохранился пустым по ошибке, восстановите его (git checkout -- ФАЙЛ); если запись не нужна, удалите файл; образец записи даёт команда vitrina new",
        ));
    }

    let (front, front_line, body) = if is_markdown {
        split_front_matter(&text).map_err(|e| invalid(e.message, e.line, 1, e.hint))?
    } else {
        match split_front_matter(&text) {
            // Fields between `---` lines in a .yaml file, as in a .md one: read
            // them; but a .yaml record has no text after them.
            Ok((front, line, body)) if text.starts_with("---") => {
                if !body.trim().is_empty() {
                    let body_line = text[..text.len() - body.len()].matches('\n').count()
                        + 1
                        + body.lines().take_while(|l| l.trim().is_empty()).count();
                    return Err(invalid(
                        "после полей идёт текст, а в файле .yaml могут быть только поля".into(),
                        body_line,
                        1,
                        "чтобы у записи был текст, переименуйте файл в .md (поля между строками «---», текст после них)",
                    ));
                }
                (front, line, "")
            }
            _ => (&*text, 1, ""),
        }
    };
    if front.trim().is_empty() && body.trim().is_empty() {
        return Err(invalid(
            "запись пуста: между строками «---» нет ни одного поля и после них нет текста".into(),
            1,
            1,
            "впишите поля записи между строками «---», например title: Название",
        ));
    }
    // The body is the end of `text`: it starts on the line after what precedes it.
    let body_start = text.len() - body.len();
    let body_line = text[..body_start].matches('\n').count() + 1;
    let fields = yaml::parse_fields(front, front_line)
        .map_err(|e| invalid(e.message, e.line, e.column, &e.hint))?;

    let mut reader = Reader::new(section, file, id, fields);
    let kind = reader.kind();
    let record = Record {
        title: reader.text("title"),
        updated: reader.date("updated"),
        draft: reader.bool("draft").unwrap_or(false),
        weight: reader.integer("weight"),
        url: String::new(),
        // The only copy of the text: exactly the body.
        body: body.to_string(),
        body_line,
        pos: Pos {
            line: front_line,
            column: 1,
        },
        fields: reader.written_fields(),
        id: id.to_string(),
        section,
        file: file.to_string(),
        kind,
    };
    if reader.errors.is_empty() {
        Ok(record)
    } else {
        Err(reader.errors)
    }
}

/// Why a file's bytes are not a record's text, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct TextError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub hint: &'static str,
}

impl TextError {
    fn at_start(message: String, hint: &'static str) -> Self {
        TextError {
            message,
            line: 1,
            column: 1,
            hint,
        }
    }
}

const SAVE_AS_UTF8: &str = "откройте файл в Блокноте, выберите «Файл → Сохранить как» и внизу в поле «Кодировка» — UTF-8; в Word — «Сохранить как → Обычный текст», кодировка Юникод (UTF-8)";

/// UTF-8 (with or without BOM), CRLF or LF → text with LF line ends. Anything else
/// is named as precisely as we can: UTF-16, Windows-1251, a Word document, a PDF.
/// The text is borrowed from `bytes` unless it had CR LF line ends.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, TextError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(order) = utf16(bytes) {
        return Err(TextError::at_start(
            format!("файл в кодировке UTF-16 ({order}), а записи должны быть в UTF-8"),
            SAVE_AS_UTF8,
        ));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(TextError::at_start(
            format!(
                "это не текстовый файл ({kind}); запись должна быть текстом в формате Markdown или YAML"
            ),
            "документы, картинки и архивы прикладывайте к записи через поле file: или files:, а саму запись пишите текстом (образец даёт команда vitrina new)",
        ));
    }
    // Cyrillic text takes std's slow path, so the check is SIMD. The CR search
    // is a memchr: most files have none, and then the text is not copied.
    match crate::utf8::str_from(bytes) {
        Ok(text) if text.contains('\r') => Ok(Cow::Owned(text.replace("\r\n", "\n"))),
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => Err(not_utf8(bytes, e.valid_up_to())),
    }
}

/// Where bytes stop being UTF-8, and what they probably are instead.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> TextError {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    // Windows-1251 Cyrillic letters are 0xC0–0xFF (plus Ё/ё 0xA8/0xB8).
    let cyrillic_1251 = bytes
        .iter()
        .filter(|&&b| b >= 0xC0 || b == 0xA8 || b == 0xB8)
        .count();
    let guess = if cyrillic_1251 * 2 > high {
        ", похоже на Windows-1251"
    } else {
        ""
    };
    let valid = &bytes[..valid_up_to];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // The prefix is valid UTF-8, so this cannot fail; 1 is only a fallback.
    let column = std::str::from_utf8(&valid[line_start..])
        .map_or(1, |t| t.trim_end_matches('\r').chars().count() + 1);
    TextError {
        message: format!(
            "файл не в UTF-8{guess}: первый неверный символ в строке {line}; сохраните файл как UTF-8"
        ),
        line,
        column,
        hint: SAVE_AS_UTF8,
    }
}

/// "UTF-16 LE"/"UTF-16 BE" when the bytes are UTF-16 text: by the byte-order mark,
/// or, without one, by the zero bytes that ASCII letters get in every other place.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("Little Endian, с меткой BOM");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("Big Endian, с меткой BOM");
    }
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Latin text and YAML punctuation make a zero in (almost) every pair; Cyrillic
    // (U+04xx) makes 0x04 instead, so require zeros in a third of the pairs only.
    if odd * 3 >= pairs && even * 20 <= pairs {
        Some("Little Endian, без метки BOM")
    } else if even * 3 >= pairs && odd * 20 <= pairs {
        Some("Big Endian, без метки BOM")
    } else {
        None
    }
}

/// What a binary file probably is, when it is one: by its signature, else by a
/// zero byte (which no text file holds).
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 8] = [
        (b"%PDF", "документ PDF"),
        (
            b"PK\x03\x04",
            "архив ZIP или документ Word/Excel в формате DOCX/XLSX",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "документ Word или Excel старого формата (DOC/XLS)",
        ),
        (b"{\\rtf", "документ RTF"),
        (b"\x89PNG", "картинка PNG"),
        (b"\xFF\xD8\xFF", "картинка JPEG"),
        (b"GIF8", "картинка GIF"),
        (b"Rar!", "архив RAR"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    bytes
        .contains(&0)
        .then_some("похоже на двоичный: документ, картинку или архив")
}

/// Splits `---\nfields\n---\nbody`. Returns the front matter, the line it starts
/// on, and the body. A Markdown file without front matter is all body.
fn split_front_matter(text: &str) -> Result<(&str, usize, &str), TextError> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        // A record that starts with `name: value` lines has lost its opening `---`.
        let (index, first) = text
            .lines()
            .enumerate()
            .find(|(_, l)| !l.trim().is_empty())
            .unwrap_or((0, ""));
        if looks_like_field(first) {
            return Err(TextError {
                message:
                    "поля записи должны быть между строками «---»; в начале файла нет строки «---»"
                        .into(),
                line: index + 1,
                column: 1,
                hint: "первой строкой файла напишите «---», затем поля, затем ещё одну строку «---» и после неё текст",
            });
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
    Err(TextError {
        message: "блок полей открыт строкой «---», но не закрыт".into(),
        line: 1,
        column: 1,
        hint: "добавьте строку «---» после последнего поля, перед текстом записи",
    })
}

fn looks_like_field(line: &str) -> bool {
    line.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// One item of a list of maps (`measures`): its fields, where it starts, and where
/// its keys are written.
type Row = (Vec<(String, Node)>, Pos, Item);

/// Reads fields by name into typed values, collecting `invalid-record` findings for
/// wrong types and remembering which fields were read (the rest are unknown).
struct Reader<'a> {
    section: Section,
    file: &'a str,
    id: &'a str,
    fields: Vec<Field>,
    /// Field index by key, so reading stays linear however many fields a file has.
    by_key: std::collections::HashMap<String, usize>,
    errors: Vec<Finding>,
}

impl<'a> Reader<'a> {
    fn new(section: Section, file: &'a str, id: &'a str, fields: Vec<Field>) -> Self {
        let mut by_key = std::collections::HashMap::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            by_key.entry(f.key.clone()).or_insert(i);
        }
        Reader {
            section,
            file,
            id,
            fields,
            by_key,
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
                website: self.web_address("website"),
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

    /// The field's value and where the value is written, unless it is absent or
    /// empty (the checker reports required ones as `field-missing`).
    fn get(&self, name: &str) -> Option<(&Node, Pos)> {
        self.field(name).filter(|f| !f.value.is_empty()).map(|f| {
            (
                &f.value,
                Pos {
                    line: f.value_at.0,
                    column: f.value_at.1,
                },
            )
        })
    }

    /// Where the `index`-th item of the list under `name` is written, else `fallback`.
    fn item(&self, name: &str, index: usize) -> Option<Item> {
        self.field(name).and_then(|f| f.items.get(index).cloned())
    }

    fn field(&self, name: &str) -> Option<&Field> {
        self.by_key.get(name).map(|&i| &self.fields[i])
    }

    fn item_pos(&self, name: &str, index: usize, fallback: Pos) -> Pos {
        self.item(name, index).map_or(fallback, |i| Pos {
            line: i.line,
            column: i.column,
        })
    }

    fn wrong(&mut self, name: &str, pos: Pos, message: String, hint: &str) {
        let mut f = Finding::error(RuleId::InvalidRecord, message)
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

    /// A web address for a link: `https://…`/`http://…`, or a bare domain
    /// (`sosh1.ru`) given `https://`. Anything else (`javascript:…`) is refused, so
    /// no field value can become a script link on the site.
    fn web_address(&mut self, name: &str) -> Option<String> {
        let (_, pos) = self.get(name)?;
        let written = self.text(name)?;
        let address = web_address(&written);
        if address.is_none() {
            self.wrong(
                name,
                pos,
                format!("в поле «{name}» должен быть адрес сайта, а здесь «{written}»"),
                "адрес пишется так: https://sosh1.example.ru (допустимы только http:// и https://)",
            );
        }
        address
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
        let hint = match node.as_text().as_deref().and_then(suggest_iso_date) {
            Some(iso) => format!("дата пишется как год-месяц-день: {name}: {iso}"),
            None => "дата пишется как год-месяц-день (ГГГГ-ММ-ДД), например 2026-12-31".into(),
        };
        self.wrong(name, pos, msg, &hint);
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
            .enumerate()
            .filter_map(|(i, n)| {
                let at = self.item_pos(name, i, pos);
                self.parse_date_node(name, n, at)
            })
            .collect()
    }

    fn academic_year(&mut self, name: &str) -> Option<AcademicYear> {
        let (node, pos) = self.get(name)?;
        let text = node.as_text();
        if let Some(y) = text.as_deref().and_then(AcademicYear::parse) {
            return Some(y);
        }
        let suggested = text.as_deref().and_then(suggest_academic_year);
        let shown = text
            .map(|t| format!("«{t}»"))
            .unwrap_or_else(|| node.type_name().into());
        let msg = format!(
            "учебный год пишется как \"2026/2027\" (два года подряд через косую черту), а здесь {shown}"
        );
        let hint = match suggested {
            Some(year) => format!("напишите: {name}: \"{year}\""),
            None => {
                format!("например: {name}: \"2026/2027\" (с 1 сентября 2026 по 31 августа 2027)")
            }
        };
        self.wrong(name, pos, msg, &hint);
        None
    }

    fn list_of_text(&mut self, name: &str) -> Vec<(String, Pos)> {
        let Some((node, pos)) = self.get(name) else {
            return Vec::new();
        };
        match node.clone() {
            Node::List(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| Some((n.as_text()?, self.item_pos(name, i, pos))))
                .map(|(t, at)| (t.trim().to_string(), at))
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

    /// The list of maps under `name`, each with where its item is written.
    fn rows(&mut self, name: &str) -> Vec<Row> {
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
            let at = self.item(name, i).unwrap_or(Item {
                line: pos.line,
                column: pos.column,
                keys: Vec::new(),
            });
            let pos = Pos {
                line: at.line,
                column: at.column,
            };
            match item {
                Node::Map(map) => out.push((map, pos, at)),
                Node::Str(title) => {
                    out.push((vec![("title".to_string(), Node::Str(title))], pos, at))
                }
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
        at: &Item,
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
                let (line, column) = at.key_at(key);
                self.wrong(list, Pos { line, column }, msg, "");
                None
            }
        }
    }

    fn measures(&mut self) -> Vec<Measure> {
        let rows = self.rows("measures");
        rows.into_iter()
            .map(|(row, pos, at)| Measure {
                title: self.row_text("measures", &row, "title", &at),
                due: self
                    .row_text("measures", &row, "due", &at)
                    .map(|t| Due::parse(&t)),
                responsible: self.row_text("measures", &row, "responsible", &at),
                result: self.row_text("measures", &row, "result", &at),
                pos,
            })
            .collect()
    }

    fn measure_statuses(&mut self) -> Vec<MeasureStatus> {
        let rows = self.rows("measures");
        rows.into_iter()
            .map(|(row, pos, at)| {
                let status = self.row_text("measures", &row, "status", &at).and_then(|s| {
                    let status = parse_status(&s);
                    if status.is_none() {
                        let (line, column) = at.key_at("status");
                        self.wrong(
                            "measures",
                            Pos { line, column },
                            format!("неизвестная отметка о выполнении «{s}»"),
                            "допустимы done (выполнено), partly (частично), not_done (не выполнено)",
                        );
                    }
                    status
                });
                MeasureStatus {
                    title: self.row_text("measures", &row, "title", &at),
                    status,
                    comment: self.row_text("measures", &row, "comment", &at),
                    pos,
                }
            })
            .collect()
    }
}

/// A link-safe web address: `http(s)://` kept, a bare domain given `https://`,
/// anything else (another scheme, spaces, quotes) None.
pub fn web_address(written: &str) -> Option<String> {
    let t = written.trim();
    if t.is_empty()
        || t.chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`".contains(c))
    {
        return None;
    }
    let lower = t.to_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(t.to_string());
    }
    let host = lower.split(['/', '?', '#']).next().unwrap_or("");
    let bare_domain = !lower.contains(':')
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    bare_domain.then(|| format!("https://{t}"))
}

/// The ISO form of a date written the Russian way (`31.12.2026`, `31/12/2026`,
/// `31-12-2026`, `2026.12.31`, with or without «г.»), when it is a real date.
pub fn suggest_iso_date(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_end_matches('.')
        .trim_end_matches(" г")
        .trim();
    let parts: Vec<&str> = t
        .split(['.', '/', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let all_digits = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !all_digits || parts.iter().any(|p| p.len() > 4) {
        return None;
    }
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let year: i16 = match year.len() {
        4 => year.parse().ok()?,
        2 => 2000 + year.parse::<i16>().ok()?,
        _ => return None,
    };
    let date = Date::new(year, month.parse().ok()?, day.parse().ok()?).ok()?;
    Some(date.to_string())
}

/// `"2026/2027"` for an academic year written another way: `2026-2027`,
/// `2026–2027`, `2026 - 2027`, `2026/27`, `2026-27 уч. год`.
pub fn suggest_academic_year(text: &str) -> Option<String> {
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let [first, second] = numbers.as_slice() else {
        return None;
    };
    let start: i16 = first.parse().ok().filter(|_| first.len() == 4)?;
    let end: i16 = match second.len() {
        4 => second.parse().ok()?,
        2 => start / 100 * 100 + second.parse::<i16>().ok()?,
        _ => return None,
    };
    ((1900..3000).contains(&start) && end == start + 1).then(|| format!("{start}/{end}"))
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
    fn crlf_becomes_lf_but_a_lone_cr_stays() {
        assert_eq!(decode(b"a\r\nb\rc\r\r\n").unwrap(), "a\nb\rc\r\n");
        // Text without CR is not copied.
        assert!(matches!(decode(b"a\nb\n").unwrap(), Cow::Borrowed(_)));
        let err = decode(b"a: 1\r\nb: \xFF\r\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 4), "{err:?}");
    }

    #[test]
    fn suggests_iso_dates_and_academic_years() {
        assert_eq!(
            suggest_iso_date("31.12.2026").as_deref(),
            Some("2026-12-31")
        );
        assert_eq!(
            suggest_iso_date("1.9.2026 г.").as_deref(),
            Some("2026-09-01")
        );
        assert_eq!(
            suggest_iso_date("2026.12.31").as_deref(),
            Some("2026-12-31")
        );
        assert_eq!(suggest_iso_date("31.02.2026"), None);
        assert_eq!(suggest_iso_date("в течение года"), None);
        assert_eq!(
            suggest_academic_year("2026-2027").as_deref(),
            Some("2026/2027")
        );
        assert_eq!(
            suggest_academic_year("2026–27 уч. год").as_deref(),
            Some("2026/2027")
        );
        assert_eq!(suggest_academic_year("2026-2028"), None);
    }

    #[test]
    fn web_addresses_are_links_or_refused() {
        assert_eq!(
            web_address("https://sosh1.example.ru").as_deref(),
            Some("https://sosh1.example.ru")
        );
        assert_eq!(
            web_address("школа1.рф/about").as_deref(),
            Some("https://школа1.рф/about")
        );
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "https://a.ru\" onmouseover=\"x",
            "нет сайта",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_utf16_with_and_without_bom() {
        let le: Vec<u8> = "name: Школа\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert!(decode(&with_bom).unwrap_err().message.contains("UTF-16"));
        assert!(decode(&le).unwrap_err().message.contains("UTF-16"));
        let be: Vec<u8> = "title: x\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert!(decode(&be).unwrap_err().message.contains("Big Endian"));
    }

    #[test]
    fn names_windows_1251() {
        // «Школа» in Windows-1251.
        let err = decode(b"name: \xD8\xEA\xEE\xEB\xE0").unwrap_err();
        assert!(err.message.contains("Windows-1251"), "{err:?}");
        assert_eq!((err.line, err.column), (1, 7));
    }
}
