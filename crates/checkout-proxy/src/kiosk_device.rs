//! Which kiosk a request comes from, if any: the device cookie, checked against `KIOSKS`.
//!
//! Enrolment (kiosk_pages.rs) leaves the device's id and secret in a long-lived `HttpOnly`
//! cookie, so the page can never read them and a plain browser typing `/kiosk` has none. Every
//! kiosk call presents it; the [`KioskDevice`] extractor refuses a request without a valid one
//! before the handler runs. What the proxy remembers about a kiosk between customers (who is
//! signed in, a call for help) is a record of the session store under `kiosk:<id>`, so replicas
//! behind a load balancer share it like any session.

use crate::error::ApiError;
use crate::kiosk_config::Kiosk;
use crate::server_session::{DeviceState, ServerSession};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use checkout_core::problem::ErrorCode;
use std::sync::Arc;

/// How long a browser keeps its enrolment: Chromium's longest (400 days). Re-enrolling is a
/// visit to the enrolment link again.
const COOKIE_MAX_AGE_SECS: u64 = 400 * 24 * 60 * 60;

/// The device cookie's name: `__Host-` where cookies are `Secure` (see `session::cookie_name`).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-checkout-kiosk"
    } else {
        "checkout-kiosk"
    }
}

/// `Set-Cookie` enrolling this browser as `kiosk`.
pub fn enrol_cookie(kiosk: &str, secret: &str, secure: bool) -> Option<HeaderValue> {
    let secure_attr = if secure { "; Secure" } else { "" };
    let mut v = HeaderValue::from_str(&format!(
        "{}={kiosk}.{secret}; Path=/; Max-Age={COOKIE_MAX_AGE_SECS}; HttpOnly; SameSite=Strict{secure_attr}",
        cookie_name(secure),
    ))
    .ok()?;
    v.set_sensitive(true);
    Some(v)
}

/// The enrolled kiosk this request's device cookie proves, if it proves one.
pub fn kiosk_of<'a>(headers: &HeaderMap, app: &'a AppState) -> Option<&'a Kiosk> {
    let name = cookie_name(app.config.secure_cookies);
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)?;
    let (id, secret) = value.split_once('.')?;
    app.config
        .kiosks
        .iter()
        .find(|k| k.id == id)
        .filter(|k| k.holds(secret))
}

/// The store key of a kiosk's own record.
fn record_key(id: &str) -> String {
    format!("kiosk:{id}")
}

/// What the proxy remembers about the kiosk `id` (empty when nothing yet).
async fn state_of(app: &AppState, id: &str) -> Result<DeviceState, ApiError> {
    Ok(app
        .sessions
        .get(&record_key(id))
        .await?
        .and_then(|r| r.device)
        .map(|d| *d)
        .unwrap_or_default())
}

/// The employee signed in at the kiosk `id` now, if any (a customer session started there
/// names its kiosk by id).
pub(crate) async fn staff_at(
    app: &AppState,
    id: &str,
) -> Result<Option<checkout_core::kiosk::StaffMember>, ApiError> {
    Ok(state_of(app, id).await?.staff)
}

/// Keep `state` as the kiosk `id`'s.
async fn save_state(app: &AppState, id: &str, state: DeviceState) -> Result<(), ApiError> {
    let record = ServerSession {
        device: Some(Box::new(state)),
        ..ServerSession::default()
    };
    app.sessions.put(&record_key(id), &record).await?;
    Ok(())
}

/// The hand-off link shown on the kiosk `id` was used: that kiosk may start over.
pub(crate) async fn handoff_used(app: &AppState, id: &str) -> Result<(), ApiError> {
    let mut state = state_of(app, id).await?;
    if state.handoff_until.take().is_some() {
        save_state(app, id, state).await?;
    }
    Ok(())
}

/// A request from an enrolled kiosk. Anything else is refused (403, `kiosk_only`).
#[derive(Debug, Clone)]
pub(crate) struct KioskDevice(pub Kiosk);

impl FromRequestParts<Arc<AppState>> for KioskDevice {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<AppState>) -> Result<Self, ApiError> {
        kiosk_of(&parts.headers, app)
            .cloned()
            .map(Self)
            .ok_or(ApiError::Refused(ErrorCode::KioskOnly))
    }
}

/// The id of the kiosk a request comes from, if it comes from one (the steps every customer
/// takes; only the id, so the web store's handler futures stay small).
#[derive(Debug, Clone)]
pub(crate) struct MaybeKiosk(pub Option<String>);

impl FromRequestParts<Arc<AppState>> for MaybeKiosk {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(kiosk_of(&parts.headers, app).map(|k| k.id.clone())))
    }
}

impl KioskDevice {
    /// What the proxy remembers about this kiosk (empty when nothing yet).
    pub async fn state(&self, app: &AppState) -> Result<DeviceState, ApiError> {
        state_of(app, &self.0.id).await
    }

    /// Keep `state` as this kiosk's.
    pub async fn save(&self, app: &AppState, state: DeviceState) -> Result<(), ApiError> {
        save_state(app, &self.0.id, state).await
    }
}
