//! Browser sessions: an opaque random cookie bound to server-side state (the upstream
//! session-id, later the order and conversation ids). The browser never sees what it is bound to.

use crate::config::{SameSite, Secret};
use axum::http::{HeaderMap, HeaderValue, header};
use checkout_core::cart::Cart;
use checkout_core::{StreetAddress, Technology};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Server-side state of one browser session: what upstream handed out, and the facts later
/// calls need (which address, which order), so the browser never has to send them back.
#[derive(Debug, Clone, Default)]
pub struct ServerSession {
    pub upstream_session_id: Option<Secret>,
    /// The address found serviceable, and by what.
    pub eligible: Option<EligibleAddress>,
    /// The upstream order holding the customer's cart.
    pub order: Option<HeldOrder>,
}

#[derive(Debug, Clone)]
pub struct EligibleAddress {
    pub address: StreetAddress,
    pub technology: Technology,
}

#[derive(Debug, Clone)]
pub struct HeldOrder {
    pub id: String,
    /// The cart as the rules accepted it when it was held.
    pub cart: Cart,
}

/// Browser sessions by cookie key. A session nobody has used for `idle_timeout` is gone: its
/// cookie then starts afresh, and its upstream ids are no longer kept (nor leaked in memory).
#[derive(Debug)]
pub struct Sessions {
    map: Mutex<HashMap<String, (ServerSession, Instant)>>,
    idle_timeout: Duration,
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
    pub fn new(idle_timeout: Duration) -> Self {
        Self {
            map: Mutex::default(),
            idle_timeout,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (ServerSession, Instant)>> {
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The session, if it exists and was used within the idle timeout (using it renews it).
    pub fn get(&self, key: &str) -> Option<ServerSession> {
        let mut map = self.lock();
        let now = Instant::now();
        match map.get_mut(key) {
            Some((s, seen)) if now.duration_since(*seen) < self.idle_timeout => {
                *seen = now;
                Some(s.clone())
            }
            Some(_) => {
                map.remove(key);
                None
            }
            None => None,
        }
    }

    pub fn put(&self, key: &str, s: ServerSession) {
        self.lock().insert(key.to_owned(), (s, Instant::now()));
    }

    /// Forget every idle session; returns how many went.
    pub fn sweep(&self) -> usize {
        let mut map = self.lock();
        let before = map.len();
        let idle = self.idle_timeout;
        map.retain(|_, (_, seen)| seen.elapsed() < idle);
        before - map.len()
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

    #[test]
    fn an_idle_session_is_gone_and_a_used_one_stays() {
        let sessions = Sessions::new(Duration::from_millis(50));
        sessions.put("idle", ServerSession::default());
        sessions.put("busy", ServerSession::default());
        for _ in 0..4 {
            std::thread::sleep(Duration::from_millis(20));
            assert!(sessions.get("busy").is_some());
        }
        assert!(sessions.get("idle").is_none());
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(sessions.sweep(), 1);
        assert!(sessions.get("busy").is_none());
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
