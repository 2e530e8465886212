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

/// A top-level field with the position of its key (1-based line and column in the file).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub value: Node,
    pub line: usize,
    pub column: usize,
}

pub type Fields = Vec<Field>;

/// A YAML syntax error, positioned in the whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
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
        });
    }
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        YamlError {
            message: explain(&e.to_string()),
            line: line + first_line - 1,
            column,
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
            });
        }
    };
    let positions = top_level_key_positions(text);
    Ok(map
        .into_iter()
        .map(|(k, v)| {
            let key = convert(k).as_text().unwrap_or_default();
            let (line, column) = positions
                .iter()
                .find(|(name, _, _)| *name == key)
                .map(|(_, l, c)| (*l, *c))
                .unwrap_or((1, 1));
            Field {
                key,
                value: convert(v),
                line: line + first_line - 1,
                column,
            }
        })
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

/// Positions of keys written at the start of a line (the record's own fields).
/// serde_yaml keeps no positions on values, and the checker needs them to point at
/// a field; top-level keys are always at column 1, so a line scan finds them.
fn top_level_key_positions(text: &str) -> Vec<(String, usize, usize)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with([' ', '\t', '#', '-']) && !line.is_empty())
        .filter_map(|(i, line)| {
            let (key, _) = line.split_once(':')?;
            let key = key.trim().trim_matches(['"', '\'']);
            Some((key.to_string(), i + 1, 1))
        })
        .collect()
}

fn first_tab_indent(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        indent.find('\t').map(|col| (i + 1, col + 1))
    })
}

/// libyaml's English messages, in Russian where we know them.
fn explain(message: &str) -> String {
    let m = message.split(" at line ").next().unwrap_or(message);
    let ru = if m.contains("found unexpected end of stream")
        || m.contains("while scanning a quoted scalar")
    {
        "незакрытая кавычка: строка начинается с кавычки, но не заканчивается ею"
    } else if m.contains("duplicate entry") {
        "поле указано дважды"
    } else if m.contains("mapping values are not allowed") {
        "лишнее двоеточие: если в значении есть «: », заключите значение в кавычки"
    } else if m.contains("did not find expected key") || m.contains("did not find expected '-'") {
        "нарушена структура: проверьте отступы и дефисы списка"
    } else if m.contains("found character that cannot start any token") {
        "символ, с которого не может начинаться значение (например, @ или `); заключите значение в кавычки"
    } else {
        return format!("ошибка YAML: {m}");
    };
    ru.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn errors_on_tab_indentation() {
        let err = parse_fields("measures:\n\t- title: a\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
    }
}
