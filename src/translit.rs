//! Cyrillic → ASCII transliteration for published URLs.
//!
//! Follows the common Russian passport/Yandex-style scheme (ГОСТ 7.79-2000 system B
//! without diacritics), lowercased; everything that is not a letter, digit, `-`, `_`
//! or `/` becomes `-`, and runs of `-` collapse. So `documents/Положение о МНЦ`
//! becomes `documents/polozhenie-o-mnc`.

fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "j",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        _ => return None,
    })
}

/// Transliterates one path (a record id) into the ASCII form used in URLs.
pub fn slugify_path(id: &str) -> String {
    id.split('/').map(slugify).collect::<Vec<_>>().join("/")
}

/// Transliterates one path segment.
pub fn slugify(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    // NFC first: a decomposed «й» (macOS file names) transliterates as «й». The
    // quick check passes almost every name without composing it. (Not through
    // crate::unicode: translit is a bottom-layer module and imports nothing.)
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    let composed: String;
    let segment = if is_nfc_quick(segment.chars()) == IsNormalized::Yes {
        segment
    } else {
        composed = segment.nfc().collect();
        &composed
    };
    for c in segment.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            out.push(c);
        } else if let Some(latin) = cyrillic(c) {
            out.push_str(latin);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        // A name made only of symbols still needs a stable, non-empty URL.
        "-".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_cyrillic_ids() {
        assert_eq!(
            slugify_path("documents/Положение-о-МНЦ"),
            "documents/polozhenie-o-mnc"
        );
        assert_eq!(slugify_path("schools/школа №5"), "schools/shkola-5");
        assert_eq!(
            slugify_path("events/2026/семинар_щ"),
            "events/2026/seminar_shch"
        );
    }

    #[test]
    fn keeps_ascii_ids() {
        assert_eq!(
            slugify_path("roadmaps/sosh-3-2026-2027"),
            "roadmaps/sosh-3-2026-2027"
        );
    }
}
