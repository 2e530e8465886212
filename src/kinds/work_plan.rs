//! What roadmaps (src/kinds/roadmap.rs) and work plans (src/kinds/plan.rs) share:
//! the table of measures, the dates reports are due, their rows in lists and
//! their own pages.

use super::{Centre, KindData, document, plan::Plan, report, roadmap::Roadmap};
use crate::dates::{AcademicYear, Due, long_ru, short_ru};
use crate::kinds::model::{Pos, Record, RecordIdx, Ref, RefField, Site};
use crate::kinds::new_args::{NewError, NewOptions, reference};
use crate::kinds::reader::Reader;
use crate::kinds::rule::Ctx;
use crate::kinds::schema::{FieldSpec, FieldType as T, Section, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, link, link_to, natural_key};
use crate::monitoring::execution::{self, Attached, Progress, ReportRows};
use crate::yaml::{Item, Node};
use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

/// A roadmap (owner: a school) or a work plan (owner: a centre): the same table.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkPlan {
    pub owner: Option<Ref>,
    pub academic_year: Option<AcademicYear>,
    pub measures: Vec<Measure>,
    pub approved_by: Option<Ref>,
    pub reports_due: Vec<Date>,
}

/// A row of a roadmap or plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// The section of the table the row is under («1. Организационные
    /// мероприятия»): rows with the same group are shown under one sub-heading.
    pub group: Option<String>,
    pub title: Option<String>,
    pub due: Option<Due>,
    pub responsible: Option<String>,
    pub result: Option<String>,
    /// The risk factors the measure addresses (`risk: r3` or `risk: [r8, r10]`).
    pub risks: Vec<String>,
    pub pos: Pos,
}

impl WorkPlan {
    /// The dates reports on execution are due: `reports_due`, else 30 June of the
    /// academic year's second year.
    pub fn due_dates(&self) -> Vec<Date> {
        if !self.reports_due.is_empty() {
            let mut d = self.reports_due.clone();
            d.sort();
            d
        } else {
            self.academic_year
                .map(|y| vec![y.default_report_due()])
                .unwrap_or_default()
        }
    }
}

/// The latest status of each measure of the roadmap or plan at `idx`, from the
/// reports `of` it (by title, src/monitoring/execution.rs): its page, `/progress/`
/// and `measure-overdue` read the same answer.
pub fn statuses(site: &Site, idx: RecordIdx) -> Option<Attached> {
    let w = of(&site.records[idx])?;
    let reports: Vec<ReportRows<'_>> = site.backlinks[idx]
        .via(report::OF)
        .filter_map(|ri| {
            let rep = site.records[ri].data::<report::Report>()?;
            Some(ReportRows {
                report: ri,
                date: rep.date,
                rows: rep
                    .measures
                    .iter()
                    .map(|m| execution::Row {
                        title: m.title.as_deref(),
                        status: m.status,
                        comment: m.comment.as_deref(),
                    })
                    .collect(),
            })
        })
        .collect();
    Some(execution::attach(&titles(w), &reports))
}

/// The measures' titles, in order: what report rows are matched against.
pub fn titles(w: &WorkPlan) -> Vec<Option<&str>> {
    w.measures.iter().map(|m| m.title.as_deref()).collect()
}

/// The academic years of the roadmaps or plans that point at the record at `idx`
/// through `via` (`roadmap-missing`, `plan-missing`).
pub(super) fn years_of(ctx: &Ctx, idx: RecordIdx, via: RefField) -> Vec<AcademicYear> {
    ctx.site.backlinks[idx]
        .via(via)
        .filter_map(|i| of(&ctx.site.records[i])?.academic_year)
        .collect()
}

/// The `vitrina new` command that creates the owner's missing roadmap or plan for
/// the current academic year: `kind` is `roadmap` or `plan`, `flag` the option
/// naming the owner.
pub(super) fn new_command(ctx: &Ctx, owner: &Record, kind: &str, flag: &str) -> String {
    // The id inside its section (`schools/sosh-10` → `sosh-10`), as references write it.
    let id = owner
        .id
        .strip_prefix(owner.section.dir())
        .and_then(|s| s.strip_prefix('/'))
        .unwrap_or(&owner.id);
    let name = id.rsplit('/').next().unwrap_or(id);
    format!(
        "vitrina new {kind} {name}-{} {flag} {id} --year {}",
        ctx.year.slug(),
        ctx.year
    )
}

