//! Benchmark corpus: a realistic vitrina site of N records, and the same content as
//! a Hugo site with equivalent templates, so both generators do the same work.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --records 10000 --out /tmp/v10k --hugo /tmp/h10k
//! ```
//!
//! Options: `--records N` (default 1000), `--out DIR` (required; replaced),
//! `--hugo DIR` (optional; replaced), `--seed S` (default 7), `--today YYYY-MM-DD`
//! (default 2026-11-24: which events lie in the past and need reports; pass the same
//! date to `vitrina check --today`).
//!
//! Proportions follow a real municipality: schools ~8 %, centres ~1 % (at least one
//! МНЦ and one МТКП), roadmaps ~15 %, plans ~2 %, programs ~5 %, events ~25 %,
//! reports ~35 %, documents ~8 %, system pages a handful. Bodies are Russian text of
//! 4–6.5 KB (about 7 KB per file with front matter) with headings, lists and a table; one record in twenty has a fenced code
//! block. Every reference is valid: every support-group school has a roadmap for the
//! current academic year, every centre a plan, every past event and every roadmap or
//! plan of a past year its reports. Output is deterministic for a given seed.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// xorshift64*: tiny, deterministic, good enough for text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub struct Args {
    pub records: usize,
    pub out: PathBuf,
    pub hugo: Option<PathBuf>,
    pub seed: u64,
    /// (year, month, day)
    pub today: (i32, u32, u32),
}

impl Args {
    pub fn new(records: usize, out: &Path) -> Args {
        Args {
            records,
            out: out.to_path_buf(),
            hugo: None,
            seed: 7,
            today: (2026, 11, 24),
        }
    }
}

/// What was generated.
pub struct Stats {
    /// Record ids (path under `content/` without `.md`).
    pub ids: Vec<String>,
    pub bytes: u64,
}

fn parse_args() -> Args {
    let mut args = Args::new(1000, Path::new(""));
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--records" => args.records = value().parse().unwrap_or_else(|_| usage("bad N")),
            "--out" => args.out = PathBuf::from(value()),
            "--hugo" => args.hugo = Some(PathBuf::from(value())),
            "--seed" => args.seed = value().parse().unwrap_or_else(|_| usage("bad seed")),
            "--today" => {
                let v = value();
                let p: Vec<&str> = v.split('-').collect();
                let parsed = (p.len() == 3)
                    .then(|| Some((p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?)))
                    .flatten();
                args.today = parsed.unwrap_or_else(|| usage("bad --today"));
            }
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        usage("--out is required");
    }
    args
}

fn usage(msg: &str) -> ! {
    if !msg.is_empty() {
        eprintln!("gen_corpus: {msg}");
    }
    eprintln!(
        "usage: gen_corpus --records N --out DIR [--hugo DIR] [--seed S] [--today YYYY-MM-DD]"
    );
    std::process::exit(2)
}

/// Where generated files go: the vitrina site and, optionally, the Hugo site.
struct Sink {
    out: PathBuf,
    hugo: Option<PathBuf>,
    bytes: u64,
    files: usize,
    ids: Vec<String>,
}

impl Sink {
    /// A record file, `rel` under `content/` in both sites.
    fn record(&mut self, rel: &str, text: &str) {
        self.bytes += text.len() as u64;
        self.files += 1;
        self.ids.push(rel.trim_end_matches(".md").to_string());
        write(&self.out.join("content").join(rel), text.as_bytes());
        if let Some(h) = &self.hugo {
            write(&h.join("content").join(rel), text.as_bytes());
        }
    }

