//! The served OpenAPI document against the code: it parses, it names exactly the wire values
//! `checkout-core` serialises (error codes, recoveries, eligibility answers, offers and held
//! carts taken from real calls through the sandbox, CSRF header, address length), and every
//! operation it lists is answered by the running proxy (the kiosk's, by an enrolled kiosk:
//! `openapi/kiosk.rs`).

mod kiosk;

use crate::support;

use checkout_core::address::MAX_ADDRESS_CHARS;
use checkout_core::cart::Cart;
use checkout_core::catalog::{
    InstallCharge, Line, LineKind, MAX_CODE_CHARS, PackageKind, ProductCode, ProductKind,
    ServiceType, TvTier,
};
use checkout_core::deadlines::{Hold, HoldKind};
use checkout_core::kiosk::path as kiosk_path;
use checkout_core::problem::{ErrorCode, Recovery};
use checkout_core::wire::{
    API_PREFIX, Alternative, CSRF_HEADER, CSRF_VALUE, CartChoices, CartState, Eligibility,
    IDEMPOTENCY_KEY_HEADER, NotServedBecause, SERVER_TIME_HEADER,
};
use checkout_core::{Market, Technology, UtcMillis};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use support::{TestApp, spawn_app};

const DOC_PATH: &str = "/api/v1/openapi.json";

async fn served_document(app: &TestApp) -> Value {
    let res = app.get(DOC_PATH).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    serde_json::from_str(&res.text().await.unwrap()).unwrap()
}

/// A schema, following one local `$ref`.
fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    let s = &doc["components"]["schemas"][name];
    assert!(s.is_object(), "no schema {name}");
    s
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

fn wire_name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_served_document_is_openapi_3_and_lists_every_route() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.0."));
    let paths: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let api = [
        "eligibility",
        "offers",
        "cart",
        "cart/extend",
        "identity/otp",
        "identity/verify",
        "credit",
        "installation",
        "terms",
        "numbers/search",
        "numbers/reserve",
        "slots/search",
        "slots/choose",
        "quote",
        "review",
        "order",
        "checkout",
    ]
    .map(|p| format!("{API_PREFIX}/{p}"));
    let kiosk = [
        kiosk_path::KIOSK,
        kiosk_path::STAFF,
        kiosk_path::HELP,
        kiosk_path::RESET,
        kiosk_path::HANDOFF,
        kiosk_path::BUNDLES,
        kiosk_path::ORDER,
    ]
    .map(|p| format!("{API_PREFIX}{p}"));
    let expected: BTreeSet<&str> = api
        .iter()
        .chain(&kiosk)
        .map(String::as_str)
        .chain(["/healthz", "/readyz", "/metrics", DOC_PATH])
        .collect();
    assert_eq!(paths, expected);
}

/// A session that has passed the address step, and choices the rules accept for it.
async fn eligible_session(app: &TestApp) -> CartChoices {
    assert_eq!(app.check("1 Calle Sol, San Juan").await.status(), 200);
    support::choices_for(&app.offers().await, PackageKind::Internet)
}

