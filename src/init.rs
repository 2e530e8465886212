//! `vitrina init DIR`: a new site that builds and checks clean at once — settings
//! with every option commented, one consistent example record of each section for
//! the current academic year, `.gitignore`, and CI for GitHub Actions and GitLab.
//! The theme stays built into the binary.

use crate::dates::AcademicYear;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// Why no site was created: the message (Russian) and the exit code.
#[derive(Debug)]
pub struct InitError {
    pub code: i32,
    pub message: String,
}

const SITE_TOML: &str = r#"# Настройки сайта vitrina. Строки, начинающиеся с «#», — пояснения.

# Название сайта: в шапке и в заголовке каждой страницы.
title = "Система работы со школами с низкими образовательными результатами"

# Орган управления образованием, который публикует сайт (в шапке и в подвале).
authority = "Управление образования администрации муниципального образования"

# Одна-две фразы о сайте для поисковых систем и превью ссылок.
description = "Система работы со ШНОР и ШССУ: дорожные карты, планы МНЦ и МТКП, программы ДПО, мероприятия, отчёты и документы."

# Адрес, по которому сайт будет опубликован: https://obr.example.ru или с папкой,
# https://example.ru/shnor/. В CI его подставляет команда сборки (--base-url).
base_url = "https://obr.example.ru"

# Тема оформления: default — встроенная. Любой шаблон можно заменить своим,
# положив файл с тем же именем в templates/ (или в themes/ИМЯ/templates/).
theme = "default"

# Свой профиль требований вместо встроенного (путь от папки сайта):
# profile = "profiles/my.toml"

[check]
# Сколько рабочих дней (пн–пт) после мероприятия или срока отчёта даётся на
# публикацию отчёта, прежде чем vitrina check сочтёт его отсутствующим.
report_grace_days = 10
"#;

const GITIGNORE: &str = "# Готовый сайт собирается командой vitrina build; в git его не кладут.\npublic/\n\
# Программа vitrina, которую ставит GitLab CI (хранится в его кэше).\n.vitrina/\n";

/// The project's repository and the release tag this binary was built from:
/// the CI templates install exactly this version (`cargo install --git … --tag …`),
/// so a site's CI does not change under it when vitrina moves on.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
const TAG: &str = concat!("v", env!("CARGO_PKG_VERSION"));

/// `{repo}` and `{tag}` are filled in by [`ci_template`].
const GITHUB_WORKFLOW: &str = r#"# Проверка полноты публикаций и публикация сайта на GitHub Pages.
# Включите Pages: Settings → Pages → Source: GitHub Actions.
# Проверка и публикация — отдельные задания: сайт публикуется, даже если чего-то
# из обязательного не хватает, а проверка показывает, чего именно (красным).
name: vitrina

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages-${{ github.ref }}
  cancel-in-progress: true

env:
  # Откуда и какую версию vitrina ставить. Чтобы перейти на новую версию,
  # замените номер в VITRINA_VERSION (список версий — в разделе Releases проекта).
  VITRINA_REPOSITORY: {repo}
  VITRINA_VERSION: {tag}

jobs:
  check:
    name: Проверка полноты
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      # Программа собирается один раз (несколько минут) и хранится в кэше:
      # следующие запуски берут её оттуда за секунды.
      - name: Взять vitrina из кэша
        id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/vitrina
          key: vitrina-${{ runner.os }}-${{ env.VITRINA_VERSION }}
      - name: Установить vitrina
        if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install --locked --git "$VITRINA_REPOSITORY" --tag "$VITRINA_VERSION" vitrina
      - name: vitrina check
        # Замечания видны прямо в файлах изменений (аннотации GitHub).
        run: vitrina check --format github

  build:
    name: Сборка сайта
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Взять vitrina из кэша
        id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/vitrina
          key: vitrina-${{ runner.os }}-${{ env.VITRINA_VERSION }}
      - name: Установить vitrina
        if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install --locked --git "$VITRINA_REPOSITORY" --tag "$VITRINA_VERSION" vitrina
      - name: Настроить Pages
        id: pages
        if: github.event_name != 'pull_request'
        uses: actions/configure-pages@v5
      - name: vitrina build
        run: vitrina build --base-url "${{ steps.pages.outputs.base_url || '/' }}"
      - name: Выложить public/
        if: github.event_name != 'pull_request'
        uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    name: Публикация
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

/// `{repo}` and `{tag}` are filled in by [`ci_template`].
const GITLAB_CI: &str = r#"# Проверка полноты публикаций и публикация сайта на GitLab Pages.
# Проверка и публикация — отдельные задания: сайт публикуется, даже если чего-то
# из обязательного не хватает, а отчёт проверки виден во вкладке «Tests».
image: rust:latest

