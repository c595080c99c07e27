//! Layered configuration: built-in development defaults, overridden by the environment.
//! Secrets may come from a file (`CLIENT_SECRET_FILE`) so they stay out of process listings.

use std::path::PathBuf;
use std::time::Duration;

pub use crate::secret::Secret;

#[derive(Debug, Clone)]
pub struct Config {
    /// Base URL of the back office (or the sandbox), without trailing slash.
    pub upstream_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Where the built app (Trunk's `dist/`) lives.
    pub dist_dir: PathBuf,
    /// Send the session cookie as `__Host-…; Secure`. Off only for plain-HTTP local runs.
    pub secure_cookies: bool,
    /// Longest we wait for one upstream call.
    pub upstream_timeout: Duration,
    /// Longest one browser request may take in all (several upstream calls included).
    pub request_timeout: Duration,
    /// Partner sites allowed to embed the checkout (CSP `frame-ancestors`) and call the API
    /// cross-origin (CORS), as exact origins like `https://shop.example`.
    pub partner_origins: Vec<String>,
    /// Partners whose pages embed the checkout at `/embed` (docs/embedding.md): `PARTNERS`, a
    /// JSON list of `{"id", "origins", "name", "attribution"}`.
    pub partners: Vec<Partner>,
    /// Store kiosks allowed to run kiosk mode (docs/kiosk.md): `KIOSKS`, a JSON list.
    pub kiosks: Vec<crate::kiosk_config::Kiosk>,
    /// The store's public address (`PUBLIC_URL`, e.g. `https://shop.example`), for links that
    /// leave this device (a kiosk's hand-off QR code). None: the address the request came to.
    pub public_url: Option<String>,
    /// SameSite of the session cookie: Strict for the web store; Lax or None for embeds.
    pub same_site: SameSite,
    /// Per client IP: requests allowed in a burst, and one more every `rate_limit_period`.
    pub rate_limit_burst: u32,
    pub rate_limit_period: Duration,
    /// A browser session unused this long is forgotten (with its upstream ids).
    pub session_idle_timeout: Duration,
    /// Where browser sessions live: `postgres://…` (shared by replicas) or `sqlite:…` (one
    /// node). None: an in-memory SQLite database, gone with the process. May hold a password.
    pub database_url: Option<Secret>,
    /// Serve `/metrics` here, on an internal address, instead of beside the store: order and
    /// request counts are business data. None: `/metrics` on the store's address.
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// A partner site that embeds the checkout: who it is, the exact origins its pages are served
/// from (its embed's `frame-ancestors`), its name, and the attribution code its orders carry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: String,
    pub origins: Vec<String>,
    pub name: String,
    pub attribution: String,
}

impl Partner {
    /// A partner id: 1 to 40 of `a-z`, `0-9` and `-` (it travels in the embed's URL).
    pub fn valid_id(id: &str) -> bool {
        (1..=40).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }
}

fn parse_partners(v: &str) -> Result<Vec<Partner>, ConfigError> {
    let invalid = || ConfigError::Invalid {
        var: "PARTNERS",
        value: v.to_owned(),
    };
    let partners: Vec<Partner> = serde_json::from_str(v).map_err(|_| invalid())?;
    let mut seen = std::collections::HashSet::new();
    for p in &partners {
        let codes_ok = p
            .attribution
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !Partner::valid_id(&p.id)
            || !seen.insert(p.id.clone())
            || p.origins.is_empty()
            || p.name.trim().is_empty()
            || p.attribution.is_empty()
            || !codes_ok
        {
            return Err(invalid());
        }
        for o in &p.origins {
            if parse_origin(o).ok().as_deref() != Some(o.as_str()) {
                return Err(invalid());
            }
        }
    }
    Ok(partners)
}

/// The cookie's SameSite attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSite {
    Strict,
    Lax,
    /// Needed when the checkout is framed by a partner on another site; requires Secure.
    None,
}

impl SameSite {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Strict => "Strict",
            Self::Lax => "Lax",
            Self::None => "None",
        }
    }
}