/// Each operation is called the way the app calls it, in the app's order (a cart is held
/// before it is read or extended, and so on through the order), and answers a documented
/// success with its documented headers and, for the later steps, a body its schema allows.
#[tokio::test]
async fn every_documented_operation_is_answered() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    assert_eq!(app.check("1 Calle Sol, San Juan").await.status(), 200);
    let offers = app.offers().await;
    // Internet + Phone with a technician: every step of the flow has something to do.
    let choices = support::choices_for(&offers, PackageKind::InternetTelephone);
    let p = |s: &str| format!("{API_PREFIX}/{s}");
    let order = [
        ("post", p("eligibility"), None),
        ("get", p("offers"), None),
        ("post", p("cart"), None),
        ("get", p("cart"), None),
        ("post", p("cart/extend"), None),
        ("post", p("identity/otp"), Some("OtpSent")),
        ("post", p("identity/verify"), Some("Identified")),
        ("post", p("credit"), Some("CreditOutcome")),
        ("post", p("installation"), Some("Fulfillment")),
        ("post", p("terms"), Some("Fulfillment")),
        ("post", p("numbers/search"), Some("NumberChoices")),
        ("post", p("numbers/reserve"), Some("NumberReserved")),
        ("post", p("slots/search"), Some("SlotSearch")),
        ("post", p("slots/choose"), Some("SlotChosen")),
        ("post", p("quote"), Some("QuoteView")),
        ("get", p("review"), Some("Review")),
        ("post", p("order"), Some("OrderPlaced")),
        ("get", p("order"), Some("OrderStatus")),
        ("get", p("checkout"), Some("CheckoutProgress")),
        ("get", "/healthz".to_owned(), None),
        ("get", "/readyz".to_owned(), None),
        ("get", "/metrics".to_owned(), None),
        ("get", DOC_PATH.to_owned(), None),
    ];
    let documented_ops = documented_operations(&doc, |path| !is_kiosk(path));
    let called: BTreeSet<_> = order.iter().map(|(m, p, _)| (*m, p.clone())).collect();
    assert_eq!(
        called, documented_ops,
        "every documented operation but the kiosk's is called below"
    );

    let mut answers: std::collections::HashMap<String, Value> = Default::default();
    for (method, path, schema_name) in &order {
        let op = &doc["paths"][path.as_str()][*method];
        let step = path.trim_start_matches(API_PREFIX).trim_start_matches('/');
        let res = match (*method, step) {
            ("post", "eligibility") => app.check("1 Calle Sol, San Juan").await,
            ("post", "order") => {
                let at = answers["slots/choose"]["appointment"]["at"].clone();
                app.client
                    .post(format!("{}{path}", app.base))
                    .header(CSRF_HEADER, CSRF_VALUE)
                    .header(IDEMPOTENCY_KEY_HEADER, "openapi-walk")
                    .json(&json!({
                        "installation": {"kind": "technician_visit",
                                         "appointment": {"kind": "slot", "at": at}},
                        "contact": {"name": "Ana Ruiz", "email": "ana@example.pr",
                                    "phone": "787 555 0123"},
                    }))
                    .send()
                    .await
                    .unwrap()
            }
            ("post", _) => {
                let body = match step {
                    "cart" => json!(choices),
                    "identity/otp" => json!({"contact": "existing@example.pr"}),
                    "identity/verify" => json!({"otp": "123456"}),
                    "credit" => {
                        json!({"name": "Ana Ruiz", "dateOfBirth": "1980-02-28", "last4Ssn": "1234"})
                    }
                    "installation" => json!({"kind": "technician_visit"}),
                    "terms" => {
                        let terms = answers["installation"]["requiredTerms"].as_array().unwrap();
                        json!({"accepted": terms.iter()
                            .map(|t| json!({"id": t["id"], "version": t["version"]}))
                            .collect::<Vec<_>>()})
                    }
                    "numbers/reserve" => {
                        json!({"number": answers["numbers/search"]["numbers"][0]})
                    }
                    "slots/choose" => {
                        json!({"choice": "slot", "id": answers["slots/search"]["slots"][0]["id"]})
                    }
                    _ => json!({}),
                };
                app.command(path, body).await
            }
            _ => app.get(path).await,
        };
        let (_, text) = documented_success(&doc, op, method, path, res).await;
        if let Some(schema_name) = schema_name {
            let answer: Value = serde_json::from_str(&text).unwrap();
            conforms(&doc, schema_name, &answer);
            answers.insert(step.to_owned(), answer);
        }
    }
    assert_eq!(app.sandbox.serviceability_calls(), 2);
    assert_eq!(app.sandbox.product_orders_created(), 1);
    assert_eq!(answers["order"]["status"], "placed");
}

/// Kiosk mode's operations (docs/kiosk.md): only an enrolled kiosk gets past their first
/// extractor, so `kiosk.rs` walks them with one.
fn is_kiosk(path: &str) -> bool {
    path.starts_with(&format!("{API_PREFIX}{}", kiosk_path::KIOSK))
}

/// Every (method, path) the document lists whose path `keep` keeps.
fn documented_operations(doc: &Value, keep: impl Fn(&str) -> bool) -> BTreeSet<(&str, String)> {
    let mut ops = BTreeSet::new();
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for method in methods.as_object().unwrap().keys() {
            if keep(path) {
                ops.insert((method.as_str(), path.clone()));
            }
        }
    }
    ops
}

