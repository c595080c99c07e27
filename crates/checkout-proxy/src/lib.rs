//! The checkout's backend-for-frontend.
//!
//! It exists so the browser holds no secret: it owns the OAuth2 token, the upstream
//! `session-id` and every other id the back office hands out, and gives the browser only an
//! opaque, HttpOnly cookie. It is thin on purpose: it parses input with `checkout-core`'s types,
//! forwards allow-listed calls, and answers errors as problem+json. It must never log or return
//! a credential, token or upstream id.

mod bss;
mod cart;
pub mod config;
mod correlation;
mod credit;
mod edge;
mod error;
mod fulfillment;
mod idempotency;
mod identity;
mod metrics;
mod numbers;
mod openapi;
mod pg_readers;
mod place_order;
mod pool;
mod quote;
mod review;
mod routes;
mod security;
mod session;
mod session_steps;
mod slots;
mod step;
mod upstream;
pub mod workers;

pub use config::Config;

/// Serve the proxy on an already-bound listener. The peer address is kept for per-client
/// rate limits.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    serve_app(listener, routes::app(config, 1).await?).await
}

/// Serve a built app on a listener: what each worker (workers.rs) and `serve` run.
async fn serve_app(listener: tokio::net::TcpListener, app: routes::App) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // A static file leaves in several writes, and with Nagle's algorithm the last short one
    // waits for the client's (delayed) ACK of the one before. nginx turns it off on keep-alive
    // connections too; an API answer is one write either way.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set on a browser connection");
        }
    });
    // Each connection gets the app with its peer's address, which the rate limit keys on
    // (what `Router::into_make_service_with_connect_info` does, without boxing the app).
    let connections = tower::service_fn(move |conn: axum::serve::IncomingStream<'_, _>| {
        let peer = axum::extract::ConnectInfo(*conn.remote_addr());
        std::future::ready(Ok::<_, std::convert::Infallible>(
            tower_http::add_extension::AddExtension::new(app.clone(), peer),
        ))
    });
    axum::serve(listener, connections).await
}