/// The roadmap or plan a record is, if it is one.
pub fn of(r: &Record) -> Option<&WorkPlan> {
    r.data::<Roadmap>()
        .map(|w| &w.0)
        .or_else(|| r.data::<Plan>().map(|w| &w.0))
}

/// The columns of a roadmap or plan row (`measures`); only `title` is required.
pub const MEASURE_FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "мероприятие: что будет сделано"),
    opt(
        "group",
        T::Text,
        "раздел таблицы, например «1. Организационные мероприятия»: строки одного раздела идут под общим подзаголовком",
    ),
    opt(
        "due",
        T::Text,
        "срок выполнения, ГГГГ-ММ-ДД или как в таблице: «в течение года», «февраль 2027»",
    ),
    opt("responsible", T::Text, "ответственные: ФИО, должность"),
    opt("result", T::Text, "ожидаемый результат или показатель"),
    opt(
        "risk",
        T::TextList,
        "фактор риска, на который направлено мероприятие: r3 или [r8, r10]",
    ),
];

/// The fields after the owner, the same in roadmaps and plans.
pub(super) const YEAR: FieldSpec = req(
    "academic_year",
    T::AcademicYear,
    "учебный год, например \"2026/2027\"",
);
pub(super) const MEASURES: FieldSpec = req(
    "measures",
    T::Table(MEASURE_FIELDS),
    "мероприятия: title, due, responsible, result",
);
pub(super) const APPROVED_BY: FieldSpec = opt(
    "approved_by",
    T::Ref(Section::Documents),
    "приказ об утверждении (идентификатор документа)",
);
pub(super) const REPORTS_DUE: FieldSpec = opt(
    "reports_due",
    T::DateList,
    "сроки отчётов о выполнении, ГГГГ-ММ-ДД",
);

/// Reads a roadmap or plan; `owner` is the field naming its school or centre.
pub(super) fn read(r: &mut Reader, owner: &str) -> WorkPlan {
    WorkPlan {
        owner: r.reference(owner),
        academic_year: r.academic_year("academic_year"),
        measures: measures(r),
        approved_by: r.reference("approved_by"),
        reports_due: r.date_list("reports_due"),
    }
}

fn measures(r: &mut Reader) -> Vec<Measure> {
    let rows = r.rows("measures");
    rows.into_iter()
        .map(|(row, pos, at)| Measure {
            group: r.row_text("measures", &row, "group", &at),
            title: r.row_text("measures", &row, "title", &at),
            due: r
                .row_text("measures", &row, "due", &at)
                .map(|t| Due::parse(&t)),
            responsible: r.row_text("measures", &row, "responsible", &at),
            result: r.row_text("measures", &row, "result", &at),
            risks: measure_risks(r, &row, &at),
            pos,
        })
        .collect()
}

/// A measure's `risk` cell; a map there is an `invalid-record` at the cell.
fn measure_risks(r: &mut Reader, row: &[(String, Node)], at: &Item) -> Vec<String> {
    let Some((_, node)) = row.iter().find(|(k, _)| k == "risk") else {
        return Vec::new();
    };
    crate::risk_profile::parse_risk_ids(node).unwrap_or_else(|message| {
        let (line, column) = at.key_at("risk");
        r.wrong("measures", Pos { line, column }, message, "");
        Vec::new()
    })
}

/// What makes a [`WorkPlan`] a roadmap or a plan. The rest of what a record of
/// either kind answers ([`KindData`]) and what `vitrina new` fills in are the
/// same, written once below.
pub trait Owned: std::fmt::Debug + Send + Sync {
    /// The field naming the owner (`school`, `centre`), also `vitrina new`'s option.
    const OWNER: &'static str;
    const OWNER_SECTION: Section;
    /// What `vitrina new` asks for without the option: «школу», «центр».
    const OWNER_RU: &'static str;
    /// The start of the title made when the record has none: «Дорожная карта».
    const TITLE_RU: &'static str;

    fn plan(&self) -> &WorkPlan;
    fn plan_mut(&mut self) -> &mut WorkPlan;
    /// The `vitrina new` option naming the owner.
    fn owner_option(args: &NewOptions) -> Option<&String>;
}

