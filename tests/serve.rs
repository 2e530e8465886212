//! `vitrina serve` as a real process: pages over HTTP, rebuild on change, the
//! reload event, the error page and its recovery, and paths that try to escape.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::example_site;

const BIN: &str = env!("CARGO_BIN_EXE_vitrina");
/// How long a change may take to show up before a test gives up.
const WAIT: Duration = Duration::from_secs(10);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The server process; killed when the test ends, however it ends.
struct Server {
    child: Child,
    port: u16,
    agent: ureq::Agent,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        Server::start_with_log(root, Stdio::null())
    }

    /// [`Server::start`] with the server's terminal output (stderr) going to `log`.
    fn start_with_log(root: &Path, log: impl Into<Stdio>) -> Server {
        let port = free_port();
        let child = Command::new(BIN)
            .arg("--root")
            .arg(root)
            .args([
                "serve",
                "--port",
                &port.to_string(),
                "--today",
                "2026-11-24",
            ])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(5)))
            // The server closes a connection that sends no request for 10 s
            // (hyper's header timeout also runs while a kept-alive connection
            // idles); a pooled connection older than that may be closed just as
            // it is reused, so the pool lets connections go well before.
            .max_idle_age(Duration::from_secs(3))
            .build()
            .into();
        let mut server = Server { child, port, agent };
        let started = Instant::now();
        while server.try_get("/").is_none() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("vitrina serve exited: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "server did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn try_get(&self, path: &str) -> Option<(u16, String)> {
        let url = format!("http://127.0.0.1:{}{path}", self.port);
        let response = self.agent.get(&url).call().ok()?;
        let status = response.status().as_u16();
        let body = response.into_body().read_to_string().ok()?;
        Some((status, body))
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.try_get(path)
            .unwrap_or_else(|| panic!("GET {path} failed"))
    }

    /// Polls `path` until `ok` holds for the response (at most [`WAIT`]).
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if ok(status, &body) {
                return body;
            }
            assert!(
                started.elapsed() < WAIT,
                "{path}: {what} did not happen; last response {status}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A raw request, exactly as written (clients normalise `..`; attackers don't).
    fn raw(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, text)
    }
}

