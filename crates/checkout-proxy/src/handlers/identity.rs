//! The optional identity step (DESIGN §3 step 2): `POST /api/v1/identity/otp` and
//! `POST /api/v1/identity/verify`.
//!
//! Both answer the same shape whether or not an account exists (a stranger must not learn
//! that); only after a right code does the customer see their own account's name. A right code
//! raises what the session may do, so the session cookie is rotated then (new key, old key
//! gone): a key someone saw before cannot ride on the verified session.

use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{BrowserSession, Command, Csrf, KeyDelivery};
use crate::session::Sessions;
use crate::session_steps::{Identity, KnownAccount};
use crate::state::AppState;
use crate::upstream::Upstreamed;
use crate::{bss, bss::instant};
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use checkout_core::problem::ErrorCode;
use checkout_core::wire_order::{
    Identified, KnownCustomer, OtpChannel, OtpRequest, OtpSent, VerifyRequest,
};
use std::sync::Arc;

/// `POST /api/v1/identity/otp`: send a one-time password to an e-mail address or phone.
pub async fn otp(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    BrowserSession { session: sess, .. }: BrowserSession,
    Command(OtpRequest { contact }): Command<OtpRequest>,
) -> Result<Response, ApiError> {
    let session_id = sess.upstream_session_id.ok_or(ApiError::NoSession)?;
    let wanted = if contact.as_str().contains('@') {
        "OTP_EMAIL"
    } else {
        "OTP_SMS"
    };
    // The seed's sequence asks which methods are on offer first; one that is not cannot be
    // used, whoever the contact is.
    let Upstreamed { body: methods, .. } = app
        .upstream
        .in_session(&session_id, &corr)
        .auth_methods()
        .await?;
    if !methods.methods.iter().any(|m| m == wanted) {
        return Err(ApiError::InvalidInput(
            "We cannot send a code that way right now. Please use another contact.".into(),
        ));
    }
    let Upstreamed { body: sent, .. } = app
        .upstream
        .in_session(&session_id, &corr)
        .generate_otp(&bss::OtpRequest {
            contact: contact.as_str(),
        })
        .await?;
    let channel = if sent.method == "OTP_EMAIL" {
        OtpChannel::Email
    } else {
        OtpChannel::Sms
    };
    Ok(Json(OtpSent {
        channel,
        expires_at: instant(&sent.utc_expires_at)?,
    })
    .into_response())
}

/// `POST /api/v1/identity/verify`: check the code, look the account up, rotate the cookie.
pub async fn verify(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    delivery: KeyDelivery,
    BrowserSession {
        key: old_key,
        session: mut sess,
    }: BrowserSession,
    Command(VerifyRequest { otp }): Command<VerifyRequest>,
) -> Result<Response, ApiError> {
    let session_id = sess
        .upstream_session_id
        .clone()
        .ok_or(ApiError::NoSession)?;
    let Upstreamed { body: auth, .. } = app
        .upstream
        .in_session(&session_id, &corr)
        .verify_otp(&bss::OtpCheck { otp: otp.as_str() })
        .await?;
    if !auth.authenticated {
        return Err(ApiError::Refused(ErrorCode::OtpWrong));
    }
    let Upstreamed { body: found, .. } = app
        .upstream
        .in_session(&session_id, &corr)
        .customers()
        .await?;
    let customer = found.customers.into_iter().next().map(|c| KnownAccount {
        id: c.id,
        name: c.name,
        billing_account_id: c.billing_account_id,
    });
    let answer = Identified {
        customer: customer.as_ref().map(|c| KnownCustomer {
            name: c.name.clone(),
        }),
    };
    sess.identity = Some(Identity { customer });
    // Rotation: the verified state lives under a new key only; the old key is forgotten.
    let new_key = Sessions::new_key();
    app.sessions.put(&new_key, &sess).await?;
    app.sessions.delete(&old_key).await?;
    let mut res = Json(answer).into_response();
    delivery.hand_out(&mut res, &new_key, &app);
    Ok(res)
}
