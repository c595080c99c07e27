//! The upstream answers of the steps after the cart, as far as the proxy reads them (the
//! back office's shapes: docs/sandbox.md, docs/sandbox-orders.md). Kept apart from the
//! browser's types in `checkout_core::wire_order`, which never carry an upstream id; unknown
//! fields are ignored so upstream may add to its answers.

use serde::{Deserialize, Serialize};

/// `GET /v1/offers`: the whole catalogue (the client applies core's package matrix).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Offers {
    pub packages: Vec<checkout_core::wire::OfferedPackage>,
    pub add_ons: Vec<checkout_core::wire::OfferedAddOn>,
}

/// `POST /v1/auth/generateotp` asks for a code sent to this contact.
#[derive(Debug, Serialize)]
pub struct OtpRequest<'a> {
    pub contact: &'a str,
}

/// `POST /v1/auth` checks a code.
#[derive(Debug, Serialize)]
pub struct OtpCheck<'a> {
    pub otp: &'a str,
}

/// `POST /v1/order/{id}/credit.submit`: who the credit check is about.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditApplication<'a> {
    pub name: &'a str,
    pub date_of_birth: &'a str,
    pub last4_ssn: &'a str,
}

/// `POST /v1/order/{id}/items`: one more item on the held order.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddItem<'a> {
    pub product_code: &'a str,
    pub quantity: u32,
}

/// `PATCH /v1/order/{id}/number.reserve`.
#[derive(Debug, Serialize)]
pub struct ReserveNumber<'a> {
    pub number: &'a str,
}

/// `POST /v1/auth/generateotp` answers.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtpSent {
    /// `OTP_EMAIL` or `OTP_SMS`.
    pub method: String,
    pub utc_expires_at: String,
}

/// `GET /v1/auth-methods`.
#[derive(Debug, Deserialize)]
pub struct AuthMethods {
    pub methods: Vec<String>,
}

/// `POST /v1/auth`.
#[derive(Debug, Deserialize)]
pub struct Authenticated {
    pub authenticated: bool,
}

/// `GET /v1/customers`.
#[derive(Debug, Deserialize)]
pub struct Customers {
    pub customers: Vec<Customer>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub billing_account_id: String,
}

/// `credit.submit` / `credit.policy`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditPolicy {
    /// `APPROVED`, `DEPOSIT_REQUIRED` or `REFUSED`.
    pub decision: String,
    #[serde(default)]
    pub deposit_amount: Option<String>,
    pub currency: String,
    #[serde(default)]
    pub credit_limit: Option<String>,
    #[serde(default)]
    pub install_charges: Vec<InstallChargeOption>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallChargeOption {
    /// `SelfInstall` or `TechnicianVisit`.
    pub installation_type: String,
    pub amount: String,
}

/// The order as every order operation answers it (the parts the later steps read).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub status: String,
    pub utc_expires_at: String,
    #[serde(default)]
    pub items: Vec<OrderItem>,
    #[serde(default)]
    pub reserved_number: Option<NumberHold>,
    #[serde(default)]
    pub time_slot: Option<SlotHold>,
    pub fulfillment: FulfillmentState,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderItem {
    pub id: String,
    pub product_code: String,
    pub status: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberHold {
    pub number: String,
    #[serde(default)]
    pub utc_expires_at: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotHold {
    pub slot: TimeSlot,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FulfillmentState {
    #[serde(default)]
    pub installation_type: Option<String>,
    #[serde(default)]
    pub required_terms: Vec<Term>,
    #[serde(default)]
    pub terms_accepted: Vec<AcceptedTerm>,
}

#[derive(Debug, Deserialize)]
pub struct Term {
    pub id: String,
    pub version: String,
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub struct AcceptedTerm {
    pub id: String,
    pub version: String,
}

/// `POST`/`PATCH /v1/order/{id}/fulfillment`.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FulfillmentRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installation_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unscheduled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms_accepted: Option<Vec<TermAcceptance>>,
}

#[derive(Debug, Serialize)]
pub struct TermAcceptance {
    pub id: String,
    pub version: String,
    pub accepted: bool,
}

/// `POST /v1/order/{id}/number.available`.
#[derive(Debug, Deserialize)]
pub struct AvailableNumbers {
    pub numbers: Vec<String>,
}

/// `POST /v1/order/{id}/searchTimeSlot`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotSearch {
    pub slots: Vec<TimeSlot>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeSlot {
    pub id: String,
    pub valid_for: TimePeriod,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimePeriod {
    pub start_date_time: String,
    pub end_date_time: String,
}

/// `POST /v1/order/{id}/quote` (the conversation id comes in a header).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub id: String,
    pub billing_account: IdRef,
    pub job_type: String,
    #[serde(default)]
    pub telephone_number_id: Option<String>,
    #[serde(default)]
    pub credit_limit: Option<String>,
    #[serde(default)]
    pub description: String,
    pub items: Vec<QuoteItem>,
    #[serde(default)]
    pub taxes: Vec<Charge>,
    #[serde(default)]
    pub fees: Vec<Charge>,
    pub totals: QuoteTotals,
    pub currency: String,
}

#[derive(Debug, Deserialize)]
pub struct IdRef {
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteItem {
    pub product_code: String,
    pub name: String,
    pub quantity: i64,
    pub monthly_price: String,
    pub one_time_price: String,
}

#[derive(Debug, Deserialize)]
pub struct Charge {
    /// What the charge is (`REG`, `E911`, `DEPOSIT`…; docs/sandbox.md).
    #[serde(default)]
    pub code: String,
    pub name: String,
    pub amount: String,
    pub recurring: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteTotals {
    pub monthly_total: String,
    pub one_time_total: String,
}

/// `GET /V1/order/{id}/validate`.
#[derive(Debug, Deserialize)]
pub struct Validation {
    pub valid: bool,
    pub problems: Vec<ValidationProblem>,
}

#[derive(Debug, Deserialize)]
pub struct ValidationProblem {
    pub code: String,
}

/// `POST /v1/order/{id}/confirm`.
#[derive(Debug, Serialize)]
pub struct Contact<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
}

/// Upstream instants are RFC 3339 text; ours are milliseconds.
pub fn instant(s: &str) -> Result<checkout_core::UtcMillis, crate::error::ApiError> {
    checkout_core::UtcMillis::parse_iso8601(s).map_err(|_| {
        tracing::warn!(value = s, "unreadable upstream instant");
        crate::error::ApiError::UpstreamUnavailable
    })
}
