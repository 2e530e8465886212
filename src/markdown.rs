//! Markdown bodies → safe HTML: CommonMark with tables, footnotes and
//! strikethrough, anchors on headings, fenced code highlighted by syntect with CSS
//! classes, and everything passed through an HTML sanitiser (raw HTML in records
//! comes from editors' pastes and must never carry a script onto the site).

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use std::collections::HashSet;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Renders a Markdown body. Headings move one level down (the page title is the
/// only `<h1>`), and get ids made from their text for links to a part of a page.
///
/// Bodies without raw HTML, footnotes or links of an unusual scheme (nearly all of
/// them) skip the sanitiser: the Markdown renderer escapes every text and attribute
/// itself, so its output can carry no markup the editor did not write as Markdown,
/// and the few things the sanitiser would change (table alignment styles, `rel` on
/// links) are done here the same way. Anything else goes through the sanitiser.
/// Parsing and re-serialising every page's HTML was 40 % of Markdown time.
pub fn render(markdown: &str) -> String {
    render_with(markdown, false)
}

fn render_with(markdown: &str, always_sanitise: bool) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids = HashSet::new();
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    let mut code: Option<(String, String)> = None;
    let mut sanitise = always_sanitise;
    for event in Parser::new_ext(markdown, options) {
        if !sanitise {
            sanitise = needs_sanitiser(&event);
        }
        let event = if sanitise { event } else { presanitised(event) };
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
    if sanitise {
        sanitizer().clean(&out).to_string()
    } else {
        out
    }
}

/// URL schemes a link may use without the sanitiser looking at it; a link without a
/// scheme (relative, `#anchor`, `//host`) is safe too.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

fn safe_url(url: &str) -> bool {
    match url.find([':', '/', '?', '#']) {
        Some(i) if url.as_bytes()[i] == b':' => SAFE_SCHEMES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&url[..i])),
        _ => true,
    }
}

/// Whether the body needs the sanitiser: the editor wrote raw HTML, a link or image
/// with another scheme (`javascript:`, `data:`), or a footnote (its links are
/// written by the Markdown renderer and get their `rel` from the sanitiser).
fn needs_sanitiser(event: &Event) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => true,
        Event::Start(Tag::FootnoteDefinition(_)) => true,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !safe_url(dest_url)
        }
        _ => false,
    }
}

/// What the sanitiser would make of an event, for bodies that skip it: table
/// cells lose their alignment style, links get `rel="noopener noreferrer"`.
fn presanitised(event: Event) -> Event {
    match event {
        Event::Start(Tag::Table(alignments)) => {
            Event::Start(Tag::Table(vec![Alignment::None; alignments.len()]))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            let mut a = String::from("<a href=\"");
            if link_type == pulldown_cmark::LinkType::Email {
                a.push_str("mailto:");
            }
            let _ = pulldown_cmark_escape::escape_href(&mut a, &dest_url);
            if !title.is_empty() {
                a.push_str("\" title=\"");
                let _ = pulldown_cmark_escape::escape_html(&mut a, &title);
            }
            a.push_str("\" rel=\"noopener noreferrer\">");
            Event::InlineHtml(CowStr::from(a))
        }
        Event::End(TagEnd::Link) => Event::InlineHtml(CowStr::Borrowed("</a>")),
        other => other,
    }
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

/// The readable text of a Markdown body, whitespace collapsed: for descriptions,
/// feed summaries and the search index. Read straight from the parser, so it needs
/// no highlighting and no sanitiser (raw HTML is left out, never interpreted).
pub fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // Blocks and table cells are separate words; inline markup is not.
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn plain_text_keeps_words_and_drops_markup() {
        let text = plain_text(
            "# Цели\n\nТекст **жир**ный и `код`.\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(text, "Цели Текст жирный и код. a b 1 2");
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

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// The same body through the sanitiser and past it, serialised alike.
    fn both(markdown: &str) -> (String, String) {
        let normalise = |s: String| {
            s.replace(" />", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
        };
        (
            normalise(render_with(markdown, false)),
            normalise(render_with(markdown, true)),
        )
    }

    #[test]
    fn skipping_the_sanitiser_gives_the_same_html() {
        let doc = "Вступление с **жирным**, *курсивом*, `кодом` и «кавычками» \"прямыми\" 'и одинарными' & амперсандом < > .\n\n\
            ## Раздел [со ссылкой](https://example.ru/путь?a=1&b=2 \"Заголовок\")\n\n\
            - пункт с [относительной](/events/2026/seminar/) ссылкой\n- пункт с <https://example.ru> и <mail@example.ru>\n- [якорь](#itogi) и [телефон](tel:+78612000000)\n\n\
            1. первый\n2. второй  \nс переносом\n\n\
            | № | Показатель | 2025 |\n|---|:---|---:|\n| 1 | доля | 45 % |\n\n\
            ![схема](files/shema.png \"Схема\")\n\n---\n\n\
            > цитата\n\n~~зачёркнуто~~\n\n\
            ```python\nprint(\"привет\") # <b>\n```\n\n```\nпросто код <i>\n```\n";
        let (fast, safe) = both(doc);
        assert_eq!(fast, safe);
        assert!(fast.contains("rel=\"noopener noreferrer\""), "{fast}");
        assert!(!fast.contains("style="), "{fast}");
    }

    #[test]
    fn unusual_links_and_raw_html_still_go_through_the_sanitiser() {
        for doc in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](<java script:alert(1)>)",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "text <img src=x onerror=alert(1)> text",
            "<script>alert(1)</script>",
        ] {
            let html = render(doc);
            assert!(
                !html.to_lowercase().contains("javascript"),
                "{doc} → {html}"
            );
            assert!(!html.contains("data:"), "{doc} → {html}");
            assert!(!html.contains("onerror"), "{doc} → {html}");
            assert!(!html.contains("<script"), "{doc} → {html}");
        }
    }

    #[test]
    fn footnotes_keep_working() {
        let (fast, safe) = both("Текст[^1].\n\n[^1]: Сноска.\n");
        assert_eq!(fast, safe);
        assert!(fast.contains("Сноска"));
    }
}
