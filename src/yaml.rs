//! The one place that parses YAML. Everything else sees [`Node`] and [`Fields`],
//! so a maintained fork of serde_yaml can replace it here alone.

use serde_yaml::Value;

/// A YAML value, reduced to what records use.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// True for what an editor would call «empty»: null, "", [] or {}.
    pub fn is_empty(&self) -> bool {
        match self {
            Node::Null => true,
            Node::Str(s) => s.trim().is_empty(),
            Node::List(l) => l.is_empty(),
            Node::Map(m) => m.is_empty(),
            _ => false,
        }
    }

    /// A short Russian name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "пустое значение",
            Node::Bool(_) => "логическое значение",
            Node::Int(_) | Node::Float(_) => "число",
            Node::Str(_) => "строка",
            Node::List(_) => "список",
            Node::Map(_) => "набор полей",
        }
    }

    /// Scalars as text, as an editor wrote them (`285` → "285").
    pub fn as_text(&self) -> Option<String> {
        match self {
            Node::Str(s) => Some(s.clone()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(if *b { "да" } else { "нет" }.to_string()),
            _ => None,
        }
    }
}

/// A top-level field with the position of its key (1-based line and column in the
/// file), of its value, of the items of a block list under it, and of the keys of
/// a block map under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub value: Node,
    pub line: usize,
    pub column: usize,
    /// Where the value starts: after `key: ` on the same line, else the first item
    /// of a block list, else the key itself.
    pub value_at: (usize, usize),
    /// Block-list items (`- …` lines) in order, when the scan could find them.
    pub items: Vec<Item>,
    /// A block map under the field (an indicator's `values`, one `"2025/2026": 12,5`
    /// line per entry): where its value starts and where each key is written, when
    /// the scan could find them; [`Item::key_at`] falls back to the value.
    pub map: Item,
}

/// One `- …` item of a block list: where its value starts, and the keys written
/// inside it (for lists of maps such as `measures`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub line: usize,
    pub column: usize,
    pub keys: Vec<(String, usize, usize)>,
}

impl Item {
    /// Where `key` is written inside this item, else the item itself.
    pub fn key_at(&self, key: &str) -> (usize, usize) {
        self.keys
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or((self.line, self.column), |(_, l, c)| (*l, *c))
    }
}

pub type Fields = Vec<Field>;

/// A YAML syntax error, positioned in the whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// How to fix it; may be empty.
    pub hint: String,
}

/// Parses a YAML mapping that starts at line `first_line` of its file.
/// An empty document is an empty mapping.
pub fn parse_fields(text: &str, first_line: usize) -> Result<Fields, YamlError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    if let Some((line, column)) = first_tab_indent(text) {
        return Err(YamlError {
            message: "отступ сделан табуляцией; в YAML отступы делаются только пробелами".into(),
            line: line + first_line - 1,
            column,
            hint: "замените табуляцию пробелами (обычно два пробела на уровень вложенности)".into(),
        });
    }
    // Bounded before libyaml sees it (see `crate::limits`).
    if let Some(e) = crate::limits::flow_too_deep(text) {
        return Err(YamlError {
            message: e.message,
            line: e.line + first_line - 1,
            column: e.column,
            hint: e.hint.into(),
        });
    }
    let pairs = match fast::parse(text) {
        Some(pairs) => pairs,
        None => parse_with_libyaml(text, first_line)?,
    };
    let scans = top_level_key_positions(text);
    // By key, first occurrence: a record may have many fields (a pasted table).
    let mut positions: std::collections::HashMap<&str, &KeyScan> = Default::default();
    for scan in &scans {
        positions.entry(scan.key.as_str()).or_insert(scan);
    }
    let shift = |(line, column): (usize, usize)| (line + first_line - 1, column);
    Ok(pairs
        .into_iter()
        .map(|(key, value)| {
            let scan = positions.get(key.as_str()).copied();
            let (line, column) = scan.map_or((1, 1), |p| (p.line, p.column));
            let shift_item = |item: &Item| Item {
                line: item.line + first_line - 1,
                column: item.column,
                keys: item
                    .keys
                    .iter()
                    .map(|(k, l, c)| (k.clone(), l + first_line - 1, *c))
                    .collect(),
            };
            let value_at = shift(scan.map_or((1, 1), |p| p.value_at));
            Field {
                key,
                value,
                line: line + first_line - 1,
                column,
                value_at,
                items: scan
                    .map(|p| p.items.iter().map(shift_item).collect())
                    .unwrap_or_default(),
                map: Item {
                    line: value_at.0,
                    column: value_at.1,
                    keys: scan.map(|p| shift_item(&p.map).keys).unwrap_or_default(),
                },
            }
        })
        .collect())
}

