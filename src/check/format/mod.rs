//! Output formats of `vitrina check`, one file each. Every format renders the same
//! [`Report`]; none of them reads the site again except `text`, which shows the
//! source line under each finding, as rustc does.

pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

use super::Report;
use std::path::Path;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Диагностика в стиле rustc, таблица обязательных пунктов и итоги
    #[default]
    Text,
    /// Один объект JSON по контракту (раздел 3)
    Json,
    /// JUnit XML: по тесту на каждый пункт профиля и на каждое сработавшее правило
    Junit,
    /// SARIF 2.1.0
    Sarif,
    /// Команды GitHub Actions (::error file=…,line=…,col=…::…)
    Github,
    /// Отдельная HTML-страница с отчётом
    Html,
}

/// How to render.
pub struct Options<'a> {
    /// The site root, to show source lines (text).
    pub root: &'a Path,
    /// ANSI colours (text, only on a terminal).
    pub colour: bool,
    /// `--strict`: warnings fail too (JUnit marks warning rules as failures).
    pub strict: bool,
}

pub fn render(report: &Report, format: Format, opts: &Options) -> String {
    match format {
        Format::Text => text::render(report, opts),
        Format::Json => json::render(report),
        Format::Junit => junit::render(report, opts.strict),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Html => html::render(report),
    }
}

/// Escapes text for XML and HTML content and attribute values (one escaper for
/// the site and the reports).
pub use crate::escape::markup as escape_xml;

/// The message with its hint, for formats that have one text per finding.
pub fn message_with_hint(f: &crate::diagnostics::Finding) -> String {
    match &f.hint {
        Some(h) => format!("{} (подсказка: {h})", f.message),
        None => f.message.clone(),
    }
}

/// The message, its hint and its related places («см. также: …»), for formats
/// that can only show one text per finding (JUnit, GitHub annotations).
pub fn full_message(f: &crate::diagnostics::Finding) -> String {
    let mut text = message_with_hint(f);
    for r in &f.related {
        text.push_str(&format!("; см. также {} — {}", r.location(), r.message));
    }
    text
}

/// «ошибок — 2, предупреждений — 1».
pub fn totals_ru(report: &Report) -> String {
    format!(
        "ошибок — {}, предупреждений — {}",
        report.errors(),
        report.warnings()
    )
}
