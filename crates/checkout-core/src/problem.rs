//! The one error shape the browser ever sees: RFC 9457 `application/problem+json` with a
//! stable machine code and the correlation id of the call chain.
//!
//! It must never carry a credential, token, session-id or conversation id: only the stable
//! code, a customer-safe message and the correlation id (which support can look up).

use serde::{Deserialize, Serialize};

pub const CONTENT_TYPE: &str = "application/problem+json";

/// Stable error codes of `/api/v1`. Upstream codes map onto these; they never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body did not parse into the typed request.
    InvalidInput,
    /// The browser session is missing or expired.
    SessionMissing,
    /// The state-changing request lacked CSRF proof.
    CsrfRejected,
    /// Upstream refused this client (seed OCBO: CHTR-1018 / TECHMSG-0006, 403).
    ClientForbidden,
    /// Upstream had only partial data (seed OCBO: CHTR-4504 / TECHMSG-0001, 400).
    PartialContent,
    /// Upstream did not answer in time.
    UpstreamTimeout,
    /// Upstream failed or answered something we could not read.
    UpstreamUnavailable,
    /// Anything else on our side.
    Internal,
}

/// What the customer can do about an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recovery {
    FixInput,
    Retry,
    CallUs,
}

impl ErrorCode {
    /// HTTP status the proxy answers with.
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidInput => 400,
            Self::SessionMissing => 401,
            Self::CsrfRejected | Self::ClientForbidden => 403,
            Self::PartialContent => 422,
            Self::UpstreamTimeout => 504,
            Self::UpstreamUnavailable => 502,
            Self::Internal => 500,
        }
    }

    /// Customer-facing title (English; the app translates by code).
    pub fn title(self) -> &'static str {
        match self {
            Self::InvalidInput => "Please check what you entered.",
            Self::SessionMissing => "Your session has ended. Please start again.",
            Self::CsrfRejected => "We could not verify this request. Please reload the page.",
            Self::ClientForbidden => "Ordering online is not available right now.",
            Self::PartialContent => "We could not find everything about this address.",
            Self::UpstreamTimeout => "This is taking longer than it should. Please try again.",
            Self::UpstreamUnavailable => "We cannot reach our systems right now. Please try again.",
            Self::Internal => "Something went wrong on our side. Please try again.",
        }
    }

    pub fn recovery(self) -> Recovery {
        match self {
            Self::InvalidInput => Recovery::FixInput,
            Self::SessionMissing
            | Self::CsrfRejected
            | Self::UpstreamTimeout
            | Self::UpstreamUnavailable
            | Self::Internal => Recovery::Retry,
            Self::ClientForbidden | Self::PartialContent => Recovery::CallUs,
        }
    }
}

/// RFC 9457 problem details with our extensions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ErrorCode,
    pub recovery: Recovery,
    pub correlation_id: String,
}

impl Problem {
    pub fn new(code: ErrorCode, detail: Option<String>, correlation_id: String) -> Self {
        let slug = serde_plain_code(code);
        Self {
            type_uri: format!("/problems/{slug}"),
            title: code.title().to_owned(),
            status: code.status(),
            detail,
            code,
            recovery: code.recovery(),
            correlation_id,
        }
    }
}

fn serde_plain_code(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidInput => "invalid_input",
        ErrorCode::SessionMissing => "session_missing",
        ErrorCode::CsrfRejected => "csrf_rejected",
        ErrorCode::ClientForbidden => "client_forbidden",
        ErrorCode::PartialContent => "partial_content",
        ErrorCode::UpstreamTimeout => "upstream_timeout",
        ErrorCode::UpstreamUnavailable => "upstream_unavailable",
        ErrorCode::Internal => "internal",
    }
}

/// Map an OCBO error body (seed `ocbo-ordering-process-a.txt`, "Response Details") to our code.
pub fn from_ocbo(client_code: &str, tech_code: &str) -> ErrorCode {
    match (client_code, tech_code) {
        ("CHTR-1018", _) | (_, "TECHMSG-0006") => ErrorCode::ClientForbidden,
        ("CHTR-4504", _) | (_, "TECHMSG-0001") => ErrorCode::PartialContent,
        _ => ErrorCode::UpstreamUnavailable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_uri_slug_matches_the_wire_code() {
        for code in [
            ErrorCode::InvalidInput,
            ErrorCode::SessionMissing,
            ErrorCode::CsrfRejected,
            ErrorCode::ClientForbidden,
            ErrorCode::PartialContent,
            ErrorCode::UpstreamTimeout,
            ErrorCode::UpstreamUnavailable,
            ErrorCode::Internal,
        ] {
            let wire = serde_json::to_value(code).unwrap();
            assert_eq!(wire.as_str().unwrap(), serde_plain_code(code));
        }
    }

    /// Seed OCBO: "403 Forbidden CHTR-1018 TECHMSG-0006 … the client lacks authorization".
    #[test]
    fn chtr_1018_is_client_forbidden() {
        assert_eq!(
            from_ocbo("CHTR-1018", "TECHMSG-0006"),
            ErrorCode::ClientForbidden
        );
        assert_eq!(ErrorCode::ClientForbidden.status(), 403);
    }

    /// Seed OCBO: "400 Bad Request CHTR-4504 TECHMSG-0001 … reports only partial content".
    #[test]
    fn chtr_4504_is_partial_content() {
        assert_eq!(
            from_ocbo("CHTR-4504", "TECHMSG-0001"),
            ErrorCode::PartialContent
        );
    }
}
