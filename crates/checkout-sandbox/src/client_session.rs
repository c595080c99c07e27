//! The checks every call after `/session` passes (seed OCBO: "the client-id and session-id are
//! passed in the header and validated"): a live bearer token, the client-id, a session-id
//! issued to that client, and a correlation id. As an extractor, so a handler that takes a
//! `ClientSession` runs only for a checked caller, and knows which client owns its orders.

use crate::error::SandboxError;
use crate::state::Sandbox;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use checkout_core::ocbo::header;

/// A caller whose bearer, client-id and session-id were checked.
#[derive(Debug, Clone)]
pub(crate) struct ClientSession {
    /// The client, which owns the orders it creates.
    pub client_id: String,
    /// The upstream session (an OTP belongs to the session that asked for it).
    pub session_id: String,
}

impl FromRequestParts<Sandbox> for ClientSession {
    type Rejection = SandboxError;

    async fn from_request_parts(parts: &mut Parts, sb: &Sandbox) -> Result<Self, SandboxError> {
        check_session(sb, &parts.headers)
    }
}

pub(crate) fn header_str<'a>(
    headers: &'a HeaderMap,
    name: &'static str,
) -> Result<&'a str, SandboxError> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .ok_or(SandboxError::Unauthorized(name))
}

pub(crate) fn check_bearer(sb: &Sandbox, headers: &HeaderMap) -> Result<(), SandboxError> {
    let auth = header_str(headers, header::AUTHORIZATION)?;
    let token = auth
        .strip_prefix("Bearer ")
        .ok_or(SandboxError::Unauthorized(header::AUTHORIZATION))?;
    // An expired bearer gets the same answer as an unknown one: a client only needs to know
    // it must fetch a new token.
    if sb.inner.credentials.token_valid(token, sb.now()) {
        Ok(())
    } else {
        Err(SandboxError::Unauthorized(header::AUTHORIZATION))
    }
}

/// Every call after `/session` must carry bearer, client-id and a session-id issued to that
/// client (seed OCBO: "the client-id and session-id are passed in the header and validated").
/// Answers the caller's client-id, which owns the orders it creates.
fn check_session(sb: &Sandbox, headers: &HeaderMap) -> Result<ClientSession, SandboxError> {
    check_bearer(sb, headers)?;
    let client_id = header_str(headers, header::CLIENT_ID)?;
    let session_id = header_str(headers, header::SESSION_ID)?;
    header_str(headers, header::CORRELATION_ID)?;
    if sb.inner.credentials.session_of(session_id, client_id) {
        Ok(ClientSession {
            client_id: client_id.to_owned(),
            session_id: session_id.to_owned(),
        })
    } else {
        Err(SandboxError::Unauthorized(header::SESSION_ID))
    }
}
