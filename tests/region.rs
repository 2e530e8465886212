//! `vitrina region` (content model 8.2) over local fixture sites and published
//! ones served by an HTTP server inside the test: a good site, one answering
//! slower than the timeout, one answering HTML, one refusing the connection.

mod common;

use common::{TODAY, copy_dir, site};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;
use vitrina::build::{BuildOptions, build};

/// Builds a fixture site into `dir/name`; the output folder.
fn built(name: &str, dir: &Path) -> PathBuf {
    let out = dir.join(name);
    build(&BuildOptions {
        root: site(name),
        out: Some(out.clone()),
        base_url: None,
        drafts: false,
        today: TODAY.parse().unwrap(),
    })
    .unwrap_or_else(|_| panic!("{name} builds"));
    out
}

/// Serves on 127.0.0.1: `/good/…` from a built site, `/slow/…` the same after
/// `delay`, `/html/…` an HTML page for everything. Runs until the test ends.
fn serve(good: PathBuf, delay: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let good = good.clone();
            std::thread::spawn(move || answer(stream, &good, delay));
        }
    });
    address
}

fn answer(mut stream: TcpStream, good: &Path, delay: Duration) {
    let mut request = String::new();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The rest of the head, up to the empty line.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, kind, body) = if let Some(rest) = path.strip_prefix("/good/") {
        match std::fs::read(good.join(rest)) {
            Ok(b) => ("200 OK", "application/json", b),
            Err(_) => ("404 Not Found", "text/plain", b"no".to_vec()),
        }
    } else if let Some(rest) = path.strip_prefix("/slow/") {
        std::thread::sleep(delay);
        (
            "200 OK",
            "application/json",
            std::fs::read(good.join(rest)).unwrap_or_default(),
        )
    } else if path.starts_with("/html/") {
        (
            "200 OK",
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><html><body><h1>\xd0\x93\xd0\xbb\xd0\xb0\xd0\xb2\xd0\xbd\xd0\xb0\xd1\x8f</h1></body></html>".to_vec(),
        )
    } else {
        ("404 Not Found", "text/plain", b"no".to_vec())
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// A port nothing listens on: bound, then let go.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn region(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .arg("region")
        .arg(file)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .unwrap()
}

/// A region of two local sites (copied next to REGION.toml, named relatively)
/// and four published ones.
struct Fixture {
    dir: tempfile::TempDir,
    server: String,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for name in ["check-base", "independent-gaps"] {
            copy_dir(&site(name), &dir.path().join("sites").join(name));
        }
        let good = built("independent", dir.path());
        let server = serve(good, Duration::from_secs(4));
        let closed = closed_port();
        let toml = format!(
            r#"title = "Тестовый край: публикация систем работы со ШНОР/ШССУ"
timeout = 1

[[municipality]]
name = "Базовый район"
root = "sites/check-base"

[[municipality]]
name = "Район с пропусками"
root = "sites/independent-gaps"

[[municipality]]
name = "Северный район"
url = "{server}/good/"

[[municipality]]
name = "Медленный район"
url = "{server}/slow"

[[municipality]]
name = "Район без vitrina"
url = "{server}/html/"

[[municipality]]
name = "Выключенный район"
url = "http://127.0.0.1:{closed}/shnor/"
"#
        );
        std::fs::write(dir.path().join("REGION.toml"), toml).unwrap();
        Fixture { dir, server }
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join("REGION.toml")
    }
}

fn row<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

