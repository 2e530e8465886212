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
    Check,
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
        Command::Check | Command::Serve | Command::New | Command::Init => {
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
            // Broken settings among them: the build could not run as configured.
            if findings.iter().any(crate::build::is_setting) {
                2
            } else {
                1
            }
        }
    }
}
