//! The rules of contract section 7 — `measure-overdue`, `indicator-value-missing`,
//! `low-results-unsupported` — and the problems inside monitoring CSV files: each
//! fires, and stays quiet where it must (the grace boundary, one low year, a gap
//! year). Each test copies tests/sites/check-base and plants what it needs.

mod common;
use common::*;

fn base() -> Scratch {
    Scratch::of("check-base")
}

// measure-overdue

const ROADMAP: &str = "content/roadmaps/школа-2-2026-2027.yaml";

fn roadmap_due(s: &Scratch, due: &str) {
    s.write(
        ROADMAP,
        &format!(
            "school: школа-2\nacademic_year: \"2026/2027\"\nmeasures:\n  - title: Семинар «Функциональная грамотность»\n    due: 2027-05-20\n  - title: Диагностика профессиональных дефицитов\n    due: {due}\n"
        ),
    );
}

#[test]
fn measure_overdue_fires_after_the_grace_at_the_measure_line() {
    let s = base();
    // «октябрь 2026» is Sat 31 Oct; Mon 16 Nov is the 11th working day after it.
    roadmap_due(&s, "октябрь 2026");
    let r = s.check("2026-11-16");
    assert_eq!(fired(&r, "measure-overdue"), ["roadmaps/школа-2-2026-2027"]);
    let f = first_of(&r, "measure-overdue");
    assert_eq!(f.line, Some(6), "the second measure's line");
    assert!(
        f.message
            .contains("«Диагностика профессиональных дефицитов»"),
        "{}",
        f.message
    );
    assert!(f.message.contains("11 рабочих дней"), "{}", f.message);
    assert_eq!(f.severity, vitrina::diagnostics::Severity::Warning);
}

#[test]
fn measure_overdue_quiet_on_the_grace_boundary() {
    let s = base();
    roadmap_due(&s, "октябрь 2026");
    // Fri 13 Nov: exactly ten working days after 31 Oct.
    assert_eq!(
        fired(&s.check("2026-11-13"), "measure-overdue"),
        Vec::<String>::new()
    );
}

#[test]
fn measure_overdue_quiet_when_a_report_gives_any_status_by_title() {
    let s = base();
    roadmap_due(&s, "2026-10-15");
    s.write(
        "content/reports/shkola-2-operativno.yaml",
        "of: roadmaps/школа-2-2026-2027\ndate: 2026-11-20\nmeasures:\n  - title: \"ДИАГНОСТИКА  профессиональных дефицитов\"\n    status: not_done\n",
    );
    let r = s.check(TODAY);
    assert_eq!(fired(&r, "measure-overdue"), Vec::<String>::new());
    // The title matched, so the status counts: nothing unmatched either.
    assert_eq!(fired(&r, "status-unmatched"), Vec::<String>::new());
}

#[test]
fn measure_overdue_hints_at_a_report_row_with_a_typo() {
    let s = base();
    roadmap_due(&s, "2026-10-15");
    s.write(
        "content/reports/shkola-2-operativno.yaml",
        "of: roadmaps/школа-2-2026-2027\ndate: 2026-11-20\nmeasures:\n  - title: Диагностика профессиональных дефецитов\n    status: done\n",
    );
    let r = s.check(TODAY);
    let f = first_of(&r, "measure-overdue");
    let hint = f.hint.clone().unwrap_or_default();
    assert!(hint.contains("дефецитов"), "{hint}");
    // The report row itself is named, at its line, with the roadmap's title.
    let u = first_of(&r, "status-unmatched");
    assert_eq!(u.record.as_deref(), Some("reports/shkola-2-operativno"));
    assert_eq!(u.line, Some(4));
    let hint = u.hint.clone().unwrap_or_default();
    assert!(
        hint.contains("«Диагностика профессиональных дефицитов»"),
        "{hint}"
    );
}

#[test]
fn measure_overdue_quiet_for_last_years_roadmap_and_undated_dues() {
    let s = base();
    s.write(
        "content/roadmaps/школа-2-2025-2026.yaml",
        "school: школа-2\nacademic_year: \"2025/2026\"\nmeasures:\n  - title: Старое\n    due: 2025-10-01\n",
    );
    roadmap_due(&s, "в течение года");
    let r = s.check(TODAY);
    assert_eq!(fired(&r, "measure-overdue"), Vec::<String>::new());
}

