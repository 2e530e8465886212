//! The `personal-data` rule's detector: what 152-ФЗ forbids publishing without
//! consent, looked for in Markdown bodies (fields are not scanned: the contact
//! fields a record has are meant for official contacts).
//!
//! The heuristic, line by line:
//! - **СНИЛС**: `123-456-789 01` (or `123-456-789-01`), or the word «СНИЛС»
//!   followed by 11 digits. The check digits are not verified: a mistyped SNILS
//!   is still personal data.
//! - **Passport**: «паспорт» or «серия» followed within 30 characters by a series
//!   and number `12 34 567890` (`1234 567890`, `12 34 № 567890`).
//! - **Phone**: a Russian number (`+7 …` or `8 …`, 11 digits) whose operator code
//!   starts with 9 — a mobile phone, which belongs to a person. Landline numbers
//!   (city codes) are what organisations publish and are not flagged.
//! - **E-mail**: an address on a free public mail service (mail.ru, yandex.ru,
//!   gmail.com, …) whose name is not an organisation's or a role's (`sosh3@`,
//!   `info@`, `priemnaya@`, …). Addresses on an organisation's own domain are
//!   work contacts and are not flagged.
//!
//! A phone or e-mail on a line that says it is an official contact («приёмная»,
//! «горячая линия», «для справок», «телефон доверия», «официальн…», «факс»,
//! «дежурн…», «канцеляри…») is not flagged. What is shown in the finding is
//! masked, so the report does not republish the data it warns about.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdKind {
    Snils,
    Passport,
    Phone,
    Email,
}

impl PdKind {
    pub fn label_ru(self) -> &'static str {
        match self {
            PdKind::Snils => "номер СНИЛС",
            PdKind::Passport => "серия и номер паспорта",
            PdKind::Phone => "личный номер мобильного телефона",
            PdKind::Email => "личный адрес электронной почты",
        }
    }

    pub fn hint_ru(self) -> &'static str {
        match self {
            PdKind::Snils | PdKind::Passport => {
                "удалите номер из текста; документы с персональными данными не публикуются"
            }
            PdKind::Phone => {
                "укажите служебный телефон организации (приёмной, горячей линии) или уберите номер"
            }
            PdKind::Email => {
                "укажите служебный адрес организации (например, на домене школы или управления) или уберите адрес"
            }
        }
    }
}

/// One suspected piece of personal data in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: PdKind,
    /// 1-based line within the body.
    pub line: usize,
    /// 1-based column (in characters) within the line.
    pub column: usize,
    /// The match, masked.
    pub text: String,
}

static SNILS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{3}-\d{3}-\d{3}[ \-]\d{2}\b|(?i:снилс)[\s:№N]*\d{11}\b").expect("valid")
});
static PASSPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:паспорт|серия|серии)\D{0,30}?\b\d{2}\s?\d{2}\s*(?:№|N|номер)?\s*\d{6}\b")
        .expect("valid")
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+7|\b8)[\s\-]*\(?\s*\d{3}\s*\)?[\s\-]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}\b")
        .expect("valid")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b[A-Za-z0-9][A-Za-z0-9._%+\-]*@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})\b",
    )
    .expect("valid")
});

const FREE_MAIL: &[&str] = &[
    "mail.ru",
    "bk.ru",
    "list.ru",
    "inbox.ru",
    "internet.ru",
    "yandex.ru",
    "yandex.com",
    "ya.ru",
    "narod.ru",
    "rambler.ru",
    "lenta.ru",
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "icloud.com",
    "me.com",
];

/// Parts of mailbox names that organisations and roles use.
const ROLE_WORDS: &[&str] = &[
    "info",
    "priem",
    "priyom",
    "reception",
    "secret",
    "sekret",
    "office",
    "kanc",
    "school",
    "shkola",
    "schkola",
    "sosh",
    "oosh",
    "nosh",
    "gimn",
    "gymn",
    "lice",
    "licey",
    "lyceum",
    "mbou",
    "mkou",
    "maou",
    "mbdou",
    "obr",
    "imc",
    "rmk",
    "mnc",
    "mtkp",
    "admin",
    "edu",
    "direct",
    "uprav",
    "otdel",
    "press",
    "support",
    "hotline",
    "mail",
];
const ROLE_NAMES: &[&str] = &["uo", "ruo", "roo", "gorono", "mo", "ou", "do"];

const OFFICIAL_MARKERS: &[&str] = &[
    "приёмн",
    "приемн",
    "горячая линия",
    "горячей линии",
    "для справок",
    "справочн",
    "телефон доверия",
    "официальн",
    "факс",
    "дежурн",
    "канцеляри",
];

/// Every pattern above needs ten digits or more (a passport's 2 + 2 + 6; SNILS and
/// phones have 11) or an `@` (e-mail): a line with a date or two has fewer, and
/// skipping it spares the regex engine's slow path for Unicode word boundaries
/// (it dominated `check`). Both tests are cheap: the digit count is a loop the
/// compiler vectorises, the `@` a memchr. (A six-digit threshold let through one
/// body line in fifteen of the benchmark corpus, ten digits one in a thousand.)
fn may_hold_personal_data(line: &str) -> bool {
    let (digits, at) = digits_and_at(line.as_bytes());
    digits >= 10 || at
}

