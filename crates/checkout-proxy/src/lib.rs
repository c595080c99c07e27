//! The checkout's backend-for-frontend.
//!
//! It exists so the browser holds no secret: it owns the OAuth2 token, the upstream
//! `session-id` and every other id the back office hands out, and gives the browser only an
//! opaque, HttpOnly cookie. It is thin on purpose: it parses input with `checkout-core`'s types,
//! forwards allow-listed calls, and answers errors as problem+json. It must never log or return
//! a credential, token or upstream id.

mod bss;
mod compressible;
pub mod config;
mod correlation;
mod edge;
mod embed_pages;
mod error;
mod extract;
mod handlers;
mod held_session;
mod idempotency;
pub mod kiosk_config;
mod kiosk_device;
mod kiosk_pages;
mod metrics;
mod openapi;
mod pg_readers;
mod routes;
mod secret;
mod security;
mod server_session;
mod session;
mod session_steps;
mod session_store;
mod state;
mod transport;
mod upstream;
mod worker_index;
pub mod workers;

pub use config::Config;

use axum::http::Request;
use hyper::body::Incoming;

/// Serve the proxy on an already-bound listener. The peer address is kept for per-client
/// rate limits.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    Proxy::build(config).await?.serve(listener).await
}

/// A proxy built and ready to serve: its session store connected and migrated. Building it
/// apart from serving lets a caller that already listens (a test, an embedding) see why a
/// start failed, instead of its waiting connections being reset when the listener is dropped.
pub struct Proxy {
    app: routes::App,
    metrics_addr: Option<std::net::SocketAddr>,
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Proxy")
    }
}

impl Proxy {
    /// Connect to the session store (migrating it) and build the routes and layers.
    pub async fn build(config: Config) -> std::io::Result<Self> {
        let routes::Built { app, metrics_addr } = routes::app(config, 1).await?;
        Ok(Self { app, metrics_addr })
    }

    /// Where `/metrics` is served, when `METRICS_ADDR` put it on an address of its own.
    pub fn metrics_addr(&self) -> Option<std::net::SocketAddr> {
        self.metrics_addr
    }

    /// Serve on `listener` until accepting fails for good.
    pub async fn serve(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        serve_app(listener, self.app).await
    }
}

/// Serve a built app on a listener: what each worker (workers.rs) and `serve` run. hyper's
/// HTTP/1.1 server straight on the socket, as `axum::serve` does less directly: that also
/// sniffed each connection for HTTP/2 (which browsers only speak over TLS, ended in front of
/// us), wrapped every read for it, re-polled a shutdown signal on every wake-up and boxed each
/// answer's body into one type (work callgrind counts on every request).
async fn serve_app(listener: tokio::net::TcpListener, app: routes::App) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    // A connection gets 30 s to bring each request's head, idle time before it included, so
    // neither a head sent a byte at a time nor an idle keep-alive connection holds a socket
    // for ever (hyper's default, in effect only with a timer); the edge's deadline covers the
    // rest of each request.
    http.timer(hyper_util::rt::TokioTimer::new());
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                accept_failed(e).await;
                continue;
            }
        };
        // A static file leaves in several writes, and with Nagle's algorithm the last short
        // one waits for the client's (delayed) ACK of the one before. nginx turns it off on
        // keep-alive connections too; an API answer is one write either way.
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set on a browser connection");
        }
        // Every request carries its peer's address, which the rate limit keys on.
        let peer = axum::extract::ConnectInfo(peer);
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(peer);
            tower::ServiceExt::oneshot(app.clone(), req)
        });
        let connection = http.serve_connection(hyper_util::rt::TokioIo::new(tcp), service);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "a browser connection ended in error");
            }
        });
    }
}

/// A failed accept: the client gave up on its way in (nothing to do), or the process is out of
/// file descriptors or memory, which only time can cure. What `axum::serve` did too.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed; pausing accepts for a second");
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
}
