//! Record kinds: one file per kind, holding everything specific to it — its
//! fields (the schema rows, with Russian descriptions), how a file is read into
//! its typed data, its references and attachments, its section and record views,
//! its search text, its `vitrina new` skeleton and the check rules that belong
//! to it ([`KindSpec::RULES`], made with `rule.rs`).
//!
//! Shared code never `match`es on a kind: it walks [`Section::ALL`] or calls the
//! record's [`KindData`] (through [`Kind::data`]). To add a kind, see
//! `docs/adding-a-kind.md`: a file here, its templates, one line in
//! [`registry!`] below.
//!
//! The typed data lives inline in [`Kind`], an enum this file's macro generates
//! from the registry (no allocation per record). What every kind uses lives here
//! too — the record model (`model.rs`), field descriptions (`schema.rs`),
//! profiles, the field reader, the view kit, the rule kit (`rule.rs`) — so the
//! pipeline above (load, resolve, render, check, serve) imports this layer and
//! never the other way.

pub mod centre;
pub mod document;
pub mod event;
pub mod indicator;
pub mod model;
pub mod monitoring;
pub mod new_args;
pub mod person;
pub mod plan;
pub mod practice;
#[cfg(test)]
mod probe;
pub mod profile;
pub mod program;
pub mod reader;
pub mod report;
pub mod risk;
pub mod roadmap;
pub mod rule;
pub mod schema;
pub mod school;
pub mod system;
pub mod values;
pub mod view;
pub mod work_plan;

pub use centre::{Centre, CentreKind};
pub use document::Document;
pub use event::Event;
pub use plan::Plan;
pub use program::Program;
pub use report::{MeasureStatus, Report, Status};
pub use roadmap::Roadmap;
pub use school::{Category, RiskEntry, School};
pub use system::System;
pub use work_plan::{Measure, WorkPlan};

use crate::diagnostics::RuleId;
use crate::kinds::model::{Attachment, RecordIdx, Ref, Site};
use crate::kinds::new_args::{NewError, NewOptions};
use crate::kinds::reader::Reader;
use crate::kinds::rule::CheckFn;
use crate::kinds::schema::FieldSpec;
use crate::kinds::view::RenderInput;
use jiff::civil::Date;
use tera::Context;

/// What a kind is called and where it lives: the folder, the titles, the fields.
#[derive(Debug)]
pub struct Meta {
    /// The folder under `content/` (also the section id in profiles and URLs).
    pub dir: &'static str,
    /// The kind's name: templates `record/NAME.html`, `vitrina new NAME`.
    pub name: &'static str,
    /// The section's heading on the site.
    pub title_ru: &'static str,
    /// The section's name in the navigation bar.
    pub nav_ru: &'static str,
    /// Where the section stands in the navigation bar (ascending).
    pub nav_order: u8,
    /// «дорожная карта», to say what kind of record is meant in messages.
    pub record_ru: &'static str,
    /// The fields a record takes, common ones included, in `vitrina new` order.
    pub fields: &'static [FieldSpec],
    /// Other words `vitrina new` accepts for the kind (Russian, lower case).
    pub aliases: &'static [&'static str],
    /// `vitrina new`: the Russian word shown in the list of kinds.
    pub new_ru: &'static str,
    /// `vitrina new`: `yaml` for data-only records, `md` for records with a text.
    pub new_extension: &'static str,
    /// `vitrina new`: the options (`school`, `centre`, `of`, `year`) the kind takes.
    pub new_options: &'static [&'static str],
    /// Templates the kind brings with it (name, text), under the theme's files;
    /// empty for the kinds whose templates are in `themes/default/`.
    pub templates: &'static [(&'static str, &'static str)],
}

/// The static side of a kind: its [`Meta`], how a record is read, its section
/// page and its `vitrina new` values.
pub trait KindSpec: KindData + Sized {
    const META: Meta;

    /// Reads the kind's own fields (the common ones are read by the loader).
    /// The order of reads is the order of findings.
    fn read(r: &mut Reader) -> Self;

