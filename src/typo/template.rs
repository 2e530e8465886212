//! Typography of what templates write, without reading pages again: a template's
//! own text is typeset once, when the theme is loaded ([`prepare`]); a value it
//! inserts into text is typeset as it is escaped ([`escape`], tera's escape
//! function). A value inserted into a tag (an attribute: addresses, ids, `alt`,
//! `content`) or into `<script>`, `<style>`, `<pre>`, `<code>`, `<textarea>` is
//! escaped as it is, never typeset. A value marked `safe` is written as it is
//! (bodies are typeset when they are rendered, see [`super::events`]).
//!
//! Tera's escape function is told nothing of where a value goes, so [`prepare`]
//! puts two constant values around each `{{ … }}` in a tag or a raw element:
//! [`PLAIN_ON`] before it, [`PLAIN_OFF`] after it. Escaping them writes nothing
//! and switches typesetting off and on again for the thread. The value's own tag
//! is left as written, so tera's errors about it are its usual ones (a filter
//! around it would lose «Variable `x` is not defined. Available variables: …»).
//!
//! Rules are applied within a value or within a piece of the template's text, not
//! across them: the year of `{{ year }} г.` gets no no-break space before «г.».
//! After a value, a quote is taken to follow a letter (it closes).

use super::Markup;
use std::cell::Cell;
use std::io::Write;

/// The value put before a value in a tag or a raw element: escaping it switches
/// typesetting off. Private-use characters, which no editor types.
pub const PLAIN_ON: &str = "\u{F8FE}vitrina-plain\u{F8FF}";
/// The value put after it: typesetting is on again.
pub const PLAIN_OFF: &str = "\u{F8FF}vitrina-plain\u{F8FE}";

thread_local! {
    /// Between [`PLAIN_ON`] and [`PLAIN_OFF`] on this thread.
    static PLAIN: Cell<bool> = const { Cell::new(false) };
}

/// Switches typesetting of values on for this thread, whatever a template that
/// failed halfway left: called before each page is rendered.
pub fn start_page() {
    PLAIN.with(|p| p.set(false));
}

/// A template made ready for typography: its text, and where `prepare` put text
/// in, for error positions.
pub struct Prepared {
    pub text: String,
    pub insertions: Vec<Insertion>,
}

/// Characters put in on a line of the prepared template before column `column`
/// (0-based, counted in the prepared template), so tera's error positions can be
/// told in the template as written.
pub struct Insertion {
    pub line: usize,
    pub column: usize,
    pub chars: usize,
}

/// `column` on `line` of a prepared template, as a column of the template as written.
pub fn written_column(insertions: &[Insertion], line: usize, column: usize) -> usize {
    let before: usize = insertions
        .iter()
        .filter(|i| i.line == line && i.column <= column)
        .map(|i| i.chars)
        .sum();
    column.saturating_sub(before)
}

/// Tera's escape function for pages: a value typeset as text, then escaped; a
/// value between [`PLAIN_ON`] and [`PLAIN_OFF`] only escaped.
pub fn escape(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    if input.len() == PLAIN_ON.len() && (input == PLAIN_ON || input == PLAIN_OFF) {
        PLAIN.with(|p| p.set(input == PLAIN_ON));
        return Ok(());
    }
    // Only a space or a quote can change.
    if !PLAIN.with(Cell::get) && input.bytes().any(|b| matches!(b, b' ' | b'"' | 0xE2)) {
        tera::escape_html(&super::text(input), out)
    } else {
        tera::escape_html(input, out)
    }
}

