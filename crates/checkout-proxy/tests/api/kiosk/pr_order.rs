//! A Puerto Rico order at a kiosk: the web store's steps, approved by the employee signed in
//! there, who is the order's `SalesRepresentative` party (seed 004's PR bodies), where an
//! online order names the channel.

use super::{KioskApp, PR, sign_in, spawn};
use crate::support::{order_body, ready_to_place};
use checkout_core::installation::Installation;
use serde_json::Value;

async fn ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn stored_requests(app: &KioskApp) -> Vec<Value> {
    let mut db = app.sandbox_db().await;
    let texts: Vec<String> = sqlx::query_scalar("SELECT request FROM product_orders ORDER BY seq")
        .fetch_all(&mut db)
        .await
        .unwrap();
    texts
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect()
}

#[tokio::test]
async fn a_kiosk_order_needs_an_employee_who_is_its_sales_representative() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    ready_to_place(&kiosk, "7 Calle Sol, San Juan").await;
    let body = order_body(Installation::SelfInstall);

    // Nobody signed in: refused before anything goes upstream.
    let res = kiosk.place_order("pr-1", &body).await;
    assert_eq!(res.status(), 403);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["code"], "staff_required");
    assert!(stored_requests(&app).await.is_empty());

    assert_eq!(sign_in(&kiosk, "99999", "2468").await.status(), 200);
    let placed = ok(kiosk.place_order("pr-2", &body).await).await;
    assert!(placed["outcome"].is_object(), "{placed}");
    let sent = stored_requests(&app).await;
    assert_eq!(sent.len(), 1);
    let parties = sent[0]["relatedParty"].as_array().unwrap();
    let rep: Vec<&Value> = parties
        .iter()
        .filter(|p| p["@referredType"] == "SalesRepresentative")
        .collect();
    assert_eq!(rep.len(), 1, "{parties:?}");
    // Seed 004's PR sales-rep id for this employee (docs/sandbox.md), and their name.
    assert_eq!(rep[0]["id"], "54321");
    assert_eq!(rep[0]["name"], "Dana Reid");
}
