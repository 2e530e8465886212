//! Heading levels of a record's body as placed on a page: the body's top level
//! becomes `first` (2 under the page's single `<h1>`, 3 under a section's `<h2>`)
//! and no level is skipped (screen-reader users move by heading level; WCAG
//! 1.3.1, axe's `heading-order`). Works on the rendered, sanitised HTML, so it
//! covers Markdown headings and headings an editor wrote as HTML alike.

/// The rendered body of a record, its headings placed under level `first - 1`.
pub fn body(config: &crate::config::SiteConfig, markdown: &str, first: usize) -> String {
    renumber(&crate::markdown::render_for(config, markdown), first)
}

/// [`body`], and the first `text_chars` characters of the body's plain text
/// (read in the same pass: a record page's description).
pub fn body_and_text(
    config: &crate::config::SiteConfig,
    markdown: &str,
    first: usize,
    text_chars: usize,
) -> (String, String) {
    let (html, text) = crate::markdown::render_for_with_text(config, markdown, text_chars);
    (renumber(&html, first), text)
}

/// Renumbers `<h1>`…`<h6>` in `html` (see the module comment).
pub fn renumber(html: &str, first: usize) -> String {
    let first = first.clamp(1, 6);
    let tags = heading_tags(html);
    let Some(top) = tags.iter().filter(|t| !t.closing).map(|t| t.level).min() else {
        return html.to_string();
    };
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut last = first - 1;
    let mut current = first;
    for t in tags {
        let level = if t.closing {
            current
        } else {
            current = (t.level + first - top).min(last + 1).clamp(first, 6);
            last = current;
            current
        };
        out.push_str(&html[copied..t.digit]);
        out.push(char::from(b'0' + level as u8));
        copied = t.digit + 1;
    }
    out.push_str(&html[copied..]);
    out
}

struct Tag {
    /// Byte offset of the level digit.
    digit: usize,
    level: usize,
    closing: bool,
}

fn heading_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    for i in memchr::memchr_iter(b'<', b) {
        let closing = b.get(i + 1) == Some(&b'/');
        let h = i + 1 + usize::from(closing);
        if h + 2 < b.len()
            && b[h].eq_ignore_ascii_case(&b'h')
            && (b'1'..=b'6').contains(&b[h + 1])
            && matches!(b[h + 2], b'>' | b' ' | b'\t' | b'\n')
        {
            tags.push(Tag {
                digit: h + 1,
                level: usize::from(b[h + 1] - b'0'),
                closing,
            });
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_becomes_first_and_no_level_is_skipped() {
        let html = renumber(
            &crate::markdown::render("## Цель\n\n#### Задачи\n\n### Меры\n\n## Итоги\n"),
            2,
        );
        assert!(html.contains("<h2 id=\"cel\">Цель</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"zadachi\">Задачи</h3>"), "{html}");
        assert!(html.contains("<h3 id=\"mery\">Меры</h3>"), "{html}");
        assert!(html.contains("<h2 id=\"itogi\">Итоги</h2>"), "{html}");
    }

    #[test]
    fn under_a_section_heading_and_in_raw_html() {
        let html = renumber("<h1>А</h1><p>т</p><h4 class=\"x\">Б</h4><hr><header>", 3);
        assert_eq!(html, "<h3>А</h3><p>т</p><h4 class=\"x\">Б</h4><hr><header>");
        assert_eq!(
            renumber("<p>без заголовков</p>", 2),
            "<p>без заголовков</p>"
        );
    }
}
