//! Helpers shared by the integration tests: copy a fixture site into a temporary
//! directory, run the real binary on it, and find findings in its output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[path = "../common/mod.rs"]
mod shared;
pub use shared::copy_dir;
use std::process::{Command, Output};

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(name)
}

/// A copy of `tests/sites/NAME` in a fresh temporary directory (builds write
/// `public/` next to the site, which must never land in the repository).
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(name), tmp.path());
    tmp
}

/// `built` in status.json (SOURCE_DATE_EPOCH): builds compared byte for byte
/// must not differ by the second they ran in.
pub const SOURCE_DATE_EPOCH: &str = "1795510800";

pub fn vitrina(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .output()
        .unwrap()
}

/// Runs `vitrina build` on the site; returns the exit code and stderr, after
/// asserting that nothing panicked.
pub fn build(root: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["build", "--today", "2026-11-24"];
    args.extend_from_slice(extra);
    let out = vitrina(root, &args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked at"),
        "vitrina panicked:\n{stderr}"
    );
    (out.status.code().unwrap_or(-1), stderr)
}

/// The finding printed at `location` (`file:line:column`): its whole block, from the
/// message line to the hint. Panics with the full output when there is none.
pub fn finding_at<'a>(stderr: &'a str, location: &str) -> &'a str {
    stderr
        .split("\n\n")
        .find(|block| {
            block
                .lines()
                .any(|l| l.trim_start().strip_prefix("--> ") == Some(location))
        })
        .unwrap_or_else(|| panic!("no finding at {location} in:\n{stderr}"))
}

/// Asserts a finding at `location` whose block holds every one of `texts`.
pub fn assert_finding(stderr: &str, location: &str, texts: &[&str]) {
    let block = finding_at(stderr, location);
    for text in texts {
        assert!(
            block.contains(text),
            "finding at {location} lacks «{text}»:\n{block}\n\nfull output:\n{stderr}"
        );
    }
}

const FORBIDDEN_ELEMENTS: [&str; 10] = [
    "script", "style", "svg", "math", "object", "embed", "form", "base", "link", "meta",
];

/// Every way the built page could run a script or load foreign content; the
/// theme's own `<link rel=stylesheet>` and `<meta>` tags in `<head>` are allowed.
/// The default theme's own active elements, exactly: its four scripts (by their
/// static path, with no inline code) and its two forms (the GET search, the practices filter). An editor's record
/// can produce none of them: the sanitiser drops every `<script>` and `<form>`.
fn is_theme_own(el: &scraper::ElementRef) -> bool {
    let v = el.value();
    match v.name() {
        "script" => {
            let src = v.attr("src").unwrap_or("");
            el.text().all(|t| t.trim().is_empty())
                && [
                    "/static/a11y.js",
                    "/static/file-links.js",
                    "/static/search.js",
                    "/static/practices.js",
                ]
                .iter()
                .any(|own| src.ends_with(own) && !src.contains(':'))
        }
        // The bank of practices' in-place filter: no action, nothing is sent.
        "form" if v.attr("class") == Some("practice-filter") => {
            v.attr("action").is_none() && v.attr("method").is_none()
        }
        "form" => {
            v.attr("role") == Some("search")
                && v.attr("method") == Some("get")
                && v.attr("action")
                    // Relative: `search/` on the home page, `./` on the search
                    // page itself, `../search/` below.
                    .is_some_and(|a| {
                        (a == "search/" || a == "./" || a.ends_with("/search/")) && !a.contains(':')
                    })
        }
        _ => false,
    }
}

pub fn dangers(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    let body = scraper::Selector::parse("body *").unwrap();
    for el in doc.select(&body) {
        let v = el.value();
        let name = v.name();
        if FORBIDDEN_ELEMENTS.contains(&name) && !is_theme_own(&el) {
            found.push(format!("<{name}> element"));
        }
        for (attr, value) in v.attrs() {
            let attr = attr.to_ascii_lowercase();
            let value = value.trim().to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("{attr}= on <{name}>"));
            }
            if attr == "style" || attr == "srcdoc" {
                found.push(format!("{attr}= on <{name}>"));
            }
            let url_attr = ["href", "src", "action", "formaction", "xlink:href", "data"];
            let bad_scheme = ["javascript:", "data:", "vbscript:"]
                .iter()
                .any(|s| value.starts_with(s));
            if url_attr.contains(&attr.as_str()) && bad_scheme {
                found.push(format!("{attr}=\"{value}\" on <{name}>"));
            }
        }
        if name == "iframe" {
            let src = v.attr("src").unwrap_or("");
            if !src.starts_with("https://rutube.ru/") || v.attr("sandbox").is_none() {
                found.push(format!(
                    "iframe src=\"{src}\" sandbox={:?}",
                    v.attr("sandbox")
                ));
            }
        }
    }
    // Nothing in <head> but the theme's own tags.
    let head = scraper::Selector::parse("head script, head base, head meta[http-equiv]").unwrap();
    for el in doc.select(&head) {
        if !is_theme_own(&el) {
            found.push(format!("<{}> in head", el.value().name()));
        }
    }
    found
}

/// See [`shared::wait_for_discarded`]: the previous output is removed in the
/// background after a build.
pub fn wait_for_discarded(dir: &Path) {
    shared::wait_for_discarded(dir);
}
