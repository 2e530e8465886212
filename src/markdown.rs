//! Markdown bodies → safe HTML: CommonMark with tables, footnotes and
//! strikethrough, anchors on headings, fenced code highlighted by syntect with CSS
//! classes, and everything passed through an HTML sanitiser (raw HTML in records
//! comes from editors' pastes and must never carry a script onto the site).

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Renders a Markdown body. Headings move one level down (the page title is the
/// only `<h1>`), and get ids made from their text for links to a part of a page.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids = HashSet::new();
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner)) = heading.take() {
                    emit_heading(&mut events, level, inner, &mut used_ids);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    events.push(Event::Html(highlight(&lang, &text).into()));
                }
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, text)) = code.as_mut() {
                    text.push_str(&t);
                }
            }
            other => match heading.as_mut() {
                Some((_, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    sanitizer().clean(&out).to_string()
}

fn emit_heading<'a>(
    events: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    inner: Vec<Event<'a>>,
    used: &mut HashSet<String>,
) {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let base = crate::translit::slugify(&text);
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    let level = (level as usize + 1).min(6);
    events.push(Event::Html(format!("<h{level} id=\"{id}\">").into()));
    events.extend(inner);
    events.push(Event::Html(format!("</h{level}>\n").into()));
}

/// Syntax definitions load once per process, and only when a page has code.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn highlight(lang: &str, code: &str) -> String {
    let escaped_lang = crate::render::escape_attr(lang);
    let set = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten();
    let Some(syntax) = syntax else {
        return format!(
            "<pre class=\"code\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
            crate::render::escape_attr(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code>{}</code></pre>\n",
                crate::render::escape_attr(code)
            );
        }
    }
    format!(
        "<pre class=\"code\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
        generator.finalize()
    )
}

/// The sanitiser's allow-list: ammonia's defaults (text formatting, lists, tables,
/// links, images; no scripts, no event handlers, no `javascript:` URLs, no iframes)
/// plus `id` and `class`, which headings, footnotes and highlighted code need.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"]);
        b.add_tag_attributes("ol", ["start"]);
        b.add_tag_attributes("td", ["colspan", "rowspan"]);
        b.add_tag_attributes("th", ["colspan", "rowspan", "scope"]);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_footnotes_and_anchors() {
        let html = render(
            "# Цели\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nТекст[^1].\n\n[^1]: Сноска.\n\n~~нет~~\n",
        );
        assert!(html.contains("<h2 id=\"celi\">Цели</h2>"), "{html}");
        assert!(html.contains("<table>"));
        assert!(html.contains("Сноска"));
        assert!(html.contains("<del>нет</del>"));
    }

    #[test]
    fn highlights_code_with_classes_only() {
        let html = render("```rust\nfn main() { let x = 1; }\n```\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn strips_scripts_and_handlers() {
        let html = render(
            "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn numbers_repeated_heading_ids() {
        let html = render("## Итоги\n\n## Итоги\n");
        assert!(
            html.contains("id=\"itogi\"") && html.contains("id=\"itogi-2\""),
            "{html}"
        );
    }
}
