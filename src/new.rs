//! `vitrina new KIND ID`: a new record with every field its section takes,
//! commented in Russian. The fields, their order and their comments come from
//! [`crate::schema`], the same table the loader and the checker read.

use crate::dates::AcademicYear;
use crate::schema::{FieldSpec, FieldType, MEASURE_FIELDS, MEASURE_STATUS_FIELDS, Section};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What `vitrina new` was asked for.
pub struct NewOptions {
    pub root: PathBuf,
    pub kind: String,
    pub id: String,
    pub school: Option<String>,
    pub centre: Option<String>,
    pub of: Option<String>,
    pub year: Option<String>,
    pub today: Date,
}

/// Why no record was written: the message (Russian) and the exit code
/// (2: bad arguments or no site; 1: the site refuses — file exists, reference to
/// a record that does not exist).
#[derive(Debug)]
pub struct NewError {
    pub code: i32,
    pub message: String,
}

fn bad_args(message: impl Into<String>) -> NewError {
    NewError {
        code: 2,
        message: message.into(),
    }
}

fn refused(message: impl Into<String>) -> NewError {
    NewError {
        code: 1,
        message: message.into(),
    }
}

/// The section a KIND names: the English kind, the section folder, or a Russian word.
pub fn parse_kind(kind: &str) -> Option<Section> {
    let k = kind.trim().to_lowercase().replace(['ё'], "е");
    let s = match k.as_str() {
        "system" | "система" | "страница" => Section::System,
        "school" | "школа" => Section::Schools,
        "centre" | "center" | "центр" | "мнц" | "мткп" | "mnc" | "mtkp" => {
            Section::Centres
        }
        "roadmap" | "дорожная-карта" | "дорожная_карта" | "карта" => {
            Section::Roadmaps
        }
        "plan" | "план" => Section::Plans,
        "program" | "programme" | "программа" => Section::Programs,
        "event" | "мероприятие" | "анонс" => Section::Events,
        "report" | "отчет" => Section::Reports,
        "document" | "документ" | "приказ" => Section::Documents,
        other => return Section::from_dir(other),
    };
    Some(s)
}

const KINDS_HELP: &str = "school (школа), centre (центр), roadmap (дорожная-карта), plan (план), program (программа), event (мероприятие), report (отчёт), document (документ), system (система)";

/// Record files of these sections are data only (`.yaml`); the rest have a body.
fn extension(section: Section) -> &'static str {
    match section {
        Section::Schools | Section::Centres => "yaml",
        _ => "md",
    }
}

/// Checks an id as written (`sosh-10`, `2026/seminar-okt`, or with the section
/// folder in front) and returns it without the section folder.
fn clean_id(section: Section, id: &str) -> Result<String, NewError> {
    let id = id.trim().replace('\\', "/");
    let id = id
        .strip_prefix(&format!("{}/", section.dir()))
        .unwrap_or(&id)
        .to_string();
    let id = ["md", "yaml", "yml"]
        .iter()
        .find_map(|e| id.strip_suffix(&format!(".{e}")))
        .unwrap_or(&id)
        .to_string();
    let bad = id.is_empty()
        || id.starts_with('/')
        || id.contains(':')
        || id
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == ".." || part.starts_with('.'));
    if bad {
        return Err(bad_args(format!(
            "недопустимый идентификатор «{id}»: это имя файла без расширения, например sosh-10 или 2026/seminar-okt (без «..», без пустых частей и без точки в начале)"
        )));
    }
    Ok(id)
}

/// The existing record file of an id, any extension.
fn existing_file(root: &Path, full_id: &str) -> Option<PathBuf> {
    ["md", "yaml", "yml"]
        .iter()
        .map(|e| root.join("content").join(format!("{full_id}.{e}")))
        .find(|p| p.is_file())
}

