//! Raw HTML in a body that would make text vanish. The HTML parser reads
//! everything after `<script>`, `<style>`, `<textarea>`, `<iframe>`… as that
//! element's content up to its end tag, and the sanitiser then drops it: «Пишем тег
//! <script> в тексте.» without an end tag published only «Пишем тег». So an opening
//! tag of such an element that no later end tag closes is shown as text
//! ([`show_unclosed_raw_text`]).

use pulldown_cmark::{CowStr, Event};

/// Elements whose content the HTML parser reads as raw text (or, for `template`,
/// keeps out of the document) up to their end tag.
pub const RAW_TEXT: [&str; 11] = [
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// An opening tag of a raw-text element in the raw HTML of a body.
pub struct Opening {
    /// Index of the raw HTML fragment, and byte offset of `<` in it.
    pub fragment: usize,
    pub at: usize,
    pub name: &'static str,
    /// Whether an end tag of the same name follows, in this or a later fragment.
    pub closed: bool,
}

/// The raw-text openings of `fragments` (the raw HTML of one body, in order).
pub fn openings(fragments: &[&str]) -> Vec<Opening> {
    let mut tags: Vec<(usize, usize, &'static str, bool)> = Vec::new();
    for (i, html) in fragments.iter().enumerate() {
        let bytes = html.as_bytes();
        let mut from = 0;
        while let Some(offset) = html[from..].find('<') {
            let at = from + offset;
            from = at + 1;
            let closing = bytes.get(at + 1) == Some(&b'/');
            let start = at + 1 + usize::from(closing);
            let len = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let name = &html[start..start + len];
            if let Some(&known) = RAW_TEXT.iter().find(|n| n.eq_ignore_ascii_case(name)) {
                tags.push((i, at, known, closing));
            }
        }
    }
    let mut closed_later: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for &(fragment, at, name, closing) in tags.iter().rev() {
        if closing {
            closed_later.push(name);
        } else {
            out.push(Opening {
                fragment,
                at,
                name,
                closed: name != "plaintext" && closed_later.contains(&name),
            });
        }
    }
    out.reverse();
    out
}

/// Turns every opening raw-text tag that no later end tag closes into text
/// (`<` written `&lt;`), so the rest of the body stays on the page.
pub fn show_unclosed_raw_text(events: &mut [Event]) {
    let is_raw = |e: &Event| matches!(e, Event::Html(_) | Event::InlineHtml(_));
    if !events.iter().any(is_raw) {
        return;
    }
    let raw: Vec<usize> = (0..events.len()).filter(|&i| is_raw(&events[i])).collect();
    let fragments: Vec<&str> = raw
        .iter()
        .map(|&i| match &events[i] {
            Event::Html(h) | Event::InlineHtml(h) => h.as_ref(),
            _ => "",
        })
        .collect();
    let unclosed: Vec<(usize, usize)> = openings(&fragments)
        .into_iter()
        .filter(|o| !o.closed)
        .map(|o| (o.fragment, o.at))
        .collect();
    for (fragment, at) in unclosed.into_iter().rev() {
        let event = &mut events[raw[fragment]];
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            let text = format!("{}&lt;{}", &h[..at], &h[at + 1..]);
            *h = CowStr::Boxed(text.into_boxed_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_openings_without_a_later_end_tag_are_unclosed() {
        let open = |f: &[&str]| -> Vec<(usize, bool)> {
            openings(f).iter().map(|o| (o.fragment, o.closed)).collect()
        };
        assert_eq!(open(&["<script>"]), [(0, false)]);
        assert_eq!(open(&["<script>", "</SCRIPT>"]), [(0, true)]);
        assert_eq!(open(&["</script>", "<script>"]), [(1, false)]);
        assert_eq!(
            open(&["<style>a</style><textarea>"]),
            [(0, true), (0, false)]
        );
        assert_eq!(open(&["<plaintext>", "</plaintext>"]), [(0, false)]);
    }
}
