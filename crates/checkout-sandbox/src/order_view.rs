//! An order as its client sees it (`GET /v1/order/{id}`, and the answer of every change):
//! its row, items, number and slot holds, contact and fulfillment, put together.

use crate::clock::{from_ms, rfc3339};
use crate::contract::{
    Cancellation, Contact, FulfillmentState, NumberHold, Order, OrderItem, SlotHold,
};
use crate::error::SandboxError;
use crate::order_rows::{ItemRow, OrderRow, items, load};
use crate::{fulfillment_state, slot_calendar};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// The order as the client sees it.
pub async fn view(conn: &mut SqliteConnection, row: &OrderRow) -> Result<Order, SandboxError> {
    let items = items(conn, &row.id).await?;
    let codes: Vec<&str> = items.iter().map(|i| i.product_code.as_str()).collect();
    let fulfillment = fulfillment_state::state(conn, row, &codes).await?;
    Ok(render(row, items, fulfillment))
}

/// [`view`] from rows already in hand.
pub(crate) fn render(row: &OrderRow, items: Vec<ItemRow>, fulfillment: FulfillmentState) -> Order {
    let contact = match (&row.contact_name, &row.contact_email, &row.contact_phone) {
        (Some(name), Some(email), Some(phone)) => Some(Contact {
            name: name.clone(),
            email: email.clone(),
            phone: phone.clone(),
        }),
        _ => None,
    };
    let cancellation = match (&row.cancel_reason, row.cancelled_at) {
        (Some(reason), Some(at)) => Some(Cancellation {
            reason: reason.clone(),
            utc_cancelled_at: rfc3339(from_ms(at)),
        }),
        _ => None,
    };
    Order {
        id: row.id.clone(),
        status: row.status,
        street_address: row.street_address.clone(),
        utc_created_at: rfc3339(from_ms(row.created_at)),
        utc_expires_at: rfc3339(from_ms(row.expires_at)),
        utc_max_expires_at: rfc3339(from_ms(row.max_expires_at)),
        items: items
            .into_iter()
            .map(|i| OrderItem {
                id: i.item_no.to_string(),
                product_code: i.product_code,
                quantity: i.quantity,
                status: i.status,
            })
            .collect(),
        reserved_number: row.number.as_ref().map(|n| NumberHold {
            number: n.clone(),
            utc_expires_at: row.number_expires_at.map(|t| rfc3339(from_ms(t))),
        }),
        time_slot: row
            .slot_id
            .as_deref()
            .and_then(slot_calendar::slot)
            .map(|slot| SlotHold {
                slot,
                utc_held_until: row.slot_held_until.map(|t| rfc3339(from_ms(t))),
            }),
        contact,
        utc_confirmed_at: row.confirmed_at.map(|t| rfc3339(from_ms(t))),
        cancellation,
        fulfillment,
    }
}

/// Load and view in one step (`GET /v1/order/{id}`, and the answer of every change).
pub async fn fetch(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let row = load(conn, client_id, id, now).await?;
    view(conn, &row).await
}
