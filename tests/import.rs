//! `vitrina import`: every kind and every structural case of section 9, read
//! from the office documents in tests/import/ (made by make_fixtures.py) and
//! asserted field by field on the records written.

mod common;

use common::{check_json, example_site, vitrina};
use serde_yaml::Value;
use std::path::{Path, PathBuf};
use vitrina::import::{ImportArgs, ImportKind, Outcome, run};
use vitrina::schema::Section;

const TODAY: &str = "2026-12-02";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
}

fn args(file: &Path, kind: ImportKind) -> ImportArgs {
    ImportArgs {
        file: file.to_path_buf(),
        kind,
        school: None,
        centre: None,
        of: None,
        year: None,
        id: None,
        table: None,
        sheet: None,
        title: None,
        series: None,
        better: None,
        threshold: None,
        dry_run: true,
        today: None,
    }
}

/// A dry run against the example site: the summary and the files it would write.
fn dry(a: ImportArgs) -> Outcome {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    run(root, &a, TODAY.parse().unwrap()).unwrap_or_else(|e| panic!("{}", e.message))
}

/// The one record of a dry run: its path and its fields.
fn single(o: &Outcome) -> (String, Value) {
    assert_eq!(o.preview.len(), 1, "{:?}", o.preview);
    record(o, 0)
}

fn record(o: &Outcome, i: usize) -> (String, Value) {
    let p = &o.preview[i];
    let text = String::from_utf8(p.text.clone()).unwrap();
    (p.path.display().to_string(), fields(&text))
}

fn fields(text: &str) -> Value {
    let front = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map(|(f, _)| f)
        .unwrap_or_else(|| panic!("no front matter: {text}"));
    serde_yaml::from_str(front).unwrap()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not text in {v:?}"))
}

fn measures(v: &Value) -> &Vec<Value> {
    v["measures"].as_sequence().unwrap()
}

/// Every record a dry run writes loads through the project's own loader with
/// no `invalid-record` (sections the loader knows).
fn assert_loads(o: &Outcome, section: Section) {
    for p in &o.preview {
        let id = p.path.strip_prefix("content").unwrap().with_extension("");
        let id = id.display().to_string();
        let loaded =
            vitrina::load::parse_record(&p.path.display().to_string(), &id, section, true, &p.text);
        if let Err(findings) = loaded {
            panic!("{id}: {findings:#?}\n{}", String::from_utf8_lossy(&p.text));
        }
    }
}

fn summary(o: &Outcome) -> String {
    o.summary.join("\n")
}

#[test]
fn roadmap_from_word_keeps_groups_merges_line_breaks_and_due_as_written() {
    let mut a = args(&fixture("roadmap-sosh-25.docx"), ImportKind::Roadmap);
    a.school = Some("sosh-25".into());
    let o = dry(a);
    let (path, r) = single(&o);
    assert_eq!(path, "content/roadmaps/sosh-25-2026-2027.md");
    assert_eq!(s(&r, "school"), "sosh-25");
    assert_eq!(s(&r, "academic_year"), "2026/2027");
    assert_eq!(
        s(&r, "title"),
        "Дорожная карта сопровождения МБОУ СОШ № 25 на 2026/2027 учебный год"
    );
    let m = measures(&r);
    assert_eq!(m.len(), 6, "{m:#?}");
    // A row spanning the table is the group of the rows under it.
    assert_eq!(
        s(&m[0], "group"),
        "1. Организационно-управленческие мероприятия"
    );
    assert_eq!(
        s(&m[2], "group"),
        "1. Организационно-управленческие мероприятия"
    );
    // A group row whose «№» cell holds the section number.
    assert_eq!(s(&m[3], "group"), "Работа с педагогами");
    assert_eq!(s(&m[5], "group"), "Работа с родителями");
    // A line break inside a cell stays; stray spaces go; «№ п/п» is dropped.
    assert_eq!(
        s(&m[0], "title"),
        "Разработка антирисковых программ\nпо трём факторам риска"
    );
    assert_eq!(s(&m[1], "title"), "Самодиагностика школы по «500+»");
    assert!(m[0].get("number").is_none() && m[0].as_mapping().unwrap().len() == 5);
    assert_eq!(s(&m[0], "due"), "до 15.10.2026");
    assert_eq!(s(&m[1], "due"), "сентябрь 2026");
    assert_eq!(s(&m[3], "due"), "2026-11-20");
    // «Ответственные» merged down over three rows applies to each of them.
    let both = "Директор Соколова Н. В.\nЗам. директора по УВР Белова Т. А.";
    for (i, row) in m.iter().take(3).enumerate() {
        assert_eq!(s(row, "responsible"), both, "row {i}");
    }
    assert_eq!(s(&m[3], "responsible"), "Куратор Гаврилов А. Н.");
    assert_eq!(s(&m[0], "result"), "Программы утверждены приказом");
    assert!(
        m[2].get("result").is_none(),
        "an empty cell writes no field"
    );
    // Column numbers, the repeated heading row and the signature table are
    // left out and named in the summary.
    let text = summary(&o);
    assert!(
        text.contains("таблица 1, строка 2: номера столбцов"),
        "{text}"
    );
    assert!(
        text.contains("таблица 1, строка 8: повтор строки заголовков"),
        "{text}"
    );
    assert!(text.contains("Не перенесена таблица 2"), "{text}");
    assert!(text.contains("«Срок исполнения» → due"), "{text}");
    assert_loads(&o, Section::Roadmaps);
}

