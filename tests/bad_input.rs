//! Every kind of bad input an editor can commit gives a Russian finding with the
//! file, line and column, the source line and a hint; never a panic; every problem
//! of a run reported together. Fixtures: tests/sites/bad-*/ (and temporary sites
//! for what cannot be committed: symlinks, a 50 MB file, names differing in case).

#[path = "support/mod.rs"]
mod common;

use common::*;
use std::fs;

#[test]
fn non_utf8_encodings_are_named() {
    let site = copy_fixture("bad-encoding");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "content/schools/sosh-1251.yaml:1:7",
        &[
            "файл не в UTF-8, похоже на Windows-1251",
            "Кодировка» — UTF-8",
            // The line is shown readable, the marker under the first Cyrillic letter.
            "1 | name: Средняя школа № 1\n  |       ^",
        ],
    );
    assert_finding(
        &err,
        "content/schools/sosh-utf16.yaml:1:1",
        &["UTF-16", "с меткой BOM"],
    );
    assert_finding(
        &err,
        "content/schools/sosh-utf16-nobom.yaml:1:1",
        &["UTF-16", "без метки BOM"],
    );
    // The fields are UTF-8, the body (line 5) is not: the position says where.
    assert_finding(
        &err,
        "content/events/seminar.md:5:1",
        &["не в UTF-8", "в строке 5"],
    );
    assert!(err.contains("Сайт не собран: ошибок — 4."), "{err}");
    // The UTF-16 file's bytes are not printed as a garbled source line.
    assert!(!finding_at(&err, "content/schools/sosh-utf16.yaml:1:1").contains("1 |"));
}

#[test]
fn broken_yaml_is_positioned() {
    let site = copy_fixture("bad-yaml");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    // The quote is opened on line 2; libyaml only notices at the end of the block.
    assert_finding(
        &err,
        "content/events/kavychka.md:2:8",
        &[
            "незакрытая кавычка",
            "2 | title: \"Семинар для учителей математики",
            "^",
            "подсказка",
        ],
    );
    assert_finding(
        &err,
        "content/roadmaps/tab.yaml:4:1",
        &["табуляцией", "пробелами"],
    );
    assert_finding(
        &err,
        "content/events/bez-nachala.md:1:1",
        &["нет строки «---»", "первой строкой файла напишите «---»"],
    );
    assert_finding(
        &err,
        "content/events/bez-konca.md:1:1",
        &["открыт строкой «---», но не закрыт"],
    );
    assert_finding(
        &err,
        "content/events/dvoetochie.yaml:1:15",
        &["лишнее двоеточие", "в кавычки"],
    );
    assert!(err.contains("ошибок — 5."), "{err}");
}

#[test]
fn wrong_types_point_at_the_value_and_suggest_the_fix() {
    let site = copy_fixture("bad-types");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "content/events/data.md:3:7",
        &["ГГГГ-ММ-ДД", "«31.12.2026»", "date: 2026-12-31", "      ^"],
    );
    assert_finding(
        &err,
        "content/roadmaps/sosh-1-2026.yaml:2:16",
        &["учебный год", "«2026-2027»", "academic_year: \"2026/2027\""],
    );
    assert_finding(
        &err,
        "content/programs/kpk.yaml:2:8",
        &["целым числом", "«семьдесят два»", "72"],
    );
    assert_finding(
        &err,
        "content/events/spisok.yaml:4:5",
        &["поле «place» должно быть строкой, а здесь список"],
    );
    // Inside `measures`, each problem points at its own line.
    assert_finding(
        &err,
        "content/roadmaps/sosh-1-2026.yaml:6:5",
        &["«title» должно быть строкой, а здесь список"],
    );
    assert_finding(
        &err,
        "content/roadmaps/sosh-1-2026.yaml:9:5",
        &["«responsible» должно быть строкой, а здесь список"],
    );
    assert!(err.contains("ошибок — 6."), "{err}");
}

