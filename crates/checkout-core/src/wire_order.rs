//! Serde wire types of the `/api/v1` steps after the cart (DESIGN §3 steps 2 and 5–13):
//! identity, credit, installation, number, terms, time slot, quote, review, place order.
//!
//! Kept apart from [`crate::wire`] so the contract of each step reads in one place. The same
//! rule as there: nothing here carries a credential, token, session-id, conversation id or an
//! upstream order id; the proxy keeps those in the browser's server-side session. Every field
//! the customer types is a newtype that parses once, so a bad value fails at deserialisation
//! in the proxy exactly as it fails in the app's form.

use crate::UtcMillis;
use crate::address::InputError;
use crate::deadlines::Hold;
use crate::installation::{Appointment, InstallationKind, TelephoneNumber};
use crate::notices::Notice;
use crate::tmf622::OrderOutcome;
use serde::{Deserialize, Serialize};

/// Paths of the steps, under [`crate::wire::API_PREFIX`].
pub mod path {
    pub const OTP: &str = "/identity/otp";
    pub const VERIFY: &str = "/identity/verify";
    pub const CREDIT: &str = "/credit";
    pub const INSTALLATION: &str = "/installation";
    pub const NUMBERS_SEARCH: &str = "/numbers/search";
    pub const NUMBERS_RESERVE: &str = "/numbers/reserve";
    pub const TERMS: &str = "/terms";
    pub const SLOTS_SEARCH: &str = "/slots/search";
    pub const SLOTS_CHOOSE: &str = "/slots/choose";
    pub const QUOTE: &str = "/quote";
    pub const REVIEW: &str = "/review";
    /// `POST` places the order (with `Idempotency-Key`); `GET` reports where it stands.
    pub const ORDER: &str = "/order";
    /// `GET`: where this browser's checkout stands, to pick up after a reload.
    pub const CHECKOUT: &str = "/checkout";
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $parse:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn new(raw: &str) -> Result<Self, InputError> {
                let parse: fn(&str) -> Result<String, InputError> = $parse;
                parse(raw).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InputError;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::new(&raw)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> Self {
                v.0
            }
        }
    };
}

fn trimmed<'a>(raw: &'a str, field: &'static str, max: usize) -> Result<&'a str, InputError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(InputError::Empty(field));
    }
    if t.chars().count() > max {
        return Err(InputError::TooLong { field, max });
    }
    let refused = |c: char| c.is_control() || crate::address::is_format(c) || "<>{}\\".contains(c);
    if let Some(found) = t.chars().find(|c| refused(*c)) {
        return Err(InputError::InvalidCharacter { field, found });
    }
    Ok(t)
}

fn digits_only(raw: &str, field: &'static str, len: usize) -> Result<String, InputError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(InputError::Empty(field));
    }
    if let Some(found) = t.chars().find(|c| !c.is_ascii_digit()) {
        return Err(InputError::InvalidCharacter { field, found });
    }
    if t.len() != len {
        return Err(InputError::WrongLength { field, len });
    }
    Ok(t.to_owned())
}

text_newtype!(
    /// A person's name as typed (1–100 characters, at least one letter, no markup, control or
    /// bidi formatting characters): the legal name of a credit check, the contact of an order.
    PersonName,
    |raw| {
        let t = trimmed(raw, "name", 100)?;
        if !t.chars().any(char::is_alphabetic) {
            return Err(InputError::NoLetter("name"));
        }
        Ok(t.to_owned())
    }
);

text_newtype!(
    /// An e-mail address: one `@` with text on both sides and a dot in the domain.
    Email,
    |raw| {
        const FIELD: &str = "email";
        let t = trimmed(raw, FIELD, 254)?;
        if let Some(found) = t.chars().find(|c| c.is_whitespace()) {
            return Err(InputError::InvalidCharacter { field: FIELD, found });
        }
        match t.split_once('@') {
            Some((local, domain))
                if !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.') =>
            {
                Ok(t.to_owned())
            }
            _ => Err(InputError::Unknown(FIELD)),
        }
    }
);

text_newtype!(
    /// A contact phone number: 7–15 digits, written with spaces, `-`, `.`, brackets and a
    /// leading `+` as people do (the sandbox's confirm accepts the same).
    ContactPhone,
    |raw| {
        const FIELD: &str = "phone";
        let t = trimmed(raw, FIELD, 30)?;
        let body = t.strip_prefix('+').unwrap_or(t);
        if let Some(found) = body.chars().find(|c| !c.is_ascii_digit() && !" -.()".contains(*c)) {
            return Err(InputError::InvalidCharacter { field: FIELD, found });
        }
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if !(7..=15).contains(&digits) {
            return Err(InputError::Unknown(FIELD));
        }
        Ok(t.to_owned())
    }
);

