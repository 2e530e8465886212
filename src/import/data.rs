//! Numbers: indicators (КИП, one record per row, contract 7.2) and results
//! data of an assessment procedure (one monitoring record and its CSV, 7.3).

use super::columns::Column;
use super::emit::{Fields, scalar};
use super::rows::Mapped;
use super::{Context, ImportError, Planned, Written, academic_year, id_from, record_path};
use crate::numbers::{format_point, parse_decimal};

/// One indicator per row: baseline, targets and actual values by period come
/// from columns whose headings name the period.
pub fn indicators(ctx: &Context, m: &Mapped) -> Result<Written, ImportError> {
    if ctx.args.id.is_some() && m.entries.len() > 1 {
        return Err(ImportError::cannot(format!(
            "--id называет одну запись, а в таблице показателей {}",
            m.entries.len()
        )));
    }
    let mut out = Written::default();
    let mut taken: Vec<String> = Vec::new();
    for e in &m.entries {
        let title = e.get("title").unwrap_or_default();
        let mut id = ctx.args.id.clone().unwrap_or_else(|| short_id(title));
        if taken.contains(&id) {
            id = format!("{id}-{}", taken.len() + 1);
        }
        taken.push(id.clone());
        let (mut baseline, mut targets, mut values) = (None, Vec::new(), Vec::new());
        for (column, text) in &e.values {
            if text.is_empty() {
                continue;
            }
            let Some(n) = number(text) else {
                if matches!(
                    column,
                    Column::Baseline(_) | Column::Target(_) | Column::Actual(_)
                ) {
                    out.notes.push(format!(
                        "{}: «{text}» в столбце {} — не число, не перенесено.",
                        e.place,
                        column.describe()
                    ));
                }
                continue;
            };
            match column {
                Column::Baseline(p) => baseline = Some((p.clone(), n)),
                Column::Target(p) => targets.push((p.clone(), n)),
                Column::Actual(p) => values.push((p.clone(), n)),
                _ => {}
            }
        }
        let mut f = Fields::default();
        f.text(0, "title", title);
        match e.get("unit") {
            Some(u) => {
                f.text(0, "unit", u);
            }
            None => out.notes.push(format!(
                "{}: нет единицы измерения (unit) — допишите.",
                e.place
            )),
        }
        match better(ctx.args.better.as_deref().or(e.get("better")))
            .or_else(|| inferred_better(&baseline, &targets))
        {
            Some(b) => {
                f.raw(0, "better", b);
            }
            None => out.notes.push(format!(
                "{}: не ясно, что лучше — рост или снижение; допишите better: higher или lower.",
                e.place
            )),
        }
        for key in ["method", "source", "periodicity", "responsible"] {
            if let Some(v) = e.get(key) {
                f.text(0, key, v);
            }
        }
        if let Some((period, value)) = baseline {
            f.open(0, "baseline");
            if let Some(p) = period {
                f.raw(2, "period", &format!("\"{p}\""));
            }
            f.raw(2, "value", &value);
        }
        for (key, list) in [("targets", &targets), ("values", &values)] {
            if !list.is_empty() {
                f.open(0, key);
                for (period, value) in list {
                    f.raw(2, &format!("\"{period}\""), value);
                }
            }
        }
        out.files.push(Planned {
            path: record_path("indicators", &id),
            text: f.record().into_bytes(),
        });
    }
    out.notes
        .insert(0, format!("Перенесено: показателей — {}.", m.entries.len()));
    Ok(out)
}

/// «14,3», «14,3 %» → "14.3" (a YAML number); None for text.
fn number(text: &str) -> Option<String> {
    parse_decimal(text).map(format_point)
}

fn better(text: Option<&str>) -> Option<&'static str> {
    let t = text?.to_lowercase();
    if ["higher", "рост", "увелич", "повыш", "выше", "больше"]
        .iter()
        .any(|w| t.contains(w))
    {
        Some("higher")
    } else if ["lower", "сниж", "уменьш", "ниже", "меньше"]
        .iter()
        .any(|w| t.contains(w))
    {
        Some("lower")
    } else {
        None
    }
}

/// Targets that fall from the baseline mean lower is better, and rising ones higher.
fn inferred_better(
    baseline: &Option<(Option<String>, String)>,
    targets: &[(String, String)],
) -> Option<&'static str> {
    let base: f64 = baseline.as_ref()?.1.parse().ok()?;
    let last: f64 = targets.last()?.1.parse().ok()?;
    if last < base {
        Some("lower")
    } else if last > base {
        Some("higher")
    } else {
        None
    }
}

