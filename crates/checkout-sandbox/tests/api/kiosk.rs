//! Kiosk mode over real HTTP: the exchange data serviceability answers for Jamaica and Panama,
//! the markets' bundles, billing accounts, staff sign-in with its lockout (crossed with the
//! clock), and JM / PA productOrders composed by `checkout-core` exactly as the proxy composes
//! them, with each field seed 004 requires refused when missing.

use crate::support as api;

use api::{Api, CORRELATION, Reply, config, refused};
use checkout_core::kiosk::{
    BillingAccountCreated, MarketAddress, MarketBundle, StaffMember, StoreCodes,
    compose_market_order,
};
use checkout_core::ocbo::ServiceabilityResponse;
use checkout_core::problem::{ErrorCode, from_ocbo};
use checkout_sandbox::{Config, Sandbox};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::path::PathBuf;

const KINGSTON: &str = "Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica";
const SAN_LORENZO: &str = "casa A159, Calle Santo Tom, CIUDA SAN LORENZO, LAS CUMBRES, PANAMA";

fn jm_store() -> StoreCodes {
    StoreCodes {
        dept_code: "AQSAL".into(),
        site_code: "ANSQ".into(),
        source_of_application: "3".into(),
    }
}

fn pa_store() -> StoreCodes {
    StoreCodes {
        dept_code: "TIEN".into(),
        site_code: "FTTH".into(),
        source_of_application: "EH".into(),
    }
}

async fn serviceability(api: &Api, address: &str) -> Value {
    api.ok(
        Method::POST,
        "/v1/serviceability",
        Some(json!({ "streetAddress": address })),
    )
    .await
}

async fn market_address(api: &Api, address: &str) -> MarketAddress {
    let r: ServiceabilityResponse =
        serde_json::from_value(serviceability(api, address).await).unwrap();
    *r.market_address.unwrap()
}

async fn bundle(api: &Api, business: &str, code: &str) -> MarketBundle {
    let all: Vec<MarketBundle> = serde_json::from_value(
        api.ok(Method::GET, &format!("/v1/{business}/bundles"), None)
            .await,
    )
    .unwrap();
    all.into_iter().find(|b| b.code.as_str() == code).unwrap()
}

fn customer() -> Value {
    json!({"name": "Ana Brown", "email": "ana@example.jm", "phone": "+1 876 555 0100"})
}