#[test]
fn empty_files_are_errors_but_front_matter_alone_is_a_record() {
    let site = copy_fixture("bad-empty");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(&err, "content/events/pustoy.md:1:1", &["файл пуст"]);
    assert_finding(&err, "content/schools/probely.yaml:1:1", &["файл пуст"]);
    assert_finding(
        &err,
        "content/documents/pustye-polya.md:1:1",
        &["запись пуста"],
    );
    assert!(!err.contains("tolko-polya"), "{err}");
    assert!(err.contains("ошибок — 3."), "{err}");

    // Without the empty files, the record of fields only is published.
    for f in [
        "content/events/pustoy.md",
        "content/schools/probely.yaml",
        "content/documents/pustye-polya.md",
    ] {
        fs::remove_file(site.path().join(f)).unwrap();
    }
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let page =
        fs::read_to_string(site.path().join("public/events/tolko-polya/index.html")).unwrap();
    assert!(page.contains("Семинар без анонса"));
}

#[test]
fn binary_files_are_named_and_not_printed() {
    let site = copy_fixture("bad-binary");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    for (location, kind) in [
        ("content/documents/prikaz.md:1:1", "картинка PNG"),
        ("content/documents/polozhenie.md:1:1", "DOCX"),
        ("content/schools/baza.yaml:1:1", "двоичный"),
    ] {
        assert_finding(&err, location, &["это не текстовый файл", kind, "file:"]);
        assert!(!finding_at(&err, location).contains("1 |"), "{err}");
    }
}

#[test]
fn a_50_mb_file_is_refused_from_its_size() {
    let site = copy_fixture("bad-empty");
    fs::remove_dir_all(site.path().join("content")).unwrap();
    fs::create_dir_all(site.path().join("content/documents")).unwrap();
    // A sparse file of zeros: were it read, it would be called binary instead.
    let big = fs::File::create(site.path().join("content/documents/skan.md")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    let block = finding_at(&err, "content/documents/skan.md");
    assert!(
        block.contains("файл слишком большой для записи (50 МБ"),
        "{err}"
    );
    assert!(block.contains("file:"), "{err}");
    assert!(!err.contains("двоичный"), "{err}");
}

#[test]
fn duplicate_ids_and_urls_are_errors() {
    let site = copy_fixture("bad-duplicate");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "content/schools/sosh-1.yaml:1:1",
        &["запись «schools/sosh-1» уже есть: файл content/schools/sosh-1.md"],
    );
    assert_finding(
        &err,
        "content/schools/школа-5.yaml:1:1",
        &[
            "адрес страницы «/schools/shkola-5/»",
            "content/schools/shkola-5.yaml",
        ],
    );
}

#[test]
fn names_differing_only_in_case_collide() {
    let site = copy_fixture("bad-duplicate");
    fs::remove_dir_all(site.path().join("content/schools")).unwrap();
    fs::create_dir_all(site.path().join("content/schools")).unwrap();
    fs::write(
        site.path().join("content/schools/SOSH-2.yaml"),
        "name: СОШ № 2\n",
    )
    .unwrap();
    fs::write(
        site.path().join("content/schools/sosh-2.yaml"),
        "name: СОШ № 2\n",
    )
    .unwrap();
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "content/schools/sosh-2.yaml:1:1",
        &[
            "уже есть: файл content/schools/SOSH-2.yaml",
            "регистром букв",
        ],
    );
}

