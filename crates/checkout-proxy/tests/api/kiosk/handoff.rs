//! "Continue on your phone": the kiosk's held cart moves to a one-time link; the kiosk keeps
//! nothing of it, the phone that opens the link gets the cart in a session of its own, and the
//! link works once, for ten minutes.

use super::{KioskApp, PR, refusal, session_key, spawn};
use crate::support::TestApp;
use checkout_core::UtcMillis;
use checkout_core::catalog::PackageKind;
use checkout_core::kiosk::{HANDOFF_MINUTES, Handoff};
use checkout_core::wire::CartState;
use checkout_core::wire_order::CheckoutProgress;
use reqwest::Method;
use serde_json::json;

/// A PR kiosk with a held cart.
async fn kiosk_with_a_cart(app: &KioskApp) -> (TestApp, String, CartState) {
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
    (kiosk, key, held)
}

async fn hand_off(kiosk: &TestApp) -> reqwest::Response {
    kiosk.command("/api/v1/kiosk/handoff", json!({})).await
}

/// The link's path and query, as the phone asks for it.
fn path_of(url: &str, base: &str) -> String {
    url.strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} is not on {base}"))
        .to_owned()
}

#[tokio::test]
async fn a_held_cart_moves_to_the_phone_that_opens_the_link_once() {
    let app = spawn().await;
    let (kiosk, key, held) = kiosk_with_a_cart(&app).await;
    let before = checkout_proxy_now();
    let res = hand_off(&kiosk).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.headers()["clear-site-data"], "\"cache\", \"storage\"");
    let text = res.text().await.unwrap();
    let handoff: Handoff = serde_json::from_str(&text).unwrap();
    let fields: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut names: Vec<&str> = fields
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["expiresAt", "qrPath", "qrSize", "url"]);
    let path = path_of(&handoff.url, &app.base);
    let token = path.strip_prefix("/continue/").unwrap();
    assert_eq!(token.len(), 64, "{path}");
    assert!(handoff.qr_size >= 21 + 8, "a QR code with its quiet zone");
    assert!(handoff.qr_path.starts_with('M'), "{}", handoff.qr_path);
    let ten = HANDOFF_MINUTES * 60_000;
    assert!(
        (before.0 + ten..=checkout_proxy_now().0 + ten).contains(&handoff.expires_at.0),
        "{:?}",
        handoff.expires_at
    );

    // The kiosk has nothing under way any more, by its old key or otherwise.
    let progress: CheckoutProgress = kiosk.get("/api/v1/checkout").await.json().await.unwrap();
    assert_eq!(progress, CheckoutProgress::default());
    let old = app
        .with_cookies(
            Method::GET,
            "/api/v1/cart",
            &format!("checkout={key}; {}", PR.cookie()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401);

    // The kiosk shows the link and waits for the phone.
    let waiting = |v: serde_json::Value| v["handoffWaiting"].as_bool();
    let view = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert_eq!(waiting(view), Some(true));

    // The phone: no cookie at all.
    let phone = app.browser();
    let res = phone.get(&path).await;
    assert_eq!(res.status(), 303);
    // The kiosk is told: it may start over.
    let view = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert_eq!(waiting(view), Some(false));
    assert_eq!(res.headers()["location"], "/");
    let phone_key = session_key(&res);
    assert_eq!(phone_key.len(), 64);
    assert_ne!(phone_key, key, "a new key, not the kiosk's");
    assert_ne!(phone_key, token, "nor the link's");
    let progress: CheckoutProgress = phone.get("/api/v1/checkout").await.json().await.unwrap();
    assert_eq!(progress.cart.map(|c| c.cart), Some(held.cart.clone()));
    let cart: CartState = phone.get("/api/v1/cart").await.json().await.unwrap();
    assert_eq!(cart.cart, held.cart);

    // Once only, from any browser.
    for browser in [&phone, &app.browser()] {
        let again = browser.get(&path).await;
        assert_eq!(again.status(), 410);
        assert!(again.headers().get("set-cookie").is_none());
    }
    // The hold is the phone's now: a reset of the kiosk does not cancel it.
    assert_eq!(
        kiosk
            .command("/api/v1/kiosk/reset", json!({}))
            .await
            .status(),
        204
    );
    let cart: CartState = phone.get("/api/v1/cart").await.json().await.unwrap();
    assert!(!cart.hold.unwrap().is_lapsed(cart.server_time));
}

/// The proxy's clock cannot be moved, so the hand-off is aged where the proxy keeps it: its
/// deadline set in the past in the session database.
#[tokio::test]
async fn a_link_past_its_ten_minutes_is_gone() {
    let app = spawn().await;
    let (kiosk, _, _) = kiosk_with_a_cart(&app).await;
    let handoff: Handoff = hand_off(&kiosk).await.json().await.unwrap();
    let mut db = app.sessions_db().await;
    let aged = sqlx::query(
        "UPDATE sessions SET data = json_set(data, '$.handoff_until', ?1) \
         WHERE key LIKE 'handoff:%'",
    )
    .bind(handoff.expires_at.0 - HANDOFF_MINUTES * 60_000 - 1)
    .execute(&mut db)
    .await
    .unwrap();
    assert_eq!(aged.rows_affected(), 1);
    let phone = app.browser();
    let res = phone.get(&path_of(&handoff.url, &app.base)).await;
    assert_eq!(res.status(), 410);
    assert!(res.headers().get("set-cookie").is_none());
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("<a href=\"/\">Start a new order</a>")
    );
}

#[tokio::test]
async fn only_a_kiosk_with_a_held_cart_hands_off_and_made_up_links_find_nothing() {
    let app = spawn().await;
    // A kiosk whose customer has not held a cart.
    let kiosk = app.kiosk(&PR).await;
    assert_eq!(kiosk.check("1 Calle Sol, San Juan").await.status(), 200);
    assert_eq!(
        refusal(hand_off(&kiosk).await).await,
        (409, "step_missing".to_owned())
    );
    // A plain browser with a held cart is no kiosk.
    let browser = crate::support::spawn_app().await;
    assert_eq!(
        refusal(browser.command("/api/v1/kiosk/handoff", json!({})).await)
            .await
            .1,
        "kiosk_only"
    );
    for path in [
        format!("/continue/{}", "0".repeat(64)),
        "/continue/not-a-token".to_owned(),
        format!("/continue/handoff:{}", "0".repeat(64)),
    ] {
        let res = app.browser().get(&path).await;
        assert_eq!(res.status(), 410, "{path}");
    }
}

fn checkout_proxy_now() -> UtcMillis {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    UtcMillis(i64::try_from(ms).unwrap())
}
