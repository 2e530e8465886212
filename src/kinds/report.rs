//! Reports (отчёты): on an event, or on the execution of a roadmap or plan.

mod rules;

use super::{KindData, KindSpec, Meta, Plan, Roadmap};
use crate::dates::short_ru;
use crate::diagnostics::RuleId;
use crate::kinds::model::{Attachment, Pos, Record, RecordIdx, Ref, RefField, Site};
use crate::kinds::new_args::{NewError, NewOptions, full_reference};
use crate::kinds::reader::Reader;
use crate::kinds::rule::CheckFn;
use crate::kinds::schema::{
    DRAFT, FieldSpec, FieldType as T, FullRef, Section, UPDATED, WEIGHT, opt, req,
};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{
    FileView, Link, file_view, link, link_to, newest_first, opt_date, opt_short,
};
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub of: Option<Ref>,
    pub date: Option<Date>,
    pub measures: Vec<MeasureStatus>,
    pub files: Vec<Attachment>,
}

/// A row of a report on execution.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureStatus {
    pub title: Option<String>,
    pub status: Option<Status>,
    pub comment: Option<String>,
    pub pos: Pos,
}

/// A report row's status (`done`, `partly`, `not_done`): the vocabulary of
/// execution, kept with its judgement in src/monitoring/execution.rs.
pub use crate::monitoring::execution::Status;

/// The reports on a record point at it through `of`.
pub const OF: RefField = RefField {
    from: Section::Reports,
    field: "of",
};

/// What a report can be of.
pub const SUBJECTS: FullRef = FullRef {
    sections: &[Section::Events, Section::Roadmaps, Section::Plans],
    wrong_target_ru: "отчёт может быть о мероприятии, дорожной карте или плане",
    targets_ru: "мероприятия, дорожной карты или плана",
    example: "events/seminar-okt или roadmaps/sosh-3-2026-2027",
};

/// The columns of a row of a report on execution (`measures` in reports).
pub const MEASURE_STATUS_FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "мероприятие из дорожной карты или плана"),
    opt(
        "status",
        T::Text,
        "отметка о выполнении: done (выполнено), partly (частично), not_done (не выполнено)",
    ),
    opt(
        "comment",
        T::Text,
        "комментарий: что сделано или почему не выполнено",
    ),
];

const FIELDS: &[FieldSpec] = &[
    req(
        "of",
        T::FullRef(&SUBJECTS),
        "о чём отчёт: полный идентификатор, например events/seminar-okt",
    ),
    req("date", T::Date, "дата отчёта, ГГГГ-ММ-ДД"),
    opt("title", T::Text, "заголовок отчёта"),
    opt(
        "measures",
        T::Table(MEASURE_STATUS_FIELDS),
        "выполнение мероприятий: title, status (done, partly, not_done), comment",
    ),
    opt("files", T::AttachmentList, "приложенные файлы"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

#[derive(Serialize)]
struct Row {
    link: Link,
    date: Option<String>,
    subject: Option<Link>,
    subject_kind: Option<&'static str>,
}

#[derive(Serialize)]
struct StatusRow {
    number: usize,
    title: String,
    status: Option<&'static str>,
    status_class: Option<&'static str>,
    comment: Option<String>,
}

impl KindSpec for Report {
    const META: Meta = Meta {
        dir: "reports",
        name: "report",
        title_ru: "Отчёты",
        nav_ru: "Отчёты",
        nav_order: 5,
        record_ru: "отчёт",
        fields: FIELDS,
        aliases: &["отчет"],
        new_ru: "отчёт",
        new_extension: "md",
        new_options: &["of"],
        templates: &[],
    };

    fn read(r: &mut Reader) -> Self {
        Report {
            of: r.reference("of"),
            date: r.date("date"),
            measures: measure_statuses(r),
            files: r.attachments("files"),
        }
    }

    /// Newest first.
    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let site = input.site;
        let rows: Vec<(Option<Date>, Row)> = ids
            .iter()
            .map(|&i| {
                let r = &site.records[i];
                let rep = r.data::<Report>().expect("report");
                let subject = site.target(&rep.of);
                (
                    rep.date,
                    Row {
                        link: link(input, r),
                        date: opt_short(rep.date),
                        subject: subject.map(|s| link(input, s)),
                        subject_kind: subject.map(|s| s.section.record_ru()),
                    },
                )
            })
            .collect();
        ctx.insert("rows", &newest_first(rows));
    }

    fn new_values(args: &NewOptions) -> Result<Vec<(&'static str, String)>, NewError> {
        let of = args
            .of
            .as_ref()
            .ok_or_else(|| args.need("of", "о чём отчёт (мероприятие, дорожную карту или план)"))?;
        Ok(vec![(
            "of",
            full_reference(&args.root, "of", of, &SUBJECTS)?,
        )])
    }

    /// A report on an event tells what happened in its text: no table of measures.
    fn new_leaves_out(args: &NewOptions) -> &'static [&'static str] {
        let on_event = args
            .of
            .as_deref()
            .is_some_and(|of| of.trim().trim_matches('/').starts_with("events/"));
        if on_event { &["measures"] } else { &[] }
    }

    const RULES: &'static [(RuleId, CheckFn)] = rules::RULES;
}

