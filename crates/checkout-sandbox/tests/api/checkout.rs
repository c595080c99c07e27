//! The rest of the direct-fulfillment sequence over real HTTP on 127.0.0.1: offers, credit,
//! fulfillment and terms, quote, validate and TMF-622 productOrder with every seeded outcome.
//! Deadlines are crossed by fast-forwarding the sandbox clock, never by sleeping.

use crate::support as api;

use api::{Api, Reply, bss_refused, config, refused};
use checkout_core::catalog::PackageKind;
use checkout_core::errors::{BssErrorBody, UpstreamCode};
use checkout_core::notices::Notice;
use checkout_core::tmf622::{OrderState, ProductOrder};
use checkout_sandbox::Sandbox;
use checkout_sandbox::contract::Offers;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const UNSCHEDULED: &str = "4444-12-31T00:00:00.000Z";

/// Every term the order asks for, accepted.
fn all_terms(order: &Value) -> Value {
    let terms: Vec<Value> = order["fulfillment"]["requiredTerms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| json!({ "id": t["id"], "version": t["version"], "accepted": true }))
        .collect();
    Value::Array(terms)
}

/// An order made ready to quote: items, number (with phone), credit, fulfillment, terms.
async fn ready(api: &Api, address: &str, package: &str, technician: bool) -> String {
    let phone = package == "R6430";
    let mut items = vec![
        json!({"productCode": package}),
        json!({"productCode": "ZMPBI"}),
    ];
    if phone {
        items.push(json!({"productCode": "RRRUS"}));
    }
    items.push(json!({"productCode": if technician { "0MINS" } else { "0MSIN" }}));
    let order = api
        .ok(
            Method::POST,
            "/v1/order/create",
            Some(json!({"streetAddress": address, "items": items})),
        )
        .await;
    let id = order["id"].as_str().unwrap().to_owned();
    if phone {
        api.ok(
            Method::PATCH,
            &format!("/v1/order/{id}/number.reserve"),
            Some(json!({"number": "7872000003"})),
        )
        .await;
    }
    api.ok(
        Method::POST,
        &format!("/v1/order/{id}/credit.submit"),
        Some(json!({"name": "Ana Rivera", "dateOfBirth": "1980-04-02", "last4Ssn": "4321"})),
    )
    .await;
    let kind = if technician {
        "TechnicianVisit"
    } else {
        "SelfInstall"
    };
    api.ok(
        Method::POST,
        &format!("/v1/order/{id}/fulfillment"),
        Some(json!({"installationType": kind, "termsAccepted": all_terms(&order)})),
    )
    .await;
    id
}

async fn quote(api: &Api, id: &str) -> (String, Value) {
    let r = api
        .call(Method::POST, &format!("/v1/order/{id}/quote"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let conv = r.headers["x-conversation-id"].to_str().unwrap().to_owned();
    (conv, r.body)
}

/// A PR productOrder body built from the quote, as seed 004's examples are.
fn pr_body(q: &Value, date: &str, package: &str) -> Value {
    let mut note = vec![
        json!({"text": q["reasonCode"], "@type": "OrderReasonCode"}),
        json!({"text": q["campaignCode"], "@type": "CampaignCode"}),
        json!({"text": q["jobType"], "@type": "JobType"}),
    ];
    if let Some(n) = q["telephoneNumberId"].as_str() {
        note.push(json!({"text": n, "@type": "TelephoneNumberId"}));
    }
    note.push(json!({"text": q["installationType"], "@type": "InstallationType"}));
    json!({
        "billingAccount": {"id": q["billingAccount"]["id"], "@type": "BillingAccount"},
        "category": "RES",
        "externalId": q["id"],
        "serviceAddress": {"addrNo": "00918424400656"},
        "requestedCompletionDate": date,
        "note": note,
        "productOrderItem": [{
            "id": package, "quantity": 1, "action": "add",
            "product": {"id": "RJ43X", "isBundle": true, "@type": "Product",
                        "productCharacteristic": [{"name": "ServiceType", "valueType": "string", "value": "HS"}]},
            "@type": "Package"
        }],
        "relatedParty": [
            {"name": "DEV TESTING001", "role": "Buyer Contact", "id": "1901506147568", "@referredType": "Customer"},
            {"name": "", "role": "Sales Representative", "id": "54321", "@referredType": "SalesRepresentative"}
        ],
        "@type": "ProductOrder"
    })
}

fn outcome(r: &Reply) -> checkout_core::tmf622::OrderOutcome {
    let po: ProductOrder = serde_json::from_value(r.body.clone()).unwrap();
    po.outcome()
}

fn bss_code(r: &Reply) -> Option<UpstreamCode> {
    let body: BssErrorBody = serde_json::from_value(r.body.clone()).unwrap();
    body.upstream_code()
}

#[tokio::test]
async fn offers_are_the_whole_catalogue_in_core_types() {
    let api = Api::start(Sandbox::new(config())).await;
    let v = api.ok(Method::GET, "/v1/offers", None).await;
    // Deserialising into core's Package / Line re-checks every invariant.
    let offers: Offers = serde_json::from_value(v.clone()).unwrap();
    for kind in PackageKind::ALL {
        assert!(
            offers.packages.iter().any(|p| p.package.kind() == kind),
            "{kind}"
        );
    }
    for p in &offers.packages {
        assert_eq!(p.currency, "USD");
        assert!(p.monthly_price.contains('.'), "{}", p.monthly_price);
    }
    let codes: Vec<&str> = offers
        .add_ons
        .iter()
        .map(|a| a.line.code().as_str())
        .collect();
    for code in [
        "FRRUS", "RRRUS", "ZMPBI", "0MSIN", "0MINS", "NDVR1", "STBX1", "0MSTB",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
    // The seed's own package, with its components in the seed's order.
    let f7b3i = &v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["package"]["code"] == "F7B3I")
        .unwrap()["package"];
    assert_eq!(f7b3i["components"][0]["code"], "RV3BC");
    assert_eq!(f7b3i["tv"]["tv_box"], "hub_tv");
}

#[tokio::test]
async fn offers_need_the_session_headers() {
    let api = Api::start(Sandbox::new(config())).await;
    let r = Api::send(api.c.get(format!("{}/v1/offers", api.base))).await;
    refused(&r, StatusCode::UNAUTHORIZED, "TECHMSG-0002");
}

#[tokio::test]
async fn credit_magic_inputs_decide_the_outcome_and_the_install_charge() {
    let api = Api::start(Sandbox::new(config())).await;
    let order = api
        .ok(
            Method::POST,
            "/v1/order/create",
            Some(json!({"streetAddress": "1 Calle Sol", "items": [{"productCode": "R1INT"}]})),
        )
        .await;
    let id = order["id"].as_str().unwrap();
    let path = format!("/v1/order/{id}/credit.submit");
    let r = api
        .call(Method::GET, &format!("/v1/order/{id}/credit.policy"), None)
        .await;
    refused(&r, StatusCode::CONFLICT, "CREDIT_NOT_CHECKED");

    let app =
        |ssn: &str| json!({"name": "Ana Rivera", "dateOfBirth": "1980-04-02", "last4Ssn": ssn});
    let ok = api.ok(Method::POST, &path, Some(app("4321"))).await;
    assert_eq!(ok["decision"], "APPROVED");
    assert_eq!(ok["depositAmount"], Value::Null);
    assert_eq!(ok["installCharges"][0]["code"], "0MSIN");
    assert_eq!(ok["installCharges"][1]["code"], "0MINS");

    let deposit = api.ok(Method::POST, &path, Some(app("1111"))).await;
    assert_eq!(deposit["decision"], "DEPOSIT_REQUIRED");
    assert_eq!(deposit["depositAmount"], "150.00");

    let refused_ = api.ok(Method::POST, &path, Some(app("0000"))).await;
    assert_eq!(refused_["decision"], "REFUSED");
    assert_eq!(refused_["installCharges"], json!([]));
    let policy = api
        .ok(Method::GET, &format!("/v1/order/{id}/credit.policy"), None)
        .await;
    assert_eq!(policy["decision"], "REFUSED");

    let minor = json!({"name": "Kid", "dateOfBirth": "2020-01-01", "last4Ssn": "4321"});
    refused(
        &api.call(Method::POST, &path, Some(minor)).await,
        StatusCode::BAD_REQUEST,
        "TECHMSG-0003",
    );
    let bad_ssn = json!({"name": "Ana", "dateOfBirth": "1980-01-01", "last4Ssn": "12a4"});
    refused(
        &api.call(Method::POST, &path, Some(bad_ssn)).await,
        StatusCode::BAD_REQUEST,
        "TECHMSG-0003",
    );
}

#[tokio::test]
async fn fulfillment_records_installation_and_refuses_incomplete_terms_whole() {
    let api = Api::start(Sandbox::new(config())).await;
    let order = api
        .ok(
            Method::POST,
            "/v1/order/create",
            Some(json!({"streetAddress": "1 Calle Sol", "items": [{"productCode": "R6430"}]})),
        )
        .await;
    let id = order["id"].as_str().unwrap();
    let path = format!("/v1/order/{id}/fulfillment");
    let required = order["fulfillment"]["requiredTerms"].as_array().unwrap();
    assert!(
        required.iter().any(|t| t["id"] == "e911-notice"),
        "phone orders need the 911 notice"
    );

    let r = api.call(Method::POST, &path, Some(json!({}))).await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");

    // One term left out: refused, and the installation type in the same call is not kept.
    let mut partial = all_terms(&order);
    partial.as_array_mut().unwrap().pop();
    let r = api
        .call(
            Method::POST,
            &path,
            Some(json!({"installationType": "SelfInstall", "termsAccepted": partial})),
        )
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "TERMS_NOT_ACCEPTED");
    let unchanged = api.ok(Method::GET, &format!("/v1/order/{id}"), None).await;
    assert_eq!(unchanged["fulfillment"]["installationType"], Value::Null);

    let mut unticked = all_terms(&order);
    unticked[0]["accepted"] = json!(false);
    let r = api
        .call(
            Method::PATCH,
            &path,
            Some(json!({"termsAccepted": unticked})),
        )
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "TERMS_NOT_ACCEPTED");

    let done = api
        .ok(
            Method::POST,
            &path,
            Some(
                json!({"installationType": "TechnicianVisit", "termsAccepted": all_terms(&order)}),
            ),
        )
        .await;
    assert_eq!(done["fulfillment"]["installationType"], "TechnicianVisit");
    assert_eq!(
        done["fulfillment"]["termsAccepted"]
            .as_array()
            .unwrap()
            .len(),
        required.len()
    );

    // The slot choice keeps its behaviour; unscheduled clears it.
    let found = api
        .ok(
            Method::POST,
            &format!("/v1/order/{id}/searchTimeSlot"),
            None,
        )
        .await;
    let slot = found["slots"][0]["id"].as_str().unwrap();
    let chosen = api
        .ok(Method::PATCH, &path, Some(json!({"slotId": slot})))
        .await;
    assert_eq!(chosen["timeSlot"]["slot"]["id"], slot);
    let unsched = api
        .ok(Method::PATCH, &path, Some(json!({"unscheduled": true})))
        .await;
    assert_eq!(unsched["timeSlot"], Value::Null);
    assert_eq!(unsched["fulfillment"]["unscheduled"], true);

    let r = api
        .call(
            Method::PATCH,
            &path,
            Some(json!({"installationType": "SelfInstall", "slotId": slot})),
        )
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
}

#[tokio::test]
async fn quote_answers_the_seed_fields_and_the_conversation_header() {
    let api = Api::start(Sandbox::new(config())).await;
    let id = ready(&api, "1 Calle Sol, San Juan", "R6430", false).await;
    let (conv, q) = quote(&api, &id).await;
    assert!(conv.starts_with("QAHA") && conv.len() == 22, "{conv}");
    assert_eq!(q["id"].as_str().unwrap().len(), 16);
    assert!(q["billingAccount"]["id"].as_str().unwrap().starts_with('#'));
    assert_eq!(q["campaignCode"], "SIN");
    assert_eq!(q["reasonCode"], "SF");
    assert_eq!(q["jobType"], "CS", "fibre self install");
    assert_eq!(q["telephoneNumberId"], "7872000003");
    assert_eq!(q["installCharge"], "0MSIN");
    assert_eq!(q["totals"]["monthlySubtotal"], "59.99");
    // 10.5 % + 1 % of 59.99, rounded per tax: 6.30 + 0.60.
    assert_eq!(q["totals"]["monthlyTaxes"], "6.90");
    assert_eq!(q["totals"]["monthlyFees"], "1.99");
    assert_eq!(q["totals"]["monthlyTotal"], "68.88");

    // A second quote keeps the billing account, opens a new conversation and temporary id.
    let (conv2, q2) = quote(&api, &id).await;
    assert_ne!(conv, conv2);
    assert_ne!(q["id"], q2["id"]);
    assert_eq!(q["billingAccount"], q2["billingAccount"]);

    let coax = ready(&api, "2 Coax Avenue", "R1INT", true).await;
    let (_, q) = quote(&api, &coax).await;
    assert_eq!(
        (q["campaignCode"].as_str(), q["reasonCode"].as_str()),
        (Some("ECO"), Some("E1"))
    );
    assert_eq!(q["jobType"], "NC");
    assert_eq!(q["totals"]["oneTimeTotal"], "49.99");
}

#[tokio::test]
async fn quote_needs_installation_and_accepted_credit() {
    let api = Api::start(Sandbox::new(config())).await;
    let order = api
        .ok(
            Method::POST,
            "/v1/order/create",
            Some(json!({"streetAddress": "1 Calle Sol", "items": [{"productCode": "R1INT"}]})),
        )
        .await;
    let id = order["id"].as_str().unwrap();
    let q = format!("/v1/order/{id}/quote");
    refused(
        &api.call(Method::POST, &q, None).await,
        StatusCode::CONFLICT,
        "INSTALLATION_TYPE_MISSING",
    );
    api.ok(
        Method::POST,
        &format!("/v1/order/{id}/fulfillment"),
        Some(json!({"installationType": "SelfInstall"})),
    )
    .await;
    refused(
        &api.call(Method::POST, &q, None).await,
        StatusCode::CONFLICT,
        "CREDIT_NOT_CHECKED",
    );
    api.ok(
        Method::POST,
        &format!("/v1/order/{id}/credit.submit"),
        Some(json!({"name": "Ana", "dateOfBirth": "1980-04-02", "last4Ssn": "0000"})),
    )
    .await;
    refused(
        &api.call(Method::POST, &q, None).await,
        StatusCode::CONFLICT,
        "CREDIT_REFUSED",
    );
    api.ok(
        Method::POST,
        &format!("/v1/order/{id}/credit.submit"),
        Some(json!({"name": "Ana", "dateOfBirth": "1980-04-02", "last4Ssn": "1111"})),
    )
    .await;
    let r = api.call(Method::POST, &q, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body["fees"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "DEPOSIT" && f["amount"] == "150.00"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn validate_lists_every_problem_then_passes() {
    let api = Api::start(Sandbox::new(config())).await;
    let order = api
        .ok(
            Method::POST,
            "/v1/order/create",
            Some(json!({"streetAddress": "1 Calle Sol", "items": [{"productCode": "R6430"}]})),
        )
        .await;
    let id = order["id"].as_str().unwrap();
    let v = api
        .ok(Method::GET, &format!("/V1/order/{id}/validate"), None)
        .await;
    assert_eq!(v["valid"], false);
    let codes: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    for c in [
        "NUMBER_NOT_RESERVED",
        "INSTALLATION_TYPE_MISSING",
        "TERMS_NOT_ACCEPTED",
        "CREDIT_NOT_CHECKED",
        "QUOTE_MISSING",
    ] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }

    let id = ready(&api, "1 Calle Sol", "R6430", true).await;
    api.ok(
        Method::PATCH,
        &format!("/v1/order/{id}/fulfillment"),
        Some(json!({"unscheduled": true})),
    )
    .await;
    quote(&api, &id).await;
    let v = api
        .ok(Method::GET, &format!("/V1/order/{id}/validate"), None)
        .await;
    assert_eq!(v["valid"], true, "{v}");
    // The number reservation (10 min) lapses before the conversation (15 min).
    api.advance(11 * 60).await;
    let v = api
        .ok(Method::GET, &format!("/V1/order/{id}/validate"), None)
        .await;
    assert_eq!(v["problems"][0]["code"], "NUMBER_NOT_RESERVED", "{v}");
}

#[tokio::test]
async fn product_order_is_acknowledged_with_the_seed_notes_exactly_once() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "1 Calle Sol, San Juan", "R6430", false).await;
    let (conv, q) = quote(&api, &id).await;
    let body = pr_body(&q, UNSCHEDULED, "R6430");
    let first = api
        .product_order("/PR/productOrder", Some(&conv), &body)
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["state"], "Acknowledged");
    assert_eq!(first.body["externalId"], q["id"]);
    assert_eq!(first.body["description"], "");
    let expected_ba = q["billingAccount"]["id"]
        .as_str()
        .unwrap()
        .trim_start_matches('#');
    assert_eq!(first.body["billingAccount"]["id"], expected_ba);
    let o = outcome(&first);
    assert_eq!(o.state, Some(OrderState::Acknowledged));
    assert_eq!(o.requested_function.as_deref(), Some("NEW"));
    assert_eq!(o.credit_limit.as_deref(), Some("100"));
    assert_eq!(
        o.technician.as_deref(),
        Some("3333"),
        "seed: self install technician 3333"
    );
    assert_eq!(o.job_number.as_deref(), Some("00000"));
    assert_eq!(o.job_id, Some(format!("{}0001", q["id"].as_str().unwrap())));
    assert!(o.notices.is_empty());
    assert_eq!(sb.product_orders_created(), 1);

    // The same temporary order id again (a retry): the first order, not a second one.
    let again = api
        .product_order("/PR/productOrder", Some(&conv), &body)
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body, first.body);
    // Even through the OCBO alias, and after the conversation lapsed.
    api.advance(16 * 60).await;
    let alias = api
        .product_order("/v1/order/submit", Some(&conv), &body)
        .await;
    assert_eq!(alias.body["id"], first.body["id"]);
    assert_eq!(sb.product_orders_created(), 1);
}