    /// An attachment: beside the record in vitrina; in Hugo's `static/` at the same
    /// published path.
    fn attachment(&mut self, rel: &str, bytes: &[u8]) {
        write(&self.out.join("content").join(rel), bytes);
        if let Some(h) = &self.hugo {
            write(&h.join("static").join(rel), bytes);
        }
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create directory");
    }
    fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// Counts per section for N records.
struct Plan {
    system: usize,
    schools: usize,
    support: usize,
    centres: usize,
    mnc: usize,
    roadmaps: usize,
    plans: usize,
    programs: usize,
    events: usize,
    reports: usize,
    documents: usize,
}

fn plan(n: usize) -> Plan {
    let pct = |p: usize| (n * p).div_ceil(100);
    let system = 7.min(n.max(1));
    let centres = pct(1).max(2);
    let schools = pct(8).max(2);
    let roadmaps = pct(15).max(1);
    let support = (schools * 3 / 5).clamp(1, roadmaps);
    let plans = pct(2).max(centres);
    let programs = pct(5).max(1);
    let documents = pct(8).max(1);
    let events = pct(25).max(1);
    let used = system + schools + centres + roadmaps + plans + programs + documents + events;
    let reports = n.saturating_sub(used).max(pct(35).min(n / 2));
    Plan {
        system,
        schools,
        support,
        centres,
        mnc: centres.div_ceil(3),
        roadmaps,
        plans,
        programs,
        events,
        reports,
        documents,
    }
}

const CURRENT_YEAR: i32 = 2026;

fn academic_year(start: i32) -> String {
    format!("{}/{}", start, start + 1)
}

fn main() {
    generate(&parse_args());
}

/// Writes the corpus (and the Hugo site when asked).
pub fn generate(args: &Args) -> Stats {
    for dir in std::iter::once(&args.out).chain(args.hugo.iter()) {
        if dir.exists() {
            fs::remove_dir_all(dir).expect("remove old output");
        }
    }
    let p = plan(args.records);
    let mut rng = Rng(args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut sink = Sink {
        out: args.out.clone(),
        hugo: args.hugo.clone(),
        bytes: 0,
        files: 0,
        ids: Vec::new(),
    };
    let mut n_record = 0usize;
    let mut body = |rng: &mut Rng, topic: &str| {
        n_record += 1;
        body_text(rng, topic, n_record.is_multiple_of(20))
    };
    let today = args.today;
    // The current academic year starts in September.
    let current = if today.1 >= 9 { today.0 } else { today.0 - 1 };
    let _ = CURRENT_YEAR;

    write(
        &args.out.join("site.toml"),
        "title = \"Система работы со ШНОР и ШССУ (тестовый корпус)\"\n\
         authority = \"Управление образования администрации МО Тестовый район\"\n\
         description = \"Сгенерированный корпус для замеров скорости сборки.\"\n\
         base_url = \"https://obr-test.example.ru\"\n"
            .as_bytes(),
    );

    // ---- documents: orders first, so roadmaps and plans can cite them ----
    let pdf = fake_pdf();
    let mut orders: Vec<String> = Vec::new();
    for i in 0..p.documents {
        let id = format!("doc-{i:05}");
        let kind = match i % 10 {
            0..=4 => "order",
            5 | 6 => "protocol",
            7 => "regulation",
            8 => "analysis",
            _ => "letter",
        };
        let year = current - (i % 4) as i32;
        let mut fm = Fm::new(&format!(
            "{} «{}»",
            match kind {
                "order" => "Об утверждении",
                "protocol" => "Протокол заседания рабочей группы по вопросу",
                "regulation" => "Положение о",
                "analysis" => "Аналитическая справка по итогам",
                _ => "Письмо о",
            },
            rng.pick(TOPICS)
        ));
        fm.kv("kind", kind);
        if kind == "order" || kind == "protocol" {
            fm.kv(
                "number",
                &match i % 3 {
                    0 => format!("{}", 100 + i),
                    1 => format!("\"{}-ОД\"", 10 + i),
                    _ => format!("\"01-03/{}\"", 200 + i),
                },
            );
            fm.kv("date", &format!("{year}-08-{:02}", 1 + i % 28));
            if kind == "order" {
                orders.push(id.clone());
            }
        }
        if i % 2 == 0 {
            let file = format!("files/{id}.pdf");
            sink.attachment(&format!("documents/{file}"), &pdf);
            fm.kv("file", &file);
        }
        let text = fm.finish(&body(&mut rng, "документа"));
        sink.record(&format!("documents/{id}.md"), &text);
    }
    let order = |i: usize| orders.get(i % orders.len().max(1)).cloned();

    // ---- system ----
    let system_pages = [
        (
            "index",
            "Система работы со школами с низкими образовательными результатами",
        ),
        ("celi-i-zadachi", "Цели и задачи"),
        ("normativnaya-baza", "Нормативная база"),
        ("mery-i-meropriyatiya", "Меры и мероприятия"),
        ("pokazateli", "Показатели и мониторинг"),
        ("ocenka-effektivnosti", "Оценка эффективности"),
        ("upravlencheskie-resheniya", "Управленческие решения"),
    ];
    for (i, (slug, title)) in system_pages.iter().take(p.system).enumerate() {
        let mut fm = Fm::new(title);
        fm.kv("weight", &(i + 1).to_string());
        let text = fm.finish(&body(&mut rng, "системы работы"));
        sink.record(&format!("system/{slug}.md"), &text);
    }

    // ---- schools: the first `support` are in the support group, mentored by others ----
    let school_id = |i: usize| format!("school-{i:05}");
    for i in 0..p.schools {
        let number = i + 1;
        let place = PLACES[i % PLACES.len()];
        let short = format!("МБОУ СОШ № {number}");
        let mut fm = Fm::new(&short);
        fm.kv(
            "name",
            &format!("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № {number} {place}"),
        );
        fm.kv("short_name", &short);
        if i < p.support {
            fm.kv(
                "categories",
                ["[shnor]", "[shssu]", "[shnor, shssu]"][i % 3],
            );
            let mentors = p.schools - p.support;
            if mentors > 0 {
                fm.kv("mentor", &school_id(p.support + i % mentors));
            }
            fm.kv(
                "curator",
                &format!(
                    "{}, методист МКУ «Информационно-методический центр»",
                    person(&mut rng)
                ),
            );
            let a = rng.range(1, 8);
            fm.kv("risks", &format!("[r{}, r{}, r{}]", a, a + 1, a + 2));
        }
        fm.kv(
            "address",
            &format!(
                "3538{:02}, Тестовый район, {place}, ул. {}, {}",
                i % 100,
                rng.pick(STREETS),
                rng.range(1, 120)
            ),
        );
        fm.kv("website", &format!("https://school{number}.example.ru"));
        let text = fm.finish(&body(&mut rng, "школы"));
        sink.record(&format!("schools/{}.md", school_id(i)), &text);
    }

    // ---- centres ----
    let centre_id = |i: usize, mnc: usize| {
        if i < mnc {
            format!("mnc-{}", i + 1)
        } else {
            format!("mtkp-{}", i - mnc + 1)
        }
    };
    for i in 0..p.centres {
        let is_mnc = i < p.mnc;
        let name = if is_mnc {
            format!("Муниципальный наставнический центр № {}", i + 1)
        } else {
            format!(
                "Муниципальный тьюторский консультационный пункт по предмету «{}»",
                SUBJECTS[i % SUBJECTS.len()]
            )
        };
        let mut fm = Fm::new(&name);
        fm.kv("kind", if is_mnc { "mnc" } else { "mtkp" });
        fm.kv("name", &name);
        fm.kv("base", &school_id(p.schools - 1 - i % p.schools));
        fm.kv(
            "head",
            &format!("{}, заместитель директора", person(&mut rng)),
        );
        let text = fm.finish(&body(&mut rng, "центра"));
        sink.record(&format!("centres/{}.md", centre_id(i, p.mnc)), &text);
    }

    // ---- roadmaps and plans: round k covers year current-k; past years get reports ----
    let mut past_workplans: Vec<(String, i32, usize)> = Vec::new();
    for i in 0..p.roadmaps {
        let school = i % p.support;
        let year = current - (i / p.support) as i32;
        let id = format!("{}-{year}-{}", school_id(school), year + 1);
        let mut fm = Fm::new(&format!(
            "Дорожная карта сопровождения МБОУ СОШ № {} на {} учебный год",
            school + 1,
            academic_year(year)
        ));
        fm.kv("school", &school_id(school));
        fm.kv("academic_year", &format!("\"{}\"", academic_year(year)));
        if let Some(o) = order(i) {
            fm.kv("approved_by", &o);
        }
        let measures = measures(&mut rng, year);
        fm.raw(&measures.0);
        let text = fm.finish(&body(&mut rng, "дорожной карты"));
        sink.record(&format!("roadmaps/{id}.md"), &text);
        if year < current {
            past_workplans.push((format!("roadmaps/{id}"), year, measures.1));
        }
    }
    for i in 0..p.plans {
        let centre = i % p.centres;
        let year = current - (i / p.centres) as i32;
        let cid = centre_id(centre, p.mnc);
        let id = format!("{cid}-{year}-{}", year + 1);
        let mut fm = Fm::new(&format!(
            "План работы {} на {} учебный год",
            if centre < p.mnc { "МНЦ" } else { "МТКП" },
            academic_year(year)
        ));
        fm.kv("centre", &cid);
        fm.kv("academic_year", &format!("\"{}\"", academic_year(year)));
        if let Some(o) = order(i + 1) {
            fm.kv("approved_by", &o);
        }
        let measures = measures(&mut rng, year);
        fm.raw(&measures.0);
        let text = fm.finish(&body(&mut rng, "плана работы"));
        sink.record(&format!("plans/{id}.md"), &text);
        if year < current {
            past_workplans.push((format!("plans/{id}"), year, measures.1));
        }
    }

    // ---- programs ----
    for i in 0..p.programs {
        let year = current - (i % 3) as i32;
        let mut fm = Fm::new(&format!(
            "{} «{}»",
            rng.pick(PROGRAM_KINDS),
            rng.pick(TOPICS)
        ));
        fm.kv("hours", ["16", "24", "36", "72"][i % 4]);
        fm.kv(
            "form",
            rng.pick(&["очная", "очно-заочная с применением ДОТ", "дистанционная"]),
        );
        fm.kv("audience", rng.pick(AUDIENCES));
        fm.kv("provider", "МКУ «Информационно-методический центр»");
        let month = 10 + i % 3;
        fm.kv("start", &format!("{year}-{month:02}-05"));
        fm.kv("end", &format!("{year}-{month:02}-28"));
        fm.kv("academic_year", &format!("\"{}\"", academic_year(year)));
        if i % 3 == 0 {
            let file = format!("files/program-{i:05}.pdf");
            sink.attachment(&format!("programs/{file}"), &pdf);
            fm.kv("file", &file);
        }
        let text = fm.finish(&body(&mut rng, "программы"));
        sink.record(&format!("programs/program-{i:05}.md"), &text);
    }

    // ---- events: spread over four academic years up to the end of this one ----
    let days_span = 4 * 365;
    let first = days_from_civil(current - 3, 9, 1);
    let today_days = days_from_civil(today.0, today.1, today.2);
    let mut past_events: Vec<(String, i64)> = Vec::new();
    for i in 0..p.events {
        let day = first + (i * days_span / p.events) as i64;
        let (y, m, d) = civil_from_days(day);
        let id = format!("events/{y}/event-{i:05}");
        let kind = rng.pick(&[
            "seminar",
            "webinar",
            "consultation",
            "open-lessons",
            "conference",
            "meeting",
            "training",
        ]);
        let mut fm = Fm::new(&format!(
            "{} «{}»",
            vitrina::kinds::event::kind_ru(kind),
            rng.pick(TOPICS)
        ));
        fm.kv("date", &format!("{y}-{m:02}-{d:02}"));
        let mut last = day;
        if i % 7 == 0 {
            last = day + 2;
            let (y2, m2, d2) = civil_from_days(last);
            fm.kv("end_date", &format!("{y2}-{m2:02}-{d2:02}"));
        }
        fm.kv("kind", kind);
        fm.kv(
            "place",
            &format!(
                "МБОУ СОШ № {}, {}",
                1 + i % p.schools,
                PLACES[i % PLACES.len()]
            ),
        );
        fm.kv("audience", rng.pick(AUDIENCES));
        fm.kv("organizer", "Муниципальный наставнический центр");
        let text = fm.finish(&body(&mut rng, "мероприятия"));
        sink.record(&format!("{id}.md"), &text);
        if last < today_days {
            past_events.push((id, last));
        }
    }

    // ---- reports: first those the checker requires, then second reports on events ----
    let mut subjects: Vec<(String, String, Option<usize>)> = Vec::new();
    for (id, year, measures) in &past_workplans {
        // No `reports_due`: one report is due on 30 June of the second year.
        subjects.push((id.clone(), format!("{}-06-30|1", year + 1), Some(*measures)));
    }
    for (id, last) in &past_events {
        let (y, m, d) = civil_from_days(last + 3);
        subjects.push((id.clone(), format!("{y}-{m:02}-{d:02}|0"), None));
    }
    let required = subjects.len();
    let mut extra = 0;
    while subjects.len() < p.reports && !past_events.is_empty() {
        let (id, last) = &past_events[extra % past_events.len()];
        let (y, m, d) = civil_from_days(last + 20);
        subjects.push((
            id.clone(),
            format!("{y}-{m:02}-{d:02}|{}", 1 + extra / past_events.len()),
            None,
        ));
        extra += 1;
    }
    subjects.truncate(p.reports);
    for (i, (of, date_k, measures)) in subjects.iter().enumerate() {
        let (date, k) = date_k.split_once('|').unwrap_or((date_k, "0"));
        let section = of.split('/').next().unwrap_or("events");
        let slug = of.rsplit('/').next().unwrap_or(of);
        let id = format!("reports/{section}/{slug}-{k}");
        let mut fm = Fm::new(&match measures {
            Some(_) => format!("Отчёт о выполнении ({date})"),
            None => format!("Отчёт о мероприятии ({date})"),
        });
        fm.kv("of", of);
        fm.kv("date", date);
        if let Some(n) = measures {
            let mut m = String::from("measures:\n");
            for j in 0..*n {
                let _ = writeln!(
                    m,
                    "  - title: \"{}\"\n    status: {}\n    comment: \"{}\"",
                    measure_title(&mut rng, j),
                    ["done", "done", "partly", "not_done"][rng.below(4)],
                    sentence(&mut rng)
                );
            }
            fm.raw(&m);
        }
        if i % 10 == 0 {
            let file = format!("files/{slug}-{k}.pdf");
            sink.attachment(&format!("reports/{section}/{file}"), &pdf);
            fm.kv("files", &format!("[{file}]"));
        }
        let text = fm.finish(&body(&mut rng, "отчёта"));
        sink.record(&format!("{id}.md"), &text);
    }

    if let Some(h) = &args.hugo {
        write_hugo_site(h);
    }
    eprintln!(
        "gen_corpus: {} records ({} KB of Markdown) → {}{}; system {}, schools {} ({} in the support group), centres {} ({} МНЦ), roadmaps {}, plans {}, programs {}, events {} ({} past), reports {} ({} required), documents {}",
        sink.files,
        sink.bytes / 1024,
        args.out.display(),
        args.hugo
            .as_ref()
            .map(|h| format!(" and {}", h.display()))
            .unwrap_or_default(),
        p.system,
        p.schools,
        p.support,
        p.centres,
        p.mnc,
        p.roadmaps,
        p.plans,
        p.programs,
        p.events,
        past_events.len(),
        subjects.len(),
        required,
        p.documents
    );
    Stats {
        ids: sink.ids,
        bytes: sink.bytes,
    }
}

/// Front matter under construction.
struct Fm(String);

impl Fm {
    fn new(title: &str) -> Fm {
        Fm(format!("---\ntitle: \"{}\"\n", title.replace('"', "'")))
    }
    fn kv(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key}: {value}");
    }
    fn raw(&mut self, text: &str) {
        self.0.push_str(text);
    }
    fn finish(mut self, body: &str) -> String {
        self.0.push_str("---\n\n");
        self.0.push_str(body);
        self.0
    }
}

/// A roadmap's or plan's `measures:` block and how many rows it has.
fn measures(rng: &mut Rng, year: i32) -> (String, usize) {
    let n = rng.range(5, 9);
    let mut m = String::from("measures:\n");
    for j in 0..n {
        let due = match j % 4 {
            0 => format!(
                "{}-{:02}-{:02}",
                year + (j % 2) as i32,
                [10, 12, 2, 4][j % 4],
                1 + j * 3
            ),
            1 => "в течение года".to_string(),
            2 => format!(
                "{} {}",
                ["февраль", "март", "апрель", "май"][j % 4],
                year + 1
            ),
            _ => "ежеквартально".to_string(),
        };
        let _ = writeln!(
            m,
            "  - title: \"{}\"\n    due: {}\n    responsible: \"{}\"\n    result: \"{}\"",
            measure_title(rng, j),
            due,
            rng.pick(RESPONSIBLE),
            sentence(rng)
        );
    }
    (m, n)
}

fn measure_title(rng: &mut Rng, j: usize) -> String {
    format!(
        "{} {}",
        rng.pick(MEASURE_VERBS),
        TOPICS[(j + rng.below(TOPICS.len())) % TOPICS.len()]
    )
}

fn person(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(SURNAMES),
        rng.pick(NAMES),
        rng.pick(PATRONYMICS)
    )
}

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}",
        rng.pick(SUBJ),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    )
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    let n = rng.range(3, 6);
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&sentence(rng));
        out.push('.');
    }
    out.push_str("\n\n");
}

