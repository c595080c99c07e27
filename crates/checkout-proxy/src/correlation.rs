//! One correlation id per browser request: sent upstream as `correlationId`, written in our
//! logs, returned to the browser (`x-correlation-id` and in problem bodies) so support can
//! find a call chain. It is the only id the browser gets, and it grants nothing.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue};
use std::convert::Infallible;
use std::fmt;

/// A name made once: inserting by `&str` parses the name again on every answer.
pub const RESPONSE_HEADER: HeaderName = HeaderName::from_static("x-correlation-id");

/// Held as the header value it travels in: made once per request, then shared (not copied)
/// by the request's extensions, the upstream calls and the answer.
#[derive(Debug, Clone)]
pub struct CorrelationId(HeaderValue);

impl CorrelationId {
    /// A fresh random id (UUID v4), given to each request by the edge (`edge.rs`).
    pub fn new() -> Self {
        let mut buf = uuid::Uuid::encode_buffer();
        let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
        Self(HeaderValue::from_str(id).expect("a hyphenated UUID is a valid header value"))
    }

    pub fn header(&self) -> &HeaderValue {
        &self.0
    }

    pub fn as_str(&self) -> &str {
        // Made from a UUID: always visible ASCII.
        self.0.to_str().unwrap_or_default()
    }
}

impl fmt::Display for CorrelationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
