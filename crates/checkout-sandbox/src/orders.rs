//! The cart: orders held `ON_HOLD` until `utcExpiresAt`, then `EXPIRED` (seed
//! `order-cart-holds.txt`).
//!
//! Every function here runs inside the caller's transaction and returns an error *instead of*
//! finishing a change, so the caller's rollback undoes whatever was already written: an order
//! operation happens whole or not at all. Expiry is not a background job: it is evaluated
//! against the sandbox clock whenever an order is touched.

use crate::clock::{from_ms, rfc3339, to_ms};
use crate::contract::{
    CancelRequest, Contact, CreateOrderRequest, ExtendRequest, ItemInput, Order, OrderStatus,
};
use crate::error::SandboxError;
use crate::order_rows::{ItemRow, OrderRow, load};
use crate::order_view::{fetch, render, view};
use crate::{fulfillment_state, input, magic};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// How long a new cart is held.
pub const HOLD: TimeDelta = TimeDelta::minutes(15);
/// No extension takes a hold past this long after the order was created.
pub const MAX_HOLD: TimeDelta = TimeDelta::minutes(60);
/// The most one extension may ask for.
pub const MAX_EXTEND_MINUTES: i64 = 30;

/// A new item is on hold, except that a magic product code stands for a booking that was
/// confirmed elsewhere before the order operation ran (seed: "an individual booking in the
/// Order was confirmed … before the Order operation was committed"), so clients can watch an
/// order operation fail whole.
fn new_item_status(item: &ItemInput) -> OrderStatus {
    if item.product_code == magic::ITEM_BOOKED_ELSEWHERE {
        OrderStatus::Confirmed
    } else {
        OrderStatus::OnHold
    }
}

