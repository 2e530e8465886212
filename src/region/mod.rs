//! `vitrina region REGION.toml` (content model, section 8.2): the regional
//! report over many municipalities. Local sites are loaded and checked as
//! `vitrina check` does ([`local`]); published ones give their `status.json`
//! ([`remote`]). Both become a [`Status`](crate::render::status::Status), so a
//! row reads the same whichever it came from; [`report`] lays out the table and
//! [`format`] prints it.

pub mod config;
pub mod format;
pub mod local;
pub mod remote;
pub mod report;

use config::{Municipality, Region, Source};
use format::Format;
use jiff::civil::Date;
use rayon::prelude::*;
use report::{RegionReport, Row};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Above this many municipalities, progress goes to stderr.
const QUIET_UP_TO: usize = 5;

/// Published sites fetched at once: waiting on the network, not on the cores.
const FETCHES_AT_ONCE: usize = 16;

pub struct RegionOptions {
    pub file: PathBuf,
    pub today: Date,
    pub format: Format,
    pub out: Option<PathBuf>,
}

/// Rows with their place in REGION.toml.
type Numbered = Vec<(usize, Row)>;

/// Checks every municipality; the rows in REGION.toml's order.
pub fn collect(region: &Region, today: Date, progress: bool) -> Vec<Row> {
    let done = AtomicUsize::new(0);
    let total = region.municipalities.len();
    let report_done = |m: &Municipality| {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if progress {
            eprintln!("[{n}/{total}] {}", m.name);
        }
    };
    let agent = remote::agent(region.timeout);
    let fetch_pool = rayon::ThreadPoolBuilder::new()
        .num_threads(FETCHES_AT_ONCE.min(total.max(1)))
        .build();
    let row = |m: &Municipality| {
        let result = match &m.source {
            Source::Root(root) => local::status(root, today),
            Source::Url(url) => remote::status(&agent, url, region.timeout),
        };
        report_done(m);
        Row {
            name: m.name.clone(),
            source: m.source.clone(),
            result,
        }
    };
    let is_local = |m: &&Municipality| matches!(m.source, Source::Root(_));
    // Local sites on the cores, published ones on a pool of their own, together.
    let (mut local_rows, mut remote_rows): (Numbered, Numbered) = rayon::join(
        || {
            region
                .municipalities
                .par_iter()
                .enumerate()
                .filter(|(_, m)| is_local(m))
                .map(|(i, m)| (i, row(m)))
                .collect()
        },
        || {
            let fetch = || {
                region
                    .municipalities
                    .par_iter()
                    .enumerate()
                    .filter(|(_, m)| !is_local(m))
                    .map(|(i, m)| (i, row(m)))
                    .collect()
            };
            match &fetch_pool {
                Ok(pool) => pool.install(fetch),
                Err(_) => fetch(),
            }
        },
    );
    local_rows.append(&mut remote_rows);
    local_rows.sort_by_key(|(i, _)| *i);
    local_rows.into_iter().map(|(_, r)| r).collect()
}

/// Runs the command; returns the exit code: 0 every municipality has every
/// item, 1 some do not (or gave no data), 2 the run could not start.
pub fn run(opts: &RegionOptions) -> i32 {
    let region = match Region::load(&opts.file) {
        Ok(r) => r,
        Err(f) => {
            eprint!(
                "{}",
                crate::diagnostics::render_text(&[f], Path::new(""), false)
            );
            eprintln!("Отчёт не составлен: исправьте файл региона.");
            return 2;
        }
    };
    let progress = region.municipalities.len() > QUIET_UP_TO;
    let rows = collect(&region, opts.today, progress);
    let report = RegionReport::new(
        region.title.clone(),
        opts.today,
        crate::render::status::built_now(),
        rows,
    );
    let bytes = format::render(&report, opts.format);
    use std::io::Write;
    match &opts.out {
        Some(dir) => {
            let path = dir.join(opts.format.file_name());
            if let Err(e) = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, &bytes))
            {
                eprintln!("ошибка: не удалось записать отчёт {}: {e}", path.display());
                return 2;
            }
            eprintln!("Отчёт записан: {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(&bytes)
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return 2;
            }
        }
    }
    eprintln!(
        "Муниципалитетов — {}: всё опубликовано — {}, есть пропуски — {}, нет данных — {}.",
        report.rows.len(),
        report.complete(),
        report.rows.len() - report.complete() - report.unavailable(),
        report.unavailable()
    );
    report.exit_code()
}
