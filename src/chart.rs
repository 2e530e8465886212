//! Static bar charts for the monitoring pages (issue 12, item 5): the geometry is
//! computed here, the SVG markup is the theme's `_chart.html` (so a site can
//! restyle or replace it like any template). No JavaScript.
//!
//! Why not a chart crate: charts-rs and plotters' SVG backend draw a picture, but
//! the page needs an *accessible* one — `role="img"` with `<title>`/`<desc>`, ids
//! unique on a page with several charts, colours from the theme's CSS variables
//! (so the schemes of the version for the visually impaired recolour it), fill
//! patterns so colour is not the only carrier, and every number as text. Those
//! would be post-processing of another library's SVG; horizontal bars with a
//! threshold line are a page of arithmetic. See docs/charts.md.
//!
//! Bars are horizontal: long Russian school names read as row labels. Every bar
//! carries its value as text; the numbers are formatted by [`crate::numbers`],
//! the same function the table next to the chart uses.

use crate::numbers::format_ru;
use serde::Serialize;

/// How a series is filled, so a bar can be told apart without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pattern {
    Solid,
    Hatch,
    Cross,
    Dots,
    Outline,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub pattern: Pattern,
}

/// One row of the chart: a label and one value per series (`None`: no bar, «—»).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    pub values: Vec<Option<f64>>,
    /// A word shown after the value of a bar that needs it («низкий»), per series.
    pub flags: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub value: f64,
    /// «порог», shown above the line with the value.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Unique on the page: prefixes the ids of `<title>`, `<desc>` and patterns.
    pub id: String,
    pub title: String,
    /// What the chart shows, in a sentence, for screen readers (`<desc>`).
    pub description: String,
    /// Appended to every value label (`%`, `балл`); may be empty.
    pub unit: String,
    pub series: Vec<Series>,
    pub groups: Vec<Group>,
    pub threshold: Option<Threshold>,
    /// One bar per group with the series' values end to end (the progress page:
    /// done, partly, not done … of one school), instead of one bar per series.
    pub stacked: bool,
}

/// Everything the template draws, in SVG user units.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub width: u32,
    pub height: u32,
    pub legend: Vec<LegendItem>,
    pub ticks: Vec<Tick>,
    pub labels: Vec<Label>,
    pub bars: Vec<Bar>,
    pub threshold: Option<ThresholdLine>,
    /// The plot area, for the axis line.
    pub plot_left: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    pub x: f64,
    pub y: f64,
    pub pattern: Pattern,
    pub series: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub x: f64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    /// Shortened to fit; the full text is in `full` (shown as a tooltip) and in the table.
    pub text: String,
    pub full: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub series: usize,
    pub pattern: Pattern,
    /// The value as the table shows it (`14,3`), and where it is written.
    pub value: String,
    pub value_x: f64,
    pub value_y: f64,
    /// `value` with the unit and the flag: «14,3 % — низкий».
    pub caption: String,
    pub flagged: bool,
    /// Where the caption is anchored: `start` right of a bar, `middle` inside a
    /// segment of a stacked bar.
    pub anchor: &'static str,
    /// False for a stacked segment too narrow for its number (the table has it).
    pub show_value: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThresholdLine {
    pub x: f64,
    pub y1: f64,
    pub y2: f64,
    pub text: String,
}

const WIDTH: f64 = 720.0;
const LABEL_CHARS: usize = 28;
/// The chart's font size (the theme sets `.chart-svg { font-size: 14px }`).
const FONT_SIZE: f64 = 14.0;
const BAR_HEIGHT: f64 = 18.0;
const GROUP_GAP: f64 = 12.0;
/// Room right of the longest bar for its value caption.
const CAPTION_ROOM: f64 = 130.0;

