//! Documents: orders (приказы), regulations (положения), protocols and others.

use super::{KindData, KindSpec, Meta, plan, roadmap, values};
use crate::dates::short_ru;
use crate::kinds::model::{Attachment, Pos, Record, RecordIdx, Ref, RefField, Site};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{
    DRAFT, FieldSpec, FieldType as T, FullRef, Section, UPDATED, WEIGHT, opt, req,
};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{
    FileView, Link, file_view, link, links, newest_first, opt_date, opt_short,
};
use crate::vocab::DOCUMENT_KINDS;
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// An id of [`DOCUMENT_KINDS`] when the value names one (`приказ` → `order`),
    /// else the value as written.
    pub kind: Option<String>,
    pub number: Option<String>,
    pub date: Option<Date>,
    pub file: Option<Attachment>,
    /// A school-level document (a school's concept or programme of development …).
    pub school: Option<Ref>,
    /// The risk factors an anti-risk programme addresses.
    pub risk: Vec<(String, Pos)>,
    /// What the document responds to (contract 7.4): reports, monitoring records,
    /// indicators … by full id. A management decision links back from each.
    pub basis: Vec<Ref>,
}

impl Document {
    pub fn risk_ids(&self) -> Vec<String> {
        self.risk.iter().map(|(id, _)| id.clone()).collect()
    }
}

/// A school's documents point at it through `school`.
pub const SCHOOL: RefField = RefField {
    from: Section::Documents,
    field: "school",
};

/// A document's `basis` points at what it responds to.
pub const BASIS: RefField = RefField {
    from: Section::Documents,
    field: "basis",
};

/// What `basis` may name: any published record, by full id.
pub const BASIS_TARGETS: FullRef = FullRef {
    sections: Section::ALL,
    wrong_target_ru: "",
    targets_ru: "отчёта, записи мониторинга, показателя или другой записи",
    example: "monitoring/vpr-2026-dolya-2 или reports/roadmaps/sosh-3-2025-2026-2",
};

/// Document kinds whose `number` and `date` are required by the contract.
pub fn kind_needs_number(kind: &str) -> bool {
    matches!(kind, "order" | "protocol")
}

/// The Russian label of a document kind (`order` → «Приказ»); a value of no
/// kind is shown as written.
pub fn kind_ru(kind: &str) -> &str {
    DOCUMENT_KINDS.label(kind)
}

/// «Приказ № 285 от 10.09.2026», the way documents are cited.
pub fn citation(r: &Record) -> String {
    let Some(d) = r.data::<Document>() else {
        return r.display_title();
    };
    let mut s = d
        .kind
        .as_deref()
        .map(kind_ru)
        .unwrap_or("Документ")
        .to_string();
    if let Some(n) = &d.number {
        s.push_str(&format!(" №\u{a0}{n}"));
    }
    if let Some(date) = d.date {
        s.push_str(&format!(" от {}", short_ru(date)));
    }
    if d.number.is_none() && d.date.is_none() {
        return r.display_title();
    }
    s
}

const FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "название документа"),
    req(
        "kind",
        T::Text,
        "вид документа, одно из: приказ — order, протокол — protocol, положение — regulation, концепция развития — development-concept, программа развития — development-program, антирисковая программа — antirisk-program, результаты самодиагностики — self-diagnosis, письмо — letter, аналитическая справка — analysis, план — plan, другое — other; можно по-русски или латиницей",
    ),
    opt(
        "number",
        T::TextOrNumber,
        "номер документа (обязателен для приказа и протокола)",
    ),
    opt(
        "date",
        T::Date,
        "дата документа, ГГГГ-ММ-ДД (обязательна для приказа и протокола)",
    ),
    opt("file", T::Attachment, "файл документа рядом с записью"),
    opt(
        "school",
        T::Ref(Section::Schools),
        "школа, если это документ школы (идентификатор школы)",
    ),
    opt(
        "risk",
        T::TextList,
        "для антирисковой программы: факторы риска, на которые она направлена, [r3, r8]",
    ),
    opt(
        "basis",
        T::FullRefList(&BASIS_TARGETS),
        "на что документ — управленческое решение — отвечает: полные идентификаторы отчётов, записей мониторинга, показателей, например [monitoring/vpr-2026-dolya-2]",
    ),
    UPDATED,
    DRAFT,
    WEIGHT,
];

