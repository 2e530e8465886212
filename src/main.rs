// mimalloc: the build allocates and frees millions of small strings and tera
// values from two threads at once; glibc malloc was ~10 % of the build's CPU.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(vitrina::cli::run());
}
