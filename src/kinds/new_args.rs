//! What `vitrina new` hands to a kind (src/kinds/*.rs `new_values`): the options
//! as given, the errors it may return, and the checks that a reference names an
//! existing record.

use super::schema::{FullRef, Section};
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

impl NewOptions {
    /// The error for a missing option a kind needs (`--school` for a roadmap).
    pub fn need(&self, name: &str, what: &str) -> NewError {
        let section = parse_kind(&self.kind).map_or("", |s| s.record_ru());
        bad_args(format!(
            "для записи вида «{section}» укажите {what}: --{name} ИДЕНТИФИКАТОР"
        ))
    }
}

pub(crate) fn bad_args(message: impl Into<String>) -> NewError {
    NewError {
        code: 2,
        message: message.into(),
    }
}

pub(crate) fn refused(message: impl Into<String>) -> NewError {
    NewError {
        code: 1,
        message: message.into(),
    }
}

/// The section a KIND names: the English kind, the section folder, or a Russian word.
pub fn parse_kind(kind: &str) -> Option<Section> {
    let k = kind.trim().to_lowercase().replace(['ё'], "е");
    Section::ALL.iter().copied().find(|s| {
        let meta = s.meta();
        meta.name == k || meta.dir == k || meta.aliases.contains(&k.as_str())
    })
}

/// «school (школа), centre (центр), …»: the kinds `vitrina new` knows.
/// The existing record file of an id, any extension.
pub(crate) fn existing_file(root: &Path, full_id: &str) -> Option<PathBuf> {
    ["md", "yaml", "yml"]
        .iter()
        .map(|e| root.join("content").join(format!("{full_id}.{e}")))
        .find(|p| p.is_file())
}

/// Checks that a reference by short id names an existing record of `section`;
/// returns the value to write.
pub fn reference(
    root: &Path,
    option: &str,
    written: &str,
    section: Section,
) -> Result<String, NewError> {
    let written = written.trim().trim_matches('/').to_string();
    let short = written
        .strip_prefix(&format!("{}/", section.dir()))
        .unwrap_or(&written)
        .to_string();
    let full = format!("{}/{short}", section.dir());
    let hint = format!(
        "{} ищется в папке content/{}/; сначала создайте её: vitrina new {} …",
        section.record_ru(),
        section.dir(),
        section.meta().name
    );
    exists(root, option, &written, &full, &hint)?;
    Ok(short)
}

/// Checks that a reference by full id (`of: events/seminar-okt`) names an
/// existing record of one of the sections `to` allows; returns the value to write.
pub fn full_reference(
    root: &Path,
    option: &str,
    written: &str,
    to: &FullRef,
) -> Result<String, NewError> {
    let written = written.trim().trim_matches('/').to_string();
    let first = written.split('/').next().unwrap_or_default();
    let ok = Section::from_dir(first).is_some_and(|s| to.sections.contains(&s));
    if !ok || !written.contains('/') {
        return Err(bad_args(format!(
            "в --{option} укажите полный идентификатор {}, например {}; указано «{written}»",
            to.targets_ru, to.example
        )));
    }
    let hint = "проверьте идентификатор: путь под content/ без расширения";
    exists(root, option, &written, &written, hint)?;
    Ok(written)
}

fn exists(
    root: &Path,
    option: &str,
    written: &str,
    full: &str,
    hint: &str,
) -> Result<(), NewError> {
    if full
        .split('/')
        .any(|p| p.is_empty() || p == "." || p == "..")
    {
        return Err(bad_args(format!("недопустимый идентификатор «{written}»")));
    }
    if existing_file(root, full).is_none() {
        return Err(refused(format!(
            "в --{option} указано «{written}», но записи {full} нет; {hint}"
        )));
    }
    Ok(())
}
