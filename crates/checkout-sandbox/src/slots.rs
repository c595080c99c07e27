//! Technician visit slots (seed TMF-622, technician visit, note 3): "BSS will block the slot
//! for 4 mins after the searchTimeSlot call. Once it is over … the timeslot … can be utilized
//! for another customer." When none is free the answer is J4U22A.
//!
//! Slots are not stored: the calendar is a function of the clock (two windows a day, the next
//! [`DAYS_AHEAD`] days, Puerto Rico local time, which has no daylight saving). Only holds are
//! stored, one row per slot (its primary key), so a slot has at most one holder, and taking a
//! slot is one conditional upsert that exactly one of any number of racing orders wins.

use crate::clock::{from_ms, rfc3339, to_ms};
use crate::contract::{Order, SlotSearch};
use crate::error::SandboxError;
use crate::slot_calendar::{OFFERED, bookable, calendar};
use crate::{magic, order_rows, order_view};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::SqliteConnection;
use std::collections::HashSet;

/// How long a search blocks the slots it offers, and a chosen slot stays held.
pub const HOLD: TimeDelta = TimeDelta::minutes(4);
/// `POST /v1/order/{id}/searchTimeSlot`: offer the earliest free slots and block them for this
/// order for [`HOLD`]. A new search replaces the order's earlier offers and choice.
pub async fn search(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<SlotSearch, SandboxError> {
    let row = order_rows::load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    if magic::no_slots(&row.street_address) {
        return Err(SandboxError::SlotUnavailable);
    }
    let now_ms = to_ms(now);
    sqlx::query("DELETE FROM slot_holds WHERE order_id = ?1 AND held_until IS NOT NULL")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE orders SET slot_id = NULL, slot_held_until = NULL WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let taken: HashSet<String> = sqlx::query_scalar(
        "SELECT slot_id FROM slot_holds WHERE held_until IS NULL OR held_until > ?1",
    )
    .bind(now_ms)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let until = now + HOLD;
    let mut slots = Vec::with_capacity(OFFERED);
    for slot in calendar(now).into_iter().filter(|s| !taken.contains(&s.id)) {
        let held = sqlx::query(
            "INSERT INTO slot_holds (slot_id, order_id, held_until, chosen) VALUES (?1, ?2, ?3, 0)
             ON CONFLICT (slot_id) DO UPDATE
                SET order_id = excluded.order_id, held_until = excluded.held_until, chosen = 0
                WHERE slot_holds.held_until IS NOT NULL AND slot_holds.held_until <= ?4",
        )
        .bind(&slot.id)
        .bind(id)
        .bind(to_ms(until))
        .bind(now_ms)
        .execute(&mut *conn)
        .await?;
        if held.rows_affected() == 1 {
            slots.push(slot);
        }
        if slots.len() == OFFERED {
            break;
        }
    }
    if slots.is_empty() {
        // Seed: "If all slots are booked, then customer will get error like … J4U22A".
        return Err(SandboxError::SlotUnavailable);
    }
    Ok(SlotSearch {
        slots,
        utc_held_until: rfc3339(until),
    })
}

/// `PATCH /v1/order/{id}/fulfillment` with `{"slotId"}`: take the slot for this order. A slot
/// this order holds keeps its hold's deadline (the seed's 4 minutes run from the search); a
/// free slot is held for [`HOLD`] from now; a slot another order holds or has taken is J4U22A.
pub async fn choose(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    slot_id: &str,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let row = order_rows::load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let slot = bookable(slot_id, now).ok_or_else(|| SandboxError::SlotUnknown(slot_id.into()))?;
    let now_ms = to_ms(now);
    let held_until: Option<i64> = sqlx::query_scalar(
        "INSERT INTO slot_holds (slot_id, order_id, held_until, chosen) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (slot_id) DO UPDATE
            SET held_until = CASE
                    WHEN slot_holds.order_id = excluded.order_id AND slot_holds.held_until > ?4
                    THEN slot_holds.held_until ELSE excluded.held_until END,
                order_id = excluded.order_id,
                chosen = 1
            WHERE slot_holds.held_until IS NOT NULL
              AND (slot_holds.held_until <= ?4 OR slot_holds.order_id = excluded.order_id)
         RETURNING held_until",
    )
    .bind(&slot.id)
    .bind(id)
    .bind(to_ms(now + HOLD))
    .bind(now_ms)
    .fetch_optional(&mut *conn)
    .await?;
    let held_until = held_until.ok_or(SandboxError::SlotUnavailable)?;
    sqlx::query("UPDATE slot_holds SET chosen = 0 WHERE order_id = ?1 AND slot_id <> ?2")
        .bind(id)
        .bind(&slot.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE orders SET slot_id = ?2, slot_held_until = ?3 WHERE id = ?1")
        .bind(id)
        .bind(&slot.id)
        .bind(held_until)
        .execute(&mut *conn)
        .await?;
    tracing::debug!(order = id, slot = slot.id, until = %rfc3339(from_ms(held_until)), "slot chosen");
    order_view::fetch(conn, client_id, id, now).await
}
