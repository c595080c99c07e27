//! Browser sessions: an opaque random cookie bound to server-side state (the upstream
//! session-id, later the order and conversation ids). The browser never sees what it is bound to.
//! The state lives in a database (`DATABASE_URL`: Postgres shared by replicas, or a SQLite
//! file) as JSON text; with no database named, in this process's own memory.

use crate::config::{SameSite, Secret, is_postgres_url};
use crate::pg_readers::{PgReaders, READ_SESSION};
use crate::session_steps::{Identity, Steps};
use axum::http::{HeaderMap, HeaderValue, header};
use checkout_core::cart::Cart;
use checkout_core::{Market, StreetAddress, Technology};
use serde::{Deserialize, Serialize};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
};
use sqlx::{ConnectOptions, Connection};
use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// A Postgres connection idle for less than this is used without a ping (HikariCP trusts
/// 500 ms the same way); under load that skips one round trip per query. Also the readers'
/// (pg_readers.rs).
const PG_TRUSTED_IDLE: Duration = Duration::from_secs(1);

/// Server-side state of one browser session: what upstream handed out, and the facts later
/// calls need (which address, which order), so the browser never has to send them back.
/// Stored as JSON in the session table; `Debug` still never shows the upstream id.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServerSession {
    #[serde(with = "crate::secret::secret_text", default)]
    pub upstream_session_id: Option<Secret>,
    /// The address found serviceable, and by what.
    #[serde(default)]
    pub eligible: Option<EligibleAddress>,
    /// The upstream order holding the customer's cart.
    #[serde(default)]
    pub order: Option<HeldOrder>,
    /// The identity step, once passed (survives a new cart: it is about the person).
    #[serde(default)]
    pub identity: Option<Identity>,
    /// The steps after the cart, for the order held now.
    #[serde(default)]
    pub steps: Steps,
    /// A productOrder whose answer was lost, until the back office is asked again and says
    /// (place_order.rs). While it is set, nothing may re-quote, re-hold or order again.
    #[serde(default)]
    pub pending_order: Option<crate::session_steps::PendingOrder>,
    /// The answer of the order placed on the held cart (`OrderPlaced` JSON): another tab's
    /// (or key's) place-order for the same cart gets it too, not a second order or a refusal.
    /// Cleared when a new cart is held.
    #[serde(default)]
    pub placed_order: Option<String>,
    /// An order placed whose held order was not confirmed: the contact to confirm it with,
    /// tried again when the order's status is asked for.
    #[serde(default)]
    pub pending_confirm: Option<serde_json::Value>,
    /// The credit check refused this browser session's customer: it stays refused for every
    /// cart held in the session, whatever is typed next (docs/sandbox.md, "Credit").
    #[serde(default)]
    pub credit_refused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibleAddress {
    pub address: StreetAddress,
    pub technology: Technology,
    /// Which market's order body to build (absent in sessions stored before it was kept).
    #[serde(default)]
    pub market: Option<Market>,
    /// The eligibility answer's existing-customer warning (seed 004 ORV59I).
    #[serde(default)]
    pub existing_customer: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeldOrder {
    pub id: String,
    /// The cart as the rules accepted it when it was held (re-checked when read back).
    pub cart: Cart,
    /// The address, market and technology the cart was held for: the order is placed there,
    /// whatever the session's address says later. `None` only in sessions stored before it
    /// was kept; such an order must be held again before it can be placed.
    #[serde(default)]
    pub at: Option<EligibleAddress>,
}

/// A failure of the session store. Never carries session contents.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("session database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("session database read: {0}")]
    Read(#[from] rusqlite::Error),
    #[error("session database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("session state could not be encoded")]
    Encode,
    #[error("DATABASE_URL must start with postgres://, postgresql:// or sqlite:")]
    UnknownScheme,
}

/// Where sessions live: one SQLite database (a file, or in memory for a single process), or
/// Postgres, which any number of replicas share.
#[derive(Debug, Clone)]
pub(crate) enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Run one sqlx expression on whichever pool the store holds: the SQL is written once, with
/// `$N` parameters (both SQLite and Postgres read them), and compiled once per backend.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            $crate::session::Store::Sqlite($pool) => $body,
            $crate::session::Store::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Browser sessions by cookie key. A session nobody has used for `idle_timeout` is gone: its
/// cookie then starts afresh, and its upstream ids are no longer kept.
#[derive(Debug, Clone)]
pub struct Sessions {
    /// The database: sessions (unless `local`) and idempotency records.
    pub(crate) store: Store,
    /// With no database named, the sessions themselves: no other process can see them, so
    /// nothing is gained by a database round trip, and that round trip (a hop to sqlx's
    /// SQLite worker thread and back, queued behind one connection) was the bulk of the
    /// proxy's CPU per request (docs/decisions/0005-session-storage.md).
    local: Option<Arc<Mutex<HashMap<String, LocalSession>>>>,
    /// With a SQLite file, the connection session reads go through, in place on the request's
    /// own thread: a read of a WAL database waits for no writer and takes microseconds, while
    /// through sqlx it is a hop to the connection's worker thread and back, queued behind the
    /// pool (docs/decisions/0005-session-storage.md). Writes stay with sqlx, off the request's
    /// thread, since a commit may have to checkpoint the log.
    reader: Option<Arc<Mutex<rusqlite::Connection>>>,
    /// With Postgres, the connections session reads go through (pg_readers.rs says why).
    pg_reader: Option<Arc<PgReaders>>,
    idle_timeout: Duration,
    /// In memory only: the connection that keeps the database alive (see `connect`). Shared
    /// (never locked) only so that `Sessions` stays `Clone`.
    _keeper: Option<Arc<Mutex<SqliteConnection>>>,
}

/// A session held in this process, with when it was last used.
#[derive(Debug)]
struct LocalSession {
    session: ServerSession,
    last_seen: i64,
}

/// The cookie's name: `__Host-` binds it to our exact origin, but browsers only accept that
/// prefix together with `Secure`, which plain-HTTP local runs cannot use.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-checkout"
    } else {
        "checkout"
    }
}