// indicator-value-missing

fn indicator(s: &Scratch, values: &str) {
    s.write(
        "content/indicators/dolya-shnor.yaml",
        &format!(
            "title: Доля ШНОР\nunit: \"%\"\nbetter: lower\ntargets:\n  \"2025/2026\": 12\n  \"2026/2027\": 10\n{values}"
        ),
    );
}

#[test]
fn indicator_value_missing_fires_after_the_grace() {
    let s = base();
    indicator(&s, "");
    // 2025/2026 ended Mon 31 Aug 2026; Tue 15 Sep is the 11th working day.
    let r = s.check("2026-09-15");
    assert_eq!(
        fired(&r, "indicator-value-missing"),
        ["indicators/dolya-shnor"]
    );
    let f = first_of(&r, "indicator-value-missing");
    assert!(f.message.contains("2025/2026"), "{}", f.message);
    assert_eq!(f.line, Some(4), "at targets when there is no values field");
}

#[test]
fn indicator_value_missing_quiet_on_the_boundary_and_with_a_value() {
    let s = base();
    indicator(&s, "");
    assert_eq!(
        fired(&s.check("2026-09-14"), "indicator-value-missing"),
        Vec::<String>::new()
    );
    indicator(&s, "values:\n  \"2025/2026\": 12,5\n");
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

#[test]
fn indicator_with_a_wrong_period_is_an_invalid_record() {
    let s = base();
    indicator(&s, "values:\n  \"2025-2026\": 12,5\n");
    let r = s.check(TODAY);
    assert_eq!(fired(&r, "invalid-record"), ["indicators/dolya-shnor"]);
    let f = first_of(&r, "invalid-record");
    assert!(
        f.message.contains("пишите «\"2025/2026\"»"),
        "{}",
        f.message
    );
    // The unreadable entry is the finding; no value is called missing on top.
    assert_eq!(fired(&r, "indicator-value-missing"), Vec::<String>::new());
}

#[test]
fn an_unreadable_indicator_entry_is_reported_at_its_own_line() {
    let s = base();
    // Line 7 is `values:`; its entries are lines 8 and 9.
    indicator(&s, "values:\n  \"2025/2026\": много\n  \"2026-2027\": 10\n");
    let r = s.check(TODAY);
    let at: Vec<(Option<usize>, Option<usize>, bool)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "invalid-record")
        .map(|f| (f.line, f.column, f.message.contains("«много»")))
        .collect();
    assert_eq!(
        at,
        [(Some(8), Some(3), true), (Some(9), Some(3), false)],
        "each at its entry's key, not at `values:`"
    );
}

// percent-out-of-range

/// `(line, column, message)` of each finding of `rule`, in the order reported.
fn at_of(r: &vitrina::check::Report, rule: &str) -> Vec<(usize, usize, String)> {
    r.findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            (
                f.line.unwrap_or(0),
                f.column.unwrap_or(0),
                f.message.clone(),
            )
        })
        .collect()
}

#[test]
fn a_percent_below_zero_or_over_a_hundred_is_reported_at_its_entry() {
    let s = base();
    // Lines 5–6 are the targets (in range); 8–9 the values; 10 the baseline.
    indicator(
        &s,
        "values:\n  \"2025/2026\": 134\n  \"2026/2027\": \"1 234,5\"\nbaseline: {period: \"2024/2025\", value: -3}\n",
    );
    let r = s.check(TODAY);
    let found = at_of(&r, "percent-out-of-range");
    let places: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(places, [(8, 3), (9, 3), (10, 11)], "{found:?}");
    assert_eq!(
        found[0].2,
        "в поле «values» значение за 2025/2026 — 134 %, а значение в процентах бывает от 0 до 100"
    );
    assert!(
        found[1].2.contains("2026/2027 — 1234,5 %"),
        "{}",
        found[1].2
    );
    assert!(
        found[2]
            .2
            .contains("«baseline» значение за 2024/2025 — -3 %"),
        "{}",
        found[2].2
    );
    let f = first_of(&r, "percent-out-of-range");
    assert_eq!(f.severity, vitrina::diagnostics::Severity::Warning);
    assert_eq!(
        f.file.as_deref(),
        Some("content/indicators/dolya-shnor.yaml")
    );
    assert!(
        f.hint.as_deref().unwrap_or("").contains("запятая"),
        "{:?}",
        f.hint
    );
}