async fn open_account(api: &Api, business: &str) -> String {
    let r = api
        .call(
            Method::POST,
            &format!("/v1/{business}/billingAccount"),
            Some(customer()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    serde_json::from_value::<BillingAccountCreated>(r.body)
        .unwrap()
        .id
}

/// `POST /v1/staff/auth` as the proxy sends it: bearer, client-id and correlation id, no
/// session-id (no customer is there yet).
async fn staff_auth(api: &Api, employee: &str, pin: &str, business: &str, site: &str) -> Reply {
    let req = api
        .c
        .post(format!("{}/v1/staff/auth", api.base))
        .bearer_auth(&api.token)
        .header("client-id", Config::default().client_id)
        .header("correlationId", CORRELATION)
        .json(&json!({
            "employeeId": employee, "pin": pin, "businessId": business, "siteCode": site
        }));
    Api::send(req).await
}

async fn staff(api: &Api, business: &str) -> StaffMember {
    let r = staff_auth(api, "99999", "2468", business, "ANSQ").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_value(r.body).unwrap()
}

/// The code the proxy gets for this refusal (`checkout_core::problem::from_ocbo`).
fn proxy_code(r: &Reply) -> ErrorCode {
    from_ocbo(
        r.body["clientCode"].as_str().unwrap(),
        r.body["techCode"].as_str().unwrap(),
    )
}

#[tokio::test]
async fn serviceability_answers_the_seeds_lines_and_exchanges() {
    let api = Api::start(Sandbox::new(config())).await;
    let jm = serviceability(&api, KINGSTON).await;
    assert_eq!(jm["market"], "JM");
    assert_eq!(
        jm["marketAddress"],
        json!({
            "market": "JM",
            "exchange": {"exchangeId": "FLTV", "numberAreaCode": "BODG"},
            "addrNo": "",
            "address": {
                "addrType": "A",
                "lines": ["Street no", "road", "TROPICAL PLAZA", "KINGSTON", "Jamaica"]
            },
            "postCode": "00000"
        })
    );
    let pa = serviceability(&api, SAN_LORENZO).await;
    assert_eq!(
        pa["marketAddress"],
        json!({
            "market": "PA",
            "exchanges": {
                "tp": {"exchangeId": "POGP", "numberAreaCode": "POBS"},
                "ds": {"exchangeId": "POGP", "numberAreaCode": "POBS"},
                "ti": {"exchangeId": "PFLO", "numberAreaCode": "FPME"},
                "mo": {"exchangeId": "PSC", "numberAreaCode": "CDEM"}
            },
            "address": {
                "addrType": "Q",
                "lines": ["casa A159", "Calle Santo Tom", "CIUDA SAN LORENZO", "LAS CUMBRES", "PANAMA"]
            }
        })
    );
    let pr = serviceability(&api, "1 Calle Sol, San Juan").await;
    assert!(pr.get("marketAddress").is_none(), "{pr}");
    let nowhere = serviceability(&api, "3 Nowhere Road, Kingston").await;
    assert!(nowhere.get("marketAddress").is_none(), "{nowhere}");
}

#[tokio::test]
async fn bundles_are_the_markets_own() {
    let api = Api::start(Sandbox::new(config())).await;
    let jm = api.ok(Method::GET, "/v1/JM/bundles", None).await;
    assert_eq!(
        jm,
        json!([
            {"code": "609002_RES", "name": "Home Internet 100 Mbps + Phone",
             "monthlyPrice": "6990.00", "currency": "JMD", "stack": "liberate"},
            {"code": "RSPBDESS", "name": "Internet 300 Mbps + TV + Phone",
             "monthlyPrice": "11990.00", "currency": "JMD", "stack": "cerillion",
             "discountGroupCode": "B2BI2"}
        ])
    );
    let pa: Vec<MarketBundle> =
        serde_json::from_value(api.ok(Method::GET, "/v1/PA/bundles", None).await).unwrap();
    assert_eq!(pa.len(), 1);
    assert_eq!(pa[0].code.as_str(), "2P600LF");
    assert_eq!(
        (pa[0].monthly_price.as_str(), pa[0].currency.as_str()),
        ("54.99", "USD")
    );

    let r = api.call(Method::GET, "/v1/PR/bundles", None).await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    assert!(r.body["message"].as_str().unwrap().contains("/v1/offers"));
    refused(
        &api.call(Method::GET, "/v1/XX/bundles", None).await,
        StatusCode::NOT_FOUND,
        "BUSINESS_UNKNOWN",
    );
    // Behind the session checks, like /v1/offers.
    let r = Api::send(
        api.c
            .get(format!("{}/v1/JM/bundles", api.base))
            .bearer_auth(&api.token),
    )
    .await;
    refused(&r, StatusCode::UNAUTHORIZED, "TECHMSG-0002");
}

#[tokio::test]
async fn billing_accounts_count_from_the_seeds_ids_per_market() {
    let api = Api::start(Sandbox::new(config())).await;
    assert_eq!(open_account(&api, "JM").await, "100015870000");
    assert_eq!(open_account(&api, "JM").await, "100015870001");
    assert_eq!(open_account(&api, "PA").await, "324063130000");
    assert_eq!(open_account(&api, "JM").await, "100015870002");

    let r = api
        .call(Method::POST, "/v1/PR/billingAccount", Some(customer()))
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    refused(
        &api.call(Method::POST, "/v1/XX/billingAccount", Some(customer()))
            .await,
        StatusCode::NOT_FOUND,
        "BUSINESS_UNKNOWN",
    );
    let mut bad = customer();
    bad["email"] = json!("not an address");
    refused(
        &api.call(Method::POST, "/v1/JM/billingAccount", Some(bad))
            .await,
        StatusCode::BAD_REQUEST,
        "TECHMSG-0003",
    );
    let r = Api::send(
        api.c
            .post(format!("{}/v1/JM/billingAccount", api.base))
            .bearer_auth(&api.token)
            .json(&customer()),
    )
    .await;
    refused(&r, StatusCode::UNAUTHORIZED, "TECHMSG-0002");
    // Refusals opened nothing: the sequence goes on where it was.
    assert_eq!(open_account(&api, "JM").await, "100015870003");
}

#[tokio::test]
async fn staff_sign_in_answers_the_employees_ids_for_the_market() {
    let api = Api::start(Sandbox::new(config())).await;
    let jm = staff(&api, "JM").await;
    assert_eq!(
        jm,
        StaffMember {
            cis_emp_id: "99999".into(),
            sales_rep_id: "99999".into(),
            name: "Dana Reid".into(),
        }
    );
    assert_eq!(staff(&api, "PA").await.sales_rep_id, "70013");
    assert_eq!(staff(&api, "PR").await.sales_rep_id, "54321");
    for market in ["PR", "JM", "PA"] {
        let r = staff_auth(&api, "12345", "1357", market, "FTTH").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            r.body,
            json!({"cisEmpId": "12345", "salesRepId": "12345", "name": "Luis Ortega"})
        );
    }

    // The bearer alone is enough; without it, nothing.
    let bearer_only = Api::send(
        api.c
            .post(format!("{}/v1/staff/auth", api.base))
            .bearer_auth(&api.token)
            .json(&json!({"employeeId": "99999", "pin": "2468", "businessId": "JM", "siteCode": "ANSQ"})),
    )
    .await;
    assert_eq!(bearer_only.status, StatusCode::OK, "{}", bearer_only.body);
    let r = Api::send(api.c.post(format!("{}/v1/staff/auth", api.base)).json(
        &json!({"employeeId": "99999", "pin": "2468", "businessId": "JM", "siteCode": "ANSQ"}),
    ))
    .await;
    refused(&r, StatusCode::UNAUTHORIZED, "TECHMSG-0002");

    let r = staff_auth(&api, "99999", "2468", "JM", "  ").await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    assert!(r.body["message"].as_str().unwrap().contains("siteCode"));
    // Not an employee number or PIN at all (core's 4–8 digits): a malformed body.
    refused(
        &staff_auth(&api, "99x99", "2468", "JM", "ANSQ").await,
        StatusCode::BAD_REQUEST,
        "TECHMSG-0003",
    );
}

#[tokio::test]
async fn five_wrong_pins_lock_the_employee_for_fifteen_minutes() {
    let api = Api::start(Sandbox::new(config())).await;
    for left in (1..=4).rev() {
        let r = staff_auth(&api, "99999", "0000", "JM", "ANSQ").await;
        refused(&r, StatusCode::BAD_REQUEST, "STAFF_PIN_WRONG");
        assert!(
            r.body["message"]
                .as_str()
                .unwrap()
                .contains(&format!("{left} attempt")),
            "{}",
            r.body
        );
        assert_eq!(proxy_code(&r), ErrorCode::StaffPinWrong);
    }
    let r = staff_auth(&api, "99999", "0000", "JM", "ANSQ").await;
    refused(&r, StatusCode::TOO_MANY_REQUESTS, "STAFF_LOCKED");
    assert_eq!(proxy_code(&r), ErrorCode::StaffLocked);
    // Locked: even the right PIN, at any store, in any market.
    refused(
        &staff_auth(&api, "99999", "2468", "PA", "FTTH").await,
        StatusCode::TOO_MANY_REQUESTS,
        "STAFF_LOCKED",
    );
    // Other employees are not affected.
    let r = staff_auth(&api, "12345", "1357", "JM", "ANSQ").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    api.advance(14 * 60).await;
    refused(
        &staff_auth(&api, "99999", "2468", "JM", "ANSQ").await,
        StatusCode::TOO_MANY_REQUESTS,
        "STAFF_LOCKED",
    );
    api.advance(61).await;
    assert_eq!(staff(&api, "JM").await.name, "Dana Reid");
}

#[tokio::test]
async fn a_right_pin_before_the_lockout_starts_the_count_again() {
    let api = Api::start(Sandbox::new(config())).await;
    for _ in 0..4 {
        let r = staff_auth(&api, "12345", "9999", "PA", "FTTH").await;
        refused(&r, StatusCode::BAD_REQUEST, "STAFF_PIN_WRONG");
    }
    let r = staff_auth(&api, "12345", "1357", "PA", "FTTH").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for _ in 0..4 {
        let r = staff_auth(&api, "12345", "9999", "PA", "FTTH").await;
        refused(&r, StatusCode::BAD_REQUEST, "STAFF_PIN_WRONG");
    }
    let r = staff_auth(&api, "12345", "9999", "PA", "FTTH").await;
    refused(&r, StatusCode::TOO_MANY_REQUESTS, "STAFF_LOCKED");
}

/// An unknown employee number gets exactly the answers a known one with a wrong PIN gets,
/// lockout included: the answers never tell which numbers exist.
#[tokio::test]
async fn unknown_employees_are_answered_like_wrong_pins() {
    let api = Api::start(Sandbox::new(config())).await;
    for _ in 0..5 {
        let known = staff_auth(&api, "99999", "1111", "JM", "ANSQ").await;
        let unknown = staff_auth(&api, "55555", "1111", "JM", "ANSQ").await;
        assert_eq!(known.status, unknown.status);
        assert_eq!(known.body["techCode"], unknown.body["techCode"]);
        let msg = |r: &Reply| {
            let m = r.body["message"].as_str().unwrap().to_owned();
            // The lockout's deadline differs by the milliseconds between the two calls.
            m.split(" after ").next().unwrap().to_owned()
        };
        assert_eq!(msg(&known), msg(&unknown));
    }
    refused(
        &staff_auth(&api, "55555", "2468", "JM", "ANSQ").await,
        StatusCode::TOO_MANY_REQUESTS,
        "STAFF_LOCKED",
    );
}

/// The whole kiosk order as the proxy makes it: the address's exchange data from
/// serviceability, a bundle, a billing account, the signed-in employee, core's composition.
#[tokio::test]
async fn orders_composed_by_core_are_acknowledged_in_jamaica_and_panama() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;

    let kingston = market_address(&api, KINGSTON).await;
    let dana_jm = staff(&api, "JM").await;
    for (code, id) in [("609002_RES", "DJ0001H"), ("RSPBDESS", "DJ0002H")] {
        let account = open_account(&api, "JM").await;
        let order = compose_market_order(
            &bundle(&api, "JM", code).await,
            &kingston,
            &jm_store(),
            &dana_jm,
            &account,
        )
        .unwrap();
        let r = api
            .product_order(
                "/JM/productOrder",
                None,
                &serde_json::to_value(&order).unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(r.body["id"], id);
        assert_eq!(r.body["state"], "Acknowledged");
        assert_eq!(r.body["billingAccount"]["id"], account.as_str());
        assert_eq!(r.body["orderCharacteristics"]["exchangeId"], "FLTV");
        assert_eq!(r.body["serviceAddress"]["addrLine3"], "TROPICAL PLAZA");
        assert_eq!(r.body["productOrderItem"][0]["id"], code);
    }

    let lorenzo = market_address(&api, SAN_LORENZO).await;
    let account = open_account(&api, "PA").await;
    let order = compose_market_order(
        &bundle(&api, "PA", "2P600LF").await,
        &lorenzo,
        &pa_store(),
        &staff(&api, "PA").await,
        &account,
    )
    .unwrap();
    let r = api
        .product_order(
            "/PA/productOrder",
            None,
            &serde_json::to_value(&order).unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["id"], "FL0003H");
    assert_eq!(r.body["billingAccount"]["id"], "324063130000");
    assert_eq!(r.body["orderCharacteristics"]["salesRepId"], "70013");
    assert_eq!(r.body["orderCharacteristics"]["numberAreaCode_MO"], "CDEM");
    assert_eq!(sb.product_orders_created(), 3);
}

/// Each field seed 004's JM and PA bodies carry is required: without it (or with a billing
/// account the sandbox never opened for that market, or a bundle not of the market), 400
/// CHTR-4000 / TECHMSG-0003 naming the field, and no order.
#[tokio::test]
async fn jamaica_and_panama_orders_without_what_the_seed_requires_are_refused() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let jm_account = open_account(&api, "JM").await;
    let pa_account = open_account(&api, "PA").await;
    let jm: Value = serde_json::to_value(
        compose_market_order(
            &bundle(&api, "JM", "RSPBDESS").await,
            &market_address(&api, KINGSTON).await,
            &jm_store(),
            &staff(&api, "JM").await,
            &jm_account,
        )
        .unwrap(),
    )
    .unwrap();
    let pa: Value = serde_json::to_value(
        compose_market_order(
            &bundle(&api, "PA", "2P600LF").await,
            &market_address(&api, SAN_LORENZO).await,
            &pa_store(),
            &staff(&api, "PA").await,
            &pa_account,
        )
        .unwrap(),
    )
    .unwrap();

    let expect_refused = async |path: &str, body: &Value, field: &str| {
        let r = api.product_order(path, None, body).await;
        refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
        assert_eq!(r.body["clientCode"], "CHTR-4000");
        let message = r.body["message"].as_str().unwrap();
        assert!(message.contains(field), "{field}: {message}");
    };
    let without = |body: &Value, pointer: &str| {
        let mut b = body.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        b.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
        b
    };
    let blank = |body: &Value, pointer: &str| {
        let mut b = body.clone();
        *b.pointer_mut(pointer).unwrap() = json!(" ");
        b
    };

    for name in [
        "cisEmpId",
        "depttCode",
        "siteCode",
        "sourceOfApplication",
        "salesRepId",
        "exchangeId",
        "numberAreaCode",
    ] {
        let pointer = format!("/orderCharacteristics/{name}");
        let field = format!("orderCharacteristics.{name}");
        expect_refused("/JM/productOrder", &without(&jm, &pointer), &field).await;
        expect_refused("/JM/productOrder", &blank(&jm, &pointer), &field).await;
    }
    for name in [
        "exchangeId_TP",
        "numberAreaCode_TP",
        "exchangeId_DS",
        "numberAreaCode_DS",
        "exchangeId_TI",
        "numberAreaCode_TI",
        "exchangeId_MO",
        "numberAreaCode_MO",
        "cisEmpId",
    ] {
        let pointer = format!("/orderCharacteristics/{name}");
        let field = format!("orderCharacteristics.{name}");
        expect_refused("/PA/productOrder", &without(&pa, &pointer), &field).await;
    }
    for name in [
        "addrType",
        "addrLine1",
        "addrLine2",
        "addrLine3",
        "addrLine4",
        "addrLine5",
    ] {
        let pointer = format!("/serviceAddress/{name}");
        let field = format!("serviceAddress.{name}");
        expect_refused("/JM/productOrder", &without(&jm, &pointer), &field).await;
        expect_refused("/PA/productOrder", &without(&pa, &pointer), &field).await;
    }
    expect_refused(
        "/JM/productOrder",
        &without(&jm, "/serviceAddress"),
        "serviceAddress",
    )
    .await;
    expect_refused(
        "/PA/productOrder",
        &without(&pa, "/orderCharacteristics"),
        "orderCharacteristics",
    )
    .await;

    // The billing account: required, opened here, for this market.
    expect_refused(
        "/JM/productOrder",
        &without(&jm, "/billingAccount"),
        "billingAccount.id",
    )
    .await;
    let mut unknown = jm.clone();
    unknown["billingAccount"]["id"] = json!("100015879999");
    expect_refused("/JM/productOrder", &unknown, "billingAccount.id").await;
    let mut other_market = jm.clone();
    other_market["billingAccount"]["id"] = json!(pa_account);
    expect_refused("/JM/productOrder", &other_market, "billingAccount.id").await;
    // Accounts belong to the client, not to the session that opened them.
    let other_session = Api::login(api.base.clone()).await;
    let r = other_session
        .product_order("/JM/productOrder", None, &jm)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // Exactly one line, a bundle of the market; Cerillion with its discount group.
    let mut two = jm.clone();
    let line = two["productOrderItem"][0].clone();
    two["productOrderItem"].as_array_mut().unwrap().push(line);
    expect_refused("/JM/productOrder", &two, "productOrderItem").await;
    let mut foreign = jm.clone();
    foreign["productOrderItem"][0]["id"] = json!("2P600LF");
    expect_refused("/JM/productOrder", &foreign, "productOrderItem.id").await;
    let mut unknown_bundle = pa.clone();
    unknown_bundle["productOrderItem"][0]["id"] = json!("R6430");
    expect_refused("/PA/productOrder", &unknown_bundle, "productOrderItem.id").await;
    expect_refused(
        "/JM/productOrder",
        &without(&jm, "/productOrderItem/0/product/productCharacteristic"),
        "discountGroupCode",
    )
    .await;

    assert_eq!(sb.product_orders_created(), 1);
    let r = api.product_order("/JM/productOrder", None, &jm).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = api.product_order("/PA/productOrder", None, &pa).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(sb.product_orders_created(), 3);
}