#[test]
fn report_statuses_in_any_case_and_punctuation_become_done_partly_not_done() {
    let mut a = args(&fixture("report-sosh-25.docx"), ImportKind::Report);
    a.of = Some("roadmaps/sosh-25-2026-2027".into());
    let o = dry(a);
    let (path, r) = single(&o);
    // The date comes from «по состоянию на 20.11.2026», not from today.
    assert_eq!(
        path,
        "content/reports/sosh-25-2026-2027-otchet-2026-11-20.md"
    );
    assert_eq!(s(&r, "of"), "roadmaps/sosh-25-2026-2027");
    assert_eq!(s(&r, "date"), "2026-11-20");
    let m = measures(&r);
    let statuses: Vec<Option<&str>> = m.iter().map(|x| x["status"].as_str()).collect();
    assert_eq!(
        statuses,
        [
            Some("done"),
            Some("done"),
            Some("partly"),
            Some("not_done"),
            Some("done"),
            None
        ]
    );
    assert_eq!(s(&m[0], "comment"), "приказ № 41");
    // Text after the status is kept as the comment; an unknown status too.
    assert_eq!(s(&m[4], "comment"), "посещено 4 урока");
    assert_eq!(s(&m[5], "comment"), "в работе");
    assert!(summary(&o).contains("«в работе»"), "{}", summary(&o));
    assert!(
        summary(&o).contains("«Срок» — есть в дорожной карте"),
        "{}",
        summary(&o)
    );
    assert_loads(&o, Section::Reports);
}

#[test]
fn report_date_is_today_when_the_document_names_none() {
    let csv = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::fs::write(csv.path(), "Мероприятие;Статус\nСеминар;выполнено\n").unwrap();
    let mut a = args(csv.path(), ImportKind::Report);
    a.of = Some("roadmaps/sosh-10-2026-2027".into());
    let o = dry(a);
    let (path, r) = single(&o);
    assert_eq!(s(&r, "date"), TODAY);
    assert_eq!(
        path,
        format!("content/reports/sosh-10-2026-2027-otchet-{TODAY}.md")
    );
    // The roadmap exists: a title it does not have is pointed out.
    assert!(
        summary(&o).contains("мероприятия Семинар нет в roadmaps/sosh-10-2026-2027"),
        "{}",
        summary(&o)
    );
}

#[test]
fn schools_from_excel_one_record_per_row_under_a_merged_title() {
    let o = dry(args(&fixture("schools.xlsx"), ImportKind::Schools));
    assert_eq!(o.preview.len(), 3);
    let (path, r) = record(&o, 0);
    assert_eq!(path, "content/schools/sosh-25.md");
    assert_eq!(s(&r, "short_name"), "МБОУ СОШ № 25");
    assert!(s(&r, "name").starts_with("Муниципальное бюджетное"));
    assert_eq!(
        r["categories"],
        serde_yaml::from_str::<Value>("[shnor, shssu]").unwrap()
    );
    assert_eq!(
        r["risks"],
        serde_yaml::from_str::<Value>("[r2, r7]").unwrap()
    );
    assert_eq!(s(&r, "curator"), "Гаврилов А. Н.");
    assert_eq!(s(&r, "address"), "353800, ст. Луговая, ул. Мира, 1");
    assert_eq!(s(&r, "website"), "https://sosh25.example.ru");
    let (path, r) = record(&o, 1);
    assert_eq!(path, "content/schools/oosh-12.md");
    // «нет» in «Категория»: not in the support group.
    assert!(r.get("categories").is_none());
    assert!(r.get("website").is_none());
    let (path, r) = record(&o, 2);
    assert_eq!(path, "content/schools/licej-30.md");
    assert!(r.get("categories").is_none());
    // The line under the table («Исполнитель: …») is not a school.
    assert!(
        summary(&o).contains("строка 8: «Исполнитель: Петрова Е. С.»"),
        "{}",
        summary(&o)
    );
    assert_loads(&o, Section::Schools);
}