/// A Markdown body of 5–8 KB: paragraphs, headings, lists, a table, and with
/// `code` a fenced code block.
fn body_text(rng: &mut Rng, topic: &str, code: bool) -> String {
    let target = rng.range(4096, 6656);
    let mut out = String::with_capacity(target + 1024);
    paragraph(rng, &mut out);
    let mut section = 0;
    while out.len() < target {
        let _ = writeln!(out, "## {} {topic}\n", HEADINGS[section % HEADINGS.len()]);
        paragraph(rng, &mut out);
        match section % 4 {
            0 => {
                for _ in 0..rng.range(3, 6) {
                    let _ = writeln!(out, "- {};", sentence(rng));
                }
                out.push('\n');
            }
            1 => {
                out.push_str(
                    "| № | Показатель | 2025 | 2026 | Динамика |\n|---|---|---:|---:|---|\n",
                );
                for r in 1..=rng.range(4, 7) {
                    let a = rng.range(20, 90);
                    let b = rng.range(20, 90);
                    let _ = writeln!(
                        out,
                        "| {r} | {} | {a} % | {b} % | {} |",
                        rng.pick(INDICATORS),
                        if b >= a {
                            "положительная"
                        } else {
                            "отрицательная"
                        }
                    );
                }
                out.push('\n');
            }
            2 => {
                for k in 1..=rng.range(3, 5) {
                    let _ = writeln!(
                        out,
                        "{k}. **{}** — {}.",
                        rng.pick(MEASURE_VERBS),
                        sentence(rng)
                    );
                }
                out.push('\n');
            }
            _ => paragraph(rng, &mut out),
        }
        if code && section == 0 {
            out.push_str(CODE_BLOCKS[rng.below(CODE_BLOCKS.len())]);
            out.push('\n');
        }
        section += 1;
    }
    out
}

