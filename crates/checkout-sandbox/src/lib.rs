//! A simulated back office: the upstream the checkout runs against when no real BSS is
//! configured, in development, in every test, and for integrators (like a payment provider's
//! test mode).
//!
//! It behaves as the seeds say the real systems do, including their failures, which documented
//! "magic" inputs reproduce (see `docs/sandbox.md`). It must never be reachable from outside
//! the machine by default: it binds 127.0.0.1.

mod admin;
mod auth;
mod billing_accounts;
mod bundles;
mod catalogue;
mod checkout_routes;
mod client_session;
mod clock;
pub mod contract;
mod credit;
mod error;
mod fulfillment;
mod fulfillment_state;
mod identity;
mod identity_routes;
mod input;
mod jm_pa_order;
mod kiosk_routes;
mod magic;
mod market_address;
mod money;
mod numbers;
mod order_routes;
mod order_rows;
mod order_view;
mod orders;
mod product_order;
mod quote;
mod routes;
mod slot_calendar;
mod slots;
mod staff;
mod state;
mod store;
mod validation;

pub use checkout_routes::OPENAPI;
pub use routes::{SERVER_TIME, router};
pub use store::StoreError;

pub use state::{Config, Sandbox};

/// Serve the sandbox on an already-bound listener until the future is dropped.
pub async fn serve(listener: tokio::net::TcpListener, sandbox: Sandbox) -> std::io::Result<()> {
    axum::serve(listener, router(sandbox)).await
}
