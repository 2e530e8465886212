//! Property tests: a short fuzz run inside `cargo test`. The long runs are the
//! cargo-fuzz targets in fuzz/; these feed the same entry points arbitrary and
//! near-valid input for a few seconds, so a regression shows up in every CI run.

#[path = "support/mod.rs"]
mod common;

use proptest::prelude::*;
use vitrina::schema::Section;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every finding a record gives is positioned inside the file.
fn assert_positioned(result: &vitrina::load::FileResult) {
    let findings = match result {
        Ok((_, findings)) => findings,
        Err(findings) => {
            assert!(!findings.is_empty());
            findings
        }
    };
    {
        for f in findings {
            assert_eq!(f.file.as_deref(), Some("content/x/p.md"));
            assert!(f.line.is_some_and(|l| l >= 1), "{f:?}");
            assert!(f.column.is_some_and(|c| c >= 1), "{f:?}");
            assert!(!f.message.is_empty());
        }
    }
}

/// Near-valid records: front matter lines of the shapes editors write, with the
/// mistakes they make (tabs, quotes, lists, Cyrillic, CRLF).
fn record_text() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "date",
        "academic_year",
        "hours",
        "measures",
        "school",
        "place",
        "file",
        "files",
        "draft",
        "weight",
        "kind",
        "number",
        "of",
        "status",
        "due",
        "name",
    ]);
    let value = prop::sample::select(vec![
        "",
        " Семинар",
        " 2026-10-15",
        " 31.12.2026",
        " \"2026/2027\"",
        " 2026-2027",
        " 72",
        " семьдесят два",
        " [a, b]",
        " {x: 1}",
        " \"незакрытая",
        " '",
        " true",
        " ~",
        "\n  - title: a\n    due: 2027-01-01",
        "\n\t- x",
        "\n  - ../../etc/passwd",
        " |\n  текст",
        " &a якорь",
        " *a",
        " !!binary aGk=",
        " -1e999",
        " 99999999999999999999",
    ]);
    let line = (key, value).prop_map(|(k, v)| format!("{k}:{v}\n"));
    (
        any::<bool>(),
        prop::collection::vec(line, 0..8),
        any::<bool>(),
        "[а-яa-z <>*#\n]{0,40}",
        any::<bool>(),
    )
        .prop_map(|(open, lines, close, body, crlf)| {
            let mut text = String::new();
            if open {
                text.push_str("---\n");
            }
            text.push_str(&lines.concat());
            if close {
                text.push_str("---\n");
            }
            text.push_str(&body);
            if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            }
        })
}

