//! Write: the output directory is replaced whole or not at all. Pages are written
//! into a hidden sibling directory, which is swapped in when the build is complete;
//! a failed or killed build leaves the previous output as it was. The previous
//! output is then deleted in the background ([`discard`]).

mod discard;
mod guard;

use guard::MARKER_TEXT;
pub use guard::{MARKER, prepare_output_dir};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A build's output in progress.
pub struct Staging {
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates the hidden sibling directory next to `target` (a folder that
    /// [`prepare_output_dir`] returned: never a symbolic link), with the marker.
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
        remove_path(&tmp)?;
        fs::create_dir_all(&tmp)?;
        fs::write(tmp.join(MARKER), MARKER_TEXT)?;
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
        let target = fs::symlink_metadata(&self.target);
        if target.as_ref().is_ok_and(|m| !m.is_dir()) {
            // Replaced by a link or a file since the build began: not ours to swap.
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} подменена файлом или ссылкой во время сборки",
                    self.target.display()
                ),
            ));
        }
        #[cfg(target_os = "linux")]
        if target.is_ok() && exchange(&self.tmp, &self.target).is_ok() {
            // The staging path now holds the previous output.
            self.committed = true;
            let (parent, name) = self.parent_and_name();
            return discard::discard(&self.tmp, &parent, &name);
        }
        let old = self.old_path();
        if target.is_ok() {
            remove_path(&old)?;
            fs::rename(&self.target, &old)?;
        }
        fs::rename(&self.tmp, &self.target)?;
        self.committed = true;
        if fs::symlink_metadata(&old).is_ok() {
            let (parent, name) = self.parent_and_name();
            discard::discard(&old, &parent, &name)?;
        }
        Ok(())
    }

    /// The folder the output is in, and the output's name.
    fn parent_and_name(&self) -> (PathBuf, String) {
        let parent = self
            .target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (parent.to_path_buf(), name)
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
    if !fs::symlink_metadata(dir)?.is_dir() {
        // A link (or a file) where a folder was expected: remove the link, never
        // read the folder it points to.
        return fs::remove_file(dir);
    }
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

/// Removes whatever is at `path`, if anything: a link or a file as itself (never
/// what a link points to), a folder with its contents.
fn remove_path(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
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
    // Only a real folder is a previous output; a link planted under that name is
    // removed as a link.
    if let Ok(meta) = fs::symlink_metadata(&old) {
        if !meta.is_dir() || fs::symlink_metadata(target).is_ok() {
            remove_path(&old)?;
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
        wait_for_discarded(dir.path());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    /// The previous outputs are removed in the background: waits (up to a
    /// minute) until none is left in `dir`.
    fn wait_for_discarded(dir: &Path) {
        for _ in 0..600 {
            let busy = fs::read_dir(dir)
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().contains(".vitrina-trash-"));
            if !busy {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    #[test]
    fn the_previous_output_is_removed_without_following_its_links() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("keep");
        fs::create_dir_all(&keep).unwrap();
        fs::write(keep.join("file.txt"), "x").unwrap();
        let out = dir.path().join("public");
        for round in 0..3 {
            let staging = Staging::begin(&out).unwrap();
            staging.write("index.html", b"page").unwrap();
            // A link inside the output, to a folder that must survive.
            #[cfg(unix)]
            std::os::unix::fs::symlink(&keep, staging.tmp.join(format!("link{round}"))).unwrap();
            staging.commit().unwrap();
        }
        wait_for_discarded(dir.path());
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["keep", "public"]);
        assert!(keep.join("file.txt").is_file());
    }
}