/// Assert that `res` is a success `op` documents, with every header it requires; the
/// documented response and the body.
async fn documented_success<'a>(
    doc: &'a Value,
    op: &'a Value,
    method: &str,
    path: &str,
    res: reqwest::Response,
) -> (&'a Value, String) {
    let status = res.status();
    let documented = &op["responses"][status.as_str()];
    assert!(
        documented.is_object(),
        "{method} {path} answered {status}, which it does not document"
    );
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    assert!(
        status.is_success(),
        "{method} {path} answered {status}: {text}"
    );
    let response = resolve(doc, documented);
    for (name, header) in response["headers"].as_object().into_iter().flatten() {
        if resolve(doc, header)["required"] == true {
            assert!(
                headers.contains_key(name.as_str()),
                "{method} {path}: no {name}"
            );
        }
    }
    (response, text)
}

#[tokio::test]
async fn problem_code_enum_is_exactly_every_error_code() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    let documented = strings(&schema(&doc, "Problem")["properties"]["code"]["enum"]);
    let in_core: BTreeSet<String> = ErrorCode::ALL.into_iter().map(wire_name).collect();
    assert_eq!(documented, in_core);
    // Each documented name is a code serde accepts, and writes back the same way.
    for name in &documented {
        let code: ErrorCode = serde_json::from_value(Value::String(name.clone())).unwrap();
        assert_eq!(&wire_name(code), name);
    }
}

#[tokio::test]
async fn problem_recovery_enum_is_exactly_every_recovery() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    let documented = strings(&schema(&doc, "Problem")["properties"]["recovery"]["enum"]);
    // `Recovery` has no list of its variants: this one is checked both ways below.
    let all = [
        Recovery::FixInput,
        Recovery::Retry,
        Recovery::CallUs,
        Recovery::RedoFromQuote,
        Recovery::PickAnotherSlot,
        Recovery::ContinueUnscheduled,
        Recovery::StartAgain,
        Recovery::Continue,
        Recovery::WaitForConfirmation,
    ];
    let in_core: BTreeSet<String> = all.into_iter().map(wire_name).collect();
    assert_eq!(documented, in_core);
    for code in ErrorCode::ALL {
        assert!(documented.contains(&wire_name(code.recovery())), "{code:?}");
    }
    for name in &documented {
        let r: Recovery = serde_json::from_value(Value::String(name.clone())).unwrap();
        assert_eq!(&wire_name(r), name);
    }
}

/// Follow a local `$ref` (`#/components/…`), if the value is one.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str() {
        Some(r) => {
            let pointer = r.strip_prefix('#').unwrap();
            resolve(
                doc,
                doc.pointer(pointer).unwrap_or_else(|| panic!("no {r}")),
            )
        }
        None => v,
    }
}

/// Check one serialised value against a schema of the document: the OpenAPI 3.0 subset the
/// document uses (`$ref`, `allOf`, `oneOf`, `nullable`, `type`, `enum`, `required`,
/// `properties`, `additionalProperties: false`, string lengths and patterns, `minItems`,
/// `items`). Returns why it does not conform.
fn check(doc: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    let s = resolve(doc, schema);
    if v.is_null() {
        return if s["nullable"] == true {
            Ok(())
        } else {
            Err(format!("{at}: null where not nullable"))
        };
    }
    for part in s["allOf"].as_array().into_iter().flatten() {
        check(doc, part, v, at)?;
    }
    if let Some(choices) = s["oneOf"].as_array() {
        let fits = choices
            .iter()
            .filter(|c| check(doc, c, v, at).is_ok())
            .count();
        if fits != 1 {
            return Err(format!("{at}: {v} fits {fits} of oneOf, not exactly one"));
        }
    }
    if let Some(allowed) = s["enum"].as_array()
        && !allowed.contains(v)
    {
        return Err(format!("{at}: {v} not in {allowed:?}"));
    }
    let typed = match s["type"].as_str() {
        None => true,
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("boolean") => v.is_boolean(),
        Some(other) => return Err(format!("{at}: unchecked type {other}")),
    };
    if !typed {
        return Err(format!("{at}: {v} is not {}", s["type"]));
    }
    if let Some(text) = v.as_str() {
        let n = text.chars().count() as u64;
        if s["minLength"].as_u64().is_some_and(|min| n < min)
            || s["maxLength"].as_u64().is_some_and(|max| n > max)
        {
            return Err(format!("{at}: {v} has the wrong length"));
        }
        if let Some(p) = s["pattern"].as_str()
            && !regex::Regex::new(p).unwrap().is_match(text)
        {
            return Err(format!("{at}: {v} does not match {p}"));
        }
    }
    if let Some(items) = v.as_array() {
        if s["minItems"]
            .as_u64()
            .is_some_and(|min| (items.len() as u64) < min)
        {
            return Err(format!("{at}: too few items"));
        }
        for (i, item) in items.iter().enumerate() {
            check(doc, &s["items"], item, &format!("{at}[{i}]"))?;
        }
    }
    if let Some(fields) = v.as_object() {
        let props = s["properties"].as_object();
        for required in s["required"].as_array().into_iter().flatten() {
            if !fields.contains_key(required.as_str().unwrap()) {
                return Err(format!("{at}: {required} missing"));
            }
        }
        for (k, field) in fields {
            match props.and_then(|p| p.get(k)) {
                Some(p) => check(doc, p, field, &format!("{at}.{k}"))?,
                None if s["additionalProperties"] == false => {
                    return Err(format!("{at}: {k} is not documented"));
                }
                None => {}
            }
        }
    }
    Ok(())
}

