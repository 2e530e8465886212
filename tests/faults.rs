//! Nothing lost: a build killed at any moment leaves the previous output complete
//! and byte-identical (or, once the swap is done, the complete new one); a
//! dangerous output directory is refused before anything is touched.

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const RECORDS: usize = 2000;

/// A site with `RECORDS` events, big enough that writing it takes a while.
fn big_site(root: &Path, title: &str) {
    fs::write(root.join("site.toml"), format!("title = \"{title}\"\n")).unwrap();
    let events = root.join("content/events");
    fs::create_dir_all(&events).unwrap();
    let body = "Текст анонса **семинара** для учителей математики. ".repeat(40);
    for i in 0..RECORDS {
        fs::write(
            events.join(format!("e{i:04}.md")),
            format!(
                "---\ntitle: Семинар № {i}\ndate: 2026-{:02}-{:02}\nplace: СОШ № {}\n---\n{body}\n\n{body}\n",
                i % 12 + 1,
                i % 28 + 1,
                i % 50
            ),
        )
        .unwrap();
    }
}

/// Every file under `dir`, relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn spawn_build(root: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["build", "--today", "2026-11-24", "--root"])
        .arg(root)
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The build's staging directory next to `public/`, once it exists.
fn staging_dir(root: &Path) -> Option<PathBuf> {
    fs::read_dir(root)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".public.vitrina-new-"))
        })
}

/// Pages written so far into the staging directory.
fn pages_written(staging: &Path) -> usize {
    fs::read_dir(staging.join("events")).map_or(0, |d| d.count())
}

