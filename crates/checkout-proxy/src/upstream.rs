//! The one client of the back office. It fetches and caches the OAuth2 token, adds the
//! headers the seeds require, and maps upstream failures to stable codes, never passing an
//! upstream body through.

use crate::config::{Config, Secret};
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use checkout_core::ocbo::{
    OcboError, ServiceabilityRequest, ServiceabilityResponse, TokenResponse, header, path,
};
use checkout_core::problem::from_ocbo;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Refresh a token this long before upstream says it expires, so no call races its expiry.
const TOKEN_EARLY_REFRESH: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Upstream {
    http: reqwest::Client,
    base: String,
    client_id: String,
    client_secret: Secret,
    token: Mutex<Option<CachedToken>>,
}

#[derive(Debug)]
struct CachedToken {
    value: Secret,
    refresh_at: Instant,
}

impl Upstream {
    pub fn new(config: &Config) -> Result<Self, reqwest::Error> {
        Ok(Self {
            http: reqwest::Client::builder()
                .timeout(config.upstream_timeout)
                .build()?,
            base: config.upstream_url.clone(),
            client_id: config.client_id.clone(),
            client_secret: config.client_secret.clone(),
            token: Mutex::new(None),
        })
    }

    /// A valid bearer token, from cache or freshly fetched (one fetch at a time).
    async fn token(&self) -> Result<Secret, ApiError> {
        let mut cached = self.token.lock().await;
        if let Some(t) = cached.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.value.clone());
        }
        let res = self
            .http
            .post(format!("{}{}", self.base, path::TOKEN))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.expose()),
            ])
            .send()
            .await?;
        if !res.status().is_success() {
            tracing::error!(status = %res.status(), "token endpoint refused our credentials");
            return Err(ApiError::UpstreamUnavailable);
        }
        let t: TokenResponse = res
            .json()
            .await
            .map_err(|_| ApiError::UpstreamUnavailable)?;
        let lifetime = Duration::from_secs(t.expires_in).saturating_sub(TOKEN_EARLY_REFRESH);
        let value = Secret::new(t.access_token);
        *cached = Some(CachedToken {
            value: value.clone(),
            refresh_at: Instant::now() + lifetime,
        });
        Ok(value)
    }

    /// `POST /session` (initializeTransaction): returns the new upstream session-id, which
    /// stays on the server.
    pub async fn start_session(&self, corr: &CorrelationId) -> Result<Secret, ApiError> {
        let token = self.token().await?;
        let res = self
            .http
            .post(format!("{}{}", self.base, path::SESSION))
            .header(header::AUTHORIZATION, format!("Bearer {}", token.expose()))
            .header(header::CLIENT_ID, &self.client_id)
            .header(header::CORRELATION_ID, &corr.0)
            .send()
            .await?;
        let res = check(res).await?;
        res.headers()
            .get(header::SESSION_ID)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
            .map(Secret::new)
            .ok_or(ApiError::UpstreamUnavailable)
    }

    /// Address eligibility (OCBO step 1).
    pub async fn serviceability(
        &self,
        session_id: &Secret,
        corr: &CorrelationId,
        street_address: &str,
    ) -> Result<ServiceabilityResponse, ApiError> {
        let token = self.token().await?;
        let res = self
            .http
            .post(format!("{}{}", self.base, path::SERVICEABILITY))
            .header(header::AUTHORIZATION, format!("Bearer {}", token.expose()))
            .header(header::CLIENT_ID, &self.client_id)
            .header(header::SESSION_ID, session_id.expose())
            .header(header::CORRELATION_ID, &corr.0)
            .json(&ServiceabilityRequest {
                street_address: street_address.to_owned(),
            })
            .send()
            .await?;
        check(res)
            .await?
            .json()
            .await
            .map_err(|_| ApiError::UpstreamUnavailable)
    }
}

/// Pass a success through; turn an upstream error body into a stable code.
async fn check(res: reqwest::Response) -> Result<reqwest::Response, ApiError> {
    if res.status().is_success() {
        return Ok(res);
    }
    let status = res.status();
    match res.json::<OcboError>().await {
        Ok(e) => {
            tracing::warn!(%status, client_code = %e.client_code, tech_code = %e.tech_code, "upstream error");
            Err(ApiError::Upstream(from_ocbo(&e.client_code, &e.tech_code)))
        }
        Err(_) => {
            tracing::warn!(%status, "upstream error without a readable body");
            Err(ApiError::UpstreamUnavailable)
        }
    }
}
