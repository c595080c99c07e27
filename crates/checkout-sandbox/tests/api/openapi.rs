//! The served OpenAPI document parses and describes only endpoints that exist: every path and
//! method in it answers something other than 404 / 405 when called with valid headers.

use crate::support as api;

use api::{Api, config};
use checkout_sandbox::{Config, Sandbox};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn every_documented_operation_exists() {
    let api = Api::start(Sandbox::new(config())).await;
    let res = api
        .c
        .get(format!("{}/openapi.json", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.0"));
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 25, "{}", paths.len());

    let order = api
        .ok(
            Method::POST,
            "/v1/order/create",
            Some(json!({"streetAddress": "1 Calle Sol", "items": [{"productCode": "R1INT"}]})),
        )
        .await;
    let id = order["id"].as_str().unwrap();
    let mut called = 0;
    for (path, ops) in paths {
        let concrete = path
            .replace("{id}", id)
            .replace("{item}", "1")
            .replace("{businessId}", "PR");
        for method in ops.as_object().unwrap().keys() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let mut req = api
                .request(m.clone(), &concrete)
                .header("client-secret", Config::default().client_secret)
                .header("lob", "FIXED")
                .header("channelId", "ECOM");
            if m != Method::GET {
                req = req.json(&json!({}));
            }
            let status = req.send().await.unwrap().status();
            assert!(
                status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} answered {status}"
            );
            called += 1;
        }
    }
    assert!(called >= 28, "{called}");
}

#[test]
fn embedded_document_is_valid_json_naming_every_seed_path() {
    let doc: Value = serde_json::from_str(checkout_sandbox::OPENAPI).unwrap();
    for p in [
        "/v1/auth-methods",
        "/v1/auth/generateotp",
        "/v1/auth",
        "/v1/customers",
        "/v1/offers",
        "/v1/order/create",
        "/v1/order/{id}/credit.submit",
        "/v1/order/{id}/credit.policy",
        "/v1/order/{id}/fulfillment",
        "/v1/order/{id}/number.available",
        "/v1/order/{id}/number.reserve",
        "/V1/order/{id}/validate",
        "/v1/order/submit",
        "/{businessId}/productOrder",
        "/v1/{businessId}/bundles",
        "/v1/{businessId}/billingAccount",
        "/v1/staff/auth",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p}");
    }
    // productOrder: the seed's POST, and the list by billing account the proxy's kiosk uses.
    let product_order = &doc["paths"]["/{businessId}/productOrder"];
    assert!(product_order.get("post").is_some());
    let list = &product_order["get"];
    assert!(
        list["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "billingAccount.id" && p["in"] == "query"),
        "{list}"
    );
    assert_eq!(
        list["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"],
        "#/components/schemas/ProductOrder"
    );
}
