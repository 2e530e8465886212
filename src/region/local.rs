//! A municipality given as a local site: loaded and checked as `vitrina check`
//! does, summarised as its `status.json` would be.

use crate::render::status::{self, Status};
use jiff::civil::Date;
use std::path::Path;

/// The site's status on `today`, or why it could not be checked (in Russian).
pub fn status(root: &Path, today: Date) -> Result<Status, String> {
    if !root.is_dir() {
        return Err(format!(
            "папка {} не найдена: проверьте root в файле региона",
            root.display()
        ));
    }
    if !root.join("site.toml").is_file() {
        return Err(format!(
            "в папке {} нет site.toml: это не сайт vitrina",
            root.display()
        ));
    }
    let (site, profile) = crate::build::open_site(root, false, None)
        .map_err(|f| format!("сайт не проверен: {}", located(&f)))?;
    crate::check::validate_profile(&profile)
        .map_err(|f| format!("сайт не проверен: {}", f.message))?;
    let report = crate::check::run(&site, &profile, today);
    Ok(status::compute(
        &site,
        &profile,
        &report,
        status::built_now(),
    ))
}

fn located(f: &crate::diagnostics::Finding) -> String {
    match f.location() {
        Some(at) => format!("{} ({at})", f.message),
        None => f.message.clone(),
    }
}
