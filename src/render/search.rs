//! The offline search index: every published record with its title, section and a
//! short excerpt, and an inverted index from Russian Snowball stems to the records
//! that hold them, written as files fetched by word prefix
//! ([`super::search_files`]). The search page's script (`static/search.js`) stems
//! the query with the same algorithm, so «наставник» finds «наставников» and
//! «наставничество»; no server is involved.

use super::RenderInput;
use super::search_files::js_order;
use crate::model::{Record, RecordIdx};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry as MapEntry;

/// Weights of where a word was found: the title counts most.
const W_TITLE: u32 = 10;
const W_FIELD: u32 = 3;
const W_BODY: u32 = 1;
const EXCERPT_CHARS: usize = 220;

pub struct SearchIndex {
    pub version: u32,
    /// In the order of their titles ([`super::search_files::js_order`]; records
    /// of equal titles in the site's order).
    pub docs: Vec<SearchDoc>,
    /// Stem → `[doc index, score]` pairs, by doc index; stems in
    /// [`super::search_files::js_order`].
    pub stems: Vec<(String, Postings)>,
}

/// `[doc index, score]` pairs of one stem, by doc index.
///
/// `u32` halves the index's largest structure against `usize` pairs (padded to 16
/// bytes): 30 million postings at 100,000 records.
pub type Postings = Vec<(u32, u32)>;

#[derive(Clone, PartialEq, Debug)]
pub struct SearchDoc {
    /// Link with the base path.
    pub url: String,
    pub title: String,
    pub section: String,
    pub excerpt: String,
}

/// Lower case, «ё» as «е», split into words of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    Words { text, at: 0 }.map(|w| {
        let mut lower = String::with_capacity(w.len());
        lower_into(w, &mut lower);
        lower
    })
}

/// The runs of letters and digits (`char::is_alphanumeric`) of `text`, as written.
/// Found byte by byte: the index reads every word of every record, and splitting
/// by characters decoded each one (see [`alphanumeric_at`]).
struct Words<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let mut start = None;
        let mut i = self.at;
        while i < self.text.len() {
            let (alphanumeric, len) = alphanumeric_at(self.text, i);
            match (alphanumeric, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    self.at = i + len;
                    return Some(&self.text[s..i]);
                }
                _ => {}
            }
            i += len;
        }
        self.at = self.text.len();
        start.map(|s| &self.text[s..])
    }
}

/// Whether the character at byte `i` of `text` is a letter or a digit, and its
/// length. ASCII and the Cyrillic block U+0400–U+047F (first byte D0 or D1, every
/// one a letter) are told by their first byte, without decoding or a Unicode
/// table: most of the index's text is those.
#[inline]
fn alphanumeric_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b @ 0..=0x7F => (b.is_ascii_alphanumeric(), 1),
        0xD0 | 0xD1 => (true, 2),
        _ => {
            let c = text[i..].chars().next().expect("a character starts at i");
            (c.is_alphanumeric(), c.len_utf8())
        }
    }
}

/// Writes `word` lower-cased with «ё» as «е» into `out` (cleared first). Words of
/// ASCII and the Russian alphabet are mapped letter by letter; any other word goes
/// through `str::to_lowercase`, which knows the rules of other scripts.
fn lower_into(word: &str, out: &mut String) {
    out.clear();
    let simple = word
        .chars()
        .all(|c| c.is_ascii() || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
    if !simple {
        out.push_str(&word.to_lowercase().replace('ё', "е"));
        return;
    }
    for c in word.chars() {
        out.push(match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            // А–Я (U+0410–U+042F) are а–я (U+0430–U+044F) less 32.
            'А'..='Я' => char::from_u32(c as u32 + 32).unwrap_or(c),
            'ё' | 'Ё' => 'е',
            c => c,
        });
    }
}

/// The stem the index uses for a word (already lower-cased by [`words`]).
pub fn stem(stemmer: &Stemmer, word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        // Numbers and Latin abbreviations are kept as written.
        return word.to_string();
    }
    stemmer.stem(word).into_owned()
}

/// The stem number of a word the index leaves out (one letter).
const NOT_INDEXED: u32 = u32::MAX;

/// Indexes a run of consecutive records (one rayon job). Texts repeat their
/// words, and stemming is the index's main cost, so each word is stemmed once per
/// run; stems are numbered as they are found, so a word costs one lookup and
/// no allocation once seen.
struct Indexer {
    stemmer: Stemmer,
    /// Word as written → its stem's number ([`NOT_INDEXED`] for a one-letter
    /// word): most words recur with the same capitals, so most words cost one
    /// lookup and are never lower-cased.
    by_spelling: FxHashMap<String, u32>,
    /// Word (lower case) → its stem's number.
    by_word: FxHashMap<String, u32>,
    /// Stem → its number, and number → stem.
    by_stem: FxHashMap<String, u32>,
    names: Vec<String>,
    /// Postings by stem number.
    postings: Vec<Postings>,
    /// The current record's weight by stem number, and the numbers it has.
    weights: Vec<u32>,
    touched: Vec<u32>,
    /// The word being looked up, lower-cased.
    word: String,
    docs: Vec<SearchDoc>,
}

