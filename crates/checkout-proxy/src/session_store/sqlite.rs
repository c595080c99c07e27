//! Sessions in a SQLite file (`DATABASE_URL=sqlite:…`), which several processes on one host
//! can share, or in a `sqlite::memory:` database. Reads of a file go through a connection of
//! our own, in place on the request's thread: a read of a WAL database waits for no writer and
//! takes microseconds, while through sqlx it is a hop to the connection's worker thread and
//! back, queued behind the pool (docs/decisions/0005-session-storage.md). Writes stay with
//! sqlx, off the request's thread, since a commit may have to checkpoint the log.

use super::{
    Idle, SessionStore, Store, StoreError, db_delete, db_ping, db_put, db_sweep, db_take, migrator,
    settle_read,
};
use crate::pg_readers::READ_SESSION;
use crate::server_session::ServerSession;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

#[derive(Debug)]
pub(crate) struct SqliteStore {
    store: Store,
    /// The in-place reader, for a file (`sqlite::memory:` has none and reads through sqlx).
    reader: Option<Mutex<rusqlite::Connection>>,
    idle: Idle,
}

impl SqliteStore {
    /// Open (creating if missing) and migrate the database at `url`.
    pub(crate) async fn open(url: &str, idle: Idle) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5));
        let pool = open_file(&options).await?;
        migrate(&pool).await?;
        let path = options.get_filename();
        let reader = if path.is_file() {
            Some(Mutex::new(open_reader(path)?))
        } else {
            None
        };
        Ok(Self {
            store: Store::Sqlite(pool),
            reader,
            idle,
        })
    }

    /// The pool, for the idempotency records kept in the same database.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Whether reads go through the in-place reader (a file), for tests.
    #[cfg(test)]
    pub(crate) fn reads_in_place(&self) -> bool {
        self.reader.is_some()
    }

    async fn read(&self, key: &str) -> Result<Option<(String, i64)>, StoreError> {
        if let Some(reader) = &self.reader {
            use rusqlite::OptionalExtension;
            let conn = reader.lock().unwrap_or_else(PoisonError::into_inner);
            let mut query =
                conn.prepare_cached("SELECT data, last_seen FROM sessions WHERE key = ?1")?;
            return Ok(query
                .query_row([key], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?);
        }
        let Store::Sqlite(pool) = &self.store else {
            return Ok(None);
        };
        Ok(sqlx::query_as(READ_SESSION)
            .bind(key)
            .fetch_optional(pool)
            .await?)
    }
}

impl SessionStore for SqliteStore {
    async fn get(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        let read = self.read(key).await?;
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

/// A read-only connection to the session file (already in WAL mode: sqlx set it).
fn open_reader(path: &std::path::Path) -> Result<rusqlite::Connection, StoreError> {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Only while another connection recovers or resets the log; never for long.
    conn.busy_timeout(Duration::from_secs(1))?;
    Ok(conn)
}

/// Whether SQLite refused for a lock another connection holds (`SQLITE_BUSY` and its extended
/// codes, whose low byte is 5).
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == 5),
        _ => false,
    }
}

/// The pool on a SQLite file, made with its first connection. Opening a new file switches it
/// to WAL, which takes an exclusive lock SQLite does not wait for (the busy timeout does not
/// apply): a second proxy starting on the same new file at that moment is told "database is
/// locked" at once, and would fail to start. The lock is held only while the first one
/// switches, so trying again shortly succeeds.
async fn open_file(options: &SqliteConnectOptions) -> Result<SqlitePool, StoreError> {
    let mut attempt = 1;
    loop {
        let opened = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await;
        match opened {
            Err(e) if is_busy(&e) && attempt < 20 => {
                tracing::info!(attempt, error = %e, "session store busy while opening; trying again");
                tokio::time::sleep(Duration::from_millis(20 * attempt)).await;
                attempt += 1;
            }
            opened => return Ok(opened?),
        }
    }
}

/// Several proxies may start on one SQLite file at once, and sqlx's migration lock is a no-op
/// on SQLite: two can both find a migration unapplied, and the slower one then fails ("table
/// already exists") once the faster commits. Looking again sees it applied.
pub(crate) async fn migrate(pool: &SqlitePool) -> Result<(), StoreError> {
    let migrator = migrator([
        include_str!("../../migrations/sqlite/0001_sessions.sql"),
        include_str!("../../migrations/sqlite/0002_idempotency.sql"),
    ]);
    let mut attempt = 1;
    loop {
        match migrator.run(pool).await {
            Ok(()) => return Ok(()),
            Err(e) if attempt < 5 => {
                tracing::info!(attempt, error = %e, "session store migration raced; looking again");
                tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
                attempt += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
}
