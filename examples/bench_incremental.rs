//! One-file incremental rebuilds through the code `vitrina serve` runs:
//! `bench_incremental SITE WORK [RUNS]`. scripts/bench.sh runs it on the
//! 10,000-record corpus.
//!
//! The site is copied into WORK (replaced; edits never touch SITE). Then one
//! record of each kind — a school, an event, a report — is edited RUNS times
//! (default 9, after one warm-up edit): a marker is appended to the body of a
//! Markdown record, or to the `short_name:`/`name:` line of a YAML one. Medians:
//!
//! * **served**: `vitrina::serve::start` — serve's file watcher (with its
//!   debounce, `serve::DEBOUNCE`), builder and in-memory files, without HTTP —
//!   from the write of the file until the record's page with the marker is in
//!   the served files, i.e. what the next request gets. The figure.
//! * **rebuild**: the builder alone, called with the changed path: until the
//!   page is in the served files (`Builder::apply`), and until everything else —
//!   other pages, search index, feeds, the completeness report — is up to date
//!   too (`Builder::finish`), with the time of each stage.
//!
//! `scripts/measure_serve.py` adds the HTTP side and a real `vitrina serve` process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vitrina::serve::rebuild::{Builder, Files};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder in WORK");
    for entry in std::fs::read_dir(from).expect("read SITE") {
        let entry = entry.expect("read SITE");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy into WORK");
        }
    }
}

/// A record to edit: its file, text and the served key of its page.
struct Case {
    section: &'static str,
    path: PathBuf,
    rel: String,
    original: String,
    key: String,
}

impl Case {
    /// The first record file of a section folder (sorted, recursively).
    fn first_of(content: &Path, section: &'static str) -> Case {
        let path = vitrina::load::record_files(&content.join(section))
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no records in content/{section}"));
        let original = std::fs::read_to_string(&path).expect("read the record");
        let rel = path
            .strip_prefix(content)
            .expect("under content/")
            .to_string_lossy()
            .replace('\\', "/");
        let id = rel.rsplit_once('.').map_or(rel.as_str(), |(id, _)| id);
        let key = format!(
            "{}index.html",
            vitrina::resolve::url_of(id).trim_start_matches('/')
        );
        Case {
            section,
            path,
            rel,
            original,
            key,
        }
    }

    /// Writes the record with a marker that shows on its page; returns the marker.
    fn write_edit(&self, run: usize) -> String {
        let marker = format!("ПРАВКА{run}");
        let text = if self.rel.ends_with(".md") {
            format!("{}\n\n{marker}\n", self.original.trim_end())
        } else {
            let line = ["short_name: ", "name: ", "title: "]
                .iter()
                .find_map(|f| self.original.lines().find(|l| l.starts_with(f)))
                .expect("a short_name, name or title line to edit");
            self.original.replacen(line, &format!("{line} {marker}"), 1)
        };
        std::fs::write(&self.path, text).expect("write the record");
        marker
    }

    fn restore(&self) {
        std::fs::write(&self.path, &self.original).expect("restore the record");
    }
}

