//! The steps after the cart through the real proxy and the real sandbox (DESIGN §3 steps 2,
//! 5–13): whole flows for each installation, the sandbox's magic inputs mapped to problems,
//! session rotation on identity, and exactly-once placing under 100 concurrent duplicates.

use crate::support;

use checkout_core::cart::{Cart, CartOp};
use checkout_core::catalog::{LineKind, PackageKind, ProductKind};
use checkout_core::installation::{Appointment, CreditResult, Installation, InstallationKind};
use checkout_core::notices::Notice;
use checkout_core::tmf622::OrderState;
use checkout_core::wire::{CSRF_HEADER, CSRF_VALUE, IDEMPOTENCY_KEY_HEADER, OrderPlaced};
use checkout_core::wire_order::{
    CreditDecision, CreditOutcome, Fulfillment, NumberChoices, NumberReserved, OrderStatus,
    QuoteView, Review, SlotChosen, SlotSearch,
};
use serde_json::{Value, json};
use std::sync::Mutex;
use support::{TestApp, choices_for, order_body, spawn_app, spawn_app_with};

/// Every answer the browser got, to look for leaked secrets at the end.
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

async fn seen(res: reqwest::Response) -> (u16, reqwest::header::HeaderMap, String) {
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let mut all = format!("{text}\n");
    for (k, v) in &headers {
        all.push_str(&format!("{k}: {}\n", v.to_str().unwrap_or("")));
    }
    SEEN.lock().unwrap().push(all);
    (status, headers, text)
}

async fn post(app: &TestApp, path: &str, body: Value) -> (u16, String) {
    let (s, _, t) = seen(app.command(&format!("/api/v1{path}"), body).await).await;
    (s, t)
}

async fn get(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get(&format!("/api/v1{path}")).await;
    let (s, _, t) = seen(res).await;
    (s, t)
}

