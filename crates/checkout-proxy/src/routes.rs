//! The allow-list: every path the proxy answers. Anything not here is the static app or 404.

use crate::config::Config;
use crate::correlation::{self, CorrelationId};
use crate::error::ApiError;
use crate::security;
use crate::session::{self, ServerSession, Sessions};
use crate::upstream::Upstream;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE, EligibilityRequest};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body we read: our biggest request is a few hundred bytes.
const BODY_LIMIT: usize = 16 * 1024;

#[derive(Debug)]
struct AppState {
    config: Config,
    upstream: Upstream,
    sessions: Sessions,
}

/// Build the whole app: API, static files and the layers around them.
pub fn app(config: Config) -> std::io::Result<Router> {
    let index = config.dist_dir.join("index.html");
    // A missing build is not fatal (the API still works), but the page cannot load without it.
    let index_html = std::fs::read_to_string(&index).unwrap_or_else(|_| {
        tracing::warn!(path = %index.display(), "no built app found; run trunk build");
        String::new()
    });
    let csp = HeaderValue::from_str(&security::content_security_policy(&index_html))
        .map_err(std::io::Error::other)?;
    let upstream = Upstream::new(&config).map_err(std::io::Error::other)?;
    let static_files = ServeDir::new(&config.dist_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(index));
    let state = Arc::new(AppState {
        config,
        upstream,
        sessions: Sessions::default(),
    });

    let api = Router::new()
        .route("/eligibility", post(eligibility))
        .fallback(|| async { StatusCode404 })
        .with_state(state);

    Ok(Router::new()
        .nest(checkout_core::wire::API_PREFIX, api)
        .route("/healthz", get(|| async { "ok" }))
        .fallback_service(static_files)
        .layer(middleware::from_fn(security::cache_headers))
        .layer(middleware::from_fn(correlation::middleware))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        )))
}

/// Unknown API paths are a plain 404, never the app's index.html.
struct StatusCode404;
impl IntoResponse for StatusCode404 {
    fn into_response(self) -> Response {
        axum::http::StatusCode::NOT_FOUND.into_response()
    }
}

/// Parse a state-changing JSON request: CSRF header, JSON content type, typed body. The
/// detail of a parse failure is our own customer-facing message (from `checkout-core`).
fn parse_command<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> Result<T, ApiError> {
    if headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) != Some(CSRF_VALUE) {
        return Err(ApiError::Csrf);
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next() == Some("application/json"));
    if !is_json {
        return Err(ApiError::NotJson);
    }
    serde_json::from_slice(body).map_err(|e| {
        let msg = e.to_string();
        // serde_json appends " at line L column C": a position means nothing to a customer.
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        ApiError::InvalidInput(msg.to_owned())
    })
}

/// `POST /api/v1/eligibility`: is this address served, by what, in which market.
async fn eligibility(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: EligibilityRequest = parse_command(&headers, &body)?;
    let secure = app.config.secure_cookies;
    let (key, mut sess, new_cookie) = match session::key_from(&headers, secure)
        .and_then(|k| app.sessions.get(&k).map(|s| (k, s)))
    {
        Some((k, s)) => (k, s, false),
        None => (Sessions::new_key(), ServerSession::default(), true),
    };
    let session_id = match sess.upstream_session_id.clone() {
        Some(id) => id,
        None => {
            let id = app.upstream.start_session(&corr).await?;
            sess.upstream_session_id = Some(id.clone());
            app.sessions.put(&key, sess);
            id
        }
    };
    let answer = app
        .upstream
        .serviceability(&session_id, &corr, req.address.as_str())
        .await?
        .into_eligibility()
        .map_err(|e| {
            tracing::warn!(correlation_id = %corr.0, error = %e, "incomplete upstream answer");
            ApiError::UpstreamUnavailable
        })?;
    let mut res = Json(answer).into_response();
    if new_cookie && let Some(c) = session::set_cookie(&key, secure) {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(res)
}