#[test]
fn attachments_outside_content_are_refused_and_never_copied() {
    let site = copy_fixture("bad-attachments");
    let root = site.path();
    // A file outside content/ with a marker, reached by a symlink inside content/.
    let secret = tempfile::tempdir().unwrap();
    fs::write(secret.path().join("secret.txt"), "СЕКРЕТНАЯ-СТРОКА-42").unwrap();
    fs::create_dir_all(root.join("content/documents/files")).unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("secret.txt"),
        root.join("content/documents/files/link.pdf"),
    )
    .unwrap();
    fs::write(
        root.join("content/documents/symlink.yaml"),
        "title: Ссылка\nkind: regulation\nfile: files/link.pdf\n",
    )
    .unwrap();

    let (code, err) = build(root, &[]);
    // Missing attachments do not stop the build (the checker fails on them).
    assert_eq!(code, 0, "{err}");
    assert_finding(
        &err,
        "content/documents/passwd.md:6:7",
        &["«../../etc/passwd» выходит за пределы папки content/"],
    );
    assert_finding(
        &err,
        "content/documents/absolute.yaml:3:7",
        &["«/etc/passwd» абсолютный"],
    );
    assert_finding(
        &err,
        "content/documents/windows.yaml:5:7",
        &["«C:\\Windows\\win.ini» абсолютный"],
    );
    assert_finding(
        &err,
        "content/reports/otchet.yaml:5:5",
        &["«../../../site.toml» выходит за пределы"],
    );
    assert_finding(
        &err,
        "content/documents/symlink.yaml:3:7",
        &["ссылка на файл вне папки content/"],
    );
    // The allowed attachment is copied; nothing from outside is.
    assert!(root.join("public/reports/files/ok.pdf").is_file());
    for entry in walkdir(&root.join("public")) {
        let bytes = fs::read(&entry).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("root:x:0:0"),
            "{} holds /etc/passwd",
            entry.display()
        );
        assert!(
            !text.contains("СЕКРЕТНАЯ-СТРОКА-42"),
            "{} holds the secret",
            entry.display()
        );
        assert!(
            !text.contains("title = \"Проверка ошибок\""),
            "{} holds site.toml",
            entry.display()
        );
    }
}

#[test]
fn symlinked_records_outside_content_are_refused() {
    let site = copy_fixture("bad-attachments");
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("chuzhoe.md"),
        "---\ntitle: ЧУЖАЯ-ЗАПИСЬ-77\ndate: 2026-10-15\n---\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content/events")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("chuzhoe.md"),
        root.join("content/events/link.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("content/events/papka")).unwrap();
    // A link that stays inside content/ is an ordinary record.
    fs::write(
        root.join("content/events/nastoyashaya.md"),
        "---\ntitle: Настоящая\ndate: 2026-10-15\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("nastoyashaya.md", root.join("content/events/kopiya.md")).unwrap();

    let (code, err) = build(root, &[]);
    assert_eq!(code, 1, "{err}");
    let block = finding_at(&err, "content/events/link.md");
    assert!(
        block.contains("символическая ссылка на файл вне папки content/"),
        "{err}"
    );
    let block = finding_at(&err, "content/events/papka");
    assert!(block.contains("ссылка на папку вне content/"), "{err}");
    assert!(!err.contains("ЧУЖАЯ-ЗАПИСЬ-77"), "{err}");
    assert!(!err.contains("kopiya"), "{err}");
    assert!(!root.join("public").exists());
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn missing_site_toml_stops_with_exit_2() {
    let site = copy_fixture("bad-config-missing");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("не найден файл настроек site.toml"), "{err}");
    assert!(err.contains("vitrina init"), "{err}");
}

#[test]
fn broken_site_toml_is_positioned() {
    let site = copy_fixture("bad-config-syntax");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert_finding(
        &err,
        "site.toml:1:24",
        &[
            "ошибка в site.toml: незакрытая кавычка",
            "1 | title = \"Северный округ",
        ],
    );
    // The records are read all the same, and their problems shown in the same run.
    assert_finding(&err, "content/events/seminar.md:3:7", &["ГГГГ-ММ-ДД"]);
    assert!(err.contains("ошибок — 2."), "{err}");

    let site = copy_fixture("bad-config-type");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert_finding(
        &err,
        "site.toml:2:12",
        &["неверный тип значения", "base_url = 5"],
    );
}

#[test]
fn unknown_theme_points_at_its_setting() {
    let site = copy_fixture("bad-theme");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert_finding(
        &err,
        "site.toml:2:1",
        &["тема «krasivaya» не найдена", "themes/krasivaya/"],
    );
}

#[test]
fn template_syntax_error_names_the_override_and_line_with_record_errors() {
    let site = copy_fixture("bad-template");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "templates/record/event.html:7:44",
        &[
            "синтаксическая ошибка в шаблоне record/event.html",
            "{{ place }</dd>",
        ],
    );
    // The broken record is reported in the same run.
    assert_finding(&err, "content/events/vebinar.md:3:7", &["ГГГГ-ММ-ДД"]);
    assert!(err.contains("ошибок — 2."), "{err}");
}

