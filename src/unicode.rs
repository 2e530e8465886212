//! Text that looks the same but is not: names and values an editor cannot see the
//! difference in. macOS writes file names decomposed (NFD: «й» as «и» + a
//! combining breve), Windows and Linux composed (NFC), so ids and URLs are
//! normalised to NFC and the two spellings of one name are one record (and collide
//! as duplicates). Control characters in fields, line ends of a lone CR (classic
//! Mac OS, some exports) and UTF-32 files are named precisely instead of giving
//! odd errors further on.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `text` in Unicode normalisation form C (borrowed when it already is).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.chars().all(always_composed) {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// A character whose NFC quick check is Yes with combining class 0, told without
/// the Unicode tables (a text of only such characters is NFC):
/// ASCII, Latin-1 (no-break space, «»), Cyrillic letters, dashes, quotes and «№»
/// — nearly every character of a Russian site, which then needs no lookup.
fn always_composed(c: char) -> bool {
    matches!(c,
        '\0'..='\u{ff}'
        | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{4ff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '№'
    )
}

/// "Little Endian"/"Big Endian" when the bytes start with a UTF-32 byte-order mark
/// (whose first two bytes are UTF-16's: it must be checked first).
pub fn utf32(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") {
        Some("Little Endian, с меткой BOM")
    } else if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        Some("Big Endian, с меткой BOM")
    } else {
        None
    }
}

/// A found character: 1-based line and column in the text searched.
#[derive(Debug, PartialEq)]
pub struct Found {
    pub line: usize,
    pub column: usize,
    pub char: char,
}

fn find(text: &str, what: impl Fn(char, Option<char>) -> bool) -> Option<Found> {
    let (mut line, mut column) = (1, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if what(c, chars.peek().copied()) {
            return Some(Found {
                line,
                column,
                char: c,
            });
        }
        if c == '\n' {
            (line, column) = (line + 1, 0);
        }
    }
    None
}

/// The first control character (U+0000–U+001F other than tab and line ends, and
/// U+007F): invisible in an editor, invalid in XML, and never meant.
pub fn control_char(text: &str) -> Option<Found> {
    // Control characters are ASCII, so a byte scan finds whether there is one
    // (a vectorised pass); counting lines and columns is left to the rare file
    // that has one. Char by char, every file cost 1 % of a check. A fold, not
    // `any`: without the early exit the compiler vectorises the loop.
    let control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f;
    if !text.bytes().fold(false, |found, b| found | control(b)) {
        return None;
    }
    find(text, |c, _| {
        (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
    })
}

/// The first CR not followed by LF (CR LF was turned into LF when the file was
/// decoded): a file whose lines end in CR alone reads as one long line.
pub fn lone_cr(text: &str) -> Option<Found> {
    // Most files have no CR at all: memchr says so without walking the chars
    // (7 % of a check on 10,000 records; the memchr crate's vector search, as
    // std's `contains` is a word-at-a-time loop, 1 % of a check).
    memchr::memchr(b'\r', text.as_bytes())?;
    find(text, |c, next| c == '\r' && next != Some('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_names_become_composed() {
        let nfd = "shkola-и\u{306}";
        assert_eq!(nfc(nfd), "shkola-й");
        assert!(matches!(nfc("школа"), Cow::Borrowed(_)));
        assert_eq!(nfc("Ё\u{308}и\u{306}"), "Ё\u{308}й");
    }

    #[test]
    fn finds_control_characters_and_lone_cr_with_their_place() {
        assert_eq!(
            control_char("title: a\nplace: b\u{7}c"),
            Some(Found {
                line: 2,
                column: 9,
                char: '\u{7}'
            })
        );
        assert_eq!(control_char("title: a\tb\r\n"), None);
        assert_eq!(lone_cr("a\rb\rc").map(|f| (f.line, f.column)), Some((1, 2)));
        assert_eq!(lone_cr("a\r\nb"), None);
    }

    #[test]
    fn characters_told_composed_without_the_tables_are() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| always_composed(c))
        {
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }
}
