//! The order / hold engine over real HTTP on 127.0.0.1, called as the proxy would call it.
//! Deadlines are crossed by fast-forwarding the sandbox clock, never by sleeping.

use crate::support;

use checkout_sandbox::{Config, Sandbox};
use chrono::{DateTime, TimeDelta, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::path::PathBuf;

const J4U22A: &str = "2099 | JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL";

use support::config;

/// A client with a token and a session, as the proxy holds them.
struct Api {
    base: String,
    c: reqwest::Client,
    token: String,
    session: String,
}

impl Api {
    async fn start(sandbox: Sandbox) -> (Self, tokio::task::JoinHandle<std::io::Result<()>>) {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", l.local_addr().unwrap());
        let server = tokio::spawn(checkout_sandbox::serve(l, sandbox));
        (Self::login(base).await, server)
    }

    async fn login(base: String) -> Self {
        let a = support::Api::login(base).await;
        Self {
            base: a.base,
            c: a.c,
            token: a.token,
            session: a.session,
        }
    }

    /// Status and raw body bytes.
    async fn raw(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Vec<u8>) {
        let mut req = self
            .c
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("client-id", Config::default().client_id)
            .header("session-id", &self.session)
            .header("correlationId", "644e1dd7-2a7f-18fb-b8ed-ed78c3f92c2b");
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        (status, res.bytes().await.unwrap().to_vec())
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = self.raw(method, path, body).await;
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    async fn ok(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let (status, v) = self.call(method, path, body).await;
        assert_eq!(status, StatusCode::OK, "{path}: {v}");
        v
    }

    async fn create(&self, address: &str, items: Value) -> Value {
        self.ok(
            Method::POST,
            "/v1/order/create",
            Some(json!({ "streetAddress": address, "items": items })),
        )
        .await
    }

    async fn order(&self, id: &str) -> Value {
        self.ok(Method::GET, &format!("/v1/order/{id}"), None).await
    }

    /// The order's exact bytes, to prove a refused operation changed nothing.
    async fn order_bytes(&self, id: &str) -> Vec<u8> {
        let (status, bytes) = self
            .raw(Method::GET, &format!("/v1/order/{id}"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        bytes
    }

    async fn advance(&self, seconds: i64) {
        let res = self
            .c
            .post(format!("{}/__admin/clock/advance", self.base))
            .json(&json!({ "seconds": seconds }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }

    /// A new bearer for the same session, as the proxy fetches one when its hour is up
    /// (tokens expire on the sandbox clock too).
    async fn renew_token(&mut self) {
        self.token = support::fetch_token(&self.c, &self.base).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
    }
}

fn at(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

/// The error body has the OCBO shape and the given tech code.
fn refused(status: StatusCode, body: &Value, want: StatusCode, tech: &str) {
    assert_eq!(status, want, "{body}");
    assert_eq!(body["techCode"], tech, "{body}");
    assert!(body["clientCode"].is_string() && body["message"].is_string());
}

fn temp_db() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sbx-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("sandbox.sqlite")
}

fn items() -> Value {
    json!([{ "productCode": "INT1G" }, { "productCode": "ZMPBI", "quantity": 1 }])
}

fn contact() -> Value {
    json!({ "name": "Ana Rivera", "email": "ana@example.pr", "phone": "+1 787 555 0100" })
}

/// Seed order-cart-holds: "New Orders always start in the ON_HOLD status", with utcExpiresAt.
#[tokio::test]
async fn create_puts_the_order_on_hold_until_utc_expires_at() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let (status, bytes) = api
        .raw(
            Method::POST,
            "/v1/order/create",
            Some(json!({ "streetAddress": "1 Calle Sol, San Juan", "items": items() })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let o: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(o["status"], "ON_HOLD");
    assert_eq!(
        at(&o["utcExpiresAt"]) - at(&o["utcCreatedAt"]),
        TimeDelta::minutes(15)
    );
    assert_eq!(
        at(&o["utcMaxExpiresAt"]) - at(&o["utcCreatedAt"]),
        TimeDelta::minutes(60)
    );
    assert_eq!(o["items"].as_array().unwrap().len(), 2);
    assert_eq!(o["items"][0]["status"], "ON_HOLD");
    assert_eq!(o["items"][1]["id"], "2");
    assert!(o["utcExpiresAt"].as_str().unwrap().ends_with('Z'));
}

/// Create answers from what it wrote rather than reading it back: the answer must be exactly
/// what a GET of the same order returns (every item shape, the magic booked-elsewhere item, a
/// package with required terms), and the same with no items.
#[tokio::test]
async fn create_answers_exactly_what_a_get_returns() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let items = json!([
        { "productCode": "R1INT" },
        { "productCode": "ZMPBI", "quantity": 3 },
        { "productCode": "BOOKED-ELSEWHERE" },
        { "productCode": "F7B3I", "quantity": 1 }
    ]);
    for items in [items, json!([])] {
        let created = api.create("  1 Calle Sol, San Juan ", items).await;
        let id = created["id"].as_str().unwrap();
        assert_eq!(api.order(id).await, created);
    }
    let o = api
        .create(
            "2 Calle Sol",
            json!([{ "productCode": "BOOKED-ELSEWHERE" }]),
        )
        .await;
    assert_eq!(o["items"][0]["status"], "CONFIRMED");
}

/// Every response carries the sandbox's "now", so clients can correct their clock skew.
#[tokio::test]
async fn every_response_carries_the_server_time() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    api.advance(3600).await;
    let res = api
        .c
        .get(format!("{}/v1/order/nope", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let t: DateTime<Utc> = res.headers()["x-server-time"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        t - Utc::now() > TimeDelta::minutes(59),
        "the fast-forwarded clock"
    );
}

/// Seed: "New bookings can only be added to an Order while it is in the ON_HOLD status."
#[tokio::test]
async fn items_are_added_and_removed_while_on_hold() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let o = api.create("1 Calle Sol", json!([])).await;
    let id = o["id"].as_str().unwrap();
    let path = format!("/v1/order/{id}/items");
    let o = api
        .ok(Method::POST, &path, Some(json!({ "productCode": "INT1G" })))
        .await;
    assert_eq!(o["items"][0]["productCode"], "INT1G");
    let o = api
        .ok(
            Method::POST,
            &path,
            Some(json!({ "productCode": "TVPRM", "quantity": 2 })),
        )
        .await;
    assert_eq!(o["items"].as_array().unwrap().len(), 2);
    let o = api.ok(Method::DELETE, &format!("{path}/1"), None).await;
    assert_eq!(o["items"].as_array().unwrap().len(), 1);
    assert_eq!(o["items"][0]["id"], "2", "ids are not reused");
    let (s, b) = api.call(Method::DELETE, &format!("{path}/1"), None).await;
    refused(s, &b, StatusCode::NOT_FOUND, "ITEM_NOT_FOUND");
    let (s, b) = api
        .call(Method::POST, &path, Some(json!({ "productCode": "" })))
        .await;
    refused(s, &b, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    let (s, b) = api
        .call(
            Method::POST,
            &path,
            Some(json!({ "productCode": "X", "quantity": 10 })),
        )
        .await;
    refused(s, &b, StatusCode::BAD_REQUEST, "TECHMSG-0003");
}

/// Seed: "If an order is not cancelled or confirmed before the utcExpiresAt time, the order
/// will transition into an EXPIRED status and no longer be usable."
#[tokio::test]
async fn order_expires_at_utc_expires_at_and_refuses_new_items() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let o = api.create("1 Calle Sol", items()).await;
    let id = o["id"].as_str().unwrap();
    api.advance(14 * 60).await;
    assert_eq!(api.order(id).await["status"], "ON_HOLD");
    api.advance(61).await;
    let o = api.order(id).await;
    assert_eq!(o["status"], "EXPIRED");
    assert_eq!(o["items"][0]["status"], "EXPIRED");
    let (s, b) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/items"),
            Some(json!({ "productCode": "INT1G" })),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ORDER_EXPIRED");
    let (s, b) = api
        .call(Method::DELETE, &format!("/v1/order/{id}/items/1"), None)
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ORDER_EXPIRED");
}

/// Seed: the back office may extend "by the requested duration, or any arbitrary duration"; the
/// sandbox caps a hold at 60 minutes after creation and then refuses.
#[tokio::test]
async fn extend_grants_up_to_the_maximum_then_refuses() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let o = api.create("1 Calle Sol", items()).await;
    let id = o["id"].as_str().unwrap();
    let created = at(&o["utcCreatedAt"]);
    let path = format!("/v1/order/{id}/extend");
    let body =
        |minutes: i64| Some(json!({ "reason": "customer on the phone", "minutes": minutes }));
    let o = api.ok(Method::POST, &path, body(30)).await;
    assert_eq!(at(&o["utcExpiresAt"]) - created, TimeDelta::minutes(45));
    let o = api.ok(Method::POST, &path, body(30)).await;
    assert_eq!(
        at(&o["utcExpiresAt"]) - created,
        TimeDelta::minutes(60),
        "granted less than asked"
    );
    let before = api.order_bytes(id).await;
    let (s, b) = api.call(Method::POST, &path, body(1)).await;
    refused(s, &b, StatusCode::CONFLICT, "EXTENSION_REFUSED");
    assert_eq!(api.order_bytes(id).await, before);

    for bad in [
        json!({ "reason": "  ", "minutes": 5 }),
        json!({ "reason": "x", "minutes": 0 }),
        json!({ "reason": "x", "minutes": 31 }),
        json!({ "minutes": 5 }),
    ] {
        let (s, b) = api.call(Method::POST, &path, Some(bad)).await;
        refused(s, &b, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    }
}

/// All-or-nothing: a refused extend or confirm leaves the order exactly as it was.
#[tokio::test]
async fn refused_extend_and_confirm_after_expiry_change_nothing() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let o = api.create("1 Calle Sol", items()).await;
    let id = o["id"].as_str().unwrap();
    api.advance(15 * 60 + 1).await;
    let before = api.order_bytes(id).await;
    let (s, b) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/extend"),
            Some(json!({ "reason": "more time", "minutes": 10 })),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ORDER_EXPIRED");
    assert_eq!(api.order_bytes(id).await, before);
    let (s, b) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/confirm"),
            Some(contact()),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ORDER_EXPIRED");
    assert_eq!(api.order_bytes(id).await, before);
}

/// Seed: "if any one booking operation fails, the entire Order operation should fail … any
/// changes … should be reverted". The magic item is a booking confirmed elsewhere.
#[tokio::test]
async fn confirm_fails_whole_when_one_item_is_not_on_hold() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let o = api
        .create(
            "1 Calle Sol",
            json!([{ "productCode": "INT1G" }, { "productCode": "BOOKED-ELSEWHERE" }]),
        )
        .await;
    let id = o["id"].as_str().unwrap();
    let before = api.order_bytes(id).await;
    let (s, b) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/confirm"),
            Some(contact()),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ITEM_NOT_ON_HOLD");
    let after = api.order_bytes(id).await;
    assert_eq!(after, before, "order and first item still ON_HOLD");
    let (s, b) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/extend"),
            Some(json!({ "reason": "r", "minutes": 5 })),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ITEM_NOT_ON_HOLD");
    assert_eq!(api.order_bytes(id).await, before);
}

#[tokio::test]
async fn confirm_with_contact_confirms_order_and_items() {
    let (mut api, _s) = Api::start(Sandbox::new(config())).await;
    let o = api.create("1 Calle Sol", items()).await;
    let id = o["id"].as_str().unwrap();
    let path = format!("/v1/order/{id}/confirm");
    for bad in [
        json!({ "name": "Ana", "email": "ana-at-example", "phone": "7875550100" }),
        json!({ "name": "Ana", "email": "ana@example.pr", "phone": "12" }),
        json!({ "name": "", "email": "ana@example.pr", "phone": "7875550100" }),
    ] {
        let before = api.order_bytes(id).await;
        let (s, b) = api.call(Method::POST, &path, Some(bad)).await;
        refused(s, &b, StatusCode::BAD_REQUEST, "TECHMSG-0003");
        assert_eq!(api.order_bytes(id).await, before);
    }
    let o = api.ok(Method::POST, &path, Some(contact())).await;
    assert_eq!(o["status"], "CONFIRMED");
    assert_eq!(o["items"][1]["status"], "CONFIRMED");
    assert_eq!(o["contact"]["email"], "ana@example.pr");
    assert!(o["utcConfirmedAt"].is_string());
    // Confirmed is final: no more items, no extension, and the hold no longer lapses.
    let (s, b) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/items"),
            Some(json!({ "productCode": "INT1G" })),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ORDER_NOT_ON_HOLD");
    api.advance(3600).await;
    api.renew_token().await;
    assert_eq!(api.order(id).await["status"], "CONFIRMED");
    let (s, b) = api
        .call(
            Method::DELETE,
            &format!("/v1/order/{id}"),
            Some(json!({ "reason": "changed mind" })),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ORDER_NOT_ON_HOLD");
}

#[tokio::test]
async fn an_empty_cart_cannot_be_confirmed() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let id = api.create("1 Calle Sol", json!([])).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, b) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/confirm"),
            Some(contact()),
        )
        .await;
    refused(s, &b, StatusCode::CONFLICT, "ORDER_EMPTY");
    assert_eq!(api.order(&id).await["status"], "ON_HOLD");
}

/// Seed: "The client must provide a reason for the cancellation"; a successful cancellation
/// releases the hold (here: the reserved number is offered again).
#[tokio::test]
async fn cancel_needs_a_reason_and_releases_the_holds() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let a = api.create("1 Calle Sol", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = api.create("2 Calle Luna", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.ok(
        Method::PATCH,
        &format!("/v1/order/{a}/number.reserve"),
        Some(json!({ "number": "7872000001" })),
    )
    .await;
    let offered = api
        .ok(
            Method::POST,
            &format!("/v1/order/{b}/number.available"),
            None,
        )
        .await;
    assert_eq!(offered["numbers"][0], "7872000002");

    let path = format!("/v1/order/{a}");
    let (s, body) = api
        .call(Method::DELETE, &path, Some(json!({ "reason": "" })))
        .await;
    refused(s, &body, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    let (s, body) = api.call(Method::DELETE, &path, None).await;
    refused(s, &body, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    let o = api
        .ok(
            Method::DELETE,
            &path,
            Some(json!({ "reason": "customer left" })),
        )
        .await;
    assert_eq!(o["status"], "CANCELLED");
    assert_eq!(o["cancellation"]["reason"], "customer left");
    assert_eq!(o["items"][0]["status"], "CANCELLED");
    assert!(o["reservedNumber"].is_null());
    let again = api
        .ok(Method::DELETE, &path, Some(json!({ "reason": "retry" })))
        .await;
    assert_eq!(again, o, "cancelling twice is safe and changes nothing");
    let offered = api
        .ok(
            Method::POST,
            &format!("/v1/order/{b}/number.available"),
            None,
        )
        .await;
    assert_eq!(offered["numbers"][0], "7872000001");
}

#[tokio::test]
async fn orders_need_a_session_and_belong_to_their_client() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let (s, b) = api.call(Method::GET, "/v1/order/no-such-order", None).await;
    refused(s, &b, StatusCode::NOT_FOUND, "ORDER_NOT_FOUND");
    let res = api
        .c
        .post(format!("{}/v1/order/create", api.base))
        .bearer_auth(&api.token)
        .header("client-id", "checkout-dev")
        .header("correlationId", "c")
        .json(&json!({ "streetAddress": "1 Calle Sol" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "no session-id");
    let (s, b) = api
        .call(
            Method::POST,
            "/v1/order/create",
            Some(json!({ "items": [] })),
        )
        .await;
    refused(s, &b, StatusCode::BAD_REQUEST, "TECHMSG-0003");
}

/// A number reservation is a hold with its own clock (10 minutes), independent of the cart.
#[tokio::test]
async fn a_reserved_number_is_withheld_from_others_until_its_reservation_lapses() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let a = api.create("1 Calle Sol", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = api.create("2 Calle Luna", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let offered = api
        .ok(
            Method::POST,
            &format!("/v1/order/{a}/number.available"),
            None,
        )
        .await;
    let numbers = offered["numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 5);
    let first = numbers[0].as_str().unwrap().to_owned();
    assert!(first.starts_with("787"));

    let o = api
        .ok(
            Method::PATCH,
            &format!("/v1/order/{a}/number.reserve"),
            Some(json!({ "number": first })),
        )
        .await;
    assert_eq!(o["reservedNumber"]["number"], first.as_str());
    let until = at(&o["reservedNumber"]["utcExpiresAt"]);
    let left = until - Utc::now();
    assert!(left > TimeDelta::minutes(9) && left <= TimeDelta::minutes(10));

    let offered_b = api
        .ok(
            Method::POST,
            &format!("/v1/order/{b}/number.available"),
            None,
        )
        .await;
    assert!(
        !offered_b["numbers"]
            .as_array()
            .unwrap()
            .contains(&json!(first))
    );
    let reserve_b = format!("/v1/order/{b}/number.reserve");
    let (s, body) = api
        .call(Method::PATCH, &reserve_b, Some(json!({ "number": first })))
        .await;
    refused(s, &body, StatusCode::CONFLICT, "NUMBER_TAKEN");
    let (s, body) = api
        .call(
            Method::PATCH,
            &reserve_b,
            Some(json!({ "number": "7879999999" })),
        )
        .await;
    refused(s, &body, StatusCode::NOT_FOUND, "NUMBER_UNKNOWN");

    api.advance(10 * 60 + 1).await;
    // A's cart is still held (15 min) but its number reservation lapsed: confirm is refused
    // whole, and B may now take the number.
    let (s, body) = api
        .call(
            Method::POST,
            &format!("/v1/order/{a}/confirm"),
            Some(contact()),
        )
        .await;
    refused(s, &body, StatusCode::CONFLICT, "NUMBER_HOLD_EXPIRED");
    assert_eq!(api.order(&a).await["status"], "ON_HOLD");
    let o = api
        .ok(Method::PATCH, &reserve_b, Some(json!({ "number": first })))
        .await;
    assert_eq!(o["reservedNumber"]["number"], first.as_str());
}

/// Seed TMF-622: "BSS will block the slot for 4 mins after the searchTimeSlot call, Once it is
/// over, CSG will release the timeslot and it can be Utilized for another customer."
#[tokio::test]
async fn searched_slots_are_blocked_for_four_minutes_then_released() {
    let (mut api, _s) = Api::start(Sandbox::new(config())).await;
    let a = api.create("1 Calle Sol", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = api.create("2 Calle Luna", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let found_a = api
        .ok(Method::POST, &format!("/v1/order/{a}/searchTimeSlot"), None)
        .await;
    let slots_a: Vec<String> = found_a["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(slots_a.len(), 4);
    assert!(found_a["slots"][0]["validFor"]["startDateTime"].is_string());
    let held = at(&found_a["utcHeldUntil"]) - Utc::now();
    assert!(held > TimeDelta::seconds(230) && held <= TimeDelta::minutes(4));

    let found_b = api
        .ok(Method::POST, &format!("/v1/order/{b}/searchTimeSlot"), None)
        .await;
    for s in found_b["slots"].as_array().unwrap() {
        assert!(!slots_a.contains(&s["id"].as_str().unwrap().to_owned()));
    }
    let choose_b = format!("/v1/order/{b}/fulfillment");
    let (s, body) = api
        .call(
            Method::PATCH,
            &choose_b,
            Some(json!({ "slotId": slots_a[0] })),
        )
        .await;
    refused(s, &body, StatusCode::CONFLICT, "J4U22A");
    assert_eq!(body["clientCode"], "2099");
    assert_eq!(body["message"], J4U22A);

    api.advance(4 * 60 + 1).await;
    let o = api
        .ok(
            Method::PATCH,
            &choose_b,
            Some(json!({ "slotId": slots_a[0] })),
        )
        .await;
    assert_eq!(o["timeSlot"]["slot"]["id"], slots_a[0].as_str());
    let (s, body) = api
        .call(
            Method::PATCH,
            &format!("/v1/order/{a}/fulfillment"),
            Some(json!({ "slotId": slots_a[0] })),
        )
        .await;
    refused(s, &body, StatusCode::CONFLICT, "J4U22A");

    // B confirms within its hold: the slot is then taken for good.
    let o = api
        .ok(
            Method::POST,
            &format!("/v1/order/{b}/confirm"),
            Some(contact()),
        )
        .await;
    assert!(o["timeSlot"]["utcHeldUntil"].is_null());
    api.advance(3600).await;
    api.renew_token().await;
    let c = api.create("3 Calle Mar", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let found_c = api
        .ok(Method::POST, &format!("/v1/order/{c}/searchTimeSlot"), None)
        .await;
    for s in found_c["slots"].as_array().unwrap() {
        assert_ne!(s["id"], slots_a[0].as_str());
    }
}

#[tokio::test]
async fn a_chosen_slot_whose_hold_lapsed_blocks_confirmation() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let a = api.create("1 Calle Sol", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let found = api
        .ok(Method::POST, &format!("/v1/order/{a}/searchTimeSlot"), None)
        .await;
    let slot = found["slots"][1]["id"].as_str().unwrap().to_owned();
    let o = api
        .ok(
            Method::PATCH,
            &format!("/v1/order/{a}/fulfillment"),
            Some(json!({ "slotId": slot })),
        )
        .await;
    assert_eq!(o["timeSlot"]["utcHeldUntil"], found["utcHeldUntil"]);
    let (s, body) = api
        .call(
            Method::PATCH,
            &format!("/v1/order/{a}/fulfillment"),
            Some(json!({ "slotId": "2020-01-01-AM" })),
        )
        .await;
    refused(s, &body, StatusCode::NOT_FOUND, "SLOT_UNKNOWN");
    api.advance(4 * 60 + 1).await;
    let before = api.order_bytes(&a).await;
    let (s, body) = api
        .call(
            Method::POST,
            &format!("/v1/order/{a}/confirm"),
            Some(contact()),
        )
        .await;
    refused(s, &body, StatusCode::CONFLICT, "SLOT_HOLD_EXPIRED");
    assert_eq!(api.order_bytes(&a).await, before);
}

/// Magic address word `noslots`: searchTimeSlot answers the seed's J4U22A.
#[tokio::test]
async fn noslots_address_gets_j4u22a() {
    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let id = api.create("5 Noslots Lane, Ponce", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, body) = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/searchTimeSlot"),
            None,
        )
        .await;
    refused(s, &body, StatusCode::CONFLICT, "J4U22A");
    assert_eq!(body["clientCode"], "2099");
    assert_eq!(body["message"], J4U22A);
}

#[tokio::test]
async fn clock_control_is_absent_unless_configured() {
    let (api, _s) = Api::start(Sandbox::new(Config::default())).await;
    let res = api
        .c
        .post(format!("{}/__admin/clock/advance", api.base))
        .json(&json!({ "seconds": 60 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let (api, _s) = Api::start(Sandbox::new(config())).await;
    let res = api
        .c
        .post(format!("{}/__admin/clock/advance", api.base))
        .json(&json!({ "seconds": -60 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "never backwards");
    let res = api
        .c
        .post(format!("{}/__admin/clock/advance", api.base))
        .json(&json!({ "seconds": 90 }))
        .send()
        .await
        .unwrap();
    let state: Value = res.json().await.unwrap();
    assert_eq!(state["offsetSeconds"], 90);
}

/// Orders live in the SQLite file: a restarted sandbox still has them, in the same state.
#[tokio::test]
async fn orders_survive_a_restart_with_a_file_database() {
    let db = temp_db();
    let sandbox = Sandbox::open(config(), &db).await.unwrap();
    let (api, server) = Api::start(sandbox.clone()).await;
    let id = api.create("1 Calle Sol", items()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.ok(
        Method::PATCH,
        &format!("/v1/order/{id}/number.reserve"),
        Some(json!({ "number": "7872000003" })),
    )
    .await;
    let before = api.order(&id).await;
    server.abort();
    sandbox.close().await;
    drop(sandbox);

    let reopened = Sandbox::open(config(), &db).await.unwrap();
    let (api, _s) = Api::start(reopened).await;
    assert_eq!(api.order(&id).await, before);
    assert_eq!(before["status"], "ON_HOLD");
    assert_eq!(before["reservedNumber"]["number"], "7872000003");
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

/// 100 orders race for one number: exactly one reservation wins.
async fn number_race(sandbox: Sandbox) {
    let (api, _s) = Api::start(sandbox).await;
    let mut ids = Vec::new();
    for i in 0..100 {
        let o = api.create(&format!("{i} Calle Sol"), json!([])).await;
        ids.push(o["id"].as_str().unwrap().to_owned());
    }
    let api = std::sync::Arc::new(api);
    let mut set = tokio::task::JoinSet::new();
    for id in ids {
        let api = api.clone();
        set.spawn(async move {
            api.call(
                Method::PATCH,
                &format!("/v1/order/{id}/number.reserve"),
                Some(json!({ "number": "7872000007" })),
            )
            .await
        });
    }
    let (mut won, mut lost) = (0, 0);
    while let Some(r) = set.join_next().await {
        let (status, body) = r.unwrap();
        match status {
            StatusCode::OK => won += 1,
            _ => {
                refused(status, &body, StatusCode::CONFLICT, "NUMBER_TAKEN");
                lost += 1;
            }
        }
    }
    assert_eq!((won, lost), (1, 99));
}

/// 100 orders race for one technician slot: exactly one wins, the rest get J4U22A.
async fn slot_race(sandbox: Sandbox) {
    let (api, _s) = Api::start(sandbox).await;
    let scout = api.create("0 Calle Sol", json!([])).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let found = api
        .ok(
            Method::POST,
            &format!("/v1/order/{scout}/searchTimeSlot"),
            None,
        )
        .await;
    let slot = found["slots"][0]["id"].as_str().unwrap().to_owned();
    // Cancelling the scout releases what its search blocked.
    api.ok(
        Method::DELETE,
        &format!("/v1/order/{scout}"),
        Some(json!({ "reason": "scouting only" })),
    )
    .await;
    let mut ids = Vec::new();
    for i in 0..100 {
        let o = api.create(&format!("{i} Calle Luna"), json!([])).await;
        ids.push(o["id"].as_str().unwrap().to_owned());
    }
    let api = std::sync::Arc::new(api);
    let mut set = tokio::task::JoinSet::new();
    for id in ids {
        let (api, slot) = (api.clone(), slot.clone());
        set.spawn(async move {
            api.call(
                Method::PATCH,
                &format!("/v1/order/{id}/fulfillment"),
                Some(json!({ "slotId": slot })),
            )
            .await
        });
    }
    let (mut won, mut lost) = (0, 0);
    while let Some(r) = set.join_next().await {
        let (status, body) = r.unwrap();
        match status {
            StatusCode::OK => won += 1,
            _ => {
                refused(status, &body, StatusCode::CONFLICT, "J4U22A");
                lost += 1;
            }
        }
    }
    assert_eq!((won, lost), (1, 99));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_a_hundred_racing_orders_reserves_the_number_file_db() {
    let db = temp_db();
    number_race(Sandbox::open(config(), &db).await.unwrap()).await;
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_a_hundred_racing_orders_reserves_the_number_in_memory() {
    number_race(Sandbox::new(config())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_a_hundred_racing_orders_takes_the_slot_file_db() {
    let db = temp_db();
    slot_race(Sandbox::open(config(), &db).await.unwrap()).await;
    std::fs::remove_dir_all(db.parent().unwrap()).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_a_hundred_racing_orders_takes_the_slot_in_memory() {
    slot_race(Sandbox::new(config())).await;
}