text_newtype!(
    /// Where a one-time password goes: an e-mail address or a phone number.
    OtpContact,
    |raw| {
        if raw.contains('@') {
            Email::new(raw).map(String::from)
        } else {
            ContactPhone::new(raw).map(String::from)
        }
    }
);

text_newtype!(
    /// A one-time password: six digits.
    OtpCode,
    |raw| digits_only(raw, "code", 6)
);

text_newtype!(
    /// The last four digits of a social security number (credit check).
    Last4Ssn,
    |raw| digits_only(raw, "last 4 digits", 4)
);

text_newtype!(
    /// A date of birth, `YYYY-MM-DD`, a real calendar day between 1900 and 2026.
    BirthDate,
    |raw| {
        const FIELD: &str = "date of birth";
        let t = raw.trim();
        if t.is_empty() {
            return Err(InputError::Empty(FIELD));
        }
        let parts: Vec<&str> = t.split('-').collect();
        let ok = match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                match (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
                    (Ok(y), Ok(m), Ok(d)) => {
                        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                        let days = match m {
                            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                            4 | 6 | 9 | 11 => 30,
                            2 if leap => 29,
                            2 => 28,
                            _ => 0,
                        };
                        (1900..=2026).contains(&y) && d >= 1 && d <= days
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if ok { Ok(t.to_owned()) } else { Err(InputError::Unknown(FIELD)) }
    }
);

/// Seed 004's credit check is for a person who can sign a contract: 18 or older.
pub const ADULT_AGE: i64 = 18;

impl BirthDate {
    /// Whether the person is at least [`ADULT_AGE`] on the UTC day of `now`.
    pub fn is_adult_on(&self, now: crate::UtcMillis) -> bool {
        let mut parts = self.0.split('-').map(|p| p.parse::<i64>().unwrap_or(0));
        let (y, m, d) = (
            parts.next().unwrap_or(0),
            parts.next().unwrap_or(0),
            parts.next().unwrap_or(0),
        );
        let (ty, tm, td) = crate::instant::civil_from_days(now.0.div_euclid(86_400_000));
        let had_birthday = (i64::from(tm), i64::from(td)) >= (m, d);
        let age = ty - y - i64::from(!had_birthday);
        age >= ADULT_AGE
    }
}

/// An amount of money as upstream states it: a decimal string and an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    pub amount: String,
    pub currency: String,
}

// ---- step 2: identity (optional) ----

/// `POST /api/v1/identity/otp`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpRequest {
    pub contact: OtpContact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtpChannel {
    Sms,
    Email,
}

/// Answer of `POST /api/v1/identity/otp`. The same whether or not an account exists (DESIGN
/// §3 step 2: never reveal that to a stranger).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtpSent {
    pub channel: OtpChannel,
    pub expires_at: UtcMillis,
}

/// `POST /api/v1/identity/verify`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyRequest {
    pub otp: OtpCode,
}

/// Answer of `POST /api/v1/identity/verify`: the proxy has rotated the session cookie.
/// `customer` is the account found for the contact, if any (only its display name; ids stay
/// in the proxy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identified {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<KnownCustomer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownCustomer {
    pub name: String,
}

// ---- step 5: credit ----

/// `POST /api/v1/credit`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditRequest {
    pub name: PersonName,
    pub date_of_birth: BirthDate,
    pub last4_ssn: Last4Ssn,
}

/// The credit decision in customer terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum CreditDecision {
    Approved,
    /// A one-time deposit is added to the first bill.
    DepositRequired {
        deposit: Money,
    },
    /// The order cannot go on online; a store or the phone line can help.
    Refused,
}

/// What an installation choice costs once, after this credit decision (seed 004 "Key
/// Considerations" 8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallOption {
    pub kind: InstallationKind,
    pub one_time: Money,
}

/// Answer of `POST /api/v1/credit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditOutcome {
    #[serde(flatten)]
    pub decision: CreditDecision,
    /// Empty when refused.
    pub install_options: Vec<InstallOption>,
}

// ---- step 6: installation ----

/// `POST /api/v1/installation`: self install or a technician visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallationRequest {
    pub kind: InstallationKind,
}

/// A term the customer must accept, in its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub id: String,
    pub version: String,
    pub title: String,
}

/// Answer of `POST /api/v1/installation` and `POST /api/v1/terms`: the fulfillment as it
/// stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fulfillment {
    pub kind: InstallationKind,
    pub required_terms: Vec<Term>,
    /// Ids of the terms accepted so far (in their current versions).
    pub accepted_terms: Vec<String>,
}

// ---- step 7: phone number (only with a phone product) ----

/// Answer of `POST /api/v1/numbers/search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberChoices {
    pub numbers: Vec<TelephoneNumber>,
}

