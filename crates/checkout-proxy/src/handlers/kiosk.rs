//! A kiosk's own calls (docs/kiosk.md): what it may know of itself, staff sign-in and
//! sign-out, a customer's call for help, and the reset between customers.
//!
//! The employee signed in is kept on the kiosk's record (kiosk_device.rs), apart from the
//! customer's session: signing out leaves the customer's checkout as it is, and the reset
//! that ends the customer's visit signs the employee out too.

use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{BrowserSession, Command, Csrf, MaybeSession};
use crate::kiosk_device::KioskDevice;
use crate::server_session::DeviceState;
use crate::session;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use checkout_core::kiosk::{KioskView, StaffAuthRequest, StaffSignIn};
use checkout_core::problem::ErrorCode;
use std::sync::Arc;

/// What a reset asks the browser to wipe. Not `"cookies"`: that would take the device's
/// enrolment too (the customer's own cookie is expired by name instead), and nothing of the
/// customer is in a cookie the proxy did not set.
const CLEAR_SITE_DATA: &str = "\"cache\", \"storage\"";

fn view(kiosk: &KioskDevice, state: &DeviceState) -> KioskView {
    KioskView {
        store: kiosk.0.store.clone(),
        market: kiosk.0.market,
        staff: state.staff.as_ref().map(|s| s.name.clone()),
        help_requested: state.help_requested,
        handoff_waiting: state
            .handoff_until
            .is_some_and(|until| until > crate::handlers::cart::proxy_now().0),
    }
}

/// `GET /api/v1/kiosk`.
pub async fn current(
    State(app): State<Arc<AppState>>,
    kiosk: KioskDevice,
) -> Result<Json<KioskView>, ApiError> {
    let state = kiosk.state(&app).await?;
    Ok(Json(view(&kiosk, &state)))
}

/// `POST /api/v1/kiosk/staff`: an employee signs in with their number and PIN, checked by the
/// back office at this kiosk's store (which counts wrong PINs and locks).
pub async fn sign_in(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    kiosk: KioskDevice,
    Command(req): Command<StaffSignIn>,
) -> Result<Json<KioskView>, ApiError> {
    let member = app
        .upstream
        .staff_auth(
            &corr,
            &StaffAuthRequest {
                employee_id: req.employee_id,
                pin: req.pin,
                business_id: kiosk.0.market,
                site_code: kiosk.0.site_code.clone(),
            },
        )
        .await?;
    tracing::info!(correlation_id = %corr, kiosk = %kiosk.0.id, "employee signed in at a kiosk");
    let mut state = kiosk.state(&app).await?;
    state.staff = Some(member);
    kiosk.save(&app, state.clone()).await?;
    Ok(Json(view(&kiosk, &state)))
}

/// `DELETE /api/v1/kiosk/staff`: the employee signs out; the customer's checkout goes on.
pub async fn sign_out(
    State(app): State<Arc<AppState>>,
    _: Csrf,
    kiosk: KioskDevice,
) -> Result<Json<KioskView>, ApiError> {
    let mut state = kiosk.state(&app).await?;
    state.staff = None;
    kiosk.save(&app, state.clone()).await?;
    Ok(Json(view(&kiosk, &state)))
}

/// `POST /api/v1/kiosk/help`: the customer asks for help; the kiosk is flagged until an
/// employee signed in there clears it.
pub async fn ask_for_help(
    State(app): State<Arc<AppState>>,
    _: Csrf,
    kiosk: KioskDevice,
) -> Result<Json<KioskView>, ApiError> {
    let mut state = kiosk.state(&app).await?;
    state.help_requested = true;
    kiosk.save(&app, state.clone()).await?;
    Ok(Json(view(&kiosk, &state)))
}

/// `DELETE /api/v1/kiosk/help`: an employee signed in at the kiosk has come.
pub async fn helped(
    State(app): State<Arc<AppState>>,
    _: Csrf,
    kiosk: KioskDevice,
) -> Result<Json<KioskView>, ApiError> {
    let mut state = kiosk.state(&app).await?;
    if state.staff.is_none() {
        return Err(ApiError::Refused(ErrorCode::StaffRequired));
    }
    state.help_requested = false;
    kiosk.save(&app, state.clone()).await?;
    Ok(Json(view(&kiosk, &state)))
}

/// `POST /api/v1/kiosk/reset`: the customer's visit ends (idle, or "Finish"). The held order
/// is cancelled upstream (one cancel takes the whole order with its number and slot, as the
/// holds seed makes every order operation all-or-nothing), the customer's session is deleted,
/// the employee signed out, and the browser told to clear what it stored for us. An order
/// being placed is never wiped: its outcome must be shown first.
pub async fn reset(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    kiosk: KioskDevice,
    MaybeSession(customer): MaybeSession,
) -> Result<Response, ApiError> {
    if let Some(BrowserSession { key, session }) = customer {
        if session.pending_order.is_some() || crate::handlers::kiosk_order::in_flight(&session) {
            return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight));
        }
        if let (Some(order), Some(upstream), None) = (
            &session.order,
            &session.upstream_session_id,
            &session.placed_order,
        ) {
            crate::handlers::cart::release(&app, order, upstream, &corr, "Kiosk reset").await;
        }
        app.sessions.delete(&key).await?;
    }
    let mut state = kiosk.state(&app).await?;
    state.staff = None;
    state.handoff_until = None;
    kiosk.save(&app, state).await?;
    tracing::info!(correlation_id = %corr, kiosk = %kiosk.0.id, "kiosk reset");
    let mut res = StatusCode::NO_CONTENT.into_response();
    wipe_customer(&mut res, &app);
    Ok(res)
}

/// Expire the customer's session cookie and ask the browser to clear its storage and cache.
pub(crate) fn wipe_customer(res: &mut Response, app: &AppState) {
    let expired = format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}",
        session::cookie_name(app.config.secure_cookies),
        if app.config.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&expired) {
        headers.append(header::SET_COOKIE, v);
    }
    headers.insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static(CLEAR_SITE_DATA),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
