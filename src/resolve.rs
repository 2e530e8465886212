//! Resolve: give every record its URL, drop drafts, find duplicate ids and URLs,
//! link references to their targets, locate attachments, and build backlinks.
//! The result is the [`Site`] the checker and the renderer share.

use crate::config::SiteConfig;
use crate::diagnostics::{Finding, RuleId};
use crate::load::{Loaded, relative};
use crate::model::{Backlinks, Record, RecordIdx, RefField, Site};
use crate::schema::{FieldType, Section};
use crate::translit::slugify_path;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// Builds the resolved site from loaded records.
pub fn resolve(root: &Path, config: SiteConfig, loaded: Loaded, include_drafts: bool) -> Site {
    let mut findings = loaded.findings;
    // Drafts are taken out in place: records are large, and moving every one of
    // them into a new vector was 1.4 % of a 10,000-record build, on one thread.
    let mut records = loaded.records;
    let mut draft_ids = Vec::new();
    if !include_drafts && records.iter().any(|r| r.draft) {
        draft_ids = records
            .iter()
            .filter(|r| r.draft)
            .map(|r| r.id.clone())
            .collect();
        records.retain(|r| !r.draft);
    }

    // Transliterating 10,000 ids is a few milliseconds: on every thread.
    records.par_iter_mut().for_each(|r| r.url = url_of(&r.id));
    // No two records have the same file, so an unstable sort gives the same order,
    // without the stable sort's buffer of half the records.
    records.sort_unstable_by(|a, b| a.id.cmp(&b.id).then(a.file.cmp(&b.file)));
    let records = drop_duplicates(records, &mut findings);

    let mut site = Site {
        root: root.to_path_buf(),
        config,
        backlinks: vec![Backlinks::default(); records.len()],
        records,
        draft_ids,
        findings,
    };
    link_references(&mut site);
    locate_attachments(&mut site);
    build_backlinks(&mut site);
    finish_kinds(&mut site);
    let collisions = crate::collisions::find(&site);
    site.findings.extend(collisions);
    let removed = crate::body_guard::findings(&site);
    site.findings.extend(removed);
    site
}

/// Each kind's step that needs the whole resolved site ([`crate::kinds::KindSpec::finish`]).
fn finish_kinds(site: &mut Site) {
    for s in Section::ALL {
        s.finish(site);
    }
}

/// `/schools/sosh-10/`; the System's `index` is the System section page itself.
pub fn url_of(id: &str) -> String {
    if id == "system/index" {
        return "/system/".to_string();
    }
    format!("/{}/", slugify_path(id))
}

/// Two files with the same id (`a.md` and `a.yaml`) or the same URL (`Школа-1` and
/// `shkola-1`, or names that differ only in case) cannot both be published: the first
/// in id order is kept and every other is an error pointing at it.
fn drop_duplicates(mut records: Vec<Record>, findings: &mut Vec<Finding>) -> Vec<Record> {
    // Indices into `records` (the first holder of each lower-cased id and URL), so
    // nothing is cloned per record and, without duplicates, nothing is moved.
    let mut by_url: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    let mut by_id_lower: HashMap<String, usize> = HashMap::with_capacity(records.len());
    let mut duplicate = vec![false; records.len()];
    for (i, r) in records.iter().enumerate() {
        let id_key = r.id.to_lowercase();
        let clash = if let Some(&other) = by_id_lower.get(&id_key) {
            let (id, file) = (&records[other].id, &records[other].file);
            let case = if *id == r.id {
                ""
            } else {
                " (имена отличаются только регистром букв, а на Windows и на хостинге такие имена совпадают)"
            };
            Some((
                other,
                format!(
                    "запись «{}» уже есть: файл {file}{case}; у двух файлов не может быть одного идентификатора",
                    r.id
                ),
            ))
        } else {
            by_url.get(r.url.as_str()).map(|&other| {
                let (id, file) = (&records[other].id, &records[other].file);
                (other, format!(
                    "адрес страницы «{}» уже занят записью «{id}» из файла {file} (кириллица в именах файлов переводится в латиницу); у двух записей не может быть одного адреса",
                    r.url
                ))
            })
        };
        if let Some((other, message)) = clash {
            let kept = &records[other];
            findings.push(
                Finding::error(RuleId::DuplicateId, message)
                    .record(&r.id)
                    .file(&r.file)
                    .at(r.pos.line.max(1), 1)
                    .related(
                        &kept.file,
                        kept.pos.line.max(1),
                        1,
                        "эта запись с тем же идентификатором или адресом публикуется",
                    )
                    .hint("переименуйте или удалите один из двух файлов"),
            );
            duplicate[i] = true;
            continue;
        }
        by_url.insert(&r.url, i);
        by_id_lower.insert(id_key, i);
    }
    if duplicate.contains(&true) {
        let mut flags = duplicate.into_iter();
        records.retain(|_| !flags.next().unwrap_or(false));
    }
    records
}

