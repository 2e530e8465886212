//! One answer to "is this profile item satisfied, and by which records?": used
//! by `vitrina check` (item status, `section-empty`), the home page (counts and
//! latest dates) and `vitrina serve` (through both), so they cannot disagree.

use crate::kinds::centre;
use crate::model::{Record, Site};
use crate::profile::Item;

/// The published records that satisfy a profile item: records of its section;
/// with `centre_kind`, only centres of that kind and plans of such centres; with
/// `report_of`, only reports of records in those sections. The site holds no
/// drafts unless asked for, so a draft satisfies nothing.
pub fn satisfying_records<'a>(
    site: &'a Site,
    item: &'a Item,
) -> impl Iterator<Item = &'a Record> + 'a {
    site.in_section(item.section)
        .map(|(_, r)| r)
        .filter(move |r| accepts(site, item, r))
}

/// Whether at least one published record satisfies the item.
pub fn is_satisfied(site: &Site, item: &Item) -> bool {
    satisfying_records(site, item).next().is_some()
}

/// Whether `r` (a record of the item's section) counts toward the item.
fn accepts(site: &Site, item: &Item, r: &Record) -> bool {
    let kind_ok = match &item.centre_kind {
        None => true,
        Some(kind) => centre::kind_of(site, r).is_some_and(|k| k.id() == kind),
    };
    kind_ok
        && (item.report_of.is_empty()
            || r.data::<crate::kinds::Report>()
                .and_then(|rep| site.target(&rep.of))
                .is_some_and(|t| item.report_of.contains(&t.section)))
}
