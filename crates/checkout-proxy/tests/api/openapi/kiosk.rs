//! The kiosk's operations of the document (docs/kiosk.md) against the running proxy: each
//! answered as documented for an enrolled kiosk, and each refusal a client without a device
//! cookie meets (what `scripts/schemathesis` sends) documented too.

use super::{check, documented_operations, documented_success, is_kiosk, resolve, served_document};
use crate::support::{self, spawn_app};
use checkout_core::catalog::PackageKind;
use checkout_core::kiosk::path as kiosk_path;
use checkout_core::wire::{API_PREFIX, CSRF_HEADER, CSRF_VALUE, IDEMPOTENCY_KEY_HEADER};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Each kiosk operation, called by an enrolled kiosk as its page calls it: a JM kiosk from the
/// employee's sign-in through an order to the reset, a PR kiosk's hand-off. Each answers a
/// documented success with its documented headers and a body its documented schema allows.
#[tokio::test]
async fn every_documented_kiosk_operation_is_answered() {
    use crate::kiosk::{JM, PR};
    let app = crate::kiosk::spawn().await;
    let doc = served_document(&app.browser()).await;
    let jm = app.kiosk(&JM).await;
    let pr = app.kiosk(&PR).await;
    assert_eq!(pr.check("1 Calle Sol, San Juan").await.status(), 200);
    pr.hold(&support::choices_for(
        &pr.offers().await,
        PackageKind::Internet,
    ))
    .await;
    let p = |s: &str| format!("{API_PREFIX}{s}");
    let walk = [
        ("get", p(kiosk_path::KIOSK)),
        ("post", p(kiosk_path::STAFF)),
        ("post", p(kiosk_path::HELP)),
        ("delete", p(kiosk_path::HELP)),
        ("get", p(kiosk_path::BUNDLES)),
        ("post", p(kiosk_path::ORDER)),
        ("delete", p(kiosk_path::STAFF)),
        ("post", p(kiosk_path::RESET)),
        ("post", p(kiosk_path::HANDOFF)),
    ];
    let called: BTreeSet<_> = walk.iter().map(|(m, p)| (*m, p.clone())).collect();
    assert_eq!(
        called,
        documented_operations(&doc, is_kiosk),
        "every documented kiosk operation is called below"
    );

    for (method, path) in &walk {
        let op = &doc["paths"][path.as_str()][*method];
        let url = format!("{}{path}", app.base);
        let step = path.trim_start_matches(API_PREFIX);
        let res = match (*method, step) {
            ("get", kiosk_path::BUNDLES) => {
                // The bundles of the address the customer checks first.
                assert_eq!(jm.get(path).await.status(), 401, "no address checked yet");
                let at = jm
                    .check("Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica")
                    .await;
                assert_eq!(at.status(), 200);
                jm.get(path).await
            }
            ("get", _) => jm.get(path).await,
            ("post", kiosk_path::STAFF) => {
                jm.command(path, json!({"employeeId": "99999", "pin": "2468"}))
                    .await
            }
            ("post", kiosk_path::ORDER) => jm
                .client
                .post(&url)
                .header(CSRF_HEADER, CSRF_VALUE)
                .header(IDEMPOTENCY_KEY_HEADER, "openapi-kiosk-walk")
                .json(&json!({"bundle": "609002_RES", "name": "Ana Ruiz",
                              "email": "ana@example.jm", "phone": "876 555 0123"}))
                .send()
                .await
                .unwrap(),
            ("post", kiosk_path::HANDOFF) => pr.command(path, json!({})).await,
            ("post", _) => jm.command(path, json!({})).await,
            _ => jm
                .client
                .delete(&url)
                .header(CSRF_HEADER, CSRF_VALUE)
                .send()
                .await
                .unwrap(),
        };
        let (response, text) = documented_success(&doc, op, method, path, res).await;
        conforms_to(&doc, response, path, &text);
    }
    assert_eq!(app.sandbox.product_orders_created(), 1);
}

/// What `scripts/schemathesis` meets: a proxy with no kiosk enrolled and a client with no
/// device cookie. Every kiosk operation refuses it with a 403 it documents, whether or not the
/// CSRF header is there, with a code the response names.
#[tokio::test]
async fn every_kiosk_operation_refuses_a_plain_browser_as_documented() {
    let app = spawn_app().await;
    let doc = served_document(&app).await;
    let ops = documented_operations(&doc, is_kiosk);
    assert!(!ops.is_empty());
    for (method, path) in ops {
        let op = &doc["paths"][path.as_str()][method];
        for csrf in [true, false] {
            let mut req = app
                .client
                .request(
                    method.to_uppercase().parse().unwrap(),
                    format!("{}{path}", app.base),
                )
                .header(IDEMPOTENCY_KEY_HEADER, "plain-browser");
            if csrf {
                req = req.header(CSRF_HEADER, CSRF_VALUE);
            }
            if method == "post" {
                req = req.json(&json!({}));
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 403, "{method} {path} (csrf: {csrf})");
            assert_eq!(res.headers()["content-type"], "application/problem+json");
            let body: Value = res.json().await.unwrap();
            let response = resolve(&doc, &op["responses"]["403"]);
            let schema = &response["content"]["application/problem+json"]["schema"];
            if let Err(why) = check(&doc, schema, &body, &path) {
                panic!("{method} {path} (csrf: {csrf}): {why}\nin {body}");
            }
            // With the header, the missing device is what is refused; without, either may be.
            let allowed: &[&str] = if csrf {
                &["kiosk_only"]
            } else {
                &["kiosk_only", "csrf_rejected"]
            };
            assert!(
                allowed.contains(&body["code"].as_str().unwrap()),
                "{method} {path} (csrf: {csrf}): {body}"
            );
        }
    }
}

/// Assert that a body is the documented response's JSON (or, documented without content,
/// that there is none).
fn conforms_to(doc: &Value, response: &Value, path: &str, text: &str) {
    let schema = &response["content"]["application/json"]["schema"];
    if schema.is_null() {
        assert!(text.is_empty(), "{path}: {text}");
        return;
    }
    let answer: Value = serde_json::from_str(text).unwrap();
    if let Err(why) = check(doc, schema, &answer, path) {
        panic!("{why}\nin {answer}");
    }
}
