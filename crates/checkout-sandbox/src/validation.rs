//! `GET /V1/order/{id}/validate` (the seed's capital V): every rule the order must keep to be
//! placed, re-checked against the sandbox clock just before the review page.
//!
//! It answers 200 with the list of problems rather than failing on the first, so the client
//! can tell the customer everything that needs doing at once. It changes nothing (apart from
//! the lazy expiry every read commits).

use crate::clock::to_ms;
use crate::contract::{CreditDecision, InstallationType, OrderStatus, Problem, Validation};
use crate::error::SandboxError;
use crate::{catalogue, credit, fulfillment_state, order_rows, order_view, quote};
use checkout_core::catalog::{InstallCharge, ProductKind};
use checkout_core::installation::install_charge_for;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

fn problem(code: &str, message: impl Into<String>) -> Problem {
    Problem {
        code: code.to_owned(),
        message: message.into(),
    }
}

pub async fn validate(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Validation, SandboxError> {
    let row = order_rows::load(conn, client_id, id, now).await?;
    let order = order_view::view(conn, &row).await?;
    let now_ms = to_ms(now);
    let mut problems = Vec::new();
    match row.status {
        OrderStatus::OnHold => {}
        OrderStatus::Expired => problems.push(problem("ORDER_EXPIRED", "the cart hold lapsed")),
        other => problems.push(problem(
            "ORDER_NOT_ON_HOLD",
            format!("the order is {other}"),
        )),
    }
    let codes: Vec<&str> = order
        .items
        .iter()
        .map(|i| i.product_code.as_str())
        .collect();
    let cat = catalogue::get()?;
    if !codes.iter().any(|c| cat.package(c).is_some()) {
        problems.push(problem("PACKAGE_MISSING", "the cart holds no package"));
    }
    if cat.any_has(codes.iter().copied(), ProductKind::Telephone) {
        match (&row.number, row.number_expires_at) {
            (Some(_), Some(until)) if until > now_ms => {}
            (Some(_), None) if row.status == OrderStatus::Confirmed => {}
            _ => problems.push(problem(
                "NUMBER_NOT_RESERVED",
                "the order has telephone: reserve a number",
            )),
        }
    }
    match row.installation_type {
        None => problems.push(problem(
            "INSTALLATION_TYPE_MISSING",
            "choose self install or a technician visit",
        )),
        Some(InstallationType::TechnicianVisit) if !row.unscheduled => {
            match (&row.slot_id, row.slot_held_until) {
                (Some(_), Some(until)) if until > now_ms => {}
                _ => problems.push(problem(
                    "SLOT_NOT_HELD",
                    "choose a time slot again, or an unscheduled visit",
                )),
            }
        }
        Some(_) => {}
    }
    let missing = fulfillment_state::missing_terms(&order.fulfillment);
    if !missing.is_empty() {
        problems.push(problem(
            "TERMS_NOT_ACCEPTED",
            format!("accept: {}", missing.join(", ")),
        ));
    }
    match credit::load(conn, id).await? {
        None => problems.push(problem("CREDIT_NOT_CHECKED", "submit the credit check")),
        Some(c) if c.decision == CreditDecision::Refused => {
            problems.push(problem("CREDIT_REFUSED", "the credit check was refused"));
        }
        Some(c) => {
            if let (Some(t), Some(r)) = (row.installation_type, credit::core_result(c.decision)) {
                let want = install_charge_for(t.kind(), r).code();
                let charges: Vec<&str> = codes
                    .iter()
                    .copied()
                    .filter(|c| InstallCharge::from_code(c).is_some())
                    .collect();
                if charges != [want] {
                    problems.push(problem(
                        "INSTALL_CHARGE_MISMATCH",
                        format!("the cart must hold exactly the install charge {want}"),
                    ));
                }
            }
        }
    }
    match quote::latest(conn, id).await? {
        None => problems.push(problem("QUOTE_MISSING", "get taxes and fees (quote)")),
        Some(c) if c.expires_at <= now_ms => problems.push(problem(
            "CONVERSATION_EXPIRED",
            "the quote's conversation lapsed: quote again",
        )),
        Some(_) => {}
    }
    Ok(Validation {
        order_id: id.to_owned(),
        valid: problems.is_empty(),
        problems,
    })
}
