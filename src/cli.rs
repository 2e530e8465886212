//! The command line: `vitrina build | check | serve | new | import | init | region`.

use crate::build::{BuildError, BuildOptions, build};
use crate::dates::system_today;
use crate::diagnostics::{Finding, render_text};
use clap::{Parser, Subcommand};
use jiff::civil::Date;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "vitrina",
    version,
    about = "Сайт и проверка полноты публикаций системы работы со ШНОР и ШССУ",
    subcommand_value_name = "КОМАНДА",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    after_help = "Справка по команде: vitrina КОМАНДА --help"
)]
struct Cli {
    /// Папка сайта (где лежит site.toml)
    #[arg(long, global = true, default_value = ".", value_name = "ПАПКА")]
    root: PathBuf,
    /// Показать эту справку
    #[arg(short, long, global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Показать версию
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Собрать сайт в папку public/
    Build {
        /// Папка для готового сайта
        #[arg(long, value_name = "ПАПКА")]
        out: Option<PathBuf>,
        /// Адрес, по которому будет опубликован сайт (заменяет base_url из site.toml)
        #[arg(long, value_name = "АДРЕС")]
        base_url: Option<String>,
        /// Включить черновики (draft: true)
        #[arg(long)]
        drafts: bool,
        /// Считать сегодняшней эту дату (ГГГГ-ММ-ДД): от неё зависят предстоящие мероприятия
        #[arg(long, value_parser = parse_date, value_name = "ДАТА")]
        today: Option<Date>,
    },
    /// Проверить, что опубликовано всё обязательное
    Check {
        /// Считать сегодняшней эту дату (ГГГГ-ММ-ДД): от неё зависят учебный год и сроки отчётов
        #[arg(long, value_parser = parse_date, value_name = "ДАТА")]
        today: Option<Date>,
        /// Формат вывода
        #[arg(long, value_enum, default_value_t = crate::check::format::Format::Text, value_name = "ФОРМАТ")]
        format: crate::check::format::Format,
        /// Считать предупреждения ошибками (код выхода 1)
        #[arg(long)]
        strict: bool,
    },
    /// Запустить сайт для просмотра с обновлением при сохранении
    Serve {
        /// Порт
        #[arg(long, default_value_t = crate::serve::DEFAULT_PORT, value_parser = parse_port, value_name = "ПОРТ")]
        port: u16,
        /// Адрес, на котором принимать подключения (0.0.0.0 — со всех компьютеров сети)
        #[arg(long, default_value = "127.0.0.1", value_parser = parse_ip, value_name = "IP")]
        bind: std::net::IpAddr,
        /// Показывать черновики (draft: true)
        #[arg(long)]
        drafts: bool,
        #[arg(long, value_parser = parse_date, hide = true)]
        today: Option<Date>,
    },
    /// Создать новую запись со всеми полями и подсказками
    New {
        /// Вид записи: school, centre, roadmap, plan, program, event, report, document, system, person, practice, indicator, monitoring (можно по-русски: школа, дорожная-карта, показатель, …)
        #[arg(value_name = "ВИД")]
        kind: String,
        /// Идентификатор: имя файла без расширения, например sosh-10 или 2026/seminar-okt
        #[arg(value_name = "ИДЕНТИФИКАТОР")]
        id: String,
        /// Школа (для дорожной карты; для центра — базовая школа, для школы — школа-наставник)
        #[arg(long, value_name = "ШКОЛА")]
        school: Option<String>,
        /// Центр (для плана работы)
        #[arg(long, value_name = "ЦЕНТР")]
        centre: Option<String>,
        /// О чём отчёт: полный идентификатор, например events/seminar-okt
        #[arg(long, value_name = "ЗАПИСЬ")]
        of: Option<String>,
        /// Учебный год, например 2026/2027 (по умолчанию — текущий)
        #[arg(long, value_name = "ГОД")]
        year: Option<String>,
        #[arg(long, value_parser = parse_date, hide = true)]
        today: Option<Date>,
    },
    /// Перенести таблицу из Word, Excel или CSV в записи
    Import(crate::import::ImportArgs),
    /// Сводный отчёт по муниципалитетам региона (файл REGION.toml)
    Region {
        /// Файл региона со списком муниципалитетов (см. docs/region.md)
        #[arg(value_name = "REGION.toml")]
        file: PathBuf,
        /// Считать сегодняшней эту дату (ГГГГ-ММ-ДД) при проверке локальных сайтов
        #[arg(long, value_parser = parse_date, value_name = "ДАТА")]
        today: Option<Date>,
        /// Формат отчёта
        #[arg(long, value_enum, default_value_t = crate::region::format::Format::Text, value_name = "ФОРМАТ")]
        format: crate::region::format::Format,
        /// Записать отчёт в эту папку (region.html, region.csv …) вместо вывода на экран
        #[arg(long, value_name = "ПАПКА")]
        out: Option<PathBuf>,
    },
    /// Создать новый сайт с примерами записей и настройками публикации на GitHub и GitLab
    Init {
        /// Папка нового сайта (новая или пустая)
        #[arg(value_name = "ПАПКА")]
        dir: PathBuf,
        #[arg(long, value_parser = parse_date, hide = true)]
        today: Option<Date>,
    },
}