/// Assert that an answer conforms to the named schema.
fn conforms(doc: &Value, schema_name: &str, answer: &Value) {
    let target = json!({ "$ref": format!("#/components/schemas/{schema_name}") });
    if let Err(why) = check(doc, &target, answer, schema_name) {
        panic!("{why}\nin {answer}");
    }
}

#[tokio::test]
async fn every_eligibility_answer_matches_its_schema() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    let mapping = &schema(&doc, "Eligibility")["discriminator"]["mapping"];
    let mut answers = Vec::new();
    for technology in [Technology::Ftth, Technology::Coax] {
        for market in [Market::PuertoRico, Market::Jamaica, Market::Panama] {
            for existing_customer in [false, true] {
                answers.push(Eligibility::Serviceable {
                    technology,
                    market,
                    existing_customer,
                });
            }
        }
    }
    for because in [
        NotServedBecause::NoNetworkAtAddress,
        NotServedBecause::NetworkNotYetBuilt,
    ] {
        for alternative in [Alternative::NotifyWhenAvailable, Alternative::ContactUs] {
            answers.push(Eligibility::NotServiceable {
                because,
                alternative,
            });
        }
    }
    for answer in answers {
        let json = serde_json::to_value(&answer).unwrap();
        let target = mapping[json["status"].as_str().unwrap()].as_str().unwrap();
        let name = target.rsplit('/').next().unwrap();
        conforms(&doc, name, &json);
        let s = schema(&doc, name);
        assert_eq!(
            strings(&s["required"]),
            s["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect(),
            "{name}: every field is always sent"
        );
    }
}

/// Offers and held carts exactly as the proxy answers them, from real calls through the
/// sandbox: the catalogue, a fresh hold, the same hold read back, extended, and lapsed.
#[tokio::test]
async fn offers_and_held_carts_match_their_schemas() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    let choices = eligible_session(&app).await;
    let offers: Value = app
        .get(&format!("{API_PREFIX}/offers"))
        .await
        .json()
        .await
        .unwrap();
    conforms(&doc, "Offers", &offers);
    assert!(!offers["packages"].as_array().unwrap().is_empty());
    assert!(!offers["addOns"].as_array().unwrap().is_empty());

    let cart_path = format!("{API_PREFIX}/cart");
    let mut answers = vec![app.command(&cart_path, json!(choices)).await];
    let read = || async { app.get(&cart_path).await };
    answers.push(read().await);
    answers.push(app.command(&format!("{cart_path}/extend"), json!({})).await);
    app.sandbox.advance_clock(chrono::TimeDelta::minutes(30));
    answers.push(read().await);
    for res in answers {
        assert_eq!(res.status(), 200);
        let header: i64 = res.headers()[SERVER_TIME_HEADER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let state: Value = res.json().await.unwrap();
        conforms(&doc, "CartState", &state);
        assert_eq!(state["serverTime"], header);
        // The typed reading agrees (it re-checks every rule).
        serde_json::from_value::<CartState>(state).unwrap();
    }
}