/// The top-level fields in order, read by serde_yaml (libyaml): whatever the fast
/// path leaves, and every error.
fn parse_with_libyaml(text: &str, first_line: usize) -> Result<Vec<(String, Node)>, YamlError> {
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let (mut line, mut column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let (message, hint) = explain(&e.to_string());
        // libyaml reports an unclosed quote where the file ends; the editor needs
        // the line where the quote was opened.
        if message.starts_with("незакрытая кавычка")
            && let Some(at) = unclosed_quote(text)
        {
            (line, column) = at;
        }
        // A second document starts at a `---` line after some content.
        if message.starts_with("в файле несколько блоков")
            && let Some(at) = text
                .lines()
                .enumerate()
                .skip(1)
                .find(|(_, l)| l.trim_end() == "---" || l.starts_with("--- "))
        {
            (line, column) = (at.0 + 1, 1);
        }
        YamlError {
            message,
            line: line + first_line - 1,
            column,
            hint: hint.into(),
        }
    })?;
    let map = match value {
        Value::Mapping(map) => map,
        Value::Null => return Ok(Vec::new()),
        other => {
            return Err(YamlError {
                message: format!(
                    "ожидался набор полей «имя: значение», а найдено: {}",
                    convert(other).type_name()
                ),
                line: first_line,
                column: 1,
                hint: "каждое поле записи пишется с начала строки в виде «имя: значение», например title: Семинар".into(),
            });
        }
    };
    Ok(map
        .into_iter()
        .map(|(k, v)| (convert(k).as_text().unwrap_or_default(), convert(v)))
        .collect())
}

fn convert(value: Value) -> Node {
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Node::Int(i),
            None => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Node::Str(s),
        Value::Sequence(items) => Node::List(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => Node::Map(
            map.into_iter()
                .map(|(k, v)| (convert(k).as_text().unwrap_or_default(), convert(v)))
                .collect(),
        ),
        Value::Tagged(tagged) => convert(tagged.value),
    }
}

/// Where a top-level key, its value, its list items and the keys of its block
/// map are written (1-based, relative to the YAML text).
struct KeyScan {
    key: String,
    line: usize,
    column: usize,
    value_at: (usize, usize),
    items: Vec<Item>,
    /// The keys of a block map under the key (`keys` only).
    map: Item,
}

/// Positions of keys written at the start of a line (the record's own fields), and
/// of what is under them. serde_yaml keeps no positions on values, and findings must
/// point at the line at fault; top-level keys are always at column 1, list items are
/// `- ` lines and the keys of a block map are `key:` lines at one indentation, so a
/// line scan finds them. Unusual layouts (flow lists and maps, multi-line strings)
/// only make positions fall back to the key or the value.
fn top_level_key_positions(text: &str) -> Vec<KeyScan> {
    let lines: Vec<&str> = text.lines().collect();
    let is_top = |line: &str| !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
    let mut out: Vec<KeyScan> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !is_top(line) {
            continue;
        }
        let Some((key, after)) = line.split_once(':') else {
            continue;
        };
        let key_chars = key.chars().count();
        let key = key.trim().trim_matches(['"', '\'']);
        let block_end = lines[i + 1..]
            .iter()
            .position(|l| is_top(l))
            .map_or(lines.len(), |n| i + 1 + n);
        let items = list_items(&lines, i + 1, block_end);
        let map = Item {
            keys: if items.is_empty() {
                map_keys(&lines, i + 1, block_end)
            } else {
                Vec::new()
            },
            ..Item::default()
        };
        let value_text = after.trim_start();
        let value_at = if !value_text.is_empty() && !value_text.starts_with('#') {
            let spaces = after.chars().count() - value_text.chars().count();
            (i + 1, key_chars + 1 + spaces + 1)
        } else if let Some(first) = items.first() {
            (first.line, first.column)
        } else {
            (i + 1, 1)
        };
        out.push(KeyScan {
            key: key.to_string(),
            line: i + 1,
            column: 1,
            value_at,
            items,
            map,
        });
    }
    out
}