/// `vitrina new roadmap --school …`, `vitrina new plan --centre …`: the owner,
/// checked to exist.
pub(super) fn new_values<K: Owned>(
    args: &NewOptions,
) -> Result<Vec<(&'static str, String)>, NewError> {
    let owner = K::owner_option(args).ok_or_else(|| args.need(K::OWNER, K::OWNER_RU))?;
    Ok(vec![(
        K::OWNER,
        reference(&args.root, K::OWNER, owner, K::OWNER_SECTION)?,
    )])
}

impl<K: Owned> KindData for K {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        let w = self.plan();
        let owner = w.owner.iter().map(|r| (K::OWNER, r));
        owner
            .chain(w.approved_by.iter().map(|r| ("approved_by", r)))
            .collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        let w = self.plan_mut();
        let owner = w.owner.iter_mut().map(|r| (K::OWNER, r));
        owner
            .chain(w.approved_by.iter_mut().map(|r| ("approved_by", r)))
            .collect()
    }

    fn page_title(&self, site: &Site, title: Option<&str>) -> Option<String> {
        Some(match title {
            Some(t) => t.to_string(),
            None => self.plan().made_title(site, K::TITLE_RU),
        })
    }

    /// The newest academic year first; no year last.
    fn backlink_rank(&self) -> i64 {
        let year = self.plan().academic_year;
        year.map_or(i64::MAX, |y| -i64::from(y.start))
    }

    /// The date of the approving order.
    fn own_date(&self, site: &Site) -> Option<Date> {
        site.target(&self.plan().approved_by)?
            .data::<document::Document>()?
            .date
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        self.plan().record_view(input, idx, ctx)
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        for m in &self.plan().measures {
            parts.extend(m.title.clone());
            parts.extend(m.responsible.clone());
            parts.extend(m.result.clone());
        }
    }
}

impl WorkPlan {
    /// «Дорожная карта МБОУ СОШ № 3 на 2026/2027 учебный год».
    /// «{what} {owner} на 2026/2027 учебный год»: `what` is «Дорожная карта»,
    /// «План работы» or, after «Отчёт о выполнении», «дорожной карты»; the owner
    /// is named so that it needs no declension (a school's short name, a
    /// centre's «МТКП по математике»).
    pub(super) fn made_title(&self, site: &Site, what: &str) -> String {
        let owner = site
            .target(&self.owner)
            .map(|o| match o.data::<Centre>() {
                Some(c) => c.short_title(),
                None => o.display_title(),
            })
            .unwrap_or_default();
        match self.academic_year {
            Some(y) => format!("{what} {owner} на {y} учебный год"),
            None => format!("{what} {owner}"),
        }
    }

    pub(super) fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        let site = input.site;
        let owner = site.target(&self.owner);
        ctx.insert("owner", &owner.map(|o| link(input, o)));
        ctx.insert(
            "owner_kind",
            &owner
                .and_then(|o| o.data::<super::Centre>())
                .and_then(|c| c.kind)
                .map(|k| k.label_ru()),
        );
        ctx.insert("year", &self.academic_year.map(|y| y.to_string()));
        ctx.insert("approved", &approved(input, self));
        let attached = statuses(site, idx).unwrap_or_default();
        let measures: Vec<MeasureRow> = self
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let latest = attached.latest.get(i).cloned().flatten();
                let status = latest.as_ref().map(|l| l.status);
                let due_date = m.due.as_ref().and_then(|d| d.date);
                MeasureRow {
                    number: i + 1,
                    group: m.group.clone(),
                    title: m.title.clone().unwrap_or_default(),
                    due: m
                        .due
                        .as_ref()
                        .map(|d| match crate::dates::parse_iso(&d.text) {
                            Some(date) => short_ru(date),
                            None => d.text.clone(),
                        }),
                    responsible: m.responsible.clone(),
                    result: m.result.clone(),
                    risks: super::risk::links(input, &m.risks),
                    overdue: execution::due_passed(status, due_date, input.today),
                    status: Progress::of(status, due_date, input.today).label_ru(),
                    status_class: Progress::of(status, due_date, input.today).css(),
                    status_comment: latest.as_ref().and_then(|l| l.comment.clone()),
                    status_report: latest.map(|l| report::dated_link(input, l.report)),
                }
            })
            .collect();
        ctx.insert("measure_groups", &groups(&measures));
        ctx.insert("measures", &measures);
        let reports: Vec<RecordIdx> = site.backlinks[idx].via(report::OF).collect();
        let dues: Vec<DueView> = self
            .due_dates()
            .into_iter()
            .enumerate()
            .map(|(i, d)| DueView {
                date: long_ru(d),
                report: reports.get(i).map(|&ri| report::dated_link(input, ri)),
                passed: d < input.today,
            })
            .collect();
        ctx.insert("dues", &dues);
    }
}

