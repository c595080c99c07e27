//! Serde wire types of the browser ↔ proxy API, `/api/v1`.
//!
//! Versioned by path: a breaking change gets `/api/v2` and these types stay as they are.
//! Nothing here may ever carry a credential, token, session-id or conversation id.

use crate::{Market, StreetAddress, Technology};
use serde::{Deserialize, Serialize};

/// Path prefix of this version of the API.
pub const API_PREFIX: &str = "/api/v1";

/// Header the app sends on every state-changing call; the proxy refuses such calls without it.
/// A cross-site form cannot set a custom header, and a cross-site `fetch` that sets one needs a
/// CORS preflight the proxy will not grant to unknown origins.
pub const CSRF_HEADER: &str = "x-checkout-csrf";
pub const CSRF_VALUE: &str = "1";

/// `POST /api/v1/eligibility`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityRequest {
    pub address: StreetAddress,
}

/// What the customer can do instead when an address is not served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alternative {
    /// Network is coming: we can tell the customer when it arrives.
    NotifyWhenAvailable,
    /// No plans: a store or the phone line can look for other options.
    ContactUs,
}

/// Why an address is not served, in customer terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotServedBecause {
    NoNetworkAtAddress,
    NetworkNotYetBuilt,
}

/// Answer of `POST /api/v1/eligibility`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Eligibility {
    Serviceable {
        technology: Technology,
        market: Market,
        /// Seed 004 "Key Considerations" 1 (warning ORV59I): someone already has service here.
        existing_customer: bool,
    },
    NotServiceable {
        because: NotServedBecause,
        alternative: Alternative,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eligibility_is_tagged_by_status() {
        let e = Eligibility::Serviceable {
            technology: Technology::Coax,
            market: Market::PuertoRico,
            existing_customer: false,
        };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["status"], "serviceable");
        assert_eq!(json["technology"], "COAX");
        assert_eq!(json["market"], "PR");
        assert_eq!(serde_json::from_value::<Eligibility>(json).unwrap(), e);
    }

    #[test]
    fn request_with_bad_address_does_not_deserialize() {
        let r = serde_json::from_str::<EligibilityRequest>(r#"{"address":"<b>"}"#);
        assert!(r.is_err());
    }
}