/// clap's own range check speaks English («99999 is not in 0..=65535»).
fn parse_port(s: &str) -> Result<u16, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("порт — целое число от 0 до 65535, а указано «{s}»"))
}

fn parse_ip(s: &str) -> Result<std::net::IpAddr, String> {
    s.parse().map_err(|_| {
        format!("адрес должен быть IP-адресом, например 127.0.0.1 или 0.0.0.0, а указано «{s}»")
    })
}

fn parse_date(s: &str) -> Result<Date, String> {
    crate::dates::parse_iso(s)
        .ok_or_else(|| format!("дата должна быть в виде ГГГГ-ММ-ДД, а указано «{s}»"))
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help, --version
            print!("{}", in_russian(&e.render().to_string()));
            return 0;
        }
        Err(e) => {
            eprintln!("{}", argument_error(&e));
            return 2;
        }
    };
    match cli.command {
        Command::Build {
            out,
            base_url,
            drafts,
            today,
        } => run_build(BuildOptions {
            root: cli.root,
            out,
            base_url,
            drafts,
            today: today.unwrap_or_else(system_today),
        }),
        Command::Check {
            today,
            format,
            strict,
        } => run_check(
            &cli.root,
            today.unwrap_or_else(system_today),
            format,
            strict,
        ),
        Command::New {
            kind,
            id,
            school,
            centre,
            of,
            year,
            today,
        } => run_new(crate::new::NewOptions {
            root: cli.root,
            kind,
            id,
            school,
            centre,
            of,
            year,
            today: today.unwrap_or_else(system_today),
        }),
        Command::Serve {
            port,
            bind,
            drafts,
            today,
        } => crate::serve::run(crate::serve::ServeOptions {
            root: cli.root,
            port,
            bind,
            drafts,
            today,
        }),
        Command::Region {
            file,
            today,
            format,
            out,
        } => crate::region::run(&crate::region::RegionOptions {
            file,
            today: today.unwrap_or_else(system_today),
            format,
            out,
        }),
        Command::Init { dir, today } => run_init(&dir, today.unwrap_or_else(system_today)),
        Command::Import(args) => crate::import::command(&cli.root, &args),
    }
}

fn print_findings(findings: &[Finding], root: &Path) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", render_text(findings, root, colour));
}

fn run_build(opts: BuildOptions) -> i32 {
    crate::huge_pages::turn_off();
    let started = std::time::Instant::now();
    match build(&opts) {
        Ok(summary) => {
            if !summary.warnings.is_empty() {
                print_findings(&summary.warnings, &opts.root);
                eprintln!(
                    "Найдено проблем: {}; сайт собран, но подробности покажет vitrina check.",
                    summary.warnings.len()
                );
            }
            // «записей — 94» reads right for every number, as «Итого: ошибок — 0» in check.
            eprintln!(
                "Собрано: записей — {}, страниц и служебных файлов — {}, файлов-вложений — {} → {} за {} с",
                summary.records,
                summary.pages,
                summary.attachments,
                summary.out.display(),
                crate::numbers::decimal(started.elapsed().as_secs_f64(), 2)
            );
            0
        }
        Err(BuildError::Setup(f)) => {
            print_findings(&[f], &opts.root);
            2
        }
        Err(BuildError::Content(findings)) => {
            print_findings(&findings, &opts.root);
            eprintln!(
                "Сайт не собран: ошибок — {}. Исправьте их; прежняя версия сайта не тронута.",
                findings.len()
            );
            // Broken settings among them: the build could not run as configured.
            if findings.iter().any(crate::build::is_setting) {
                2
            } else {
                1
            }
        }
    }
}