#[tokio::test]
async fn concurrent_submits_of_one_external_id_create_one_order() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "1 Calle Sol", "R1INT", false).await;
    let (conv, q) = quote(&api, &id).await;
    let body = pr_body(&q, UNSCHEDULED, "R1INT");
    let (a, b, c) = tokio::join!(
        api.product_order("/PR/productOrder", Some(&conv), &body),
        api.product_order("/PR/productOrder", Some(&conv), &body),
        api.product_order("/v1/order/submit", Some(&conv), &body),
    );
    assert_eq!(a.body["id"], b.body["id"]);
    assert_eq!(a.body["id"], c.body["id"]);
    assert_eq!(sb.product_orders_created(), 1);
}

#[tokio::test]
async fn submit_alias_places_the_order_of_the_conversation() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "1 Calle Sol", "R1INT", false).await;
    let (conv, q) = quote(&api, &id).await;
    let r = api
        .product_order(
            "/v1/order/submit",
            Some(&conv),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(sb.product_orders_created(), 1);
}

/// Seed 004, Key Considerations 17 and "When we provide the expired X-Conversation-Id".
#[tokio::test]
async fn a_lapsed_conversation_is_dro30e_and_a_new_quote_recovers() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "1 Calle Sol", "R1INT", false).await;
    // The cart hold (15 min) must outlive the conversation for the re-quote below.
    api.ok(
        Method::POST,
        &format!("/v1/order/{id}/extend"),
        Some(json!({"reason": "customer reviewing", "minutes": 20})),
    )
    .await;
    let (conv, q) = quote(&api, &id).await;
    api.advance(14 * 60 + 59).await;
    api.advance(2).await; // 15 min 1 s after the quote
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    bss_refused(&r, "2099 | DRO30E - REF CDA NOT FOUND| ");
    assert_eq!(bss_code(&r), Some(UpstreamCode::Dro30e));
    assert_eq!(sb.product_orders_created(), 0);

    // An unknown conversation is the same error.
    let r = api
        .product_order(
            "/PR/productOrder",
            Some("QAHA000000000000000000"),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    assert_eq!(bss_code(&r), Some(UpstreamCode::Dro30e));

    // Seed: "all the steps from tax and fees call should be reprocessed".
    let (conv, q) = quote(&api, &id).await;
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

#[tokio::test]
async fn existing_customer_address_is_orv59i() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "7 Existing Street, San Juan", "R1INT", false).await;
    let (conv, q) = quote(&api, &id).await;
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    bss_refused(&r, "ORV59I - EXISTING CUSTOMER AT LOCATION");
    assert_eq!(bss_code(&r), Some(UpstreamCode::Orv59i));
    assert_eq!(sb.product_orders_created(), 0);
}

