//! Builds whole sites into temporary directories and inspects the HTML: every
//! record and section has its page, every internal link and attachment resolves,
//! and a failed build leaves the previous output untouched.

mod common;

use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use vitrina::kinds::report::OF as REPORT_OF;
use vitrina::kinds::{Event, School, roadmap, work_plan};
use vitrina::schema::Section;

const TODAY: &str = "2026-11-24";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vitrina(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(args)
        .output()
        .expect("the vitrina binary runs")
}

/// Builds the site at `root` into a fresh temporary directory.
fn build(root: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    build_on(root, TODAY, extra)
}

fn build_on(root: &Path, today: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        today,
    ];
    args.extend_from_slice(extra);
    let result = vitrina(&args);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "build of {} failed:\n{stderr}",
        root.display()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (tmp, out)
}

fn page(out: &Path, url: &str) -> Html {
    let path = out.join(url.trim_start_matches('/')).join("index.html");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

fn html_files(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

/// The site path (`/schools/sosh-1/`) a relative link on the page at site path
/// `page` (a folder, `/schools/`) leads to, as a browser resolves it.
fn resolve(page: &str, href: &str) -> String {
    let path = href.split(['#', '?']).next().unwrap();
    let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s if last => {
                return format!(
                    "/{}",
                    [parts.join("/"), s.into()]
                        .join("/")
                        .trim_start_matches('/')
                );
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        "/".into()
    } else {
        format!("/{}/", parts.join("/"))
    }
}

/// The site paths of the links `selector` finds on the page at site path `page`.
fn links_on(doc: &Html, page: &str, selector: &str) -> Vec<String> {
    doc.select(&Selector::parse(selector).unwrap())
        .filter_map(|a| a.value().attr("href"))
        .map(|href| resolve(page, href))
        .collect()
}

/// The output file a site path names, following pretty URLs.
fn link_target(out: &Path, path: &str) -> PathBuf {
    let target = out.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        target.join("index.html")
    } else {
        target
    }
}

/// Every `href`/`src` on every page that points inside the site resolves to a
/// file. Links are relative (the site works from disk and from any folder), but
/// on the 404 page, which a server shows at any address: there they start with
/// the base path.
fn assert_internal_links_resolve(out: &Path, base_path: &str) -> usize {
    let links = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let mut checked = 0;
    let mut broken = BTreeSet::new();
    for file in html_files(out) {
        let doc = Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        let rel = file.parent().unwrap().strip_prefix(out).unwrap();
        let page = format!("/{}/", rel.to_str().unwrap()).replace("//", "/");
        let not_found = file.ends_with("404.html");
        for el in doc.select(&links) {
            let href = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if href.starts_with('#')
                || href.contains("://")
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
            {
                continue;
            }
            let path = if not_found {
                assert!(
                    href.starts_with(&format!("{base_path}/")),
                    "{}: link {href} ignores the base path {base_path}",
                    file.display()
                );
                href[base_path.len()..]
                    .split(['#', '?'])
                    .next()
                    .unwrap()
                    .to_string()
            } else {
                assert!(
                    !href.starts_with('/'),
                    "{}: link {href} is absolute: it breaks off the server",
                    file.display()
                );
                resolve(&page, href)
            };
            match link_target(out, &path) {
                t if t.is_file() => checked += 1,
                _ => {
                    broken.insert(format!(
                        "{} → {href}",
                        file.strip_prefix(out).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
    checked
}

fn open(root: &Path) -> vitrina::model::Site {
    vitrina::build::open_site(root, false, None)
        .expect("site opens")
        .0
}

#[test]
fn builds_every_record_and_section_of_the_example_site() {
    let root = repo();
    let site = open(&root);
    assert!(
        site.findings.is_empty(),
        "example site has problems: {:#?}",
        site.findings
    );
    assert!(
        site.records.len() >= 90,
        "the example should be realistic, got {}",
        site.records.len()
    );
    let (_tmp, out) = build(&root, &[]);
    let h1 = Selector::parse("h1").unwrap();
    for r in &site.records {
        let doc = page(&out, &r.url);
        let heading: String = doc
            .select(&h1)
            .next()
            .expect("every page has an h1")
            .text()
            .collect();
        assert!(!heading.trim().is_empty(), "{} has an empty heading", r.id);
        assert!(r.url.is_ascii(), "URL of {} is not ASCII: {}", r.id, r.url);
    }
    for &section in Section::ALL {
        let doc = page(&out, &format!("/{}/", section.dir()));
        let title: String = doc
            .select(&Selector::parse("title").unwrap())
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(!title.is_empty());
    }
    for file in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "static/style.css",
    ] {
        assert!(out.join(file).is_file(), "{file} is missing");
    }
    let checked = assert_internal_links_resolve(&out, "");
    assert!(
        checked > 1000,
        "expected many internal links, checked {checked}"
    );
}

#[test]
fn every_page_is_russian_and_names_the_mandated_items_in_its_navigation() {
    let (_tmp, out) = build(&repo(), &[]);
    let nav = Selector::parse("nav.site-nav a").unwrap();
    for file in html_files(&out) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("<html lang=\"ru\">"), "{}", file.display());
        let doc = Html::parse_document(&text);
        let items: Vec<String> = doc.select(&nav).map(|a| a.text().collect()).collect();
        for wanted in [
            "Система работы",
            "Дорожные карты",
            "Планы МНЦ и МТКП",
            "Программы ДПО",
            "Мероприятия",
            "Отчёты",
        ] {
            assert!(
                items.iter().any(|i| i == wanted),
                "{}: nav lacks {wanted}: {items:?}",
                file.display()
            );
        }
    }
}

#[test]
fn home_links_each_mandated_item_with_its_count() {
    let (_tmp, out) = build(&repo(), &[]);
    let doc = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let items: Vec<String> = doc
        .select(&Selector::parse(".items li").unwrap())
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(items.len(), 7, "{items:?}");
    for item in &items {
        assert!(item.contains("записей:"), "item without a count: {item}");
    }
    assert!(items.iter().any(|i| i.contains("МТКП")));
}

#[test]
fn roadmap_page_shows_measures_school_order_and_reports() {
    let root = repo();
    let site = open(&root);
    let (_tmp, out) = build(&root, &[]);
    let (idx, roadmap) = site
        .in_section(Section::Roadmaps)
        .find(|(i, _)| site.backlinks[*i].count(REPORT_OF) >= 2)
        .expect("a roadmap with reports");
    let plan = work_plan::of(roadmap).unwrap();
    let doc = page(&out, &roadmap.url);
    let rows = doc
        .select(&Selector::parse("table.measures tbody tr").unwrap())
        .count();
    assert_eq!(rows, plan.measures.len());
    let headers: Vec<String> = doc
        .select(&Selector::parse("table.measures th").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(
        headers,
        [
            "№",
            "Мероприятие",
            "Срок",
            "Ответственные",
            "Ожидаемый результат",
            "Выполнение"
        ]
    );
    let hrefs = links_on(&doc, &roadmap.url, "main a");
    let school = site.target(&plan.owner).unwrap();
    assert!(
        hrefs.contains(&school.url),
        "no link to the school {}",
        school.url
    );
    let order = site
        .target(&plan.approved_by)
        .expect("example roadmaps are approved by an order");
    assert!(hrefs.contains(&order.url), "no link to the order");
    for report in site.backlinks[idx].via(REPORT_OF) {
        let url = site.records[report].url.as_str();
        assert!(hrefs.iter().any(|h| h == url), "no link to report {url}");
        let report_page = page(&out, url);
        let back = links_on(&report_page, url, "main a");
        assert!(
            back.contains(&roadmap.url),
            "report {url} does not link back"
        );
    }
    let citation: String = doc
        .select(&Selector::parse(".facts").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        citation.contains("Приказ №\u{a0}"),
        "order cited without «№»: {citation}"
    );
}

#[test]
fn events_page_splits_upcoming_and_past_and_marks_missing_reports() {
    let root = repo();
    let site = open(&root);
    // The day after the 3 December visit: it is past, and its report is not yet
    // due (ten working days).
    let the_day_after = "2026-12-04";
    let (_tmp, out) = build_on(&root, the_day_after, &[]);
    let doc = page(&out, "/events/");
    let tables: Vec<_> = doc
        .select(&Selector::parse("main table").unwrap())
        .collect();
    assert_eq!(tables.len(), 2);
    let today = vitrina::dates::parse_iso(the_day_after).unwrap();
    let upcoming = site
        .in_section(Section::Events)
        .filter(|(_, r)| r.data::<Event>().unwrap().last_day().unwrap() >= today)
        .count();
    let past = site.in_section(Section::Events).count() - upcoming;
    let tr = Selector::parse("tbody tr").unwrap();
    assert_eq!(tables[0].select(&tr).count(), upcoming);
    assert_eq!(tables[1].select(&tr).count(), past);
    let unreported = site
        .in_section(Section::Events)
        .filter(|(i, r)| {
            r.data::<Event>().unwrap().last_day().unwrap() < today
                && site.backlinks[*i].count(REPORT_OF) == 0
        })
        .count();
    let marks = tables[1]
        .text()
        .collect::<String>()
        .matches("отчёт не опубликован")
        .count();
    assert_eq!(marks, unreported);
    assert!(
        unreported >= 1,
        "the example shows one event still within the grace"
    );
}

#[test]
fn school_page_lists_categories_mentor_curator_risks_and_roadmaps() {
    let root = repo();
    let site = open(&root);
    let (_tmp, out) = build(&root, &[]);
    let (idx, school) = site
        .in_section(Section::Schools)
        .find(|(_, r)| r.data::<School>().unwrap().in_support_group())
        .unwrap();
    let s = school.data::<School>().unwrap();
    let doc = page(&out, &school.url);
    let text: String = doc
        .select(&Selector::parse("main").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    // Pages are typeset (non-breaking spaces after «№», around initials).
    let typeset = vitrina::typo::text;
    assert!(text.contains(&typeset(&s.curator.as_ref().unwrap().written)));
    assert!(text.contains(&typeset(&site.target(&s.mentor).unwrap().display_title())));
    assert_eq!(
        doc.select(&Selector::parse("table.risk-profile tbody tr").unwrap())
            .count(),
        s.risks.len()
    );
    let profile = vitrina::profile::Profile::builtin();
    for risk in &s.risks {
        assert!(
            text.contains(&profile.risk(&risk.id).unwrap().title),
            "risk {} not named",
            risk.id
        );
    }
    let hrefs = links_on(&doc, &school.url, "main a");
    for r in site.backlinks[idx].via(roadmap::SCHOOL) {
        assert!(hrefs.contains(&site.records[r].url));
    }
}

#[test]
fn copies_every_attachment_and_links_it_with_format_and_size() {
    let root = repo();
    let site = open(&root);
    let (_tmp, out) = build(&root, &[]);
    let mut count = 0;
    for r in &site.records {
        for a in r.attachments() {
            let source = a.source.as_ref().expect("example attachments exist");
            let copied = out.join(&a.output_path);
            assert_eq!(
                std::fs::read(source).unwrap(),
                std::fs::read(&copied).unwrap(),
                "{}",
                a.output_path
            );
            let html =
                std::fs::read_to_string(out.join(r.url.trim_start_matches('/')).join("index.html"))
                    .unwrap();
            let links = links_on(&Html::parse_document(&html), &r.url, "a");
            assert!(
                links.contains(&format!("/{}", a.output_path)),
                "{} does not link {}",
                r.id,
                a.output_path
            );
            let format = a.output_path.rsplit('.').next().unwrap().to_uppercase();
            assert!(html.contains(&format), "{} does not name the format", r.id);
            count += 1;
        }
    }
    assert!(count >= 3);
}

#[test]
fn loads_bom_crlf_and_cyrillic_file_names() {
    let site = open(&repo());
    let bom = site
        .get("events/2026/seminar-okt")
        .map(|i| &site.records[i])
        .unwrap();
    assert!(bom.title.is_some() && bom.data::<Event>().unwrap().date.is_some());
    let bytes = std::fs::read(repo().join(&bom.file)).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF") && bytes.windows(2).any(|w| w == b"\r\n"),
        "fixture lost its BOM/CRLF"
    );
    let cyrillic = site
        .get("documents/положение-о-мнц")
        .map(|i| &site.records[i])
        .unwrap();
    assert_eq!(cyrillic.url, "/documents/polozhenie-o-mnc/");
}

#[test]
fn resolves_every_reference_kind() {
    let site = open(&repo());
    let mut seen = BTreeSet::new();
    for r in &site.records {
        for (field, reference, _) in r.references() {
            // `curator`, `organizer`: text when no person has that id.
            let or_text = r.section.field(field).is_some_and(|f| f.ty.or_text());
            if or_text && reference.target.is_none() {
                continue;
            }
            let target = reference
                .target
                .unwrap_or_else(|| panic!("{} {field} unresolved", r.id));
            assert!(
                site.records[target].id.ends_with(&reference.written),
                "{} → {}",
                reference.written,
                site.records[target].id
            );
            seen.insert(field);
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [
            "approved_by",
            "base",
            "basis",
            "centre",
            "mentor",
            "of",
            "school"
        ]
    );
}

#[test]
fn site_written_by_someone_else_builds_completely() {
    let root = repo().join("tests/sites/independent");
    let site = open(&root);
    assert!(site.findings.is_empty(), "{:#?}", site.findings);
    let (_tmp, out) = build(&root, &[]);
    for r in &site.records {
        assert!(r.url.is_ascii(), "{}", r.url);
        assert!(
            out.join(r.url.trim_start_matches('/'))
                .join("index.html")
                .is_file(),
            "no page for {}",
            r.id
        );
    }
    assert!(
        site.records.iter().any(|r| !r.id.is_ascii()),
        "the fixture has Cyrillic ids"
    );
    for &section in Section::ALL {
        assert!(out.join(section.dir()).join("index.html").is_file() || section == Section::System);
    }
    assert_internal_links_resolve(&out, &site.config.base_path());
}

#[test]
fn drafts_are_published_only_on_request() {
    let root = repo().join("tests/sites/independent");
    let loaded = vitrina::load::load_content(&root);
    let draft = loaded
        .records
        .iter()
        .find(|r| r.draft)
        .expect("the fixture has a draft");
    let url = vitrina::resolve::url_of(&draft.id);
    let (_tmp, out) = build(&root, &[]);
    assert!(
        !out.join(url.trim_start_matches('/')).exists(),
        "a draft was published"
    );
    let (_tmp2, out2) = build(&root, &["--drafts"]);
    assert!(
        out2.join(url.trim_start_matches('/'))
            .join("index.html")
            .is_file()
    );
}

#[test]
fn honours_base_url_in_every_link() {
    let (_tmp, out) = build(&repo(), &["--base-url", "https://example.ru/obr/shnor/"]);
    assert_internal_links_resolve(&out, "/obr/shnor");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.ru/obr/shnor/roadmaps/</loc>"),
        "{}",
        &sitemap[..300]
    );
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    let doc = page(&out, "/schools/");
    assert_eq!(
        doc.select(&canonical).next().unwrap().value().attr("href"),
        Some("https://example.ru/obr/shnor/schools/")
    );
}

/// Copies a fixture site into a temp dir so a test can break it.
fn copy_site(from: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(from, tmp.path());
    tmp
}

/// Every file under `dir` with its bytes, in a stable order.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let site = copy_site(&repo().join("tests/sites/independent"));
    let root = site.path();
    let out = root.join("public");
    let ok = vitrina(&["build", "--root", root.to_str().unwrap(), "--today", TODAY]);
    assert!(ok.status.success());
    let before = snapshot(&out);
    std::fs::write(
        root.join("content/events/broken.md"),
        "---\ntitle: \"Семинар\ndate: 2026-12-01\n---\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/programs/bad-hours.yaml"),
        "title: Курсы\nhours: семьдесят два\n",
    )
    .unwrap();
    let failed = vitrina(&["build", "--root", root.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("invalid-record"), "{stderr}");
    assert!(
        stderr.contains("content/events/broken.md:"),
        "every bad file is named: {stderr}"
    );
    assert!(
        stderr.contains("content/programs/bad-hours.yaml:2:8"),
        "with line and column: {stderr}"
    );
    assert!(
        stderr.contains("hours: семьдесят два"),
        "the source line is shown: {stderr}"
    );
    let after = snapshot(&out);
    assert_eq!(before.len(), after.len());
    assert!(before == after, "the previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("vitrina-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging directories left behind: {leftovers:?}"
    );
}
