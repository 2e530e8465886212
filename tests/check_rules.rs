//! Every rule: a case where it fires and one where it must not. Each test copies
//! the clean fixture tests/sites/check-base and plants one thing in it.

mod common;
use common::*;

fn base() -> Scratch {
    Scratch::of("check-base")
}

#[test]
fn base_fixture_has_no_findings() {
    let report = base().check(TODAY);
    assert_eq!(keys(&report), vec![]);
    assert!(report.items.iter().all(|i| i.status == "ok"));
}

// invalid-record

#[test]
fn invalid_record_fires_on_wrong_type_with_position() {
    let s = base();
    s.write(
        "content/programs/kpk-16.yaml",
        "title: Курс\nhours: семьдесят два\n",
    );
    let r = s.check(TODAY);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "invalid-record")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].file.as_deref(), Some("content/programs/kpk-16.yaml"));
    // The value at fault: `hours: семьдесят два` → column of «семьдесят».
    assert_eq!((f[0].line, f[0].column), (Some(2), Some(8)));
}

#[test]
fn invalid_record_not_for_a_bare_number_as_document_number() {
    let s = base();
    s.write(
        "content/documents/prikaz-7.yaml",
        "title: Приказ\nkind: order\nnumber: 7\ndate: 2026-09-02\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// field-missing

#[test]
fn field_missing_fires_for_required_and_conditional_fields() {
    let s = base();
    s.write("content/programs/kpk-36.yaml", "title: Курс\n");
    s.write(
        "content/documents/protokol-1.yaml",
        "title: Протокол\nkind: protocol\nnumber: 1\n",
    );
    s.write(
        "content/plans/mtkp-2026-2027.yaml",
        "centre: mtkp\nacademic_year: \"2026/2027\"\nmeasures: []\n",
    );
    s.write(
        "content/events/pustoe.yaml",
        "title: \"\"\ndate: 2026-12-01\n",
    );
    let r = s.check(TODAY);
    assert_eq!(
        fired(&r, "field-missing"),
        [
            "documents/protokol-1",
            "events/pustoe",
            "plans/mtkp-2026-2027",
            "programs/kpk-36"
        ]
    );
    let hours = r
        .findings
        .iter()
        .find(|f| f.record.as_deref() == Some("programs/kpk-36"))
        .unwrap();
    assert!(hours.message.contains("«hours»"), "{}", hours.message);
    let empty_title = r
        .findings
        .iter()
        .find(|f| f.record.as_deref() == Some("events/pustoe"))
        .unwrap();
    assert!(empty_title.message.contains("пустое"));
    assert_eq!(empty_title.line, Some(1));
}

#[test]
fn field_missing_fires_for_a_measure_without_title() {
    let s = base();
    s.write(
        "content/plans/mtkp-2026-2027.yaml",
        "centre: mtkp\nacademic_year: \"2026/2027\"\nmeasures:\n  - due: март 2027\n",
    );
    let r = s.check(TODAY);
    assert_eq!(fired(&r, "field-missing"), ["plans/mtkp-2026-2027"]);
}

#[test]
fn field_missing_not_for_number_of_a_regulation() {
    let s = base();
    s.write(
        "content/documents/polozhenie.yaml",
        "title: Положение о МНЦ\nkind: regulation\n",
    );
    assert_eq!(
        fired(&s.check(TODAY), "field-missing"),
        Vec::<String>::new()
    );
}

// unknown-field

#[test]
fn unknown_field_fires_and_suggests_the_closest_field() {
    let s = base();
    s.write(
        "content/roadmaps/школа-2-2026-2027.yaml",
        "school: школа-2\nacademic_year: \"2026/2027\"\nmesures:\n  - title: x\nmeasures:\n  - title: Диагностика\n",
    );
    let r = s.check(TODAY);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "unknown-field")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, vitrina::diagnostics::Severity::Warning);
    assert_eq!(f[0].line, Some(3));
    assert!(f[0].message.contains("«mesures»"));
    assert_eq!(
        f[0].hint.as_deref(),
        Some("возможно, имелось в виду «measures»")
    );
}

