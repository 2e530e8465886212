//! Helpers shared by the checker's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use vitrina::check::Report;

pub const TODAY: &str = "2026-11-24";

pub fn date(s: &str) -> jiff::civil::Date {
    s.parse().unwrap()
}

/// A fixture site under tests/sites/.
pub fn site(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(name)
}

/// A writable copy of a fixture site, to plant one problem in.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn of(name: &str) -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&site(name), dir.path());
        Scratch { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (relative to the site root), creating folders.
    pub fn write(&self, path: &str, text: &str) -> &Self {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn remove(&self, path: &str) -> &Self {
        std::fs::remove_file(self.root().join(path)).unwrap();
        self
    }

    pub fn check(&self, today: &str) -> Report {
        check_lib(self.root(), today)
    }
}

/// Copies a directory tree (a fixture site into a temporary directory).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the checker through the library, as `vitrina check` does.
pub fn check_lib(root: &Path, today: &str) -> Report {
    let (site, profile) = vitrina::build::open_site(root, false, None).unwrap();
    vitrina::check::validate_profile(&profile).unwrap();
    vitrina::check::run(&site, &profile, date(today))
}

/// `(rule, record or item)` of every finding, sorted.
pub fn keys(report: &Report) -> Vec<(String, String)> {
    let mut k: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.record.clone().or(f.item.clone()).unwrap_or_default(),
            )
        })
        .collect();
    k.sort();
    k
}

/// The first finding of a rule (the report is sorted by place); panics naming the
/// rule when it did not fire.
pub fn first_of<'a>(report: &'a Report, rule: &str) -> &'a vitrina::diagnostics::Finding {
    report
        .findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("{rule} did not fire"))
}

/// The findings of one rule, as `(record or item)`.
pub fn fired(report: &Report, rule: &str) -> Vec<String> {
    keys(report)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, s)| s)
        .collect()
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the real binary with `--root root` and the arguments.
pub fn vitrina(root: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "{}",
        run.stderr
    );
    run
}

/// `vitrina check --today … --format json`, parsed.
pub fn check_json(root: &Path, today: &str) -> (i32, serde_json::Value) {
    let run = vitrina(root, &["check", "--today", today, "--format", "json"]);
    let value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    (run.code, value)
}

/// A copy of the example site (`content/` and `site.toml`) in a temporary directory:
/// the directory guard and the site root inside it.
pub fn example_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
    (tmp, root)
}

/// The search index under the output folder `out`, read back from its files
/// (`search-index/`, see src/render/search_files.rs) into one value:
/// `{"docs": [{url, title, section, excerpt}], "stems": {stem: [[doc, score]]}}`.
pub fn search_index(out: &Path) -> serde_json::Value {
    use serde_json::{Value, json};
    let dir = out.join("search-index");
    let read = |rel: &str| -> Value {
        let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        serde_json::from_str(&text).unwrap()
    };
    let manifest = read("manifest.json");
    let sections = &manifest["sections"];
    let count = manifest["docs"].as_u64().unwrap() as usize;
    let per_file = manifest["per_file"].as_u64().unwrap() as usize;
    let mut docs = Vec::new();
    for n in 0..count.div_ceil(per_file) {
        for d in read(&format!("d/{n}.json")).as_array().unwrap() {
            docs.push(json!({"url": d[0], "title": d[1],
                "section": sections[d[2].as_u64().unwrap() as usize], "excerpt": d[3]}));
        }
    }
    let mut stems = serde_json::Map::new();
    for n in 0..manifest["shards"].as_array().unwrap().len() {
        for (stem, flat) in read(&format!("p/{n}.json")).as_object().unwrap() {
            let mut doc = 0;
            let numbers = vitrina::render::search_files::read_numbers(flat.as_str().unwrap());
            let postings: Vec<Value> = numbers
                .chunks(2)
                .map(|p| {
                    doc += p[0];
                    json!([doc, p[1]])
                })
                .collect();
            stems.insert(stem.clone(), Value::Array(postings));
        }
    }
    json!({"docs": docs, "stems": stems})
}

/// A build removes the previous output in the background (src/output/discard.rs):
/// waits, up to a minute, until no discarded output is left in `dir`.
pub fn wait_for_discarded(dir: &Path) {
    for _ in 0..600 {
        let busy = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains(".vitrina-trash-"));
        if !busy {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