#[test]
fn a_percent_rule_is_quiet_on_the_bounds_and_for_other_units() {
    let s = base();
    indicator(
        &s,
        "values:\n  \"2025/2026\": 0\n  \"2026/2027\": \"100 %\"\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
    s.write(
        "content/indicators/dolya-shnor.yaml",
        "title: Число ШНОР\nunit: чел.\nbetter: lower\ntargets:\n  \"2025/2026\": 134\nvalues:\n  \"2025/2026\": 140\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

#[test]
fn a_percent_out_of_range_in_monitoring_data_is_reported_at_its_cell() {
    let s = base();
    monitoring(
        &s,
        2025,
        "Школа;Предмет;Значение\nsosh-1;Математика;134\nшкола-2;Математика;-3\nsosh-1;Русский язык;99,5\n".as_bytes(),
    );
    let r = s.check(TODAY);
    let found = at_of(&r, "percent-out-of-range");
    let places: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(places, [(2, 19), (3, 20)], "{found:?}");
    assert_eq!(
        found[0].2,
        "значение по предмету «Математика» — 134 %, а значение в процентах бывает от 0 до 100"
    );
    let f = first_of(&r, "percent-out-of-range");
    assert_eq!(f.record.as_deref(), Some("monitoring/vpr-2026"));
    assert_eq!(f.file.as_deref(), Some("content/monitoring/vpr-2026.csv"));
    // The threshold of a record in % is a percentage too: at its value.
    s.write(
        "content/monitoring/vpr-2026.yaml",
        "title: ВПР-2026\nseries: vpr\nacademic_year: \"2025/2026\"\nunit: \"%\"\nbetter: lower\nthreshold: 250\ndata: vpr-2026.csv\n",
    );
    let r = s.check(TODAY);
    let threshold: Vec<_> = at_of(&r, "percent-out-of-range")
        .into_iter()
        .filter(|(_, _, m)| m.starts_with("порог"))
        .collect();
    assert_eq!(
        threshold,
        [(
            6,
            12,
            "порог (threshold) — 250 %, а значение в процентах бывает от 0 до 100".to_string()
        )]
    );
}

#[test]
fn a_wrong_better_is_an_invalid_record_at_the_value_in_indicators_and_monitoring() {
    let s = base();
    s.write(
        "content/indicators/dolya-shnor.yaml",
        "title: Доля ШНОР\nunit: \"%\"\nbetter: лучше\ntargets:\n  \"2025/2026\": 12\nvalues:\n  \"2025/2026\": 11\n",
    );
    s.write(
        "content/monitoring/vpr-2026.yaml",
        "title: ВПР-2026\nseries: vpr\nacademic_year: \"2025/2026\"\nbetter: вверх\n",
    );
    let r = s.check(TODAY);
    let wrong: Vec<(String, Option<usize>, String)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "invalid-record" && f.message.contains("не направление"))
        .map(|f| {
            (
                f.record.clone().unwrap_or_default(),
                f.line,
                f.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        wrong,
        [
            (
                "indicators/dolya-shnor".to_string(),
                Some(3),
                "«лучше» — не направление: пишите higher или lower".to_string()
            ),
            (
                "monitoring/vpr-2026".to_string(),
                Some(4),
                "«вверх» — не направление: пишите higher или lower".to_string()
            ),
        ]
    );
}

// monitoring data and low-results-unsupported

/// A monitoring record of series `vpr` for a year, with its CSV (bytes as given).
fn monitoring(s: &Scratch, year: i16, csv: &[u8]) {
    let name = format!("vpr-{}", year + 1);
    s.write(
        &format!("content/monitoring/{name}.yaml"),
        &format!(
            "title: ВПР-{}\nseries: vpr\nacademic_year: \"{year}/{}\"\nunit: \"%\"\nbetter: lower\nthreshold: 25\ndata: {name}.csv\n",
            year + 1,
            year + 1
        ),
    );
    let p = s.root().join(format!("content/monitoring/{name}.csv"));
    std::fs::write(p, csv).unwrap();
}

fn utf8_csv(rows: &[(&str, &str)]) -> Vec<u8> {
    let mut t = String::from("school,subject,value\n");
    for (school, value) in rows {
        t.push_str(&format!("{school},Математика,\"{value}\"\n"));
    }
    t.into_bytes()
}

/// Windows-1251 with `;` and decimal commas, as Russian Excel saves «CSV».
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            '№' => 0xB9,
            c if c.is_ascii() => c as u8,
            c => panic!("not in the test's Windows-1251 table: {c}"),
        })
        .collect()
}

#[test]
fn low_results_unsupported_fires_for_a_school_low_two_years_outside_the_group() {
    let s = base();
    // sosh-1 is not in the support group; школа-2 is.
    monitoring(
        &s,
        2024,
        &utf8_csv(&[("sosh-1", "31,5"), ("школа-2", "40")]),
    );
    monitoring(
        &s,
        2025,
        &cp1251(
            "Школа;Предмет;Значение\r\nМБОУ СОШ № 1;Математика;25,0\r\nМБОУ ООШ № 2;Математика;30,2\r\n",
        ),
    );
    let r = s.check(TODAY);
    assert_eq!(fired(&r, "low-results-unsupported"), ["schools/sosh-1"]);
    let f = first_of(&r, "low-results-unsupported");
    for part in ["«vpr»", "Математика", "2024/2025 — 31,5", "2025/2026 — 25"] {
        assert!(f.message.contains(part), "{part}: {}", f.message);
    }
    assert_eq!(fired(&r, "invalid-record"), Vec::<String>::new());
}

#[test]
fn low_results_unsupported_quiet_when_low_in_only_one_of_the_last_two_years() {
    let s = base();
    monitoring(&s, 2023, &utf8_csv(&[("sosh-1", "40")]));
    monitoring(&s, 2024, &utf8_csv(&[("sosh-1", "40")]));
    monitoring(&s, 2025, &utf8_csv(&[("sosh-1", "24,9")]));
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

#[test]
fn low_results_unsupported_counts_the_years_with_data_across_a_gap() {
    let s = base();
    // No 2024/2025 record: the last two years with data are 2023/2024 and 2025/2026.
    monitoring(&s, 2023, &utf8_csv(&[("sosh-1", "26")]));
    monitoring(&s, 2025, &utf8_csv(&[("sosh-1", "27")]));
    assert_eq!(
        fired(&s.check(TODAY), "low-results-unsupported"),
        ["schools/sosh-1"]
    );
}

#[test]
fn an_unknown_school_in_the_csv_is_a_broken_reference_at_its_line() {
    let s = base();
    monitoring(
        &s,
        2025,
        &cp1251("Школа;Предмет;Значение\r\nsosh-1;Математика;12,5\r\nСОШ № 99;Математика;3\r\n"),
    );
    let r = s.check(TODAY);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "broken-reference")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].record.as_deref(), Some("monitoring/vpr-2026"));
    assert_eq!(
        f[0].file.as_deref(),
        Some("content/monitoring/vpr-2026.csv")
    );
    assert_eq!((f[0].line, f[0].column), (Some(3), Some(1)));
    assert!(f[0].message.contains("«СОШ № 99»"), "{}", f[0].message);
}

#[test]
fn a_non_numeric_value_is_an_invalid_record_at_line_and_column() {
    let s = base();
    monitoring(
        &s,
        2025,
        "Предмет;Школа;Значение;Примечание\nМатематика;sosh-1;12,5;\nМатематика;школа-2;нет данных;болели\n".as_bytes(),
    );
    let r = s.check(TODAY);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "invalid-record")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].file.as_deref(),
        Some("content/monitoring/vpr-2026.csv")
    );
    // Column: the character where the cell starts, so the caret of the text
    // output stands under «нет данных».
    assert_eq!((f[0].line, f[0].column), (Some(3), Some(20)));
}
