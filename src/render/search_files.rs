//! The search index as files a browser fetches by word prefix, so the first search
//! of a large site downloads a few small files instead of the whole index (the
//! approach of Pagefind; see docs/performance.md for why not Pagefind itself).
//!
//! Under `search-index/`:
//! * `manifest.json`: the number of documents, how many a document file holds,
//!   the section titles, and the first stem of every postings file;
//! * `p/N.json`: consecutive stems (in UTF-16 order, the order of JavaScript's
//!   `<`) with their postings, `{"stem": "numbers"}`: document, score, document
//!   step, score, … (the first document number as is, each next one as the step
//!   from the previous), each number written by [`push_number`];
//! * `d/N.json`: documents `N × per_file …`, each `[url, title, section number,
//!   excerpt]`.
//!
//! Documents are numbered in the order of their titles, so the script orders equal
//! scores by number without loading the titles of every match.

use super::search::{SearchDoc, SearchIndex};
use std::cmp::Ordering;

/// The folder of the index under the output root.
pub const DIR: &str = "search-index";
/// The file the search page loads first.
pub const MANIFEST: &str = "search-index/manifest.json";
/// Documents per document file: the first page of results (50) touches at most 50
/// files of ~7 KB, whatever the size of the site.
const DOCS_PER_FILE: usize = 8;
/// A postings file is closed once it holds this many bytes (a single stem's
/// postings may make one larger).
const SHARD_BYTES: usize = 24 * 1024;

/// The digits of [`push_number`]: 0–31 end a number, 32–63 are followed by more.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Writes `v` in base 32, most significant digit first, each digit but the last
/// plus 32: one character for 0–31. A posting (document step, score) is mostly
/// two characters, against four or five as JSON numbers with commas.
fn push_number(out: &mut String, mut v: u32) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    loop {
        digits[n] = (v & 31) as u8;
        n += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let more = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[(digits[i] + more) as usize] as char);
    }
}

/// The numbers [`push_number`] wrote into `s`.
pub fn read_numbers(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut v = 0u32;
    for b in s.bytes() {
        let d = DIGITS.iter().position(|&c| c == b).expect("a digit") as u32;
        v = v * 32 + (d & 31);
        if d < 32 {
            out.push(v);
            v = 0;
        }
    }
    out
}

/// The order of JavaScript's string comparison (UTF-16 code units); the same as
/// Rust's for text without characters beyond U+FFFF.
pub fn js_order(a: &str, b: &str) -> Ordering {
    // Equal leading bytes are equal leading characters, and so equal leading
    // UTF-16 units: only the rest is encoded. Titles share long prefixes
    // («Отчёт о выполнении дорожной карты…»), and sorting 10,000 of them unit by
    // unit was 2.6 % of a build's instructions.
    let same = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    // The start of the character the first difference falls in: a boundary in
    // both strings, as the bytes before it are the same whole characters.
    let start = (0..=same)
        .rev()
        .find(|&i| a.is_char_boundary(i))
        .unwrap_or(0);
    a[start..].encode_utf16().cmp(b[start..].encode_utf16())
}

/// Every file of the index: (path under the output root, bytes). The stems of
/// `index` are in [`js_order`], its documents in the order of their titles.
pub fn files(index: &SearchIndex) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut sections: Vec<&str> = Vec::new();
    for (n, chunk) in index.docs.chunks(DOCS_PER_FILE).enumerate() {
        let docs: Vec<(&str, &str, usize, &str)> = chunk
            .iter()
            .map(|d: &SearchDoc| {
                let section = match sections.iter().position(|s| *s == d.section) {
                    Some(i) => i,
                    None => {
                        sections.push(&d.section);
                        sections.len() - 1
                    }
                };
                (
                    d.url.as_str(),
                    d.title.as_str(),
                    section,
                    d.excerpt.as_str(),
                )
            })
            .collect();
        files.push((
            format!("{DIR}/d/{n}.json"),
            serde_json::to_vec(&docs).expect("documents serialise"),
        ));
    }
    let mut starts: Vec<&str> = Vec::new();
    let mut shard = String::new();
    let close = |shard: &mut String, files: &mut Vec<(String, Vec<u8>)>, n: usize| {
        shard.push('}');
        files.push((
            format!("{DIR}/p/{n}.json"),
            std::mem::take(shard).into_bytes(),
        ));
    };
    for (stem, postings) in &index.stems {
        if shard.len() >= SHARD_BYTES {
            close(&mut shard, &mut files, starts.len() - 1);
        }
        if shard.is_empty() {
            starts.push(stem);
            shard.push('{');
        } else {
            shard.push(',');
        }
        shard.push_str(&serde_json::to_string(stem).expect("a string serialises"));
        shard.push_str(":\"");
        let mut last = 0;
        for &(doc, score) in postings {
            push_number(&mut shard, doc - last);
            push_number(&mut shard, score);
            last = doc;
        }
        shard.push('"');
    }
    if !shard.is_empty() {
        close(&mut shard, &mut files, starts.len() - 1);
    }
    let manifest = serde_json::json!({
        "version": 2,
        "docs": index.docs.len(),
        "per_file": DOCS_PER_FILE,
        "sections": sections,
        "shards": starts,
    });
    files.push((
        MANIFEST.to_string(),
        serde_json::to_vec(&manifest).expect("the manifest serialises"),
    ));
    files
}

#[cfg(test)]
mod tests {
    use super::super::search::Postings;
    use super::*;
    use serde_json::Value;

