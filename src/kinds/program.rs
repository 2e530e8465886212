//! Programs of additional professional education (программы ДПО) for teachers.

use super::{KindData, KindSpec, Meta};
use crate::dates::AcademicYear;
use crate::kinds::model::{Attachment, RecordIdx};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, date_range, file_view, link};
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

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

const FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "название программы"),
    req("hours", T::Integer, "объём в часах, числом: 16, 36, 72"),
    opt("form", T::Text, "форма обучения"),
    opt("audience", T::Text, "для кого"),
    opt("provider", T::Text, "организация, реализующая программу"),
    opt("start", T::Date, "начало обучения, ГГГГ-ММ-ДД"),
    opt("end", T::Date, "окончание обучения, ГГГГ-ММ-ДД"),
    opt(
        "academic_year",
        T::AcademicYear,
        "учебный год, например \"2026/2027\"",
    ),
    opt("file", T::Attachment, "файл программы рядом с записью"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

#[derive(Serialize)]
struct Row {
    link: Link,
    hours: Option<i64>,
    form: Option<String>,
    audience: Option<String>,
    dates: Option<String>,
    year: Option<String>,
}

impl KindSpec for Program {
    const META: Meta = Meta {
        dir: "programs",
        name: "program",
        title_ru: "Программы ДПО",
        nav_ru: "Программы ДПО",
        nav_order: 3,
        record_ru: "программа ДПО",
        fields: FIELDS,
        aliases: &["programme", "программа"],
        new_ru: "программа",
        new_extension: "md",
        new_options: &["year"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Program {
            hours: r.integer("hours"),
            form: r.text("form"),
            audience: r.text("audience"),
            provider: r.text("provider"),
            start: r.date("start"),
            end: r.date("end"),
            academic_year: r.academic_year("academic_year"),
            file: r.attachment("file"),
        }
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let site = input.site;
        let rows: Vec<Row> = ids
            .iter()
            .map(|&i| {
                let r = &site.records[i];
                let p = r
                    .data::<Program>()
                    .expect("programs section holds programs");
                Row {
                    link: link(input, r),
                    hours: p.hours,
                    form: p.form.clone(),
                    audience: p.audience.clone(),
                    dates: Some(date_range(p.start, p.end, true)).filter(|s| !s.is_empty()),
                    year: p.academic_year.map(|y| y.to_string()),
                }
            })
            .collect();
        ctx.insert("rows", &rows);
    }
}

impl KindData for Program {
    fn attachments(&self) -> Vec<&Attachment> {
        self.file.iter().collect()
    }

    fn attachments_mut(&mut self) -> Vec<&mut Attachment> {
        self.file.iter_mut().collect()
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.form.clone());
        parts.extend(self.audience.clone());
        parts.extend(self.provider.clone());
    }

    fn record_view(&self, input: &RenderInput, _idx: RecordIdx, ctx: &mut Context) {
        ctx.insert("hours", &self.hours);
        ctx.insert("form", &self.form);
        ctx.insert("audience", &self.audience);
        ctx.insert("provider", &self.provider);
        ctx.insert(
            "dates",
            &Some(date_range(self.start, self.end, false)).filter(|s| !s.is_empty()),
        );
        ctx.insert("year", &self.academic_year.map(|y| y.to_string()));
        ctx.insert(
            "file",
            &self.file.as_ref().and_then(|a| file_view(input, a)),
        );
    }
}
