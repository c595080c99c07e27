//! The kiosk's pages: enrolment (`GET /kiosk/enrol?device=<id>&code=<secret>`) and the kiosk
//! app itself (`GET /kiosk`), which only an enrolled device's browser gets.
//!
//! Enrolment is done once per device by the store's IT (docs/kiosk.md): the link sets the
//! `HttpOnly` device cookie and sends the browser on to `/kiosk` at once, so the secret is in
//! no page the kiosk shows and no script can read it. A browser without the cookie that types
//! `/kiosk` gets a page saying this is a store kiosk's screen, and every kiosk call of the API
//! refuses it too (kiosk_device.rs).

use crate::kiosk_device::{enrol_cookie, kiosk_of};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
pub struct EnrolQuery {
    device: Option<String>,
    code: Option<String>,
}

/// `GET /kiosk/enrol`.
pub async fn enrol(State(app): State<Arc<AppState>>, Query(q): Query<EnrolQuery>) -> Response {
    let (Some(device), Some(code)) = (q.device, q.code) else {
        return refusal(StatusCode::BAD_REQUEST, NOT_AN_ENROLMENT);
    };
    let Some(kiosk) = app
        .config
        .kiosks
        .iter()
        .find(|k| k.id == device)
        .filter(|k| k.holds(&code))
    else {
        tracing::warn!("a kiosk enrolment link was refused");
        return refusal(StatusCode::FORBIDDEN, NOT_AN_ENROLMENT);
    };
    let Some(cookie) = enrol_cookie(&kiosk.id, &code, app.config.secure_cookies) else {
        return refusal(StatusCode::FORBIDDEN, NOT_AN_ENROLMENT);
    };
    tracing::info!(kiosk = %kiosk.id, "kiosk enrolled");
    (
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, cookie),
            (header::LOCATION, HeaderValue::from_static("/kiosk")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            // The link holds the secret: it must not travel on as a referrer.
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
        ],
    )
        .into_response()
}

const NOT_AN_ENROLMENT: &str =
    "This link does not enrol a kiosk. Ask the store's IT team for the device's own link.";

/// `GET /kiosk`: the kiosk app for an enrolled device; anyone else is told what this is.
pub async fn page(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if kiosk_of(&headers, &app).is_none() {
        return refusal(
            StatusCode::FORBIDDEN,
            "This screen is for the kiosks in our stores. To order at home, use our online store.",
        );
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        app.kiosk_pages.page.clone(),
    )
        .into_response()
}

fn refusal(status: StatusCode, text: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Store kiosk</title></head><body><main><h1>Store kiosk</h1><p>{text}</p>\
         <p><a href=\"/\">Go to the online store</a></p></main></body></html>"
    );
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}