/// Checks that a reference names an existing record; returns the value to write.
fn reference(
    root: &Path,
    option: &str,
    written: &str,
    section: Option<Section>,
) -> Result<String, NewError> {
    let written = written.trim().trim_matches('/').to_string();
    let (full, shown) = match section {
        Some(s) => {
            let short = written
                .strip_prefix(&format!("{}/", s.dir()))
                .unwrap_or(&written)
                .to_string();
            (format!("{}/{short}", s.dir()), short)
        }
        None => {
            let first = written.split('/').next().unwrap_or_default();
            let ok = matches!(
                Section::from_dir(first),
                Some(Section::Events | Section::Roadmaps | Section::Plans)
            );
            if !ok || !written.contains('/') {
                return Err(bad_args(format!(
                    "в --{option} укажите полный идентификатор мероприятия, дорожной карты или плана, например events/seminar-okt или roadmaps/sosh-3-2026-2027; указано «{written}»"
                )));
            }
            (written.clone(), written.clone())
        }
    };
    if full
        .split('/')
        .any(|p| p.is_empty() || p == "." || p == "..")
    {
        return Err(bad_args(format!("недопустимый идентификатор «{written}»")));
    }
    if existing_file(root, &full).is_none() {
        let hint = match section {
            Some(s) => format!(
                "{} ищется в папке content/{}/; сначала создайте её: vitrina new {} …",
                s.record_ru(),
                s.dir(),
                kind_word(s)
            ),
            None => "проверьте идентификатор: путь под content/ без расширения".to_string(),
        };
        return Err(refused(format!(
            "в --{option} указано «{written}», но записи {full} нет; {hint}"
        )));
    }
    Ok(shown)
}

fn kind_word(s: Section) -> &'static str {
    match s {
        Section::System => "system",
        Section::Schools => "school",
        Section::Centres => "centre",
        Section::Roadmaps => "roadmap",
        Section::Plans => "plan",
        Section::Programs => "program",
        Section::Events => "event",
        Section::Reports => "report",
        Section::Documents => "document",
    }
}

