//! HTTP handlers of identity (direct-fulfillment "Authentication" and "Account Lookup"),
//! behind the same header checks as every call after `/session`. The OTP belongs to the
//! session that asked for it.

use crate::contract::{AuthMethods, Authenticated, Customers, OtpCheck, OtpRequest, OtpSent};
use crate::error::SandboxError;
use crate::identity::{self, Verdict};
use crate::routes::check_session;
use crate::{Sandbox, input};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use checkout_core::ocbo::header;

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/v1/auth-methods", get(methods))
        .route("/v1/auth/generateotp", post(generate))
        .route("/v1/auth", post(verify))
        .route("/v1/customers", get(customers))
}

/// The checked session-id (check_session has already proved it is present and issued).
fn session_id(headers: &HeaderMap) -> String {
    headers
        .get(header::SESSION_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn methods(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
) -> Result<Json<AuthMethods>, SandboxError> {
    check_session(&sb, &headers)?;
    Ok(Json(AuthMethods {
        methods: identity::METHODS.iter().map(|m| (*m).to_owned()).collect(),
    }))
}

async fn generate(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<OtpSent>, SandboxError> {
    check_session(&sb, &headers)?;
    let req: OtpRequest = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let sent = identity::generate(&mut tx, &session_id(&headers), &req.contact, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(sent))
}

async fn verify(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Authenticated>, SandboxError> {
    check_session(&sb, &headers)?;
    let req: OtpCheck = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let verdict = identity::verify(&mut tx, &session_id(&headers), &req.otp, sb.now()).await?;
    // A wrong code is committed too: the failure must count.
    tx.commit().await?;
    match verdict {
        Verdict::Verified(ok) => Ok(Json(ok)),
        Verdict::Refused(e) => Err(e),
    }
}

async fn customers(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
) -> Result<Json<Customers>, SandboxError> {
    check_session(&sb, &headers)?;
    let mut tx = sb.store().begin().await?;
    let found = identity::customers(&mut tx, &session_id(&headers)).await?;
    tx.commit().await?;
    Ok(Json(found))
}
