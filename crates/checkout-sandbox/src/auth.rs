//! OAuth2 client-credentials tokens, sessions, and the signed session JWT of `POST /session`.
//!
//! Seed OCBO: initializeTransaction "returns both the client-id and session-id in a signed
//! JSON web token". We sign with HS256 so a client can verify what it got.
//!
//! Issued tokens and sessions live in SQLite (`migrations/0003_credentials.sql`) so that a
//! restarted sandbox still accepts the bearer and session-id its client holds (issue 5: state
//! survives a restart). Every call after `/session` checks both, so [`Credentials`] also keeps
//! them in memory, written through after the row is committed and rebuilt from the rows when
//! a file is opened: the check costs no query, and the write path of an order is not queued
//! behind one. The memory copy is exact only because one sandbox process owns its database
//! file (as the binary does); two processes sharing a file would not see each other's
//! sessions until a restart.

use crate::clock::to_ms;
use crate::store::Store;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Lifetime of an access token, in seconds.
pub const TOKEN_TTL_SECS: u64 = 3600;

/// [`TOKEN_TTL_SECS`] as a duration on the sandbox clock.
const TOKEN_TTL: TimeDelta = TimeDelta::seconds(3600);

/// The tokens and sessions the sandbox has issued: SQLite is the record, memory the index
/// every request reads (see the module docs).
#[derive(Debug, Default)]
pub struct Credentials {
    /// SHA-256 (hex) of each live bearer → when it expires (epoch ms, sandbox clock).
    tokens: Mutex<HashMap<String, i64>>,
    /// session-id → the client-id it was issued to.
    sessions: Mutex<HashMap<String, String>>,
}

impl Credentials {
    /// Rebuild the index from the store: every session, and the tokens not yet expired.
    pub async fn load(store: &Store, now: DateTime<Utc>) -> Result<Self, sqlx::Error> {
        let mut tx = store.begin().await?;
        let tokens: Vec<(String, i64)> = sqlx::query_as(
            "SELECT token_sha256, expires_at FROM access_tokens WHERE expires_at > ?1",
        )
        .bind(to_ms(now))
        .fetch_all(&mut *tx)
        .await?;
        let sessions: Vec<(String, String)> = sqlx::query_as("SELECT id, client_id FROM sessions")
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Self {
            tokens: Mutex::new(tokens.into_iter().collect()),
            sessions: Mutex::new(sessions.into_iter().collect()),
        })
    }

    /// Issue a bearer to `client_id`, valid for [`TOKEN_TTL_SECS`] on the sandbox clock. Drops
    /// the tokens that expired, so the table stays as small as the set of live tokens.
    pub async fn issue_token(
        &self,
        store: &Store,
        client_id: &str,
        now: DateTime<Utc>,
    ) -> Result<String, sqlx::Error> {
        let token = new_access_token();
        let digest = token_digest(&token);
        let expires_at = to_ms(now + TOKEN_TTL);
        let mut tx = store.begin().await?;
        sqlx::query("DELETE FROM access_tokens WHERE expires_at <= ?1")
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO access_tokens (token_sha256, client_id, issued_at, expires_at)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(&digest)
        .bind(client_id)
        .bind(to_ms(now))
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        // Only once the row is committed: memory never accepts what a restart would forget.
        let mut tokens = guard(&self.tokens);
        tokens.retain(|_, exp| *exp > to_ms(now));
        tokens.insert(digest, expires_at);
        Ok(token)
    }

    /// Whether `token` was issued here and has not expired at `now`.
    pub fn token_valid(&self, token: &str, now: DateTime<Utc>) -> bool {
        guard(&self.tokens)
            .get(&token_digest(token))
            .is_some_and(|exp| *exp > to_ms(now))
    }

    /// Issue a session-id to `client_id`.
    pub async fn issue_session(
        &self,
        store: &Store,
        client_id: &str,
        now: DateTime<Utc>,
    ) -> Result<String, sqlx::Error> {
        let id = new_session_id();
        let mut tx = store.begin().await?;
        sqlx::query("INSERT INTO sessions (id, client_id, created_at) VALUES (?1, ?2, ?3)")
            .bind(&id)
            .bind(client_id)
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        guard(&self.sessions).insert(id.clone(), client_id.to_owned());
        Ok(id)
    }

    /// Whether `session_id` was issued to `client_id`.
    pub fn session_of(&self, session_id: &str, client_id: &str) -> bool {
        guard(&self.sessions)
            .get(session_id)
            .is_some_and(|owner| owner == client_id)
    }

    /// Every session-id issued (including before a restart, for a file database).
    pub fn session_ids(&self) -> Vec<String> {
        guard(&self.sessions).keys().cloned().collect()
    }
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every change under these locks is a single insert or retain, so a panic elsewhere cannot
    // leave a map half-written: recovering the poisoned lock is safe.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the store keeps of a bearer: its SHA-256, hex.
fn token_digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new opaque bearer token.
pub fn new_access_token() -> String {
    format!("sbx-at-{}", uuid::Uuid::new_v4().simple())
}

/// A new session-id, shaped like the seed's example ("758fc320-af96-4faf-8af7-536e7cac5775").
pub fn new_session_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An HS256 JWT carrying `client_id` and `session_id`.
pub fn session_jwt(key: &[u8], client_id: &str, session_id: &str) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = serde_json::json!({ "client_id": client_id, "session_id": session_id });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(signing_input.as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{sig}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_has_three_parts_and_carries_both_ids() {
        let jwt = session_jwt(b"k", "client-a", "sess-1");
        let parts: Vec<_> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["client_id"], "client-a");
        assert_eq!(claims["session_id"], "sess-1");
    }

    #[test]
    fn token_digest_is_hex_sha256() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assert_eq!(
            token_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn signature_depends_on_the_key() {
        assert_ne!(session_jwt(b"a", "c", "s"), session_jwt(b"b", "c", "s"));
    }
}