#[tokio::test]
async fn signed_off_order_is_map15e() {
    let api = Api::start(Sandbox::new(config())).await;
    let id = ready(&api, "8 Signedoff Road", "R1INT", false).await;
    let (conv, q) = quote(&api, &id).await;
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    bss_refused(
        &r,
        "2099 | SERV_CD-MAP15E - FIELD PROTECTED, CANNOT UPDATE| ",
    );
    assert_eq!(bss_code(&r), Some(UpstreamCode::Map15e));
}

#[tokio::test]
async fn outage_is_a_warning_in_description_and_the_order_is_created() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "9 Outage Avenue", "R1INT", false).await;
    let (conv, q) = quote(&api, &id).await;
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let d = r.body["description"].as_str().unwrap();
    assert!(
        d.contains("OTG REASN  - AA") && d.contains("AUTO OUTAGE DECLARED"),
        "{d}"
    );
    assert_eq!(outcome(&r).notices, vec![Notice::Outage]);
    assert_eq!(sb.product_orders_created(), 1);
}

#[tokio::test]
async fn technician_date_must_be_the_chosen_slot_or_it_is_jbe10e() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "1 Calle Sol", "R1INT", true).await;
    let found = api
        .ok(
            Method::POST,
            &format!("/v1/order/{id}/searchTimeSlot"),
            None,
        )
        .await;
    let slot = &found["slots"][1];
    api.ok(
        Method::PATCH,
        &format!("/v1/order/{id}/fulfillment"),
        Some(json!({"slotId": slot["id"]})),
    )
    .await;
    let (conv, q) = quote(&api, &id).await;
    let jbe10e = "2099 | SCHED_TM-JBE10E-INVALID SCHEDULED TIME OF DAY| ";
    // Today (seed: "On the currentDay, if no slots are available").
    let now = sb.now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    let r = api
        .product_order("/PR/productOrder", Some(&conv), &pr_body(&q, &now, "R1INT"))
        .await;
    bss_refused(&r, jbe10e);
    assert_eq!(bss_code(&r), Some(UpstreamCode::Jbe10e));
    // Another slot's start.
    let other = found["slots"][0]["validFor"]["startDateTime"]
        .as_str()
        .unwrap();
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, other, "R1INT"),
        )
        .await;
    bss_refused(&r, jbe10e);
    assert_eq!(sb.product_orders_created(), 0);
    // The chosen slot's start.
    let start = slot["validFor"]["startDateTime"].as_str().unwrap();
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, start, "R1INT"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["requestedCompletionDate"], start);
    assert_eq!(outcome(&r).technician.as_deref(), Some("0701"));
}

