//! The «500+» way of working (contract sections 5 and 6) on tests/sites/five-hundred,
//! a district written from the contract: people and curators, risk profiles with
//! levels, measures and documents naming risks, reviews, the bank of practices and
//! the model of support. Each test builds or checks a copy and reads real output.

mod common;
use common::*;
use scraper::{Html, Selector};
use std::path::Path;

const SITE: &str = "five-hundred";
const TODAY: &str = "2026-12-02";

fn build(root: &Path) -> std::path::PathBuf {
    let out = root.join("public");
    let run = vitrina(
        root,
        &["build", "--today", TODAY, "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    out
}

fn page(out: &Path, url: &str) -> Html {
    let file = out.join(url.trim_matches('/')).join("index.html");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Html::parse_document(&text)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The text of every element matching `selector`, whitespace collapsed.
fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The `href`s of the links inside `selector` (pages, not `mailto:`/`tel:`).
/// The links under `selector` as site paths with the base path
/// (`/500plus/people/ivanova/`): pages link relatively (issue 15), so each href
/// is resolved, as a browser does, against the page's canonical address.
fn hrefs(doc: &Html, selector: &str) -> Vec<String> {
    let canonical = doc
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .expect("a canonical link");
    let here = canonical
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .expect("a path in the canonical link");
    doc.select(&sel(&format!("{selector} a[href]")))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .filter(|h| !h.starts_with("mailto:") && !h.starts_with("tel:"))
        .map(|h| resolve(here, &h))
        .collect()
}

/// The site path a relative `href` on the page in folder `here` leads to.
fn resolve(here: &str, href: &str) -> String {
    if href.starts_with('/') || href.contains("://") {
        return href.to_string();
    }
    let split = href.find(['#', '?']).unwrap_or(href.len());
    let (path, suffix) = href.split_at(split);
    let mut parts: Vec<&str> = here.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').collect();
    let mut file = "";
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s if i + 1 == segments.len() => file = s,
            s => parts.push(s),
        }
    }
    let dir = if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", parts.join("/"))
    };
    format!("{dir}{file}{suffix}")
}

const BASE: &str = "/500plus";

#[test]
fn five_hundred_site_checks_clean_with_its_own_profile() {
    let (code, json) = check_json(&site(SITE), TODAY);
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
    assert_eq!(code, 0);
    let items: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(items.contains(&"practices"), "{items:?}");
    assert!(
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["status"] == "ok")
    );
}

#[test]
fn a_curator_covering_two_schools_appears_on_both() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    for school in ["schools/sosh-2", "schools/sosh-5"] {
        let doc = page(&out, school);
        let curators = texts(&doc, ".facts .curator");
        assert_eq!(curators.len(), 1, "{school}: {curators:?}");
        assert!(
            curators[0].starts_with("Иванова Мария Сергеевна, методист"),
            "{curators:?}"
        );
        assert!(curators[0].contains("ivanova@imc-prirechny.example.ru"));
        assert_eq!(
            hrefs(&doc, ".facts .curator")[0],
            format!("{BASE}/people/ivanova/")
        );
    }
    // And the person's page lists both, as does the team page.
    let person = page(&out, "people/ivanova");
    let schools = hrefs(&person, ".facts dd ul");
    assert!(
        schools.contains(&format!("{BASE}/schools/sosh-2/")),
        "{schools:?}"
    );
    assert!(
        schools.contains(&format!("{BASE}/schools/sosh-5/")),
        "{schools:?}"
    );
    let list = page(&out, "schools");
    let row = texts(&list, "tbody tr")
        .into_iter()
        .filter(|r| r.contains("Иванова Мария Сергеевна"))
        .count();
    assert_eq!(row, 2);
}