/// The `- ` items of a block list in `lines[start..end]`, at the outermost dash
/// indentation, with the `key:` lines inside each.
fn list_items(lines: &[&str], start: usize, end: usize) -> Vec<Item> {
    let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let is_dash = |l: &str| {
        let t = l.trim_start_matches(' ');
        t == "-" || t.starts_with("- ")
    };
    let Some(dash_indent) = lines[start..end]
        .iter()
        .filter(|l| is_dash(l))
        .map(|l| indent(l))
        .min()
    else {
        return Vec::new();
    };
    let mut items: Vec<Item> = Vec::new();
    for (n, line) in lines.iter().enumerate().take(end).skip(start) {
        let ind = indent(line);
        if ind == dash_indent && is_dash(line) {
            let rest = &line[ind + 1..];
            let content = rest.trim_start_matches(' ');
            let column = ind + 1 + (rest.len() - content.len()) + 1;
            let mut item = Item {
                line: n + 1,
                column: if content.is_empty() { ind + 1 } else { column },
                keys: Vec::new(),
            };
            if let Some(k) = map_key(content) {
                item.keys.push((k, n + 1, column));
            }
            items.push(item);
        } else if ind > dash_indent
            && let Some(item) = items.last_mut()
        {
            let content = line.trim_start_matches(' ');
            // Keys of the item's own map sit at the indentation of its first key.
            let own = item.keys.first().is_none_or(|(_, _, c)| *c == ind + 1);
            if own && let Some(k) = map_key(content) {
                item.keys.push((k, n + 1, ind + 1));
            }
        } else if ind <= dash_indent && !line.trim().is_empty() && !is_dash(line) {
            break;
        }
    }
    items
}

/// The `key:` lines of a block map in `lines[start..end]` at its own (the least)
/// indentation, with their line and column: the entries of a map field such as an
/// indicator's `values`. Deeper lines (a nested map's keys) are not its keys.
fn map_keys(lines: &[&str], start: usize, end: usize) -> Vec<(String, usize, usize)> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let written = |l: &str| {
        let t = l.trim_start_matches(' ');
        !t.is_empty() && !t.starts_with('#')
    };
    let block = &lines[start..end];
    let Some(own) = block.iter().filter(|l| written(l)).map(|l| indent(l)).min() else {
        return Vec::new();
    };
    block
        .iter()
        .enumerate()
        .filter(|(_, l)| written(l) && indent(l) == own)
        .filter_map(|(n, l)| map_key(&l[own..]).map(|k| (k, start + n + 1, own + 1)))
        .collect()
}

/// `key` when `text` starts with `key:` (followed by a space or the line end).
fn map_key(text: &str) -> Option<String> {
    let (key, rest) = text.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    let plain = !key.is_empty()
        && !key.starts_with(['#', '-', '[', '{'])
        && (rest.is_empty() || rest.starts_with(' '));
    plain.then(|| key.to_string())
}

/// The line and column of a quote that opens a value and is not closed on its
/// line: what libyaml calls «unexpected end of stream».
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let (_, after) = line
            .split_once(": ")
            .or_else(|| line.trim_start().strip_prefix("- ").map(|rest| ("", rest)))?;
        let value = after.trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = &value[1..];
        let closed = match quote {
            '"' => {
                let mut escaped = false;
                inner.chars().any(|c| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
            }
            _ => inner.contains('\''),
        };
        let column = line.chars().count() - value.chars().count() + 1;
        (!closed).then_some((i + 1, column))
    })
}

fn first_tab_indent(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        indent.find('\t').map(|col| (i + 1, col + 1))
    })
}