/// `vitrina check`: 0 no errors, 1 errors (or warnings with `--strict`),
/// 2 the check could not run (no or broken site.toml, bad profile).
fn run_check(root: &Path, today: Date, format: crate::check::format::Format, strict: bool) -> i32 {
    use crate::check::format::{Format, Options, render};
    let (site, profile) = match crate::build::open_site(root, false, None) {
        Ok(opened) => opened,
        Err(f) => {
            print_findings(&[f], root);
            eprintln!("Проверка не выполнена: исправьте настройки сайта или профиль требований.");
            return 2;
        }
    };
    if let Err(f) = crate::check::validate_profile(&profile) {
        let f = match &site.config.profile {
            Some(path) => f.file(path),
            None => f,
        };
        print_findings(&[f], root);
        eprintln!("Проверка не выполнена: исправьте профиль требований.");
        return 2;
    }
    let report = crate::check::run(&site, &profile, today);
    let colour = format == Format::Text
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let out = render(
        &report,
        format,
        &Options {
            root,
            colour,
            strict,
        },
    );
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return 2;
    }
    let code = report.exit_code(strict);
    // The process ends right after: freeing a 10,000-record site piece by piece
    // (from the main thread, memory the loading threads allocated) only cost time.
    std::mem::forget((site, report));
    code
}

fn run_new(opts: crate::new::NewOptions) -> i32 {
    match crate::new::run(&opts) {
        Ok(path) => {
            let shown = path.strip_prefix(&opts.root).unwrap_or(&path);
            println!("Создана запись-черновик: {}", shown.display());
            eprintln!(
                "Откройте файл, заполните поля и удалите строку «draft: true»: до этого запись не публикуется и не учитывается в проверке. Подсказки — в строках с «#»."
            );
            0
        }
        Err(e) => {
            eprintln!("ошибка: {}", e.message);
            e.code
        }
    }
}

fn run_init(dir: &Path, today: Date) -> i32 {
    match crate::init::run(dir, today) {
        Ok(dir) => {
            println!("Создан сайт в папке {}", dir.display());
            eprintln!(
                "Дальше: cd {} && vitrina serve — сайт откроется в браузере и будет обновляться при сохранении файлов.",
                dir.display()
            );
            0
        }
        Err(e) => {
            eprintln!("ошибка: {}", e.message);
            e.code
        }
    }
}

/// A command-line mistake in Russian, with clap's suggestion when it has one
/// («возможно, имелось в виду …»). clap's own messages are English only.
fn argument_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let get = |kind| e.get(kind).map(|v| v.to_string());
    let invalid = get(ContextKind::InvalidArg)
        .map(|a| in_russian(&a))
        .unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "неизвестная команда «{}»",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => format!("неизвестный параметр «{invalid}»"),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("у параметра {invalid} должно быть значение")
        }
        ErrorKind::InvalidValue => match get(ContextKind::ValidValue) {
            Some(valid) => {
                format!("недопустимое значение «{value}» для {invalid}; допустимые: {valid}")
            }
            None => format!("недопустимое значение «{value}» для {invalid}"),
        },
        ErrorKind::ValueValidation => {
            // Our own value parsers explain in Russian (see `parse_date`).
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("неверное значение для {invalid}: {why}")
        }
        ErrorKind::MissingRequiredArgument => format!("не указано обязательное: {invalid}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "не указана команда: build, check, serve, new, import, init или region".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let other = get(ContextKind::PriorArg).unwrap_or_default();
            format!("параметры {invalid} и {other} нельзя указать вместе")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("у параметра {invalid} лишнее или недостающее значение")
        }
        _ => format!("неверная командная строка: {}", e.kind()),
    };
    let suggestion = get(ContextKind::SuggestedSubcommand)
        .or_else(|| get(ContextKind::SuggestedArg))
        .or_else(|| get(ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        message.push_str(&format!("\n  возможно, имелось в виду: {s}"));
    }
    let usage = get(ContextKind::Usage)
        .map(|u| format!("{}\n", in_russian(&u)))
        .unwrap_or_default();
    format!("ошибка: {message}\n\n{usage}Справка: vitrina --help")
}

/// clap's fixed English words in help and usage, in Russian.
fn in_russian(text: &str) -> String {
    [
        ("Usage:", "Использование:"),
        ("Commands:", "Команды:"),
        ("Options:", "Параметры:"),
        ("Arguments:", "Аргументы:"),
        ("[OPTIONS]", "[ПАРАМЕТРЫ]"),
        ("Possible values:", "Допустимые значения:"),
        ("[possible values: ", "[допустимые значения: "),
        ("[default: ", "[по умолчанию: "),
    ]
    .iter()
    .fold(text.to_string(), |t, (en, ru)| t.replace(en, ru))
}