#[test]
fn template_render_error_names_the_override_and_line() {
    let site = copy_fixture("bad-template-render");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(
        &err,
        "templates/record/event.html:5:28",
        &["ошибка при заполнении шаблона record/event.html", "datum"],
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn hostile_yaml_is_refused_quickly() {
    // An alias bomb (9^12 strings if expanded) and 5000 nested brackets.
    let site = copy_fixture("bad-yaml-hostile");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_finding(&err, "content/events/bomb.yaml:1:1", &["якоря YAML"]);
    assert_finding(
        &err,
        "content/events/deep.yaml:1:65",
        &["вложены друг в друга глубже 64 уровней", "…"],
    );
    // The 10 000-character line is shown cut, not whole.
    assert!(err.len() < 4000, "{} bytes:\n{err}", err.len());
}

#[test]
fn symlinks_in_the_sites_static_files_are_not_copied() {
    let site = copy_fixture("bad-template-render");
    let root = site.path();
    fs::remove_dir_all(root.join("templates")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.css"), "СЕКРЕТ-СТАТИКИ-13").unwrap();
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/own.css"), "body { color: black }").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.css"),
        root.join("static/link.css"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("static/dir")).unwrap();
    let (code, err) = build(root, &[]);
    assert_eq!(code, 0, "{err}");
    let public = root.join("public");
    assert!(public.join("static/own.css").is_file());
    for file in walkdir(&public) {
        let bytes = fs::read(&file).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("СЕКРЕТ-СТАТИКИ-13"),
            "{} holds the linked file",
            file.display()
        );
    }
}

#[test]
fn thousands_of_problems_in_one_file_are_all_reported() {
    // A pasted table: 50 000 dates in the Russian form. Each is reported with its
    // own line (the file is read once for all of them, not once per finding).
    let site = copy_fixture("bad-empty");
    fs::remove_dir_all(site.path().join("content")).unwrap();
    fs::create_dir_all(site.path().join("content/roadmaps")).unwrap();
    let dates: String = (0..50_000)
        .map(|i| format!("  - 31.12.{}\n", 3000 + i))
        .collect();
    fs::write(
        site.path().join("content/roadmaps/tablica.yaml"),
        format!("school: sosh-1\nacademic_year: \"2026/2027\"\nmeasures:\n  - title: a\nreports_due:\n{dates}"),
    )
    .unwrap();
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("ошибок — 50000."),
        "{}",
        &err[err.len() - 300..]
    );
    assert_finding(
        &err,
        "content/roadmaps/tablica.yaml:50005:5",
        &["«31.12.52999»", "50005 |   - 31.12.52999"],
    );
}

#[test]
fn yaml_files_with_dashes_are_read_or_explained() {
    let site = copy_fixture("bad-yaml-file");
    let (code, err) = build(site.path(), &[]);
    assert_eq!(code, 1, "{err}");
    // Fields between `---` lines in a .yaml file are simply read.
    assert!(!err.contains("s-tire.yaml"), "{err}");
    assert_finding(
        &err,
        "content/schools/s-tekst.yaml:5:1",
        &[
            "в файле .yaml могут быть только поля",
            "переименуйте файл в .md",
        ],
    );
    assert_finding(
        &err,
        "content/schools/s-dva.yaml:2:1",
        &["несколько блоков YAML"],
    );
    assert!(err.contains("ошибок — 2."), "{err}");
}

#[test]
fn a_pipe_is_neither_a_record_nor_an_attachment() {
    // A named pipe would block whoever reads it: it must never be opened.
    let site = copy_fixture("bad-attachments");
    let root = site.path();
    for fifo in ["content/events/truba.md", "content/reports/files/truba.pdf"] {
        fs::create_dir_all(root.join(fifo).parent().unwrap()).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(root.join(fifo))
            .status()
            .unwrap();
        assert!(status.success());
    }
    fs::write(
        root.join("content/reports/truba.yaml"),
        "of: documents/passwd\ndate: 2026-10-01\nfiles:\n  - files/truba.pdf\n",
    )
    .unwrap();
    let (code, err) = build(root, &[]);
    assert_eq!(code, 0, "{err}");
    assert_finding(&err, "content/reports/truba.yaml:4:5", &["не обычный файл"]);
    assert!(!err.contains("truba.md"), "{err}");
}
