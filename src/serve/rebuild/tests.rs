//! Incremental rebuilds serve exactly what full builds serve.

use super::*;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the example site in a temporary directory (kept while the guard lives).
fn example_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
    (tmp, root)
}

fn today() -> Option<Date> {
    crate::dates::parse_iso("2026-11-24")
}

fn full_build(root: &Path) -> Files {
    let mut b = Builder::new(root, "http://127.0.0.1:1".into(), false, today());
    let mut files = Files::new();
    b.initial().ok().unwrap().apply_to(&mut files);
    files
}

/// The second part of the rebuilds so far ([`Builder::finish`]).
fn finish(b: &mut Builder, served: &mut Files) {
    if let Some(update) = b.finish().unwrap_or_else(|f| panic!("finish: {f:?}")) {
        assert!(!update.full);
        update.apply_to(served);
    }
    assert!(!b.has_pending());
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every incremental rebuild serves exactly what a full build of the same
/// sources serves: the dependency map misses no page.
#[test]
fn incremental_rebuilds_match_full_builds() {
    let (_tmp, root) = example_site();
    let content = root.join("content");

    let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
    let mut served = Files::new();
    b.initial().ok().unwrap().apply_to(&mut served);

    let school = content.join("schools/sosh-10.yaml");
    let roadmap = content.join("roadmaps/sosh-10-2026-2027.md");
    let steps: Vec<Box<dyn Fn() -> Vec<PathBuf>>> = vec![
        // A school's name shows on its roadmaps, mentees, centres and indexes.
        Box::new(|| {
            edit(
                &school,
                "short_name: МБОУ СОШ № 10",
                "short_name: МБОУ СОШ № 10 (изм.)",
            );
            vec![school.clone()]
        }),
        // A document approving roadmaps is cited on the schools' pages.
        Box::new(|| {
            let doc = content.join("documents/prikaz-2026-285.md");
            edit(&doc, "number:", "number: 999\nold_number:");
            vec![doc]
        }),
        // A report moves to another plan (resolved in place): both plans'
        // pages, their centres' and the report's own change.
        Box::new(|| {
            let r = content.join("reports/plans/mnc-1-2025-2026-1.md");
            edit(
                &r,
                "of: plans/mnc-1-2025-2026",
                "of: plans/mtkp-matematika-2025-2026",
            );
            vec![r]
        }),
        // A reference breaks (a finding in the report, in place), then is mended.
        Box::new(|| {
            let r = content.join("reports/roadmaps/sosh-3-2025-2026-2.md");
            edit(
                &r,
                "of: roadmaps/sosh-3-2025-2026",
                "of: roadmaps/sosh-3-2025",
            );
            vec![r]
        }),
        Box::new(|| {
            let r = content.join("reports/roadmaps/sosh-3-2025-2026-2.md");
            edit(
                &r,
                "of: roadmaps/sosh-3-2025",
                "of: roadmaps/sosh-3-2025-2026",
            );
            vec![r]
        }),
        // A roadmap disappears.
        Box::new(|| {
            std::fs::remove_file(&roadmap).unwrap();
            vec![roadmap.clone()]
        }),
        // A new report of a plan appears in a new folder.
        Box::new(|| {
            let dir = content.join("reports/novye");
            std::fs::create_dir_all(&dir).unwrap();
            let r = dir.join("plan-mnc.md");
            std::fs::write(&r, "---\nof: plans/mnc-1-2026-2027\ndate: 2026-11-20\ntitle: Новый отчёт МНЦ\n---\nТекст.\n").unwrap();
            vec![dir]
        }),
        // An attached file is replaced.
        Box::new(|| {
            let pdf = content.join("documents/files/prikaz-285.pdf");
            std::fs::write(&pdf, b"%PDF-1.4 new version, longer than before").unwrap();
            vec![pdf]
        }),
        // An attached file disappears: the link goes, and so does the file.
        Box::new(|| {
            let pdf = content.join("documents/files/prikaz-312.pdf");
            std::fs::remove_file(&pdf).unwrap();
            vec![pdf]
        }),
        // A monitoring table changes: a school's value shows on the series'
        // page, the school's page (its series over the years), the monitoring
        // index and the open data CSV.
        Box::new(|| {
            let csv = content.join("monitoring/vpr-2026-dolya-2.csv");
            edit(&csv, "sosh-1;Математика;5;6,5", "sosh-1;Математика;5;36,5");
            vec![csv]
        }),
        // An event becomes a draft.
        Box::new(|| {
            let dir = content.join("events");
            let e = crate::load::record_files(&dir).into_iter().next().unwrap();
            let text = std::fs::read_to_string(&e).unwrap();
            std::fs::write(&e, text.replacen("---\n", "---\ndraft: true\n", 1)).unwrap();
            vec![e]
        }),
    ];
    for (i, step) in steps.iter().enumerate() {
        let changed = step();
        let update = b
            .apply(&changed)
            .unwrap_or_else(|f| panic!("step {i}: {f:?}"));
        let update = update.expect("a change to content rebuilds");
        assert!(!update.full, "step {i} rendered everything");
        update.apply_to(&mut served);
        finish(&mut b, &mut served);
        let expected = full_build(&root);
        let mut missing: Vec<&String> = expected
            .keys()
            .filter(|k| served.get(*k) != expected.get(*k))
            .collect();
        missing.sort();
        let mut extra: Vec<&String> = served
            .keys()
            .filter(|k| !expected.contains_key(*k))
            .collect();
        extra.sort();
        assert!(
            missing.is_empty(),
            "step {i}: stale or missing: {missing:?}"
        );
        assert!(extra.is_empty(), "step {i}: left over: {extra:?}");
    }
}

/// The first part of a rebuild serves the edited record's own page, already
/// right; several changes before `finish` are all brought up to date by it.
#[test]
fn the_edited_page_comes_first_and_finish_covers_every_change() {
    let (_tmp, root) = example_site();
    let content = root.join("content");
    let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
    let mut served = Files::new();
    b.initial().ok().unwrap().apply_to(&mut served);

    let school = content.join("schools/sosh-10.yaml");
    edit(
        &school,
        "short_name: МБОУ СОШ № 10",
        "short_name: МБОУ СОШ № 10 (изм.)",
    );
    let first = b
        .apply(std::slice::from_ref(&school))
        .ok()
        .unwrap()
        .unwrap();
    let paths: Vec<&str> = first.write.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["schools/sosh-10/index.html"]);
    assert_eq!(first.findings, None, "the banner count waits for finish");
    first.apply_to(&mut served);
    assert!(b.has_pending());
    let after_first = full_build(&root);
    assert_eq!(
        served["schools/sosh-10/index.html"],
        after_first["schools/sosh-10/index.html"]
    );
    assert_ne!(
        served["schools/index.html"], after_first["schools/index.html"],
        "the index waits for finish"
    );

    // A second change before `finish`: a roadmap of the same school disappears.
    let roadmap = content.join("roadmaps/sosh-10-2026-2027.md");
    std::fs::remove_file(&roadmap).unwrap();
    b.apply(std::slice::from_ref(&roadmap))
        .ok()
        .unwrap()
        .unwrap()
        .apply_to(&mut served);
    finish(&mut b, &mut served);
    assert_eq!(served, full_build(&root));
    assert!(b.finish().ok().unwrap().is_none(), "nothing left");
}