/// Writes the new record; returns its path.
pub fn run(opts: &NewOptions) -> Result<PathBuf, NewError> {
    let Some(section) = parse_kind(&opts.kind) else {
        return Err(bad_args(format!(
            "неизвестный вид записи «{}»; допустимы: {KINDS_HELP}",
            opts.kind
        )));
    };
    if !opts.root.join("site.toml").is_file() {
        return Err(bad_args(format!(
            "в папке {} нет site.toml: запустите команду в папке сайта, укажите её через --root или создайте сайт: vitrina init ПАПКА",
            opts.root.display()
        )));
    }
    let id = clean_id(section, &opts.id)?;
    let full_id = format!("{}/{id}", section.dir());

    // Which option fills which field, for this kind.
    let mut values: Vec<(&'static str, String)> = Vec::new();
    let applicable: &[&str] = match section {
        Section::Schools => &["school"],
        Section::Centres => &["school"],
        Section::Roadmaps => &["school", "year"],
        Section::Plans => &["centre", "year"],
        Section::Programs => &["year"],
        Section::Reports => &["of"],
        _ => &[],
    };
    for (name, given) in [
        ("school", &opts.school),
        ("centre", &opts.centre),
        ("of", &opts.of),
        ("year", &opts.year),
    ] {
        if given.is_some() && !applicable.contains(&name) {
            return Err(bad_args(format!(
                "параметр --{name} не подходит для записи вида «{}»",
                section.record_ru()
            )));
        }
    }
    let need = |name: &str, what: &str| {
        bad_args(format!(
            "для записи вида «{}» укажите {what}: --{name} ИДЕНТИФИКАТОР",
            section.record_ru()
        ))
    };
    match section {
        Section::Schools => {
            if let Some(s) = &opts.school {
                values.push((
                    "mentor",
                    reference(&opts.root, "school", s, Some(Section::Schools))?,
                ));
            }
        }
        Section::Centres => {
            // `vitrina new мнц …` / `mtkp …`: the kind of centre is known.
            match opts.kind.trim().to_lowercase().as_str() {
                "мнц" | "mnc" => values.push(("kind", "mnc".to_string())),
                "мткп" | "mtkp" => values.push(("kind", "mtkp".to_string())),
                _ => {}
            }
            if let Some(s) = &opts.school {
                values.push((
                    "base",
                    reference(&opts.root, "school", s, Some(Section::Schools))?,
                ));
            }
        }
        Section::Roadmaps => {
            let s = opts
                .school
                .as_ref()
                .ok_or_else(|| need("school", "школу"))?;
            values.push((
                "school",
                reference(&opts.root, "school", s, Some(Section::Schools))?,
            ));
        }
        Section::Plans => {
            let c = opts
                .centre
                .as_ref()
                .ok_or_else(|| need("centre", "центр"))?;
            values.push((
                "centre",
                reference(&opts.root, "centre", c, Some(Section::Centres))?,
            ));
        }
        Section::Reports => {
            let of = opts
                .of
                .as_ref()
                .ok_or_else(|| need("of", "о чём отчёт (мероприятие, дорожную карту или план)"))?;
            values.push(("of", reference(&opts.root, "of", of, None)?));
        }
        _ => {}
    }
    if section.field("academic_year").is_some() {
        let year = match &opts.year {
            Some(y) => AcademicYear::parse(&y.replace(['-', '–'], "/")).ok_or_else(|| {
                bad_args(format!(
                    "учебный год пишется как 2026/2027, а указано «{y}»"
                ))
            })?,
            None => AcademicYear::containing(opts.today),
        };
        values.push(("academic_year", year.to_string()));
    }

    if let Some(existing) = existing_file(&opts.root, &full_id) {
        return Err(refused(format!(
            "запись {full_id} уже есть: {}; vitrina new не перезаписывает файлы — выберите другой идентификатор или откройте этот файл",
            crate::load::relative(&opts.root, &existing)
        )));
    }
    // Another name with the same address (`школа-5` and `shkola-5`, or a case
    // difference) would make both records fail the build.
    let content = opts.root.join("content");
    let url = crate::resolve::url_of(&full_id).to_lowercase();
    if let Some(clash) = crate::load::record_files(&content.join(section.dir()))
        .into_iter()
        .find(|p| {
            let id = crate::load::relative(&content, &p.with_extension(""));
            crate::resolve::url_of(&id).to_lowercase() == url
        })
    {
        return Err(refused(format!(
            "у записи {} тот же адрес страницы ({url}), что получился бы у {full_id}; выберите другой идентификатор",
            crate::load::relative(&opts.root, &clash)
        )));
    }
    let path = opts
        .root
        .join("content")
        .join(format!("{full_id}.{}", extension(section)));
    let text = template(section, &full_id, &values);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            bad_args(format!(
                "не удалось создать папку {}: {}",
                dir.display(),
                crate::os_error::describe(&e)
            ))
        })?;
    }
    // create_new: never overwrite, even a file that appeared a moment ago.
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            refused(format!(
                "не удалось создать файл {}: {}",
                path.display(),
                crate::os_error::describe(&e)
            ))
        })?;
    file.write_all(text.as_bytes()).map_err(|e| {
        refused(format!(
            "не удалось записать файл {}: {}",
            path.display(),
            crate::os_error::describe(&e)
        ))
    })?;
    Ok(path)
}

/// A YAML scalar: JSON string syntax is valid YAML and quotes everything that needs it.
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn comment(out: &mut String, indent: &str, spec: &FieldSpec) {
    let mark = if spec.required() {
        " — обязательное поле"
    } else {
        ""
    };
    out.push_str(&format!("{indent}# {}{mark}\n", spec.about));
}