/// Full id of a reference: `school: sosh-10` → `schools/sosh-10`. Writing the full
/// id (`schools/sosh-10`) is accepted too; editors copy ids from URLs.
fn full_id(written: &str, section: Option<Section>) -> String {
    match section {
        Some(s) if !written.starts_with(&format!("{}/", s.dir())) => {
            format!("{}/{}", s.dir(), written)
        }
        _ => written.to_string(),
    }
}

fn link_references(site: &mut Site) {
    let urls = UrlIndex::new(site);
    let linked: Vec<Linked> = site
        .records
        .par_iter()
        .map(|record| link_record(site, &urls, record))
        .collect();
    let mut broken: Vec<Broken> = Vec::new();
    for (idx, linked) in linked.into_iter().enumerate() {
        for (field, target) in linked.links {
            set_target(&mut site.records[idx], field, target);
        }
        broken.extend(linked.broken);
    }
    let findings = with_suggestions(site, broken, MAX_SUGGESTIONS);
    site.findings.extend(findings);
}

/// What [`link_record`] found: the targets of a record's references (position
/// in [`crate::kinds::KindData::references`], target), and the references that
/// do not resolve.
struct Linked {
    links: Vec<(usize, Option<RecordIdx>)>,
    broken: Vec<Broken>,
}

/// A `broken-reference` finding and the id it looked for.
struct Broken {
    finding: Finding,
    id: String,
}

/// The findings of broken references, the first `budget` of them (in record
/// order) with «возможно, имелось в виду»: that compares with every record of
/// the section, so a site with thousands of broken references (a renamed
/// folder) gets it for the first ones only and the build stays fast.
fn with_suggestions(site: &Site, broken: Vec<Broken>, budget: usize) -> Vec<Finding> {
    broken
        .into_iter()
        .enumerate()
        .map(|(n, b)| {
            let close = if n < budget {
                closest_id(site, &b.id)
            } else {
                None
            };
            match close {
                Some(close) => b
                    .finding
                    .hint(format!("возможно, имелось в виду «{close}»")),
                None => b.finding,
            }
        })
        .collect()
}

/// The records by published address, for references written as one
/// ([`link_record`]): made at the first such reference (most sites have none,
/// and `vitrina serve` resolves one record at a time).
struct UrlIndex<'a> {
    site: &'a Site,
    by_url: OnceLock<HashMap<&'a str, RecordIdx>>,
}

impl<'a> UrlIndex<'a> {
    fn new(site: &'a Site) -> Self {
        UrlIndex {
            site,
            by_url: OnceLock::new(),
        }
    }

    fn get(&self, url: &str) -> Option<RecordIdx> {
        let by_url = self.by_url.get_or_init(|| {
            let mut by_url = HashMap::with_capacity(self.site.records.len());
            for (idx, r) in self.site.records.iter().enumerate() {
                // The first record with an address, as a search in order finds it.
                by_url.entry(r.url.as_str()).or_insert(idx);
            }
            by_url
        });
        by_url.get(url).copied()
    }
}

