//! Kiosk mode (DESIGN §9): what a store's kiosk, the proxy and the back office must agree on.
//!
//! A kiosk is an enrolled device in a store; store staff sign in on it to assist and to approve
//! orders. That is what makes Jamaica and Panama orderable at all: seed 004's JM Liberate, JM
//! Cerillion and PA `productOrder` bodies carry the employee (`cisEmpId`, `salesRepId`), the
//! store (`depttCode`, `siteCode`, `sourceOfApplication`) and the exchange of the address, which
//! no web customer has. This module holds the wire types of `/api/v1/kiosk/*`, the upstream
//! staff, bundle and address types, the idle times, and the composition of a market's order
//! from those parts, checked before anything goes upstream.
//!
//! What never crosses to the browser is kept out of the browser's types by construction: the
//! store codes and the employee's ids appear only in [`StoreCodes`] and [`StaffMember`], which
//! no `/api/v1` answer contains.

use crate::InputError;
use crate::catalog::{Market, ProductCode};
use crate::instant::UtcMillis;
use crate::jm_pa_order::{
    AddressLines, Exchange, JmOrder, JmStack, PaExchanges, PaOrder, Staff, build_jm, build_pa,
};
use crate::tmf622::ProductOrderCreate;
use crate::wire_order::{ContactPhone, Email, PersonName};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Paths under `/api/v1` that only an enrolled kiosk may call.
pub mod path {
    /// `GET`: the kiosk's own view of itself (store name, market, who is signed in).
    pub const KIOSK: &str = "/kiosk";
    /// `POST` signs an employee in; `DELETE` signs them out.
    pub const STAFF: &str = "/kiosk/staff";
    /// `POST` flags the kiosk for staff; `DELETE` clears the flag (staff only).
    pub const HELP: &str = "/kiosk/help";
    /// `POST`: end the customer's visit: sessions revoked, holds cancelled, site data cleared.
    pub const RESET: &str = "/kiosk/reset";
    /// `POST`: a one-time link that moves the held cart to the customer's phone.
    pub const HANDOFF: &str = "/kiosk/handoff";
    /// `GET`: the bundles of the checked address's market (JM, PA).
    pub const BUNDLES: &str = "/kiosk/bundles";
    /// `POST`: place the market's order for the chosen bundle, approved by the signed-in
    /// employee (with `Idempotency-Key`).
    pub const ORDER: &str = "/kiosk/order";
}

/// Pages outside `/api/v1`.
pub mod page {
    /// The kiosk app; only an enrolled device's browser gets it.
    pub const KIOSK: &str = "/kiosk";
    /// `GET ?device=<id>&code=<secret>`: enrol this browser as that kiosk.
    pub const ENROL: &str = "/kiosk/enrol";
    /// `GET /continue/<token>`: the phone's end of a hand-off.
    pub const CONTINUE: &str = "/continue";
}

/// The back office's calls for kiosks (the sandbox implements them; docs/sandbox.md).
pub mod upstream_path {
    /// `POST`: check an employee's PIN at a site; repeated failures lock the employee.
    pub const STAFF_AUTH: &str = "/v1/staff/auth";
    /// `GET /v1/{businessId}/bundles`: the market's bundles.
    pub fn bundles(market: crate::Market) -> String {
        format!("/v1/{}/bundles", market.business_id())
    }
    /// `POST /v1/{businessId}/billingAccount`: open a billing account for a new customer.
    pub fn billing_account(market: crate::Market) -> String {
        format!("/v1/{}/billingAccount", market.business_id())
    }
}

/// How long a kiosk waits without a touch before it asks "Are you still there?", by what the
/// screen asks of the customer. Reading terms or typing a name takes longer than glancing at
/// packages; each stays inside the 60–180 s that kiosk vendors use, so an abandoned screen does
/// not show the last customer's choices to the next for long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreenKind {
    /// Choosing: the attract screen's languages, packages, bundles, a confirmation.
    Browsing,
    /// Typing: an address, a name, a contact.
    Form,
    /// Reading: terms and a summary to approve.
    Reading,
}