impl Default for Config {
    /// Development defaults: the sandbox on 127.0.0.1:8090 with its development credentials.
    fn default() -> Self {
        Self {
            upstream_url: "http://127.0.0.1:8090".into(),
            client_id: "checkout-dev".into(),
            client_secret: Secret::new("sandbox-dev-secret"),
            dist_dir: PathBuf::from("dist"),
            secure_cookies: false,
            upstream_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            partner_origins: Vec::new(),
            partners: Vec::new(),
            kiosks: Vec::new(),
            public_url: None,
            same_site: SameSite::Strict,
            // A customer clicks a few times a second at most; a kiosk behind one IP serves
            // one customer at a time. 60 in a burst, then 20 a second, stops a script.
            rate_limit_burst: 60,
            rate_limit_period: Duration::from_millis(50),
            // Longer than any hold (the cart's can reach 60 min): a customer reading the terms
            // slowly must not lose a cart the back office still holds.
            session_idle_timeout: Duration::from_secs(2 * 60 * 60),
            database_url: None,
            metrics_addr: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {var} file: {source}")]
    SecretFile {
        var: &'static str,
        source: std::io::Error,
    },
    #[error("{var} is not a valid value: {value}")]
    Invalid { var: &'static str, value: String },
    #[error("COOKIE_SAMESITE=none needs SECURE_COOKIES=true (browsers drop it otherwise)")]
    SameSiteNoneNeedsSecure,
}

fn parse_ms(var: &'static str, v: String) -> Result<Duration, ConfigError> {
    match v.parse::<u64>() {
        Ok(ms) if ms > 0 => Ok(Duration::from_millis(ms)),
        _ => Err(ConfigError::Invalid { var, value: v }),
    }
}

/// An origin exactly as a browser sends it: scheme, host, optional port; no path.
fn parse_origin(v: &str) -> Result<String, ConfigError> {
    let v = v.trim().trim_end_matches('/');
    let ok = (v.starts_with("https://") || v.starts_with("http://"))
        && !v
            .split_once("://")
            .is_some_and(|(_, rest)| rest.is_empty() || rest.contains('/'))
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".:/-[]".contains(c));
    if ok {
        Ok(v.to_owned())
    } else {
        Err(ConfigError::Invalid {
            var: "PARTNER_ORIGINS",
            value: v.to_owned(),
        })
    }
}

impl Config {
    /// Defaults overridden by `UPSTREAM_URL`, `CLIENT_ID`, `CLIENT_SECRET` or
    /// `CLIENT_SECRET_FILE`, `DIST_DIR`, `SECURE_COOKIES`, `UPSTREAM_TIMEOUT_MS`,
    /// `REQUEST_TIMEOUT_MS`, `PARTNER_ORIGINS` (comma-separated), `COOKIE_SAMESITE`,
    /// `RATE_LIMIT_BURST`, `RATE_LIMIT_PERIOD_MS`, `SESSION_IDLE_TIMEOUT_MS`, `DATABASE_URL`,
    /// `METRICS_ADDR`, `KIOSKS`, `PUBLIC_URL`.
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut c = Self::default();
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(v) = var("UPSTREAM_URL") {
            c.upstream_url = v.trim_end_matches('/').to_owned();
        }
        if let Some(v) = var("CLIENT_ID") {
            c.client_id = v;
        }
        if let Some(path) = var("CLIENT_SECRET_FILE") {
            let s = std::fs::read_to_string(path).map_err(|source| ConfigError::SecretFile {
                var: "CLIENT_SECRET_FILE",
                source,
            })?;
            c.client_secret = Secret::new(s.trim());
        } else if let Some(v) = var("CLIENT_SECRET") {
            c.client_secret = Secret::new(v);
        }
        if let Some(v) = var("DIST_DIR") {
            c.dist_dir = PathBuf::from(v);
        }
        if let Some(v) = var("SECURE_COOKIES") {
            c.secure_cookies = match v.as_str() {
                "1" | "true" => true,
                "0" | "false" => false,
                _ => {
                    return Err(ConfigError::Invalid {
                        var: "SECURE_COOKIES",
                        value: v,
                    });
                }
            };
        }
        if let Some(v) = var("UPSTREAM_TIMEOUT_MS") {
            c.upstream_timeout = parse_ms("UPSTREAM_TIMEOUT_MS", v)?;
        }
        if let Some(v) = var("REQUEST_TIMEOUT_MS") {
            c.request_timeout = parse_ms("REQUEST_TIMEOUT_MS", v)?;
        }
        if let Some(v) = var("PARTNER_ORIGINS") {
            c.partner_origins = v
                .split(',')
                .filter(|o| !o.trim().is_empty())
                .map(parse_origin)
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = var("PARTNERS") {
            c.partners = parse_partners(&v)?;
        }
        if let Some(v) = var("KIOSKS") {
            c.kiosks = crate::kiosk_config::parse(&v).map_err(|why| ConfigError::Invalid {
                var: "KIOSKS",
                value: why,
            })?;
        }
        if let Some(v) = var("PUBLIC_URL") {
            c.public_url = Some(parse_origin(&v)?);
        }
        if let Some(v) = var("COOKIE_SAMESITE") {
            c.same_site = match v.to_ascii_lowercase().as_str() {
                "strict" => SameSite::Strict,
                "lax" => SameSite::Lax,
                "none" => SameSite::None,
                _ => {
                    return Err(ConfigError::Invalid {
                        var: "COOKIE_SAMESITE",
                        value: v,
                    });
                }
            };
        }
        if let Some(v) = var("RATE_LIMIT_BURST") {
            c.rate_limit_burst = v
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(ConfigError::Invalid {
                    var: "RATE_LIMIT_BURST",
                    value: v,
                })?;
        }
        if let Some(v) = var("RATE_LIMIT_PERIOD_MS") {
            c.rate_limit_period = parse_ms("RATE_LIMIT_PERIOD_MS", v)?;
        }
        if let Some(v) = var("SESSION_IDLE_TIMEOUT_MS") {
            c.session_idle_timeout = parse_ms("SESSION_IDLE_TIMEOUT_MS", v)?;
        }
        if let Some(v) = var("DATABASE_URL") {
            if !(is_postgres_url(&v) || v.starts_with("sqlite:")) {
                // Only the scheme: the rest may carry a password.
                let scheme = v.split_once(':').map_or("", |(s, _)| s).to_owned();
                return Err(ConfigError::Invalid {
                    var: "DATABASE_URL",
                    value: format!("{scheme}:…"),
                });
            }
            c.database_url = Some(Secret::new(v));
        }
        if let Some(v) = var("METRICS_ADDR") {
            c.metrics_addr = Some(v.parse().map_err(|_| ConfigError::Invalid {
                var: "METRICS_ADDR",
                value: v.clone(),
            })?);
        }
        c.validate()?;
        Ok(c)
    }

    /// Combinations that cannot work.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.same_site == SameSite::None && !self.secure_cookies {
            return Err(ConfigError::SameSiteNoneNeedsSecure);
        }
        Ok(())
    }
}