impl KindData for Report {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.of.iter().map(|r| ("of", r)).collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.of.iter_mut().map(|r| ("of", r)).collect()
    }

    fn attachments(&self) -> Vec<&Attachment> {
        self.files.iter().collect()
    }

    fn attachments_mut(&mut self) -> Vec<&mut Attachment> {
        self.files.iter_mut().collect()
    }

    /// «Отчёт: Семинар …».
    fn page_title(&self, site: &Site, title: Option<&str>) -> Option<String> {
        Some(match title {
            Some(t) => t.to_string(),
            None => made_title(site, site.target(&self.of)),
        })
    }

    /// Oldest first; no date before any.
    fn backlink_rank(&self) -> i64 {
        self.date.map_or(i64::MIN, |d| {
            i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
        })
    }

    fn own_date(&self, _site: &Site) -> Option<Date> {
        self.date
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        for m in &self.measures {
            parts.extend(m.title.clone());
            parts.extend(m.comment.clone());
        }
    }

    fn record_view(&self, input: &RenderInput, _idx: RecordIdx, ctx: &mut Context) {
        let subject = input.site.target(&self.of);
        ctx.insert("subject", &subject.map(|s| link(input, s)));
        ctx.insert("subject_kind", &subject.map(|s| s.section.record_ru()));
        ctx.insert("date", &opt_date(self.date));
        let rows: Vec<StatusRow> = self
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| StatusRow {
                number: i + 1,
                title: m.title.clone().unwrap_or_default(),
                status: m.status.map(|s| s.label_ru()),
                status_class: m.status.map(|s| s.css()),
                comment: m.comment.clone(),
            })
            .collect();
        ctx.insert("measures", &rows);
        // Photos are shown as a gallery, other files as downloads.
        let (images, files): (Vec<&Attachment>, Vec<&Attachment>) =
            self.files.iter().partition(|a| a.is_image());
        let files: Vec<FileView> = files
            .into_iter()
            .filter_map(|a| file_view(input, a))
            .collect();
        let images: Vec<FileView> = images
            .into_iter()
            .filter_map(|a| file_view(input, a))
            .collect();
        ctx.insert("files", &files);
        ctx.insert("images", &images);
    }
}

/// The title of a report without its own: said of what it reports on, in words
/// that need no declension of a name («Отчёт о мероприятии «…»», «Отчёт о
/// выполнении дорожной карты МБОУ СОШ № 3 на 2026/2027 учебный год»).
fn made_title(site: &Site, subject: Option<&Record>) -> String {
    let Some(subject) = subject else {
        return "Отчёт".to_string();
    };
    if subject.title.is_none() {
        if let Some(w) = subject.data::<Roadmap>() {
            return format!(
                "Отчёт о выполнении {}",
                w.0.made_title(site, "дорожной карты")
            );
        }
        if let Some(w) = subject.data::<Plan>() {
            return format!(
                "Отчёт о выполнении {}",
                w.0.made_title(site, "плана работы")
            );
        }
    }
    let name = site.title(subject);
    if subject.section == Section::Events {
        format!("Отчёт о мероприятии «{name}»")
    } else {
        format!("Отчёт о выполнении: {name}")
    }
}

/// «Отчёт от 20.01.2026»: reports are told apart by date in lists.
pub fn dated_link(input: &RenderInput, idx: RecordIdx) -> Link {
    let r = &input.site.records[idx];
    let date = r.data::<Report>().and_then(|rep| rep.date);
    Link {
        title: match date {
            Some(d) => format!("Отчёт от {}", short_ru(d)),
            None => r.display_title(),
        },
        url: link_to(input, &r.url),
    }
}

fn measure_statuses(r: &mut Reader) -> Vec<MeasureStatus> {
    let rows = r.rows("measures");
    rows.into_iter()
        .map(|(row, pos, at)| {
            let status = r.row_text("measures", &row, "status", &at).and_then(|s| {
                let status = parse_status(&s);
                if status.is_none() {
                    let (line, column) = at.key_at("status");
                    r.wrong(
                        "measures",
                        Pos { line, column },
                        format!("неизвестная отметка о выполнении «{s}»"),
                        &status_hint(&s),
                    );
                }
                status
            });
            MeasureStatus {
                title: r.row_text("measures", &row, "title", &at),
                status,
                comment: r.row_text("measures", &row, "comment", &at),
                pos,
            }
        })
        .collect()
}

/// The allowed statuses in Russian, and what to write for work still going on.
fn status_hint(written: &str) -> String {
    const ALLOWED: &str = "отметка о выполнении — одно из трёх: выполнено, частично, не выполнено (или done, partly, not_done)";
    let lower = written.to_lowercase();
    let ongoing = [
        "в работе",
        "в процессе",
        "выполняется",
        "ведётся",
        "ведется",
        "начато",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if ongoing {
        format!(
            "{ALLOWED}; начатое, но не законченное отмечается «частично» (status: частично), подробности — в comment"
        )
    } else {
        ALLOWED.to_string()
    }
}

fn parse_status(s: &str) -> Option<Status> {
    match s.trim().to_lowercase().replace(' ', "_").as_str() {
        "done" | "выполнено" => Some(Status::Done),
        "partly" | "частично" | "выполнено_частично" => {
            Some(Status::Partly)
        }
        "not_done" | "не_выполнено" => Some(Status::NotDone),
        _ => None,
    }
}
