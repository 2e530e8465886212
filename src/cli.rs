//! The command line: `vitrina build | check | serve | new | init`.

use crate::build::{BuildError, BuildOptions, build};
use crate::diagnostics::{Finding, render_text};
use clap::{Parser, Subcommand};
use jiff::civil::Date;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "vitrina",
    version,
    about = "Сайт и проверка полноты публикаций системы работы со ШНОР и ШССУ"
)]
struct Cli {
    /// Папка сайта (где лежит site.toml); по умолчанию — текущая
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Собрать сайт в папку public/
    Build {
        /// Папка для готового сайта
        #[arg(long)]
        out: Option<PathBuf>,
        /// Адрес, по которому будет опубликован сайт (заменяет base_url из site.toml)
        #[arg(long)]
        base_url: Option<String>,
        /// Включить черновики (draft: true)
        #[arg(long)]
        drafts: bool,
        /// Считать сегодняшней эту дату (ГГГГ-ММ-ДД): от неё зависят предстоящие мероприятия
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Проверить, что опубликовано всё обязательное
    Check {
        /// Считать сегодняшней эту дату (ГГГГ-ММ-ДД): от неё зависят учебный год и сроки отчётов
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// Формат вывода
        #[arg(long, value_enum, default_value_t = crate::check::format::Format::Text)]
        format: crate::check::format::Format,
        /// Считать предупреждения ошибками (код выхода 1)
        #[arg(long)]
        strict: bool,
    },
    /// Запустить сайт для просмотра с обновлением при сохранении
    Serve,
    /// Создать новую запись
    New,
    /// Создать новый сайт
    Init,
}

fn parse_date(s: &str) -> Result<Date, String> {
    crate::dates::parse_iso(s)
        .ok_or_else(|| format!("дата должна быть в виде ГГГГ-ММ-ДД, а указано «{s}»"))
}

/// Today's date on this machine.
pub fn system_today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
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
        Command::Serve | Command::New | Command::Init => {
            eprintln!("эта команда появится в следующих версиях vitrina");
            2
        }
    }
}

fn print_findings(findings: &[Finding], root: &Path) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", render_text(findings, root, colour));
}

fn run_build(opts: BuildOptions) -> i32 {
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
            eprintln!(
                "Собрано: {} записей, {} страниц, {} файлов-вложений → {} за {:.2} с",
                summary.records,
                summary.pages,
                summary.attachments,
                summary.out.display(),
                started.elapsed().as_secs_f64()
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
            1
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
    report.exit_code(strict)
}