/// Resolves a record's references against the records of `site`; a reference
/// that does not resolve is a finding instead.
fn link_record(site: &Site, urls: &UrlIndex, record: &Record) -> Linked {
    let mut links = Vec::new();
    let mut broken = Vec::new();
    for (n, (field, reference, section)) in record.references().into_iter().enumerate() {
        // Ids are NFC (see load); a value typed in NFD (macOS, a PDF) is
        // the same text and names the same record, also when it is a draft.
        let written = crate::unicode::nfc(&reference.written);
        let id = full_id(&written, section);
        // `/schools/sosh-29-mostovskoj/` is what editors see for the file «СОШ 29
        // Мостовской.yaml», and they write `school: sosh-29-mostovskoj`: the
        // address is looked up when the id itself is not found.
        let target = site.get(&id).or_else(|| urls.get(&url_of(&id)));
        let field_type = record.section.field(field).map(|f| f.ty);
        // `curator: Сидоров П. А.` is text: only an id of a published record (or a
        // value written with the folder, `people/…`) is a reference.
        let or_text = field_type.is_some_and(|t| t.or_text());
        if or_text
            && target.is_none()
            && !section.is_some_and(|s| written.starts_with(&format!("{}/", s.dir())))
        {
            continue;
        }
        // A full-id reference (`of`) may point into some sections only.
        let full_ref = match field_type {
            Some(FieldType::FullRef(to) | FieldType::FullRefList(to)) => Some(to),
            _ => None,
        };
        let wrong_kind = |t: &Record| full_ref.is_some_and(|to| !to.sections.contains(&t.section));
        let problem = match target.map(|t| &site.records[t]) {
            Some(t) if !wrong_kind(t) => None,
            Some(t) => Some(format!(
                "{}, а «{id}» — {}",
                full_ref.map_or("", |to| to.wrong_target_ru),
                t.section.record_ru()
            )),
            None if site.draft_ids.contains(&id) => {
                Some(format!("«{id}» — черновик (draft: true) и не публикуется"))
            }
            None => Some(match section {
                Some(s) => format!(
                    "в поле «{field}» указано «{}», но записи {id} нет ({} ищется в папке content/{}/)",
                    reference.written,
                    s.record_ru(),
                    s.dir()
                ),
                None => format!(
                    "в поле «{field}» указано «{}», но такой записи нет; укажите полный идентификатор, например {}",
                    reference.written,
                    full_ref.map_or("", |to| to.example)
                ),
            }),
        };
        match problem {
            None => links.push((n, target)),
            Some(message) => {
                let mut f = Finding::error(RuleId::BrokenReference, message)
                    .record(&record.id)
                    .file(&record.file)
                    .at(reference.pos.line, reference.pos.column);
                // Where the editor can look: the folder the target was looked
                // for in, or the record of the wrong kind that was found.
                match (target.map(|t| &site.records[t]), section) {
                    (Some(t), _) if !site.draft_ids.contains(&id) => {
                        f = f.related(&t.file, t.pos.line.max(1), 1, "эта запись найдена");
                    }
                    (None, Some(s)) if !site.draft_ids.contains(&id) => {
                        let folder = format!("content/{}/", s.dir());
                        f = f.related(&folder, 0, 0, "здесь нет такой записи");
                    }
                    _ => {}
                }
                broken.push(Broken { finding: f, id });
            }
        }
    }
    Linked { links, broken }
}

/// Where a record's attachments are published from and to.
fn published_attachments(r: &Record) -> Vec<(&str, Option<&Path>)> {
    r.attachments()
        .into_iter()
        .map(|a| (a.output_path.as_str(), a.source.as_deref()))
        .collect()
}

/// Sets the target of the `n`-th reference of [`crate::kinds::KindData::references`]
/// (a field may hold several: `schools: [a, b]`).
fn set_target(r: &mut Record, n: usize, target: Option<RecordIdx>) {
    if let Some((_, reference)) = r.kind.data_mut().references_mut().into_iter().nth(n) {
        reference.target = target;
    }
}

