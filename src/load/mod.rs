//! Load: walk `content/`, read every record file, split front matter from the
//! Markdown body and read each field into the typed kind of its section.
//! Problems here are `invalid-record` findings; a record with a bad field is still
//! loaded (without that field), so every problem in the site is reported at once.

mod text;

pub use crate::kinds::reader::{suggest_academic_year, suggest_iso_date};
pub use text::{TextError, decode};

use crate::diagnostics::{Finding, RuleId};
use crate::kinds::reader::Reader;
use crate::model::{Pos, Record};
use crate::schema::Section;
use crate::yaml;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use text::split_front_matter;
use walkdir::WalkDir;

/// One record file, read: the record and the problems found in its values (each
/// wrong value is left out of the record), or only problems when the file is
/// not a record at all.
pub type FileResult = Result<(Record, Vec<Finding>), Vec<Finding>>;

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
    let results: Vec<FileResult> = walk
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
    loaded.findings.extend(walk.unreadable.iter().map(|e| {
        let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
        let why = e.io_error().map_or_else(
            || "ссылка указывает сама на себя".to_string(),
            crate::os_error::describe,
        );
        Finding::error(
            RuleId::InvalidRecord,
            format!("не удалось прочитать {path}: {why}; записи в нём не публикуются"),
        )
        .file(&path)
        .hint("проверьте права доступа к папке (Свойства → Безопасность) или скопируйте её заново")
    }));
    for result in results {
        match result {
            Ok((record, findings)) => {
                loaded.records.push(record);
                loaded.findings.extend(findings);
            }
            Err(findings) => loaded.findings.extend(findings),
        }
    }
    loaded
}

/// Reads one record file under `root/content` (`vitrina serve` re-reads only
/// the files that changed).
pub fn load_file(root: &Path, path: &Path) -> FileResult {
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
    /// Folders or files that could not be read (no permission): reported, so no
    /// record vanishes silently.
    unreadable: Vec<walkdir::Error>,
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
    // Each folder's names sorted as it is read: a walk in that order lists the
    // files in path order, which sorting the 10,000 paths afterwards (component by
    // component) took 10 ms of a build's serial start to do.
    let entries = WalkDir::new(content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in entries {
        match entry {
            Ok(e) => walk.add(e),
            // A missing content/ is the caller's to report.
            Err(e) if e.depth() == 0 => {}
            Err(e) => walk.unreadable.push(e),
        }
    }
    debug_assert!(walk.files.is_sorted());
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
) -> FileResult {
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
    // NFC: a name from macOS (NFD) gives the same id as its twin from Windows.
    let id = crate::unicode::nfc(id.trim_start_matches("content/")).into_owned();
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
    let unreadable = |e: std::io::Error| {
        invalid(
            format!(
                "не удалось прочитать файл: {}",
                crate::os_error::describe(&e)
            ),
            1,
            1,
        )
    };
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
) -> FileResult {
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
    if let Some(cr) = crate::unicode::lone_cr(&text) {
        return Err(invalid(
            "строки в файле разделены одним символом CR (так сохраняли старые Mac OS и некоторые программы); строки не различаются".into(),
            cr.line,
            cr.column,
            "сохраните файл заново с переводами строк Windows (CRLF) или Unix (LF): в Блокноте — «Сохранить как», в других редакторах — настройка «Конец строки»",
        ));
    }
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
    let body_line = memchr::memchr_iter(b'\n', &text.as_bytes()[..body_start]).count() + 1;
    if let Some(e) = crate::limits::body_too_long(body, body_line)
        .or_else(|| crate::limits::body_too_heavy(&text, 1))
    {
        return Err(invalid(e.message, e.line, e.column, e.hint));
    }
    if let Some(c) = crate::unicode::control_char(front) {
        return Err(invalid(
            format!(
                "в поле невидимый управляющий символ U+{:04X}; такие символы не показываются и ломают XML",
                c.char as u32
            ),
            c.line + front_line - 1,
            c.column,
            "удалите символ (он часто приходит при копировании из PDF или старых программ): сотрите и наберите заново текст вокруг указанной позиции",
        ));
    }
    let fields = yaml::parse_fields(front, front_line)
        .map_err(|e| invalid(e.message, e.line, e.column, &e.hint))?;

    let mut reader = Reader::new(section, file, id, fields);
    let kind = section.read(&mut reader);
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
    // A record whose address cannot be written is left out (the build would
    // fail at the write); otherwise a wrong value is left out and reported and
    // the record stays, so one run reports the real problem and nothing else:
    // its section is not empty and what points at it does not break.
    let guard = crate::record_guard::check(&record);
    if !guard.is_empty() {
        reader.errors.extend(guard);
        return Err(reader.errors);
    }
    Ok((record, reader.errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_lists_record_files_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        // A folder named like a file's stem, names that sort differently byte by
        // byte and component by component ("a-b" < "a/…" < "a.md"), capitals,
        // Cyrillic with «ё», and a deeper folder.
        for name in [
            "a.md", "a/b.md", "a/c/d.md", "a-b.md", "a b.md", "Z.md", "б/ё.md", "б/е.md", "б.yaml",
            "а.md", "a/c.md",
        ] {
            let path = content.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "---\ntitle: т\n---\n").unwrap();
        }
        let walked: Vec<PathBuf> = walk_content(&content)
            .files
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked.len(), 11);
        assert_eq!(walked, sorted);
    }
}
