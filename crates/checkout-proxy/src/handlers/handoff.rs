//! "Continue on your phone": a kiosk's held cart moves to the customer's own phone by a
//! one-time link shown as a QR code (`POST /api/v1/kiosk/handoff`, then `GET /continue/<token>`
//! on the phone).
//!
//! The link carries a random token and nothing else: no name, no address, no order id. The
//! session it stands for is kept under the token's SHA-256 (a leaked store holds no usable
//! link) until the phone claims it, at most `HANDOFF_MINUTES` later, once. The kiosk's own key
//! to that session is deleted at once, so the kiosk can be reset without cancelling the hold
//! that is now the phone's.

use crate::error::ApiError;
use crate::extract::{BrowserSession, Csrf};
use crate::handlers::cart::proxy_now;
use crate::kiosk_device::KioskDevice;
use crate::session::{self, Sessions};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use checkout_core::UtcMillis;
use checkout_core::kiosk::{HANDOFF_MINUTES, Handoff, page};
use checkout_core::problem::ErrorCode;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The store key of the hand-off a token names.
fn record_key(token: &str) -> String {
    format!(
        "handoff:{}",
        crate::kiosk_config::hex(&Sha256::digest(token.as_bytes()))
    )
}

/// Where the phone must go: the configured public address, or the one the kiosk reached.
fn base_url(app: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &app.config.public_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("127.0.0.1:8080");
    let scheme = if app.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// Quiet zone around the code, in modules (ISO/IEC 18004 asks for 4).
const QUIET: usize = 4;

/// The link as a QR code: its side in modules, quiet zone included, and an SVG path with one
/// unit square per dark module.
fn qr(url: &str) -> Result<(u32, String), ApiError> {
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M)
        .map_err(|_| ApiError::Encode)?;
    let width = code.width();
    let mut path = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let side = u32::try_from(width + 2 * QUIET).map_err(|_| ApiError::Encode)?;
    Ok((side, path))
}

/// `POST /api/v1/kiosk/handoff`: move this kiosk's held cart to a one-time link.
pub async fn create(
    State(app): State<Arc<AppState>>,
    _: Csrf,
    kiosk: KioskDevice,
    headers: HeaderMap,
    BrowserSession {
        key,
        session: mut sess,
    }: BrowserSession,
) -> Result<Response, ApiError> {
    if sess.order.is_none() || sess.placed_order.is_some() || sess.pending_order.is_some() {
        return Err(ApiError::Refused(ErrorCode::StepMissing));
    }
    let token = Sessions::new_key();
    let expires_at = UtcMillis(proxy_now().0 + HANDOFF_MINUTES * 60_000);
    // The record keeps the kiosk that shows the link, to tell it when the phone has it.
    sess.handoff_until = Some(expires_at.0);
    app.sessions.put(&record_key(&token), &sess).await?;
    app.sessions.delete(&key).await?;
    let mut state = kiosk.state(&app).await?;
    state.handoff_until = Some(expires_at.0);
    kiosk.save(&app, state).await?;
    let url = format!("{}{}/{token}", base_url(&app, &headers), page::CONTINUE);
    let (qr_size, qr_path) = qr(&url)?;
    let answer = Handoff {
        qr_size,
        qr_path,
        url,
        expires_at,
    };
    let mut res = Json(answer).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    crate::handlers::kiosk::wipe_customer(&mut res, &app);
    Ok(res)
}

/// `GET /continue/<token>`: the phone claims the cart, once, and goes on in its own session.
pub async fn claim(State(app): State<Arc<AppState>>, Path(token): Path<String>) -> Response {
    match take(&app, &token).await {
        Ok(Some(mut sess)) => {
            let from = sess.kiosk.take();
            let key = Sessions::new_key();
            if let Err(e) = app.sessions.put(&key, &sess).await {
                tracing::error!(error = %e, "handed-off session not stored");
                return page(StatusCode::SERVICE_UNAVAILABLE, UNAVAILABLE);
            }
            // The kiosk showing the link may start over now; if it is not told, its idle
            // question or the link's expiry resets it anyway.
            if let Some(kiosk) = from
                && let Err(e) = crate::kiosk_device::handoff_used(&app, &kiosk).await
            {
                tracing::warn!(error = %e, "kiosk not told its hand-off was used");
            }
            let mut res = (
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, HeaderValue::from_static("/")),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
            )
                .into_response();
            if let Some(mut c) =
                session::set_cookie(&key, app.config.secure_cookies, app.config.same_site)
            {
                c.set_sensitive(true);
                res.headers_mut().insert(header::SET_COOKIE, c);
            }
            res
        }
        Ok(None) => page(
            StatusCode::GONE,
            ErrorCode::HandoffUnusable.message(checkout_core::Lang::En),
        ),
        Err(_) => page(StatusCode::SERVICE_UNAVAILABLE, UNAVAILABLE),
    }
}

const UNAVAILABLE: &str = "We could not open your order just now. Please try the link again.";

/// The hand-off the token names, if it is still good; it is gone afterwards either way.
async fn take(
    app: &AppState,
    token: &str,
) -> Result<Option<crate::session::ServerSession>, ApiError> {
    if !session::valid_key(token) {
        return Ok(None);
    }
    // Taken, not read then deleted: two phones scanning at once cannot both have it.
    let Some(mut sess) = app.sessions.take(&record_key(token)).await? else {
        return Ok(None);
    };
    match sess.handoff_until.take() {
        Some(until) if until > proxy_now().0 => Ok(Some(sess)),
        _ => Ok(None),
    }
}

/// A small page saying what happened (the phone may have no app loaded yet).
fn page(status: StatusCode, text: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Continue your order</title></head><body><main><h1>Continue your order</h1>\
         <p>{text}</p><p><a href=\"/\">Start a new order</a></p></main></body></html>"
    );
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}