/// The first words of a title as an id, at most 40 characters.
fn short_id(title: &str) -> String {
    let mut id = String::new();
    for w in id_from(title).split('-') {
        if id.len() + w.len() > 40 && !id.is_empty() {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(w);
    }
    id
}

/// One monitoring record and its data CSV: rows keep their school, subject,
/// grade and value, and every other column.
pub fn monitoring(ctx: &Context, m: &Mapped) -> Result<Written, ImportError> {
    let args = ctx.args;
    let year = academic_year(ctx)?;
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = args.title.clone().unwrap_or_else(|| stem.clone());
    let series = args.series.clone().unwrap_or_else(|| short_id(&title));
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| format!("{series}-{}", year.slug()));
    let mut out = Written::default();
    if args.year.is_none() {
        // Results are usually imported after the school year they belong to
        // (ВПР in spring, ОГЭ in June): the current year is a guess to confirm.
        out.notes.push(format!(
            "Учебный год не указан: записан текущий, {year}. Если это результаты прошлого учебного года (ВПР весной, ОГЭ летом), исправьте academic_year или укажите --year {}.",
            year.previous()
        ));
    }
    let mut f = Fields::default();
    f.text(0, "title", &title);
    f.text(0, "series", &series);
    f.raw(0, "academic_year", &format!("\"{year}\""));
    if let Some(p) = procedure(&format!("{title} {stem}")) {
        f.raw(0, "procedure", p);
    }
    match better(args.better.as_deref()) {
        Some(b) => {
            f.raw(0, "better", b);
        }
        None => out.notes.push(
            "Не указано, что лучше: допишите better: higher или lower (или --better).".into(),
        ),
    }
    match args.threshold.as_deref().and_then(number) {
        Some(t) => {
            f.raw(0, "threshold", &t);
        }
        None => out.notes.push(
            "Не указан порог низкого результата: допишите threshold (или --threshold).".into(),
        ),
    }
    f.raw(0, "data", &scalar(&format!("{id}.csv")));

    // The data file: the recognised columns first, then the rest as they were.
    let extra: Vec<String> = m
        .columns
        .iter()
        .filter(|(h, c)| c.is_none() && !h.is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    let mut csv = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let mut header = vec![
        "школа".to_string(),
        "предмет".into(),
        "класс".into(),
        "значение".into(),
    ];
    header.extend(extra.iter().cloned());
    let _ = csv.write_record(&header);
    for e in &m.entries {
        let value = e.get("value").unwrap_or_default();
        if parse_decimal(value).is_none() {
            out.notes.push(format!(
                "{}: значение «{value}» — не число; перенесено как есть.",
                e.place
            ));
        }
        let mut row = vec![
            e.get("school").unwrap_or_default().to_string(),
            e.get("subject").unwrap_or_default().to_string(),
            e.get("grade").unwrap_or_default().to_string(),
            value.to_string(),
        ];
        row.extend(extra.iter().map(|h| {
            e.extra
                .iter()
                .find(|(eh, _)| eh == h)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        }));
        let _ = csv.write_record(&row);
    }
    let mut data = b"\xEF\xBB\xBF".to_vec();
    data.extend(csv.into_inner().unwrap_or_default());
    out.notes.insert(
        0,
        format!(
            "Перенесено: строк данных — {}; данные — content/monitoring/{id}.csv (UTF-8, «;», как открывает Excel).",
            m.entries.len()
        ),
    );
    out.files.push(Planned {
        path: record_path("monitoring", &id),
        text: f.record().into_bytes(),
    });
    out.files.push(Planned {
        path: std::path::Path::new("content/monitoring").join(format!("{id}.csv")),
        text: data,
    });
    Ok(out)
}

/// ВПР, ОГЭ, ЕГЭ, РДР named in the title or the file name.
fn procedure(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    [
        ("впр", "vpr"),
        ("огэ", "oge"),
        ("егэ", "ege"),
        ("рдр", "rdr"),
        ("vpr", "vpr"),
        ("oge", "oge"),
        ("ege", "ege"),
    ]
    .iter()
    .find(|(w, _)| lower.contains(w))
    .map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_a_decimal_comma_and_a_percent_sign() {
        assert_eq!(number("14,3"), Some("14.3".into()));
        assert_eq!(number("12 %"), Some("12".into()));
        assert_eq!(number("нет"), None);
    }

    #[test]
    fn direction_from_words_or_from_targets() {
        assert_eq!(better(Some("Снижение")), Some("lower"));
        assert_eq!(better(Some("рост")), Some("higher"));
        let base = Some((None, "14.3".to_string()));
        assert_eq!(
            inferred_better(&base, &[("2026/2027".into(), "10".into())]),
            Some("lower")
        );
    }
}
