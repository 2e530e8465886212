//! The one escaper for HTML and XML: pages, the Atom feed, the sitemap, the
//! check reports (HTML, JUnit) and serve's error page all write text through it.

/// Escapes text for HTML and XML 1.0 text and attribute values. Characters XML
/// 1.0 does not allow at all (control characters other than tab and line ends,
/// U+FFFE, U+FFFF) are dropped: one pasted from Word would make `feed.atom`
/// unreadable to every feed reader, and HTML treats them as errors too.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !allowed_in_xml(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` with every character that may not stand in a URL as written (ASCII
/// controls, space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`) percent-encoded:
/// such a URL cannot end an attribute, a robots.txt line or a calendar line.
/// Other characters, Cyrillic included, are kept.
pub fn url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_control() || " \"<>\\^`{|}".contains(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The `Char` production of XML 1.0 (surrogates cannot occur in a `char`).
pub fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            markup("a<b>&\"c\"'d'\u{1}\u{FFFE}\tе\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;\tе\n"
        );
    }

    #[test]
    fn percent_encodes_what_cannot_stand_in_a_url() {
        assert_eq!(
            url("https://обр.рф/a b\"<c>\r\n{|}`^\\?x=1&y"),
            "https://обр.рф/a%20b%22%3Cc%3E%0D%0A%7B%7C%7D%60%5E%5C?x=1&y"
        );
    }
}
