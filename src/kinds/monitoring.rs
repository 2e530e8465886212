//! Monitoring records (contract 7.3): the results of one assessment procedure in
//! one academic year (ВПР, ОГЭ, ЕГЭ …), its values per school in a CSV file next
//! to the record (`data:`), as editors export it from Excel. Records of one
//! measure across years share a `series`.
//!
//! The CSV is decoded by the shared reader (src/tabular/csv.rs) and its rows read
//! by src/monitoring/data.rs after the site is resolved (schools are named by
//! id, name or short name, so every school must be known first): see
//! [`finish`]. Each school named gets a backlink to the record, so its page
//! shows its series over the years and `serve` rebuilds it when the data changes.

mod rules;

use super::{KindData, KindSpec, Meta};
use crate::chart::ChartView;
use crate::dates::AcademicYear;
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{Attachment, Pos, RecordIdx, RefField, Site};
use crate::kinds::reader::Reader;
use crate::kinds::rule::CheckFn;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{Link, file_view, link, link_idx};
use crate::monitoring::data::{self, ProblemKind, Results, SchoolIndex};
use crate::monitoring::{Better, results};
use crate::numbers::format_ru;
use crate::opendata::Table;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Monitoring {
    pub series: Option<String>,
    pub academic_year: Option<AcademicYear>,
    pub procedure: Option<String>,
    pub unit: Option<String>,
    pub better: Option<Better>,
    pub threshold: Option<f64>,
    /// Where `threshold` is written (`percent-out-of-range` points there).
    pub threshold_at: Pos,
    pub data: Option<Attachment>,
    /// The rows of `data`, read by [`finish`] once the schools are resolved.
    pub results: Results,
}

/// Schools point at the monitoring records whose data names them.
pub const DATA: RefField = RefField {
    from: Section::Monitoring,
    field: "data",
};

const FIELDS: &[FieldSpec] = &[
    req(
        "title",
        T::Text,
        "название, например «ВПР-2026: доля отметок «2»»",
    ),
    req(
        "series",
        T::Text,
        "идентификатор серии: общий у записей одного показателя за разные годы (vpr-dolya-2)",
    ),
    req(
        "academic_year",
        T::AcademicYear,
        "учебный год, например \"2025/2026\"",
    ),
    opt(
        "procedure",
        T::Text,
        "процедура: vpr, oge, ege, rdr, other (можно по-русски: ВПР, ОГЭ, ЕГЭ, РДР)",
    ),
    opt("unit", T::Text, "единица: %, балл, чел."),
    req("better", T::Text, "что лучше: higher или lower"),
    req(
        "threshold",
        T::Text,
        "порог низкого результата: при better: lower низкий — не меньше порога, при higher — не больше",
    ),
    req(
        "data",
        T::Attachment,
        "CSV-файл рядом с записью: столбцы «Школа», «Предмет», «Значение» (и «Класс»)",
    ),
    UPDATED,
    DRAFT,
    WEIGHT,
];

/// `procedure` as shown: the contract's ids or the Russian an editor writes.
pub fn procedure_ru(p: &str) -> &str {
    match p.trim().to_lowercase().as_str() {
        "vpr" | "впр" => "ВПР",
        "oge" | "огэ" => "ОГЭ",
        "ege" | "егэ" => "ЕГЭ",
        "rdr" | "рдр" => "РДР",
        _ => p,
    }
}

impl KindSpec for Monitoring {
    const META: Meta = Meta {
        dir: "monitoring",
        name: "monitoring",
        title_ru: "Мониторинг",
        nav_ru: "Мониторинг",
        nav_order: 10,
        record_ru: "запись мониторинга",
        fields: FIELDS,
        aliases: &["мониторинг"],
        new_ru: "мониторинг",
        new_extension: "md",
        new_options: &["year"],
        templates: &[
            (
                "record/monitoring.html",
                include_str!("monitoring/record.html"),
            ),
            (
                "section/monitoring.html",
                include_str!("monitoring/section.html"),
            ),
        ],
    };