/// Seed 004 TechnicianVisit 2 and "NO DATES AVAILABLE FOR THIS JOB/JOB_UNSCHED_ALRT".
#[tokio::test]
async fn no_slots_gives_adp10e_in_quote_and_an_unscheduled_order() {
    let api = Api::start(Sandbox::new(config())).await;
    let id = ready(&api, "5 Noslots Lane, Ponce", "R1INT", true).await;
    let r = api
        .call(
            Method::POST,
            &format!("/v1/order/{id}/searchTimeSlot"),
            None,
        )
        .await;
    refused(&r, StatusCode::CONFLICT, "J4U22A");
    api.ok(
        Method::PATCH,
        &format!("/v1/order/{id}/fulfillment"),
        Some(json!({"unscheduled": true})),
    )
    .await;
    let (conv, q) = quote(&api, &id).await;
    let warning = "JOB_UNSCHED_ALRT,JBE74A-ENTER OVERRIDE TO UNSCHEDULE JOB,ADP10E-NO DATES AVAILABLE FOR THIS JOB";
    assert_eq!(q["description"], warning);
    let r = api
        .product_order(
            "/PR/productOrder",
            Some(&conv),
            &pr_body(&q, UNSCHEDULED, "R1INT"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["description"], warning);
    assert_eq!(outcome(&r).notices, vec![Notice::Unscheduled]);
}

#[tokio::test]
async fn product_order_needs_the_seed_headers_and_mandatory_fields() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let id = ready(&api, "1 Calle Sol", "R1INT", false).await;
    let (conv, q) = quote(&api, &id).await;
    let body = pr_body(&q, UNSCHEDULED, "R1INT");
    let base = || {
        api.request(Method::POST, "/PR/productOrder")
            .header("X-Conversation-Id", &conv)
            .json(&body)
    };
    let r = Api::send(base().header("lob", "FIXED").header("channelId", "ECOM")).await;
    refused(&r, StatusCode::UNAUTHORIZED, "TECHMSG-0002"); // no client-secret
    let secret = checkout_sandbox::Config::default().client_secret;
    let r = Api::send(
        base()
            .header("client-secret", &secret)
            .header("lob", "MOBILE")
            .header("channelId", "ECOM"),
    )
    .await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    let r = Api::send(
        base()
            .header("client-secret", &secret)
            .header("lob", "FIXED"),
    )
    .await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003"); // no channelId
    let r = api.product_order("/PR/productOrder", None, &body).await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003"); // no X-Conversation-Id
    let r = api
        .product_order("/XX/productOrder", Some(&conv), &body)
        .await;
    refused(&r, StatusCode::NOT_FOUND, "BUSINESS_UNKNOWN");

    let mut no_job = body.clone();
    no_job["note"]
        .as_array_mut()
        .unwrap()
        .retain(|n| n["@type"] != "JobType");
    let r = api
        .product_order("/PR/productOrder", Some(&conv), &no_job)
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    let mut wrong_ext = body.clone();
    wrong_ext["externalId"] = json!("0000000000009999");
    let r = api
        .product_order("/PR/productOrder", Some(&conv), &wrong_ext)
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    let r = api
        .product_order("/PR/productOrder", Some(&conv), &json!({"nonsense": 1}))
        .await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    assert_eq!(sb.product_orders_created(), 0);
}

