//! The wire types of the order / hold endpoints the sandbox simulates (seed
//! `order-cart-holds.txt` and the direct-fulfillment call sequence), camelCase as the seeds
//! write them.
//!
//! These are the *upstream's* shapes, public so the proxy and its tests can speak them. They
//! are not the browser's `/api/v1` types (those live in `checkout-core`): instants are RFC 3339
//! strings exactly as they travel.

use checkout_core::catalog::{Line, Package};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An order's (or one item's) lifecycle. Only `ON_HOLD` accepts changes; the others are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sqlx(type_name = "TEXT", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    OnHold,
    Expired,
    Confirmed,
    Cancelled,
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OnHold => "ON_HOLD",
            Self::Expired => "EXPIRED",
            Self::Confirmed => "CONFIRMED",
            Self::Cancelled => "CANCELLED",
        })
    }
}

/// `POST /v1/order/create`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrderRequest {
    pub street_address: String,
    #[serde(default)]
    pub items: Vec<ItemInput>,
}

/// One product put in the cart (create, or `POST /v1/order/{id}/items`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemInput {
    pub product_code: String,
    #[serde(default = "one")]
    pub quantity: i64,
}

fn one() -> i64 {
    1
}

/// `POST /v1/order/{id}/extend`. Numbers are wide so an out-of-range value gets our clear
/// error rather than a serde overflow message.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtendRequest {
    pub reason: String,
    pub minutes: i64,
}

/// `POST /v1/order/{id}/confirm`: the customer's contact information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// `DELETE /v1/order/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelRequest {
    pub reason: String,
}

/// The order as every order operation returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub status: OrderStatus,
    pub street_address: String,
    pub utc_created_at: String,
    /// When the cart hold lapses (moves with each granted extension).
    pub utc_expires_at: String,
    /// The latest `utcExpiresAt` any extension can reach: lets a client tell before asking
    /// whether a one-press extend is still possible.
    pub utc_max_expires_at: String,
    pub items: Vec<OrderItem>,
    pub reserved_number: Option<NumberHold>,
    pub time_slot: Option<SlotHold>,
    pub contact: Option<Contact>,
    pub utc_confirmed_at: Option<String>,
    pub cancellation: Option<Cancellation>,
    /// Installation type, unscheduled choice and terms (POST / PATCH fulfillment).
    pub fulfillment: FulfillmentState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderItem {
    pub id: String,
    pub product_code: String,
    pub quantity: i64,
    pub status: OrderStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cancellation {
    pub reason: String,
    pub utc_cancelled_at: String,
}

/// A number held for the order; `utcExpiresAt` is `None` once the order is confirmed (the
/// number is then the customer's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberHold {
    pub number: String,
    pub utc_expires_at: Option<String>,
}

/// `POST /v1/order/{id}/number.available`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AvailableNumbers {
    pub numbers: Vec<String>,
}

/// `PATCH /v1/order/{id}/number.reserve`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReserveNumberRequest {
    pub number: String,
}

/// A technician visit window (TMF646 `validFor`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeSlot {
    pub id: String,
    pub valid_for: TimePeriod,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimePeriod {
    pub start_date_time: String,
    pub end_date_time: String,
}

/// `POST /v1/order/{id}/searchTimeSlot`: the slots now blocked for this order, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotSearch {
    pub slots: Vec<TimeSlot>,
    pub utc_held_until: String,
}

/// `PATCH /v1/order/{id}/fulfillment`: the slot the customer picked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChooseSlotRequest {
    pub slot_id: String,
}

/// The slot chosen for the order; `utcHeldUntil` is `None` once the order is confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotHold {
    pub slot: TimeSlot,
    pub utc_held_until: Option<String>,
}

/// `POST /__admin/clock/advance`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockAdvance {
    pub seconds: i64,
}

/// What the admin clock endpoints answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockState {
    pub server_time: String,
    pub offset_seconds: i64,
}

/// `GET /v1/offers`: the BSS's whole catalogue. Not filtered by technology (seed 004: "There
/// is no validation of the business rule in mulesoft"): the client applies `checkout-core`'s
/// package matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Offers {
    pub packages: Vec<OfferedPackage>,
    pub add_ons: Vec<OfferedAddOn>,
}

/// A package with its name and monthly price; `package` is `checkout-core`'s own serde form,
/// so deserialising it re-checks its invariants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedPackage {
    pub package: Package,
    pub name: String,
    /// Decimal with two places, e.g. `"49.99"`.
    pub monthly_price: String,
    pub currency: String,
}

/// An add-on (or fixed line: CallType, paper bill, install charge) with its name and price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedAddOn {
    pub line: Line,
    pub name: String,
    pub monthly_price: String,
    pub currency: String,
}

/// `GET /v1/auth-methods`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthMethods {
    pub methods: Vec<String>,
}

/// `POST /v1/auth/generateotp`: an e-mail address or a phone number.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtpRequest {
    pub contact: String,
}

/// The answer to `generateotp`: the same shape whether or not an account exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtpSent {
    /// `OTP_EMAIL` or `OTP_SMS`, from the shape of the contact.
    pub method: String,
    pub utc_expires_at: String,
}

