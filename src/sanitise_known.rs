//! The sanitiser's output for the HTML pulldown-cmark writes of a body without raw
//! HTML, made without parsing it as HTML.
//!
//! Such HTML is only ever the writer's own tags, and the sanitiser (ammonia on
//! html5ever) takes them apart and writes them again at about a fifth of a build's
//! CPU. Here the same output is made in one pass over the text: the writer's
//! escapes are read, and the text and attribute values are written with html5ever's
//! escapes; void elements lose their ` /`; `style` leaves table cells; links get
//! `rel="noopener noreferrer"`; `href` and `src` are kept or dropped by ammonia's
//! own test of the address. Anything this module does not know — a tag or an
//! attribute outside the list, an entity, a structure the HTML parser would
//! rearrange (a block inside a paragraph, a link inside a link, a stray end tag),
//! a line break right after `<pre>`, a carriage return or NUL the parser would
//! change — gives `None`, and the body
//! goes through the sanitiser as before. The two ways are compared byte for byte
//! in the tests below and in `tests/markdown.rs`.

use std::collections::HashSet;

/// `html` as the sanitiser with the site's allow-list would write it, or `None`
/// when the HTML holds anything this fast path does not know.
pub fn sanitise(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    if bytes.iter().any(|&b| b == b'\r' || b == 0) {
        return None;
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let text_len = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
        let (text, after) = rest.split_at(text_len);
        if !text.is_empty() {
            if table_structure(open.last().copied()) && text.bytes().any(|b| b != b'\n') {
                // The parser moves text out of a table's structure.
                return None;
            }
            write_text(text, &mut out)?;
        }
        if after.is_empty() {
            break;
        }
        let tag_len = memchr::memchr(b'>', after.as_bytes())? + 1;
        let tag = &after[..tag_len];
        rest = &after[tag_len..];
        if let Some(name) = tag.strip_prefix("</") {
            let name = name.strip_suffix('>')?;
            if open.pop() != Some(name) {
                return None;
            }
            out.push_str(tag);
        } else {
            let name = start_tag(tag, &open, &mut out)?;
            // The parser drops a line break right after `<pre>`.
            if name == "pre" && rest.starts_with('\n') {
                return None;
            }
            if !void(name) {
                open.push(name);
            }
        }
    }
    open.is_empty().then_some(out)
}

/// Elements the writer uses for a body (the headings and code blocks are
/// vitrina's own: an `id` on a heading, syntect's classes on `span`s).
fn known(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "ol"
            | "ul"
            | "li"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "th"
            | "td"
            | "div"
            | "hr"
            | "pre"
    ) || phrasing(name)
}

fn void(name: &str) -> bool {
    matches!(name, "br" | "hr" | "img")
}

/// Elements that may sit inside a paragraph without the parser closing it.
fn phrasing(name: &str) -> bool {
    matches!(
        name,
        "em" | "strong" | "del" | "code" | "sup" | "sub" | "a" | "img" | "br" | "span"
    )
}

fn table_structure(element: Option<&str>) -> bool {
    matches!(element, Some("table" | "thead" | "tbody" | "tr"))
}

/// Writes a start tag as the sanitiser would; returns the element's name, or
/// `None` when the tag, one of its attributes, or its place is not known to be
/// written the same way by the sanitiser.
fn start_tag<'h>(tag: &'h str, open: &[&str], out: &mut String) -> Option<&'h str> {
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?;
    let inner = inner.strip_suffix(" /").unwrap_or(inner);
    let name_len = inner
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let (name, mut attrs) = inner.split_at(name_len);
    if !known(name) || !fits(name, open) {
        return None;
    }
    out.push('<');
    out.push_str(name);
    while !attrs.is_empty() {
        let rest = attrs.strip_prefix(' ')?;
        let eq = rest.find("=\"")?;
        let attr = &rest[..eq];
        let value_len = rest[eq + 2..].find('"')?;
        let raw = &rest[eq + 2..eq + 2 + value_len];
        attrs = &rest[eq + 3 + value_len..];
        match attribute(name, attr) {
            Attribute::Kept => {}
            Attribute::Dropped => continue,
            Attribute::Unknown => return None,
        }
        let value = decode(raw)?;
        // vitrina's attribute filter drops longer values (and reorders the rest).
        if value.len() > MAX_ATTRIBUTE_BYTES {
            return None;
        }
        if matches!(attr, "href" | "src") && !address_allowed(&value) {
            continue;
        }
        out.push(' ');
        out.push_str(attr);
        out.push_str("=\"");
        write_escaped(&value, true, out);
        out.push('"');
    }
    if name == "a" {
        out.push_str(" rel=\"noopener noreferrer\"");
    }
    out.push('>');
    Some(name)
}

