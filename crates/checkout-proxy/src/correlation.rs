//! One correlation id per browser request: sent upstream as `correlationId`, written in our
//! logs, returned to the browser (`x-correlation-id` and in problem bodies) so support can
//! find a call chain. It is the only id the browser gets, and it grants nothing.

use crate::error::{ApiError, ProblemSeed};
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use checkout_core::problem::ErrorCode;
use checkout_core::problem::{CONTENT_TYPE, Problem};
use std::convert::Infallible;
use std::time::Duration;

pub const RESPONSE_HEADER: &str = "x-correlation-id";

#[derive(Debug, Clone)]
pub struct CorrelationId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CorrelationId {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(parts
            .extensions
            .get::<CorrelationId>()
            .cloned()
            .unwrap_or_else(|| CorrelationId(uuid::Uuid::new_v4().to_string())))
    }
}

/// Assign the id, bound the whole request by `limit`, and turn error markers left by handlers
/// into problem+json bodies carrying the id.
pub async fn middleware(
    axum::extract::State(limit): axum::extract::State<Duration>,
    mut req: Request,
    next: Next,
) -> Response {
    let id = CorrelationId(uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(id.clone());
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut res = tokio::time::timeout(limit, next.run(req))
        .await
        .unwrap_or_else(|_| ApiError::UpstreamTimeout.into_response());
    let seed = res
        .extensions_mut()
        .remove::<ProblemSeed>()
        .or_else(|| bare_error(res.status()));
    if let Some(seed) = seed {
        tracing::warn!(correlation_id = %id.0, %method, %path, code = ?seed.code, "request failed");
        let mut problem = Problem::new(seed.code, seed.detail, id.0.clone());
        // RFC 9457 §3.1.4: `status` repeats the HTTP status. A code's usual status is not
        // always the one we answer with (413 and 415 carry `invalid_input`, whose own is 400).
        problem.status = res.status().as_u16();
        // Keep what the handler or layer said besides the body (Retry-After, Set-Cookie…).
        let (mut parts, _) = res.into_parts();
        parts.headers.remove(header::CONTENT_LENGTH);
        parts
            .headers
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        let body = axum::Json(problem).into_response().into_body();
        res = Response::from_parts(parts, body);
    }
    if let Ok(v) = HeaderValue::from_str(&id.0) {
        res.headers_mut().insert(RESPONSE_HEADER, v);
    }
    res
}

/// Errors made by layers rather than handlers (they answer with a bare status) get the same
/// problem shape as everything else.
fn bare_error(status: StatusCode) -> Option<ProblemSeed> {
    (status == StatusCode::PAYLOAD_TOO_LARGE).then(|| ProblemSeed {
        code: ErrorCode::InvalidInput,
        detail: Some("The request is too large.".to_owned()),
    })
}