/// A small valid PDF, as an attachment.
fn fake_pdf() -> Vec<u8> {
    let mut v = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    v.extend(std::iter::repeat_n(b'%', 1500));
    v.extend(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    v
}

// ---- calendar (days since 1970-01-01; Howard Hinnant's algorithms) ----

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

// ---- the Hugo site: same content, equivalent templates ----

fn write_hugo_site(h: &Path) {
    let files: &[(&str, &str)] = &[
        ("hugo.toml", HUGO_CONFIG),
        ("layouts/_default/baseof.html", HUGO_BASEOF),
        ("layouts/_default/single.html", HUGO_SINGLE),
        ("layouts/_default/list.html", HUGO_LIST),
        ("layouts/index.html", HUGO_INDEX),
        ("layouts/404.html", HUGO_404),
        ("layouts/partials/facts.html", HUGO_FACTS),
        (
            "layouts/robots.txt",
            "User-agent: *\nAllow: /\nSitemap: {{ \"sitemap.xml\" | absURL }}\n",
        ),
        (
            "static/static/style.css",
            "body{font-family:sans-serif;max-width:60rem;margin:auto}\n",
        ),
    ];
    for (rel, text) in files {
        write(&h.join(rel), text.as_bytes());
    }
    for (dir, title) in [
        ("system", "Система работы"),
        ("schools", "Школы"),
        ("centres", "Наставнические центры и тьюторские пункты"),
        ("roadmaps", "Дорожные карты"),
        ("plans", "Планы работы МНЦ и МТКП"),
        ("programs", "Программы ДПО"),
        ("events", "Мероприятия"),
        ("reports", "Отчёты"),
        ("documents", "Документы"),
    ] {
        let index = h.join("content").join(dir).join("_index.md");
        if !index.exists() {
            write(&index, format!("---\ntitle: \"{title}\"\n---\n").as_bytes());
        }
    }
}

const HUGO_CONFIG: &str = r##"baseURL = "https://obr-test.example.ru/"
title = "Система работы со ШНОР и ШССУ (тестовый корпус)"
languageCode = "ru"
buildFuture = true
buildExpired = true
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true
[params]
authority = "Управление образования администрации МО Тестовый район"
[markup.highlight]
codeFences = true
noClasses = false
guessSyntax = false
[markup.goldmark.renderer]
unsafe = false
[markup.goldmark.parser]
autoHeadingID = true
[markup.goldmark.extensions]
table = true
strikethrough = true
typographer = true
footnote = true
"##;

const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} — {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ .Title }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">Перейти к содержанию</a>
<header class="site-header">
  <p class="authority">{{ site.Params.authority }}</p>
  <p class="site-title"><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
  <nav class="site-nav" aria-label="Разделы сайта"><ul>
  {{ $cur := .RelPermalink }}
  {{ range site.Sections }}<li><a href="{{ .RelPermalink }}"{{ if eq $cur .RelPermalink }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
  {{ end }}</ul></nav>
</header>
{{ if not .IsHome }}
<nav class="breadcrumbs" aria-label="Навигационная цепочка"><ol>
<li><a href="{{ "/" | relURL }}">Главная</a></li>
{{ if .IsPage }}{{ with .Section }}{{ with site.GetPage (printf "/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}{{ end }}
<li><span aria-current="page">{{ .Title }}</span></li>
</ol></nav>
{{ end }}
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>© {{ site.Params.authority }}</p><p>Сайт собран {{ now.Format "02.01.2006" }}.</p></footer>
</body>
</html>
"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "facts.html" . }}
<div class="prose">{{ .Content }}</div>
{{ with .Lastmod }}<p class="updated">Обновлено {{ .Format "02.01.2006" }}</p>{{ end }}
{{ end }}
"##;

/// Record facts, with references resolved to links (one page lookup each, as vitrina does).
const HUGO_FACTS: &str = r##"<dl class="facts">
{{ $p := .Params }}
{{ with $p.name }}<dt>Наименование</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.categories }}<dt>Категории</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{ with $p.mentor }}{{ with site.GetPage (printf "/schools/%s" .) }}<dt>Школа-наставник</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with $p.curator }}<dt>Куратор</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.risks }}<dt>Факторы риска</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{ with $p.address }}<dt>Адрес</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.website }}<dt>Сайт</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}
{{ with $p.base }}{{ with site.GetPage (printf "/schools/%s" .) }}<dt>Базовая школа</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with $p.head }}<dt>Руководитель</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.school }}{{ with site.GetPage (printf "/schools/%s" .) }}<dt>Школа</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with $p.centre }}{{ with site.GetPage (printf "/centres/%s" .) }}<dt>Центр</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with $p.academic_year }}<dt>Учебный год</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.approved_by }}{{ with site.GetPage (printf "/documents/%s" .) }}<dt>Утверждено</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with $p.of }}{{ with site.GetPage (printf "/%s" .) }}<dt>Отчёт о</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with $p.hours }}<dt>Объём</dt><dd>{{ . }} ч</dd>{{ end }}
{{ with $p.form }}<dt>Форма</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.audience }}<dt>Участники</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.provider }}<dt>Организация</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.place }}<dt>Место</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.organizer }}<dt>Организатор</dt><dd>{{ . }}</dd>{{ end }}
{{ with $p.number }}<dt>Номер</dt><dd>{{ . }}</dd>{{ end }}
{{ if and .IsPage (not .Date.IsZero) }}<dt>Дата</dt><dd>{{ .Date.Format "02.01.2006" }}</dd>{{ end }}
{{ with $p.file }}<dt>Файл</dt><dd><a href="{{ . | relURL }}">{{ . }}</a></dd>{{ end }}
{{ range $p.files }}<dt>Файл</dt><dd><a href="{{ . | relURL }}">{{ . }}</a></dd>{{ end }}
</dl>
{{ with $p.measures }}
<div class="table-wrap"><table>
<thead><tr><th scope="col">№</th><th scope="col">Мероприятие</th><th scope="col">Сроки / статус</th><th scope="col">Ответственные / комментарий</th><th scope="col">Результат</th></tr></thead>
<tbody>
{{ range $i, $m := . }}<tr><td>{{ add $i 1 }}</td><td>{{ $m.title }}</td><td>{{ $m.due }}{{ $m.status }}</td><td>{{ $m.responsible }}{{ $m.comment }}</td><td>{{ $m.result }}</td></tr>
{{ end }}</tbody></table></div>
{{ end }}
"##;