#[test]
fn unknown_field_not_for_common_fields() {
    let s = base();
    s.write(
        "content/schools/sosh-1.yaml",
        "name: Школа № 1\ntitle: Школа № 1\nupdated: 2026-09-01\nweight: 3\ndraft: false\naddress: ул. Мира, 1\nwebsite: https://sosh1.example.ru\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// duplicate-id

#[test]
fn duplicate_id_fires_for_two_files_with_one_id() {
    let s = base();
    s.write(
        "content/programs/kpk-72.md",
        "---\ntitle: Дубль\nhours: 16\n---\n",
    );
    assert_eq!(fired(&s.check(TODAY), "duplicate-id").len(), 1);
}

#[test]
fn duplicate_id_not_for_one_name_in_two_sections() {
    let s = base();
    s.write(
        "content/events/kpk-72.yaml",
        "title: Курсы\ndate: 2026-12-10\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// broken-reference

#[test]
fn broken_reference_fires_for_a_missing_target_and_a_wrong_kind() {
    let s = base();
    s.write(
        "content/reports/o-shkole.yaml",
        "of: schools/sosh-1\ndate: 2026-11-01\n",
    );
    s.write(
        "content/centres/mtkp.yaml",
        "kind: mtkp\nname: МТКП\nbase: sosh-99\n",
    );
    let r = s.check(TODAY);
    assert_eq!(
        fired(&r, "broken-reference"),
        ["centres/mtkp", "reports/o-shkole"]
    );
}

#[test]
fn broken_reference_not_for_a_full_id_in_the_right_section() {
    let s = base();
    s.write(
        "content/centres/mtkp.yaml",
        "kind: mtkp\nname: МТКП\nbase: schools/sosh-1\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// attachment-missing

#[test]
fn attachment_missing_fires_for_a_missing_file_and_one_outside_content() {
    let s = base();
    s.write(
        "content/programs/kpk-72.yaml",
        "title: Курс\nhours: 72\nfile: files/net.pdf\n",
    );
    s.write(
        "content/documents/prikaz-1.yaml",
        "title: Приказ\nkind: order\nnumber: 1\ndate: 2026-09-01\nfile: ../../site.toml\n",
    );
    let r = s.check(TODAY);
    assert_eq!(
        fired(&r, "attachment-missing"),
        ["documents/prikaz-1", "programs/kpk-72"]
    );
}

#[test]
fn attachment_missing_not_for_an_existing_file() {
    let s = base();
    s.write("content/programs/files/kpk-72.pdf", "%PDF-1.4\n");
    s.write(
        "content/programs/kpk-72.yaml",
        "title: Курс\nhours: 72\nfile: files/kpk-72.pdf\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// section-empty

#[test]
fn section_empty_fires_when_the_only_record_is_a_draft() {
    let s = base();
    s.write(
        "content/programs/kpk-72.yaml",
        "title: Курс\nhours: 72\ndraft: true\n",
    );
    let r = s.check(TODAY);
    assert_eq!(keys(&r), [("section-empty".into(), "programs".into())]);
    let f = &r.findings[0];
    assert_eq!(f.record, None);
    assert_eq!(f.file, None);
    let item = r.items.iter().find(|i| i.id == "programs").unwrap();
    assert_eq!(item.status, "missing");
}

#[test]
fn section_empty_for_reports_counts_only_reports_of_roadmaps_and_plans() {
    let s = base();
    s.remove("content/reports/mnc-2025-2026.yaml");
    s.remove("content/plans/mnc-2025-2026.yaml");
    // A report of an event is left: it does not satisfy the `reports` item.
    let r = s.check(TODAY);
    assert_eq!(keys(&r), [("section-empty".into(), "reports".into())]);
}

#[test]
fn section_empty_not_when_a_record_is_published() {
    let r = base().check(TODAY);
    assert_eq!(fired(&r, "section-empty"), Vec::<String>::new());
    assert_eq!(r.items.len(), 7);
}

// roadmap-missing

#[test]
fn roadmap_missing_fires_for_a_roadmap_of_last_year_only_with_a_cyrillic_id() {
    let s = base();
    s.remove("content/roadmaps/школа-2-2026-2027.yaml");
    s.write(
        "content/roadmaps/школа-2-2025-2026.yaml",
        "school: школа-2\nacademic_year: \"2025/2026\"\nreports_due: [2027-06-30]\nmeasures:\n  - title: Диагностика\n",
    );
    let r = s.check(TODAY);
    assert_eq!(
        keys(&r),
        [("roadmap-missing".into(), "schools/школа-2".into())]
    );
    let f = &r.findings[0];
    assert_eq!(f.file.as_deref(), Some("content/schools/школа-2.yaml"));
    assert!(f.message.contains("2026/2027"), "{}", f.message);
    assert!(
        f.message.contains("последняя — на 2025/2026"),
        "{}",
        f.message
    );
    assert_eq!(
        f.hint.as_deref(),
        Some(
            "создайте её командой: vitrina new roadmap школа-2-2026-2027 --school школа-2 --year 2026/2027"
        )
    );
}

#[test]
fn roadmap_missing_fires_when_the_current_roadmap_is_a_draft() {
    let s = base();
    s.write(
        "content/roadmaps/школа-2-2026-2027.yaml",
        "school: школа-2\nacademic_year: \"2026/2027\"\ndraft: true\nmeasures:\n  - title: Диагностика\n",
    );
    let r = s.check(TODAY);
    assert_eq!(
        keys(&r),
        [
            ("roadmap-missing".into(), "schools/школа-2".into()),
            ("section-empty".into(), "roadmaps".into())
        ]
    );
}

#[test]
fn roadmap_missing_follows_today_into_the_next_academic_year() {
    // On 1 September 2027 the 2026/2027 roadmap is last year's.
    let r = base().check("2027-09-01");
    assert!(fired(&r, "roadmap-missing").contains(&"schools/школа-2".to_string()));
    // On 31 August 2027 it is still current.
    let r = base().check("2027-08-31");
    assert_eq!(fired(&r, "roadmap-missing"), Vec::<String>::new());
}

#[test]
fn roadmap_missing_not_for_a_school_outside_the_support_group() {
    let s = base();
    // sosh-1 has no categories and no roadmap.
    s.write(
        "content/schools/sosh-7.yaml",
        "name: Школа № 7\ncategories: []\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// plan-missing

#[test]
fn plan_missing_fires_for_a_centre_with_last_years_plan_only() {
    let s = base();
    s.remove("content/plans/mnc-2026-2027.yaml");
    let r = s.check(TODAY);
    assert_eq!(keys(&r), [("plan-missing".into(), "centres/mnc".into())]);
    assert!(r.findings[0].message.contains("последний — на 2025/2026"));
    assert!(
        r.findings[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("vitrina new plan mnc-2026-2027 --centre mnc --year 2026/2027")
    );
}

#[test]
fn plan_missing_not_when_the_plan_is_current() {
    assert_eq!(
        fired(&base().check(TODAY), "plan-missing"),
        Vec::<String>::new()
    );
}

// report-missing: events

#[test]
fn report_missing_at_the_grace_boundary() {
    // seminar-granica is on Tue 2026-11-10: 10 working days by Tue 24 Nov, 11 by Wed 25.
    let on_boundary = base().check("2026-11-24");
    assert_eq!(fired(&on_boundary, "report-missing"), Vec::<String>::new());
    let day_after = base().check("2026-11-25");
    assert_eq!(
        fired(&day_after, "report-missing"),
        ["events/seminar-granica"]
    );
    let f = first_of(&day_after, "report-missing");
    assert!(f.message.contains("11 рабочих дней"), "{}", f.message);
    assert_eq!(f.line, Some(2));
}

#[test]
fn report_missing_counts_working_days_not_calendar_days() {
    // Sat 28 and Sun 29 Nov are not working days: 2026-11-30 is the 14th.
    let s = base();
    s.write(
        "content/events/pyatnica.yaml",
        "title: Семинар\ndate: 2026-11-13\n",
    );
    // Fri 13 Nov → Fri 27 Nov: 10 working days, 14 calendar days.
    assert_eq!(
        fired(&s.check("2026-11-27"), "report-missing"),
        ["events/seminar-granica"]
    );
    assert_eq!(
        fired(&s.check("2026-11-30"), "report-missing"),
        ["events/pyatnica", "events/seminar-granica"]
    );
}

#[test]
fn report_missing_honours_report_grace_days_from_site_toml() {
    let s = base();
    s.write(
        "site.toml",
        "title = \"t\"\n[check]\nreport_grace_days = 3\n",
    );
    // 2026-11-10 → 2026-11-13 is 3 working days; 2026-11-16 is 4.
    assert_eq!(
        fired(&s.check("2026-11-13"), "report-missing"),
        Vec::<String>::new()
    );
    assert_eq!(
        fired(&s.check("2026-11-16"), "report-missing"),
        ["events/seminar-granica"]
    );
}

#[test]
fn report_missing_fires_when_the_report_is_a_draft() {
    let s = base();
    s.write(
        "content/reports/vebinar-oktyabr.md",
        "---\nof: events/vebinar-oktyabr\ndate: 2026-10-05\ndraft: true\n---\n",
    );
    assert_eq!(
        keys(&s.check(TODAY)),
        [("report-missing".into(), "events/vebinar-oktyabr".into())]
    );
}

#[test]
fn report_missing_fires_when_the_report_is_of_another_record() {
    let s = base();
    s.write(
        "content/reports/vebinar-oktyabr.md",
        "---\nof: events/desant-dekabr\ndate: 2026-10-05\n---\n",
    );
    assert_eq!(
        keys(&s.check(TODAY)),
        [("report-missing".into(), "events/vebinar-oktyabr".into())]
    );
}

#[test]
fn report_missing_uses_end_date() {
    let s = base();
    s.write(
        "content/events/konferenciya.yaml",
        "title: Конференция\ndate: 2026-10-01\nend_date: 2026-11-10\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
    let r = s.check("2026-11-25");
    let f = r
        .findings
        .iter()
        .find(|f| f.record.as_deref() == Some("events/konferenciya"))
        .unwrap();
    assert_eq!(f.line, Some(3), "points at end_date");
}

#[test]
fn report_missing_not_for_future_events() {
    let r = base().check(TODAY);
    assert!(!fired(&r, "report-missing").contains(&"events/desant-dekabr".to_string()));
}

// report-missing: roadmaps and plans

#[test]
fn report_missing_fires_for_a_plan_whose_default_due_date_passed() {
    let s = base();
    s.remove("content/reports/mnc-2025-2026.yaml");
    s.write(
        "content/reports/vtoroj.yaml",
        "of: roadmaps/школа-2-2026-2027\ndate: 2026-11-01\n",
    );
    let r = s.check(TODAY);
    // Due 2026-06-30 (30 June of 2026), long past. The report of the roadmap does not count for the plan.
    assert_eq!(
        keys(&r),
        [("report-missing".into(), "plans/mnc-2025-2026".into())]
    );
    assert!(
        r.findings[0].message.contains("30.06.2026"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn report_missing_compares_the_count_of_reports_with_passed_due_dates() {
    let s = base();
    s.write(
        "content/roadmaps/школа-2-2026-2027.yaml",
        "school: школа-2\nacademic_year: \"2026/2027\"\nreports_due: [2026-10-01, 2026-11-10, 2027-06-30]\nmeasures:\n  - title: Диагностика\n",
    );
    // 2026-10-01 passed by more than 10 working days; 2026-11-10 exactly 10: one report due.
    assert_eq!(
        keys(&s.check(TODAY)),
        [("report-missing".into(), "roadmaps/школа-2-2026-2027".into())]
    );
    s.write(
        "content/reports/dk-1.yaml",
        "of: roadmaps/школа-2-2026-2027\ndate: 2026-10-05\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
    // A day later the second date is due too.
    assert_eq!(
        keys(&s.check("2026-11-25"))
            .into_iter()
            .filter(|k| k.0 == "report-missing")
            .count(),
        2
    );
}

// mentor-missing, curator-missing

#[test]
fn mentor_and_curator_missing_fire_for_a_support_school() {
    let s = base();
    s.write(
        "content/schools/школа-2.yaml",
        "name: Школа № 2\ncategories: [shssu]\ncurator: \"\"\n",
    );
    let r = s.check(TODAY);
    assert_eq!(fired(&r, "mentor-missing"), ["schools/школа-2"]);
    assert_eq!(fired(&r, "curator-missing"), ["schools/школа-2"]);
    assert!(
        r.findings
            .iter()
            .filter(|f| f.rule == "mentor-missing" || f.rule == "curator-missing")
            .all(|f| !f.is_error()),
        "both are warnings"
    );
}

#[test]
fn mentor_and_curator_missing_not_outside_the_support_group() {
    let s = base();
    s.write("content/schools/sosh-1.yaml", "name: Школа № 1\n");
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

#[test]
fn mentor_missing_not_for_a_broken_mentor() {
    let s = base();
    s.write(
        "content/schools/школа-2.yaml",
        "name: Школа № 2\ncategories: [shnor]\nmentor: sosh-100\ncurator: Петрова А. И.\n",
    );
    assert_eq!(
        keys(&s.check(TODAY)),
        [("broken-reference".into(), "schools/школа-2".into())]
    );
}

// unknown-risk

#[test]
fn unknown_risk_fires_at_the_entry() {
    let s = base();
    s.write("content/schools/школа-2.yaml", "name: Школа № 2\ncategories: [shnor]\nmentor: sosh-1\ncurator: Петрова А. И.\nrisks:\n  - r1\n  - r11\n");
    let r = s.check(TODAY);
    assert_eq!(
        keys(&r),
        [("unknown-risk".into(), "schools/школа-2".into())]
    );
    // The entry's own line: `  - r11`.
    assert_eq!(r.findings[0].line, Some(7));
    assert!(r.findings[0].message.contains("«r11»"));
}

#[test]
fn unknown_risk_not_for_the_ten_official_factors() {
    let s = base();
    s.write("content/schools/школа-2.yaml", "name: Школа № 2\ncategories: [shnor]\nmentor: sosh-1\ncurator: Петрова А. И.\nrisks: [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10]\n");
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// unknown-kind

#[test]
fn an_unknown_kind_close_to_a_term_is_named_with_the_hint_of_a_closed_list() {
    let s = base();
    s.write(
        "content/documents/prikaz-2.yaml",
        "title: О семинаре\nkind: prikaz\n",
    );
    s.write(
        "content/events/konferenciya.yaml",
        "title: Конференция\ndate: 2026-12-20\nkind: conferense\n",
    );
    let r = s.check(TODAY);
    assert_eq!(
        keys(&r),
        [
            ("unknown-kind".into(), "documents/prikaz-2".into()),
            ("unknown-kind".into(), "events/konferenciya".into())
        ]
    );
    let doc = &r.findings[0];
    assert_eq!(doc.severity, vitrina::diagnostics::Severity::Warning);
    assert_eq!(doc.line, Some(2));
    assert_eq!(
        doc.message,
        "в поле «kind»: вид документа «prikaz» не из перечня; на сайте он показан как написан"
    );
    let hint = doc.hint.as_deref().unwrap_or_default();
    assert!(
        hint.starts_with("возможно, имелось в виду «приказ» (order); допустимы: order (приказ)"),
        "{hint}"
    );
    let event = r.findings[1].hint.as_deref().unwrap_or_default();
    assert!(
        event.starts_with("возможно, имелось в виду «конференция» (conference)"),
        "{event}"
    );
}

#[test]
fn an_unknown_kind_far_from_every_term_stays_a_kind_of_its_own() {
    // The contract keeps document and event kinds open: shown as written.
    let s = base();
    s.write(
        "content/documents/rasporyazhenie-1.yaml",
        "title: О семинаре\nkind: распоряжение\n",
    );
    s.write(
        "content/documents/prikaz-3.yaml",
        "title: О группе\nkind: \"Приказ \"\nnumber: 3\ndate: 2026-09-01\n",
    );
    s.write(
        "content/events/kruglyj-stol.yaml",
        "title: Круглый стол\ndate: 2026-12-20\nkind: круглый стол\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// personal-data

#[test]
fn personal_data_fires_in_bodies_with_the_line() {
    let s = base();
    s.write(
        "content/events/vstrecha.md",
        "---\ntitle: Встреча\ndate: 2026-12-10\n---\n\nКонтакт: Сидорова М. П., sidorova.mp@mail.ru\n\nПаспорт 03 12 № 456789.\n",
    );
    let r = s.check(TODAY);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "personal-data")
        .collect();
    assert_eq!(f.len(), 2);
    assert_eq!((f[0].line, f[0].column), (Some(6), Some(26)));
    assert_eq!((f[1].line, f[1].column), (Some(8), Some(1)));
    assert!(
        !f[0].message.contains("sidorova"),
        "the address is masked: {}",
        f[0].message
    );
    assert!(f.iter().all(|f| !f.is_error()));
}

#[test]
fn personal_data_not_for_official_contacts() {
    // check-base's System page has the reception's mobile number, the authority's
    // address, a landline and a school's mailbox on a free service.
    let s = base();
    s.write(
        "content/events/vstrecha.md",
        "---\ntitle: Встреча\ndate: 2026-12-10\n---\n\nГорячая линия: 8 800 100-20-30; info@mail.ru; телефон: 8 (86137) 2-14-56\n",
    );
    assert_eq!(keys(&s.check(TODAY)), vec![]);
}

// review-missing

/// check-base with monthly reviews required from September 2026 (summer skipped),
/// and a review held on each of these days.
fn with_reviews(dates: &[&str], skip: &str) -> Scratch {
    let s = base();
    let profile = format!(
        "{}\n[reviews]\ncadence = \"monthly\"\nsince = 2026-09-01\nskip_months = {skip}\n",
        vitrina::profile::DEFAULT_PROFILE
    );
    s.write("profile.toml", &profile);
    let site = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
    s.write("site.toml", &format!("profile = \"profile.toml\"\n{site}"));
    for (i, d) in dates.iter().enumerate() {
        // Russian and English spellings of the kind alike.
        let kind = if i % 2 == 0 {
            "review"
        } else {
            "Рассмотрение хода реализации"
        };
        s.write(
            &format!("content/events/review-{i}.yaml"),
            &format!("title: Рассмотрение хода реализации {d}\ndate: {d}\nkind: {kind}\n"),
        );
        s.write(
            &format!("content/reports/review-{i}.yaml"),
            &format!("of: events/review-{i}\ndate: {d}\ntitle: Решения\n"),
        );
    }
    s
}

#[test]
fn review_missing_fires_for_a_finished_month_without_a_review() {
    let s = with_reviews(&["2026-09-24"], "[7, 8]");
    let r = s.check(TODAY);
    assert_eq!(keys(&r), [("review-missing".into(), String::new())]);
    let f = &r.findings[0];
    assert_eq!(f.period.as_deref(), Some("2026-10"));
    assert!(f.message.contains("октябрь 2026"), "{}", f.message);
    assert!(f.record.is_none() && f.file.is_none());
    let (_, json) = check_json(s.root(), TODAY);
    assert_eq!(json["findings"][0]["period"], "2026-10");
    assert!(json["findings"][0].get("record").is_none());
}

#[test]
fn review_missing_not_for_the_unfinished_month_skipped_months_or_without_reviews() {
    // November is not over on 24 November; September and October had theirs.
    let s = with_reviews(&["2026-09-24", "2026-10-29"], "[7, 8]");
    assert!(fired(&s.check(TODAY), "review-missing").is_empty());
    // October skipped: its missing review is no finding.
    let s = with_reviews(&["2026-09-24"], "[7, 8, 10]");
    assert!(fired(&s.check(TODAY), "review-missing").is_empty());
    // A profile without [reviews] asks for none.
    assert!(fired(&base().check(TODAY), "review-missing").is_empty());
}