/// A reader of the reload event stream.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__vitrina/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.wait_for("event: hello");
        events
    }

    fn wait_for(&mut self, needle: &str) {
        let started = Instant::now();
        let mut buf = [0u8; 4096];
        while !self.seen.contains(needle) {
            assert!(
                started.elapsed() < WAIT,
                "no «{needle}» in the event stream:\n{}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {} // read timeout: poll again
            }
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no «{from}»", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serves_the_site_and_reloads_after_a_change() {
    let (_tmp, root) = example_site();
    let server = Server::start(&root);

    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Система работы со ШНОР и ШССУ"));
    assert!(home.contains("/__vitrina/events"), "no reload script");
    let (status, page) = server.get("/schools/sosh-10/");
    assert_eq!(status, 200);
    assert!(page.contains("МБОУ СОШ №\u{a0}10"));
    // Links point at the server, not at the published base_url.
    assert!(
        page.contains(&format!(
            "http://127.0.0.1:{}/schools/sosh-10/",
            server.port
        )),
        "canonical link not rewritten"
    );
    let (status, css) = server.get("/static/style.css");
    assert_eq!(status, 200);
    assert!(!css.contains("/__vitrina/events"));
    let (status, _) = server.get("/net-takoy-stranicy/");
    assert_eq!(status, 404);

    let mut events = Events::open(server.port);
    edit(
        &root.join("content/schools/sosh-10.yaml"),
        "short_name: МБОУ СОШ № 10",
        "short_name: МБОУ СОШ № 10 имени Героя",
    );
    server.wait_for("/schools/sosh-10/", "the new name", |s, b| {
        s == 200 && b.contains("МБОУ СОШ №\u{a0}10 имени Героя")
    });
    // The edited page is named in its reload event (other open pages stay put).
    events.wait_for("event: reload\ndata: /schools/sosh-10/");
    // The pages that show the school change too, right after.
    for path in ["/schools/", "/roadmaps/sosh-10-2026-2027/"] {
        server.wait_for(path, "the new name", |s, b| {
            s == 200 && b.contains("МБОУ СОШ №\u{a0}10 имени Героя")
        });
    }

    // A new record appears without a restart.
    std::fs::write(
        root.join("content/events/2027/novyj-seminar.md"),
        "---\ntitle: Новый семинар для наставников\ndate: 2027-02-10\n---\nАнонс.\n",
    )
    .unwrap();
    server.wait_for("/events/2027/novyj-seminar/", "the new event", |s, b| {
        s == 200 && b.contains("Новый семинар для наставников")
    });
    server.wait_for("/events/", "the new event in the index", |s, b| {
        s == 200 && b.contains("Новый семинар для наставников")
    });
}

#[test]
fn a_broken_record_shows_the_error_and_the_site_comes_back() {
    let (_tmp, root) = example_site();
    let server = Server::start(&root);
    let school = root.join("content/schools/sosh-10.yaml");
    let good = std::fs::read_to_string(&school).unwrap();
    let mut events = Events::open(server.port);

    std::fs::write(
        &school,
        good.replace(
            "categories: [shnor, shssu]",
            "categories: [shnor, <b>не закрыто]",
        ),
    )
    .unwrap();
    let page = server.wait_for("/schools/sosh-10/", "the error page", |s, _| s == 500);
    assert!(page.contains("Сайт не собран"), "{page}");
    assert!(page.contains("content/schools/sosh-10.yaml:3:"), "{page}");
    assert!(
        page.contains("&lt;b&gt;не закрыто"),
        "source line not shown escaped: {page}"
    );
    assert!(!page.contains("<b>не закрыто"));
    assert!(
        page.contains("/__vitrina/events"),
        "the error page must reload itself"
    );
    events.wait_for("event: reload");
    // Every page shows the error, not stale content.
    let (status, home) = server.get("/");
    assert_eq!(status, 500);
    assert!(home.contains("Сайт не собран"));

    std::fs::write(&school, &good).unwrap();
    server.wait_for("/schools/sosh-10/", "the page again", |s, b| {
        s == 200 && b.contains("МБОУ СОШ №\u{a0}10")
    });
}

#[test]
fn banner_counts_check_findings_and_links_the_report() {
    let (_tmp, root) = example_site();
    let server = Server::start(&root);
    let (_, home) = server.get("/");
    assert!(
        !home.contains("vitrina-banner"),
        "the example site is complete"
    );

    // A misspelt field is an `unknown-field` warning: the site still builds.
    let school = root.join("content/schools/sosh-10.yaml");
    let mut text = std::fs::read_to_string(&school).unwrap();
    text.push_str("adress: ул. Садовая, 1\n");
    std::fs::write(&school, text).unwrap();
    let page = server.wait_for("/schools/", "the banner", |s, b| {
        s == 200 && b.contains("Замечаний в материалах: 1")
    });
    assert!(page.contains("href=\"/__vitrina/check.html\""), "{page}");
    let (status, report) = server.get("/__vitrina/check.html");
    assert_eq!(status, 200);
    assert!(report.contains("unknown-field"), "{report}");
    assert!(report.contains("content/schools/sosh-10.yaml"), "{report}");
}

#[test]
fn paths_never_escape_the_output() {
    let (tmp, root) = example_site();
    let marker = "СЕКРЕТНОЕ-СОДЕРЖИМОЕ-42";
    std::fs::write(root.join("secret.txt"), marker).unwrap();
    std::fs::write(tmp.path().join("secret.txt"), marker).unwrap();
    let server = Server::start(&root);
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/static%2f..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/.%2e/secret.txt",
        "//secret.txt",
        "/secret.txt",
        "/site.toml",
        "/content/schools/sosh-10.yaml",
        "/etc/passwd",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
    ];
    for path in attempts {
        let (status, body) = server.raw(path);
        assert!(
            status == 400 || status == 404,
            "{path}: status {status}\n{body}"
        );
        assert!(!body.contains(marker), "{path} leaked a file");
        assert!(!body.contains("root:x:0:0"), "{path} leaked /etc/passwd");
        assert!(
            !body.contains("report_grace_days"),
            "{path} leaked site.toml"
        );
        assert!(
            !body.contains("short_name:"),
            "{path} leaked a source record"
        );
    }
    // Absolute-form request targets (as sent to a proxy) are checked the same way.
    for path in [
        format!("http://127.0.0.1:{}/../secret.txt", server.port),
        format!("http://127.0.0.1:{}/%2e%2e/%2e%2e/secret.txt", server.port),
    ] {
        let (status, body) = server.raw(&path);
        assert!(
            status == 400 || status == 404,
            "{path}: status {status}\n{body}"
        );
        assert!(!body.contains(marker), "{path} leaked a file");
    }
    // The same server still serves real pages.
    assert_eq!(server.raw("/schools/sosh-10/").0, 200);
}

