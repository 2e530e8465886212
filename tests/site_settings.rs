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
