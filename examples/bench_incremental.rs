//! One-file incremental rebuilds through the builder `vitrina serve` uses:
//! `bench_incremental SITE WORK [RUNS]`. scripts/bench.sh runs it on the
//! 10,000-record corpus.
//!
//! The site is copied into WORK (replaced; edits never touch SITE), built once,
//! and then one record of each kind — a school, an event, a report — is edited
//! RUNS times (default 9): a marker is appended to its `short_name:`/`title:`/`name:`
//! line, the builder is given the changed path, and the update is applied to the
//! served files as `serve` does. Printed per kind, medians:
//!
//! * **write → page**: from the write of the file to the edited record's page,
//!   with the marker, being in the served files (what the browser gets next);
//! * **write → consistent**: until everything else (indexes, search, feeds,
//!   the completeness report) is up to date too;
//! * each stage of the rebuild, from the builder's own timings.
//!
//! Not included: the file watcher's debounce (`serve::DEBOUNCE`) and the notify
//! latency, which `vitrina serve` adds before the rebuild starts, and the HTTP
//! request (`scripts/measure_serve.py` measures those end to end).

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

/// The first record file of a section folder (sorted, recursively).
fn first_record(content: &Path, section: &str) -> PathBuf {
    vitrina::load::record_files(&content.join(section))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no records in content/{section}"))
}

/// The file with a marker that shows on the record's page: appended to the body
/// of a Markdown record, to the `short_name:` or `name:` line of a YAML one.
fn edited(text: &str, is_yaml: bool, marker: &str) -> String {
    if !is_yaml {
        return format!("{}\n\n{marker}\n", text.trim_end());
    }
    for field in ["short_name: ", "name: ", "title: "] {
        if let Some(line) = text.lines().find(|l| l.starts_with(field)) {
            return text.replacen(line, &format!("{line} {marker}"), 1);
        }
    }
    panic!("no short_name, name or title line to edit")
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

    let mut builder = Builder::new(&root, "http://127.0.0.1:1111".into(), false, today);
    let mut served = Files::new();
    let started = Instant::now();
    match builder.initial() {
        Ok(update) => {
            update.apply_to(&mut served);
        }
        Err(f) => panic!("the site does not build: {f:?}"),
    }
    println!(
        "first build: {} ({} files)",
        ms(started.elapsed()),
        served.len()
    );

    for section in ["schools", "events", "reports"] {
        let path = first_record(&content, section);
        let original = std::fs::read_to_string(&path).expect("read the record");
        let is_yaml = path.extension().is_some_and(|e| e != "md");
        let rel = path.strip_prefix(&content).expect("under content/");
        let id = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let key = format!(
            "{}index.html",
            vitrina::resolve::url_of(&id).trim_start_matches('/')
        );
        let mut to_page = Vec::new();
        let mut to_consistent = Vec::new();
        let mut stages: BTreeMap<(usize, usize), (&'static str, Vec<Duration>)> = BTreeMap::new();
        // One warm-up edit, not counted.
        for run in 0..=runs {
            let marker = format!("ПРАВКА{run}");
            let text = edited(&original, is_yaml, &marker);
            let t = Instant::now();
            std::fs::write(&path, text).expect("write the record");
            let update = builder
                .apply(std::slice::from_ref(&path))
                .unwrap_or_else(|f| panic!("rebuild failed: {f:?}"))
                .expect("a change to a record rebuilds");
            update.apply_to(&mut served);
            let page = served.get(&key).unwrap_or_else(|| panic!("no page {key}"));
            let page_time = t.elapsed();
            assert!(
                String::from_utf8_lossy(page).contains(&marker),
                "{key} does not show the edit"
            );
            let first: Vec<_> = builder.stages().to_vec();
            if let Some(rest) = builder
                .finish()
                .unwrap_or_else(|f| panic!("finishing the rebuild failed: {f:?}"))
            {
                rest.apply_to(&mut served);
            }
            let consistent_time = t.elapsed();
            if run > 0 {
                to_page.push(page_time);
                to_consistent.push(consistent_time);
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
        std::fs::write(&path, &original).expect("restore the record");
        builder
            .apply(std::slice::from_ref(&path))
            .unwrap_or_else(|f| panic!("rebuild failed: {f:?}"));
        builder
            .finish()
            .unwrap_or_else(|f| panic!("finishing the rebuild failed: {f:?}"));
        println!(
            "{section} ({}): write → page {}, write → consistent {} (median of {runs})",
            rel.display(),
            ms(median(to_page)),
            ms(median(to_consistent))
        );
        for ((part, _), (name, times)) in stages {
            let part = if part == 0 { "page" } else { "rest" };
            println!("    {part}: {name}: {}", ms(median(times)));
        }
    }
}
