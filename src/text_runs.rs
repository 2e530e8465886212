//! Long runs of text in the HTML handed to the sanitiser are cut into pieces by
//! empty comments (`<!---->`), which the sanitiser removes again.
//!
//! Why: html5ever's serialiser (0.40) escapes a text node by searching, for every
//! `&` and every character U+0080–U+00BF («, », NBSP, °…), for the next `<` or `>`
//! to the end of the node. A paragraph of 1 MB full of `&` or «ёлочки» took 3.5 s,
//! of 5 MB over a minute. With no text node longer than a few hundred bytes the
//! work is linear again. The output is the same: comments are not written, and
//! the pieces of a text node are written one after another.

/// Text between two cuts, in bytes (a cut waits for a safe place, see [`split`]).
const RUN_BYTES: usize = 256;

/// A character reference (`&laquo;`, `&#171;`) is never cut: a cut falls before
/// `&`, before ASCII whitespace, or where no `&` came in this many bytes.
const REFERENCE_BYTES: usize = 64;

/// Elements whose content is not markup up to their end tag: no cut inside them
/// (a comment there would be text). The raw-text elements of [`crate::raw_text`]
/// but `template`, whose content is parsed as markup (a comment there stays one).
fn is_raw(name: &str) -> Option<&'static str> {
    crate::raw_text::RAW_TEXT
        .iter()
        .copied()
        .filter(|r| *r != "template")
        .find(|r| r.eq_ignore_ascii_case(name))
}

/// `html` with an empty comment in every run of text longer than [`RUN_BYTES`].
/// Reads tags, comments and raw-text elements the way the HTML tokenizer does,
/// closely enough: a misread only ever places a harmless `<!---->` in an
/// attribute or raw text, which the sanitiser still cleans. Linear in `html`.
pub fn split(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut i = 0;
    while i < bytes.len() {
        let text_end = html[i..].find('<').map_or(bytes.len(), |o| i + o);
        push_text(&mut out, &html[i..text_end]);
        if text_end == bytes.len() {
            break;
        }
        let markup_end = markup_end(html, text_end);
        out.push_str(&html[text_end..markup_end]);
        i = markup_end;
    }
    out
}

/// Copies a run of text, cutting it every [`RUN_BYTES`] at a safe place.
fn push_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let (mut from, mut last_amp) = (0, None::<usize>);
    for (i, &b) in bytes.iter().enumerate() {
        if i - from >= RUN_BYTES
            && text.is_char_boundary(i)
            && (b == b'&'
                || b.is_ascii_whitespace()
                || last_amp.is_none_or(|a| i - a > REFERENCE_BYTES))
        {
            out.push_str(&text[from..i]);
            out.push_str("<!---->");
            from = i;
        }
        if b == b'&' {
            last_amp = Some(i);
        }
    }
    out.push_str(&text[from..]);
}

/// Where the markup starting with the `<` at `at` ends: a comment, a tag (with
/// a raw-text element's content up to its end tag), or just the `<` when it
/// starts neither (then it is text).
fn markup_end(html: &str, at: usize) -> usize {
    let bytes = html.as_bytes();
    let rest = &html[at..];
    let after = |needle: &str, from: usize| {
        html[from..]
            .find(needle)
            .map_or(bytes.len(), |o| from + o + needle.len())
    };
    if rest.starts_with("<!--") {
        return after("-->", at + 4);
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return after(">", at + 2);
    }
    let closing = bytes.get(at + 1) == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return at + 1;
    }
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &html[name_start..name_start + name_len];
    let end = tag_end(bytes, name_start + name_len);
    match is_raw(name) {
        Some("plaintext") if !closing => bytes.len(),
        Some(raw) if !closing => end_tag(html, end, raw),
        _ => end,
    }
}

/// The byte after the `>` closing a tag whose attributes start at `i`; a quote
/// opens a value only right after `=`.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let (mut quote, mut after_eq) = (None, false);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'>' => return i,
                b'=' => after_eq = true,
                b'"' | b'\'' if after_eq => quote = Some(b),
                b if b.is_ascii_whitespace() => {}
                _ => after_eq = false,
            },
        }
    }
    bytes.len()
}

/// The start of the end tag `</name` at or after `from` (case-insensitive), or
/// the end of `html`.
fn end_tag(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(o) = html[i..].find("</") {
        let start = i + o;
        let name_at = start + 2;
        if bytes
            .get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return start;
        }
        i = name_at;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_long_text_only_at_safe_places() {
        let text = "&laquo;слово&raquo; ".repeat(100);
        let cut = split(&format!("<p>{text}</p>"));
        assert_eq!(cut.replace("<!---->", ""), format!("<p>{text}</p>"));
        let pieces: Vec<&str> = cut.split("<!---->").collect();
        assert!(pieces.len() > 4, "{cut}");
        assert!(pieces[1..].iter().all(|p| p.starts_with(['&', ' '])));
    }

    #[test]
    fn never_cuts_tags_comments_or_raw_text() {
        let long = "x&amp;".repeat(200);
        for html in [
            format!("<a title=\"{long}\" href='{long}'>"),
            format!("<!-- {long} -->"),
            format!("<textarea>{long}</TEXTAREA>"),
            format!("<plaintext>{long}"),
        ] {
            assert_eq!(split(&html), html);
        }
        let after = split(&format!("<textarea>x</textarea>{long}"));
        assert!(after.starts_with("<textarea>x</textarea>x&amp;"), "{after}");
        assert!(after.contains("<!---->"));
    }
}
