//! Upstream-style errors, shaped as the OCBO seed shows them (client code + tech code).
//!
//! Every refusal of an order operation is a 4xx with a code a client can map (the proxy's
//! error catalog keys on `techCode`); a failing operation has changed nothing (see
//! `store.rs`). Codes the seeds give are used verbatim (CHTR-1018, CHTR-4504, the BSS
//! `2099 | …-J4U22A-…` slot error); the rest are the sandbox's own, listed in
//! `docs/sandbox-orders.md`.

use crate::catalogue::CatalogueError;
use crate::contract::OrderStatus;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use checkout_core::ocbo::OcboError;

/// The BSS text for "no slot at that date/time" (seed TMF-622, technician visit, note 3).
pub const J4U22A_MESSAGE: &str = "2099 | JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL";

/// The `message` of every BSS error in seed 004's "Error Scenarios".
pub const BSS_MESSAGE: &str =
    "Error Occurred during order provisioning UPDATEORDERDETAIL:ERROROCCURED";

/// A refusal from the BSS behind `productOrder`, answered in seed 004's `errors[]` shape
/// (`{"errors":[{"code":400,"message":…,"description":…}]}`), with the seed's exact texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BssRefusal {
    /// Seed 004, "When we provide the expired X-Conversation-Id".
    #[error("2099 | DRO30E - REF CDA NOT FOUND| ")]
    ConversationExpired,
    /// Seed 004, "When order got SignOff".
    #[error("2099 | SERV_CD-MAP15E - FIELD PROTECTED, CANNOT UPDATE| ")]
    SignedOff,
    /// Seed 004, "On the currentDay, if no slots are available".
    #[error("2099 | SCHED_TM-JBE10E-INVALID SCHEDULED TIME OF DAY| ")]
    InvalidScheduledTime,
    /// Seed 004, "Existing customer" (Key Considerations 1: Mulesoft returns it as an error).
    #[error("ORV59I - EXISTING CUSTOMER AT LOCATION")]
    ExistingCustomer,
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("missing or invalid {0}")]
    Unauthorized(&'static str),
    #[error("client lacks authorization")]
    Forbidden,
    #[error("partial content")]
    PartialContent,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("order {0} not found")]
    OrderNotFound(String),
    #[error("the order's hold expired at {0}; start a new order")]
    OrderExpired(String),
    #[error("the order is {0}, not ON_HOLD")]
    OrderNotOnHold(OrderStatus),
    #[error("item {0} not found among the order's items on hold")]
    ItemNotFound(String),
    #[error("item {item} is {status}, not ON_HOLD; nothing was changed")]
    ItemNotOnHold { item: String, status: OrderStatus },
    #[error("an order needs at least one item to be confirmed")]
    EmptyOrder,
    #[error("extension refused: the hold already runs to its maximum, {0}")]
    ExtensionRefused(String),
    #[error("number {0} is not in the inventory")]
    NumberUnknown(String),
    #[error("number {0} is reserved by another order")]
    NumberTaken(String),
    #[error("the reservation of number {number} lapsed at {at}; reserve a number again")]
    NumberHoldExpired { number: String, at: String },
    #[error("{J4U22A_MESSAGE}")]
    SlotUnavailable,
    #[error("time slot {0} is not offered")]
    SlotUnknown(String),
    #[error("the hold on time slot {slot} lapsed at {at}; search time slots again")]
    SlotHoldExpired { slot: String, at: String },
    #[error("{0}")]
    Bss(BssRefusal),
    #[error("the catalogue is unavailable: {0}")]
    Catalogue(#[from] CatalogueError),
    #[error("wrong one-time password; {attempts_left} attempt(s) left")]
    OtpWrong { attempts_left: i64 },
    #[error("too many wrong one-time passwords; try again after {0}")]
    OtpLocked(String),
    /// An unknown employee number gets this too: the answer never tells which numbers exist.
    #[error("wrong employee number or PIN; {attempts_left} attempt(s) left")]
    StaffPinWrong { attempts_left: i64 },
    #[error("too many wrong PINs for this employee number; try again after {0}")]
    StaffLocked(String),
    #[error("no one-time password was requested in this session")]
    OtpNotRequested,
    #[error("the one-time password expired at {0}; request a new one")]
    OtpExpired(String),
    #[error("verify a one-time password first")]
    NotAuthenticated,
    #[error("no credit check for this order yet; submit one")]
    CreditNotChecked,
    #[error("the credit check was refused; the order cannot be quoted")]
    CreditRefused,
    #[error("choose an installation type first (POST fulfillment)")]
    InstallationMissing,
    #[error("terms not accepted: {0}")]
    TermsNotAccepted(String),
    #[error("the order has telephone: reserve a number first")]
    NumberNotReserved,
    #[error("unknown businessId {0}; use PR, JM or PA")]
    BusinessUnknown(String),
    /// The database failed (busy beyond its timeout, disk): retryable, and the transaction
    /// was rolled back, so retrying is safe.
    #[error("the sandbox store is unavailable; retry")]
    Store(#[from] sqlx::Error),
}

impl SandboxError {
    /// HTTP status, client code, tech code.
    fn codes(&self) -> (StatusCode, &'static str, &'static str) {
        use StatusCode as S;
        match self {
            Self::Unauthorized(_) => (S::UNAUTHORIZED, "CHTR-1001", "TECHMSG-0002"),
            // Seed OCBO "Response Details": 403 CHTR-1018 / TECHMSG-0006.
            Self::Forbidden => (S::FORBIDDEN, "CHTR-1018", "TECHMSG-0006"),
            // Seed OCBO "Response Details": 400 CHTR-4504 / TECHMSG-0001.
            Self::PartialContent => (S::BAD_REQUEST, "CHTR-4504", "TECHMSG-0001"),
            Self::BadRequest(_) => (S::BAD_REQUEST, "CHTR-4000", "TECHMSG-0003"),
            Self::OrderNotFound(_) => (S::NOT_FOUND, "CHTR-4404", "ORDER_NOT_FOUND"),
            Self::OrderExpired(_) => (S::CONFLICT, "CHTR-4409", "ORDER_EXPIRED"),
            Self::OrderNotOnHold(_) => (S::CONFLICT, "CHTR-4409", "ORDER_NOT_ON_HOLD"),
            Self::ItemNotFound(_) => (S::NOT_FOUND, "CHTR-4404", "ITEM_NOT_FOUND"),
            Self::ItemNotOnHold { .. } => (S::CONFLICT, "CHTR-4409", "ITEM_NOT_ON_HOLD"),
            Self::EmptyOrder => (S::CONFLICT, "CHTR-4409", "ORDER_EMPTY"),
            Self::ExtensionRefused(_) => (S::CONFLICT, "CHTR-4409", "EXTENSION_REFUSED"),
            Self::NumberUnknown(_) => (S::NOT_FOUND, "CHTR-4404", "NUMBER_UNKNOWN"),
            Self::NumberTaken(_) => (S::CONFLICT, "CHTR-4409", "NUMBER_TAKEN"),
            Self::NumberHoldExpired { .. } => (S::CONFLICT, "CHTR-4409", "NUMBER_HOLD_EXPIRED"),
            // Seed TMF-622: BSS errors travel as "2099 | <code> - <text>".
            Self::SlotUnavailable => (S::CONFLICT, "2099", "J4U22A"),
            Self::SlotUnknown(_) => (S::NOT_FOUND, "CHTR-4404", "SLOT_UNKNOWN"),
            Self::SlotHoldExpired { .. } => (S::CONFLICT, "CHTR-4409", "SLOT_HOLD_EXPIRED"),
            Self::Store(_) => (S::SERVICE_UNAVAILABLE, "CHTR-5503", "STORE_UNAVAILABLE"),
            Self::Bss(_) => (S::BAD_REQUEST, "2099", "BSS"),
            Self::Catalogue(_) => (S::SERVICE_UNAVAILABLE, "CHTR-5503", "CATALOGUE_UNAVAILABLE"),
            Self::OtpWrong { .. } => (S::BAD_REQUEST, "CHTR-4401", "OTP_WRONG"),
            Self::OtpLocked(_) => (S::TOO_MANY_REQUESTS, "CHTR-4429", "OTP_LOCKED"),
            // Same shapes and statuses as OTP_WRONG / OTP_LOCKED: a wrong secret, then a lockout.
            Self::StaffPinWrong { .. } => (S::BAD_REQUEST, "CHTR-4401", "STAFF_PIN_WRONG"),
            Self::StaffLocked(_) => (S::TOO_MANY_REQUESTS, "CHTR-4429", "STAFF_LOCKED"),
            Self::OtpNotRequested => (S::CONFLICT, "CHTR-4409", "OTP_NOT_REQUESTED"),
            Self::OtpExpired(_) => (S::CONFLICT, "CHTR-4409", "OTP_EXPIRED"),
            Self::NotAuthenticated => (S::FORBIDDEN, "CHTR-4403", "NOT_AUTHENTICATED"),
            Self::CreditNotChecked => (S::CONFLICT, "CHTR-4409", "CREDIT_NOT_CHECKED"),
            Self::CreditRefused => (S::CONFLICT, "CHTR-4409", "CREDIT_REFUSED"),
            Self::InstallationMissing => (S::CONFLICT, "CHTR-4409", "INSTALLATION_TYPE_MISSING"),
            Self::TermsNotAccepted(_) => (S::BAD_REQUEST, "CHTR-4000", "TERMS_NOT_ACCEPTED"),
            Self::NumberNotReserved => (S::CONFLICT, "CHTR-4409", "NUMBER_NOT_RESERVED"),
            Self::BusinessUnknown(_) => (S::NOT_FOUND, "CHTR-4404", "BUSINESS_UNKNOWN"),
        }
    }
}

impl IntoResponse for SandboxError {
    fn into_response(self) -> Response {
        if let Self::Store(e) = &self {
            tracing::warn!(error = %e, "sandbox store error");
        }
        if let Self::Bss(refusal) = &self {
            // `code` is a number, as the seed writes it (core's `BssErrorBody` reads both).
            let body = serde_json::json!({ "errors": [{
                "code": 400,
                "message": BSS_MESSAGE,
                "description": refusal.to_string(),
            }]});
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
        let (status, client, tech) = self.codes();
        let body = OcboError {
            client_code: client.into(),
            tech_code: tech.into(),
            message: self.to_string(),
        };
        (status, Json(body)).into_response()
    }
}
