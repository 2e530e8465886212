//! The infrastructure model of support (contract section 6): the `model` field of
//! a `system/` record — levels (муниципальный, школьный …), each with its executors
//! (text or record ids) and directions of work — and the view its page draws.
//!
//! The diagram is an ordered list of levels, each with a heading, a list of
//! executors (linked to their records) and a list of directions: it reads in order
//! without CSS and to a screen reader; the theme's CSS draws the boxes and arrows
//! (`record/_model.html`).

use crate::yaml::Node;
use serde::Serialize;

/// The model as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InfraModel {
    pub levels: Vec<ModelLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModelLevel {
    pub title: String,
    /// As written: text («управление образования») or a record id (`centres/mnc-1`).
    pub executors: Vec<String>,
    pub directions: Vec<Direction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Direction {
    pub title: String,
    pub text: Option<String>,
}

/// Something refused inside `model`: the message and a hint, in Russian; the
/// rest of the model is still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelProblem {
    pub message: String,
    pub hint: &'static str,
}

const LEVEL_KEYS: [&str; 3] = ["level", "executors", "directions"];
const DIRECTION_KEYS: [&str; 2] = ["title", "text"];
const LEVEL_HINT: &str = "уровень модели: - level: Муниципальный уровень, executors: [...], directions: [{title: ..., text: ...}]";

/// Reads `model`: a list of levels.
pub fn parse_model(node: &Node) -> (InfraModel, Vec<ModelProblem>) {
    let mut problems = Vec::new();
    let mut problem = |message: String, hint: &'static str| {
        problems.push(ModelProblem { message, hint });
    };
    let Node::List(items) = node else {
        problem(
            format!(
                "поле «model» должно быть списком уровней, а здесь {}",
                node.type_name()
            ),
            LEVEL_HINT,
        );
        return (InfraModel::default(), problems);
    };
    let mut model = InfraModel::default();
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let Node::Map(map) = item else {
            problem(
                format!(
                    "уровень {n} модели должен быть набором полей, а здесь {}",
                    item.type_name()
                ),
                LEVEL_HINT,
            );
            continue;
        };
        // A row of `vitrina new`'s skeleton left unfilled is no level.
        if map.iter().all(|(_, v)| v.is_empty()) {
            continue;
        }
        let get = |key: &str| map.iter().find(|(k, _)| k == key).map(|(_, v)| v);
        for (key, _) in map {
            if !LEVEL_KEYS.contains(&key.as_str()) {
                problem(
                    format!("в уровне {n} модели неизвестное поле «{key}»"),
                    "уровень модели содержит поля level, executors, directions",
                );
            }
        }
        let Some(title) = get("level").and_then(text) else {
            problem(
                format!("у уровня {n} модели нет названия (поле «level»)"),
                LEVEL_HINT,
            );
            continue;
        };
        let executors = match get("executors") {
            None | Some(Node::Null) => Vec::new(),
            Some(Node::List(list)) => list.iter().filter_map(text).collect(),
            Some(other) => match text(other) {
                Some(t) => t
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
                None => {
                    problem(
                        format!("исполнители уровня «{title}» должны быть списком"),
                        "например: executors: [управление образования, centres/mnc-1]",
                    );
                    Vec::new()
                }
            },
        };
        let mut directions = Vec::new();
        let written: &[Node] = match get("directions") {
            None | Some(Node::Null) => &[],
            Some(Node::List(list)) => list,
            Some(one) => std::slice::from_ref(one),
        };
        for d in written {
            match d {
                Node::Map(fields) => {
                    let field = |key: &str| {
                        fields
                            .iter()
                            .find(|(k, _)| k == key)
                            .and_then(|(_, v)| text(v))
                    };
                    for (key, _) in fields {
                        if !DIRECTION_KEYS.contains(&key.as_str()) {
                            problem(
                                format!("в направлении уровня «{title}» неизвестное поле «{key}»"),
                                "направление содержит поля title и text",
                            );
                        }
                    }
                    match field("title") {
                        Some(t) => directions.push(Direction {
                            title: t,
                            text: field("text"),
                        }),
                        None => problem(
                            format!("у направления уровня «{title}» нет названия (поле «title»)"),
                            "например: - {title: Организационно-управленческое, text: ...}",
                        ),
                    }
                }
                other => match text(other) {
                    Some(t) => directions.push(Direction {
                        title: t,
                        text: None,
                    }),
                    None => problem(
                        format!(
                            "направление уровня «{title}» записано как {}",
                            other.type_name()
                        ),
                        "например: - {title: Организационно-управленческое, text: ...}",
                    ),
                },
            }
        }
        model.levels.push(ModelLevel {
            title,
            executors,
            directions,
        });
    }
    (model, problems)
}

