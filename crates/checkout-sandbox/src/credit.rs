//! The credit step (direct-fulfillment "Credit": `credit.submit`, `credit.policy`).
//!
//! The decision is a function of the magic last four SSN digits (see `magic.rs`), so tests
//! and demos can reach each outcome. The answer also says which install charge applies to
//! each installation type (seed 004, Key Considerations 8: "Installation charges code will
//! be decided by Hybris/CSR based on customer Credit check and user selection"), using
//! `checkout-core`'s own table so the sandbox and the app can never disagree.

use crate::catalogue;
use crate::clock::{from_ms, rfc3339, to_ms};
use crate::contract::{
    CreditApplication, CreditDecision, CreditPolicy, InstallChargeOption, InstallationType,
};
use crate::error::SandboxError;
use crate::{input, magic, money, order_rows};
use checkout_core::installation::{CreditResult, install_charge_for};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

/// The `CreditLimit` note value (seed 004: "Default value is 100").
pub const CREDIT_LIMIT: &str = "100";

#[derive(Debug, sqlx::FromRow)]
pub struct CreditRow {
    pub decision: CreditDecision,
    pub deposit_cents: i64,
    pub checked_at: i64,
}

/// The result as `checkout-core` sees it (`None` when refused).
pub fn core_result(d: CreditDecision) -> Option<CreditResult> {
    match d {
        CreditDecision::Approved => Some(CreditResult::Approved),
        CreditDecision::DepositRequired => Some(CreditResult::DepositRequired),
        CreditDecision::Refused => None,
    }
}

fn check(app: &CreditApplication, now: DateTime<Utc>) -> Result<(), SandboxError> {
    input::text("name", &app.name, 100)?;
    let dob = NaiveDate::parse_from_str(app.date_of_birth.trim(), "%Y-%m-%d")
        .map_err(|_| SandboxError::BadRequest("dateOfBirth: YYYY-MM-DD".into()))?;
    let adult = dob
        .checked_add_months(chrono::Months::new(18 * 12))
        .is_some_and(|d| d <= now.date_naive());
    if !adult {
        return Err(SandboxError::BadRequest(
            "dateOfBirth: the applicant must be 18 or older".into(),
        ));
    }
    let ssn = app.last4_ssn.trim();
    if ssn.len() != 4 || !ssn.chars().all(|c| c.is_ascii_digit()) {
        return Err(SandboxError::BadRequest("last4Ssn: four digits".into()));
    }
    Ok(())
}

pub async fn load(
    conn: &mut SqliteConnection,
    order_id: &str,
) -> Result<Option<CreditRow>, SandboxError> {
    Ok(sqlx::query_as::<_, CreditRow>(
        "SELECT decision, deposit_cents, checked_at FROM credit_checks WHERE order_id = ?1",
    )
    .bind(order_id)
    .fetch_optional(&mut *conn)
    .await?)
}

fn policy(order_id: &str, chosen: Option<InstallationType>, c: &CreditRow) -> CreditPolicy {
    let result = core_result(c.decision);
    let one_time = |code: &str| {
        catalogue::get()
            .ok()
            .and_then(|cat| cat.price(code).map(|p| p.one_time_cents))
            .unwrap_or(0)
    };
    let install_charges = result
        .map(|r| {
            [
                InstallationType::SelfInstall,
                InstallationType::TechnicianVisit,
            ]
            .into_iter()
            .map(|t| {
                let code = install_charge_for(t.kind(), r).code();
                InstallChargeOption {
                    installation_type: t,
                    code: code.to_owned(),
                    amount: money::text(one_time(code)),
                }
            })
            .collect()
        })
        .unwrap_or_default();
    CreditPolicy {
        order_id: order_id.to_owned(),
        decision: c.decision,
        deposit_amount: (c.decision == CreditDecision::DepositRequired)
            .then(|| money::text(c.deposit_cents)),
        currency: catalogue::CURRENCY.to_owned(),
        credit_limit: result.map(|_| CREDIT_LIMIT.to_owned()),
        install_charge: match (result, chosen) {
            (Some(r), Some(t)) => Some(install_charge_for(t.kind(), r).code().to_owned()),
            _ => None,
        },
        install_charges,
        utc_checked_at: rfc3339(from_ms(c.checked_at)),
    }
}

/// `POST /v1/order/{id}/credit.submit`: decide, store (replacing an earlier decision).
pub async fn submit(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    app: &CreditApplication,
    now: DateTime<Utc>,
) -> Result<CreditPolicy, SandboxError> {
    check(app, now)?;
    let row = order_rows::load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let (decision, deposit_cents) = magic::credit(app.last4_ssn.trim());
    sqlx::query(
        "INSERT INTO credit_checks (order_id, decision, deposit_cents, checked_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (order_id) DO UPDATE SET decision = excluded.decision,
             deposit_cents = excluded.deposit_cents, checked_at = excluded.checked_at",
    )
    .bind(id)
    .bind(decision)
    .bind(deposit_cents)
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    let c = CreditRow {
        decision,
        deposit_cents,
        checked_at: to_ms(now),
    };
    Ok(policy(id, row.installation_type, &c))
}

/// `GET /v1/order/{id}/credit.policy`: the stored decision.
pub async fn get(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<CreditPolicy, SandboxError> {
    let row = order_rows::load(conn, client_id, id, now).await?;
    let c = load(conn, id)
        .await?
        .ok_or(SandboxError::CreditNotChecked)?;
    Ok(policy(id, row.installation_type, &c))
}
