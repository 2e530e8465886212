//! Transparent huge pages, turned off for `vitrina build`.
//!
//! mimalloc asks for huge pages, and the kernel zeroes each 2 MB whole at its first
//! touch, however little of it a run of a few seconds uses. Where fresh memory is
//! slow to get — a virtual machine whose host takes freed pages back, as CI runners
//! and this project's benchmark machine are — the build's serial steps between
//! loading and rendering (the main thread alone) spent 80–220 ms zeroing in four of
//! six profiled builds of 10,000 records, against at most 1 ms without huge pages;
//! builds right after Hugo's (which frees 1.4 GB) went from a median of 1.55 s
//! (spread 1.40–1.94) to 1.29 s (1.23–1.41), a step of 0.985 that shortened the
//! serial ends otherwise included.
//! `vitrina check` keeps them: it reads every file into fresh memory and does little
//! else, and there the 2 MB faults win (median 0.264 s with them, 0.344 s without).
//! docs/performance.md has the measurements.

/// Turns transparent huge pages off for the rest of this process (the kernel reads
/// the setting at each page fault, so memory mapped before is covered too).
#[cfg(target_os = "linux")]
pub fn turn_off() {
    // SAFETY: PR_SET_THP_DISABLE takes integers only and changes nothing but this
    // process's memory policy. A kernel without it fails the call and nothing
    // changes, which is fine.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn turn_off() {}