variables:
  # Откуда и какую версию vitrina ставить. Чтобы перейти на новую версию,
  # замените номер в VITRINA_VERSION (список версий — в разделе Releases проекта).
  VITRINA_REPOSITORY: {repo}
  VITRINA_VERSION: {tag}

stages:
  - check
  - deploy

# Программа собирается один раз (несколько минут) в папку .vitrina/ и хранится
# в кэше GitLab: следующие запуски берут её оттуда за секунды.
cache:
  key: vitrina-$VITRINA_VERSION
  paths:
    - .vitrina/

before_script:
  - test -x .vitrina/bin/vitrina || cargo install --locked --root .vitrina --git "$VITRINA_REPOSITORY" --tag "$VITRINA_VERSION" vitrina
  - export PATH="$CI_PROJECT_DIR/.vitrina/bin:$PATH"

check:
  stage: check
  script:
    - vitrina check --format junit > vitrina-check.xml
  artifacts:
    when: always
    reports:
      junit: vitrina-check.xml

pages:
  stage: deploy
  needs: []
  script:
    - vitrina build --base-url "$CI_PAGES_URL"
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"#;

/// A CI template with the repository and the tag of this very binary.
fn ci_template(text: &str) -> String {
    text.replace("{repo}", REPOSITORY).replace("{tag}", TAG)
}

/// The example records: `(path under content/, text)`, with `{year}` (2026/2027),
/// `{slug}` (2026-2027), `{y1}`, `{y2}`, `{event}`, `{today}`, `{order}` filled in.
const RECORDS: &[(&str, &str)] = &[
    (
        "system/index.md",
        r#"---
title: Система работы со школами с низкими образовательными результатами
---
Здесь публикуется система работы управления образования со школами с низкими
образовательными результатами (ШНОР) и школами, функционирующими в сложных
социальных условиях (ШССУ): цели и задачи, меры и мероприятия, мониторинг,
управленческие решения и оценка эффективности.

Замените этот текст текстом своей «Системы работы…». Другие страницы раздела
создаются командой `vitrina new system ИМЯ`.
"#,
    ),
    (
        "schools/sosh-1.yaml",
        r#"# Школа-наставник и база муниципального наставнического центра.
name: Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 1
short_name: МБОУ СОШ № 1
address: адрес школы
website: https://sosh1.example.ru
"#,
    ),
    (
        "schools/sosh-2.yaml",
        r#"# Школа из группы поддержки: у неё есть наставник, куратор и рисковый профиль.
name: Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 2
short_name: МБОУ СОШ № 2
categories: [shnor]
mentor: sosh-1
curator: ivanova
risks: [r3, r8, r10]
address: адрес школы
"#,
    ),
    (
        "people/ivanova.yaml",
        r#"# Куратор школы группы поддержки: на странице школы — ссылка на эту карточку.
name: Иванова Мария Петровна
position: методист управления образования
roles: [куратор]
schools: [sosh-2]
email: metodist@example.ru
"#,
    ),
    (
        "practices/nastavnicheskie-pary.md",
        r#"---
title: Наставнические пары «учитель — учитель» по математике
schools: [sosh-1, sosh-2]
authors: [ivanova]
academic_year: "{year}"
kind: curator-practice
subjects: [Математика]
levels: [ooo]
risks: [r3]
---
Банк практик: опишите, что сделали, что получилось и как повторить.
"#,
    ),
    (
        "centres/mnc-1.yaml",
        r#"kind: mnc
name: Муниципальный наставнический центр на базе МБОУ СОШ № 1
base: sosh-1
head: Петров Пётр Иванович, заместитель директора МБОУ СОШ № 1
"#,
    ),
    (
        "centres/mtkp-matematika.yaml",
        r#"kind: mtkp
name: Муниципальный тьюторский консультационный пункт по математике
base: sosh-1
head: Сидорова Анна Викторовна, учитель математики
"#,
    ),
    (
        "documents/prikaz-1-od.md",
        r#"---
title: Об утверждении дорожной карты и планов работы на {year} учебный год
kind: order
number: 1-ОД
date: {order}
---
Утвердить дорожную карту сопровождения МБОУ СОШ № 2, план работы МНЦ и план работы
МТКП по математике на {year} учебный год.
"#,
    ),
    (
        "roadmaps/sosh-2-{slug}.md",
        r#"---
school: sosh-2
academic_year: "{year}"
approved_by: prikaz-1-od
measures:
  - title: Анализ результатов ВПР и ОГЭ, уточнение рискового профиля
    due: сентябрь {y1}
    responsible: директор, куратор
    result: аналитическая справка
  - title: Посещение уроков наставниками МБОУ СОШ № 1
    due: в течение года
    responsible: МНЦ на базе МБОУ СОШ № 1
    result: не менее 10 посещённых уроков с рекомендациями
  - title: Курсы повышения квалификации учителей по функциональной грамотности
    due: {y2}-03-31
    responsible: заместитель директора
    result: обучены 5 педагогов
---
Дорожная карта сопровождения школы на учебный год.
"#,
    ),
    (
        "plans/mnc-1-{slug}.md",
        r#"---
centre: mnc-1
academic_year: "{year}"
approved_by: prikaz-1-od
measures:
  - title: Наставнические пары «учитель — учитель» с МБОУ СОШ № 2
    due: в течение года
    responsible: руководитель МНЦ
    result: 4 наставнические пары
  - title: Семинар для наставников
    due: {event}
    responsible: руководитель МНЦ
    result: проведён семинар
---
"#,
    ),
    (
        "plans/mtkp-matematika-{slug}.md",
        r#"---
centre: mtkp-matematika
academic_year: "{year}"
approved_by: prikaz-1-od
measures:
  - title: Консультации для учителей математики по подготовке к ОГЭ
    due: ежемесячно
    responsible: тьютор МТКП
    result: не менее 8 консультаций
---
"#,
    ),
    (
        "programs/kpk-funkcionalnaya-gramotnost.md",
        r#"---
title: Формирование функциональной грамотности обучающихся
hours: 36
form: очно-заочная, с применением дистанционных технологий
audience: учителя школ из группы поддержки
provider: муниципальный методический центр
academic_year: "{year}"
---
Программа курсов повышения квалификации для учителей.
"#,
    ),
    (
        "events/seminar-nastavnikov.md",
        r#"---
title: Семинар для наставников и учителей школ группы поддержки
date: {event}
kind: seminar
place: МБОУ СОШ № 1, актовый зал
audience: наставники МНЦ, учителя МБОУ СОШ № 2
organizer: МНЦ на базе МБОУ СОШ № 1
---
Анонс: о чём семинар, кто выступает, как записаться. После семинара опубликуйте
отчёт: `vitrina new report otchet-seminar --of events/seminar-nastavnikov`.
"#,
    ),
    (
        "reports/sosh-2-{slug}-start.md",
        r#"---
of: roadmaps/sosh-2-{slug}
date: {today}
title: Отчёт о начале выполнения дорожной карты МБОУ СОШ № 2
measures:
  - title: Анализ результатов ВПР и ОГЭ, уточнение рискового профиля
    status: done
    comment: справка рассмотрена на совещании
  - title: Посещение уроков наставниками МБОУ СОШ № 1
    status: partly
    comment: посещено 3 урока из 10
---
"#,
    ),
];

