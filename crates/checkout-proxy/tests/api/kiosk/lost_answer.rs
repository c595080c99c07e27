//! A JM order whose productOrder answer is slow or lost: the order exists in the back office
//! while the proxy does not know it yet. It must be ordered once per `Idempotency-Key` (a JM or
//! PA body carries no quote or `externalId` the back office could recognise a retry by), and the
//! reset must not wipe the session meanwhile (docs/kiosk.md: "the proxy refuses a reset of a
//! session whose order's outcome is still unknown").

use super::{JM, KioskApp, sign_in, spawn_with};
use crate::support::TestApp;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE, IDEMPOTENCY_KEY_HEADER};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Forwards everything to the sandbox; answers of `/{businessId}/productOrder` come back
/// `delay_ms` late (the call itself reaches the sandbox at once).
#[derive(Clone)]
struct Relay {
    to: String,
    delay_ms: Arc<AtomicU64>,
    client: reqwest::Client,
}

async fn relay(State(r): State<Relay>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body: Bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut out = r
        .client
        .request(parts.method.clone(), format!("{}{path}", r.to))
        .body(body);
    for (k, v) in &parts.headers {
        if k != "host" && k != "content-length" {
            out = out.header(k, v);
        }
    }
    let answer = out.send().await.unwrap();
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap();
    let headers = answer.headers().clone();
    let bytes = answer.bytes().await.unwrap();
    if parts.uri.path().ends_with("/productOrder") {
        tokio::time::sleep(Duration::from_millis(r.delay_ms.load(Ordering::SeqCst))).await;
    }
    let mut res = (status, bytes).into_response();
    for (k, v) in &headers {
        if k != "content-length" && k != "transfer-encoding" {
            res.headers_mut().insert(k, v.clone());
        }
    }
    res
}

/// The kiosk app behind a relay, and the relay's productOrder delay.
async fn behind_a_relay(upstream_timeout: Duration) -> (KioskApp, Arc<AtomicU64>) {
    let delay_ms = Arc::new(AtomicU64::new(0));
    let delay = delay_ms.clone();
    let app = spawn_with(move |c| {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Relay {
            to: c.upstream_url.clone(),
            delay_ms: delay,
            client: reqwest::Client::new(),
        };
        let router = axum::Router::new().fallback(relay).with_state(state);
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        c.upstream_url = format!("http://{addr}");
        c.upstream_timeout = upstream_timeout;
    })
    .await;
    (app, delay_ms)
}

/// A JM kiosk with an employee signed in and a checked Kingston address.
async fn ready_to_order(app: &KioskApp) -> TestApp {
    let kiosk = app.kiosk(&JM).await;
    let at = kiosk
        .check("Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica")
        .await;
    assert_eq!(at.status(), 200);
    assert_eq!(sign_in(&kiosk, "99999", "2468").await.status(), 200);
    kiosk
}

fn order(kiosk: &TestApp, key: &str) -> reqwest::RequestBuilder {
    kiosk
        .client
        .post(format!("{}/api/v1/kiosk/order", kiosk.base))
        .header(CSRF_HEADER, CSRF_VALUE)
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .json(&json!({
            "bundle": "609002_RES",
            "name": "Ana Ruiz",
            "email": "ana@example.jm",
            "phone": "876 555 0123",
        }))
}

/// The answer is lost past the upstream timeout; the kiosk asks again with the same key, as
/// a page does after a timeout. One order, not two.
#[tokio::test]
async fn a_lost_answer_then_a_retry_with_the_same_key_orders_once() {
    let (app, delay_ms) = behind_a_relay(Duration::from_millis(500)).await;
    let kiosk = ready_to_order(&app).await;
    delay_ms.store(1_500, Ordering::SeqCst);
    let res = order(&kiosk, "lost").send().await.unwrap();
    assert_eq!(res.status(), 504);
    assert_eq!(app.sandbox.product_orders_created(), 1, "the order exists");

    delay_ms.store(0, Ordering::SeqCst);
    let res = order(&kiosk, "lost").send().await.unwrap();
    let status = res.status();
    let answer: Value = res.json().await.unwrap();
    assert_eq!(
        app.sandbox.product_orders_created(),
        1,
        "a second order: {status} {answer}"
    );
    // Found by the attempt's billing account: the kiosk is told the order it placed.
    assert_eq!(status, 200, "{answer}");
    let reference = answer["reference"].as_str().unwrap_or_default();
    assert!(
        reference.starts_with("DJ") && reference.ends_with('H'),
        "{answer}"
    );
}

/// A reset while the order is on its way is refused; the order's answer still reaches the
/// kiosk.
#[tokio::test]
async fn a_reset_while_a_jm_order_is_in_flight_is_refused() {
    let (app, delay_ms) = behind_a_relay(Duration::from_secs(5)).await;
    let kiosk = ready_to_order(&app).await;
    delay_ms.store(1_000, Ordering::SeqCst);
    let placing = tokio::spawn(order(&kiosk, "in-flight").send());
    // The productOrder is on its way once the sandbox has it.
    for _ in 0..100 {
        if app.sandbox.product_orders_created() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(app.sandbox.product_orders_created(), 1);
    let reset = kiosk.command("/api/v1/kiosk/reset", json!({})).await;
    let reset_status = reset.status();
    let placed = placing.await.unwrap().unwrap();
    let placed_status = placed.status();
    let placed_body = placed.text().await.unwrap();
    assert_eq!(
        reset_status, 409,
        "order answered {placed_status}: {placed_body}"
    );
    assert_eq!(placed_status, 200, "{placed_body}");
}
