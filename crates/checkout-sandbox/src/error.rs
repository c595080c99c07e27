//! Upstream-style errors, shaped as the OCBO seed shows them (client code + tech code).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use checkout_core::ocbo::OcboError;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("missing or invalid {0}")]
    Unauthorized(&'static str),
    #[error("client lacks authorization")]
    Forbidden,
    #[error("partial content")]
    PartialContent,
    #[error("bad request: {0}")]
    BadRequest(String),
}

impl IntoResponse for SandboxError {
    fn into_response(self) -> Response {
        let (status, client, tech) = match &self {
            Self::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "CHTR-1001", "TECHMSG-0002"),
            // Seed OCBO "Response Details": 403 CHTR-1018 / TECHMSG-0006.
            Self::Forbidden => (StatusCode::FORBIDDEN, "CHTR-1018", "TECHMSG-0006"),
            // Seed OCBO "Response Details": 400 CHTR-4504 / TECHMSG-0001.
            Self::PartialContent => (StatusCode::BAD_REQUEST, "CHTR-4504", "TECHMSG-0001"),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "CHTR-4000", "TECHMSG-0003"),
        };
        let body = OcboError {
            client_code: client.into(),
            tech_code: tech.into(),
            message: self.to_string(),
        };
        (status, Json(body)).into_response()
    }
}