/// libyaml's English messages, in Russian where we know them, with a hint.
fn explain(message: &str) -> (String, &'static str) {
    let m = message.split(" at line ").next().unwrap_or(message);
    let (ru, hint) = if m.contains("found unexpected end of stream")
        || m.contains("while scanning a quoted scalar")
    {
        (
            "незакрытая кавычка: значение начинается с кавычки, но не заканчивается ею",
            "поставьте закрывающую кавычку в конце значения; если кавычка нужна внутри текста, используйте «ёлочки» или заключите значение в одинарные кавычки",
        )
    } else if m.contains("duplicate entry") {
        (
            "поле указано дважды",
            "оставьте одно из двух полей с этим именем",
        )
    } else if m.contains("mapping values are not allowed") {
        (
            "лишнее двоеточие в значении",
            "если в значении есть «: », заключите всё значение в кавычки: title: \"Тема: итоги\"",
        )
    } else if m.contains("did not find expected key") || m.contains("did not find expected '-'") {
        (
            "нарушена структура: проверьте отступы и дефисы списка",
            "поля одного уровня пишутся с одинаковым отступом из пробелов, каждая строка списка начинается с «- »",
        )
    } else if m.contains("found character that cannot start any token") {
        (
            "символ, с которого не может начинаться значение (например, @ или `)",
            "заключите значение в кавычки",
        )
    } else if m.contains("more than one document") {
        (
            "в файле несколько блоков YAML, разделённых строками «---»",
            "в записи один блок полей; уберите лишние строки «---»",
        )
    } else if m.contains("repetition limit exceeded") {
        (
            "слишком много повторов через якоря YAML (&имя и *имя)",
            "записи не используют якоря и ссылки YAML; напишите значения явно",
        )
    } else if m.contains("recursion limit exceeded") {
        (
            "слишком глубокая вложенность",
            "поля записи вкладываются не глубже нескольких уровней; проверьте отступы",
        )
    } else if m.contains("unknown escape character") {
        (
            "неизвестный знак после «\\» в значении в двойных кавычках",
            "в двойных кавычках обратная косая черта начинает спецзнак; для путей Windows возьмите значение в одинарные кавычки: file: 'files\\prikaz.pdf'",
        )
    } else if m.contains("undefined alias") || m.contains("unknown anchor") {
        (
            "ссылка *имя на якорь, которого нет",
            "записи не используют якоря и ссылки YAML; если «*» — часть текста, заключите значение в кавычки",
        )
    } else if m.contains("control characters are not allowed")
        || m.contains("invalid") && m.contains("UTF-8")
    {
        (
            "недопустимый символ в тексте",
            "удалите невидимые символы в этой строке (часто приходят при копировании из PDF)",
        )
    } else if m.contains("could not find expected ':'") {
        (
            "нет двоеточия после имени поля",
            "каждое поле пишется в виде «имя: значение»",
        )
    } else if m.contains("block sequence entries are not allowed") {
        (
            "строка списка «- » в неподходящем месте",
            "список начинается с новой строки после «имя:», каждая строка списка — с «- » и одинаковым отступом",
        )
    } else {
        // libyaml's message is English: the place and the usual causes instead.
        (
            "ошибка синтаксиса YAML",
            "проверьте кавычки, двоеточия и отступы в этой строке и строке выше",
        )
    };
    (ru.to_string(), hint)
}

/// The front matter records almost always have, read without libyaml (whose event
/// loader was a third of `vitrina check`): `key: value` lines at the start of the
/// line, block lists under a key of one-line scalars or of maps of `key: value`
/// lines, full-line comments. Scalars are one line: plain, `"…"` without escapes,
/// `'…'` without `''`; plain ones resolve as serde_yaml does (null, booleans, plain
/// decimal integers, ISO dates as strings, other text). Anything else — block or
/// flow collections, multi-line values, escapes, anchors, tags, other numbers,
/// duplicate keys, any error — gives None, and serde_yaml reads the whole text, so
/// every value and every message is the same as before (the tests compare both).
mod fast {
    use super::Node;
    use std::iter::Peekable;

    pub(super) fn parse(text: &str) -> Option<Vec<(String, Node)>> {
        if has_what_libyaml_must_judge(text) {
            return None;
        }
        let mut lines = text
            .lines()
            .filter(|l| {
                let t = l.trim_start_matches(' ');
                !t.is_empty() && !t.starts_with('#')
            })
            .peekable();
        let mut fields = Vec::new();
        while let Some(line) = lines.next() {
            let (key, rest) = key_value(line)?;
            let value = if rest.is_empty() {
                list(&mut lines)?
            } else {
                scalar(rest)?
            };
            fields.push((key.to_string(), value));
        }
        no_duplicates(&fields).then_some(fields)
    }