/// Puts a changed record into a resolved site in place of its previous version,
/// resolving only it (references, attachments) and rebuilding backlinks — what
/// `vitrina serve` does after an edit, instead of resolving 10,000 records again.
/// The site is then what [`resolve`] of all the records gives (up to the order
/// of `findings`, which every reader sorts).
/// Returns `false`, leaving the site as it was, when only a full [`resolve`] can
/// tell: the record is new, a draft, not the file the site holds under its id
/// (a duplicate), or the site has so many broken references that whether this
/// record's get a hint depends on the order of the others.
pub fn resolve_one(site: &mut Site, mut record: Record, include_drafts: bool) -> bool {
    if record.draft && !include_drafts {
        return false;
    }
    let Some(idx) = site.get(&record.id) else {
        return false;
    };
    // Collisions are judged over the whole site: with any, resolve it all again.
    if site.records[idx].file != record.file
        || site.findings.iter().any(|f| f.rule == RuleId::DuplicateId)
    {
        return false;
    }
    // A kind that finishes over the whole site (monitoring data naming schools)
    // adds backlinks and findings that one record's update would lose.
    if Section::ALL
        .iter()
        .any(|&s| s.finishes() && site.in_section(s).next().is_some())
    {
        return false;
    }
    let id = record.id.clone();
    let own = |f: &Finding| {
        matches!(
            f.rule,
            RuleId::BrokenReference | RuleId::AttachmentMissing | RuleId::ContentRemoved
        ) && f.record.as_deref() == Some(id.as_str())
    };
    let others = site
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::BrokenReference && !own(f))
        .count();
    let linked = link_record(site, &UrlIndex::new(site), &record);
    if others + linked.broken.len() > MAX_SUGGESTIONS {
        return false;
    }
    let mut findings = with_suggestions(site, linked.broken, MAX_SUGGESTIONS - others);
    record.url = url_of(&record.id);
    for (field, target) in linked.links {
        set_target(&mut record, field, target);
    }
    let content = site.root.join("content");
    let canonical_content = content.canonicalize().unwrap_or(content.clone());
    locate_record_attachments(
        &site.root,
        &content,
        &canonical_content,
        &mut record,
        &mut findings,
    );
    site.findings.retain(|f| !own(f));
    site.findings.extend(findings);
    // Published paths collide through pages (the same for the same id),
    // open data (by address) and attachments: with the record's attachments
    // published where they were, no collision can appear (there was none, see
    // above), and the site-wide search (most of a one-file rebuild's resolve
    // time) is skipped.
    let attachments_moved =
        published_attachments(&site.records[idx]) != published_attachments(&record);
    site.records[idx] = record;
    build_backlinks(site);
    if attachments_moved {
        let collisions = crate::collisions::find(site);
        site.findings.extend(collisions);
    }
    let removed = crate::body_guard::findings_of(site, idx);
    site.findings.extend(removed);
    true
}

const MAX_SUGGESTIONS: usize = 100;

/// The published id most like a broken one, for «возможно, имелось в виду».
/// Both the id and the address (`schools/sosh-29-mostovskoj` for «СОШ 29
/// Мостовской») are compared: whichever is closer is suggested.
fn closest_id(site: &Site, id: &str) -> Option<String> {
    let section = id.split('/').next().unwrap_or_default();
    let id_len = id.chars().count();
    site.records
        .iter()
        .filter(|r| r.id.starts_with(section) && r.id != id)
        .flat_map(|r| [r.id.as_str(), r.url.trim_matches('/')])
        // The distance is at least the difference in length: most candidates
        // are dismissed without computing it (a quarter of a check on 10,000
        // records with a hundred broken references).
        .filter(|written| written.chars().count().abs_diff(id_len) <= 3)
        .map(|written| (strsim::levenshtein(written, id), written))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, written)| written.to_string())
}

