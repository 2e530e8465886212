//! The regional report's outputs: a terminal table, JSON, CSV for Excel and an
//! HTML page. Each reads the same [`RegionReport`].

mod csv;
mod html;
mod json;
mod text;

use super::report::RegionReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Html,
    Csv,
}

impl Format {
    /// The file name `--out DIR` writes the report to.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Text => "region.txt",
            Format::Json => "region.json",
            Format::Html => "region.html",
            Format::Csv => "region.csv",
        }
    }
}

pub fn render(report: &RegionReport, format: Format) -> Vec<u8> {
    match format {
        Format::Text => text::render(report).into_bytes(),
        Format::Json => json::render(report).into_bytes(),
        Format::Html => html::render(report).into_bytes(),
        Format::Csv => csv::render(report),
    }
}
