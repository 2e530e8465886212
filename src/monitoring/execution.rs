//! Execution of roadmaps and plans (contract 7.1): which status each measure has.
//!
//! A report's `measures` rows attach to the measures of the roadmap or plan it is
//! `of` by title, compared on [`title_key`] (case, spaces and quotes ignored), so
//! «Семинар "Функциональная грамотность"» in the plan and «семинар «Функциональная
//! грамотность»» in the report are the same measure. The latest report wins (by
//! its `date`; reports of one date in the order given). A row that matches no
//! measure is kept as [`Attached::unmatched`], and the findings name its closest
//! title, so a typo is shown to the editor instead of silently losing the status.

use crate::chart::{BarChart, Group, Pattern, Series};
use crate::dates::working_days_between;
use jiff::civil::Date;

/// The comparison key of a measure title: NFC (a title typed on a Mac arrives
/// decomposed), lower case, `ё` as `е`, without whitespace, quotes («» "" „“ ‘’ ')
/// or a closing full stop.
pub fn title_key(title: &str) -> String {
    let title = title.trim().trim_end_matches('.');
    let composed = crate::unicode::nfc(title);
    let mut key = String::with_capacity(composed.len());
    for c in composed.chars() {
        match c {
            // Russian letters without the Unicode case tables.
            'А'..='Я' => key.push(char::from_u32(c as u32 + 32).unwrap_or(c)),
            'ё' | 'Ё' => key.push('е'),
            'а'..='я' => key.push(c),
            c if c.is_ascii() => {
                if !c.is_whitespace() && !is_quote(c) {
                    key.push(c.to_ascii_lowercase())
                }
            }
            c if c.is_whitespace() || is_quote(c) => {}
            c => key.extend(c.to_lowercase()),
        }
    }
    key
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '«' | '»' | '„' | '“' | '”' | '‟' | '‘' | '’' | '‚' | '‹' | '›'
    )
}

/// A report row's status (`status:` in a report's `measures`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Done,
    Partly,
    NotDone,
}

impl Status {
    pub fn label_ru(self) -> &'static str {
        match self {
            Status::Done => "выполнено",
            Status::Partly => "выполнено частично",
            Status::NotDone => "не выполнено",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Partly => "partly",
            Status::NotDone => "not-done",
        }
    }
}

/// One row of a report's `measures`, as far as execution needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'a> {
    pub title: Option<&'a str>,
    pub status: Option<Status>,
    pub comment: Option<&'a str>,
}

/// The statuses of one report, with what orders it among the others.
#[derive(Debug, Clone)]
pub struct ReportRows<'a> {
    /// The report, as the caller identifies it (a record index).
    pub report: usize,
    pub date: Option<Date>,
    pub rows: Vec<Row<'a>>,
}

/// The status a measure has now, and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Latest {
    pub status: Status,
    pub report: usize,
    /// The row's index in that report's `measures`.
    pub row: usize,
    pub date: Option<Date>,
    pub comment: Option<String>,
}

/// A report row whose title names no measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub report: usize,
    pub row: usize,
    /// The row's title as compared ([`title_key`]).
    key: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attached {
    /// One entry per measure, in the order of the roadmap or plan.
    pub latest: Vec<Option<Latest>>,
    /// One entry per measure: a report row names it but its status could not be
    /// read. That row's `invalid-record` is the finding; the measure is not
    /// called overdue on top of it.
    pub unreadable: Vec<bool>,
    pub unmatched: Vec<Unmatched>,
    /// The measures' titles as compared ([`title_key`]), for [`Attached::closest`].
    keys: Vec<Option<String>>,
}

impl Attached {
    /// The measure whose title is closest to an unmatched row's, when one is close
    /// enough to be a typo. Asked only by the findings that name it: the pages,
    /// which attach the statuses of every roadmap and plan, never pay for the
    /// comparison.
    pub fn closest(&self, unmatched: &Unmatched) -> Option<usize> {
        super::most_similar(&unmatched.key, self.keys.iter().map(Option::as_deref))
    }
}