fn locate_attachments(site: &mut Site) {
    let content = site.root.join("content");
    let canonical_content = content.canonicalize().unwrap_or(content.clone());
    let root = &site.root;
    // A stat and a canonicalize (a stat per path component) per attachment: on
    // every thread, findings in record order as before.
    let findings: Vec<Finding> = site
        .records
        .par_iter_mut()
        .flat_map_iter(|r| {
            let mut findings = Vec::new();
            locate_record_attachments(root, &content, &canonical_content, r, &mut findings);
            findings
        })
        .collect();
    site.findings.extend(findings);
}

fn locate_record_attachments(
    root: &Path,
    content: &Path,
    canonical_content: &Path,
    r: &mut Record,
    findings: &mut Vec<Finding>,
) {
    let record_dir = root
        .join(&r.file)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (id, file) = (&r.id, &r.file);
    for a in r.kind.data_mut().attachments_mut() {
        match locate(&record_dir, content, canonical_content, &a.written) {
            Ok((source, size)) => {
                a.output_path = slugify_path(&relative(content, &source));
                a.source = Some(source);
                a.size = size;
            }
            Err((message, hint)) => findings.push(
                Finding::error(RuleId::AttachmentMissing, message)
                    .record(id)
                    .file(file)
                    .at(a.pos.line, a.pos.column)
                    .hint(hint),
            ),
        }
    }
}

/// The file an attachment path names, if it exists and stays inside `content/`
/// (lexically and after following links).
fn locate(
    record_dir: &Path,
    content: &Path,
    canonical_content: &Path,
    written: &str,
) -> Result<(PathBuf, u64), (String, &'static str)> {
    if let Some(refusal) = crate::collisions::active_type_refusal(written) {
        return Err((refusal, crate::collisions::ACTIVE_TYPE_HINT));
    }
    locate_file(record_dir, content, canonical_content, written).map_err(|message| {
        (
            message,
            "путь к файлу пишется относительно файла записи, например files/prikaz-285.pdf",
        )
    })
}

fn locate_file(
    record_dir: &Path,
    content: &Path,
    canonical_content: &Path,
    written: &str,
) -> Result<(PathBuf, u64), String> {
    let written_path = Path::new(written);
    if written_path.is_absolute()
        || written.starts_with('/')
        || written.starts_with('\\')
        || written.contains(':')
    {
        return Err(format!(
            "путь к файлу «{written}» абсолютный; файл должен лежать внутри папки content/"
        ));
    }
    let mut path = record_dir.to_path_buf();
    for c in Path::new(&written.replace('\\', "/")).components() {
        match c {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(part) => path.push(part),
            _ => {}
        }
    }
    if !path.starts_with(content) {
        return Err(format!(
            "путь к файлу «{written}» выходит за пределы папки content/; такие файлы не публикуются"
        ));
    }
    let meta = std::fs::metadata(&path).map_err(|_| format!("файл «{written}» не найден"))?;
    let canonical = path
        .canonicalize()
        .map_err(|_| format!("файл «{written}» не найден"))?;
    if !canonical.starts_with(canonical_content) {
        return Err(format!(
            "файл «{written}» — ссылка на файл вне папки content/; такие файлы не публикуются"
        ));
    }
    if meta.is_dir() {
        return Err(format!("«{written}» — это папка, а не файл"));
    }
    if !meta.is_file() {
        // A pipe or a device: reading it could block the build forever.
        return Err(format!(
            "«{written}» — не обычный файл (канал или устройство); такие файлы не публикуются"
        ));
    }
    Ok((path, meta.len()))
}

