//! A simulated back office: the upstream the checkout runs against when no real BSS is
//! configured, in development, in every test, and for integrators (like a payment provider's
//! test mode).
//!
//! It behaves as the seeds say the real systems do, including their failures, which documented
//! "magic" inputs reproduce (see `docs/sandbox.md`). It must never be reachable from outside
//! the machine by default: it binds 127.0.0.1.

mod auth;
mod error;
mod magic;
mod routes;

pub use routes::router;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The credentials the sandbox accepts from its one configured client (the proxy).
#[derive(Debug, Clone)]
pub struct Config {
    pub client_id: String,
    pub client_secret: String,
    /// Key the sandbox signs its session JWTs with.
    pub signing_key: Vec<u8>,
}

impl Default for Config {
    /// The development credentials `scripts/run` and the tests use.
    fn default() -> Self {
        Self {
            client_id: "checkout-dev".into(),
            client_secret: "sandbox-dev-secret".into(),
            signing_key: b"sandbox-dev-signing-key".to_vec(),
        }
    }
}

/// Shared sandbox state. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    /// Issued OAuth2 access tokens.
    tokens: Mutex<HashMap<String, ()>>,
    /// session-id → the client-id it was issued to.
    sessions: Mutex<HashMap<String, String>>,
    serviceability_calls: AtomicU64,
    session_calls: AtomicU64,
}

impl Sandbox {
    pub fn new(config: Config) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                tokens: Mutex::default(),
                sessions: Mutex::default(),
                serviceability_calls: AtomicU64::new(0),
                session_calls: AtomicU64::new(0),
            }),
        }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// How many serviceability checks reached the sandbox: lets tests prove that bad input
    /// never leaves the proxy.
    pub fn serviceability_calls(&self) -> u64 {
        self.inner.serviceability_calls.load(Ordering::Relaxed)
    }

    /// Every session-id issued so far (lets tests prove none leaks to the browser).
    pub fn issued_session_ids(&self) -> Vec<String> {
        self.inner
            .sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .keys()
            .cloned()
            .collect()
    }

    /// How many `POST /session` calls reached the sandbox.
    pub fn session_calls(&self) -> u64 {
        self.inner.session_calls.load(Ordering::Relaxed)
    }
}

/// Serve the sandbox on an already-bound listener until the future is dropped.
pub async fn serve(listener: tokio::net::TcpListener, sandbox: Sandbox) -> std::io::Result<()> {
    axum::serve(listener, router(sandbox)).await
}
