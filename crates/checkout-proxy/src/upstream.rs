//! The one client of the back office. It fetches and caches the OAuth2 token (refreshing it
//! once when upstream says 401), adds the headers the seeds require, records each call's
//! latency, and maps upstream failures to stable codes, never passing an upstream body through.
//!
//! Every call is on the hot path of a customer's click, so what does not change per call is
//! made once: the URLs are parsed at start-up (a `format!` and full URL parse per call showed
//! in the proxy's CPU profile), and header names and fixed values are built once too. Calls go
//! out on HTTP/1.1 keep-alive connections through hyper's client (transport.rs), which follows
//! no redirect and keeps no cookie, so our token goes nowhere but upstream. Answers are read
//! whole, bounded by `MAX_ANSWER_BYTES`.

use crate::config::{Config, Secret};
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::transport::Transport;
use axum::body::Bytes;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use axum::http::{HeaderMap, Method, Request, Response, StatusCode, Uri};
use checkout_core::UtcMillis;
use checkout_core::errors::BssErrorBody;
use checkout_core::ocbo::{
    OcboError, ServiceabilityRequest, ServiceabilityResponse, TokenResponse, header, path,
};
use checkout_core::problem::{ErrorCode, from_ocbo};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;
use url::{Position, Url};

mod calls;
pub(crate) use calls::HeldOrder;

/// Refresh a token this long before upstream says it expires, so no call races its expiry.
const TOKEN_EARLY_REFRESH: Duration = Duration::from_secs(30);

/// Idle keep-alive connections kept to the back office: enough for the 50 concurrent
/// customers of the benchmark (DESIGN §10) without reconnecting.
const POOL_IDLE: usize = 64;

/// The largest answer we read from the back office. Its biggest (a quote, the offers) are a
/// few kilobytes; anything near this is a fault, not an answer.
const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// An upstream answer, read whole.
type Answer = Response<Bytes>;

/// Why a call got no answer.
#[derive(Debug, thiserror::Error)]
enum SendError {
    #[error("no answer within the upstream timeout")]
    Timeout,
    #[error("upstream unreachable or the answer broke off: {0}")]
    Unreachable(String),
}

impl From<SendError> for ApiError {
    fn from(e: SendError) -> Self {
        match e {
            SendError::Timeout => Self::UpstreamTimeout,
            SendError::Unreachable(_) => Self::UpstreamUnavailable,
        }
    }
}

/// Why the client cannot be built from the configuration.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("UPSTREAM_URL is not a usable http(s) base URL: {0}")]
    Url(String),
    #[error("CLIENT_ID cannot be sent as a header")]
    ClientId,
}

#[derive(Debug)]
pub struct Upstream {
    /// Keep-alive connections, kept per worker thread (workers.rs).
    transport: Transport,
    /// The whole call, answer included, must fit in this.
    timeout: Duration,
    urls: Urls,
    headers: Fixed,
    client_id: String,
    client_secret: Secret,
    /// Read by every call, so a plain lock held for a clone: an async mutex here made
    /// concurrent calls on different worker threads queue and wake one another.
    token: RwLock<Option<CachedToken>>,
    /// Held while fetching a token, so that one fetch serves every call waiting for it.
    fetching: Mutex<()>,
    metrics: Arc<Metrics>,
}

/// The back office's base URL, and the fixed endpoints under it, parsed once. Requests carry
/// the whole URL; hyper's client writes the path on the request line and the `Host` from it.
#[derive(Debug)]
struct Urls {
    base: Url,
    /// The base's path without its trailing slash ("" for a bare host).
    prefix: String,
    token: Uri,
    session: Uri,
    serviceability: Uri,
}

