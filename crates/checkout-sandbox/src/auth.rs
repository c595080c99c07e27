//! OAuth2 client-credentials tokens and the signed session JWT of `POST /session`.
//!
//! Seed OCBO: initializeTransaction "returns both the client-id and session-id in a signed
//! JSON web token". We sign with HS256 so a client can verify what it got.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Lifetime of an access token, in seconds.
pub const TOKEN_TTL_SECS: u64 = 3600;

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
    fn signature_depends_on_the_key() {
        assert_ne!(session_jwt(b"a", "c", "s"), session_jwt(b"b", "c", "s"));
    }
}