fn approved(input: &RenderInput, w: &WorkPlan) -> Option<Link> {
    input.site.target(&w.approved_by).map(|d| Link {
        title: document::citation(d),
        url: link_to(input, &d.url),
    })
}

#[derive(Serialize)]
struct MeasureRow {
    number: usize,
    group: Option<String>,
    title: String,
    due: Option<String>,
    responsible: Option<String>,
    result: Option<String>,
    /// The risk factors the measure addresses, linked to their pages.
    risks: Vec<Link>,
    /// «срок прошёл»: the parsed due date lies before today and the measure is
    /// not reported done (a mark, not an error: `measure-overdue` has the grace).
    overdue: bool,
    /// The latest status from the reports, or «нет отчёта».
    status: &'static str,
    status_class: &'static str,
    status_comment: Option<String>,
    /// The report the status comes from.
    status_report: Option<Link>,
}

/// Consecutive rows under the same `group`: one sub-heading each (rows with no
/// group form a run without a heading).
#[derive(Serialize)]
struct MeasureGroup<'a> {
    title: Option<&'a str>,
    measures: Vec<&'a MeasureRow>,
}

fn groups(rows: &[MeasureRow]) -> Vec<MeasureGroup<'_>> {
    let mut out: Vec<MeasureGroup> = Vec::new();
    for row in rows {
        match out.last_mut() {
            Some(g) if g.title == row.group.as_deref() => g.measures.push(row),
            _ => out.push(MeasureGroup {
                title: row.group.as_deref(),
                measures: vec![row],
            }),
        }
    }
    out
}

#[derive(Serialize)]
struct DueView {
    date: String,
    report: Option<Link>,
    passed: bool,
}

/// A roadmap or plan in a list (its school's or centre's page, the section pages).
#[derive(Serialize)]
pub struct Row {
    link: Link,
    owner: Option<Link>,
    year: Option<String>,
    approved: Option<Link>,
    measures: usize,
    reports: Vec<Link>,
}

pub fn row(input: &RenderInput, idx: RecordIdx) -> Row {
    let site = input.site;
    let r = &site.records[idx];
    let w = of(r).expect("roadmap or plan");
    Row {
        link: link(input, r),
        owner: site.target(&w.owner).map(|o| link(input, o)),
        year: w.academic_year.map(|y| y.to_string()),
        approved: approved(input, w),
        measures: w.measures.len(),
        reports: site.backlinks[idx]
            .via(report::OF)
            .map(|i| report::dated_link(input, i))
            .collect(),
    }
}

/// Newest academic year first, then by owner.
pub(super) fn sorted_by_year(input: &RenderInput, mut ids: Vec<RecordIdx>) -> Vec<RecordIdx> {
    let records = &input.site.records;
    ids.sort_by_cached_key(|&i| {
        let w = of(&records[i]);
        let owner = w
            .and_then(|w| input.site.target(&w.owner))
            .map(|o| natural_key(&o.display_title()));
        (std::cmp::Reverse(w.and_then(|w| w.academic_year)), owner)
    });
    ids
}

#[derive(Serialize)]
pub(super) struct YearGroup {
    year: String,
    rows: Vec<Row>,
}

/// The rows grouped by academic year, newest first.
pub(super) fn by_year(input: &RenderInput, ids: &[RecordIdx]) -> Vec<YearGroup> {
    let mut groups: Vec<YearGroup> = Vec::new();
    for i in sorted_by_year(input, ids.to_vec()) {
        let row = row(input, i);
        let year = row
            .year
            .clone()
            .unwrap_or_else(|| "Учебный год не указан".into());
        match groups.last_mut() {
            Some(g) if g.year == year => g.rows.push(row),
            _ => groups.push(YearGroup {
                year,
                rows: vec![row],
            }),
        }
    }
    groups
}
