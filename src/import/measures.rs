//! Roadmaps, work plans and reports on their execution: one record holding the
//! table's rows as `measures`.

use super::emit::{Fields, scalar};
use super::rows::{Entry, Mapped};
use super::{Context, ImportError, ImportKind, Planned, Written, academic_year, record_path};
use jiff::civil::Date;

/// A roadmap (`--school`) or a work plan (`--centre`).
pub fn work_plan(ctx: &Context, m: &Mapped) -> Result<Written, ImportError> {
    let (section, field, option, subject) = match ctx.args.kind {
        ImportKind::Roadmap => ("roadmaps", "school", "--school", ctx.args.school.as_deref()),
        _ => ("plans", "centre", "--centre", ctx.args.centre.as_deref()),
    };
    let subject_section = if field == "school" {
        "schools"
    } else {
        "centres"
    };
    let subject = subject
        .map(|s| {
            s.trim()
                .trim_start_matches(&format!("{subject_section}/"))
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ImportError::cannot(format!(
                "укажите, чья это {}: {option} ИДЕНТИФИКАТОР (например {option} {})",
                if field == "school" {
                    "дорожная карта"
                } else {
                    "план работы"
                },
                if field == "school" {
                    "sosh-10"
                } else {
                    "mnc-1"
                }
            ))
        })?;
    let year = academic_year(ctx)?;
    let id = ctx
        .args
        .id
        .clone()
        .unwrap_or_else(|| format!("{subject}-{}", year.slug()));
    let mut notes = Vec::new();
    let mut f = Fields::default();
    let title_word = if field == "school" {
        "дорожн"
    } else {
        "план"
    };
    if let Some(title) = document_title(ctx, title_word) {
        f.text(0, "title", &title);
        notes.push(format!("Название взято из документа: «{title}»."));
    }
    f.text(0, field, &subject);
    f.raw(0, "academic_year", &format!("\"{year}\""));
    f.open(0, "measures");
    for e in &m.entries {
        f.item(
            2,
            &[
                ("group", e.group.as_deref().unwrap_or("")),
                ("title", e.get("title").unwrap_or("")),
                ("due", e.get("due").unwrap_or("")),
                ("responsible", e.get("responsible").unwrap_or("")),
                ("result", e.get("result").unwrap_or("")),
            ],
        );
    }
    if !ctx
        .root
        .join("content")
        .join(subject_section)
        .join(format!("{subject}.md"))
        .exists()
        && !ctx
            .root
            .join("content")
            .join(subject_section)
            .join(format!("{subject}.yaml"))
            .exists()
    {
        notes.push(format!(
            "Внимание: записи {subject_section}/{subject} на сайте нет — vitrina check сообщит об ошибочной ссылке, пока её не создадут."
        ));
    }
    notes.insert(
        0,
        format!(
            "Перенесено: мероприятий — {}, разделов (group) — {}.",
            m.entries.len(),
            m.groups
        ),
    );
    Ok(Written {
        files: vec![Planned {
            path: record_path(section, &id),
            text: f.record().into_bytes(),
        }],
        notes,
    })
}

