//! Raw HTML in a body that would make text vanish. The HTML parser reads
//! everything after `<script>`, `<style>`, `<textarea>`, `<iframe>`… as that
//! element's content up to its end tag, and the sanitiser then drops it: «Пишем тег
//! <script> в тексте.» without an end tag published only «Пишем тег». So an opening
//! tag of such an element that no later end tag closes is shown as text
//! ([`show_unclosed_raw_text`]), and what the sanitiser does remove with its content
//! (a closed `<script>…</script>`, an `<iframe>` from a host not in
//! `[security] iframe_hosts`) is reported to the editor as a `content-removed`
//! warning with its line ([`findings`]): nothing written is lost silently.

use crate::diagnostics::{Finding, RuleId};
use crate::model::Site;
use pulldown_cmark::{CowStr, Event, Parser};
use rayon::prelude::*;

/// Elements whose content the HTML parser reads as raw text (or, for `template`,
/// keeps out of the document) up to their end tag.
const RAW_TEXT: [&str; 11] = [
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

/// Elements the sanitiser removes together with everything inside them.
const REMOVED_WITH_CONTENT: [&str; 3] = ["script", "style", "template"];

/// An opening tag of a raw-text element in the raw HTML of a body.
struct Opening {
    /// Index of the raw HTML fragment, and byte offset of `<` in it.
    fragment: usize,
    at: usize,
    name: &'static str,
    /// Whether an end tag of the same name follows, in this or a later fragment.
    closed: bool,
}

/// The raw-text openings of `fragments` (the raw HTML of one body, in order).
fn openings(fragments: &[&str]) -> Vec<Opening> {
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

/// `content-removed` warnings for every record whose body has raw HTML the
/// sanitiser removes with its content.
pub fn findings(site: &Site) -> Vec<Finding> {
    site.records
        .par_iter()
        .flat_map_iter(|r| record_findings(site, r))
        .collect()
}

/// [`findings`] of one record (`vitrina serve` after an edit).
pub fn findings_of(site: &Site, idx: crate::model::RecordIdx) -> Vec<Finding> {
    record_findings(site, &site.records[idx])
}

fn record_findings(site: &Site, r: &crate::model::Record) -> Vec<Finding> {
    removals(&r.body, &site.config.security.iframe_hosts)
        .into_iter()
        .map(|(line, column, message)| {
            Finding::warning(RuleId::ContentRemoved, message)
                .record(&r.id)
                .file(&r.file)
                .at(r.body_line + line - 1, column)
                .hint("уберите этот фрагмент из текста или, если тег нужно показать как текст, заключите его в обратные кавычки: `<script>`")
        })
        .collect()
}

/// What the sanitiser removes with its content from `body`: (line, column, message),
/// line 1 being the body's first.
pub fn removals(body: &str, iframe_hosts: &[String]) -> Vec<(usize, usize, String)> {
    // Most bodies have no such tag: one lower-case search, no parse.
    if !body.contains('<') {
        return Vec::new();
    }
    let lower = body.to_ascii_lowercase();
    if !["<script", "<style", "<template", "<iframe"]
        .iter()
        .any(|t| lower.contains(t))
    {
        return Vec::new();
    }
    let raw: Vec<(&str, usize)> = Parser::new_ext(body, crate::markdown::OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Html(_) | Event::InlineHtml(_) => Some((&body[range.clone()], range.start)),
            _ => None,
        })
        .collect();
    let fragments: Vec<&str> = raw.iter().map(|(h, _)| *h).collect();
    let mut out = Vec::new();
    for o in openings(&fragments).into_iter().filter(|o| o.closed) {
        let (html, base) = raw[o.fragment];
        let message = if REMOVED_WITH_CONTENT.contains(&o.name) {
            format!(
                "тег <{}> удалён из текста вместе с содержимым: на сайте он не публикуется",
                o.name
            )
        } else if o.name == "iframe" {
            let src = iframe_src(&html[o.at..]);
            if crate::markdown::frame_allowed(&src, iframe_hosts) {
                continue;
            }
            format!(
                "встроенный фрейм <iframe> с адресом «{src}» удалён: разрешены только адреса https:// на хостах из [security] iframe_hosts в site.toml"
            )
        } else {
            continue;
        };
        let offset = base + o.at;
        let line_start = body[..offset].rfind('\n').map_or(0, |i| i + 1);
        out.push((
            body[..offset].matches('\n').count() + 1,
            body[line_start..offset].chars().count() + 1,
            message,
        ));
    }
    out
}

/// The `src` of the `<iframe …>` tag `tag` starts with (empty if none).
fn iframe_src(tag: &str) -> String {
    static SRC: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = SRC.get_or_init(|| {
        regex::Regex::new(r#"(?is)^<iframe\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#)
            .expect("the pattern compiles")
    });
    re.captures(tag)
        .and_then(|c| c.get(1).or(c.get(2)).or(c.get(3)))
        .map(|m| m.as_str().to_string())
        .unwrap_or_default()
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

    #[test]
    fn reports_removed_scripts_and_foreign_frames_with_their_lines() {
        let body = "Абзац.\n\n<script>alert(1)</script>\n\nТекст <iframe src=\"https://evil.example/x\"></iframe> и <iframe src='https://rutube.ru/v'></iframe>\n";
        let found = removals(body, &["rutube.ru".to_string()]);
        let places: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(places, [(3, 1), (5, 7)], "{found:?}");
        assert!(found[1].2.contains("https://evil.example/x"));
    }
}