const HUGO_LIST: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<div class="table-wrap"><table>
<thead><tr><th scope="col">Запись</th><th scope="col">Дата</th><th scope="col">Сведения</th></tr></thead>
<tbody>
{{ range .RegularPagesRecursive.ByDate.Reverse }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ if not .Date.IsZero }}{{ .Date.Format "02.01.2006" }}{{ end }}</td><td>{{ with .Params.kind }}{{ . }}{{ end }}{{ with .Params.academic_year }}{{ . }}{{ end }}</td></tr>
{{ end }}</tbody></table></div>
{{ end }}
"##;

const HUGO_INDEX: &str = r##"{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ with site.GetPage "/system/index" }}<div class="prose">{{ .Content }}</div>{{ end }}
<ul>
{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ len .RegularPagesRecursive }}</li>
{{ end }}</ul>
{{ end }}
"##;

const HUGO_404: &str = r##"{{ define "main" }}<h1>Страница не найдена</h1>{{ end }}
"##;

// ---- text banks ----

const TOPICS: &[&str] = &[
    "Объективность оценивания образовательных результатов",
    "Функциональная грамотность обучающихся",
    "Антирисковые программы школы",
    "Внутришкольная система повышения квалификации",
    "Формирующее оценивание на уроках математики",
    "Подготовка к ОГЭ по русскому языку",
    "Работа с обучающимися с рисками учебной неуспешности",
    "Вовлечение родителей в образовательный процесс",
    "Учебная мотивация обучающихся основной школы",
    "Адаптация детей из семей мигрантов",
    "Наставничество в педагогическом коллективе",
    "Анализ результатов ВПР",
    "Цифровая образовательная среда школы",
    "Воспитательная работа в сельской школе",
    "Индивидуальный образовательный маршрут педагога",
];