#[test]
fn school_curator_is_a_person_id_or_text() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    // `curator: orlova` names a person: linked both ways.
    let school = page(&out, "schools/oosh-7");
    assert_eq!(
        hrefs(&school, ".facts .curator"),
        [format!("{BASE}/people/orlova/")]
    );
    let orlova = page(&out, "people/orlova");
    assert!(hrefs(&orlova, ".facts").contains(&format!("{BASE}/schools/oosh-7/")));
    // Free text stays text, as before.
    let sosh9 = page(&out, "schools/sosh-9");
    assert_eq!(
        texts(&sosh9, ".facts .curator"),
        ["Сидоров Павел Андреевич, методист ИМЦ"]
    );
    assert!(hrefs(&sosh9, ".facts .curator").is_empty());
    // Written with the folder, a person id must exist.
    tmp.write(
        "content/schools/sosh-9.yaml",
        "name: Школа № 9\nshort_name: СОШ № 9\ncategories: [shssu]\ncurator: people/sidorov\n",
    );
    let report = tmp.check(TODAY);
    assert_eq!(fired(&report, "broken-reference"), ["schools/sosh-9"]);
}

#[test]
fn curator_missing_is_quiet_for_a_school_listed_in_a_persons_schools() {
    let tmp = Scratch::of(SITE);
    assert!(fired(&tmp.check(TODAY), "curator-missing").is_empty());
    // Ivanova no longer curates СОШ № 5: the school has no curator at all.
    let person = std::fs::read_to_string(tmp.root().join("content/people/ivanova.md")).unwrap();
    tmp.write(
        "content/people/ivanova.md",
        &person.replace("schools: [sosh-2, sosh-5]", "schools: [sosh-2]"),
    );
    assert_eq!(
        fired(&tmp.check(TODAY), "curator-missing"),
        ["schools/sosh-5"]
    );
}

#[test]
fn team_page_groups_people_by_role() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    let team = page(&out, "people");
    assert_eq!(texts(&team, "h1"), ["Кто отвечает"]);
    assert_eq!(
        texts(&team, "main h2"),
        [
            "Муниципальный координатор",
            "Кураторы",
            "Рабочая группа",
            "Методисты"
        ]
    );
    let curators = texts(&team, "#role-curator + ul > li > a:first-child");
    assert_eq!(
        curators,
        ["Иванова Мария Сергеевна", "Орлова Елена Викторовна"]
    );
    // Russian and English role names gave the same roles.
    let group = texts(&team, "#role-working-group + ul > li > a:first-child");
    assert_eq!(
        group,
        [
            "Иванова Мария Сергеевна",
            "Кузнецов Дмитрий Олегович",
            "Петрова Анна Ивановна"
        ]
    );
}

#[test]
fn person_page_lists_schools_events_practices_and_model_levels() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    let petrova = page(&out, "people/petrova");
    let events = texts(&petrova, "#events-heading + ul li");
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(events[0].contains("в ноябре"), "{events:?}");
    assert!(
        texts(&petrova, ".facts")
            .join(" ")
            .contains("муниципальный уровень")
    );
    let ivanova = page(&out, "people/ivanova");
    assert_eq!(
        hrefs(&ivanova, "#practices-heading + ul"),
        [format!("{BASE}/practices/matematicheskiy-marafon/")]
    );
    // The event names its organiser by id: linked back.
    let seminar = page(&out, "events/2026/seminar-kuratorov");
    assert!(hrefs(&seminar, ".facts").contains(&format!("{BASE}/people/ivanova/")));
}

#[test]
fn risk_profile_table_shows_levels_measures_and_programmes() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    let school = page(&out, "schools/sosh-2");
    let rows = texts(&school, "table.risk-profile tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].starts_with("R3 Недостаточная предметная"),
        "{rows:?}"
    );
    assert!(rows[0].contains("трое из пяти учителей"), "{rows:?}");
    assert!(rows[0].contains("Высокий"));
    assert!(rows[0].contains("Курсы повышения квалификации учителей математики"));
    assert!(rows[0].contains("Антирисковая программа МБОУ СОШ № 2"));
    // `r10` written bare: no level, but its measure is found.
    assert!(rows[2].starts_with("R10"), "{rows:?}");
    assert!(rows[2].contains("Психолого-педагогический консилиум"));
    let links = hrefs(&school, "table.risk-profile tbody tr:first-child");
    assert!(links.contains(&format!("{BASE}/risks/r3/")), "{links:?}");
    assert!(
        links.contains(&format!("{BASE}/roadmaps/2026-2027/sosh-2/#measure-1")),
        "{links:?}"
    );
    // The measure's anchor exists on the roadmap, and names the risk back.
    let roadmap = page(&out, "roadmaps/2026-2027/sosh-2");
    let measure = texts(&roadmap, "tr#measure-2");
    assert!(measure[0].contains("Фактор риска: R8."), "{measure:?}");
    assert!(hrefs(&roadmap, "tr#measure-2").contains(&format!("{BASE}/risks/r10/")));
}