impl Urls {
    fn new(raw: &str) -> Result<Self, SetupError> {
        let base = Url::parse(raw).map_err(|e| SetupError::Url(e.to_string()))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(SetupError::Url(raw.to_owned()));
        }
        if base.scheme() != "http" {
            // No TLS is built in: an https back office sits behind a TLS-terminating sidecar.
            return Err(SetupError::Url(format!(
                "{raw} (only http:// is supported)"
            )));
        }
        if base.host_str().is_none() {
            return Err(SetupError::Url(raw.to_owned()));
        }
        let prefix = base.path().trim_end_matches('/').to_owned();
        let fixed = |base: &Url, p: &str| {
            let mut url = base.clone();
            url.set_path(&format!("{prefix}{p}"));
            Uri::try_from(&url[..Position::AfterPath]).map_err(|e| SetupError::Url(e.to_string()))
        };
        Ok(Self {
            token: fixed(&base, path::TOKEN)?,
            session: fixed(&base, path::SESSION)?,
            serviceability: fixed(&base, path::SERVICEABILITY)?,
            base,
            prefix,
        })
    }

    /// `path` under the base. Only the path is set: no re-parse of scheme and host, and
    /// anything in an upstream id that is not a path character gets percent-encoded.
    fn at(&self, path: &str) -> Result<Uri, ApiError> {
        self.at_with_query(path, &[])
    }

    /// The same, with a query of these pairs (each form-encoded: a value cannot add a pair).
    fn at_with_query(&self, path: &str, query: &[(&str, &str)]) -> Result<Uri, ApiError> {
        let mut url = self.base.clone();
        if self.prefix.is_empty() {
            url.set_path(path);
        } else {
            url.set_path(&format!("{}{path}", self.prefix));
        }
        let end = if query.is_empty() {
            Position::AfterPath
        } else {
            url.query_pairs_mut().clear().extend_pairs(query);
            Position::AfterQuery
        };
        Uri::try_from(&url[..end]).map_err(|_| {
            tracing::error!("an upstream path did not make a URI");
            ApiError::UpstreamUnavailable
        })
    }
}

/// Header names and values the same on every call.
#[derive(Debug)]
struct Fixed {
    client_id_name: HeaderName,
    client_id: HeaderValue,
    session_id: HeaderName,
    correlation_id: HeaderName,
    lob_name: HeaderName,
    lob: HeaderValue,
    channel_name: HeaderName,
    channel: HeaderValue,
}

impl Fixed {
    fn new(client_id: &str) -> Result<Self, SetupError> {
        // The seeds spell some names in camelCase; HTTP/1 names are case-insensitive and
        // travel in lower case.
        let name = |n: &str| HeaderName::from_bytes(n.to_ascii_lowercase().as_bytes());
        let names = (|| {
            Ok::<_, axum::http::header::InvalidHeaderName>((
                name(header::CLIENT_ID)?,
                name(header::SESSION_ID)?,
                name(header::CORRELATION_ID)?,
                name(header::LOB)?,
                name(header::CHANNEL_ID)?,
            ))
        })()
        .map_err(|_| SetupError::ClientId)?;
        Ok(Self {
            client_id_name: names.0,
            client_id: HeaderValue::from_str(client_id).map_err(|_| SetupError::ClientId)?,
            session_id: names.1,
            correlation_id: names.2,
            lob_name: names.3,
            lob: HeaderValue::from_static(checkout_core::ocbo::LOB_FIXED),
            channel_name: names.4,
            channel: HeaderValue::from_static(checkout_core::ocbo::CHANNEL_ECOM),
        })
    }
}

#[derive(Debug)]
struct CachedToken {
    token: Token,
    refresh_at: Instant,
}

/// A token, held as the `Authorization` value that carries it (`Bearer <token>`, marked
/// sensitive), built once per token rather than once per call. A refused token is recognised
/// by it too, so handing one out is a reference-count increment, not a copy of the token.
#[derive(Debug, Clone)]
pub struct Token {
    bearer: HeaderValue,
}

impl Upstream {
    pub fn new(config: &Config, metrics: Arc<Metrics>, workers: usize) -> Result<Self, SetupError> {
        let urls = Urls::new(&config.upstream_url)?;
        // HTTP/1.1 (the back office's) on keep-alive connections; nothing follows a redirect,
        // so our token never goes anywhere but upstream.
        Ok(Self {
            transport: Transport::new(workers, POOL_IDLE),
            timeout: config.upstream_timeout,
            urls,
            headers: Fixed::new(&config.client_id)?,
            client_id: config.client_id.clone(),
            client_secret: config.client_secret.clone(),
            token: RwLock::new(None),
            fetching: Mutex::new(()),
            metrics,
        })
    }