/// Kills the build once it has written `pages` pages (0: as soon as the staging
/// directory exists; usize::MAX: right away), or lets it finish if it gets there
/// first. Kills are triggered by what is on disk, not by timing.
fn kill_after(root: &Path, pages: usize) -> &'static str {
    let mut child = spawn_build(root);
    loop {
        if child.try_wait().unwrap().is_some() {
            return "finished";
        }
        let reached =
            pages == usize::MAX || staging_dir(root).is_some_and(|s| pages_written(&s) >= pages);
        if reached {
            child.kill().unwrap(); // SIGKILL: no destructor, no cleanup runs.
            child.wait().unwrap();
            return "killed";
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    big_site(root, "Версия 1");
    let (code, err) = build(root, &[]);
    assert_eq!(code, 0, "{err}");
    let before = snapshot(&root.join("public"));
    assert!(before.len() > RECORDS, "{} files", before.len());

    // Every page of the next build differs: the title is on every page.
    fs::write(root.join("site.toml"), "title = \"Версия 2\"\n").unwrap();
    let mut outcomes = Vec::new();
    for pages in [usize::MAX, 0, 1, 300, 1000, RECORDS] {
        let outcome = kill_after(root, pages);
        let now = snapshot(&root.join("public"));
        if now != before {
            // Only a build that got to the swap may change the output, and then
            // the output is the complete new site.
            let fresh = tempfile::tempdir().unwrap();
            copy_dir(&root.join("content"), &fresh.path().join("content"));
            fs::copy(root.join("site.toml"), fresh.path().join("site.toml")).unwrap();
            assert_eq!(build(fresh.path(), &[]).0, 0);
            let complete_new = snapshot(&fresh.path().join("public"));
            assert!(
                now == complete_new,
                "after a build {outcome} at {pages} pages, public/ is neither the old nor the complete new output"
            );
            outcomes.push((pages, outcome, "new"));
            // Restore the old output for the next round.
            fs::write(root.join("site.toml"), "title = \"Версия 1\"\n").unwrap();
            assert_eq!(build(root, &[]).0, 0);
            assert_eq!(snapshot(&root.join("public")), before);
            fs::write(root.join("site.toml"), "title = \"Версия 2\"\n").unwrap();
        } else {
            outcomes.push((pages, outcome, "old"));
        }
    }
    eprintln!("kill outcomes (pages, process, public/): {outcomes:?}");
    assert!(
        outcomes.iter().any(|(_, o, _)| *o == "killed"),
        "no build was killed: {outcomes:?}"
    );

    // The next build completes and clears what the killed ones left behind.
    let (code, err) = build(root, &[]);
    assert_eq!(code, 0, "{err}");
    wait_for_discarded(root);
    let leftovers: Vec<_> = fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("vitrina-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let after = snapshot(&root.join("public"));
    assert_ne!(after, before);
    assert!(String::from_utf8_lossy(&after[Path::new("index.html")]).contains("Версия 2"));
}

#[test]
fn the_same_site_builds_byte_identical() {
    // The kill test relies on it: equal inputs, equal outputs.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_dir(&fixture_dir("independent"), root);
    assert_eq!(build(root, &[]).0, 0);
    let first = snapshot(&root.join("public"));
    assert_eq!(build(root, &[]).0, 0);
    assert_eq!(snapshot(&root.join("public")), first);
}

#[test]
fn dangerous_output_directories_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture_dir("independent"), &site);
    fs::write(tmp.path().join("neighbour.txt"), "не трогать").unwrap();
    std::os::unix::fs::symlink(site.join("content"), tmp.path().join("link-to-content")).unwrap();

    let site_s = site.to_string_lossy().into_owned();
    let cases: Vec<(String, &str)> = vec![
        (site_s.clone(), "совпадает с папкой сайта"),
        (".".into(), "совпадает с папкой сайта"),
        (format!("{site_s}/content"), "внутри папки content/"),
        (format!("{site_s}/content/events"), "внутри папки content/"),
        (
            format!("{site_s}/public/../content"),
            "внутри папки content/",
        ),
        (tmp.path().to_string_lossy().into_owned(), "содержит её"),
        (format!("{site_s}/.."), "содержит её"),
        ("/".into(), "корень файловой системы"),
        (
            tmp.path()
                .join("link-to-content")
                .to_string_lossy()
                .into_owned(),
            "внутри папки content/",
        ),
        (format!("{site_s}/.git"), "внутри папки .git/"),
        (format!("{site_s}/site.toml"), "это файл, а не папка"),
        ("site.toml".into(), "это файл, а не папка"),
    ];
    let documents = tmp.path().join("Документы");
    fs::create_dir_all(&documents).unwrap();
    fs::write(documents.join("отчёт.docx"), "важный файл").unwrap();
    let before = snapshot(tmp.path());
    let mut cases = cases;
    cases.push((
        documents.to_string_lossy().into_owned(),
        "не похожа на собранный сайт",
    ));
    for (out, why) in cases {
        // Relative paths are relative to the working directory: the site's.
        let output = Command::new(env!("CARGO_BIN_EXE_vitrina"))
            .args(["build", "--today", "2026-11-24", "--out", &out])
            .current_dir(&site)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked at"), "{err}");
        let code = output.status.code().unwrap_or(-1);
        assert_eq!(code, 2, "--out {out}: {err}");
        assert!(
            err.contains(why),
            "--out {out}: expected «{why}» in:\n{err}"
        );
        assert!(err.contains("--out public"), "{err}");
    }
    // Nothing was created, changed or removed anywhere.
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn building_touches_nothing_but_the_output_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture_dir("independent"), &site);
    // Neighbours of the output directory, with names close to the staging ones.
    fs::write(tmp.path().join("neighbour.txt"), "не трогать").unwrap();
    fs::create_dir_all(tmp.path().join(".out.vitrina-new-notapid")).unwrap();
    fs::write(tmp.path().join(".out.vitrina-new-notapid/keep.txt"), "моё").unwrap();
    fs::create_dir_all(tmp.path().join("out-old")).unwrap();
    fs::write(tmp.path().join("out-old/index.html"), "старое").unwrap();
    let sources = snapshot(&site);
    let neighbours = |dir: &Path| {
        let mut all = snapshot(dir);
        all.retain(|p, _| !p.starts_with("out") || p.starts_with("out-old"));
        all.retain(|p, _| !p.starts_with("site"));
        all
    };
    let before = neighbours(tmp.path());
    let out = tmp.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    for _ in 0..2 {
        let (code, err) = build(&site, &["--out", &out_s]);
        assert_eq!(code, 0, "{err}");
        assert!(out.join("index.html").is_file());
    }
    wait_for_discarded(tmp.path());
    assert_eq!(neighbours(tmp.path()), before);
    assert_eq!(snapshot(&site), sources, "the site's own files changed");
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with(".out.vitrina-") && n != ".out.vitrina-new-notapid"),
        "{names:?}"
    );
}
