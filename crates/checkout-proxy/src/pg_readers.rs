//! Session reads on Postgres through a few connections of their own, outside sqlx's pool.
//!
//! Every request reads its session, and sqlx's pool pings each connection given back to it (a
//! second round trip and a spawned task per query, with no option to turn it off). A held
//! connection needs no such test after a query that completed: it is known good. What the pool
//! guards against is still covered here: a connection whose query was cut off (the request was
//! dropped mid-read) is discarded, not reused; one idle for a while is pinged before use; one
//! that fails is replaced. Writes stay with the pool.

use sqlx::Connection;
use sqlx::postgres::{PgConnection, PgPool};

/// A session read through sqlx, whether through the pool or a Postgres reader.
pub(crate) const READ_SESSION: &str = "SELECT data, last_seen FROM sessions WHERE key = $1";
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How many reading connections a proxy keeps: the benchmark's 50 concurrent customers wait
/// less than a round trip on average for one, and Postgres gives each a process.
const READERS: usize = 4;

#[derive(Debug)]
struct Held {
    conn: PgConnection,
    last_used: Instant,
    /// Set while a query is in flight: still set when the lock is next taken means the request
    /// was dropped mid-query and the protocol state is unknown.
    busy: bool,
}

#[derive(Debug)]
pub(crate) struct PgReaders {
    pool: PgPool,
    slots: Vec<Mutex<Option<Held>>>,
    next: AtomicUsize,
    trusted_idle: Duration,
}

impl PgReaders {
    /// Readers that take their connections from `pool` (detached from it) as they need them.
    pub fn new(pool: PgPool, trusted_idle: Duration) -> Self {
        Self {
            pool,
            slots: (0..READERS).map(|_| Mutex::new(None)).collect(),
            next: AtomicUsize::new(0),
            trusted_idle,
        }
    }

    /// The stored session's JSON text and last-seen time, if there is one.
    pub async fn read(&self, key: &str) -> Result<Option<(String, i64)>, sqlx::Error> {
        let slot = &self.slots[self.next.fetch_add(1, Ordering::Relaxed) % self.slots.len()];
        let mut slot = slot.lock().await;
        let stale = match slot.as_mut() {
            None => false,
            Some(held) if held.busy => true,
            Some(held) if held.last_used.elapsed() > self.trusted_idle => {
                held.busy = true;
                let dead = held.conn.ping().await.is_err();
                held.busy = false;
                dead
            }
            Some(_) => false,
        };
        if stale {
            *slot = None;
        }
        let held = match slot.as_mut() {
            Some(held) => held,
            None => slot.insert(Held {
                conn: self.pool.acquire().await?.detach(),
                last_used: Instant::now(),
                busy: false,
            }),
        };
        held.busy = true;
        let row = sqlx::query_as(READ_SESSION)
            .bind(key)
            .fetch_optional(&mut held.conn)
            .await;
        match row {
            Ok(row) => {
                held.busy = false;
                held.last_used = Instant::now();
                Ok(row)
            }
            Err(e) => {
                // Whatever broke, the next read starts on a fresh connection.
                *slot = None;
                Err(e)
            }
        }
    }
}