/// Prepares an HTML template's source: its text outside `{{ }}`, `{% %}`, `{# #}`,
/// tags and raw elements is typeset (the content of `{% raw %}` is text too);
/// each `{{ … }}` inside a tag or a raw element is put between [`PLAIN_ON`] and
/// [`PLAIN_OFF`]. With `typeset` false (templates of other autoescaped formats:
/// XML), the text is left and every value is put between them.
pub fn prepare(source: &str, typeset: bool) -> Prepared {
    let mut p = Preparer {
        source,
        out: String::with_capacity(source.len() + source.len() / 16),
        insertions: Vec::new(),
        markup: Markup::default(),
        typeset,
        line: 1,
        line_start: 0,
        line_added: 0,
    };
    let mut i = 0;
    while i < source.len() {
        let open = next_open(source, i);
        p.literal(i, open);
        if open == source.len() {
            break;
        }
        let kind = source.as_bytes()[open + 1];
        let close = match kind {
            b'{' => "}}",
            b'%' => "%}",
            _ => "#}",
        };
        let end = find_close(source, open + 2, close);
        match kind {
            b'{' => p.value(open, end),
            b'%' if is_raw_tag(&source[open..end]) => {
                p.copy(open, end);
                let endraw = find_endraw(source, end);
                p.literal(end, endraw);
                i = endraw;
                continue;
            }
            _ => p.copy(open, end),
        }
        i = end;
    }
    Prepared {
        text: p.out,
        insertions: p.insertions,
    }
}

struct Preparer<'s> {
    source: &'s str,
    out: String,
    insertions: Vec<Insertion>,
    markup: Markup,
    typeset: bool,
    /// The line of `source` copied up to, the byte its line starts at, and the
    /// characters put into it so far.
    line: usize,
    line_start: usize,
    line_added: usize,
}

impl Preparer<'_> {
    /// Follows lines in `source[from..to]`, which has just been copied.
    fn advance(&mut self, from: usize, to: usize) {
        for (o, _) in self.source[from..to].match_indices('\n') {
            self.line += 1;
            self.line_start = from + o + 1;
            self.line_added = 0;
        }
    }

    fn copy(&mut self, from: usize, to: usize) {
        self.out.push_str(&self.source[from..to]);
        self.advance(from, to);
    }

    /// The template's own text `source[from..to]`.
    fn literal(&mut self, from: usize, to: usize) {
        let text = &self.source[from..to];
        if self.typeset {
            self.markup.push(text, &mut self.out);
        } else {
            self.out.push_str(text);
        }
        self.advance(from, to);
    }

    /// Puts `text` in at byte `at` of `source` (on the current line).
    fn insert(&mut self, at: usize, text: &str) {
        let column = self.source[self.line_start..at].chars().count() + self.line_added;
        let chars = text.chars().count();
        self.insertions.push(Insertion {
            line: self.line,
            column,
            chars,
        });
        self.line_added += chars;
        self.out.push_str(text);
    }

    /// The value tag `source[open..end]` (`{{ … }}`).
    fn value(&mut self, open: usize, end: usize) {
        if self.typeset && self.markup.in_text() {
            // A value's last character is not known here: a letter, most likely.
            self.markup.prev = Some('a');
            return self.copy(open, end);
        }
        // The markers trim whitespace where the value did: `{{-` trims the text
        // before it, `-}}` the text after it.
        let tag = &self.source[open..end];
        let trim_before = if tag.starts_with("{{-") { "-" } else { "" };
        let trim_after = if tag.ends_with("-}}") { "-" } else { "" };
        self.insert(open, &format!("{{{{{trim_before} \"{PLAIN_ON}\" }}}}"));
        self.copy(open, end);
        self.insert(end, &format!("{{{{ \"{PLAIN_OFF}\" {trim_after}}}}}"));
    }
}

/// The next `{{`, `{%` or `{#` from `from`, or the end.
fn next_open(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    while let Some(o) = b[i..].iter().position(|&c| c == b'{') {
        let at = i + o;
        if matches!(b.get(at + 1), Some(b'{' | b'%' | b'#')) {
            return at;
        }
        i = at + 1;
    }
    s.len()
}

/// The end (past `close`) of a tag whose content starts at `from`, string
/// literals skipped; the end of `s` when it is not closed (tera reports that).
fn find_close(s: &str, from: usize, close: &str) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match quote {
            Some(q) if b[i] == q => quote = None,
            Some(_) => {}
            None if close != "#}" && matches!(b[i], b'"' | b'\'' | b'`') => quote = Some(b[i]),
            None if b[i..].starts_with(close.as_bytes()) => return i + 2,
            None => {}
        }
        i += 1;
    }
    s.len()
}

fn is_raw_tag(tag: &str) -> bool {
    tag.trim_start_matches("{%")
        .trim_end_matches("%}")
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        == "raw"
}

