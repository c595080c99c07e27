//! The wire types of the order / hold endpoints the sandbox simulates (seed
//! `order-cart-holds.txt` and the direct-fulfillment call sequence), camelCase as the seeds
//! write them.
//!
//! These are the *upstream's* shapes, public so the proxy and its tests can speak them. They
//! are not the browser's `/api/v1` types (those live in `checkout-core`): instants are RFC 3339
//! strings exactly as they travel.

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
