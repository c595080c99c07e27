//! Serde wire types of the browser ↔ proxy API, `/api/v1`.
//!
//! Versioned by path: a breaking change gets `/api/v2` and these types stay as they are.
//! Nothing here may ever carry a credential, token, session-id or conversation id.

use crate::cart::Cart;
use crate::catalog::{Line, Package, ProductCode};
use crate::deadlines::Hold;
use crate::installation::Installation;
use crate::tmf622::OrderOutcome;
use crate::wire_order::ContactDetails;
use crate::{Market, StreetAddress, Technology, UtcMillis};
use serde::{Deserialize, Serialize};

/// Path prefix of this version of the API.
pub const API_PREFIX: &str = "/api/v1";

/// The version number in [`API_PREFIX`].
pub const API_VERSION: u16 = 1;

/// Response header carrying the server's clock, in milliseconds since the Unix epoch, on every
/// `/api/v1` answer: the app learns its clock skew from it (DESIGN §5).
pub const SERVER_TIME_HEADER: &str = "x-server-time-ms";

/// Header the app sends on the order submit: one key per order attempt (DESIGN §3 step 12).
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// Header the app sends on every state-changing call; the proxy refuses such calls without it.
/// A cross-site form cannot set a custom header, and a cross-site `fetch` that sets one needs a
/// CORS preflight the proxy will not grant to unknown origins.
pub const CSRF_HEADER: &str = "x-checkout-csrf";
pub const CSRF_VALUE: &str = "1";

/// Header the app sends on every call when a partner frames it, naming the partner
/// (docs/embedding.md): its session key then also travels in [`EMBED_SESSION_HEADER`].
pub const EMBED_HEADER: &str = "x-checkout-embed";

/// Header a framed checkout's session key travels in, both ways: the proxy hands a new key out
/// in it, and the app, which keeps the key in memory only, sends it back.
pub const EMBED_SESSION_HEADER: &str = "x-checkout-session";

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

/// A price as the catalogue states it: a decimal string ("49.99") and an ISO 4217 currency.
/// Kept as text: the app only shows it, and floating point must never touch money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyPrice {
    pub monthly_price: String,
    pub currency: String,
}

/// A package of the catalogue, as `GET /api/v1/offers` lists it. Deserialising re-checks the
/// package's invariants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedPackage {
    pub package: Package,
    pub name: String,
    #[serde(flatten)]
    pub price: MonthlyPrice,
}

/// An add-on of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedAddOn {
    pub line: Line,
    pub name: String,
    #[serde(flatten)]
    pub price: MonthlyPrice,
}

/// `GET /api/v1/offers`: the catalogue for the customer's address. Packages the address's
/// technology cannot carry are left out by the proxy (seed 004 package table); the app checks
/// the same rule again with the same code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Offers {
    pub technology: Technology,
    pub packages: Vec<OfferedPackage>,
    pub add_ons: Vec<OfferedAddOn>,
}

impl Offers {
    /// The catalogue for an address of this technology: the packages it cannot carry left out
    /// (seed 004 package table).
    pub fn for_technology(
        technology: Technology,
        packages: Vec<OfferedPackage>,
        add_ons: Vec<OfferedAddOn>,
    ) -> Self {
        Self {
            technology,
            packages: packages
                .into_iter()
                .filter(|p| crate::rules::package_fits(&p.package, technology))
                .collect(),
            add_ons,
        }
    }
}

/// `POST /api/v1/cart`: hold the cart these choices make (the upstream order starts
/// `ON_HOLD`). What the customer chose on the packages step is all the browser sends; the
/// proxy composes the cart from its catalogue (`crate::compose`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CartChoices {
    /// The catalogue code of the package.
    pub package: ProductCode,
    /// The add-ons ticked, each a catalogue code of a kind the customer picks
    /// (`crate::compose::customer_choosable`).
    #[serde(default)]
    pub add_ons: Vec<ProductCode>,
    /// One extra set-top box (it brings its installation charge and activation).
    #[serde(default)]
    pub extra_stb: bool,
}

/// The cart as it stands, with its hold. Deserializing re-checks every rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartState {
    pub cart: Cart,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<Hold>,
    pub server_time: UtcMillis,
    /// Whether one more extension can still be asked for (the seed lets upstream grant less,
    /// or refuse; this says only that asking makes sense).
    #[serde(default)]
    pub extendable: bool,
}

/// `POST /api/v1/order`: place the order. The cart is the one held; upstream ids (quote,
/// conversation, billing account) stay in the proxy's session; the browser sends only what the
/// customer chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceOrderRequest {
    pub installation: Installation,
    /// Who to contact; the held order is confirmed with it.
    pub contact: ContactDetails,
}

/// Answer of `POST /api/v1/order`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderPlaced {
    pub outcome: OrderOutcome,
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
    fn place_order_request_round_trips_and_names_the_installation() {
        let r = PlaceOrderRequest {
            installation: Installation::SelfInstall,
            contact: ContactDetails {
                name: crate::wire_order::PersonName::new("Ana Ruiz").unwrap(),
                email: crate::wire_order::Email::new("ana@example.pr").unwrap(),
                phone: crate::wire_order::ContactPhone::new("787 555 0100").unwrap(),
            },
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["installation"]["kind"], "self_install");
        assert!(json.get("cart").is_none(), "the held cart is the proxy's");
        assert_eq!(
            serde_json::from_value::<PlaceOrderRequest>(json).unwrap(),
            r
        );
        assert!(API_PREFIX.ends_with(&API_VERSION.to_string()));
    }

    #[test]
    fn request_with_bad_address_does_not_deserialize() {
        let r = serde_json::from_str::<EligibilityRequest>(r#"{"address":"<b>"}"#);
        assert!(r.is_err());
    }
}
