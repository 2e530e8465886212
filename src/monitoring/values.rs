//! An indicator's numbers as written in YAML (contract 7.2): `baseline:
//! {period, value}`, and `targets`/`values` maps of period → number. A number may
//! be a YAML number or text with a decimal comma (`16,7` is text to YAML). Every
//! problem is a Russian message for an `invalid-record` finding at the field; the
//! good entries are kept, so one run reports every mistake.

use crate::numbers::parse_decimal;
use crate::periods::{Period, Periodicity};
use crate::yaml::Node;

/// A number from a YAML value: `12`, `12.5`, `"12,5"`.
pub fn number(node: &Node) -> Option<f64> {
    match node {
        Node::Int(i) => Some(*i as f64),
        Node::Float(f) if f.is_finite() => Some(*f),
        Node::Str(s) => parse_decimal(s),
        _ => None,
    }
}

fn written(node: &Node) -> String {
    match node {
        Node::Str(s) => format!("«{}»", s.trim()),
        other => other.type_name().to_string(),
    }
}

/// What [`period_map`] read from a `targets` or `values` field.
#[derive(Debug)]
pub struct PeriodMap<'a> {
    /// Period → number in period order, each with the key it is written under.
    pub entries: Vec<(&'a str, Period, f64)>,
    /// Each problem with the key of its entry (a finding points at that line);
    /// the key is empty when the field itself is not a map.
    pub problems: Vec<(&'a str, String)>,
}

/// `targets`/`values`: period → number. A period written twice keeps the first
/// (YAML itself refuses duplicate keys, so this is defensive).
pub fn period_map<'a>(field: &str, node: &'a Node, periodicity: Periodicity) -> PeriodMap<'a> {
    let mut out: Vec<(&str, Period, f64)> = Vec::new();
    let mut problems = Vec::new();
    let Node::Map(entries) = node else {
        problems.push((
            "",
            format!(
                "поле «{field}» — таблица «период: число», например \"2026/2027\": 12,5; а здесь {}",
                node.type_name()
            ),
        ));
        return PeriodMap {
            entries: out,
            problems,
        };
    };
    for (i, (key, value)) in entries.iter().enumerate() {
        let period = match Period::parse(key, periodicity) {
            Ok(p) => p,
            Err(_) if is_comma_tail(key, value) => {
                let before = i.checked_sub(1).map(|j| &entries[j].1);
                problems.push((
                    key.as_str(),
                    format!("в поле «{field}»: {}", comma_in_flow(before, key)),
                ));
                continue;
            }
            Err(e) => {
                problems.push((key.as_str(), format!("в поле «{field}»: {}", e.0)));
                continue;
            }
        };
        if value.is_empty() {
            // `"2026/2027":` with nothing after it: not yet known, not an error.
            continue;
        }
        match number(value) {
            Some(v) if !out.iter().any(|(_, p, _)| *p == period) => {
                out.push((key.as_str(), period, v));
            }
            Some(_) => {}
            None => problems.push((
                key.as_str(),
                format!(
                    "в поле «{field}» значение за {} — {}, а должно быть число (12 или 12,5)",
                    period,
                    written(value)
                ),
            )),
        }
    }
    out.sort_by_key(|(_, p, _)| *p);
    PeriodMap {
        entries: out,
        problems,
    }
}

/// In `{…}` braces a comma separates entries, so `{value: 24,5}` reads as
/// `value: 24` and a key `5` with no value: the decimal part would be lost. The
/// message quotes the number as written: the value before the stray key, then it.
fn comma_in_flow(before: Option<&Node>, tail: &str) -> String {
    let whole = match before {
        Some(Node::Int(n)) => n.to_string(),
        Some(Node::Str(s)) => s.trim().to_string(),
        _ => "…".into(),
    };
    format!(
        "похоже, дробная часть числа потерялась: в фигурных скобках {{ }} запятая разделяет значения, и «{whole},{tail}» читается как {whole} и {tail}; запишите число с точкой ({whole}.{tail}), в кавычках (\"{whole},{tail}\") или без фигурных скобок, каждое значение на своей строке"
    )
}

fn is_comma_tail(key: &str, value: &Node) -> bool {
    matches!(value, Node::Null) && !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit())
}