/// Balanced HTML of the writer's elements (and a few others) with attributes the
/// writer writes and some it does not: most of it is HTML the fast path takes.
fn html_tree() -> impl Strategy<Value = String> {
    let text = prop::sample::select(vec![
        "текст",
        " ",
        "\n",
        "&amp;",
        "&lt;b&gt;",
        "&quot;",
        "&#39;",
        "&#x27;",
        "&copy;",
        "a & b",
        "\u{a0}",
        ">",
        "\"",
        "'",
        "x\ry",
        "",
    ])
    .prop_map(str::to_string);
    let void = prop::sample::select(vec![
        "<br />",
        "<hr />",
        "<br>",
        "<img src=\"/i.png\" alt=\"a &quot;b&quot;\" title=\"t\" />",
        "<img src=\"javascript:x\" alt=\"\" />",
        "<img src=\"data:image/png,x\" alt=\"i\" />",
    ])
    .prop_map(str::to_string);
    let leaf = prop_oneof![3 => text, 1 => void];
    leaf.prop_recursive(5, 60, 6, |inner| {
        (
            prop::sample::select(vec![
                "p",
                "em",
                "strong",
                "del",
                "code",
                "sup",
                "a",
                "a",
                "ul",
                "ol",
                "li",
                "li",
                "blockquote",
                "div",
                "h2",
                "h3",
                "table",
                "thead",
                "tbody",
                "tr",
                "td",
                "th",
                "span",
                "pre",
                "b",
            ]),
            prop::sample::select(vec![
                "",
                "",
                " href=\"/x/\"",
                " href=\"https://e.org/?a=1&amp;b=2\"",
                " href=\"JavaScript:x\"",
                " href=\"//e.org\"",
                " href=\"mailto:a@b.ru\" title=\"&quot;t&quot;\"",
                " id=\"x\"",
                " class=\"c\" id=\"d\"",
                " start=\"3\"",
                " style=\"text-align: right\"",
                " onclick=\"x\"",
            ]),
            prop::collection::vec(inner, 0..5),
        )
            .prop_map(|(name, attrs, children)| {
                format!("<{name}{attrs}>{}</{name}>", children.concat())
            })
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_load_without_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        section in 0..Section::ALL.len(),
        markdown in any::<bool>(),
    ) {
        let r = vitrina::load::parse_record("content/x/p.md", "x/p", Section::ALL[section], markdown, &bytes);
        assert_positioned(&r);
    }

    #[test]
    fn near_valid_records_load_without_panic(
        text in record_text(),
        section in 0..Section::ALL.len(),
        markdown in any::<bool>(),
    ) {
        let r = vitrina::load::parse_record("content/x/p.md", "x/p", Section::ALL[section], markdown, text.as_bytes());
        assert_positioned(&r);
    }

    #[test]
    fn field_positions_are_the_lines_they_are_on(
        values in prop::collection::vec("[a-zа-я0-9 ]{0,12}", 1..8),
        first_line in 1usize..5,
    ) {
        let text: String = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("key{i}: {v}\n"))
            .collect();
        let fields = vitrina::yaml::parse_fields(&text, first_line).unwrap();
        for (i, f) in fields.iter().enumerate() {
            prop_assert_eq!(&f.key, &format!("key{i}"));
            prop_assert_eq!((f.line, f.column), (first_line + i, 1));
            if !values[i].trim().is_empty() {
                let lead = values[i].chars().take_while(|c| *c == ' ').count();
                let column = format!("key{i}: ").chars().count() + lead + 1;
                prop_assert_eq!(f.value_at, (first_line + i, column));
            }
        }
    }

    #[test]
    fn markdown_never_carries_a_script(
        parts in prop::collection::vec(prop::sample::select(vec![
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))",
            "<a href=\"JAVASCRIPT:alert(1)\">a</a>", "<a href=\"&#106;avascript:x\">a</a>",
            "![i](data:text/html;base64,PHNjcmlwdD4=)", "<iframe src=\"https://evil.example/\"></iframe>",
            "<iframe src=\"https://rutube.ru/play/embed/1\"></iframe>", "<svg onload=alert(1)>",
            "<style>*{}</style>", "<p style=\"x:expression(alert(1))\">p</p>", "<math><mi xlink:href=\"javascript:x\">",
            "<object data=x>", "<form action=javascript:x>", "<base href=//evil>", "<meta http-equiv=refresh content=0>",
            "\n\n", "```\n", "`", "**", "<", ">", "\"", "'", "=", "javascript:", "<!--", "-->", "<![CDATA[",
            "| a | b |\n|---|---|\n", "[^1]\n\n[^1]: x", "текст ", "# Заголовок\n",
        ]), 0..24),
        with_hosts in any::<bool>(),
    ) {
        let text = parts.concat();
        let hosts = if with_hosts { vec!["rutube.ru".to_string()] } else { Vec::new() };
        let body = vitrina::markdown::render_with(&text, &hosts);
        let page = format!("<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>");
        let found = common::dangers(&page);
        prop_assert!(found.is_empty(), "{:?} from {:?}:\n{}", found, text, body);
    }

    #[test]
    fn arbitrary_markdown_renders(text in "\\PC{0,300}") {
        let _ = vitrina::markdown::render(&text);
    }
}

// The sanitiser's fast path is compared on more cases: each is cheap, and much of
// random HTML is outside what the fast path takes.
proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..config() })]

    #[test]
    fn the_fast_path_writes_a_body_as_the_sanitiser_writes_it(
        parts in prop::collection::vec(prop::sample::select(vec![
            "текст ", "слово", "\n", "\n\n", "  \n", "\\\n", "*", "**", "~~", "`", "_", "\"", "'", "&", "&amp;",
            "&nbsp;", "\u{a0}", "&copy;", "&#39;", "<", ">", "\\<", "[", "]", "(", ")", "!", "^", ":", "#", "|",
            "[a](/x/)", "[a](https://e.org/?a=1&b=\"2\" \"t 'x'\")", "[a](javascript:x)", "[a](JAVASCRIPT:x)",
            "[a](data:x)", "[a](//e.org)", "[a](mailto:a@b.ru)", "[a](tel:+7)", "[a](ftp://x)", "[a](<a b>)",
            "[a]()", "<https://e.org/a?b&c>", "<a@b.ru>", "![i \"j\"](/i.png \"t\")", "![i](javascript:x)",
            "[![i](/i.png)](/x/)", "[x[^1]](/y/)", "[^1]", "\n\n[^1]: сноска\n", "# З\n", "## З `к`\n",
            "### З [л](/x/)\n", "> ", "- ", "1. ", "3. ", "   - ", "---\n", "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
            "| a |\n|---|\n", "```\nкод\n```\n", "    отступ\n", "<b>", "</b>", "<!-- -->", "\r\n",
        ]), 0..30),
        typeset in any::<bool>(),
    ) {
        let text = parts.concat();
        let written = vitrina::markdown::write_html(&text, 0, typeset);
        if let Some(fast) = vitrina::sanitise_known::sanitise(&written.html) {
            prop_assert_eq!(&fast, &vitrina::markdown::sanitise_parsing(&written.html, &[]), "{:?}", text);
        }
    }

    #[test]
    fn html_the_fast_path_takes_is_written_as_the_sanitiser_writes_it(html in html_tree()) {
        if let Some(fast) = vitrina::sanitise_known::sanitise(&html) {
            prop_assert_eq!(&fast, &vitrina::markdown::sanitise_parsing(&html, &[]), "{:?}", html);
        }
    }
}
