//! Billing accounts for new Jamaica and Panama customers (`POST /v1/{businessId}/billingAccount`):
//! a JM or PA `productOrder` must name one (seed 004's `billingAccount.id`), so the sandbox
//! opens them and productOrder refuses an id it never opened for that market.
//!
//! Ids are the seed's prefix and a four-digit sequence per market, counted from 0, so the first
//! accounts are the seed's own (`100015870000`, `324063130000`). Past the 10 000th account of a
//! market the sequence simply grows a digit: ids stay unique, which is all a sandbox needs.

use crate::clock::to_ms;
use crate::error::SandboxError;
use checkout_core::Market;
use checkout_core::kiosk::{BillingAccountCreated, BillingAccountRequest};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// The seed's JM account (`100015870000`) without its sequence.
pub const JM_PREFIX: &str = "10001587";
/// The seed's PA account (`324063130000`) without its sequence.
pub const PA_PREFIX: &str = "32406313";

/// The account-id prefix of a market that opens accounts here; PR's accounts come with the
/// quote (`docs/sandbox.md`).
fn prefix(market: Market) -> Result<&'static str, SandboxError> {
    match market {
        Market::Jamaica => Ok(JM_PREFIX),
        Market::Panama => Ok(PA_PREFIX),
        Market::PuertoRico => Err(SandboxError::BadRequest(
            "businessId: JM or PA; PR's billing account comes with the quote".into(),
        )),
    }
}

/// Open an account in `market` for `client_id`.
pub async fn open(
    conn: &mut SqliteConnection,
    client_id: &str,
    market: Market,
    req: &BillingAccountRequest,
    now: DateTime<Utc>,
) -> Result<BillingAccountCreated, SandboxError> {
    let prefix = prefix(market)?;
    let business = market.business_id();
    let seq: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(seq) + 1, 0) FROM billing_accounts WHERE business_id = ?1",
    )
    .bind(business)
    .fetch_one(&mut *conn)
    .await?;
    let id = format!("{prefix}{seq:04}");
    sqlx::query(
        "INSERT INTO billing_accounts (id, business_id, seq, client_id, name, email, phone,
                                       created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(&id)
    .bind(business)
    .bind(seq)
    .bind(client_id)
    .bind(req.name.as_str())
    .bind(req.email.as_str())
    .bind(req.phone.as_str())
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    Ok(BillingAccountCreated { id })
}

/// Whether `id` is an account `client_id` opened in `market` (another client's accounts are
/// unknown to it, as its orders are).
pub async fn known(
    conn: &mut SqliteConnection,
    client_id: &str,
    market: Market,
    id: &str,
) -> Result<bool, SandboxError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM billing_accounts WHERE id = ?1 AND business_id = ?2 AND client_id = ?3",
    )
    .bind(id)
    .bind(market.business_id())
    .bind(client_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}