#[test]
fn plan_from_a_named_sheet_turns_date_cells_into_iso_and_fills_merged_cells() {
    let mut a = args(&fixture("schools.xlsx"), ImportKind::Plan);
    a.centre = Some("centres/mnc-1".into());
    a.sheet = Some("план мнц".into());
    a.year = Some("2026-2027".into());
    let o = dry(a);
    let (path, r) = single(&o);
    assert_eq!(path, "content/plans/mnc-1-2026-2027.md");
    assert_eq!(s(&r, "centre"), "mnc-1");
    let m = measures(&r);
    assert_eq!(m.len(), 3);
    assert_eq!(s(&m[0], "due"), "2026-12-10");
    assert_eq!(s(&m[1], "due"), "декабрь 2026");
    // Text typed only into the «№» column of a sheet heads a group.
    assert_eq!(s(&m[0], "group"), "Раздел 1. Методическая работа");
    for x in m {
        assert_eq!(s(x, "responsible"), "Методист Орлова И. В.");
    }
    assert_loads(&o, Section::Plans);
}

#[test]
fn plan_from_libreoffice_ods_reads_its_merges_and_reports_the_column_it_could_not_map() {
    let mut a = args(&fixture("plan-mnc.ods"), ImportKind::Plan);
    a.centre = Some("mnc-1".into());
    a.id = Some("mnc-1-plan-ods".into());
    let o = dry(a);
    let (path, r) = single(&o);
    assert_eq!(path, "content/plans/mnc-1-plan-ods.md");
    let m = measures(&r);
    assert_eq!(
        s(&m[0], "title"),
        "Выездной методический день\nв МБОУ СОШ № 25"
    );
    assert_eq!(s(&m[0], "due"), "2026-10-15");
    // A section row merged across the sheet, «Исполнитель» merged down over
    // both measures: .ods spans are read as Excel's merges are.
    assert_eq!(s(&m[0], "group"), "Раздел 1. Работа с ШНОР");
    assert_eq!(s(&m[1], "group"), "Раздел 1. Работа с ШНОР");
    assert_eq!(s(&m[0], "responsible"), "Руководитель МНЦ");
    assert_eq!(s(&m[1], "responsible"), "Руководитель МНЦ");
    assert!(
        summary(&o).contains("Не перенесён столбец 6 «Примечание»"),
        "{}",
        summary(&o)
    );
    assert_loads(&o, Section::Plans);
}

#[test]
fn monitoring_from_a_windows_1251_csv_writes_the_record_and_its_data() {
    let mut a = args(&fixture("vpr-2026.csv"), ImportKind::Monitoring);
    a.title = Some("ВПР-2026: доля отметок «2»".into());
    a.series = Some("vpr-share-2".into());
    a.better = Some("lower".into());
    a.threshold = Some("15,5".into());
    a.year = Some("2025/2026".into());
    let o = dry(a);
    assert_eq!(o.preview.len(), 2);
    let (path, r) = record(&o, 0);
    assert_eq!(path, "content/monitoring/vpr-share-2-2025-2026.md");
    assert_eq!(s(&r, "title"), "ВПР-2026: доля отметок «2»");
    assert_eq!(s(&r, "series"), "vpr-share-2");
    assert_eq!(s(&r, "academic_year"), "2025/2026");
    assert_eq!(s(&r, "procedure"), "vpr");
    assert_eq!(s(&r, "better"), "lower");
    assert_eq!(r["threshold"].as_f64(), Some(15.5));
    assert_eq!(s(&r, "data"), "vpr-share-2-2025-2026.csv");
    // The data file reads back through the same CSV module, blank line gone,
    // the extra column kept.
    let data = &o.preview[1];
    assert_eq!(
        data.path,
        Path::new("content/monitoring/vpr-share-2-2025-2026.csv")
    );
    let t = vitrina::tabular::csv::read(&data.text).unwrap();
    let cells: Vec<Vec<&str>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        cells[0],
        ["школа", "предмет", "класс", "значение", "Участников"]
    );
    assert_eq!(cells[1], ["МБОУ СОШ № 25", "Математика", "5", "18,4", "38"]);
    assert_eq!(cells[3], ["sosh-10", "Математика", "5", "21,0", "24"]);
    assert_eq!(cells.len(), 5);
    assert!(
        summary(&o).contains("строка 6: значение «нет данных» — не число"),
        "{}",
        summary(&o)
    );
}

