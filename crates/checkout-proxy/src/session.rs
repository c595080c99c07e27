//! Browser sessions: an opaque random cookie bound to server-side state (the upstream
//! session-id, later the order and conversation ids). The browser never sees what it is bound
//! to. `Sessions` is what handlers hold: the session store `DATABASE_URL` names (Postgres
//! shared by replicas, a SQLite file, or this process's memory: session_store.rs), and the
//! database the idempotency records live in beside it.

use crate::config::{SameSite, Secret, is_postgres_url};
pub use crate::server_session::{EligibleAddress, HeldOrder, ServerSession};
pub use crate::session_store::StoreError;
use crate::session_store::{
    Idle, MemoryStore, PostgresStore, SessionStore, SqliteStore, Store, sqlite,
};
use axum::http::{HeaderMap, HeaderValue, header};
use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqlitePoolOptions};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Browser sessions by cookie key. A session nobody has used for the idle timeout is gone: its
/// cookie then starts afresh, and its upstream ids are no longer kept.
#[derive(Debug, Clone)]
pub struct Sessions {
    backend: Backend,
    /// The database of the idempotency records (idempotency.rs): the sessions' own, or with
    /// none named, a private in-memory SQLite database.
    pub(crate) store: Store,
    /// In memory only: the connection that keeps that database alive (see `connect`). Shared
    /// (never locked) only so that `Sessions` stays `Clone`.
    _keeper: Option<Arc<Mutex<SqliteConnection>>>,
}

/// The store the sessions are in, chosen once by `DATABASE_URL`.
#[derive(Debug, Clone)]
enum Backend {
    Memory(Arc<MemoryStore>),
    Sqlite(Arc<SqliteStore>),
    Postgres(Arc<PostgresStore>),
}

/// Call one `SessionStore` method on whichever backend holds the sessions.
macro_rules! on_backend {
    ($backend:expr, $store:ident => $body:expr) => {
        match $backend {
            Backend::Memory($store) => $body,
            Backend::Sqlite($store) => $body,
            Backend::Postgres($store) => $body,
        }
    };
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

impl Sessions {
    /// Connect to `database_url` (Postgres or SQLite) and bring its schema up to date; with
    /// none, sessions in this process's memory and idempotency records in a private in-memory
    /// SQLite database, both living as long as this process.
    pub async fn connect(
        database_url: Option<&Secret>,
        idle_timeout: Duration,
    ) -> Result<Self, StoreError> {
        let idle = Idle {
            timeout: idle_timeout,
        };
        Ok(match database_url.map(Secret::expose) {
            Some(url) if is_postgres_url(url) => {
                let pg = PostgresStore::connect(url, idle).await?;
                Self {
                    store: pg.store().clone(),
                    backend: Backend::Postgres(Arc::new(pg)),
                    _keeper: None,
                }
            }
            Some(url) if url.starts_with("sqlite:") => {
                let file = SqliteStore::open(url, idle).await?;
                Self {
                    store: file.store().clone(),
                    backend: Backend::Sqlite(Arc::new(file)),
                    _keeper: None,
                }
            }
            Some(_) => return Err(StoreError::UnknownScheme),
            None => {
                // sqlx names each `sqlite::memory:` database (shared cache), so every
                // connection made from these options opens the same one; but it lives only
                // while some connection to it is open. The pool's one connection may be closed
                // by sqlx at any time (a request dropped mid-query) and replaced: a connection
                // the pool never hands out keeps the database alive meanwhile.
                let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
                let keeper = options.connect().await?;
                let pool = SqlitePoolOptions::new()
                    .max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect_with(options)
                    .await?;
                sqlite::migrate(&pool).await?;
                Self {
                    store: Store::Sqlite(pool),
                    backend: Backend::Memory(Arc::new(MemoryStore::new(idle))),
                    _keeper: Some(Arc::new(Mutex::new(keeper))),
                }
            }
        })
    }

    /// The session, if it exists and was used within the idle timeout (using it renews it).
    pub async fn get(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        on_backend!(&self.backend, s => s.get(key).await)
    }

    /// Store (or replace) a session, as just used.
    pub async fn put(&self, key: &str, session: &ServerSession) -> Result<(), StoreError> {
        on_backend!(&self.backend, s => s.put(key, session).await)
    }

    /// Forget a session now (the old key after a rotation).
    pub async fn delete(&self, key: &str) -> Result<(), StoreError> {
        on_backend!(&self.backend, s => s.delete(key).await)
    }

    /// Forget a session now and answer it, if it was live; of callers taking one key at once,
    /// exactly one gets it.
    pub async fn take(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        on_backend!(&self.backend, s => s.take(key).await)
    }

    /// Forget every idle session; returns how many went.
    pub async fn sweep(&self) -> Result<u64, StoreError> {
        on_backend!(&self.backend, s => s.sweep().await)
    }

    /// Whether the stores answer (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_backend!(&self.backend, s => s.ping().await)?;
        crate::session_store::on_pool!(&self.store, pool => {
            sqlx::query("SELECT 1").execute(pool).await?.rows_affected()
        });
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

pub use checkout_core::wire::{EMBED_HEADER, EMBED_SESSION_HEADER as SESSION_HEADER};

/// The framed checkout's cookie: `SameSite=None; Secure; Partitioned` (CHIPS), so a browser
/// that blocks third-party cookies may still keep it, in a jar of the partner's site only (no
/// tracking across sites), and a reload of the partner's page finds the checkout again.
pub const FRAME_COOKIE: &str = "checkout-frame";

/// The session key the browser presented. On the store: its cookie. Framed (the request names
/// a partner in [`EMBED_HEADER`]): the partitioned cookie and the header, which must agree when
/// both come; a request whose two keys differ gets no session (it is not one of ours).
pub fn key_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    let cookie = |name: &str| {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    };
    if !headers.contains_key(EMBED_HEADER) {
        // Only keys as `new_key` makes them: the store also keeps records under other keys
        // (a kiosk's, a hand-off's) that no cookie may name.
        return cookie(cookie_name(secure)).filter(|c| valid_key(c));
    }
    let token = headers
        .get(SESSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| valid_key(v))
        .map(str::to_owned);
    match (cookie(FRAME_COOKIE).filter(|c| valid_key(c)), token) {
        (Some(c), Some(t)) if c != t => None,
        (Some(c), _) => Some(c),
        (None, t) => t,
    }
}

/// `Set-Cookie` for a framed checkout's key: partitioned, so it lives in the partner site's jar.
pub fn set_frame_cookie(key: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{FRAME_COOKIE}={key}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned"
    ))
    .ok()
}