/// Where the `{% endraw %}` after byte `from` starts, or the end.
fn find_endraw(s: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(o) = s[i..].find("{%") {
        let at = i + o;
        let end = find_close(s, at + 2, "%}");
        let inner = s[at..end]
            .trim_start_matches("{%")
            .trim_end_matches("%}")
            .trim_matches(|c: char| c == '-' || c.is_whitespace());
        if inner == "endraw" {
            return at;
        }
        i = at + 2;
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `template` as the theme does (prepared, typesetting escape function).
    fn render(template: &str, values: &[(&'static str, &str)]) -> String {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape);
        start_page();
        tera.add_raw_template("t.html", &prepare(template, true).text)
            .unwrap();
        let mut context = tera::Context::new();
        for (key, value) in values {
            context.insert(*key, value);
        }
        context.insert("n", &5);
        tera.render("t.html", &context).unwrap()
    }

    #[test]
    fn template_text_is_typeset_outside_tags_expressions_and_raw_elements() {
        let prepared = prepare(
            "<p title=\"№ 5\">Приказ № 5 \"О группе\" {# № 6 \"x\" #}{% if a == \"b c\" %}x{% endif %}</p>\
             <pre>№ 7 \"y\"</pre>{% raw %}№ 8 {{ z }}{% endraw %}",
            true,
        );
        assert_eq!(
            prepared.text,
            "<p title=\"№ 5\">Приказ №\u{a0}5 «О группе» {# № 6 \"x\" #}{% if a == \"b c\" %}x{% endif %}</p>\
             <pre>№ 7 \"y\"</pre>{% raw %}№\u{a0}8 {{ z }}{% endraw %}"
        );
    }

    #[test]
    fn values_in_tags_and_raw_elements_are_put_between_the_plain_markers() {
        let template = "<a href=\"{{ url }}\" title='{{- t -}}'>{{ t }}</a><script>var a = \"{{ a ~ b }}\";</script>";
        let prepared = prepare(template, true);
        let on = format!("{{{{ \"{PLAIN_ON}\" }}}}");
        let off = format!("{{{{ \"{PLAIN_OFF}\" }}}}");
        assert_eq!(
            prepared.text,
            format!(
                "<a href=\"{on}{{{{ url }}}}{off}\" title='{{{{- \"{PLAIN_ON}\" }}}}{{{{- t -}}}}{{{{ \"{PLAIN_OFF}\" -}}}}'>{{{{ t }}}}</a>\
                 <script>var a = \"{on}{{{{ a ~ b }}}}{off}\";</script>"
            )
        );
        // Tera's error columns (in characters) are told in the template as written.
        let column = |text: &str, at: &str| text[..text.find(at).unwrap()].chars().count();
        for (written, prepared_at) in [("url", "url"), ("{{- t", "{{- t"), ("b }}", "b }}")] {
            assert_eq!(
                written_column(&prepared.insertions, 1, column(&prepared.text, prepared_at)),
                column(template, written),
                "{written}"
            );
        }
    }

    #[test]
    fn a_value_is_typeset_in_text_and_left_as_it_is_in_an_attribute_or_a_script() {
        let t = "Школа № 5, зал \"Актовый\" <a href=\"/x?q={{ t }}\" title=\"{{ t }}\">{{ t }}</a>\
                 <script>var t = \"{{ t }}\";</script> № {{ n }}";
        let page = render(t, &[("t", "Приказ № 5 \"О группе\" <b>")]);
        assert_eq!(
            page,
            "Школа №\u{a0}5, зал «Актовый» \
             <a href=\"/x?q=Приказ № 5 &quot;О группе&quot; &lt;b&gt;\" title=\"Приказ № 5 &quot;О группе&quot; &lt;b&gt;\">\
             Приказ №\u{a0}5 «О группе» &lt;b&gt;</a>\
             <script>var t = \"Приказ № 5 &quot;О группе&quot; &lt;b&gt;\";</script> №\u{a0}5"
        );
    }

    #[test]
    fn a_safe_value_is_written_as_it_is() {
        let page = render(
            "{{ h | safe }}<a title=\"{{ h | safe }}\"></a>",
            &[("h", "№ 5 \"x\"")],
        );
        assert_eq!(page, "№ 5 \"x\"<a title=\"№ 5 \"x\"\"></a>");
    }
}