impl BarChart {
    pub fn layout(&self) -> ChartView {
        let label_width = self
            .groups
            .iter()
            .map(|g| text_width(&shorten(&g.label)))
            .fold(0.0, f64::max)
            + 12.0;
        let plot_left = label_width.max(60.0);
        let plot_width = WIDTH - plot_left - CAPTION_ROOM;
        let legend = self.legend();
        let legend_height = legend.last().map_or(0.0, |l| l.y + 24.0);
        let top_text = if self.threshold.is_some() { 22.0 } else { 6.0 };
        let plot_top = legend_height + top_text;
        let group_extent = |g: &Group| -> f64 {
            let values = g.values.iter().flatten().copied();
            if self.stacked {
                values.map(|v| v.max(0.0)).sum()
            } else {
                values.fold(0.0, f64::max)
            }
        };
        let (max, intervals) = axis(
            self.groups
                .iter()
                .map(group_extent)
                .chain(self.threshold.as_ref().map(|t| t.value))
                .fold(0.0, f64::max),
        );
        let x_of = |v: f64| plot_left + plot_width * (v.max(0.0) / max);
        let bars_per_group = if self.stacked {
            1
        } else {
            self.series.len().max(1)
        };
        let per_group = bars_per_group as f64 * BAR_HEIGHT + GROUP_GAP;
        let plot_bottom = plot_top + per_group * self.groups.len() as f64;
        let ticks = (0..=intervals)
            .map(|i| {
                let v = max * f64::from(i) / f64::from(intervals);
                Tick {
                    x: r1(x_of(v)),
                    text: format_ru(round_tick(v)),
                }
            })
            .collect();
        let mut labels = Vec::new();
        let mut bars = Vec::new();
        for (gi, g) in self.groups.iter().enumerate() {
            let top = plot_top + per_group * gi as f64 + GROUP_GAP / 2.0;
            labels.push(Label {
                x: r1(plot_left - 8.0),
                y: r1(top + per_group / 2.0 - GROUP_GAP / 2.0 + 5.0),
                text: shorten(&g.label),
                full: g.label.clone(),
            });
            let mut stacked_at = 0.0;
            for (si, s) in self.series.iter().enumerate() {
                let Some(v) = g.values.get(si).copied().flatten() else {
                    continue;
                };
                if self.stacked && v <= 0.0 {
                    continue;
                }
                let (y, start) = if self.stacked {
                    (top, stacked_at)
                } else {
                    (top + BAR_HEIGHT * si as f64, 0.0)
                };
                stacked_at += v;
                let (begin, end) = (x_of(start), x_of(start + v));
                let value = format_ru(v);
                let flag = g.flags.get(si).cloned().flatten();
                let mut caption = if self.unit.is_empty() {
                    value.clone()
                } else {
                    format!("{value}\u{a0}{}", self.unit)
                };
                if let Some(f) = &flag {
                    caption.push_str(&format!(" — {f}"));
                }
                let width = (end - begin).max(1.0);
                let inside = self.stacked;
                bars.push(Bar {
                    x: r1(begin),
                    y: r1(y + 2.0),
                    width: r1(width),
                    height: BAR_HEIGHT - 4.0,
                    series: si,
                    pattern: s.pattern,
                    show_value: !inside || width >= text_width(&caption) + 6.0,
                    value,
                    value_x: r1(if inside {
                        (begin + end) / 2.0
                    } else {
                        end + 6.0
                    }),
                    value_y: r1(y + BAR_HEIGHT - 5.0),
                    caption,
                    flagged: flag.is_some(),
                    anchor: if inside { "middle" } else { "start" },
                });
            }
        }
        let threshold = self.threshold.as_ref().map(|t| ThresholdLine {
            x: r1(x_of(t.value)),
            y1: r1(plot_top - 4.0),
            y2: r1(plot_bottom),
            text: if self.unit.is_empty() {
                format!("{}: {}", t.label, format_ru(t.value))
            } else {
                format!("{}: {}\u{a0}{}", t.label, format_ru(t.value), self.unit)
            },
        });
        ChartView {
            id: self.id.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            width: WIDTH as u32,
            height: (plot_bottom + 26.0).ceil() as u32,
            legend,
            ticks,
            labels,
            bars,
            threshold,
            plot_left: r1(plot_left),
            plot_top: r1(plot_top),
            plot_bottom: r1(plot_bottom),
        }
    }
}

impl BarChart {
    /// One legend entry per series when there are several, wrapped into rows.
    fn legend(&self) -> Vec<LegendItem> {
        if self.series.len() < 2 {
            return Vec::new();
        }
        let (mut x, mut y) = (0.0, 4.0);
        let mut out = Vec::new();
        for (i, s) in self.series.iter().enumerate() {
            let width = 22.0 + text_width(&s.name) + 18.0;
            if x > 0.0 && x + width > WIDTH {
                x = 0.0;
                y += 22.0;
            }
            out.push(LegendItem {
                x: r1(x + 4.0),
                y,
                pattern: s.pattern,
                series: i,
                text: s.name.clone(),
            });
            x += width;
        }
        out
    }
}

