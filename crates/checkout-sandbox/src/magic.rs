//! Magic inputs: like a payment provider's test card numbers, each reproduces one outcome the
//! seeds describe. Documented in `docs/sandbox.md`; keep the two in step.

use crate::market_address;
use checkout_core::ocbo::{ServiceabilityResponse, UnserviceableReason};
use checkout_core::{Market, Technology};

/// The client-id that upstream refuses (seed OCBO: 403 CHTR-1018 / TECHMSG-0006).
pub const FORBIDDEN_CLIENT_ID: &str = "forbidden-client";

/// An order whose street address contains this (case-insensitive) never gets a technician
/// slot: `searchTimeSlot` answers J4U22A (seed TMF-622: "If all slots are booked, then customer
/// will get error like 2099 | JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL").
pub const NO_SLOTS_WORD: &str = "noslots";

/// A product code standing for a booking already confirmed elsewhere: the item is stored
/// `CONFIRMED` while the order is on hold, so extend and confirm of that order fail whole
/// (seed order-cart-holds: "an individual booking in the Order was confirmed … before the
/// Order operation was committed").
pub const ITEM_BOOKED_ELSEWHERE: &str = "BOOKED-ELSEWHERE";

/// The one-time password the sandbox always "sends" (it sends nothing): deterministic, so
/// tests and demos can sign in. Any other code is wrong.
pub const OTP: &str = "123456";

/// Last four SSN digits that get the credit application refused.
pub const SSN_REFUSED: &str = "0000";
/// Last four SSN digits that get the application approved with a deposit of
/// [`DEPOSIT_CENTS`].
pub const SSN_DEPOSIT: &str = "1111";
pub const DEPOSIT_CENTS: i64 = 15_000;

/// An order whose address contains this is answered ORV59I by productOrder (the address
/// already has a customer; serviceability flags such addresses via `existing`).
pub const EXISTING_WORD: &str = "existing";
/// An order whose address contains this is placed with the OTG outage warning.
pub const OUTAGE_WORD: &str = "outage";
/// An order whose address contains this was signed off by a CSR: productOrder answers MAP15E.
pub const SIGNED_OFF_WORD: &str = "signedoff";

/// An order whose address contains this is created at once, but productOrder answers only
/// after [`SLOW_ANSWER`]: longer than the proxy waits, so its answer is lost on the way and
/// the order's outcome is unknown to the channel until it asks again (the same `externalId`
/// then reads the order back at once).
pub const SLOW_ANSWER_WORD: &str = "slowanswer";
/// How long a [`SLOW_ANSWER_WORD`] order's first answer takes.
pub const SLOW_ANSWER: std::time::Duration = std::time::Duration::from_secs(8);

/// Whether the (lower-cased) address contains `word`.
pub fn address_has(address: &str, word: &str) -> bool {
    address.to_lowercase().contains(word)
}

/// The credit decision and deposit (cents) for these last four SSN digits.
pub fn credit(last4: &str) -> (crate::contract::CreditDecision, i64) {
    use crate::contract::CreditDecision as D;
    match last4 {
        SSN_REFUSED => (D::Refused, 0),
        SSN_DEPOSIT => (D::DepositRequired, DEPOSIT_CENTS),
        _ => (D::Approved, 0),
    }
}

/// Whether a verified contact has an account: contacts containing `existing` do
/// (`existing@example.pr`), and so does the phone number `7875550100`.
pub fn has_account(contact: &str) -> bool {
    contact.contains(EXISTING_WORD) || contact == "7875550100"
}

/// Whether an order at this address is refused every time slot.
pub fn no_slots(address: &str) -> bool {
    address.to_lowercase().contains(NO_SLOTS_WORD)
}

/// Decide serviceability of an address by the words in it (case-insensitive).
pub fn serviceability(address: &str) -> Result<ServiceabilityResponse, MagicError> {
    let a = address.to_lowercase();
    if a.contains("partial") {
        return Err(MagicError::PartialContent);
    }
    let market = if a.contains("panama") || a.contains("panamá") {
        Market::Panama
    } else if a.contains("jamaica") || a.contains("kingston") {
        Market::Jamaica
    } else {
        Market::PuertoRico
    };
    let unserviceable = |reason| ServiceabilityResponse {
        serviceable: false,
        technology: None,
        market: None,
        reason: Some(reason),
        existing_customer: false,
        market_address: None,
    };
    if a.contains("nowhere") {
        return Ok(unserviceable(UnserviceableReason::NoNetwork));
    }
    if a.contains("planned") {
        return Ok(unserviceable(UnserviceableReason::NetworkPlanned));
    }
    let technology = if a.contains("coax") {
        Technology::Coax
    } else {
        Technology::Ftth
    };
    Ok(ServiceabilityResponse {
        serviceable: true,
        technology: Some(technology),
        market: Some(market),
        reason: None,
        existing_customer: a.contains("existing"),
        // JM and PA: the lines and exchange data their productOrder needs (kiosk mode).
        market_address: market_address::of(address, market).map(Box::new),
    })
}

/// Seeded failures a magic input triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MagicError {
    /// Seed OCBO: 400 CHTR-4504 / TECHMSG-0001, "findLocation service reports only partial content".
    PartialContent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_address_is_fibre_in_puerto_rico() {
        let r = serviceability("1 Calle Sol, San Juan").unwrap();
        assert_eq!(r.technology, Some(Technology::Ftth));
        assert_eq!(r.market, Some(Market::PuertoRico));
    }

    #[test]
    fn only_serviceable_jamaica_and_panama_addresses_carry_a_market_address() {
        assert_eq!(
            serviceability("1 Calle Sol, San Juan")
                .unwrap()
                .market_address,
            None
        );
        let jm = serviceability("Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica").unwrap();
        assert_eq!(jm.market_address.map(|a| a.market()), Some(Market::Jamaica));
        let pa = serviceability("casa A159, LAS CUMBRES, PANAMA").unwrap();
        assert_eq!(pa.market_address.map(|a| a.market()), Some(Market::Panama));
        let nowhere = serviceability("3 Nowhere Road, Kingston").unwrap();
        assert_eq!(nowhere.market_address, None);
    }

    #[test]
    fn coax_word_gives_coax() {
        let r = serviceability("2 Coax Avenue").unwrap();
        assert_eq!(r.technology, Some(Technology::Coax));
    }

    #[test]
    fn nowhere_is_not_serviceable() {
        let r = serviceability("3 Nowhere Road").unwrap();
        assert!(!r.serviceable);
        assert_eq!(r.reason, Some(UnserviceableReason::NoNetwork));
    }
}