    /// A valid bearer token, from cache or freshly fetched (one fetch at a time).
    pub async fn token(&self) -> Result<Token, ApiError> {
        if let Some(t) = self.cached_token() {
            return Ok(t);
        }
        let _fetching = self.fetching.lock().await;
        // The fetch we waited for may have brought one.
        if let Some(t) = self.cached_token() {
            return Ok(t);
        }
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", &self.client_id)
            .append_pair("client_secret", self.client_secret.expose())
            .finish();
        let req = Request::post(self.urls.token.clone())
            .header(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            )
            .body(Bytes::from(form))
            .map_err(|_| ApiError::UpstreamUnavailable)?;
        let started = Instant::now();
        let res = self.exchange(req).await;
        let res = self.observe("token", started, res)?;
        if !res.status().is_success() {
            tracing::error!(status = %res.status(), "token endpoint refused our credentials");
            return Err(ApiError::UpstreamUnavailable);
        }
        let t: TokenResponse =
            serde_json::from_slice(res.body()).map_err(|_| ApiError::UpstreamUnavailable)?;
        let lifetime = Duration::from_secs(t.expires_in).saturating_sub(TOKEN_EARLY_REFRESH);
        let mut bearer =
            HeaderValue::from_str(&format!("Bearer {}", t.access_token)).map_err(|_| {
                tracing::error!("token endpoint sent a token that cannot be a header");
                ApiError::UpstreamUnavailable
            })?;
        bearer.set_sensitive(true);
        let token = Token { bearer };
        *self.token.write().unwrap_or_else(PoisonError::into_inner) = Some(CachedToken {
            token: token.clone(),
            refresh_at: Instant::now() + lifetime,
        });
        Ok(token)
    }

    /// The cached token, unless it is due for refresh.
    fn cached_token(&self) -> Option<Token> {
        self.token
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .filter(|t| Instant::now() < t.refresh_at)
            .map(|t| t.token.clone())
    }

    /// Drop the cached token if it is the one upstream just refused (another request may
    /// already have replaced it).
    fn forget_token(&self, refused: &Token) {
        let mut cached = self.token.write().unwrap_or_else(PoisonError::into_inner);
        if cached
            .as_ref()
            .is_some_and(|t| t.token.bearer == refused.bearer)
        {
            *cached = None;
        }
    }

    /// Send one request and read its answer whole, all within the upstream timeout.
    async fn exchange(&self, req: Request<Bytes>) -> Result<Answer, SendError> {
        match tokio::time::timeout(self.timeout, self.transport.send(req, MAX_ANSWER_BYTES)).await {
            Ok(answer) => answer.map_err(|e| SendError::Unreachable(e.to_string())),
            Err(_elapsed) => Err(SendError::Timeout),
        }
    }