#[test]
fn broken_record_fails_and_recovers() {
    let (_tmp, root) = example_site();
    let school = root.join("content/schools/sosh-10.yaml");
    let good = std::fs::read_to_string(&school).unwrap();

    let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
    let mut served = Files::new();
    b.initial().ok().unwrap().apply_to(&mut served);
    // An edit whose rest is not finished yet when the file breaks.
    edit(&school, "short_name: ", "short_name: Школа ");
    b.apply(std::slice::from_ref(&school))
        .ok()
        .unwrap()
        .unwrap()
        .apply_to(&mut served);
    assert!(b.has_pending());
    std::fs::write(&school, format!("{good}address: [не закрыто\n")).unwrap();
    let err = b
        .apply(std::slice::from_ref(&school))
        .err()
        .expect("broken");
    // Finishing now would serve a good site over the error page.
    assert!(!b.has_pending());
    assert!(b.finish().ok().unwrap().is_none());
    assert_eq!(err[0].rule, crate::diagnostics::RuleId::InvalidRecord);
    assert_eq!(err[0].file.as_deref(), Some("content/schools/sosh-10.yaml"));
    // Meanwhile another record changes; the recovery must show it too.
    let other = root.join("content/schools/sosh-7.yaml");
    edit(&other, "short_name: ", "short_name: Новое имя ");
    assert!(b.apply(std::slice::from_ref(&other)).is_err());
    std::fs::write(&school, &good).unwrap();
    b.apply(std::slice::from_ref(&school))
        .ok()
        .unwrap()
        .unwrap()
        .apply_to(&mut served);
    finish(&mut b, &mut served);
    let expected = full_build(&root);
    let stale: Vec<&String> = expected
        .keys()
        .filter(|k| served.get(*k) != expected.get(*k))
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
}

