//! What a check rule is made of, here below the checker so that a kind's rules
//! live in its own file ([`super::KindSpec::RULES`]): the context a rule reads
//! ([`Ctx`]), its signature ([`CheckFn`]) and the helpers that make findings.
//! `src/check/` runs the rules that span every kind and then each kind's.

use crate::dates::{AcademicYear, working_days_between};
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::model::{Pos, Record, Site};
use crate::kinds::profile::Profile;
use crate::kinds::work_plan::{self, WorkPlan};
use crate::monitoring::execution::Attached;
use jiff::civil::Date;
use std::sync::OnceLock;

/// A rule: reads the context, pushes its findings (in any order: the checker
/// sorts them).
pub type CheckFn = fn(&Ctx, &mut Vec<Finding>);

/// What the rules see: the site, the profile and the date the check is made on.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub profile: &'a Profile,
    pub today: Date,
    /// The academic year `today` falls in.
    pub year: AcademicYear,
    /// `report_grace_days` from `site.toml` (`[check]`), 10 by default.
    pub grace: i64,
    /// Each record's execution statuses, worked out once for the rules that
    /// read them (`measure-overdue`, `status-unmatched`).
    statuses: Vec<OnceLock<Option<Attached>>>,
}

impl<'a> Ctx<'a> {
    pub fn new(site: &'a Site, profile: &'a Profile, today: Date) -> Ctx<'a> {
        Ctx {
            site,
            profile,
            today,
            year: AcademicYear::containing(today),
            grace: i64::from(site.config.check.report_grace_days),
            statuses: (0..site.records.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The statuses of the roadmap or plan at `idx` ([`work_plan::statuses`]),
    /// `None` for any other record.
    pub fn statuses(&self, idx: usize) -> Option<&Attached> {
        self.statuses[idx]
            .get_or_init(|| work_plan::statuses(self.site, idx))
            .as_ref()
    }

    /// The due dates of a roadmap's or plan's reports that passed more than the
    /// grace ago: that many reports must be published (`report-missing`, status.json).
    pub fn overdue_due_dates(&self, plan: &WorkPlan) -> Vec<Date> {
        plan.due_dates()
            .into_iter()
            .filter(|&d| working_days_between(d, self.today) > self.grace)
            .collect()
    }
}

/// A finding of a rule, with the rule table's severity (`src/diagnostics/rule.rs`),
/// so a rule cannot disagree with its documentation.
pub fn finding(id: RuleId, message: impl Into<String>) -> Finding {
    Finding::new(id, message)
}

/// A finding on a record at a position in its file.
pub fn on(record: &Record, id: RuleId, pos: Pos, message: impl Into<String>) -> Finding {
    finding(id, message)
        .record(&record.id)
        .file(&record.file)
        .at(pos.line.max(1), pos.column.max(1))
}

/// «1 рабочий день», «3 рабочих дня», «10 рабочих дней».
pub fn working_days_ru(n: i64) -> String {
    let (m10, m100) = (n % 10, n % 100);
    let word = if m10 == 1 && m100 != 11 {
        "рабочий день"
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        "рабочих дня"
    } else {
        "рабочих дней"
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use super::working_days_ru;

    #[test]
    fn plural_of_working_days() {
        assert_eq!(working_days_ru(1), "1 рабочий день");
        assert_eq!(working_days_ru(3), "3 рабочих дня");
        assert_eq!(working_days_ru(10), "10 рабочих дней");
        assert_eq!(working_days_ru(11), "11 рабочих дней");
        assert_eq!(working_days_ru(21), "21 рабочий день");
        assert_eq!(working_days_ru(29), "29 рабочих дней");
    }
}
