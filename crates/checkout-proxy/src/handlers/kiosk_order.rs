//! Jamaica and Panama, ordered at a store's kiosk (seed 004's JM Liberate, JM Cerillion and PA
//! bodies): `GET /api/v1/kiosk/bundles` and `POST /api/v1/kiosk/order`.
//!
//! The browser sends the bundle the customer chose and who they are. Everything else is the
//! server's: the address and its exchange data (kept from the eligibility answer), the store's
//! codes (the kiosk's enrolment), the employee who approves (signed in at that kiosk), the
//! billing account (opened by the back office), and the body, composed and checked by core
//! before it goes. Exactly once per `Idempotency-Key`, like the web store's order.

use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{BrowserSession, Command, IdempotencyKey};
use crate::handlers::cart::proxy_now;
use crate::idempotency::{self, Claim};
use crate::kiosk_device::KioskDevice;
use crate::server_session::EligibleAddress;
use crate::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use checkout_core::kiosk::{
    BillingAccountRequest, KioskOrderPlaced, KioskOrderRequest, MarketAddress, MarketBundle,
    OfferedBundle, compose_market_order,
};
use checkout_core::problem::ErrorCode;
use std::sync::Arc;

/// The checked address of a JM or PA order, or why there is none.
fn market_address(sess: &crate::session::ServerSession) -> Result<&MarketAddress, ApiError> {
    match &sess.eligible {
        Some(EligibleAddress {
            market_address: Some(at),
            ..
        }) => Ok(at),
        _ => Err(ApiError::Refused(ErrorCode::StepMissing)),
    }
}

fn upstream_session(
    sess: &crate::session::ServerSession,
) -> Result<&crate::config::Secret, ApiError> {
    sess.upstream_session_id.as_ref().ok_or(ApiError::NoSession)
}

/// `GET /api/v1/kiosk/bundles`: the bundles of the checked address's market, without the
/// back office's system names or discount codes.
pub async fn bundles(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: KioskDevice,
    BrowserSession { session: sess, .. }: BrowserSession,
) -> Result<Json<Vec<OfferedBundle>>, ApiError> {
    let at = market_address(&sess)?;
    let all = app
        .upstream
        .in_session(upstream_session(&sess)?, &corr)
        .market_bundles(at.market())
        .await?
        .body;
    Ok(Json(
        all.iter()
            .filter(|b| b.stack.market() == at.market())
            .map(OfferedBundle::from)
            .collect(),
    ))
}

/// `POST /api/v1/kiosk/order`.
pub async fn place(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    kiosk: KioskDevice,
    IdempotencyKey(key): IdempotencyKey,
    BrowserSession {
        key: cookie_key,
        session: sess,
    }: BrowserSession,
    Command(req): Command<KioskOrderRequest>,
) -> Result<Response, ApiError> {
    // Checked before the key is claimed: a refusal here changes nothing, and the customer
    // may try again once an employee signs in.
    let staff = kiosk
        .state(&app)
        .await?
        .staff
        .ok_or(ApiError::Refused(ErrorCode::StaffRequired))?;
    market_address(&sess)?;
    let session = idempotency::hash(cookie_key.as_bytes());
    let canonical = serde_json::to_vec(&req).map_err(|_| ApiError::Storage)?;
    match app
        .sessions
        .claim(&session, &key, &idempotency::hash(&canonical))
        .await?
    {
        Claim::Claimed if sess.placed_order.is_some() => {
            let placed = sess.placed_order.clone().unwrap_or_default();
            app.sessions.finish(&session, &key, 200, &placed).await?;
            return Ok(json(placed));
        }
        Claim::Claimed => {}
        Claim::InFlight => return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight)),
        Claim::OtherRequest => return Err(ApiError::Refused(ErrorCode::IdempotencyKeyReused)),
        Claim::Replay { body, .. } => return Ok(json(body)),
    }
    // Run to the end even if the kiosk's page goes away: the claim must be settled.
    let work = tokio::spawn(async move {
        let outcome = submit(&app, &corr, &kiosk, staff, &sess, req).await;
        match outcome {
            Ok(placed) => {
                let body = serde_json::to_string(&placed).map_err(|_| ApiError::Storage)?;
                app.sessions.finish(&session, &key, 200, &body).await?;
                app.metrics.order_placed(None);
                let mut now = BrowserSession::reload(&app, &cookie_key).await?;
                now.session.placed_order = Some(body.clone());
                now.save(&app).await?;
                Ok(body)
            }
            Err(e) => {
                let code = serde_json::to_value(e.code())
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                if let Err(store) = app.sessions.fail(&session, &key, &code).await {
                    tracing::error!(error = %store, "idempotency record not settled");
                }
                Err(e)
            }
        }
    });
    let body = work.await.map_err(|e| {
        tracing::error!(error = %e, "kiosk order task failed");
        ApiError::Refused(ErrorCode::OrderOutcomeUnknown)
    })??;
    Ok(json(body))
}

async fn submit(
    app: &AppState,
    corr: &CorrelationId,
    kiosk: &KioskDevice,
    staff: checkout_core::kiosk::StaffMember,
    sess: &crate::session::ServerSession,
    req: KioskOrderRequest,
) -> Result<KioskOrderPlaced, ApiError> {
    let at = market_address(sess)?;
    let market = at.market();
    let bo = app.upstream.in_session(upstream_session(sess)?, corr);
    // The bundle as the back office sells it now, not as the page last showed it.
    let bundles: Vec<MarketBundle> = bo.market_bundles(market).await?.body;
    let bundle = bundles
        .into_iter()
        .find(|b| b.code == req.bundle)
        .ok_or_else(|| ApiError::InvalidInput("That bundle is not sold here.".into()))?;
    // Composed once before the account is opened, so a rule it breaks opens nothing upstream.
    let codes = kiosk.0.codes();
    compose_market_order(&bundle, at, &codes, &staff, "0").map_err(rule)?;
    let account = bo
        .open_billing_account(
            market,
            &BillingAccountRequest {
                name: req.name,
                email: req.email,
                phone: req.phone,
            },
        )
        .await?
        .body;
    let body = compose_market_order(&bundle, at, &codes, &staff, &account.id).map_err(rule)?;
    let body = crate::error::json_body(&body)?.ok_or(ApiError::Encode)?;
    let answer = bo.market_order(market, &body).await?;
    tracing::info!(correlation_id = %corr, kiosk = %kiosk.0.id, business_id = market.business_id(), "kiosk order placed");
    Ok(KioskOrderPlaced {
        reference: answer.body.id,
        market,
        bundle: OfferedBundle::from(&bundle),
        placed_at: answer.server_time.unwrap_or_else(proxy_now),
        approved_by: staff.name,
    })
}

fn rule(e: checkout_core::kiosk::KioskOrderError) -> ApiError {
    tracing::warn!(error = %e, "kiosk order refused by core");
    ApiError::InvalidInput(e.to_string())
}

fn json(body: String) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = StatusCode::OK;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}
