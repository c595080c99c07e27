//! One correlation id per browser request: sent upstream as `correlationId`, written in our
//! logs, returned to the browser (`x-correlation-id` and in problem bodies) so support can
//! find a call chain. It is the only id the browser gets, and it grants nothing.

use axum::extract::FromRequestParts;
use axum::http::HeaderName;
use axum::http::request::Parts;
use std::convert::Infallible;

/// A name made once: inserting by `&str` parses the name again on every answer.
pub const RESPONSE_HEADER: HeaderName = HeaderName::from_static("x-correlation-id");

#[derive(Debug, Clone)]
pub struct CorrelationId(pub String);

impl CorrelationId {
    /// A fresh random id (UUID v4), given to each request by the edge (`edge.rs`).
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CorrelationId {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(parts
            .extensions
            .get::<CorrelationId>()
            .cloned()
            .unwrap_or_else(CorrelationId::new))
    }
}
