//! The previous output, once swapped out, is deleted without making the build
//! wait for it. On a disk, deleting 10,000 pages takes longer than writing them
//! (every unlink waits on the file system's journal), so a rebuild over an
//! existing output took up to twice a clean build. The folder is renamed aside and
//! handed to `rm -rf` in a process of its own, which outlives the build.
//!
//! Safety is the same as removing it here: `rm -rf` removes a symbolic link as a
//! link and never descends through one, and it is only ever given folders under
//! the trash name, which only this module gives (next to the output, in the
//! folder the output guard approved).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

/// Builds in one process (tests, `serve`) name their trash apart.
static COUNT: AtomicU64 = AtomicU64::new(0);

/// The start of the names of discarded outputs of `name` (`.public.vitrina-trash-`).
pub fn trash_prefix(name: &str) -> String {
    format!(".{name}.vitrina-trash-")
}

/// Renames `old`, a previous output in `parent` of the output `name`, aside and
/// removes it in the background, with any discarded outputs earlier builds left
/// (their remover killed). Removes it on this thread when no process can be
/// started (no `rm`: not a Unix system).
pub fn discard(old: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let prefix = trash_prefix(name);
    let trash = parent.join(format!(
        "{prefix}{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    if fs::rename(old, &trash).is_err() {
        // The name is taken (a process id used again): remove it here.
        return super::remove_tree(old);
    }
    let mut all: Vec<PathBuf> = fs::read_dir(parent)?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    all.sort();
    let spawned = Command::new("rm")
        .arg("-rf")
        .arg("--")
        .args(&all)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reaped if this process lives long enough (`serve`, tests); when it
            // exits first, the remover carries on by itself.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(_) => super::remove_tree(&trash),
    }
}
