//! Monitoring of execution and effectiveness (contract section 7), as logic that
//! knows no file format and no page: the kinds `indicators/` and `monitoring/`,
//! the roadmap and plan pages, `/progress/` and the rules read their answers here.
//!
//! - [`execution`]: report statuses attached to measures by title, the latest
//!   status of each measure, overdue judgement (7.1, `measure-overdue`);
//! - [`Better`]: which direction is improvement — judges «достигнуто» against a
//!   target (7.2) and «низкий результат» against a threshold (7.3);
//! - [`persistent`]: schools low in each of the last N years of a series (7.3,
//!   `low-results-unsupported`);
//! - [`indicators`]: an indicator's table by period and its chart (7.2,
//!   `indicator-value-missing`);
//! - [`results`]: a monitoring record's tables and charts per subject, and a
//!   school's series over the years (7.3);
//! - [`values`]: an indicator's baseline, targets and values read from YAML;
//! - [`data`]: a results table (rows of cells with their CSV positions) read into
//!   school, subject, grade and value, every problem at its line and column.

pub mod data;
pub mod execution;
pub mod indicators;
pub mod persistent;
pub mod results;
pub mod values;

/// How similar (1 − edit distance / the longer length) a name an editor wrote
/// must be to one of the site's to be offered as what she meant.
pub const MIN_SIMILARITY: f64 = 0.8;

/// The index of the candidate most similar to `key`, when one is similar enough
/// to be the same text mistyped (a report row's measure title, a CSV row's school
/// name); `None` candidates are skipped. Bounded: a comparison stops as soon as
/// the similarity cannot reach the cutoff (a corpus whose reports name titles of
/// other plans compares thousands of rows with every title; the unbounded
/// distance was a tenth of the build).
pub fn most_similar<'a>(
    key: &str,
    candidates: impl IntoIterator<Item = Option<&'a str>>,
) -> Option<usize> {
    use rapidfuzz::distance::levenshtein::{Args, BatchComparator};
    let written = BatchComparator::new(key.chars());
    let args = Args::default().score_cutoff(MIN_SIMILARITY);
    candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            Some((
                i,
                written.normalized_similarity_with_args(c?.chars(), &args)?,
            ))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// `better`: which direction of a value is improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Better {
    Higher,
    Lower,
}

impl Better {
    /// `higher`/`lower`, or the Russian an editor would write («выше», «ниже»,
    /// «больше», «меньше»).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "higher" | "выше" | "больше" => Some(Better::Higher),
            "lower" | "ниже" | "меньше" => Some(Better::Lower),
            _ => None,
        }
    }

    /// The target is reached: at least it when higher is better, at most it when
    /// lower is better.
    pub fn achieved(self, actual: f64, target: f64) -> bool {
        match self {
            Better::Higher => actual >= target,
            Better::Lower => actual <= target,
        }
    }

    /// The value is low (a poor result): ≥ threshold when lower is better, ≤ when
    /// higher is better (contract 7.3: the threshold itself counts as low).
    pub fn is_low(self, value: f64, threshold: f64) -> bool {
        match self {
            Better::Higher => value <= threshold,
            Better::Lower => value >= threshold,
        }
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Better::Higher => "чем выше, тем лучше",
            Better::Lower => "чем ниже, тем лучше",
        }
    }
}

/// Whether values in `unit` are per cent: `%`, «% обучающихся», «процентов»
/// (not «процентных пунктов»: a change in points may be negative).
pub fn is_percent(unit: &str) -> bool {
    let unit = unit.trim().to_lowercase();
    let first = unit.split_whitespace().next().unwrap_or("");
    unit.starts_with('%') || matches!(first, "процент" | "проценты" | "процентов")
}

/// A value in per cent outside 0–100 (`percent-out-of-range`): a lost decimal
/// comma (134 for 13,4), a count written for a share, a stray minus.
pub fn outside_percent(value: f64) -> bool {
    !(0.0..=100.0).contains(&value)
}

/// «достигнуто» / «не достигнуто», as the indicator page and its CSV say it.
pub fn achievement_ru(achieved: bool) -> &'static str {
    if achieved {
        "достигнуто"
    } else {
        "не достигнуто"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_targets_by_direction() {
        // «Доля ШНОР»: lower is better; 12 against a target of 12 is reached.
        assert!(Better::Lower.achieved(12.0, 12.0));
        assert!(Better::Lower.achieved(11.5, 12.0));
        assert!(!Better::Lower.achieved(12.1, 12.0));
        assert!(Better::Higher.achieved(80.0, 80.0));
        assert!(!Better::Higher.achieved(79.9, 80.0));
        assert_eq!(achievement_ru(true), "достигнуто");
        assert_eq!(achievement_ru(false), "не достигнуто");
    }

    #[test]
    fn the_threshold_itself_is_low() {
        assert!(Better::Lower.is_low(30.0, 30.0));
        assert!(Better::Lower.is_low(31.0, 30.0));
        assert!(!Better::Lower.is_low(29.9, 30.0));
        assert!(Better::Higher.is_low(3.0, 3.0));
        assert!(Better::Higher.is_low(2.9, 3.0));
        assert!(!Better::Higher.is_low(3.1, 3.0));
    }

    #[test]
    fn percent_units_and_their_range() {
        for unit in ["%", " % ", "% обучающихся", "Процентов", "проценты"]
        {
            assert!(is_percent(unit), "{unit:?}");
        }
        for unit in ["балл", "чел.", "процентных пунктов", "ед."] {
            assert!(!is_percent(unit), "{unit:?}");
        }
        assert!(!outside_percent(0.0) && !outside_percent(100.0) && !outside_percent(13.4));
        assert!(outside_percent(-3.0) && outside_percent(100.1) && outside_percent(1234.5));
    }

    #[test]
    fn reads_direction_in_english_and_russian() {
        assert_eq!(Better::parse("higher"), Some(Better::Higher));
        assert_eq!(Better::parse(" Ниже "), Some(Better::Lower));
        assert_eq!(Better::parse("up"), None);
    }
}