/// Creates the site in `dir` (which must not exist or be empty).
pub fn run(dir: &Path, today: Date) -> Result<PathBuf, InitError> {
    let refuse = |code: i32, message: String| InitError { code, message };
    if dir.exists() {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            refuse(
                2,
                format!(
                    "не удалось открыть папку {}: {}",
                    dir.display(),
                    crate::os_error::describe(&e)
                ),
            )
        })?;
        if entries.count() > 0 {
            return Err(refuse(
                2,
                format!(
                    "папка {} не пуста; vitrina init создаёт сайт только в новой или пустой папке, чтобы ничего не перезаписать",
                    dir.display()
                ),
            ));
        }
    }
    let year = AcademicYear::containing(today);
    // The order approving the plans: the first day of the year, or today if the
    // site is started in the first days of September.
    let order = year.first_day().min(today);
    let event = today
        .checked_add(jiff::Span::new().days(30))
        .unwrap_or(today);
    let fill = |text: &str| {
        text.replace("{year}", &year.to_string())
            .replace("{slug}", &year.slug())
            .replace("{y1}", &year.start.to_string())
            .replace("{y2}", &(year.start + 1).to_string())
            .replace("{event}", &event.to_string())
            .replace("{today}", &today.to_string())
            .replace("{order}", &order.to_string())
    };
    let mut files: Vec<(PathBuf, String)> = vec![
        (PathBuf::from("site.toml"), SITE_TOML.to_string()),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (
            PathBuf::from(".github/workflows/vitrina.yml"),
            ci_template(GITHUB_WORKFLOW),
        ),
        (PathBuf::from(".gitlab-ci.yml"), ci_template(GITLAB_CI)),
    ];
    for (path, text) in RECORDS {
        files.push((Path::new("content").join(fill(path)), fill(text)));
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                refuse(
                    2,
                    format!(
                        "не удалось создать папку {}: {}",
                        parent.display(),
                        crate::os_error::describe(&e)
                    ),
                )
            })?;
        }
        std::fs::write(&path, text).map_err(|e| {
            refuse(
                2,
                format!(
                    "не удалось записать {}: {}",
                    path.display(),
                    crate::os_error::describe(&e)
                ),
            )
        })?;
    }
    Ok(dir.to_path_buf())
}