async fn insert_item(
    conn: &mut SqliteConnection,
    order_id: &str,
    item_no: i64,
    item: &ItemInput,
) -> Result<(), SandboxError> {
    sqlx::query(
        "INSERT INTO order_items (order_id, item_no, product_code, quantity, status)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(order_id)
    .bind(item_no)
    .bind(&item.product_code)
    .bind(item.quantity)
    .bind(new_item_status(item))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `POST /v1/order/create`: a new order, `ON_HOLD` for [`HOLD`].
pub async fn create(
    conn: &mut SqliteConnection,
    client_id: &str,
    req: &CreateOrderRequest,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let address = input::text("streetAddress", &req.street_address, 200)?;
    if req.items.len() > input::MAX_ITEMS {
        return Err(SandboxError::BadRequest(format!(
            "items: at most {}",
            input::MAX_ITEMS
        )));
    }
    let items = req
        .items
        .iter()
        .map(input::item)
        .collect::<Result<Vec<_>, _>>()?;
    let id = uuid::Uuid::new_v4().to_string();
    let item_count = i64::try_from(items.len()).unwrap_or(i64::MAX);
    // The order exactly as the INSERT below stores it: the answer is rendered from this and
    // the item rows instead of read back, so a create is two statements (order, items) inside
    // its transaction rather than five plus one per item; the write lock is held for that long, and every
    // request behind it waits that long (docs/performance.md, "Sandbox load"). A test checks
    // the answer against a later GET.
    let row = OrderRow {
        id,
        status: OrderStatus::OnHold,
        street_address: address,
        created_at: to_ms(now),
        expires_at: to_ms(now + HOLD),
        max_expires_at: to_ms(now + MAX_HOLD),
        next_item: item_count + 1,
        number: None,
        number_expires_at: None,
        slot_id: None,
        slot_held_until: None,
        contact_name: None,
        contact_email: None,
        contact_phone: None,
        confirmed_at: None,
        cancel_reason: None,
        cancelled_at: None,
        installation_type: None,
        unscheduled: false,
    };
    sqlx::query(
        "INSERT INTO orders (id, client_id, status, street_address, created_at, expires_at,
                             max_expires_at, next_item)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(&row.id)
    .bind(client_id)
    .bind(row.status)
    .bind(&row.street_address)
    .bind(row.created_at)
    .bind(row.expires_at)
    .bind(row.max_expires_at)
    .bind(row.next_item)
    .execute(&mut *conn)
    .await?;
    let rows: Vec<ItemRow> = (1..)
        .zip(items)
        .map(|(item_no, item)| ItemRow {
            item_no,
            status: new_item_status(&item),
            product_code: item.product_code,
            quantity: item.quantity,
        })
        .collect();
    if !rows.is_empty() {
        // One multi-row INSERT (at most `input::MAX_ITEMS` rows, 5 parameters each).
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO order_items (order_id, item_no, product_code, quantity, status) ",
        );
        insert.push_values(&rows, |mut values, r| {
            values
                .push_bind(&row.id)
                .push_bind(r.item_no)
                .push_bind(&r.product_code)
                .push_bind(r.quantity)
                .push_bind(r.status);
        });
        insert.build().execute(&mut *conn).await?;
    }
    let codes: Vec<&str> = rows.iter().map(|i| i.product_code.as_str()).collect();
    // A new order has accepted no terms yet.
    let fulfillment = fulfillment_state::state_of(&row, &codes, Vec::new());
    Ok(render(&row, rows, fulfillment))
}

/// `POST /v1/order/{id}/items`: one more product, only while on hold (seed: "New bookings can
/// only be added to an Order while it is in the ON_HOLD status").
pub async fn add_item(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    item: &ItemInput,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let item = input::item(item)?;
    let row = load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM order_items WHERE order_id = ?1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= input::MAX_ITEMS {
        return Err(SandboxError::BadRequest(format!(
            "items: at most {}",
            input::MAX_ITEMS
        )));
    }
    insert_item(conn, id, row.next_item, &item).await?;
    sqlx::query("UPDATE orders SET next_item = next_item + 1 WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    fetch(conn, client_id, id, now).await
}

/// `DELETE /v1/order/{id}/items/{itemId}`: only while on hold.
pub async fn remove_item(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    item_id: &str,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let row = load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let item_no: i64 = item_id
        .parse()
        .map_err(|_| SandboxError::ItemNotFound(item_id.to_owned()))?;
    let gone = sqlx::query(
        "DELETE FROM order_items WHERE order_id = ?1 AND item_no = ?2 AND status = 'ON_HOLD'",
    )
    .bind(id)
    .bind(item_no)
    .execute(&mut *conn)
    .await?;
    if gone.rows_affected() != 1 {
        return Err(SandboxError::ItemNotFound(item_id.to_owned()));
    }
    fetch(conn, client_id, id, now).await
}

/// The first item that is not on hold, if any (seed: an order operation fails if any one
/// booking in it is not `ON_HOLD`).
async fn item_not_on_hold(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<Option<SandboxError>, SandboxError> {
    let row = sqlx::query_as::<_, (i64, OrderStatus)>(
        "SELECT item_no, status FROM order_items
         WHERE order_id = ?1 AND status <> 'ON_HOLD' ORDER BY item_no LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(no, status)| SandboxError::ItemNotOnHold {
        item: no.to_string(),
        status,
    }))
}

/// `POST /v1/order/{id}/extend`: the seed lets the back office grant "the requested duration,
/// or any arbitrary duration"; the sandbox grants what was asked up to [`MAX_HOLD`] after
/// creation, and refuses when nothing is left to grant.
pub async fn extend(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    req: &ExtendRequest,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let reason = input::text("reason", &req.reason, 200)?;
    if !(1..=MAX_EXTEND_MINUTES).contains(&req.minutes) {
        return Err(SandboxError::BadRequest(format!(
            "minutes: between 1 and {MAX_EXTEND_MINUTES}"
        )));
    }
    let row = load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    if let Some(e) = item_not_on_hold(conn, id).await? {
        return Err(e);
    }
    let wanted = row.expires_at + req.minutes * 60_000;
    let granted_until = wanted.min(row.max_expires_at);
    if granted_until <= row.expires_at {
        return Err(SandboxError::ExtensionRefused(rfc3339(from_ms(
            row.max_expires_at,
        ))));
    }
    sqlx::query("UPDATE orders SET expires_at = ?2 WHERE id = ?1")
        .bind(id)
        .bind(granted_until)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO order_extensions (order_id, at, reason, requested_minutes, granted_seconds)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(id)
    .bind(to_ms(now))
    .bind(&reason)
    .bind(req.minutes)
    .bind((granted_until - row.expires_at) / 1000)
    .execute(&mut *conn)
    .await?;
    fetch(conn, client_id, id, now).await
}

/// `POST /v1/order/{id}/confirm`: the order and every item become `CONFIRMED`, the reserved
/// number and chosen slot become the customer's, and slots merely offered are released.
/// Refused whole if any part is no longer held.
pub async fn confirm(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    contact: &Contact,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let contact = input::contact(contact)?;
    let row = load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let now_ms = to_ms(now);
    if let (Some(number), Some(until)) = (&row.number, row.number_expires_at) {
        if until <= now_ms {
            return Err(SandboxError::NumberHoldExpired {
                number: number.clone(),
                at: rfc3339(from_ms(until)),
            });
        }
        sqlx::query(
            "UPDATE numbers SET reserved_until = NULL WHERE number = ?1 AND reserved_by = ?2",
        )
        .bind(number)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    if let (Some(slot), Some(until)) = (&row.slot_id, row.slot_held_until) {
        if until <= now_ms {
            return Err(SandboxError::SlotHoldExpired {
                slot: slot.clone(),
                at: rfc3339(from_ms(until)),
            });
        }
        sqlx::query("UPDATE slot_holds SET held_until = NULL WHERE slot_id = ?1 AND order_id = ?2")
            .bind(slot)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM slot_holds WHERE order_id = ?1 AND chosen = 0")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE orders SET status = 'CONFIRMED', contact_name = ?2, contact_email = ?3,
                contact_phone = ?4, confirmed_at = ?5,
                number_expires_at = NULL, slot_held_until = NULL
         WHERE id = ?1",
    )
    .bind(id)
    .bind(&contact.name)
    .bind(&contact.email)
    .bind(&contact.phone)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    // Confirm item by item, as the seed's back office does booking by booking. The order row
    // above is already written: a refusal here must (and does) take it back with the
    // transaction, which is what makes the operation all-or-nothing rather than careful.
    let before = sqlx::query_as::<_, (i64, OrderStatus)>(
        "SELECT item_no, status FROM order_items WHERE order_id = ?1 ORDER BY item_no",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    if before.is_empty() {
        return Err(SandboxError::EmptyOrder);
    }
    let confirmed = sqlx::query(
        "UPDATE order_items SET status = 'CONFIRMED' WHERE order_id = ?1 AND status = 'ON_HOLD'",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if usize::try_from(confirmed.rows_affected()).unwrap_or(usize::MAX) != before.len() {
        let (no, status) = before
            .into_iter()
            .find(|(_, s)| *s != OrderStatus::OnHold)
            .unwrap_or((0, OrderStatus::Confirmed));
        return Err(SandboxError::ItemNotOnHold {
            item: no.to_string(),
            status,
        });
    }
    fetch(conn, client_id, id, now).await
}

/// `DELETE /v1/order/{id}`: cancels an order on hold and releases everything it held.
/// Cancelling twice answers the cancelled order again (safe to retry); an expired or
/// confirmed order is refused (seed: the back office "may accept or reject" the latter).
pub async fn cancel(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    req: &CancelRequest,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let reason = input::text("reason", &req.reason, 200)?;
    let row = load(conn, client_id, id, now).await?;
    if row.status == OrderStatus::Cancelled {
        return view(conn, &row).await;
    }
    row.require_on_hold()?;
    sqlx::query(
        "UPDATE numbers SET reserved_by = NULL, reserved_until = NULL WHERE reserved_by = ?1",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM slot_holds WHERE order_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE orders SET status = 'CANCELLED', cancel_reason = ?2, cancelled_at = ?3,
                number = NULL, number_expires_at = NULL, slot_id = NULL, slot_held_until = NULL
         WHERE id = ?1",
    )
    .bind(id)
    .bind(&reason)
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE order_items SET status = 'CANCELLED' WHERE order_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    fetch(conn, client_id, id, now).await
}
