//! Where browser sessions live, behind one trait: in this process's memory (no
//! `DATABASE_URL`), in a SQLite file, or in Postgres, which any number of replicas share.
//! Each backend owes the same behaviour (a session idle for the timeout is gone, a read renews
//! it, a copy read is the caller's, a later put replaces the whole session), and one test
//! suite holds all three to it (`tests` below). The state is JSON text; `Debug` and errors
//! never show it, since it holds the upstream session id.

use crate::server_session::ServerSession;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;
use std::borrow::Cow;
use std::future::Future;
use std::time::Duration;

mod memory;
mod postgres;
pub(crate) mod sqlite;

pub(crate) use memory::MemoryStore;
pub(crate) use postgres::PostgresStore;
pub(crate) use sqlite::SqliteStore;

/// The sessions of every browser, by cookie key.
pub(crate) trait SessionStore: Send + Sync {
    /// The session, if it exists and was used within the idle timeout (using it renews it).
    fn get(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<ServerSession>, StoreError>> + Send;

    /// Store (or replace) a session, as just used.
    fn put(
        &self,
        key: &str,
        session: &ServerSession,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Forget a session now (the old key after a rotation).
    fn delete(&self, key: &str) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Forget a session now and answer it, if it was live: of any number of callers taking
    /// the same key at once, on any replica, exactly one gets it (a hand-off link is used once).
    fn take(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<ServerSession>, StoreError>> + Send;

    /// Forget every idle session; answers how many went.
    fn sweep(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Whether the store answers (for `/readyz`).
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
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

/// A database pool: SQLite (a file, or in memory for a single process) or Postgres. The
/// database stores and the idempotency records (idempotency.rs) run their SQL on it.
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
            $crate::session_store::Store::Sqlite($pool) => $body,
            $crate::session_store::Store::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Wall-clock milliseconds: replicas share `last_seen`, so a process-local clock will not do.
pub(crate) fn now_ms() -> i64 {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

/// When a session counts as idle, and when a read renews it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Idle {
    pub timeout: Duration,
}

impl Idle {
    /// The oldest `last_seen` still counted as in use.
    pub fn cutoff(self, now: i64) -> i64 {
        let idle = i64::try_from(self.timeout.as_millis()).unwrap_or(i64::MAX);
        now.saturating_sub(idle)
    }

    /// How stale `last_seen` may get before a read writes it again. Renewing on every read
    /// made every API call a database write (the proxy's hottest cost under load); renewing
    /// at most every twentieth of the idle timeout keeps reads read-only, at the price of a
    /// session ending up to that much earlier than the full timeout after its last use.
    pub fn touch_interval(self) -> i64 {
        i64::try_from(self.timeout.as_millis() / 20).unwrap_or(i64::MAX)
    }
}

/// A session's stored text, read back; one that no longer reads starts afresh.
fn decode(data: &str) -> Option<ServerSession> {
    match serde_json::from_str(data) {
        Ok(s) => Some(s),
        Err(_) => {
            // Say nothing of the contents (they hold an upstream id): a stored session that
            // no longer reads (say, a rule changed under a held cart) starts afresh.
            tracing::warn!("unreadable stored session; starting afresh");
            None
        }
    }
}

fn encode(session: &ServerSession) -> Result<String, StoreError> {
    serde_json::to_string(session).map_err(|_| StoreError::Encode)
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

/// The database half of a store's `get`: given what was read, drop it if idle, renew it if
/// its `last_seen` is getting old, and decode it. Shared by SQLite and Postgres.
async fn settle_read(
    store: &Store,
    idle: Idle,
    key: &str,
    read: Option<(String, i64)>,
) -> Result<Option<ServerSession>, StoreError> {
    let now = now_ms();
    let cutoff = idle.cutoff(now);
    let data = match read {
        None => return Ok(None),
        Some((_, last_seen)) if last_seen <= cutoff => {
            // Unless another request renewed it meanwhile.
            on_pool!(store, pool => {
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
            if last_seen < now.saturating_sub(idle.touch_interval()) {
                // Unless it went idle meanwhile (another replica may have swept it).
                on_pool!(store, pool => {
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
    Ok(decode(&data))
}

/// `put`, `delete`, `sweep` and `ping` on a database: the same SQL for SQLite and Postgres.
async fn db_put(store: &Store, key: &str, session: &ServerSession) -> Result<(), StoreError> {
    let data = encode(session)?;
    let now = now_ms();
    on_pool!(store, pool => {
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

async fn db_delete(store: &Store, key: &str) -> Result<(), StoreError> {
    on_pool!(store, pool => {
        sqlx::query("DELETE FROM sessions WHERE key = $1")
            .bind(key)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(())
}

async fn db_take(
    store: &Store,
    key: &str,
    idle: Idle,
) -> Result<Option<ServerSession>, StoreError> {
    let cutoff = idle.cutoff(now_ms());
    // One statement: the row goes to the one DELETE that finds it.
    let data: Option<String> = on_pool!(store, pool => {
        sqlx::query_scalar("DELETE FROM sessions WHERE key = $1 AND last_seen > $2 RETURNING data")
            .bind(key)
            .bind(cutoff)
            .fetch_optional(pool)
            .await?
    });
    Ok(data.as_deref().and_then(decode))
}

async fn db_sweep(store: &Store, idle: Idle) -> Result<u64, StoreError> {
    let cutoff = idle.cutoff(now_ms());
    Ok(on_pool!(store, pool => {
        sqlx::query("DELETE FROM sessions WHERE last_seen <= $1")
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected()
    }))
}

async fn db_ping(store: &Store) -> Result<(), StoreError> {
    on_pool!(store, pool => sqlx::query("SELECT 1").execute(pool).await?.rows_affected());
    Ok(())
}

/// One suite, three backends: each promise is a function over any `SessionStore`, run against
/// memory, a SQLite file, `sqlite::memory:` and a real Postgres (a private cluster started for
/// the test, as scripts/postgres-replicas does).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use std::path::PathBuf;
    use std::process::Command;

    const MINUTE: Duration = Duration::from_secs(60);

    fn idle(timeout: Duration) -> Idle {
        Idle { timeout }
    }

    fn with_id(id: &str) -> ServerSession {
        ServerSession {
            upstream_session_id: Some(Secret::new(id)),
            ..ServerSession::default()
        }
    }

    fn id_of(s: &ServerSession) -> Option<&str> {
        s.upstream_session_id.as_ref().map(Secret::expose)
    }

    /// A session round-trips with its upstream id, which `Debug` never shows; a later put
    /// replaces the whole session; a delete forgets it; an unknown key is none.
    async fn round_trip(kind: &str, store: &impl SessionStore) {
        store.put("k", &with_id("upstream-sid-123")).await.unwrap();
        let back = store.get("k").await.unwrap().unwrap();
        assert_eq!(id_of(&back), Some("upstream-sid-123"), "{kind}");
        assert!(!format!("{back:?}").contains("upstream-sid-123"), "{kind}");
        assert!(store.get("other").await.unwrap().is_none(), "{kind}");
        store.put("k", &ServerSession::default()).await.unwrap();
        let back = store.get("k").await.unwrap().unwrap();
        assert!(back.upstream_session_id.is_none(), "{kind}");
        store.delete("k").await.unwrap();
        assert!(store.get("k").await.unwrap().is_none(), "{kind}");
        store.ping().await.unwrap();
    }

    /// A copy handed out is the caller's: changing it changes nothing stored until `put`.
    async fn a_read_is_a_copy(kind: &str, store: &impl SessionStore) {
        store.put("c", &ServerSession::default()).await.unwrap();
        let mut read = store.get("c").await.unwrap().unwrap();
        read.upstream_session_id = Some(Secret::new("changed"));
        let again = store.get("c").await.unwrap().unwrap();
        assert!(again.upstream_session_id.is_none(), "{kind}");
    }

    /// With a 150 ms idle timeout: a session used every 60 ms stays, one left alone is gone,
    /// and a sweep after both went idle forgets what is left.
    async fn idle_sessions_go(kind: &str, store: &impl SessionStore) {
        for key in ["idle", "busy"] {
            store.put(key, &ServerSession::default()).await.unwrap();
        }
        for _ in 0..4 {
            tokio::time::sleep(Duration::from_millis(60)).await;
            assert!(store.get("busy").await.unwrap().is_some(), "{kind}");
        }
        assert!(store.get("idle").await.unwrap().is_none(), "{kind}");
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(store.sweep().await.unwrap(), 1, "{kind}");
        assert!(store.get("busy").await.unwrap().is_none(), "{kind}");
    }

    /// Two stores on one database (two replicas): what one writes the other reads at once,
    /// replacements and deletions included.
    async fn replicas_see_each_other(kind: &str, a: &impl SessionStore, b: &impl SessionStore) {
        assert!(b.get("r").await.unwrap().is_none(), "{kind}");
        for id in ["first", "second"] {
            a.put("r", &with_id(id)).await.unwrap();
            let seen = b.get("r").await.unwrap().unwrap();
            assert_eq!(id_of(&seen), Some(id), "{kind}");
        }
        a.delete("r").await.unwrap();
        assert!(b.get("r").await.unwrap().is_none(), "{kind}");
    }

    async fn taken_once(kind: &str, store: &impl SessionStore) {
        store.put("t", &with_id("handed")).await.unwrap();
        let (a, b) = tokio::join!(store.take("t"), store.take("t"));
        let got: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
        assert_eq!(got.len(), 1, "{kind}: taken by one caller exactly");
        assert_eq!(id_of(&got[0]), Some("handed"), "{kind}");
        assert!(store.get("t").await.unwrap().is_none(), "{kind}");
        assert!(store.take("never").await.unwrap().is_none(), "{kind}");
    }

    async fn every_promise<S: SessionStore>(kind: &str, open: impl AsyncFn(Idle) -> S) {
        round_trip(kind, &open(idle(MINUTE)).await).await;
        taken_once(kind, &open(idle(MINUTE)).await).await;
        a_read_is_a_copy(kind, &open(idle(MINUTE)).await).await;
        idle_sessions_go(kind, &open(idle(Duration::from_millis(150))).await).await;
    }

    /// A SQLite file removed when the test ends.
    struct TempDb(PathBuf);

    impl TempDb {
        fn new() -> Self {
            Self(std::env::temp_dir().join(format!(
                "checkout-session-unit-{}.sqlite",
                uuid::Uuid::new_v4()
            )))
        }

        fn url(&self) -> String {
            format!("sqlite:{}", self.0.display())
        }
    }

    impl Drop for TempDb {
        fn drop(&mut self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
            }
        }
    }

    #[tokio::test]
    async fn memory_keeps_every_promise() {
        every_promise("memory", async |idle| MemoryStore::new(idle)).await;
    }

    #[tokio::test]
    async fn a_sqlite_file_keeps_every_promise() {
        let dbs: Vec<TempDb> = (0..4).map(|_| TempDb::new()).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        every_promise("sqlite file", async |idle| {
            let db = &dbs[next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)];
            let store = SqliteStore::open(&db.url(), idle).await.unwrap();
            assert!(store.reads_in_place());
            store
        })
        .await;
        let db = TempDb::new();
        let a = SqliteStore::open(&db.url(), idle(MINUTE)).await.unwrap();
        let b = SqliteStore::open(&db.url(), idle(MINUTE)).await.unwrap();
        replicas_see_each_other("sqlite file", &a, &b).await;
    }

    /// `sqlite::memory:` named in DATABASE_URL has no file to read in place: reads go through
    /// sqlx, and keep the same promises.
    #[tokio::test]
    async fn an_in_memory_sqlite_url_keeps_every_promise() {
        every_promise("sqlite::memory:", async |idle| {
            let store = SqliteStore::open("sqlite::memory:", idle).await.unwrap();
            assert!(!store.reads_in_place());
            store
        })
        .await;
    }

    /// Replicas started together on a new SQLite file all start. Opening a new file switches
    /// it to WAL under a lock SQLite does not wait for, so without trying again some of these
    /// failed with "database is locked" (the cause of a flaky replica test).
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn replicas_opening_one_new_sqlite_file_at_once_all_start() {
        for _ in 0..10 {
            let db = TempDb::new();
            let opening: Vec<_> = (0..6)
                .map(|_| {
                    let url = db.url();
                    tokio::spawn(async move { SqliteStore::open(&url, idle(MINUTE)).await })
                })
                .collect();
            for opened in opening {
                if let Err(e) = opened.await.unwrap() {
                    panic!("a replica did not start: {e}");
                }
            }
        }
    }

    /// A private Postgres cluster on a free 127.0.0.1 port, stopped and removed when dropped.
    struct Postgres {
        bin: PathBuf,
        dir: PathBuf,
        port: u16,
    }

    impl Postgres {
        /// The newest Debian Postgres installed (`/usr/lib/postgresql/N/bin`), if any.
        fn bin() -> Option<PathBuf> {
            let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
                .ok()?
                .filter_map(|e| {
                    let e = e.ok()?;
                    let version = e.file_name().to_str()?.parse().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").is_file().then_some((version, bin))
                })
                .collect();
            found.sort();
            found.pop().map(|(_, bin)| bin)
        }

        /// initdb and postgres refuse to run as root: as root, run them as `postgres`.
        fn run(&self, program: &str, args: &[&str]) {
            let exe = self.bin.join(program);
            let status = if is_root() {
                Command::new("runuser")
                    .args(["-u", "postgres", "--"])
                    .arg(&exe)
                    .args(args)
                    .output()
            } else {
                Command::new(&exe).args(args).output()
            }
            .unwrap_or_else(|e| panic!("{program}: {e}"));
            assert!(
                status.status.success(),
                "{program} failed: {}",
                String::from_utf8_lossy(&status.stderr)
            );
        }

        fn start(bin: PathBuf) -> Self {
            let dir = std::env::temp_dir().join(format!("checkout-pg-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(dir.join("sock")).unwrap();
            if is_root() {
                let ok = Command::new("chown")
                    .args(["-R", "postgres:"])
                    .arg(&dir)
                    .status()
                    .is_ok_and(|s| s.success());
                assert!(
                    ok,
                    "cannot give the cluster's directory to the postgres user"
                );
            }
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .unwrap();
            let pg = Self { bin, dir, port };
            let data = pg.dir.join("data");
            let data = data.to_str().unwrap();
            pg.run(
                "initdb",
                &[
                    "-D",
                    data,
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                ],
            );
            let opts = format!(
                "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={} -c fsync=off",
                pg.port,
                pg.dir.join("sock").display()
            );
            let log = pg.dir.join("sock/postgres.log");
            pg.run(
                "pg_ctl",
                &[
                    "-D",
                    data,
                    "-l",
                    log.to_str().unwrap(),
                    "-w",
                    "-t",
                    "30",
                    "-o",
                    &opts,
                    "start",
                ],
            );
            pg
        }

        /// A new, empty database in the cluster.
        async fn database(&self) -> String {
            use sqlx::Executor;
            let name = format!("s{}", uuid::Uuid::new_v4().simple());
            let admin = format!("postgres://postgres@127.0.0.1:{}/postgres", self.port);
            let pool = sqlx::PgPool::connect(&admin).await.unwrap();
            pool.execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .unwrap();
            pool.close().await;
            format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
        }
    }

    impl Drop for Postgres {
        fn drop(&mut self) {
            let data = self.dir.join("data");
            let stop = [
                "-D",
                data.to_str().unwrap_or_default(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ];
            let exe = self.bin.join("pg_ctl");
            let _ = if is_root() {
                Command::new("runuser")
                    .args(["-u", "postgres", "--"])
                    .arg(&exe)
                    .args(stop)
                    .output()
            } else {
                Command::new(&exe).args(stop).output()
            };
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn is_root() -> bool {
        Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
    }

    #[tokio::test]
    async fn postgres_keeps_every_promise() {
        let Some(bin) = Postgres::bin() else {
            eprintln!(
                "\n*** SKIPPED: the Postgres session store suite: no Postgres under \
                 /usr/lib/postgresql (scripts/setup installs Debian's postgresql) ***\n"
            );
            return;
        };
        let pg = Postgres::start(bin);
        let mut urls = Vec::new();
        for _ in 0..4 {
            urls.push(pg.database().await);
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        every_promise("postgres", async |idle| {
            let url = &urls[next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)];
            PostgresStore::connect(url, idle).await.unwrap()
        })
        .await;
        let shared = &urls[3];
        let a = PostgresStore::connect(shared, idle(MINUTE)).await.unwrap();
        let b = PostgresStore::connect(shared, idle(MINUTE)).await.unwrap();
        replicas_see_each_other("postgres", &a, &b).await;
    }
}
