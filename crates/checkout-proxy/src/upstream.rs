//! The one client of the back office. It fetches and caches the OAuth2 token (refreshing it
//! once when upstream says 401), adds the headers the seeds require, records each call's
//! latency, and maps upstream failures to stable codes, never passing an upstream body through.

use crate::config::{Config, Secret};
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::metrics::Metrics;
use checkout_core::UtcMillis;
use checkout_core::ocbo::{
    OcboError, ServiceabilityRequest, ServiceabilityResponse, TokenResponse, header, path,
};
use checkout_core::problem::from_ocbo;
use reqwest::Method;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::sync::Arc;
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
    metrics: Arc<Metrics>,
}

#[derive(Debug)]
struct CachedToken {
    value: Secret,
    refresh_at: Instant,
}

impl Upstream {
    pub fn new(config: &Config, metrics: Arc<Metrics>) -> Result<Self, reqwest::Error> {
        Ok(Self {
            http: reqwest::Client::builder()
                .timeout(config.upstream_timeout)
                .build()?,
            base: config.upstream_url.clone(),
            client_id: config.client_id.clone(),
            client_secret: config.client_secret.clone(),
            token: Mutex::new(None),
            metrics,
        })
    }

    /// A valid bearer token, from cache or freshly fetched (one fetch at a time).
    pub async fn token(&self) -> Result<Secret, ApiError> {
        let mut cached = self.token.lock().await;
        if let Some(t) = cached.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.value.clone());
        }
        let started = Instant::now();
        let res = self
            .http
            .post(format!("{}{}", self.base, path::TOKEN))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.expose()),
            ])
            .send()
            .await;
        let res = self.observe("token", started, res)?;
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

    /// Drop the cached token if it is the one upstream just refused (another request may
    /// already have replaced it).
    async fn forget_token(&self, refused: &Secret) {
        let mut cached = self.token.lock().await;
        if cached.as_ref().is_some_and(|t| &t.value == refused) {
            *cached = None;
        }
    }

    fn observe(
        &self,
        call: &'static str,
        started: Instant,
        res: Result<reqwest::Response, reqwest::Error>,
    ) -> Result<reqwest::Response, ApiError> {
        let outcome = match &res {
            Ok(r) if r.status().is_success() => "ok",
            Ok(r) if r.status().is_client_error() => "refused",
            Ok(_) => "failed",
            Err(e) if e.is_timeout() => "timeout",
            Err(_) => "unreachable",
        };
        self.metrics.upstream(call, outcome, started.elapsed());
        Ok(res?)
    }

    /// Send a call with the bearer token. A 401 means our cached token is no longer good
    /// (revoked, or upstream restarted): fetch a new one and send once more. That retry is
    /// safe for any method, since upstream refused the call before doing anything.
    async fn send(
        &self,
        call: &'static str,
        build: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, ApiError> {
        let token = self.token().await?;
        let started = Instant::now();
        let res = self.observe(call, started, build(token.expose()).send().await)?;
        if res.status() != StatusCode::UNAUTHORIZED {
            return check(res).await;
        }
        tracing::info!(call, "upstream refused our token; refreshing it once");
        self.forget_token(&token).await;
        let token = self.token().await?;
        let started = Instant::now();
        let res = self.observe(call, started, build(token.expose()).send().await)?;
        check(res).await
    }

    /// `POST /session` (initializeTransaction): returns the new upstream session-id, which
    /// stays on the server.
    pub async fn start_session(&self, corr: &CorrelationId) -> Result<Secret, ApiError> {
        let res = self
            .send("session", |token| {
                self.http
                    .post(format!("{}{}", self.base, path::SESSION))
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::CLIENT_ID, &self.client_id)
                    .header(header::CORRELATION_ID, &corr.0)
            })
            .await?;
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
        let body = ServiceabilityRequest {
            street_address: street_address.to_owned(),
        };
        self.send("serviceability", |token| {
            self.http
                .post(format!("{}{}", self.base, path::SERVICEABILITY))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CLIENT_ID, &self.client_id)
                .header(header::SESSION_ID, session_id.expose())
                .header(header::CORRELATION_ID, &corr.0)
                .json(&body)
        })
        .await?
        .json()
        .await
        .map_err(|_| ApiError::UpstreamUnavailable)
    }
}

/// An upstream answer with the back office's clock at the time it answered.
#[derive(Debug)]
pub struct Upstreamed<T> {
    pub body: T,
    pub server_time: Option<UtcMillis>,
}

impl Upstream {
    /// One call in a customer's upstream session, with every header the seeds require on
    /// calls after `/session`.
    pub async fn call<T: DeserializeOwned>(
        &self,
        name: &'static str,
        method: Method,
        path: &str,
        session_id: &Secret,
        corr: &CorrelationId,
        body: Option<serde_json::Value>,
    ) -> Result<Upstreamed<T>, ApiError> {
        let url = format!("{}{}", self.base, path);
        let res = self
            .send(name, |token| {
                let req = self
                    .http
                    .request(method.clone(), &url)
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::CLIENT_ID, &self.client_id)
                    .header(header::SESSION_ID, session_id.expose())
                    .header(header::CORRELATION_ID, &corr.0)
                    .header(header::LOB, checkout_core::ocbo::LOB_FIXED)
                    .header(header::CHANNEL_ID, checkout_core::ocbo::CHANNEL_ECOM);
                match &body {
                    Some(b) => req.json(b),
                    None => req,
                }
            })
            .await?;
        let server_time = res
            .headers()
            .get(header::SERVER_TIME)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| UtcMillis::parse_iso8601(v).ok());
        let body = res.json().await.map_err(|e| {
            tracing::warn!(correlation_id = %corr.0, call = name, error = %e, "unreadable upstream answer");
            ApiError::UpstreamUnavailable
        })?;
        Ok(Upstreamed { body, server_time })
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
