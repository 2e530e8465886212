//! `vitrina import FILE --as KIND`: a table from Word, Excel, LibreOffice or a
//! CSV file becomes records (contract, section 9).
//!
//! Stages, one module each: a format reader ([`docx`], [`sheet`], CSV through
//! [`crate::tabular::csv`]) gives a neutral [`table::Table`]; [`columns`] names
//! the columns by their headings; [`rows`] tells group headings, repeated
//! headings and empty rows from data; a writer per kind ([`measures`],
//! [`lists`], [`data`]) turns entries into record text through [`emit`]; this
//! module picks the table, refuses to overwrite and prints the summary.

pub mod columns;
pub mod data;
pub mod docx;
pub mod emit;
pub mod lists;
pub mod measures;
pub mod rows;
pub mod sheet;
pub mod table;

use jiff::civil::Date;
use rows::{Mapped, Spec};
use std::path::{Path, PathBuf};
use table::{Document, Source, Table};

/// What the table is: the kind of records to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    #[value(alias = "дорожная-карта")]
    Roadmap,
    #[value(alias = "план")]
    Plan,
    #[value(alias = "отчёт", alias = "отчет")]
    Report,
    #[value(alias = "школы")]
    Schools,
    #[value(alias = "люди")]
    People,
    #[value(alias = "показатель", alias = "кип")]
    Indicator,
    #[value(alias = "мониторинг")]
    Monitoring,
}

/// The options of `vitrina import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// Файл с таблицей: .docx (Word, LibreOffice), .xlsx, .ods или .csv
    #[arg(value_name = "ФАЙЛ")]
    pub file: PathBuf,
    /// Что в таблице
    #[arg(long = "as", value_enum, value_name = "ВИД")]
    pub kind: ImportKind,
    /// Школа дорожной карты (идентификатор, например sosh-10)
    #[arg(long, value_name = "ШКОЛА")]
    pub school: Option<String>,
    /// Центр плана работы (идентификатор, например mnc-1)
    #[arg(long, value_name = "ЦЕНТР")]
    pub centre: Option<String>,
    /// О чём отчёт: полный идентификатор, например roadmaps/sosh-10-2026-2027
    #[arg(long, value_name = "ЗАПИСЬ")]
    pub of: Option<String>,
    /// Учебный год, например 2026/2027 (по умолчанию — текущий)
    #[arg(long, value_name = "ГОД")]
    pub year: Option<String>,
    /// Идентификатор записи (имя файла без расширения)
    #[arg(long, value_name = "ИДЕНТИФИКАТОР")]
    pub id: Option<String>,
    /// Какую таблицу документа взять: 1, 2, … (по умолчанию — ту, чьи заголовки подходят)
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// Какой лист книги взять (по умолчанию — первый)
    #[arg(long, value_name = "ЛИСТ")]
    pub sheet: Option<String>,
    /// Название записи (для мониторинга; для остальных — из документа)
    #[arg(long, value_name = "НАЗВАНИЕ")]
    pub title: Option<String>,
    /// Мониторинг: идентификатор серии, общий для всех лет (например vpr-share-2)
    #[arg(long, value_name = "СЕРИЯ")]
    pub series: Option<String>,
    /// Мониторинг, показатель: что лучше — higher (больше) или lower (меньше)
    #[arg(long, value_name = "НАПРАВЛЕНИЕ")]
    pub better: Option<String>,
    /// Мониторинг: значение, за которым результат низкий
    #[arg(long, value_name = "ПОРОГ")]
    pub threshold: Option<String>,
    /// Не записывать файлы, а показать, что получится
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_parser = parse_today, hide = true)]
    pub today: Option<Date>,
}

/// `--today` (hidden, for tests): an ISO date, read here so the command line
/// stays the only module that knows every command.
fn parse_today(s: &str) -> Result<Date, String> {
    crate::dates::parse_iso(s)
        .ok_or_else(|| format!("дата должна быть в виде ГГГГ-ММ-ДД, а указано «{s}»"))
}

/// A file to write, relative to the site root.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: PathBuf,
    pub text: Vec<u8>,
}

/// What a kind's writer made of the entries.
#[derive(Debug, Default)]
pub struct Written {
    pub files: Vec<Planned>,
    /// Lines for the summary: what was counted, guessed or left out.
    pub notes: Vec<String>,
}

/// Why an import stopped: a message and the exit code (2: could not run,
/// 1: nothing written because records already exist).
#[derive(Debug)]
pub struct ImportError {
    pub message: String,
    pub code: i32,
}

impl ImportError {
    pub fn cannot(message: impl Into<String>) -> Self {
        ImportError {
            message: message.into(),
            code: 2,
        }
    }
}

