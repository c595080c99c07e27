//! Tokens and sessions live in the store: a sandbox restarted on the same file still accepts
//! the bearer and session-id its client holds, and a token stops working after its hour.

use crate::support;

use checkout_sandbox::{Config, Sandbox};
use chrono::TimeDelta;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::path::PathBuf;

fn temp_db() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sbx-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("sandbox.sqlite")
}

async fn start(sandbox: Sandbox) -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    (base, tokio::spawn(checkout_sandbox::serve(l, sandbox)))
}

async fn token(c: &reqwest::Client, base: &str) -> String {
    let t = support::fetch_token(c, base).await;
    assert_eq!(t["expires_in"], 3600);
    t["access_token"].as_str().unwrap().to_owned()
}

async fn session(c: &reqwest::Client, base: &str, token: &str) -> String {
    let res = c
        .post(format!("{base}/session"))
        .bearer_auth(token)
        .header("client-id", Config::default().client_id)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.headers()["session-id"].to_str().unwrap().to_owned()
}

/// `POST /v1/serviceability` with these credentials: status and body.
async fn eligibility(
    c: &reqwest::Client,
    base: &str,
    token: &str,
    session: &str,
) -> (StatusCode, Value) {
    let res = c
        .post(format!("{base}/v1/serviceability"))
        .bearer_auth(token)
        .header("client-id", Config::default().client_id)
        .header("session-id", session)
        .header("correlationId", "644e1dd7-2a7f-18fb-b8ed-ed78c3f92c2b")
        .json(&json!({ "streetAddress": "1 Calle Sol, San Juan" }))
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap())
}

#[tokio::test]
async fn bearer_and_session_survive_a_restart_and_the_bearer_expires_after_an_hour() {
    let db = temp_db();
    let c = reqwest::Client::new();
    let sandbox = Sandbox::open(Config::default(), &db).await.unwrap();
    let (base, server) = start(sandbox.clone()).await;
    let bearer = token(&c, &base).await;
    let sid = session(&c, &base, &bearer).await;
    assert_eq!(
        eligibility(&c, &base, &bearer, &sid).await.0,
        StatusCode::OK
    );
    server.abort();
    sandbox.close().await;
    drop(sandbox);

    let reopened = Sandbox::open(Config::default(), &db).await.unwrap();
    let (base, _server) = start(reopened.clone()).await;
    let (status, body) = eligibility(&c, &base, &bearer, &sid).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(reopened.issued_session_ids(), vec![sid.clone()]);
    assert_eq!(
        reopened.serviceability_calls(),
        1,
        "counters are per process"
    );

    // The expiry kept in the file is honoured: still good just before the hour…
    reopened.advance_clock(TimeDelta::minutes(59) + TimeDelta::seconds(50));
    assert_eq!(
        eligibility(&c, &base, &bearer, &sid).await.0,
        StatusCode::OK
    );
    // …refused after it, exactly as a bearer never issued.
    reopened.advance_clock(TimeDelta::seconds(10));
    let expired = eligibility(&c, &base, &bearer, &sid).await;
    let unknown = eligibility(&c, &base, "sbx-at-never-issued", &sid).await;
    assert_eq!(expired.0, StatusCode::UNAUTHORIZED);
    assert_eq!(expired, unknown);
    assert_eq!(expired.1["techCode"], "TECHMSG-0002");
    let res = c
        .post(format!("{base}/session"))
        .bearer_auth(&bearer)
        .header("client-id", Config::default().client_id)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // A new token carries on with the same session, as the proxy does on a 401.
    let fresh = token(&c, &base).await;
    assert_eq!(eligibility(&c, &base, &fresh, &sid).await.0, StatusCode::OK);
    reopened.close().await;
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

/// The in-memory store (every test's `Sandbox::new`) judges expiry the same way.
#[tokio::test]
async fn an_expired_bearer_is_refused_in_memory_too() {
    let sandbox = Sandbox::new(Config::default());
    let (base, _server) = start(sandbox.clone()).await;
    let c = reqwest::Client::new();
    let bearer = token(&c, &base).await;
    let sid = session(&c, &base, &bearer).await;
    assert_eq!(sandbox.issued_session_ids(), vec![sid.clone()]);
    sandbox.advance_clock(TimeDelta::hours(1));
    let (status, body) = eligibility(&c, &base, &bearer, &sid).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["techCode"], "TECHMSG-0002");
}
