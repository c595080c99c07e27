//! Sessions in this process's memory, when no `DATABASE_URL` is named: no other process can
//! see them, so nothing is gained by a database round trip, and that round trip (a hop to
//! sqlx's SQLite worker thread and back, queued behind one connection) was the bulk of the
//! proxy's CPU per request (docs/decisions/0005-session-storage.md).

use super::{Idle, SessionStore, StoreError, now_ms};
use crate::server_session::ServerSession;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

#[derive(Debug)]
pub(crate) struct MemoryStore {
    sessions: Mutex<HashMap<String, Held>>,
    idle: Idle,
}

/// A session held in this process, with when it was last used.
#[derive(Debug)]
struct Held {
    session: ServerSession,
    last_seen: i64,
}

impl MemoryStore {
    pub(crate) fn new(idle: Idle) -> Self {
        Self {
            sessions: Mutex::default(),
            idle,
        }
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Held>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl SessionStore for MemoryStore {
    async fn get(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        let now = now_ms();
        let cutoff = self.idle.cutoff(now);
        let mut map = self.map();
        Ok(match map.get_mut(key) {
            None => None,
            Some(held) if held.last_seen <= cutoff => {
                map.remove(key);
                None
            }
            Some(held) => {
                held.last_seen = now;
                Some(held.session.clone())
            }
        })
    }

    async fn put(&self, key: &str, session: &ServerSession) -> Result<(), StoreError> {
        let held = Held {
            session: session.clone(),
            last_seen: now_ms(),
        };
        self.map().insert(key.to_owned(), held);
        Ok(())
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.map().remove(key);
        Ok(())
    }

    async fn take(&self, key: &str) -> Result<Option<ServerSession>, StoreError> {
        let cutoff = self.idle.cutoff(now_ms());
        Ok(self
            .map()
            .remove(key)
            .filter(|held| held.last_seen > cutoff)
            .map(|held| held.session))
    }

    async fn sweep(&self) -> Result<u64, StoreError> {
        let cutoff = self.idle.cutoff(now_ms());
        let mut map = self.map();
        let before = map.len();
        map.retain(|_, held| held.last_seen > cutoff);
        Ok(u64::try_from(before - map.len()).unwrap_or(u64::MAX))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