/// Whether the parser would put element `name` where `open` ends, as the writer
/// did, without closing or moving anything.
fn fits(name: &str, open: &[&str]) -> bool {
    let parent = open.last().copied();
    let inside = |element: &str| open.contains(&element);
    match name {
        // A link inside a link is taken apart (the adoption agency).
        "a" if inside("a") => false,
        // Every block closes an open paragraph or heading.
        _ if !phrasing(name) && (inside("p") || open.iter().any(|e| is_heading(e))) => false,
        "li" => matches!(parent, Some("ul" | "ol")),
        "thead" | "tbody" => parent == Some("table"),
        "tr" => matches!(parent, Some("thead" | "tbody")),
        "th" | "td" => parent == Some("tr"),
        // Anything else inside a table's structure is moved out of it.
        _ => !table_structure(parent),
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

enum Attribute {
    Kept,
    Dropped,
    Unknown,
}

// The attribute bound and the URL schemes are shared by both paths. They live
// here because the markdown module builds ammonia's allow-list from them and
// imports this module, never the reverse.

/// Attribute values longer than this are dropped (by both paths). html5ever's
/// serialiser escapes a value in time proportional to its length times its `&`s
/// and «»s (see [`crate::text_runs`]), and no link, `alt` or `title` an editor
/// writes comes near 2 KB.
pub const MAX_ATTRIBUTE_BYTES: usize = 2048;

/// The schemes a link or an image may have (a relative address is kept too).
pub const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What the allow-list ([`crate::markdown`]'s `base_sanitizer`) does with the
/// attributes the writer puts on its elements.
fn attribute(element: &str, attr: &str) -> Attribute {
    match (element, attr) {
        (_, "id" | "class" | "title" | "lang")
        | ("a", "href" | "hreflang")
        | ("img", "src" | "alt")
        | ("ol", "start") => Attribute::Kept,
        ("th" | "td", "style") => Attribute::Dropped,
        _ => Attribute::Unknown,
    }
}

/// ammonia's test of an `href` or `src`: an absolute address of an allowed
/// scheme, or a relative one.
fn address_allowed(value: &str) -> bool {
    match ammonia::Url::parse(value) {
        Ok(url) => allowed_schemes().contains(url.scheme()),
        Err(e) => e == ammonia::url::ParseError::RelativeUrlWithoutBase,
    }
}

fn allowed_schemes() -> &'static HashSet<&'static str> {
    static SCHEMES: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SCHEMES.get_or_init(|| URL_SCHEMES.into_iter().collect())
}

/// The writer's escaped text, written with html5ever's escapes. The writer has
/// written `&`, `<` and `>` as html5ever does; what differs is found with
/// memchr: its other entities, a no-break space, a `>` left as it is.
fn write_text(text: &str, out: &mut String) -> Option<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(found) = memchr::memchr3(b'&', 0xC2, b'>', &bytes[start..]) {
        let at = start + found;
        out.push_str(&text[start..at]);
        let rest = &text[at..];
        let (written, read) = match bytes[at] {
            b'>' => ("&gt;", 1),
            0xC2 if bytes.get(at + 1) == Some(&0xA0) => ("&nbsp;", 2),
            0xC2 => (&rest[..2], 2),
            _ => [
                ("&amp;", "&amp;"),
                ("&lt;", "&lt;"),
                ("&gt;", "&gt;"),
                ("&quot;", "\""),
                ("&#39;", "'"),
                ("&#x27;", "'"),
            ]
            .into_iter()
            .find(|(entity, _)| rest.starts_with(entity))
            .map(|(entity, written)| (written, entity.len()))?,
        };
        out.push_str(written);
        start = at + read;
    }
    out.push_str(&text[start..]);
    Some(())
}

/// Text or an attribute value with the writer's escapes read; `None` for any
/// other `&`, which the parser might read as another character.
fn decode(escaped: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !escaped.contains('&') {
        return Some(escaped.into());
    }
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (entity, c) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
            ("&#x27;", '\''),
        ]
        .into_iter()
        .find(|(entity, _)| rest.starts_with(entity))?;
        out.push(c);
        rest = &rest[entity.len()..];
    }
    out.push_str(rest);
    Some(out.into())
}

