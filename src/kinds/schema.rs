//! How a kind's fields are described: the rows each kind file (src/kinds/) lists,
//! read by the loader (types, unknown fields), the checker (`field-missing`) and
//! `vitrina new` (templates). The common fields every kind takes are here.

pub use crate::kinds::Section;

/// The type of a field's value, as the loader checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    /// Text or a bare number kept as text (document `number`).
    TextOrNumber,
    Integer,
    Bool,
    Date,
    AcademicYear,
    DateList,
    TextList,
    /// A reference by id inside the named section.
    Ref(Section),
    /// A list of references by id inside the named section (`schools: [a, b]`).
    RefList(Section),
    /// A reference by id inside the named section, or free text when no record has
    /// that id (`curator: ivanova` or «Сидоров П. А., методист»). Written with the
    /// section's folder (`people/ivanova`), it must resolve.
    RefOrText(Section),
    /// A list of [`FieldType::RefOrText`] (`authors`).
    RefOrTextList(Section),
    /// A reference by full id (`events/seminar-okt`) into one of several sections,
    /// in reports' `of`.
    FullRef(&'static FullRef),
    /// A list of such references (`basis` of documents).
    FullRefList(&'static FullRef),
    Attachment,
    AttachmentList,
    /// A table: a list of rows with these columns (`measures`).
    Table(&'static [FieldSpec]),
}

impl FieldType {
    /// The section a reference by short id points into.
    pub fn ref_section(self) -> Option<Section> {
        match self {
            FieldType::Ref(s)
            | FieldType::RefList(s)
            | FieldType::RefOrText(s)
            | FieldType::RefOrTextList(s) => Some(s),
            _ => None,
        }
    }

    /// A reference that stays text when nothing has its id.
    pub fn or_text(self) -> bool {
        matches!(self, FieldType::RefOrText(_) | FieldType::RefOrTextList(_))
    }
}

/// Where a full-id reference may point, and how to say so in messages.
#[derive(Debug, PartialEq, Eq)]
pub struct FullRef {
    pub sections: &'static [Section],
    /// «отчёт может быть о мероприятии, дорожной карте или плане».
    pub wrong_target_ru: &'static str,
    /// The same, as `vitrina new` asks for it: «мероприятия, дорожной карты или плана».
    pub targets_ru: &'static str,
    /// «events/seminar-okt или roadmaps/sosh-3-2026-2027».
    pub example: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    pub need: Need,
    /// What the field means, in Russian: comments in `vitrina new`, hints in messages.
    pub about: &'static str,
}

impl FieldSpec {
    pub fn required(&self) -> bool {
        self.need == Need::Required
    }
}

pub const fn req(name: &'static str, ty: FieldType, about: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        need: Need::Required,
        about,
    }
}

pub const fn opt(name: &'static str, ty: FieldType, about: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        need: Need::Optional,
        about,
    }
}

use FieldType as T;

pub const TITLE: FieldSpec = opt("title", T::Text, "заголовок");
pub const UPDATED: FieldSpec = opt("updated", T::Date, "дата последнего изменения, ГГГГ-ММ-ДД");
pub const DRAFT: FieldSpec = opt(
    "draft",
    T::Bool,
    "true — черновик: не публикуется и не учитывается проверкой",
);
pub const WEIGHT: FieldSpec = opt("weight", T::Integer, "порядок в списках (меньше — выше)");

/// The known field closest to a misspelt one (`shcool` → `school`), if any is close.
pub fn closest_field(section: Section, typo: &str) -> Option<&'static str> {
    closest_of(section.fields(), typo)
}

/// The field of `specs` closest to a misspelt one (also a table's columns:
/// `resposible` → `responsible`).
pub fn closest_of(specs: &'static [FieldSpec], typo: &str) -> Option<&'static str> {
    specs
        .iter()
        .map(|f| (strsim::damerau_levenshtein(f.name, typo), f.name))
        .filter(|(d, name)| *d <= 2.max(name.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_closest_field() {
        assert_eq!(closest_field(Section::Roadmaps, "shcool"), Some("school"));
        assert_eq!(closest_field(Section::Events, "end-date"), Some("end_date"));
        assert_eq!(closest_field(Section::Events, "совсем другое"), None);
    }

    #[test]
    fn every_section_has_its_required_fields_listed_once() {
        for &s in Section::ALL {
            let mut names: Vec<_> = s.fields().iter().map(|f| f.name).collect();
            names.sort();
            let len = names.len();
            names.dedup();
            assert_eq!(names.len(), len, "{s:?} lists a field twice");
        }
    }
}
