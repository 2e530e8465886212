//! Writing YAML fields as text an editor can read and the loader reads back
//! unchanged: plain where that is safe, double-quoted otherwise, a literal
//! block (`|-`) for text with line breaks.

use std::fmt::Write;

/// The front matter of a record being written, field by field.
#[derive(Default)]
pub struct Fields {
    out: String,
}

impl Fields {
    /// `key: value` at `indent`; a value with line breaks becomes a block.
    pub fn text(&mut self, indent: usize, key: &str, value: &str) -> &mut Self {
        let pad = " ".repeat(indent);
        if value.contains('\n') {
            let _ = writeln!(self.out, "{pad}{key}: |-");
            for line in value.lines() {
                if line.is_empty() {
                    self.out.push('\n');
                } else {
                    let _ = writeln!(self.out, "{pad}  {line}");
                }
            }
        } else {
            let _ = writeln!(self.out, "{pad}{key}: {}", scalar(value));
        }
        self
    }

    /// A value written as it is: ISO dates, numbers, ids known to be plain.
    pub fn raw(&mut self, indent: usize, key: &str, value: &str) -> &mut Self {
        let _ = writeln!(self.out, "{}{key}: {value}", " ".repeat(indent));
        self
    }

    /// `key:` opening a list or map below it.
    pub fn open(&mut self, indent: usize, key: &str) -> &mut Self {
        let _ = writeln!(self.out, "{}{key}:", " ".repeat(indent));
        self
    }

    /// A list of text: `key: [a, b]` when every item is plain, else one per line.
    pub fn list(&mut self, indent: usize, key: &str, items: &[String]) -> &mut Self {
        let pad = " ".repeat(indent);
        if items
            .iter()
            .all(|i| is_plain(i) && !i.contains([',', '[', ']', '{', '}']))
        {
            let _ = writeln!(self.out, "{pad}{key}: [{}]", items.join(", "));
        } else {
            let _ = writeln!(self.out, "{pad}{key}:");
            for i in items {
                let _ = writeln!(self.out, "{pad}  - {}", scalar(i));
            }
        }
        self
    }

    /// One item of a list of maps (`measures`): `- first: …` then the other
    /// fields under it. Empty values are left out.
    pub fn item(&mut self, indent: usize, pairs: &[(&str, &str)]) -> &mut Self {
        let mut item = Fields::default();
        for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            item.text(indent + 2, key, value);
        }
        if !item.out.is_empty() {
            let _ = write!(
                self.out,
                "{}- {}",
                " ".repeat(indent),
                &item.out[indent + 2..]
            );
        }
        self
    }

    /// The record: front matter between `---` lines.
    pub fn record(&self) -> String {
        format!("---\n{}---\n", self.out)
    }
}

/// A scalar that reads back as exactly `s`: plain when unambiguous, else quoted.
pub fn scalar(s: &str) -> String {
    if is_plain(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// Plain only for text starting with a letter, without the sequences that
/// mean something in YAML (`: `, ` #`), and not a word YAML reads as a
/// boolean or null. Everything else (numbers, «№ 10», quotes) is quoted: an
/// editor's «1.10» must not become the number 1.1.
fn is_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control() || c == '\u{feff}')
        && s.trim() == s
        && !matches!(
            s.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "~"
        )
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(s: &str) -> serde_yaml::Value {
        serde_yaml::from_str::<serde_yaml::Value>(&format!("k: {}", scalar(s))).unwrap()["k"]
            .clone()
    }

    #[test]
    fn every_scalar_reads_back_as_the_same_text() {
        for s in [
            "Методический десант",
            "1.10",
            "2026",
            "yes",
            "Нет",
            "МБОУ СОШ № 10: кадры",
            "«Кавычки» и \"кавычки\"",
            "#хэштег",
            "- не список",
            "до 15.10.2026",
            "a # b",
            "конец:",
            "'одинарные'",
            "back\\slash",
            "@почта",
            "",
        ] {
            assert_eq!(roundtrip(s), serde_yaml::Value::String(s.into()), "{s}");
        }
    }
}