/// The axis: a round step (1, 2, 2.5 or 5 × 10ⁿ) giving at most four intervals,
/// and the maximum — the first multiple of the step at or above the data.
fn axis(max: f64) -> (f64, u32) {
    if max <= 0.0 {
        return (1.0, 4);
    }
    let rough = max / 4.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&m| m >= rough)
        .unwrap_or(10.0 * magnitude);
    let intervals = (max / step - 1e-9).ceil().max(1.0) as u32;
    // 3 × 0.2 is 0.6000000000000001 in binary: rounded back to what is meant.
    ((step * f64::from(intervals) * 1e9).round() / 1e9, intervals)
}

/// Coordinates to a tenth of a unit: shorter markup, no binary noise.
fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Tick values without binary noise (0.30000000000000004 → 0.3).
fn round_tick(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// How wide `text` is drawn at the chart's font, erring wide: the SVG cannot
/// measure its text, and a label that runs past the left edge is cut off. The
/// advances are those of common sans-serif faces (DejaVu Sans, Arial) in ems.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            '№' | 'Ш' | 'Щ' | 'Ж' | 'М' | 'Ю' | 'Ы' | 'W' | 'M' | 'ш' | 'щ' | 'ж' | 'ю' | 'ы'
            | 'м' => 0.95,
            c if c.is_uppercase() => 0.75,
            c if c.is_ascii_digit() => 0.64,
            ' ' | '\u{a0}' | '.' | ',' | ':' | ';' | '«' | '»' | '"' | '(' | ')' | '/' | '-'
            | '|' | 'i' | 'l' | 'j' | 'I' => 0.4,
            _ => 0.62,
        })
        .sum::<f64>()
        * FONT_SIZE
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut s = crate::shorten::prefix(label, LABEL_CHARS - 1).to_string();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            id: "c1".into(),
            title: "Доля «2», математика".into(),
            description: "…".into(),
            unit: "%".into(),
            series: vec![Series {
                name: "2025/2026".into(),
                pattern: Pattern::Solid,
            }],
            groups: vec![
                Group {
                    label: "МБОУ «Средняя общеобразовательная школа № 10»".into(),
                    values: vec![Some(34.5)],
                    flags: vec![Some("низкий".into())],
                },
                Group {
                    label: "СОШ № 11".into(),
                    values: vec![Some(12.0)],
                    flags: vec![None],
                },
                Group {
                    label: "СОШ № 12".into(),
                    values: vec![None],
                    flags: vec![None],
                },
            ],
            stacked: false,
            threshold: Some(Threshold {
                value: 30.0,
                label: "порог".into(),
            }),
        }
    }

    #[test]
    fn bars_are_proportional_and_the_threshold_sits_on_the_scale() {
        let v = chart().layout();
        assert_eq!(v.bars.len(), 2, "no bar for a missing value");
        let scale = |x: f64| x - v.plot_left;
        // Axis 0–40 by 10: 34.5 is 86.25 % of the plot, 12 is 30 %.
        let texts: Vec<_> = v.ticks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["0", "10", "20", "30", "40"]);
        let full = scale(v.ticks[4].x);
        assert!((v.bars[0].width / full - 0.8625).abs() < 1e-3);
        assert!((v.bars[1].width / full - 0.3).abs() < 1e-3);
        let t = v.threshold.as_ref().unwrap();
        assert!((scale(t.x) / full - 0.75).abs() < 1e-3);
        assert_eq!(t.text, "порог: 30\u{a0}%");
    }

    #[test]
    fn values_are_written_as_the_table_writes_them() {
        let v = chart().layout();
        assert_eq!(v.bars[0].value, "34,5");
        assert_eq!(v.bars[0].caption, "34,5\u{a0}% — низкий");
        assert!(v.bars[0].flagged);
        assert_eq!(v.bars[1].caption, "12\u{a0}%");
        assert_eq!(v.labels[0].text.chars().count(), LABEL_CHARS);
        assert!(v.labels[0].text.ends_with('…'));
        assert_eq!(
            v.labels[0].full,
            "МБОУ «Средняя общеобразовательная школа № 10»"
        );
    }

    #[test]
    fn the_axis_steps_by_round_numbers() {
        assert_eq!(axis(34.5), (40.0, 4));
        assert_eq!(axis(23.1), (30.0, 3));
        assert_eq!(axis(100.0), (100.0, 4));
        assert_eq!(axis(101.0), (150.0, 3));
        assert_eq!(axis(4.45), (6.0, 3));
        assert_eq!(axis(0.42), (0.6, 3));
        assert_eq!(axis(0.0), (1.0, 4));
    }

    #[test]
    fn several_series_get_a_legend_and_stacked_rows() {
        let mut c = chart();
        c.series.push(Series {
            name: "2024/2025".into(),
            pattern: Pattern::Hatch,
        });
        c.groups[0].values.push(Some(40.0));
        c.groups[0].flags.push(None);
        let v = c.layout();
        assert_eq!(v.legend.len(), 2);
        let first_group: Vec<_> = v
            .bars
            .iter()
            .filter(|b| b.x == v.plot_left)
            .take(2)
            .collect();
        assert!(first_group[1].y > first_group[0].y);
        assert_eq!(first_group[1].pattern, Pattern::Hatch);
    }

    /// The theme's `_chart.html` filled with a layout, as a page would include it.
    fn rendered(chart: &BarChart) -> scraper::Html {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template(
            "_chart.html",
            include_str!("../themes/default/templates/_chart.html"),
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("chart", &chart.layout());
        scraper::Html::parse_fragment(&tera.render("_chart.html", &ctx).unwrap())
    }

    fn select<'a>(html: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
        html.select(&scraper::Selector::parse(css).unwrap())
            .collect()
    }

    #[test]
    fn the_svg_is_one_named_and_described_image() {
        let mut c = chart();
        c.title = "Доля «2» <математика>".into();
        let html = rendered(&c);
        let svg = select(&html, "svg")[0];
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert_eq!(
            svg.value().attr("aria-labelledby"),
            Some("c1-title c1-desc")
        );
        let title = select(&html, "svg > title")[0];
        assert_eq!(title.value().attr("id"), Some("c1-title"));
        assert_eq!(title.text().collect::<String>(), "Доля «2» <математика>");
        assert_eq!(
            select(&html, "svg > desc")[0].value().attr("id"),
            Some("c1-desc")
        );
    }

    #[test]
    fn every_bar_writes_its_value_and_the_threshold_is_drawn() {
        let html = rendered(&chart());
        let values: Vec<String> = select(&html, "text.chart-value")
            .iter()
            .map(|t| t.text().collect())
            .collect();
        assert_eq!(values, ["34,5\u{a0}% — низкий", "12\u{a0}%"]);
        assert_eq!(select(&html, "rect.chart-flagged").len(), 1);
        assert_eq!(select(&html, "line.chart-threshold").len(), 1);
        let label: String = select(&html, "text.chart-threshold-label")[0]
            .text()
            .collect();
        assert_eq!(label, "порог: 30\u{a0}%");
    }

    #[test]
    fn a_page_can_include_one_chart_per_subject() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(vec![
            (
                "_chart.html",
                include_str!("../themes/default/templates/_chart.html"),
            ),
            (
                "page.html",
                "{% for c in charts %}{% set chart = c %}{% include \"_chart.html\" %}{% endfor %}",
            ),
        ])
        .unwrap();
        let mut second = chart();
        second.id = "c2".into();
        let mut ctx = tera::Context::new();
        ctx.insert("charts", &vec![chart().layout(), second.layout()]);
        let html = scraper::Html::parse_fragment(&tera.render("page.html", &ctx).unwrap());
        let ids: Vec<_> = select(&html, "svg > title")
            .iter()
            .map(|t| t.value().attr("id").unwrap().to_string())
            .collect();
        assert_eq!(ids, ["c1-title", "c2-title"]);
    }

    #[test]
    fn a_stacked_bar_puts_segments_end_to_end() {
        let c = BarChart {
            id: "p".into(),
            title: "Ход выполнения".into(),
            description: String::new(),
            unit: String::new(),
            series: ["выполнено", "частично", "не выполнено"]
                .map(|n| Series {
                    name: n.into(),
                    pattern: Pattern::Solid,
                })
                .to_vec(),
            groups: vec![Group {
                label: "СОШ № 3".into(),
                values: vec![Some(6.0), Some(0.0), Some(2.0)],
                flags: vec![None; 3],
            }],
            threshold: None,
            stacked: true,
        };
        let v = c.layout();
        assert_eq!(v.bars.len(), 2, "an empty segment is not drawn");
        assert_eq!(v.bars[0].y, v.bars[1].y);
        assert!((v.bars[0].x + v.bars[0].width - v.bars[1].x).abs() < 0.11);
        assert_eq!(v.bars[1].series, 2);
        assert_eq!(v.bars[0].anchor, "middle");
        assert_eq!(v.legend.len(), 3);
        assert!(v.legend.iter().all(|l| l.x + 20.0 < f64::from(v.width)));
    }
}