/// The shapes a real catalogue may not happen to contain: every line kind, an empty cart,
/// every kind of hold.
#[tokio::test]
async fn every_line_kind_empty_cart_and_hold_kind_match_their_schemas() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    let code = |c: &str| ProductCode::new(c).unwrap();
    let mut kinds = vec![
        LineKind::TvPremium,
        LineKind::TvUPick,
        LineKind::TvUltimate,
        LineKind::SmartProtect,
        LineKind::ExtraStb,
        LineKind::StbInstallCharge,
        LineKind::Ndvr,
        LineKind::CallType,
    ];
    kinds.extend([TvTier::Premium, TvTier::UPick, TvTier::Ultimate].map(LineKind::StbActivation));
    kinds.extend(
        [
            ProductKind::Internet,
            ProductKind::Tv,
            ProductKind::Telephone,
        ]
        .map(LineKind::Other),
    );
    for kind in kinds {
        for service_type in [None, Some(ServiceType::Video)] {
            let line = Line::new(code("RZ020"), kind, service_type).unwrap();
            conforms(&doc, "Line", &serde_json::to_value(line).unwrap());
        }
    }
    let mut fixed = vec![Line::paper_bill()];
    fixed.extend(
        [
            InstallCharge::SelfInstall,
            InstallCharge::SelfInstallSameDay,
            InstallCharge::SelfInstallNextDay,
            InstallCharge::TechnicianVisit,
        ]
        .map(Line::install_charge),
    );
    for line in fixed {
        conforms(&doc, "Line", &serde_json::to_value(line).unwrap());
    }
    let longest = "A".repeat(MAX_CODE_CHARS);
    assert_eq!(schema(&doc, "ProductCode")["maxLength"], MAX_CODE_CHARS);
    conforms(&doc, "ProductCode", &json!(longest));

    for technology in [Technology::Ftth, Technology::Coax] {
        let empty = serde_json::to_value(Cart::new(technology)).unwrap();
        conforms(&doc, "Cart", &empty);
    }
    for kind in [
        HoldKind::Cart,
        HoldKind::NumberReservation,
        HoldKind::Slot,
        HoldKind::Quote,
    ] {
        let hold = Hold {
            kind,
            upstream_expires_at: UtcMillis(1_764_000_000_000),
            act_by: UtcMillis(1_763_999_990_000),
        };
        conforms(&doc, "Hold", &serde_json::to_value(hold).unwrap());
    }
}

#[tokio::test]
async fn request_rules_match_the_core() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    let op = &doc["paths"][format!("{API_PREFIX}/eligibility")]["post"];
    let csrf = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["in"] == "header")
        .unwrap();
    assert_eq!(csrf["name"], CSRF_HEADER);
    assert_eq!(csrf["required"], true);
    assert_eq!(
        strings(&csrf["schema"]["enum"]),
        [CSRF_VALUE.to_owned()].into()
    );
    // Every state-changing call documents the same CSRF header.
    for (path, ops) in doc["paths"].as_object().unwrap() {
        if let Some(post) = ops.get("post") {
            let params = post["parameters"].as_array().unwrap();
            let header = params
                .iter()
                .map(|p| resolve(&doc, p))
                .find(|p| p["in"] == "header")
                .unwrap_or_else(|| panic!("POST {path} documents no CSRF header"));
            assert_eq!(header, csrf, "POST {path}");
        }
    }
    let address = &schema(&doc, "EligibilityRequest")["properties"]["address"];
    assert_eq!(address["maxLength"], MAX_ADDRESS_CHARS);
    assert_eq!(address["minLength"], 1);
}

/// Where a documented error response names its codes, each code's own status is the
/// response's status (413 and 415 are the exceptions: both are `invalid_input`).
#[tokio::test]
async fn documented_error_codes_answer_with_their_documented_status() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        if !path.starts_with(API_PREFIX) {
            continue;
        }
        for (method, op) in ops.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                let status: u16 = status.parse().unwrap();
                if status < 400 || status == 413 || status == 415 {
                    continue;
                }
                let r = resolve(&doc, response);
                let narrowed = &r["content"]["application/problem+json"]["schema"]["allOf"][1];
                for code in strings(&narrowed["properties"]["code"]["enum"]) {
                    let code: ErrorCode = serde_json::from_value(Value::String(code)).unwrap();
                    assert_eq!(
                        code.status(),
                        status,
                        "{method} {path}: {code:?} documented under {status}"
                    );
                }
            }
        }
    }
}