impl ScreenKind {
    /// Seconds without a touch before the question.
    pub const fn idle_secs(self) -> u32 {
        match self {
            Self::Browsing => 60,
            Self::Form => 120,
            Self::Reading => 180,
        }
    }
}

/// Seconds the customer has to answer "Are you still there?" before the kiosk resets: more
/// than WCAG 2.2.1's 20 s, since standing customers may have stepped back from the screen.
pub const STILL_THERE_SECS: u32 = 30;
const _: () = assert!(
    STILL_THERE_SECS >= 20,
    "WCAG 2.2.1: at least 20 s to answer"
);

/// An employee number as store systems print it (seed 004: `99999`, `70013`): 4–8 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmployeeId(String);

/// A staff PIN: 4–8 digits. Never printed (`Debug` hides it).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Pin(String);

fn digits(raw: &str, field: &'static str, min: usize, max: usize) -> Result<String, InputError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(InputError::Empty(field));
    }
    if let Some(found) = t.chars().find(|c| !c.is_ascii_digit()) {
        return Err(InputError::InvalidCharacter { field, found });
    }
    if t.len() > max {
        return Err(InputError::TooLong { field, max });
    }
    if t.len() < min {
        return Err(InputError::Unknown(field));
    }
    Ok(t.to_owned())
}

impl EmployeeId {
    pub fn new(raw: &str) -> Result<Self, InputError> {
        digits(raw, "employee number", 4, 8).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Pin {
    pub fn new(raw: &str) -> Result<Self, InputError> {
        digits(raw, "PIN", 4, 8).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(…)")
    }
}

macro_rules! string_conversions {
    ($($t:ident),*) => {$(
        impl TryFrom<String> for $t {
            type Error = InputError;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::new(&raw)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    )*};
}
string_conversions!(EmployeeId, Pin);

/// Body of `POST /api/v1/kiosk/staff`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffSignIn {
    pub employee_id: EmployeeId,
    pub pin: Pin,
}

/// Body of the back office's staff check: the employee, at which store of which market.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffAuthRequest {
    pub employee_id: EmployeeId,
    pub pin: Pin,
    pub business_id: Market,
    pub site_code: String,
}

/// The back office's answer for an employee who signed in: the ids seed 004's bodies carry.
/// Kept by the proxy; the kiosk page is told the name only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    /// `cisEmpId` (JM, PA).
    pub cis_emp_id: String,
    /// `salesRepId` (JM, PA) and the `SalesRepresentative` party's id (PR). Assigned per
    /// market: one employee may sell under different ids in different markets.
    pub sales_rep_id: String,
    /// As shown on the kiosk and named in a PR order's `SalesRepresentative` party.
    pub name: String,
}

/// A store's codes, set when its kiosk is enrolled (seed 004's JM and PA
/// `orderCharacteristics`). Server-side only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreCodes {
    /// `depttCode` (seed: `AQSAL`, `TIEN`).
    pub dept_code: String,
    /// `siteCode` (seed: `ANSQ`, `FTTH`).
    pub site_code: String,
    /// `sourceOfApplication` (seed: `3`, `EH`).
    pub source_of_application: String,
}

/// Answer of `GET /api/v1/kiosk`: what the kiosk's page may know of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KioskView {
    /// The store's name, as customers know it.
    pub store: String,
    /// The store's market: its time zone and its first language.
    pub market: Market,
    /// The signed-in employee's name, if one is signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
    /// A customer asked for help at this kiosk and no employee has answered yet.
    #[serde(default)]
    pub help_requested: bool,
    /// A hand-off link shown on this kiosk waits for the customer's phone: once it is used (or
    /// expires) the kiosk starts over by itself.
    #[serde(default)]
    pub handoff_waiting: bool,
}

