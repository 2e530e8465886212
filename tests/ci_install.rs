//! The CI that `vitrina init` writes installs vitrina on a fresh runner (from the
//! project's repository at this version's tag, cached), and the project's own
//! release workflows build the static binary those sites may download instead.

use serde_yaml::Value;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_vitrina");
const TAG: &str = concat!("v", env!("CARGO_PKG_VERSION"));

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

fn init_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("sajt");
    let o = Command::new(BIN)
        .args(["init", site.to_str().unwrap(), "--today", "2026-11-24"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, site)
}

/// Every string under `key` anywhere in the document (`run:`, `script:` lines).
fn commands(v: &Value, keys: &[&str], out: &mut Vec<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                let is_command = k.as_str().is_some_and(|k| keys.contains(&k));
                match (is_command, v) {
                    (true, Value::String(s)) => out.push(s.clone()),
                    (true, Value::Sequence(items)) => {
                        out.extend(items.iter().filter_map(|i| i.as_str().map(String::from)))
                    }
                    _ => commands(v, keys, out),
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|i| commands(i, keys, out)),
        _ => {}
    }
}

/// The words of the `cargo install` command in `line`, variables substituted and
/// quotes removed (the templates use only simple double-quoted words).
fn cargo_install_words(line: &str, vars: &[(&str, &str)]) -> Vec<String> {
    let start = line.find("cargo install").expect("no cargo install");
    let mut cmd = line[start..].to_string();
    for (name, value) in vars {
        cmd = cmd.replace(&format!("\"${name}\""), value);
    }
    cmd.split_whitespace().map(String::from).collect()
}

/// Runs cargo with exactly the template's arguments against an empty local
/// "repository": cargo must get past argument parsing and fail only on the fetch.
fn assert_cargo_accepts(words: &[String], root: &Path) {
    assert_eq!(&words[..2], ["cargo", "install"]);
    let mut args: Vec<String> = words[2..].to_vec();
    if !args.iter().any(|a| a == "--root") {
        args.extend(["--root".into(), root.to_str().unwrap().into()]);
    }
    let o = Command::new(env!("CARGO"))
        .arg("install")
        .args(&args)
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    for refusal in ["unexpected argument", "invalid value", "Usage:"] {
        assert!(
            !stderr.contains(refusal),
            "cargo refused the template's arguments {args:?}: {stderr}"
        );
    }
}