/// `POST /v1/auth`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtpCheck {
    pub otp: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Authenticated {
    pub authenticated: bool,
    pub utc_authenticated_at: String,
}

/// `GET /v1/customers`: the accounts of the verified contact (empty for a new customer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customers {
    pub customers: Vec<Customer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub contact: String,
    pub billing_account_id: String,
    pub service_address: String,
}

/// `POST /v1/order/{id}/credit.submit`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditApplication {
    pub name: String,
    /// `YYYY-MM-DD`; the applicant must be 18 or older.
    pub date_of_birth: String,
    /// The last four digits of the SSN (magic values in `docs/sandbox.md`).
    pub last4_ssn: String,
}

/// A credit decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sqlx(type_name = "TEXT", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CreditDecision {
    Approved,
    DepositRequired,
    Refused,
}

/// The install-charge code for one installation type under this credit decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallChargeOption {
    pub installation_type: InstallationType,
    pub code: String,
    /// One-time amount.
    pub amount: String,
}

/// `credit.submit` and `credit.policy` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditPolicy {
    pub order_id: String,
    pub decision: CreditDecision,
    /// Present when `decision` is `DEPOSIT_REQUIRED`.
    pub deposit_amount: Option<String>,
    pub currency: String,
    /// The `CreditLimit` note value of the order (seed: "Default value is 100").
    pub credit_limit: Option<String>,
    /// Which install charge applies to each installation type (empty when refused).
    pub install_charges: Vec<InstallChargeOption>,
    /// The one for the order's chosen installation type, once chosen.
    pub install_charge: Option<String>,
    pub utc_checked_at: String,
}

/// The seed's `InstallationType` note values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "TEXT", rename_all = "PascalCase")]
pub enum InstallationType {
    SelfInstall,
    TechnicianVisit,
}

/// `POST` / `PATCH /v1/order/{id}/fulfillment`. POST needs `installationType`; PATCH any of
/// the fields (at least one). `{"slotId"}` alone keeps its original meaning.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FulfillmentRequest {
    #[serde(default)]
    pub installation_type: Option<InstallationType>,
    #[serde(default)]
    pub slot_id: Option<String>,
    /// `true`: a technician visit with no slot (unscheduled job); clears the chosen slot.
    #[serde(default)]
    pub unscheduled: Option<bool>,
    /// When present: every required term, each with its version and `accepted: true`.
    #[serde(default)]
    pub terms_accepted: Option<Vec<TermAcceptance>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TermAcceptance {
    pub id: String,
    pub version: String,
    pub accepted: bool,
}

/// A term the customer must accept, in its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub id: String,
    pub version: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedTerm {
    pub id: String,
    pub version: String,
    pub utc_accepted_at: String,
}

/// The fulfillment part of the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FulfillmentState {
    pub installation_type: Option<InstallationType>,
    pub unscheduled: bool,
    /// What must be accepted for this order (the 911 notice only with telephone).
    pub required_terms: Vec<Term>,
    pub terms_accepted: Vec<AcceptedTerm>,
}

/// `POST /v1/order/{id}/quote` (taxes and fees). The conversation id travels in the
/// `X-Conversation-Id` response header; `id` is the temporary order id, to be sent as the
/// productOrder `externalId` (seed 004, "Key Considerations" 21).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub id: String,
    pub order_id: String,
    pub billing_account: QuoteBillingAccount,
    pub campaign_code: String,
    pub reason_code: String,
    pub job_type: String,
    pub installation_type: InstallationType,
    pub telephone_number_id: Option<String>,
    pub install_charge: String,
    pub credit_limit: String,
    /// BSS warnings (e.g. `ADP10E` when no technician dates are free); empty otherwise.
    pub description: String,
    pub items: Vec<QuoteItem>,
    pub taxes: Vec<Charge>,
    pub fees: Vec<Charge>,
    pub totals: QuoteTotals,
    pub currency: String,
    pub utc_conversation_expires_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteBillingAccount {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteItem {
    pub product_code: String,
    pub name: String,
    pub quantity: i64,
    pub monthly_price: String,
    pub one_time_price: String,
}

/// A tax or fee; `recurring` says monthly (true) or one-time (false).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Charge {
    pub code: String,
    pub name: String,
    pub amount: String,
    pub recurring: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteTotals {
    pub monthly_subtotal: String,
    pub monthly_taxes: String,
    pub monthly_fees: String,
    pub monthly_total: String,
    pub one_time_total: String,
}

/// `GET /V1/order/{id}/validate`: every check that failed; `valid` when none did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    pub order_id: String,
    pub valid: bool,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub code: String,
    pub message: String,
}

impl InstallationType {
    /// The `InstallationType` note text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SelfInstall => "SelfInstall",
            Self::TechnicianVisit => "TechnicianVisit",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::SelfInstall, Self::TechnicianVisit]
            .into_iter()
            .find(|t| t.as_str() == s)
    }

    /// `checkout-core`'s view of the same choice.
    pub fn kind(self) -> checkout_core::installation::InstallationKind {
        use checkout_core::installation::InstallationKind as K;
        match self {
            Self::SelfInstall => K::SelfInstall,
            Self::TechnicianVisit => K::TechnicianVisit,
        }
    }
}
