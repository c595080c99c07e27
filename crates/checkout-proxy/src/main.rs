//! `checkout-proxy`: serve the built app and `/api/v1` on `PROXY_ADDR` (default
//! 127.0.0.1:8080). See `Config::from_env` for the rest of the configuration.

use checkout_proxy::Config;
use tracing_subscriber::EnvFilter;

// glibc malloc and free were 12 % of the proxy's CPU under load (docs/performance.md): each
// request allocates and frees many small buffers across worker threads, which mimalloc's
// per-thread free lists serve without the global arena's locks and consolidation.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .json()
        .init();
    let config = Config::from_env()?;
    let addr = std::env::var("PROXY_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!(addr = %listener.local_addr()?, upstream = %config.upstream_url, "proxy listening");
    checkout_proxy::serve(listener, config).await?;
    Ok(())
}
