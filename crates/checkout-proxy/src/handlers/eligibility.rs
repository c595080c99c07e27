//! `POST /api/v1/eligibility`: the first step. It starts the browser's session (and the
//! upstream one), asks the back office about the address, and keeps the answer server-side for
//! the steps after it.

use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{BrowserSession, Command, Csrf, KeyDelivery, MaybeSession};
use crate::kiosk_device::MaybeKiosk;
use crate::session::{EligibleAddress, ServerSession, Sessions};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use checkout_core::problem::ErrorCode;
use checkout_core::wire::{Eligibility, EligibilityRequest};
use std::sync::Arc;

/// `POST /api/v1/eligibility`: is this address served, by what, in which market.
pub async fn eligibility(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    delivery: KeyDelivery,
    MaybeSession(known): MaybeSession,
    MaybeKiosk(kiosk): MaybeKiosk,
    Command(req): Command<EligibilityRequest>,
) -> Result<Response, ApiError> {
    let _secure = app.config.secure_cookies;
    let (key, mut sess, new_cookie) = match known {
        Some(BrowserSession { key, session }) => (key, session, false),
        None => {
            // A framed checkout starts its session for a registered partner only.
            let partner = match delivery.partner() {
                Some(id) if app.embeds.registered(id).is_some() => Some(id.to_owned()),
                Some(_) => return Err(ApiError::Refused(ErrorCode::ClientForbidden)),
                None => None,
            };
            let session = ServerSession {
                partner,
                kiosk,
                ..ServerSession::default()
            };
            (Sessions::new_key(), session, true)
        }
    };
    let session_id = match sess.upstream_session_id.clone() {
        Some(id) => id,
        None => {
            let id = app.upstream.start_session(&corr).await?;
            sess.upstream_session_id = Some(id.clone());
            app.sessions.put(&key, &sess).await?;
            id
        }
    };
    let mut upstream_answer = app
        .upstream
        .serviceability(&session_id, &corr, req.address.as_str())
        .await?;
    let market_address = upstream_answer.market_address.take();
    let answer = upstream_answer.into_eligibility().map_err(|e| {
        tracing::warn!(correlation_id = %corr, error = %e, "incomplete upstream answer");
        ApiError::UpstreamUnavailable
    })?;
    // Later steps need the address and its technology; the browser need not send them again.
    let eligible = match &answer {
        Eligibility::Serviceable {
            technology,
            market,
            existing_customer,
        } => Some(EligibleAddress {
            address: req.address.clone(),
            technology: *technology,
            market: Some(*market),
            market_address: market_address.filter(|a| a.market() == *market),
            existing_customer: *existing_customer,
        }),
        Eligibility::NotServiceable { .. } => None,
    };
    // Asking again about the same address changes nothing: no write.
    if eligible != sess.eligible {
        // An order is held for one address. Checking another starts a new order: the old hold
        // is cancelled and what the steps after it did goes with it, so nothing held for one
        // address is ever placed at another.
        let moved = sess.order.as_ref().is_some_and(|held| {
            held.at.as_ref().map(|a| &a.address) != eligible.as_ref().map(|e| &e.address)
        });
        // An order whose outcome is still being confirmed keeps its hold.
        if moved
            && sess.pending_order.is_none()
            && let Some(old) = sess.order.take()
        {
            crate::handlers::cart::release(
                &app,
                &old,
                &session_id,
                &corr,
                "Customer checked another address",
            )
            .await;
            sess.steps = crate::session_steps::Steps::default();
        }
        sess.eligible = eligible;
        app.sessions.put(&key, &sess).await?;
    }
    let mut res = Json(answer).into_response();
    if new_cookie {
        delivery.hand_out(&mut res, &key, &app);
    }
    Ok(res)
}