#[test]
fn templates_and_settings_render_everything() {
    let (_tmp, root) = example_site();
    let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
    let mut served = Files::new();
    b.initial().ok().unwrap().apply_to(&mut served);

    // A site's own template replaces the theme's, everywhere at once.
    let template = root.join("templates/record/school.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    std::fs::write(&template, "<p>Своя карточка школы: {{ name }}</p>").unwrap();
    let update = b
        .apply(std::slice::from_ref(&template))
        .ok()
        .unwrap()
        .unwrap();
    assert!(update.full);
    update.apply_to(&mut served);
    let page = String::from_utf8(served["schools/sosh-10/index.html"].to_vec()).unwrap();
    assert!(page.starts_with("<p>Своя карточка школы: "), "{page}");

    // A broken template is an error, and fixing it brings the site back.
    std::fs::write(&template, "{% if name %}без конца").unwrap();
    let err = b
        .apply(std::slice::from_ref(&template))
        .err()
        .expect("broken template");
    assert_eq!(
        err[0].rule,
        crate::diagnostics::RuleId::TemplateError,
        "{err:?}"
    );
    std::fs::remove_file(&template).unwrap();
    b.apply(std::slice::from_ref(&template))
        .ok()
        .unwrap()
        .unwrap()
        .apply_to(&mut served);
    assert_eq!(served, full_build(&root));

    // A new title in site.toml is on every page.
    let toml = root.join("site.toml");
    edit(&toml, "title = \"", "title = \"Новое имя: ");
    let update = b.apply(std::slice::from_ref(&toml)).ok().unwrap().unwrap();
    assert!(update.full);
    update.apply_to(&mut served);
    assert_eq!(served, full_build(&root));
    let page = String::from_utf8(served["events/index.html"].to_vec()).unwrap();
    assert!(page.contains("Новое имя: "));

    // Unrelated files (editor backups, public/) change nothing.
    let backup = root.join("content/schools/.sosh-10.yaml.swp");
    std::fs::write(&backup, "x").unwrap();
    assert!(
        b.apply(&[backup, root.join("public/index.html")])
            .ok()
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_new_day_renders_everything() {
    let (_tmp, root) = example_site();
    let mut b = Builder::new(&root, "http://127.0.0.1:1".into(), false, today());
    let mut served = Files::new();
    b.initial().ok().unwrap().apply_to(&mut served);
    assert!(b.new_day().ok().unwrap().is_none(), "same day");
    b.today = crate::dates::parse_iso("2026-11-25");
    let update = b.new_day().ok().unwrap().expect("a new day");
    assert!(update.full);
    assert!(!update.apply_to(&mut served).is_empty());
    let home = String::from_utf8(served["index.html"].to_vec()).unwrap();
    assert!(
        home.contains("25\u{a0}ноября 2026"),
        "the footer shows the new day"
    );
}

/// The search index is cut into files by size: an update that writes it drops
/// the index files it no longer has, and leaves every other file alone.
#[test]
fn an_update_writing_the_search_index_drops_its_files_left_over() {
    let mut served = Files::new();
    for path in [
        "search-index/p/0.json",
        "search-index/p/1.json",
        "events/index.html",
    ] {
        served.insert(path.into(), std::sync::Arc::new(b"old".to_vec()));
    }
    let update = Update {
        write: vec![("search-index/p/0.json".into(), b"new".to_vec())],
        ..Update::default()
    };
    let mut changed = update.apply_to(&mut served);
    changed.sort();
    assert_eq!(changed, ["search-index/p/0.json", "search-index/p/1.json"]);
    let mut left: Vec<&str> = served.keys().map(String::as_str).collect();
    left.sort();
    assert_eq!(left, ["events/index.html", "search-index/p/0.json"]);
    // An update that does not write the index keeps it.
    let update = Update {
        write: vec![("events/index.html".into(), b"new".to_vec())],
        ..Update::default()
    };
    update.apply_to(&mut served);
    assert!(served.contains_key("search-index/p/0.json"));
}