/// `POST /api/v1/numbers/reserve`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReserveNumberRequest {
    pub number: TelephoneNumber,
}

/// Answer of `POST /api/v1/numbers/reserve`: the number is held until `hold` lapses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberReserved {
    pub number: TelephoneNumber,
    pub hold: Hold,
}

// ---- step 8: terms ----

/// One term accepted explicitly, in the version the customer was shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermAcceptance {
    pub id: String,
    pub version: String,
}

/// `POST /api/v1/terms`: every required term, each ticked by the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptTermsRequest {
    pub accepted: Vec<TermAcceptance>,
}

// ---- step 9: time slot (technician visit only) ----

/// A technician window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub id: String,
    pub start: UtcMillis,
    pub end: UtcMillis,
}

/// Answer of `POST /api/v1/slots/search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SlotSearch {
    /// Held for this order until `hold` (seed: 4 min upstream, order within 3).
    Offered { slots: Vec<Slot>, hold: Hold },
    /// None free (J4U22A): the job can be booked unscheduled and someone calls the customer.
    NoneAvailable,
}

/// `POST /api/v1/slots/choose`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum SlotChoice {
    Slot { id: String },
    Unscheduled,
}

/// Answer of `POST /api/v1/slots/choose`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChosen {
    pub appointment: Appointment,
    /// The slot's hold; none when unscheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<Hold>,
}

// ---- step 10: quote ----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteLine {
    pub code: String,
    pub name: String,
    pub quantity: u8,
    pub monthly: String,
    pub one_time: String,
}

/// A tax or fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteCharge {
    pub name: String,
    pub amount: String,
    pub recurring: bool,
}

/// Answer of `POST /api/v1/quote`: taxes and fees; must be ordered before `hold` lapses (seed
/// 004: within 14 min of the quote).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteView {
    pub currency: String,
    pub lines: Vec<QuoteLine>,
    pub charges: Vec<QuoteCharge>,
    pub monthly_total: String,
    pub one_time_total: String,
    /// Warnings the BSS put in the quote (e.g. no technician dates), in customer terms.
    pub notices: Vec<Notice>,
    pub hold: Hold,
}

// ---- step 11: review ----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewProblem {
    pub code: String,
    pub message: String,
}

/// Answer of `GET /api/v1/review`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub valid: bool,
    pub problems: Vec<ReviewProblem>,
    /// Seed 004 "Key Considerations" 1 (ORV59I): someone already has service at the address
    /// the order is held for, and the back office refuses a new customer's order there. Said
    /// at the review, before the customer orders.
    #[serde(default)]
    pub existing_customer: bool,
}

// ---- step 12–13: place order, confirmation ----

/// Who to contact about the order (the held order is confirmed with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub name: PersonName,
    pub email: Email,
    pub phone: ContactPhone,
}

/// Answer of `GET /api/v1/order`: where the order of this session stands. The app polls it
/// after a place-order call that timed out ("confirming your order").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum OrderStatus {
    /// No place-order call has arrived for this session.
    NotPlaced,
    /// A place-order call is running.
    Confirming,
    Placed {
        outcome: OrderOutcome,
    },
    /// The last attempt failed with this problem code; the customer may try again.
    Failed {
        code: String,
    },
}

/// When the app gives up waiting for `POST /api/v1/order` and starts polling.
pub const PLACE_ORDER_TIMEOUT_MS: i64 = 15_000;

// ---- resume ----

