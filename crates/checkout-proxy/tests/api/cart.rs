//! The catalogue and the held cart through the proxy, against the sandbox's real order holds
//! and clock: rules re-checked before anything goes upstream, the hold and the back office's
//! time in every answer, one-press extend, and an honest lapse.

use crate::support;

use checkout_core::catalog::{LineKind, PackageKind};
use checkout_core::deadlines::HoldKind;
use checkout_core::wire::{CartChoices, CartState};
use checkout_core::{Technology, UtcMillis};
use serde_json::{Value, json};
use support::{TestApp, choices_for, spawn_app};

async fn held(app: &TestApp, choices: &CartChoices) -> (CartState, UtcMillis) {
    let res = app.command("/api/v1/cart", json!(choices)).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let header: i64 = res.headers()["x-server-time-ms"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    (res.json().await.unwrap(), UtcMillis(header))
}

#[tokio::test]
async fn offers_need_an_eligible_address_first() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/offers").await;
    assert_eq!(res.status(), 401);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "session_missing");
}

/// Seed 004 package table: "1P Video/TV N Y", "2P TV + Phone N Y" (FTTH no, COAX yes).
#[tokio::test]
async fn fibre_offers_leave_out_the_coax_only_packages() {
    let app = spawn_app().await;
    app.check("1 Calle Sol, San Juan").await;
    let fibre = app.offers().await;
    assert_eq!(fibre.technology, Technology::Ftth);
    let kinds: Vec<_> = fibre.packages.iter().map(|p| p.package.kind()).collect();
    assert!(!kinds.contains(&PackageKind::Tv) && !kinds.contains(&PackageKind::TvTelephone));
    assert!(kinds.contains(&PackageKind::TriplePlay));

    let coax_app = spawn_app().await;
    coax_app.check("2 Coax Avenue").await;
    let coax = coax_app.offers().await;
    let kinds: Vec<_> = coax.packages.iter().map(|p| p.package.kind()).collect();
    assert!(kinds.contains(&PackageKind::Tv) && kinds.contains(&PackageKind::TvTelephone));
}

#[tokio::test]
async fn holding_a_cart_creates_an_order_on_hold_with_the_back_office_clock() {
    let app = spawn_app().await;
    app.check("1 Calle Sol").await;
    let offers = app.offers().await;
    let choices = choices_for(&offers, PackageKind::Internet);
    let (state, header_time) = held(&app, &choices).await;
    // The cart is core's composition of the choices over the catalogue.
    let composed = checkout_core::compose::compose(&offers, &choices).unwrap();
    assert_eq!(state.cart, composed);
    assert_eq!(state.cart.lines()[0].kind(), LineKind::PaperBill);
    let hold = state.hold.unwrap();
    assert_eq!(hold.kind, HoldKind::Cart);
    assert!(state.extendable);
    assert_eq!(state.server_time, header_time);
    // The sandbox holds a new order 15 minutes.
    let left = hold.upstream_expires_at.since(state.server_time);
    assert!((14 * 60_000..=15 * 60_000).contains(&left.0), "{left:?}");
}

#[tokio::test]
async fn choices_breaking_a_rule_are_refused_before_upstream() {
    let app = spawn_app().await;
    app.check("1 Calle Sol").await;
    // A 1P TV package on fibre: the coax catalogue's code, not offered at this address.
    let coax_app = spawn_app().await;
    coax_app.check("2 Coax Avenue").await;
    let tv = choices_for(&coax_app.offers().await, PackageKind::Tv);
    let res = app.command("/api/v1/cart", json!(tv)).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "rule_violated");

    // No package at all.
    let res = app.command("/api/v1/cart", json!({ "addOns": [] })).await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "invalid_input");
    let res = app.get("/api/v1/cart").await;
    assert_eq!(res.status(), 401, "nothing was held");
    assert_eq!(app.sandbox.product_orders_created(), 0);
}

#[tokio::test]
async fn one_press_extend_moves_the_deadline() {
    let app = spawn_app().await;
    app.check("1 Calle Sol").await;
    let (before, _) = held(
        &app,
        &choices_for(&app.offers().await, PackageKind::Internet),
    )
    .await;
    let res = app.command("/api/v1/cart/extend", json!({})).await;
    assert_eq!(res.status(), 200);
    let after: CartState = res.json().await.unwrap();
    let gained = after
        .hold
        .unwrap()
        .upstream_expires_at
        .since(before.hold.unwrap().upstream_expires_at);
    assert_eq!(gained.0, 10 * 60_000);
}

#[tokio::test]
async fn a_lapsed_hold_is_reported_and_cannot_be_extended() {
    let app = spawn_app().await;
    app.check("1 Calle Sol").await;
    held(
        &app,
        &choices_for(&app.offers().await, PackageKind::Internet),
    )
    .await;
    app.sandbox.advance_clock(chrono::TimeDelta::minutes(16));

    let now: CartState = app.get("/api/v1/cart").await.json().await.unwrap();
    assert!(now.hold.unwrap().is_lapsed(now.server_time), "{now:?}");
    assert!(!now.extendable);

    let res = app.command("/api/v1/cart/extend", json!({})).await;
    assert_eq!(res.status(), 410);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "hold_expired");
}

#[tokio::test]
async fn extend_without_the_csrf_header_is_refused() {
    let app = spawn_app().await;
    app.check("1 Calle Sol").await;
    let res = app
        .client
        .post(format!("{}/api/v1/cart/extend", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

/// The back office takes at most 20 items per order; a longer cart is the customer's 400, not
/// an upstream failure (502).
#[tokio::test]
async fn a_cart_longer_than_the_back_office_takes_is_refused_before_upstream() {
    let app = spawn_app().await;
    app.check("1 Calle Sol").await;
    let mut choices = choices_for(&app.offers().await, PackageKind::Internet);
    choices.add_ons = (0..20)
        .map(|i| checkout_core::catalog::ProductCode::new(&format!("RZ{i:03}")).unwrap())
        .collect();
    let res = app.command("/api/v1/cart", json!(choices)).await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "invalid_input");
    assert_eq!(body["status"], 400);
    let res = app.get("/api/v1/cart").await;
    assert_eq!(res.status(), 401, "nothing was held");
}

#[tokio::test]
async fn an_idle_session_is_forgotten() {
    let app = support::spawn_app_with(|c| {
        c.session_idle_timeout = std::time::Duration::from_millis(300);
    })
    .await;
    app.check("1 Calle Sol").await;
    app.offers().await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let res = app.get("/api/v1/offers").await;
    assert_eq!(res.status(), 401);
}