/// Whether a URL names a Postgres database.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_are_a_json_list_with_exact_origins() {
        let ok = parse_partners(
            r#"[{"id":"demo","origins":["http://localhost:8081"],"name":"Demo","attribution":"PARTNER-DEMO"}]"#,
        )
        .unwrap();
        assert_eq!(ok[0].origins, ["http://localhost:8081"]);
        for bad in [
            r#"[{"id":"Demo!","origins":["http://localhost:8081"],"name":"D","attribution":"X"}]"#,
            r#"[{"id":"demo","origins":["http://localhost:8081/path"],"name":"D","attribution":"X"}]"#,
            r#"[{"id":"demo","origins":[],"name":"D","attribution":"X"}]"#,
            r#"[{"id":"demo","origins":["http://a.example"],"name":"D","attribution":"X Y"}]"#,
            r#"[{"id":"a","origins":["http://a.example"],"name":"A","attribution":"X"},{"id":"a","origins":["http://b.example"],"name":"B","attribution":"Y"}]"#,
            "not json",
        ] {
            assert!(parse_partners(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let c = Config::default();
        let shown = format!("{c:?}");
        assert!(!shown.contains("sandbox-dev-secret"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }

    #[test]
    fn partner_origins_must_be_bare_origins() {
        assert_eq!(
            parse_origin("https://shop.example/").unwrap(),
            "https://shop.example"
        );
        assert!(parse_origin("http://127.0.0.1:3000").is_ok());
        assert!(parse_origin("https://shop.example/path").is_err());
        assert!(parse_origin("shop.example").is_err());
        assert!(parse_origin("https://").is_err());
        assert!(parse_origin("https://a.example\r\nx: y").is_err());
    }

    #[test]
    fn same_site_none_without_secure_is_refused() {
        let c = Config {
            same_site: SameSite::None,
            ..Config::default()
        };
        assert!(matches!(
            c.validate(),
            Err(ConfigError::SameSiteNoneNeedsSecure)
        ));
    }
}
