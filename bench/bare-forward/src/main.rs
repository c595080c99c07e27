//! A yardstick for `bench/bench-proxy`: tokio, hyper's server through `axum::serve`,
//! hyper_util's pooled client, mimalloc, one single-threaded worker per core as in the proxy's
//! workers.rs (`BARE_SHARED_RUNTIME=1` for one work-stealing runtime), forwarding every request
//! to `UPSTREAM_URL` as it is, with none of the proxy's work (no session, no parsing, no
//! layers, no headers of its own). It shows what a plain forwarder on the same libraries costs,
//! so the proxy's own share of a request can be told apart from the stack's
//! (docs/performance.md).
//!
//! `BARE_ADDR=127.0.0.1:9000 UPSTREAM_URL=http://127.0.0.1:9001 cargo run --profile server
//! -p bare-forward`. Not part of the product: it checks nothing and holds no secret.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::serve::ListenerExt;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Forward {
    client: Client<HttpConnector, Full<Bytes>>,
    /// `scheme://host:port` of the upstream, without a trailing slash.
    base: String,
}

async fn forward(State(fwd): State<Arc<Forward>>, req: Request) -> Result<Response, StatusCode> {
    let (mut parts, body) = req.into_parts();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    parts.uri =
        Uri::try_from(format!("{}{path}", fwd.base)).map_err(|_| StatusCode::BAD_REQUEST)?;
    // Like nginx's defaults: the whole request body first, then one upstream request.
    let body = body
        .collect()
        .await
        .map_err(|_| StatusCode::BAD_REQUEST)?
        .to_bytes();
    let res = fwd
        .client
        .request(axum::http::Request::from_parts(parts, Full::new(body)))
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    // Read whole, as our proxy does: the answer then leaves in one write.
    let (parts, body) = res.into_parts();
    let body = body
        .collect()
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?
        .to_bytes();
    Ok(Response::from_parts(parts, Body::from(body)))
}

fn main() -> std::io::Result<()> {
    let upstream = std::env::var("UPSTREAM_URL").map_err(std::io::Error::other)?;
    let addr: std::net::SocketAddr = std::env::var("BARE_ADDR")
        .unwrap_or_else(|_| "127.0.0.1:9000".into())
        .parse()
        .map_err(std::io::Error::other)?;
    let base = upstream.trim_end_matches('/').to_owned();
    if std::env::var_os("BARE_SHARED_RUNTIME").is_some() {
        let socket = checkout_proxy::workers::bind(addr, 1)?.remove(0);
        return tokio::runtime::Runtime::new()?.block_on(run(socket, base));
    }
    // One single-threaded runtime per core, each with its own listening socket (the kernel
    // spreads connections over them) and its own upstream pool: nginx's worker model. The
    // sockets are the proxy's own (workers::bind), all bound before any worker starts.
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let workers: Vec<_> = checkout_proxy::workers::bind(addr, cores)?
        .into_iter()
        .map(|socket| {
            let base = base.clone();
            std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?
                    .block_on(run(socket, base))
            })
        })
        .collect();
    for w in workers {
        w.join()
            .map_err(|_| std::io::Error::other("worker panicked"))??;
    }
    Ok(())
}

async fn run(socket: tokio::net::TcpSocket, base: String) -> std::io::Result<()> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let client = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(64)
        .build(connector);
    let state = Arc::new(Forward { client, base });
    let app = Router::new().fallback(forward).with_state(state);
    // As our proxy's `serve`: no Nagle on the browser side.
    let listener = socket
        .listen(1024)?
        .tap_io(|tcp| drop(tcp.set_nodelay(true)));
    axum::serve(listener, app).await
}
