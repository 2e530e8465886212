//! The System (Система работы): Markdown pages; `system/index` is the section
//! page itself (`/system/`).

use super::{KindData, KindSpec, Meta};
use crate::kinds::model::RecordIdx;
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, UPDATED, WEIGHT, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::link_idx;
use tera::Context;

/// A page of the System: only the common fields and the text.
#[derive(Debug, Clone, PartialEq)]
pub struct System;

const FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "заголовок страницы"),
    WEIGHT,
    UPDATED,
    DRAFT,
];

impl KindSpec for System {
    const META: Meta = Meta {
        dir: "system",
        name: "system",
        title_ru: "Система работы",
        nav_ru: "Система работы",
        nav_order: 0,
        record_ru: "страница раздела «Система работы»",
        fields: FIELDS,
        aliases: &["система", "страница"],
        new_ru: "система",
        new_extension: "md",
        new_options: &[],
        templates: &[],
    };

    fn read(_: &mut Reader) -> Self {
        System
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let site = input.site;
        let intro = site.get("system/index").map(|i| &site.records[i]);
        ctx.insert(
            "intro_html",
            &intro.map(|r| crate::headings::body(&site.config, &r.body, 2)),
        );
        if let Some(r) = intro {
            ctx.insert("intro_title", &r.display_title());
        }
        let pages: Vec<_> = ids
            .iter()
            .filter(|&&i| site.records[i].id != "system/index")
            .map(|&i| link_idx(input, i))
            .collect();
        ctx.insert("pages", &pages);
    }
}

impl KindData for System {}