/// html5ever's escapes: `&`, no-break space, `<` and `>`, and in an attribute `"`.
fn write_escaped(text: &str, attribute: bool, out: &mut String) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            // The first byte of U+00A0 (no other character starts with C2 A0).
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => "&nbsp;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(escape);
        start = if b == 0xC2 { i + 2 } else { i + 1 };
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{sanitise_parsing, write_html};

    /// The fast path gives what the sanitiser gives, for no iframe hosts and for
    /// some; returns whether it took the body.
    fn agrees(html: &str) -> bool {
        let Some(fast) = sanitise(html) else {
            return false;
        };
        assert_eq!(fast, sanitise_parsing(html, &[]), "{html}");
        let hosts = ["rutube.ru".to_string()];
        assert_eq!(fast, sanitise_parsing(html, &hosts), "{html}");
        true
    }

    /// A body through the writer, typeset and not; whether the fast path took it.
    fn body_agrees(markdown: &str) -> bool {
        let untypeset = write_html(markdown, 0, false);
        let typeset = write_html(markdown, 0, true);
        assert_eq!(untypeset.editor_html, typeset.editor_html);
        let known = agrees(&untypeset.html);
        assert_eq!(known, agrees(&typeset.html), "{markdown}");
        known && !typeset.editor_html
    }

    #[test]
    fn a_body_of_the_writers_own_tags_is_written_as_the_sanitiser_writes_it() {
        let bodies = [
            "Абзац с *курсивом*, **жирным**, ~~зачёркнутым~~ и `кодом <b> & \"x\"`.\n",
            "## Итоги 2026 г.\n\nТекст\u{a0}с неразрывным пробелом и &nbsp; и &copy; и &amp;.\n",
            "| № | Показатель | 2026 |\n|:---|:---:|---:|\n| 1 | доля «x» | 34 % |\n| 2 | a & b < c > d | \"q\" |\n",
            "Текст[^1] и ещё[^заметка].\n\n[^1]: Первая.\n\n[^заметка]: Вторая *сноска*.\n",
            "1. один\n2. два\n   - вложенный\n   - ещё\n\n5. с пятого\n6. шесть\n",
            "> Цитата\n>\n> > вложенная\n\n---\n\nСтрока с переносом  \nвторая\\\nтретья\n",
            "[ссылка](https://example.org/a?b=1&c=\"2\" \"Заголовок 'x'\") и <https://example.org/x?y=1&z=2>\n",
            "[почта](mailto:a@b.ru), <a@b.ru>, [тел](tel:+7-900), [страница](/schools/sosh-1/#itogi)\n",
            "[javascript](javascript:alert(1)) [data](data:text/html,x) [vb](vbscript:x) [ftp](ftp://x/)\n",
            "[пусто]() [якорь](#a) [протокол](//evil.example/x) [двоеточие](a:b) [пробел](<a b>)\n",
            "![Схема «x» & \"y\"](/files/schema.png \"Подпись\") ![внешняя](https://example.org/i.png)\n",
            "[![картинка](/a.png)](/b/)\n",
            "# Заголовок\n\n## Заголовок\n\n### `код` в заголовке\n\n#### Ещё [ссылка](/x/)\n",
            "Текст ' одинарные ' и \" двойные \" и `'`.\n",
            "- [ ] не задача\n- пункт с **[ссылкой](/x/)**\n",
            "Слово_с_подчёркиваниями и *вложенный **жирный** курсив*.\n",
            "Текст < и > и &lt;не тег&gt;\n",
            "```rust\nfn main() { let s = \"a & b\"; let c = '<'; }\n```\n\n```\nбез языка & \"x\"\n```\n",
            "    отступ <b>\n\n```неизвестный язык\nx\u{a0}y\n```\n",
        ];
        let taken = bodies.iter().filter(|b| body_agrees(b)).count();
        assert_eq!(
            taken,
            bodies.len(),
            "every one of these is the writer's own tags"
        );
    }

    #[test]
    fn a_link_with_a_forbidden_scheme_loses_its_address_on_the_fast_path() {
        let written = write_html("[x](javascript:alert(1)) ![i](data:image/png,x)\n", 0, true);
        let html = sanitise(&written.html).expect("the writer's own tags");
        assert!(
            !html.contains("javascript") && !html.contains("data:"),
            "{html}"
        );
        assert!(
            html.contains("<a rel=\"noopener noreferrer\">x</a>"),
            "{html}"
        );
    }

    #[test]
    fn what_the_parser_would_rearrange_goes_to_the_sanitiser() {
        let rearranged = [
            "<p>a<div>b</div></p>",
            "<a href=\"/a\">x<a href=\"/b\">y</a></a>",
            "<table>текст<tr><td>1</td></tr></table>",
            "<table><tr><td>1</td></tr></table>",
            "<ul><p>x</p></ul><li>y</li>",
            "<p><em>x</p></em>",
            "<h2>x<h3>y</h3></h2>",
            "<p>unclosed",
            "<p>a\rb</p>",
            "<p>&copy;</p>",
            "<p>a & b</p>",
            "<pre>\nx</pre>",
            "<p onclick=\"x\">a</p>",
            "<script>alert(1)</script>",
            "<P>x</P>",
            "<a href='x'>y</a>",
            "<img src=\"x\" onerror=\"y\" />",
        ];
        for html in rearranged {
            assert_eq!(sanitise(html), None, "{html}");
        }
    }

    #[test]
    fn hand_written_html_the_fast_path_knows_is_written_as_the_sanitiser_writes_it() {
        let known = [
            "<p>a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#x27; \u{a0}g > h</p>\n",
            "<ul>\n<li>один</li>\n<li><ol start=\"3\">\n<li>x</li>\n</ol></li>\n</ul>\n",
            "<p><a href=\"HTTPS://Example.org/\" title=\"t &quot;x&quot; \u{a0}\" hreflang=\"ru\">a</a></p>",
            "<p><a href=\"javascript&#x27;:x\">a</a><a href=\"JaVaScRiPt:x\">b</a><a href=\" http://x\">c</a></p>",
            "<table><thead><tr><th style=\"text-align: left\">a</th></tr></thead><tbody>\n<tr><td style=\"x\">1</td></tr>\n</tbody></table>\n",
            "<p><img src=\"a.png\" alt=\"a &lt; b\" title=\"t\" /><br />\n</p><hr />\n",
        ];
        for html in known {
            assert!(agrees(html), "{html} should take the fast path");
        }
    }

    /// Every Markdown body of the example site and of the fixture sites.
    #[test]
    fn every_body_of_the_example_and_fixture_sites_is_written_as_the_sanitiser_writes_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut bodies, mut taken) = (0, 0);
        for dir in ["content", "tests/sites"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let entry = entry.unwrap();
                if entry.path().extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue; // the fixtures of bad encodings
                };
                let body = text.rsplit("\n---\n").next().unwrap_or(&text);
                bodies += 1;
                taken += usize::from(body_agrees(body));
            }
        }
        assert!(bodies > 100, "{bodies} bodies");
        // Most bodies are the writer's own tags; a test that never took the fast
        // path would prove nothing.
        assert!(
            taken * 10 > bodies * 7,
            "{taken} of {bodies} took the fast path"
        );
    }
}