/// What a writer is given besides the entries.
pub struct Context<'a> {
    pub args: &'a ImportArgs,
    pub root: &'a Path,
    pub today: Date,
    /// The document's text outside the table: paragraphs, and the rows above
    /// the heading row (a title, «по состоянию на …»).
    pub text: Vec<String>,
}

/// The result of a run, for the command line to print.
#[derive(Debug)]
pub struct Outcome {
    /// The summary in Russian, line by line.
    pub summary: Vec<String>,
    /// With `--dry-run`: the files that would be written, with their text.
    pub preview: Vec<Planned>,
    pub written: Vec<PathBuf>,
}

/// Reads the file, maps its table and writes (or, dry, returns) the records.
pub fn run(root: &Path, args: &ImportArgs, today: Date) -> Result<Outcome, ImportError> {
    let doc = read_document(args)?;
    let spec = spec(args.kind);
    let (table, header) = choose_table(&doc, args, &spec)?;
    let mapped = rows::map(table, header, &spec);
    let mut text = doc.paragraphs.clone();
    text.extend(table.rows[..header].iter().flat_map(|r| {
        r.cells
            .iter()
            .filter(|c| c.merge == table::Merge::Origin && !c.text.trim().is_empty())
            .map(|c| table::clean_text(&c.text))
    }));
    let ctx = Context {
        args,
        root,
        today,
        text,
    };
    if mapped.entries.is_empty() {
        return Err(ImportError::cannot(format!(
            "в таблице ({}) под строкой заголовков нет ни одной заполненной строки",
            table.name()
        )));
    }
    let written = match args.kind {
        ImportKind::Roadmap | ImportKind::Plan => measures::work_plan(&ctx, &mapped)?,
        ImportKind::Report => measures::report(&ctx, &mapped)?,
        ImportKind::Schools => lists::schools(&ctx, &mapped)?,
        ImportKind::People => lists::people(&ctx, &mapped)?,
        ImportKind::Indicator => data::indicators(&ctx, &mapped)?,
        ImportKind::Monitoring => data::monitoring(&ctx, &mapped)?,
    };
    for f in &written.files {
        check_path(&f.path)?;
    }
    let mut summary = describe(&doc, table, &mapped, args.kind == ImportKind::Monitoring);
    summary.extend(written.notes);
    summary.extend(unknown_section(&written.files));
    let mut outcome = Outcome {
        summary,
        preview: Vec::new(),
        written: Vec::new(),
    };
    if args.dry_run {
        outcome.preview = written.files;
        return Ok(outcome);
    }
    write_all(root, written.files, &mut outcome)?;
    Ok(outcome)
}

fn spec(kind: ImportKind) -> Spec {
    use columns::*;
    let (vocabulary, key): (_, &'static [&'static str]) = match kind {
        ImportKind::Roadmap | ImportKind::Plan => (MEASURES, &["title"]),
        ImportKind::Report => (REPORT, &["title"]),
        ImportKind::Schools => (SCHOOLS, &["name"]),
        ImportKind::People => (PEOPLE, &["name"]),
        ImportKind::Indicator => (INDICATOR, &["title"]),
        ImportKind::Monitoring => (MONITORING, &["school", "value"]),
    };
    Spec {
        vocabulary,
        key,
        periods: kind == ImportKind::Indicator,
    }
}

