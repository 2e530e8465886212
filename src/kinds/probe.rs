//! A kind compiled only for tests, written the way a new kind is: this file, its
//! templates (probe/*.html, brought by the kind) and one line in the registry.
//! Its tests show that such a kind loads, links, renders, is searched, checked
//! and rebuilt by `vitrina serve` without a change to shared code.

use super::{KindData, KindSpec, Meta};
use crate::kinds::model::{Attachment, RecordIdx, Ref};
use crate::kinds::reader::Reader;
use crate::kinds::schema::{DRAFT, FieldSpec, FieldType as T, Section, UPDATED, WEIGHT, opt, req};
use crate::kinds::view::RenderInput;
use crate::kinds::view::{file_view, link, links};
use tera::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub school: Option<Ref>,
    pub score: Option<i64>,
    pub file: Option<Attachment>,
}

const FIELDS: &[FieldSpec] = &[
    req("title", T::Text, "название пробы"),
    req(
        "school",
        T::Ref(Section::Schools),
        "школа (идентификатор школы)",
    ),
    opt("score", T::Integer, "балл, числом"),
    opt("file", T::Attachment, "файл рядом с записью"),
    UPDATED,
    DRAFT,
    WEIGHT,
];

impl KindSpec for Probe {
    const META: Meta = Meta {
        dir: "probes",
        name: "probe",
        title_ru: "Пробы",
        nav_ru: "Пробы",
        nav_order: 9,
        record_ru: "проба",
        fields: FIELDS,
        aliases: &["проба"],
        new_ru: "проба",
        new_extension: "md",
        new_options: &["school"],
        templates: &[
            ("record/probe.html", include_str!("probe/record.html")),
            ("section/probes.html", include_str!("probe/section.html")),
        ],
    };

    fn read(r: &mut Reader) -> Self {
        Probe {
            school: r.reference("school"),
            score: r.integer("score"),
            file: r.attachment("file"),
        }
    }

    fn section_view(input: &RenderInput, ids: &[RecordIdx], ctx: &mut Context) {
        ctx.insert("rows", &links(input, ids.iter().copied()));
    }
}

impl KindData for Probe {
    fn references(&self) -> Vec<(&'static str, &Ref)> {
        self.school.iter().map(|r| ("school", r)).collect()
    }

    fn references_mut(&mut self) -> Vec<(&'static str, &mut Ref)> {
        self.school.iter_mut().map(|r| ("school", r)).collect()
    }

    fn attachments(&self) -> Vec<&Attachment> {
        self.file.iter().collect()
    }

    fn attachments_mut(&mut self) -> Vec<&mut Attachment> {
        self.file.iter_mut().collect()
    }

    fn search_text(&self, parts: &mut Vec<String>) {
        parts.extend(self.score.map(|s| format!("балл {s}")));
    }

    fn record_view(&self, input: &RenderInput, _idx: RecordIdx, ctx: &mut Context) {
        let school = input.site.target(&self.school).map(|s| link(input, s));
        ctx.insert("school", &school);
        ctx.insert("score", &self.score);
        ctx.insert(
            "file",
            &self.file.as_ref().and_then(|a| file_view(input, a)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::RuleId;
    use crate::kinds::model::RefField;
    use crate::kinds::schema::Section;
    use crate::serve::rebuild::{Builder, Files};
    use std::path::Path;

    fn write(root: &Path, path: &str, text: &str) {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A small site with two schools and two probes, one attaching a file.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "site.toml", "title = \"Проба\"\n");
        write(root, "content/schools/sosh-1.yaml", "name: МБОУ СОШ № 1\n");
        write(root, "content/schools/sosh-2.yaml", "name: МБОУ СОШ № 2\n");
        write(
            root,
            "content/probes/files/protokol.pdf",
            "%PDF-1.4 protokol",
        );
        write(
            root,
            "content/probes/vpr.md",
            "---\ntitle: Проба ВПР\nschool: sosh-1\nscore: 42\nfile: files/protokol.pdf\n---\nТекст пробы.\n",
        );
        write(
            root,
            "content/probes/oge.md",
            "---\ntitle: Проба ОГЭ\nschool: sosh-9\nsocre: 3\n---\n",
        );
        dir
    }

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2026, 12, 2)
    }

