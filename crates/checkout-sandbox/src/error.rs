//! Upstream-style errors, shaped as the OCBO seed shows them (client code + tech code).
//!
//! Every refusal of an order operation is a 4xx with a code a client can map (the proxy's
//! error catalog keys on `techCode`); a failing operation has changed nothing (see
//! `store.rs`). Codes the seeds give are used verbatim (CHTR-1018, CHTR-4504, the BSS
//! `2099 | …-J4U22A-…` slot error); the rest are the sandbox's own, listed in
//! `docs/sandbox-orders.md`.

use crate::contract::OrderStatus;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use checkout_core::ocbo::OcboError;

/// The BSS text for "no slot at that date/time" (seed TMF-622, technician visit, note 3).
pub const J4U22A_MESSAGE: &str = "2099 | JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL";

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
        }
    }
}

impl IntoResponse for SandboxError {
    fn into_response(self) -> Response {
        if let Self::Store(e) = &self {
            tracing::warn!(error = %e, "sandbox store error");
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
