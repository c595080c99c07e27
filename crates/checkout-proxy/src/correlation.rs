//! One correlation id per browser request: sent upstream as `correlationId`, written in our
//! logs, returned to the browser (`x-correlation-id` and in problem bodies) so support can
//! find a call chain. It is the only id the browser gets, and it grants nothing.

use crate::error::ProblemSeed;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use checkout_core::problem::{CONTENT_TYPE, Problem};
use std::convert::Infallible;

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

/// Assign the id, and turn error markers left by handlers into problem+json bodies with it.
pub async fn middleware(mut req: Request, next: Next) -> Response {
    let id = CorrelationId(uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(id.clone());
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if let Some(seed) = res.extensions_mut().remove::<ProblemSeed>() {
        tracing::warn!(correlation_id = %id.0, %method, %path, code = ?seed.code, "request failed");
        let problem = Problem::new(seed.code, seed.detail, id.0.clone());
        let status = res.status();
        let mut body = (status, axum::Json(problem)).into_response();
        body.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        res = body;
    }
    if let Ok(v) = HeaderValue::from_str(&id.0) {
        res.headers_mut().insert(RESPONSE_HEADER, v);
    }
    res
}
