//! Which folder a build may replace. The output folder is deleted and recreated on
//! every build, so a wrong `--out` (or a link named `public`) must be refused
//! before anything is touched: a folder of sources, a folder vitrina did not write,
//! or a link whose target would be emptied.

use crate::diagnostics::{Finding, RuleId};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The file every output vitrina writes carries at its root: the proof that the
/// folder is a build and may be replaced by the next one.
pub const MARKER: &str = ".vitrina-output";

/// The marker's text, for whoever finds the file on a server.
pub const MARKER_TEXT: &str =
    "Эту папку создала команда «vitrina build». При следующей сборке она будет заменена целиком.\n";

/// Files every output of vitrina before the marker existed held at its root: a
/// folder with all of them is an older build, not someone's documents.
const LEGACY_OUTPUT: [&str; 4] = [
    "index.html",
    "sitemap.xml",
    "search-index.json",
    "feed.atom",
];

/// The folder a build into `out` writes: `out` itself, or, when `out` is a
/// symbolic link (`public -> /var/www/site`), the folder it points to, so the link
/// stays as it is and the swap happens next to its target. Refuses output folders
/// whose replacement would destroy sources: the site root, anything inside
/// `content/`, `templates/`, `themes/`, `static/`, `profiles/` or `.git/`, a parent
/// of the site, the file-system root (judged after following links), a link to
/// nowhere, and an existing non-empty folder that vitrina did not write (`--out
/// ~/Документы` must not wipe the documents).
pub fn prepare_output_dir(root: &Path, out: &Path) -> Result<PathBuf, Finding> {
    let shown = out.to_path_buf();
    let refuse = |why: &str| {
        Err(Finding::error(RuleId::InvalidOutput, format!("папка вывода {} {why}; vitrina заменяет папку вывода целиком и не станет её использовать", shown.display()))
            .hint("укажите отдельную папку, например --out public"))
    };
    let out = absolute(out);
    let is_link = fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink());
    let out = if is_link {
        match out.canonicalize() {
            Ok(real) => real,
            Err(_) => return refuse("— символическая ссылка на несуществующую папку"),
        }
    } else {
        existing_real_path(&out)
    };
    let root = existing_real_path(&absolute(root));
    if out.parent().is_none() {
        return refuse("— корень файловой системы");
    }
    if root.starts_with(&out) {
        return refuse("совпадает с папкой сайта или содержит её");
    }
    for protected in [
        "content",
        "templates",
        "themes",
        "static",
        "profiles",
        ".git",
    ] {
        if out.starts_with(root.join(protected)) {
            return refuse(&format!(
                "лежит внутри папки {protected}/ с исходными материалами"
            ));
        }
    }
    match fs::symlink_metadata(&out) {
        Ok(meta) if !meta.is_dir() => refuse("— это файл, а не папка"),
        Ok(_) if !written_by_vitrina(&out) => refuse(&format!(
            "уже существует, не пуста и не похожа на собранный сайт (в ней нет файла {MARKER}, который vitrina кладёт в каждую сборку)"
        )),
        _ => Ok(out),
    }
}

/// An existing folder vitrina may replace: empty, or one of its builds.
fn written_by_vitrina(dir: &Path) -> bool {
    let is_file = |name: &str| fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.is_file());
    is_file(MARKER)
        || LEGACY_OUTPUT.iter().all(|name| is_file(name))
        || fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    normalize(&p)
}

/// `p` with its longest existing prefix resolved through symlinks, so a link
/// named `public` that points into `content/` is judged by where it points.
fn existing_real_path(p: &Path) -> PathBuf {
    let mut prefix = p.to_path_buf();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(real) = prefix.canonicalize() {
            let mut out = real;
            out.extend(rest.iter().rev());
            return out;
        }
        match (
            prefix.file_name().map(|n| n.to_os_string()),
            prefix.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                prefix = parent.to_path_buf();
            }
            _ => return p.to_path_buf(),
        }
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
