//! Where the sandbox keeps orders, holds, inventory, tokens and sessions: SQLite through sqlx,
//! schema from the embedded migrations in `migrations/`.
//!
//! Two shapes: a private in-memory database (what `Sandbox::new` gives every test, so tests
//! never share state) and a file that survives restarts (what the binary uses). Every order
//! operation runs in one `BEGIN IMMEDIATE` transaction: SQLite then takes the write lock up
//! front, so two racing transactions serialise instead of failing on a lock upgrade, and an
//! error anywhere rolls the whole operation back when the transaction is dropped.
//!
//! The file has exactly one connection, for the latency tail (`docs/performance.md`,
//! "Sandbox load"): every operation is a write, and with several connections the writers
//! that lost the race for the lock slept in SQLite's busy handler, whose back-off (1, 2, 5,
//! 10 … ms) woke them long after the lock was free; with one connection they wait in the
//! pool's queue and get the connection the moment it is returned. WAL checkpoints stay
//! SQLite's own (every 1000 pages, inside the commit that crosses it): moving them to a
//! background connection kept them off the request path, but that connection stopped SQLite
//! from ever starting the WAL over, and the file grew for as long as the load lasted.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use std::path::Path;
use std::time::Duration;
use tokio::sync::OnceCell;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the sandbox database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("cannot migrate the sandbox database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

#[derive(Debug)]
pub struct Store {
    pool: SqlitePool,
    /// Set once the migrations ran: eagerly for a file, on first use for memory (so that
    /// `Sandbox::new` can stay synchronous).
    migrated: OnceCell<()>,
}

impl Store {
    /// A fresh private in-memory database, opened on first use.
    pub fn memory() -> Self {
        // Each connection to `:memory:` is its own database, so the pool holds exactly one
        // connection and never lets it go (no idle timeout, no max lifetime).
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(0)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_lazy_with(SqliteConnectOptions::new().in_memory(true));
        Self {
            pool,
            migrated: OnceCell::new(),
        }
    }

    /// The database file at `path` (created if missing), migrated to the current schema.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            // WAL lets readers proceed while one writer commits; NORMAL is durable across a
            // process crash in WAL mode, which is all a sandbox needs.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            // The pool's one connection never waits on itself; this covers anyone inspecting
            // the file with the sqlite3 shell meanwhile.
            .busy_timeout(Duration::from_secs(10));
        // One connection for good (no idle timeout, no max lifetime): every operation is a
        // write, and writers queue here instead of in SQLite's busy handler (module docs).
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self {
            pool,
            migrated: OnceCell::new_with(Some(())),
        })
    }

    /// Begin a write transaction (see the module docs for why IMMEDIATE).
    pub async fn begin(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.migrated
            .get_or_try_init(|| async {
                MIGRATOR
                    .run(&self.pool)
                    .await
                    .map_err(|e| sqlx::Error::Migrate(Box::new(e)))
            })
            .await?;
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// Close every connection, waiting for work in flight (lets a test reopen the file).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
