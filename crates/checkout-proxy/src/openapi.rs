//! `GET /api/v1/openapi.json`: the hand-written OpenAPI 3.0 document of the browser API
//! (`openapi.json` next to `Cargo.toml`), compiled into the binary so the document always
//! matches the build that serves it.
//!
//! It is public and static: it must never describe an upstream call, carry a credential or be
//! generated from runtime state. `tests/openapi.rs` checks it against `checkout-core`'s wire
//! types; `scripts/schemathesis` fuzzes the running proxy against it.

use axum::Router;
use axum::http::header;
use axum::routing::get;

/// The document, exactly as written in the repository.
pub const DOCUMENT: &str = include_str!("../openapi.json");

/// Where the document is served.
pub const PATH: &str = "/api/v1/openapi.json";

/// The one route serving the document. It sits outside the API's rate limit and CORS: it is
/// the same bytes for everyone.
pub fn router() -> Router {
    Router::new().route(
        PATH,
        get(|| async { ([(header::CONTENT_TYPE, "application/json")], DOCUMENT) }),
    )
}
