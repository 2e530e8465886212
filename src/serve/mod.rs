//! `vitrina serve`: builds the site into memory, serves it over HTTP (axum),
//! watches the sources (notify, debounced) and rebuilds only what a change
//! affects ([`rebuild`]), then tells the open pages that changed to reload
//! (server-sent events). A change that breaks the site serves an error page until it is fixed.

pub mod http;
mod listen;
pub mod rebuild;

use crate::config::SiteConfig;
use crate::diagnostics::{Finding, render_text};
use http::{App, Served, error_page};
use jiff::civil::Date;
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use rebuild::{Builder, Update};
use std::collections::HashSet;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

pub const DEFAULT_PORT: u16 = 1111;

pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub drafts: bool,
    pub today: Option<Date>,
}

/// How long the watcher waits after the last change to a file before rebuilding;
/// every save pays it. It must cover one save: editors write a record in one go
/// (truncate and write, microseconds apart for a file of a few kilobytes) or
/// write a temporary file and rename it over the record (also microseconds) —
/// a rebuild between the two would show a half-written record as an error for
/// a moment. 25 ms is a hundred times that, with room for a busy disk or
/// several files saved at once ("save all"), and a fifth of the 100 ms it was;
/// a rebuild of the edited page itself now takes about a millisecond. Changes
/// are seen within 25–31 ms (the debouncer checks every quarter of it).
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// The folders (and file) watched under the site root.
const WATCHED_DIRS: [&str; 5] = ["content", "templates", "themes", "static", "profiles"];

/// Runs the server until the process is stopped; returns the exit code when it
/// cannot start.
pub fn run(mut opts: ServeOptions) -> i32 {
    let colour = false;
    // Absolute, so the watcher's paths and the loader's paths compare equal.
    if let Ok(abs) = opts.root.canonicalize() {
        opts.root = abs;
    }
    if let Err(f) = SiteConfig::load(&opts.root) {
        eprint!("{}", render_text(&[f], &opts.root, colour));
        return 2;
    }
    let listener = match TcpListener::bind((opts.bind, opts.port)) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            let free = (opts.port.saturating_add(1)..opts.port.saturating_add(100))
                .find(|p| TcpListener::bind((opts.bind, *p)).is_ok());
            let suggestion = match free {
                Some(p) => format!("vitrina serve --port {p}"),
                None => "vitrina serve --port НОМЕР".to_string(),
            };
            eprintln!(
                "ошибка: порт {} на адресе {} уже занят — возможно, vitrina serve уже запущена в другом окне.\n  = подсказка: закройте её или выберите другой порт: {suggestion}",
                opts.port, opts.bind
            );
            return 2;
        }
        Err(e) => {
            eprintln!(
                "ошибка: не удалось открыть порт {} на адресе {}: {}\n  = подсказка: выберите другой порт (--port) или адрес (--bind), например --bind 127.0.0.1",
                opts.port,
                opts.bind,
                crate::os_error::describe(&e)
            );
            return 2;
        }
    };
    let addr: SocketAddr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "ошибка: не удалось узнать адрес сервера: {}",
                crate::os_error::describe(&e)
            );
            return 2;
        }
    };
    // Bound to every interface: pages link to this computer's loopback address;
    // other computers use this computer's address with the same port.
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::new(
            if addr.is_ipv4() {
                IpAddr::from([127, 0, 0, 1])
            } else {
                IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
            },
            addr.port(),
        )
    } else {
        addr
    };
    let base_url = format!("http://{shown}");
    let app = match start(&opts, base_url.clone()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!(
                "ошибка: не удалось запустить наблюдение за файлами: {}",
                crate::os_error::describe(&e)
            );
            return 2;
        }
    };

    if addr.ip().is_unspecified() {
        println!(
            "Сайт доступен по адресу {base_url}/ и с других компьютеров сети по адресу этого компьютера, порт {} — остановить: Ctrl+C",
            addr.port()
        );
    } else {
        println!("Сайт доступен по адресу {base_url}/ — остановить: Ctrl+C");
    }
    let _ = std::io::stdout().flush();

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!(
                "ошибка: не удалось запустить сервер: {}",
                crate::os_error::describe(&e)
            );
            return 2;
        }
    };
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        listen::serve(listener, http::router(app)).await
    });
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ошибка сервера: {}", crate::os_error::describe(&e));
            2
        }
    }
}