    /// The section index page's context; `ids` are the section's records ordered
    /// by `weight`, then naturally by title.
    fn section_view(_input: &RenderInput, _ids: &[RecordIdx], _ctx: &mut Context) {}

    /// `vitrina new`: the values the command's options fill in (references are
    /// checked to exist). `academic_year` is filled for every kind that has one.
    fn new_values(_args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        Ok(Vec::new())
    }

    /// `vitrina new`: the fields the new record does not need, given the options
    /// (a report on an event has no table of measures).
    fn new_leaves_out(_args: &NewOptions) -> &'static [&'static str] {
        &[]
    }

    /// Whether the kind has a [`KindSpec::finish`] step.
    const FINISHES: bool = false;

    /// After the whole site is resolved (references linked, attachments located,
    /// backlinks built): what a kind can only do knowing every other record — the
    /// monitoring kind reads its CSV files, naming schools by id or name.
    fn finish(_site: &mut Site) {}

    /// The check rules that belong to the kind, each with the function that
    /// applies it (`rule.rs` has the context and the finding helpers). A rule
    /// that reads every kind alike (`field-missing`) is in `src/check/rules.rs`.
    const RULES: &'static [(RuleId, CheckFn)] = &[];
}

/// What a record of a kind can answer about itself.
pub trait KindData: std::fmt::Debug + Send + Sync {
    /// Every reference the record makes, by field name. Where each must point is
    /// the field's type in [`Meta::fields`].
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        Vec::new()
    }

    /// [`KindData::references`], to link them.
    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        Vec::new()
    }

    fn attachments(&self) -> Vec<&Attachment> {
        Vec::new()
    }

    fn attachments_mut(&mut self) -> Vec<&mut Attachment> {
        Vec::new()
    }

    /// The record's own name (a school's short name), before `title`.
    fn own_title(&self) -> Option<&str> {
        None
    }

    /// The page title, when the kind makes its own from what the record is of
    /// (`title`: the record's own); `None`: [`crate::kinds::model::Record::display_title`].
    fn page_title(&self, _site: &Site, _title: Option<&str>) -> Option<String> {
        None
    }

    /// Orders the records that point at one record (backlinks): ascending.
    fn backlink_rank(&self) -> i64 {
        0
    }

    /// The record's own date of change (a report's date, an approving order's
    /// date), for the home page and `sitemap.xml`; `updated` comes first.
    fn own_date(&self, _site: &Site) -> Option<Date> {
        None
    }

    /// The record page's own context (the common part is made by the renderer).
    fn record_view(&self, _input: &RenderInput, _idx: RecordIdx, _ctx: &mut Context) {}

    /// The fields a visitor may search for (joined with «. »).
    fn search_text(&self, _parts: &mut Vec<String>) {}

    /// The record as an open data table (`data.csv` next to its page, listed on
    /// `/opendata/`); `None` for kinds that publish none.
    fn open_data(
        &self,
        _input: &RenderInput,
        _record: &crate::kinds::model::Record,
    ) -> Option<crate::opendata::Table> {
        None
    }
}

/// Typed access to one kind's data: `record.data::<School>()`.
pub trait Variant: Sized {
    fn of(kind: &Kind) -> Option<&Self>;
}

