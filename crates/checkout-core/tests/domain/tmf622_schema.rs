//! The seed's request examples, and what our builders write, against TMF622 v4
//! `ProductOrder_Create` (required fields, types, enums). Skips with a message when the spec
//! file is not next to the workspace.

use crate::tmf622_checker as tmf622_schema;

use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const REQUESTS: [&str; 6] = [
    "pr_self_install_request.json",
    "pr_technician_visit_request.json",
    "pr_technician_unscheduled_request.json",
    "jm_liberate_request.json",
    "jm_cerillion_request.json",
    "pa_request.json",
];

#[test]
fn seed_requests_follow_product_order_create() {
    let Some(defs) = tmf622_schema::definitions() else {
        return;
    };
    assert_eq!(
        defs["ProductOrder_Create"]["required"],
        serde_json::json!(["productOrderItem"])
    );
    for name in REQUESTS {
        let errors = tmf622_schema::validate(&defs, "ProductOrder_Create", &fixture(name));
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_checker_catches_a_broken_body() {
    let Some(defs) = tmf622_schema::definitions() else {
        return;
    };
    let mut body = fixture("pr_technician_visit_request.json");
    body["productOrderItem"][0]["action"] = Value::from("install");
    body["productOrderItem"][1]["quantity"] = Value::from("1");
    body["note"][0].as_object_mut().unwrap().remove("text");
    let errors = tmf622_schema::validate(&defs, "ProductOrder_Create", &body);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let no_items = serde_json::json!({"category": "RES"});
    assert!(!tmf622_schema::validate(&defs, "ProductOrder_Create", &no_items).is_empty());
}