/// The text of a new record of `section`: every field of the section with its
/// comment, the given values filled in, the rest left empty.
pub fn template(section: Section, full_id: &str, values: &[(&str, String)]) -> String {
    let markdown = extension(section) == "md";
    let mut out = String::new();
    if markdown {
        out.push_str("---\n");
    }
    out.push_str(&format!(
        "# Новая запись: {} ({full_id}).\n",
        section.record_ru()
    ));
    out.push_str(
        "# Впишите значения после двоеточий. Обязательные поля нужны для проверки\n\
         # (vitrina check); ненужные необязательные поля можно оставить пустыми или удалить.\n\
         # Строки, начинающиеся с «#», — подсказки, на сайт они не попадают.\n",
    );
    if markdown {
        out.push_str("# Текст страницы (Markdown) пишите после второй строки «---».\n");
    }
    for spec in section.fields() {
        out.push('\n');
        comment(&mut out, "", spec);
        let given = values.iter().find(|(n, _)| *n == spec.name).map(|(_, v)| v);
        match (spec.ty, given) {
            (_, Some(v)) => out.push_str(&format!("{}: {}\n", spec.name, yaml_str(v))),
            (FieldType::Measures, None) => rows(&mut out, spec.name, MEASURE_FIELDS),
            (FieldType::MeasureStatuses, None) => rows(&mut out, spec.name, MEASURE_STATUS_FIELDS),
            (FieldType::DateList, None) => {
                out.push_str("#   например: [2027-01-15, 2027-06-30]\n");
                out.push_str(&format!("{}:\n", spec.name));
            }
            (FieldType::TextList | FieldType::AttachmentList, None) => {
                out.push_str("#   список в квадратных скобках через запятую: [первое, второе]\n");
                out.push_str(&format!("{}:\n", spec.name));
            }
            _ => out.push_str(&format!("{}:\n", spec.name)),
        }
    }
    if markdown {
        out.push_str("---\n\n");
    }
    out
}

/// A table field (`measures`) with one empty row, each column commented.
fn rows(out: &mut String, name: &str, columns: &[FieldSpec]) {
    out.push_str(
        "#   каждая строка таблицы начинается с «- »; скопируйте строку, чтобы добавить ещё\n",
    );
    out.push_str(&format!("{name}:\n"));
    for (i, col) in columns.iter().enumerate() {
        let (indent, lead) = if i == 0 {
            ("  ", "  - ")
        } else {
            ("    ", "    ")
        };
        comment(out, indent, col);
        out.push_str(&format!("{lead}{}:\n", col.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_in_english_russian_and_folder_names() {
        assert_eq!(parse_kind("roadmap"), Some(Section::Roadmaps));
        assert_eq!(parse_kind("Дорожная-карта"), Some(Section::Roadmaps));
        assert_eq!(parse_kind("отчёт"), Some(Section::Reports));
        assert_eq!(parse_kind("events"), Some(Section::Events));
        assert_eq!(parse_kind("что-то"), None);
    }

    #[test]
    fn template_lists_every_field_with_its_comment() {
        for section in Section::ALL {
            let text = template(section, "x/y", &[]);
            for spec in section.fields() {
                assert!(
                    text.contains(&format!("\n{}:", spec.name)),
                    "{section:?}: no {}",
                    spec.name
                );
                assert!(
                    text.contains(spec.about),
                    "{section:?}: no comment for {}",
                    spec.name
                );
            }
        }
        let text = template(Section::Roadmaps, "roadmaps/a", &[]);
        assert!(text.contains("# срок выполнения, ГГГГ-ММ-ДД"), "{text}");
        assert!(text.contains("  - title:\n"), "{text}");
    }

    #[test]
    fn ids_cannot_leave_the_section() {
        assert!(clean_id(Section::Events, "../x").is_err());
        assert!(clean_id(Section::Events, "/etc/x").is_err());
        assert!(clean_id(Section::Events, "a//b").is_err());
        assert_eq!(
            clean_id(Section::Events, "events/2026/a.md").unwrap(),
            "2026/a"
        );
    }
}