    fn doc(n: usize) -> SearchDoc {
        SearchDoc {
            url: format!("/r/{n}/"),
            title: format!("Запись {n:03}"),
            section: if n.is_multiple_of(2) {
                "Отчёты"
            } else {
                "События"
            }
            .into(),
            excerpt: String::new(),
        }
    }

    /// Reads the files back into documents and stems, as search.js does.
    fn read_back(files: &[(String, Vec<u8>)]) -> (Vec<Value>, Vec<(String, Postings)>) {
        let get = |p: &str| -> Value {
            let (_, bytes) = files.iter().find(|(path, _)| path == p).expect(p);
            serde_json::from_slice(bytes).unwrap()
        };
        let manifest = get(MANIFEST);
        let sections = manifest["sections"].as_array().unwrap();
        let count = manifest["docs"].as_u64().unwrap() as usize;
        let per = manifest["per_file"].as_u64().unwrap() as usize;
        let mut docs = Vec::new();
        for n in 0..count.div_ceil(per) {
            for d in get(&format!("{DIR}/d/{n}.json")).as_array().unwrap() {
                docs.push(serde_json::json!([
                    d[0],
                    d[1],
                    sections[d[2].as_u64().unwrap() as usize],
                    d[3]
                ]));
            }
        }
        let mut stems = Vec::new();
        let starts = manifest["shards"].as_array().unwrap();
        for (n, start) in starts.iter().enumerate() {
            let shard = get(&format!("{DIR}/p/{n}.json"));
            let shard = shard.as_object().unwrap();
            // serde_json's map keeps keys sorted: put them back in the file's order.
            let mut keys: Vec<&String> = shard.keys().collect();
            keys.sort_by(|a, b| js_order(a, b));
            assert_eq!(
                keys[0],
                start.as_str().unwrap(),
                "a shard starts where the manifest says"
            );
            for key in keys {
                let flat = read_numbers(shard[key].as_str().unwrap());
                let mut doc = 0;
                let postings = flat
                    .chunks(2)
                    .map(|p| {
                        doc += p[0];
                        (doc, p[1])
                    })
                    .collect();
                stems.push((key.clone(), postings));
            }
        }
        (docs, stems)
    }

    #[test]
    fn files_hold_every_document_and_posting_in_order() {
        let docs: Vec<SearchDoc> = (0..100).map(doc).collect();
        // Enough stems for several shards, one with postings larger than a shard.
        let mut stems: Vec<(String, Postings)> = (0..3000)
            .map(|i| (format!("основ{i:05}"), vec![(i % 100, 1), (99, 10 + i)]))
            .collect();
        stems.push(("я".into(), (0..100).map(|d| (d, d + 1)).collect()));
        stems.push(("𝔸лгебр".into(), vec![(5, 3)]));
        stems.push(("ﬀ".into(), vec![(7, 3)]));
        stems.sort_by(|a, b| js_order(&a.0, &b.0));
        let index = SearchIndex {
            version: 2,
            docs,
            stems: stems.clone(),
        };
        let files = files(&index);
        let (read_docs, read_stems) = read_back(&files);
        assert!(files.iter().filter(|(p, _)| p.contains("/p/")).count() > 3);
        assert_eq!(read_stems, stems);
        assert_eq!(read_docs.len(), 100);
        for (d, read) in index.docs.iter().zip(&read_docs) {
            assert_eq!(
                read,
                &serde_json::json!([d.url, d.title, d.section, d.excerpt])
            );
        }
    }

    #[test]
    fn numbers_read_back() {
        let all: Vec<u32> = (0..70_000).chain([u32::MAX - 1, u32::MAX]).collect();
        let mut s = String::new();
        for &v in &all {
            push_number(&mut s, v);
        }
        assert_eq!(read_numbers(&s), all);
        let mut one = String::new();
        push_number(&mut one, 31);
        push_number(&mut one, 32);
        assert_eq!(one, "fhA");
    }

    #[test]
    fn js_order_puts_astral_characters_after_the_rest_of_the_bmp() {
        // U+1D538 is D835 DD38 in UTF-16: before U+FB00 there, after it in UTF-8.
        assert_eq!(js_order("𝔸", "ﬀ"), Ordering::Less);
        assert_eq!("𝔸".cmp("ﬀ"), Ordering::Greater);
        // The same after a shared prefix, and with the difference inside a
        // character whose first byte is shared (U+0439 й, U+0438 и: D0 B9, D0 B8).
        assert_eq!(js_order("аб𝔸", "абﬀ"), Ordering::Less);
        assert_eq!(js_order("ий", "ии"), Ordering::Greater);
    }

    proptest::proptest! {
        /// The fast path orders as the plain definition does, on strings that
        /// share prefixes and mix ASCII, Cyrillic, the end of the BMP and beyond.
        #[test]
        fn js_order_is_utf16_order(
            prefix in "[a-zа-яё\\u{E000}-\\u{FFFF}\\u{10000}-\\u{10FFF}]{0,4}",
            a in "[a-zа-яё\\u{E000}-\\u{FFFF}\\u{10000}-\\u{10FFF}]{0,4}",
            b in "[a-zа-яё\\u{E000}-\\u{FFFF}\\u{10000}-\\u{10FFF}]{0,4}",
        ) {
            let (a, b) = (format!("{prefix}{a}"), format!("{prefix}{b}"));
            proptest::prop_assert_eq!(js_order(&a, &b), a.encode_utf16().cmp(b.encode_utf16()));
        }
    }
}
