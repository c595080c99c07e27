//! `checkout-sandbox`: run the simulated back office on its own.
//!
//! Configuration from the environment: `SANDBOX_ADDR` (default 127.0.0.1:8090),
//! `SANDBOX_CLIENT_ID`, `SANDBOX_CLIENT_SECRET`, `SANDBOX_DB` (the SQLite file orders, tokens
//! and sessions live in, default `sandbox.sqlite` in the working directory),
//! `SANDBOX_CLOCK_CONTROL=1` (mount `POST /__admin/clock/advance`).

use checkout_sandbox::{Config, Sandbox};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .json()
        .init();
    let addr = std::env::var("SANDBOX_ADDR").unwrap_or_else(|_| "127.0.0.1:8090".into());
    let mut config = Config::default();
    if let Ok(id) = std::env::var("SANDBOX_CLIENT_ID") {
        config.client_id = id;
    }
    if let Ok(secret) = std::env::var("SANDBOX_CLIENT_SECRET") {
        config.client_secret = secret;
    }
    config.clock_control = std::env::var("SANDBOX_CLOCK_CONTROL").is_ok_and(|v| v == "1");
    let db = std::env::var("SANDBOX_DB").unwrap_or_else(|_| "sandbox.sqlite".into());
    let sandbox = Sandbox::open(config, &db)
        .await
        .map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!(addr = %listener.local_addr()?, db, "sandbox listening");
    checkout_sandbox::serve(listener, sandbox).await
}