#[test]
fn indicators_take_baseline_targets_and_values_from_period_headings() {
    let o = dry(args(&fixture("indicators.xlsx"), ImportKind::Indicator));
    assert_eq!(o.preview.len(), 2);
    let (path, r) = record(&o, 0);
    assert_eq!(
        path,
        "content/indicators/dolya-shnor-vyshedshih-iz-gruppy.md"
    );
    assert_eq!(s(&r, "title"), "Доля ШНОР, вышедших из группы поддержки");
    assert_eq!(s(&r, "unit"), "%");
    assert_eq!(s(&r, "better"), "lower");
    assert_eq!(s(&r, "source"), "ФИС ОКО");
    assert_eq!(s(&r["baseline"], "period"), "2024/2025");
    assert_eq!(r["baseline"]["value"].as_f64(), Some(14.3));
    assert_eq!(r["targets"]["2025/2026"].as_f64(), Some(12.0));
    assert_eq!(r["targets"]["2026/2027"].as_f64(), Some(10.0));
    // «11,5» typed as text with a decimal comma is a number.
    assert_eq!(r["values"]["2025/2026"].as_f64(), Some(11.5));
    let (_, r) = record(&o, 1);
    assert_eq!(s(&r, "better"), "higher");
    assert!(r.get("values").is_none());
    assert!(summary(&o).contains("«н/д»"), "{}", summary(&o));
}

#[test]
fn people_from_a_csv_with_roles_and_schools_in_russian() {
    let csv = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::fs::write(
        csv.path(),
        "ФИО,Должность,Роль,Курируемые школы,Электронная почта\n\
         Гаврилов Алексей Николаевич,\"главный специалист управления образования\",\"Куратор, член рабочей группы\",\"МБОУ СОШ № 10; sosh-3\",gavrilov@uo.example.ru\n\
         Петрова Елена Сергеевна,\"Муниципальный координатор: начальник отдела\",координатор,,\n",
    )
    .unwrap();
    let o = dry(args(csv.path(), ImportKind::People));
    let (path, r) = record(&o, 0);
    assert_eq!(path, "content/people/gavrilov.md");
    assert_eq!(s(&r, "name"), "Гаврилов Алексей Николаевич");
    assert_eq!(
        s(&r, "position"),
        "главный специалист управления образования"
    );
    assert_eq!(
        r["roles"],
        serde_yaml::from_str::<Value>("[curator, working-group]").unwrap()
    );
    assert_eq!(
        r["schools"],
        serde_yaml::from_str::<Value>("[sosh-10, sosh-3]").unwrap()
    );
    assert_eq!(s(&r, "email"), "gavrilov@uo.example.ru");
    let (path, r) = record(&o, 1);
    assert_eq!(path, "content/people/petrova.md");
    assert_eq!(
        s(&r, "position"),
        "Муниципальный координатор: начальник отдела"
    );
    assert_eq!(
        r["roles"],
        serde_yaml::from_str::<Value>("[coordinator]").unwrap()
    );
}

