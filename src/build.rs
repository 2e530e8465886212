//! `vitrina build`: load → resolve → render → write, refusing a site with
//! unreadable records.

use crate::config::SiteConfig;
use crate::diagnostics::{Finding, RuleId};
use crate::model::Site;
use crate::output::{Staging, prepare_output_dir};
use crate::profile::Profile;
use crate::render::{RenderInput, Theme, render_site};
use jiff::civil::Date;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Loads and resolves the site at `root`. Fails only when the site cannot be read
/// at all (no or broken `site.toml`, broken profile); problems in records are in
/// `Site::findings`.
pub fn open_site(
    root: &Path,
    include_drafts: bool,
    base_url: Option<&str>,
) -> Result<(Site, Profile), Finding> {
    let mut config = SiteConfig::load(root)?;
    if let Some(url) = base_url {
        if let Some(problem) = crate::config_guard::base_url_problem(url) {
            return Err(
                Finding::error(RuleId::InvalidConfig, format!("--base-url: {problem}"))
                    .hint("например --base-url https://obr.example.ru/shnor/"),
            );
        }
        config.base_url = url.to_string();
    }
    let profile = Profile::for_site(root, config.profile.as_deref())?;
    let loaded = crate::load::load_content(root);
    let site = crate::resolve::resolve(root, config, loaded, include_drafts);
    Ok((site, profile))
}

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub today: Date,
}

pub struct BuildSummary {
    pub out: PathBuf,
    pub pages: usize,
    pub records: usize,
    pub attachments: usize,
    /// Problems that do not stop the build (broken references, missing files).
    pub warnings: Vec<Finding>,
}

/// Why a build did not complete.
pub enum BuildError {
    /// The build could not start (settings, output directory).
    Setup(Finding),
    /// Records or templates are broken; every problem found.
    Content(Vec<Finding>),
}

pub fn build(opts: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let (site, profile) = match open_site(&opts.root, opts.drafts, opts.base_url.as_deref()) {
        Ok(opened) => opened,
        // site.toml is there but broken: the records are still read, so their
        // problems are reported in the same run as the settings'.
        Err(f) if is_setting(&f) && opts.root.join("site.toml").is_file() => {
            let mut all = vec![f];
            let mut records = crate::load::load_content(&opts.root).findings;
            crate::diagnostics::sort(&mut records);
            all.extend(records);
            return Err(BuildError::Content(all));
        }
        Err(f) => return Err(BuildError::Setup(f)),
    };
    // The theme is compiled before records are judged, so a broken template and
    // broken records are reported in the same run.
    let theme = Theme::load(&opts.root, &site.config.theme);
    if site.has_fatal_findings() || theme.is_err() {
        let mut fatal: Vec<Finding> = site.fatal_findings().cloned().chain(theme.err()).collect();
        crate::diagnostics::sort(&mut fatal);
        return Err(BuildError::Content(fatal));
    }
    let theme = theme.map_err(|f| BuildError::Content(vec![f]))?;
    let out = opts.out.clone().unwrap_or_else(|| opts.root.join("public"));
    // A link named `public` stays; the folder it points to is what is replaced.
    let out = prepare_output_dir(&opts.root, &out).map_err(BuildError::Setup)?;
    let staging = Staging::begin(&out).map_err(|e| BuildError::Setup(io_finding(&out, e)))?;

    let input = RenderInput {
        site: &site,
        profile: &profile,
        today: opts.today,
        here: None,
        shared: &Default::default(),
    };
    let pages = render_site(&input, &theme, &|path, bytes| staging.write(path, bytes))
        .map_err(BuildError::Content)?;
    // Attachments are copied in parallel: at 100,000 records there are ~9,000.
    let sources: Vec<(&PathBuf, &str)> = site
        .records
        .iter()
        .flat_map(|r| r.attachments())
        .filter_map(|a| a.source.as_ref().map(|s| (s, a.output_path.as_str())))
        .collect();
    let attachments = sources.len();
    let mut copy_errors: Vec<Finding> = sources
        .into_par_iter()
        .filter_map(|(source, path)| {
            staging
                .copy(source, path)
                .err()
                .map(|e| io_finding(source, e))
        })
        .collect();
    if !copy_errors.is_empty() {
        copy_errors.truncate(1);
        return Err(BuildError::Content(copy_errors));
    }
    staging
        .commit()
        .map_err(|e| BuildError::Setup(io_finding(&out, e)))?;
    let mut warnings = site.findings.clone();
    profile.apply(&mut warnings);
    crate::diagnostics::sort(&mut warnings);
    let summary = BuildSummary {
        out,
        pages,
        records: site.records.len(),
        attachments,
        warnings,
    };
    // Freeing the records one by one took 25 ms at the end of a 10,000-record
    // build, on one core, with `vitrina build` about to exit: it is done beside.
    // Should no thread be had, the refused closure drops the site right here, as
    // before (`thread::spawn` would panic after a build that succeeded).
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    Ok(summary)
}

/// A finding about the site's settings (site.toml, the profile, the theme): the
/// build could not run as configured, exit code 2.
pub fn is_setting(f: &Finding) -> bool {
    matches!(f.rule, RuleId::InvalidConfig | RuleId::InvalidProfile)
}

fn io_finding(path: &Path, e: std::io::Error) -> Finding {
    Finding::error(
        RuleId::WriteError,
        format!(
            "ошибка записи {}: {}",
            path.display(),
            crate::os_error::describe(&e)
        ),
    )
}