/// Seed 004's own JM Liberate and PA request bodies, verbatim, once the sandbox has opened
/// their billing accounts (the first of each market is the seed's id): acknowledged with no
/// conversation, ids `DJ…H` / `FL…H`. The field-by-field checks are in `kiosk.rs`.
#[tokio::test]
async fn jamaica_and_panama_orders_are_acknowledged_without_a_conversation() {
    let sb = Sandbox::new(config());
    let api = Api::start(sb.clone()).await;
    let customer = json!({"name": "Ana Brown", "email": "ana@example.jm", "phone": "8765550100"});
    for (business, id) in [("JM", "100015870000"), ("PA", "324063130000")] {
        let r = api
            .call(
                Method::POST,
                &format!("/v1/{business}/billingAccount"),
                Some(customer.clone()),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(r.body["id"], id);
    }
    // Seed 004 "Request Body for JM Liberate".
    let jm = json!({
        "category": "R",
        "billingAccount": {"id": "100015870000"},
        "orderCharacteristics": {
            "cisEmpId": "99999", "depttCode": "AQSAL", "siteCode": "ANSQ",
            "sourceOfApplication": "3", "salesRepId": "99999", "carrierUniqueServId": "0",
            "lastLineNumber": "last line number of order",
            "exchangeId": "FLTV", "numberAreaCode": "BODG"
        },
        "serviceAddress": {
            "addrNo": "", "addrType": "A", "addrLine1": "Street no", "addrLine2": "road",
            "addrLine3": "TROPICAL PLAZA", "addrLine4": "KINGSTON", "addrLine5": "Jamaica",
            "addrPostCode": "00000"
        },
        "productOrderItem": [{"id": "609002_RES", "quantity": 1, "action": "add", "product": {"isBundle": true}}]
    });
    // Seed 004 "Response for PA" (the first of the two, which is the request).
    let pa = json!({
        "billingAccount": {"id": "324063130000"},
        "orderCharacteristics": {
            "cisEmpId": "99999", "depttCode": "TIEN", "siteCode": "FTTH",
            "sourceOfApplication": "EH", "salesRepId": "70013", "carrierUniqueServId": "0",
            "lastLineNumber": "last line number of order",
            "exchangeId_TP": "POGP", "numberAreaCode_TP": "POBS",
            "exchangeId_DS": "POGP", "numberAreaCode_DS": "POBS",
            "exchangeId_TI": "PFLO", "numberAreaCode_TI": "FPME",
            "exchangeId_MO": "PSC", "numberAreaCode_MO": "CDEM"
        },
        "serviceAddress": {
            "addrType": "Q", "addrLine1": "casa A159", "addrLine2": "Calle Santo Tom",
            "addrLine3": "CIUDA SAN LORENZO", "addrLine4": "LAS CUMBRES", "addrLine5": "PANAMA"
        },
        "productOrderItem": [{
            "id": "2P600LF", "quantity": 1, "action": "add",
            "product": {"isBundle": true, "@type": "Bundle"}, "@type": "ProductOrderItem"
        }],
        "@type": "ProductOrder"
    });
    let r = api.product_order("/JM/productOrder", None, &jm).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["id"], "DJ0001H");
    assert_eq!(r.body["state"], "Acknowledged");
    let r = api.product_order("/PA/productOrder", None, &pa).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["id"], "FL0002H");
    // A JM body is not a PA order: no PA exchanges, a JM account, a JM bundle.
    let r = api.product_order("/PA/productOrder", None, &jm).await;
    refused(&r, StatusCode::BAD_REQUEST, "TECHMSG-0003");
    assert_eq!(sb.product_orders_created(), 2);
}
