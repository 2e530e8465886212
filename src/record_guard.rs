//! Checks of a whole record once it is read, whatever its kind: an id whose URL
//! would not fit a file name on the hosting (a folder name of more than 255 bytes
//! cannot be written, and the build failed at the write with an English OS
//! message). (Checks of one kind's fields live in its file under `src/kinds/`.)

use crate::diagnostics::{Finding, RuleId};
use crate::model::Record;

/// Longest URL segment (bytes): below the 255 of common file systems, with room.
pub const MAX_SLUG_BYTES: usize = 200;

/// `invalid-record` errors of `record`.
pub fn check(record: &Record) -> Vec<Finding> {
    let mut out = Vec::new();
    let error = |message: String, hint: &str| {
        let pos = record.pos;
        Finding::error(RuleId::InvalidRecord, message)
            .record(&record.id)
            .file(&record.file)
            .at(pos.line.max(1), pos.column.max(1))
            .hint(hint.to_string())
    };
    let slug = crate::translit::slugify_path(&record.id);
    if let Some(long) = slug.split('/').find(|s| s.len() > MAX_SLUG_BYTES) {
        out.push(error(
            format!(
                "имя файла записи даёт адрес длиной {} байт (допустимо до {MAX_SLUG_BYTES}): такую папку нельзя создать на хостинге",
                long.len()
            ),
            "переименуйте файл записи короче: адрес страницы делается из имени файла",
        ));
    }
    out
}
