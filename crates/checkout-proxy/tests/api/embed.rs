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