/// The JM body the proxy composes for the Liberate bundle on `account`.
async fn jm_order(api: &Api, account: &str) -> Value {
    let order = compose_market_order(
        &bundle(api, "JM", "609002_RES").await,
        &market_address(api, KINGSTON).await,
        &jm_store(),
        &staff(api, "JM").await,
        account,
    )
    .unwrap();
    serde_json::to_value(&order).unwrap()
}

/// `GET /{business}/productOrder?billingAccount.id={account}`: 200 and the list.
async fn orders_on(api: &Api, business: &str, account: &str) -> Vec<Value> {
    let list = api
        .ok(
            Method::GET,
            &format!("/{business}/productOrder?billingAccount.id={account}"),
            None,
        )
        .await;
    serde_json::from_value(list).unwrap()
}

/// A JM or PA body carries no `externalId` to retry with, so when its answer is lost the proxy
/// asks for the orders on the billing account it opened for the attempt: the answers
/// productOrder gave, newest first, of this market only.
#[tokio::test]
async fn orders_are_listed_by_billing_account_in_their_market_newest_first() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let account = open_account(&api, "JM").await;
    let other_account = open_account(&api, "JM").await;
    let pa_account = open_account(&api, "PA").await;

    let r = api
        .product_order("/JM/productOrder", None, &jm_order(&api, &account).await)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = r.body;
    assert_eq!(first["id"], "DJ0001H");
    assert_eq!(orders_on(&api, "JM", &account).await, vec![first.clone()]);
    assert_eq!(
        orders_on(&api, "JM", &other_account).await,
        Vec::<Value>::new()
    );

    let pa = compose_market_order(
        &bundle(&api, "PA", "2P600LF").await,
        &market_address(&api, SAN_LORENZO).await,
        &pa_store(),
        &staff(&api, "PA").await,
        &pa_account,
    )
    .unwrap();
    let r = api
        .product_order(
            "/PA/productOrder",
            None,
            &serde_json::to_value(&pa).unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let pa_answer = r.body;
    // Each market lists its own orders only.
    assert_eq!(
        orders_on(&api, "JM", &pa_account).await,
        Vec::<Value>::new()
    );
    assert_eq!(orders_on(&api, "PA", &pa_account).await, vec![pa_answer]);
    assert_eq!(orders_on(&api, "PA", &account).await, Vec::<Value>::new());

    // A second order on the same account comes first.
    let r = api
        .product_order("/JM/productOrder", None, &jm_order(&api, &account).await)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let second = r.body;
    assert_eq!(second["id"], "DJ0003H");
    let newest_first = vec![second, first];
    assert_eq!(orders_on(&api, "JM", &account).await, newest_first);

    // The filter is required; the market must exist; the session headers are checked.
    for path in ["/JM/productOrder", "/JM/productOrder?billingAccount.id=%20"] {
        let r = api.call(Method::GET, path, None).await;
        refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
        assert_eq!(r.body["clientCode"], "CHTR-4000");
        let message = r.body["message"].as_str().unwrap();
        assert!(message.contains("billingAccount.id"), "{path}: {message}");
    }
    refused(
        &api.call(
            Method::GET,
            &format!("/XX/productOrder?billingAccount.id={account}"),
            None,
        )
        .await,
        StatusCode::NOT_FOUND,
        "BUSINESS_UNKNOWN",
    );
    let r = Api::send(
        api.c
            .get(format!(
                "{}/JM/productOrder?billingAccount.id={account}",
                api.base
            ))
            .bearer_auth(&api.token),
    )
    .await;
    refused(&r, StatusCode::UNAUTHORIZED, "TECHMSG-0002");

    // Listing creates nothing.
    assert_eq!(sb.product_orders_created(), 3);
    assert_eq!(orders_on(&api, "JM", &account).await, newest_first);
}

