//! Reading values shared by several kinds: a closed vocabulary's terms written in
//! any accepted form (`куратор`, `Curator`), lists of references, risk ids.

use crate::kinds::model::{Pos, Ref};
use crate::kinds::reader::Reader;
use crate::monitoring::Better;
use crate::risk_profile::canonical_risk_id;
use crate::vocab::Vocabulary;

/// The term ids of a list field (`roles`, `levels`), in the order written without
/// repeats; values may be separated by commas or semicolons. A value of no term is an `invalid-record` naming the closest term.
pub fn terms(r: &mut Reader, name: &str, vocabulary: &Vocabulary) -> Vec<&'static str> {
    let mut out = Vec::new();
    // «Куратор; методист»: a list typed the way Word lists are, with semicolons.
    let values: Vec<(String, Pos)> = r
        .list_of_text(name)
        .into_iter()
        .flat_map(|(w, pos)| {
            w.split(';')
                .map(|v| (v.trim().to_string(), pos))
                .filter(|(v, _)| !v.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    for (written, pos) in values {
        match vocabulary.find(&written) {
            Some(t) if !out.contains(&t.id) => out.push(t.id),
            Some(_) => {}
            None => unknown(r, name, pos, &written, vocabulary),
        }
    }
    out
}

/// One term (`kind` of a practice): its id, or `None` after an `invalid-record`.
pub fn term(r: &mut Reader, name: &str, vocabulary: &Vocabulary) -> Option<&'static str> {
    let (_, pos) = r.get(name)?;
    let written = r.text(name)?;
    let found = vocabulary.find(&written).map(|t| t.id);
    if found.is_none() {
        unknown(r, name, pos, &written, vocabulary);
    }
    found
}

/// A kind of a document or an event: the term's id when the value names one (a
/// Russian label gives the same id as the English one), else the value as written
/// (those fields took free text before they had a list; `unknown-kind` names the
/// term a value close to one was likely meant to be).
pub fn open_term(r: &mut Reader, name: &str, vocabulary: &Vocabulary) -> Option<String> {
    let written = r.text(name)?;
    Some(
        vocabulary
            .find(&written)
            .map_or(written, |t| t.id.to_string()),
    )
}

fn unknown(r: &mut Reader, name: &str, pos: Pos, written: &str, vocabulary: &Vocabulary) {
    r.wrong(
        name,
        pos,
        not_in_list(name, written, vocabulary),
        &vocabulary.hint(written),
    );
}

/// «в поле «kind»: вид документа «prikaz» не из перечня»: a value of no term, in
/// a closed list (`invalid-record`) or an open one (`unknown-kind`); the hint is
/// [`Vocabulary::hint`].
pub fn not_in_list(name: &str, written: &str, vocabulary: &Vocabulary) -> String {
    format!(
        "в поле «{name}»: {} «{written}» не из перечня",
        vocabulary.what
    )
}

/// A list of references by id (`schools: [sosh-2, sosh-5]`, or one id, or ids
/// separated by commas), each where it is written.
pub fn references(r: &mut Reader, name: &str) -> Vec<Ref> {
    r.list_of_text(name)
        .into_iter()
        .map(|(written, pos)| Ref {
            written: written.trim_matches('/').to_string(),
            pos,
            target: None,
        })
        .collect()
}

/// Risk ids of a list field (`risks` of a practice, `risk` of a document): one id,
/// a list, or ids separated by commas; `Р3` is read as `r3`.
pub fn risk_ids(r: &mut Reader, name: &str) -> Vec<(String, Pos)> {
    r.list_of_text(name)
        .into_iter()
        .map(|(id, pos)| (canonical_risk_id(&id), pos))
        .filter(|(id, _)| !id.is_empty())
        .collect()
}

/// `better` of an indicator or a monitoring series: `higher` or `lower` (also in
/// Russian: `выше`, `ниже`); anything else is an `invalid-record` at the value.
pub fn better(r: &mut Reader) -> Option<Better> {
    let (_, pos) = r.get("better")?;
    let text = r.text("better")?;
    let b = Better::parse(&text);
    if b.is_none() {
        let msg = format!("«{text}» — не направление: пишите higher или lower");
        r.wrong(
            "better",
            pos,
            msg,
            "higher — чем выше, тем лучше; lower — чем ниже, тем лучше",
        );
    }
    b
}
