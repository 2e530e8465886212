//! Benchmark of `vitrina check` on a generated 10,000-record site.
//!
//!     cargo bench --bench check            # 15 runs
//!     cargo bench --bench check -- 30      # 30 runs
//!
//! Prints the median (and min/max) wall time of the whole check in-process —
//! load + resolve + every rule + the text report — and of the real binary
//! (`vitrina check --format json`, process start included). Not a test: nothing
//! is asserted about time.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Writes a plausible site of exactly `total` records into `root`.
fn generate(root: &Path, total: usize) -> usize {
    let w = |path: &str, text: &str| {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "site.toml",
        "title = \"Сгенерированный сайт\"\n[check]\nreport_grace_days = 10\n",
    );
    let schools = total * 15 / 100;
    let centres = total / 100;
    let programs = total * 2 / 100;
    let documents = total * 3 / 100;
    let system = 10;
    let roadmaps = schools / 2;
    let plans = centres;
    let fixed = schools + centres + programs + documents + system + roadmaps + plans;
    let events = (total - fixed) / 2;
    let reports = total - fixed - events;

    for i in 0..system {
        w(
            &format!("content/system/page-{i}.md"),
            &format!(
                "---\ntitle: Страница {i}\nweight: {i}\n---\n\nТекст раздела Системы работы. Телефон приёмной: 8 (86137) 2-14-56.\n\n- пункт один\n- пункт два\n"
            ),
        );
    }
    for i in 0..schools {
        let support = i % 2 == 0;
        let mut t = format!(
            "name: Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {i}»\nshort_name: МБОУ СОШ № {i}\n"
        );
        if support {
            let _ = write!(
                t,
                "categories: [{}]\nmentor: sosh-{}\ncurator: Куратор {i}, методист ИМЦ\nrisks: [r{}, r{}]\n",
                if i % 4 == 0 { "shnor" } else { "shnor, shssu" },
                i + 1,
                i % 10 + 1,
                (i + 3) % 10 + 1
            );
        }
        w(&format!("content/schools/sosh-{i}.yaml"), &t);
    }
    for i in 0..centres {
        w(
            &format!("content/centres/c-{i}.yaml"),
            &format!(
                "kind: {}\nname: Центр {i}\nbase: sosh-{}\n",
                if i % 2 == 0 { "mnc" } else { "mtkp" },
                i * 2 + 1
            ),
        );
    }
    for i in 0..programs {
        w(
            &format!("content/programs/p-{i}.md"),
            &format!(
                "---\ntitle: Программа {i}\nhours: 72\nform: очно\n---\n\nОписание программы.\n"
            ),
        );
    }
    for i in 0..documents {
        w(
            &format!("content/documents/d-{i}.yaml"),
            &format!("title: Приказ {i}\nkind: order\nnumber: {i}-ОД\ndate: 2026-09-01\n"),
        );
    }
    let measures = "measures:\n  - title: Диагностика дефицитов\n    due: октябрь 2026\n    responsible: ИМЦ\n  - title: Методический десант\n    due: февраль 2027\n  - title: Консультации\n    due: в течение года\n";
    for i in 0..roadmaps {
        w(
            &format!("content/roadmaps/2026-2027/sosh-{}.md", i * 2),
            &format!(
                "---\ntitle: Дорожная карта {i}\nschool: sosh-{}\nacademic_year: \"2026/2027\"\napproved_by: d-0\n{measures}---\n\nПояснение к дорожной карте.\n",
                i * 2
            ),
        );
    }
    for i in 0..plans {
        w(
            &format!("content/plans/2026-2027/c-{i}.yaml"),
            &format!("centre: c-{i}\nacademic_year: \"2026/2027\"\n{measures}"),
        );
    }
    for i in 0..events {
        let day = 1 + i % 28;
        w(
            &format!("content/events/{}/e-{i}.md", 2026 - (i % 2)),
            &format!(
                "---\ntitle: Семинар {i}\ndate: {}-{:02}-{day:02}\nkind: seminar\nplace: ИМЦ\n---\n\nАнонс семинара для учителей школ группы поддержки.\n",
                2026 - (i % 2),
                1 + i % 10
            ),
        );
    }
    for i in 0..reports {
        // Most reports are of events; every tenth of a roadmap.
        let of = if i % 10 == 0 && i / 10 < roadmaps {
            format!("roadmaps/2026-2027/sosh-{}", (i / 10) * 2)
        } else {
            format!("events/{}/e-{}", 2026 - (i % events % 2), i % events)
        };
        w(
            &format!("content/reports/r-{i}.md"),
            &format!(
                "---\nof: {of}\ndate: 2026-11-01\nmeasures:\n  - title: Диагностика дефицитов\n    status: done\n---\n\nОтчёт: участвовали 20 учителей.\n"
            ),
        );
    }
    total
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} мс", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(15);
    let dir = tempfile::tempdir().unwrap();
    let records = generate(dir.path(), 10_000);
    let today = jiff::civil::date(2026, 11, 24);

    let mut in_process = Vec::new();
    let mut rules_only = Vec::new();
    let mut last = None;
    for _ in 0..=runs {
        let started = Instant::now();
        let (site, profile) = vitrina::build::open_site(dir.path(), false, None).unwrap();
        let opened = started.elapsed();
        let report = vitrina::check::run(&site, &profile, today);
        let text = vitrina::check::format::render(
            &report,
            vitrina::check::format::Format::Text,
            &vitrina::check::format::Options {
                root: dir.path(),
                colour: false,
                strict: false,
            },
        );
        in_process.push(started.elapsed());
        rules_only.push(started.elapsed() - opened);
        last = Some((
            site.records.len(),
            report.errors(),
            report.warnings(),
            text.len(),
        ));
    }
    in_process.remove(0); // warm-up: the first run fills the file cache
    rules_only.remove(0);

    let mut binary = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vitrina"))
            .arg("--root")
            .arg(dir.path())
            .args(["check", "--today", "2026-11-24", "--format", "json"])
            .output()
            .unwrap();
        binary.push(started.elapsed());
        assert!(out.status.code().is_some_and(|c| c <= 1));
    }

    let (published, errors, warnings, _) = last.unwrap();
    println!(
        "сгенерировано записей: {records}, опубликовано: {published}; ошибок: {errors}, предупреждений: {warnings}"
    );
    let (min, max) = (
        *in_process.iter().min().unwrap(),
        *in_process.iter().max().unwrap(),
    );
    println!(
        "check в процессе (загрузка + разбор + правила + текстовый отчёт), {runs} прогонов: медиана {}, мин. {}, макс. {}",
        ms(median(&mut in_process)),
        ms(min),
        ms(max)
    );
    println!(
        "из них правила + текстовый отчёт (без загрузки и разбора файлов): медиана {}",
        ms(median(&mut rules_only))
    );
    println!(
        "vitrina check --format json (процесс целиком), {runs} прогонов: медиана {}",
        ms(median(&mut binary))
    );
}