    fn read(r: &mut Reader) -> Self {
        let better = super::values::better(r);
        let threshold_at = r.get("threshold").map(|(_, p)| p).unwrap_or_default();
        let threshold = r.get("threshold").map(|(n, _)| n.clone()).and_then(|node| {
            let v = crate::monitoring::values::number(&node);
            if v.is_none() {
                r.wrong(
                    "threshold",
                    threshold_at,
                    format!("порог должен быть числом, а здесь {}", node.type_name()),
                    "например threshold: 25 или threshold: 3,3",
                );
            }
            v
        });
        Monitoring {
            series: r.text("series"),
            academic_year: r.academic_year("academic_year"),
            procedure: r.text("procedure"),
            unit: r.text("unit"),
            better,
            threshold,
            threshold_at,
            data: r.attachment("data"),
            results: Results::default(),
        }
    }

    const FINISHES: bool = true;

    fn finish(site: &mut Site) {
        read_all_data(site);
    }

    const RULES: &'static [(RuleId, CheckFn)] = rules::RULES;

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        let mut rows: Vec<(Option<AcademicYear>, SectionRow)> = ids
            .iter()
            .filter_map(|&i| {
                let r = &input.site.records[i];
                let m = r.data::<Monitoring>()?;
                Some((
                    m.academic_year,
                    SectionRow {
                        link: link(input, r),
                        series: m.series.clone().unwrap_or_default(),
                        year: m.academic_year.map(|y| y.to_string()),
                        procedure: m.procedure.as_deref().map(|p| procedure_ru(p).to_string()),
                        schools: m.results.rows.len(),
                        low: m.low_count(),
                    },
                ))
            })
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.series.cmp(&b.1.series)));
        ctx.insert(
            "rows",
            &rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
        );
    }
}

impl Monitoring {
    /// The data CSV relative to the site root, `/`-separated, as findings name
    /// files; `None` when it was not found.
    pub fn data_file(&self, root: &Path) -> Option<String> {
        let source = self.data.as_ref()?.source.as_ref()?;
        Some(
            source
                .strip_prefix(root)
                .unwrap_or(source)
                .to_string_lossy()
                .replace('\\', "/"),
        )
    }

    fn low_count(&self) -> usize {
        let (Some(b), Some(t)) = (self.better, self.threshold) else {
            return 0;
        };
        self.results
            .rows
            .iter()
            .filter(|r| r.value.is_some_and(|v| b.is_low(v, t)))
            .count()
    }
}

/// After resolving: reads every monitoring record's CSV (on every thread), turns
/// its problems into findings at the CSV's line and column, and gives each school
/// it names a backlink to the record.
fn read_all_data(site: &mut Site) {
    let has_data = |r: &crate::kinds::model::Record| {
        r.data::<Monitoring>()
            .is_some_and(|m| m.data.as_ref().is_some_and(|d| d.source.is_some()))
    };
    // Most sites have no results tables: no index of every school's names then.
    if !site.records.iter().any(has_data) {
        return;
    }
    let mut schools = SchoolIndex::default();
    for (idx, r) in site.in_section(Section::Schools) {
        let local = r.id.strip_prefix("schools/").unwrap_or(&r.id);
        let s = r.data::<super::School>();
        let mut names = vec![local];
        names.extend(s.and_then(|s| s.name.as_deref()));
        names.extend(s.and_then(|s| s.short_name.as_deref()));
        schools.add(idx, &names);
    }
    let root = site.root.clone();
    let read: Vec<(RecordIdx, Results, Vec<Finding>)> = site
        .records
        .par_iter()
        .enumerate()
        .filter_map(|(idx, r)| {
            let m = r.data::<Monitoring>()?;
            let source = m.data.as_ref()?.source.as_ref()?;
            let csv_file = m.data_file(&root)?;
            let mut results = match std::fs::read(source) {
                Ok(bytes) => data::read_csv(&bytes, &schools),
                Err(e) => Results::failed(data::Problem {
                    kind: ProblemKind::Invalid,
                    line: 1,
                    column: 1,
                    message: format!("файл данных не читается: {}", crate::os_error::describe(&e)),
                    hint: String::new(),
                }),
            };
            let findings = std::mem::take(&mut results.problems)
                .into_iter()
                .map(|p| {
                    let rule = match p.kind {
                        ProblemKind::Invalid => RuleId::InvalidRecord,
                        ProblemKind::UnknownSchool => RuleId::BrokenReference,
                    };
                    let f = Finding::error(rule, p.message)
                        .record(&r.id)
                        .file(&csv_file)
                        .at(p.line.max(1), p.column.max(1));
                    if p.hint.is_empty() { f } else { f.hint(p.hint) }
                })
                .collect();
            Some((idx, results, findings))
        })
        .collect();
    for (idx, results, findings) in read {
        let mut named: Vec<RecordIdx> = results.rows.iter().map(|r| r.school).collect();
        named.sort_unstable();
        named.dedup();
        for school in named {
            site.backlinks[school].0.push((DATA, idx));
        }
        if let super::Kind::Monitoring(m) = &mut site.records[idx].kind {
            m.results = results;
        }
        site.findings.extend(findings);
    }
}

