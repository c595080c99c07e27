//! The allow-list: every path the proxy answers, and the layers around them. Anything not
//! listed under `/api/v1` is a 404; anything else is the static app.

use crate::compressible::Compressible;
use crate::config::Config;
use crate::correlation::{self, CorrelationId};
use crate::edge::{Edge, EdgeConfig, EdgeLayer};
use crate::error::ApiError;
use crate::metrics::{self, Metrics};
use crate::request_headers::RequestHeaders;
use crate::security;
use crate::session::{self, EligibleAddress, ServerSession, Sessions};
use crate::upstream::Upstream;
use crate::{cart, credit, fulfillment, identity, numbers, place_order, quote, review, slots};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any, get, post};
use axum::{Json, Router};
use checkout_core::wire::{
    CSRF_HEADER, CSRF_VALUE, Eligibility, EligibilityRequest, IDEMPOTENCY_KEY_HEADER,
};
use checkout_core::wire_order::path;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_http::compression::{Compression, CompressionLayer};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::{RequestBodyLimit, RequestBodyLimitLayer};
use tower_http::services::{ServeDir, ServeFile};

/// Largest request body we read: our biggest request is a few hundred bytes.
const BODY_LIMIT: usize = 16 * 1024;

#[derive(Debug)]
pub(crate) struct AppState {
    pub config: Config,
    pub upstream: Upstream,
    pub sessions: Sessions,
}

impl AppState {
    /// The browser's session, which must already exist (made by the eligibility step).
    pub async fn existing_session(
        &self,
        headers: &HeaderMap,
    ) -> Result<(String, ServerSession), ApiError> {
        let key =
            session::key_from(headers, self.config.secure_cookies).ok_or(ApiError::NoSession)?;
        let sess = self.sessions.get(&key).await?.ok_or(ApiError::NoSession)?;
        Ok((key, sess))
    }
}