fn temp_db() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sbx-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("sandbox.sqlite")
}

/// Another client of the same back office never sees this client's orders. The sandbox knows
/// one client-id per process, so the second client is a second sandbox, configured with its
/// own client-id, on the same database file.
#[tokio::test]
async fn another_clients_orders_are_not_listed() {
    const OTHER: &str = "kiosk-other";
    let db = temp_db();
    let api = Api::start(Sandbox::open(config(), &db).await.unwrap()).await;
    let account = open_account(&api, "JM").await;
    let r = api
        .product_order("/JM/productOrder", None, &jm_order(&api, &account).await)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(orders_on(&api, "JM", &account).await, vec![r.body]);

    let other = Sandbox::open(
        Config {
            client_id: OTHER.into(),
            ..config()
        },
        &db,
    )
    .await
    .unwrap();
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    tokio::spawn(checkout_sandbox::serve(l, other));
    let c = reqwest::Client::new();
    let token: Value = c
        .post(format!("{base}/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", OTHER),
            ("client_secret", Config::default().client_secret.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();
    let res = c
        .post(format!("{base}/session"))
        .bearer_auth(&token)
        .header("client-id", OTHER)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let session = res.headers()["session-id"].to_str().unwrap().to_owned();
    let r = Api::send(
        c.get(format!(
            "{base}/JM/productOrder?billingAccount.id={account}"
        ))
        .bearer_auth(&token)
        .header("client-id", OTHER)
        .header("session-id", session)
        .header("correlationId", CORRELATION),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body, json!([]));
}
