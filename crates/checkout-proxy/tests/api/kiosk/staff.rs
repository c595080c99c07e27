//! Staff sign-in at a kiosk: the back office checks the PIN and locks an employee number after
//! five wrong ones; the kiosk is told the employee's name, never their ids; signing out leaves
//! the kiosk as it was; and a sign-in is a state-changing call like any other (CSRF).

use super::{PR, refusal, sign_in, spawn};
use serde_json::Value;

#[tokio::test]
async fn a_wrong_pin_is_refused_and_five_in_a_row_lock_the_employee() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    assert_eq!(
        refusal(sign_in(&kiosk, "99999", "1111").await).await,
        (400, "staff_pin_wrong".to_owned())
    );
    let view: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert!(view.get("staff").is_none(), "{view}");

    // Four more wrong PINs for another employee: the fifth locks the number.
    for attempt in 1..=4 {
        assert_eq!(
            refusal(sign_in(&kiosk, "12345", "0000").await).await,
            (400, "staff_pin_wrong".to_owned()),
            "attempt {attempt}"
        );
    }
    assert_eq!(
        refusal(sign_in(&kiosk, "12345", "0000").await).await,
        (429, "staff_locked".to_owned())
    );
    // Locked: the right PIN does not sign in either.
    assert_eq!(
        refusal(sign_in(&kiosk, "12345", "1357").await).await,
        (429, "staff_locked".to_owned())
    );
    let view: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert!(view.get("staff").is_none(), "{view}");
    // The lock is the employee number's, not the kiosk's.
    let res = sign_in(&kiosk, "99999", "2468").await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn staff_sign_in_shows_the_name_only_and_sign_out_ends_it() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    let res = sign_in(&kiosk, "99999", "2468").await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    let view: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(view["staff"], "Dana Reid");
    assert_eq!(view["store"], PR.store);
    // The back office's ids for the employee (PR's sales rep 54321) stay in the proxy.
    for kept in ["54321", "salesRepId", "cisEmpId"] {
        assert!(!text.contains(kept), "{kept} in {text}");
    }
    let now: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert_eq!(now["staff"], "Dana Reid");

    // Another kiosk knows nothing of it.
    let other = app.kiosk(&super::JM).await;
    let there: Value = other.get("/api/v1/kiosk").await.json().await.unwrap();
    assert!(there.get("staff").is_none(), "{there}");

    let res = kiosk
        .client
        .delete(format!("{}/api/v1/kiosk/staff", kiosk.base))
        .header(
            checkout_core::wire::CSRF_HEADER,
            checkout_core::wire::CSRF_VALUE,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let view: Value = res.json().await.unwrap();
    assert!(view.get("staff").is_none(), "{view}");
    let now: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert!(now.get("staff").is_none(), "{now}");
}

#[tokio::test]
async fn staff_sign_in_and_sign_out_need_the_csrf_header() {
    let app = spawn().await;
    let kiosk = app.kiosk(&PR).await;
    let res = kiosk
        .client
        .post(format!("{}/api/v1/kiosk/staff", kiosk.base))
        .json(&serde_json::json!({"employeeId": "99999", "pin": "2468"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refusal(res).await, (403, "csrf_rejected".to_owned()));
    let view: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert!(view.get("staff").is_none(), "{view}");

    assert_eq!(sign_in(&kiosk, "99999", "2468").await.status(), 200);
    let res = kiosk
        .client
        .delete(format!("{}/api/v1/kiosk/staff", kiosk.base))
        .send()
        .await
        .unwrap();
    assert_eq!(refusal(res).await, (403, "csrf_rejected".to_owned()));
    let view: Value = kiosk.get("/api/v1/kiosk").await.json().await.unwrap();
    assert_eq!(view["staff"], "Dana Reid", "still signed in");
}