#[derive(Serialize)]
struct SectionRow {
    link: Link,
    series: String,
    year: Option<String>,
    procedure: Option<String>,
    schools: usize,
    low: usize,
}

#[derive(Serialize)]
struct SubjectView {
    heading: String,
    rows: Vec<ResultView>,
    /// `None` above [`MAX_CHART_BARS`] schools: the table alone.
    chart: Option<ChartView>,
}

/// The most schools a subject's chart draws: a bar is 18 px, and a chart of
/// hundreds of bars (a regional table) is read by no one, yet makes the page
/// many times heavier. Above it the page shows the table and says why.
pub const MAX_CHART_BARS: usize = 60;

/// A year of the record's series, for «Другие годы серии».
#[derive(Serialize)]
struct SeriesYear {
    year: String,
    link: Link,
}

#[derive(Serialize)]
struct ResultView {
    school: Link,
    value: Option<String>,
    low: bool,
    /// The other columns of the row, as written.
    extra: Vec<String>,
}

impl KindData for Monitoring {
    /// One row per school and subject: the school's id and name, subject, grade,
    /// value (decimal point), whether it is low, then the other columns as written.
    fn open_data(&self, input: &RenderInput, _r: &crate::kinds::model::Record) -> Option<Table> {
        // A table that could not be read (its findings say why) is no data set:
        // an empty CSV listed on /opendata/ would look like a published one.
        if self.results.rows.is_empty() {
            return None;
        }
        let site = input.site;
        let low = |v: Option<f64>| match (v, self.better, self.threshold) {
            (Some(v), Some(b), Some(t)) => {
                if b.is_low(v, t) {
                    "yes"
                } else {
                    "no"
                }
            }
            _ => "",
        };
        let extra: Vec<usize> = (0..self.results.roles.len())
            .filter(|&c| self.results.roles[c] == data::Role::Other)
            .collect();
        let mut headers: Vec<String> = ["school_id", "school", "subject", "grade", "value", "low"]
            .map(String::from)
            .to_vec();
        headers.extend(extra.iter().map(|&c| self.results.headings[c].clone()));
        let rows = self
            .results
            .rows
            .iter()
            .map(|row| {
                let school = &site.records[row.school];
                let mut cells = vec![
                    school
                        .id
                        .strip_prefix("schools/")
                        .unwrap_or(&school.id)
                        .to_string(),
                    school.display_title(),
                    row.subject.clone(),
                    row.grade.clone().unwrap_or_default(),
                    row.value
                        .map(crate::numbers::format_point)
                        .unwrap_or_default(),
                    low(row.value).to_string(),
                ];
                cells.extend(
                    extra
                        .iter()
                        .map(|&c| row.cells.get(c).cloned().unwrap_or_default()),
                );
                cells
            })
            .collect();
        Some(Table {
            description: format!(
                "Результаты по школам{}{}; порог низкого результата: {}.",
                self.procedure
                    .as_deref()
                    .map(|p| format!(", процедура {}", procedure_ru(p)))
                    .unwrap_or_default(),
                self.academic_year
                    .map(|y| format!(", {y} учебный год"))
                    .unwrap_or_default(),
                self.threshold
                    .map(crate::numbers::format_ru)
                    .unwrap_or_else(|| "не указан".into())
            ),
            headers,
            rows,
        })
    }