fn read_document(args: &ImportArgs) -> Result<Document, ImportError> {
    let path = &args.file;
    let bytes = std::fs::read(path).map_err(|e| {
        ImportError::cannot(format!("не удалось прочитать {}: {e}", path.display()))
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let fail = |why: String| ImportError::cannot(format!("{}: {why}", path.display()));
    match ext.as_str() {
        "docx" => docx::read(&bytes).map_err(fail),
        "xlsx" | "xlsm" | "xls" | "ods" => sheet::read(bytes, args.sheet.as_deref()).map_err(fail),
        "csv" | "txt" => {
            let t = crate::tabular::csv::read(&bytes).map_err(|e| {
                ImportError::cannot(format!(
                    "{}:{}:{}: {}\n  подсказка: {}",
                    path.display(),
                    e.line,
                    e.column,
                    e.message,
                    e.hint
                ))
            })?;
            Ok(csv_document(t))
        }
        "doc" => Err(fail(
            "это документ старого формата Word (.doc); откройте его в Word и сохраните как «Документ Word (.docx)»".into(),
        )),
        _ => Err(fail(
            "такой файл импорт не читает; нужен документ Word (.docx), книга Excel (.xlsx), LibreOffice (.ods) или CSV (.csv)".into(),
        )),
    }
}

fn csv_document(t: crate::tabular::csv::Table) -> Document {
    let rows = t
        .rows
        .into_iter()
        .map(|r| table::Row {
            number: r.line,
            cells: r
                .cells
                .into_iter()
                .map(|c| table::Cell::new(c.text))
                .collect(),
        })
        .collect();
    Document {
        tables: vec![Table {
            source: Source::Csv,
            rows,
        }],
        paragraphs: Vec::new(),
    }
}

/// `--table N`, else the table whose headings fit the kind best (the first of
/// equals). Err names what was expected and what the tables hold.
fn choose_table<'d>(
    doc: &'d Document,
    args: &ImportArgs,
    spec: &Spec,
) -> Result<(&'d Table, usize), ImportError> {
    if doc
        .tables
        .iter()
        .all(|t| t.rows.iter().all(|r| r.is_empty()))
    {
        return Err(ImportError::cannot(format!(
            "{}: в файле нет ни одной таблицы; импорт переносит таблицы (в Word — «Вставка → Таблица»)",
            args.file.display()
        )));
    }
    let expected = || {
        spec.key
            .iter()
            .map(|k| {
                let words = spec
                    .vocabulary
                    .iter()
                    .find(|(f, _)| f == k)
                    .map(|(_, w)| w)
                    .unwrap();
                format!("«{}»", words[..words.len().min(3)].join("», «"))
            })
            .collect::<Vec<_>>()
            .join(" и ")
    };
    if let Some(n) = args.table {
        let table = doc.tables.get(n.wrapping_sub(1)).ok_or_else(|| {
            ImportError::cannot(format!(
                "в файле таблиц — {}, а указано --table {n}",
                doc.tables.len()
            ))
        })?;
        return match rows::score(table, spec) {
            Some((header, _)) => Ok((table, header)),
            None => Err(ImportError::cannot(format!(
                "в таблице {n} не найдена строка заголовков: нужен столбец {} ({}); первая строка: {}",
                expected(),
                table.name(),
                first_row(table)
            ))),
        };
    }
    doc.tables
        .iter()
        .filter_map(|t| rows::score(t, spec).map(|(header, n)| (t, header, n)))
        .max_by_key(|(t, _, n)| (*n, std::cmp::Reverse(position(doc, t))))
        .map(|(t, header, _)| (t, header))
        .ok_or_else(|| {
            let sheets = match doc.tables.first().map(|t| &t.source) {
                Some(Source::Sheet(_)) => " (другой лист книги выбирает --sheet ИМЯ)",
                _ => "",
            };
            ImportError::cannot(format!(
                "{}: не найдена таблица с заголовком {}{sheets}; первая строка таблицы: {}",
                args.file.display(),
                expected(),
                first_row(&doc.tables[0])
            ))
        })
}

fn position(doc: &Document, t: &Table) -> usize {
    doc.tables
        .iter()
        .position(|x| std::ptr::eq(x, t))
        .unwrap_or(0)
}

fn first_row(t: &Table) -> String {
    t.rows
        .iter()
        .find(|r| !r.is_empty())
        .map(|r| {
            r.cells
                .iter()
                .filter(|c| !c.text.trim().is_empty())
                .map(|c| format!("«{}»", table::clean_text(&c.text).replace('\n', " ")))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// The summary's common part: which table, what each column became, which
/// rows and columns were left and why, which other tables were not read.
fn describe(doc: &Document, table: &Table, m: &Mapped, keeps_other_columns: bool) -> Vec<String> {
    let mut out = vec![format!(
        "Прочитано: {}{}, заголовки в строке {}.",
        table.name(),
        if doc.tables.len() > 1 {
            format!(" из {}", doc.tables.len())
        } else {
            String::new()
        },
        table.rows[m.header].number
    )];
    out.push("Столбцы:".into());
    for (heading, column) in &m.columns {
        if heading.is_empty() {
            continue;
        }
        let heading = heading.replace('\n', " ");
        out.push(match column {
            Some(columns::Column::Field("-")) => {
                format!("  «{heading}» — есть в дорожной карте или плане, в отчёт не переносится")
            }
            Some(c) => format!("  «{heading}» → {}", c.describe()),
            None => format!("  «{heading}» — не распознан"),
        });
    }
    for u in &m.unmapped {
        out.push(if keeps_other_columns {
            format!("Перенесён в CSV как есть: {u} (заголовок не распознан).")
        } else {
            format!("Не перенесён {u}: заголовок не распознан, а в столбце есть данные.")
        });
    }
    if !m.skipped.is_empty() {
        out.push("Пропущены строки:".into());
        out.extend(m.skipped.iter().map(|s| format!("  {s}")));
    }
    for other in doc.tables.iter().filter(|t| !std::ptr::eq(*t, table)) {
        out.push(format!(
            "Не перенесена {} (первая строка: {}): выбрать её — --table {}.",
            other.name(),
            first_row(other),
            position(doc, other) + 1
        ));
    }
    out
}

/// Writes every file, never over an existing record with the same id (as
/// `.md`, `.yaml` or `.yml`): those are reported and the rest are written.
fn write_all(root: &Path, files: Vec<Planned>, outcome: &mut Outcome) -> Result<(), ImportError> {
    let mut refused = Vec::new();
    for f in files {
        let full = root.join(&f.path);
        if let Some(existing) = existing_record(&full) {
            refused.push(
                existing
                    .strip_prefix(root)
                    .unwrap_or(&existing)
                    .display()
                    .to_string(),
            );
            continue;
        }
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                ImportError::cannot(format!("не удалось создать папку {}: {e}", dir.display()))
            })?;
        }
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&full)
            .and_then(|mut file| std::io::Write::write_all(&mut file, &f.text));
        match created {
            Ok(()) => outcome.written.push(f.path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                refused.push(f.path.display().to_string())
            }
            Err(e) => {
                return Err(ImportError::cannot(format!(
                    "не удалось записать {}: {e}",
                    full.display()
                )));
            }
        }
    }
    for r in &refused {
        outcome.summary.push(format!(
            "Не записано: {r} уже есть (импорт не перезаписывает записи; другое имя даёт --id)."
        ));
    }
    if outcome.written.is_empty() && !refused.is_empty() {
        return Err(ImportError {
            message: outcome.summary.join("\n"),
            code: 1,
        });
    }
    Ok(())
}