/// A key as `new_key` makes them: 64 lower-case hex digits.
pub(crate) fn valid_key(k: &str) -> bool {
    k.len() == 64
        && k.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
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
            HeaderValue::from_str(&format!("a=1; checkout={}; b=2", "ab".repeat(32))).unwrap(),
        );
        assert_eq!(key_from(&h, false), Some("ab".repeat(32)));
        assert_eq!(key_from(&h, true), None);
        // Not a key we hand out: a record kept under another name (a kiosk's) is unreachable.
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("checkout=kiosk:dev-jm"),
        );
        assert_eq!(key_from(&h, false), None);
    }

    /// sqlx closes a pooled connection it cannot trust any more (a request dropped mid-query:
    /// a client that hangs up, a timeout) and opens a new one. An in-memory database lives only
    /// while a connection to it is open, so that once emptied the store: every idempotency
    /// record gone, then "no such table" for every request (seen under load in
    /// bench/bench-proxy, when wrk hung up at the end of its warm-up).
    #[tokio::test]
    async fn the_in_memory_store_survives_its_pooled_connection_being_closed() {
        let sessions = Sessions::connect(None, Duration::from_secs(60))
            .await
            .unwrap();
        assert!(matches!(sessions.backend, Backend::Memory(_)));
        let first = sessions.claim("s", "key-1", "body").await.unwrap();
        assert_eq!(first, crate::idempotency::Claim::Claimed);
        let Store::Sqlite(pool) = &sessions.store else {
            panic!("in memory is SQLite")
        };
        pool.acquire().await.unwrap().close().await.unwrap();
        let again = sessions.claim("s", "key-1", "body").await.unwrap();
        assert_eq!(again, crate::idempotency::Claim::InFlight);
        sessions.ping().await.unwrap();
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
