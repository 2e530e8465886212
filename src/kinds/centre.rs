//! Centres: МНЦ (municipal mentoring centres) and МТКП (municipal tutor
//! consulting points), one record each, with their work plans.

use super::{KindData, KindSpec, Meta, plan, work_plan};
use crate::kinds::model::{Record, RecordIdx, Ref, RefField, Site};
use crate::kinds::new_args::{NewError, NewOptions, reference};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{
    DRAFT, FieldSpec, FieldType as T, Section, TITLE, UPDATED, WEIGHT, opt, req,
};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, link, link_to};
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CentreKind {
    Mnc,
    Mtkp,
}

impl CentreKind {
    pub const ALL: [CentreKind; 2] = [CentreKind::Mnc, CentreKind::Mtkp];

    /// `mnc`/`mtkp`, as profiles (`centre_kind`) and anchors write it.
    pub fn id(self) -> &'static str {
        match self {
            CentreKind::Mnc => "mnc",
            CentreKind::Mtkp => "mtkp",
        }
    }

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

#[derive(Debug, Clone, PartialEq)]
pub struct Centre {
    pub kind: Option<CentreKind>,
    pub name: Option<String>,
    pub base: Option<Ref>,
    pub head: Option<String>,
}

/// Centres based at a school point at it through `base`.
pub const BASE: RefField = RefField {
    from: Section::Centres,
    field: "base",
};

/// The kind of a centre, or of the centre a plan belongs to: what a profile
/// item's `centre_kind` selects.
pub fn kind_of(site: &Site, r: &Record) -> Option<CentreKind> {
    let centre = match r.data::<Centre>() {
        Some(c) => c,
        None => site
            .target(&r.data::<plan::Plan>()?.0.owner)?
            .data::<Centre>()?,
    };
    centre.kind
}

const FIELDS: &[FieldSpec] = &[
    req("kind", T::Text, "вид: mnc (МНЦ) или mtkp (МТКП)"),
    req("name", T::Text, "наименование центра"),
    opt(
        "base",
        T::Ref(Section::Schools),
        "базовая школа (идентификатор школы)",
    ),
    opt("head", T::Text, "руководитель: ФИО и должность"),
    TITLE,
    UPDATED,
    DRAFT,
    WEIGHT,
];

impl KindSpec for Centre {
    const META: Meta = Meta {
        dir: "centres",
        name: "centre",
        title_ru: "Наставнические центры и тьюторские пункты",
        nav_ru: "МНЦ и МТКП",
        nav_order: 7,
        record_ru: "центр (МНЦ или МТКП)",
        fields: FIELDS,
        aliases: &["center", "центр", "мнц", "мткп", "mnc", "mtkp"],
        new_ru: "центр",
        new_extension: "yaml",
        new_options: &["school"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Centre {
            kind: read_kind(r),
            name: r.text("name"),
            base: r.reference("base"),
            head: r.text("head"),
        }
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let rows: Vec<Row> = ids.iter().map(|&i| row(input, i)).collect();
        ctx.insert("rows", &rows);
    }

    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        let mut values = Vec::new();
        // `vitrina new мнц …` / `mtkp …`: the kind of centre is known.
        match args.kind.trim().to_lowercase().as_str() {
            "мнц" | "mnc" => values.push(("kind", "mnc".to_string())),
            "мткп" | "mtkp" => values.push(("kind", "mtkp".to_string())),
            _ => {}
        }
        if let Some(s) = &args.school {
            values.push((
                "base",
                reference(&args.root, "school", s, Section::Schools)?,
            ));
        }
        Ok(values)
    }
}

impl KindData for Centre {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.base.iter().map(|r| ("base", r)).collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.base.iter_mut().map(|r| ("base", r)).collect()
    }

    fn own_title(&self) -> Option<&str> {
        self.name.as_deref()
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.name.clone());
        parts.extend(self.head.clone());
        if let Some(k) = self.kind {
            parts.push(format!("{} {}", k.label_ru(), k.full_ru()));
        }
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        let site = input.site;
        ctx.insert("kind_label", &self.kind.map(|k| k.label_ru()));
        ctx.insert("kind_full", &self.kind.map(|k| k.full_ru()));
        ctx.insert("name", &self.name);
        ctx.insert("base", &site.target(&self.base).map(|b| link(input, b)));
        ctx.insert("head", &self.head);
        ctx.insert(
            "plans",
            &site.backlinks[idx]
                .via(plan::CENTRE)
                .map(|i| work_plan::row(input, i))
                .collect::<Vec<_>>(),
        );
    }
}

#[derive(Serialize)]
struct Row {
    link: Link,
    kind: Option<&'static str>,
    base: Option<Link>,
    head: Option<String>,
    plans: Vec<Link>,
}

fn row(input: &RenderInput, idx: RecordIdx) -> Row {
    let site = input.site;
    let r = &site.records[idx];
    let c = r.data::<Centre>().expect("centre");
    Row {
        link: link(input, r),
        kind: c.kind.map(|k| k.label_ru()),
        base: site.target(&c.base).map(|b| link(input, b)),
        head: c.head.clone(),
        plans: site.backlinks[idx]
            .via(plan::CENTRE)
            .map(|i| Link {
                title: work_plan::of(&site.records[i])
                    .and_then(|w| w.academic_year)
                    .map(|y| format!("План на {y} учебный год"))
                    .unwrap_or_else(|| site.records[i].display_title()),
                url: link_to(input, &site.records[i].url),
            })
            .collect(),
    }
}

fn read_kind(r: &mut Reader) -> Option<CentreKind> {
    let (_, pos) = r.get("kind")?;
    let value = r.text("kind")?;
    match value.to_lowercase().as_str() {
        "mnc" | "мнц" => Some(CentreKind::Mnc),
        "mtkp" | "мткп" => Some(CentreKind::Mtkp),
        _ => {
            r.wrong(
                "kind",
                pos,
                format!("неизвестный вид центра «{value}»"),
                "допустимы mnc (МНЦ) и mtkp (МТКП)",
            );
            None
        }
    }
}
