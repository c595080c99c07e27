//! A JM order whose productOrder answer is slow or lost: the order exists in the back office
//! while the proxy does not know it yet. It must be ordered once per `Idempotency-Key` (a JM or
//! PA body carries no quote or `externalId` the back office could recognise a retry by), and the
//! reset must not wipe the session meanwhile (docs/kiosk.md: "the proxy refuses a reset of a
//! session whose order's outcome is still unknown").

use super::{JM, KioskApp, sign_in, spawn_with};
use crate::support::{TestApp, start_relay};
use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE, IDEMPOTENCY_KEY_HEADER};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The kiosk app behind a relay, and the relay's productOrder delay.
async fn behind_a_relay(upstream_timeout: Duration) -> (KioskApp, Arc<AtomicU64>) {
    let delay_ms = Arc::new(AtomicU64::new(0));
    let delay = delay_ms.clone();
    // Answers of `/{businessId}/productOrder` come back `delay_ms` late.
    let hold = move |path: &str| {
        if path.ends_with("/productOrder") {
            Duration::from_millis(delay.load(Ordering::SeqCst))
        } else {
            Duration::ZERO
        }
    };
    let app = spawn_with(move |c| {
        c.upstream_url = start_relay(c.upstream_url.clone(), Arc::new(hold));
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
