//! Numbers as Russian is written: a decimal comma («0,158 с», «1,2 МБ»). Every
//! fractional number the tool prints to an editor goes through [`decimal`].

/// `value` with `places` digits after a decimal comma.
pub fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}").replace('.', ",")
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
}
