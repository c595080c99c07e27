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
use crate::server_session::{EligibleAddress, KioskAttempt};
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

/// How long an attempt whose answer has not come may hold the kiosk: longer than any request
/// may take (`REQUEST_TIMEOUT_MS`), so a reset never wipes a session while its order is on
/// its way, yet a kiosk is never held for good by an answer that was lost.
pub(crate) const IN_FLIGHT_MS: i64 = 60_000;

/// Whether an order attempt of this session may still be on its way.
pub(crate) fn in_flight(sess: &crate::session::ServerSession) -> bool {
    sess.kiosk_order
        .as_ref()
        .is_some_and(|a| a.placed.is_none() && proxy_now().0 - a.started_ms < IN_FLIGHT_MS)
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
    let request_hash = idempotency::hash(&canonical);
    // The same order asked for again (another key, another tab): its answer, not a second.
    if let Some(a) = &sess.kiosk_order
        && let Some(placed) = &a.placed
        && a.request_hash == request_hash
    {
        return Ok(json(placed.clone()));
    }
    let attempt = match app.sessions.claim(&session, &key, &request_hash).await? {
        Claim::Claimed => KioskAttempt {
            key: key.clone(),
            request_hash,
            billing_account: None,
            started_ms: proxy_now().0,
            placed: None,
            lost: false,
        },
        // This key's attempt lost its answer: find out (below) rather than wait for ever.
        Claim::InFlight => match &sess.kiosk_order {
            Some(a) if a.key == key && a.placed.is_none() && (a.lost || !in_flight(&sess)) => {
                (**a).clone()
            }
            _ => return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight)),
        },
        Claim::OtherRequest => return Err(ApiError::Refused(ErrorCode::IdempotencyKeyReused)),
        Claim::Replay { body, .. } => return Ok(json(body)),
    };
    // Kept before anything goes upstream: a reset now is refused, and a lost answer can be
    // found again by the attempt's billing account.
    let mut now = BrowserSession::reload(&app, &cookie_key).await?;
    now.session.kiosk_order = Some(Box::new(KioskAttempt {
        started_ms: proxy_now().0,
        lost: false,
        ..attempt.clone()
    }));
    now.save(&app).await?;
    // Run to the end even if the kiosk's page goes away: the claim must be settled.
    let work = tokio::spawn(async move {
        let outcome = submit(&app, &corr, &kiosk, staff, &cookie_key, &now.session, req).await;
        // The key is settled first, whatever happens to the session after: an order placed
        // must be answered to a retry even if its session is gone by then.
        let (answer, attempt_now) = match outcome {
            Ok(placed) => {
                let body = serde_json::to_string(&placed).map_err(|_| ApiError::Storage)?;
                app.sessions.finish(&session, &key, 200, &body).await?;
                app.metrics.order_placed(None);
                (Ok(body.clone()), Some((Some(body), false)))
            }
            // The order may exist: the key stays claimed, and a retry with it looks the order
            // up by its billing account before placing anything.
            Err(ApiError::UpstreamTimeout | ApiError::UpstreamUnavailable) => {
                if let Err(e) = app.sessions.unknown(&session, &key).await {
                    tracing::error!(error = %e, "idempotency record not settled");
                }
                let lost = Err(ApiError::Refused(ErrorCode::OrderOutcomeUnknown));
                (lost, Some((None, true)))
            }
            Err(e) => {
                app.sessions.settle_failed(&session, &key, e.code()).await;
                (Err(e), None)
            }
        };
        // What the session keeps of the attempt: its answer, that its answer was lost, or
        // (a refusal) nothing.
        match BrowserSession::reload(&app, &cookie_key).await {
            Ok(mut after) => {
                after.session.kiosk_order = match (attempt_now, after.session.kiosk_order.take()) {
                    (Some((placed, lost)), Some(a)) => {
                        Some(Box::new(KioskAttempt { placed, lost, ..*a }))
                    }
                    _ => None,
                };
                if let Err(e) = after.save(&app).await {
                    tracing::warn!(correlation_id = %corr, error = %e, "kiosk attempt not kept");
                }
            }
            Err(e) => {
                tracing::warn!(correlation_id = %corr, error = %e, "session gone before the kiosk order settled")
            }
        }
        answer
    });
    let body = work.await.map_err(|e| {
        tracing::error!(error = %e, "kiosk order task failed");
        ApiError::Refused(ErrorCode::OrderOutcomeUnknown)
    })??;
    Ok(json(body))
}

#[allow(clippy::too_many_arguments)] // one order: each argument is part of it
async fn submit(
    app: &AppState,
    corr: &CorrelationId,
    kiosk: &KioskDevice,
    staff: checkout_core::kiosk::StaffMember,
    cookie_key: &str,
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
    let codes = kiosk.0.codes();
    let placed = |id: String, at: Option<checkout_core::UtcMillis>| KioskOrderPlaced {
        reference: id,
        market,
        bundle: OfferedBundle::from(&bundle),
        placed_at: at.unwrap_or_else(proxy_now),
        approved_by: staff.name.clone(),
    };
    let account = match sess
        .kiosk_order
        .as_ref()
        .and_then(|a| a.billing_account.clone())
    {
        // A retry of an attempt whose answer was lost: its order, if the back office has it.
        Some(account) => {
            let found = bo.market_orders_of(market, &account).await?;
            if let Some(order) = found.body.into_iter().next() {
                tracing::info!(correlation_id = %corr, "a lost kiosk order found by its billing account");
                return Ok(placed(order.id, found.server_time));
            }
            account
        }
        None => {
            // Composed once before the account is opened, so a rule it breaks opens nothing.
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
                .body
                .id;
            let mut now = BrowserSession::reload(app, cookie_key).await?;
            if let Some(a) = now.session.kiosk_order.as_mut() {
                a.billing_account = Some(account.clone());
            }
            now.save(app).await?;
            account
        }
    };
    let body = compose_market_order(&bundle, at, &codes, &staff, &account).map_err(rule)?;
    let body = crate::error::json_body(&body)?.ok_or(ApiError::Encode)?;
    let answer = bo.market_order(market, &body).await?;
    tracing::info!(correlation_id = %corr, kiosk = %kiosk.0.id, business_id = market.business_id(), "kiosk order placed");
    Ok(placed(answer.body.id, answer.server_time))
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
