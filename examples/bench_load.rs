//! Times loading and resolving a site (what `vitrina check` and every rebuild pay
//! before any checking or rendering): `bench_load SITE [RUNS]`, prints the median.
//! scripts/bench.sh runs it on the 10,000-record corpus.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: bench_load SITE [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut times = Vec::with_capacity(runs);
    let mut records = 0;
    for _ in 0..=runs {
        let started = Instant::now();
        let (site, _profile) = match vitrina::build::open_site(&root, false, None) {
            Ok(s) => s,
            Err(f) => {
                eprintln!("bench_load: {}", f.message);
                std::process::exit(2);
            }
        };
        times.push(started.elapsed().as_secs_f64());
        records = site.records.len();
    }
    times.remove(0); // warm-up
    times.sort_by(f64::total_cmp);
    println!(
        "load + resolve, {records} records: median {:.0} ms (min {:.0}, max {:.0}; {runs} runs)",
        times[times.len() / 2] * 1000.0,
        times[0] * 1000.0,
        times[times.len() - 1] * 1000.0
    );
}
