//! Layered configuration: built-in development defaults, overridden by the environment.
//! Secrets may come from a file (`CLIENT_SECRET_FILE`) so they stay out of process listings.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// A value that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

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
}

impl Config {
    /// Defaults overridden by `UPSTREAM_URL`, `CLIENT_ID`, `CLIENT_SECRET` or
    /// `CLIENT_SECRET_FILE`, `DIST_DIR`, `SECURE_COOKIES`, `UPSTREAM_TIMEOUT_MS`.
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
            let ms = v.parse().map_err(|_| ConfigError::Invalid {
                var: "UPSTREAM_TIMEOUT_MS",
                value: v.clone(),
            })?;
            c.upstream_timeout = Duration::from_millis(ms);
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_secret() {
        let c = Config::default();
        let shown = format!("{c:?}");
        assert!(!shown.contains("sandbox-dev-secret"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }
}