#[derive(Serialize)]
struct Row {
    link: Link,
    kind: Option<String>,
    number: Option<String>,
    date: Option<String>,
    file: Option<FileView>,
}

impl KindSpec for Document {
    const META: Meta = Meta {
        dir: "documents",
        name: "document",
        title_ru: "Документы",
        nav_ru: "Документы",
        nav_order: 8,
        record_ru: "документ",
        fields: FIELDS,
        aliases: &["документ", "приказ"],
        new_ru: "документ",
        new_extension: "md",
        new_options: &[],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Document {
            kind: values::open_term(r, "kind", &DOCUMENT_KINDS),
            number: r.text("number"),
            date: r.date("date"),
            file: r.attachment("file"),
            school: r.reference("school"),
            risk: values::risk_ids(r, "risk"),
            basis: r
                .list_of_text("basis")
                .into_iter()
                .map(|(written, pos)| Ref {
                    written: written.trim_matches('/').to_string(),
                    pos,
                    target: None,
                })
                .collect(),
        }
    }

    /// Newest first.
    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let site = input.site;
        let rows: Vec<(Option<Date>, Row)> = ids
            .iter()
            .map(|&i| {
                let r = &site.records[i];
                let d = r.data::<Document>().expect("document");
                let row = Row {
                    link: link(input, r),
                    kind: d.kind.as_deref().map(|k| kind_ru(k).to_string()),
                    number: d.number.clone(),
                    date: opt_short(d.date),
                    file: d.file.as_ref().and_then(|a| file_view(input, a)),
                };
                (d.date, row)
            })
            .collect();
        ctx.insert("rows", &newest_first(rows));
    }
}

impl KindData for Document {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.school
            .iter()
            .map(|r| ("school", r))
            .chain(self.basis.iter().map(|r| ("basis", r)))
            .collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.school
            .iter_mut()
            .map(|r| ("school", r))
            .chain(self.basis.iter_mut().map(|r| ("basis", r)))
            .collect()
    }

    fn attachments(&self) -> Vec<&Attachment> {
        self.file.iter().collect()
    }

    fn attachments_mut(&mut self) -> Vec<&mut Attachment> {
        self.file.iter_mut().collect()
    }

    fn own_date(&self, _site: &Site) -> Option<Date> {
        self.date
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        if let Some(k) = &self.kind {
            parts.push(kind_ru(k).to_string());
        }
        parts.extend(self.number.clone());
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        let r = &input.site.records[idx];
        ctx.insert("citation", &citation(r));
        ctx.insert("kind_label", &self.kind.as_deref().map(kind_ru));
        ctx.insert("number", &self.number);
        ctx.insert("date", &opt_date(self.date));
        ctx.insert(
            "file",
            &self.file.as_ref().and_then(|a| file_view(input, a)),
        );
        // The roadmaps and plans it approves, in id order.
        let back = &input.site.backlinks[idx];
        let mut approves: Vec<RecordIdx> = back
            .via(plan::APPROVED)
            .chain(back.via(roadmap::APPROVED))
            .collect();
        approves.sort_unstable();
        ctx.insert("approves", &links(input, approves));
        ctx.insert(
            "school",
            &input.site.target(&self.school).map(|s| link(input, s)),
        );
        ctx.insert(
            "risks",
            &super::risk::links(input, self.risk.iter().map(|(id, _)| id)),
        );
        let basis: Vec<RecordIdx> = self.basis.iter().filter_map(|b| b.target).collect();
        ctx.insert("basis", &links(input, basis));
    }
}
