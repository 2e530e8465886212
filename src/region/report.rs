//! The regional report: one row per municipality, one column per profile item.
//! Every output format reads this, so text, JSON, CSV and HTML say the same.

use super::config::Source;
use crate::render::status::{ItemInfo, Status};
use jiff::civil::Date;

pub struct RegionReport {
    pub title: String,
    /// The date local sites were checked on (`--today`).
    pub today: Date,
    /// When the report was made (RFC 3339, UTC).
    pub generated: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A profile item, as a column.
pub struct Column {
    pub id: String,
    pub title: String,
}

pub struct Row {
    pub name: String,
    pub source: Source,
    /// The site's status, or why it is not available (in Russian).
    pub result: Result<Status, String>,
}

/// One «Да»/«Нет» cell.
pub struct Cell<'a> {
    /// `None`: the municipality's profile has no such item, or no data.
    pub item: Option<&'a ItemInfo>,
    /// The municipality's page for the item, when its address is known.
    pub link: Option<String>,
}

impl Cell<'_> {
    pub fn present(&self) -> Option<bool> {
        self.item.map(ItemInfo::is_ok)
    }

    /// «Да (12)», «Нет (0)», «—».
    pub fn label(&self) -> String {
        match self.item {
            Some(i) if i.is_ok() => format!("Да ({})", i.count),
            Some(i) => format!("Нет ({})", i.count),
            None => "—".into(),
        }
    }
}

impl RegionReport {
    /// The columns: every item of the municipalities' profiles, in the order
    /// they first appear; the built-in profile's when no status is available.
    pub fn new(title: String, today: Date, generated: String, rows: Vec<Row>) -> RegionReport {
        let mut columns: Vec<Column> = Vec::new();
        for status in rows.iter().filter_map(|r| r.result.as_ref().ok()) {
            for item in &status.items {
                if !columns.iter().any(|c| c.id == item.id) {
                    columns.push(Column {
                        id: item.id.clone(),
                        title: item.title.clone(),
                    });
                }
            }
        }
        if columns.is_empty() {
            columns = crate::profile::Profile::builtin()
                .items
                .into_iter()
                .map(|i| Column {
                    id: i.id,
                    title: i.title,
                })
                .collect();
        }
        RegionReport {
            title,
            today,
            generated,
            columns,
            rows,
        }
    }

    /// Municipalities with every item published.
    pub fn complete(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.complete(&self.columns))
            .count()
    }

    pub fn unavailable(&self) -> usize {
        self.rows.iter().filter(|r| r.result.is_err()).count()
    }

    /// 0 when every municipality has every item, else 1.
    pub fn exit_code(&self) -> i32 {
        if self.complete() == self.rows.len() {
            0
        } else {
            1
        }
    }
}

impl Row {
    pub fn status(&self) -> Option<&Status> {
        self.result.as_ref().ok()
    }

    pub fn problem(&self) -> Option<&str> {
        self.result.as_ref().err().map(String::as_str)
    }

    pub fn cell(&self, column: &Column) -> Cell<'_> {
        let item = self
            .status()
            .and_then(|s| s.items.iter().find(|i| i.id == column.id));
        Cell {
            item,
            link: item.and_then(|i| self.link(&i.path)),
        }
    }

    /// Every column's item is published.
    pub fn complete(&self, columns: &[Column]) -> bool {
        self.status().is_some() && columns.iter().all(|c| self.cell(c).present() == Some(true))
    }

    /// The site's home page: the municipality's `url`, or a local site's
    /// `base_url` when it is an address.
    pub fn home(&self) -> Option<String> {
        match &self.source {
            Source::Url(url) => Some(url.clone()),
            Source::Root(_) => {
                let base = &self.status()?.site.base_url;
                let lower = base.to_ascii_lowercase();
                (lower.starts_with("https://") || lower.starts_with("http://")).then(|| {
                    if base.ends_with('/') {
                        base.clone()
                    } else {
                        format!("{base}/")
                    }
                })
            }
        }
    }

    /// A page of the site, from a path relative to its home.
    pub fn link(&self, path: &str) -> Option<String> {
        self.home().map(|home| format!("{home}{path}"))
    }

    /// Where the row's data comes from, as the user wrote it.
    pub fn source_label(&self) -> String {
        match &self.source {
            Source::Root(p) => p.display().to_string(),
            Source::Url(u) => u.clone(),
        }
    }

    pub fn errors(&self) -> Option<usize> {
        self.status().map(|s| s.summary.errors)
    }

    pub fn warnings(&self) -> Option<usize> {
        self.status().map(|s| s.summary.warnings)
    }

    pub fn schools(&self) -> Option<usize> {
        self.status().map(|s| s.schools.len())
    }

    pub fn roadmaps_missing(&self) -> Option<usize> {
        self.status().map(Status::roadmaps_missing)
    }

    pub fn reports_overdue(&self) -> Option<usize> {
        self.status().map(Status::reports_overdue)
    }

    /// The day the data was made: the site's build (for a local site, now).
    pub fn data_date(&self) -> Option<Date> {
        let built = &self.status()?.built;
        built.get(..10)?.parse().ok()
    }
}

/// `12` or `—`, for the figure columns.
pub fn figure(n: Option<usize>) -> String {
    n.map_or_else(|| "—".to_string(), |n| n.to_string())
}

/// `24.11.2026` or `—`.
pub fn date_label(d: Option<Date>) -> String {
    d.map_or_else(|| "—".to_string(), crate::dates::short_ru)
}

/// The fixed columns after the items, for every format.
pub const FIGURE_COLUMNS: [&str; 6] = [
    "Ошибок",
    "Предупреждений",
    "Школ в группе поддержки",
    "Нет дорожной карты на текущий год",
    "Просрочено отчётов",
    "Дата данных",
];

/// The figures of a row, in [`FIGURE_COLUMNS`] order (the date last).
pub fn figures(row: &Row) -> [Option<usize>; 5] {
    [
        row.errors(),
        row.warnings(),
        row.schools(),
        row.roadmaps_missing(),
        row.reports_overdue(),
    ]
}