/// A report on a roadmap or plan (`--of roadmaps/…`): measure statuses.
pub fn report(ctx: &Context, m: &Mapped) -> Result<Written, ImportError> {
    let of = ctx
        .args
        .of
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ImportError::cannot("укажите, о чём отчёт: --of ПОЛНЫЙ-ИДЕНТИФИКАТОР (например --of roadmaps/sosh-10-2026-2027)")
        })?;
    if !of.contains('/') {
        return Err(ImportError::cannot(format!(
            "--of называет запись полностью, с разделом: например roadmaps/{of} или plans/{of}"
        )));
    }
    let mut notes = Vec::new();
    let date = match report_date(&ctx.text) {
        Some(d) => {
            notes.push(format!("Дата отчёта взята из документа: {d}."));
            d
        }
        None => {
            notes.push(format!(
                "Дата отчёта: {} (сегодня; в документе нет «по состоянию на ДД.ММ.ГГГГ»).",
                ctx.today
            ));
            ctx.today
        }
    };
    let last = of.rsplit('/').next().unwrap_or(of);
    let id = ctx
        .args
        .id
        .clone()
        .unwrap_or_else(|| format!("{last}-otchet-{date}"));
    let mut f = Fields::default();
    if let Some(title) = document_title(ctx, "отч") {
        f.text(0, "title", &title);
    }
    f.text(0, "of", of);
    f.raw(0, "date", &date.to_string());
    f.open(0, "measures");
    let (mut counts, mut unknown) = ([0usize; 3], Vec::new());
    for e in &m.entries {
        let written = e.get("status").unwrap_or("");
        let (status, rest) = parse_status(written);
        let mut comment: Vec<&str> = Vec::new();
        if status.is_none() && !written.is_empty() {
            unknown.push(format!("{}: «{written}»", e.place));
            comment.push(written);
        }
        if !rest.is_empty() {
            comment.push(rest);
        }
        comment.extend(e.get("comment"));
        if let Some(i) =
            status.and_then(|s| ["done", "partly", "not_done"].iter().position(|x| *x == s))
        {
            counts[i] += 1;
        }
        f.item(
            2,
            &[
                ("title", e.get("title").unwrap_or("")),
                ("status", status.unwrap_or("")),
                ("comment", &comment.join("; ")),
            ],
        );
    }
    notes.insert(
        0,
        format!(
            "Перенесено: мероприятий — {} (выполнено — {}, частично — {}, не выполнено — {}, без отметки — {}).",
            m.entries.len(),
            counts[0],
            counts[1],
            counts[2],
            m.entries.len() - counts.iter().sum::<usize>()
        ),
    );
    for u in unknown {
        notes.push(format!(
            "Отметка не распознана, перенесена в comment: {u} (допустимы «выполнено», «частично», «не выполнено»)."
        ));
    }
    notes.extend(unmatched_titles(ctx, of, m));
    Ok(Written {
        files: vec![Planned {
            path: record_path("reports", &id),
            text: f.record().into_bytes(),
        }],
        notes,
    })
}

/// «Выполнено», «ВЫПОЛНЕНО.», «частично выполнено», «не выполнено (перенос)» →
/// the status and what was written after it.
pub fn parse_status(text: &str) -> (Option<&'static str>, &str) {
    // Words with where each ends in `text`.
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let in_word = c.is_alphanumeric() || c == '_';
        match (start, in_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((text[s..i].to_lowercase().replace('ё', "е"), i));
                start = None;
            }
            _ => {}
        }
    }
    const FORMS: [(&[&str], &str); 12] = [
        (&["выполнено", "частично"], "partly"),
        (&["частично", "выполнено"], "partly"),
        (&["выполнен", "частично"], "partly"),
        (&["частично"], "partly"),
        (&["partly"], "partly"),
        (&["не", "выполнено"], "not_done"),
        (&["не", "выполнен"], "not_done"),
        (&["невыполнено"], "not_done"),
        (&["not_done"], "not_done"),
        (&["выполнено"], "done"),
        (&["выполнен"], "done"),
        (&["done"], "done"),
    ];
    for (form, status) in FORMS {
        let matches =
            words.len() >= form.len() && words.iter().zip(form.iter()).all(|((w, _), f)| w == f);
        if matches {
            let cut = words[form.len() - 1].1;
            let rest = text[cut..]
                .trim_matches(|c: char| c.is_whitespace() || ".,;:!-–—".contains(c))
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim();
            return (Some(status), rest);
        }
    }
    (None, "")
}

/// «по состоянию на 20.11.2026», «на 20 ноября 2026 г.» in the text around the table.
fn report_date(text: &[String]) -> Option<Date> {
    text.iter().find_map(|t| {
        let lower = t.to_lowercase();
        let at = lower.find("по состоянию на")? + "по состоянию на".len();
        let rest = lower[at..].trim_start();
        let first: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        parse_dotted(first.trim_end_matches('.')).or_else(|| parse_words(rest))
    })
}

