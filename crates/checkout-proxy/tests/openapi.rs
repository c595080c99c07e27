//! The served OpenAPI document against the code: it parses, it names exactly the wire values
//! `checkout-core` serialises (error codes, recoveries, eligibility answers, CSRF header,
//! address length), and every operation it lists is answered by the running proxy.
#![allow(clippy::unwrap_used)] // test set-up: a failure should panic loudly

#[path = "support/spawn.rs"]
mod support;

use checkout_core::address::MAX_ADDRESS_CHARS;
use checkout_core::problem::{ErrorCode, Recovery};
use checkout_core::wire::{
    API_PREFIX, Alternative, CSRF_HEADER, CSRF_VALUE, Eligibility, NotServedBecause,
};
use checkout_core::{Market, Technology};
use serde_json::Value;
use std::collections::BTreeSet;
use support::{TestApp, spawn_app};

const DOC_PATH: &str = "/api/v1/openapi.json";

async fn served_document(app: &TestApp) -> Value {
    let res = app
        .client
        .get(format!("{}{DOC_PATH}", app.base))
        .send()
        .await
        .unwrap();
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
    let eligibility = format!("{API_PREFIX}/eligibility");
    let expected: BTreeSet<&str> = [
        eligibility.as_str(),
        "/healthz",
        "/readyz",
        "/metrics",
        DOC_PATH,
    ]
    .into();
    assert_eq!(paths, expected);
}

#[tokio::test]
async fn every_documented_operation_is_answered() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let documented: BTreeSet<u16> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|s| s.parse().unwrap())
                .collect();
            let status = match method.as_str() {
                "get" => {
                    let url = format!("{}{path}", app.base);
                    app.client.get(url).send().await.unwrap().status()
                }
                "post" => app.check("1 Calle Sol, San Juan").await.status(),
                other => panic!("undocumented method {other}"),
            };
            assert!(
                documented.contains(&status.as_u16()),
                "{method} {path} answered {status}, documented {documented:?}"
            );
            assert!(status.is_success(), "{method} {path} answered {status}");
        }
    }
    assert_eq!(app.sandbox.serviceability_calls(), 1);
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

/// Check one serialised answer against its (flat, enum-valued) schema: exactly the listed
/// properties, all required, each string one of its enum, each boolean a boolean.
fn conforms(doc: &Value, schema_name: &str, answer: &Value) {
    let s = schema(doc, schema_name);
    let props = s["properties"].as_object().unwrap();
    let fields = answer.as_object().unwrap();
    let keys: BTreeSet<&String> = fields.keys().collect();
    assert_eq!(keys, props.keys().collect(), "{answer}");
    assert_eq!(
        strings(&s["required"]),
        props.keys().cloned().collect(),
        "{schema_name}: every field is always sent"
    );
    for (k, v) in fields {
        match props[k]["type"].as_str().unwrap() {
            "string" => assert!(
                strings(&props[k]["enum"]).contains(v.as_str().unwrap()),
                "{schema_name}.{k} = {v}"
            ),
            "boolean" => assert!(v.is_boolean()),
            other => panic!("{schema_name}.{k}: unexpected type {other}"),
        }
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
    let op = &doc["paths"][format!("{API_PREFIX}/eligibility")]["post"];
    for (status, response) in op["responses"].as_object().unwrap() {
        let status: u16 = status.parse().unwrap();
        if status < 400 || status == 413 || status == 415 {
            continue;
        }
        let name = response["$ref"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap();
        let r = &doc["components"]["responses"][name];
        let narrowed = &r["content"]["application/problem+json"]["schema"]["allOf"][1];
        for code in strings(&narrowed["properties"]["code"]["enum"]) {
            let code: ErrorCode = serde_json::from_value(Value::String(code)).unwrap();
            assert_eq!(code.status(), status, "{code:?} documented under {status}");
        }
    }
}