    fn observe(
        &self,
        call: &'static str,
        started: Instant,
        res: Result<Answer, SendError>,
    ) -> Result<Answer, ApiError> {
        let outcome = match &res {
            Ok(r) if r.status().is_success() => "ok",
            Ok(r) if r.status().is_client_error() => "refused",
            Ok(_) => "failed",
            Err(SendError::Timeout) => "timeout",
            Err(SendError::Unreachable(e)) => {
                // The error names a socket or protocol failure, never a header or body.
                tracing::warn!(call, error = %e, "upstream call failed");
                "unreachable"
            }
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
        build: impl Fn(&HeaderValue) -> Result<Request<Bytes>, ApiError>,
    ) -> Result<Answer, ApiError> {
        let token = self.token().await?;
        let started = Instant::now();
        let res = self.observe(call, started, self.exchange(build(&token.bearer)?).await)?;
        if res.status() != StatusCode::UNAUTHORIZED {
            return check(res);
        }
        tracing::info!(call, "upstream refused our token; refreshing it once");
        self.forget_token(&token);
        let token = self.token().await?;
        let started = Instant::now();
        let res = self.observe(call, started, self.exchange(build(&token.bearer)?).await)?;
        check(res)
    }

    /// A request carrying the token, the headers every call carries, `extra` headers and a
    /// JSON body if any.
    fn request(
        &self,
        method: Method,
        uri: Uri,
        bearer: &HeaderValue,
        corr: &CorrelationId,
        extra: &[(HeaderName, HeaderValue)],
        json: Option<&impl Serialize>,
    ) -> Result<Request<Bytes>, ApiError> {
        let h = &self.headers;
        let body = match json {
            Some(b) => serde_json::to_vec(b).map_err(|_| {
                tracing::error!("an upstream request could not be built");
                ApiError::UpstreamUnavailable
            })?,
            None => Vec::new(),
        };
        // Built in place: `Request::builder()` moves the whole request through a closure per
        // header.
        let mut req = Request::new(Bytes::from(body));
        *req.method_mut() = method;
        *req.uri_mut() = uri;
        let headers = req.headers_mut();
        headers.reserve(5 + extra.len());
        headers.insert(AUTHORIZATION, bearer.clone());
        headers.insert(h.client_id_name.clone(), h.client_id.clone());
        headers.insert(h.correlation_id.clone(), corr.header().clone());
        for (k, v) in extra {
            headers.append(k.clone(), v.clone());
        }
        if json.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        Ok(req)
    }

    /// Whether the back office answers at all now: `GET /healthz` (docs/sandbox.md), within the
    /// upstream timeout. The readiness probe asks this, since a cached token says nothing about
    /// whether the back office is up.
    pub async fn reachable(&self) -> bool {
        let Ok(uri) = self.urls.at("/healthz") else {
            return false;
        };
        let mut req = Request::new(Bytes::new());
        *req.uri_mut() = uri;
        let started = Instant::now();
        let answer = self.observe("health", started, self.exchange(req).await);
        answer.is_ok_and(|a| a.status().is_success())
    }

    /// `POST /session` (initializeTransaction): returns the new upstream session-id, which
    /// stays on the server.
    pub async fn start_session(&self, corr: &CorrelationId) -> Result<Secret, ApiError> {
        let res = self
            .send("session", |bearer| {
                self.request(
                    Method::POST,
                    self.urls.session.clone(),
                    bearer,
                    corr,
                    &[],
                    None::<&()>,
                )
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
        let session = self.session_header(session_id)?;
        let res = self
            .send("serviceability", |bearer| {
                self.request(
                    Method::POST,
                    self.urls.serviceability.clone(),
                    bearer,
                    corr,
                    std::slice::from_ref(&session),
                    Some(&body),
                )
            })
            .await?;
        serde_json::from_slice(res.body()).map_err(|_| ApiError::UpstreamUnavailable)
    }

    /// `POST /v1/staff/auth`: an employee's PIN, checked at the kiosk's store. Before any
    /// customer's session (an employee signs in at an idle kiosk), so with the client's
    /// credentials alone. The PIN is in the body only, never in a header or a log.
    pub async fn staff_auth(
        &self,
        corr: &CorrelationId,
        req: &checkout_core::kiosk::StaffAuthRequest,
    ) -> Result<checkout_core::kiosk::StaffMember, ApiError> {
        let uri = self
            .urls
            .at(checkout_core::kiosk::upstream_path::STAFF_AUTH)?;
        let res = self
            .send("staff_auth", |bearer| {
                self.request(Method::POST, uri.clone(), bearer, corr, &[], Some(req))
            })
            .await?;
        serde_json::from_slice(res.body()).map_err(|_| ApiError::UpstreamUnavailable)
    }

    /// The `session-id` header, marked sensitive so no debug output shows it.
    fn session_header(&self, session_id: &Secret) -> Result<(HeaderName, HeaderValue), ApiError> {
        let mut v = HeaderValue::from_str(session_id.expose()).map_err(|_| {
            tracing::error!("an upstream session id cannot be a header");
            ApiError::UpstreamUnavailable
        })?;
        v.set_sensitive(true);
        Ok((self.headers.session_id.clone(), v))
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
    /// calls after `/session` and any `extra`, answering the response headers too (the
    /// quote's `X-Conversation-Id` comes back in one). Private: handlers call the typed
    /// methods of `calls.rs`, which name each path and body once.
    #[allow(clippy::too_many_arguments)] // one upstream call: each argument is part of it
    async fn call_with<B: Serialize, T: DeserializeOwned>(
        &self,
        name: &'static str,
        method: Method,
        path: &str,
        session_id: &Secret,
        corr: &CorrelationId,
        body: Option<&B>,
        extra: &[(HeaderName, HeaderValue)],
    ) -> Result<(Upstreamed<T>, HeaderMap), ApiError> {
        let uri = self.urls.at(path)?;
        self.call_at(name, method, uri, session_id, corr, body, extra)
            .await
    }

    /// `GET` `path?query` in a customer's upstream session (a TMF list with a filter).
    async fn get_with_query<T: DeserializeOwned>(
        &self,
        name: &'static str,
        path: &str,
        query: &[(&str, &str)],
        session_id: &Secret,
        corr: &CorrelationId,
    ) -> Result<Upstreamed<T>, ApiError> {
        let uri = self.urls.at_with_query(path, query)?;
        self.call_at(name, Method::GET, uri, session_id, corr, None::<&()>, &[])
            .await
            .map(|(answer, _)| answer)
    }

    #[allow(clippy::too_many_arguments)] // one upstream call: each argument is part of it
    async fn call_at<B: Serialize, T: DeserializeOwned>(
        &self,
        name: &'static str,
        method: Method,
        uri: Uri,
        session_id: &Secret,
        corr: &CorrelationId,
        body: Option<&B>,
        extra: &[(HeaderName, HeaderValue)],
    ) -> Result<(Upstreamed<T>, HeaderMap), ApiError> {
        let h = &self.headers;
        let mut headers = vec![
            self.session_header(session_id)?,
            (h.lob_name.clone(), h.lob.clone()),
            (h.channel_name.clone(), h.channel.clone()),
        ];
        headers.extend_from_slice(extra);
        let res = self
            .send(name, |bearer| {
                self.request(method.clone(), uri.clone(), bearer, corr, &headers, body)
            })
            .await?;
        let (parts, bytes) = res.into_parts();
        let server_time = parts
            .headers
            .get(header::SERVER_TIME)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| UtcMillis::parse_iso8601(v).ok());
        let body = serde_json::from_slice(&bytes).map_err(|e| {
            tracing::warn!(correlation_id = %corr, call = name, error = %e, "unreadable upstream answer");
            ApiError::UpstreamUnavailable
        })?;
        Ok((Upstreamed { body, server_time }, parts.headers))
    }

    /// The `client-secret` header productOrder needs (seed 004 "Headers"), marked sensitive
    /// so no log or debug output shows it.
    fn client_secret_header(&self) -> Result<(HeaderName, HeaderValue), ApiError> {
        let mut v = HeaderValue::from_str(self.client_secret.expose())
            .map_err(|_| ApiError::UpstreamUnavailable)?;
        v.set_sensitive(true);
        Ok((HeaderName::from_static(header::CLIENT_SECRET), v))
    }
}

/// Pass a success through; turn an upstream error body into a stable code. Two shapes come
/// back: the OCBO body (`clientCode`, `techCode`) and, from productOrder, seed 004's BSS body
/// (`errors[]` with a code such as DRO30E in `description`).
fn check(res: Answer) -> Result<Answer, ApiError> {
    if res.status().is_success() {
        return Ok(res);
    }
    let status = res.status();
    let bytes = res.body();
    if let Ok(e) = serde_json::from_slice::<OcboError>(bytes) {
        tracing::warn!(%status, client_code = %e.client_code, tech_code = %e.tech_code, "upstream error");
        let code = from_ocbo(&e.client_code, &e.tech_code);
        if code == ErrorCode::OtpWrong {
            return Err(ApiError::OtpWrong {
                attempts_left: checkout_core::errors::attempts_left(&e.message),
            });
        }
        return Err(ApiError::Upstream(code));
    }
    if let Ok(e) = serde_json::from_slice::<BssErrorBody>(bytes) {
        let code = e.error_code();
        tracing::warn!(%status, upstream = ?e.upstream_code(), ?code, "BSS refused");
        return Err(ApiError::Upstream(code));
    }
    tracing::warn!(%status, "upstream error without a readable body");
    Err(ApiError::UpstreamUnavailable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_under_the_base_and_ids_cannot_leave_it() {
        let bare = Urls::new("http://127.0.0.1:8090").unwrap();
        assert_eq!(bare.token.to_string(), "http://127.0.0.1:8090/oauth2/token");
        assert_eq!(
            bare.at("/v1/order/a?b#c").unwrap().to_string(),
            "http://127.0.0.1:8090/v1/order/a%3Fb%23c"
        );
        let prefixed = Urls::new("http://bss.example/ocbo/").unwrap();
        assert_eq!(
            prefixed.serviceability.to_string(),
            "http://bss.example/ocbo/v1/serviceability"
        );
        assert_eq!(
            prefixed.at("/v1/order/x").unwrap().to_string(),
            "http://bss.example/ocbo/v1/order/x"
        );
        // The default port is not written, so neither is it in the `Host` hyper derives.
        assert_eq!(
            Urls::new("http://bss.example:80/")
                .unwrap()
                .token
                .to_string(),
            "http://bss.example/oauth2/token"
        );
        assert_eq!(
            Urls::new("http://[::1]:9/").unwrap().token.to_string(),
            "http://[::1]:9/oauth2/token"
        );
        // A query's values are encoded: one cannot add a pair or end the query.
        assert_eq!(
            bare.at_with_query("/JM/productOrder", &[("billingAccount.id", "1&x=2#y")])
                .unwrap()
                .to_string(),
            "http://127.0.0.1:8090/JM/productOrder?billingAccount.id=1%26x%3D2%23y"
        );
        // No TLS is built in: an https URL is refused at start-up, not at the first call.
        assert!(Urls::new("https://bss.example/ocbo/").is_err());
        assert!(Urls::new("bss.example").is_err());
        assert!(Urls::new("ftp://bss.example").is_err());
    }
}