/// `baseline: {period: "2024/2025", value: 14.3}`.
pub fn baseline(node: &Node, periodicity: Periodicity) -> Result<(Period, f64), String> {
    const EXAMPLE: &str = "baseline: {period: \"2024/2025\", value: 14.3}";
    let Node::Map(entries) = node else {
        return Err(format!(
            "поле «baseline» — период и значение, например {EXAMPLE}; а здесь {}",
            node.type_name()
        ));
    };
    if let Some(i) = entries.iter().position(|(k, v)| is_comma_tail(k, v)) {
        let before = i.checked_sub(1).map(|j| &entries[j].1);
        return Err(format!(
            "в поле «baseline»: {}",
            comma_in_flow(before, &entries[i].0)
        ));
    }
    if let Some((k, _)) = entries.iter().find(|(k, _)| k != "period" && k != "value") {
        return Err(format!(
            "в поле «baseline» неизвестный ключ «{k}»: нужны только period и value, пример: {EXAMPLE}"
        ));
    }
    let get = |name: &str| entries.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let period = match get("period") {
        Some(Node::Str(s)) => {
            Period::parse(s, periodicity).map_err(|e| format!("в поле «baseline»: {}", e.0))?
        }
        _ => {
            return Err(format!(
                "в поле «baseline» нет периода (period), пример: {EXAMPLE}"
            ));
        }
    };
    let value = get("value")
        .and_then(number)
        .ok_or_else(|| format!("в поле «baseline» нет числа (value), пример: {EXAMPLE}"))?;
    Ok((period, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, Node)]) -> Node {
        Node::Map(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn reads_numbers_yaml_and_editors_write() {
        assert_eq!(number(&Node::Int(12)), Some(12.0));
        assert_eq!(number(&Node::Float(12.5)), Some(12.5));
        assert_eq!(number(&Node::Str("16,7".into())), Some(16.7));
        assert_eq!(number(&Node::Str("нет".into())), None);
        assert_eq!(number(&Node::Bool(true)), None);
    }

    #[test]
    fn reads_a_period_map_in_period_order_and_names_each_mistake() {
        let node = map(&[
            ("2026/2027", Node::Int(10)),
            ("2025/2026", Node::Str("12,5".into())),
            ("2025-2026", Node::Int(3)),
            ("2027/2028", Node::Str("много".into())),
            ("2028/2029", Node::Null),
        ]);
        let PeriodMap {
            entries: values,
            problems,
        } = period_map("targets", &node, Periodicity::Year);
        let written: Vec<_> = values.iter().map(|(_, p, v)| (p.to_string(), *v)).collect();
        assert_eq!(
            written,
            [
                ("2025/2026".to_string(), 12.5),
                ("2026/2027".to_string(), 10.0)
            ]
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        // Each problem names the key of its entry: the finding points at its line.
        assert_eq!(problems[0].0, "2025-2026");
        assert!(
            problems[0].1.contains("«2025-2026» — не период"),
            "{}",
            problems[0].1
        );
        assert_eq!(problems[1].0, "2027/2028");
        assert!(
            problems[1].1.contains("за 2027/2028 — «много»"),
            "{}",
            problems[1].1
        );
    }

    #[test]
    fn a_period_of_another_periodicity_is_a_problem() {
        let node = map(&[("2026-Q1", Node::Int(1))]);
        let PeriodMap {
            entries: values,
            problems,
        } = period_map("values", &node, Periodicity::HalfYear);
        assert!(values.is_empty());
        assert!(problems[0].1.contains("полугодие"), "{}", problems[0].1);
    }

    #[test]
    fn reads_the_baseline() {
        let node = map(&[
            ("period", Node::Str("2024/2025".into())),
            ("value", Node::Str("14,3".into())),
        ]);
        let (p, v) = baseline(&node, Periodicity::Year).unwrap();
        assert_eq!((p.to_string(), v), ("2024/2025".to_string(), 14.3));
        let e = baseline(&Node::Int(3), Periodicity::Year).unwrap_err();
        assert!(e.contains("пример"), "{e}");
        let no_value = map(&[("period", Node::Str("2024/2025".into()))]);
        assert!(
            baseline(&no_value, Periodicity::Year)
                .unwrap_err()
                .contains("value")
        );
    }

    #[test]
    fn a_decimal_comma_inside_braces_is_not_silently_cut() {
        // `{period: "2024/2025", value: 24,5}` as YAML reads it.
        let node = map(&[
            ("period", Node::Str("2024/2025".into())),
            ("value", Node::Int(24)),
            ("5", Node::Null),
        ]);
        let e = baseline(&node, Periodicity::Year).unwrap_err();
        assert!(e.contains("дробная часть"), "{e}");
        // The number as the editor wrote it, and its fix.
        assert!(e.contains("«24,5» читается как 24 и 5"), "{e}");
        assert!(e.contains("(24.5)"), "{e}");
        // `targets: {"2025/2026": 12,5}`.
        let node = map(&[("2025/2026", Node::Int(12)), ("5", Node::Null)]);
        let problems = period_map("targets", &node, Periodicity::Year).problems;
        assert!(problems[0].1.contains("«12,5»"), "{}", problems[0].1);
    }
}
