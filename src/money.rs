//! Prices as the catalogue states them ("49.99", "USD"), added up exactly in cents. Floating
//! point never touches money.

/// Cents in a decimal price string, if it is one ("49.99" → 4999, "5" → 500).
pub fn cents(price: &str) -> Option<i64> {
    let (whole, frac) = price.split_once('.').unwrap_or((price, ""));
    if whole.is_empty() || frac.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// "$49.99" for US dollars (PR and PA both use USD), "J$6,990.00" for Jamaican dollars (as
/// Jamaica writes them), else "49.99 XXX". Thousands are grouped.
pub fn show(cents: i64, currency: &str) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let amount = format!("{grouped}.{:02}", cents % 100);
    match currency {
        "USD" => format!("${amount}"),
        "JMD" => format!("J${amount}"),
        _ => format!("{amount} {currency}"),
    }
}

/// An amount as the back office states it, shown like [`show`] (as it came if unreadable).
pub fn text(amount: &str, currency: &str) -> String {
    cents(amount).map_or_else(|| amount.to_owned(), |c| show(c, currency))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn cents_are_exact() {
        assert_eq!(cents("49.99"), Some(4999));
        assert_eq!(cents("5"), Some(500));
        assert_eq!(cents("0.5"), Some(50));
        assert_eq!(cents("1.234"), None);
        assert_eq!(cents("-1"), None);
        assert_eq!(cents(""), None);
    }

    #[wasm_bindgen_test]
    fn dollars_show_with_the_sign() {
        assert_eq!(show(4999, "USD"), "$49.99");
        assert_eq!(show(500, "JMD"), "J$5.00");
        assert_eq!(show(699_000, "JMD"), "J$6,990.00");
        assert_eq!(show(123_456_789, "USD"), "$1,234,567.89");
        assert_eq!(show(99_900, "EUR"), "999.00 EUR");
    }
}
