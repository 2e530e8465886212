//! The offline search index, `search-index.json`: every published record with its
//! title, section and a short excerpt, and an inverted index from Russian Snowball
//! stems to the records that hold them. The search page's script
//! (`static/search.js`) stems the query with the same algorithm, so «наставник»
//! finds «наставников» and «наставничество»; no server is involved.

use super::RenderInput;
use crate::model::{Kind, Record, RecordIdx};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Weights of where a word was found: the title counts most.
const W_TITLE: u32 = 10;
const W_FIELD: u32 = 3;
const W_BODY: u32 = 1;
const EXCERPT_CHARS: usize = 220;

#[derive(Serialize)]
pub struct SearchIndex {
    pub version: u32,
    pub docs: Vec<SearchDoc>,
    /// Stem → `[doc index, score]` pairs, by doc index.
    pub stems: BTreeMap<String, Vec<(usize, u32)>>,
}

#[derive(Serialize, Clone)]
pub struct SearchDoc {
    /// Link with the base path.
    pub url: String,
    pub title: String,
    pub section: String,
    pub excerpt: String,
}

/// Lower case, «ё» as «е», split into words of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
}

/// The stem the index uses for a word (already lower-cased by [`words`]).
pub fn stem(stemmer: &Stemmer, word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        // Numbers and Latin abbreviations are kept as written.
        return word.to_string();
    }
    stemmer.stem(word).into_owned()
}

/// One record's part of the index: its document and the weights of its stems.
pub struct Entry {
    doc: SearchDoc,
    weights: BTreeMap<String, u32>,
}

pub fn build(input: &RenderInput) -> SearchIndex {
    let all: Vec<RecordIdx> = (0..input.site.records.len()).collect();
    assemble(&entries(input, &all))
}

/// The index entries of these records. Stemming is most of the index's cost:
/// `vitrina serve` keeps the entries of records a change does not affect.
pub fn entries(input: &RenderInput, records: &[RecordIdx]) -> Vec<Entry> {
    let site = input.site;
    // Each record's document and stem weights are computed in parallel (stemming
    // is most of the work); the merge into one sorted index is serial and cheap.
    records
        .par_iter()
        .map_init(
            // A thread's stemmer, and the stems it found: texts repeat their words,
            // and stemming dominates the index's cost.
            || {
                (
                    Stemmer::create(Algorithm::Russian),
                    HashMap::<String, String>::new(),
                )
            },
            |(stemmer, cache), &idx| {
                let r = &site.records[idx];
                let title = super::views::page_title(site, r);
                let body = crate::markdown::plain_text(&r.body);
                let fields = field_text(r);
                let mut weights: BTreeMap<String, u32> = BTreeMap::new();
                let mut add = |text: &str, weight: u32| {
                    for w in words(text) {
                        if w.chars().count() < 2 {
                            continue;
                        }
                        let stemmed = match cache.get(&w) {
                            Some(s) => s.clone(),
                            None => {
                                let s = stem(stemmer, &w);
                                cache.insert(w, s.clone());
                                s
                            }
                        };
                        *weights.entry(stemmed).or_default() += weight;
                    }
                };
                add(&title, W_TITLE);
                add(&fields, W_FIELD);
                add(&body, W_BODY);
                let source = if body.trim().is_empty() {
                    &fields
                } else {
                    &body
                };
                let doc = SearchDoc {
                    url: format!("{}{}", site.config.base_path(), r.url),
                    title: super::typo::text(&title),
                    section: r.section.title_ru().to_string(),
                    excerpt: super::typo::text(&excerpt(source)),
                };
                Entry { doc, weights }
            },
        )
        .collect()
}

/// The index of these entries, one document each, in this order.
pub fn assemble<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> SearchIndex {
    let mut docs = Vec::new();
    // A record's stems are distinct, so each list gets a document once, in order.
    let mut stems: BTreeMap<&str, Vec<(usize, u32)>> = BTreeMap::new();
    for (doc_idx, entry) in entries.into_iter().enumerate() {
        docs.push(entry.doc.clone());
        for (stem, &weight) in &entry.weights {
            stems.entry(stem).or_default().push((doc_idx, weight));
        }
    }
    SearchIndex {
        version: 1,
        docs,
        stems: stems.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    }
}

/// The record's own fields that a visitor may search for.
fn field_text(r: &Record) -> String {
    let mut parts: Vec<String> = Vec::new();
    fn opt(parts: &mut Vec<String>, s: &Option<String>) {
        if let Some(s) = s {
            parts.push(s.clone());
        }
    }
    match &r.kind {
        Kind::System => {}
        Kind::School(s) => {
            opt(&mut parts, &s.name);
            opt(&mut parts, &s.short_name);
            opt(&mut parts, &s.curator);
            opt(&mut parts, &s.address);
            for c in &s.categories {
                parts.push(format!("{} {}", c.label_ru(), c.full_ru()));
            }
        }
        Kind::Centre(c) => {
            opt(&mut parts, &c.name);
            opt(&mut parts, &c.head);
            if let Some(k) = c.kind {
                parts.push(format!("{} {}", k.label_ru(), k.full_ru()));
            }
        }
        Kind::Roadmap(w) | Kind::Plan(w) => {
            for m in &w.measures {
                opt(&mut parts, &m.title);
                opt(&mut parts, &m.responsible);
                opt(&mut parts, &m.result);
            }
        }
        Kind::Program(p) => {
            opt(&mut parts, &p.form);
            opt(&mut parts, &p.audience);
            opt(&mut parts, &p.provider);
        }
        Kind::Event(e) => {
            opt(&mut parts, &e.place);
            opt(&mut parts, &e.audience);
            opt(&mut parts, &e.organizer);
            if let Some(k) = &e.kind {
                parts.push(crate::schema::event_kind_ru(k).to_string());
            }
        }
        Kind::Report(rep) => {
            for m in &rep.measures {
                opt(&mut parts, &m.title);
                opt(&mut parts, &m.comment);
            }
        }
        Kind::Document(d) => {
            if let Some(k) = &d.kind {
                parts.push(crate::schema::document_kind_ru(k).to_string());
            }
            opt(&mut parts, &d.number);
        }
    }
    parts.join(". ")
}

fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_a_stem() {
        let s = Stemmer::create(Algorithm::Russian);
        let st = |w: &str| stem(&s, w);
        assert_eq!(st("наставник"), st("наставников"));
        assert_eq!(st("наставника"), st("наставникам"));
        assert_eq!(st("школы"), st("школ"));
        assert_eq!(st("285"), "285");
        let w: Vec<String> = words("Учёт ШНОР, ВПР-2026").collect();
        assert_eq!(w, ["учет", "шнор", "впр", "2026"]);
    }

    #[test]
    fn excerpt_is_cut_at_a_word() {
        let long = "слово ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with('…') && e.chars().count() <= EXCERPT_CHARS + 1);
    }
}
