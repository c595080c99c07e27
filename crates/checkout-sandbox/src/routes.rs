//! The sandbox's HTTP surface: paths and header names exactly as the seeds spell them.

use crate::client_session::{ClientSession, check_bearer, header_str};
use crate::clock::rfc3339;
use crate::error::SandboxError;
use crate::magic::{self, FORBIDDEN_CLIENT_ID, MagicError};
use crate::state::Sandbox;
use crate::{admin, auth, checkout_routes, identity_routes, kiosk_routes, order_routes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use checkout_core::ocbo::{
    ServiceabilityRequest, ServiceabilityResponse, SessionResponse, TokenResponse, header, path,
};
use serde::Deserialize;
use std::sync::atomic::Ordering;

/// The header carrying the sandbox clock's "now" on every response, so a client can measure
/// its own clock's skew against the instants (`utcExpiresAt` …) the sandbox hands out
/// (DESIGN §5: "the app corrects for clock skew (server time in each response)").
pub const SERVER_TIME: &str = "x-server-time";

pub fn router(sandbox: Sandbox) -> Router {
    let mut router = Router::new()
        .route(path::TOKEN, post(token))
        .route(path::SESSION, post(session))
        .route(path::SERVICEABILITY, post(serviceability))
        .route("/healthz", get(|| async { "ok" }))
        .merge(order_routes::routes())
        .merge(identity_routes::routes())
        .merge(checkout_routes::routes())
        .merge(kiosk_routes::routes());
    if sandbox.config().clock_control {
        router = router.merge(admin::routes());
    }
    router
        .layer(middleware::from_fn_with_state(sandbox.clone(), server_time))
        .with_state(sandbox)
}

async fn server_time(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&rfc3339(sb.now())) {
        res.headers_mut().insert(SERVER_TIME, v);
    }
    res
}

#[derive(Debug, Deserialize)]
struct TokenForm {
    grant_type: String,
    client_id: String,
    client_secret: String,
}

/// OAuth2 client-credentials grant (RFC 6749 §4.4).
async fn token(
    State(sb): State<Sandbox>,
    Form(form): Form<TokenForm>,
) -> Result<Json<TokenResponse>, SandboxError> {
    if form.grant_type != "client_credentials" {
        return Err(SandboxError::BadRequest("unsupported grant_type".into()));
    }
    let cfg = sb.config();
    let known = form.client_id == cfg.client_id || form.client_id == FORBIDDEN_CLIENT_ID;
    if !known || form.client_secret != cfg.client_secret {
        return Err(SandboxError::Unauthorized("client credentials"));
    }
    let access_token = sb
        .inner
        .credentials
        .issue_token(sb.store(), &form.client_id, sb.now())
        .await?;
    Ok(Json(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: auth::TOKEN_TTL_SECS,
    }))
}

/// `POST /session` (initializeTransaction): validates bearer + client-id, issues a session-id
/// in the `session-id` response header and a signed JWT in the body.
async fn session(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, SandboxError> {
    sb.inner.session_calls.fetch_add(1, Ordering::Relaxed);
    check_bearer(&sb, &headers)?;
    let client_id = header_str(&headers, header::CLIENT_ID)?;
    if client_id == FORBIDDEN_CLIENT_ID {
        return Err(SandboxError::Forbidden);
    }
    if client_id != sb.config().client_id {
        return Err(SandboxError::Unauthorized(header::CLIENT_ID));
    }
    let session_id = sb
        .inner
        .credentials
        .issue_session(sb.store(), client_id, sb.now())
        .await?;
    let token = auth::session_jwt(&sb.config().signing_key, client_id, &session_id);
    let value = HeaderValue::from_str(&session_id)
        .map_err(|_| SandboxError::BadRequest("session-id".into()))?;
    Ok((
        [(header::SESSION_ID, value)],
        Json(SessionResponse { token }),
    ))
}

/// Address eligibility (OCBO step 1).
async fn serviceability(
    State(sb): State<Sandbox>,
    _: ClientSession,
    Json(req): Json<ServiceabilityRequest>,
) -> Result<Json<ServiceabilityResponse>, SandboxError> {
    sb.inner
        .serviceability_calls
        .fetch_add(1, Ordering::Relaxed);
    if req.street_address.trim().is_empty() {
        return Err(SandboxError::BadRequest("streetAddress".into()));
    }
    magic::serviceability(&req.street_address)
        .map(Json)
        .map_err(|e| match e {
            MagicError::PartialContent => SandboxError::PartialContent,
        })
}
