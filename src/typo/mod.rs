//! Russian typography for generated text: a non-breaking space after «№», before
//! «г.»/«гг.» after a number, between initials and the surname; «ёлочки» instead
//! of straight and English curly quotes. Applied to the text of every HTML page
//! (never inside tags, `<script>`, `<style>`, `<pre>`, `<code>`, `<textarea>`) and
//! to the plain-text titles of feeds and the calendar.
//!
//! A page is typeset while it is made, never by reading it again: a Markdown body
//! on the parser's text events ([`events`]), a template's own text once when the
//! theme is loaded and the values it inserts as they are escaped ([`template`]).

pub mod events;
pub mod template;

pub(crate) const NBSP: char = '\u{a0}';

/// Typography for plain text.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    typeset_into(s, None, false, &mut out, &mut 0);
    out
}

/// Typesets `s`, which follows the character `prev` (the text before an inline
/// tag, so a quote is told opening or closing across tags), into `out`. With
/// `entities`, `&quot;` and `&#34;` are straight quotes too (text of an HTML page).
/// Returns the last character of `s` (a quote entity counts as `"`), or `prev`
/// when `s` is empty; adds the no-break spaces it wrote to `nbsp`.
///
/// Only spaces and quotes can change, so the text between them is copied as it is:
/// pages are megabytes of text and this runs over every one.
pub(crate) fn typeset_into(
    s: &str,
    prev: Option<char>,
    entities: bool,
    out: &mut String,
    nbsp: &mut usize,
) -> Option<char> {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    // Text has a space every few bytes, so a scan by table finds the next byte
    // that can change sooner than a vectorised search's setup.
    let wanted = if entities { TEXT | ENTITY } else { TEXT };
    while let Some(n) = bytes[i..]
        .iter()
        .position(|&b| CAN_CHANGE[b as usize] & wanted != 0)
    {
        i += n;
        let (quote, len) = match bytes[i] {
            b' ' => {
                if nbsp_here(s, i) {
                    out.push_str(&s[copied..i]);
                    out.push(NBSP);
                    *nbsp += 1;
                    copied = i + 1;
                }
                i += 1;
                continue;
            }
            b'"' => ('"', 1),
            b'&' if entities && s[i..].starts_with("&quot;") => ('"', 6),
            b'&' if entities && s[i..].starts_with("&#34;") => ('"', 5),
            // “ ” „ (U+201C, U+201D, U+201E)
            0xE2 if matches!(bytes[i..], [0xE2, 0x80, 0x9C..=0x9E, ..]) => {
                (s[i..].chars().next().unwrap_or('"'), 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let opening = match quote {
            '“' | '„' => true,
            '”' => false,
            _ => {
                let before = if i == 0 {
                    prev
                } else {
                    s[..i].chars().next_back()
                };
                before.is_none_or(|p| p.is_whitespace() || "([{—–-/«„".contains(p))
                    && s[i + len..]
                        .chars()
                        .next()
                        .is_none_or(|n| !n.is_whitespace())
            }
        };
        out.push_str(&s[copied..i]);
        out.push(if opening { '«' } else { '»' });
        i += len;
        copied = i;
    }
    out.push_str(&s[copied..]);
    if entities && (s.ends_with("&quot;") || s.ends_with("&#34;")) {
        Some('"')
    } else {
        s.chars().next_back().or(prev)
    }
}

/// The bytes [`typeset_into`] stops at: [`TEXT`] where a space, a quote or one
/// of “”„ (U+201C–U+201E, first byte E2) starts; [`ENTITY`] where a quote entity
/// (`&quot;`, `&#34;`) can.
const CAN_CHANGE: [u8; 256] = {
    let mut table = [0; 256];
    table[b' ' as usize] = TEXT;
    table[b'"' as usize] = TEXT;
    table[0xE2] = TEXT;
    table[b'&' as usize] = ENTITY;
    table
};
const TEXT: u8 = 1;
const ENTITY: u8 = 2;

/// Whether the ordinary space at byte `i` of `s` should not break.
fn nbsp_here(s: &str, i: usize) -> bool {
    // Bytes first, as most spaces are followed by neither «г» (D0 B3) nor a
    // capital Cyrillic letter (D0 81, D0 90–AF): then only «№» (E2 84 96) before
    // the space counts. This runs for every space of every page.
    let bytes = s.as_bytes();
    let maybe_after = bytes.get(i + 1) == Some(&0xD0)
        && bytes
            .get(i + 2)
            .is_some_and(|&b| matches!(b, 0xB3 | 0x81 | 0x90..=0xAF));
    if !maybe_after {
        return bytes[..i].ends_with("№".as_bytes());
    }
    let mut back = s[..i].chars().rev();
    let b1 = back.next();
    // «№ 3», «№№ 3»
    if b1 == Some('№') {
        return true;
    }
    let rest = &s[i + 1..];
    let mut ahead = rest.chars();
    let a1 = ahead.next();
    // Every other rule needs «г» or a capital letter after the space: most spaces
    // stop here.
    if !a1.is_some_and(|c| c == 'г' || is_cyr_upper(c)) {
        return false;
    }
    let (b2, b3) = (back.next(), back.next());
    let (a2, a3) = (ahead.next(), ahead.next());
    // «2026 г.», «2025–2026 гг.»: a digit, the space, then «г.» or «гг.» ending a word.
    if b1.is_some_and(|c| c.is_ascii_digit()) && a1 == Some('г') {
        let ends = |p: &str| {
            rest.strip_prefix(p)
                .is_some_and(|r| r.chars().next().is_none_or(|c| !is_cyr(c)))
        };
        if ends("г.") || ends("гг.") {
            return true;
        }
    }
    // Initials: «И. И. Иванова», «И.И. Иванова» (after an initial: a single capital
    // Cyrillic letter and a dot, standing alone after a space, start, dot or nbsp)…
    let initial_before = b1 == Some('.')
        && b2.is_some_and(is_cyr_upper)
        && b3.is_none_or(|c| matches!(c, ' ' | NBSP | '.' | '(' | '«'));
    if initial_before && a1.is_some_and(is_cyr_upper) {
        return true;
    }
    // …and «Иванова И. И.» (before an initial, after a capitalised word).
    if b1.is_some_and(is_cyr_lower)
        && a1.is_some_and(is_cyr_upper)
        && a2 == Some('.')
        && a3.is_none_or(|c| !is_cyr_lower(c))
    {
        let (mut length, mut first) = (0, None);
        for c in s[..i].chars().rev().take_while(|&c| is_cyr(c)) {
            length += 1;
            first = Some(c);
        }
        return first.is_some_and(is_cyr_upper) && length >= 2;
    }
    false
}

fn is_cyr(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

fn is_cyr_upper(c: char) -> bool {
    matches!(c, 'А'..='Я' | 'Ё')
}

fn is_cyr_lower(c: char) -> bool {
    matches!(c, 'а'..='я' | 'ё')
}

/// Typography for finished HTML: only text between tags is changed; the contents
/// of `script`, `style`, `pre`, `code` and `textarea` are kept as they are.
/// Escaped quotes (`&quot;`, `&#34;`) in text become «ёлочки» too. Pages are not
/// read again with it; it is left for the rare body that writes its own no-break
/// spaces (see [`events::finish`]).
pub fn html(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 64);
    Markup::default().push(page, &mut out);
    out
}

/// Elements whose content is never typeset.
const RAW: &[&str] = &["script", "style", "pre", "code", "textarea"];

/// The same in a body's raw HTML before it is sanitised: the sanitiser drops a
/// `<textarea>` and keeps its text, which a page then shows as text.
const RAW_IN_BODY: &[&str] = &["script", "style", "pre", "code"];

/// Where a reading of HTML in pieces stands: in text or in a tag (and in which
/// attribute quote), in a comment, inside a raw element. HTML is read the way
/// the page pass read it: a `<` followed by a letter, `/`, `!` or `?` starts a
/// tag that ends at the first `>` outside quotes.
pub(crate) struct Markup {
    /// The elements whose content is not typeset ([`RAW`] or [`RAW_IN_BODY`]).
    raw: &'static [&'static str],
    state: State,
    /// Inside one of [`RAW`]: its closing tag ends it.
    raw_until: Option<&'static str>,
    /// The last character of text seen, carried across tags and pieces.
    pub(crate) prev: Option<char>,
    /// No-break spaces written.
    pub(crate) nbsp: usize,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum State {
    #[default]
    Text,
    /// In a tag; the quote of the attribute value it is in.
    Tag(Option<u8>),
    Comment,
}

impl Default for Markup {
    fn default() -> Self {
        Markup {
            raw: RAW,
            state: State::Text,
            raw_until: None,
            prev: None,
            nbsp: 0,
        }
    }
}

impl Markup {
    /// For a body's raw HTML, before it is sanitised.
    pub(crate) fn body() -> Markup {
        Markup {
            raw: RAW_IN_BODY,
            ..Markup::default()
        }
    }

    /// Whether text here is typeset (not inside a tag, a comment or a raw element).
    pub(crate) fn in_text(&self) -> bool {
        self.state == State::Text && self.raw_until.is_none()
    }

    /// Copies the next piece of `html` to `out`, its text typeset.
    pub(crate) fn push(&mut self, html: &str, out: &mut String) {
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match self.state {
                State::Comment => {
                    let end = html[i..].find("-->").map_or(bytes.len(), |o| i + o + 3);
                    out.push_str(&html[i..end]);
                    if end < bytes.len() || html.ends_with("-->") {
                        self.state = State::Text;
                    }
                    i = end;
                }
                State::Tag(mut quote) => {
                    let mut j = i;
                    while j < bytes.len() {
                        match (quote, bytes[j]) {
                            (Some(q), c) if c == q => quote = None,
                            (None, c @ (b'"' | b'\'')) => quote = Some(c),
                            (None, b'>') => break,
                            _ => {}
                        }
                        j += 1;
                    }
                    if j < bytes.len() {
                        out.push_str(&html[i..=j]);
                        self.state = State::Text;
                        i = j + 1;
                    } else {
                        out.push_str(&html[i..]);
                        self.state = State::Tag(quote);
                        i = j;
                    }
                }
                State::Text => {
                    let lt = tag_start(html, i);
                    let text = &html[i..lt];
                    if self.raw_until.is_some() {
                        out.push_str(text);
                    } else {
                        self.prev = typeset_into(text, self.prev, true, out, &mut self.nbsp);
                    }
                    if lt == bytes.len() {
                        break;
                    }
                    if html[lt..].starts_with("<!--") {
                        out.push_str("<!--");
                        self.state = State::Comment;
                        i = lt + 4;
                        continue;
                    }
                    let after = &html[lt + 1..];
                    let (closing, name) = match after.strip_prefix('/') {
                        Some(n) => (true, n),
                        None => (false, after),
                    };
                    let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
                    let name = &name[..len];
                    match self.raw_until {
                        Some(raw) if closing && name.eq_ignore_ascii_case(raw) => {
                            self.raw_until = None;
                        }
                        Some(_) => {}
                        None if !closing => {
                            self.raw_until = self
                                .raw
                                .iter()
                                .copied()
                                .find(|r| name.eq_ignore_ascii_case(r));
                        }
                        None => {}
                    }
                    out.push('<');
                    self.state = State::Tag(None);
                    i = lt + 1;
                }
            }
        }
    }
}

/// The byte offset of the next `<` from `from` that starts a tag, a comment or
/// a declaration, or the end of `html`.
fn tag_start(html: &str, from: usize) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(o) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + o;
        if bytes
            .get(at + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
        {
            return at;
        }
        i = at + 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_sign_year_and_initials() {
        assert_eq!(text("Приказ № 285"), "Приказ №\u{a0}285");
        assert_eq!(
            text("10 сентября 2026 г. в зале"),
            "10 сентября 2026\u{a0}г. в зале"
        );
        assert_eq!(text("2025–2026 гг."), "2025–2026\u{a0}гг.");
        assert_eq!(text("в 2026 году"), "в 2026 году");
        assert_eq!(text("И. И. Петрова"), "И.\u{a0}И.\u{a0}Петрова");
        assert_eq!(text("Петрова И. И."), "Петрова\u{a0}И.\u{a0}И.");
        assert_eq!(
            text("Петрова И.И., директор"),
            "Петрова\u{a0}И.И., директор"
        );
        assert_eq!(text("куратор О.В. Ким"), "куратор О.В.\u{a0}Ким");
        assert_eq!(text("в МНЦ. Далее"), "в МНЦ. Далее");
    }

    #[test]
    fn quotes() {
        assert_eq!(text("МБОУ \"СОШ № 3\""), "МБОУ «СОШ №\u{a0}3»");
        assert_eq!(text("семинар “Оценивание”"), "семинар «Оценивание»");
    }

    #[test]
    fn html_text_only() {
        let page = "<p title=\"№ 5\">Приказ № 5 &quot;О группе&quot;</p><pre>№ 5 \"x\"</pre><script>var a = \"№ 5\";</script>";
        let got = html(page);
        assert_eq!(
            got,
            "<p title=\"№ 5\">Приказ №\u{a0}5 «О группе»</p><pre>№ 5 \"x\"</pre><script>var a = \"№ 5\";</script>"
        );
        // Quote entities past the last space or quote character of a text.
        assert_eq!(
            html("<p>слово&quot;x&#34;</p><p>a &quot;b&#34;</p>"),
            "<p>слово»x»</p><p>a «b»</p>"
        );
        // Quotes around a link: the opening one ends a text node, the closing one starts one.
        assert_eq!(
            html("<p>курс \"<a href=\"/x/\">Оценивание</a>\" начат</p>"),
            "<p>курс «<a href=\"/x/\">Оценивание</a>» начат</p>"
        );
    }
}