const SUBJECTS: &[&str] = &[
    "Математика",
    "Русский язык и литература",
    "Физика",
    "Химия",
    "Биология",
    "История и обществознание",
    "Английский язык",
    "Информатика",
];

const PLACES: &[&str] = &[
    "станицы Береговой",
    "хутора Степного",
    "посёлка Рыбачьего",
    "села Ольгинского",
    "города Приморска",
    "станицы Лиманской",
    "хутора Красный Лиман",
    "станицы Камышеватской",
];

const STREETS: &[&str] = &[
    "Мира",
    "Советская",
    "Школьная",
    "Ленина",
    "Садовая",
    "Морская",
    "Степная",
];

const SURNAMES: &[&str] = &[
    "Соколова",
    "Гаврилова",
    "Ткаченко",
    "Левченко",
    "Белоусова",
    "Мирошниченко",
    "Кравченко",
    "Захарченко",
];
const NAMES: &[&str] = &[
    "Елена",
    "Ирина",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Марина",
    "Светлана",
];
const PATRONYMICS: &[&str] = &[
    "Викторовна",
    "Геннадьевна",
    "Петровна",
    "Алексеевна",
    "Сергеевна",
    "Михайловна",
];

const AUDIENCES: &[&str] = &[
    "руководители и заместители руководителей школ группы поддержки",
    "учителя математики школ группы поддержки",
    "классные руководители 5–9 классов",
    "педагоги-наставники и молодые специалисты",
    "члены школьных управленческих команд",
];

