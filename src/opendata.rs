//! Open data (issue 12, item 6): every indicator and monitoring record is also
//! published as a CSV file — UTF-8, comma, a header row, decimal point — with a
//! passport `meta.csv` in the `property,value` form of the Russian open data
//! recommendations (identifier, title, description, creator, format, created,
//! modified, the data's URL).
//!
//! This module knows tables and passports, not kinds: a kind fills a [`Dataset`].

use jiff::civil::Date;

/// What a record kind gives to publish: a sentence about the data, the header
/// and the rows (the rest of the passport comes from the record and the site).
pub struct Table {
    pub description: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One published data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Stable across builds: the record id with `/` as `-` (`indicators-dolya-2-vpr`).
    pub identifier: String,
    pub title: String,
    pub description: String,
    /// The authority that publishes it (`site.toml` `authority`).
    pub creator: String,
    pub created: Date,
    pub modified: Date,
    /// The absolute URL of `data.csv`.
    pub data_url: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Dataset {
    /// The identifier of a record's data set.
    pub fn identifier_of(record_id: &str) -> String {
        crate::translit::slugify_path(record_id).replace('/', "-")
    }

    /// `data.csv`: the header, then the rows.
    pub fn data_csv(&self) -> String {
        write(std::iter::once(&self.headers).chain(&self.rows))
    }

    /// `meta.csv`: the passport.
    pub fn meta_csv(&self) -> String {
        let row = |p: &str, v: &str| vec![p.to_string(), v.to_string()];
        let rows = [
            row("property", "value"),
            row("identifier", &self.identifier),
            row("title", &self.title),
            row("description", &self.description),
            row("creator", &self.creator),
            row("format", "csv"),
            row("created", &self.created.to_string()),
            row("modified", &self.modified.to_string()),
            row("data", &self.data_url),
        ];
        write(rows.iter())
    }
}

fn write<'a>(rows: impl Iterator<Item = &'a Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).expect("writing to memory does not fail");
    }
    let bytes = w.into_inner().expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the cells are UTF-8 text")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dataset() -> Dataset {
        Dataset {
            identifier: Dataset::identifier_of("monitoring/ВПР-2026"),
            title: "ВПР-2026: доля отметок «2», 5 класс".into(),
            description: "Доля «2», по школам".into(),
            creator: "Управление образования".into(),
            created: date(2026, 9, 10),
            modified: date(2026, 9, 12),
            data_url: "https://example.ru/monitoring/vpr-2026/data.csv".into(),
            headers: vec!["school".into(), "value".into(), "note".into()],
            rows: vec![vec![
                "МБОУ «СОШ № 10», г. Приморск".into(),
                "14.3".into(),
                "строка 1\nстрока 2, \"в кавычках\"".into(),
            ]],
        }
    }

    #[test]
    fn data_csv_reads_back_cell_for_cell() {
        let d = dataset();
        let text = d.data_csv();
        assert!(text.starts_with("school,value,note\r\n"), "{text}");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(row.iter().collect::<Vec<_>>(), d.rows[0]);
    }

    #[test]
    fn the_passport_names_the_data_set_and_its_file() {
        let text = dataset().meta_csv();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let pairs: Vec<(String, String)> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[1].to_string())
            })
            .collect();
        let get = |p: &str| pairs.iter().find(|(k, _)| k == p).map(|(_, v)| v.as_str());
        assert_eq!(get("identifier"), Some("monitoring-vpr-2026"));
        assert_eq!(get("format"), Some("csv"));
        assert_eq!(get("created"), Some("2026-09-10"));
        assert_eq!(get("modified"), Some("2026-09-12"));
        assert_eq!(
            get("data"),
            Some("https://example.ru/monitoring/vpr-2026/data.csv")
        );
        assert_eq!(get("title"), Some("ВПР-2026: доля отметок «2», 5 класс"));
    }
}
