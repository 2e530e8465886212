//! Reads a record's fields by name into typed values. A wrong type is an
//! `invalid-record` finding pointing at the value; the field is then left out,
//! so one run reports every problem. Each kind's `read` (src/kinds/) calls these.

use crate::dates::{AcademicYear, parse_iso};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{Attachment, Pos, Ref, WrittenField};
use crate::kinds::schema::{FieldType, Section};
use crate::yaml::{Field, Item, Node};
use jiff::civil::Date;

/// One item of a list of maps (`measures`): its fields, where it starts, and where
/// its keys are written.
pub type Row = (Vec<(String, Node)>, Pos, Item);

/// Reads fields by name into typed values, collecting `invalid-record` findings for
/// wrong types and remembering which fields were read (the rest are unknown).
pub struct Reader<'a> {
    section: Section,
    file: &'a str,
    id: &'a str,
    fields: Vec<Field>,
    /// Field index by key, so reading stays linear however many fields a file has.
    by_key: std::collections::HashMap<String, usize>,
    pub(crate) errors: Vec<Finding>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(section: Section, file: &'a str, id: &'a str, fields: Vec<Field>) -> Self {
        let mut by_key = std::collections::HashMap::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            by_key.entry(f.key.clone()).or_insert(i);
        }
        Reader {
            section,
            file,
            id,
            fields,
            by_key,
            errors: Vec::new(),
        }
    }

    /// Every field as written, and inside each row of a table field (`measures`)
    /// every key as written: the checker finds unknown and missing ones there.
    pub(crate) fn written_fields(&self) -> Vec<WrittenField> {
        let mut out = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            out.push(WrittenField {
                name: f.key.clone(),
                pos: Pos {
                    line: f.line,
                    column: f.column,
                },
                empty: f.value.is_empty(),
                within: None,
            });
            let is_table = matches!(
                self.section.field(&f.key).map(|s| s.ty),
                Some(FieldType::Table(_))
            );
            let Node::List(rows) = &f.value else { continue };
            if !is_table {
                continue;
            }
            for (i, row) in rows.iter().enumerate() {
                let Node::Map(keys) = row else { continue };
                let item = f.items.get(i);
                for (key, value) in keys {
                    let (line, column) = item.map_or((f.line, f.column), |it| it.key_at(key));
                    out.push(WrittenField {
                        name: key.clone(),
                        pos: Pos { line, column },
                        empty: value.is_empty(),
                        within: Some(f.key.clone()),
                    });
                }
            }
        }
        out
    }

    pub fn get(&self, name: &str) -> Option<(&Node, Pos)> {
        self.field(name).filter(|f| !f.value.is_empty()).map(|f| {
            (
                &f.value,
                Pos {
                    line: f.value_at.0,
                    column: f.value_at.1,
                },
            )
        })
    }

    /// Where the `index`-th item of the list under `name` is written, else `fallback`.
    pub fn item(&self, name: &str, index: usize) -> Option<Item> {
        self.field(name).and_then(|f| f.items.get(index).cloned())
    }

    /// Where the entry `key` of the map under `name` is written (`"2025/2026": 12,5`
    /// in an indicator's `values`), else where the field's value starts.
    pub fn entry_pos(&self, name: &str, key: &str) -> Option<Pos> {
        let (line, column) = self.field(name)?.map.key_at(key);
        Some(Pos { line, column })
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.by_key.get(name).map(|&i| &self.fields[i])
    }

    pub fn item_pos(&self, name: &str, index: usize, fallback: Pos) -> Pos {
        self.item(name, index).map_or(fallback, |i| Pos {
            line: i.line,
            column: i.column,
        })
    }

    pub fn wrong(&mut self, name: &str, pos: Pos, message: String, hint: &str) {
        let mut f = Finding::error(RuleId::InvalidRecord, message)
            .record(self.id)
            .file(self.file)
            .at(pos.line, pos.column);
        if !hint.is_empty() {
            f = f.hint(hint);
        }
        let about = self.section.field(name).map(|s| s.about).unwrap_or("");
        if f.hint.is_none() && !about.is_empty() {
            f = f.hint(format!("{name}: {about}"));
        }
        self.errors.push(f);
    }

    pub fn text(&mut self, name: &str) -> Option<String> {
        let (node, pos) = self.get(name)?;
        match node {
            Node::Str(s) => Some(s.trim().to_string()),
            // A bare number is what an editor means by `number: 285` or `head: 1`.
            Node::Int(_) | Node::Float(_) => node.as_text(),
            other => {
                let msg = format!(
                    "поле «{name}» должно быть строкой, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "");
                None
            }
        }
    }

    /// A web address for a link: `https://…`/`http://…`, or a bare domain
    /// (`sosh1.ru`) given `https://`. Anything else (`javascript:…`) is refused, so
    /// no field value can become a script link on the site.
    pub fn bool(&mut self, name: &str) -> Option<bool> {
        let (node, pos) = self.get(name)?;
        match node {
            Node::Bool(b) => Some(*b),
            Node::Str(s) if matches!(s.to_lowercase().as_str(), "да" | "true") => Some(true),
            Node::Str(s) if matches!(s.to_lowercase().as_str(), "нет" | "false") => Some(false),
            other => {
                let msg = format!(
                    "поле «{name}» должно быть true или false, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "например: draft: true");
                None
            }
        }
    }

    pub fn integer(&mut self, name: &str) -> Option<i64> {
        let (node, pos) = self.get(name)?;
        match node {
            Node::Int(i) => Some(*i),
            Node::Str(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            other => {
                let shown = other
                    .as_text()
                    .map(|t| format!("«{t}»"))
                    .unwrap_or_else(|| other.type_name().into());
                let msg = format!("поле «{name}» должно быть целым числом, а здесь {shown}");
                // «36 часов»: the number is there, the word is not needed.
                let digits: String = other
                    .as_text()
                    .unwrap_or_default()
                    .trim()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let hint = if digits.is_empty() {
                    "напишите число цифрами, например: 72".to_string()
                } else {
                    format!("напишите только число, без слов: {name}: {digits}")
                };
                self.wrong(name, pos, msg, &hint);
                None
            }
        }
    }

    pub fn parse_date_node(&mut self, name: &str, node: &Node, pos: Pos) -> Option<Date> {
        let text = node.as_text();
        if let Some(d) = text.as_deref().and_then(parse_iso) {
            return Some(d);
        }
        let shown = text
            .map(|t| format!("«{t}»"))
            .unwrap_or_else(|| node.type_name().into());
        let msg = format!("в поле «{name}» должна быть дата в виде ГГГГ-ММ-ДД, а здесь {shown}");
        let hint = match node.as_text().as_deref().and_then(suggest_iso_date) {
            Some(iso) => format!("дата пишется как год-месяц-день: {name}: {iso}"),
            None => "дата пишется как год-месяц-день (ГГГГ-ММ-ДД), например 2026-12-31".into(),
        };
        self.wrong(name, pos, msg, &hint);
        None
    }

    pub fn date(&mut self, name: &str) -> Option<Date> {
        let (node, pos) = self.get(name)?;
        let node = node.clone();
        self.parse_date_node(name, &node, pos)
    }

    pub fn date_list(&mut self, name: &str) -> Vec<Date> {
        let Some((node, pos)) = self.get(name) else {
            return Vec::new();
        };
        let items = match node.clone() {
            Node::List(items) => items,
            single @ Node::Str(_) => vec![single],
            other => {
                let msg = format!(
                    "поле «{name}» должно быть списком дат, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "например: [\"2027-01-15\", \"2027-06-30\"]");
                return Vec::new();
            }
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let at = self.item_pos(name, i, pos);
                self.parse_date_node(name, n, at)
            })
            .collect()
    }

    pub fn academic_year(&mut self, name: &str) -> Option<AcademicYear> {
        let (node, pos) = self.get(name)?;
        let text = node.as_text();
        if let Some(y) = text.as_deref().and_then(AcademicYear::parse) {
            return Some(y);
        }
        let suggested = text.as_deref().and_then(suggest_academic_year);
        let shown = text
            .map(|t| format!("«{t}»"))
            .unwrap_or_else(|| node.type_name().into());
        let msg = format!(
            "учебный год пишется как \"2026/2027\" (два года подряд через косую черту), а здесь {shown}"
        );
        let hint = match suggested {
            Some(year) => format!("напишите: {name}: \"{year}\""),
            None => {
                format!("например: {name}: \"2026/2027\" (с 1 сентября 2026 по 31 августа 2027)")
            }
        };
        self.wrong(name, pos, msg, &hint);
        None
    }

    pub fn list_of_text(&mut self, name: &str) -> Vec<(String, Pos)> {
        let Some((node, pos)) = self.get(name) else {
            return Vec::new();
        };
        match node.clone() {
            Node::List(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| Some((n.as_text()?, self.item_pos(name, i, pos))))
                .map(|(t, at)| (t.trim().to_string(), at))
                .collect(),
            Node::Str(s) => s
                .split(',')
                .map(|t| (t.trim().to_string(), pos))
                .filter(|(t, _)| !t.is_empty())
                .collect(),
            other => {
                let msg = format!(
                    "поле «{name}» должно быть списком, а здесь {}",
                    other.type_name()
                );
                self.wrong(name, pos, msg, "");
                Vec::new()
            }
        }
    }

    pub fn reference(&mut self, name: &str) -> Option<Ref> {
        let (_, pos) = self.get(name)?;
        let written = self.text(name)?;
        Some(Ref {
            written: written.trim_matches('/').to_string(),
            pos,
            target: None,
        })
    }

    pub fn attachment_at(written: String, pos: Pos) -> Attachment {
        Attachment {
            written,
            pos,
            source: None,
            output_path: String::new(),
            size: 0,
            alt: None,
        }
    }

    pub fn attachment(&mut self, name: &str) -> Option<Attachment> {
        let (_, pos) = self.get(name)?;
        let written = self.text(name)?;
        Some(Self::attachment_at(written, pos))
    }

    /// A list of files, each a path or `{file: path, alt: what an image shows}`.
    pub fn attachments(&mut self, name: &str) -> Vec<Attachment> {
        let Some((Node::List(items), pos)) = self.get(name).map(|(n, p)| (n.clone(), p)) else {
            return self
                .list_of_text(name)
                .into_iter()
                .map(|(w, pos)| Self::attachment_at(w, pos))
                .collect();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = self.item_pos(name, i, pos);
            match item {
                Node::Map(keys) => {
                    let text = |key: &str| {
                        keys.iter()
                            .find(|(k, _)| k == key)
                            .and_then(|(_, v)| v.as_text())
                            .map(|t| t.trim().to_string())
                            .filter(|t| !t.is_empty())
                    };
                    match text("file") {
                        Some(file) => {
                            let mut a = Self::attachment_at(file, at);
                            a.alt = text("alt");
                            out.push(a);
                        }
                        None => self.wrong(
                            name,
                            at,
                            format!("в строке {} списка «{name}» нет пути к файлу (file)", i + 1),
                            "например: - file: foto/zal.jpg",
                        ),
                    }
                }
                other => match other.as_text() {
                    Some(t) if !t.trim().is_empty() => {
                        out.push(Self::attachment_at(t.trim().to_string(), at))
                    }
                    _ => self.wrong(
                        name,
                        at,
                        format!(
                            "строка {} списка «{name}» должна быть путём к файлу, а здесь {}",
                            i + 1,
                            other.type_name()
                        ),
                        "например: - foto/zal.jpg или - file: foto/zal.jpg",
                    ),
                },
            }
        }
        out
    }

    /// The list of maps under `name`, each with where its item is written.
    pub fn rows(&mut self, name: &str) -> Vec<Row> {
        let Some((node, pos)) = self.get(name) else {
            return Vec::new();
        };
        let Node::List(items) = node.clone() else {
            let msg = format!(
                "поле «{name}» должно быть списком строк таблицы (каждая строка начинается с «- »), а здесь {}",
                node.type_name()
            );
            self.wrong(name, pos, msg, "");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let at = self.item(name, i).unwrap_or(Item {
                line: pos.line,
                column: pos.column,
                keys: Vec::new(),
            });
            let pos = Pos {
                line: at.line,
                column: at.column,
            };
            match item {
                Node::Map(map) => out.push((map, pos, at)),
                Node::Str(title) => {
                    out.push((vec![("title".to_string(), Node::Str(title))], pos, at))
                }
                other => {
                    let msg = format!(
                        "строка {} в «{name}» должна быть набором полей (title: …), а здесь {}",
                        i + 1,
                        other.type_name()
                    );
                    self.wrong(name, pos, msg, "");
                }
            }
        }
        out
    }

    pub fn row_text(
        &mut self,
        list: &str,
        row: &[(String, Node)],
        key: &str,
        at: &Item,
    ) -> Option<String> {
        let node = row.iter().find(|(k, _)| k == key).map(|(_, v)| v)?;
        if node.is_empty() {
            return None;
        }
        match node.as_text() {
            Some(t) => Some(t.trim().to_string()),
            None => {
                let msg = format!(
                    "в «{list}» поле «{key}» должно быть строкой, а здесь {}",
                    node.type_name()
                );
                let (line, column) = at.key_at(key);
                self.wrong(list, Pos { line, column }, msg, "");
                None
            }
        }
    }
}

/// The ISO form of a date written the Russian way (`31.12.2026`, `31/12/2026`,
/// `31-12-2026`, `2026.12.31`, with or without «г.»), when it is a real date.
pub fn suggest_iso_date(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_end_matches('.')
        .trim_end_matches(" г")
        .trim();
    let parts: Vec<&str> = t
        .split(['.', '/', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let all_digits = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !all_digits || parts.iter().any(|p| p.len() > 4) {
        return None;
    }
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let year: i16 = match year.len() {
        4 => year.parse().ok()?,
        2 => 2000 + year.parse::<i16>().ok()?,
        _ => return None,
    };
    let date = Date::new(year, month.parse().ok()?, day.parse().ok()?).ok()?;
    Some(date.to_string())
}

/// `"2026/2027"` for an academic year written another way: `2026-2027`,
/// `2026–2027`, `2026 - 2027`, `2026/27`, `2026-27 уч. год`.
pub fn suggest_academic_year(text: &str) -> Option<String> {
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let [first, second] = numbers.as_slice() else {
        return None;
    };
    let start: i16 = first.parse().ok().filter(|_| first.len() == 4)?;
    let end: i16 = match second.len() {
        4 => second.parse().ok()?,
        2 => start / 100 * 100 + second.parse::<i16>().ok()?,
        _ => return None,
    };
    ((1900..3000).contains(&start) && end == start + 1).then(|| format!("{start}/{end}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_iso_dates_and_academic_years() {
        assert_eq!(
            suggest_iso_date("31.12.2026").as_deref(),
            Some("2026-12-31")
        );
        assert_eq!(
            suggest_iso_date("1.9.2026 г.").as_deref(),
            Some("2026-09-01")
        );
        assert_eq!(
            suggest_iso_date("2026.12.31").as_deref(),
            Some("2026-12-31")
        );
        assert_eq!(suggest_iso_date("31.02.2026"), None);
        assert_eq!(suggest_iso_date("в течение года"), None);
        assert_eq!(
            suggest_academic_year("2026-2027").as_deref(),
            Some("2026/2027")
        );
        assert_eq!(
            suggest_academic_year("2026–27 уч. год").as_deref(),
            Some("2026/2027")
        );
        assert_eq!(suggest_academic_year("2026-2028"), None);
    }
}
