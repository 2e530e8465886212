//! Open data on the site (issue 12, item 6): each record whose kind gives a table
//! ([`crate::kinds::KindData::open_data`]: indicators, monitoring) is published as
//! `data.csv` and its passport `meta.csv` next to its page, and listed on
//! `/opendata/`. The CSV and passport formats are [`crate::opendata`].

use super::RenderInput;
use super::kit::{Link, link, link_to};
use crate::model::{Record, RecordIdx};
use crate::opendata::Dataset;
use serde::Serialize;
use tera::Context;

/// The page's address.
pub const URL: &str = "/opendata/";

/// The links a record page shows under its data, when it has any.
#[derive(Serialize)]
pub struct Links {
    pub data: String,
    pub meta: String,
}

pub fn links(input: &RenderInput, r: &Record) -> Option<Links> {
    r.kind.data().open_data(input, r)?;
    Some(Links {
        data: link_to(input, &format!("{}data.csv", r.url)),
        meta: link_to(input, &format!("{}meta.csv", r.url)),
    })
}

fn dataset(input: &RenderInput, idx: RecordIdx) -> Option<Dataset> {
    let site = input.site;
    let r = &site.records[idx];
    let table = r.kind.data().open_data(input, r)?;
    // The record's own date of change, else today's build.
    let modified = r
        .updated
        .or_else(|| r.kind.data().own_date(site))
        .filter(|d| *d <= input.today)
        .unwrap_or(input.today);
    Some(Dataset {
        identifier: Dataset::identifier_of(&r.id),
        title: r.display_title(),
        description: table.description,
        creator: site.config.authority.clone(),
        created: modified,
        modified,
        data_url: format!("{}{}data.csv", site.config.absolute_base(), r.url),
        headers: table.headers,
        rows: table.rows,
    })
}

/// `data.csv` and `meta.csv` of every record with open data: (path, bytes).
pub fn files(input: &RenderInput) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (idx, r) in input.site.records.iter().enumerate() {
        if let Some(d) = dataset(input, idx) {
            let dir = r.url.trim_start_matches('/');
            out.push((format!("{dir}data.csv"), d.data_csv().into_bytes()));
            out.push((format!("{dir}meta.csv"), d.meta_csv().into_bytes()));
        }
    }
    out
}

#[derive(Serialize)]
struct Row {
    page: Link,
    identifier: String,
    section: &'static str,
    rows: usize,
    links: Links,
}

/// `/opendata/`: every data set, by section then title.
pub fn context(input: &RenderInput, mut ctx: Context) -> Context {
    let site = input.site;
    let mut rows: Vec<Row> = (0..site.records.len())
        .filter_map(|idx| {
            let r = &site.records[idx];
            let d = dataset(input, idx)?;
            Some(Row {
                page: link(input, r),
                identifier: d.identifier,
                section: r.section.title_ru(),
                rows: d.rows.len(),
                links: links(input, r)?,
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.section, &a.page.title).cmp(&(b.section, &b.page.title)));
    ctx.insert("datasets", &rows);
    ctx
}
