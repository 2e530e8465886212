// mimalloc: the build allocates and frees millions of small strings and tera
// values from two threads at once; glibc malloc was ~10 % of the build's CPU.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    no_transparent_huge_pages();
    std::process::exit(vitrina::cli::run());
}

/// Transparent huge pages off for this process. mimalloc asks for them, and the
/// kernel then zeroes each 2 MB page whole on its first touch, however little of
/// it a run of a few seconds uses. Where fresh memory is slow to get — a virtual
/// machine whose host takes freed pages back, as CI runners and this project's
/// benchmark machine are — the serial steps between loading and rendering spent
/// 80–220 ms zeroing in four of six profiled builds, against at most a millisecond
/// without huge pages; paired rounds gave 0.93 of the time on such cold memory and
/// the same time on warm (docs/performance.md).
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integers only and changes nothing but this
    // process's memory policy, which the kernel reads at each page fault (so the
    // heap mapped before main is covered too). A kernel without it fails the
    // call and nothing changes, which is fine.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}
