//! Inputs that made the parsers quadratic are refused before parsing, with the
//! place: YAML flow collections nested deep, an HTML tag with a huge number of
//! attributes (on one line or over many), a line of hundreds of KB, a body over
//! 512 KB. Inputs just inside the bounds are read and rendered; their times are
//! printed (run with `--nocapture`), not asserted: the machine is shared. Text full
//! of `&` and «» (quadratic in html5ever's serialiser) is checked for linear growth
//! with a bound far from both noise and quadratic work. The time budget per input
//! is enforced by the fuzz targets' `-timeout` (fuzz/README.md), and
//! `scripts/bench_hostile.sh` prints release figures per pathological body.

use std::time::Instant;
use vitrina::limits::{MAX_BODY_BYTES, MAX_FLOW_DEPTH, MAX_LINE_BYTES, MAX_TAG_ATTRIBUTES};
use vitrina::schema::Section;

/// Loads one record from its text, renders its body, and returns the
/// `(rule, line, column, message)` of its findings.
fn load(name: &str, text: &str) -> Vec<(String, usize, usize, String)> {
    assert!(text.len() < 5 * 1024 * 1024, "{name}: over the 5 MB limit");
    let started = Instant::now();
    let result = vitrina::load::parse_record(
        "content/events/x.md",
        "events/x",
        Section::Events,
        true,
        text.as_bytes(),
    );
    let findings = match result {
        Ok((record, findings)) => {
            vitrina::markdown::render(&record.body);
            findings
        }
        Err(findings) => findings,
    };
    let findings = findings
        .into_iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.line.unwrap_or(0),
                f.column.unwrap_or(0),
                f.message,
            )
        })
        .collect();
    eprintln!(
        "{name}: {} KB, {:.3} s",
        text.len() / 1024,
        started.elapsed().as_secs_f64()
    );
    findings
}

fn record(front: &str, body: &str) -> String {
    format!("---\ntitle: Семинар\ndate: 2026-10-15\n{front}---\n{body}")
}

#[test]
fn deep_yaml_flow_nesting_is_an_invalid_record_at_its_place() {
    let deep = format!("tags: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let found = load("flow 100 000 deep", &record(&deep, ""));
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, line, column, message) = &found[0];
    assert_eq!(
        (rule.as_str(), *line, *column),
        ("invalid-record", 4, 7 + MAX_FLOW_DEPTH)
    );
    assert!(message.contains("вложены"), "{message}");
}

#[test]
fn a_tag_with_too_many_attributes_is_an_invalid_record_at_its_place() {
    let one_line = format!("Текст.\n\n<p {}>x</p>\n", "a ".repeat(100_000));
    let many_lines = format!("Текст.\n\n<p\n{}>x</p>\n", "a\n".repeat(160_000));
    for (name, body) in [("100 000 attributes", one_line), ("over lines", many_lines)] {
        let found = load(name, &record("", &body));
        assert_eq!(found.len(), 1, "{found:?}");
        let (rule, line, column, message) = &found[0];
        assert_eq!((rule.as_str(), *line, *column), ("invalid-record", 7, 1));
        assert!(message.contains("атрибутов"), "{message}");
    }
}

#[test]
fn a_line_past_the_bound_is_an_invalid_record_at_its_line() {
    let body = format!("Абзац.\n\n{}\n", "слово ".repeat(MAX_LINE_BYTES / 10));
    let found = load("long line", &record("", &body));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("invalid-record", 7));
    assert!(found[0].3.contains("строка длиной"), "{}", found[0].3);
}

