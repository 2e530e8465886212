//! The bank of practices (contract section 6): effective practices that schools
//! and curators share. The section page finds them by risk factor, subject and
//! level without JavaScript (src/practice_bank.rs), and filters in place with it.

use super::person::written_or_link;
use super::{KindData, KindSpec, Meta, risk, values};
use crate::dates::AcademicYear;
use crate::kinds::model::{Attachment, Pos, RecordIdx, Ref, RefField};
use crate::kinds::new_args::{NewError, NewOptions, reference};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{FileView, Link, file_view, link, links, natural_key};
use crate::practice_bank::{self, FilterKeys, Tags};
use crate::vocab::{PRACTICE_KINDS, SCHOOL_LEVELS};
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    pub schools: Vec<Ref>,
    /// Person ids or text: a [`Ref`] that resolves to a person, else is shown as written.
    pub authors: Vec<Ref>,
    pub academic_year: Option<AcademicYear>,
    /// An id of [`PRACTICE_KINDS`].
    pub kind: Option<&'static str>,
    pub subjects: Vec<String>,
    /// Ids of [`SCHOOL_LEVELS`].
    pub levels: Vec<&'static str>,
    pub risks: Vec<(String, Pos)>,
    pub files: Vec<Attachment>,
}

pub const SCHOOLS: RefField = RefField {
    from: Section::Practices,
    field: "schools",
};
pub const AUTHORS: RefField = RefField {
    from: Section::Practices,
    field: "authors",
};

const FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "название практики"),
    opt(
        "schools",
        T::RefList(Section::Schools),
        "школы (идентификаторы школ)",
    ),
    opt(
        "authors",
        T::RefOrTextList(Section::People),
        "авторы: идентификаторы из people/ или ФИО",
    ),
    opt(
        "academic_year",
        T::AcademicYear,
        "учебный год, например \"2026/2027\"",
    ),
    opt(
        "kind",
        T::Text,
        "вид: lesson (урок), master-class (мастер-класс), program (программа), method (методическая разработка), curator-practice (кураторская практика), other",
    ),
    opt(
        "subjects",
        T::TextList,
        "предметы: [Математика, Русский язык]",
    ),
    opt(
        "levels",
        T::TextList,
        "уровни образования: noo (НОО), ooo (ООО), soo (СОО)",
    ),
    opt(
        "risks",
        T::TextList,
        "факторы риска, на которые направлена практика: [r3, r8]",
    ),
    opt(
        "files",
        T::AttachmentList,
        "материалы: файлы рядом с записью",
    ),
    UPDATED,
    DRAFT,
    WEIGHT,
];

impl KindSpec for Practice {
    const META: Meta = Meta {
        dir: "practices",
        name: "practice",
        title_ru: "Банк практик",
        nav_ru: "Банк практик",
        nav_order: 8,
        record_ru: "практика",
        fields: FIELDS,
        aliases: &["практика", "практики"],
        new_ru: "практика",
        new_extension: "md",
        new_options: &["school", "year"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Practice {
            schools: values::references(r, "schools"),
            authors: values::references(r, "authors"),
            academic_year: r.academic_year("academic_year"),
            kind: values::term(r, "kind", &PRACTICE_KINDS),
            subjects: r
                .list_of_text("subjects")
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            levels: values::terms(r, "levels", &SCHOOL_LEVELS),
            risks: values::risk_ids(r, "risks"),
            files: r.attachments("files"),
        }
    }

    /// `--school`: the school in `schools`.
    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        match &args.school {
            Some(s) => Ok(vec![(
                "schools",
                reference(&args.root, "school", s, Section::Schools)?,
            )]),
            None => Ok(Vec::new()),
        }
    }

