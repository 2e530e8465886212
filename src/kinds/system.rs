//! The System (Система работы): Markdown pages; `system/index` is the section
//! page itself (`/system/`). A page may describe the municipal model of support
//! (`model`, src/infra_model.rs); the section page also lists the reviews of
//! progress (events of kind `review`) with the decisions taken.

use super::{KindData, KindSpec, Meta, event, report};
use crate::infra_model::{InfraModel, executor_record_id, parse_model};
use crate::kinds::model::{RecordIdx, Ref, RefField};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, link_idx, opt_date};
use serde::Serialize;
use tera::Context;

/// A page of the System: the common fields, the text and perhaps the model.
#[derive(Debug, Clone, PartialEq)]
pub struct System {
    pub model: Option<InfraModel>,
    /// The model's executors that name records (`centres/mnc-1`, `people/petrova`).
    pub executors: Vec<Ref>,
}

/// Records named as executors of the model point back at the page through `model`.
pub const MODEL: RefField = RefField {
    from: Section::System,
    field: "model",
};

/// The columns of a level of the model.
const MODEL_LEVEL: &[FieldSpec] = &[
    req(
        "level",
        T::Text,
        "уровень: «Муниципальный уровень», «Школьный уровень»",
    ),
    opt(
        "executors",
        T::TextList,
        "исполнители: текст или идентификаторы записей, [управление образования, centres/mnc-1, people/petrova]",
    ),
    opt(
        "directions",
        T::TextList,
        "направления работы: [{title: Организационно-управленческое, text: …}]",
    ),
];

const FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "заголовок страницы"),
    opt(
        "model",
        T::Table(MODEL_LEVEL),
        "модель сопровождения: уровни, их исполнители и направления работы",
    ),
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

    fn read(r: &mut Reader) -> Self {
        let Some((node, pos)) = r.get("model").map(|(n, p)| (n.clone(), p)) else {
            return System {
                model: None,
                executors: Vec::new(),
            };
        };
        let (model, problems) = parse_model(&node);
        for p in problems {
            r.wrong("model", pos, p.message, p.hint);
        }
        let dirs: Vec<&str> = Section::ALL.iter().map(|s| s.dir()).collect();
        let executors = model
            .levels
            .iter()
            .flat_map(|l| &l.executors)
            .filter_map(|e| executor_record_id(e, &dirs))
            .map(|id| Ref {
                written: id.to_string(),
                pos,
                target: None,
            })
            .collect();
        System {
            model: Some(model),
            executors,
        }
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let site = input.site;
        let intro_idx = site.get("system/index");
        let intro = intro_idx.map(|i| &site.records[i]);
        ctx.insert(
            "intro_html",
            &intro.map(|r| crate::headings::body(&site.config, &r.body, 2)),
        );
        if let Some(r) = intro {
            ctx.insert("intro_title", &r.display_title());
        }
        match intro_idx {
            Some(i) => model_view(input, i, ctx),
            None => ctx.insert("model", &None::<()>),
        }
        let pages: Vec<_> = ids
            .iter()
            .filter(|&&i| site.records[i].id != "system/index")
            .map(|&i| link_idx(input, i))
            .collect();
        ctx.insert("pages", &pages);
        ctx.insert("reviews", &reviews(input));
    }
}

impl KindData for System {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.executors.iter().map(|r| ("model", r)).collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.executors.iter_mut().map(|r| ("model", r)).collect()
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        model_view(input, idx, ctx);
    }
}

/// `model` for `record/_model.html`: executors that name records linked to them.
fn model_view(input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
    let site = input.site;
    let system = site.records[idx].data::<System>();
    let Some((system, model)) = system.and_then(|s| Some((s, s.model.as_ref()?))) else {
        ctx.insert("model", &None::<()>);
        return;
    };
    let view = model.view(|written| {
        let id = written.trim().trim_matches('/');
        let target = system
            .executors
            .iter()
            .find(|r| r.written == id)
            .and_then(|r| r.target)?;
        let l = link_idx(input, target);
        Some((l.title, l.url))
    });
    ctx.insert("model", &view);
}

#[derive(Serialize)]
struct Review {
    link: Link,
    date: Option<String>,
    /// The report on the review: the decisions taken.
    report: Option<Link>,
    decisions_html: Option<String>,
}

/// Every review of progress (events of kind `review`), newest first, with the
/// report that records its decisions.
fn reviews(input: &RenderInput) -> Vec<Review> {
    let site = input.site;
    event::sorted(site)
        .into_iter()
        .rev()
        .filter(|(_, e)| event::is_review(e.kind.as_deref()))
        .map(|(i, e)| {
            let report = site.backlinks[i].via(report::OF).next_back();
            Review {
                link: link_idx(input, i),
                date: opt_date(e.date),
                report: report.map(|ri| report::dated_link(input, ri)),
                decisions_html: report
                    .map(|ri| &site.records[ri].body)
                    .filter(|b| !b.trim().is_empty())
                    .map(|b| crate::headings::body(&site.config, b, 3)),
            }
        })
        .collect()
}
