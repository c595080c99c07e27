//! Telephone number inventory and reservations (direct-fulfillment step 7).
//!
//! A reservation is a hold with its own clock ([`RESERVATION`]), independent of the cart's:
//! extending the cart does not extend the number. The `numbers` row is the lock: reserving is
//! one conditional UPDATE, so of any number of orders racing for one number exactly one
//! changes the row and the others see zero rows affected.

use crate::clock::{rfc3339, to_ms};
use crate::contract::{AvailableNumbers, Order};
use crate::error::SandboxError;
use crate::{input, order_rows, order_view};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::SqliteConnection;

/// How long a reserved number stays the order's.
pub const RESERVATION: TimeDelta = TimeDelta::minutes(10);
/// How many numbers one availability call offers.
pub const OFFERED: i64 = 5;

/// `POST /v1/order/{id}/number.available`: free numbers, lowest first. Numbers whose
/// reservation lapsed are free again.
pub async fn available(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<AvailableNumbers, SandboxError> {
    let row = order_rows::load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let numbers = sqlx::query_scalar(
        "SELECT number FROM numbers
         WHERE reserved_by IS NULL OR (reserved_until IS NOT NULL AND reserved_until <= ?1)
         ORDER BY number LIMIT ?2",
    )
    .bind(to_ms(now))
    .bind(OFFERED)
    .fetch_all(&mut *conn)
    .await?;
    Ok(AvailableNumbers { numbers })
}

/// `PATCH /v1/order/{id}/number.reserve`: hold `number` for [`RESERVATION`]. Reserving again
/// (same number) renews the hold; reserving another number releases the previous one, since
/// an order has only one telephone product.
pub async fn reserve(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    number: &str,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    let number = input::number(number)?;
    let row = order_rows::load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let until = now + RESERVATION;
    let won = sqlx::query(
        "UPDATE numbers SET reserved_by = ?2, reserved_until = ?3
         WHERE number = ?1
           AND (reserved_by IS NULL OR reserved_by = ?2
                OR (reserved_until IS NOT NULL AND reserved_until <= ?4))",
    )
    .bind(&number)
    .bind(id)
    .bind(to_ms(until))
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    if won.rows_affected() != 1 {
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM numbers WHERE number = ?1")
            .bind(&number)
            .fetch_optional(&mut *conn)
            .await?;
        return Err(match exists {
            Some(_) => SandboxError::NumberTaken(number),
            None => SandboxError::NumberUnknown(number),
        });
    }
    if let Some(previous) = row.number.as_deref().filter(|p| *p != number) {
        sqlx::query(
            "UPDATE numbers SET reserved_by = NULL, reserved_until = NULL
             WHERE number = ?1 AND reserved_by = ?2",
        )
        .bind(previous)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("UPDATE orders SET number = ?2, number_expires_at = ?3 WHERE id = ?1")
        .bind(id)
        .bind(&number)
        .bind(to_ms(until))
        .execute(&mut *conn)
        .await?;
    tracing::debug!(order = id, number, until = %rfc3339(until), "number reserved");
    order_view::fetch(conn, client_id, id, now).await
}