    fn attachments(&self) -> Vec<&Attachment> {
        self.data.iter().collect()
    }

    fn attachments_mut(&mut self) -> Vec<&mut Attachment> {
        self.data.iter_mut().collect()
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.series.clone());
        parts.extend(
            self.procedure
                .as_deref()
                .map(|p| procedure_ru(p).to_string()),
        );
    }

    fn record_view(&self, input: &RenderInput, idx: RecordIdx, ctx: &mut Context) {
        let r = &input.site.records[idx];
        let unit = self.unit.clone().unwrap_or_default();
        let threshold = self.threshold.unwrap_or(0.0);
        let better = self.better.unwrap_or(Better::Lower);
        let extra_cols: Vec<usize> = (0..self.results.roles.len())
            .filter(|&c| self.results.roles[c] == data::Role::Other)
            .collect();
        let subjects: Vec<SubjectView> = results::by_subject(&self.results.rows, better, threshold)
            .iter()
            .enumerate()
            .map(|(n, t)| SubjectView {
                heading: t.heading(),
                rows: t
                    .rows
                    .iter()
                    .map(|(row, low)| ResultView {
                        school: link_idx(input, row.school),
                        value: row.value.map(format_ru),
                        low: *low,
                        extra: extra_cols
                            .iter()
                            .map(|&c| row.cells.get(c).cloned().unwrap_or_default())
                            .collect(),
                    })
                    .collect(),
                chart: (t.rows.len() <= MAX_CHART_BARS).then(|| {
                    results::subject_chart(
                        &format!("chart-{}", n + 1),
                        &r.display_title(),
                        t,
                        &unit,
                        threshold,
                        |s| input.site.records[s].display_title(),
                    )
                    .layout()
                }),
            })
            .collect();
        ctx.insert("max_chart_bars", &MAX_CHART_BARS);
        // The series id is a key for editors; readers get the other years' pages.
        let mut years: Vec<(Option<AcademicYear>, SeriesYear)> = input
            .site
            .in_section(Section::Monitoring)
            .filter(|&(i, _)| i != idx)
            .filter_map(|(i, other)| {
                let m = other.data::<Monitoring>()?;
                (m.series.is_some() && m.series == self.series).then(|| {
                    (
                        m.academic_year,
                        SeriesYear {
                            year: m.academic_year.map_or_else(String::new, |y| y.to_string()),
                            link: link_idx(input, i),
                        },
                    )
                })
            })
            .collect();
        years.sort_by_key(|(y, _)| *y);
        ctx.insert(
            "series_years",
            &years.into_iter().map(|(_, y)| y).collect::<Vec<_>>(),
        );
        ctx.insert("year", &self.academic_year.map(|y| y.to_string()));
        ctx.insert("procedure", &self.procedure.as_deref().map(procedure_ru));
        ctx.insert("unit", &unit);
        ctx.insert("better", &self.better.map(Better::label_ru));
        ctx.insert("threshold", &self.threshold.map(format_ru));
        ctx.insert(
            "extra_headings",
            &extra_cols
                .iter()
                .map(|&c| self.results.headings[c].clone())
                .collect::<Vec<_>>(),
        );
        ctx.insert("subjects", &subjects);
        // The source table is published beside the page: linked, not left hanging.
        ctx.insert(
            "file",
            &self.data.as_ref().and_then(|a| file_view(input, a)),
        );
    }
}

/// (series, subject in lower case, grade): one line of a school's results.
type SeriesKey = (String, String, Option<String>);

/// One series and subject of a school over the years (its page).
#[derive(Serialize)]
pub struct SchoolSeries {
    heading: String,
    unit: String,
    years: Vec<SchoolYear>,
    /// `None` when the school has more than [`MAX_SCHOOL_CHARTS`] series.
    chart: Option<ChartView>,
}

/// The most series a school page draws charts for. A regional table can put a
/// school into a hundred series; a page of a hundred charts is read by no one
/// and weighs megabytes, so above it the page keeps the tables (each year links
/// its monitoring page, which has the chart) and says so.
pub const MAX_SCHOOL_CHARTS: usize = 12;