#[test]
fn risk_factor_page_lists_schools_measures_programmes_and_practices() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    let r8 = page(&out, "risks/r8");
    assert_eq!(
        texts(&r8, "h1"),
        ["R8. Высокая доля обучающихся с рисками учебной неуспешности"]
    );
    let schools = texts(&r8, "tbody tr");
    assert_eq!(schools, ["МБОУ ООШ № 7Средний—", "МБОУ СОШ № 2Высокий—"]);
    assert_eq!(texts(&r8, "#measures-heading + ul li").len(), 2);
    assert_eq!(
        hrefs(&r8, "#programs-heading + ul"),
        [format!("{BASE}/documents/shkoly/sosh-2-antiriskovaya/")]
    );
    assert_eq!(
        hrefs(&r8, "#practices-heading + ul"),
        [format!("{BASE}/practices/matematicheskiy-marafon/")]
    );
}

#[test]
fn a_risk_inside_a_measure_is_kept_and_checked() {
    let tmp = Scratch::of(SITE);
    let path = "content/roadmaps/2026-2027/sosh-5.yaml";
    let text = std::fs::read_to_string(tmp.root().join(path)).unwrap();
    tmp.write(path, &text.replace("    risk: r9", "    risk: r99"));
    let report = tmp.check(TODAY);
    let f: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "unknown-risk")
        .collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].file.as_deref(), Some(path));
    assert!(f[0].message.contains("«r99»"));
    // At the measure's row.
    let line = text
        .lines()
        .position(|l| l.contains("Родительский университет"))
        .unwrap()
        + 1;
    assert_eq!(f[0].line, Some(line));
}

