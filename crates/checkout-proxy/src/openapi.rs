//! `GET /api/v1/openapi.json`: the hand-written OpenAPI 3.0 document of the browser API
//! (`openapi.json` next to `Cargo.toml`), compiled into the binary so the document always
//! matches the build that serves it.
//!
//! It is public and static: it must never describe an upstream call, carry a credential or be
//! generated from runtime state. `tests/openapi.rs` checks it against `checkout-core`'s wire
//! types; `scripts/schemathesis` fuzzes the running proxy against it.

use axum::http::header;
use axum::response::IntoResponse;

/// The document, exactly as written in the repository.
pub const DOCUMENT: &str = include_str!("../openapi.json");

/// Where the document is served.
pub const PATH: &str = "/api/v1/openapi.json";

/// `GET` handler of the document. It is public and the same bytes for everyone, so
/// `routes::app` serves it outside the API's rate limit and CORS.
pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
