//! Sessions in Postgres (`DATABASE_URL=postgres://…`), which any number of proxy replicas
//! behind a load balancer share (DESIGN §7). Reads go through connections of their own
//! (pg_readers.rs says why); writes through sqlx's pool.

use super::{
    Idle, SessionStore, Store, StoreError, db_delete, db_ping, db_put, db_sweep, db_take, migrator,
    settle_read,
};
use crate::pg_readers::PgReaders;
use crate::server_session::ServerSession;
use sqlx::Connection;
use sqlx::postgres::PgPoolOptions;
use std::time::Duration;

/// A Postgres connection idle for less than this is used without a ping (HikariCP trusts
/// 500 ms the same way); under load that skips one round trip per query. Also the readers'.
const PG_TRUSTED_IDLE: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub(crate) struct PostgresStore {
    store: Store,
    reader: PgReaders,
    idle: Idle,
}

impl PostgresStore {
    /// Connect to `url` and bring its schema up to date.
    pub(crate) async fn connect(url: &str, idle: Idle) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(5))
            // sqlx pings every connection it hands out by default: a second round trip on
            // every session read (docs/decisions/0005-session-storage.md). A connection in use
            // a moment ago is alive; one idle for a while (Postgres may have been restarted
            // meanwhile) is still checked, and replaced if it fails.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > PG_TRUSTED_IDLE {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .connect(url)
            .await?;
        migrator([
            include_str!("../../migrations/postgres/0001_sessions.sql"),
            include_str!("../../migrations/postgres/0002_idempotency.sql"),
        ])
        .run(&pool)
        .await?;
        Ok(Self {
            reader: PgReaders::new(pool.clone(), PG_TRUSTED_IDLE),
            store: Store::Postgres(pool),
            idle,
        })
    }

    /// The pool, for the idempotency records kept in the same database.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }
}

impl SessionStore for PostgresStore {
    async fn get(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        let read = self.reader.read(key).await?;
        settle_read(&self.store, self.idle, key, read).await
    }

    async fn put(&self, key: &str, session: &ServerSession) -> Result<(), StoreError> {
        db_put(&self.store, key, session).await
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        db_delete(&self.store, key).await
    }

    async fn take(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        db_take(&self.store, key, self.idle).await
    }

    async fn sweep(&self) -> Result<u64, StoreError> {
        db_sweep(&self.store, self.idle).await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        db_ping(&self.store).await
    }
}
