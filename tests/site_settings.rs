//! Values of site.toml that reach every page or name files to read are checked:
//! `base_url` must be a web address (or a path from the server root) with nothing
//! that could break HTML, XML, robots.txt or the calendar; `theme` and `profile`
//! stay inside the site; a profile is read with a size limit, and no error shows
//! the contents of a file outside the site.

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::fs;
use std::path::Path;

const SECRET: &str = "СЕКРЕТНАЯ-СТРОКА-ЧУЖОГО-ФАЙЛА";

fn with_settings(extra: &str) -> tempfile::TempDir {
    let site = copy_fixture("independent");
    fs::write(
        site.path().join("site.toml"),
        format!("title = \"Сайт\"\n{extra}\n"),
    )
    .unwrap();
    site
}

fn refused(site: &Path, args: &[&str], texts: &[&str]) {
    let (code, err) = build(site, args);
    assert_eq!(code, 2, "{err}");
    for text in texts {
        assert!(err.contains(text), "«{text}» not in:\n{err}");
    }
    assert!(!err.contains(SECRET), "{err}");
    assert!(!site.join("public").exists());
}

#[test]
fn a_base_url_that_is_not_a_web_address_is_refused_at_its_line() {
    for bad in [
        "javascript:alert(1)//",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "https://obr.example.ru/\\\"><script>alert(1)</script>",
        "https://obr.example.ru/?a=1&b=2",
        "https://obr.example.ru/\\nSitemap: https://evil.example/",
    ] {
        let site = with_settings(&format!("base_url = \"{bad}\""));
        refused(
            site.path(),
            &[],
            &["invalid-config", "base_url", "site.toml:2:1"],
        );
    }
    let site = copy_fixture("independent");
    refused(
        site.path(),
        &["--base-url", "javascript:alert(1)"],
        &["--base-url", "https://"],
    );
}

#[test]
fn a_theme_must_be_a_folder_of_the_sites_themes() {
    let site = with_settings("theme = \"../../../etc\"");
    refused(site.path(), &[], &["theme", "site.toml:2:1"]);
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir_all(outside.path().join("templates")).unwrap();
        let site = with_settings("theme = \"chuzhaya\"");
        fs::create_dir_all(site.path().join("themes")).unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("themes/chuzhaya")).unwrap();
        refused(site.path(), &[], &["theme", "за пределы папки сайта"]);
    }
}

#[test]
fn a_profile_outside_the_site_is_refused_without_showing_its_contents() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    fs::write(&secret, format!("{SECRET} = = =\n")).unwrap();
    for path in [
        secret.to_string_lossy().into_owned(),
        "../../../../../../../../etc/passwd".to_string(),
    ] {
        let site = with_settings(&format!("profile = '{path}'"));
        refused(
            site.path(),
            &[],
            &["profile", "вне папки сайта", "site.toml:2:1"],
        );
    }
    #[cfg(unix)]
    {
        let site = with_settings("profile = \"profiles/link.toml\"");
        fs::create_dir_all(site.path().join("profiles")).unwrap();
        std::os::unix::fs::symlink(&secret, site.path().join("profiles/link.toml")).unwrap();
        refused(site.path(), &[], &["profile", "вне папки сайта"]);
    }
}

#[test]
fn a_huge_profile_is_not_read() {
    let site = with_settings("profile = \"profiles/big.toml\"");
    fs::create_dir_all(site.path().join("profiles")).unwrap();
    fs::write(
        site.path().join("profiles/big.toml"),
        "# комментарий\n".repeat(200_000),
    )
    .unwrap();
    refused(site.path(), &[], &["invalid-profile", "больше 1 МБ"]);
}

/// Validation refuses such a `base_url`; should one reach the writers anyway (a
/// future code path, a library caller), it is still escaped in the sitemap, the
/// Atom feed, robots.txt and the calendar: it cannot end an XML attribute or add
/// a line to robots.txt or the calendar.
#[test]
fn a_hostile_base_url_that_bypassed_validation_is_escaped_in_every_generated_file() {
    use vitrina::render::{RenderInput, feeds, views};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/independent");
    let (mut site, profile) = vitrina::build::open_site(&root, false, None).unwrap();
    site.config.base_url =
        "https://obr.example.ru/a\"><x y='1'>&amp;\r\nSitemap: https://evil.example/ z/".into();
    let input = RenderInput {
        site: &site,
        profile: &profile,
        today: jiff::civil::date(2026, 1, 1),
        here: None,
        shared: &Default::default(),
    };
    let encoded = "https://obr.example.ru/a%22%3E%3Cx%20y='1'%3E&amp;%0D%0ASitemap:%20https://evil.example/%20z";
    let xml_encoded = encoded.replace('&', "&amp;").replace('\'', "&#39;");
    for (name, xml) in [
        ("sitemap.xml", views::sitemap(&input)),
        ("feed.atom", feeds::atom(&input)),
    ] {
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(xml.contains(&xml_encoded), "{name}:\n{xml}");
        let urls: Vec<&str> = doc
            .descendants()
            .filter_map(|n| match n.tag_name().name() {
                "loc" | "id" => n.text(),
                "link" => n.attribute("href"),
                _ => None,
            })
            .collect();
        assert!(urls.len() > 3, "{name}: {urls:?}");
        assert!(
            urls.iter().all(|u| u.starts_with(encoded)),
            "{name}: {urls:?}"
        );
        assert!(
            doc.descendants().all(|n| n.tag_name().name() != "x"),
            "{name}"
        );
    }
    let robots = views::robots(&site);
    assert_eq!(robots.lines().count(), 3, "{robots}");
    assert_eq!(
        robots.lines().last(),
        Some(format!("Sitemap: {encoded}/sitemap.xml").as_str())
    );
    let ics = feeds::ics(&input);
    let unfolded = ics.replace("\r\n ", "");
    let urls: Vec<&str> = unfolded.lines().filter(|l| l.starts_with("URL:")).collect();
    assert!(!urls.is_empty(), "{ics}");
    assert!(
        urls.iter()
            .all(|u| u.starts_with(&format!("URL:{encoded}/"))),
        "{urls:?}"
    );
    assert!(!unfolded.lines().any(|l| l.starts_with("Sitemap")), "{ics}");
}
