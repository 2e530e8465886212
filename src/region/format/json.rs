//! The report as one JSON object: a row per municipality with its cells and
//! figures (`null` where the site gave no data, and `problem` says why).

use crate::region::config::Source;
use crate::region::report::RegionReport;
use serde_json::{Value, json};

pub fn render(report: &RegionReport) -> String {
    let rows: Vec<Value> = report
        .rows
        .iter()
        .map(|row| {
            let items: Vec<Value> = report
                .columns
                .iter()
                .map(|c| {
                    let cell = row.cell(c);
                    json!({
                        "id": c.id,
                        "present": cell.present(),
                        "count": cell.item.map(|i| i.count),
                        "updated": cell.item.and_then(|i| i.updated.clone()),
                        "url": cell.link,
                    })
                })
                .collect();
            let (root, url) = match &row.source {
                Source::Root(p) => (Some(p.display().to_string()), None),
                Source::Url(u) => (None, Some(u.clone())),
            };
            json!({
                "name": row.name,
                "root": root,
                "url": url,
                "available": row.status().is_some(),
                "problem": row.problem(),
                "complete": row.complete(&report.columns),
                "items": items,
                "errors": row.errors(),
                "warnings": row.warnings(),
                "schools": row.schools(),
                "roadmaps_missing": row.roadmaps_missing(),
                "reports_overdue": row.reports_overdue(),
                "data_date": row.data_date().map(|d| d.to_string()),
                "site_title": row.status().map(|s| s.site.title.clone()),
            })
        })
        .collect();
    let value = json!({
        "title": report.title,
        "today": report.today.to_string(),
        "generated": report.generated,
        "items": report.columns.iter().map(|c| json!({"id": c.id, "title": c.title})).collect::<Vec<_>>(),
        "municipalities": rows,
        "summary": {
            "municipalities": report.rows.len(),
            "complete": report.complete(),
            "unavailable": report.unavailable(),
        },
    });
    let mut out = serde_json::to_string_pretty(&value).expect("serialisable");
    out.push('\n');
    out
}