    /// Ordered by title (naturally); the facets group the same order.
    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let site = input.site;
        let mut ids = ids.to_vec();
        ids.sort_by_cached_key(|&i| natural_key(&site.records[i].display_title()));
        let data: Vec<(RecordIdx, &Practice, Vec<String>, Vec<String>)> = ids
            .iter()
            .filter_map(|&i| {
                let p = site.records[i].data::<Practice>()?;
                let risks = p.risks.iter().map(|(id, _)| id.clone()).collect();
                let levels = p.levels.iter().map(|l| l.to_string()).collect();
                Some((i, p, risks, levels))
            })
            .collect();
        let tagged: Vec<(Tags, Link)> = data
            .iter()
            .map(|(i, p, risks, levels)| {
                (
                    Tags {
                        risks,
                        subjects: &p.subjects,
                        levels,
                    },
                    link(input, &site.records[*i]),
                )
            })
            .collect();
        let vocabulary: Vec<(&str, &str)> = input
            .profile
            .risks
            .iter()
            .map(|r| (r.id.as_str(), r.title.as_str()))
            .collect();
        ctx.insert("facets", &practice_bank::facets(&tagged, &vocabulary));
        let rows: Vec<Row> = tagged
            .iter()
            .zip(&data)
            .map(|((tags, l), (_, p, _, _))| Row {
                link: l.clone(),
                kind: p.kind.map(kind_label),
                schools: links(input, p.schools.iter().filter_map(|r| r.target)),
                subjects: p.subjects.clone(),
                levels: p.levels.iter().map(|l| level_label(l)).collect(),
                keys: practice_bank::filter_keys(*tags),
            })
            .collect();
        ctx.insert("practices", &rows);
    }
}

fn kind_label(id: &str) -> &'static str {
    PRACTICE_KINDS.by_id(id).map_or("", |t| t.label)
}

fn level_label(id: &str) -> &'static str {
    SCHOOL_LEVELS.by_id(id).map_or("", |t| t.label)
}

#[derive(Serialize)]
struct Row {
    link: Link,
    kind: Option<&'static str>,
    schools: Vec<Link>,
    subjects: Vec<String>,
    levels: Vec<&'static str>,
    keys: FilterKeys,
}

impl KindData for Practice {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        let schools = self.schools.iter().map(|r| ("schools", r));
        schools
            .chain(self.authors.iter().map(|r| ("authors", r)))
            .collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        let schools = self.schools.iter_mut().map(|r| ("schools", r));
        schools
            .chain(self.authors.iter_mut().map(|r| ("authors", r)))
            .collect()
    }

    fn attachments(&self) -> Vec<&Attachment> {
        self.files.iter().collect()
    }

    fn attachments_mut(&mut self) -> Vec<&mut Attachment> {
        self.files.iter_mut().collect()
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.kind.map(|k| kind_label(k).to_string()));
        parts.extend(self.authors.iter().map(|a| a.written.clone()));
        parts.extend(self.subjects.iter().cloned());
        for l in &self.levels {
            if let Some(t) = SCHOOL_LEVELS.by_id(l) {
                parts.push(format!("{} {}", t.label, t.plural));
            }
        }
        parts.extend(self.risks.iter().map(|(id, _)| id.to_uppercase()));
    }

    fn record_view(&self, input: &RenderInput, _idx: RecordIdx, ctx: &mut Context) {
        ctx.insert("kind_label", &self.kind.map(kind_label));
        ctx.insert(
            "authors",
            &self
                .authors
                .iter()
                .map(|a| written_or_link(input, a))
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "schools",
            &links(input, self.schools.iter().filter_map(|r| r.target)),
        );
        ctx.insert("academic_year", &self.academic_year.map(|y| y.to_string()));
        ctx.insert("subjects", &self.subjects);
        ctx.insert(
            "levels",
            &self
                .levels
                .iter()
                .filter_map(|l| SCHOOL_LEVELS.by_id(l))
                .map(|t| format!("{} ({})", t.plural.to_lowercase(), t.label))
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "risks",
            &risk::links(input, self.risks.iter().map(|(id, _)| id)),
        );
        let files: Vec<FileView> = self
            .files
            .iter()
            .filter_map(|a| file_view(input, a))
            .collect();
        ctx.insert("files", &files);
    }
}
