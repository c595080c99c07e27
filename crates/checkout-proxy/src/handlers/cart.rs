//! The catalogue and the held cart: `GET /api/v1/offers`, `POST`/`GET /api/v1/cart`,
//! `POST /api/v1/cart/extend`.
//!
//! The proxy re-checks every rule with `checkout-core` before a cart goes upstream (seed 004:
//! the middleware "will act as pass through"), keeps the upstream order id to itself, and
//! answers each call with the back office's clock so the app can count down honestly.

use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{BrowserSession, Command, Csrf};
use crate::session::{HeldOrder, ServerSession};
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use checkout_core::UtcMillis;
use checkout_core::cart::Cart;
use checkout_core::compose::compose;
use checkout_core::deadlines::Hold;
use checkout_core::ocbo::{
    CancelRequest, CreateOrderRequest, ExtendRequest, OrderHoldView, OrderItemInput,
};
use checkout_core::problem::ErrorCode;
use checkout_core::rules::RuleViolation;
use checkout_core::wire::{CartChoices, CartState, Offers, SERVER_TIME_HEADER};
use std::sync::Arc;

/// What the one-press extend asks for (seed cart: "a requested amount of time (in minutes)";
/// upstream may grant less).
const EXTEND_MINUTES: u32 = 10;

/// Most lines a cart may carry beside its package. The back office takes at most 20 items per
/// order (the sandbox's `MAX_ITEMS`) and answers more with a bare 400 we could only pass on as
/// a 502; refusing here gives the customer a 400 that says why. A real cart has a handful.
pub const MAX_CART_LINES: usize = 19;

/// Our own clock, for answers where the back office did not say its time.
pub fn proxy_now() -> UtcMillis {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    UtcMillis(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
}

/// Attach the back office's clock (or ours, when it did not say) to an answer.
pub(crate) fn with_server_time(
    body: impl serde::Serialize,
    server_time: Option<UtcMillis>,
) -> Response {
    let mut res = Json(body).into_response();
    let t = server_time.unwrap_or_else(proxy_now);
    if let Ok(v) = HeaderValue::from_str(&t.0.to_string()) {
        res.headers_mut().insert(SERVER_TIME_HEADER, v);
    }
    res
}

/// `GET /api/v1/offers`: the catalogue, without the packages the address's technology cannot
/// carry (seed 004 package table: 1P TV and 2P TV + Phone are COAX only).
pub async fn offers(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    BrowserSession { session: sess, .. }: BrowserSession,
) -> Result<Response, ApiError> {
    let (offers, server_time) = catalogue(&app, &sess, &corr).await?;
    Ok(with_server_time(offers, server_time))
}

/// The back office's catalogue for the session's address, asked for afresh: the cart is
/// composed from what it says now, never from what the browser describes.
async fn catalogue(
    app: &AppState,
    sess: &ServerSession,
    corr: &CorrelationId,
) -> Result<(Offers, Option<UtcMillis>), ApiError> {
    let eligible = sess.eligible.as_ref().ok_or(ApiError::NoSession)?;
    let session_id = sess
        .upstream_session_id
        .as_ref()
        .ok_or(ApiError::NoSession)?;
    let Upstreamed { body, server_time } =
        app.upstream.in_session(session_id, corr).offers().await?;
    let offers = Offers::for_technology(eligible.technology, body.packages, body.add_ons);
    Ok((offers, server_time))
}

/// `POST /api/v1/cart`: hold the customer's cart upstream (a new order `ON_HOLD`), replacing
/// any cart held before.
pub async fn hold(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    BrowserSession {
        key,
        session: mut sess,
    }: BrowserSession,
    // Only choices cross the wire: the cart is composed here from the catalogue, so every
    // line, kind, ServiceType and price is the back office's, and every rule is kept.
    Command(choices): Command<CartChoices>,
) -> Result<Response, ApiError> {
    if choices.add_ons.len() > MAX_CART_LINES {
        return Err(ApiError::InvalidInput(format!(
            "A cart can hold at most {MAX_CART_LINES} add-ons and charges."
        )));
    }
    if sess.pending_order.is_some() {
        // An order may already exist on the held cart: it is not let go for a new one.
        return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight));
    }
    let eligible = sess.eligible.clone().ok_or(ApiError::NoSession)?;
    let (offers, _) = catalogue(&app, &sess, &corr).await?;
    let cart = compose(&offers, &choices)?;
    if cart.lines().len() > MAX_CART_LINES {
        return Err(ApiError::InvalidInput(format!(
            "A cart can hold at most {MAX_CART_LINES} add-ons and charges."
        )));
    }
    let package = cart.package().ok_or(RuleViolation::NoPackage)?;
    let session_id = sess
        .upstream_session_id
        .clone()
        .ok_or(ApiError::NoSession)?;

    if let Some(old) = sess.order.take() {
        // The customer changed their mind: let the old hold go now rather than at its expiry.
        release(&app, &old, &session_id, &corr, "Customer replaced the cart").await;
    }

    let items = std::iter::once(package.code())
        .chain(cart.lines().iter().map(|l| l.code()))
        .map(|code| OrderItemInput {
            product_code: code.as_str().to_owned(),
            quantity: 1,
        })
        .collect();
    let create = CreateOrderRequest {
        street_address: eligible.address.as_str().to_owned(),
        items,
    };
    let Upstreamed {
        body: order,
        server_time,
    } = app
        .upstream
        .in_session(&session_id, &corr)
        .create_order(&create)
        .await?;
    let state = cart_state(cart.clone(), &order, server_time)?;
    // The address, market and technology of this order are fixed now, with its cart.
    sess.order = Some(HeldOrder {
        id: order.id,
        cart,
        at: Some(eligible),
    });
    // A new cart is a new upstream order: nothing the later steps did applies to it.
    sess.steps = crate::session_steps::Steps::default();
    sess.placed_order = None;
    app.sessions.put(&key, &sess).await?;
    Ok(with_server_time(state, server_time))
}

