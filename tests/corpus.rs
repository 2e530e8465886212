//! The benchmark corpus generator (examples/gen_corpus.rs) writes a site vitrina
//! builds without a problem, with a page for every record: the benchmark measures
//! a correct build, not a refusal.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use vitrina::build::{BuildOptions, build};

#[test]
fn generated_corpus_builds_with_a_page_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let mut args = gen_corpus::Args::new(50, &site);
    args.hugo = Some(dir.path().join("hugo"));
    let stats = gen_corpus::generate(&args);
    assert!(stats.ids.len() >= 50, "{} records", stats.ids.len());
    for section in [
        "system",
        "schools",
        "centres",
        "roadmaps",
        "plans",
        "programs",
        "events",
        "reports",
        "documents",
    ] {
        assert!(
            stats
                .ids
                .iter()
                .any(|id| id.starts_with(&format!("{section}/"))),
            "no record in {section}"
        );
    }

    let summary = match build(&BuildOptions {
        root: site.clone(),
        out: None,
        base_url: None,
        drafts: false,
        today: vitrina::dates::parse_iso("2026-11-24").unwrap(),
    }) {
        Ok(s) => s,
        Err(_) => panic!("the generated corpus does not build"),
    };
    // Every reference and attachment in the corpus is valid.
    let problems: Vec<String> = summary.warnings.iter().map(|f| f.message.clone()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(summary.records, stats.ids.len());
    assert!(summary.attachments > 0);

    let public = site.join("public");
    for id in &stats.ids {
        let page = if id == "system/index" {
            public.join("system/index.html")
        } else {
            public.join(id).join("index.html")
        };
        let html = std::fs::read_to_string(&page)
            .unwrap_or_else(|e| panic!("no page for {id} ({}): {e}", page.display()));
        assert!(html.contains("<h1"), "{id}: no heading");
    }
    // One record in twenty carries a highlighted code block.
    let highlighted = stats
        .ids
        .iter()
        .filter(|id| {
            std::fs::read_to_string(public.join(id).join("index.html"))
                .is_ok_and(|h| h.contains("class=\"hl-"))
        })
        .count();
    assert!(
        highlighted >= 2,
        "{highlighted} pages with highlighted code"
    );

    // The same content as a Hugo site.
    let hugo = dir.path().join("hugo");
    assert!(hugo.join("hugo.toml").is_file());
    for id in &stats.ids {
        assert!(
            hugo.join("content").join(format!("{id}.md")).is_file(),
            "{id}"
        );
    }
}