/// Builds the site into memory and keeps it up to date from a thread that
/// watches the sources: `vitrina serve` without its HTTP side (which serves
/// the returned [`App`]). Logs go to stderr.
pub fn start(opts: &ServeOptions, base_url: String) -> std::io::Result<Arc<App>> {
    let (reload, _) = tokio::sync::watch::channel(http::Reload::default());
    let app = Arc::new(App {
        served: RwLock::new(Served::default()),
        reload,
    });

    let mut builder = Builder::new(&opts.root, base_url, opts.drafts, opts.today);
    let started = Instant::now();
    let first = builder.initial().map(Some);
    publish(&app, first, &opts.root, started, false);

    // Watches are in place before the first request is answered: a change saved
    // right after the page loads is never missed.
    let watcher = Watcher::start(&opts.root);
    let root = opts.root.clone();
    let watcher_app = app.clone();
    std::thread::Builder::new()
        .name("vitrina-watch".into())
        .spawn(move || {
            if let Some(watcher) = watcher {
                watcher.run(root, builder, watcher_app)
            }
        })?;
    Ok(app)
}

/// Puts a rebuild's result on the air and tells open pages to reload when
/// something they show changed. `rest`: the second part of a rebuild
/// ([`Builder::finish`]), for the log line.
fn publish(
    app: &App,
    result: Result<Option<Update>, Vec<Finding>>,
    root: &Path,
    started: Instant,
    rest: bool,
) {
    let seconds = started.elapsed().as_secs_f64();
    // `None`: every page.
    let changed: Option<Vec<String>> = {
        let mut served = app
            .served
            .write()
            .expect("no thread panics holding the lock");
        match result {
            Ok(None) => Some(Vec::new()),
            Ok(Some(update)) => {
                let was_error = served.error.take().is_some();
                let findings_changed = update.findings.is_some_and(|n| n != served.findings);
                if let Some(n) = update.findings {
                    served.findings = n;
                }
                let full = update.full;
                let pages = update.pages;
                let written = update.apply_to(&mut served.files);
                eprintln!(
                    "{} за {} с: страниц отрисовано — {}, изменилось файлов — {}{}",
                    if full {
                        "Сайт собран"
                    } else if rest {
                        "Остальные страницы обновлены"
                    } else {
                        "Пересобрано"
                    },
                    crate::numbers::decimal(seconds, 3),
                    pages,
                    written.len(),
                    if served.findings > 0 {
                        format!("; замечаний — {} (vitrina check)", served.findings)
                    } else {
                        String::new()
                    }
                );
                if was_error || findings_changed || full {
                    None
                } else {
                    Some(
                        written
                            .iter()
                            .filter(|k| k.ends_with(".html"))
                            .map(|k| http::url_of_key(k))
                            .collect(),
                    )
                }
            }
            Err(findings) => {
                eprint!("{}", render_text(&findings, root, false));
                eprintln!(
                    "Сайт не собран: ошибок — {}. В браузере показана страница с ошибками; исправьте файл и сохраните.",
                    findings.len()
                );
                let page = error_page(&findings, root);
                let changed = served.error.as_deref() != Some(page.as_str());
                served.error = Some(page);
                if changed { None } else { Some(Vec::new()) }
            }
        }
    };
    if changed.as_ref().is_none_or(|pages| !pages.is_empty()) {
        app.reload.send_modify(|reload| {
            reload.generation += 1;
            reload.pages = changed.map(Arc::new);
        });
    }
}

type FileWatcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

