//! Checks on what clients send to the order endpoints, done before any transaction starts so
//! that bad input is refused with a named field and never reaches the store.

use crate::contract::{Contact, ItemInput};
use crate::error::SandboxError;
use serde::de::DeserializeOwned;

/// The most items one cart may hold.
pub const MAX_ITEMS: usize = 20;

/// Parse a JSON body. Handlers call this *after* the header checks, so an unauthenticated
/// caller learns nothing about the body format.
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, SandboxError> {
    serde_json::from_slice(body).map_err(|e| SandboxError::BadRequest(format!("body: {e}")))
}

fn bad(field: &str, why: &str) -> SandboxError {
    SandboxError::BadRequest(format!("{field}: {why}"))
}

/// Trimmed text of 1..=`max` characters.
pub fn text(field: &str, raw: &str, max: usize) -> Result<String, SandboxError> {
    let s = raw.trim();
    match s.chars().count() {
        0 => Err(bad(field, "required")),
        n if n > max => Err(bad(field, &format!("at most {max} characters"))),
        _ => Ok(s.to_owned()),
    }
}

/// A product code (`INT1G`, `0MSIN`, `ZMPBI` …) and a quantity of 1..=9.
pub fn item(i: &ItemInput) -> Result<ItemInput, SandboxError> {
    let code = text("productCode", &i.product_code, 32)?;
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(bad("productCode", "letters, digits, '-' and '_' only"));
    }
    if !(1..=9).contains(&i.quantity) {
        return Err(bad("quantity", "between 1 and 9"));
    }
    Ok(ItemInput {
        product_code: code,
        quantity: i.quantity,
    })
}

/// Contact details for confirmation: a name, a plausible e-mail address, and a phone number
/// of 7 to 15 digits (E.164 length) once spaces, dashes, dots, brackets and a leading `+`
/// are set aside.
pub fn contact(c: &Contact) -> Result<Contact, SandboxError> {
    let name = text("name", &c.name, 100)?;
    let email = text("email", &c.email, 254)?;
    let plausible = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !plausible {
        return Err(bad("email", "not an e-mail address"));
    }
    let phone = text("phone", &c.phone, 25)?;
    let rest = phone.strip_prefix('+').unwrap_or(&phone);
    if !rest
        .chars()
        .all(|ch| ch.is_ascii_digit() || " -.()".contains(ch))
    {
        return Err(bad("phone", "digits only"));
    }
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return Err(bad("phone", "7 to 15 digits"));
    }
    Ok(Contact { name, email, phone })
}

/// A ten-digit North American number as the inventory holds it (`7872000001`).
pub fn number(raw: &str) -> Result<String, SandboxError> {
    let n = raw.trim();
    if n.len() == 10 && n.chars().all(|c| c.is_ascii_digit()) {
        Ok(n.to_owned())
    } else {
        Err(bad("number", "ten digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact_of(email: &str, phone: &str) -> Contact {
        Contact {
            name: "Ana Rivera".into(),
            email: email.into(),
            phone: phone.into(),
        }
    }

    #[test]
    fn plausible_contact_is_accepted_trimmed() {
        let c = contact(&contact_of(" ana@example.pr ", "+1 (787) 555-0100")).unwrap();
        assert_eq!(c.email, "ana@example.pr");
    }

    #[test]
    fn email_without_domain_dot_is_refused() {
        assert!(contact(&contact_of("ana@localhost", "7875550100")).is_err());
        assert!(contact(&contact_of("ana.example.pr", "7875550100")).is_err());
    }

    #[test]
    fn phone_needs_seven_to_fifteen_digits() {
        assert!(contact(&contact_of("a@b.pr", "555-01")).is_err());
        assert!(contact(&contact_of("a@b.pr", "787555010x")).is_err());
    }

    #[test]
    fn product_codes_are_plain() {
        let ok = ItemInput {
            product_code: "0MSIN".into(),
            quantity: 1,
        };
        assert!(item(&ok).is_ok());
        let bad = ItemInput {
            product_code: "A; DROP".into(),
            quantity: 1,
        };
        assert!(item(&bad).is_err());
    }
}
