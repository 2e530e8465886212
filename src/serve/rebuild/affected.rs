//! Which records a change can show up on: the changed ones and those within two
//! references of them, along every kind's references and backlinks (generic: a
//! new kind needs nothing here).

use crate::model::{RecordIdx, Site};
use crate::render::record_page_path;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Pages and files still to bring up to date after the first part of incremental
/// rebuilds (the edited records' own pages); see [`Builder::finish`].
#[derive(Default)]
pub(super) struct Pending {
    /// Records whose pages can show something of the changes (ids: indices shift
    /// from one resolve to the next).
    pub(super) ids: BTreeSet<String>,
    /// Output paths of pages and attachments that may be gone.
    pub(super) removed: BTreeSet<String>,
}

impl Pending {
    pub(super) fn merge(&mut self, other: Pending) {
        self.ids.extend(other.ids);
        self.removed.extend(other.removed);
    }
}

/// The seeds and the records within two steps of them along references and
/// backlinks (ids; seeds not in the site are kept as they are).
pub(super) fn reach(site: &Site, seeds: &BTreeSet<String>) -> BTreeSet<String> {
    let mut seen: HashSet<RecordIdx> = seeds.iter().filter_map(|id| site.get(id)).collect();
    let mut frontier: Vec<RecordIdx> = seen.iter().copied().collect();
    let mentions = mentions(site);
    for _ in 0..2 {
        let mut next = Vec::new();
        for idx in frontier {
            let mentioned = mentions.get(&idx).into_iter().flatten().copied();
            for n in neighbours(site, idx).chain(mentioned) {
                if seen.insert(n) {
                    next.push(n);
                }
            }
        }
        frontier = next;
    }
    let mut ids = seeds.clone();
    ids.extend(seen.into_iter().map(|i| site.records[i].id.clone()));
    ids
}

/// The output paths of these records' pages and attachments in the old site:
/// removed after the rest of the rebuild unless produced again or still attached.
pub(super) fn old_paths(old: &Site, ids: &BTreeSet<String>) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for id in ids {
        if let Some(idx) = old.get(id) {
            paths.extend(
                old.records[idx]
                    .attachments()
                    .iter()
                    .map(|a| a.output_path.clone()),
            );
            paths.insert(record_page_path(old, idx));
        }
    }
    paths
}

/// Record → the records whose backlinks name it. Most backlinks mirror a
/// reference field and are found through `references()` already; a kind may also
/// link records from data outside its fields (a monitoring table's rows name
/// schools), and only the backlinks show those.
fn mentions(site: &Site) -> HashMap<RecordIdx, Vec<RecordIdx>> {
    let mut map: HashMap<RecordIdx, Vec<RecordIdx>> = HashMap::new();
    for (target, links) in site.backlinks.iter().enumerate() {
        for &(_, from) in &links.0 {
            map.entry(from).or_default().push(target);
        }
    }
    map
}

/// The records a record references and the records that reference it.
fn neighbours(site: &Site, idx: RecordIdx) -> impl Iterator<Item = RecordIdx> + '_ {
    site.records[idx]
        .kind
        .data()
        .references()
        .into_iter()
        .filter_map(|(_, reference)| reference.target)
        .chain(site.backlinks[idx].all())
}