/// Just under the body bound; `BOUNDS_SIZE` for another size (release figures at
/// 1 MB and 5 MB bodies are printed by `scripts/bench_hostile.sh`).
fn size() -> usize {
    std::env::var("BOUNDS_SIZE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(MAX_BODY_BYTES - 1024)
}

/// A record of 4.9 MB (under the 5 MB limit of a record file) whose body is dense
/// markup is refused at once, at the body's first line: rendering it would cost
/// seconds.
#[test]
fn a_body_past_the_bound_is_an_invalid_record_at_its_first_line() {
    for unit in ["|a|a|a|a|\n", "[a](\n", "[[[[ ", "Обычный текст. "] {
        let body = unit.repeat(4_900_000 / unit.len());
        let found = load("4.9 MB body", &record("", &body));
        assert_eq!(found.len(), 1, "{found:?}");
        let (rule, line, column, message) = &found[0];
        assert_eq!((rule.as_str(), *line, *column), ("invalid-record", 5, 1));
        assert!(message.contains("текст записи длиной"), "{message}");
    }
}

#[test]
fn records_just_inside_the_bounds_are_read() {
    let size = size();
    let attrs = format!("<p {}>x</p>\n\n", "a=\"1\" ".repeat(MAX_TAG_ATTRIBUTES));
    let line = format!("{}\n\n", "слово ".repeat(MAX_LINE_BYTES / 12));
    let flow = format!(
        "tags: {}a{}\n",
        "[".repeat(MAX_FLOW_DEPTH - 1),
        "]".repeat(MAX_FLOW_DEPTH - 1)
    );
    let cases = [
        (
            "tags of 100 attributes (BOUNDS_SIZE)",
            record("", &attrs.repeat(size / attrs.len())),
        ),
        (
            "lines just under the bound (BOUNDS_SIZE)",
            record("", &line.repeat(size / line.len())),
        ),
        ("flow 63 deep", record(&flow, "Текст.")),
        (
            "unclosed tags (BOUNDS_SIZE)",
            record("", &"<div>x\n".repeat(size / 7)),
        ),
        (
            "emphasis runs (BOUNDS_SIZE)",
            record("", &"*a **b\n".repeat(size / 7)),
        ),
        (
            "link brackets (BOUNDS_SIZE)",
            record("", &"[a](\n".repeat(size / 5)),
        ),
    ];
    for (name, text) in cases {
        let found = load(name, &text);
        assert!(
            found.iter().all(|f| !f.3.contains("разумное время")),
            "{name}: {found:?}"
        );
    }
}

/// Seconds to render `body`, the faster of two runs (the machine is shared).
fn render_seconds(body: &str) -> f64 {
    (0..2)
        .map(|_| {
            let started = Instant::now();
            vitrina::markdown::render(body);
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// html5ever's serialiser searched, for every `&` and «» of a text node or an
/// attribute value, to the end of it: quadratic (1 MB took 3.5 s in release, 5 MB
/// over a minute). Long text runs are now cut before sanitising and long attribute
/// values dropped, so 4 times the input takes about 4 times as long; the bound
/// asserted (10) is far below the 16 of quadratic work, and far above noise.
#[test]
fn text_full_of_ampersands_and_guillemets_renders_in_linear_time() {
    let line = "& « ".repeat(2_000) + "\n";
    type Body = fn(&str) -> String;
    let bodies: [(&str, Body); 5] = [
        ("paragraph", |t| t.to_string()),
        ("code block", |t| format!("```\n{t}```\n")),
        ("raw HTML block", |t| format!("<div>\n{t}</div>\n")),
        ("image alt", |t| format!("![{t}](x.png)\n")),
        ("title attribute", |t| format!("<p title=\"{t}\">x</p>\n")),
    ];
    for (name, body) in bodies {
        let small = body(&line.repeat(16));
        let large = body(&line.repeat(64));
        let (t1, t4) = (render_seconds(&small), render_seconds(&large));
        eprintln!("{name}: {t1:.3} s for 128 KB, {t4:.3} s for 512 KB");
        assert!(t4 < 10.0 * t1.max(0.005), "{name}: {t1:.3} s → {t4:.3} s");
    }
}

#[test]
fn cut_text_runs_render_every_character_once() {
    let text = "Т&amp;К «ООО» — 5°С\u{a0}и ".repeat(20_000);
    let html = vitrina::markdown::render(&text);
    let expected = "Т&amp;К «ООО» — 5°С&nbsp;и ".repeat(20_000);
    assert_eq!(html.trim(), format!("<p>{}</p>", expected.trim_end()));
}

/// Cutting text runs never changes what the sanitiser makes of the HTML: the same
/// output with and without the cuts, for text, entities, tables, lists, raw-text
/// elements, comments, attributes and broken markup.
#[test]
fn cutting_text_runs_leaves_the_sanitised_html_unchanged() {
    let long = |unit: &str| unit.repeat(600 / unit.len() + 1);
    let cases = [
        format!("<p>{}</p>", long("&laquo;слово&raquo; &amp; ")),
        format!("<pre><code>{}</code></pre>", long("x &lt; y\n")),
        format!("<table><tr><td>a</td></tr>{}</table>", long("текст ")),
        format!("<ul><li>{}<li>b</ul>", long("«пункт» ")),
        format!("<textarea>{}</textarea>{}", long("a&amp;"), long("b ")),
        format!("<title>{}</title><style>{}</style>", long("t "), long("s ")),
        format!("<!-- {} -->{}", long("c "), long("d&")),
        format!("<a title=\"{}\" href='/x'>{}</a>", long("& "), long("e ")),
        format!("<p a=b {}>", long("c ")),
        format!("{}<x{}", long("&#0000000065;"), long("»")),
        format!("<svg><![CDATA[{}]]></svg>{}", long("f "), long("g ")),
        format!("<plaintext>{}", long("h&amp; ")),
    ];
    let sanitiser = ammonia::Builder::default();
    let mut cut_cases = 0;
    for html in cases {
        let cut = vitrina::text_runs::split(&html);
        cut_cases += usize::from(cut != html);
        assert_eq!(
            sanitiser.clean(&cut).to_string(),
            sanitiser.clean(&html).to_string(),
            "{html}"
        );
    }
    // Not cut: a tag of many attributes, title/style content, plaintext content.
    assert_eq!(cut_cases, 9);
}
