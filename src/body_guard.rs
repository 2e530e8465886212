//! What the sanitiser removes from a body with its content (a closed
//! `<script>…</script>`, `<style>`, `<template>`, an `<iframe>` from a host not in
//! `[security] iframe_hosts`) is reported to the editor as a `content-removed`
//! warning with its line: nothing written is lost silently. (An opening tag that no
//! end tag closes is not removed but shown as text: see [`crate::raw_text`].)

use crate::diagnostics::{Finding, RuleId};
use crate::model::Site;
use crate::raw_text::openings;
use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;

/// Elements the sanitiser removes together with everything inside them.
const REMOVED_WITH_CONTENT: [&str; 3] = ["script", "style", "template"];

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
    if memchr::memchr(b'<', body.as_bytes()).is_none() {
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
    fn reports_removed_scripts_and_foreign_frames_with_their_lines() {
        let body = "Абзац.\n\n<script>alert(1)</script>\n\nТекст <iframe src=\"https://evil.example/x\"></iframe> и <iframe src='https://rutube.ru/v'></iframe>\n";
        let found = removals(body, &["rutube.ru".to_string()]);
        let places: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(places, [(3, 1), (5, 7)], "{found:?}");
        assert!(found[1].2.contains("https://evil.example/x"));
    }
}
