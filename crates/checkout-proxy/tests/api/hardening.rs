//! The proxy facing a hostile internet and a misbehaving back office: token refresh, upstream
//! timeouts and 5xx, CORS and framing for partners, body and rate limits, probes and metrics.

use crate::support;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE};
use checkout_proxy::Config;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use support::{spawn_app, spawn_app_with, spawn_proxy};

/// How a fake back office misbehaves.
#[derive(Clone, Copy)]
enum Fault {
    /// Accepts only the newest token it issued (as after a restart or a revocation).
    RevokesOldTokens,
    /// Takes this long to answer `/session`.
    Slow(Duration),
    /// Answers `/session` with a 500 and an HTML page that must not reach the browser.
    Crashes,
    /// Answers `/session` with a body far larger than any real answer.
    Floods,
    /// Answers `/session` with a redirect elsewhere (where our token must never go).
    Redirects,
}

#[derive(Clone)]
struct Fake {
    fault: Fault,
    tokens_issued: Arc<AtomicU64>,
    /// Requests that reached `/elsewhere`, the target of `Fault::Redirects`.
    elsewhere: Arc<AtomicU64>,
}

async fn fake_token(State(f): State<Fake>) -> impl IntoResponse {
    // Long enough for calls arriving together to overlap one fetch.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let n = f.tokens_issued.fetch_add(1, Ordering::SeqCst) + 1;
    axum::Json(
        json!({ "access_token": format!("tok-{n}"), "token_type": "Bearer", "expires_in": 3600 }),
    )
}

async fn fake_session(State(f): State<Fake>, headers: HeaderMap) -> impl IntoResponse {
    match f.fault {
        Fault::RevokesOldTokens => {
            let newest = format!("Bearer tok-{}", f.tokens_issued.load(Ordering::SeqCst));
            if headers["authorization"] != newest.as_str() {
                return (StatusCode::UNAUTHORIZED, "token revoked").into_response();
            }
            (
                [("session-id", "fake-session")],
                axum::Json(json!({ "token": "x" })),
            )
                .into_response()
        }
        Fault::Slow(d) => {
            tokio::time::sleep(d).await;
            (
                [("session-id", "fake-session")],
                axum::Json(json!({ "token": "x" })),
            )
                .into_response()
        }
        Fault::Crashes => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "<html>NullPointerException at com.bss.Internal secret-stack-trace</html>",
        )
            .into_response(),
        Fault::Floods => (
            [("session-id", "fake-session")],
            "x".repeat(3 * 1024 * 1024),
        )
            .into_response(),
        Fault::Redirects => (
            StatusCode::TEMPORARY_REDIRECT,
            [("location", "/elsewhere"), ("session-id", "fake-session")],
        )
            .into_response(),
    }
}

async fn fake_elsewhere(State(f): State<Fake>) -> impl IntoResponse {
    f.elsewhere.fetch_add(1, Ordering::SeqCst);
    ([("session-id", "stolen-session")], axum::Json(json!({})))
}

async fn fake_serviceability() -> impl IntoResponse {
    axum::Json(json!({ "serviceable": true, "technology": "FTTH", "market": "PR" }))
}

/// A fake back office on 127.0.0.1, and a proxy in front of it.
async fn proxy_before(fault: Fault, tweak: impl FnOnce(&mut Config)) -> (String, Fake) {
    let fake = Fake {
        fault,
        tokens_issued: Arc::new(AtomicU64::new(0)),
        elsewhere: Arc::new(AtomicU64::new(0)),
    };
    let app = Router::new()
        .route("/oauth2/token", post(fake_token))
        .route("/session", post(fake_session))
        .route("/v1/serviceability", post(fake_serviceability))
        .route("/elsewhere", post(fake_elsewhere))
        .with_state(fake.clone());
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream_url = format!("http://{}", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await });
    let mut config = Config {
        upstream_url,
        ..Config::default()
    };
    tweak(&mut config);
    (spawn_proxy(config).await, fake)
}

