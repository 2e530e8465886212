//! Lists with one record per row: schools (section `schools/`) and officials
//! (section `people/`, contract section 5).

use super::emit::Fields;
use super::rows::Mapped;
use super::{Context, ImportError, Planned, Written, id_from, record_path};

/// One record per school; the id from an «Идентификатор» column, else from
/// the short name («МБОУ СОШ № 10» → `sosh-10`).
pub fn schools(ctx: &Context, m: &Mapped) -> Result<Written, ImportError> {
    let mut out = Written::default();
    let mut ids = Ids::for_args(ctx, m)?;
    for e in &m.entries {
        let name = e.get("name").unwrap_or_default();
        let id = match e.get("id") {
            Some(id) => id_from(id),
            None => school_id(e.get("short_name").unwrap_or(name)),
        };
        let id = ids.take(id);
        let mut f = Fields::default();
        f.text(0, "name", name);
        for key in ["short_name"] {
            if let Some(v) = e.get(key) {
                f.text(0, key, v);
            }
        }
        if let Some(c) = e.get("categories") {
            let (known, unknown) = categories(c);
            if !known.is_empty() {
                f.list(0, "categories", &known);
            }
            if !unknown.is_empty() {
                out.notes.push(format!(
                    "{}: категория «{}» не распознана (допустимы ШНОР, ШССУ) — не перенесена.",
                    e.place,
                    unknown.join(", ")
                ));
            }
        }
        if let Some(mentor) = e.get("mentor") {
            f.text(0, "mentor", &school_id(mentor));
        }
        if let Some(v) = e.get("curator") {
            f.text(0, "curator", v);
        }
        if let Some(r) = e.get("risks") {
            let (known, unknown) = risks(r);
            if !known.is_empty() {
                f.list(0, "risks", &known);
            }
            if !unknown.is_empty() {
                out.notes.push(format!(
                    "{}: факторы риска «{}» не распознаны (пишутся как r1 … r10 или 1 … 10) — не перенесены.",
                    e.place,
                    unknown.join("», «")
                ));
            }
        }
        for key in ["address", "website"] {
            if let Some(v) = e.get(key) {
                f.text(0, key, v);
            }
        }
        out.files.push(Planned {
            path: record_path("schools", &id),
            text: f.record().into_bytes(),
        });
    }
    out.notes
        .insert(0, format!("Перенесено: школ — {}.", m.entries.len()));
    Ok(out)
}

/// One record per official: name, position, roles, schools, official contacts.
pub fn people(ctx: &Context, m: &Mapped) -> Result<Written, ImportError> {
    let mut out = Written::default();
    let mut ids = Ids::for_args(ctx, m)?;
    for e in &m.entries {
        let name = e.get("name").unwrap_or_default();
        let id = ids.take(person_id(name));
        let mut f = Fields::default();
        f.text(0, "name", name);
        match e.get("position") {
            Some(p) => {
                f.text(0, "position", p);
            }
            None => out.notes.push(format!(
                "{}: не указана должность (position) — допишите, vitrina check её потребует.",
                e.place
            )),
        }
        if let Some(r) = e.get("roles") {
            f.list(
                0,
                "roles",
                &split_list(r).iter().map(|r| role(r)).collect::<Vec<_>>(),
            );
        }
        if let Some(s) = e.get("schools") {
            f.list(
                0,
                "schools",
                &split_list(s)
                    .iter()
                    .map(|s| school_id(s))
                    .collect::<Vec<_>>(),
            );
        }
        for key in ["email", "phone"] {
            if let Some(v) = e.get(key) {
                f.text(0, key, v);
            }
        }
        out.files.push(Planned {
            path: record_path("people", &id),
            text: f.record().into_bytes(),
        });
    }
    out.notes
        .insert(0, format!("Перенесено: человек — {}.", m.entries.len()));
    Ok(out)
}

/// Ids given out in one import: `--id` only when the table gives one record,
/// repeats get `-2`, `-3`.
struct Ids {
    given: Option<String>,
    taken: Vec<String>,
}

impl Ids {
    fn for_args(ctx: &Context, m: &Mapped) -> Result<Self, ImportError> {
        if ctx.args.id.is_some() && m.entries.len() > 1 {
            return Err(ImportError::cannot(format!(
                "--id называет одну запись, а в таблице их {}; имена файлов импорт даст сам",
                m.entries.len()
            )));
        }
        Ok(Ids {
            given: ctx.args.id.clone(),
            taken: Vec::new(),
        })
    }

    fn take(&mut self, id: String) -> String {
        let base = self.given.take().unwrap_or(id);
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.push(id.clone());
        id
    }
}

