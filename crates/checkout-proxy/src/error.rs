//! The proxy's one error enum. Handlers return it; the edge layer (`edge.rs`) turns it into
//! `application/problem+json` carrying only a stable code, a customer-safe text and the
//! correlation id, never an upstream body, credential or id.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use checkout_core::problem::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("unsupported media type")]
    NotJson,
    #[error("csrf header missing")]
    Csrf,
    #[error("upstream refused: {0:?}")]
    Upstream(ErrorCode),
    #[error("upstream timed out")]
    UpstreamTimeout,
    #[error("upstream unreachable or unreadable")]
    UpstreamUnavailable,
    #[error("no checkout session, or not that far yet")]
    NoSession,
    #[error("rule broken: {0}")]
    Rule(#[from] checkout_core::RuleViolation),
    #[error("too many requests; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// Refused by our own checks of the step order, holds or idempotency (the code says why).
    #[error("refused: {0:?}")]
    Refused(ErrorCode),
    /// Our own session store failed (logged where it is converted, without session contents).
    #[error("session store unavailable")]
    Storage,
    /// A wrong one-time password, with the tries the back office says are left.
    #[error("wrong one-time password")]
    OtpWrong { attempts_left: Option<u32> },
    /// The request's own body did not arrive before its deadline.
    #[error("the request body arrived too slowly")]
    SlowRequest,
    /// A request to the back office could not be encoded: nothing was sent.
    #[error("back-office request not encodable")]
    Encode,
}

/// The JSON body of a back-office call. A body that cannot be encoded is our fault, and the
/// call must not go out without it (an order with no body is no order).
pub fn json_body(value: impl serde::Serialize) -> Result<Option<serde_json::Value>, ApiError> {
    serde_json::to_value(value).map(Some).map_err(|e| {
        tracing::error!(error = %e, "back-office request not encodable");
        ApiError::Encode
    })
}

/// Left in the response's extensions for the edge layer (`edge.rs`) to render.
#[derive(Debug, Clone)]
pub struct ProblemSeed {
    pub code: ErrorCode,
    pub detail: Option<String>,
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidInput(_) | Self::NotJson => ErrorCode::InvalidInput,
            Self::Csrf => ErrorCode::CsrfRejected,
            Self::Upstream(code) | Self::Refused(code) => *code,
            Self::UpstreamTimeout => ErrorCode::UpstreamTimeout,
            Self::SlowRequest => ErrorCode::RequestTimeout,
            Self::OtpWrong { .. } => ErrorCode::OtpWrong,
            Self::UpstreamUnavailable => ErrorCode::UpstreamUnavailable,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::NoSession => ErrorCode::SessionMissing,
            Self::Rule(_) => ErrorCode::RuleViolated,
            // Our own fault, not the back office's: the session database did not answer, or a
            // request could not be written.
            Self::Storage | Self::Encode => ErrorCode::Internal,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.code();
        let status = match self {
            Self::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        };
        let mut res = status.into_response();
        let detail = match self {
            // Only our own parse messages are shown; they are written for customers.
            Self::InvalidInput(msg) => Some(msg),
            // The rule's customer message; the app checked the same rule before sending.
            Self::Rule(v) => Some(v.message(checkout_core::Lang::En).to_owned()),
            // The tries left, so the customer is warned before the lockout (the app words it
            // in their language from the number).
            Self::OtpWrong {
                attempts_left: Some(n),
            } => Some(if n == 1 {
                "1 try left.".to_owned()
            } else {
                format!("{n} tries left.")
            }),
            Self::RateLimited { retry_after_secs } => {
                res.headers_mut()
                    .insert(header::RETRY_AFTER, retry_after_secs.max(1).into());
                None
            }
            _ => None,
        };
        res.extensions_mut().insert(ProblemSeed { code, detail });
        res
    }
}

impl From<crate::session_store::StoreError> for ApiError {
    fn from(e: crate::session_store::StoreError) -> Self {
        // The error names the failure, never a session's contents.
        tracing::error!(error = %e, "session store failed");
        Self::Storage
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body that cannot be encoded stops the call (it once went upstream with no body).
    #[test]
    fn an_unencodable_body_is_an_error_not_an_empty_call() {
        let mut bad = std::collections::HashMap::new();
        bad.insert((1, 2), "a map keyed by tuples is not JSON");
        assert!(matches!(json_body(&bad), Err(ApiError::Encode)));
        assert_eq!(
            json_body(serde_json::json!({"a": 1})).unwrap(),
            Some(serde_json::json!({"a": 1}))
        );
    }

    #[test]
    fn a_session_store_failure_is_our_own_internal_error() {
        let e = ApiError::from(crate::session_store::StoreError::Encode);
        let res = e.into_response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let seed = res.extensions().get::<ProblemSeed>().unwrap();
        assert_eq!(seed.code, ErrorCode::Internal);
    }
}