/// Build the whole app: API, probes, metrics, static files and the layers around them.
/// Connects to the session database (and migrates it) first. `workers` is how many threads
/// will serve it (workers.rs), each with its own upstream connection pool.
pub(crate) async fn app(config: Config, workers: usize) -> std::io::Result<Built> {
    let metrics_addr = config.metrics_addr;
    let sessions = Sessions::connect(config.database_url.as_ref(), config.session_idle_timeout)
        .await
        .map_err(std::io::Error::other)?;
    let index = config.dist_dir.join("index.html");
    // A missing build is not fatal (the API still works), but the page cannot load without it.
    let index_html = std::fs::read_to_string(&index).unwrap_or_else(|_| {
        tracing::warn!(path = %index.display(), "no built app found; run scripts/build-app");
        String::new()
    });
    let csp = HeaderValue::from_str(&security::content_security_policy(
        &index_html,
        &config.partner_origins,
    ))
    .map_err(std::io::Error::other)?;
    let metrics = Arc::new(Metrics::default());
    let upstream =
        Upstream::new(&config, metrics.clone(), workers).map_err(std::io::Error::other)?;
    let static_files = ServeDir::new(&config.dist_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let request_timeout = config.request_timeout;
    let secure_cookies = config.secure_cookies;
    // None without partners: then there is nothing for CORS to allow, and the layer costs on
    // every request (cloning and dropping it, measurably in a profile).
    let cors = cors(&config)?;
    // Per client IP, on the API only (one page load fetches several static files).
    let governor = GovernorConfigBuilder::default()
        .period(config.rate_limit_period)
        .burst_size(config.rate_limit_burst)
        .finish()
        .map(Arc::new)
        .ok_or_else(|| std::io::Error::other("rate limit period and burst must be non-zero"))?;
    let limiter = governor.limiter().clone();
    let rate_limit = GovernorLayer::new(governor).error_handler(|e| {
        let retry_after_secs = match e {
            tower_governor::GovernorError::TooManyRequests { wait_time, .. } => wait_time,
            _ => 1,
        };
        ApiError::RateLimited { retry_after_secs }.into_response()
    });
    // Framing is governed by CSP frame-ancestors; the legacy header may only say DENY when
    // no partner is allowed to embed us.
    let frame_options = config
        .partner_origins
        .is_empty()
        .then(|| HeaderValue::from_static("DENY"));
    let state = Arc::new(AppState {
        config,
        upstream,
        sessions,
    });
    // Housekeeping: the limiter keeps one entry per client IP and the store one per browser
    // session; drop idle ones now and then. Ends when the app is dropped.
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        let app = Arc::downgrade(&state);
        rt.spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(60)).await;
                let Some(app) = app.upgrade() else { break };
                limiter.retain_recent();
                match app.sessions.sweep().await {
                    Ok(0) => {}
                    Ok(gone) => tracing::debug!(gone, "idle browser sessions forgotten"),
                    Err(e) => tracing::warn!(error = %e, "idle browser sessions not swept"),
                }
                match app.sessions.sweep_idempotency().await {
                    Ok(0) => {}
                    Ok(gone) => tracing::debug!(gone, "day-old idempotency records forgotten"),
                    Err(e) => tracing::warn!(error = %e, "idempotency records not swept"),
                }
            }
        });
    }

    // Every route is a fixed path: the edge counts requests under these paths (edge.rs).
    let api_routes: [(&str, MethodRouter<Arc<AppState>>); 16] = [
        ("/eligibility", post(eligibility)),
        ("/offers", get(cart::offers)),
        ("/cart", post(cart::hold).get(cart::current)),
        ("/cart/extend", post(cart::extend)),
        (path::OTP, post(identity::otp)),
        (path::VERIFY, post(identity::verify)),
        (path::CREDIT, post(credit::submit)),
        (path::INSTALLATION, post(fulfillment::installation)),
        (path::TERMS, post(fulfillment::terms)),
        (path::NUMBERS_SEARCH, post(numbers::search)),
        (path::NUMBERS_RESERVE, post(numbers::reserve)),
        (path::SLOTS_SEARCH, post(slots::search)),
        (path::SLOTS_CHOOSE, post(slots::choose)),
        (path::QUOTE, post(quote::quote)),
        (path::REVIEW, get(review::review)),
        (
            path::ORDER,
            post(place_order::place).get(place_order::status),
        ),
    ];
    // Outside the API's rate limit and CORS.
    let render_metrics = {
        let metrics = metrics.clone();
        move || async move {
            (
                [(header::CONTENT_TYPE, metrics::CONTENT_TYPE)],
                metrics.render(),
            )
        }
    };
    let mut ops_routes: Vec<(&str, MethodRouter<Arc<AppState>>)> = vec![
        (crate::openapi::PATH, get(crate::openapi::document)),
        ("/healthz", get(|| async { "ok" })),
        ("/readyz", get(readyz)),
    ];
    // Request and order counts are business data: with METRICS_ADDR they are served only on
    // that internal address, by a server of their own.
    let metrics_addr = match metrics_addr {
        Some(addr) => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            let bound = listener.local_addr()?;
            let internal = Router::new().route("/metrics", get(render_metrics));
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, internal).await {
                    tracing::error!(error = %e, "the metrics server stopped");
                }
            });
            tracing::info!(addr = %bound, "metrics on their own address");
            Some(bound)
        }
        None => {
            ops_routes.push(("/metrics", get(render_metrics)));
            None
        }
    };
    // One flat router: API routes under their full paths rather than nested under the
    // prefix, since a nest rewrites every request's URI to strip the prefix (a measurable
    // cost per request in callgrind). The rate limit and CORS wrap the API routes only.
    let api_only = |handler: MethodRouter<Arc<AppState>>| {
        let handler = handler.layer(rate_limit.clone());
        match &cors {
            Some(cors) => handler.layer(cors.clone()),
            None => handler,
        }
    };
    let prefix = checkout_core::wire::API_PREFIX;
    let mut route_paths = Vec::new();
    let mut routes = Router::new();
    for (path, handler) in api_routes {
        let path = format!("{prefix}{path}");
        routes = routes.route(&path, api_only(handler));
        route_paths.push(path);
    }
    for (path, handler) in ops_routes {
        routes = routes.route(path, handler);
        route_paths.push(path.to_owned());
    }
    // Any other path under the prefix is no page of the app: 404, not index.html.
    let unknown = || api_only(any(|| async { StatusCode::NOT_FOUND }));
    let routes = routes
        .route(prefix, unknown())
        .route(&format!("{prefix}/{{*rest}}"), unknown())
        .with_state(state)
        .fallback_service(static_files);
    // The layers around the whole app, composed as one static stack: `Router::layer` would box
    // each around every route and clone and drop that box chain on every request (a visible
    // share of the proxy's CPU under load in perf). Compression sits outside the edge so that
    // problem bodies the edge writes are compressed like any other. It is gzip only (the
    // `compression-br` feature is off): with Brotli compiled in, every response body holds an
    // encoder's state inline, kilobytes moved and boxed per request even when nothing is
    // compressed. Brotli is for the app's files, compressed once at build time (build-app;
    // docs/decisions/0006-precompressed-static-files.md).
    let app = ServiceBuilder::new()
        .layer(CompressionLayer::new().compress_when(Compressible))
        .layer(EdgeLayer::new(EdgeConfig {
            request_timeout,
            headers: security::response_headers(csp, secure_cookies),
            frame_options,
            metrics,
            routes: route_paths,
        }))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .service(routes);
    Ok(Built { app, metrics_addr })
}

