//! HTTP handlers of the back office's kiosk calls (`checkout_core::kiosk::upstream_path`): a
//! market's bundles, a new customer's billing account, and staff sign-in.
//!
//! Bundles and billing accounts sit behind the same session checks as every order call. Staff
//! sign-in needs the bearer only: an employee signs in at an idle kiosk, before any customer's
//! session exists.

use crate::client_session::{ClientSession, check_bearer};
use crate::error::SandboxError;
use crate::product_order::market;
use crate::staff::{self, Verdict};
use crate::state::Sandbox;
use crate::{billing_accounts, bundles, input};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use checkout_core::Market;
use checkout_core::kiosk::{
    BillingAccountCreated, BillingAccountRequest, MarketBundle, StaffAuthRequest, StaffMember,
    upstream_path,
};

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/v1/{business_id}/bundles", get(market_bundles))
        .route("/v1/{business_id}/billingAccount", post(billing_account))
        .route(upstream_path::STAFF_AUTH, post(staff_auth))
}

/// `GET /v1/{businessId}/bundles`: JM and PA. Puerto Rico is a known market that sells
/// packages, so asking it for bundles is a bad request (400), not an unknown resource; an
/// unknown `businessId` is 404 `BUSINESS_UNKNOWN`, as for productOrder.
async fn market_bundles(
    Path(business_id): Path<String>,
    _: ClientSession,
) -> Result<Json<Vec<MarketBundle>>, SandboxError> {
    match market(&business_id)? {
        Market::PuertoRico => Err(SandboxError::BadRequest(
            "businessId: PR sells packages: GET /v1/offers".into(),
        )),
        m => Ok(Json(bundles::of(m))),
    }
}

/// `POST /v1/{businessId}/billingAccount`: 201 with the new account's id (JM and PA only).
async fn billing_account(
    State(sb): State<Sandbox>,
    Path(business_id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<(StatusCode, Json<BillingAccountCreated>), SandboxError> {
    let market = market(&business_id)?;
    let req: BillingAccountRequest = input::json(&body)?;
    let created = sb
        .in_tx(async |tx| billing_accounts::open(tx, &client, market, &req, sb.now()).await)
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `POST /v1/staff/auth`: the employee, or STAFF_PIN_WRONG / STAFF_LOCKED.
async fn staff_auth(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<StaffMember>, SandboxError> {
    check_bearer(&sb, &headers)?;
    let req: StaffAuthRequest = input::json(&body)?;
    // A wrong PIN is committed too: the failure must count.
    let verdict = sb
        .in_tx(async |tx| staff::sign_in(tx, &req, sb.now()).await)
        .await?;
    match verdict {
        Verdict::SignedIn(member) => Ok(Json(member)),
        Verdict::Refused(e) => Err(e),
    }
}