    /// Control characters (tabs and CR included), and what libyaml takes for a
    /// line break or refuses (U+0080–U+009F, U+2028, U+2029, U+FEFF, U+FFFE,
    /// U+FFFF): libyaml will say what is wrong with them. Read as bytes, one pass:
    /// decoding every character of Russian text was most of the fast parser's
    /// time. In UTF-8 those characters start with the bytes C2, E2 and EF, which
    /// never occur inside another character.
    pub(super) fn has_what_libyaml_must_judge(text: &str) -> bool {
        let b = text.as_bytes();
        b.iter().enumerate().any(|(i, &c)| match c {
            0x00..=0x09 | 0x0B..=0x1F | 0x7F => true,
            0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
            0xE2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)),
            0xEF => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
            ),
            _ => false,
        })
    }

    /// `key: rest` at the start of `line`: a plain key of letters, digits and `_`
    /// that resolves to a string; rest trimmed, empty for `key:`.
    fn key_value(line: &str) -> Option<(&str, &str)> {
        let (key, rest) = line.split_once(':')?;
        let rest = match rest.strip_prefix(' ') {
            Some(rest) => rest.trim_matches(' '),
            None if rest.is_empty() => rest,
            None => return None,
        };
        let plain = key.len() <= 100
            && key.starts_with(|c: char| c.is_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !matches!(
                key.to_ascii_lowercase().as_str(),
                "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
            );
        plain.then_some((key, rest))
    }

    fn indent(line: &str) -> usize {
        line.len() - line.trim_start_matches(' ').len()
    }

    fn is_dash(text: &str) -> bool {
        text == "-" || text.starts_with("- ")
    }

    /// The block list after `key:` (Null when the next field follows at once).
    fn list<'a>(lines: &mut Peekable<impl Iterator<Item = &'a str>>) -> Option<Node> {
        let Some(first) = lines.peek() else {
            return Some(Node::Null);
        };
        let dash = indent(first);
        if !is_dash(&first[dash..]) {
            // The next field, or a nested map (left to libyaml).
            return (dash == 0).then_some(Node::Null);
        }
        let mut items = Vec::new();
        while let Some(&line) = lines.peek() {
            let at = indent(line);
            let text = &line[at..];
            if at == 0 && !is_dash(text) {
                break;
            }
            if at != dash || !is_dash(text) {
                return None;
            }
            lines.next();
            let content = text[1..].trim_start_matches(' ');
            if content.is_empty() {
                return None;
            }
            let Some((key, rest)) = key_value(content) else {
                items.push(scalar(content)?);
                continue;
            };
            // A map: its other keys are lines at the column of the first.
            let column = line.len() - content.len();
            let mut map = vec![(key.to_string(), scalar(rest)?)];
            while let Some(&next) = lines.peek() {
                if indent(next) != column {
                    break;
                }
                lines.next();
                let (key, rest) = key_value(&next[column..])?;
                map.push((key.to_string(), scalar(rest)?));
            }
            if !no_duplicates(&map) {
                return None;
            }
            items.push(Node::Map(map));
        }
        Some(Node::List(items))
    }

    fn no_duplicates(pairs: &[(String, Node)]) -> bool {
        let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        keys.windows(2).all(|w| w[0] != w[1])
    }

    /// A one-line scalar, trimmed.
    fn scalar(text: &str) -> Option<Node> {
        let text = text.trim_end_matches(' ');
        match text.as_bytes().first() {
            None => Some(Node::Null),
            Some(b'"') => quoted(text, '"'),
            Some(b'\'') => quoted(text, '\''),
            Some(b'[') => flow_list(text),
            Some(c) if b"-?:,[]{}#&*!|>%@`".contains(c) => None,
            Some(_) => plain(text),
        }
    }

    /// `[a, b]` of plain items on one line (`files: [a.pdf, b.pdf]`): a tenth of
    /// the bench corpus's records, which otherwise went to libyaml for nothing
    /// else. Quotes, nesting, `:`, comments and empty items are left to libyaml.
    fn flow_list(text: &str) -> Option<Node> {
        let inner = text.strip_prefix('[')?.strip_suffix(']')?;
        if inner.contains(['[', ']', '{', '}', '"', '\'', '#', ':']) {
            return None;
        }
        if inner.trim_matches(' ').is_empty() {
            return Some(Node::List(Vec::new()));
        }
        inner
            .split(',')
            .map(|item| {
                let item = item.trim_matches(' ');
                if item.is_empty() { None } else { scalar(item) }
            })
            .collect::<Option<Vec<Node>>>()
            .map(Node::List)
    }

    fn quoted(text: &str, quote: char) -> Option<Node> {
        let inner = &text[1..];
        let end = inner.find(quote)?;
        let (value, after) = (&inner[..end], &inner[end + 1..]);
        let escapes = quote == '"' && value.contains('\\');
        (!escapes && after.trim_start_matches(' ').is_empty()).then(|| Node::Str(value.into()))
    }

    fn plain(text: &str) -> Option<Node> {
        if text.contains(": ") || text.ends_with(':') || text.contains(" #") {
            return None;
        }
        match text {
            "null" | "Null" | "NULL" | "~" => return Some(Node::Null),
            "true" | "True" | "TRUE" => return Some(Node::Bool(true)),
            "false" | "False" | "FALSE" => return Some(Node::Bool(false)),
            _ => {}
        }
        let bytes = text.as_bytes();
        if !(bytes[0].is_ascii_digit() || matches!(bytes[0], b'+' | b'.')) {
            return Some(Node::Str(text.into()));
        }
        // No number has a space, a comma or a letter outside ASCII: `72 часа`,
        // `353807, район` are strings.
        if text
            .bytes()
            .any(|b| !(b.is_ascii_alphanumeric() || b"+-._".contains(&b)))
        {
            return Some(Node::Str(text.into()));
        }
        let digits = |b: &[u8]| b.iter().all(u8::is_ascii_digit);
        let iso_date = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && digits(&bytes[..4])
            && digits(&bytes[5..7])
            && digits(&bytes[8..]);
        if iso_date {
            return Some(Node::Str(text.into()));
        }
        // A leading zero makes a string in serde_yaml, which libyaml may judge.
        if digits(bytes) && (bytes.len() == 1 || bytes[0] != b'0') {
            return text.parse().ok().map(Node::Int);
        }
        None
    }
}