fn parse_dotted(s: &str) -> Option<Date> {
    let mut p = s.split('.');
    let (d, m, y) = (
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
    );
    Date::new(y, m, d).ok()
}

/// «20 ноября 2026».
fn parse_words(s: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    let mut w = s.split_whitespace();
    let day: i8 = w.next()?.parse().ok()?;
    let month = w.next()?;
    let m = MONTHS
        .iter()
        .rposition(|p| month.starts_with(p) && (*p != "ма" || month == "мая"))?;
    let year: i16 = w.next()?.trim_end_matches(['г', '.']).parse().ok()?;
    Date::new(year, m as i8 + 1, day).ok()
}

/// The first paragraph above the table that names the document («Дорожная
/// карта сопровождения …», «Отчёт о …»): the record's title.
fn document_title(ctx: &Context, word: &str) -> Option<String> {
    ctx.text
        .iter()
        .find(|p| p.to_lowercase().replace('ё', "е").contains(word) && p.chars().count() < 300)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Report rows whose titles the roadmap or plan does not have (compared
/// ignoring case, spaces and quotes, as the site matches them): their status
/// would attach to nothing.
fn unmatched_titles(ctx: &Context, of: &str, m: &Mapped) -> Vec<String> {
    let path = ["md", "yaml", "yml"]
        .iter()
        .map(|ext| ctx.root.join("content").join(format!("{of}.{ext}")))
        .find(|p| p.exists());
    let Some(path) = path else {
        return vec![format!(
            "Внимание: записи {of} на сайте нет — vitrina check сообщит об ошибочной ссылке."
        )];
    };
    let Ok((record, _)) = crate::load::load_file(ctx.root, &path) else {
        return Vec::new();
    };
    let Some(plan) = crate::kinds::work_plan::of(&record) else {
        return Vec::new();
    };
    let key = |t: &str| -> String {
        t.to_lowercase()
            .replace('ё', "е")
            .chars()
            .filter(|c| !c.is_whitespace() && !"«»\"'„“”".contains(*c))
            .collect()
    };
    let known: Vec<String> = plan
        .measures
        .iter()
        .filter_map(|x| x.title.as_deref())
        .map(key)
        .collect();
    m.entries
        .iter()
        .filter_map(|e: &Entry| {
            let title = e.get("title")?;
            (!known.contains(&key(title))).then(|| {
                format!(
                    "Внимание: {}: мероприятия {} нет в {of} — отметка не покажется у мероприятия.",
                    e.place,
                    scalar(title)
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_in_any_case_and_punctuation() {
        assert_eq!(parse_status("Выполнено"), (Some("done"), ""));
        assert_eq!(parse_status("ВЫПОЛНЕНО."), (Some("done"), ""));
        assert_eq!(parse_status(" выполнено частично "), (Some("partly"), ""));
        assert_eq!(parse_status("Частично выполнено"), (Some("partly"), ""));
        assert_eq!(parse_status("Не выполнено!"), (Some("not_done"), ""));
        assert_eq!(parse_status("не  выполнено"), (Some("not_done"), ""));
        assert_eq!(
            parse_status("Выполнено (приказ № 12 от 01.10.2026)"),
            (Some("done"), "приказ № 12 от 01.10.2026")
        );
        assert_eq!(parse_status("в работе"), (None, ""));
        assert_eq!(parse_status("выполняется"), (None, ""));
    }

    #[test]
    fn report_date_from_the_document() {
        let t = |s: &str| vec!["Отчёт".to_string(), s.to_string()];
        assert_eq!(
            report_date(&t("по состоянию на 20.11.2026")),
            Some(Date::new(2026, 11, 20).unwrap())
        );
        assert_eq!(
            report_date(&t("По состоянию на 5 мая 2027 г.")),
            Some(Date::new(2027, 5, 5).unwrap())
        );
        assert_eq!(report_date(&t("Информация на 20.11.2026")), None);
    }
}
