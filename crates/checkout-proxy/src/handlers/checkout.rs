//! `GET /api/v1/checkout`: where this browser's checkout stands, from the proxy's session, for
//! the app to pick up after a reload. The held cart's hold is asked of the back office (its
//! deadline is upstream's); the rest is what the steps kept. Nothing personal, nothing secret:
//! no name, date of birth, SSN digits or contact, no upstream id. A browser without a session
//! has no checkout under way: it is told so (an empty progress), not refused, since the first
//! screen asks on every load to know whether to resume.

use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{BrowserSession, MaybeSession};
use crate::handlers::cart::{cart_state, held_order, with_server_time};
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::extract::State;
use axum::response::Response;
use checkout_core::installation::TelephoneNumber;
use checkout_core::wire_order::{CheckoutProgress, NumberReserved};
use std::sync::Arc;

pub async fn progress(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    MaybeSession(known): MaybeSession,
) -> Result<Response, ApiError> {
    let Some(BrowserSession { session: sess, .. }) = known else {
        return Ok(with_server_time(CheckoutProgress::default(), None));
    };
    let (cart, server_time) = match held_order(&sess) {
        Ok((held, session_id)) => {
            let Upstreamed { body, server_time } = app
                .upstream
                .in_session(session_id, &corr)
                .order(&held.id)
                .hold()
                .await?;
            (
                Some(cart_state(held.cart.clone(), &body, server_time)?),
                server_time,
            )
        }
        Err(_) => (None, None),
    };
    let steps = &sess.steps;
    let progress = CheckoutProgress {
        cart,
        credit: steps.credit.as_ref().and_then(|c| c.outcome.clone()),
        installation: steps.installation,
        number: steps.number.as_ref().and_then(|n| {
            Some(NumberReserved {
                number: TelephoneNumber::new(&n.number).ok()?,
                hold: n.hold,
            })
        }),
        terms_accepted: steps.terms_accepted,
    };
    Ok(with_server_time(progress, server_time))
}
