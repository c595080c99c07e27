//! The sandbox over real HTTP on 127.0.0.1, called as the proxy would call it.

use checkout_sandbox::{Config, Sandbox};
use serde_json::{Value, json};

async fn spawn() -> (String, reqwest::Client) {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    tokio::spawn(checkout_sandbox::serve(l, Sandbox::new(Config::default())));
    (base, reqwest::Client::new())
}

async fn token(base: &str, c: &reqwest::Client, client_id: &str) -> String {
    let cfg = Config::default();
    let res: Value = c
        .post(format!("{base}/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", cfg.client_secret.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn wrong_client_secret_gets_no_token() {
    let (base, c) = spawn().await;
    let res = c
        .post(format!("{base}/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "checkout-dev"),
            ("client_secret", "guess"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

/// Seed OCBO: `/session` needs `authorization` and `client-id`, returns a session-id header
/// and a signed JWT carrying both ids.
#[tokio::test]
async fn session_returns_session_id_header_and_jwt() {
    let (base, c) = spawn().await;
    let t = token(&base, &c, "checkout-dev").await;
    let res = c
        .post(format!("{base}/session"))
        .header("authorization", format!("Bearer {t}"))
        .header("client-id", "checkout-dev")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let sid = res.headers()["session-id"].to_str().unwrap().to_owned();
    assert_eq!(sid.len(), 36, "uuid-shaped like the seed's example");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token"].as_str().unwrap().split('.').count(), 3);
}

#[tokio::test]
async fn session_without_bearer_is_refused() {
    let (base, c) = spawn().await;
    let res = c
        .post(format!("{base}/session"))
        .header("client-id", "checkout-dev")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

/// Seed OCBO "Response Details": 403 Forbidden, CHTR-1018 / TECHMSG-0006.
#[tokio::test]
async fn forbidden_client_gets_chtr_1018() {
    let (base, c) = spawn().await;
    let t = token(&base, &c, "forbidden-client").await;
    let res = c
        .post(format!("{base}/session"))
        .header("authorization", format!("Bearer {t}"))
        .header("client-id", "forbidden-client")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["clientCode"], "CHTR-1018");
    assert_eq!(body["techCode"], "TECHMSG-0006");
}

#[tokio::test]
async fn serviceability_needs_a_session_issued_to_the_caller() {
    let (base, c) = spawn().await;
    let t = token(&base, &c, "checkout-dev").await;
    let res = c
        .post(format!("{base}/v1/serviceability"))
        .header("authorization", format!("Bearer {t}"))
        .header("client-id", "checkout-dev")
        .header("session-id", "758fc320-af96-4faf-8af7-536e7cac5775")
        .header("correlationId", "644e1dd7-2a7f-18fb-b8ed-ed78c3F92c2b")
        .json(&json!({ "streetAddress": "1 Calle Sol" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}