async fn check(base: &str, address: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base}/api/v1/eligibility"))
        .header(CSRF_HEADER, CSRF_VALUE)
        .json(&json!({ "address": address }))
        .send()
        .await
        .unwrap()
}

/// The problem+json body of an answer that must have `status`.
async fn problem(res: reqwest::Response, status: u16) -> Value {
    assert_eq!(res.status(), status);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    res.json().await.unwrap()
}

#[tokio::test]
async fn a_refused_token_is_refreshed_once_and_the_call_succeeds() {
    let (base, fake) = proxy_before(Fault::RevokesOldTokens, |_| {}).await;
    assert_eq!(check(&base, "1 Calle Sol").await.status(), 200);
    // Upstream restarts and forgets our token.
    fake.tokens_issued.fetch_add(1, Ordering::SeqCst);
    assert_eq!(check(&base, "1 Calle Sol").await.status(), 200);
    assert_eq!(fake.tokens_issued.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn calls_arriving_together_share_one_token_fetch() {
    let (base, fake) = proxy_before(Fault::Slow(Duration::ZERO), |_| {}).await;
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let base = base.clone();
        calls.spawn(async move { check(&base, "1 Calle Sol").await.status() });
    }
    while let Some(status) = calls.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
    assert_eq!(fake.tokens_issued.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_upstream_timeout_is_a_clean_504_problem() {
    let (base, _) = proxy_before(Fault::Slow(Duration::from_secs(3)), |c| {
        c.upstream_timeout = Duration::from_millis(200);
    })
    .await;
    let body = problem(check(&base, "1 Calle Sol").await, 504).await;
    assert_eq!(body["code"], "upstream_timeout");
    assert_eq!(body["recovery"], "retry");
}

#[tokio::test]
async fn the_whole_request_is_bounded_too() {
    let (base, _) = proxy_before(Fault::Slow(Duration::from_secs(3)), |c| {
        c.request_timeout = Duration::from_millis(300);
    })
    .await;
    let body = problem(check(&base, "1 Calle Sol").await, 504).await;
    assert_eq!(body["code"], "upstream_timeout");
}

#[tokio::test]
async fn an_upstream_500_is_a_clean_502_and_its_body_stays_upstream() {
    let (base, _) = proxy_before(Fault::Crashes, |_| {}).await;
    let res = check(&base, "1 Calle Sol").await;
    assert_eq!(res.status(), 502);
    let text = res.text().await.unwrap();
    assert!(
        !text.contains("secret-stack-trace") && !text.contains("NullPointer"),
        "{text}"
    );
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["code"], "upstream_unavailable");
}

#[tokio::test]
async fn an_endless_upstream_answer_is_cut_off_and_a_clean_502() {
    let (base, _) = proxy_before(Fault::Floods, |_| {}).await;
    let body = problem(check(&base, "1 Calle Sol").await, 502).await;
    assert_eq!(body["code"], "upstream_unavailable");
}

#[tokio::test]
async fn an_upstream_redirect_is_not_followed_with_our_token() {
    let (base, fake) = proxy_before(Fault::Redirects, |_| {}).await;
    let body = problem(check(&base, "1 Calle Sol").await, 502).await;
    assert_eq!(body["code"], "upstream_unavailable");
    assert_eq!(fake.elsewhere.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn partner_origins_get_cors_with_credentials_and_others_get_nothing() {
    let app = spawn_app_with(|c| c.partner_origins = vec!["https://shop.example".into()]).await;
    let preflight = |origin: &'static str| {
        reqwest::Client::new()
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/v1/eligibility", app.base),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,x-checkout-csrf",
            )
            .send()
    };
    let ok = preflight("https://shop.example").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://shop.example"
    );
    assert_eq!(ok.headers()["access-control-allow-credentials"], "true");
    let evil = preflight("https://evil.example").await.unwrap();
    assert!(evil.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn only_partners_may_frame_the_app() {
    let alone = spawn_app().await;
    let res = alone.get("/").await;
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .ends_with("frame-ancestors 'none'")
    );
    assert_eq!(res.headers()["x-frame-options"], "DENY");

    let embedded =
        spawn_app_with(|c| c.partner_origins = vec!["https://shop.example".into()]).await;
    let res = embedded.get("/").await;
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .ends_with("frame-ancestors 'self' https://shop.example")
    );
    assert!(res.headers().get("x-frame-options").is_none());

    // The API's JSON is no page: it loads nothing, is framed by no one and is kept by no cache,
    // whoever may frame the app.
    let res = check(&embedded.base, "1 Calle Sol").await;
    assert_eq!(res.status(), 200);
    let h = res.headers();
    assert_eq!(
        h["content-security-policy"],
        "default-src 'none'; frame-ancestors 'none'"
    );
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn secure_cookie_mode_uses_the_host_prefix() {
    let app = spawn_app_with(|c| c.secure_cookies = true).await;
    let res = app.check("1 Calle Sol").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-checkout="), "{cookie}");
    assert!(
        cookie.contains("; Secure")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_it_is_read() {
    let app = spawn_app().await;
    let huge = json!({ "address": "a".repeat(20_000) });
    let res = app
        .client
        .post(format!("{}/api/v1/eligibility", app.base))
        .header(CSRF_HEADER, CSRF_VALUE)
        .json(&huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert_eq!(app.sandbox.serviceability_calls(), 0);
}

#[tokio::test]
async fn a_client_over_its_rate_limit_gets_429_with_retry_after() {
    let app = spawn_app_with(|c| {
        c.rate_limit_burst = 5;
        c.rate_limit_period = Duration::from_secs(1);
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let res = app.check("").await;
        let status = res.status().as_u16();
        if status == 429 {
            assert!(res.headers().contains_key("retry-after"));
            let body: Value = res.json().await.unwrap();
            assert_eq!(body["code"], "rate_limited");
        }
        statuses.push(status);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 400).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        3,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn readiness_follows_the_upstream() {
    let app = spawn_app().await;
    let ready = reqwest::get(format!("{}/readyz", app.base)).await.unwrap();
    assert_eq!(ready.status(), 200);

    // Nothing listens on the port of a listener we bound and dropped.
    let port = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = spawn_proxy(Config {
        upstream_url: format!("http://127.0.0.1:{port}"),
        ..Config::default()
    })
    .await;
    let not_ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(not_ready.status(), 503);
    let live = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(live.status(), 200);
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_and_upstream_calls() {
    let app = spawn_app().await;
    app.check("1 Calle Sol").await;
    app.check("").await;
    let text = reqwest::get(format!("{}/metrics", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains(r#"checkout_http_requests_total{method="POST",route="/api/v1/eligibility",status="200"} 1"#), "{text}");
    assert!(text.contains(r#"checkout_http_requests_total{method="POST",route="/api/v1/eligibility",status="400"} 1"#), "{text}");
    assert!(
        text.contains(
            r#"checkout_upstream_call_seconds_count{call="serviceability",outcome="ok"} 1"#
        ),
        "{text}"
    );
    assert!(text.contains("checkout_upstream_call_seconds_bucket"));
    // Nothing a customer typed ends up in a label.
    assert!(!text.contains("Calle Sol"));
}

/// RFC 9457 §3.1.4: a problem's `status` is the HTTP status it came with, also where the code's
/// usual status differs (413 and 415 carry `invalid_input`, usually a 400).
#[tokio::test]
async fn a_problem_body_states_the_status_it_was_sent_with() {
    let app = spawn_app().await;
    let url = format!("{}/api/v1/eligibility", app.base);
    let too_large = app
        .client
        .post(&url)
        .header(CSRF_HEADER, CSRF_VALUE)
        .json(&json!({ "address": "a".repeat(20_000) }))
        .send()
        .await
        .unwrap();
    let not_json = app
        .client
        .post(&url)
        .header(CSRF_HEADER, CSRF_VALUE)
        .header("content-type", "text/plain")
        .body("1 Calle Sol")
        .send()
        .await
        .unwrap();
    let no_csrf = app
        .client
        .post(&url)
        .json(&json!({ "address": "1 Calle Sol" }))
        .send()
        .await
        .unwrap();
    let no_session = app.get("/api/v1/offers").await;
    let mut seen = Vec::new();
    for res in [too_large, not_json, no_csrf, no_session] {
        let status = res.status().as_u16();
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["status"], status, "{body}");
        seen.push(status);
    }
    assert_eq!(seen, [413, 415, 403, 401]);
}

/// Issue 23, item 6: a cached token said "ready" while the back office was down. Readiness
/// asks the back office itself; this fake one issues tokens but has no health to report.
#[tokio::test]
async fn readiness_asks_the_back_office_not_only_the_token() {
    let (base, _) = proxy_before(Fault::Slow(Duration::ZERO), |_| {}).await;
    let not_ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(not_ready.status(), 503);
}

/// Issue 23, item 6: API paths and methods that do not exist answered empty 404 and 405
/// bodies; they are problems like every other API error.
#[tokio::test]
async fn unknown_api_paths_and_methods_answer_problems() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/no-such-step").await;
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body = problem(res, 404).await;
    assert_eq!(body["code"], "not_found");
    let res = app.get("/api/v1/eligibility").await;
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert!(res.headers().contains_key("allow"));
    let body = problem(res, 405).await;
    assert_eq!(body["code"], "method_not_allowed");
}

/// Issue 23, item 6: a request body trickling in past the deadline was answered 504
/// `upstream_timeout`; the client was slow, not the back office: 408.
#[tokio::test]
async fn a_body_arriving_too_slowly_is_the_clients_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app_with(|c| c.request_timeout = Duration::from_millis(300)).await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/v1/eligibility HTTP/1.1\r\nHost: {addr}\r\n{CSRF_HEADER}: {CSRF_VALUE}\r\n\
         Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{{\"address\": "
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    // The rest never comes in time.
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), async {
        let mut buf = [0u8; 4096];
        loop {
            let n = tcp.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
            if answer.windows(4).any(|w| w == b"\r\n\r\n") && answer.ends_with(b"}") {
                break;
            }
        }
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"code\":\"request_timeout\""), "{text}");
    assert_eq!(app.sandbox.serviceability_calls(), 0);
}

/// Issue 23, item 6: served over HTTPS (secure cookies), no answer said so to the browser.
#[tokio::test]
async fn https_mode_sends_strict_transport_security() {
    let app = spawn_app_with(|c| c.secure_cookies = true).await;
    for res in [app.get("/").await, app.check("1 Calle Sol").await] {
        let hsts = res.headers()["strict-transport-security"].to_str().unwrap();
        assert!(hsts.starts_with("max-age=63072000"), "{hsts}");
    }
    let plain = spawn_app().await;
    assert!(
        !plain
            .get("/")
            .await
            .headers()
            .contains_key("strict-transport-security")
    );
}

/// Issue 23, item 6: request and order counts are business data; with METRICS_ADDR they are
/// served on that internal address only, not beside the store.
#[tokio::test]
async fn metrics_can_live_on_an_internal_address_only() {
    let sandbox = checkout_sandbox::Sandbox::new(checkout_sandbox::Config::default());
    let sl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream_url = format!("http://{}", sl.local_addr().unwrap());
    tokio::spawn(checkout_sandbox::serve(sl, sandbox));
    let proxy = checkout_proxy::Proxy::build(Config {
        upstream_url,
        dist_dir: support::fake_dist(),
        metrics_addr: Some("127.0.0.1:0".parse().unwrap()),
        ..Config::default()
    })
    .await
    .unwrap();
    let internal = proxy.metrics_addr().unwrap();
    let pl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", pl.local_addr().unwrap());
    tokio::spawn(proxy.serve(pl));

    assert_eq!(check(&base, "1 Calle Sol").await.status(), 200);
    let res = reqwest::get(format!("http://{internal}/metrics"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(text.contains("checkout_http_requests_total"), "{text}");
    // Not on the store's address: there it is only a path of the app (its page).
    let public = reqwest::get(format!("{base}/metrics")).await.unwrap();
    let body = public.text().await.unwrap();
    assert!(!body.contains("checkout_http_requests_total"), "{body}");
}
