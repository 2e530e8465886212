//! Write: the output directory is replaced whole or not at all. Pages are written
//! into a hidden sibling directory, which is swapped in when the build is complete;
//! a failed or killed build leaves the previous output as it was.

use crate::diagnostics::{Finding, RuleId};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A build's output in progress.
pub struct Staging {
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Refuses output directories whose replacement would destroy sources: the site
/// root, anything inside `content/`, `templates/`, `themes/`, `static/`,
/// `profiles/` or `.git/`, a parent of the site, the file-system root (judged after
/// following symlinks), and an existing non-empty directory that is not a built
/// site (`--out ~/Документы` must not wipe the documents).
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Finding> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let (root, out) = (
        existing_real_path(&abs(root)),
        existing_real_path(&abs(out)),
    );
    let refuse = |why: &str| {
        Err(Finding::error(RuleId::InvalidOutput, format!("папка вывода {} {why}; vitrina заменяет папку вывода целиком и не станет её использовать", out.display()))
            .hint("укажите отдельную папку, например --out public"))
    };
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
    if out.exists() && !out.is_dir() {
        return refuse("— это файл, а не папка");
    }
    if out.is_dir() && !looks_like_output(&out) {
        return refuse(
            "уже существует, не пуста и не похожа на собранный сайт (в ней нет index.html)",
        );
    }
    Ok(())
}

/// An existing directory vitrina may replace: empty, or a built site.
fn looks_like_output(dir: &Path) -> bool {
    dir.join("index.html").is_file()
        || fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
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
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

impl Staging {
    /// Creates the hidden sibling directory next to `target`.
    pub fn begin(target: &Path) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        recover_interrupted_swap(parent, &name, target)?;
        let tmp = parent.join(format!(".{name}.vitrina-new-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir_all(&tmp)?;
        Ok(Staging {
            tmp,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes one file; `rel` is `/`-separated under the output root.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path_of(rel)?;
        if let Some(dir) = path.parent() {
            make_dir(dir)?;
        }
        fs::write(path, bytes)
    }

    /// Copies an attachment into the output.
    pub fn copy(&self, source: &Path, rel: &str) -> io::Result<()> {
        let path = self.path_of(rel)?;
        if let Some(dir) = path.parent() {
            make_dir(dir)?;
        }
        fs::copy(source, path).map(|_| ())
    }

    /// No output path may leave the staging directory.
    fn path_of(&self, rel: &str) -> io::Result<PathBuf> {
        let rel = Path::new(rel);
        if rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("недопустимый путь {}", rel.display()),
            ));
        }
        Ok(self.tmp.join(rel))
    }

    /// Swaps the new output in place of the old one. On Linux the two directories
    /// are exchanged in one atomic step, so there is no moment without a complete
    /// output; elsewhere (or on a file system without the exchange) two renames,
    /// whose gap [`recover_interrupted_swap`] repairs on the next build.
    pub fn commit(mut self) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        if self.target.is_dir() && exchange(&self.tmp, &self.target).is_ok() {
            // The staging path now holds the previous output.
            self.committed = true;
            remove_tree(&self.tmp)?;
            return Ok(());
        }
        let old = self.old_path();
        if self.target.exists() {
            if old.exists() {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(&self.target, &old)?;
        }
        fs::rename(&self.tmp, &self.target)?;
        self.committed = true;
        if old.exists() {
            remove_tree(&old)?;
        }
        Ok(())
    }

    fn old_path(&self) -> PathBuf {
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.target.with_file_name(format!(".{name}.vitrina-old"))
    }
}

/// `renameat2(RENAME_EXCHANGE)`: swaps two paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call; the
    // syscall takes no other pointers.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Removes a whole output tree, files and directories on all threads: the previous
/// output of a large site is tens of thousands of files, and on a disk each unlink
/// waits on the file system's journal, so one thread deleting them one by one left
/// the disk idle most of the time (10,000 pages: 1.7–30 s serially on the shared
/// machine's ext4, 1.2–1.6 s in parallel).
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.into_par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Creates a page's directory. Nearly every page has a directory of its own whose
/// parent already exists: one `mkdir`, where `create_dir_all` would `stat` first.
fn make_dir(dir: &Path) -> io::Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(dir),
        Err(e) => Err(e),
    }
}

/// A build killed between the two renames of [`Staging::commit`] leaves the old
/// output under its hidden name: put it back. Staging directories of killed builds
/// are removed.
fn recover_interrupted_swap(parent: &Path, name: &str, target: &Path) -> io::Result<()> {
    let old = parent.join(format!(".{name}.vitrina-old"));
    if old.exists() {
        if target.exists() {
            fs::remove_dir_all(&old)?;
        } else {
            fs::rename(&old, target)?;
        }
    }
    let prefix = format!(".{name}.vitrina-new-");
    for entry in fs::read_dir(parent)?.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        // Only what vitrina itself names: the prefix and a process id, of a
        // process that is gone.
        if let Some(pid) = file_name.strip_prefix(&prefix)
            && !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

#[cfg(test)]
mod remove_tree_tests {
    use super::*;

    #[test]
    fn removes_nested_trees_but_not_what_links_point_to() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("keep");
        fs::create_dir_all(&keep).unwrap();
        fs::write(keep.join("file.txt"), "x").unwrap();
        let tree = dir.path().join("old");
        for d in ["a/b/c", "a/d", "e"] {
            fs::create_dir_all(tree.join(d)).unwrap();
        }
        for f in [
            "index.html",
            "a/b/c/index.html",
            "a/d/x.pdf",
            "e/index.html",
        ] {
            fs::write(tree.join(f), "page").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&keep, tree.join("a/link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert!(keep.join("file.txt").is_file());
    }

    #[test]
    fn a_rebuild_replaces_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for (page, text) in [("a/index.html", "one"), ("b/index.html", "two")] {
            let staging = Staging::begin(&out).unwrap();
            staging.write(page, text.as_bytes()).unwrap();
            staging.commit().unwrap();
        }
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }
}