const PROGRAM_KINDS: &[&str] = &[
    "Дополнительная профессиональная программа повышения квалификации",
    "Программа стажировки",
    "Модульная программа",
];

const RESPONSIBLE: &[&str] = &[
    "директор школы, заместитель директора по УВР",
    "куратор школы, методист ИМЦ",
    "руководитель МНЦ",
    "руководители школьных методических объединений",
    "социальный педагог, классные руководители",
];

const MEASURE_VERBS: &[&str] = &[
    "Разработка и утверждение программы:",
    "Проведение методического десанта:",
    "Организация взаимопосещения уроков:",
    "Мониторинг выполнения мероприятий:",
    "Повышение квалификации педагогов:",
    "Обучающий семинар:",
];

const HEADINGS: &[&str] = &[
    "Основные задачи",
    "Результаты мониторинга",
    "Мероприятия",
    "Выводы и рекомендации",
    "Ресурсное обеспечение",
    "Показатели эффективности",
    "Участники и ответственные",
    "Риски и меры по их снижению",
];

const INDICATORS: &[&str] = &[
    "доля обучающихся, выполнивших ВПР на «4» и «5»",
    "доля педагогов, прошедших повышение квалификации",
    "доля родителей, посетивших собрания",
    "доля обучающихся, вовлечённых во внеурочную деятельность",
    "доля уроков с использованием цифровых ресурсов",
    "доля выпускников, преодолевших минимальный порог ОГЭ",
];