impl Indexer {
    fn new() -> Indexer {
        Indexer {
            stemmer: Stemmer::create(Algorithm::Russian),
            by_spelling: FxHashMap::default(),
            by_word: FxHashMap::default(),
            by_stem: FxHashMap::default(),
            names: Vec::new(),
            postings: Vec::new(),
            weights: Vec::new(),
            touched: Vec::new(),
            word: String::new(),
            docs: Vec::new(),
        }
    }

    /// Adds `weight` to the stem of every word of two letters or more in `text`.
    fn add(&mut self, text: &str, weight: u32) {
        for w in (Words { text, at: 0 }) {
            let id = match self.by_spelling.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.stem_number(w);
                    self.by_spelling.insert(w.to_string(), id);
                    id
                }
            };
            if id == NOT_INDEXED {
                continue;
            }
            let w = &mut self.weights[id as usize];
            if *w == 0 {
                self.touched.push(id);
            }
            *w += weight;
        }
    }

    /// The number of the stem of a word seen for the first time as written,
    /// numbering a new stem; [`NOT_INDEXED`] for a word of one letter.
    fn stem_number(&mut self, written: &str) -> u32 {
        lower_into(written, &mut self.word);
        if self.word.chars().nth(1).is_none() {
            return NOT_INDEXED;
        }
        if let Some(&id) = self.by_word.get(self.word.as_str()) {
            return id;
        }
        let stemmed = stem(&self.stemmer, &self.word);
        let next = self.names.len() as u32;
        let id = match self.by_stem.entry(stemmed) {
            MapEntry::Occupied(e) => *e.get(),
            MapEntry::Vacant(e) => {
                self.names.push(e.key().clone());
                self.postings.push(Vec::new());
                self.weights.push(0);
                *e.insert(next)
            }
        };
        self.by_word.insert(self.word.clone(), id);
        id
    }

    /// Moves the current record's weights into the postings, as document `doc`.
    fn finish_record(&mut self, doc: u32) {
        for id in self.touched.drain(..) {
            let weight = std::mem::take(&mut self.weights[id as usize]);
            self.postings[id as usize].push((doc, weight));
        }
    }

    /// Takes the current record's weights out, by stem.
    fn take_weights(&mut self) -> Vec<(String, u32)> {
        let mut weights = Vec::with_capacity(self.touched.len());
        for id in self.touched.drain(..) {
            let weight = std::mem::take(&mut self.weights[id as usize]);
            weights.push((self.names[id as usize].clone(), weight));
        }
        weights
    }

    /// Adds a record's words to the current weights; returns its document.
    fn index_record(&mut self, site: &crate::model::Site, r: &Record) -> SearchDoc {
        let title = super::views::page_title(site, r);
        let body = crate::markdown::readable_text(&r.body);
        let fields = field_text(r);
        self.add(&title, W_TITLE);
        self.add(&fields, W_FIELD);
        self.add(&body, W_BODY);
        // Two characters more than an excerpt shows: even trimmed of a space at
        // the end, they tell `excerpt` whether to cut.
        let body_start = crate::markdown::collapse(&body, EXCERPT_CHARS + 2);
        let source = if body_start.is_empty() {
            &fields
        } else {
            &body_start
        };
        SearchDoc {
            url: r.url.clone(),
            title: crate::typo::text(&title),
            section: r.section.title_ru().to_string(),
            excerpt: crate::typo::text(&excerpt(source)),
        }
    }
}

/// One record's part of the index: its document and the weights of its stems.
/// `vitrina serve` keeps the entries of records a change does not affect.
pub struct Entry {
    doc: SearchDoc,
    weights: Vec<(String, u32)>,
}

/// The index entries of these records.
pub fn entries(input: &RenderInput, records: &[RecordIdx]) -> Vec<Entry> {
    let site = input.site;
    records
        .par_iter()
        .map_init(Indexer::new, |ix, &idx| {
            let doc = ix.index_record(site, &site.records[idx]);
            Entry {
                doc,
                weights: ix.take_weights(),
            }
        })
        .collect()
}

