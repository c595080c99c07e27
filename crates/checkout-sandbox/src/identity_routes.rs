//! HTTP handlers of identity (direct-fulfillment "Authentication" and "Account Lookup"),
//! behind the same header checks as every call after `/session`. The OTP belongs to the
//! session that asked for it.

use crate::client_session::ClientSession;
use crate::contract::{AuthMethods, Authenticated, Customers, OtpCheck, OtpRequest, OtpSent};
use crate::error::SandboxError;
use crate::identity::{self, Verdict};
use crate::input;
use crate::state::Sandbox;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/v1/auth-methods", get(methods))
        .route("/v1/auth/generateotp", post(generate))
        .route("/v1/auth", post(verify))
        .route("/v1/customers", get(customers))
}

async fn methods(_: ClientSession) -> Result<Json<AuthMethods>, SandboxError> {
    Ok(Json(AuthMethods {
        methods: identity::METHODS.iter().map(|m| (*m).to_owned()).collect(),
    }))
}

async fn generate(
    State(sb): State<Sandbox>,
    session: ClientSession,
    body: Bytes,
) -> Result<Json<OtpSent>, SandboxError> {
    let req: OtpRequest = input::json(&body)?;
    let sent = sb
        .in_tx(async |tx| identity::generate(tx, &session.session_id, &req.contact, sb.now()).await)
        .await?;
    Ok(Json(sent))
}

async fn verify(
    State(sb): State<Sandbox>,
    session: ClientSession,
    body: Bytes,
) -> Result<Json<Authenticated>, SandboxError> {
    let req: OtpCheck = input::json(&body)?;
    // A wrong code is committed too: the failure must count.
    let verdict = sb
        .in_tx(async |tx| identity::verify(tx, &session.session_id, &req.otp, sb.now()).await)
        .await?;
    match verdict {
        Verdict::Verified(ok) => Ok(Json(ok)),
        Verdict::Refused(e) => Err(e),
    }
}

async fn customers(
    State(sb): State<Sandbox>,
    session: ClientSession,
) -> Result<Json<Customers>, SandboxError> {
    let found = sb
        .in_tx(async |tx| identity::customers(tx, &session.session_id).await)
        .await?;
    Ok(Json(found))
}