fn cell<'a>(row: &'a Value, id: &str) -> &'a Value {
    row["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

#[test]
fn every_municipality_is_a_row_whatever_its_site_does() {
    let f = Fixture::new();
    let out = region(&f.file(), &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = report["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Базовый район",
            "Район с пропусками",
            "Северный район",
            "Медленный район",
            "Район без vitrina",
            "Выключенный район"
        ]
    );

    let base = row(&report, "Базовый район");
    assert_eq!(base["complete"], true);
    assert_eq!(base["errors"], 0);
    assert_eq!(cell(base, "plans-mnc")["count"], 2);
    assert_eq!(base["schools"], 1);

    let gaps = row(&report, "Район с пропусками");
    assert_eq!(gaps["complete"], false);
    assert_eq!(cell(gaps, "programs")["present"], false);
    assert_eq!(cell(gaps, "roadmaps")["present"], true);
    assert_eq!(gaps["roadmaps_missing"], 1);
    assert_eq!(gaps["reports_overdue"], 2);
    assert_eq!(gaps["errors"], 8);

    let good = row(&report, "Северный район");
    assert_eq!(good["available"], true, "{good}");
    assert_eq!(good["complete"], true);
    assert_eq!(
        cell(good, "roadmaps")["url"],
        format!("{}/good/roadmaps/", f.server)
    );
    assert_eq!(
        cell(good, "plans-mtkp")["url"],
        format!("{}/good/plans/#mtkp", f.server)
    );
    assert_eq!(
        good["site_title"],
        "Работа со школами с низкими образовательными результатами"
    );

    let slow = row(&report, "Медленный район");
    assert_eq!(slow["available"], false);
    assert!(
        slow["problem"]
            .as_str()
            .unwrap()
            .contains("не ответил за 1 с"),
        "{slow}"
    );
    let html = row(&report, "Район без vitrina");
    assert!(
        html["problem"]
            .as_str()
            .unwrap()
            .contains("не сайт vitrina"),
        "{html}"
    );
    let closed = row(&report, "Выключенный район");
    assert!(
        closed["problem"]
            .as_str()
            .unwrap()
            .contains("отказал в подключении"),
        "{closed}"
    );
    assert_eq!(cell(closed, "system")["present"], Value::Null);
    assert_eq!(report["summary"]["unavailable"], 3);
    assert_eq!(report["summary"]["complete"], 2);
}

#[test]
fn all_complete_exits_zero_and_a_broken_region_file_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site("check-base"), &dir.path().join("a"));
    let file = dir.path().join("REGION.toml");
    std::fs::write(
        &file,
        "title = \"Край\"\n[[municipality]]\nname = \"А\"\nroot = \"a\"\n",
    )
    .unwrap();
    assert_eq!(region(&file, &[]).status.code(), Some(0));

    std::fs::write(
        &file,
        "title = \"Край\"\n[[municipality]]\nname = \"А\"\nrot = \"a\"\n",
    )
    .unwrap();
    let out = region(&file, &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("REGION.toml:4:1"), "{stderr}");
    assert!(stderr.contains("rot = \"a\""), "{stderr}");

    std::fs::write(&file, "title = \"Край\"\n[[municipality]]\nname = \"А\"\n").unwrap();
    let out = region(&file, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("не указан ни root"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_opens_in_excel_utf8_bom_semicolons() {
    let f = Fixture::new();
    let out = region(&f.file(), &["--format", "csv"]);
    let csv = out.stdout;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 7, "{text}");
    let header: Vec<&str> = lines[0].split(';').collect();
    assert_eq!(header[0], "Муниципалитет");
    assert_eq!(header[2], "Содержание Системы работы со ШНОР и ШССУ");
    assert_eq!(*header.last().unwrap(), "Примечание");
    let gaps: Vec<&str> = lines[2].split(';').collect();
    assert_eq!(gaps.len(), header.len());
    assert_eq!(gaps[0], "Район с пропусками");
    assert_eq!(gaps[3], "Нет (0)");
    assert_eq!(gaps[5], "Да (5)");
    assert!(lines[6].starts_with("Выключенный район;"));
    assert!(lines[6].ends_with("сайт отказал в подключении (сервер не работает)"));
}

#[test]
fn html_report_links_each_cell_to_the_item_page() {
    let f = Fixture::new();
    let out_dir = f.dir.path().join("report");
    let out = region(
        &f.file(),
        &["--format", "html", "--out", out_dir.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let html = std::fs::read_to_string(out_dir.join("region.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let rows: Vec<_> = doc.select(&sel("tbody tr")).collect();
    assert_eq!(rows.len(), 6);
    let north = rows
        .iter()
        .find(|r| r.text().collect::<String>().contains("Северный район"))
        .unwrap();
    let links: Vec<&str> = north
        .select(&sel("td a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    let base = format!("{}/good/", f.server);
    assert_eq!(
        links,
        [
            "system/",
            "programs/",
            "events/",
            "roadmaps/",
            "plans/#mnc",
            "plans/#mtkp",
            "reports/"
        ]
        .map(|p| format!("{base}{p}"))
    );
    let gaps = rows[1];
    let no: Vec<String> = gaps
        .select(&sel("td.no"))
        .map(|td| td.text().collect::<String>())
        .collect();
    assert_eq!(no.len(), 1);
    assert!(no[0].starts_with("Нет") && no[0].ends_with("(0)"), "{no:?}");
    let headers = doc.select(&sel("thead th button")).count();
    assert_eq!(headers, 1 + 7 + 6 + 1);
}

#[test]
fn text_table_names_every_row() {
    let f = Fixture::new();
    let out = region(&f.file(), &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["Базовый район", "Медленный район", "Выключенный район"]
    {
        assert!(text.contains(name), "{text}");
    }
    assert!(text.contains("Нет (0)"), "{text}");
    // Six municipalities: more than a few, so progress is shown.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("[6/6]"), "{stderr}");
}