#[test]
fn init_ci_templates_install_this_version_from_the_repository_with_cache() {
    let (tmp, site) = init_site();
    let github = yaml(&site.join(".github/workflows/vitrina.yml"));
    let gitlab = yaml(&site.join(".gitlab-ci.yml"));
    let repo = env!("CARGO_PKG_REPOSITORY");
    assert!(
        repo.starts_with("https://"),
        "Cargo.toml repository: {repo:?}"
    );
    assert_eq!(github["env"]["VITRINA_REPOSITORY"].as_str(), Some(repo));
    assert_eq!(github["env"]["VITRINA_VERSION"].as_str(), Some(TAG));
    assert_eq!(
        gitlab["variables"]["VITRINA_REPOSITORY"].as_str(),
        Some(repo)
    );
    assert_eq!(gitlab["variables"]["VITRINA_VERSION"].as_str(), Some(TAG));

    // An empty git repository stands for the project's one: no network.
    let fake_repo = tmp.path().join("repo");
    std::fs::create_dir(&fake_repo).unwrap();
    let fake_url = format!("file://{}", fake_repo.display());
    let vars = [
        ("VITRINA_REPOSITORY", fake_url.as_str()),
        ("VITRINA_VERSION", TAG),
    ];

    // GitHub: each job restores the binary from a cache keyed by the version and
    // installs only on a miss.
    for job in ["check", "build"] {
        let steps = github["jobs"][job]["steps"].as_sequence().unwrap();
        let cache = steps
            .iter()
            .find(|s| s["uses"].as_str() == Some("actions/cache@v4"))
            .unwrap_or_else(|| panic!("job {job} caches nothing"));
        assert_eq!(cache["with"]["path"].as_str(), Some("~/.cargo/bin/vitrina"));
        assert!(
            cache["with"]["key"]
                .as_str()
                .unwrap()
                .contains("${{ env.VITRINA_VERSION }}")
        );
        let install = steps
            .iter()
            .find(|s| {
                s["run"]
                    .as_str()
                    .is_some_and(|r| r.contains("cargo install"))
            })
            .unwrap();
        assert_eq!(
            install["if"].as_str(),
            Some("steps.cache.outputs.cache-hit != 'true'")
        );
        let words = cargo_install_words(install["run"].as_str().unwrap(), &vars);
        for flag in ["--locked", "--git", "--tag"] {
            assert!(words.iter().any(|w| w == flag), "{flag} missing: {words:?}");
        }
        assert_eq!(words.last().map(String::as_str), Some("vitrina"));
        assert_cargo_accepts(&words, &tmp.path().join("gh-root"));
    }

    // GitLab: installed into .vitrina/ inside the project (what GitLab can cache),
    // skipped when the cache already holds it, and put on PATH.
    assert_eq!(gitlab["cache"]["paths"][0].as_str(), Some(".vitrina/"));
    assert_eq!(
        gitlab["cache"]["key"].as_str(),
        Some("vitrina-$VITRINA_VERSION")
    );
    let mut before = Vec::new();
    commands(&gitlab, &["before_script"], &mut before);
    assert!(before[0].starts_with("test -x .vitrina/bin/vitrina || cargo install"));
    assert!(before[1].contains(".vitrina/bin:$PATH"));
    let words = cargo_install_words(&before[0], &vars);
    assert!(words.windows(2).any(|w| w == ["--root", ".vitrina"]));
    let gl_root = tmp.path().join("gl");
    std::fs::create_dir(&gl_root).unwrap();
    let words: Vec<String> = words
        .into_iter()
        .map(|w| {
            if w == ".vitrina" {
                gl_root.to_str().unwrap().into()
            } else {
                w
            }
        })
        .collect();
    assert_cargo_accepts(&words, &gl_root);

    // The old, unpublished way is gone.
    for file in [".github/workflows/vitrina.yml", ".gitlab-ci.yml"] {
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        assert!(!text.contains("cargo install --locked vitrina"), "{file}");
    }
    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == ".vitrina/"));
}

#[test]
fn release_workflows_build_a_static_linux_binary_with_checksum_on_a_tag() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let github = yaml(&root.join(".github/workflows/release.yml"));
    assert_eq!(github["on"]["push"]["tags"][0].as_str(), Some("v*"));
    assert_eq!(
        github["env"]["TARGET"].as_str(),
        Some("x86_64-unknown-linux-musl")
    );
    let gitlab = yaml(&root.join(".gitlab-ci.yml"));
    assert_eq!(
        gitlab["variables"]["TARGET"].as_str(),
        Some("x86_64-unknown-linux-musl")
    );
    assert_eq!(
        gitlab["linux-x86_64"]["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_TAG =~ /^v/")
    );
    for doc in [&github, &gitlab] {
        let mut lines = Vec::new();
        commands(doc, &["run", "script"], &mut lines);
        let all = lines.join("\n");
        for needed in [
            "rustup target add \"$TARGET\"",
            "cargo build --release --locked --target \"$TARGET\"",
            "not a dynamic executable",
            "sha256sum",
            "tar -czf",
        ] {
            assert!(
                all.contains(needed),
                "a release step lacks {needed:?}:\n{all}"
            );
        }
    }
    // Both refuse to publish a binary whose version differs from the tag.
    let mut lines = Vec::new();
    commands(&github, &["run"], &mut lines);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("test \"v$version\" = \"$GITHUB_REF_NAME\""))
    );
}
