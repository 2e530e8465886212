//! `vitrina new KIND ID`: a new record with every field its section takes,
//! commented in Russian. The fields, their order and their comments come from
//! the kind's file (src/kinds/), the same table the loader and the checker read;
//! which options a kind takes and what they fill in, too.

pub use crate::kinds::new_args::{NewError, NewOptions, parse_kind};

use crate::dates::AcademicYear;
use crate::kinds::new_args::{bad_args, existing_file, refused};
use crate::schema::{FieldSpec, FieldType, Section};
use std::path::PathBuf;
fn kinds_help() -> String {
    let kinds: Vec<String> = Section::ALL
        .iter()
        .map(|s| format!("{} ({})", s.meta().name, s.meta().new_ru))
        .collect();
    kinds.join(", ")
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

/// Writes the new record; returns its path.
pub fn run(opts: &NewOptions) -> Result<PathBuf, NewError> {
    let Some(section) = parse_kind(&opts.kind) else {
        return Err(bad_args(format!(
            "неизвестный вид записи «{}»; допустимы: {}",
            opts.kind,
            kinds_help()
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

    // Which option fills which field: the kind says.
    let applicable = section.meta().new_options;
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
    let mut values = section.new_values(opts)?;
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
        .join(format!("{full_id}.{}", section.meta().new_extension));
    let text = template(section, &full_id, &values, section.new_leaves_out(opts));
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
/// comment (but `leave_out`), the given values filled in, the rest left empty.
/// It is a draft (`draft: true`): not published or counted until the editor has
/// filled it in and removed that line.
pub fn template(
    section: Section,
    full_id: &str,
    values: &[(&str, String)],
    leave_out: &[&str],
) -> String {
    let markdown = section.meta().new_extension == "md";
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
    out.push_str(DRAFT_NOTE);
    for spec in section.fields() {
        if leave_out.contains(&spec.name) {
            continue;
        }
        if spec.name == "draft" {
            continue;
        }
        out.push('\n');
        comment(&mut out, "", spec);
        let given = values.iter().find(|(n, _)| *n == spec.name).map(|(_, v)| v);
        match (spec.ty, given) {
            (_, Some(v)) => out.push_str(&format!("{}: {}\n", spec.name, yaml_str(v))),
            (FieldType::Table(columns), None) => rows(&mut out, spec.name, columns),
            (FieldType::DateList, None) => {
                out.push_str("#   например: [2027-01-15, 2027-06-30]\n");
                out.push_str(&format!("{}:\n", spec.name));
            }
            (
                FieldType::TextList
                | FieldType::AttachmentList
                | FieldType::RefList(_)
                | FieldType::RefOrTextList(_)
                | FieldType::FullRefList(_),
                None,
            ) => {
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

/// Every new record starts as a draft: a skeleton with empty fields must not be
/// published (an empty table row) nor count as the roadmap or report the check
/// asks for.
const DRAFT_NOTE: &str = "\n# Это черновик: пока здесь стоит draft: true, запись не публикуется и не\n\
# учитывается в проверке. Заполните запись и удалите эту строку (или напишите draft: false).\n\
draft: true\n";

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
        for &section in Section::ALL {
            let text = template(section, "x/y", &[], &[]);
            assert!(text.contains("\ndraft: true\n"), "{section:?}: not a draft");
            for spec in section.fields().iter().filter(|s| s.name != "draft") {
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
        let text = template(Section::Roadmaps, "roadmaps/a", &[], &[]);
        assert!(text.contains("# срок выполнения, ГГГГ-ММ-ДД"), "{text}");
        assert!(text.contains("  - title:\n"), "{text}");
    }

    #[test]
    fn left_out_blocks_are_not_written() {
        let text = template(Section::Reports, "reports/a", &[], &["measures"]);
        assert!(!text.contains("measures"), "{text}");
        assert!(text.contains("\nof:"), "{text}");
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
