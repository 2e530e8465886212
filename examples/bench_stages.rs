//! Times each stage of a build separately — load + resolve, compiling the theme,
//! rendering every HTML page, the generated files (search index, feeds) and writing
//! — so a profile can be read as "which stage": `bench_stages SITE [RUNS]`.
//! Pages are rendered into memory (nothing is written) except in the last stage.

use std::time::Instant;
use vitrina::render::{self, RenderInput, Theme};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: bench_stages SITE [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let today = jiff::civil::date(2026, 11, 24);
    let mut rows: Vec<(&str, Vec<f64>)> = Vec::new();
    let mut time = |name: &'static str, started: Instant| {
        let secs = started.elapsed().as_secs_f64();
        match rows.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(secs),
            None => rows.push((name, vec![secs])),
        }
    };
    for _ in 0..runs {
        let t = Instant::now();
        let (site, profile) = vitrina::build::open_site(&root, false, None).expect("site opens");
        time("load + resolve", t);
        let t = Instant::now();
        let theme = Theme::load(&root, &site.config.theme).expect("theme compiles");
        time("theme", t);
        let input = RenderInput {
            site: &site,
            profile: &profile,
            today,
            here: None,
            shared: &Default::default(),
        };
        let pages = render::all_pages(&site, &profile);
        let t = Instant::now();
        let bytes = std::sync::atomic::AtomicUsize::new(0);
        let count = |_: &str, b: &[u8]| {
            bytes.fetch_add(b.len(), std::sync::atomic::Ordering::Relaxed);
            Ok(())
        };
        render::render_pages(&input, &theme, &pages, &count).expect("pages render");
        time("pages (in memory)", t);
        let t = Instant::now();
        let index = render::search_files::files(&render::search::build(&input));
        let _files = render::generated_files(&input, index);
        time("search index + feeds", t);
        eprintln!(
            "{} pages, {} MB of HTML",
            pages.len(),
            bytes.into_inner() >> 20
        );
    }
    for (name, mut v) in rows {
        v.sort_by(f64::total_cmp);
        println!("{name:24} median {:7.0} ms", v[v.len() / 2] * 1000.0);
    }
}