/// The record file that already holds this id, whatever its extension.
fn existing_record(path: &Path) -> Option<PathBuf> {
    if path.extension().is_some_and(|e| e == "csv") {
        return path.exists().then(|| path.to_path_buf());
    }
    ["md", "yaml", "yml"]
        .iter()
        .map(|ext| path.with_extension(ext))
        .find(|p| p.exists())
}

/// A record path made from `--id`, `--school` or a cell stays a plain path
/// inside its section: no `..`, no absolute path, no characters Windows
/// cannot store (an editor's «sosh-10/2026» is a subfolder, which is allowed).
fn check_path(path: &Path) -> Result<(), ImportError> {
    use std::path::Component;
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.to_str().is_some_and(|p| {
            !p.chars()
                .any(|c| c.is_control() || "<>:\"|?*\\".contains(c))
        });
    if plain && path.components().count() >= 3 {
        Ok(())
    } else {
        Err(ImportError::cannot(format!(
            "недопустимое имя записи «{}»: идентификатор — это путь внутри раздела (буквы, цифры, «-», «/»), без «..» и знаков <>:\"|?*\\",
            path.display()
        )))
    }
}

/// People, indicators and monitoring are sections of the contract that this
/// build may not know yet: say so rather than let `check` surprise the editor.
fn unknown_section(files: &[Planned]) -> Option<String> {
    let dir = files.first()?.path.iter().nth(1)?.to_str()?;
    crate::schema::Section::from_dir(dir).is_none().then(|| {
        format!(
            "Внимание: эта версия vitrina ещё не знает раздела {dir}/ — vitrina check покажет записи в нём как invalid-record, пока раздел не появится."
        )
    })
}

/// `content/<section>/<id>.md` for a record id.
pub fn record_path(section: &str, id: &str) -> PathBuf {
    Path::new("content").join(section).join(format!("{id}.md"))
}

/// The academic year: `--year` (2026/2027 or 2026-2027), else the current one.
pub fn academic_year(ctx: &Context) -> Result<crate::dates::AcademicYear, ImportError> {
    match &ctx.args.year {
        Some(y) => crate::dates::AcademicYear::parse(&y.replace('-', "/")).ok_or_else(|| {
            ImportError::cannot(format!(
                "учебный год пишется как 2026/2027, а указано «{y}»"
            ))
        }),
        None => Ok(crate::dates::AcademicYear::containing(ctx.today)),
    }
}

/// An id as the contract writes them: ASCII, lowercase, words joined by `-`.
pub fn id_from(text: &str) -> String {
    crate::translit::slugify(&text.replace(['.', '/'], " "))
}

/// `vitrina import`: runs and prints; returns the exit code (0 written, 1
/// nothing written because the records exist, 2 the import could not run).
pub fn command(root: &Path, args: &ImportArgs) -> i32 {
    let today = args.today.unwrap_or_else(crate::dates::system_today);
    match run(root, args, today) {
        Ok(outcome) => {
            for line in &outcome.summary {
                eprintln!("{line}");
            }
            for p in &outcome.preview {
                println!("# {} (не записан: --dry-run)", p.path.display());
                println!("{}", String::from_utf8_lossy(&p.text));
            }
            for w in &outcome.written {
                println!("Записано: {}", w.display());
            }
            if !outcome.written.is_empty() {
                eprintln!(
                    "Проверьте записи: vitrina check (и откройте их на сайте: vitrina serve)."
                );
            }
            0
        }
        Err(e) => {
            eprintln!("ошибка: {}", e.message);
            e.code
        }
    }
}
