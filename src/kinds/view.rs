//! What every page context is made of: links complete with the base path, dates
//! in Russian, attached files with their format and size, the natural order of
//! titles. Shared by the renderer's own pages and every kind's views (src/kinds/).

use super::model::{Attachment, Record, RecordIdx, Site};
use super::profile::Profile;
use super::schema::Section;
use crate::dates::{long_ru, short_ru};
use jiff::civil::Date;
use serde::Serialize;

/// What the renderer needs besides the site.
#[derive(Clone, Copy)]
pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub profile: &'a Profile,
    /// Splits upcoming from past events and marks overdue items.
    pub today: Date,
    /// The folder of the page being rendered (`/schools/sosh-1/`): links are made
    /// relative to it. `None` outside a page, and for the 404 page, which a server
    /// shows at any address: links then start with the base path.
    pub here: Option<&'a str>,
    /// Context values made once per place and shared by the pages there.
    pub shared: &'a SharedValues,
}

/// Tera values that depend on a page only through its place
/// ([`crate::paths::place`]), made once for each place instead of once per page:
/// tera's maps and lists are reference-counted, so handing one out costs a
/// counter. Today the `site` value of every page (its navigation alone was 2 % of
/// a build). One per render: the values hold the settings and the date.
#[derive(Default)]
pub struct SharedValues {
    site: std::sync::Mutex<rustc_hash::FxHashMap<Option<(usize, String)>, tera::Value>>,
}

impl SharedValues {
    /// The `site` value for the page `input` renders; `make` makes it the first
    /// time a page at that place asks.
    pub fn site(&self, input: &RenderInput, make: impl FnOnce() -> tera::Value) -> tera::Value {
        let place = input.here.map(|here| {
            let (depth, first) = crate::paths::place(here);
            (depth, first.to_string())
        });
        let mut values = self.site.lock().unwrap_or_else(|e| e.into_inner());
        values.entry(place).or_insert_with(make).clone()
    }
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The link from the page being rendered to the site path `url`: relative (see
/// [`crate::paths`]), or with the base path in front outside a page and on 404.
pub fn link_to(input: &RenderInput, url: &str) -> String {
    match input.here {
        Some(here) => crate::paths::relative(here, url),
        None => format!("{}{}", input.site.config.base_path(), url),
    }
}

pub fn link(input: &RenderInput, r: &Record) -> Link {
    Link {
        title: input.site.title(r),
        url: link_to(input, &r.url),
    }
}

pub fn link_idx(input: &RenderInput, idx: RecordIdx) -> Link {
    link(input, &input.site.records[idx])
}

/// Links to these records, in this order.
pub fn links(input: &RenderInput, ids: impl IntoIterator<Item = RecordIdx>) -> Vec<Link> {
    ids.into_iter().map(|i| link_idx(input, i)).collect()
}

pub fn section_url(input: &RenderInput, section: Section) -> String {
    link_to(input, &format!("/{}/", section.dir()))
}

pub fn opt_date(d: Option<Date>) -> Option<String> {
    d.map(long_ru)
}

pub fn opt_short(d: Option<Date>) -> Option<String> {
    d.map(short_ru)
}

/// «10 сентября 2026 — 12 сентября 2026» (or one date, or nothing).
pub fn date_range(start: Option<Date>, end: Option<Date>, short: bool) -> String {
    let f = if short { short_ru } else { long_ru };
    match (start, end) {
        (Some(s), Some(e)) if e != s => format!("{}\u{a0}— {}", f(s), f(e)),
        (Some(s), _) => f(s),
        (None, Some(e)) => f(e),
        (None, None) => String::new(),
    }
}

#[derive(Serialize)]
pub struct FileView {
    url: String,
    name: String,
    format: String,
    size: String,
    /// An image's description (`alt`), when written.
    alt: Option<String>,
}

/// A download link to an attachment that was found.
pub fn file_view(input: &RenderInput, a: &Attachment) -> Option<FileView> {
    a.source.as_ref()?;
    Some(FileView {
        url: link_to(input, &format!("/{}", a.output_path)),
        name: a
            .written
            .rsplit('/')
            .next()
            .unwrap_or(&a.written)
            .to_string(),
        format: a.format(),
        size: human_size(a.size),
        alt: a.alt.clone(),
    })
}

/// «12,4 КБ», as Russian sites show file sizes.
fn human_size(bytes: u64) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / 1024.0 / 1024.0, "МБ")
    } else if bytes >= 1024 {
        (bytes as f64 / 1024.0, "КБ")
    } else {
        return format!("{bytes}\u{a0}байт");
    };
    format!("{:.1}\u{a0}{unit}", value).replace('.', ",")
}

/// A section's rows newest first, undated last; rows of one date keep their order
/// (the section's: by weight, then title).
pub fn newest_first<T>(mut rows: Vec<(Option<Date>, T)>) -> Vec<T> {
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Orders «СОШ № 3» before «СОШ № 10»: digit runs compare as numbers, and a
/// leading legal form («МБОУ», «МАОУ», «МКОУ»: one upper-case word ending in
/// «ОУ») is passed over, so «МАОУ СОШ № 10» stands after «МБОУ СОШ № 2».
pub fn natural_key(text: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut word = String::new();
    let text = text.trim_start();
    let text = match text.split_once(' ') {
        Some((form, rest)) if is_legal_form(form) => rest,
        _ => text,
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut number = u64::from(c.to_digit(10).unwrap_or(0));
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                number = number.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            key.push((std::mem::take(&mut word), number));
        } else {
            word.extend(c.to_lowercase());
        }
    }
    key.push((word, 0));
    key
}

/// «МБОУ», «МАОУ», «ГБОУ», «ЧОУ»: an abbreviated legal form of a school.
fn is_legal_form(word: &str) -> bool {
    word.chars().count() >= 3
        && word.ends_with("ОУ")
        && word.chars().all(|c| c.is_uppercase() && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn passes_over_the_legal_form() {
        let mut names = ["МАОУ СОШ № 10", "МБОУ СОШ № 1", "МКОУ СОШ № 3", "СОШ № 2"];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(
            names,
            ["МБОУ СОШ № 1", "СОШ № 2", "МКОУ СОШ № 3", "МАОУ СОШ № 10"]
        );
    }

    #[test]
    fn sorts_school_numbers_naturally() {
        let mut names = vec![
            "МБОУ СОШ № 10",
            "МБОУ СОШ № 3",
            "МБОУ гимназия № 1",
            "МБОУ СОШ № 21",
        ];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(
            names,
            [
                "МБОУ гимназия № 1",
                "МБОУ СОШ № 3",
                "МБОУ СОШ № 10",
                "МБОУ СОШ № 21"
            ]
        );
    }
}
