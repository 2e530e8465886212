//! The `personal-data` rule's detector: what 152-ФЗ forbids publishing without
//! consent, looked for in Markdown bodies (fields are not scanned: the contact
//! fields a record has are meant for official contacts). It lives with the
//! diagnostics because it also decides what a quoted line may show.
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
//! A phone or e-mail on a line that names an organisation's service as its owner
//! («приёмная», «горячая линия», «телефон доверия», «дежурн…», «канцеляри…») is
//! not flagged. Words that any person's contact can carry («для справок»,
//! «официально», «факс») are not enough: a methodist's mobile after «для справок»
//! is still hers. Official contacts belong in fields (`people/` `email`/`phone`,
//! `site.toml`), which are not scanned.
//!
//! What is shown is masked, so the report does not republish the data it warns
//! about: the finding's text ([`Hit::text`]) and every quoted source line
//! ([`mask_line`], used wherever a line of a file is shown under a finding).

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

/// An organisation's services, which own the phone or mailbox named after them.
const OFFICIAL_MARKERS: &[&str] = &[
    "приёмн",
    "приемн",
    "горячая линия",
    "горячей линии",
    "горячую линию",
    "телефон доверия",
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
    for (i, line) in super::text_lines::lines(body).enumerate() {
        for (kind, range) in find_in_line(line) {
            hits.push(Hit {
                kind,
                line: i + 1,
                column: line[..range.start].chars().count() + 1,
                text: mask(kind, &line[range]),
            });
        }
    }
    hits.sort_by_key(|h| (h.line, h.column));
    hits
}

/// `line` with every piece of personal data [`scan`] would flag masked: a line of
/// a file quoted under a finding (any finding: a wrong date may share its line
/// with a phone number) must not print what the warning hides.
pub fn mask_line(line: &str) -> std::borrow::Cow<'_, str> {
    let mut found = find_in_line(line);
    if found.is_empty() {
        return line.into();
    }
    found.sort_by_key(|(_, r)| r.start);
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for (kind, range) in found {
        if range.start < at {
            continue;
        }
        out.push_str(&line[at..range.start]);
        out.push_str(&mask(kind, &line[range.clone()]));
        at = range.end;
    }
    out.push_str(&line[at..]);
    out.into()
}

/// The personal data on one line: its kind and byte range.
fn find_in_line(line: &str) -> Vec<(PdKind, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    if !may_hold_personal_data(line) {
        return found;
    }
    // Only a phone or an e-mail asks whether the line is an official contact.
    let official = std::cell::LazyCell::new(|| {
        let lower = line.to_lowercase();
        OFFICIAL_MARKERS.iter().any(|m| lower.contains(m))
    });
    for m in SNILS.find_iter(line) {
        found.push((PdKind::Snils, m.range()));
    }
    for m in PASSPORT.find_iter(line) {
        found.push((PdKind::Passport, m.range()));
    }
    let taken: Vec<std::ops::Range<usize>> = found.iter().map(|(_, r)| r.clone()).collect();
    for m in PHONE.find_iter(line) {
        let overlaps = taken.iter().any(|r| m.start() < r.end && r.start < m.end());
        let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
        let mobile = digits.len() == 11 && digits.as_bytes()[1] == b'9';
        if mobile && !overlaps && !*official {
            found.push((PdKind::Phone, m.range()));
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
            found.push((PdKind::Email, all.range()));
        }
    }
    found
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
    fn flags_a_mobile_after_words_any_person_can_write() {
        assert_eq!(
            kinds("Для справок: +7 918 123-45-67 (Иванова М. П.)"),
            [PdKind::Phone]
        );
        assert_eq!(kinds("Справочно: 8 928 123 45 67"), [PdKind::Phone]);
        assert_eq!(
            kinds("Официально: пишите на ivanova.mp@mail.ru"),
            [PdKind::Email]
        );
        assert_eq!(kinds("тел./факс 8-918-123-45-67"), [PdKind::Phone]);
        // An organisation's service still owns its number.
        assert!(kinds("Телефон доверия: 8 918 123-45-67").is_empty());
        assert!(kinds("Дежурный администратор: +7 918 123-45-67").is_empty());
    }

    #[test]
    fn quoted_lines_are_masked_like_findings() {
        let line = "Для справок: +7 918 123-45-67, ivanova.mp@mail.ru, СНИЛС 123-456-789 01";
        let masked = mask_line(line);
        assert_eq!(
            masked,
            "Для справок: +7 91* ***-**-67, iv***@mail.ru, СНИЛС 123-***-*** 01"
        );
        for secret in ["123-45", "ivanova", "456-789"] {
            assert!(!masked.contains(secret), "{masked}");
        }
        assert!(matches!(
            mask_line("Приказ № 285 от 10.09.2020"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn finds_personal_emails_only() {
        let hits = scan("Пишите: ivanova.mp@mail.ru или sosh3-priem@mail.ru");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, PdKind::Email);
        assert_eq!(hits[0].column, 9);
        assert_eq!(hits[0].text, "iv***@mail.ru");
        assert!(kinds("uo@primorsky.example.ru, petrov@school3.ru").is_empty());
        assert!(kinds("Приёмная: petrova@yandex.ru").is_empty());
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
