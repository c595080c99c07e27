//! Where the sandbox keeps orders, holds and inventory: SQLite through sqlx, schema from the
//! embedded migrations in `migrations/`.
//!
//! Two shapes: a private in-memory database (what `Sandbox::new` gives every test, so tests
//! never share state) and a file that survives restarts (what the binary uses). Every order
//! operation runs in one `BEGIN IMMEDIATE` transaction: SQLite then takes the write lock up
//! front, so two racing transactions serialise instead of failing on a lock upgrade, and an
//! error anywhere rolls the whole operation back when the transaction is dropped.

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
            // Writers queue for the lock rather than failing at once under a burst.
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let migrated = OnceCell::new_with(Some(()));
        Ok(Self { pool, migrated })
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
