//! Fulfillment (direct-fulfillment steps 6 and 8): the installation type, the unscheduled
//! technician job, and the terms the customer accepts, on `POST` / `PATCH
//! /v1/order/{id}/fulfillment`, beside the slot choice that `slots.rs` keeps.
//!
//! Terms are accepted one by one, each with the version the customer was shown (DESIGN §3
//! step 8: "each required term explicitly accepted; versions recorded"). An acceptance list
//! that leaves out any required term, names an old version, or says `accepted: false` is
//! refused whole: a checkbox the customer did not tick must never count as ticked.

use crate::clock::to_ms;
use crate::contract::{FulfillmentRequest, InstallationType, Order, Term, TermAcceptance};
use crate::error::SandboxError;
use crate::fulfillment_state::required_terms;
use crate::order_rows::{self};
use crate::order_view;
use crate::slots;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

fn check_acceptance(required: &[Term], given: &[TermAcceptance]) -> Result<(), SandboxError> {
    if let Some(unknown) = given
        .iter()
        .find(|g| !required.iter().any(|t| t.id == g.id))
    {
        return Err(SandboxError::BadRequest(format!(
            "termsAccepted: unknown term {}",
            unknown.id
        )));
    }
    let missing: Vec<String> = required
        .iter()
        .filter(|t| {
            !given
                .iter()
                .any(|g| g.id == t.id && g.version == t.version && g.accepted)
        })
        .map(|t| format!("{} {}", t.id, t.version))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(SandboxError::TermsNotAccepted(missing.join(", ")))
    }
}

/// `POST` (`initiate`: `installationType` required) or `PATCH` (any field, at least one)
/// `/v1/order/{id}/fulfillment`. Applies everything or nothing (the caller's transaction).
pub async fn apply(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    req: &FulfillmentRequest,
    initiate: bool,
    now: DateTime<Utc>,
) -> Result<Order, SandboxError> {
    if initiate && req.installation_type.is_none() {
        return Err(SandboxError::BadRequest(
            "installationType: required".into(),
        ));
    }
    if req.installation_type.is_none()
        && req.slot_id.is_none()
        && req.unscheduled.is_none()
        && req.terms_accepted.is_none()
    {
        return Err(SandboxError::BadRequest(
            "body: one of installationType, slotId, unscheduled, termsAccepted".into(),
        ));
    }
    if req.slot_id.is_some() && req.unscheduled == Some(true) {
        return Err(SandboxError::BadRequest(
            "slotId: not with unscheduled: true".into(),
        ));
    }
    let row = order_rows::load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let kind = req.installation_type.or(row.installation_type);
    let wants_visit = req.slot_id.is_some() || req.unscheduled == Some(true);
    if wants_visit && kind == Some(InstallationType::SelfInstall) {
        return Err(SandboxError::BadRequest(
            "slotId / unscheduled: only with installationType TechnicianVisit".into(),
        ));
    }
    if let Some(t) = req.installation_type {
        sqlx::query("UPDATE orders SET installation_type = ?2 WHERE id = ?1")
            .bind(id)
            .bind(t)
            .execute(&mut *conn)
            .await?;
        if t == InstallationType::SelfInstall {
            // Seed 004: a self install is always an unscheduled job; no slot stays held.
            release_slot(conn, id).await?;
            sqlx::query("UPDATE orders SET unscheduled = 0 WHERE id = ?1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
    }
    if let Some(given) = &req.terms_accepted {
        let items = order_rows::items(conn, id).await?;
        let codes: Vec<&str> = items.iter().map(|i| i.product_code.as_str()).collect();
        let required = required_terms(&codes);
        check_acceptance(&required, given)?;
        sqlx::query("DELETE FROM order_terms WHERE order_id = ?1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for t in &required {
            sqlx::query(
                "INSERT INTO order_terms (order_id, term_id, version, accepted_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(id)
            .bind(&t.id)
            .bind(&t.version)
            .bind(to_ms(now))
            .execute(&mut *conn)
            .await?;
        }
    }
    if req.unscheduled == Some(true) {
        release_slot(conn, id).await?;
        sqlx::query("UPDATE orders SET unscheduled = 1 WHERE id = ?1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    } else if req.unscheduled == Some(false) {
        sqlx::query("UPDATE orders SET unscheduled = 0 WHERE id = ?1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    if let Some(slot) = &req.slot_id {
        sqlx::query("UPDATE orders SET unscheduled = 0 WHERE id = ?1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return slots::choose(conn, client_id, id, slot, now).await;
    }
    order_view::fetch(conn, client_id, id, now).await
}

/// Drop the order's slot choice and release the slots it holds (not ones already taken).
async fn release_slot(conn: &mut SqliteConnection, id: &str) -> Result<(), SandboxError> {
    sqlx::query("DELETE FROM slot_holds WHERE order_id = ?1 AND held_until IS NOT NULL")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE orders SET slot_id = NULL, slot_held_until = NULL WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yes(t: &Term) -> TermAcceptance {
        TermAcceptance {
            id: t.id.clone(),
            version: t.version.clone(),
            accepted: true,
        }
    }

    #[test]
    fn telephone_orders_also_need_the_911_notice() {
        assert_eq!(required_terms(&["R1INT"]).len(), 2);
        let phone = required_terms(&["R6430", "ZMPBI"]);
        assert!(phone.iter().any(|t| t.id == "e911-notice"));
    }

    #[test]
    fn every_required_term_must_be_accepted_in_its_version() {
        let req = required_terms(&["R1INT"]);
        let all: Vec<_> = req.iter().map(yes).collect();
        assert!(check_acceptance(&req, &all).is_ok());
        assert!(matches!(
            check_acceptance(&req, &all[..1]),
            Err(SandboxError::TermsNotAccepted(_))
        ));
        let mut old = all.clone();
        old[0].version = "1999-01".into();
        assert!(check_acceptance(&req, &old).is_err());
        let mut unticked = all;
        unticked[1].accepted = false;
        assert!(check_acceptance(&req, &unticked).is_err());
    }
}
