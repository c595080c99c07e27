//! `checkout-proxy`: serve the built app and `/api/v1` on `PROXY_ADDR` (default
//! 127.0.0.1:8080) with `PROXY_WORKERS` worker threads (default: one per core; workers.rs).
//! See `Config::from_env` for the rest of the configuration.

use checkout_proxy::{Config, workers};
use std::net::ToSocketAddrs;
use tracing_subscriber::EnvFilter;

// glibc malloc and free were a large share of the proxy's CPU under load
// (docs/decisions/0007-mimalloc.md): each request allocates and frees many small buffers,
// which mimalloc's per-thread free lists serve without the global arena's locks and
// consolidation.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .json()
        .init();
    let config = Config::from_env()?;
    let addr = std::env::var("PROXY_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let addr = addr
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| format!("PROXY_ADDR {addr} names no address"))?;
    let count =
        match std::env::var("PROXY_WORKERS") {
            Ok(n) => n.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
                format!("PROXY_WORKERS must be a whole number above 0, not {n:?}")
            })?,
            Err(_) => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        };
    let sockets = workers::bind(addr, count)?;
    tracing::info!(addr = %sockets[0].local_addr()?, workers = count, upstream = %config.upstream_url, "proxy listening");
    workers::serve(sockets, config)?;
    Ok(())
}
