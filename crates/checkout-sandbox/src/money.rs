//! Amounts in whole cents, written on the wire as decimal strings with two places (`"49.99"`),
//! so no price or tax ever passes through a float.

/// `4999` → `"49.99"`; negative amounts keep their sign (`-5` → `"-0.05"`).
pub fn text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// `amount` × `per_mille` / 1000, rounded half up (taxes are quoted in tenths of a percent).
pub fn per_mille(amount: i64, per_mille: i64) -> i64 {
    (amount * per_mille + 500).div_euclid(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_are_written_with_two_places() {
        assert_eq!(text(4999), "49.99");
        assert_eq!(text(5), "0.05");
        assert_eq!(text(0), "0.00");
        assert_eq!(text(-5), "-0.05");
    }

    #[test]
    fn tax_rounds_half_up() {
        // 10.5 % of 49.99 = 5.24895 → 5.25
        assert_eq!(per_mille(4999, 105), 525);
        assert_eq!(per_mille(1000, 10), 10);
    }
}