/// The index of these entries, one document each (given in the site's order): the
/// same index [`build`] makes of the same records.
pub fn assemble<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> SearchIndex {
    let mut entries: Vec<&Entry> = entries.into_iter().collect();
    // Stable: equal titles stay in the site's order.
    entries.sort_by(|a, b| js_order(&a.doc.title, &b.doc.title));
    let mut docs = Vec::new();
    let mut postings: FxHashMap<&str, Postings> = FxHashMap::default();
    for (doc_idx, entry) in entries.into_iter().enumerate() {
        docs.push(entry.doc.clone());
        for (stem, weight) in &entry.weights {
            postings
                .entry(stem)
                .or_default()
                .push((doc_idx as u32, *weight));
        }
    }
    sorted_index(
        docs,
        postings
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// The index of these documents and stems, the stems put in order.
fn sorted_index(docs: Vec<SearchDoc>, mut stems: Vec<(String, Postings)>) -> SearchIndex {
    stems.par_sort_unstable_by(|a, b| js_order(&a.0, &b.0));
    SearchIndex {
        version: 2,
        docs,
        stems,
    }
}

/// The index of the whole site. Workers index runs of records straight into
/// postings lists (no record's weights are kept), then the runs are joined.
pub fn build(input: &RenderInput) -> SearchIndex {
    let site = input.site;
    let parts: Vec<Indexer> = title_order(site)
        .par_iter()
        .enumerate()
        .fold(Indexer::new, |mut ix, (doc_idx, &idx)| {
            let doc = ix.index_record(site, &site.records[idx]);
            ix.finish_record(doc_idx as u32);
            ix.docs.push(doc);
            ix
        })
        .collect();
    // The runs, in record order, joined: each stem's postings stay sorted.
    let mut docs = Vec::with_capacity(site.records.len());
    let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
    for mut part in parts {
        docs.append(&mut part.docs);
        for (stem, id) in part.by_stem {
            let list = std::mem::take(&mut part.postings[id as usize]);
            match postings.entry(stem) {
                MapEntry::Occupied(e) => e.into_mut().extend(list),
                MapEntry::Vacant(e) => {
                    e.insert(list);
                }
            }
        }
    }
    sorted_index(docs, postings.into_iter().collect())
}

/// The records in the order of the titles their documents show (stable: equal
/// titles in the site's order), which numbers the documents.
fn title_order(site: &crate::model::Site) -> Vec<RecordIdx> {
    let titles: Vec<String> = site
        .records
        .par_iter()
        .map(|r| crate::typo::text(&super::views::page_title(site, r)))
        .collect();
    let mut order: Vec<RecordIdx> = (0..site.records.len()).collect();
    order.par_sort_by(|&a, &b| js_order(&titles[a], &titles[b]));
    order
}

/// The record's own fields that a visitor may search for (its kind says which).
fn field_text(r: &Record) -> String {
    let mut parts: Vec<String> = Vec::new();
    r.kind.data().search_text(&mut parts);
    parts.join(". ")
}

fn excerpt(text: &str) -> String {
    crate::shorten::at_word(text.trim(), EXCERPT_CHARS)
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
    fn fast_paths_agree_with_unicode() {
        let mut s = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            s.clear();
            s.push(c);
            assert_eq!(
                alphanumeric_at(&s, 0),
                (c.is_alphanumeric(), c.len_utf8()),
                "{c:?}"
            );
        }
        let mut out = String::new();
        for w in [
            "ЁЛКА",
            "Ёлка",
            "ШНОР",
            "Ivanov2026",
            "ΣΟΦΟΣ",
            "İstanbul",
            "ǅemal",
        ] {
            lower_into(w, &mut out);
            assert_eq!(out, w.to_lowercase().replace('ё', "е"), "{w}");
        }
    }

    proptest::proptest! {
        /// The byte-by-byte words are the runs `char::is_alphanumeric` makes, on
        /// text mixing ASCII, Russian, the Cyrillic block's edges (Ѐ U+0400, ѿ
        /// U+047F, ҂ U+0482 a sign), other scripts, marks and punctuation.
        #[test]
        fn words_are_the_runs_of_letters_and_digits(
            text in "[a-zA-Z0-9 ,.\\-«»а-яА-ЯёЁ\\u{400}-\\u{48F}\\u{300}-\\u{36F}αβ€№\\u{A0}\\u{2003}𝔸😀]{0,40}"
        ) {
            let fast: Vec<&str> = Words { text: &text, at: 0 }.collect();
            let plain: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(fast, plain);
        }
    }

    #[test]
    fn excerpt_of_the_collapsed_start_is_the_excerpt_of_the_whole() {
        for at in EXCERPT_CHARS - 3..EXCERPT_CHARS + 4 {
            let text = format!("{}  \n слово и ещё слова", "я".repeat(at));
            let whole = crate::markdown::collapse(&text, usize::MAX);
            let start = crate::markdown::collapse(&text, EXCERPT_CHARS + 2);
            assert_eq!(excerpt(&start), excerpt(&whole), "{at}");
        }
    }

    #[test]
    fn entries_assemble_into_the_index_build_makes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, profile) = crate::build::open_site(root, false, None).unwrap();
        let input = RenderInput {
            site: &site,
            profile: &profile,
            today: jiff::civil::date(2026, 11, 24),
            here: None,
            shared: &Default::default(),
        };
        let all: Vec<RecordIdx> = (0..site.records.len()).collect();
        let whole = build(&input);
        assert!(whole.docs.len() > 50 && whole.stems.len() > 1000);
        let parts = assemble(&entries(&input, &all));
        assert_eq!(parts.docs, whole.docs);
        assert_eq!(parts.stems, whole.stems);
        let titles: Vec<&str> = whole.docs.iter().map(|d| d.title.as_str()).collect();
        assert!(
            titles.is_sorted_by(|a, b| js_order(a, b).is_le()),
            "{titles:?}"
        );
    }

    #[test]
    fn excerpt_is_cut_at_a_word() {
        let long = "слово ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with('…') && e.chars().count() <= EXCERPT_CHARS + 1);
    }
}
