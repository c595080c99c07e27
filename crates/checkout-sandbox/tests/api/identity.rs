//! Identity over real HTTP: auth methods, OTP (deterministic `123456` in the sandbox), the
//! lockout after three wrong codes (crossed with the clock), and the customer lookup, which
//! never tells a stranger whether an account exists.

use crate::support as api;

use api::{Api, config, refused};
use checkout_sandbox::Sandbox;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[tokio::test]
async fn auth_methods_are_otp_by_sms_and_email() {
    let api = Api::start(Sandbox::new(config())).await;
    let v = api.ok(Method::GET, "/v1/auth-methods", None).await;
    assert_eq!(v["methods"], json!(["OTP_SMS", "OTP_EMAIL"]));
}

#[tokio::test]
async fn known_and_unknown_contacts_get_the_same_answers_until_verified() {
    let api = Api::start(Sandbox::new(config())).await;
    let known = api
        .ok(
            Method::POST,
            "/v1/auth/generateotp",
            Some(json!({"contact": "existing@example.pr"})),
        )
        .await;
    let other = Api::login(api.base.clone()).await;
    let unknown = other
        .ok(
            Method::POST,
            "/v1/auth/generateotp",
            Some(json!({"contact": "nobody@example.pr"})),
        )
        .await;
    assert_eq!(keys(&known), keys(&unknown));
    assert_eq!(known["method"], unknown["method"]);

    // Before a correct code, no lookup at all.
    refused(
        &api.call(Method::GET, "/v1/customers", None).await,
        StatusCode::FORBIDDEN,
        "NOT_AUTHENTICATED",
    );

    let a = api
        .ok(Method::POST, "/v1/auth", Some(json!({"otp": "123456"})))
        .await;
    let b = other
        .ok(Method::POST, "/v1/auth", Some(json!({"otp": "123456"})))
        .await;
    assert_eq!(keys(&a), keys(&b));
    assert_eq!(a["authenticated"], true);

    let found = api.ok(Method::GET, "/v1/customers", None).await;
    assert_eq!(found["customers"].as_array().unwrap().len(), 1);
    assert_eq!(found["customers"][0]["id"], "1901506147568");
    let none = other.ok(Method::GET, "/v1/customers", None).await;
    assert_eq!(none["customers"], json!([]));
}

#[tokio::test]
async fn three_wrong_codes_lock_the_contact_for_fifteen_minutes() {
    let api = Api::start(Sandbox::new(config())).await;
    let ask = json!({"contact": "+1 (787) 555-0100"});
    let sent = api
        .ok(Method::POST, "/v1/auth/generateotp", Some(ask.clone()))
        .await;
    assert_eq!(sent["method"], "OTP_SMS");
    let wrong = json!({"otp": "000000"});
    let r = api
        .call(Method::POST, "/v1/auth", Some(wrong.clone()))
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "OTP_WRONG");
    assert!(r.body["message"].as_str().unwrap().contains("2 attempt"));
    refused(
        &api.call(Method::POST, "/v1/auth", Some(wrong.clone()))
            .await,
        StatusCode::BAD_REQUEST,
        "OTP_WRONG",
    );
    refused(
        &api.call(Method::POST, "/v1/auth", Some(wrong.clone()))
            .await,
        StatusCode::TOO_MANY_REQUESTS,
        "OTP_LOCKED",
    );
    // Locked: even the right code, and even from a new session for the same number.
    refused(
        &api.call(Method::POST, "/v1/auth", Some(json!({"otp": "123456"})))
            .await,
        StatusCode::TOO_MANY_REQUESTS,
        "OTP_LOCKED",
    );
    let other = Api::login(api.base.clone()).await;
    refused(
        &other
            .call(
                Method::POST,
                "/v1/auth/generateotp",
                Some(json!({"contact": "7875550100"})),
            )
            .await,
        StatusCode::TOO_MANY_REQUESTS,
        "OTP_LOCKED",
    );
    api.advance(14 * 60).await;
    refused(
        &api.call(Method::POST, "/v1/auth/generateotp", Some(ask.clone()))
            .await,
        StatusCode::TOO_MANY_REQUESTS,
        "OTP_LOCKED",
    );
    api.advance(61).await;
    api.ok(Method::POST, "/v1/auth/generateotp", Some(ask))
        .await;
    api.ok(Method::POST, "/v1/auth", Some(json!({"otp": "123456"})))
        .await;
    let found = api.ok(Method::GET, "/v1/customers", None).await;
    assert_eq!(
        found["customers"].as_array().unwrap().len(),
        1,
        "7875550100 has an account"
    );
}

#[tokio::test]
async fn otp_expires_and_must_be_requested_first() {
    let api = Api::start(Sandbox::new(config())).await;
    refused(
        &api.call(Method::POST, "/v1/auth", Some(json!({"otp": "123456"})))
            .await,
        StatusCode::CONFLICT,
        "OTP_NOT_REQUESTED",
    );
    api.ok(
        Method::POST,
        "/v1/auth/generateotp",
        Some(json!({"contact": "ana@example.pr"})),
    )
    .await;
    api.advance(10 * 60 + 1).await;
    refused(
        &api.call(Method::POST, "/v1/auth", Some(json!({"otp": "123456"})))
            .await,
        StatusCode::CONFLICT,
        "OTP_EXPIRED",
    );
    refused(
        &api.call(
            Method::POST,
            "/v1/auth/generateotp",
            Some(json!({"contact": "not a contact"})),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "TECHMSG-0003",
    );
}