/// Answer of `GET /api/v1/checkout`: where this browser's checkout stands, as the proxy's
/// session knows it, so the app picks up after a reload from the server rather than from
/// anything it kept itself. Nothing personal (no name, date of birth, SSN digits, contact) and
/// nothing secret (no upstream id): the cart's codes, the decisions and the holds' deadlines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutProgress {
    /// The held cart and its hold, as `GET /api/v1/cart` answers it; none before one is held.
    #[serde(default)]
    pub cart: Option<crate::wire::CartState>,
    /// The credit decision and what each installation costs after it.
    #[serde(default)]
    pub credit: Option<CreditOutcome>,
    #[serde(default)]
    pub installation: Option<InstallationKind>,
    /// The number reserved and its reservation's deadline.
    #[serde(default)]
    pub number: Option<NumberReserved>,
    /// Every required term accepted, in its current version.
    #[serde(default)]
    pub terms_accepted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 24 (7): invisible bidi controls made "Ana \u{202E}arevir\u{202C}" display as
    /// "Ana rivera" and reached the back office; they are refused, and named by code point.
    #[test]
    fn bidi_and_other_invisible_controls_are_refused_in_names_and_e_mail() {
        for bad in [
            "Ana \u{202E}arevir\u{202C}",
            "Ana\u{2066}Ruiz\u{2069}",
            "A\u{200F}na",
        ] {
            let e = PersonName::new(bad).unwrap_err();
            assert!(matches!(e, InputError::InvalidCharacter { .. }), "{bad:?}");
            assert!(e.to_string().contains("U+"), "{e}");
        }
        assert!(Email::new("ana\u{202E}@example.pr").is_err());
        assert!(ContactPhone::new("787\u{202D}5550100").is_err());
        assert!(PersonName::new("Ana Ruiz-Pérez").is_ok());
    }

    /// Issue 24 (14): "😀😀😀" was accepted as the legal name of a credit check.
    #[test]
    fn a_name_needs_a_letter() {
        let e = PersonName::new("😀😀😀").unwrap_err();
        assert_eq!(e, InputError::NoLetter("name"));
        assert_eq!(
            e.message(crate::Lang::En),
            "Your name needs at least one letter."
        );
        assert_eq!(
            e.message(crate::Lang::Es),
            "Su nombre necesita al menos una letra."
        );
        assert!(PersonName::new("Ñandú 2").is_ok());
    }

    /// Seed 004's credit check is for adults: a customer under 18 is told so before the
    /// back office is asked (it refused with a bare 400 the customer was told to retry).
    #[test]
    fn an_adult_is_eighteen_on_the_day() {
        let day = |y, m, d| {
            crate::UtcMillis(crate::instant::days_from_civil(y, m, d) * 86_400_000 + 43_200_000)
        };
        let born = BirthDate::new("2008-12-04").unwrap();
        assert!(born.is_adult_on(day(2026, 12, 4)));
        assert!(!born.is_adult_on(day(2026, 12, 3)));
        assert!(
            !BirthDate::new("2009-12-01")
                .unwrap()
                .is_adult_on(day(2026, 12, 4))
        );
        assert!(
            BirthDate::new("1980-02-29")
                .unwrap()
                .is_adult_on(day(2026, 12, 4))
        );
    }

    #[test]
    fn typed_fields_parse_once_and_refuse_bad_input() {
        assert!(Email::new("ana@example.pr").is_ok());
        for bad in [
            "", "ana", "ana@", "@x.pr", "a@b", "a b@x.pr", "a@x.pr.", "<a>@x.pr",
        ] {
            assert!(Email::new(bad).is_err(), "{bad}");
        }
        assert!(ContactPhone::new("+1 (787) 555-0100").is_ok());
        for bad in ["", "12345", "787-555-01x0", "1234567890123456"] {
            assert!(ContactPhone::new(bad).is_err(), "{bad}");
        }
        assert_eq!(OtpCode::new(" 123456 ").unwrap().as_str(), "123456");
        assert!(OtpCode::new("12345").is_err());
        assert!(OtpCode::new("12345a").is_err());
        assert!(Last4Ssn::new("0000").is_ok());
        assert!(Last4Ssn::new("00000").is_err());
        assert!(BirthDate::new("1980-02-29").is_ok());
        for bad in [
            "1981-02-29",
            "1980-13-01",
            "80-01-01",
            "1899-12-31",
            "1980-1-1",
        ] {
            assert!(BirthDate::new(bad).is_err(), "{bad}");
        }
        assert!(OtpContact::new("existing@example.pr").is_ok());
        assert!(OtpContact::new("787 555 0100").is_ok());
        assert!(OtpContact::new("nobody").is_err());
        assert!(PersonName::new("Ana <script>").is_err());
    }

    #[test]
    fn bad_fields_fail_deserialisation() {
        let bad = r#"{"name":"Ana","dateOfBirth":"1980-02-30","last4Ssn":"1234"}"#;
        assert!(serde_json::from_str::<CreditRequest>(bad).is_err());
        let good = r#"{"name":"Ana","dateOfBirth":"1980-02-28","last4Ssn":"1234"}"#;
        assert!(serde_json::from_str::<CreditRequest>(good).is_ok());
    }

    #[test]
    fn tagged_answers_have_stable_shapes() {
        let o = CreditOutcome {
            decision: CreditDecision::DepositRequired {
                deposit: Money {
                    amount: "150.00".into(),
                    currency: "USD".into(),
                },
            },
            install_options: vec![],
        };
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(json["decision"], "deposit_required");
        assert_eq!(json["deposit"]["amount"], "150.00");
        assert_eq!(serde_json::from_value::<CreditOutcome>(json).unwrap(), o);

        let c: SlotChoice = serde_json::from_str(r#"{"choice":"unscheduled"}"#).unwrap();
        assert_eq!(c, SlotChoice::Unscheduled);
        let s = serde_json::to_value(OrderStatus::Confirming).unwrap();
        assert_eq!(s["status"], "confirming");
    }
}