#[derive(Serialize)]
struct SchoolYear {
    record: Link,
    year: String,
    value: Option<String>,
    threshold: String,
    low: bool,
}

/// A record's title without the calendar year of its academic year, for a
/// heading over several years: «ВПР-2026: доля «2»» → «ВПР: доля «2»».
fn without_year(title: &str, year: AcademicYear) -> String {
    let mut out = title.to_string();
    for y in [year.start + 1, year.start] {
        for written in [
            format!(" {y} года"),
            format!(" {y} г."),
            format!("-{y}"),
            format!(" {y}"),
            format!("{y}"),
        ] {
            out = out.replace(&written, "");
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The school's values in every series and subject the data names it in,
/// oldest year first; found through the backlinks [`read_all_data`] gives.
pub fn school_series(input: &RenderInput, school: RecordIdx) -> Vec<SchoolSeries> {
    let site = input.site;
    let mut groups: BTreeMap<SeriesKey, Vec<(RecordIdx, results::YearValue)>> = BTreeMap::new();
    for m_idx in site.backlinks[school].via(DATA) {
        let Some(m) = site.records[m_idx].data::<Monitoring>() else {
            continue;
        };
        let (Some(year), Some(threshold)) = (m.academic_year, m.threshold) else {
            continue;
        };
        let better = m.better.unwrap_or(Better::Lower);
        let series = m.series.clone().unwrap_or_default();
        for row in m.results.rows_of(school) {
            let key = (
                series.clone(),
                row.subject.to_lowercase(),
                row.grade.clone(),
            );
            let value = results::YearValue {
                year,
                value: row.value,
                low: row.value.is_some_and(|v| better.is_low(v, threshold)),
                threshold,
            };
            groups.entry(key).or_default().push((m_idx, value));
        }
    }
    let charts = groups.len() <= MAX_SCHOOL_CHARTS;
    groups
        .into_iter()
        .enumerate()
        .map(|(n, ((_, subject_key, grade), mut years))| {
            years.sort_by_key(|(_, y)| y.year);
            let latest = &site.records[years.last().expect("a group has a year").0];
            let m = latest.data::<Monitoring>().expect("monitoring");
            // This group's row (the school has one per subject and grade).
            let row = m
                .results
                .rows_of(school)
                .find(|r| r.subject.to_lowercase() == subject_key && r.grade == grade);
            let subject = row.map(|r| match &r.grade {
                Some(g) if g.chars().all(|c| c.is_ascii_digit()) => {
                    format!("{}, {g} класс", r.subject)
                }
                Some(g) => format!("{}, {g}", r.subject),
                None => r.subject.clone(),
            });
            // The series by its latest record's title without its year, since the
            // table spans years: «Математика — ОГЭ: средняя отметка».
            let heading = format!(
                "{} — {}",
                subject.unwrap_or_default(),
                m.academic_year.map_or_else(
                    || latest.display_title(),
                    |y| without_year(&latest.display_title(), y)
                )
            );
            let unit = m.unit.clone().unwrap_or_default();
            let values: Vec<results::YearValue> = years.iter().map(|(_, y)| y.clone()).collect();
            SchoolSeries {
                chart: charts.then(|| {
                    results::school_series_chart(
                        &format!("series-{}", n + 1),
                        &format!("{heading} — {}", site.records[school].display_title()),
                        &unit,
                        &values,
                    )
                    .layout()
                }),
                years: years
                    .iter()
                    .map(|(i, y)| SchoolYear {
                        record: link_idx(input, *i),
                        year: y.year.to_string(),
                        value: y.value.map(format_ru),
                        threshold: format_ru(y.threshold),
                        low: y.low,
                    })
                    .collect(),
                heading,
                unit,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_heading_drops_the_year_of_its_latest_record() {
        let y = AcademicYear { start: 2025 };
        assert_eq!(
            without_year("ВПР-2026: доля отметок «2»", y),
            "ВПР: доля отметок «2»"
        );
        assert_eq!(
            without_year("ОГЭ 2026 года: средняя отметка", y),
            "ОГЭ: средняя отметка"
        );
        assert_eq!(without_year("Результаты ОГЭ", y), "Результаты ОГЭ");
    }
}
