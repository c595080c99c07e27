//! The sandbox's shared state: its configuration, clock, credentials, counters and store. One
//! value, cheap to clone, that every handler takes as axum state.

use crate::auth::Credentials;
use crate::clock::Clock;
use crate::error::SandboxError;
use crate::store::{Store, StoreError};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::SqliteConnection;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The credentials the sandbox accepts from its one configured client (the proxy).
#[derive(Debug, Clone)]
pub struct Config {
    pub client_id: String,
    pub client_secret: String,
    /// Key the sandbox signs its session JWTs with.
    pub signing_key: Vec<u8>,
    /// Mount `POST /__admin/clock/advance` (tests and demos fast-forward across deadlines).
    /// Off by default: without it the admin paths answer 404.
    pub clock_control: bool,
}

impl Default for Config {
    /// The development credentials `scripts/run` and the tests use.
    fn default() -> Self {
        Self {
            client_id: "checkout-dev".into(),
            client_secret: "sandbox-dev-secret".into(),
            signing_key: b"sandbox-dev-signing-key".to_vec(),
            clock_control: false,
        }
    }
}

/// Shared sandbox state. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Sandbox {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) config: Config,
    /// Issued OAuth2 access tokens and sessions (in the store, indexed in memory).
    pub(crate) credentials: Credentials,
    pub(crate) serviceability_calls: AtomicU64,
    pub(crate) session_calls: AtomicU64,
    /// Product orders created (not read back by a repeated externalId).
    pub(crate) product_orders_created: AtomicU64,
    /// Every deadline is judged against this, never the system clock.
    pub(crate) clock: Clock,
    /// Orders, holds, inventory, tokens and sessions: everything a restart must not lose.
    pub(crate) store: Store,
}

impl Sandbox {
    /// A sandbox with a private in-memory store: nothing survives it, nothing is shared
    /// between two of them (what tests want). Opens the store on first use, so this needs no
    /// runtime and cannot fail.
    pub fn new(config: Config) -> Self {
        Self::with_store(config, Store::memory())
    }

    /// A sandbox whose orders, holds, number inventory, tokens and sessions live in the SQLite
    /// file at `db` (created and migrated if needed), so they survive a restart: the bearer
    /// and session-id a client held before still work after it.
    pub async fn open(config: Config, db: impl AsRef<Path>) -> Result<Self, StoreError> {
        let store = Store::open(db.as_ref()).await?;
        let clock = Clock::default();
        let credentials = Credentials::load(&store, clock.now()).await?;
        Ok(Self::build(config, store, clock, credentials))
    }

    fn with_store(config: Config, store: Store) -> Self {
        // A fresh in-memory store holds no tokens or sessions yet.
        Self::build(config, store, Clock::default(), Credentials::default())
    }

    fn build(config: Config, store: Store, clock: Clock, credentials: Credentials) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                credentials,
                serviceability_calls: AtomicU64::new(0),
                session_calls: AtomicU64::new(0),
                product_orders_created: AtomicU64::new(0),
                clock,
                store,
            }),
        }
    }

    /// Close the store, waiting for operations in flight (before reopening the same file).
    pub async fn close(&self) {
        self.inner.store.close().await;
    }

    /// The sandbox's "now" (real time plus whatever it was fast-forwarded).
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    /// Fast-forward the sandbox clock, as `POST /__admin/clock/advance` does, for tests that
    /// embed the sandbox. Negative amounts are ignored: the clock never runs backwards.
    pub fn advance_clock(&self, by: TimeDelta) {
        if by > TimeDelta::zero() {
            self.inner.clock.advance(by);
        }
    }

    pub(crate) fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// How many serviceability checks reached the sandbox: lets tests prove that bad input
    /// never leaves the proxy.
    pub fn serviceability_calls(&self) -> u64 {
        self.inner.serviceability_calls.load(Ordering::Relaxed)
    }

    /// Every session-id issued so far, including those a file database kept from before a
    /// restart (lets tests prove none leaks to the browser).
    pub fn issued_session_ids(&self) -> Vec<String> {
        self.inner.credentials.session_ids()
    }

    /// How many orders TMF-622 productOrder (or `/v1/order/submit`) created since this
    /// sandbox started: a repeated `externalId` reads the first order back and does not count,
    /// so tests can prove a submit happened exactly once.
    pub fn product_orders_created(&self) -> u64 {
        self.inner.product_orders_created.load(Ordering::Relaxed)
    }

    /// How many `POST /session` calls reached the sandbox.
    pub fn session_calls(&self) -> u64 {
        self.inner.session_calls.load(Ordering::Relaxed)
    }
}

impl Sandbox {
    /// Run one engine operation in one transaction and commit it. An error returns before the
    /// commit, and dropping the transaction rolls it back, so a refused operation leaves no
    /// trace; the engine's functions rely on it to happen whole or not at all.
    pub(crate) async fn in_tx<T>(
        &self,
        op: impl AsyncFnOnce(&mut SqliteConnection) -> Result<T, SandboxError>,
    ) -> Result<T, SandboxError> {
        let mut tx = self.store().begin().await?;
        let out = op(&mut tx).await?;
        tx.commit().await?;
        Ok(out)
    }
}
