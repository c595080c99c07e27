//! The reset between customers: the held order is cancelled in the back office, the
//! customer's session is gone for good (its key reads nothing even with the device cookie),
//! the employee is signed out, and the browser is told to forget what it stored for us, but
//! not its enrolment.

use super::{PR, refusal, session_key, sign_in, spawn};
use checkout_core::catalog::PackageKind;
use checkout_core::wire_order::CheckoutProgress;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn the_reset_cancels_the_hold_ends_the_session_and_signs_the_employee_out() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    assert_eq!(sign_in(&kiosk, "99999", "2468").await.status(), 200);
    let res = kiosk.check("1 Calle Sol, San Juan").await;
    assert_eq!(res.status(), 200);
    let key = session_key(&res);
    kiosk
        .hold(&crate::support::choices_for(
            &kiosk.offers().await,
            PackageKind::Internet,
        ))
        .await;
    let mut db = app.sandbox_db().await;
    let on_hold: String = sqlx::query_scalar("SELECT status FROM orders")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(on_hold, "ON_HOLD");

    // Without the CSRF header nothing is wiped.
    let res = kiosk
        .client
        .post(format!("{}/api/v1/kiosk/reset", kiosk.base))
        .send()
        .await
        .unwrap();
    assert_eq!(refusal(res).await, (403, "csrf_rejected".to_owned()));
    assert_eq!(kiosk.get("/api/v1/cart").await.status(), 200);

    let res = kiosk.command("/api/v1/kiosk/reset", json!({})).await;
    assert_eq!(res.status(), 204);
    assert_eq!(res.headers()["clear-site-data"], "\"cache\", \"storage\"");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let expired = super::set_cookie(&res, "checkout").expect("the session cookie is expired");
    assert!(expired.starts_with("; "), "emptied: {expired}");
    assert!(expired.contains("Max-Age=0"), "{expired}");
    assert!(
        super::set_cookie(&res, "checkout-kiosk").is_none(),
        "the enrolment stays"
    );

    // The old key, even beside the device cookie, finds nothing.
    let cookies = format!("checkout={key}; {}", PR.cookie());
    let res = app
        .with_cookies(Method::GET, "/api/v1/checkout", &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<CheckoutProgress>().await.unwrap(),
        CheckoutProgress::default()
    );
    let res = app
        .with_cookies(Method::GET, "/api/v1/cart", &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(refusal(res).await, (401, "session_missing".to_owned()));
    // The kiosk is still a kiosk, with nobody signed in.
    let view: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert!(view.get("staff").is_none(), "{view}");
    assert_eq!(view["store"], PR.store);

    // The back office let the hold go at once, rather than at its deadline.
    let (status, reason): (String, Option<String>) =
        sqlx::query_as("SELECT status, cancel_reason FROM orders")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(status, "CANCELLED");
    assert_eq!(reason.as_deref(), Some("Kiosk reset"));
}

/// A reset with no customer under way (the idle kiosk's timer) still signs the employee out
/// and clears the browser's storage.
#[tokio::test]
async fn a_reset_with_nobody_under_way_signs_out_and_clears() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    assert_eq!(sign_in(&kiosk, "99999", "2468").await.status(), 200);
    let res = kiosk.command("/api/v1/kiosk/reset", json!({})).await;
    assert_eq!(res.status(), 204);
    assert_eq!(res.headers()["clear-site-data"], "\"cache\", \"storage\"");
    let view: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert!(view.get("staff").is_none(), "{view}");
    // A plain browser cannot reset anything.
    let res = app
        .browser()
        .command("/api/v1/kiosk/reset", json!({}))
        .await;
    assert_eq!(refusal(res).await, (403, "kiosk_only".to_owned()));
}