/// Nodes for unit tests of the modules that read parsed YAML.
#[cfg(test)]
pub(crate) mod test_nodes {
    use super::Node;

    /// A string node.
    pub fn s(t: &str) -> Node {
        Node::Str(t.into())
    }

    /// A map node, keys in the order given.
    pub fn map(pairs: &[(&str, Node)]) -> Node {
        Node::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_stops_the_fast_parser_at_the_characters_the_char_scan_did() {
        // The predicate the byte scan replaced, character by character.
        let by_chars = |text: &str| {
            text.chars().any(|c| {
                (c < ' ' && c != '\n')
                    || matches!(
                        c,
                        '\u{7F}'
                            ..='\u{9F}'
                                | '\u{2028}'
                                | '\u{2029}'
                                | '\u{FEFF}'
                                | '\u{FFFE}'
                                | '\u{FFFF}'
                    )
            })
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("а{c}б"), format!("title: x{c}\n")] {
                assert_eq!(
                    fast::has_what_libyaml_must_judge(&text),
                    by_chars(&text),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn parses_fields_with_positions() {
        let fields = parse_fields("name: Школа\nnumber: 285\nlist:\n  - a\n", 2).unwrap();
        assert_eq!(fields[0].key, "name");
        assert_eq!(fields[0].line, 2);
        assert_eq!(fields[1].value, Node::Int(285));
        assert_eq!(fields[1].value.as_text().as_deref(), Some("285"));
        assert_eq!(fields[2].line, 4);
    }

    #[test]
    fn errors_on_unclosed_quote() {
        let err = parse_fields("title: \"Семинар\nplace: школа\n", 2).unwrap_err();
        assert!(err.message.contains("кавычк"), "{}", err.message);
        assert!(err.line >= 2);
    }

    #[test]
    fn finds_list_items_and_their_keys() {
        let text = "title: x\nmeasures:\n- title: a\n  due: b\n-\n  title: c\n  result:\n    - nested: no\n  due: d\nreports_due:\n  - 2027-01-15\n  -   2027-06-30\n";
        let fields = parse_fields(text, 2).unwrap();
        let measures = &fields[1];
        assert_eq!(measures.key, "measures");
        assert_eq!(measures.value_at, (4, 3));
        let lines: Vec<usize> = measures.items.iter().map(|i| i.line).collect();
        assert_eq!(lines, [4, 6]);
        assert_eq!(measures.items[0].key_at("due"), (5, 3));
        assert_eq!(measures.items[1].key_at("title"), (7, 3));
        // A key of a nested map is not the item's own.
        assert_eq!(measures.items[1].key_at("nested"), (6, 1));
        assert_eq!(measures.items[1].key_at("due"), (10, 3));
        let due = &fields[2];
        let at: Vec<(usize, usize)> = due.items.iter().map(|i| (i.line, i.column)).collect();
        assert_eq!(at, [(12, 5), (13, 7)]);
    }

    #[test]
    fn finds_the_keys_of_a_block_map_and_falls_back_to_its_value() {
        let text = "title: x\nvalues:\n  # факт\n  \"2025/2026\": 12,5\n  '2026-10':\n    nested: 1\n  2027/2028: 3\ntargets: {\"2025/2026\": 12}\n";
        let fields = parse_fields(text, 2).unwrap();
        let values = &fields[1];
        assert_eq!(values.map.key_at("2025/2026"), (5, 3));
        assert_eq!(values.map.key_at("2026-10"), (6, 3));
        assert_eq!(values.map.key_at("2027/2028"), (8, 3));
        // A key of a nested map is not the field's own: where the value starts.
        assert_eq!(values.map.key_at("nested"), values.value_at);
        // A flow map `{…}` on one line: its keys are where the value starts.
        let targets = &fields[2];
        assert_eq!(targets.map.key_at("2025/2026"), (9, 10));
    }

    #[test]
    fn many_fields_are_positioned_in_linear_time() {
        // 100 000 fields (a pasted table): a quadratic position lookup would take
        // minutes here; this must stay well under a second.
        let text: String = (0..100_000).map(|i| format!("k{i}: v\n")).collect();
        let fields = parse_fields(&text, 1).unwrap();
        assert_eq!(fields.len(), 100_000);
        assert_eq!(fields[99_999].line, 100_000);
    }

    #[test]
    fn unclosed_quote_points_at_its_opening() {
        let err =
            parse_fields("a: 1\nb: 'ok'\ntitle: \"Тема \\\" с кавычкой\nc: 2\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (4, 8), "{err:?}");
    }

    #[test]
    fn second_document_points_at_its_dashes() {
        let err = parse_fields("name: a\nshort_name: b\n---\nname: c\n", 1).unwrap_err();
        assert!(err.message.contains("несколько блоков"), "{err:?}");
        assert_eq!((err.line, err.column), (3, 1));
    }

    /// The fast path reads `text` exactly as serde_yaml does, or leaves it.
    fn same_as_libyaml(text: &str) -> bool {
        let Some(fast) = fast::parse(text) else {
            return false;
        };
        assert_eq!(Ok(fast), parse_with_libyaml(text, 1), "{text:?}");
        true
    }

    #[test]
    fn fast_path_reads_what_libyaml_reads() {
        let read = [
            "title: Семинар\ndate: 2026-10-15\nhours: 72\ndraft: false\nweight: 0\n",
            "title: \"Тема: итоги\"\nplace: 'школа № 3'\nnote: Школа \"Успех\", 5 кл.\n",
            "# подсказка\ntitle: a\n  # отступ\nempty:\nnull_word: ~\nyes_word: yes\nt: True\n",
            "measures:\n  - title: a\n    due: 2027-01-15\n    # c\n  -   title: b\n      status: done\nreports_due:\n- 2027-01-15\n-   2027-06-30\nnext: x\n",
            "list:\n  - a, b\n  - https://x.ru/a?b=1\n  - 10\nurl: http://a.ru:8080/x\n",
            "a: \"\"\nb: ''\nc: x  \nd:\n",
            "rows:\n  - title:\n    due: ''\n",
            "hours: 72 часа\naddress: 353807, район, ул. Мира, 85\nv: 1.5.2 (a)\n",
            "files: [files/a-0.pdf, files/b.docx]\nx: []\nz: [ a ,b  ]\n",
        ];
        for text in read {
            assert!(same_as_libyaml(text), "the fast path should read {text:?}");
        }
        let left = [
            "title: a\ntitle: b\n",
            "measures:\n  - title: a\n    title: b\n",
            "title: \"a\\\"b\"\n",
            "title: 'it''s'\n",
            "title: длинное\n  продолжение\n",
            "title: \"незакрытая\nplace: x\n",
            "x: 0123\nz: 1.5\n",
            "big: 99999999999999999999\n",
            "text: |\n  блок\n",
            "x: {a: 1}\n",
            "x: &a 1\ny: *a\n",
            "x: !!str 1\n",
            "x: a # comment\n",
            "x: a: b\n",
            "x: a:\n",
            "nested:\n  a: 1\n",
            "list:\n  - a\n    - b\n",
            "list:\n  - a\n - b\n",
            "list:\n  - a\nb\n",
            "list:\n  -\n    title: a\n",
            "list:\n  - title: a\n    sub:\n      - x\n",
            "- a\n- b\n",
            "null: a\n",
            "\"key\": a\n",
            "my key: a\n",
            "x:\ty\n",
            "x: a\u{85}b\n",
            "%YAML 1.2\n---\nx: a\n",
            "x: a\n---\ny: b\n",
            "x: -5\n",
        ];
        for text in left {
            if let Some(fields) = fast::parse(text) {
                panic!("the fast path should leave {text:?}, read {fields:?}");
            }
        }
    }

    /// Every record of the example site goes the fast way, and reads the same.
    #[test]
    fn fast_path_reads_the_example_site() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut fast = 0;
        for file in crate::load::record_files(&content) {
            let text = std::fs::read_to_string(&file)
                .unwrap()
                .replace("\r\n", "\n");
            let front = match text.strip_prefix("---\n") {
                Some(rest) => rest.split("\n---").next().unwrap_or(""),
                None => &text,
            };
            if same_as_libyaml(front) {
                fast += 1;
            }
        }
        assert!(fast > 50, "only {fast} records went the fast way");
    }

    /// Every pair of tricky values, as two fields, as two keys of a list item, and
    /// as list items: whenever the fast path reads one, it reads what serde_yaml
    /// reads (and it reads most of the plain ones).
    #[test]
    fn fast_path_agrees_with_libyaml() {
        let values = [
            "",
            " ",
            ":",
            " x",
            " x ",
            " Семинар",
            " 2026-10-15",
            " 2026-1-15",
            " 72",
            " 0",
            " 01",
            " 00",
            " -1",
            " +1",
            " .5",
            " 1e3",
            " 0x1F",
            " 0o7",
            " 0b1",
            " true",
            " False",
            " TRUE",
            " ~",
            " null",
            " NULL",
            " Null",
            " \"q\"",
            " \"q: r\"",
            " 'q'",
            " 'q\"'",
            " \"\"",
            " a: b",
            " a:b",
            " a #c",
            " a#c",
            " #c",
            " [a]",
            " [a, b]",
            " []",
            " [ ]",
            " [a,]",
            " [,a]",
            " [ a ,b ]",
            " [1, 02, true, ~, 2026-10-15]",
            " [a: b]",
            " [\"a\"]",
            " [a, [b]]",
            " [a b, c]",
            " [-a, ?b, a#b]",
            " [a #c]",
            " [a] b",
            " [a\tb]",
            " [files/x.pdf, files/y.pdf]",
            " {a: 1}",
            " &x a",
            " *x",
            " !t a",
            " |",
            " >",
            " a, b",
            " %x",
            " @x",
            " `x",
            " ?x",
            " -x",
            " - x",
            " «а»",
            " a\"b",
            " inf",
            " .inf",
            " nan",
            " NaN",
            " 1_000",
            " 72 часа",
            " 353807, район",
            " 1.5 x",
            " 0x1F,",
            " 9223372036854775807",
            " 9223372036854775808",
            " 1.5",
            " \"a\" b",
            " 'a' #c",
            " yes",
            " on",
            " y",
            " a:",
            " https://a.ru:80/x",
            "\n  - a\n  - title: b\n    due: c",
            "\n- a",
            "\n  - a\n   - b",
            "\n  -",
            "\n  x: 1",
            "\n  - title: a\n      due: c",
            "\n  - 'a'\n  - \"b\"",
            "\n# c",
            "\n  - title:\n    due:",
            "\n  - k: v\n    k: w",
            "\n  - a\n  # c\n  - b",
        ];
        let mut read = 0;
        for v1 in values {
            for v2 in values {
                for text in [
                    format!("a:{v1}\nb:{v2}\n"),
                    format!("m:\n  - k:{v1}\n    j:{v2}\n"),
                    format!("m:\n  -{v1}\n  -{v2}\n"),
                ] {
                    read += usize::from(same_as_libyaml(&text));
                }
            }
        }
        assert!(read > 4000, "the fast path read {read} texts only");
    }

    #[test]
    fn errors_on_tab_indentation() {
        let err = parse_fields("measures:\n\t- title: a\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
    }
}
