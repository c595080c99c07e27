//! Orders and their items as stored, and the one way to read an order: load it for its
//! client, first moving it to `EXPIRED` if its hold lapsed (expiry is evaluated whenever an
//! order is touched, never by a background job). The lowest floor of the order modules:
//! views (order_view.rs) and operations (orders.rs, fulfillment.rs, slots.rs…) read through it.

use crate::clock::{from_ms, rfc3339, to_ms};
use crate::contract::{InstallationType, OrderStatus};
use crate::error::SandboxError;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// An order row as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct OrderRow {
    pub id: String,
    pub status: OrderStatus,
    pub street_address: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub max_expires_at: i64,
    pub next_item: i64,
    pub number: Option<String>,
    pub number_expires_at: Option<i64>,
    pub slot_id: Option<String>,
    pub slot_held_until: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub confirmed_at: Option<i64>,
    pub cancel_reason: Option<String>,
    pub cancelled_at: Option<i64>,
    pub installation_type: Option<InstallationType>,
    pub unscheduled: bool,
}

impl OrderRow {
    /// Changes are accepted only while the order is on hold.
    pub fn require_on_hold(&self) -> Result<(), SandboxError> {
        match self.status {
            OrderStatus::OnHold => Ok(()),
            OrderStatus::Expired => Err(SandboxError::OrderExpired(rfc3339(from_ms(
                self.expires_at,
            )))),
            other => Err(SandboxError::OrderNotOnHold(other)),
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub item_no: i64,
    pub product_code: String,
    pub quantity: i64,
    pub status: OrderStatus,
}

/// The order's items, in order.
pub async fn items(conn: &mut SqliteConnection, id: &str) -> Result<Vec<ItemRow>, SandboxError> {
    Ok(sqlx::query_as::<_, ItemRow>(
        "SELECT item_no, product_code, quantity, status FROM order_items
         WHERE order_id = ?1 ORDER BY item_no",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Load the caller's order, first moving it to `EXPIRED` if its hold has lapsed. Another
/// client's order is reported as not found, never as forbidden (no probing of ids).
pub async fn load(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<OrderRow, SandboxError> {
    let lapsed = sqlx::query(
        "UPDATE orders SET status = 'EXPIRED'
         WHERE id = ?1 AND client_id = ?2 AND status = 'ON_HOLD' AND expires_at <= ?3",
    )
    .bind(id)
    .bind(client_id)
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    if lapsed.rows_affected() > 0 {
        sqlx::query(
            "UPDATE order_items SET status = 'EXPIRED' WHERE order_id = ?1 AND status = 'ON_HOLD'",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query_as::<_, OrderRow>("SELECT * FROM orders WHERE id = ?1 AND client_id = ?2")
        .bind(id)
        .bind(client_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| SandboxError::OrderNotFound(id.to_owned()))
}