/// Answer of `POST /api/v1/kiosk/handoff`: the phone's link, as a QR code and as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// The one-time link (`/continue/<token>`); carries no personal data.
    pub url: String,
    /// The link as a QR code, drawn by the proxy: the side in modules (quiet zone included)
    /// and an SVG path of the dark modules in that square, which the page draws as it is
    /// (no markup from the server, no QR encoder in the WASM).
    pub qr_size: u32,
    pub qr_path: String,
    /// When the link stops working.
    pub expires_at: UtcMillis,
}

/// How long a hand-off link works: long enough to find a phone and scan, short enough that a
/// photo of the screen is useless soon after.
pub const HANDOFF_MINUTES: i64 = 10;

/// The exchange data and the address lines the back office answers for a Jamaican or Panamanian
/// address (seed 004's `exchangeId`/`numberAreaCode` and `serviceAddress`). Server-side: the
/// browser is told the market only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "market")]
pub enum MarketAddress {
    #[serde(rename = "JM", rename_all = "camelCase")]
    Jamaica {
        exchange: Exchange,
        /// The seed sends `"addrNo": ""` for an address new to the BSS.
        addr_no: String,
        address: AddressLines,
        post_code: String,
    },
    #[serde(rename = "PA", rename_all = "camelCase")]
    Panama {
        exchanges: PaExchanges,
        address: AddressLines,
    },
}

impl MarketAddress {
    pub fn market(&self) -> Market {
        match self {
            Self::Jamaica { .. } => Market::Jamaica,
            Self::Panama { .. } => Market::Panama,
        }
    }
}

/// Which system takes a bundle's order, and what its line carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stack", rename_all = "snake_case")]
pub enum BundleStack {
    /// Jamaica, Liberate (seed: `609002_RES`).
    Liberate,
    /// Jamaica, Cerillion: the line carries a `discountGroupCode` (seed: `RSPBDESS`, `B2BI2`).
    #[serde(rename_all = "camelCase")]
    Cerillion { discount_group_code: String },
    /// Panama (seed: `2P600LF`).
    Panama,
}

impl BundleStack {
    pub fn market(&self) -> Market {
        match self {
            Self::Liberate | Self::Cerillion { .. } => Market::Jamaica,
            Self::Panama => Market::Panama,
        }
    }
}

/// A bundle of a market's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarketBundle {
    pub code: ProductCode,
    pub name: String,
    /// Decimal text ("59.99"): shown, never computed with.
    pub monthly_price: String,
    /// ISO 4217 (`JMD`, `USD`: Panama prices in US dollars).
    pub currency: String,
    #[serde(flatten)]
    pub stack: BundleStack,
}

/// The browser's view of a bundle (`GET /api/v1/kiosk/bundles`): no system, no discount code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedBundle {
    pub code: ProductCode,
    pub name: String,
    pub monthly_price: String,
    pub currency: String,
}

impl From<&MarketBundle> for OfferedBundle {
    fn from(b: &MarketBundle) -> Self {
        Self {
            code: b.code.clone(),
            name: b.name.clone(),
            monthly_price: b.monthly_price.clone(),
            currency: b.currency.clone(),
        }
    }
}

/// Body of `POST /api/v1/kiosk/order`: the bundle the customer chose and who they are. The
/// address, the store and the employee are the proxy's to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KioskOrderRequest {
    pub bundle: ProductCode,
    pub name: PersonName,
    pub email: Email,
    pub phone: ContactPhone,
}

/// Body of the back office's billing-account call for a new JM or PA customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingAccountRequest {
    pub name: PersonName,
    pub email: Email,
    pub phone: ContactPhone,
}

/// The back office's answer: the new account's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingAccountCreated {
    pub id: String,
}

/// Answer of `POST /api/v1/kiosk/order`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KioskOrderPlaced {
    /// The back office's order id (seed: `DJ0001H`, `FL0070H`, or Cerillion's number).
    pub reference: String,
    pub market: Market,
    pub bundle: OfferedBundle,
    /// When the back office took it: shown in the market's time.
    pub placed_at: UtcMillis,
    /// The employee who approved it, by name.
    pub approved_by: String,
}