/// Cancel a held order upstream, so its hold goes now rather than at its expiry. Best effort:
/// a hold that cannot be cancelled lapses by itself, and nothing is placed on it meanwhile.
pub(crate) async fn release(
    app: &AppState,
    held: &HeldOrder,
    session_id: &crate::config::Secret,
    corr: &CorrelationId,
    reason: &str,
) {
    let cancel = CancelRequest {
        reason: reason.into(),
    };
    let released = app
        .upstream
        .in_session(session_id, corr)
        .order(&held.id)
        .cancel(&cancel)
        .await;
    if let Err(e) = released {
        tracing::info!(correlation_id = %corr, error = %e, "old hold not cancelled; it will lapse");
    }
}

/// `GET /api/v1/cart`: the held cart and its hold as upstream sees it now (the app asks when
/// it wakes from a background tab or a sleeping laptop).
pub async fn current(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    BrowserSession { session: sess, .. }: BrowserSession,
) -> Result<Response, ApiError> {
    let (held, session_id) = held_order(&sess)?;
    let Upstreamed { body, server_time } = app
        .upstream
        .in_session(session_id, &corr)
        .order(&held.id)
        .hold()
        .await?;
    Ok(with_server_time(
        cart_state(held.cart.clone(), &body, server_time)?,
        server_time,
    ))
}

/// `POST /api/v1/cart/extend`: the one-press extend of WCAG 2.2.1 (DESIGN §5).
pub async fn extend(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    BrowserSession { session: sess, .. }: BrowserSession,
) -> Result<Response, ApiError> {
    let (held, session_id) = held_order(&sess)?;
    let ask = ExtendRequest {
        reason: "Customer asked for more time".into(),
        minutes: EXTEND_MINUTES,
    };
    let Upstreamed { body, server_time } = app
        .upstream
        .in_session(session_id, &corr)
        .order(&held.id)
        .extend(&ask)
        .await?;
    Ok(with_server_time(
        cart_state(held.cart.clone(), &body, server_time)?,
        server_time,
    ))
}

pub(crate) fn held_order(
    sess: &ServerSession,
) -> Result<(&HeldOrder, &crate::config::Secret), ApiError> {
    let held = sess.order.as_ref().ok_or(ApiError::NoSession)?;
    let session_id = sess
        .upstream_session_id
        .as_ref()
        .ok_or(ApiError::NoSession)?;
    Ok((held, session_id))
}

/// The browser's view of a held cart. A hold is shown while the order is on hold or has just
/// lapsed (so the app can say so); a confirmed or cancelled order holds nothing.
pub(crate) fn cart_state(
    cart: Cart,
    order: &OrderHoldView,
    server_time: Option<UtcMillis>,
) -> Result<CartState, ApiError> {
    let instant = |s: &str| {
        UtcMillis::parse_iso8601(s).map_err(|_| {
            tracing::warn!(value = s, "unreadable upstream instant");
            ApiError::UpstreamUnavailable
        })
    };
    let expires_at = instant(&order.utc_expires_at)?;
    let max = order
        .utc_max_expires_at
        .as_deref()
        .map(instant)
        .transpose()?;
    let on_hold = order.status == "ON_HOLD";
    let hold = (on_hold || order.status == "EXPIRED").then(|| Hold::cart(expires_at));
    Ok(CartState {
        cart,
        hold,
        server_time: server_time.unwrap_or_else(proxy_now),
        extendable: on_hold && max.is_none_or(|m| m > expires_at),
    })
}