#[test]
fn a_roadmap_typed_by_hand_in_a_windows_1251_csv_with_stray_spaces() {
    let csv = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let text = "  № п/п ;  НАИМЕНОВАНИЕ   МЕРОПРИЯТИЯ: ; Срок исполнения;Ответственный исполнитель;Примечание\r\n\
                1;  Семинар  для учителей  ; до 15.10.2026 ;Петрова;\r\n\
                ;;;;\r\n\
                2;Родительское собрание: «итоги»;ноябрь 2026;Иванова; перенесено\r\n";
    std::fs::write(csv.path(), encoding_rs::WINDOWS_1251.encode(text).0).unwrap();
    let mut a = args(csv.path(), ImportKind::Roadmap);
    a.school = Some("sosh-10".into());
    a.id = Some("sosh-10-csv".into());
    let o = dry(a);
    let (_, r) = single(&o);
    let m = measures(&r);
    assert_eq!(m.len(), 2);
    assert_eq!(s(&m[0], "title"), "Семинар для учителей");
    assert_eq!(s(&m[0], "due"), "до 15.10.2026");
    assert_eq!(s(&m[0], "responsible"), "Петрова");
    assert_eq!(s(&m[1], "title"), "Родительское собрание: «итоги»");
    assert!(m[0].get("group").is_none());
    assert!(
        summary(&o).contains("Не перенесён столбец 5 «Примечание»"),
        "{}",
        summary(&o)
    );
    assert_loads(&o, Section::Roadmaps);
}

#[test]
fn the_table_whose_headings_match_is_chosen_and_table_n_overrides() {
    // The signature table has no «Мероприятие» column: --table 2 is refused.
    let mut a = args(&fixture("roadmap-sosh-25.docx"), ImportKind::Roadmap);
    a.school = Some("sosh-25".into());
    a.table = Some(2);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let e = run(root, &a, TODAY.parse().unwrap()).unwrap_err();
    assert_eq!(e.code, 2);
    assert!(
        e.message
            .contains("в таблице 2 не найдена строка заголовков"),
        "{}",
        e.message
    );
    a.table = Some(1);
    assert_eq!(measures(&single(&dry(a)).1).len(), 6);
}

#[test]
fn writes_the_record_and_never_over_an_existing_one() {
    let (_tmp, root) = example_site();
    let file = fixture("roadmap-sosh-25.docx");
    let file = file.to_str().unwrap();
    // The kind may be named in Russian, as in `vitrina new`.
    let cmd = [
        "import",
        file,
        "--as",
        "дорожная-карта",
        "--school",
        "sosh-25",
        "--today",
        TODAY,
    ];
    let first = vitrina(&root, &cmd);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let path = root.join("content/roadmaps/sosh-25-2026-2027.md");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        first
            .stdout
            .contains("Записано: content/roadmaps/sosh-25-2026-2027.md")
    );
    let second = vitrina(&root, &cmd);
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(second.stderr.contains("уже есть"), "{}", second.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    // --id names another file; an existing .yaml with the id is refused too.
    std::fs::write(
        root.join("content/roadmaps/other.yaml"),
        "school: sosh-25\n",
    )
    .unwrap();
    let third = vitrina(&root, &[&cmd[..], &["--id", "other"]].concat());
    assert_eq!(third.code, 1, "{}", third.stderr);
}

