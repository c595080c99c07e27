//! Enrolment and the device cookie: only a browser that opened its kiosk's link gets the kiosk
//! app and the kiosk API, the cookie is out of every script's reach, and nothing the page can
//! read holds the secret or the store's codes.

use super::{JM, PA, refusal, spawn};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn a_wrong_code_enrols_nothing_and_the_right_one_sets_a_strict_device_cookie() {
    let app = spawn().await;
    let browser = app.browser();
    let wrong_code = format!("/kiosk/enrol?device={}&code={}", JM.id, PA.secret);
    let unknown_device = format!("/kiosk/enrol?device=kx-nowhere&code={}", JM.secret);
    for path in [wrong_code.as_str(), &unknown_device] {
        let res = browser.get(path).await;
        assert_eq!(res.status(), 403, "{path}");
        assert!(res.headers().get("set-cookie").is_none(), "{path}");
        assert!(res.text().await.unwrap().contains("does not enrol a kiosk"));
    }
    let res = browser.get("/kiosk/enrol?device=kx-jm").await;
    assert_eq!(res.status(), 400);
    assert!(res.headers().get("set-cookie").is_none());
    // Still not a kiosk.
    assert_eq!(browser.get("/api/v1/kiosk").await.status(), 403);

    let res = browser.get(&JM.enrol_path()).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/kiosk");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with(&format!("{}; ", JM.cookie())),
        "{cookie}"
    );
    let attributes: Vec<&str> = cookie.split("; ").skip(1).collect();
    assert!(attributes.contains(&"HttpOnly"), "{cookie}");
    assert!(attributes.contains(&"SameSite=Strict"), "{cookie}");
    assert!(attributes.contains(&"Path=/"), "{cookie}");
    // What the enrolment answers in its body (if anything) does not repeat the secret.
    assert!(!res.text().await.unwrap().contains(JM.secret));
    assert_eq!(browser.get("/api/v1/kiosk").await.status(), 200);
}

#[tokio::test]
async fn the_kiosk_page_is_for_an_enrolled_browser_only() {
    let app = spawn().await;
    let stranger = app.browser();
    let res = stranger.get("/kiosk").await;
    assert_eq!(res.status(), 403);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
    );
    let body = res.text().await.unwrap();
    assert!(body.contains("kiosks in our stores"), "{body}");
    assert!(!body.contains("<script"), "no app for a stranger");

    let kiosk = app.kiosk(&JM).await;
    let res = kiosk.get("/kiosk").await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
    );
    assert!(res.text().await.unwrap().contains("<script"), "the app");
}

/// The page of a shared screen: no cache may keep it, and it stays out of the back-forward
/// cache that would show it again after the reset. The handler says `no-store`, but the edge
/// layer (edge.rs, `security::cache_control`) overwrites every successful non-API answer's
/// `Cache-Control` with `no-cache`.
#[tokio::test]
async fn the_kiosk_page_is_never_stored() {
    let app = spawn().await;
    let res = app.kiosk(&JM).await.get("/kiosk").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn the_kiosk_api_refuses_a_plain_browser_and_tells_a_kiosk_only_what_it_may_show() {
    let app = spawn().await;
    let stranger = app.browser();
    assert_eq!(
        refusal(stranger.get("/api/v1/kiosk").await).await,
        (403, "kiosk_only".to_owned())
    );

    let kiosk = app.kiosk(&JM).await;
    let mut seen = String::new();
    let res = kiosk.get("/api/v1/kiosk").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let text = res.text().await.unwrap();
    let view: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        view,
        json!({"store": JM.store, "market": "JM", "helpRequested": false, "handoffWaiting": false})
    );
    seen.push_str(&text);
    // Everything else a JM kiosk's page reads on the way to an order.
    seen.push_str(&kiosk.get("/kiosk").await.text().await.unwrap());
    let eligibility = kiosk
        .check("Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica")
        .await;
    assert_eq!(eligibility.status(), 200);
    seen.push_str(&eligibility.text().await.unwrap());
    let bundles = kiosk.get("/api/v1/kiosk/bundles").await;
    assert_eq!(bundles.status(), 200);
    seen.push_str(&bundles.text().await.unwrap());
    seen.push_str(&kiosk.get("/api/v1/checkout").await.text().await.unwrap());
    for secret in [JM.secret, JM.dept_code, JM.site_code] {
        assert!(!seen.contains(secret), "{secret} in {seen}");
    }
    // Nor do the exchange codes the proxy keeps for the order.
    assert!(!seen.contains("FLTV"), "{seen}");
}

/// A cookie naming the right kiosk with another secret, or with the hash `KIOSKS` keeps, is
/// nobody's: the page and every kiosk call refuse it.
#[tokio::test]
async fn a_tampered_device_cookie_is_refused() {
    use sha2::{Digest, Sha256};
    let app = spawn().await;
    let hash = checkout_proxy::kiosk_config::hex(&Sha256::digest(JM.secret.as_bytes()));
    let forged = [
        format!("checkout-kiosk={}.{}", JM.id, PA.secret),
        format!("checkout-kiosk={}.{hash}", JM.id),
        format!("checkout-kiosk={}.{}x", JM.id, JM.secret),
        format!("checkout-kiosk={}", JM.secret),
        format!("checkout-kiosk=kx-nowhere.{}", JM.secret),
    ];
    for cookie in &forged {
        let res = app
            .with_cookies(Method::GET, "/api/v1/kiosk", cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(
            refusal(res).await,
            (403, "kiosk_only".to_owned()),
            "{cookie}"
        );
        let page = app
            .with_cookies(Method::GET, "/kiosk", cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 403, "{cookie}");
        let sign_in = app
            .with_cookies(Method::POST, "/api/v1/kiosk/staff", cookie)
            .json(&json!({"employeeId": "99999", "pin": "2468"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            refusal(sign_in).await,
            (403, "kiosk_only".to_owned()),
            "{cookie}"
        );
    }
    // The genuine cookie, sent the same way, works.
    let res = app
        .with_cookies(Method::GET, "/api/v1/kiosk", &JM.cookie())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}
