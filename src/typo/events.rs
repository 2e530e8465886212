//! Typography of a Markdown body on the parser's events, before its HTML is
//! written and sanitised, so no page is read again for it.
//!
//! The text is typeset as the page's text was when whole pages were read again:
//! consecutive text events (and soft breaks) are one run, as they are one text
//! node of the page; the character before a quote is carried across inline tags
//! and is a line break after a block, as in the written HTML; inline code, code
//! blocks and image descriptions (an `alt` attribute) are left as they are; raw
//! HTML an editor wrote has its text typeset, outside tags and `pre`, `code`,
//! `script`, `style` (the sanitiser drops a `textarea` and keeps its text).
//!
//! The sanitiser writes a no-break space as `&nbsp;`; pages have always had the
//! character, so [`finish`] writes the ones typesetting made back as it.

use super::{Markup, NBSP, typeset_into};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Typesets the text of a body's events; returns them and the number of
/// no-break spaces written.
pub fn typeset(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, usize) {
    let mut out = Vec::with_capacity(events.len());
    let mut markup = Markup::body();
    // Text waiting to be typeset as one run.
    let mut run: Option<String> = None;
    // Inside an image: its text is the `alt` attribute.
    let mut images = 0usize;
    for event in events {
        let text_here = images == 0 && markup.in_text();
        match event {
            Event::Text(t) if text_here => {
                run.get_or_insert_with(String::new).push_str(&t);
                continue;
            }
            Event::SoftBreak if text_here => {
                run.get_or_insert_with(String::new).push('\n');
                continue;
            }
            _ => {}
        }
        if let Some(text) = run.take() {
            out.push(Event::Text(typeset_run(&text, &mut markup).into()));
        }
        // The character the written HTML has before the next text.
        match &event {
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell,
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::TableCell,
            )
            | Event::Code(_)
            | Event::Text(_)
            | Event::SoftBreak => {}
            // The label written before the footnote's text or as the reference.
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => {
                markup.prev = Some('1')
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => markup.prev = Some('\n'),
        }
        match event {
            Event::Html(h) if images == 0 => {
                let mut typeset = String::with_capacity(h.len() + 8);
                markup.push(&h, &mut typeset);
                out.push(Event::Html(typeset.into()));
            }
            Event::InlineHtml(h) if images == 0 => {
                let mut typeset = String::with_capacity(h.len() + 8);
                markup.push(&h, &mut typeset);
                out.push(Event::InlineHtml(typeset.into()));
            }
            other => out.push(other),
        }
    }
    if let Some(text) = run.take() {
        out.push(Event::Text(typeset_run(&text, &mut markup).into()));
    }
    (out, markup.nbsp)
}

fn typeset_run(text: &str, markup: &mut Markup) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    markup.prev = typeset_into(text, markup.prev, false, &mut out, &mut markup.nbsp);
    out
}

/// The sanitised HTML of a body whose events [`typeset`] wrote `nbsp` no-break
/// spaces into, with them as the character again. `None` when the HTML has
/// another number of `&nbsp;`: the editor wrote her own, which stay as written, so
/// the body is to be typeset after sanitising ([`super::html`]).
pub fn finish(html: String, nbsp: usize) -> Option<String> {
    let written = html.matches("&nbsp;").count();
    if written != nbsp {
        None
    } else if nbsp == 0 {
        Some(html)
    } else {
        Some(html.replace("&nbsp;", NBSP.encode_utf8(&mut [0; 4])))
    }
}