/// Who points at whom, generically: each reference field of each kind gives its
/// targets a backlink, ordered by the referencing kind's rank, then by index.
fn build_backlinks(site: &mut Site) {
    let mut backlinks = vec![Backlinks::default(); site.records.len()];
    for (idx, r) in site.records.iter().enumerate() {
        for (field, reference) in r.kind.data().references() {
            if let Some(t) = reference.target {
                let via = RefField {
                    from: r.section,
                    field,
                };
                backlinks[t].0.push((via, idx));
            }
        }
    }
    let records = &site.records;
    for b in &mut backlinks {
        if b.0.len() > 1 {
            b.0.sort_by_key(|&(_, i)| records[i].kind.data().backlink_rank());
        }
    }
    site.backlinks = backlinks;
}

#[cfg(test)]
mod duplicate_and_draft_tests {
    use super::*;

    fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Loaded) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join("content").join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let loaded = crate::load::load_content(dir.path());
        (dir, loaded)
    }

    fn config() -> SiteConfig {
        toml::from_str("title = \"t\"").unwrap()
    }

    const EVENT: &str = "---\ntitle: Семинар\ndate: 2026-10-15\n---\n";

    #[test]
    fn keeps_the_first_of_duplicates_and_reports_the_others() {
        let (dir, loaded) = site_with(&[
            ("events/seminar.md", EVENT),
            ("events/Seminar.md", EVENT),
            ("events/семинар.md", EVENT),
            ("events/drugoe.md", EVENT),
        ]);
        let site = resolve(dir.path(), config(), loaded, false);
        let ids: Vec<&str> = site.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["events/Seminar", "events/drugoe"]);
        let dups: Vec<(&str, &str)> = site
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::DuplicateId)
            .map(|f| (f.record.as_deref().unwrap_or(""), f.message.as_str()))
            .collect();
        assert_eq!(dups.len(), 2, "{dups:?}");
        assert!(dups[0].0 == "events/seminar" && dups[0].1.contains("events/Seminar.md"));
        assert!(dups[1].0 == "events/семинар" && dups[1].1.contains("адрес страницы"));
        assert!(site.get("events/drugoe").is_some());
    }

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let files = [
            ("events/a.md", EVENT),
            (
                "events/b.md",
                "---\ntitle: Черновик\ndate: 2026-10-15\ndraft: true\n---\n",
            ),
        ];
        let (dir, loaded) = site_with(&files);
        let site = resolve(dir.path(), config(), loaded, false);
        assert_eq!(site.records.len(), 1);
        assert_eq!(site.draft_ids, ["events/b"]);
        let (dir, loaded) = site_with(&files);
        let site = resolve(dir.path(), config(), loaded, true);
        assert_eq!(site.records.len(), 2);
        assert!(site.draft_ids.is_empty());
    }

    #[test]
    fn an_attachment_moved_onto_a_taken_address_in_place_is_a_collision() {
        let doc =
            "title: Приказ\nkind: order\nnumber: \"1\"\ndate: 2026-09-10\nfile: files/a.pdf\n";
        let (dir, loaded) = site_with(&[
            ("robots.txt", "User-agent: *\n"),
            ("documents/files/a.pdf", "%PDF-1.4"),
            ("documents/a.yaml", doc),
        ]);
        let mut site = resolve(dir.path(), config(), loaded, false);
        let collisions = |site: &Site| {
            site.findings
                .iter()
                .filter(|f| f.rule == RuleId::DuplicateId)
                .count()
        };
        assert_eq!(collisions(&site), 0);
        let file = dir.path().join("content/documents/a.yaml");
        let edited = |text: &str| {
            std::fs::write(&file, text).unwrap();
            crate::load::load_file(dir.path(), &file).unwrap().0
        };

        // The attachment stays where it was: resolved in place, nothing collides.
        let record = edited(&doc.replace("Приказ", "Приказ (изм.)"));
        assert!(resolve_one(&mut site, record, false));
        assert_eq!(collisions(&site), 0);

        // It now lands on robots.txt, which vitrina writes itself.
        let record = edited(&doc.replace("files/a.pdf", "../robots.txt"));
        assert!(resolve_one(&mut site, record, false));
        assert_eq!(collisions(&site), 1, "{:#?}", site.findings);
    }
}
