//! The one layer every request passes through on its way in and out: it gives the request its
//! correlation id and deadline, renders errors as problem+json, sets the security and cache
//! headers, and counts the answer by route.
//!
//! It is a plain tower service with a hand-written future, not a stack of `from_fn`
//! middlewares and header layers. Composed that way it was one of the largest costs per
//! proxied request (callgrind, `bench/proxy-instructions`): each `from_fn` boxes its future and
//! clones the boxed service behind it on every request, and each header layer adds one more
//! future that moves the response on its way out.

use crate::correlation::{CorrelationId, RESPONSE_HEADER};
use crate::error::{ApiError, ProblemSeed};
use crate::metrics::{Metrics, RouteCounter};
use crate::security;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use checkout_core::problem::{CONTENT_TYPE, ErrorCode, Problem};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tower::{Layer, Service};

/// The one path whose answer sets its own Content-Security-Policy (embed_pages.rs).
const EMBED_PATH: &str = "/embed";

/// What the edge adds to every answer, fixed when the app is built.
#[derive(Debug)]
pub struct EdgeConfig {
    /// How long a request may take in all, upstream calls included.
    pub request_timeout: Duration,
    /// Set on every answer outside the API, replacing any the app set (CSP, nosniff,
    /// referrer policy). API answers get the same with the API's own CSP.
    pub headers: HeaderMap,
    /// `X-Frame-Options`, set only where the app set none (see `routes::app`).
    pub frame_options: Option<HeaderValue>,
    pub metrics: Arc<Metrics>,
    /// The paths of every route, sorted: a request to one of them is counted under its path,
    /// anything else (the static app, unknown paths) under "static". Every route is a fixed
    /// path, so the path is the route template.
    pub routes: Vec<String>,
}

/// The config, and what is made from it once: the API's fixed headers and a request counter
/// per route.
#[derive(Debug)]
struct Shared {
    config: EdgeConfig,
    /// `config.headers` with `security::API_CSP` for the page's policy.
    api_headers: HeaderMap,
    /// One per route, sorted by path.
    routes: Vec<RouteCounter>,
    /// Everything else: the static app and unknown paths.
    other: RouteCounter,
}

impl Shared {
    fn counter(&self, path: &str) -> &RouteCounter {
        match self.routes.binary_search_by(|r| r.route().cmp(path)) {
            Ok(i) => &self.routes[i],
            Err(_) => &self.other,
        }
    }
}

#[derive(Debug, Clone)]
pub struct EdgeLayer(Arc<Shared>);

impl EdgeLayer {
    pub fn new(mut config: EdgeConfig) -> Self {
        config.routes.sort_unstable();
        config.routes.dedup();
        let metrics = &config.metrics;
        let mut api_headers = config.headers.clone();
        api_headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(security::API_CSP),
        );
        Self(Arc::new(Shared {
            api_headers,
            routes: config
                .routes
                .iter()
                .map(|r| metrics.route_counter(r))
                .collect(),
            other: metrics.route_counter("static"),
            config,
        }))
    }
}

impl<S> Layer<S> for EdgeLayer {
    type Service = Edge<S>;

    fn layer(&self, inner: S) -> Edge<S> {
        Edge {
            inner,
            shared: self.0.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Edge<S> {
    inner: S,
    shared: Arc<Shared>,
}

impl<S, B> Service<Request> for Edge<S>
where
    S: Service<Request, Response = Response<B>, Error = Infallible>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = EdgeFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request) -> Self::Future {
        let id = CorrelationId::new();
        req.extensions_mut().insert(id.clone());
        // A request with a body to come is watched until it has arrived: past the deadline,
        // a body still trickling in is the client's slowness (408), not the back office's.
        let arrived = (!http_body::Body::is_end_stream(req.body())).then(|| {
            let arrived = Arc::new(AtomicBool::new(false));
            let (parts, body) = req_take(&mut req);
            req = Request::from_parts(
                parts,
                Body::new(Arrival {
                    inner: body,
                    arrived: arrived.clone(),
                }),
            );
            arrived
        });
        // The URI's clone shares its bytes: no copy of the path per request.
        let facts = Facts {
            id,
            method: req.method().clone(),
            uri: req.uri().clone(),
            shared: self.shared.clone(),
            arrived,
        };
        EdgeFuture {
            inner: tokio::time::timeout(self.shared.config.request_timeout, self.inner.call(req)),
            facts: Some(facts),
        }
    }
}

pin_project_lite::pin_project! {
    /// The app's answer within the deadline, finished by [`Facts::finish`].
    pub struct EdgeFuture<F> {
        #[pin]
        inner: tokio::time::Timeout<F>,
        facts: Option<Facts>,
    }
}

impl<F, B> Future for EdgeFuture<F>
where
    F: Future<Output = Result<Response<B>, Infallible>>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let res = match ready!(this.inner.poll(cx)) {
            Ok(Ok(res)) => res.map(Body::new),
            Ok(Err(never)) => match never {},
            Err(_elapsed) => {
                let still_arriving = this
                    .facts
                    .as_ref()
                    .and_then(|f| f.arrived.as_ref())
                    .is_some_and(|a| !a.load(Ordering::Acquire));
                if still_arriving {
                    ApiError::SlowRequest.into_response()
                } else {
                    ApiError::UpstreamTimeout.into_response()
                }
            }
        };
        let facts = this
            .facts
            .take()
            .expect("EdgeFuture polled after it finished");
        Poll::Ready(Ok(facts.finish(res)))
    }
}

