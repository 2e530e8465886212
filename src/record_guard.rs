//! Checks of a whole record once its fields are read: what no single field can
//! tell. An event that ends before it starts; an id whose URL would not fit a
//! file name on the hosting (a folder name of more than 255 bytes cannot be
//! written, and the build failed at the write with an English OS message).

use crate::diagnostics::{Finding, RuleId};
use crate::model::Record;

/// Longest URL segment (bytes): below the 255 of common file systems, with room.
pub const MAX_SLUG_BYTES: usize = 200;

/// `invalid-record` errors of `record`.
pub fn check(record: &Record) -> Vec<Finding> {
    let mut out = Vec::new();
    // At the field, or (`""`) at the start of the record.
    let error = |message: String, name: &str, hint: &str| {
        let pos = record.pos_of(name);
        Finding::error(RuleId::InvalidRecord, message)
            .record(&record.id)
            .file(&record.file)
            .at(pos.line.max(1), pos.column.max(1))
            .hint(hint.to_string())
    };
    if let Some(event) = record.as_event()
        && let (Some(start), Some(end)) = (event.date, event.end_date)
        && end < start
    {
        out.push(error(
            format!("мероприятие заканчивается ({end}) раньше, чем начинается ({start})"),
            "end_date",
            "проверьте даты: end_date — последний день мероприятия, не раньше date",
        ));
    }
    let slug = crate::translit::slugify_path(&record.id);
    if let Some(long) = slug.split('/').find(|s| s.len() > MAX_SLUG_BYTES) {
        out.push(error(
            format!(
                "имя файла записи даёт адрес длиной {} байт (допустимо до {MAX_SLUG_BYTES}): такую папку нельзя создать на хостинге",
                long.len()
            ),
            "",
            "переименуйте файл записи короче: адрес страницы делается из имени файла",
        ));
    }
    out
}
