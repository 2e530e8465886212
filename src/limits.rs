//! Bounds checked before parsing. Some inputs make the parsers quadratic: YAML flow
//! collections nested 100,000 deep (libyaml: a minute for 200 KB) and an HTML tag
//! with 160,000 attributes (html5ever checks each new attribute against all
//! earlier ones: 20 s). No record an editor writes comes near these bounds, so a
//! record past one is refused with the place, instead of stalling every build.

/// Flow collections (`[…]`, `{…}`) nested deeper than this.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Attributes in one HTML tag (Word's pasted HTML has a dozen at most). The
/// sanitiser's cost per tag grows with the square of this; over a 5 MB body it
/// stays within a fraction of a second.
pub const MAX_TAG_ATTRIBUTES: usize = 100;

/// One line of a record (a paragraph pasted from Word is a few KB).
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// The text of a record after its fields (a 100-page document pasted from Word is
/// about 350 KB). Rendering is linear, but dense markup costs up to a second per
/// megabyte (a table of 2 000 columns, 200 000 `[a](`, `[[[[`: millions of
/// elements to sanitise), so a 5 MB record file could hold seconds of work per
/// build; up to this bound it stays within half a second
/// (`scripts/bench_hostile.sh`). Fields (`.yaml` records) are not bounded by it.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// A bound a record's text passes; `line`/`column` (1-based) where.
#[derive(Debug, PartialEq)]
pub struct Exceeded {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub hint: &'static str,
}

/// Where YAML flow collections first nest deeper than [`MAX_FLOW_DEPTH`]. Brackets
/// inside quoted or plain text are counted too: only ever errs on the deep side.
pub fn flow_too_deep(yaml: &str) -> Option<Exceeded> {
    // Nesting past the bound needs more opening brackets than the bound, and
    // almost every record has a handful: counting them is one vectorised pass,
    // where the walk below goes a byte at a time (2.5 % of a check).
    let opening: usize = yaml
        .bytes()
        .map(|b| usize::from(matches!(b, b'[' | b'{')))
        .sum();
    if opening <= MAX_FLOW_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    let (mut line, mut line_start) = (1, 0);
    for (i, b) in yaml.bytes().enumerate() {
        match b {
            b'\n' => (line, line_start) = (line + 1, i + 1),
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(Exceeded {
                        message: format!(
                            "скобки [ ] или {{ }} вложены друг в друга глубже {MAX_FLOW_DEPTH} уровней; такую запись нельзя прочитать за разумное время"
                        ),
                        line,
                        column: yaml[line_start..i].chars().count() + 1,
                        hint: "списки в записи пишутся строками «- значение»; уберите лишние скобки",
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A body (the text after the fields, starting on line `first_line` of its file)
/// longer than [`MAX_BODY_BYTES`].
pub fn body_too_long(body: &str, first_line: usize) -> Option<Exceeded> {
    (body.len() > MAX_BODY_BYTES).then(|| Exceeded {
        message: format!(
            "текст записи длиной {} КБ (допустимо до {} КБ); такой текст нельзя обработать за разумное время",
            body.len() / 1024,
            MAX_BODY_BYTES / 1024
        ),
        line: first_line,
        column: 1,
        hint: "большой документ приложите файлом через file: или files:, а в тексте записи оставьте краткое содержание",
    })
}

/// The first line of `text` longer than [`MAX_LINE_BYTES`], or the first HTML tag
/// with more than [`MAX_TAG_ATTRIBUTES`] attributes; `first_line` is the line of
/// `text` in its file.
pub fn body_too_heavy(text: &str, first_line: usize) -> Option<Exceeded> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for (n, end) in ends.enumerate() {
        let line = &text[start..end];
        start = end + 1;
        if line.len() > MAX_LINE_BYTES {
            return Some(Exceeded {
                message: format!(
                    "строка длиной {} КБ (допустимо до {} КБ); такую запись нельзя обработать за разумное время",
                    line.len() / 1024,
                    MAX_LINE_BYTES / 1024
                ),
                line: first_line + n,
                column: 1,
                hint: "разбейте текст на абзацы (пустая строка между ними); большие таблицы и данные прикладывайте файлом через file: или files:",
            });
        }
    }
    let at = tag_with_too_many_attributes(text)?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    Some(Exceeded {
        message: format!(
            "в HTML-теге больше {MAX_TAG_ATTRIBUTES} атрибутов; такой текст нельзя обработать за разумное время"
        ),
        line: first_line + text[..at].matches('\n').count(),
        column: text[line_start..at].chars().count() + 1,
        hint: "вставьте текст без оформления (в Word: «Вставить только текст») или уберите лишние атрибуты",
    })
}

/// The byte offset of the first `<tag` in `text` with too many attributes. Counts
/// attribute starts (after whitespace or `/`) up to the closing `>`, over any
/// number of lines, skipping quoted values. Linear: every byte is looked at once.
fn tag_with_too_many_attributes(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        i = start + 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // As the HTML tokenizer reads a tag: a quote opens a value only right
        // after `=` (elsewhere it is part of a name).
        let (mut count, mut quote, mut after_space, mut after_eq) = (0, None, false, false);
        while let Some(&b) = bytes.get(i) {
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None => match b {
                    b'>' => break,
                    b' ' | b'\t' | b'\r' | b'\n' | 0x0c | b'/' if !after_eq => after_space = true,
                    b' ' | b'\t' | b'\r' | b'\n' | 0x0c => {}
                    b'=' => (after_space, after_eq) = (false, true),
                    b'"' | b'\'' if after_eq => (quote, after_eq) = (Some(b), false),
                    _ if after_eq => after_eq = false,
                    _ if after_space => {
                        after_space = false;
                        count += 1;
                        if count > MAX_TAG_ATTRIBUTES {
                            return Some(start);
                        }
                    }
                    _ => {}
                },
            }
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_is_found_where_it_passes_the_bound() {
        let yaml = format!("title: x\ntags: {}{}", "[".repeat(200), "]".repeat(200));
        let e = flow_too_deep(&yaml).unwrap();
        assert_eq!((e.line, e.column), (2, 7 + MAX_FLOW_DEPTH));
        assert!(flow_too_deep("title: Семинар [1] {2}\nlist: [[a, b], [c]]").is_none());
    }

    #[test]
    fn nesting_to_the_bound_passes_and_one_deeper_does_not() {
        let nested = |depth: usize| format!("tags: {}{}", "{".repeat(depth), "}".repeat(depth));
        assert!(flow_too_deep(&nested(MAX_FLOW_DEPTH)).is_none());
        let e = flow_too_deep(&nested(MAX_FLOW_DEPTH + 1)).unwrap();
        assert_eq!((e.line, e.column), (1, 6 + MAX_FLOW_DEPTH + 1));
        // Many brackets, none deep: more than the bound in all, each closed.
        let shallow = "list: [a, [b]]\n".repeat(MAX_FLOW_DEPTH);
        assert!(flow_too_deep(&shallow).is_none());
    }

    #[test]
    fn counts_attributes_outside_quotes() {
        let many = format!("<p {}>", "a=\"x y z\" ".repeat(MAX_TAG_ATTRIBUTES + 1));
        assert_eq!(
            tag_with_too_many_attributes(&format!("текст {many}")),
            Some(11)
        );
        let quoted = format!("<p title=\"{}\">", "a ".repeat(10_000));
        assert_eq!(tag_with_too_many_attributes(&quoted), None);
        let fine = format!("<p {}>", "a ".repeat(MAX_TAG_ATTRIBUTES));
        assert_eq!(tag_with_too_many_attributes(&fine), None);
    }
}
