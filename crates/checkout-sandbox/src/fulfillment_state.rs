//! The fulfillment part of an order's view: its installation type, the terms it must accept
//! (by what it holds: telephone adds the 911 notice) and those accepted, with versions.

use crate::catalogue;
use crate::clock::{from_ms, rfc3339};
use crate::contract::{AcceptedTerm, FulfillmentState, Term};
use crate::error::SandboxError;
use crate::order_rows::OrderRow;
use checkout_core::catalog::ProductKind;
use sqlx::SqliteConnection;

/// (id, version, title) of the terms every order needs.
const TERMS: &[(&str, &str, &str)] = &[
    (
        "service-agreement",
        "2026-01",
        "Residential service agreement",
    ),
    ("privacy-notice", "2025-07", "Privacy notice"),
];

/// The term only orders with telephone need (911 limits of a digital voice line).
const PHONE_TERM: (&str, &str, &str) = ("e911-notice", "2024-03", "911 service limitations");

/// The terms an order with these item codes must accept, in their current versions.
pub fn required_terms(codes: &[&str]) -> Vec<Term> {
    let has_phone = catalogue::get()
        .map(|c| c.any_has(codes.iter().copied(), ProductKind::Telephone))
        .unwrap_or(false);
    TERMS
        .iter()
        .chain(has_phone.then_some(&PHONE_TERM))
        .map(|(id, version, title)| Term {
            id: (*id).to_owned(),
            version: (*version).to_owned(),
            title: (*title).to_owned(),
        })
        .collect()
}

/// The fulfillment part of the order view.
pub async fn state(
    conn: &mut SqliteConnection,
    row: &OrderRow,
    codes: &[&str],
) -> Result<FulfillmentState, SandboxError> {
    let accepted = sqlx::query_as::<_, (String, String, i64)>(
        "SELECT term_id, version, accepted_at FROM order_terms WHERE order_id = ?1 ORDER BY term_id",
    )
    .bind(&row.id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(state_of(row, codes, accepted))
}

/// [`state`] from terms already read (`(term_id, version, accepted_at)`, by term id): lets
/// `orders::create` answer without reading back what it has just written.
pub fn state_of(
    row: &OrderRow,
    codes: &[&str],
    accepted: Vec<(String, String, i64)>,
) -> FulfillmentState {
    FulfillmentState {
        installation_type: row.installation_type,
        unscheduled: row.unscheduled,
        required_terms: required_terms(codes),
        terms_accepted: accepted
            .into_iter()
            .map(|(id, version, at)| AcceptedTerm {
                id,
                version,
                utc_accepted_at: rfc3339(from_ms(at)),
            })
            .collect(),
    }
}

/// The required terms missing from what the order has accepted (current versions only).
pub fn missing_terms(state: &FulfillmentState) -> Vec<String> {
    state
        .required_terms
        .iter()
        .filter(|t| {
            !state
                .terms_accepted
                .iter()
                .any(|a| a.id == t.id && a.version == t.version)
        })
        .map(|t| format!("{} {}", t.id, t.version))
        .collect()
}