const SUBJ: &[&str] = &[
    "Педагогический коллектив школы",
    "Школьная управленческая команда",
    "Куратор школы",
    "Муниципальный наставнический центр",
    "Методист информационно-методического центра",
    "Школа-наставник",
    "Рабочая группа управления образования",
    "Заместитель директора по учебно-воспитательной работе",
    "Руководитель школьного методического объединения",
    "Тьюторский консультационный пункт",
];

const VERBS: &[&str] = &[
    "провёл анализ",
    "обеспечил выполнение",
    "организовал обсуждение",
    "подготовил материалы для",
    "представил результаты",
    "скорректировал план",
    "обобщил опыт",
    "выстроил систему",
    "согласовал порядок",
    "завершил подготовку",
];

const OBJECTS: &[&str] = &[
    "мероприятий дорожной карты по снижению рисков учебной неуспешности",
    "результатов всероссийских проверочных работ в 4–8 классах",
    "индивидуальных образовательных маршрутов педагогов",
    "антирисковых программ по приоритетным факторам риска",
    "работы с родителями обучающихся с низкой учебной мотивацией",
    "внутришкольной системы оценки качества образования",
    "методической поддержки молодых специалистов",
    "деятельности школьных методических объединений",
    "диагностики профессиональных дефицитов учителей",
    "взаимопосещения уроков со школой-наставником",
];

const TAILS: &[&str] = &[
    "в соответствии с рекомендациями муниципального координатора проекта",
    "с учётом результатов самодиагностики и рискового профиля школы",
    "по итогам первого полугодия текущего учебного года",
    "в рамках регионального проекта адресной методической помощи",
    "с привлечением специалистов информационно-методического центра",
    "при участии родительской общественности и управляющего совета",
    "на основании приказа управления образования",
    "с последующим обсуждением на педагогическом совете",
];

const CODE_BLOCKS: &[&str] = &[
    "```python\n# Доля обучающихся с результатом ниже порога по классам\nimport csv\n\ndef share_below(rows, threshold=8):\n    total = len(rows)\n    below = sum(1 for r in rows if int(r[\"балл\"]) < threshold)\n    return round(100 * below / total, 1) if total else 0.0\n\nwith open(\"vpr.csv\", encoding=\"utf-8\") as f:\n    print(share_below(list(csv.DictReader(f))))\n```\n",
    "```sql\n-- Отчёты о мероприятиях за учебный год\nSELECT e.title, e.date, r.date AS report_date\nFROM events e\nLEFT JOIN reports r ON r.of = e.id\nWHERE e.date BETWEEN '2026-09-01' AND '2027-08-31'\nORDER BY e.date;\n```\n",
];