/// The app, and where its metrics are served when not beside it.
pub(crate) struct Built {
    pub app: App,
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// The whole app as one service: every layer's type spelled out, so that nothing around the
/// app is boxed per request. Its answers go to hyper as they are (lib.rs), bodies unboxed.
pub(crate) type App = Compression<Edge<RequestBodyLimit<Router>>, Compressible>;

/// Cross-origin calls only from partner sites, with the session cookie, and only with the
/// headers our client sends. None when no partner is configured.
fn cors(config: &Config) -> std::io::Result<Option<CorsLayer>> {
    if config.partner_origins.is_empty() {
        return Ok(None);
    }
    let origins = config
        .partner_origins
        .iter()
        .map(|o| HeaderValue::from_str(o).map_err(std::io::Error::other))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_credentials(true)
            .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
            .allow_headers([
                header::CONTENT_TYPE,
                CSRF,
                HeaderName::from_static(IDEMPOTENCY_KEY_HEADER),
            ])
            .expose_headers([
                correlation::RESPONSE_HEADER,
                HeaderName::from_static(place_order::REPLAYED_HEADER),
            ])
            .max_age(Duration::from_secs(600)),
    ))
}

/// Ready when the session database answers, we hold (or can get) a token (credentials
/// valid), and the back office answers now: a cached token alone said "ready" while the back
/// office was down.
async fn readyz(State(app): State<Arc<AppState>>) -> StatusCode {
    if let Err(e) = app.sessions.ping().await {
        tracing::warn!(error = %e, "session store not ready");
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    if app.upstream.token().await.is_err() || !app.upstream.reachable().await {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    StatusCode::OK
}

/// [`CSRF_HEADER`] as a header name, made once: looking a header up by `&str` parses the name
/// on every request.
const CSRF: HeaderName = HeaderName::from_static(CSRF_HEADER);

/// A state-changing call must carry the CSRF header (see `checkout_core::wire::CSRF_HEADER`).
pub(crate) fn require_csrf(headers: &HeaderMap) -> Result<(), ApiError> {
    if headers.get(&CSRF).and_then(|v| v.to_str().ok()) == Some(CSRF_VALUE) {
        Ok(())
    } else {
        Err(ApiError::Csrf)
    }
}

/// Parse a state-changing JSON request: CSRF header, JSON content type, typed body. The
/// detail of a parse failure is our own customer-facing message (from `checkout-core`).
pub(crate) fn parse_command<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<T, ApiError> {
    require_csrf(headers)?;
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
    RequestHeaders(headers): RequestHeaders,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: EligibilityRequest = parse_command(&headers, &body)?;
    let secure = app.config.secure_cookies;
    let known = match session::key_from(&headers, secure) {
        Some(k) => app.sessions.get(&k).await?.map(|s| (k, s)),
        None => None,
    };
    let (key, mut sess, new_cookie) = match known {
        Some((k, s)) => (k, s, false),
        None => (Sessions::new_key(), ServerSession::default(), true),
    };
    let session_id = match sess.upstream_session_id.clone() {
        Some(id) => id,
        None => {
            let id = app.upstream.start_session(&corr).await?;
            sess.upstream_session_id = Some(id.clone());
            app.sessions.put(&key, &sess).await?;
            id
        }
    };
    let answer = app
        .upstream
        .serviceability(&session_id, &corr, req.address.as_str())
        .await?
        .into_eligibility()
        .map_err(|e| {
            tracing::warn!(correlation_id = %corr, error = %e, "incomplete upstream answer");
            ApiError::UpstreamUnavailable
        })?;
    // Later steps need the address and its technology; the browser need not send them again.
    let eligible = match &answer {
        Eligibility::Serviceable {
            technology,
            market,
            existing_customer,
        } => Some(EligibleAddress {
            address: req.address.clone(),
            technology: *technology,
            market: Some(*market),
            existing_customer: *existing_customer,
        }),
        Eligibility::NotServiceable { .. } => None,
    };
    // Asking again about the same address changes nothing: no write.
    if eligible != sess.eligible {
        // An order is held for one address. Checking another starts a new order: the old hold
        // is cancelled and what the steps after it did goes with it, so nothing held for one
        // address is ever placed at another.
        let moved = sess.order.as_ref().is_some_and(|held| {
            held.at.as_ref().map(|a| &a.address) != eligible.as_ref().map(|e| &e.address)
        });
        // An order whose outcome is still being confirmed keeps its hold.
        if moved
            && sess.pending_order.is_none()
            && let Some(old) = sess.order.take()
        {
            crate::cart::release(
                &app,
                &old,
                &session_id,
                &corr,
                "Customer checked another address",
            )
            .await;
            sess.steps = crate::session_steps::Steps::default();
        }
        sess.eligible = eligible;
        app.sessions.put(&key, &sess).await?;
    }
    let mut res = Json(answer).into_response();
    if new_cookie && let Some(c) = session::set_cookie(&key, secure, app.config.same_site) {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(res)
}
