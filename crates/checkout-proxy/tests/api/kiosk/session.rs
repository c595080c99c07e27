//! A customer's session started at a kiosk is that kiosk's: its key, carried off the device
//! (or onto another kiosk), finds nothing, and the records the proxy keeps under other keys
//! (the kiosk's own) can never be presented as a session.

use super::{JM, PR, session_key, sign_in, spawn};
use checkout_core::catalog::PackageKind;
use checkout_core::wire_order::CheckoutProgress;
use reqwest::Method;

#[tokio::test]
async fn a_kiosk_customers_session_works_only_with_that_kiosks_device_cookie() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    let res = kiosk.check("1 Calle Sol, San Juan").await;
    assert_eq!(res.status(), 200);
    let key = session_key(&res);
    let held = kiosk
        .hold(&crate::support::choices_for(
            &kiosk.offers().await,
            PackageKind::Internet,
        ))
        .await;

    let progress = |cookies: String| {
        let req = app.with_cookies(Method::GET, "/api/v1/checkout", &cookies);
        async move {
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.json::<CheckoutProgress>().await.unwrap()
        }
    };
    let here = progress(format!("checkout={key}; {}", PR.cookie())).await;
    assert_eq!(here.cart.map(|c| c.cart), Some(held.cart));
    // Without the device cookie (the key copied to another browser): nothing under way.
    assert_eq!(
        progress(format!("checkout={key}")).await,
        CheckoutProgress::default()
    );
    // On another kiosk: nothing either.
    assert_eq!(
        progress(format!("checkout={key}; {}", JM.cookie())).await,
        CheckoutProgress::default()
    );
    for cookies in [
        format!("checkout={key}"),
        format!("checkout={key}; {}", JM.cookie()),
    ] {
        let res = app
            .with_cookies(Method::GET, "/api/v1/cart", &cookies)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{cookies}");
    }
}

/// The kiosk's own record (who is signed in) is kept under `kiosk:<id>`: a cookie naming that
/// key reads nothing and starts nothing.
#[tokio::test]
async fn a_cookie_naming_a_kiosks_own_record_reads_nothing() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    assert_eq!(sign_in(&kiosk, "99999", "2468").await.status(), 200);
    for cookies in [
        format!("checkout=kiosk:{}; {}", PR.id, PR.cookie()),
        format!("checkout=kiosk:{}", PR.id),
    ] {
        let res = app
            .with_cookies(Method::GET, "/api/v1/checkout", &cookies)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let progress: CheckoutProgress = res.json().await.unwrap();
        assert_eq!(progress, CheckoutProgress::default(), "{cookies}");
        for path in ["/api/v1/offers", "/api/v1/cart", "/api/v1/order"] {
            let res = app
                .with_cookies(Method::GET, path, &cookies)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 401, "{path} with {cookies}");
        }
    }
    // And the record is still the kiosk's.
    let view: serde_json::Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert_eq!(view["staff"], "Dana Reid");
}