#[test]
fn a_file_that_is_not_a_table_is_a_clear_error_with_exit_2() {
    let (_tmp, root) = example_site();
    for (file, says) in [
        (fixture("no-table.docx"), "в файле нет ни одной таблицы"),
        (fixture("make_fixtures.py"), "такой файл импорт не читает"),
        (fixture("missing.docx"), "не удалось прочитать"),
    ] {
        let run = vitrina(
            &root,
            &[
                "import",
                file.to_str().unwrap(),
                "--as",
                "roadmap",
                "--school",
                "sosh-10",
            ],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    // A workbook renamed to .csv, and a CSV without the needed heading.
    let fake = root.join("list.csv");
    std::fs::copy(fixture("schools.xlsx"), &fake).unwrap();
    let run = vitrina(
        &root,
        &["import", fake.to_str().unwrap(), "--as", "schools"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("книга Excel"), "{}", run.stderr);
    std::fs::write(&fake, "Город;Население\nПриморск;12000\n").unwrap();
    let run = vitrina(
        &root,
        &["import", fake.to_str().unwrap(), "--as", "schools"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("не найдена таблица с заголовком"),
        "{}",
        run.stderr
    );
    // A roadmap needs its school.
    let run = vitrina(
        &root,
        &[
            "import",
            fixture("roadmap-sosh-25.docx").to_str().unwrap(),
            "--as",
            "roadmap",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--school"), "{}", run.stderr);
}

/// Errors of a check as (rule, record), sorted.
fn errors(report: &serde_json::Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["record"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn round_trip_schools_roadmap_and_report_into_the_example_site_check_and_build_with_groups() {
    let (_tmp, root) = example_site();
    let (_, before) = check_json(&root, TODAY);
    let imports: [&[&str]; 3] = [
        &["--as", "schools"],
        &["--as", "roadmap", "--school", "sosh-25"],
        &["--as", "report", "--of", "roadmaps/sosh-25-2026-2027"],
    ];
    for (file, extra) in [
        "schools.xlsx",
        "roadmap-sosh-25.docx",
        "report-sosh-25.docx",
    ]
    .iter()
    .zip(imports)
    {
        let path = fixture(file);
        let cmd = [
            &["import", path.to_str().unwrap(), "--today", TODAY][..],
            extra,
        ]
        .concat();
        let run = vitrina(&root, &cmd);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    }
    let (_, after) = check_json(&root, TODAY);
    assert_eq!(errors(&after), errors(&before), "{after:#}");
    let invalid: Vec<_> = after["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "invalid-record" || f["rule"] == "broken-reference")
        .collect();
    assert!(invalid.is_empty(), "{invalid:#?}");
    // `group` is a field measures know: no unknown-field on the imported records.
    let unknown: Vec<_> = after["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unknown-field")
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");

    let out = root.join("public");
    let build = vitrina(
        &root,
        &["build", "--today", TODAY, "--out", out.to_str().unwrap()],
    );
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = |p: &str| {
        let html = std::fs::read_to_string(out.join(p).join("index.html")).unwrap();
        scraper::Html::parse_document(&html)
    };
    // The theme typesets «№ 25» with a no-break space.
    let text = |doc: &scraper::Html| {
        doc.root_element()
            .text()
            .collect::<String>()
            .replace('\u{a0}', " ")
    };
    let roadmap = text(&page("roadmaps/sosh-25-2026-2027"));
    for title in [
        "Самодиагностика школы по «500+»",
        "Курсы повышения квалификации учителей математики",
        "Родительский всеобуч",
    ] {
        assert!(roadmap.contains(title), "{title} not on the roadmap page");
    }
    // The sections of the table (`group`) are sub-headings of its rows, each
    // heading the rows under it; a line break typed in a cell is kept.
    let doc = page("roadmaps/sosh-25-2026-2027");
    let bodies: Vec<(String, usize)> = doc
        .select(&scraper::Selector::parse("table.measures tbody").unwrap())
        .map(|b| {
            let heading = b
                .select(&scraper::Selector::parse("th[scope=rowgroup]").unwrap())
                .map(|th| th.text().collect::<String>())
                .next()
                .unwrap_or_default();
            let rows = b
                .select(&scraper::Selector::parse("tr td").unwrap())
                .count()
                / 5;
            (heading, rows)
        })
        .collect();
    assert_eq!(
        bodies,
        [
            (
                "1. Организационно-управленческие мероприятия".to_string(),
                3
            ),
            ("Работа с педагогами".to_string(), 2),
            ("Работа с родителями".to_string(), 1)
        ]
    );
    let first = doc
        .select(&scraper::Selector::parse("table.measures tbody td").unwrap())
        .nth(1)
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(
        first,
        "Разработка антирисковых программ\nпо трём факторам риска"
    );
    let report = page("reports/sosh-25-2026-2027-otchet-2026-11-20");
    let rows: Vec<String> = report
        .select(&scraper::Selector::parse("tr").unwrap())
        .map(|r| r.text().collect::<String>().replace('\u{a0}', " "))
        .collect();
    let row = |t: &str| {
        rows.iter()
            .find(|r| r.contains(t))
            .unwrap_or_else(|| panic!("{t}: {rows:#?}"))
    };
    assert!(row("Курсы повышения квалификации").contains("не выполнено"));
    assert!(row("итоги четверти").contains("частично"));
    assert!(text(&page("schools/sosh-25")).contains("МБОУ СОШ № 25"));
}

#[test]
fn an_id_that_leaves_the_section_is_refused() {
    for id in ["../../site", "/tmp/x", "a:b"] {
        let mut a = args(&fixture("roadmap-sosh-25.docx"), ImportKind::Roadmap);
        a.school = Some("sosh-25".into());
        a.id = Some(id.into());
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let e = run(root, &a, TODAY.parse().unwrap()).unwrap_err();
        assert_eq!(e.code, 2, "{id}");
        assert!(
            e.message.contains("недопустимое имя записи"),
            "{}",
            e.message
        );
    }
    let mut a = args(&fixture("roadmap-sosh-25.docx"), ImportKind::Roadmap);
    a.school = Some("../../x".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(run(root, &a, TODAY.parse().unwrap()).unwrap_err().code, 2);
}

mod emitted_text {
    use proptest::prelude::*;
    use vitrina::import::emit::Fields;
    use vitrina::schema::Section;

    /// Cell text an editor might type: Cyrillic, quotes, colons, hashes,
    /// dashes, numbers, line breaks and YAML's special words.
    fn cell() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Семинар",
            "«500+»",
            "\"кавычки\"",
            "'апостроф'",
            ": ",
            " #",
            "#",
            "- ",
            "1.10",
            "2026",
            "yes",
            "null",
            "~",
            "[",
            "]",
            "{",
            "}",
            "&",
            "*",
            "!",
            "|",
            ">",
            "%",
            "@",
            "`",
            "\\",
            "№ 10",
            "до 15.10.2026",
            "\n",
            " ",
            "é",
            "Ё",
        ]);
        prop::collection::vec(pieces, 1..8)
            .prop_map(|p| vitrina::import::table::clean_text(&p.concat()))
            .prop_filter("a cell with text", |s| !s.is_empty())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn every_emitted_measure_loads_back_as_written(title in cell(), responsible in cell(), group in cell()) {
            let mut f = Fields::default();
            f.text(0, "school", "sosh-10").raw(0, "academic_year", "\"2026/2027\"").open(0, "measures");
            f.item(2, &[("group", &group), ("title", &title), ("responsible", &responsible)]);
            let text = f.record();
            let r = vitrina::load::parse_record("content/roadmaps/x.md", "roadmaps/x", Section::Roadmaps, true, text.as_bytes());
            let (record, findings) = r.unwrap_or_else(|e| panic!("{text}\n{e:#?}"));
            prop_assert!(findings.is_empty(), "{}\n{:#?}", text, findings);
            let plan = vitrina::kinds::work_plan::of(&record).expect("a roadmap");
            prop_assert_eq!(plan.measures[0].title.as_deref(), Some(title.as_str()), "{}", text);
            prop_assert_eq!(plan.measures[0].group.as_deref(), Some(group.as_str()), "{}", text);
            prop_assert_eq!(plan.measures[0].responsible.as_deref(), Some(responsible.as_str()), "{}", text);
        }
    }
}

#[test]
fn a_two_level_heading_row_is_not_a_measure() {
    // Word: «Мероприятие» and «Ответственный» merged down over two heading
    // rows, «Сроки» split into «начало | окончание» in the second.
    let body = r#"<w:tbl>
      <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Сроки</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Ответственный</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
            <w:tc><w:p><w:r><w:t>начало</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>окончание</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
      <w:tr><w:tc><w:p><w:r><w:t>Семинар</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>сентябрь 2026</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>октябрь 2026</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Петрова</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl>"#;
    let file = tempfile::Builder::new().suffix(".docx").tempfile().unwrap();
    write_docx(file.path(), body);
    let mut a = args(file.path(), ImportKind::Plan);
    a.centre = Some("mnc-1".into());
    let o = dry(a);
    let (_, r) = single(&o);
    let m = measures(&r);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert_eq!(s(&m[0], "title"), "Семинар");
    assert_eq!(s(&m[0], "due"), "сентябрь 2026");
    assert_eq!(s(&m[0], "responsible"), "Петрова");
    assert!(
        summary(&o).contains("строка 2: вторая строка заголовков"),
        "{}",
        summary(&o)
    );
}

/// A minimal .docx holding `body` (WordprocessingML) as its text.
fn write_docx(path: &Path, body: &str) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .unwrap();
    zip.finish().unwrap();
}

#[test]
fn monitoring_without_a_year_says_which_year_it_wrote_and_how_to_change_it() {
    let mut a = args(&fixture("vpr-2026.csv"), ImportKind::Monitoring);
    a.better = Some("lower".into());
    a.threshold = Some("15".into());
    let o = dry(a);
    let (_, r) = record(&o, 0);
    let written = s(&r, "academic_year");
    let text = summary(&o);
    assert!(
        text.contains(&format!(
            "Учебный год не указан: записан текущий, {written}"
        )),
        "{text}"
    );
    assert!(text.contains("--year "), "{text}");
}