fn shows(files: &Files, key: &str, marker: &str) -> bool {
    files
        .get(key)
        .is_some_and(|page| String::from_utf8_lossy(page).contains(marker))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_incremental SITE WORK [RUNS]";
    let site = PathBuf::from(args.next().expect(usage));
    let work = PathBuf::from(args.next().expect(usage));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(9);

    if work.exists() {
        std::fs::remove_dir_all(&work).expect("remove the old WORK");
    }
    copy_dir(&site, &work);
    let root = work.canonicalize().expect("WORK exists");
    let content = root.join("content");
    let today = vitrina::dates::parse_iso("2026-11-24");
    let cases: Vec<Case> = ["schools", "events", "reports"]
        .into_iter()
        .map(|s| Case::first_of(&content, s))
        .collect();
    let records = vitrina::load::record_files(&content).len();
    println!("one-file incremental rebuild, {records} records, median of {runs}:");

    // Through serve's watcher: write → page served.
    let opts = vitrina::serve::ServeOptions {
        root: root.clone(),
        port: 0,
        bind: std::net::IpAddr::from([127, 0, 0, 1]),
        drafts: false,
        today,
    };
    let app = vitrina::serve::start(&opts, "http://127.0.0.1:1111".into()).expect("start watching");
    let mut served_times: Vec<Vec<Duration>> = Vec::new();
    for case in &cases {
        let mut times = Vec::new();
        for run in 0..=runs {
            let t = Instant::now();
            let marker = case.write_edit(run);
            loop {
                let done = {
                    let served = app.served.read().expect("no panics holding the lock");
                    shows(&served.files, &case.key, &marker)
                };
                if done {
                    break;
                }
                assert!(
                    t.elapsed() < Duration::from_secs(60),
                    "{}: the edit was not served in 60 s",
                    case.key
                );
                std::thread::sleep(Duration::from_micros(200));
            }
            if run > 0 {
                times.push(t.elapsed());
            }
            // The rest of the rebuild finishes before the next edit, as when
            // an editor saves every few seconds.
            std::thread::sleep(Duration::from_millis(1500));
        }
        case.restore();
        std::thread::sleep(Duration::from_millis(1500));
        served_times.push(times);
    }

    // The builder alone, stage by stage.
    let mut builder = Builder::new(&root, "http://127.0.0.1:1111".into(), false, today);
    let mut served = Files::new();
    builder
        .initial()
        .unwrap_or_else(|f| panic!("the site does not build: {f:?}"))
        .apply_to(&mut served);
    for (case, served_times) in cases.iter().zip(served_times) {
        let mut to_page = Vec::new();
        let mut to_consistent = Vec::new();
        let mut stages: BTreeMap<(usize, usize), (&'static str, Vec<Duration>)> = BTreeMap::new();
        for run in 0..=runs {
            let t = Instant::now();
            let marker = case.write_edit(run);
            builder
                .apply(std::slice::from_ref(&case.path))
                .unwrap_or_else(|f| panic!("rebuild failed: {f:?}"))
                .expect("a change to a record rebuilds")
                .apply_to(&mut served);
            let page_time = t.elapsed();
            assert!(
                shows(&served, &case.key, &marker),
                "{} does not show the edit",
                case.key
            );
            let first: Vec<_> = builder.stages().to_vec();
            if let Some(rest) = builder
                .finish()
                .unwrap_or_else(|f| panic!("finishing the rebuild failed: {f:?}"))
            {
                rest.apply_to(&mut served);
            }
            if run > 0 {
                to_page.push(page_time);
                to_consistent.push(t.elapsed());
                for (part, list) in [first.as_slice(), builder.stages()].into_iter().enumerate() {
                    for (i, (name, d)) in list.iter().enumerate() {
                        stages
                            .entry((part, i))
                            .or_insert((name, Vec::new()))
                            .1
                            .push(*d);
                    }
                }
            }
        }
        case.restore();
        builder
            .apply(std::slice::from_ref(&case.path))
            .unwrap_or_else(|f| panic!("rebuild failed: {f:?}"));
        builder
            .finish()
            .unwrap_or_else(|f| panic!("finishing the rebuild failed: {f:?}"));
        println!(
            "  {} ({}): write → page served {} (watcher, debounce {} ms included); rebuild: to the page {}, to everything consistent {}",
            case.section,
            case.rel,
            ms(median(served_times)),
            vitrina::serve::DEBOUNCE.as_millis(),
            ms(median(to_page)),
            ms(median(to_consistent))
        );
        for ((part, _), (name, times)) in stages {
            let part = if part == 0 { "page" } else { "rest" };
            println!("      {part}: {name}: {}", ms(median(times)));
        }
    }
}
