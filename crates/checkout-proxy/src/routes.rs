//! The allow-list: every path the proxy answers, and the layers around them. Anything not
//! listed under `/api/v1` is a 404; anything else is the static app.

use crate::compressible::Compressible;
use crate::config::Config;
use crate::correlation::{self};
use crate::edge::{Edge, EdgeConfig, EdgeLayer};
use crate::embed_pages::EmbedPages;
use crate::error::ApiError;
use crate::extract::CSRF;
use crate::handlers::eligibility::eligibility;
use crate::handlers::{
    cart, checkout, credit, fulfillment, handoff, identity, kiosk, kiosk_order, numbers,
    place_order, quote, review, slots,
};
use crate::metrics::{self, Metrics};
use crate::security;
use crate::session::Sessions;
use crate::state::AppState;
use crate::upstream::Upstream;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, any, get, post};
use checkout_core::kiosk::{page as kiosk_page, path as kiosk_path};
use checkout_core::wire::IDEMPOTENCY_KEY_HEADER;
use checkout_core::wire_order::path;
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
    let embeds = EmbedPages::new(&index_html, &config.partners).map_err(std::io::Error::other)?;
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
        embeds,
        kiosk_pages: crate::kiosk_pages::KioskPages::new(&index_html),
        metrics: metrics.clone(),
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
    let api_routes: [(&str, MethodRouter<Arc<AppState>>); 24] = [
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
        (path::CHECKOUT, get(checkout::progress)),
        (
            path::ORDER,
            post(place_order::place).get(place_order::status),
        ),
        (kiosk_path::KIOSK, get(kiosk::current)),
        (
            kiosk_path::STAFF,
            post(kiosk::sign_in).delete(kiosk::sign_out),
        ),
        (
            kiosk_path::HELP,
            post(kiosk::ask_for_help).delete(kiosk::helped),
        ),
        (kiosk_path::RESET, post(kiosk::reset)),
        (kiosk_path::HANDOFF, post(handoff::create)),
        (kiosk_path::BUNDLES, get(kiosk_order::bundles)),
        (kiosk_path::ORDER, post(kiosk_order::place)),
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
        // The checkout as partners frame it (docs/embedding.md).
        ("/embed", get(crate::handlers::embed::page)),
        // Store kiosks (docs/kiosk.md): enrolment, the kiosk app, a phone's hand-off.
        (kiosk_page::ENROL, get(crate::handlers::kiosk_pages::enrol)),
        (kiosk_page::KIOSK, get(crate::handlers::kiosk_pages::page)),
        ("/continue/{token}", get(handoff::claim)),
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
