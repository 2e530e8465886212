//! The text of a record file: bytes → UTF-8 text with LF line ends (naming
//! UTF-16, Windows-1251 and binary files precisely), and the split of front
//! matter from the Markdown body.

use std::borrow::Cow;

/// Why a file's bytes are not a record's text, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct TextError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub hint: &'static str,
}

impl TextError {
    fn at_start(message: String, hint: &'static str) -> Self {
        TextError {
            message,
            line: 1,
            column: 1,
            hint,
        }
    }
}

const SAVE_AS_UTF8: &str = "откройте файл в Блокноте, выберите «Файл → Сохранить как» и внизу в поле «Кодировка» — UTF-8; в Word — «Сохранить как → Обычный текст», кодировка Юникод (UTF-8)";

/// UTF-8 (with or without BOM), CRLF or LF → text with LF line ends. Anything else
/// is named as precisely as we can: UTF-16, Windows-1251, a Word document, a PDF.
/// The text is borrowed from `bytes` unless it had CR LF line ends.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, TextError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(order) = crate::unicode::utf32(bytes) {
        return Err(TextError::at_start(
            format!("файл в кодировке UTF-32 ({order}), а записи должны быть в UTF-8"),
            SAVE_AS_UTF8,
        ));
    }
    if let Some(order) = utf16(bytes) {
        return Err(TextError::at_start(
            format!("файл в кодировке UTF-16 ({order}), а записи должны быть в UTF-8"),
            SAVE_AS_UTF8,
        ));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(TextError::at_start(
            format!(
                "это не текстовый файл ({kind}); запись должна быть текстом в формате Markdown или YAML"
            ),
            "документы, картинки и архивы прикладывайте к записи через поле file: или files:, а саму запись пишите текстом (образец даёт команда vitrina new)",
        ));
    }
    // Cyrillic text takes std's slow path, so the check is SIMD. The CR search
    // is a memchr: most files have none, and then the text is not copied.
    match crate::utf8::str_from(bytes) {
        Ok(text) if memchr::memchr(b'\r', bytes).is_some() => {
            Ok(Cow::Owned(text.replace("\r\n", "\n")))
        }
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => Err(not_utf8(bytes, e.valid_up_to())),
    }
}

/// Where bytes stop being UTF-8, and what they probably are instead.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> TextError {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    // Windows-1251 Cyrillic letters are 0xC0–0xFF (plus Ё/ё 0xA8/0xB8).
    let cyrillic_1251 = bytes
        .iter()
        .filter(|&&b| b >= 0xC0 || b == 0xA8 || b == 0xB8)
        .count();
    let guess = if cyrillic_1251 * 2 > high {
        ", похоже на Windows-1251"
    } else {
        ""
    };
    let valid = &bytes[..valid_up_to];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // The prefix is valid UTF-8, so this cannot fail; 1 is only a fallback.
    let column = std::str::from_utf8(&valid[line_start..])
        .map_or(1, |t| t.trim_end_matches('\r').chars().count() + 1);
    TextError {
        message: format!(
            "файл не в UTF-8{guess}: первый неверный символ в строке {line}; сохраните файл как UTF-8"
        ),
        line,
        column,
        hint: SAVE_AS_UTF8,
    }
}

/// "UTF-16 LE"/"UTF-16 BE" when the bytes are UTF-16 text: by the byte-order mark,
/// or, without one, by the zero bytes that ASCII letters get in every other place.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("Little Endian, с меткой BOM");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("Big Endian, с меткой BOM");
    }
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Latin text and YAML punctuation make a zero in (almost) every pair; Cyrillic
    // (U+04xx) makes 0x04 instead, so require zeros in a third of the pairs only.
    if odd * 3 >= pairs && even * 20 <= pairs {
        Some("Little Endian, без метки BOM")
    } else if even * 3 >= pairs && odd * 20 <= pairs {
        Some("Big Endian, без метки BOM")
    } else {
        None
    }
}

/// What a binary file probably is, when it is one: by its signature, else by a
/// zero byte (which no text file holds).
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 8] = [
        (b"%PDF", "документ PDF"),
        (
            b"PK\x03\x04",
            "архив ZIP или документ Word/Excel в формате DOCX/XLSX",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "документ Word или Excel старого формата (DOC/XLS)",
        ),
        (b"{\\rtf", "документ RTF"),
        (b"\x89PNG", "картинка PNG"),
        (b"\xFF\xD8\xFF", "картинка JPEG"),
        (b"GIF8", "картинка GIF"),
        (b"Rar!", "архив RAR"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    memchr::memchr(0, bytes)
        .is_some()
        .then_some("похоже на двоичный: документ, картинку или архив")
}

/// Splits `---\nfields\n---\nbody`. Returns the front matter, the line it starts
/// on, and the body. A Markdown file without front matter is all body.
pub(super) fn split_front_matter(text: &str) -> Result<(&str, usize, &str), TextError> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        // A record that starts with `name: value` lines has lost its opening `---`.
        let (index, first) = text
            .lines()
            .enumerate()
            .find(|(_, l)| !l.trim().is_empty())
            .unwrap_or((0, ""));
        if looks_like_field(first) {
            return Err(TextError {
                message:
                    "поля записи должны быть между строками «---»; в начале файла нет строки «---»"
                        .into(),
                line: index + 1,
                column: 1,
                hint: "первой строкой файла напишите «---», затем поля, затем ещё одну строку «---» и после неё текст",
            });
        }
        return Ok(("", 1, text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((front, 2, body));
        }
        offset += line.len();
    }
    Err(TextError {
        message: "блок полей открыт строкой «---», но не закрыт".into(),
        line: 1,
        column: 1,
        hint: "добавьте строку «---» после последнего поля, перед текстом записи",
    })
}

fn looks_like_field(line: &str) -> bool {
    line.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let (front, line, body) = split_front_matter("---\ntitle: A\n---\nТекст\n").unwrap();
        assert_eq!((front, line, body), ("title: A\n", 2, "Текст\n"));
    }

    #[test]
    fn errors_on_unclosed_front_matter() {
        assert!(split_front_matter("---\ntitle: A\nТекст\n").is_err());
    }

    #[test]
    fn errors_on_missing_opening_dashes() {
        assert!(split_front_matter("title: A\n---\nТекст\n").is_err());
    }

    #[test]
    fn decodes_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF---\r\na: 1\r\n").unwrap(),
            "---\na: 1\n"
        );
    }

    #[test]
    fn crlf_becomes_lf_but_a_lone_cr_stays() {
        assert_eq!(decode(b"a\r\nb\rc\r\r\n").unwrap(), "a\nb\rc\r\n");
        // Text without CR is not copied.
        assert!(matches!(decode(b"a\nb\n").unwrap(), Cow::Borrowed(_)));
        let err = decode(b"a: 1\r\nb: \xFF\r\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 4), "{err:?}");
    }

    #[test]
    fn names_utf16_with_and_without_bom() {
        let le: Vec<u8> = "name: Школа\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert!(decode(&with_bom).unwrap_err().message.contains("UTF-16"));
        assert!(decode(&le).unwrap_err().message.contains("UTF-16"));
        let be: Vec<u8> = "title: x\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert!(decode(&be).unwrap_err().message.contains("Big Endian"));
    }

    #[test]
    fn names_windows_1251() {
        // «Школа» in Windows-1251.
        let err = decode(b"name: \xD8\xEA\xEE\xEB\xE0").unwrap_err();
        assert!(err.message.contains("Windows-1251"), "{err:?}");
        assert_eq!((err.line, err.column), (1, 7));
    }
}