/// Attaches the reports' status rows to the measures (their titles, in order).
/// Rows without a readable status (an `invalid-record` elsewhere) attach no
/// status, are marked [`Attached::unreadable`] and are not unmatched either.
pub fn attach(measures: &[Option<&str>], reports: &[ReportRows<'_>]) -> Attached {
    let keys: Vec<Option<String>> = measures.iter().map(|t| t.map(title_key)).collect();
    let mut ordered: Vec<&ReportRows<'_>> = reports.iter().collect();
    // Stable: reports of one date (or none) keep the caller's order.
    ordered.sort_by_key(|r| r.date);
    let mut out = Attached {
        latest: vec![None; measures.len()],
        unreadable: vec![false; measures.len()],
        unmatched: Vec::new(),
        keys: Vec::new(),
    };
    for report in ordered {
        for (row, s) in report.rows.iter().enumerate() {
            let Some(title) = s.title else {
                continue;
            };
            let key = title_key(title);
            let mut matched = false;
            for (i, k) in keys.iter().enumerate() {
                if k.as_deref() == Some(key.as_str()) {
                    matched = true;
                    match s.status {
                        Some(status) => {
                            out.latest[i] = Some(Latest {
                                status,
                                report: report.report,
                                row,
                                date: report.date,
                                comment: s.comment.map(str::to_string),
                            })
                        }
                        None => out.unreadable[i] = true,
                    }
                }
            }
            if !matched {
                out.unmatched.push(Unmatched {
                    report: report.report,
                    row,
                    key,
                });
            }
        }
    }
    out.keys = keys;
    out
}

/// Where a measure stands, as `/progress/` counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Progress {
    Done,
    Partly,
    NotDone,
    /// No status yet, and the due date (if any) has not passed.
    NoReport,
    /// No status, and the parsed due date has passed.
    Overdue,
}

impl Progress {
    /// A measure's standing on `today`: its status, or without one, whether its
    /// parsed due date lies before today.
    pub fn of(status: Option<Status>, due: Option<Date>, today: Date) -> Progress {
        match status {
            Some(Status::Done) => Progress::Done,
            Some(Status::Partly) => Progress::Partly,
            Some(Status::NotDone) => Progress::NotDone,
            None if due.is_some_and(|d| d < today) => Progress::Overdue,
            None => Progress::NoReport,
        }
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Progress::Done => Status::Done.label_ru(),
            Progress::Partly => Status::Partly.label_ru(),
            Progress::NotDone => Status::NotDone.label_ru(),
            Progress::NoReport => "нет отчёта",
            Progress::Overdue => "срок прошёл, отчёта нет",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Progress::Done => "done",
            Progress::Partly => "partly",
            Progress::NotDone => "not-done",
            Progress::NoReport => "no-report",
            Progress::Overdue => "overdue",
        }
    }
}

/// The «срок прошёл» mark of a roadmap or plan page: the parsed due date lies
/// before today and the measure is not reported done (no status, partly or not
/// done — a late measure stays marked until it is done).
pub fn due_passed(status: Option<Status>, due: Option<Date>, today: Date) -> bool {
    status != Some(Status::Done) && due.is_some_and(|d| d < today)
}

/// `measure-overdue`: no status in any report, and the parsed due date lies more
/// than `grace` working days before today (counted like `report-missing`).
pub fn overdue_beyond_grace(
    status: Option<&Latest>,
    due: Option<Date>,
    today: Date,
    grace: i64,
) -> bool {
    status.is_none() && due.is_some_and(|d| working_days_between(d, today) > grace)
}

/// Measures of one owner (school or centre) by standing: one row of `/progress/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Tally {
    pub done: usize,
    pub partly: usize,
    pub not_done: usize,
    pub no_report: usize,
    pub overdue: usize,
}

impl Tally {
    pub fn add(&mut self, p: Progress) {
        *match p {
            Progress::Done => &mut self.done,
            Progress::Partly => &mut self.partly,
            Progress::NotDone => &mut self.not_done,
            Progress::NoReport => &mut self.no_report,
            Progress::Overdue => &mut self.overdue,
        } += 1;
    }

    pub fn total(&self) -> usize {
        self.done + self.partly + self.not_done + self.no_report + self.overdue
    }

    /// The counts in the order of [`Progress`], with their standing.
    pub fn parts(&self) -> [(Progress, usize); 5] {
        [
            (Progress::Done, self.done),
            (Progress::Partly, self.partly),
            (Progress::NotDone, self.not_done),
            (Progress::NoReport, self.no_report),
            (Progress::Overdue, self.overdue),
        ]
    }
}