    #[test]
    fn a_kind_in_one_file_loads_links_and_is_checked() {
        let dir = site();
        let (site, profile) = crate::build::open_site(dir.path(), false, None).unwrap();
        let idx = site.get("probes/vpr").expect("the probe is loaded");
        assert_eq!(site.records[idx].section, Section::Probes);
        let school = site.get("schools/sosh-1").unwrap();
        let via = RefField {
            from: Section::Probes,
            field: "school",
        };
        assert_eq!(site.backlinks[school].via(via).collect::<Vec<_>>(), [idx]);
        assert_eq!(site.records[idx].attachments().len(), 1);
        let report = crate::check::run(&site, &profile, today());
        let on_oge: Vec<RuleId> = report
            .findings
            .iter()
            .filter(|f| f.record.as_deref() == Some("probes/oge"))
            .map(|f| f.rule)
            .collect();
        assert!(on_oge.contains(&RuleId::BrokenReference), "{on_oge:?}");
        assert!(on_oge.contains(&RuleId::UnknownField), "{on_oge:?}");
    }

    #[test]
    fn a_kind_in_one_file_renders_and_is_rebuilt_by_serve() {
        let dir = site();
        let root = dir.path();
        let mut b = Builder::new(root, "http://127.0.0.1:1".into(), false, Some(today()));
        let mut served = Files::new();
        b.initial().ok().unwrap().apply_to(&mut served);
        let page = |files: &Files, path: &str| {
            String::from_utf8(
                files
                    .get(path)
                    .unwrap_or_else(|| panic!("no {path}"))
                    .to_vec(),
            )
            .unwrap()
        };
        let html = scraper::Html::parse_document(&page(&served, "probes/vpr/index.html"));
        let text = |sel: &str| {
            let s = scraper::Selector::parse(sel).unwrap();
            // Typography puts a no-break space after «№».
            let t: String = html.select(&s).flat_map(|e| e.text()).collect();
            t.replace('\u{a0}', " ")
        };
        assert_eq!(text("h1"), "Проба ВПР");
        assert_eq!(text(".probe-school a"), "МБОУ СОШ № 1");
        assert_eq!(text(".probe-score"), "42");
        assert_eq!(text(".probe-file a"), "protokol.pdf");
        assert!(served.contains_key("probes/files/protokol.pdf"));
        assert!(page(&served, "probes/index.html").contains("Проба ОГЭ"));
        assert!(page(&served, "index.html").contains("Пробы"), "in the nav");
        assert!(
            served
                .iter()
                .any(|(path, bytes)| path.starts_with("search-index/d/")
                    && String::from_utf8_lossy(bytes).contains("Проба ВПР"))
        );

        // The school's new name reaches the probe's page through the generic
        // "which pages does this change affect".
        write(
            root,
            "content/schools/sosh-1.yaml",
            "name: МБОУ лицей № 1\n",
        );
        let update = b
            .apply(&[root.join("content/schools/sosh-1.yaml")])
            .ok()
            .unwrap()
            .unwrap();
        assert!(!update.full);
        update.apply_to(&mut served);
        if let Some(rest) = b.finish().ok().unwrap() {
            rest.apply_to(&mut served);
        }
        assert!(page(&served, "probes/vpr/index.html").contains("МБОУ лицей №\u{a0}1"));
        let mut full = Builder::new(root, "http://127.0.0.1:1".into(), false, Some(today()));
        let mut expected = Files::new();
        full.initial().ok().unwrap().apply_to(&mut expected);
        assert!(served == expected, "incremental and full builds differ");
    }
}
