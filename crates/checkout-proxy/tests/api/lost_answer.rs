//! Issue 23, item 5: a productOrder whose answer is lost on the way back. The order may exist,
//! so it is neither failed nor placed: the proxy says "confirming", refuses a new quote, a new
//! cart and a second order meanwhile, asks the back office again (the same `externalId` reads
//! the order back) until it knows, and exactly one order comes of it.

use crate::support;

use checkout_core::catalog::PackageKind;
use checkout_core::installation::Installation;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use support::{TestApp, choices_for, order_body, spawn_app_with};

/// How long the proxy waits for the back office in these tests.
const UPSTREAM_TIMEOUT: Duration = Duration::from_millis(500);

async fn behind_a_relay() -> (TestApp, Arc<AtomicBool>) {
    let lose_answers = Arc::new(AtomicBool::new(false));
    let flag = lose_answers.clone();
    // While set, answers to `/v1/order/submit` are held back past the proxy's timeout.
    let hold = move |path: &str| {
        if path == "/v1/order/submit" && flag.load(Ordering::SeqCst) {
            UPSTREAM_TIMEOUT * 3
        } else {
            Duration::ZERO
        }
    };
    let app = spawn_app_with(move |c| {
        c.upstream_url = support::start_relay(c.upstream_url.clone(), Arc::new(hold));
        c.upstream_timeout = UPSTREAM_TIMEOUT;
    })
    .await;
    (app, lose_answers)
}

async fn ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

async fn place(app: &TestApp, key: &str) -> reqwest::Response {
    app.place_order(key, &order_body(Installation::SelfInstall))
        .await
}

async fn status(app: &TestApp) -> Value {
    ok(app.get("/api/v1/order").await).await
}

#[tokio::test]
async fn a_lost_answer_is_confirming_until_known_and_makes_one_order() {
    let (app, lose_answers) = behind_a_relay().await;
    support::ready_to_place(&app, "1 Calle Sol, San Juan").await;

    // The order reaches the back office; its answer does not come back in time.
    lose_answers.store(true, Ordering::SeqCst);
    let res = place(&app, "lost-1").await;
    assert_eq!(res.status(), 504);
    assert_eq!(
        res.json::<Value>().await.unwrap()["code"],
        "order_outcome_unknown"
    );
    assert_eq!(app.sandbox.product_orders_created(), 1);

    // Not failed, not placed: confirming, while asking again still gets no answer.
    assert_eq!(status(&app).await["status"], "confirming");
    // Nothing may re-quote, re-hold or order again on that hold meanwhile.
    for res in [
        app.command("/api/v1/quote", json!({})).await,
        app.command(
            "/api/v1/cart",
            json!(choices_for(&app.offers().await, PackageKind::Internet)),
        )
        .await,
        place(&app, "lost-2").await,
        place(&app, "lost-1").await,
    ] {
        assert_eq!(res.status(), 409);
        assert_eq!(
            res.json::<Value>().await.unwrap()["code"],
            "idempotency_in_flight"
        );
    }

    // The answers come back: asking again reads the order that was made.
    lose_answers.store(false, Ordering::SeqCst);
    let known = status(&app).await;
    assert_eq!(known["status"], "placed", "{known}");
    let order_id = known["outcome"]["orderId"].as_str().unwrap().to_owned();
    assert!(!order_id.is_empty());
    assert_eq!(status(&app).await, known);
    // The key answers the same order from now on, and no second order was ever made.
    let replay = ok(place(&app, "lost-1").await).await;
    assert_eq!(replay["outcome"]["orderId"], order_id.as_str());
    assert_eq!(app.sandbox.product_orders_created(), 1);
}