/// What the edge keeps of a request until its answer is ready.
struct Facts {
    id: CorrelationId,
    method: Method,
    uri: Uri,
    shared: Arc<Shared>,
    /// Set once a request body has arrived whole (`None`: the request had none).
    arrived: Option<Arc<AtomicBool>>,
}

/// The request's parts and body, leaving an empty request in its place.
fn req_take(req: &mut Request) -> (axum::http::request::Parts, Body) {
    std::mem::take(req).into_parts()
}

pin_project_lite::pin_project! {
    /// A request body that says when it has arrived whole.
    struct Arrival {
        #[pin]
        inner: Body,
        arrived: Arc<AtomicBool>,
    }
}

impl http_body::Body for Arrival {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let this = self.project();
        let polled = this.inner.poll_frame(cx);
        if matches!(polled, Poll::Ready(None)) {
            this.arrived.store(true, Ordering::Release);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

impl Facts {
    fn finish(self, mut res: Response) -> Response {
        let Self {
            id,
            method,
            uri,
            shared,
            arrived: _,
        } = self;
        let (path, config) = (uri.path(), &shared.config);
        let status = res.status();
        if let Some(seed) = res
            .extensions_mut()
            .remove::<ProblemSeed>()
            .or_else(|| bare_error(status, path))
        {
            tracing::warn!(correlation_id = %id, %method, %path, code = ?seed.code, "request failed");
            let mut problem = Problem::new(seed.code, seed.detail, id.as_str().to_owned());
            problem.status = status.as_u16();
            let (mut parts, _) = res.into_parts();
            parts.headers.remove(header::CONTENT_LENGTH);
            parts
                .headers
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
            let body = axum::Json(problem).into_response().into_body();
            res = Response::from_parts(parts, body);
        }
        let headers = res.headers_mut();
        // Room for all we add at once, rather than the map growing twice on the way.
        let fixed = if security::is_api(path) {
            &shared.api_headers
        } else {
            &config.headers
        };
        headers.reserve(3 + fixed.len());
        headers.insert(RESPONSE_HEADER, id.header().clone());
        if let Some(policy) = security::cache_control(path, status.is_success()) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
        // Partners load the loader with an SRI hash, which a browser checks only on a CORS
        // answer; it is public, the same bytes for everyone.
        if security::is_embed_loader(path) {
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        for (name, value) in fixed {
            // The embed's page keeps its own policy (the app's, framed by one partner's
            // origins: embed_pages.rs); no other answer may weaken ours.
            if name == header::CONTENT_SECURITY_POLICY
                && path == EMBED_PATH
                && headers.contains_key(header::CONTENT_SECURITY_POLICY)
            {
                continue;
            }
            headers.insert(name, value.clone());
        }
        if let Some(deny) = &config.frame_options
            && !headers.contains_key(header::X_FRAME_OPTIONS)
        {
            headers.insert(header::X_FRAME_OPTIONS, deny.clone());
        }
        shared.counter(path).count(&method, status);
        res
    }
}

/// Errors made by layers and the router rather than by our handlers, which carry no
/// [`ProblemSeed`]: a body too large anywhere, and on the API a path or a method that does not
/// exist (problem+json like every other API error, not an empty body).
fn bare_error(status: StatusCode, path: &str) -> Option<ProblemSeed> {
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            return Some(ProblemSeed {
                code: ErrorCode::InvalidInput,
                detail: Some("The request is too large.".to_owned()),
            });
        }
        StatusCode::NOT_FOUND if security::is_api(path) => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED if security::is_api(path) => ErrorCode::MethodNotAllowed,
        _ => return None,
    };
    Some(ProblemSeed { code, detail: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    fn config(frame_options: Option<HeaderValue>) -> EdgeConfig {
        EdgeConfig {
            request_timeout: Duration::from_millis(200),
            headers: security::response_headers(
                HeaderValue::from_static("default-src 'self'"),
                false,
            ),
            frame_options,
            metrics: Arc::new(Metrics::default()),
            routes: vec!["/healthz".to_owned(), "/api/v1/eligibility".to_owned()],
        }
    }

    /// The edge around a service answering `answer` after `delay`.
    async fn through_edge(
        config: EdgeConfig,
        path: &str,
        delay: Duration,
        answer: fn() -> Response,
    ) -> (Response, Arc<Metrics>) {
        let metrics = config.metrics.clone();
        let svc = EdgeLayer::new(config).layer(tower::service_fn(move |req: Request| {
            let seen = req.extensions().get::<CorrelationId>().cloned();
            async move {
                tokio::time::sleep(delay).await;
                let mut res = answer();
                // Lets a test see the id the handler was given.
                if let Some(id) = seen {
                    res.headers_mut().insert("x-seen-id", id.header().clone());
                }
                Ok::<_, Infallible>(res)
            }
        }));
        let req = Request::get(path).body(Body::empty()).unwrap();
        (svc.oneshot(req).await.unwrap(), metrics)
    }

    async fn json(res: Response) -> serde_json::Value {
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn every_answer_carries_the_security_headers_and_its_correlation_id() {
        let (res, _) = through_edge(config(None), "/healthz", Duration::ZERO, || {
            (
                [(header::CONTENT_SECURITY_POLICY, "something weaker")],
                "ok",
            )
                .into_response()
        })
        .await;
        let h = res.headers();
        assert_eq!(h[header::CONTENT_SECURITY_POLICY], "default-src 'self'");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[RESPONSE_HEADER], h["x-seen-id"]);
        assert!(uuid::Uuid::parse_str(h[RESPONSE_HEADER].to_str().unwrap()).is_ok());
        assert!(h.get(header::X_FRAME_OPTIONS).is_none());
    }

    #[tokio::test]
    async fn frame_options_never_replace_the_apps_own() {
        let deny = Some(HeaderValue::from_static("DENY"));
        let (res, _) = through_edge(config(deny.clone()), "/", Duration::ZERO, || {
            "page".into_response()
        })
        .await;
        assert_eq!(res.headers()[header::X_FRAME_OPTIONS], "DENY");
        let (res, _) = through_edge(config(deny), "/", Duration::ZERO, || {
            ([(header::X_FRAME_OPTIONS, "SAMEORIGIN")], "page").into_response()
        })
        .await;
        assert_eq!(res.headers()[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    }

    #[tokio::test]
    async fn handler_errors_become_problems_with_the_requests_correlation_id() {
        let (res, metrics) =
            through_edge(config(None), "/api/v1/eligibility", Duration::ZERO, || {
                ApiError::Csrf.into_response()
            })
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(res.headers()[header::CONTENT_TYPE], CONTENT_TYPE);
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
        assert_eq!(
            res.headers()[header::CONTENT_SECURITY_POLICY],
            security::API_CSP
        );
        let id = res.headers()[RESPONSE_HEADER].to_str().unwrap().to_owned();
        let body = json(res).await;
        assert_eq!(body["code"], "csrf_rejected");
        assert_eq!(body["status"], 403);
        assert_eq!(body["correlationId"], id);
        assert!(metrics.render().contains(
            r#"checkout_http_requests_total{method="GET",route="/api/v1/eligibility",status="403"} 1"#
        ));
    }

    #[tokio::test]
    async fn a_body_refused_for_its_size_is_a_problem_too() {
        let (res, _) = through_edge(config(None), "/api/v1/eligibility", Duration::ZERO, || {
            (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response()
        })
        .await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(res.headers()[header::CONTENT_TYPE], CONTENT_TYPE);
        assert_eq!(json(res).await["code"], "invalid_input");
    }

    #[tokio::test]
    async fn a_request_past_its_deadline_is_a_504_problem_and_is_counted() {
        let (res, metrics) = through_edge(config(None), "/healthz", Duration::from_secs(5), || {
            "too late".into_response()
        })
        .await;
        assert_eq!(res.status(), StatusCode::GATEWAY_TIMEOUT);
        assert!(res.headers().get("x-seen-id").is_none());
        assert_eq!(json(res).await["code"], "upstream_timeout");
        assert!(metrics.render().contains(
            r#"checkout_http_requests_total{method="GET",route="/healthz",status="504"} 1"#
        ));
    }

    #[tokio::test]
    async fn static_files_are_cached_by_name_and_unknown_paths_counted_as_static() {
        let ok = || "file".into_response();
        let (res, _) = through_edge(
            config(None),
            "/checkout-app-0123456789abcdef_bg.wasm",
            Duration::ZERO,
            ok,
        )
        .await;
        assert_eq!(
            res.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        let (res, metrics) =
            through_edge(config(None), "/some/deep/link", Duration::ZERO, ok).await;
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
        assert!(metrics.render().contains(
            r#"checkout_http_requests_total{method="GET",route="static",status="200"} 1"#
        ));
        let (res, _) = through_edge(config(None), "/api/v1/eligibility", Duration::ZERO, ok).await;
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
    }
}
