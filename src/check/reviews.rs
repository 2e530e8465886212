//! `review-missing`: with `[reviews]` in the profile, every finished month (or
//! quarter) from `since`, except `skip_months`, must have an event of kind
//! `review` (any accepted form: `рассмотрение хода реализации` …) dated in it;
//! src/reviews.rs has the periods. The finding names no record — it is about the
//! site, like `section-empty` — and carries the period (`"period": "2026-11"`).

use super::Ctx;
use crate::dates::short_ru;
use crate::diagnostics::{Finding, RuleId};
use crate::kinds::event::is_review;
use crate::kinds::rule::finding;
use crate::schema::Section;

pub fn review_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(reviews) = &ctx.profile.reviews else {
        return;
    };
    let held = ctx
        .site
        .in_section(Section::Events)
        .filter_map(|(_, r)| r.data::<crate::kinds::Event>())
        .filter(|e| is_review(e.kind.as_deref()))
        .filter_map(|e| e.date);
    for period in reviews.missing_periods(ctx.today, held) {
        let mut f = finding(
            RuleId::ReviewMissing,
            format!(
                "за {} нет рассмотрения хода реализации: ни одного мероприятия вида review с датой в этом периоде",
                period.label_ru()
            ),
        )
        .hint(format!(
            "добавьте в content/events/ мероприятие с kind: review и датой с {} по {}, а решения — отчётом о нём; если в этот период рассмотрений не бывает, впишите его месяц в skip_months профиля",
            short_ru(period.first_day()),
            short_ru(period.last_day())
        ));
        f.period = Some(period.id());
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::event::is_review;

    #[test]
    fn a_review_is_named_in_english_or_russian() {
        assert!(is_review(Some("review")));
        assert!(is_review(Some("Рассмотрение хода реализации")));
        assert!(is_review(Some("заседание рабочей группы")));
        assert!(!is_review(Some("семинар")));
        assert!(!is_review(None));
    }
}
