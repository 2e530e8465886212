//! The resolved site: typed records, the links between them, and the problems
//! found on the way. The checker and the renderer read only this.

use crate::config::SiteConfig;
use crate::diagnostics::Finding;
use crate::kinds::schema::Section;
pub use crate::kinds::{Kind, Variant};
use jiff::civil::Date;
use std::path::PathBuf;

/// Index of a record in [`Site::records`].
pub type RecordIdx = usize;

/// Where something was written: 1-based line and column in the record's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A reference to another record, as written, and what it resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    /// The id as the editor wrote it (`sosh-10`, or `events/seminar-okt` for `of`).
    pub written: String,
    pub pos: Pos,
    /// Set by [`crate::resolve`] when the target exists and is of the right section.
    pub target: Option<RecordIdx>,
}

/// A file attached to a record (`file:`, `files:`).
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The path as written, relative to the record's file.
    pub written: String,
    pub pos: Pos,
    /// The file on disk when it exists inside `content/`; set by the loader.
    pub source: Option<PathBuf>,
    /// Path under the output root, `/`-separated, no leading slash; the file keeps its
    /// place relative to `content/` (transliterated), so links stay predictable.
    pub output_path: String,
    pub size: u64,
}

impl Attachment {
    /// «PDF», «DOCX»: the format shown next to a download link.
    pub fn format(&self) -> String {
        std::path::Path::new(&self.written)
            .extension()
            .map(|e| e.to_string_lossy().to_uppercase())
            .unwrap_or_else(|| "файл".to_string())
    }
}

/// A top-level field as written: its name, where, and whether it had a value.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenField {
    pub name: String,
    pub pos: Pos,
    pub empty: bool,
}

/// One published record: one file under `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Path under `content/` without extension, `/`-separated: `schools/sosh-10`.
    pub id: String,
    pub section: Section,
    /// The file, relative to the site root, `/`-separated: `content/schools/sosh-10.yaml`.
    pub file: String,
    /// Published path with slashes on both ends: `/schools/sosh-10/`.
    pub url: String,
    pub title: Option<String>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub weight: Option<i64>,
    /// Markdown body (empty for `.yaml` records).
    pub body: String,
    /// The line of the file the body starts on (1 when there is no front matter),
    /// so findings inside the body can point at their line.
    pub body_line: usize,
    /// Every top-level field as written, in file order: the checker reads
    /// `unknown-field` and `field-missing` from it.
    pub fields: Vec<WrittenField>,
    /// Where the front matter starts (the first field line), for record-level findings.
    pub pos: Pos,
    pub kind: Kind,
}

impl Record {
    /// The name a person would use for the record in lists and links.
    pub fn display_title(&self) -> String {
        let own = self.kind.data().own_title().map(str::to_string);
        own.or_else(|| self.title.clone())
            .unwrap_or_else(|| self.id.rsplit('/').next().unwrap_or(&self.id).to_string())
    }

    pub fn field(&self, name: &str) -> Option<&WrittenField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The position of a field if written, else of the record.
    pub fn pos_of(&self, name: &str) -> Pos {
        self.field(name).map(|f| f.pos).unwrap_or(self.pos)
    }

    /// The record's typed data when it is of kind `T`: `r.data::<School>()`.
    pub fn data<T: Variant>(&self) -> Option<&T> {
        T::of(&self.kind)
    }

    /// Every attachment of the record.
    pub fn attachments(&self) -> Vec<&Attachment> {
        self.kind.data().attachments()
    }

    /// Every reference the record makes, with the section it must point into
    /// (`None`: a full id into one of the sections its field's type allows).
    pub fn references(&self) -> Vec<(&'static str, &Ref, Option<Section>)> {
        self.kind
            .data()
            .references()
            .into_iter()
            .map(|(field, r)| {
                (
                    field,
                    r,
                    self.section.field(field).and_then(|f| f.ty.ref_section()),
                )
            })
            .collect()
    }
}

/// A reference field of a kind, the key of backlinks: reports `of` a record are
/// `RefField { from: Section::Reports, field: "of" }`. Each kind file exports its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RefField {
    pub from: Section,
    pub field: &'static str,
}

/// What points at a record: filled by [`crate::resolve`], one per record. Each
/// record that references this one, by which field, ordered by the referencing
/// kind's [`crate::kinds::KindData::backlink_rank`], then by index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Backlinks(pub Vec<(RefField, RecordIdx)>);

impl Backlinks {
    /// The records that point here through `via` (reports `of` this record…).
    pub fn via(&self, via: RefField) -> impl DoubleEndedIterator<Item = RecordIdx> + Clone + '_ {
        self.0
            .iter()
            .filter(move |(f, _)| *f == via)
            .map(|&(_, idx)| idx)
    }

    /// How many records point here through `via`.
    pub fn count(&self, via: RefField) -> usize {
        self.via(via).count()
    }

    /// Every record that points here.
    pub fn all(&self) -> impl Iterator<Item = RecordIdx> + '_ {
        self.0.iter().map(|&(_, idx)| idx)
    }
}

/// The whole resolved site.
#[derive(Debug)]
pub struct Site {
    /// The site root (where `site.toml` is).
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Published records (drafts only when asked for), sorted by id.
    pub records: Vec<Record>,
    /// Backlinks, parallel to `records`.
    pub backlinks: Vec<Backlinks>,
    /// Ids of drafts left out, so a reference to one can say so.
    pub draft_ids: Vec<String>,
    /// Problems found while loading and resolving (`invalid-record`,
    /// `duplicate-id`, `broken-reference`, `attachment-missing`).
    pub findings: Vec<Finding>,
}

impl Site {
    pub fn get(&self, id: &str) -> Option<RecordIdx> {
        self.records
            .binary_search_by(|r| r.id.as_str().cmp(id))
            .ok()
    }

    pub fn in_section(&self, section: Section) -> impl Iterator<Item = (RecordIdx, &Record)> {
        self.records
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.section == section)
    }

    /// The target of a reference, if it resolved.
    pub fn target(&self, r: &Option<Ref>) -> Option<&Record> {
        r.as_ref().and_then(|r| r.target).map(|i| &self.records[i])
    }

    /// True when a file could not be read or a field has the wrong type: the build refuses.
    pub fn has_fatal_findings(&self) -> bool {
        self.findings.iter().any(is_fatal)
    }

    /// The findings that make the build refuse (see [`Site::has_fatal_findings`]).
    pub fn fatal_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| is_fatal(f))
    }
}

/// A finding of a rule the rule table marks as blocking the build (a record
/// that could not be read, two records with one id).
fn is_fatal(f: &Finding) -> bool {
    f.rule.info().blocks_build
}
