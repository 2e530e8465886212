//! The output folder is replaced on every build, so what it may be is guarded: a
//! symbolic link is followed (its target replaced, the link kept) and nothing is
//! ever deleted through a link; a folder vitrina did not write is refused.
//! Links are made here at run time, in temporary folders (they cannot be committed).
#![cfg(unix)]

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// Every file under `dir` (links not followed), relative path → bytes or link target.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        if entry.file_type().is_symlink() {
            let target = fs::read_link(entry.path()).unwrap();
            out.insert(rel, format!("-> {}", target.display()));
        } else if entry.file_type().is_file() {
            out.insert(
                rel,
                String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into(),
            );
        }
    }
    out
}

/// A site and, beside it, a «server» folder holding someone's files.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture_dir("independent"), &site);
    let www = tmp.path().join("www");
    fs::create_dir_all(www.join("other-site")).unwrap();
    fs::write(www.join("other-site/index.html"), "чужой сайт").unwrap();
    fs::write(www.join("other-site/важное.docx"), "не удалять").unwrap();
    fs::write(www.join("neighbour.txt"), "сосед").unwrap();
    (tmp, site, www)
}

#[test]
fn a_public_link_to_a_server_folder_is_followed_and_the_link_kept() {
    let (_tmp, site, www) = setup();
    fs::create_dir_all(www.join("site")).unwrap();
    symlink(www.join("site"), site.join("public")).unwrap();
    let others = |www: &Path| {
        let mut all = snapshot(www);
        all.retain(|p, _| !p.starts_with("site"));
        all
    };
    let before = others(&www);
    for _ in 0..2 {
        let (code, err) = build(&site, &[]);
        assert_eq!(code, 0, "{err}");
        let public = fs::symlink_metadata(site.join("public")).unwrap();
        assert!(public.file_type().is_symlink(), "the link was replaced");
        assert!(www.join("site/index.html").is_file());
        assert!(www.join("site/.vitrina-output").is_file());
    }
    // The previous output is removed beside its folder, in the background.
    wait_for_discarded(&www);
    assert_eq!(others(&www), before, "files beside the link target changed");
}

#[test]
fn a_public_link_to_a_folder_vitrina_did_not_write_is_refused_untouched() {
    let (tmp, site, www) = setup();
    symlink(www.join("other-site"), site.join("public")).unwrap();
    let out_link = tmp.path().join("out-link");
    symlink(www.join("other-site"), &out_link).unwrap();
    let before = snapshot(tmp.path());
    let (code, err) = build(&site, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("не похожа на собранный сайт"), "{err}");
    let (code, err) = build(&site, &["--out", out_link.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".vitrina-output"), "{err}");
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn a_link_to_nowhere_is_refused() {
    let (tmp, site, _www) = setup();
    symlink(tmp.path().join("нет-такой"), site.join("public")).unwrap();
    let before = snapshot(tmp.path());
    let (code, err) = build(&site, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ссылка на несуществующую папку"), "{err}");
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn links_planted_under_the_staging_names_are_removed_not_followed() {
    let (tmp, site, www) = setup();
    // A killed build's leftovers, forged: links to someone's folder.
    symlink(www.join("other-site"), site.join(".public.vitrina-old")).unwrap();
    symlink(
        www.join("other-site"),
        site.join(".public.vitrina-new-999999999"),
    )
    .unwrap();
    let before = snapshot(&www);
    let (code, err) = build(&site, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(&www), before);
    assert!(site.join("public/index.html").is_file());
    assert!(fs::symlink_metadata(site.join(".public.vitrina-old")).is_err());
    drop(tmp);
}

#[test]
fn a_folder_with_an_index_html_is_not_taken_for_a_previous_build() {
    let (tmp, site, www) = setup();
    let out = www.join("other-site");
    let before = snapshot(tmp.path());
    let (code, err) = build(&site, &["--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("не похожа на собранный сайт"), "{err}");
    assert_eq!(snapshot(tmp.path()), before);
    // vitrina's own output carries the marker and is replaced by the next build.
    let own = tmp.path().join("own");
    for _ in 0..2 {
        let (code, err) = build(&site, &["--out", own.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
    }
    assert!(own.join(".vitrina-output").is_file());
}