#[test]
fn a_port_in_use_is_refused_with_a_suggestion() {
    let (_tmp, root) = example_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(BIN)
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", &port.to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("порт {port}")), "{stderr}");
    assert!(stderr.contains("уже занят"), "{stderr}");
    assert!(stderr.contains("vitrina serve --port "), "{stderr}");
}

#[test]
fn a_site_broken_from_the_start_is_served_as_the_error_page() {
    let (_tmp, root) = example_site();
    let event = root.join("content/events/2027/slomannoe.md");
    std::fs::write(&event, "---\ntitle: Семинар\ndate: 31.12.2026\n---\n").unwrap();
    let server = Server::start(&root);
    let (status, page) = server.get("/");
    assert_eq!(status, 500);
    assert!(
        page.contains("content/events/2027/slomannoe.md:3:"),
        "{page}"
    );
    assert!(page.contains("ГГГГ-ММ-ДД"), "{page}");
    // The message is shown once (not again inside the quoted source).
    let message = "в поле «date» должна быть дата";
    assert_eq!(page.matches(message).count(), 1, "{page}");
    assert_eq!(page.matches("slomannoe.md:3:").count(), 1, "{page}");
    std::fs::write(&event, "---\ntitle: Семинар\ndate: 2026-12-31\n---\n").unwrap();
    server.wait_for("/events/2027/slomannoe/", "the fixed event", |s, b| {
        s == 200 && b.contains("Семинар")
    });
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn content_removed_and_restored_is_watched_again() {
    let (tmp, root) = example_site();
    let server = Server::start(&root);
    server.wait_for("/schools/sosh-10/", "the school", |s, _| s == 200);
    // Removed (as `git stash` or a move to a backup does) and copied back: a new
    // folder, whose files the old watch no longer sees.
    let backup = tmp.path().join("content-backup");
    std::fs::rename(root.join("content"), &backup).unwrap();
    server.wait_for("/schools/sosh-10/", "the page to go", |s, _| s != 200);
    common::copy_dir(&backup, &root.join("content"));
    server.wait_for("/schools/sosh-10/", "the page to come back", |s, _| {
        s == 200
    });
    edit(
        &root.join("content/schools/sosh-10.yaml"),
        "short_name: МБОУ СОШ № 10",
        "short_name: МБОУ СОШ № 10 после восстановления",
    );
    server.wait_for("/schools/sosh-10/", "the edit after the restore", |s, b| {
        s == 200 && b.contains("после восстановления")
    });
}

#[test]
fn a_double_slash_path_never_redirects_to_another_host() {
    let (_tmp, root) = example_site();
    let server = Server::start(&root);
    for path in ["//schools", "///schools", "//schools//sosh-10"] {
        let (status, response) = server.raw(path);
        assert_eq!(status, 301, "{path}: {response}");
        let location = response
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_else(|| panic!("{path}: no location in {response}"));
        assert!(
            location.starts_with('/') && !location.starts_with("//"),
            "{path} → {location}"
        );
    }
}

#[test]
fn a_client_that_never_sends_its_headers_is_disconnected() {
    let (_tmp, root) = example_site();
    let server = Server::start(&root);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    // Half a request line, then nothing: the server closes the connection after
    // its header timeout (10 s) instead of holding it forever. The read timeout is
    // only the test's guard against hanging.
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut rest = Vec::new();
    let result = stream.read_to_end(&mut rest);
    assert!(
        result.is_ok()
            || result
                .as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
        "the connection was not closed: {result:?}"
    );
    // The server still answers others.
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn build_time_is_printed_with_a_decimal_comma() {
    let (tmp, root) = example_site();
    let log_path = tmp.path().join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let server = Server::start_with_log(&root, log);
    drop(server);
    let log = std::fs::read_to_string(&log_path).unwrap();
    let line = log
        .lines()
        .find(|l| l.starts_with("Сайт собран за "))
        .unwrap_or_else(|| panic!("no build line: {log}"));
    let seconds = line
        .strip_prefix("Сайт собран за ")
        .and_then(|rest| rest.split(' ').next())
        .unwrap();
    assert!(
        seconds.contains(',') && !seconds.contains('.'),
        "not a Russian number: {line}"
    );
}
