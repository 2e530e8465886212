//! Findings and how they are shown: one type for every problem vitrina reports
//! (load errors, reference errors, checker rules), rendered rustc-style in Russian.

pub mod personal_data;
pub mod rule;
mod text_lines;

pub use rule::RuleId;
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label_ru(self) -> &'static str {
        match self {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
        }
    }
}

/// One problem, positioned where an editor can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The stable rule id from the contract (`invalid-record`, `broken-reference`, …).
    pub rule: RuleId,
    pub severity: Severity,
    /// The record at fault, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The profile item at fault (for `section-empty`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The period at fault (for `review-missing`): `2026-11`, `2026-Q4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Relative to the site root, with `/` separators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
    /// How to fix it, when there is something to suggest.
    #[serde(skip)]
    pub hint: Option<String>,
    /// Other places that explain it: the other file of a duplicate id, the
    /// folder a broken reference was looked for in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A place related to a finding, with a short Russian note on how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Relative to the site root, with `/` separators (a folder ends with `/`).
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl Related {
    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> String {
        location(&self.file, self.line, self.column)
    }
}

fn location(file: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    }
}

impl Finding {
    /// A finding of `rule` with the severity of the rule table.
    pub fn new(rule: RuleId, message: impl Into<String>) -> Self {
        Finding {
            severity: rule.info().severity,
            ..Finding::error(rule, message)
        }
    }

    pub fn error(rule: RuleId, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Error,
            record: None,
            item: None,
            period: None,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    pub fn warning(rule: RuleId, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(rule, message)
        }
    }

    pub fn record(mut self, id: &str) -> Self {
        self.record = Some(id.to_string());
        self
    }

    pub fn file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a related place (`line`/`column` 0: not known).
    pub fn related(mut self, file: &str, line: usize, column: usize, message: &str) -> Self {
        self.related.push(Related {
            file: file.to_string(),
            line: (line > 0).then_some(line),
            column: (column > 0).then_some(column),
            message: message.to_string(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> Option<String> {
        Some(location(self.file.as_ref()?, self.line, self.column))
    }
}

/// Renders findings like rustc: the message, the place, the source line with a
/// marker under the column, and the hint. `root` is the site root, to read the line.
pub fn render_text(findings: &[Finding], root: &Path, colour: bool) -> String {
    let (red, yellow, blue, bold, reset) = if colour {
        ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let mut out = String::new();
    let mut sources = SourceFiles::default();
    for f in findings {
        let sev_colour = if f.is_error() { red } else { yellow };
        let _ = writeln!(
            out,
            "{bold}{sev_colour}{}[{}]{reset}{bold}: {}{reset}",
            f.severity.label_ru(),
            f.rule,
            f.message
        );
        if let Some(loc) = f.location() {
            let _ = writeln!(out, "  {blue}-->{reset} {loc}");
        }
        if let (Some(file), Some(line)) = (&f.file, f.line)
            && let Some(source) = sources.line(&root.join(file), line)
        {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            let (source, col) = window(&source, f.column.unwrap_or(1).max(1));
            let marker_pad: String = source
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} {blue}|{reset}");
            let _ = writeln!(out, "{blue}{num} |{reset} {source}");
            let _ = writeln!(out, "{pad} {blue}|{reset} {marker_pad}{sev_colour}^{reset}");
        }
        for r in &f.related {
            let _ = writeln!(out, "  {blue}-->{reset} {} ({})", r.location(), r.message);
        }
        if let Some(hint) = &f.hint {
            let _ = writeln!(out, "  {blue}= подсказка:{reset} {hint}");
        }
        out.push('\n');
    }
    out
}

/// Source files read for one rendering, each once: a file with thousands of
/// findings (a pasted table of wrong dates) must not be read thousands of times.
#[derive(Default)]
struct SourceFiles {
    files: std::collections::HashMap<std::path::PathBuf, Option<Vec<Vec<u8>>>>,
}

impl SourceFiles {
    fn line(&mut self, path: &Path, line: usize) -> Option<String> {
        let lines = self
            .files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                read_text(path).map(|bytes| {
                    bytes
                        .split(|&b| b == b'\n')
                        .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
                        .collect()
                })
            })
            .as_deref()?;
        let raw = lines.get(line.checked_sub(1)?)?;
        let text = match std::str::from_utf8(raw) {
            Ok(text) => text.to_string(),
            // A line in Windows-1251 is shown in Russian, one character per byte,
            // so the marker stands under the first byte that is not UTF-8.
            Err(_) => raw.iter().map(|&b| cp1251(b)).collect(),
        };
        // A quoted line goes wherever the finding goes (a terminal, CI logs, the
        // error page of serve): personal data on it is masked as in the
        // personal-data finding itself, whatever the finding is about.
        Some(personal_data::mask_line(&text).into_owned())
    }
}

/// The bytes of a file to show lines from, unless it is not text: a huge file is
/// not read at all, a binary or UTF-16 file (zero bytes) is not shown under its
/// findings.
fn read_text(path: &Path) -> Option<Vec<u8>> {
    // The loader's limit for a record (5 MiB): a larger file was never parsed,
    // so no finding points at one of its lines.
    const MAX_SHOWN_BYTES: u64 = 5 * 1024 * 1024;
    if std::fs::metadata(path).ok()?.len() > MAX_SHOWN_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if bytes.contains(&0) {
        return None;
    }
    Some(match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    })
}

/// A long source line (minified HTML, a runaway list) cut to the part around the
/// column, so one finding stays a few lines; returns the text and the new column.
fn window(source: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 120;
    let chars: Vec<char> = source.chars().collect();
    if chars.len() <= WIDTH {
        return (source.to_string(), col);
    }
    let start = col
        .saturating_sub(WIDTH / 2)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    let mut col = col - start;
    if start > 0 {
        text.insert(0, '…');
        col += 1;
    }
    if end < chars.len() {
        text.push('…');
    }
    (text, col)
}

/// A Windows-1251 byte as a character: ASCII, the Cyrillic letters, «№»; other
/// bytes as the replacement character.
fn cp1251(b: u8) -> char {
    match b {
        0x00..=0x7F => b as char,
        0xC0..=0xFF => char::from_u32(0x0410 + u32::from(b - 0xC0)).unwrap_or('\u{FFFD}'),
        0xA8 => 'Ё',
        0xB8 => 'ё',
        0xB9 => '№',
        _ => '\u{FFFD}',
    }
}

/// Sorts findings in reading order: by file, then line, then rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.file,
            a.line,
            a.column,
            a.rule.as_str(),
            &a.record,
            &a.item,
        )
            .cmp(&(
                &b.file,
                b.line,
                b.column,
                b.rule.as_str(),
                &b.record,
                &b.item,
            ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (text, col) = window(&line, 501);
        assert!(text.chars().count() <= 122, "{text}");
        assert_eq!(text.chars().nth(col - 1), Some('X'));
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert_eq!(window("short", 3), ("short".to_string(), 3));
    }

    #[test]
    fn windows_1251_lines_are_shown_in_russian() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"a: 1\nname: \xd8\xea\xee\xeb\xe0 \xb9 1\n").unwrap();
        let mut sources = SourceFiles::default();
        assert_eq!(sources.line(&path, 2).as_deref(), Some("name: Школа № 1"));
        assert_eq!(sources.line(&path, 0), None);
        assert_eq!(sources.line(&path, 9), None);
    }
}
