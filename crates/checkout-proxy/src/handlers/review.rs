//! The review page's check (DESIGN §3 step 11): `GET /api/v1/review` →
//! `GET /V1/order/{id}/validate`. Every problem upstream finds is listed at once, each by its
//! code with our own customer text (upstream's text is never passed on).

use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::handlers::cart::with_server_time;
use crate::held_session::HeldSession;
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::extract::State;
use axum::response::Response;
use checkout_core::wire_order::{Review, ReviewProblem};
use std::sync::Arc;

/// `GET /api/v1/review`.
pub async fn review(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    step: HeldSession,
) -> Result<Response, ApiError> {
    let Upstreamed { body, server_time } = step.back_office(&app, &corr).validate().await?;
    let problems = body
        .problems
        .iter()
        .map(|p| ReviewProblem {
            code: p.code.clone(),
            message: message(&p.code).to_owned(),
        })
        .collect();
    let existing_customer = step
        .sess
        .order
        .as_ref()
        .and_then(|held| held.at.as_ref())
        .is_some_and(|at| at.existing_customer);
    Ok(with_server_time(
        Review {
            valid: body.valid,
            problems,
            existing_customer,
        },
        server_time,
    ))
}

/// What the customer is told about each check that failed (docs/sandbox.md "Validate").
fn message(code: &str) -> &'static str {
    match code {
        "ORDER_EXPIRED" => "Your cart expired. Please start again; we kept your choices.",
        "ORDER_NOT_ON_HOLD" => "This order can no longer be changed.",
        "PACKAGE_MISSING" => "Please choose a package.",
        "NUMBER_NOT_RESERVED" => "Please reserve a phone number.",
        "INSTALLATION_TYPE_MISSING" => "Please choose how your service is installed.",
        "SLOT_NOT_HELD" => "Please choose an installation time again, or go on without a date.",
        "TERMS_NOT_ACCEPTED" => "Please accept each of the terms.",
        "CREDIT_NOT_CHECKED" => "Please complete the credit check.",
        "CREDIT_REFUSED" => "We cannot complete this order online. Please call us.",
        "INSTALL_CHARGE_MISMATCH" => "Please choose your installation again.",
        "QUOTE_MISSING" => "Please get your taxes and fees.",
        "CONVERSATION_EXPIRED" => "Your prices needed refreshing. Please update them.",
        _ => "Something in your order needs attention. Please call us.",
    }
}
