//! The enrolled kiosks (`KIOSKS`): which devices may run kiosk mode, in which store and market,
//! with which store codes (seed 004's `depttCode`, `siteCode`, `sourceOfApplication`).
//!
//! A device proves it is one of these by a secret only its browser holds (kiosk_device.rs).
//! The configuration keeps that secret's SHA-256, never the secret: a leaked configuration
//! enrols nothing. A plain hash is enough because the secret is random and long (at least 32
//! characters, `scripts/kiosk-secret` makes 256-bit ones): there is no dictionary to search, so
//! a slow password hash would only slow every kiosk request down.

use checkout_core::Market;
use checkout_core::kiosk::StoreCodes;
use sha2::{Digest, Sha256};

/// Shortest device secret accepted: shorter ones could be guessed.
pub const MIN_SECRET_CHARS: usize = 32;

/// One enrolled kiosk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Kiosk {
    /// 1 to 40 of `a-z`, `0-9`, `-` (it is in the device's cookie).
    pub id: String,
    /// The store's name, shown on the kiosk.
    pub store: String,
    pub market: Market,
    /// Lower-case hex SHA-256 of the device secret.
    pub secret_sha256: String,
    pub dept_code: String,
    pub site_code: String,
    pub source_of_application: String,
}

impl Kiosk {
    /// The store's codes for this kiosk's orders.
    pub fn codes(&self) -> StoreCodes {
        StoreCodes {
            dept_code: self.dept_code.clone(),
            site_code: self.site_code.clone(),
            source_of_application: self.source_of_application.clone(),
        }
    }

    /// Whether `secret` is this kiosk's, compared in constant time (the comparison must not
    /// tell an attacker how many leading characters were right).
    pub fn holds(&self, secret: &str) -> bool {
        if secret.len() < MIN_SECRET_CHARS {
            return false;
        }
        let digest = hex(&Sha256::digest(secret.as_bytes()));
        let (a, b) = (digest.as_bytes(), self.secret_sha256.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A kiosk id: 1 to 40 of `a-z`, `0-9` and `-` (it travels in the device's cookie).
fn valid_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `KIOSKS`: a JSON list of kiosks, each checked (unique ids, a SHA-256 in hex, store codes
/// present). `None` names the first thing wrong.
pub fn parse(v: &str) -> Result<Vec<Kiosk>, String> {
    let kiosks: Vec<Kiosk> = serde_json::from_str(v).map_err(|e| e.to_string())?;
    let mut seen = std::collections::HashSet::new();
    for k in &kiosks {
        let hash_ok = k.secret_sha256.len() == 64
            && k.secret_sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        let codes = [&k.dept_code, &k.site_code, &k.source_of_application];
        if !valid_id(&k.id) || !seen.insert(k.id.clone()) {
            return Err(format!("kiosk id {:?}: a-z, 0-9, - and unique", k.id));
        }
        if !hash_ok {
            return Err(format!(
                "kiosk {}: secretSha256 must be 64 hex digits",
                k.id
            ));
        }
        if k.store.trim().is_empty() || codes.iter().any(|c| c.trim().is_empty()) {
            return Err(format!(
                "kiosk {}: store and store codes are required",
                k.id
            ));
        }
    }
    Ok(kiosks)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn listing(hash: &str) -> String {
        format!(
            r#"[{{"id":"kgn-1","store":"Tropical Plaza","market":"JM","secretSha256":"{hash}",
                "deptCode":"AQSAL","siteCode":"ANSQ","sourceOfApplication":"3"}}]"#
        )
    }

    #[test]
    fn a_kiosk_holds_its_secret_and_nothing_else() {
        let hash = hex(&Sha256::digest(SECRET.as_bytes()));
        let k = parse(&listing(&hash)).unwrap().remove(0);
        assert!(k.holds(SECRET));
        assert!(!k.holds("0123456789abcdef0123456789abcdeX"));
        assert!(!k.holds(&hash), "the hash is not the secret");
        assert!(!k.holds("short"));
        assert_eq!(k.codes().site_code, "ANSQ");
    }

    #[test]
    fn bad_listings_are_refused() {
        assert!(parse(&listing("abc")).is_err());
        assert!(parse(&listing(&"A".repeat(64))).is_err());
        let ok = listing(&"a".repeat(64));
        assert!(parse(&ok).is_ok());
        assert!(parse(&ok.replace("\"ANSQ\"", "\" \"")).is_err());
        assert!(parse(&ok.replace("kgn-1", "Kgn 1")).is_err());
        assert!(parse(&ok.replace("\"3\"}", "\"3\",\"extra\":1}")).is_err());
        let twice = format!("[{0},{0}]", &ok[1..ok.len() - 1]);
        assert!(parse(&twice).is_err());
    }
}