/// The embedded migrations of one backend (the SQL differs a little between them), in order.
fn migrator(sql: [&'static str; 2]) -> Migrator {
    let names = ["sessions", "idempotency"];
    Migrator {
        migrations: Cow::Owned(
            (1..)
                .zip(names.into_iter().zip(sql))
                .map(|(version, (name, sql))| {
                    Migration::new(
                        version,
                        Cow::Borrowed(name),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect(),
        ),
        ignore_missing: false,
        locking: true,
        no_tx: false,
    }
}

/// Wall-clock milliseconds: replicas share `last_seen`, so a process-local clock will not do.
pub(crate) fn now_ms() -> i64 {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

/// Whether SQLite refused for a lock another connection holds (`SQLITE_BUSY` and its extended
/// codes, whose low byte is 5).
fn is_sqlite_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == 5),
        _ => false,
    }
}

impl Sessions {
    /// Connect to `database_url` (Postgres or SQLite) and bring its schema up to date; with
    /// none, sessions in a map and idempotency records in a private in-memory SQLite
    /// database, both living as long as this process.
    pub async fn connect(
        database_url: Option<&Secret>,
        idle_timeout: Duration,
    ) -> Result<Self, StoreError> {
        let mut keeper = None;
        let mut reader = None;
        let mut pg_reader = None;
        let store = match database_url.map(Secret::expose) {
            Some(url) if is_postgres_url(url) => {
                let pool = PgPoolOptions::new()
                    .max_connections(10)
                    .acquire_timeout(Duration::from_secs(5))
                    // sqlx pings every connection it hands out by default: a second round
                    // trip on every session read (docs/decisions/0005-session-storage.md).
                    // A connection in use a moment ago is alive; one idle for a while
                    // (Postgres may have been restarted meanwhile) is still checked, and
                    // replaced if it fails.
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
                    include_str!("../migrations/postgres/0001_sessions.sql"),
                    include_str!("../migrations/postgres/0002_idempotency.sql"),
                ])
                .run(&pool)
                .await?;
                pg_reader = Some(Arc::new(PgReaders::new(pool.clone(), PG_TRUSTED_IDLE)));
                Store::Postgres(pool)
            }
            Some(url) if url.starts_with("sqlite:") => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(Duration::from_secs(5));
                let pool = Self::open_sqlite_file(&options).await?;
                Self::migrate_sqlite(&pool).await?;
                // A file: `sqlite::memory:` named here has none, and is read through sqlx.
                let path = options.get_filename();
                if path.is_file() {
                    reader = Some(Arc::new(Mutex::new(Self::open_reader(path)?)));
                }
                Store::Sqlite(pool)
            }
            Some(_) => return Err(StoreError::UnknownScheme),
            None => {
                // sqlx names each `sqlite::memory:` database (shared cache), so every
                // connection made from these options opens the same one; but it lives only
                // while some connection to it is open. The pool's one connection may be closed
                // by sqlx at any time (a request dropped mid-query) and replaced: a connection
                // the pool never hands out keeps the database alive meanwhile.
                let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
                keeper = Some(Arc::new(Mutex::new(options.connect().await?)));
                let pool = SqlitePoolOptions::new()
                    .max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect_with(options)
                    .await?;
                Self::migrate_sqlite(&pool).await?;
                Store::Sqlite(pool)
            }
        };
        Ok(Self {
            local: keeper.is_some().then(Arc::default),
            reader,
            pg_reader,
            store,
            idle_timeout,
            _keeper: keeper,
        })
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

    /// The stored data and `last_seen` of a session, by whichever way reads go.
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
        if let Some(reader) = &self.pg_reader {
            return Ok(reader.read(key).await?);
        }
        Ok(on_pool!(&self.store, pool => {
            sqlx::query_as(READ_SESSION)
                .bind(key)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// The pool on a SQLite file, made with its first connection. Opening a new file switches
    /// it to WAL, which takes an exclusive lock SQLite does not wait for (the busy timeout does
    /// not apply): a second proxy starting on the same new file at that moment is told
    /// "database is locked" at once, and would fail to start. The lock is held only while the
    /// first one switches, so trying again shortly succeeds.
    async fn open_sqlite_file(options: &SqliteConnectOptions) -> Result<SqlitePool, StoreError> {
        let mut attempt = 1;
        loop {
            let opened = SqlitePoolOptions::new()
                .max_connections(4)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options.clone())
                .await;
            match opened {
                Err(e) if is_sqlite_busy(&e) && attempt < 20 => {
                    tracing::info!(attempt, error = %e, "session store busy while opening; trying again");
                    tokio::time::sleep(Duration::from_millis(20 * attempt)).await;
                    attempt += 1;
                }
                opened => return Ok(opened?),
            }
        }
    }

    /// Several proxies may start on one SQLite file at once, and sqlx's migration lock is a
    /// no-op on SQLite: two can both find a migration unapplied, and the slower one then fails
    /// ("table already exists") once the faster commits. Looking again sees it applied.
    async fn migrate_sqlite(pool: &SqlitePool) -> Result<(), StoreError> {
        let migrator = migrator([
            include_str!("../migrations/sqlite/0001_sessions.sql"),
            include_str!("../migrations/sqlite/0002_idempotency.sql"),
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

    /// The oldest `last_seen` still counted as in use.
    fn cutoff(&self, now: i64) -> i64 {
        let idle = i64::try_from(self.idle_timeout.as_millis()).unwrap_or(i64::MAX);
        now.saturating_sub(idle)
    }

    /// How stale `last_seen` may get before a read writes it again. Renewing on every read
    /// made every API call a database write (the proxy's hottest cost under load); renewing
    /// at most every twentieth of the idle timeout keeps reads read-only, at the price of a
    /// session ending up to that much earlier than the full timeout after its last use.
    fn touch_interval(&self) -> i64 {
        i64::try_from(self.idle_timeout.as_millis() / 20).unwrap_or(i64::MAX)
    }

    /// The session, if it exists and was used within the idle timeout (using it renews it).
    pub async fn get(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        let now = now_ms();
        let cutoff = self.cutoff(now);
        if let Some(local) = &self.local {
            let mut map = local.lock().unwrap_or_else(PoisonError::into_inner);
            return Ok(match map.get_mut(key) {
                None => None,
                Some(held) if held.last_seen <= cutoff => {
                    map.remove(key);
                    None
                }
                Some(held) => {
                    held.last_seen = now;
                    Some(held.session.clone())
                }
            });
        }
        let data = match self.read(key).await? {
            None => return Ok(None),
            Some((_, last_seen)) if last_seen <= cutoff => {
                // Unless another request renewed it meanwhile.
                on_pool!(&self.store, pool => {
                    sqlx::query("DELETE FROM sessions WHERE key = $1 AND last_seen <= $2")
                        .bind(key)
                        .bind(cutoff)
                        .execute(pool)
                        .await?
                        .rows_affected()
                });
                return Ok(None);
            }
            Some((data, last_seen)) => {
                if last_seen < now.saturating_sub(self.touch_interval()) {
                    // Unless it went idle meanwhile (another replica may have swept it).
                    on_pool!(&self.store, pool => {
                        sqlx::query(
                            "UPDATE sessions SET last_seen = $1 WHERE key = $2 AND last_seen > $3",
                        )
                        .bind(now)
                        .bind(key)
                        .bind(cutoff)
                        .execute(pool)
                        .await?
                        .rows_affected()
                    });
                }
                data
            }
        };
        Ok(match serde_json::from_str(&data) {
            Ok(s) => Some(s),
            Err(_) => {
                // Say nothing of the contents (they hold an upstream id): a stored session that
                // no longer reads (say, a rule changed under a held cart) starts afresh.
                tracing::warn!("unreadable stored session; starting afresh");
                None
            }
        })
    }

    /// Store (or replace) a session, as just used.
    pub async fn put(&self, key: &str, s: &ServerSession) -> Result<(), StoreError> {
        if let Some(local) = &self.local {
            let held = LocalSession {
                session: s.clone(),
                last_seen: now_ms(),
            };
            local
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(key.to_owned(), held);
            return Ok(());
        }
        let data = serde_json::to_string(s).map_err(|_| StoreError::Encode)?;
        let now = now_ms();
        on_pool!(&self.store, pool => {
            sqlx::query(
                "INSERT INTO sessions (key, data, last_seen) VALUES ($1, $2, $3) \
                 ON CONFLICT (key) DO UPDATE SET data = excluded.data, \
                 last_seen = excluded.last_seen",
            )
            .bind(key)
            .bind(&data)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(())
    }

    /// Forget a session now (the old key after a rotation).
    pub async fn delete(&self, key: &str) -> Result<(), StoreError> {
        if let Some(local) = &self.local {
            local
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(key);
            return Ok(());
        }
        on_pool!(&self.store, pool => {
            sqlx::query("DELETE FROM sessions WHERE key = $1")
                .bind(key)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Forget every idle session; returns how many went.
    pub async fn sweep(&self) -> Result<u64, StoreError> {
        let cutoff = self.cutoff(now_ms());
        if let Some(local) = &self.local {
            let mut map = local.lock().unwrap_or_else(PoisonError::into_inner);
            let before = map.len();
            map.retain(|_, held| held.last_seen > cutoff);
            return Ok(u64::try_from(before - map.len()).unwrap_or(u64::MAX));
        }
        Ok(on_pool!(&self.store, pool => {
            sqlx::query("DELETE FROM sessions WHERE last_seen <= $1")
                .bind(cutoff)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    /// Whether the store answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(&self.store, pool => sqlx::query("SELECT 1").execute(pool).await?.rows_affected());
        Ok(())
    }

    /// A new random session key.
    pub fn new_key() -> String {
        format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        )
    }
}

/// The session key the browser presented, if any.
pub fn key_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// `Set-Cookie` for a session key.
pub fn set_cookie(key: &str, secure: bool, same_site: SameSite) -> Option<HeaderValue> {
    let secure_attr = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={key}; Path=/; HttpOnly; SameSite={}{secure_attr}",
        cookie_name(secure),
        same_site.as_str()
    ))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_our_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; checkout=abc; b=2"),
        );
        assert_eq!(key_from(&h, false).as_deref(), Some("abc"));
        assert_eq!(key_from(&h, true), None);
    }

    /// A SQLite file removed when the test ends.
    struct TempDb(std::path::PathBuf);

    impl TempDb {
        fn new() -> Self {
            Self(std::env::temp_dir().join(format!(
                "checkout-session-unit-{}.sqlite",
                uuid::Uuid::new_v4()
            )))
        }

        fn url(&self) -> Secret {
            Secret::new(format!("sqlite:{}", self.0.display()))
        }
    }

    impl Drop for TempDb {
        fn drop(&mut self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
            }
        }
    }

    /// Replicas started together on a new SQLite file all start. Opening a new file switches
    /// it to WAL under a lock SQLite does not wait for, so without trying again some of these
    /// failed with "database is locked" (the cause of a flaky replica test).
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn replicas_opening_one_new_file_at_once_all_start() {
        for _ in 0..10 {
            let db = TempDb::new();
            let url = db.url();
            let opening: Vec<_> = (0..6)
                .map(|_| {
                    let url = url.clone();
                    tokio::spawn(async move {
                        Sessions::connect(Some(&url), Duration::from_secs(60)).await
                    })
                })
                .collect();
            for opened in opening {
                if let Err(e) = opened.await.unwrap() {
                    panic!("a replica did not start: {e}");
                }
            }
        }
    }

    /// The same behaviour is owed by both kinds of store: the process's own (no
    /// `DATABASE_URL`) and a database (here a SQLite file; Postgres in scripts/postgres-replicas).
    async fn both_stores(idle: Duration) -> (TempDb, Vec<(&'static str, Sessions)>) {
        let db = TempDb::new();
        let own = Sessions::connect(None, idle).await.unwrap();
        assert!(own.local.is_some());
        let file = Sessions::connect(Some(&db.url()), idle).await.unwrap();
        assert!(file.local.is_none() && file.reader.is_some());
        (db, vec![("in process", own), ("sqlite file", file)])
    }

    #[tokio::test]
    async fn an_idle_session_is_gone_and_a_used_one_stays() {
        let (_db, stores) = both_stores(Duration::from_millis(150)).await;
        for (kind, sessions) in stores {
            for key in ["idle", "busy"] {
                sessions.put(key, &ServerSession::default()).await.unwrap();
            }
            for _ in 0..4 {
                tokio::time::sleep(Duration::from_millis(60)).await;
                assert!(sessions.get("busy").await.unwrap().is_some(), "{kind}");
            }
            assert!(sessions.get("idle").await.unwrap().is_none(), "{kind}");
            tokio::time::sleep(Duration::from_millis(200)).await;
            assert_eq!(sessions.sweep().await.unwrap(), 1, "{kind}");
            assert!(sessions.get("busy").await.unwrap().is_none(), "{kind}");
        }
    }

    #[tokio::test]
    async fn a_session_round_trips_through_the_store_with_its_upstream_id() {
        let (_db, stores) = both_stores(Duration::from_secs(60)).await;
        for (kind, sessions) in stores {
            let s = ServerSession {
                upstream_session_id: Some(Secret::new("upstream-sid-123")),
                ..ServerSession::default()
            };
            sessions.put("k", &s).await.unwrap();
            let back = sessions.get("k").await.unwrap().unwrap();
            assert_eq!(
                back.upstream_session_id.as_ref().map(Secret::expose),
                Some("upstream-sid-123"),
                "{kind}"
            );
            assert!(!format!("{back:?}").contains("upstream-sid-123"));
            assert!(sessions.get("other").await.unwrap().is_none(), "{kind}");
            // A later put replaces the whole session; a delete forgets it.
            sessions.put("k", &ServerSession::default()).await.unwrap();
            let back = sessions.get("k").await.unwrap().unwrap();
            assert!(back.upstream_session_id.is_none(), "{kind}");
            sessions.delete("k").await.unwrap();
            assert!(sessions.get("k").await.unwrap().is_none(), "{kind}");
        }
    }

    /// Replicas on one SQLite file: what one writes (through sqlx) the other's in-place reader
    /// sees at its next read, replacements and deletions included.
    #[tokio::test]
    async fn a_replica_reads_what_another_just_wrote_to_the_same_file() {
        let db = TempDb::new();
        let idle = Duration::from_secs(60);
        let a = Sessions::connect(Some(&db.url()), idle).await.unwrap();
        let b = Sessions::connect(Some(&db.url()), idle).await.unwrap();
        assert!(b.get("k").await.unwrap().is_none());
        let with_id = |id: &str| ServerSession {
            upstream_session_id: Some(Secret::new(id)),
            ..ServerSession::default()
        };
        for id in ["first", "second"] {
            a.put("k", &with_id(id)).await.unwrap();
            let seen = b.get("k").await.unwrap().unwrap();
            assert_eq!(
                seen.upstream_session_id.as_ref().map(Secret::expose),
                Some(id)
            );
        }
        a.delete("k").await.unwrap();
        assert!(b.get("k").await.unwrap().is_none());
    }

    /// `sqlite::memory:` named in DATABASE_URL has no file to read in place: reads go through
    /// sqlx, and still find what was written.
    #[tokio::test]
    async fn an_in_memory_database_url_reads_through_sqlx() {
        let url = Secret::new("sqlite::memory:");
        let sessions = Sessions::connect(Some(&url), Duration::from_secs(60))
            .await
            .unwrap();
        assert!(sessions.reader.is_none());
        sessions.put("k", &ServerSession::default()).await.unwrap();
        assert!(sessions.get("k").await.unwrap().is_some());
    }

    /// A copy handed out is the caller's: changing it changes nothing stored until `put`.
    #[tokio::test]
    async fn changing_a_session_read_changes_nothing_until_it_is_put() {
        let (_db, stores) = both_stores(Duration::from_secs(60)).await;
        for (kind, sessions) in stores {
            sessions.put("k", &ServerSession::default()).await.unwrap();
            let mut read = sessions.get("k").await.unwrap().unwrap();
            read.upstream_session_id = Some(Secret::new("changed"));
            let again = sessions.get("k").await.unwrap().unwrap();
            assert!(again.upstream_session_id.is_none(), "{kind}");
        }
    }

    /// sqlx closes a pooled connection it cannot trust any more (a request dropped mid-query:
    /// a client that hangs up, a timeout) and opens a new one. An in-memory database lives only
    /// while a connection to it is open, so that once emptied the store: every idempotency
    /// record (and, then, session) gone, then "no such table" for every request (seen under
    /// load in bench/bench-proxy, when wrk hung up at the end of its warm-up).
    #[tokio::test]
    async fn the_in_memory_store_survives_its_pooled_connection_being_closed() {
        let sessions = Sessions::connect(None, Duration::from_secs(60))
            .await
            .unwrap();
        let first = sessions.claim("s", "key-1", "body").await.unwrap();
        assert_eq!(first, crate::idempotency::Claim::Claimed);
        let Store::Sqlite(pool) = &sessions.store else {
            panic!("in memory is SQLite")
        };
        pool.acquire().await.unwrap().close().await.unwrap();
        let again = sessions.claim("s", "key-1", "body").await.unwrap();
        assert_eq!(again, crate::idempotency::Claim::InFlight);
    }

    #[tokio::test]
    async fn an_unknown_database_scheme_is_refused() {
        let url = Secret::new("mysql://localhost/x");
        assert!(matches!(
            Sessions::connect(Some(&url), Duration::from_secs(1)).await,
            Err(StoreError::UnknownScheme)
        ));
    }

    #[test]
    fn secure_cookie_uses_the_host_prefix() {
        let v = set_cookie("k", true, SameSite::Strict).unwrap();
        let v = v.to_str().unwrap();
        assert!(v.starts_with("__Host-checkout=k"));
        assert!(v.contains("Secure") && v.contains("HttpOnly") && v.contains("Path=/"));
        assert!(v.contains("SameSite=Strict"));
    }
}