#[test]
fn a_bad_risk_level_or_role_names_the_closest_value() {
    let tmp = Scratch::of(SITE);
    tmp.write(
        "content/schools/sosh-9.yaml",
        "name: Школа № 9\ncategories: [shssu]\ncurator: orlova\nrisks:\n  - {risk: r7, level: высокй}\n",
    );
    tmp.write(
        "content/people/kuznetsov.yaml",
        "name: Кузнецов Д. О.\nposition: специалист\nroles: [методст]\n",
    );
    let run = vitrina(tmp.root(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 1);
    let out = run.stdout;
    assert!(out.contains("неизвестный уровень риска «высокй»"), "{out}");
    assert!(out.contains("content/schools/sosh-9.yaml:5:"), "{out}");
    assert!(
        out.contains("возможно, имелось в виду «высокий» (high)"),
        "{out}"
    );
    assert!(out.contains("роль «методст» не из перечня"), "{out}");
    assert!(out.contains("content/people/kuznetsov.yaml:3:8"), "{out}");
    assert!(
        out.contains("возможно, имелось в виду «методист» (methodist)"),
        "{out}"
    );
}

/// Every document and event kind written as its Russian label, then as its id:
/// the check and every built page are the same.
#[test]
fn russian_kind_labels_give_the_same_result_as_english_ids() {
    let russian = Scratch::of(SITE);
    let english = Scratch::of(SITE);
    let pairs = [
        (
            "content/documents/prikaz-204.md",
            "kind: приказ",
            "kind: order",
        ),
        (
            "content/documents/protokol-rg-11.yaml",
            "kind: Протокол",
            "kind: protocol",
        ),
        (
            "content/documents/shkoly/sosh-2-antiriskovaya.md",
            "kind: антирисковая программа",
            "kind: antirisk-program",
        ),
        (
            "content/documents/shkoly/sosh-5-programma.yaml",
            "kind: среднесрочная программа развития",
            "kind: development-program",
        ),
        (
            "content/events/2026/seminar-kuratorov.md",
            "kind: Семинар",
            "kind: seminar",
        ),
        (
            "content/events/2026/vebinar-neuspeshnost.yaml",
            "kind: вебинар",
            "kind: webinar",
        ),
        (
            "content/people/orlova.yaml",
            "roles: [куратор]",
            "roles: [curator]",
        ),
        // A list typed the Word way, with a semicolon.
        (
            "content/people/kuznetsov.yaml",
            "roles: рабочая группа; методист",
            "roles: [working-group, methodist]",
        ),
        (
            "content/practices/vzaimoposeshchenie.yaml",
            "kind: кураторская практика",
            "kind: curator-practice",
        ),
    ];
    for (path, ru, en) in pairs {
        let text = std::fs::read_to_string(russian.root().join(path)).unwrap();
        assert!(text.contains(ru), "{path} lacks «{ru}»");
        english.write(path, &text.replace(ru, en));
    }
    // The Russian order without a number is an error like the English one.
    let (_, ru_json) = check_json(russian.root(), TODAY);
    let (_, en_json) = check_json(english.root(), TODAY);
    assert_eq!(ru_json, en_json);
    let (ru_out, en_out) = (build(russian.root()), build(english.root()));
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&ru_out).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(&ru_out).unwrap();
            let ru = std::fs::read_to_string(entry.path()).unwrap();
            let en = std::fs::read_to_string(en_out.join(rel)).unwrap();
            assert!(ru == en, "{} differs", rel.display());
            compared += 1;
        }
    }
    assert!(compared > 40, "{compared} pages");
    let order = page(&ru_out, "documents/prikaz-204");
    assert_eq!(texts(&order, ".facts dd")[0], "Приказ");
    // `kind: приказ` without a number is held to the order's rules.
    russian.write(
        "content/documents/prikaz-204.md",
        "---\ntitle: Приказ без номера\nkind: ПРИКАЗ\n---\n",
    );
    assert_eq!(fired(&russian.check(TODAY), "field-missing").len(), 2);
}

#[test]
fn review_missing_fires_for_a_month_without_a_review() {
    let tmp = Scratch::of(SITE);
    tmp.remove("content/events/2026/rassmotrenie-oktyabr.md");
    tmp.remove("content/reports/2026/rassmotrenie-oktyabr.md");
    let (code, json) = check_json(tmp.root(), TODAY);
    assert_eq!(code, 1);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json:#}");
    let f = &findings[0];
    assert_eq!(f["rule"], "review-missing");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["period"], "2026-10");
    assert!(f.get("record").is_none(), "{f}");
    assert!(f["message"].as_str().unwrap().contains("октябрь 2026"));
}

#[test]
fn review_missing_is_quiet_for_skipped_months_and_the_unfinished_month() {
    let tmp = Scratch::of(SITE);
    // No review yet in December: the month is not over on 2 December.
    assert!(fired(&tmp.check(TODAY), "review-missing").is_empty());
    // Over on 1 January: December is due.
    let report = tmp.check("2027-01-01");
    let periods: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "review-missing")
        .map(|f| f.period.clone().unwrap())
        .collect();
    assert_eq!(periods, ["2026-12"]);
    // A skipped month needs none.
    let profile = std::fs::read_to_string(tmp.root().join("profile.toml")).unwrap();
    tmp.write(
        "profile.toml",
        &profile.replace("skip_months = [7, 8]", "skip_months = [7, 8, 12]"),
    );
    assert!(fired(&tmp.check("2027-01-01"), "review-missing").is_empty());
    // Without [reviews] the rule is off.
    let start = profile.find("[reviews]").unwrap();
    let end = profile.find("skip_months").unwrap();
    let rest = &profile[end..];
    let without = format!(
        "{}{}",
        &profile[..start],
        &rest[rest.find('\n').unwrap() + 1..]
    );
    tmp.write("profile.toml", &without);
    tmp.remove("content/events/2026/rassmotrenie-oktyabr.md");
    assert!(fired(&tmp.check(TODAY), "review-missing").is_empty());
}