/// What a JM or PA kiosk order needs and did not get.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KioskOrderError {
    #[error("the bundle {bundle} is sold in {bundle_market:?}, the address is in {address:?}")]
    BundleOfAnotherMarket {
        bundle: String,
        bundle_market: Market,
        address: Market,
    },
    #[error("a Cerillion bundle needs its discountGroupCode")]
    NoDiscountGroup,
    #[error("the billing account id is empty")]
    NoBillingAccount,
}

/// Seed 004's `carrierUniqueServId` for a new service: `"0"` (no carrier service yet).
pub const NEW_SERVICE_CARRIER_ID: &str = "0";

/// Seed 004's `lastLineNumber`, sent as the seed gives it in all three JM and PA bodies: the
/// BSS documents no other value for a new order.
pub const LAST_LINE_NUMBER: &str = "last line number of order";

/// Compose a Jamaica or Panama `productOrder` (seed 004, "Request Body for JM Liberate / JM
/// Cerillion", "Response for PA") from what the proxy holds: the chosen bundle, the address's
/// exchange data, the kiosk's store and the employee who approved it. The bundle must be of the
/// address's market; every other rule of these markets is the one-bundle shape itself.
pub fn compose_market_order(
    bundle: &MarketBundle,
    at: &MarketAddress,
    store: &StoreCodes,
    staff: &StaffMember,
    billing_account_id: &str,
) -> Result<ProductOrderCreate, KioskOrderError> {
    if bundle.stack.market() != at.market() {
        return Err(KioskOrderError::BundleOfAnotherMarket {
            bundle: bundle.code.as_str().to_owned(),
            bundle_market: bundle.stack.market(),
            address: at.market(),
        });
    }
    let billing_account_id = billing_account_id.trim();
    if billing_account_id.is_empty() {
        return Err(KioskOrderError::NoBillingAccount);
    }
    let staff = Staff {
        cis_emp_id: staff.cis_emp_id.clone(),
        dept_code: store.dept_code.clone(),
        site_code: store.site_code.clone(),
        source_of_application: store.source_of_application.clone(),
        sales_rep_id: staff.sales_rep_id.clone(),
        carrier_unique_serv_id: NEW_SERVICE_CARRIER_ID.to_owned(),
        last_line_number: LAST_LINE_NUMBER.to_owned(),
    };
    Ok(match (at, &bundle.stack) {
        (
            MarketAddress::Jamaica {
                exchange,
                addr_no,
                address,
                post_code,
            },
            stack,
        ) => {
            let stack = match stack {
                BundleStack::Cerillion {
                    discount_group_code,
                } if discount_group_code.trim().is_empty() => {
                    return Err(KioskOrderError::NoDiscountGroup);
                }
                BundleStack::Cerillion {
                    discount_group_code,
                } => JmStack::Cerillion {
                    discount_group_code: discount_group_code.clone(),
                },
                _ => JmStack::Liberate,
            };
            build_jm(&JmOrder {
                stack,
                billing_account_id: billing_account_id.to_owned(),
                staff,
                exchange: exchange.clone(),
                addr_no: addr_no.clone(),
                address: address.clone(),
                post_code: post_code.clone(),
                bundle: bundle.code.clone(),
            })
        }
        (MarketAddress::Panama { exchanges, address }, _) => build_pa(&PaOrder {
            billing_account_id: billing_account_id.to_owned(),
            staff,
            exchanges: exchanges.clone(),
            address: address.clone(),
            bundle: bundle.code.clone(),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> ProductCode {
        ProductCode::new(c).unwrap()
    }

    fn ex(id: &str, area: &str) -> Exchange {
        Exchange {
            exchange_id: id.to_owned(),
            number_area_code: area.to_owned(),
        }
    }

    fn lines(t: &str, l: [&str; 5]) -> AddressLines {
        AddressLines {
            addr_type: t.to_owned(),
            lines: l.map(str::to_owned),
        }
    }

    fn kingston() -> MarketAddress {
        MarketAddress::Jamaica {
            exchange: ex("FLTV", "BODG"),
            addr_no: String::new(),
            address: lines(
                "A",
                ["Street no", "road", "TROPICAL PLAZA", "KINGSTON", "Jamaica"],
            ),
            post_code: "00000".to_owned(),
        }
    }

    fn san_lorenzo() -> MarketAddress {
        MarketAddress::Panama {
            exchanges: PaExchanges {
                tp: ex("POGP", "POBS"),
                ds: ex("POGP", "POBS"),
                ti: ex("PFLO", "FPME"),
                mo: ex("PSC", "CDEM"),
            },
            address: lines(
                "Q",
                [
                    "casa A159",
                    "Calle Santo Tom",
                    "CIUDA SAN LORENZO",
                    "LAS CUMBRES",
                    "PANAMA",
                ],
            ),
        }
    }

    fn bundle(c: &str, stack: BundleStack) -> MarketBundle {
        MarketBundle {
            code: code(c),
            name: c.to_owned(),
            monthly_price: "1.00".to_owned(),
            currency: "USD".to_owned(),
            stack,
        }
    }

    fn jm_store() -> StoreCodes {
        StoreCodes {
            dept_code: "AQSAL".to_owned(),
            site_code: "ANSQ".to_owned(),
            source_of_application: "3".to_owned(),
        }
    }

    fn employee(rep: &str) -> StaffMember {
        StaffMember {
            cis_emp_id: "99999".to_owned(),
            sales_rep_id: rep.to_owned(),
            name: "Dana Reid".to_owned(),
        }
    }

    fn json(o: &ProductOrderCreate) -> serde_json::Value {
        serde_json::to_value(o).unwrap()
    }

    /// Seed 004 "Request Body for JM Liberate": the staff, store and exchange fields come from
    /// the employee, the kiosk's store and the address, and the bundle is the one line.
    #[test]
    fn a_liberate_order_is_the_seeds_body() {
        let o = compose_market_order(
            &bundle("609002_RES", BundleStack::Liberate),
            &kingston(),
            &jm_store(),
            &employee("99999"),
            "100015870000",
        )
        .unwrap();
        let v = json(&o);
        assert_eq!(v["category"], "R");
        assert_eq!(v["billingAccount"]["id"], "100015870000");
        let c = &v["orderCharacteristics"];
        assert_eq!(c["cisEmpId"], "99999");
        assert_eq!(c["depttCode"], "AQSAL");
        assert_eq!(c["siteCode"], "ANSQ");
        assert_eq!(c["sourceOfApplication"], "3");
        assert_eq!(c["salesRepId"], "99999");
        assert_eq!(c["carrierUniqueServId"], "0");
        assert_eq!(c["exchangeId"], "FLTV");
        assert_eq!(c["numberAreaCode"], "BODG");
        assert_eq!(v["serviceAddress"]["addrLine4"], "KINGSTON");
        assert_eq!(v["productOrderItem"][0]["id"], "609002_RES");
        assert!(v["productOrderItem"][0]["product"]["productCharacteristic"].is_null());
    }

    /// Seed 004 "Request Body for JM Cerillion": the line carries `discountGroupCode`.
    #[test]
    fn a_cerillion_order_carries_its_discount_group() {
        let o = compose_market_order(
            &bundle(
                "RSPBDESS",
                BundleStack::Cerillion {
                    discount_group_code: "B2BI2".to_owned(),
                },
            ),
            &kingston(),
            &jm_store(),
            &employee("99999"),
            "100015870000",
        )
        .unwrap();
        let ch = &json(&o)["productOrderItem"][0]["product"]["productCharacteristic"][0];
        assert_eq!(ch["name"], "discountGroupCode");
        assert_eq!(ch["value"], "B2BI2");
        let no_group = bundle(
            "RSPBDESS",
            BundleStack::Cerillion {
                discount_group_code: " ".to_owned(),
            },
        );
        assert_eq!(
            compose_market_order(&no_group, &kingston(), &jm_store(), &employee("1"), "1"),
            Err(KioskOrderError::NoDiscountGroup)
        );
    }

    /// Seed 004 "Response for PA" (the first of the two is the request): four exchanges, the
    /// employee's PA sales-rep id, no category.
    #[test]
    fn a_panama_order_has_an_exchange_per_service() {
        let store = StoreCodes {
            dept_code: "TIEN".to_owned(),
            site_code: "FTTH".to_owned(),
            source_of_application: "EH".to_owned(),
        };
        let o = compose_market_order(
            &bundle("2P600LF", BundleStack::Panama),
            &san_lorenzo(),
            &store,
            &employee("70013"),
            "324063130000",
        )
        .unwrap();
        let v = json(&o);
        assert!(v["category"].is_null());
        let c = &v["orderCharacteristics"];
        assert_eq!(c["salesRepId"], "70013");
        assert_eq!(c["exchangeId_TI"], "PFLO");
        assert_eq!(c["numberAreaCode_MO"], "CDEM");
        assert_eq!(v["serviceAddress"]["addrType"], "Q");
        assert_eq!(v["productOrderItem"][0]["@type"], "ProductOrderItem");
    }

    /// A bundle of one market is never ordered at another's address.
    #[test]
    fn a_bundle_of_another_market_is_refused() {
        let e = compose_market_order(
            &bundle("2P600LF", BundleStack::Panama),
            &kingston(),
            &jm_store(),
            &employee("1"),
            "1",
        )
        .unwrap_err();
        assert!(matches!(e, KioskOrderError::BundleOfAnotherMarket { .. }));
        let e = compose_market_order(
            &bundle("609002_RES", BundleStack::Liberate),
            &san_lorenzo(),
            &jm_store(),
            &employee("1"),
            "1",
        )
        .unwrap_err();
        assert!(matches!(e, KioskOrderError::BundleOfAnotherMarket { .. }));
        assert_eq!(
            compose_market_order(
                &bundle("609002_RES", BundleStack::Liberate),
                &kingston(),
                &jm_store(),
                &employee("1"),
                "  "
            ),
            Err(KioskOrderError::NoBillingAccount)
        );
    }

    #[test]
    fn staff_credentials_parse_once_and_the_pin_never_prints() {
        assert!(EmployeeId::new("99999").is_ok());
        assert!(EmployeeId::new("99a99").is_err());
        assert!(EmployeeId::new("12").is_err());
        assert!(Pin::new("123456789").is_err());
        let pin = Pin::new("2468").unwrap();
        assert!(!format!("{pin:?}").contains("2468"));
        let s: StaffSignIn =
            serde_json::from_str(r#"{"employeeId":"99999","pin":"2468"}"#).unwrap();
        assert_eq!(s.employee_id.as_str(), "99999");
        assert!(serde_json::from_str::<StaffSignIn>(r#"{"employeeId":"x","pin":"2468"}"#).is_err());
    }

    /// Idle times stay in the 60–180 s range and the answer window above WCAG 2.2.1's 20 s.
    #[test]
    fn idle_times_are_in_range() {
        for k in [ScreenKind::Browsing, ScreenKind::Form, ScreenKind::Reading] {
            assert!((60..=180).contains(&k.idle_secs()));
        }
    }

    #[test]
    fn market_addresses_read_back_with_their_market_tag() {
        let v = serde_json::to_value(kingston()).unwrap();
        assert_eq!(v["market"], "JM");
        assert_eq!(v["exchange"]["exchangeId"], "FLTV");
        let back: MarketAddress = serde_json::from_value(v).unwrap();
        assert_eq!(back, kingston());
        let b = bundle(
            "RSPBDESS",
            BundleStack::Cerillion {
                discount_group_code: "B2BI2".to_owned(),
            },
        );
        let v = serde_json::to_value(&b).unwrap();
        assert_eq!(v["stack"], "cerillion");
        assert_eq!(v["discountGroupCode"], "B2BI2");
        assert_eq!(serde_json::from_value::<MarketBundle>(v).unwrap(), b);
    }
}
