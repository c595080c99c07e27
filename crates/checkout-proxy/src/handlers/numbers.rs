//! The phone number step (DESIGN §3 step 7): `POST /api/v1/numbers/search` →
//! `number.available`, `POST /api/v1/numbers/reserve` → `number.reserve`.
//!
//! Only a cart with home phone needs a number; asking without one is refused here rather than
//! left to upstream. A reservation is a hold with its own clock (10 min upstream), kept in the
//! session so the order is never placed on a lapsed one.

use crate::bss::{self, instant};
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{Command, Csrf};
use crate::handlers::cart::with_server_time;
use crate::held_session::HeldSession;
use crate::session_steps::ReservedNumber;
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::extract::State;
use axum::response::Response;
use checkout_core::catalog::ProductKind;
use checkout_core::deadlines::Hold;
use checkout_core::installation::TelephoneNumber;
use checkout_core::problem::ErrorCode;
use checkout_core::wire_order::{NumberChoices, NumberReserved, ReserveNumberRequest};
use std::sync::Arc;

fn needs_number(step: &HeldSession) -> Result<(), ApiError> {
    if step.cart()?.has(ProductKind::Telephone) {
        Ok(())
    } else {
        Err(ApiError::Refused(ErrorCode::NoTelephone))
    }
}

/// `POST /api/v1/numbers/search`: numbers free for this order now.
pub async fn search(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    step: HeldSession,
) -> Result<Response, ApiError> {
    needs_number(&step)?;
    let Upstreamed { body, server_time } =
        step.back_office(&app, &corr).available_numbers().await?;
    let numbers = body
        .numbers
        .iter()
        .filter_map(|n| TelephoneNumber::new(n).ok())
        .collect();
    Ok(with_server_time(NumberChoices { numbers }, server_time))
}

/// `POST /api/v1/numbers/reserve`: hold one number for this order.
pub async fn reserve(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    mut step: HeldSession,
    Command(ReserveNumberRequest { number }): Command<ReserveNumberRequest>,
) -> Result<Response, ApiError> {
    needs_number(&step)?;
    let Upstreamed {
        body: order,
        server_time,
    } = step
        .back_office(&app, &corr)
        .reserve_number(&bss::ReserveNumber {
            number: number.as_str(),
        })
        .await?;
    let held = order
        .reserved_number
        .as_ref()
        .filter(|r| r.number == number.as_str())
        .ok_or(ApiError::UpstreamUnavailable)?;
    let expires = instant(
        held.utc_expires_at
            .as_deref()
            .ok_or(ApiError::UpstreamUnavailable)?,
    )?;
    let hold = Hold::number(expires);
    step.sess.steps.number = Some(ReservedNumber {
        number: number.as_str().to_owned(),
        hold,
    });
    // The quote names the number: a new one needs a new quote.
    step.sess.steps.quote = None;
    step.save(&app).await?;
    Ok(with_server_time(
        NumberReserved { number, hold },
        server_time,
    ))
}