/// Generates [`Section`] (the kinds' ids, in the order the site lists them),
/// [`Kind`] (the typed data of a record) and their dispatch, from one list.
macro_rules! registry {
    ($( $(#[$attr:meta])* $section:ident($variant:ident): $ty:ty ),* $(,)?) => {
        /// A record kind, named by its section (the folder under `content/`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Section {
            $( $(#[$attr])* $section, )*
        }

        impl Section {
            /// Every kind, in the order the site lists them.
            pub const ALL: &'static [Section] = &[$( $(#[$attr])* Section::$section, )*];

            /// The folders of [`Section::ALL`].
            const DIRS: &'static [&'static str] =
                &[$( $(#[$attr])* <$ty as KindSpec>::META.dir, )*];

            /// What the kind is called and where it lives.
            pub fn meta(self) -> &'static Meta {
                match self {
                    $( $(#[$attr])* Section::$section => &<$ty as KindSpec>::META, )*
                }
            }

            pub(crate) fn read(self, r: &mut Reader) -> Kind {
                match self {
                    $( $(#[$attr])* Section::$section => Kind::$variant(<$ty>::read(r)), )*
                }
            }

            pub(crate) fn section_view(self, input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
                match self {
                    $( $(#[$attr])* Section::$section => <$ty>::section_view(input, ids, ctx), )*
                }
            }

            pub(crate) fn finish(self, site: &mut Site) {
                match self {
                    $( $(#[$attr])* Section::$section => <$ty>::finish(site), )*
                }
            }

            pub(crate) fn finishes(self) -> bool {
                match self {
                    $( $(#[$attr])* Section::$section => <$ty as KindSpec>::FINISHES, )*
                }
            }

            /// The kind's check rules ([`KindSpec::RULES`]).
            pub fn rules(self) -> &'static [(RuleId, CheckFn)] {
                match self {
                    $( $(#[$attr])* Section::$section => <$ty as KindSpec>::RULES, )*
                }
            }

            pub(crate) fn new_values(self, args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
                match self {
                    $( $(#[$attr])* Section::$section => <$ty>::new_values(args), )*
                }
            }

            pub(crate) fn new_leaves_out(self, args: &NewOptions) -> &'static [&'static str] {
                match self {
                    $( $(#[$attr])* Section::$section => <$ty>::new_leaves_out(args), )*
                }
            }
        }

        /// A record's typed data: one variant per kind.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Kind {
            $( $(#[$attr])* $variant($ty), )*
        }

        impl Kind {
            pub fn section(&self) -> Section {
                match self {
                    $( $(#[$attr])* Kind::$variant(_) => Section::$section, )*
                }
            }

            pub fn data(&self) -> &dyn KindData {
                match self {
                    $( $(#[$attr])* Kind::$variant(d) => d, )*
                }
            }

            pub fn data_mut(&mut self) -> &mut dyn KindData {
                match self {
                    $( $(#[$attr])* Kind::$variant(d) => d, )*
                }
            }
        }

        $(
            $(#[$attr])*
            impl Variant for $ty {
                fn of(kind: &Kind) -> Option<&Self> {
                    match kind {
                        Kind::$variant(d) => Some(d),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*
    };
}

// The registry: one line per kind.
registry! {
    System(System): system::System,
    Schools(School): school::School,
    Centres(Centre): centre::Centre,
    Roadmaps(Roadmap): roadmap::Roadmap,
    Plans(Plan): plan::Plan,
    Programs(Program): program::Program,
    Events(Event): event::Event,
    Reports(Report): report::Report,
    Documents(Document): document::Document,
    People(Person): person::Person,
    Practices(Practice): practice::Practice,
    Indicators(Indicator): indicator::Indicator,
    Monitoring(Monitoring): monitoring::Monitoring,
    #[cfg(test)]
    Probes(Probe): probe::Probe,
}

impl Section {
    /// The folder under `content/`.
    pub fn dir(self) -> &'static str {
        self.meta().dir
    }

    pub fn from_dir(dir: &str) -> Option<Section> {
        Section::ALL.iter().copied().find(|s| s.dir() == dir)
    }

    /// The section's heading on the site.
    pub fn title_ru(self) -> &'static str {
        self.meta().title_ru
    }

    /// «дорожная карта», to say what kind of record is meant in messages.
    pub fn record_ru(self) -> &'static str {
        self.meta().record_ru
    }

    /// The fields a record of this section takes, common ones included.
    pub fn fields(self) -> &'static [FieldSpec] {
        self.meta().fields
    }

    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }
}

/// Profiles name sections by folder: `section = "centres"`.
impl<'de> serde::Deserialize<'de> for Section {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dir = String::deserialize(d)?;
        Section::from_dir(&dir)
            .ok_or_else(|| serde::de::Error::unknown_variant(&dir, Section::DIRS))
    }
}

impl serde::Serialize for Section {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.dir())
    }
}
