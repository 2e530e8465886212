//! The resolved site: typed records, the links between them, and the problems
//! found on the way. The checker and the renderer read only this.

use crate::config::SiteConfig;
use crate::dates::{AcademicYear, Due};
use crate::diagnostics::Finding;
use crate::schema::Section;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Shnor,
    Shssu,
}

impl Category {
    pub fn label_ru(self) -> &'static str {
        match self {
            Category::Shnor => "ШНОР",
            Category::Shssu => "ШССУ",
        }
    }

    pub fn full_ru(self) -> &'static str {
        match self {
            Category::Shnor => "школа с низкими образовательными результатами",
            Category::Shssu => "школа, функционирующая в сложных социальных условиях",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CentreKind {
    Mnc,
    Mtkp,
}

impl CentreKind {
    pub fn label_ru(self) -> &'static str {
        match self {
            CentreKind::Mnc => "МНЦ",
            CentreKind::Mtkp => "МТКП",
        }
    }

    pub fn full_ru(self) -> &'static str {
        match self {
            CentreKind::Mnc => "муниципальный наставнический центр",
            CentreKind::Mtkp => "муниципальный тьюторский консультационный пункт",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Done,
    Partly,
    NotDone,
}

impl Status {
    pub fn label_ru(self) -> &'static str {
        match self {
            Status::Done => "выполнено",
            Status::Partly => "выполнено частично",
            Status::NotDone => "не выполнено",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Partly => "partly",
            Status::NotDone => "not-done",
        }
    }
}

/// A row of a roadmap or plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub title: Option<String>,
    pub due: Option<Due>,
    pub responsible: Option<String>,
    pub result: Option<String>,
    pub pos: Pos,
}

/// A row of a report on execution.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureStatus {
    pub title: Option<String>,
    pub status: Option<Status>,
    pub comment: Option<String>,
    pub pos: Pos,
}

/// A risk factor as written in `risks`, with its position for `unknown-risk`.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskEntry {
    pub id: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct School {
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub categories: Vec<Category>,
    pub mentor: Option<Ref>,
    pub curator: Option<String>,
    pub risks: Vec<RiskEntry>,
    pub address: Option<String>,
    pub website: Option<String>,
}

impl School {
    /// In the support group: categorised as ШНОР or ШССУ.
    pub fn in_support_group(&self) -> bool {
        !self.categories.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Centre {
    pub kind: Option<CentreKind>,
    pub name: Option<String>,
    pub base: Option<Ref>,
    pub head: Option<String>,
}

/// A roadmap (owner: a school) or a work plan (owner: a centre): the same table.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkPlan {
    pub owner: Option<Ref>,
    pub academic_year: Option<AcademicYear>,
    pub measures: Vec<Measure>,
    pub approved_by: Option<Ref>,
    pub reports_due: Vec<Date>,
}

impl WorkPlan {
    /// The dates reports on execution are due: `reports_due`, else 30 June of the
    /// academic year's second year.
    pub fn due_dates(&self) -> Vec<Date> {
        if !self.reports_due.is_empty() {
            let mut d = self.reports_due.clone();
            d.sort();
            d
        } else {
            self.academic_year
                .map(|y| vec![y.default_report_due()])
                .unwrap_or_default()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub hours: Option<i64>,
    pub form: Option<String>,
    pub audience: Option<String>,
    pub provider: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub academic_year: Option<AcademicYear>,
    pub file: Option<Attachment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: Option<Date>,
    pub end_date: Option<Date>,
    pub kind: Option<String>,
    pub place: Option<String>,
    pub audience: Option<String>,
    pub organizer: Option<String>,
}

impl Event {
    /// The day the event is over: `end_date`, else `date`.
    pub fn last_day(&self) -> Option<Date> {
        self.end_date.or(self.date)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub of: Option<Ref>,
    pub date: Option<Date>,
    pub measures: Vec<MeasureStatus>,
    pub files: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: Option<String>,
    pub number: Option<String>,
    pub date: Option<Date>,
    pub file: Option<Attachment>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    System,
    School(School),
    Centre(Centre),
    Roadmap(WorkPlan),
    Plan(WorkPlan),
    Program(Program),
    Event(Event),
    Report(Report),
    Document(Document),
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
        let own = match &self.kind {
            Kind::School(s) => s.short_name.clone().or_else(|| s.name.clone()),
            Kind::Centre(c) => c.name.clone(),
            _ => None,
        };
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

    pub fn as_school(&self) -> Option<&School> {
        match &self.kind {
            Kind::School(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_centre(&self) -> Option<&Centre> {
        match &self.kind {
            Kind::Centre(c) => Some(c),
            _ => None,
        }
    }

    /// Roadmaps and plans.
    pub fn as_work_plan(&self) -> Option<&WorkPlan> {
        match &self.kind {
            Kind::Roadmap(w) | Kind::Plan(w) => Some(w),
            _ => None,
        }
    }

    pub fn as_event(&self) -> Option<&Event> {
        match &self.kind {
            Kind::Event(e) => Some(e),
            _ => None,
        }
    }

    pub fn as_report(&self) -> Option<&Report> {
        match &self.kind {
            Kind::Report(r) => Some(r),
            _ => None,
        }
    }

    pub fn as_document(&self) -> Option<&Document> {
        match &self.kind {
            Kind::Document(d) => Some(d),
            _ => None,
        }
    }

    /// Every attachment of the record.
    pub fn attachments(&self) -> Vec<&Attachment> {
        match &self.kind {
            Kind::Program(p) => p.file.iter().collect(),
            Kind::Document(d) => d.file.iter().collect(),
            Kind::Report(r) => r.files.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Every reference the record makes, with the section it must point into
    /// (`None`: a full id into events, roadmaps or plans).
    pub fn references(&self) -> Vec<(&'static str, &Ref, Option<Section>)> {
        let mut out = Vec::new();
        match &self.kind {
            Kind::School(s) => out.extend(
                s.mentor
                    .iter()
                    .map(|r| ("mentor", r, Some(Section::Schools))),
            ),
            Kind::Centre(c) => {
                out.extend(c.base.iter().map(|r| ("base", r, Some(Section::Schools))))
            }
            Kind::Roadmap(w) | Kind::Plan(w) => {
                let (name, section) = if matches!(self.kind, Kind::Roadmap(_)) {
                    ("school", Section::Schools)
                } else {
                    ("centre", Section::Centres)
                };
                out.extend(w.owner.iter().map(|r| (name, r, Some(section))));
                out.extend(
                    w.approved_by
                        .iter()
                        .map(|r| ("approved_by", r, Some(Section::Documents))),
                );
            }
            Kind::Report(r) => out.extend(r.of.iter().map(|r| ("of", r, None))),
            _ => {}
        }
        out
    }
}

/// What points at a record: filled by [`crate::resolve`], one per record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Backlinks {
    /// Reports `of` this record, oldest first.
    pub reports: Vec<RecordIdx>,
    /// For a school: its roadmaps, by academic year.
    pub roadmaps: Vec<RecordIdx>,
    /// For a centre: its plans, by academic year.
    pub plans: Vec<RecordIdx>,
    /// For a school: the schools it mentors.
    pub mentees: Vec<RecordIdx>,
    /// For a school: the centres based at it.
    pub centres: Vec<RecordIdx>,
    /// For a document: the roadmaps and plans it approves.
    pub approves: Vec<RecordIdx>,
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
