//! `GET /embed` (docs/embedding.md): a registered partner's page may frame the checkout, and
//! only that partner's origins (`frame-ancestors`); an unknown partner or origin gets a page
//! that says so, never a blank frame.

use crate::support::spawn_app_with;
use checkout_proxy::config::Partner;

fn demo() -> Partner {
    Partner {
        id: "demo".into(),
        origins: vec![
            "http://localhost:8081".into(),
            "https://shop.example".into(),
        ],
        name: "Demo partner".into(),
        attribution: "PARTNER-DEMO".into(),
    }
}

#[tokio::test]
async fn a_partner_frames_the_app_and_only_its_origins_may() {
    let app = spawn_app_with(|c| c.partners = vec![demo()]).await;
    let get = |q: &str| app.client.get(format!("{}/embed?{q}", app.base)).send();

    let ok = get("partner=demo&parent=http%3A%2F%2Flocalhost%3A8081")
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let csp = ok.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.ends_with("frame-ancestors 'self' http://localhost:8081 https://shop.example"),
        "{csp}"
    );
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
    assert!(
        ok.text().await.unwrap().contains("<script"),
        "the app's own page"
    );

    // The store's own pages stay unframeable.
    let store = app
        .client
        .get(format!("{}/", app.base))
        .send()
        .await
        .unwrap();
    let store_csp = store.headers()["content-security-policy"].to_str().unwrap();
    assert!(store_csp.ends_with("frame-ancestors 'none'"), "{store_csp}");

    for (q, status, says) in [
        (
            "partner=nobody&parent=http%3A%2F%2Flocalhost%3A8081",
            404,
            "not set up for this site",
        ),
        (
            "partner=demo&parent=https%3A%2F%2Fevil.example",
            403,
            "cannot be shown on this page",
        ),
        ("partner=demo", 403, "cannot be shown on this page"),
        ("", 404, "not set up for this site"),
    ] {
        let res = get(q).await.unwrap();
        assert_eq!(res.status(), status, "{q}");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.starts_with("default-src 'none'"), "{q}: {csp}");
        let body = res.text().await.unwrap();
        assert!(body.contains(says), "{q}: {body}");
        assert!(!body.contains("<script"), "{q}: no app on an error page");
    }
}

/// When the frame's browser keeps no cookie for us (third-party cookies blocked), the app asks
/// for its session key in a header and sends it back in one; a request with both a cookie and
/// a header gets no session.
#[tokio::test]
async fn a_framed_checkout_carries_its_session_in_a_header() {
    use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE};
    let app = spawn_app_with(|c| c.partners = vec![demo()]).await;
    let bare = reqwest::Client::new();
    let res = bare
        .post(format!("{}/api/v1/eligibility", app.base))
        .header(CSRF_HEADER, CSRF_VALUE)
        .header("x-checkout-embed", "demo")
        .json(&serde_json::json!({"address": "1 Calle Sol, San Juan"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let key = res.headers()["x-checkout-session"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(key.len(), 64);
    // And a partitioned cookie, kept in the partner site's jar where the browser allows it.
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert_eq!(
        cookie,
        format!("checkout-frame={key}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned")
    );

    let offers = |cookie: Option<&str>| {
        let mut req = bare
            .get(format!("{}/api/v1/offers", app.base))
            .header("x-checkout-embed", "demo")
            .header("x-checkout-session", &key);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    assert_eq!(offers(None).await.unwrap().status(), 200);
    // The cookie and the header together must name the same session.
    let same = offers(Some(&format!("checkout-frame={key}")))
        .await
        .unwrap();
    assert_eq!(same.status(), 200);
    let other_key = "f".repeat(64);
    let differ = offers(Some(&format!("checkout-frame={other_key}")))
        .await
        .unwrap();
    assert_eq!(differ.status(), 401);
    // The partitioned cookie alone (a reload of the partner's page) finds the session.
    let cookie_only = bare
        .get(format!("{}/api/v1/offers", app.base))
        .header("x-checkout-embed", "demo")
        .header("cookie", format!("checkout-frame={key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(cookie_only.status(), 200);
    // The store's cookie means nothing in a frame.
    let store_cookie = bare
        .get(format!("{}/api/v1/offers", app.base))
        .header("x-checkout-embed", "demo")
        .header("cookie", format!("checkout={key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(store_cookie.status(), 401);
    // A made-up key finds nothing.
    let other = bare
        .get(format!("{}/api/v1/offers", app.base))
        .header("x-checkout-session", "0".repeat(64))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 401);
    // The key is the demo partner's frame's: from another partner's frame, or outside any
    // frame, it finds nothing.
    for embed in [Some("other"), None] {
        let mut req = bare
            .get(format!("{}/api/v1/offers", app.base))
            .header("x-checkout-session", &key);
        if let Some(p) = embed {
            req = req.header("x-checkout-embed", p);
        }
        assert_eq!(req.send().await.unwrap().status(), 401, "{embed:?}");
    }
    // A frame of a partner nobody registered starts no session.
    let stranger = bare
        .post(format!("{}/api/v1/eligibility", app.base))
        .header(CSRF_HEADER, CSRF_VALUE)
        .header("x-checkout-embed", "nobody")
        .json(&serde_json::json!({"address": "1 Calle Sol, San Juan"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), 403);
    assert!(stranger.headers().get("x-checkout-session").is_none());
}