/// The progress chart: one stacked bar per owner (school or centre), a segment
/// per standing, each with its own fill so colour is not the only carrier.
pub fn progress_chart(id: &str, title: &str, owners: &[(String, Tally)]) -> BarChart {
    const FILLS: [Pattern; 5] = [
        Pattern::Solid,
        Pattern::Hatch,
        Pattern::Cross,
        Pattern::Outline,
        Pattern::Dots,
    ];
    let totals: Vec<String> = owners
        .iter()
        .map(|(name, t)| {
            format!(
                "{name}: выполнено {}, частично {}, не выполнено {}, нет отчёта {}, срок прошёл {}",
                t.done, t.partly, t.not_done, t.no_report, t.overdue
            )
        })
        .collect();
    BarChart {
        id: id.to_string(),
        title: title.to_string(),
        description: format!(
            "Линейчатая диаграмма с накоплением: мероприятия по состоянию выполнения. {}.",
            totals.join("; ")
        ),
        unit: String::new(),
        series: Tally::default()
            .parts()
            .iter()
            .zip(FILLS)
            .map(|((p, _), pattern)| Series {
                name: p.label_ru().to_string(),
                pattern,
            })
            .collect(),
        groups: owners
            .iter()
            .map(|(name, t)| Group {
                label: name.clone(),
                values: t.parts().iter().map(|(_, n)| Some(*n as f64)).collect(),
                flags: vec![None; 5],
            })
            .collect(),
        threshold: None,
        stacked: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use unicode_normalization::UnicodeNormalization;

    fn row(title: &str, status: Option<Status>) -> Row<'_> {
        Row {
            title: Some(title),
            status,
            comment: None,
        }
    }

    /// The rows of one undated report (report 1) attached to `measures`.
    fn attach_one(measures: &[Option<&str>], rows: &[Row<'_>]) -> Attached {
        attach(
            measures,
            &[ReportRows {
                report: 1,
                date: None,
                rows: rows.to_vec(),
            }],
        )
    }

    #[test]
    fn the_quick_key_is_the_key_by_definition() {
        // The definition: NFC, no whitespace or quotes, lower case, ё as е.
        let by_definition = |t: &str| -> String {
            t.trim()
                .trim_end_matches('.')
                .nfc()
                .filter(|c| !c.is_whitespace() && !is_quote(*c))
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ё' { 'е' } else { c })
                .collect()
        };
        for t in [
            "Семинар «Функциональная грамотность».",
            "ЁЛКА ёлка Ёж",
            "Audit\tOF \u{b}Schools",
            "Учи\u{306}тель",
            "İstanbul ΣΑΣ Straße",
            "  \"Квант\"  …  ",
            "",
            "...",
        ] {
            assert_eq!(title_key(t), by_definition(t), "{t:?}");
        }
    }

    #[test]
    fn titles_match_whether_composed_or_decomposed() {
        let title = "Итоговый анализ выполнения дорожной карты";
        assert_eq!(
            title_key(&title.nfd().collect::<String>()),
            title_key(title)
        );
    }

    #[test]
    fn titles_match_ignoring_case_spaces_and_quotes() {
        let plan = "Семинар \"Функциональная  грамотность\"";
        for report in [
            "семинар «Функциональная грамотность»",
            "СЕМИНАР „Функциональная грамотность“",
            " Семинар Функциональная грамотность. ",
            "Семинар\u{a0}«Функциональная\nграмотность»",
        ] {
            assert_eq!(title_key(plan), title_key(report), "{report}");
        }
        assert_eq!(title_key("Учёт"), title_key("учет"));
        assert_ne!(title_key("Семинар 1"), title_key("Семинар 2"));
    }

    #[test]
    fn the_latest_report_gives_the_status() {
        let measures = [Some("Семинар"), Some("Аудит")];
        let older = [row("семинар", Some(Status::Partly))];
        let newer = [
            row("СЕМИНАР", Some(Status::Done)),
            row("аудит", Some(Status::NotDone)),
        ];
        // The newer report is listed first: the date decides, not the order.
        let reports = [
            ReportRows {
                report: 7,
                date: Some(date(2026, 12, 1)),
                rows: newer.to_vec(),
            },
            ReportRows {
                report: 3,
                date: Some(date(2026, 11, 1)),
                rows: older.to_vec(),
            },
        ];
        let got = attach(&measures, &reports);
        let first = got.latest[0].as_ref().unwrap();
        assert_eq!(
            (first.status, first.report, first.row),
            (Status::Done, 7, 0)
        );
        assert_eq!(got.latest[1].as_ref().unwrap().status, Status::NotDone);
        assert!(got.unmatched.is_empty());
    }

    #[test]
    fn a_row_naming_no_measure_is_kept_with_the_closest_title() {
        let measures = [Some("Методический семинар для учителей")];
        let rows = [
            row("Методический семенар для учителей", Some(Status::Done)),
            row("Совсем другое", Some(Status::Done)),
        ];
        let got = attach_one(&measures, &rows);
        assert_eq!(got.latest, vec![None]);
        let unmatched: Vec<(usize, usize, Option<usize>)> = got
            .unmatched
            .iter()
            .map(|u| (u.report, u.row, got.closest(u)))
            .collect();
        assert_eq!(unmatched, vec![(1, 0, Some(0)), (1, 1, None)]);
    }

    #[test]
    fn a_title_offered_is_exactly_as_similar_as_the_cutoff_allows() {
        // Similarity 1 − distance / longer length: one letter in five is 0.8
        // (offered), one in four 0.75 (not); the bounded comparison must agree
        // with the plain edit distance at the boundary, for any length.
        for n in 5..40 {
            let title: String = "семинар".chars().cycle().take(n).collect();
            let allowed = n / 5;
            let typo = |k: usize| -> String {
                title
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if i < k { 'ж' } else { c })
                    .collect()
            };
            let measures = [Some(title.as_str())];
            for (k, offered) in [(allowed, true), (allowed + 1, false)] {
                let row_title = typo(k);
                let plain =
                    strsim::normalized_levenshtein(&title_key(&title), &title_key(&row_title));
                assert_eq!(
                    plain >= crate::monitoring::MIN_SIMILARITY,
                    offered,
                    "{n} letters, {k} changed"
                );
                let got = attach_one(&measures, &[row(&row_title, Some(Status::Done))]);
                let closest = got.unmatched.first().and_then(|u| got.closest(u));
                assert_eq!(closest.is_some(), offered, "{n} letters, {k} changed");
            }
        }
    }

    #[test]
    fn a_row_without_status_attaches_nothing_but_marks_the_measure_unreadable() {
        let measures = [Some("Семинар"), Some("Аудит")];
        let rows = [row("Семинар", None)];
        let got = attach_one(&measures, &rows);
        assert_eq!(got.latest, vec![None, None]);
        assert_eq!(got.unreadable, vec![true, false]);
        assert!(got.unmatched.is_empty());
    }

    #[test]
    fn standing_and_the_due_passed_mark() {
        let today = date(2026, 12, 2);
        let past = Some(date(2026, 11, 30));
        let future = Some(date(2027, 2, 28));
        assert_eq!(Progress::of(None, past, today), Progress::Overdue);
        assert_eq!(Progress::of(None, future, today), Progress::NoReport);
        assert_eq!(Progress::of(None, None, today), Progress::NoReport);
        assert_eq!(Progress::of(None, Some(today), today), Progress::NoReport);
        assert_eq!(
            Progress::of(Some(Status::Partly), past, today),
            Progress::Partly
        );
        assert!(due_passed(None, past, today));
        assert!(due_passed(Some(Status::NotDone), past, today));
        assert!(!due_passed(Some(Status::Done), past, today));
        assert!(!due_passed(None, future, today));
        assert!(!due_passed(None, None, today));
    }

    #[test]
    fn overdue_for_the_rule_only_beyond_the_grace() {
        // Due Fri 13 Nov 2026; ten working days later is Fri 27 Nov.
        let due = Some(date(2026, 11, 13));
        assert!(!overdue_beyond_grace(None, due, date(2026, 11, 27), 10));
        assert!(overdue_beyond_grace(None, due, date(2026, 11, 30), 10));
        let done = Latest {
            status: Status::NotDone,
            report: 0,
            row: 0,
            date: None,
            comment: None,
        };
        // Any status, even «не выполнено», answers the rule.
        assert!(!overdue_beyond_grace(
            Some(&done),
            due,
            date(2026, 11, 30),
            10
        ));
        assert!(!overdue_beyond_grace(None, None, date(2026, 11, 30), 10));
    }

    #[test]
    fn tallies_measures_by_standing() {
        let mut t = Tally::default();
        for p in [
            Progress::Done,
            Progress::Done,
            Progress::Overdue,
            Progress::NoReport,
        ] {
            t.add(p);
        }
        assert_eq!((t.done, t.overdue, t.no_report, t.total()), (2, 1, 1, 4));
        assert_eq!(t.parts()[0], (Progress::Done, 2));
    }

    #[test]
    fn the_progress_chart_has_a_segment_per_standing() {
        let mut t = Tally::default();
        t.add(Progress::Done);
        t.add(Progress::Overdue);
        let c = progress_chart("p", "Ход выполнения", &[("МБОУ СОШ № 3".into(), t)]);
        assert!(c.stacked);
        assert_eq!(c.series.len(), 5);
        assert_eq!(c.series[4].name, "срок прошёл, отчёта нет");
        assert_eq!(
            c.groups[0].values,
            vec![Some(1.0), Some(0.0), Some(0.0), Some(0.0), Some(1.0)]
        );
        assert!(c.description.contains("выполнено 1"), "{}", c.description);
    }
}