fn ok<T: serde::de::DeserializeOwned>((status, text): (u16, String)) -> T {
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn problem_code((status, text): (u16, String), want_status: u16) -> String {
    assert_eq!(status, want_status, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    v["code"].as_str().unwrap().to_owned()
}

/// Address, cart and credit: the start every flow shares.
async fn held_with_credit(app: &TestApp, address: &str, kind: PackageKind, ssn: &str) -> Cart {
    assert_eq!(app.check(address).await.status(), 200);
    let offers = app.offers().await;
    let held = app.hold(&choices_for(&offers, kind)).await;
    let cart = held.cart;
    if cart.has(ProductKind::Telephone) {
        // Seed 004: a package with telephone carries a calling plan (CallType), added by core.
        assert!(
            cart.lines().iter().any(|l| l.kind() == LineKind::CallType),
            "no calling plan"
        );
    }
    let credit: CreditOutcome = ok(post(
        app,
        "/credit",
        json!({"name": "Ana Ruiz", "dateOfBirth": "1980-02-28", "last4Ssn": ssn}),
    )
    .await);
    assert_ne!(credit.decision, CreditDecision::Refused);
    cart
}

/// Installation and every required term; the held cart then carries the install charge the
/// choice and the credit decision name.
async fn install_and_accept(app: &TestApp, cart: &Cart, kind: InstallationKind) {
    let f: Fulfillment = ok(post(app, "/installation", json!({ "kind": kind })).await);
    assert_eq!(f.kind, kind);
    assert!(f.accepted_terms.is_empty());
    let accepted: Vec<Value> = f
        .required_terms
        .iter()
        .map(|t| json!({"id": t.id, "version": t.version}))
        .collect();
    let f: Fulfillment = ok(post(app, "/terms", json!({ "accepted": accepted })).await);
    assert_eq!(f.accepted_terms.len(), f.required_terms.len());
    let mut cart = cart.clone();
    cart.apply(CartOp::ChooseInstallation {
        installation: kind,
        credit: CreditResult::Approved,
    })
    .unwrap();
    let held: checkout_core::wire::CartState = ok(get(app, "/cart").await);
    assert_eq!(held.cart, cart);
}

async fn reserve_first_number(app: &TestApp) -> NumberReserved {
    let choices: NumberChoices = ok(post(app, "/numbers/search", json!({})).await);
    assert!(!choices.numbers.is_empty());
    ok(post(
        app,
        "/numbers/reserve",
        json!({ "number": choices.numbers[0] }),
    )
    .await)
}

async fn place(
    app: &TestApp,
    key: &str,
    body: &Value,
) -> (u16, reqwest::header::HeaderMap, String) {
    seen(app.place_order(key, body).await).await
}

async fn quote_and_review(app: &TestApp) -> QuoteView {
    let quote: QuoteView = ok(post(app, "/quote", json!({})).await);
    let review: Review = ok(get(app, "/review").await);
    assert!(review.valid, "{review:?}");
    quote
}

fn placed(answer: (u16, reqwest::header::HeaderMap, String)) -> OrderPlaced {
    assert_eq!(answer.0, 200, "{}", answer.2);
    serde_json::from_str(&answer.2).unwrap()
}

/// The secrets and upstream ids the browser must never see.
fn assert_nothing_leaked(app: &TestApp) {
    let seen = SEEN.lock().unwrap();
    let uuid =
        regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    for answer in seen.iter() {
        assert!(!answer.contains("sandbox-dev-secret"), "{answer}");
        assert!(!answer.contains("QAHA"), "conversation id leaked: {answer}");
        assert!(!answer.to_lowercase().contains("bearer"), "{answer}");
        for sid in app.sandbox.issued_session_ids() {
            assert!(!answer.contains(&sid), "session-id leaked: {answer}");
        }
        // The only uuid the browser gets is its correlation id; upstream order ids are uuids.
        let corr = answer
            .lines()
            .find_map(|l| l.strip_prefix("x-correlation-id: "))
            .unwrap_or("");
        for m in uuid.find_iter(answer) {
            assert_eq!(m.as_str(), corr, "an upstream id leaked: {answer}");
        }
    }
}

#[tokio::test]
async fn ftth_triple_play_self_install_is_placed_with_a_number() {
    let app = spawn_app().await;
    let cart = held_with_credit(
        &app,
        "1 Calle Sol, San Juan",
        PackageKind::TriplePlay,
        "1234",
    )
    .await;
    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    let reserved = reserve_first_number(&app).await;
    assert_eq!(
        reserved.hold.kind,
        checkout_core::deadlines::HoldKind::NumberReservation
    );
    let quote = quote_and_review(&app).await;
    assert!(quote.notices.is_empty());
    assert_eq!(quote.hold.kind, checkout_core::deadlines::HoldKind::Quote);
    let (status, _): (u16, String) = get(&app, "/order").await;
    assert_eq!(status, 200);
    let body = order_body(Installation::SelfInstall);
    let out = placed(place(&app, "k-3p", &body).await).outcome;
    assert_eq!(out.state, Some(OrderState::Acknowledged));
    assert_eq!(out.technician.as_deref(), Some("3333"));
    assert_eq!(app.sandbox.product_orders_created(), 1);
    let status: OrderStatus = ok(get(&app, "/order").await);
    assert_eq!(status, OrderStatus::Placed { outcome: out });
    // Counted by channel: this one came through the store (docs/embedding.md for partners).
    let metrics = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("checkout_orders_placed_total{channel=\"store\"} 1"),
        "{metrics}"
    );
    assert_nothing_leaked(&app);
}

#[tokio::test]
async fn technician_visit_with_a_slot_is_placed_at_that_slot() {
    let app = spawn_app().await;
    let cart = held_with_credit(&app, "1 Calle Sol", PackageKind::Internet, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::TechnicianVisit).await;
    let SlotSearch::Offered { slots, hold } = ok(post(&app, "/slots/search", json!({})).await)
    else {
        panic!("no slots offered")
    };
    assert_eq!(hold.act_by.since(hold.upstream_expires_at).0, -60_000);
    let chosen: SlotChosen = ok(post(
        &app,
        "/slots/choose",
        json!({"choice": "slot", "id": slots[0].id}),
    )
    .await);
    assert_eq!(chosen.appointment, Appointment::Slot(slots[0].start));
    assert_eq!(chosen.hold, Some(hold));
    quote_and_review(&app).await;
    let body = order_body(Installation::TechnicianVisit(Appointment::Slot(
        slots[0].start,
    )));
    let out = placed(place(&app, "k-tech", &body).await).outcome;
    assert_eq!(out.technician.as_deref(), Some("0701"));
    assert_eq!(app.sandbox.product_orders_created(), 1);
    assert_nothing_leaked(&app);
}

/// Seed 004: J4U22A when all slots are booked → an unscheduled job, and the customer is told
/// we will call.
#[tokio::test]
async fn no_slots_goes_on_unscheduled_and_says_we_will_call() {
    let app = spawn_app().await;
    let cart = held_with_credit(&app, "5 Noslots Lane, Ponce", PackageKind::Internet, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::TechnicianVisit).await;
    let search: SlotSearch = ok(post(&app, "/slots/search", json!({})).await);
    assert_eq!(search, SlotSearch::NoneAvailable);
    let chosen: SlotChosen =
        ok(post(&app, "/slots/choose", json!({"choice": "unscheduled"})).await);
    assert_eq!(chosen.appointment, Appointment::Unscheduled);
    let quote = quote_and_review(&app).await;
    assert_eq!(quote.notices, vec![Notice::Unscheduled]);
    let body = order_body(Installation::TechnicianVisit(Appointment::Unscheduled));
    let out = placed(place(&app, "k-unsched", &body).await).outcome;
    assert_eq!(out.notices, vec![Notice::Unscheduled]);
    assert_nothing_leaked(&app);
}

#[tokio::test]
async fn internet_and_phone_needs_its_number_before_the_quote() {
    let app = spawn_app().await;
    let cart = held_with_credit(&app, "1 Calle Sol", PackageKind::InternetTelephone, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    // Upstream: a telephone order cannot be quoted without a live reservation.
    assert_eq!(
        problem_code(post(&app, "/quote", json!({})).await, 409),
        "step_missing"
    );
    let reserved = reserve_first_number(&app).await;
    quote_and_review(&app).await;
    let out = placed(place(&app, "k-2p", &order_body(Installation::SelfInstall)).await);
    assert_eq!(out.outcome.state, Some(OrderState::Acknowledged));
    assert!(!reserved.number.as_str().is_empty());
    assert_nothing_leaked(&app);
}

#[tokio::test]
async fn a_number_without_a_phone_product_is_refused_clearly() {
    let app = spawn_app().await;
    held_with_credit(&app, "1 Calle Sol", PackageKind::Internet, "1234").await;
    let code = problem_code(post(&app, "/numbers/search", json!({})).await, 409);
    assert_eq!(code, "no_telephone");
}

async fn credit(app: &TestApp, last4: &str) -> CreditOutcome {
    ok(post(
        app,
        "/credit",
        json!({"name": "Ana", "dateOfBirth": "1980-02-28", "last4Ssn": last4}),
    )
    .await)
}

#[tokio::test]
async fn credit_refused_and_deposit_are_told_and_refused_installs_stop() {
    let app = spawn_app().await;
    assert_eq!(app.check("1 Calle Sol").await.status(), 200);
    app.hold(&choices_for(&app.offers().await, PackageKind::Internet))
        .await;
    let c = credit(&app, "1111").await;
    let CreditDecision::DepositRequired { deposit } = &c.decision else {
        panic!("{c:?}")
    };
    assert_eq!(deposit.amount, "150.00");
    let tech = c
        .install_options
        .iter()
        .find(|o| o.kind == InstallationKind::TechnicianVisit)
        .unwrap();
    assert_eq!(tech.one_time.amount, "49.99");

    let app = spawn_app().await;
    assert_eq!(app.check("1 Calle Sol").await.status(), 200);
    app.hold(&choices_for(&app.offers().await, PackageKind::Internet))
        .await;
    let c = credit(&app, "0000").await;
    assert_eq!(c.decision, CreditDecision::Refused);
    assert!(c.install_options.is_empty());
    let code = problem_code(
        post(&app, "/installation", json!({"kind": "self_install"})).await,
        422,
    );
    assert_eq!(code, "credit_refused");
}

/// An adverse decision stands: other digits cannot retry it away. A deposit stands for the
/// order; a refusal for the browser session, even on a new cart.
#[tokio::test]
async fn an_adverse_credit_decision_cannot_be_retried_away() {
    let app = spawn_app().await;
    assert_eq!(app.check("1 Calle Sol").await.status(), 200);
    let choices = choices_for(&app.offers().await, PackageKind::Internet);
    app.hold(&choices).await;
    let deposit = credit(&app, "1111").await;
    assert!(matches!(
        deposit.decision,
        CreditDecision::DepositRequired { .. }
    ));
    assert_eq!(credit(&app, "1234").await, deposit, "the deposit stands");

    let app = spawn_app().await;
    assert_eq!(app.check("1 Calle Sol").await.status(), 200);
    app.hold(&choices).await;
    assert_eq!(credit(&app, "0000").await.decision, CreditDecision::Refused);
    assert_eq!(credit(&app, "1234").await.decision, CreditDecision::Refused);
    assert_eq!(credit(&app, "1111").await.decision, CreditDecision::Refused);
    // A new cart is a new order, but the same customer in the same session.
    app.hold(&choices).await;
    assert_eq!(credit(&app, "1234").await.decision, CreditDecision::Refused);
    let code = problem_code(
        post(&app, "/installation", json!({"kind": "self_install"})).await,
        422,
    );
    assert_eq!(code, "credit_refused");
}

#[tokio::test]
async fn wrong_codes_are_counted_then_locked() {
    let app = spawn_app().await;
    assert_eq!(app.check("1 Calle Sol").await.status(), 200);
    let _: Value = ok(post(
        &app,
        "/identity/otp",
        json!({"contact": "someone@example.pr"}),
    )
    .await);
    for left in ["2 tries left.", "1 try left."] {
        let (status, text) = post(&app, "/identity/verify", json!({"otp": "000000"})).await;
        let problem: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(problem_code((status, text), 400), "otp_wrong");
        // Issue 24, 13: the customer is told the tries left before the lockout.
        assert_eq!(problem["detail"], left, "{problem}");
    }
    let code = problem_code(
        post(&app, "/identity/verify", json!({"otp": "000000"})).await,
        429,
    );
    assert_eq!(code, "otp_locked");
    // Locked even for the right code.
    let code = problem_code(
        post(&app, "/identity/verify", json!({"otp": "123456"})).await,
        429,
    );
    assert_eq!(code, "otp_locked");
}

/// DESIGN §3 step 2: the same answer shape whether or not an account exists; after the right
/// code the cookie is rotated and the old one no longer works.
#[tokio::test]
async fn verify_rotates_the_session_cookie() {
    let app = spawn_app().await;
    let bare = reqwest::Client::new();
    let res = bare
        .post(format!("{}/api/v1/eligibility", app.base))
        .header(CSRF_HEADER, CSRF_VALUE)
        .json(&json!({"address": "1 Calle Sol"}))
        .send()
        .await
        .unwrap();
    let cookie = |res: &reqwest::Response| {
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    };
    let old = cookie(&res);
    let call = |path: &str, cookie: &str, body: Value| {
        bare.post(format!("{}/api/v1{path}", app.base))
            .header(CSRF_HEADER, CSRF_VALUE)
            .header("cookie", cookie.to_owned())
            .json(&body)
            .send()
    };
    let otp = |contact: &str| call("/identity/otp", &old, json!({ "contact": contact }));
    let known: Value = otp("existing@example.pr")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stranger: Value = otp("nobody@example.pr")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&known), keys(&stranger));
    assert_eq!(known["channel"], "email");
    // The last code asked for is the stranger's: ask again for the known contact.
    otp("existing@example.pr").await.unwrap();
    let res = call("/identity/verify", &old, json!({"otp": "123456"}))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let new = cookie(&res);
    assert_ne!(new, old);
    let who: Value = res.json().await.unwrap();
    assert_eq!(who["customer"]["name"], "DEV TESTING001");
    let offers = |cookie: String| {
        bare.get(format!("{}/api/v1/offers", app.base))
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(offers(old).await.unwrap().status(), 401);
    assert_eq!(offers(new).await.unwrap().status(), 200);
}

/// Seed 004 Key Considerations 17: after 15 minutes the conversation is gone (DRO30E); the
/// proxy refuses before submitting on the lapsed quote, and a new quote lets the order go.
#[tokio::test]
async fn a_lapsed_quote_is_refused_and_a_new_quote_places_the_order() {
    let app = spawn_app().await;
    let cart = held_with_credit(&app, "1 Calle Sol", PackageKind::Internet, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    // Keep the cart held past the quote's 15 minutes.
    for _ in 0..2 {
        let _: Value = ok(post(&app, "/cart/extend", json!({})).await);
    }
    quote_and_review(&app).await;
    app.sandbox.advance_clock(chrono::TimeDelta::minutes(15));
    let review: Review = ok(get(&app, "/review").await);
    assert!(
        review
            .problems
            .iter()
            .any(|p| p.code == "CONVERSATION_EXPIRED")
    );
    let body = order_body(Installation::SelfInstall);
    let (status, _, text) = place(&app, "k-dro", &body).await;
    let code = problem_code((status, text), 409);
    assert_eq!(code, "conversation_expired");
    assert_eq!(app.sandbox.product_orders_created(), 0);
    let failed: OrderStatus = ok(get(&app, "/order").await);
    assert_eq!(
        failed,
        OrderStatus::Failed {
            code: "conversation_expired".into()
        }
    );
    quote_and_review(&app).await;
    // The same key may be tried again after a failure.
    let out = placed(place(&app, "k-dro", &body).await);
    assert_eq!(out.outcome.state, Some(OrderState::Acknowledged));
    assert_eq!(app.sandbox.product_orders_created(), 1);
}

#[tokio::test]
async fn an_outage_is_a_notice_and_an_existing_customer_a_problem() {
    let app = spawn_app().await;
    let cart = held_with_credit(&app, "9 Outage Avenue", PackageKind::Internet, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    quote_and_review(&app).await;
    let out = placed(place(&app, "k-otg", &order_body(Installation::SelfInstall)).await);
    assert_eq!(out.outcome.notices, vec![Notice::Outage]);

    let app = spawn_app().await;
    let cart = held_with_credit(&app, "7 Existing Street", PackageKind::Internet, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    quote_and_review(&app).await;
    let (status, _, text) = place(&app, "k-orv", &order_body(Installation::SelfInstall)).await;
    assert_eq!(problem_code((status, text), 409), "existing_customer");
    assert_eq!(app.sandbox.product_orders_created(), 0);
}

/// The idempotency key: required, one body per key, and a concurrent storm of one key places
/// exactly one order upstream.
#[tokio::test]
async fn a_hundred_concurrent_submits_with_one_key_place_one_order() {
    let app = spawn_app_with(|c| {
        c.rate_limit_burst = 1_000;
    })
    .await;
    let cart = held_with_credit(&app, "1 Calle Sol", PackageKind::Internet, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    quote_and_review(&app).await;
    let body = order_body(Installation::SelfInstall);

    let res = app.command("/api/v1/order", body.clone()).await;
    assert_eq!(res.status(), 400, "the key is required");
    assert_eq!(app.sandbox.product_orders_created(), 0);

    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let client = app.client.clone();
            let url = format!("{}/api/v1/order", app.base);
            let body = body.clone();
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .header(CSRF_HEADER, CSRF_VALUE)
                    .header(IDEMPOTENCY_KEY_HEADER, "one-key")
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                let replayed = res.headers().get("idempotent-replayed").is_some();
                (res.status().as_u16(), replayed, res.bytes().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    let firsts: Vec<_> = answers.iter().filter(|(s, r, _)| *s == 200 && !r).collect();
    assert_eq!(firsts.len(), 1, "exactly one request ran the order");
    let first = &firsts[0].2;
    for (status, replayed, bytes) in &answers {
        match status {
            200 => {
                if *replayed {
                    assert_eq!(bytes, first, "a replay is the first answer byte for byte");
                }
            }
            409 => {
                let v: Value = serde_json::from_slice(bytes).unwrap();
                assert_eq!(v["code"], "idempotency_in_flight");
            }
            other => panic!("unexpected {other}: {:?}", String::from_utf8_lossy(bytes)),
        }
    }
    // Upstream saw one submit and made one order.
    assert_eq!(app.sandbox.product_orders_created(), 1);
    let metrics = app.get("/metrics").await.text().await.unwrap();
    let submits: f64 = metrics
        .lines()
        .filter(|l| {
            l.starts_with("checkout_upstream_call_seconds_count{")
                && l.contains("call=\"order_submit\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum();
    assert_eq!(submits, 1.0, "{metrics}");

    // After it is done: a replay, marked, byte for byte.
    let (status, headers, text) = place(&app, "one-key", &body).await;
    assert_eq!(status, 200);
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(text.as_bytes(), &first[..]);
    // The same key with another body is refused.
    let mut other = body.clone();
    other["contact"]["name"] = json!("Someone Else");
    let (status, _, text) = place(&app, "one-key", &other).await;
    assert_eq!(problem_code((status, text), 422), "idempotency_key_reused");
    assert_eq!(app.sandbox.product_orders_created(), 1);
    assert_nothing_leaked(&app);
}

/// Issue 24, 3: two tabs of one checkout at the review; the first places the order. The
/// second tab's place-order (its own key) gets that order, not "call us", and no second one.
#[tokio::test]
async fn a_second_tab_placing_the_same_cart_gets_the_order_placed() {
    let app = spawn_app().await;
    let cart = held_with_credit(&app, "1 Calle Sol", PackageKind::Internet, "1234").await;
    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    quote_and_review(&app).await;
    let body = order_body(Installation::SelfInstall);
    let first = placed(place(&app, "tab-1", &body).await);
    let (status, headers, text) = place(&app, "tab-2", &body).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(headers["idempotent-replayed"], "true");
    let second: OrderPlaced = serde_json::from_str(&text).unwrap();
    assert_eq!(second, first);
    assert_eq!(app.sandbox.product_orders_created(), 1);
    // A new cart is a new order again.
    app.hold(&choices_for(&app.offers().await, PackageKind::Internet))
        .await;
    let (status, _, _) = place(&app, "tab-3", &body).await;
    assert_ne!(status, 200);
}

/// `GET /api/v1/checkout` (issue 21, resume from the server): what each step kept, and nothing
/// personal or secret. Before a cart: nothing held; after credit, installation, terms and a
/// number: all of it, with the number's hold.
#[tokio::test]
async fn the_checkout_progress_says_what_each_step_kept_and_nothing_personal() {
    use checkout_core::wire_order::CheckoutProgress;
    let app = spawn_app().await;
    // No session: nothing under way, and no session made for asking.
    let (status, headers, text) = seen(app.get("/api/v1/checkout").await).await;
    assert_eq!(status, 200, "{text}");
    assert!(headers.get("set-cookie").is_none());
    let nothing: CheckoutProgress = serde_json::from_str(&text).unwrap();
    assert_eq!(nothing, CheckoutProgress::default());
    assert_eq!(app.check("1 Calle Sol, San Juan").await.status(), 200);
    let before: CheckoutProgress = ok(get(&app, "/checkout").await);
    assert_eq!(before.cart, None);
    assert_eq!(before.credit, None);

    let cart = held_with_credit(
        &app,
        "1 Calle Sol, San Juan",
        PackageKind::TriplePlay,
        "1234",
    )
    .await;
    let after_credit: CheckoutProgress = ok(get(&app, "/checkout").await);
    assert_eq!(after_credit.cart.as_ref().map(|c| &c.cart), Some(&cart));
    assert!(after_credit.cart.as_ref().is_some_and(|c| c.hold.is_some()));
    assert_eq!(
        after_credit.credit.map(|c| c.decision),
        Some(CreditDecision::Approved)
    );
    assert_eq!(after_credit.installation, None);
    assert!(!after_credit.terms_accepted);

    install_and_accept(&app, &cart, InstallationKind::SelfInstall).await;
    let reserved = reserve_first_number(&app).await;
    let (status, text) = get(&app, "/checkout").await;
    let progress: CheckoutProgress = ok((status, text.clone()));
    assert_eq!(progress.installation, Some(InstallationKind::SelfInstall));
    assert!(progress.terms_accepted);
    assert_eq!(progress.number, Some(reserved));
    for personal in ["Ana Ruiz", "1980-02-28", "1234\"", "last4", "dateOfBirth"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    assert_nothing_leaked(&app);
}
