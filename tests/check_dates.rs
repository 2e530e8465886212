//! Working-day arithmetic (what `report-missing` relies on), property-tested
//! against a naive day-by-day count.

use jiff::civil::{Date, Weekday};
use proptest::prelude::*;
use vitrina::dates::{is_working_day, working_days_between};

fn naive(from: Date, to: Date) -> i64 {
    let mut count = 0;
    let mut d = from;
    while d < to {
        d = d.tomorrow().unwrap();
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            count += 1;
        }
    }
    count
}

fn day(offset: i64) -> Date {
    Date::new(2020, 1, 1)
        .unwrap()
        .checked_add(jiff::Span::new().days(offset))
        .unwrap()
}

proptest! {
    #[test]
    fn matches_a_day_by_day_count(a in 0i64..4000, len in -30i64..800) {
        let from = day(a);
        let to = day(a + len);
        prop_assert_eq!(working_days_between(from, to), naive(from, to));
    }

    #[test]
    fn is_additive(a in 0i64..3000, x in 0i64..400, y in 0i64..400) {
        let (p, q, r) = (day(a), day(a + x), day(a + x + y));
        prop_assert_eq!(
            working_days_between(p, r),
            working_days_between(p, q) + working_days_between(q, r)
        );
    }

    #[test]
    fn a_week_has_five_working_days(a in 0i64..4000, weeks in 0i64..100) {
        prop_assert_eq!(working_days_between(day(a), day(a + 7 * weeks)), 5 * weeks);
    }

    #[test]
    fn the_next_day_counts_once_if_working(a in 0i64..4000) {
        let d = day(a);
        let next = d.tomorrow().unwrap();
        prop_assert_eq!(working_days_between(d, next), i64::from(is_working_day(next)));
    }
}