/// How many ASCII digits `bytes` has, and whether it has an `@`: one pass, counted
/// in `u8` per chunk of 255 bytes, so the loop takes 16 bytes at a time instead
/// of widening each to a `usize`.
fn digits_and_at(bytes: &[u8]) -> (usize, bool) {
    bytes.chunks(255).fold((0, false), |(digits, at), chunk| {
        let (d, a) = chunk.iter().fold((0u8, 0u8), |(d, a), &b| {
            (d + u8::from(b.is_ascii_digit()), a | u8::from(b == b'@'))
        });
        (digits + usize::from(d), at || a != 0)
    })
}

/// Every suspected piece of personal data in a Markdown body.
pub fn scan(body: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if !may_hold_personal_data(line) {
            continue;
        }
        // Only a phone or an e-mail asks whether the line is an official contact.
        let official = std::cell::LazyCell::new(|| {
            let lower = line.to_lowercase();
            OFFICIAL_MARKERS.iter().any(|m| lower.contains(m))
        });
        let mut push = |kind, start: usize, text: &str| {
            hits.push(Hit {
                kind,
                line: i + 1,
                column: line[..start].chars().count() + 1,
                text: mask(kind, text),
            })
        };
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for m in SNILS.find_iter(line) {
            taken.push((m.start(), m.end()));
            push(PdKind::Snils, m.start(), m.as_str());
        }
        for m in PASSPORT.find_iter(line) {
            taken.push((m.start(), m.end()));
            push(PdKind::Passport, m.start(), m.as_str());
        }
        for m in PHONE.find_iter(line) {
            let overlaps = taken.iter().any(|&(s, e)| m.start() < e && s < m.end());
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            let mobile = digits.len() == 11 && digits.as_bytes()[1] == b'9';
            if mobile && !overlaps && !*official {
                push(PdKind::Phone, m.start(), m.as_str());
            }
        }
        for c in EMAIL.captures_iter(line) {
            let (Some(all), Some(domain)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let name = all.as_str().split('@').next().unwrap_or("").to_lowercase();
            let free = FREE_MAIL.contains(&domain.as_str().to_lowercase().as_str());
            let role =
                ROLE_NAMES.contains(&name.as_str()) || ROLE_WORDS.iter().any(|w| name.contains(w));
            if free && !role && !*official {
                push(PdKind::Email, all.start(), all.as_str());
            }
        }
    }
    hits.sort_by_key(|h| (h.line, h.column));
    hits
}

/// Hides the middle of what was found: `123-***-*** 01`, `+7 9**-***-**-67`, `iv***@mail.ru`.
fn mask(kind: PdKind, text: &str) -> String {
    if kind == PdKind::Email {
        let (name, domain) = text.split_once('@').unwrap_or((text, ""));
        let keep: String = name.chars().take(2).collect();
        return format!("{keep}***@{domain}");
    }
    let total = text.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen <= 3 || seen > total.saturating_sub(2) {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<PdKind> {
        scan(text).into_iter().map(|h| h.kind).collect()
    }

    #[test]
    fn finds_snils_and_passport() {
        assert_eq!(kinds("СНИЛС учителя: 123-456-789 01."), [PdKind::Snils]);
        assert_eq!(kinds("снилс 12345678901"), [PdKind::Snils]);
        assert_eq!(
            kinds("паспорт серия 03 12 № 456789 выдан"),
            [PdKind::Passport]
        );
        assert_eq!(kinds("Паспорт 0312 456789"), [PdKind::Passport]);
        assert!(kinds("Приказ № 285 от 10.09.2020, 72 часа, 2026-2027").is_empty());
        assert!(kinds("ИНН 2301234567, ОГРН 1022300000000").is_empty());
    }

    #[test]
    fn finds_mobile_phones_but_not_official_lines_or_landlines() {
        assert_eq!(kinds("Звоните Ивановой: +7 918 123-45-67"), [PdKind::Phone]);
        assert_eq!(kinds("моб. 8(928)1234567"), [PdKind::Phone]);
        assert!(kinds("Телефон: 8 (86137) 2-14-56").is_empty());
        assert!(kinds("тел. +7 861 234-56-78").is_empty());
        assert!(kinds("Горячая линия: 8 800 200-34-56").is_empty());
        assert!(kinds("Приёмная: +7 918 123-45-67").is_empty());
    }

    #[test]
    fn finds_personal_emails_only() {
        let hits = scan("Пишите: ivanova.mp@mail.ru или sosh3-priem@mail.ru");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, PdKind::Email);
        assert_eq!(hits[0].column, 9);
        assert_eq!(hits[0].text, "iv***@mail.ru");
        assert!(kinds("uo@primorsky.example.ru, petrov@school3.ru").is_empty());
        assert!(kinds("Официальная почта: petrova@yandex.ru").is_empty());
    }

    #[test]
    fn counts_digits_in_long_lines() {
        let line = "1".repeat(1000) + "a";
        assert_eq!(digits_and_at(line.as_bytes()), (1000, false));
        assert_eq!(digits_and_at("а1б2 ٣ @".as_bytes()), (2, true));
    }

    #[test]
    fn masks_and_positions() {
        let hits = scan("первая строка\n  СНИЛС 123-456-789 01");
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].line, hits[0].column), (2, 9));
        assert_eq!(hits[0].text, "123-***-*** 01");
    }
}
