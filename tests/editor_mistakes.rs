//! What a district editor runs into on a fresh site (issue 15): each test starts
//! from `vitrina init`, makes one mistake an editor makes, and looks at what
//! `check`, `build` and `new` say and publish.

use scraper::{Html, Selector};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_vitrina");
const TODAY: &str = "2026-11-24";
const ROADMAP: &str = "content/roadmaps/sosh-2-2026-2027.md";
const REPORT: &str = "content/reports/sosh-2-2026-2027-start.md";
const PROGRAM: &str = "content/programs/kpk-funkcionalnaya-gramotnost.md";

struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    /// A fresh `vitrina init` site: it checks clean.
    fn new() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("sajt");
        let o = Command::new(BIN)
            .args(["init", root.to_str().unwrap(), "--today", TODAY])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        Site { _tmp: tmp, root }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--root")
            .arg(&self.root)
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap()
    }

    fn write(&self, path: &str, text: &str) {
        let p = self.root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replaces `from` (which must be there) in a file.
    fn edit(&self, path: &str, from: &str, to: &str) {
        let text = self.read(path);
        assert!(text.contains(from), "{path} has no {from:?}");
        self.write(path, &text.replacen(from, to, 1));
    }

    /// The 1-based line of `needle` in a file.
    fn line_of(&self, path: &str, needle: &str) -> u64 {
        let text = self.read(path);
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{path} has no line with {needle:?}")) as u64
            + 1
    }

    fn findings(&self) -> Vec<Value> {
        let o = self.run(&["check", "--today", TODAY, "--format", "json"]);
        let v: Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
        v["findings"].as_array().unwrap().clone()
    }

    fn check_text(&self) -> String {
        let o = self.run(&["check", "--today", TODAY]);
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Builds into public/ (drafts left out); the site's pages by path.
    fn build(&self) -> Output {
        self.run(&["build", "--today", TODAY])
    }

    fn page(&self, path: &str) -> Html {
        let file = self.root.join("public").join(path).join("index.html");
        Html::parse_document(
            &std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
        )
    }
}

fn rules(findings: &[Value]) -> Vec<&str> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

fn text_of(doc: &Html, selector: &str) -> String {
    doc.select(&Selector::parse(selector).unwrap())
        .flat_map(|e| e.text())
        .collect::<String>()
}

#[test]
fn a_fresh_site_checks_clean() {
    let site = Site::new();
    assert_eq!(site.findings(), Vec::<Value>::new());
}

// Item 2: one bad value costs only that value.

#[test]
fn a_bad_measure_status_keeps_the_report_with_a_russian_hint() {
    let site = Site::new();
    site.edit(REPORT, "    status: done", "    status: в работе");
    let findings = site.findings();
    // The real problem, once, and no cascade (section-empty, report-missing).
    assert_eq!(rules(&findings), ["invalid-record"], "{findings:#?}");
    assert_eq!(
        findings[0]["line"].as_u64(),
        Some(site.line_of(REPORT, "в работе"))
    );
    let text = site.check_text();
    for allowed in ["выполнено", "частично", "не выполнено"] {
        assert!(text.contains(allowed), "{text}");
    }
}

#[test]
fn hours_written_in_words_keep_the_program_counted() {
    let site = Site::new();
    site.edit(PROGRAM, "hours: 36\n", "hours: 36 часов\n");
    let findings = site.findings();
    assert_eq!(rules(&findings), ["invalid-record"], "{findings:#?}");
    assert!(findings[0]["message"].as_str().unwrap().contains("hours"));
}

// Item 1: a typo inside nested data is reported, with the closest name.

#[test]
fn a_misspelt_key_inside_a_measure_is_an_unknown_field_with_the_closest_name() {
    let site = Site::new();
    site.edit(
        ROADMAP,
        "    responsible: директор, куратор",
        "    resposible: директор, куратор",
    );
    let findings = site.findings();
    assert_eq!(rules(&findings), ["unknown-field"], "{findings:#?}");
    assert_eq!(
        findings[0]["line"].as_u64(),
        Some(site.line_of(ROADMAP, "resposible"))
    );
    assert!(
        site.check_text()
            .contains("возможно, имелось в виду «responsible»")
    );
}

#[test]
fn a_misspelt_key_inside_a_report_measure_is_reported_too() {
    let site = Site::new();
    site.edit(REPORT, "    comment: справка", "    coment: справка");
    let findings = site.findings();
    assert_eq!(rules(&findings), ["unknown-field"], "{findings:#?}");
    assert!(site.check_text().contains("«comment»"));
}

// Item 3: public pages name records by their human titles.

#[test]
fn public_pages_never_show_record_ids_and_plan_titles_read_as_russian() {
    let site = Site::new();
    let o = site.build();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ids = [
        "sosh-2-2026-2027",
        "mnc-1-2026-2027",
        "mtkp-matematika-2026-2027",
        "prikaz-1-od",
        "sosh-2-2026-2027-start",
    ];
    for page in ["plans", "roadmaps", "reports", "documents/prikaz-1-od", ""] {
        let main = text_of(&site.page(page), "main");
        for id in ids {
            assert!(!main.contains(id), "/{page}/ shows the id {id}: {main}");
        }
    }
    let h1 = text_of(&site.page("plans/mtkp-matematika-2026-2027"), "h1");
    assert_eq!(
        h1.replace('\u{a0}', " "),
        "План работы МТКП по математике на 2026/2027 учебный год"
    );
    let h1 = text_of(&site.page("plans/mnc-1-2026-2027"), "h1");
    assert_eq!(
        h1.replace('\u{a0}', " "),
        "План работы МНЦ на базе МБОУ СОШ № 1 на 2026/2027 учебный год"
    );
}

// Item 4: skeletons are drafts with only their kind's blocks.

#[test]
fn a_new_roadmap_is_a_draft_until_filled_in() {
    let site = Site::new();
    site.write(
        "content/schools/sosh-3.yaml",
        "name: МБОУ СОШ № 3\nshort_name: МБОУ СОШ № 3\ncategories: [shnor]\nmentor: sosh-1\n",
    );
    let missing = |site: &Site| {
        site.findings()
            .iter()
            .filter(|f| f["rule"] == "roadmap-missing")
            .count()
    };
    assert_eq!(missing(&site), 1);
    let o = site.run(&[
        "new",
        "roadmap",
        "sosh-3-2026-2027",
        "--school",
        "sosh-3",
        "--today",
        TODAY,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("черновик"), "{said}");
    let text = site.read("content/roadmaps/sosh-3-2026-2027.md");
    assert!(text.contains("\ndraft: true\n"), "{text}");
    assert!(text.contains("черновик"), "{text}");
    // Still missing: nothing has been filled in or published.
    assert_eq!(missing(&site), 1);
}

#[test]
fn a_new_event_report_has_no_measures_and_is_a_draft() {
    let site = Site::new();
    let o = site.run(&[
        "new",
        "report",
        "otchet-seminar",
        "--of",
        "events/seminar-nastavnikov",
        "--today",
        TODAY,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = site.read("content/reports/otchet-seminar.md");
    assert!(!text.contains("measures:"), "{text}");
    assert!(text.contains("\ndraft: true\n"), "{text}");
    // Not published: no empty table row, no page.
    assert!(site.build().status.success());
    assert!(!site.root.join("public/reports/otchet-seminar").exists());
}

#[test]
fn an_empty_measure_title_is_field_missing() {
    let site = Site::new();
    site.edit(
        ROADMAP,
        "  - title: Посещение уроков наставниками МБОУ СОШ № 1",
        "  - title:",
    );
    site.edit(
        REPORT,
        "  - title: Посещение уроков наставниками МБОУ СОШ № 1",
        "  - title: \"\"",
    );
    let findings = site.findings();
    assert_eq!(
        rules(&findings),
        ["field-missing", "field-missing"],
        "{findings:#?}"
    );
    let at = |f: &Value| (f["file"].as_str().unwrap().to_string(), f["line"].as_u64());
    let exact = |path: &str, line: &str| {
        site.read(path)
            .lines()
            .position(|l| l == line)
            .map(|i| i as u64 + 1)
    };
    let mut places: Vec<_> = findings.iter().map(at).collect();
    places.sort();
    assert_eq!(
        places,
        [
            (REPORT.to_string(), exact(REPORT, "  - title: \"\"")),
            (ROADMAP.to_string(), exact(ROADMAP, "  - title:")),
        ]
    );
}

// Item 6: references by what editors see.

#[test]
fn a_reference_may_name_a_record_by_its_url_slug() {
    let site = Site::new();
    site.write(
        "content/schools/СОШ 29 Мостовской.yaml",
        "name: МБОУ СОШ № 29\nshort_name: МБОУ СОШ № 29\ncategories: [shnor]\nmentor: sosh-1\n",
    );
    site.write(
        "content/roadmaps/sosh-29-2026-2027.md",
        "---\nschool: sosh-29-mostovskoj\nacademic_year: \"2026/2027\"\napproved_by: prikaz-1-od\nmeasures:\n  - title: Анализ результатов\n    due: декабрь 2026\n---\n",
    );
    let findings = site.findings();
    assert!(
        !rules(&findings).contains(&"broken-reference"),
        "{findings:#?}"
    );
    assert!(
        !rules(&findings).contains(&"roadmap-missing"),
        "{findings:#?}"
    );
}

#[test]
fn every_reference_field_suggests_the_closest_id() {
    let site = Site::new();
    site.edit(
        "content/schools/sosh-2.yaml",
        "mentor: sosh-1",
        "mentor: sosh-l",
    );
    site.edit(ROADMAP, "school: sosh-2", "school: sosh2");
    site.edit(
        "content/plans/mnc-1-2026-2027.md",
        "centre: mnc-1",
        "centre: mnc1",
    );
    site.edit(
        "content/plans/mtkp-matematika-2026-2027.md",
        "approved_by: prikaz-1-od",
        "approved_by: prikaz-1od",
    );
    site.edit(
        REPORT,
        "of: roadmaps/sosh-2-2026-2027",
        "of: roadmaps/sosh-2-2026-2072",
    );
    let text = site.check_text();
    for hint in [
        "возможно, имелось в виду «schools/sosh-1»",
        "возможно, имелось в виду «schools/sosh-2»",
        "возможно, имелось в виду «centres/mnc-1»",
        "возможно, имелось в виду «documents/prikaz-1-od»",
        "возможно, имелось в виду «roadmaps/sosh-2-2026-2027»",
    ] {
        assert!(text.contains(hint), "no «{hint}» in:\n{text}");
    }
}

#[test]
fn only_the_first_hundred_broken_references_get_a_closest_id() {
    // «Возможно, имелось в виду» compares with every record of the section: a
    // renamed folder breaking thousands of references gets it for the first
    // hundred, in file order, and the rest are reported without it.
    let site = Site::new();
    let school =
        site.read("content/schools/sosh-2.yaml")
            .replacen("mentor: sosh-1", "mentor: sosh-l", 1);
    for n in 0..105 {
        site.write(&format!("content/schools/kopiya-{n:03}.yaml"), &school);
    }
    let text = site.check_text();
    // Each finding is a block of lines; the broken references' blocks by file.
    let hinted: Vec<bool> = text
        .split("\n\n")
        .filter(|block| block.starts_with("ошибка[broken-reference]"))
        .map(|block| block.contains("возможно, имелось в виду «schools/sosh-1»"))
        .collect();
    let expected: Vec<bool> = (0..105).map(|n| n < 100).collect();
    assert_eq!(hinted, expected, "{text}");
}

// Item 7: personal data is masked wherever a line of a file is quoted.

#[test]
fn personal_data_is_masked_in_the_quoted_line_of_every_format() {
    let site = Site::new();
    site.edit(
        "content/events/seminar-nastavnikov.md",
        "Анонс: о чём семинар",
        "Для справок: +7 918 123-45-67, ivanova.mp@mail.ru.\n\nАнонс: о чём семинар",
    );
    let findings = site.findings();
    assert_eq!(
        rules(&findings),
        ["personal-data", "personal-data"],
        "{findings:#?}"
    );
    for format in ["text", "json", "junit", "sarif", "github", "html"] {
        let o = site.run(&["check", "--today", TODAY, "--format", format]);
        let out =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        for secret in ["123-45-67", "ivanova.mp"] {
            assert!(
                !out.contains(secret),
                "--format {format} prints {secret}:\n{out}"
            );
        }
    }
    // A finding of another rule quotes its line masked too: an unknown field
    // holding a phone (fields are not scanned for personal data).
    site.edit(
        "content/events/seminar-nastavnikov.md",
        "place:",
        "kontakty: Иванова, +7 918 765-43-21\nplace:",
    );
    let text = site.check_text();
    assert!(text.contains("unknown-field"), "{text}");
    assert!(
        text.contains("kontakty: Иванова, +7 91* ***-**-21"),
        "{text}"
    );
    assert!(!text.contains("765-43"), "{text}");
}

// Item 9.

#[test]
fn schools_are_listed_by_number_naturally_ignoring_the_legal_form() {
    let site = Site::new();
    // Schools outside the support group, beside МБОУ СОШ № 1 of the fresh site.
    site.write(
        "content/schools/sosh-10.yaml",
        "name: МАОУ СОШ № 10\nshort_name: МАОУ СОШ № 10\n",
    );
    site.write(
        "content/schools/sosh-3.yaml",
        "name: МКОУ СОШ № 3\nshort_name: МКОУ СОШ № 3\n",
    );
    assert!(site.build().status.success());
    let names: Vec<String> = site
        .page("schools")
        .select(&Selector::parse("main table").unwrap())
        .nth(1)
        .expect("the table of other schools")
        .select(&Selector::parse("tbody tr td:first-child").unwrap())
        .map(|td| td.text().collect::<String>().replace('\u{a0}', " "))
        .collect();
    assert_eq!(
        names,
        ["МБОУ СОШ № 1", "МКОУ СОШ № 3", "МАОУ СОШ № 10"],
        "{names:?}"
    );
}

#[test]
fn an_unknown_risk_is_shown_once_as_written() {
    let site = Site::new();
    site.edit(
        "content/schools/sosh-2.yaml",
        "risks: [r3, r8, r10]",
        "risks: [r3, R11]",
    );
    site.build();
    // Main's risk profile table (issue 13) replaced the `.risks` list.
    let risks = text_of(&site.page("schools/sosh-2"), "main .risk-profile");
    assert_eq!(risks.matches("R11").count(), 1, "{risks}");
    assert!(!risks.contains("r11"), "{risks}");
}

#[test]
fn an_event_report_heading_names_the_event() {
    let site = Site::new();
    site.write(
        "content/reports/otchet-seminar.md",
        "---\nof: events/seminar-nastavnikov\ndate: 2026-11-24\n---\nСеминар прошёл.\n",
    );
    assert!(site.build().status.success());
    let page = site.page("reports/otchet-seminar");
    let h1 = text_of(&page, "h1");
    assert!(
        h1.starts_with("Отчёт о мероприятии «Семинар для наставников"),
        "{h1}"
    );
    let facts = text_of(&page, "main .facts");
    assert!(
        !facts.contains("Отчёт о выполнении: мероприятие"),
        "{facts}"
    );
}

#[test]
fn images_among_report_files_are_a_gallery_with_alt_text() {
    let site = Site::new();
    // A tiny valid PNG (1×1).
    let pixel: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0A, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0,
        0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    std::fs::create_dir_all(site.root.join("content/reports/foto")).unwrap();
    std::fs::write(site.root.join("content/reports/foto/zal.png"), pixel).unwrap();
    std::fs::write(site.root.join("content/reports/foto/doska.png"), pixel).unwrap();
    site.write(
        "content/reports/otchet-seminar.md",
        "---\nof: events/seminar-nastavnikov\ndate: 2026-11-24\nfiles:\n  - file: foto/zal.png\n    alt: Участники семинара в актовом зале\n  - foto/doska.png\n---\n",
    );
    let findings = site.findings();
    // The image without alt text is a warning pointing at it.
    let no_alt: Vec<&Value> = findings
        .iter()
        .filter(|f| f["message"].as_str().unwrap_or("").contains("doska.png"))
        .collect();
    assert_eq!(no_alt.len(), 1, "{findings:#?}");
    assert_eq!(no_alt[0]["severity"], "warning");
    assert!(site.build().status.success());
    let page = site.page("reports/otchet-seminar");
    let alts: Vec<String> = page
        .select(&Selector::parse("main .gallery img").unwrap())
        .map(|i| i.value().attr("alt").unwrap_or("<none>").to_string())
        .collect();
    assert_eq!(alts.len(), 2, "{alts:?}");
    assert!(alts.contains(&"Участники семинара в актовом зале".to_string()));
}

#[test]
fn new_explains_document_and_event_kinds_in_russian() {
    let site = Site::new();
    for (kind, id, words) in [
        ("document", "prikaz-2", ["приказ", "положение"]),
        ("event", "seminar-2", ["семинар", "вебинар"]),
    ] {
        let o = site.run(&["new", kind, id, "--today", TODAY]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let dir = if kind == "document" {
            "documents"
        } else {
            "events"
        };
        let text = site.read(&format!("content/{dir}/{id}.md"));
        let kind_hint: String = text
            .lines()
            .take_while(|l| !l.starts_with("kind:"))
            .filter(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        for w in words {
            assert!(
                kind_hint.contains(w),
                "{kind}: no «{w}» in the hint:\n{text}"
            );
        }
    }
}

#[test]
fn help_speaks_without_jargon() {
    let site = Site::new();
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["build", "--help"],
        vec!["init", "--help"],
        vec!["new", "--help"],
        vec!["serve", "--help"],
    ] {
        let o = site.run(&args);
        let help = String::from_utf8_lossy(&o.stdout);
        for jargon in ["rustc", "по контракту", "CI"] {
            assert!(!help.contains(jargon), "{args:?}: «{jargon}» in\n{help}");
        }
    }
}