fn text(node: &Node) -> Option<String> {
    match node {
        Node::List(_) | Node::Map(_) => None,
        n => n
            .as_text()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
    }
}

/// Whether an executor names a record: `section/id` with a known section folder.
pub fn executor_record_id<'a>(written: &'a str, sections: &[&str]) -> Option<&'a str> {
    let id = written.trim().trim_matches('/');
    let (section, rest) = id.split_once('/')?;
    (sections.contains(&section) && !rest.is_empty() && !rest.contains(char::is_whitespace))
        .then_some(id)
}

/// What `record/_model.html` sees as `model`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelView {
    pub levels: Vec<LevelView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelView {
    pub title: String,
    pub executors: Vec<ExecutorView>,
    pub directions: Vec<Direction>,
}

/// An executor: its record's title and link when it names one, else the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutorView {
    pub title: String,
    pub url: Option<String>,
}

impl InfraModel {
    /// The view, with `link` giving `(title, url)` of an executor that names a record.
    pub fn view(&self, link: impl Fn(&str) -> Option<(String, String)>) -> ModelView {
        ModelView {
            levels: self
                .levels
                .iter()
                .map(|l| LevelView {
                    title: l.title.clone(),
                    executors: l
                        .executors
                        .iter()
                        .map(|e| match link(e) {
                            Some((title, url)) => ExecutorView {
                                title,
                                url: Some(url),
                            },
                            None => ExecutorView {
                                title: e.clone(),
                                url: None,
                            },
                        })
                        .collect(),
                    directions: l.directions.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::test_nodes::{map, s};

    /// The contract's example of section 6.
    fn contract_example() -> Node {
        Node::List(vec![
            map(&[
                ("level", s("Муниципальный уровень")),
                (
                    "executors",
                    Node::List(vec![
                        s("управление образования"),
                        s("centres/mnc-1"),
                        s("people/petrova"),
                    ]),
                ),
                (
                    "directions",
                    Node::List(vec![map(&[
                        ("title", s("Организационно-управленческое")),
                        ("text", s("разработка дорожной карты, координация …")),
                    ])]),
                ),
            ]),
            map(&[
                ("level", s("Школьный уровень")),
                (
                    "executors",
                    Node::List(vec![s("ШНОР"), s("школы-партнёры")]),
                ),
                (
                    "directions",
                    Node::List(vec![map(&[
                        ("title", s("Социально-педагогическое")),
                        ("text", s("…")),
                    ])]),
                ),
            ]),
        ])
    }

    #[test]
    fn reads_the_contract_example() {
        let (model, problems) = parse_model(&contract_example());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(model.levels.len(), 2);
        assert_eq!(model.levels[0].title, "Муниципальный уровень");
        assert_eq!(
            model.levels[0].executors,
            ["управление образования", "centres/mnc-1", "people/petrova"]
        );
        assert_eq!(
            model.levels[1].directions[0].title,
            "Социально-педагогическое"
        );
    }

    #[test]
    fn names_what_it_refuses_and_keeps_the_rest() {
        let node = Node::List(vec![
            map(&[("level", s("Муниципальный")), ("исполнители", s("x"))]),
            s("просто строка"),
            map(&[("executors", s("a"))]),
            map(&[
                ("level", s("Школьный")),
                (
                    "directions",
                    Node::List(vec![
                        s("Воспитательное"),
                        map(&[("text", s("без названия"))]),
                    ]),
                ),
            ]),
        ]);
        let (model, problems) = parse_model(&node);
        let titles: Vec<_> = model.levels.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["Муниципальный", "Школьный"]);
        assert_eq!(model.levels[1].directions[0].title, "Воспитательное");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].contains("«исполнители»"));
        assert!(messages[1].contains("уровень 2"));
        assert!(messages[2].contains("у уровня 3"));
        assert!(messages[3].contains("нет названия"));
        let (_, problems) = parse_model(&s("текст"));
        assert!(problems[0].message.contains("списком уровней"));
    }

    #[test]
    fn an_unfilled_skeleton_row_is_no_level() {
        let row = map(&[
            ("level", Node::Null),
            ("executors", Node::Null),
            ("directions", Node::Null),
        ]);
        let (model, problems) = parse_model(&Node::List(vec![row]));
        assert!(model.levels.is_empty());
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn an_executor_names_a_record_only_in_a_known_section() {
        let sections = ["centres", "people", "schools"];
        assert_eq!(
            executor_record_id("centres/mnc-1", &sections),
            Some("centres/mnc-1")
        );
        assert_eq!(
            executor_record_id(" /people/petrova/ ", &sections),
            Some("people/petrova")
        );
        assert_eq!(executor_record_id("МНЦ/МТКП", &sections), None);
        assert_eq!(
            executor_record_id("управление образования", &sections),
            None
        );
        assert_eq!(executor_record_id("people/", &sections), None);
    }

    #[test]
    fn the_view_links_executors_that_name_records() {
        let (model, _) = parse_model(&contract_example());
        let view = model.view(|e| {
            (e == "centres/mnc-1").then(|| ("МНЦ № 1".to_string(), "/centres/mnc-1/".to_string()))
        });
        let ex = &view.levels[0].executors;
        assert_eq!(ex[0].url, None);
        assert_eq!(ex[0].title, "управление образования");
        assert_eq!(ex[1].title, "МНЦ № 1");
        assert_eq!(ex[1].url.as_deref(), Some("/centres/mnc-1/"));
    }

    /// The diagram read as a page without CSS: levels in order, each with its
    /// executors (links where they name records) and directions.
    #[test]
    fn the_diagram_reads_in_order_without_css() {
        let (model, _) = parse_model(&contract_example());
        let view = model.view(|e| {
            (e == "people/petrova")
                .then(|| ("Петрова А. И.".to_string(), "/people/petrova/".to_string()))
        });
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template(
            "record/_model.html",
            include_str!("../themes/default/templates/record/_model.html"),
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("model", &view);
        let html = tera.render("record/_model.html", &ctx).unwrap();
        let doc = scraper::Html::parse_fragment(&html);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let levels: Vec<String> = doc
            .select(&sel("ol.model-levels > li > h3"))
            .map(|h| h.text().collect())
            .collect();
        assert_eq!(levels, ["Муниципальный уровень", "Школьный уровень"]);
        let link = doc
            .select(&sel("ol.model-levels > li:first-child a"))
            .next()
            .unwrap();
        assert_eq!(link.value().attr("href"), Some("/people/petrova/"));
        assert_eq!(link.text().collect::<String>(), "Петрова А. И.");
        let text: String = doc.root_element().text().collect();
        let order = [
            "Муниципальный уровень",
            "Исполнители",
            "управление образования",
            "Направления работы",
            "Организационно-управленческое",
            "Школьный уровень",
            "школы-партнёры",
            "Социально-педагогическое",
        ];
        let mut at = 0;
        for part in order {
            let found = text[at..]
                .find(part)
                .unwrap_or_else(|| panic!("«{part}» out of order in {text}"));
            at += found + part.len();
        }
        // Arrows and boxes are drawn by CSS only: no text a screen reader would read aloud.
        assert!(!text.contains('→') && !text.contains('↓'));
    }
}