struct Watcher {
    debouncer: FileWatcher,
    events: std::sync::mpsc::Receiver<DebounceEventResult>,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    fn start(root: &Path) -> Option<Watcher> {
        let (tx, events) = std::sync::mpsc::channel::<DebounceEventResult>();
        let debouncer = match new_debouncer(DEBOUNCE, None, tx) {
            Ok(d) => d,
            Err(e) => {
                eprintln!(
                    "ошибка: не удалось следить за изменениями файлов: {}; сайт не будет обновляться сам",
                    watch_error(&e)
                );
                return None;
            }
        };
        let mut watcher = Watcher {
            debouncer,
            events,
            watched: HashSet::new(),
        };
        watcher.watch_dirs(root);
        // The root itself, not recursively: site.toml, and folders created later.
        if let Err(e) = watcher.debouncer.watch(root, RecursiveMode::NonRecursive) {
            eprintln!(
                "предупреждение: не удалось следить за site.toml: {}",
                watch_error(&e)
            );
        }
        Some(watcher)
    }

    /// Watches the source folders that exist and are not watched yet.
    fn watch_dirs(&mut self, root: &Path) {
        // A folder removed and created again needs a new watch.
        let gone: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|p| !p.is_dir())
            .cloned()
            .collect();
        for path in gone {
            let _ = self.debouncer.unwatch(&path);
            self.watched.remove(&path);
        }
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() && !self.watched.contains(&path) {
                match self.debouncer.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(path);
                    }
                    Err(e) => eprintln!(
                        "предупреждение: не удалось следить за {}: {}",
                        path.display(),
                        watch_error(&e)
                    ),
                }
            }
        }
    }

    fn run(mut self, root: PathBuf, mut builder: Builder, app: Arc<App>) {
        loop {
            // The rest of the last rebuild waits while changes keep coming: the
            // next rebuild puts its page on the air first, then finishes both.
            let next = if builder.has_pending() {
                match self.events.try_recv() {
                    Ok(result) => Ok(result),
                    Err(std::sync::mpsc::TryRecvError::Empty) => {
                        let started = Instant::now();
                        let result = builder.finish();
                        publish(&app, result, &root, started, true);
                        continue;
                    }
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
                }
            } else {
                self.events.recv_timeout(Duration::from_secs(60))
            };
            let result = match next {
                Ok(result) => result,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let started = Instant::now();
                    let result = builder.new_day();
                    publish(&app, result, &root, started, false);
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let events = match result {
                Ok(events) => events,
                Err(errors) => {
                    for e in errors {
                        eprintln!("предупреждение: наблюдение за файлами: {}", watch_error(&e));
                    }
                    continue;
                }
            };
            let mut paths: Vec<PathBuf> = Vec::new();
            for event in events {
                // Reading the sources while building must not trigger another build.
                if event.kind.is_access() {
                    continue;
                }
                for p in &event.paths {
                    // `content/` itself is kept: removed and restored (a `git
                    // checkout`, a copy back from a backup) it is a new folder to
                    // watch and to read again.
                    if *p == root || paths.contains(p) {
                        continue;
                    }
                    paths.push(p.clone());
                }
            }
            self.watch_dirs(&root);
            if paths.is_empty() {
                continue;
            }
            let started = Instant::now();
            let result = builder.apply(&paths);
            publish(&app, result, &root, started, false);
        }
    }
}

/// A file-watching error in Russian (notify's own texts are English).
fn watch_error(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Io(io) => crate::os_error::describe(io),
        notify::ErrorKind::PathNotFound => "папка не найдена".into(),
        notify::ErrorKind::WatchNotFound => "наблюдение уже снято".into(),
        notify::ErrorKind::MaxFilesWatch => {
            "достигнут системный предел числа наблюдаемых папок (увеличьте fs.inotify.max_user_watches)".into()
        }
        notify::ErrorKind::InvalidConfig(_) | notify::ErrorKind::Generic(_) => {
            "ошибка системы наблюдения за файлами".into()
        }
    }
}
