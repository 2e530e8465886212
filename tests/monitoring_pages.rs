//! The pages of contract section 7, read back from a real build of the example
//! site: every chart's numbers equal the table next to it (both parsed), roadmap
//! pages show each measure's status and «срок прошёл», the progress page counts
//! what the roadmaps show, open data files are next to their pages.

mod common;

use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use vitrina::build::{BuildOptions, build};

const TODAY: &str = "2026-12-02";

fn out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("monitoring-pages-example");
        assert!(
            build_site(Path::new(env!("CARGO_MANIFEST_DIR")), &out),
            "the example site builds"
        );
        out
    })
}

/// Builds the site at `root` into `out` on [`TODAY`]; whether it built.
fn build_site(root: &Path, out: &Path) -> bool {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        base_url: None,
        drafts: false,
        today: TODAY.parse().unwrap(),
    };
    build(&opts).is_ok()
}

fn page(rel: &str) -> Html {
    let text = std::fs::read_to_string(out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Html::parse_document(&text)
}

fn all<'a>(root: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    root.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// The numbers of every bar of a chart, in drawing order.
fn chart_numbers(figure: ElementRef<'_>) -> Vec<String> {
    all(figure, "rect[data-value]")
        .iter()
        .map(|r| r.value().attr("data-value").unwrap().to_string())
        .collect()
}

/// The numbers a table shows in the given cells, «—» (no value) left out.
fn table_numbers(table: ElementRef<'_>, cells: &str) -> Vec<String> {
    all(table, cells)
        .iter()
        .map(|c| text(*c))
        .filter(|t| t != "—")
        .collect()
}

#[test]
fn indicator_chart_numbers_equal_its_table() {
    for id in [
        "dolya-2-vpr",
        "dolya-vyshedshih-shnor",
        "dolya-pedagogov-iom",
    ] {
        let html = page(&format!("indicators/{id}/index.html"));
        let root = html.root_element();
        let table = all(root, "table.indicator-values")[0];
        // Per period: the target, then the actual value — the chart's order.
        let numbers = table_numbers(table, "tbody td.num");
        let figure = all(root, "figure.chart")[0];
        assert_eq!(chart_numbers(figure), numbers, "{id}");
        assert!(!numbers.is_empty(), "{id}");
        // Every bar's value is also written as text in the picture.
        let written: Vec<String> = all(figure, "text.chart-value")
            .iter()
            .map(|t| t.value().attr("data-value").unwrap().to_string())
            .collect();
        assert_eq!(written, numbers, "{id}");
    }
}

#[test]
fn indicator_page_says_achieved_or_not_by_direction() {
    // Lower is better: 23,1 against a target of 22 is not achieved.
    let html = page("indicators/dolya-2-vpr/index.html");
    let row = all(html.root_element(), "table.indicator-values tbody tr")[0];
    assert_eq!(text(all(row, "th")[0]), "2025/2026 учебный год");
    assert!(text(row).contains("не достигнуто"), "{}", text(row));
    // Higher is better: 16,7 against 15 is achieved.
    let html = page("indicators/dolya-vyshedshih-shnor/index.html");
    let row = all(html.root_element(), "table.indicator-values tbody tr")[0];
    assert!(text(row).ends_with("достигнуто") && !text(row).contains("не достигнуто"));
}

#[test]
fn monitoring_chart_numbers_equal_each_subjects_table_and_the_threshold_is_drawn() {
    let html = page("monitoring/vpr-2026-dolya-2/index.html");
    let sections = all(
        html.root_element(),
        "main section[aria-labelledby^=subject]",
    );
    assert_eq!(sections.len(), 2, "Математика and Русский язык");
    for s in sections {
        let table = all(s, "table.results")[0];
        let figure = all(s, "figure.chart")[0];
        assert_eq!(chart_numbers(figure), table_numbers(table, "tbody td.num"));
        let svg = all(figure, "svg")[0];
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert_eq!(all(figure, "line.chart-threshold").len(), 1);
        let label = text(all(figure, "text.chart-threshold-label")[0]);
        assert_eq!(label.replace('\u{a0}', " "), "порог: 25 %");
        // Low rows are named in words in the table and in the picture.
        let low_rows = all(table, "tr.low").len();
        assert_eq!(all(figure, "rect.chart-flagged").len(), low_rows);
    }
}

#[test]
fn school_page_shows_its_series_over_the_years() {
    let html = page("schools/oosh-8/index.html");
    let root = html.root_element();
    let section = all(root, "section[aria-labelledby=series-heading]")[0];
    let tables = all(section, "table.results");
    assert_eq!(tables.len(), 4, "two series × two subjects");
    // Each table is headed by its own subject (not the school's first row's).
    let mut headings: Vec<String> = all(section, "h3").iter().map(|h| text(*h)).collect();
    assert_eq!(headings.len(), 4, "{headings:?}");
    headings.sort();
    headings.dedup();
    assert_eq!(headings.len(), 4, "a heading repeats: {headings:?}");
    for subject in ["Математика", "Русский язык"] {
        let n = headings.iter().filter(|h| h.starts_with(subject)).count();
        assert_eq!(n, 2, "{subject}: {headings:?}");
    }
    let figures = all(section, "figure.chart");
    for (t, f) in tables.iter().zip(&figures) {
        // The visible year; a visually hidden « — series» follows it.
        let years: Vec<String> = all(*t, "tbody th")
            .iter()
            .map(|c| text(*c).split(" — ").next().unwrap().to_string())
            .collect();
        assert_eq!(years, ["2023/2024", "2024/2025", "2025/2026"]);
        assert_eq!(
            chart_numbers(*f),
            table_numbers(*t, "tbody td.num:nth-child(2)")
        );
    }
}

#[test]
fn roadmap_page_shows_each_measures_status_and_the_overdue_mark() {
    let html = page("roadmaps/oosh-2-2025-2026/index.html");
    let rows = all(html.root_element(), "table.measures tbody tr");
    let statuses: Vec<String> = rows
        .iter()
        .map(|r| text(all(*r, "td.measure-status .status")[0]))
        .collect();
    assert!(
        statuses.iter().all(|s| s.starts_with("выполнено")),
        "{statuses:?}"
    );
    // Due 20.09.2025 and reported partly: still marked.
    assert!(text(rows[2]).contains("срок прошёл"));
    assert!(
        !text(rows[0]).contains("срок прошёл"),
        "done measures are not marked"
    );
}

#[test]
fn progress_page_counts_what_the_roadmap_pages_show() {
    let html = page("progress/index.html");
    let root = html.root_element();
    let table = all(root, "table.progress")[0];
    for row in all(table, "tbody tr") {
        let link = all(row, "a.progress-plan")[0].value().attr("href").unwrap();
        let cells: Vec<usize> = all(row, "td.num")
            .iter()
            .map(|c| text(*c).parse().unwrap())
            .collect();
        // Links are relative to /progress/.
        let plan = page(&format!("{}index.html", link.strip_prefix("../").unwrap()));
        let shown: Vec<String> = all(plan.root_element(), "td.measure-status .status")
            .iter()
            .map(|s| s.value().attr("class").unwrap().to_string())
            .collect();
        let count = |class: &str| shown.iter().filter(|c| c.ends_with(class)).count();
        assert_eq!(
            cells,
            [
                count("status-done"),
                count("status-partly"),
                count("status-not-done"),
                count("status-no-report"),
                count("status-overdue"),
                shown.len()
            ],
            "{link}"
        );
    }
    // The chart's segments are the table's non-zero counts.
    let figure = all(root, "figure.chart")[0];
    let counts: Vec<String> = all(table, "tbody tr")
        .iter()
        .flat_map(|r| {
            let cells = all(*r, "td.num");
            cells[..5].iter().map(|c| text(*c)).collect::<Vec<_>>()
        })
        .filter(|n| n != "0")
        .collect();
    assert_eq!(chart_numbers(figure), counts);
}

#[test]
fn open_data_sits_next_to_each_page_and_is_listed() {
    let csv = std::fs::read_to_string(out().join("monitoring/vpr-2026-dolya-2/data.csv")).unwrap();
    assert!(
        csv.starts_with("school_id,school,subject,grade,value,low,Участников\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\nsosh-10,МБОУ СОШ № 10,Математика,5,25.4,yes,23\r\n"),
        "{csv}"
    );
    let meta = std::fs::read_to_string(out().join("indicators/dolya-2-vpr/meta.csv")).unwrap();
    assert!(
        meta.contains("\r\nidentifier,indicators-dolya-2-vpr\r\n"),
        "{meta}"
    );
    let html = page("opendata/index.html");
    let listed = all(html.root_element(), "main tbody tr").len();
    assert_eq!(listed, 9, "three indicators and six monitoring records");
}

/// Contract 7.4: a decision's page names its basis, and each basis page links
/// back under «Управленческие решения».
#[test]
fn a_decision_links_to_its_basis_and_the_basis_links_back() {
    let decision = page("documents/prikaz-2026-318/index.html");
    let facts = all(decision.root_element(), "dl.facts dt");
    let basis_dt = facts
        .iter()
        .find(|dt| text(**dt) == "Основание")
        .expect("the decision shows «Основание»");
    let basis_dd = basis_dt
        .next_siblings()
        .find_map(ElementRef::wrap)
        .expect("«Основание» has its value");
    let linked: Vec<String> = all(basis_dd, "a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        linked,
        [
            "../../monitoring/vpr-2026-dolya-2/",
            "../../monitoring/oge-2026-srednyaya-otmetka/"
        ]
    );
    for basis in ["vpr-2026-dolya-2", "oge-2026-srednyaya-otmetka"] {
        let page = page(&format!("monitoring/{basis}/index.html"));
        let decisions = all(page.root_element(), "section.decisions");
        assert_eq!(decisions.len(), 1, "{basis}: one decisions section");
        assert_eq!(text(all(decisions[0], "h2")[0]), "Управленческие решения");
        let back: Vec<&str> = all(decisions[0], "a")
            .iter()
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        assert_eq!(back, ["../../documents/prikaz-2026-318/"], "{basis}");
    }
    // A record nobody names as a basis shows no such section.
    let other = page("monitoring/vpr-2024-dolya-2/index.html");
    assert!(all(other.root_element(), "section.decisions").is_empty());
}

/// The record page links the other years of its series (the series id itself
/// is a key for editors, not shown).
#[test]
fn a_monitoring_page_links_the_other_years_of_its_series() {
    let html = page("monitoring/vpr-2025-dolya-2/index.html");
    let facts = all(html.root_element(), "dl.facts dt");
    assert!(facts.iter().all(|dt| text(*dt) != "Серия"));
    let other = facts
        .iter()
        .find(|dt| text(**dt) == "Другие годы")
        .and_then(|dt| dt.next_siblings().find_map(ElementRef::wrap))
        .expect("«Другие годы»");
    let links: Vec<(String, String)> = all(other, "a")
        .iter()
        .map(|a| (text(*a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        links,
        [
            ("2023/2024".to_string(), "../vpr-2024-dolya-2/".to_string()),
            ("2025/2026".to_string(), "../vpr-2026-dolya-2/".to_string())
        ]
    );
}

/// A table of more schools than a chart can show legibly keeps its table and
/// says why there is no chart; one school fewer still gets its chart.
#[test]
fn a_big_table_shows_without_a_chart_and_a_missing_one_publishes_no_data_set() {
    let max = vitrina::kinds::monitoring::MAX_CHART_BARS;
    let s = common::Scratch::of("check-base");
    let mut csv = String::from("Школа;Предмет;Значение\n");
    for n in 0..=max {
        s.write(
            &format!("content/schools/s{n}.yaml"),
            &format!("name: Школа {n}\nshort_name: Школа № {n}\n"),
        );
        csv.push_str(&format!("s{n};Математика;{n}\n"));
        if n < max {
            csv.push_str(&format!("s{n};Физика;{n}\n"));
        }
    }
    s.write("content/monitoring/big.csv", &csv);
    s.write(
        "content/monitoring/big.yaml",
        "title: Большая таблица\nseries: big\nacademic_year: \"2025/2026\"\nbetter: lower\nthreshold: 30\ndata: big.csv\n",
    );
    // And a record whose table is missing: no data set is published for it.
    s.write(
        "content/monitoring/missing.yaml",
        "title: Нет таблицы\nseries: missing\nacademic_year: \"2025/2026\"\nbetter: lower\nthreshold: 30\ndata: missing.csv\n",
    );
    let out = s.root().join("public");
    // The pages are written even when the planted data gives findings.
    let _ = build_site(s.root(), &out);
    let html = Html::parse_document(
        &std::fs::read_to_string(out.join("monitoring/big/index.html")).unwrap(),
    );
    let sections = all(html.root_element(), "section[aria-labelledby^=subject-]");
    let shape: Vec<(String, usize, usize, usize)> = sections
        .iter()
        .map(|sec| {
            (
                text(all(*sec, "h2")[0]),
                all(*sec, "tbody tr").len(),
                all(*sec, "figure.chart").len(),
                all(*sec, "p.chart-skipped").len(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("Математика".to_string(), max + 1, 0, 1),
            ("Физика".to_string(), max, 1, 0)
        ]
    );
    assert!(out.join("monitoring/big/data.csv").is_file());
    assert!(!out.join("monitoring/missing/data.csv").exists());
    let listing =
        Html::parse_document(&std::fs::read_to_string(out.join("opendata/index.html")).unwrap());
    let listed: Vec<String> = all(listing.root_element(), "main tbody td:first-child a")
        .iter()
        .map(|a| text(*a))
        .collect();
    assert!(listed.iter().any(|t| t == "Большая таблица"), "{listed:?}");
    assert!(!listed.iter().any(|t| t == "Нет таблицы"), "{listed:?}");
}

/// A school in more series than a page can chart legibly keeps every table and
/// says where the charts are.
#[test]
fn a_school_in_many_series_shows_tables_without_charts() {
    let max = vitrina::kinds::monitoring::MAX_SCHOOL_CHARTS;
    let s = common::Scratch::of("check-base");
    for n in 0..=max {
        s.write(
            &format!("content/monitoring/m{n}.csv"),
            &format!("Школа;Предмет;Значение\nsosh-1;Предмет {n};{n}\n"),
        );
        s.write(
            &format!("content/monitoring/m{n}.yaml"),
            &format!("title: Ряд {n}\nseries: s{n}\nacademic_year: \"2025/2026\"\nbetter: lower\nthreshold: 30\ndata: m{n}.csv\n"),
        );
    }
    let out = s.root().join("public");
    // The pages are written even when the planted data gives findings.
    let _ = build_site(s.root(), &out);
    let html = Html::parse_document(
        &std::fs::read_to_string(out.join("schools/sosh-1/index.html")).unwrap(),
    );
    let section = all(
        html.root_element(),
        "section[aria-labelledby=series-heading]",
    )[0];
    assert_eq!(all(section, "table.results").len(), max + 1);
    assert_eq!(all(section, "figure.chart").len(), 0);
    assert_eq!(all(section, "p.chart-skipped").len(), 1);
}
