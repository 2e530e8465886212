//! Site paths and the links between them. Links between pages of the built
//! site are relative (`../schools/sosh-1/`), so
//! `public/` works wherever it is put: opened from disk (`file://`), copied into
//! any folder of a server, or published at `base_url`. Absolute URLs are only
//! where a reader outside the site needs them (sitemap, feeds, canonical, Open
//! Graph, `status.json`); those use `Config::absolute_base`.

/// The link from the page at `from` to `to`, both site paths (`/schools/sosh-1/`,
/// `/static/style.css`, `/documents/#prikazy`). `from` is a page's folder (it
/// ends in `/`); the link climbs only as far as the two paths differ.
pub fn relative(from: &str, to: &str) -> String {
    // A fragment or query stays as written after the path.
    let split = to.find(['#', '?']).unwrap_or(to.len());
    let (path, suffix) = to.split_at(split);
    let (dirs, file) = path.rsplit_once('/').unwrap_or(("", path));
    // Every page has a dozen links or more: the folders are walked in step,
    // without collecting them (this was 3 % of a build's instructions).
    let mut here = folders(from);
    let mut there = folders(dirs).peekable();
    let mut climbs = 0;
    while let Some(dir) = here.next() {
        if there.peek() == Some(&dir) {
            there.next();
        } else {
            climbs = 1 + here.count();
            break;
        }
    }
    let mut link = String::with_capacity(3 * climbs + dirs.len() + to.len() - path.len() + 3);
    for _ in 0..climbs {
        link.push_str("../");
    }
    for dir in there {
        link.push_str(dir);
        link.push('/');
    }
    link.push_str(file);
    if link.is_empty() {
        link.push_str("./");
    }
    link.push_str(suffix);
    link
}

/// Where a page's folder `from` is, as far as links into the top-level folders
/// are concerned: how many folders deep it is and the first of them. Two pages at
/// the same place have the same link to `/`, to every section (`/schools/`) and
/// to every file in a top-level folder (`/events/calendar.ics`), as `relative`
/// only climbs as far as the paths differ.
pub fn place(from: &str) -> (usize, &str) {
    let mut folders = folders(from);
    let first = folders.next().unwrap_or("");
    (usize::from(!first.is_empty()) + folders.count(), first)
}

/// The folders of a site path, outermost first: `/events/2026/` → `events`, `2026`.
fn folders(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The folder of the page written at `path` (`schools/sosh-1/index.html`) as a
/// site path (`/schools/sosh-1/`).
pub fn page_dir(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("/{dir}/"),
        None => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_only_as_far_as_paths_differ() {
        assert_eq!(relative("/", "/"), "./");
        assert_eq!(relative("/", "/schools/"), "schools/");
        assert_eq!(relative("/", "/static/style.css"), "static/style.css");
        assert_eq!(relative("/schools/", "/schools/"), "./");
        assert_eq!(relative("/schools/", "/schools/sosh-1/"), "sosh-1/");
        assert_eq!(relative("/schools/sosh-1/", "/schools/"), "../");
        assert_eq!(relative("/schools/sosh-1/", "/"), "../../");
        assert_eq!(
            relative("/schools/sosh-1/", "/centres/mnc-1/"),
            "../../centres/mnc-1/"
        );
        assert_eq!(
            relative("/events/2026/seminar/", "/static/style.css"),
            "../../../static/style.css"
        );
        assert_eq!(
            relative("/documents/files/", "/documents/files/prikaz-285.pdf"),
            "prikaz-285.pdf"
        );
        assert_eq!(relative("/", "/documents/#prikazy"), "documents/#prikazy");
        assert_eq!(relative("/search/", "/search/?q=x"), "./?q=x");
    }

    /// The definition, written plainly: climb out of every folder of `from` past
    /// the folders the two paths share, then down into the rest of `to`.
    fn relative_by_definition(from: &str, to: &str) -> String {
        let split = to.find(['#', '?']).unwrap_or(to.len());
        let (path, suffix) = to.split_at(split);
        let here: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
        let (dirs, file) = path.rsplit_once('/').unwrap_or(("", path));
        let there: Vec<&str> = dirs.split('/').filter(|s| !s.is_empty()).collect();
        let common = here.iter().zip(&there).take_while(|(a, b)| a == b).count();
        let mut link = "../".repeat(here.len() - common);
        for dir in &there[common..] {
            link.push_str(dir);
            link.push('/');
        }
        link.push_str(file);
        if link.is_empty() {
            link.push_str("./");
        }
        link.push_str(suffix);
        link
    }

    proptest::proptest! {
        #[test]
        fn links_are_what_the_definition_says(
            from in proptest::collection::vec("[ab]{1,2}", 0..4),
            to in proptest::collection::vec("[ab]{1,2}", 0..4),
            file in "(|index\\.html|a)",
            suffix in "(|#a|\\?q=a/b)",
        ) {
            let from = format!("/{}", from.iter().map(|d| format!("{d}/")).collect::<String>());
            let to = format!("/{}{file}{suffix}", to.iter().map(|d| format!("{d}/")).collect::<String>());
            proptest::prop_assert_eq!(relative(&from, &to), relative_by_definition(&from, &to));
        }
    }

    proptest::proptest! {
        #[test]
        fn pages_at_one_place_link_alike_into_top_level_folders(
            depth in 0usize..4,
            a in proptest::collection::vec("[ab]{1,2}", 3),
            b in proptest::collection::vec("[ab]{1,2}", 3),
            top in "(|a|b|aa)",
            file in "(|feed\\.atom|calendar\\.ics)",
        ) {
            // Two folders as deep as each other, at one place or not.
            let folder = |dirs: &[String]| format!("/{}", dirs[..depth].iter().map(|d| format!("{d}/")).collect::<String>());
            let (a, b) = (folder(&a), folder(&b));
            let to = if top.is_empty() { format!("/{file}") } else { format!("/{top}/{file}") };
            if place(&a) == place(&b) {
                proptest::prop_assert_eq!(relative(&a, &to), relative(&b, &to));
            }
        }
    }

    #[test]
    fn places_are_depth_and_first_folder() {
        assert_eq!(place("/"), (0, ""));
        assert_eq!(place("/schools/"), (1, "schools"));
        assert_eq!(place("/events/2026/seminar/"), (3, "events"));
    }

    #[test]
    fn page_folders_come_from_output_paths() {
        assert_eq!(page_dir("index.html"), "/");
        assert_eq!(page_dir("schools/sosh-1/index.html"), "/schools/sosh-1/");
    }
}
