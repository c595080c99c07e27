//! The proxy and the sandbox, each on its own 127.0.0.1 port, talking real HTTP: the address
//! step end to end, bad input, and proof that no credential or upstream id reaches the browser.

use crate::support;

use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE};
use serde_json::{Value, json};
use support::spawn_app;

/// Everything the browser got, as one string: status, every header, the body.
async fn seen_by_browser(res: reqwest::Response) -> (u16, String, Value) {
    let status = res.status().as_u16();
    let headers = format!("{:?}", res.headers());
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    (status, format!("{headers}\n{text}"), body)
}

#[tokio::test]
async fn fibre_address_is_serviceable_ftth() {
    let app = spawn_app().await;
    let (status, _, body) = seen_by_browser(app.check("1 Calle Sol, San Juan").await).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "serviceable");
    assert_eq!(body["technology"], "FTTH");
    assert_eq!(body["market"], "PR");
}

#[tokio::test]
async fn coax_address_is_serviceable_coax_only() {
    let app = spawn_app().await;
    let (_, _, body) = seen_by_browser(app.check("2 Coax Avenue, Bayamón").await).await;
    assert_eq!(body["status"], "serviceable");
    assert_eq!(body["technology"], "COAX");
}

#[tokio::test]
async fn nowhere_address_is_not_serviceable_with_an_alternative() {
    let app = spawn_app().await;
    let (_, _, body) = seen_by_browser(app.check("3 Nowhere Road").await).await;
    assert_eq!(body["status"], "not_serviceable");
    assert_eq!(body["because"], "no_network_at_address");
    assert_eq!(body["alternative"], "contact_us");
}

#[tokio::test]
async fn bad_input_is_refused_and_never_goes_upstream() {
    let app = spawn_app().await;
    let too_long = "a".repeat(121);
    for bad in ["", "   ", too_long.as_str(), "1 Main <script>"] {
        let (status, _, body) = seen_by_browser(app.check(bad).await).await;
        assert_eq!(status, 400, "{bad:?}");
        assert_eq!(body["code"], "invalid_input");
        assert!(
            body["detail"].as_str().unwrap().contains("address"),
            "{body}"
        );
        assert!(
            body["correlationId"]
                .as_str()
                .is_some_and(|c| !c.is_empty())
        );
    }
    assert_eq!(app.sandbox.serviceability_calls(), 0);
    assert_eq!(app.sandbox.session_calls(), 0);
}

#[tokio::test]
async fn problem_responses_use_the_problem_media_type() {
    let app = spawn_app().await;
    let res = app.check("").await;
    assert_eq!(
        res.headers()["content-type"],
        checkout_core::problem::CONTENT_TYPE
    );
}

#[tokio::test]
async fn state_changing_call_without_csrf_header_is_refused() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(format!("{}/api/v1/eligibility", app.base))
        .json(&json!({ "address": "1 Calle Sol" }))
        .send()
        .await
        .unwrap();
    let (status, _, body) = seen_by_browser(res).await;
    assert_eq!(status, 403);
    assert_eq!(body["code"], "csrf_rejected");
    assert_eq!(app.sandbox.serviceability_calls(), 0);
}

#[tokio::test]
async fn one_upstream_session_per_browser_session() {
    let app = spawn_app().await;
    for a in ["1 Calle Sol", "2 Coax Avenue", "3 Nowhere Road"] {
        assert_eq!(app.check(a).await.status(), 200);
    }
    assert_eq!(app.sandbox.session_calls(), 1);
    assert_eq!(app.sandbox.serviceability_calls(), 3);
}

#[tokio::test]
async fn upstream_partial_content_becomes_a_stable_code() {
    let app = spawn_app().await;
    let (status, text, body) = seen_by_browser(app.check("4 Partial Street").await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "partial_content");
    // The upstream codes are ours to map, not the browser's to see.
    assert!(
        !text.contains("CHTR-4504") && !text.contains("TECHMSG"),
        "{text}"
    );
}

/// DESIGN §3 step 0: no credential or session-id ever reaches the browser.
#[tokio::test]
async fn browser_never_receives_token_secret_or_session_id() {
    let app = spawn_app().await;
    let mut seen = String::new();
    for a in [
        "1 Calle Sol",
        "2 Coax Avenue",
        "3 Nowhere Road",
        "",
        "4 Partial Street",
    ] {
        seen.push_str(&seen_by_browser(app.check(a).await).await.1);
    }
    seen.push_str(&seen_by_browser(app.get("/").await).await.1);

    let secret = checkout_sandbox::Config::default().client_secret;
    assert!(!seen.contains(&secret), "client secret leaked");
    assert!(!seen.contains("sbx-at-"), "access token leaked");
    assert!(
        !seen.to_lowercase().contains("session-id"),
        "session-id header leaked"
    );
    assert!(!seen.contains("eyJ"), "a JWT leaked");
    for id in app.sandbox.issued_session_ids() {
        assert!(!seen.contains(&id), "upstream session-id leaked");
    }
    assert!(!app.sandbox.issued_session_ids().is_empty());
}

#[tokio::test]
async fn app_is_served_with_a_strict_csp_that_allows_its_loader() {
    let app = spawn_app().await;
    let res = app.get("/some/deep/link").await;
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.text().await.unwrap().contains("boot()"));
}

/// Files go out as build-app compressed them (Brotli, once); API answers are compressed on the
/// fly with gzip only (routes.rs says why no Brotli there).
#[tokio::test]
async fn the_page_goes_out_precompressed_and_api_answers_gzipped() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(format!("{}/some/deep/link", app.base))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.headers().contains_key("content-security-policy"));
    assert_eq!(&res.bytes().await.unwrap()[..], support::FAKE_BROTLI_INDEX);

    for accepted in ["gzip", "br, gzip"] {
        let res = app
            .client
            .post(format!("{}/api/v1/eligibility", app.base))
            .header(CSRF_HEADER, CSRF_VALUE)
            .header("accept-encoding", accepted)
            .json(&json!({ "address": "1 Calle Sol" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], "gzip", "{accepted}");
    }
}

#[tokio::test]
async fn unknown_api_path_is_404_not_the_app() {
    let app = spawn_app().await;
    for path in ["/api/v1/nope", "/api/v1", "/api/v1/cart/extend/more"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
    }
}