const ORG_FORMS: [&str; 16] = [
    "мбоу", "маоу", "мкоу", "моу", "мобу", "моау", "мбуо", "гбоу", "гаоу", "гкоу", "чоу", "ноу",
    "ано", "мбу", "мау", "мку",
];

const SCHOOL_TYPES: [(&str, &str); 5] = [
    ("средняя общеобразовательная школа", "сош"),
    ("основная общеобразовательная школа", "оош"),
    ("начальная общеобразовательная школа", "нош"),
    ("средняя школа", "сш"),
    ("основная школа", "ош"),
];

/// «МБОУ СОШ № 10» → `sosh-10`; «Гимназия № 1» → `gimnaziya-1`; a full
/// legal name is shortened the same way («… средняя общеобразовательная школа
/// № 10 хутора Степного» → `sosh-10-hutora-stepnogo`). Already an id → itself.
pub fn school_id(name: &str) -> String {
    let name = name.trim();
    if name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return name.trim_start_matches("schools/").to_string();
    }
    let mut lower = name.to_lowercase().replace('ё', "е");
    for (long, short) in SCHOOL_TYPES {
        lower = lower.replace(long, short);
    }
    // Drop the legal form: «муниципальное бюджетное общеобразовательное учреждение».
    if let Some(at) = lower.find("учреждение") {
        lower = lower[at + "учреждение".len()..].to_string();
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !ORG_FORMS.contains(w))
        .collect();
    let mut id = String::new();
    for w in words {
        let part = crate::translit::slugify(w);
        if id.len() + part.len() > 40 && !id.is_empty() {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&part);
    }
    id
}

/// «Иванова Мария Петровна» → `ivanova`.
fn person_id(name: &str) -> String {
    name.split_whitespace()
        .next()
        .map(id_from)
        .unwrap_or_default()
}

/// Items of a cell: separated by commas, semicolons or line breaks.
fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// «ШНОР, ШССУ» → [shnor, shssu]; «нет», «-» → none; the rest unknown.
fn categories(text: &str) -> (Vec<String>, Vec<String>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for item in text
        .split([',', ';', '\n', '/', '+'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match item.to_lowercase().as_str() {
            "шнор" | "shnor" => known.push("shnor".to_string()),
            "шссу" | "shssu" => known.push("shssu".to_string()),
            "нет" | "-" | "—" => {}
            _ => unknown.push(item.to_string()),
        }
    }
    known.dedup();
    (known, unknown)
}

/// «r3», «Р3», «3» → r3 (the «500+» risk ids); anything else unknown.
fn risks(text: &str) -> (Vec<String>, Vec<String>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for item in split_list(text) {
        let digits = item.trim_start_matches(['r', 'R', 'р', 'Р']).trim();
        match digits.parse::<u8>() {
            Ok(n) if (1..=10).contains(&n) => known.push(format!("r{n}")),
            _ => unknown.push(item),
        }
    }
    (known, unknown)
}

/// Russian role labels → the contract's ids; anything else as written (the
/// checker names it).
fn role(text: &str) -> String {
    let lower = text.to_lowercase();
    let id = if lower.contains("координатор") {
        "coordinator"
    } else if lower.contains("куратор") {
        "curator"
    } else if lower.contains("рабоч") {
        "working-group"
    } else if lower.contains("тьютор") {
        "tutor"
    } else if lower.contains("наставник") {
        "mentor"
    } else if lower.contains("методист") {
        "methodist"
    } else {
        return text.to_string();
    };
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_ids_from_names_as_editors_write_them() {
        assert_eq!(school_id("МБОУ СОШ № 10"), "sosh-10");
        assert_eq!(school_id("МАОУ «Гимназия № 1»"), "gimnaziya-1");
        assert_eq!(school_id("МКОУ ООШ №2"), "oosh-2");
        assert_eq!(school_id("sosh-7"), "sosh-7");
        assert_eq!(
            school_id(
                "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 10 хутора Степного"
            ),
            "sosh-10-hutora-stepnogo"
        );
    }

    #[test]
    fn categories_and_risks_as_typed() {
        assert_eq!(
            categories("ШНОР, ШССУ"),
            (vec!["shnor".into(), "shssu".into()], vec![])
        );
        assert_eq!(categories("шнор/ШССУ").0.len(), 2);
        assert_eq!(categories("резерв").1, vec!["резерв".to_string()]);
        assert_eq!(
            risks("Р2; r7\n9"),
            (vec!["r2".into(), "r7".into(), "r9".into()], vec![])
        );
        assert_eq!(risks("кадры").1, vec!["кадры".to_string()]);
    }

    #[test]
    fn roles_from_russian_labels() {
        assert_eq!(role("Муниципальный координатор"), "coordinator");
        assert_eq!(role("член рабочей группы"), "working-group");
        assert_eq!(role("эксперт"), "эксперт");
    }
}
