//! Benchmark of `vitrina import` on a 500-row roadmap workbook
//! (tests/import/bench-500.xlsx: 500 measures in 10 sections).
//!
//!     cargo run --release --example bench_import          # 15 runs
//!     cargo run --release --example bench_import -- 30    # 30 runs
//!
//! Prints the median (and min/max) wall time of the whole import in-process:
//! reading the workbook, mapping the table, writing the record into a fresh
//! temporary site. Not a test: nothing is asserted about time (issue 16's
//! target is under 200 ms).

use std::path::Path;
use std::time::{Duration, Instant};
use vitrina::import::{ImportArgs, ImportKind, run};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15);
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/bench-500.xlsx");
    let today = "2026-12-02".parse().unwrap();
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut measures = 0;
    for _ in 0..runs {
        let site = tempfile::tempdir().unwrap();
        let args = ImportArgs {
            file: file.clone(),
            kind: ImportKind::Roadmap,
            school: Some("sosh-10".into()),
            centre: None,
            of: None,
            year: None,
            id: None,
            table: None,
            sheet: None,
            title: None,
            series: None,
            better: None,
            threshold: None,
            dry_run: false,
            today: None,
        };
        let started = Instant::now();
        let outcome = run(site.path(), &args, today).unwrap_or_else(|e| panic!("{}", e.message));
        times.push(started.elapsed());
        let written = std::fs::read_to_string(site.path().join(&outcome.written[0])).unwrap();
        measures = written.matches("\n  - ").count();
    }
    times.sort();
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    println!(
        "vitrina import bench-500.xlsx --as roadmap ({measures} measures written), {runs} runs: median {} ms, min {} ms, max {} ms",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
}