#[test]
fn system_page_lists_reviews_with_decisions_and_draws_the_model() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    let system = page(&out, "system");
    let reviews = texts(&system, "ul.reviews > li");
    assert_eq!(reviews.len(), 3);
    assert!(reviews[0].contains("в ноябре"), "{reviews:?}");
    assert!(
        reviews[0].contains("Решили: признать выполнение"),
        "{reviews:?}"
    );
    assert_eq!(
        texts(&system, "ol.model-levels > li > h3"),
        ["Муниципальный уровень", "Школьный уровень"]
    );
    let executors = hrefs(&system, "ol.model-levels > li:first-child .model-executors");
    assert_eq!(
        executors,
        [
            format!("{BASE}/people/petrova/"),
            format!("{BASE}/people/ivanova/"),
            format!("{BASE}/people/orlova/")
        ]
    );
    assert_eq!(
        texts(
            &system,
            "ol.model-levels > li:last-child .model-directions li"
        ),
        [
            "Социально-педагогическое: работа с обучающимися с рисками учебной неуспешности и с родителями",
            "Профессиональное развитие педагогов"
        ]
    );
    // An executor id that names no record is a broken reference.
    let index = std::fs::read_to_string(tmp.root().join("content/system/index.md")).unwrap();
    tmp.write(
        "content/system/index.md",
        &index.replace("people/orlova", "people/orlov"),
    );
    assert_eq!(
        fired(&tmp.check(TODAY), "broken-reference"),
        ["system/index"]
    );
}

#[test]
fn practices_bank_is_findable_by_risk_subject_and_level_without_javascript() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    let bank = page(&out, "practices");
    assert_eq!(
        texts(&bank, "details.practice-facet > summary"),
        ["По фактору риска", "По предмету", "По уровню образования"]
    );
    let subjects = texts(
        &bank,
        "details.practice-facet:nth-of-type(2) > ul > li > .facet-value",
    );
    assert_eq!(subjects, ["Математика", "Русский язык"]);
    let maths = hrefs(
        &bank,
        "details.practice-facet:nth-of-type(2) > ul > li:first-child",
    );
    assert_eq!(maths.len(), 2, "{maths:?}");
    // The in-place filter: hidden without JavaScript, the data on every practice.
    let form = bank.select(&sel("form.practice-filter")).next().unwrap();
    assert!(form.value().attr("hidden").is_some());
    let item = bank
        .select(&sel("ul.practice-list > li"))
        .find(|li| li.text().any(|t| t.contains("Взаимопосещение")))
        .unwrap();
    assert_eq!(item.value().attr("data-risks"), Some("r3 r5"));
    assert_eq!(
        item.value().attr("data-subjects"),
        Some("matematika russkij-yazyk")
    );
    assert_eq!(item.value().attr("data-levels"), Some("noo ooo"));
    // Practices are in search, with their subjects.
    let index = common::search_index(&out).to_string();
    assert!(
        index.contains("/practices/roditelskiy-universitet/"),
        "{index}"
    );
    // The practice links its authors and risks; the author links it back.
    let practice = page(&out, "practices/vzaimoposeshchenie");
    let links = hrefs(&practice, ".facts");
    assert!(links.contains(&format!("{BASE}/people/orlova/")));
    assert!(links.contains(&format!("{BASE}/risks/r5/")));
    assert!(links.contains(&format!("{BASE}/schools/oosh-7/")));
}

#[test]
fn school_documents_link_both_ways() {
    let tmp = Scratch::of(SITE);
    let out = build(tmp.root());
    let school = page(&out, "schools/sosh-2");
    assert_eq!(
        texts(&school, "#documents-heading + ul li"),
        [
            "Антирисковая программа МБОУ СОШ № 2 «Учитель — ученик — успех»",
            "Концепция развития МБОУ СОШ № 2 на 2026–2028 годы"
        ]
    );
    let doc = page(&out, "documents/shkoly/sosh-2-koncepciya");
    assert!(hrefs(&doc, ".facts").contains(&format!("{BASE}/schools/sosh-2/")));
}
