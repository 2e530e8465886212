//! Numbers as Russian editors write them: `12,5` (decimal comma, what Excel puts
//! into a CSV on a Russian Windows), `12.5`, `1 234,5` (grouped thousands),
//! `−3,2`, `12,5 %`. Shown back with a decimal comma; published in open data with
//! a decimal point (machine-readable CSV). Every fractional number the tool
//! prints to an editor goes through [`decimal`] or [`format_ru`].

/// `value` with `places` digits after a decimal comma («0,158 с», «1,2 МБ»).
pub fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}").replace('.', ",")
}

/// Parses a number written by an editor or exported from Excel. `None` when the
/// text is not one number («нет данных», `12,5,3`, `12 5`): the caller reports it
/// at its line and column rather than guessing.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let mut t = text.trim();
    // A percent sign after the number is how Excel exports a percentage cell.
    if let Some(rest) = t.strip_suffix('%') {
        t = rest.trim_end();
    }
    let (negative, digits) = match t.chars().next()? {
        '-' | '−' | '–' => (true, &t[t.chars().next()?.len_utf8()..]),
        '+' => (false, &t[1..]),
        _ => (false, t),
    };
    let (int_part, frac_part) = match digits.find([',', '.']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let int_digits = ungroup(int_part)?;
    let frac_digits = match frac_part {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => f,
        Some(_) => return None,
        None => "",
    };
    if int_digits.is_empty() && frac_digits.is_empty() {
        return None;
    }
    let canonical = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if int_digits.is_empty() {
            "0"
        } else {
            &int_digits
        },
        if frac_digits.is_empty() {
            "0"
        } else {
            frac_digits
        }
    );
    canonical.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The digits of an integer part, with thousands separators (space, no-break
/// space, narrow no-break space) removed — only where they group by three, so
/// `12 5` (a typo) is not read as 125.
fn ungroup(int_part: &str) -> Option<String> {
    let groups: Vec<&str> = int_part
        .split([' ', '\u{a0}', '\u{202f}'])
        .filter(|g| !g.is_empty())
        .collect();
    if groups
        .iter()
        .any(|g| !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    Some(groups.concat())
}

/// `12,5`, `10`, `-0,25`: the shortest text that reads back as the same number,
/// with a decimal comma, for pages and messages.
pub fn format_ru(value: f64) -> String {
    format_point(value).replace('.', ",")
}

/// `12.5`, `10`: the same with a decimal point, for open data CSV.
pub fn format_point(value: f64) -> String {
    // `-0` reads as a typo on a page; it is zero.
    let v = if value == 0.0 { 0.0 } else { value };
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_take_a_decimal_comma() {
        assert_eq!(decimal(0.158_4, 3), "0,158");
        assert_eq!(decimal(12.0, 2), "12,00");
        assert_eq!(decimal(3.0, 0), "3");
    }

    #[test]
    fn reads_decimal_comma_and_point() {
        assert_eq!(parse_decimal("12,5"), Some(12.5));
        assert_eq!(parse_decimal("12.5"), Some(12.5));
        assert_eq!(parse_decimal(" 14,3 "), Some(14.3));
        assert_eq!(parse_decimal("0,25"), Some(0.25));
        assert_eq!(parse_decimal(",5"), Some(0.5));
        assert_eq!(parse_decimal("10"), Some(10.0));
        assert_eq!(parse_decimal("-3,2"), Some(-3.2));
        assert_eq!(parse_decimal("−3,2"), Some(-3.2));
        assert_eq!(parse_decimal("+7"), Some(7.0));
    }

    #[test]
    fn reads_grouped_thousands_and_percent() {
        assert_eq!(parse_decimal("1 234,5"), Some(1234.5));
        assert_eq!(parse_decimal("1\u{a0}234\u{a0}567"), Some(1234567.0));
        assert_eq!(parse_decimal("12,5%"), Some(12.5));
        assert_eq!(parse_decimal("12,5 %"), Some(12.5));
    }

    #[test]
    fn refuses_what_is_not_one_number() {
        for text in [
            "",
            " ",
            "-",
            ",",
            "нет данных",
            "12,5,3",
            "1.234,5",
            "12 5",
            "1234 567",
            "12a",
            "12,",
            "н/д",
            "1e5",
            "NaN",
            "inf",
            "%",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn formats_back_with_a_decimal_comma() {
        assert_eq!(format_ru(12.5), "12,5");
        assert_eq!(format_ru(10.0), "10");
        assert_eq!(format_ru(14.3), "14,3");
        assert_eq!(format_ru(-0.0), "0");
        assert_eq!(format_point(12.5), "12.5");
        // What is shown reads back as the same number.
        for v in [0.1, 2.0 / 3.0, 1234.5678, 99.99] {
            assert_eq!(parse_decimal(&format_ru(v)), Some(v));
        }
    }
}
