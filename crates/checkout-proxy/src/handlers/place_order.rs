//! Placing the order (DESIGN §3 steps 12–13): `POST /api/v1/order` and `GET /api/v1/order`.
//!
//! Exactly once: the `Idempotency-Key` is claimed in the shared database before anything goes
//! upstream, and the work runs to its end even if the browser goes away (a timeout in the app
//! shows "confirming your order" and polls `GET`; it never sends a second order). Nothing is
//! submitted on a lapsed hold, and the cart is re-checked with `checkout-core` and built into
//! the market's TMF-622 body by core's golden-tested builder.

use crate::bss::{self, instant};
use crate::config::Secret;
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{BrowserSession, Command, Csrf, IdempotencyKey};
use crate::handlers::cart::proxy_now;
use crate::held_session::HeldSession;
use crate::idempotency::{self, Attempt, Claim};
use crate::session_steps::{ChosenSlot, PendingOrder};
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use checkout_core::Market;
use checkout_core::catalog::ProductKind;
use checkout_core::installation::{
    Appointment, CreditResult, Installation, JobType, TelephoneNumber,
};
use checkout_core::pr_order::{self, Party, PrOrderDetails};
use checkout_core::problem::ErrorCode;
use checkout_core::wire::{OrderPlaced, PlaceOrderRequest};
use checkout_core::wire_order::OrderStatus;
use std::sync::Arc;

/// Marks an answer that is a stored one, sent again.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// The seller of every online order (`relatedParty` Sales Representative): the channel itself.
const ONLINE_SALES_REP: &str = "ECOM";

/// `POST /api/v1/order`.
pub async fn place(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    IdempotencyKey(key): IdempotencyKey,
    BrowserSession {
        key: cookie_key,
        session: sess,
    }: BrowserSession,
    Command(req): Command<PlaceOrderRequest>,
) -> Result<Response, ApiError> {
    if sess
        .pending_order
        .as_ref()
        .is_some_and(|p| p.idempotency_key != key)
    {
        // An earlier attempt's outcome is still unknown: no second attempt beside it, and
        // nothing recorded that would hide it from GET /order.
        return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight));
    }
    let session = idempotency::hash(cookie_key.as_bytes());
    match app
        .sessions
        .claim(&session, &key, &request_hash(&req)?)
        .await?
    {
        // This cart's order is placed already (another tab, another key): that answer, kept
        // under this key too, so that tab shows the confirmation and no second order goes.
        Claim::Claimed if sess.placed_order.is_some() => {
            let placed = sess.placed_order.clone().unwrap_or_default();
            app.sessions.finish(&session, &key, 200, &placed).await?;
            return Ok(replayed(200, placed));
        }
        Claim::Claimed => {}
        Claim::InFlight => return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight)),
        Claim::OtherRequest => return Err(ApiError::Refused(ErrorCode::IdempotencyKeyReused)),
        Claim::Replay { status, body } => return Ok(replayed(status, body)),
    }
    let partner = sess.partner.clone();
    // Run to the end even if the browser hangs up: the claim must be settled either way.
    let work = tokio::spawn({
        let app = app.clone();
        let corr = corr.clone();
        async move {
            let outcome = submit(&app, &corr, &cookie_key, req, &key).await;
            match &outcome {
                Ok(placed) => {
                    app.metrics.order_placed(partner.as_deref());
                    let body = serde_json::to_string(placed).map_err(|_| ApiError::Storage)?;
                    app.sessions.finish(&session, &key, 200, &body).await?;
                    // The order is placed and its key settled: a session that cannot keep the
                    // answer too only costs another tab its confirmation.
                    if let Err(e) = remember_placed(&app, &cookie_key, &body).await {
                        tracing::warn!(correlation_id = %corr, error = %e, "placed order not kept with the cart");
                    }
                    Ok(body)
                }
                // The order may exist: the key stays claimed, GET /order finds out.
                Err(e) if e.code() == ErrorCode::OrderOutcomeUnknown => {
                    if let Err(store) = app.sessions.unknown(&session, &key).await {
                        tracing::error!(error = %store, "idempotency record not settled");
                    }
                    Err(outcome.err().unwrap_or(ApiError::Storage))
                }
                Err(e) => {
                    app.sessions.settle_failed(&session, &key, e.code()).await;
                    Err(outcome.err().unwrap_or(ApiError::Storage))
                }
            }
        }
    });
    let body = work.await.map_err(|e| {
        tracing::error!(error = %e, "place-order task failed");
        ApiError::Refused(ErrorCode::OrderOutcomeUnknown)
    })??;
    Ok(json_response(200, body))
}

/// The quote's conversation, which productOrder must carry (seed 004): without one, the
/// prices are no longer held and the order cannot go.
fn conversation(held: Option<&Secret>) -> Result<&Secret, ApiError> {
    held.ok_or(ApiError::Refused(ErrorCode::ConversationExpired))
}

/// A stored answer, sent again and marked so.
fn replayed(status: u16, body: String) -> Response {
    let mut res = json_response(status, body);
    res.headers_mut().insert(
        HeaderName::from_static(REPLAYED_HEADER),
        HeaderValue::from_static("true"),
    );
    res
}

/// Keep the placed order's answer with the session's held cart.
async fn remember_placed(app: &AppState, cookie_key: &str, body: &str) -> Result<(), ApiError> {
    let mut now = BrowserSession::reload(app, cookie_key).await?;
    now.session.placed_order = Some(body.to_owned());
    now.save(app).await
}

/// What makes two order requests the same one: the request as parsed, written out again, so
/// spacing or key order in the JSON does not make a retry look like another request.
fn request_hash(req: &PlaceOrderRequest) -> Result<String, ApiError> {
    let canonical = serde_json::to_vec(req).map_err(|_| ApiError::Storage)?;
    Ok(idempotency::hash(&canonical))
}

fn json_response(status: u16, body: String) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// `GET /api/v1/order`: where this session's last order attempt stands. An attempt whose
/// answer was lost is settled here: the back office is asked again, and says.
pub async fn status(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    BrowserSession {
        key: cookie_key, ..
    }: BrowserSession,
) -> Result<Response, ApiError> {
    let session = idempotency::hash(cookie_key.as_bytes());
    let answer = match app.sessions.latest_attempt(&session).await? {
        None => OrderStatus::NotPlaced,
        Some(Attempt::InFlight) => OrderStatus::Confirming,
        Some(Attempt::Unknown) => settle_unknown(&app, &corr, &cookie_key, &session).await?,
        Some(Attempt::Failed { code }) => OrderStatus::Failed { code },
        Some(Attempt::Done { body }) => {
            retry_confirm(&app, &corr, &cookie_key).await?;
            let placed: OrderPlaced = serde_json::from_str(&body).map_err(|_| ApiError::Storage)?;
            OrderStatus::Placed {
                outcome: placed.outcome,
            }
        }
    };
    Ok(Json(answer).into_response())
}

/// Ask the back office again for an order whose answer was lost. The same body carries the
/// same `externalId`, which reads back an order that exists (seed 004: the BSS answers a
/// second call for one quote with the first answer) and is refused, with no order made, when
/// none does and the conversation is gone. Until it answers, the order is "confirming".
async fn settle_unknown(
    app: &AppState,
    corr: &CorrelationId,
    cookie_key: &str,
    session: &str,
) -> Result<OrderStatus, ApiError> {
    let mut sess = BrowserSession::reload(app, cookie_key).await?.session;
    let Some(pending) = sess.pending_order.clone() else {
        return Ok(OrderStatus::Confirming);
    };
    let session_id = sess
        .upstream_session_id
        .clone()
        .ok_or(ApiError::NoSession)?;
    let conversation = conversation(pending.conversation_id.as_ref())?;
    let asked = app
        .upstream
        .in_session(&session_id, corr)
        .submit_order(&pending.body, conversation)
        .await;
    let key = &pending.idempotency_key;
    let status = match asked {
        Ok(Upstreamed { body: placed, .. }) => {
            let placed = OrderPlaced {
                outcome: placed.outcome(),
            };
            let body = serde_json::to_string(&placed).map_err(|_| ApiError::Storage)?;
            app.sessions.finish(session, key, 200, &body).await?;
            app.metrics.order_placed(sess.partner.as_deref());
            sess.pending_order = None;
            sess.placed_order = Some(body.clone());
            if let Some(held) = &sess.order
                && !confirm(app, &held.id, &session_id, corr, pending.contact.clone()).await
            {
                sess.pending_confirm = Some(pending.contact.clone());
            }
            OrderStatus::Placed {
                outcome: placed.outcome,
            }
        }
        // Still no answer: ask again on the next poll.
        Err(ApiError::UpstreamTimeout | ApiError::UpstreamUnavailable) => {
            return Ok(OrderStatus::Confirming);
        }
        // The back office answered, and made no order: the attempt failed.
        Err(e) => {
            let code = serde_json::to_value(e.code())
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            app.sessions.fail(session, key, &code).await?;
            sess.pending_order = None;
            OrderStatus::Failed { code }
        }
    };
    app.sessions.put(cookie_key, &sess).await?;
    Ok(status)
}

/// A placed order whose held order was not confirmed is confirmed now, if it can be.
async fn retry_confirm(
    app: &AppState,
    corr: &CorrelationId,
    cookie_key: &str,
) -> Result<(), ApiError> {
    let mut sess = BrowserSession::reload(app, cookie_key).await?.session;
    let (Some(contact), Some(held), Some(session_id)) = (
        sess.pending_confirm.clone(),
        sess.order.as_ref(),
        sess.upstream_session_id.as_ref(),
    ) else {
        return Ok(());
    };
    if confirm(app, &held.id, session_id, corr, contact).await {
        sess.pending_confirm = None;
        app.sessions.put(cookie_key, &sess).await?;
    }
    Ok(())
}

/// Confirm the held order with the contact: the cart's bookkeeping once the BSS has the
/// order. False if it did not go through (it is tried again, never the order).
async fn confirm(
    app: &AppState,
    order_id: &str,
    session_id: &Secret,
    corr: &CorrelationId,
    contact: serde_json::Value,
) -> bool {
    let confirmed = app
        .upstream
        .in_session(session_id, corr)
        .order(order_id)
        .confirm(&contact)
        .await;
    if let Err(e) = &confirmed {
        tracing::warn!(correlation_id = %corr, error = %e, "order placed but its hold not confirmed");
    }
    confirmed.is_ok()
}

/// Re-check everything, then submit the productOrder and confirm the held order.
async fn submit(
    app: &AppState,
    corr: &CorrelationId,
    cookie_key: &str,
    req: PlaceOrderRequest,
    key: &str,
) -> Result<OrderPlaced, ApiError> {
    let mut step = HeldSession::for_key(app, cookie_key).await?;
    if step.sess.pending_order.is_some() {
        // An earlier attempt's outcome is still unknown: no second order beside it.
        return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight));
    }
    let steps = &step.sess.steps;
    // The order is the cart held upstream, at the address it was held for: never a cart or an
    // address the browser describes now.
    let held = step
        .sess
        .order
        .as_ref()
        .ok_or(ApiError::Refused(ErrorCode::StepMissing))?;
    let cart = &held.cart;
    let at = held
        .at
        .as_ref()
        .ok_or(ApiError::Refused(ErrorCode::StepMissing))?;
    cart.check_complete()?;
    // At a kiosk, an employee signed in there approves the order and is its seller (seed 004's
    // `SalesRepresentative` party); online, the channel is.
    let sales_rep = match step.sess.kiosk.as_deref() {
        Some(kiosk) => {
            let staff = crate::kiosk_device::staff_at(app, kiosk)
                .await?
                .ok_or(ApiError::Refused(ErrorCode::StaffRequired))?;
            Party {
                id: staff.sales_rep_id,
                name: staff.name,
            }
        }
        None => Party {
            id: ONLINE_SALES_REP.to_owned(),
            name: String::new(),
        },
    };
    // The credit decision must allow the order: refused never orders; a deposit must be on
    // the quote the customer agreed to.
    let credit = steps
        .credit
        .as_ref()
        .ok_or(ApiError::Refused(ErrorCode::StepMissing))?;
    let Some(credit_result) = credit.result else {
        return Err(ApiError::Refused(ErrorCode::CreditRefused));
    };
    if Some(req.installation.kind()) != steps.installation {
        return Err(ApiError::Refused(ErrorCode::StepMissing));
    }
    let slot_hold = match (req.installation, &steps.slot) {
        (Installation::SelfInstall, _) => None,
        (
            Installation::TechnicianVisit(Appointment::Unscheduled),
            Some(ChosenSlot::Unscheduled),
        ) => None,
        (
            Installation::TechnicianVisit(Appointment::Slot(at)),
            Some(ChosenSlot::Slot { slot, hold }),
        ) if slot.start == at => Some(*hold),
        _ => return Err(ApiError::Refused(ErrorCode::StepMissing)),
    };
    let quote = steps
        .quote
        .as_ref()
        .ok_or(ApiError::Refused(ErrorCode::StepMissing))?;
    if credit_result == CreditResult::DepositRequired && !quote.deposit_on_quote {
        return Err(ApiError::Refused(ErrorCode::StepMissing));
    }
    let has_phone = cart.has(ProductKind::Telephone);

    // Never submit on a lapsed hold: judge each against the back office's clock now.
    let Upstreamed {
        body: order,
        server_time,
    } = step.back_office(app, corr).fetch().await?;
    let now = server_time.unwrap_or_else(proxy_now);
    if order.status == "EXPIRED" || instant(&order.utc_expires_at)? <= now {
        return Err(ApiError::Refused(ErrorCode::HoldExpired));
    }
    if order.status != "ON_HOLD" {
        return Err(ApiError::Refused(ErrorCode::HoldNotOnHold));
    }
    // Every term the back office requires, accepted in the version it requires now.
    let f = &order.fulfillment;
    let terms_accepted = f.required_terms.iter().all(|t| {
        f.terms_accepted
            .iter()
            .any(|a| a.id == t.id && a.version == t.version)
    });
    if !terms_accepted {
        return Err(ApiError::Refused(ErrorCode::TermsNotAccepted));
    }
    if quote.hold.is_lapsed(now) {
        return Err(ApiError::Refused(ErrorCode::ConversationExpired));
    }
    if has_phone {
        let number = steps
            .number
            .as_ref()
            .ok_or(ApiError::Refused(ErrorCode::StepMissing))?;
        if number.hold.is_lapsed(now) {
            return Err(ApiError::Refused(ErrorCode::NumberHoldExpired));
        }
    }
    if slot_hold.is_some_and(|h| h.is_lapsed(now)) {
        return Err(ApiError::Refused(ErrorCode::SlotHoldExpired));
    }

    if !at.market.is_some_and(Market::orders_online) {
        // The app says so at the address already; this is the last line of defence.
        tracing::warn!(correlation_id = %corr, market = ?at.market, "no online orders in this market");
        return Err(ApiError::Upstream(ErrorCode::OrderRejected));
    }
    let customer = match step
        .sess
        .identity
        .as_ref()
        .and_then(|i| i.customer.as_ref())
    {
        Some(c) => Party {
            id: c.id.clone(),
            name: c.name.clone(),
        },
        // A new customer is known to the BSS by the billing account the quote opened.
        None => Party {
            id: quote.billing_account_id.trim_start_matches('#').to_owned(),
            name: req.contact.name.as_str().to_owned(),
        },
    };
    let telephone_number = match (&quote.telephone_number, has_phone) {
        (Some(n), true) => {
            Some(TelephoneNumber::new(n).map_err(|_| ApiError::UpstreamUnavailable)?)
        }
        _ => None,
    };
    let details = PrOrderDetails {
        external_id: quote.external_id.clone(),
        billing_account_id: quote.billing_account_id.clone(),
        job_type: JobType::new(&quote.job_type).map_err(|_| ApiError::UpstreamUnavailable)?,
        telephone_number,
        installation: req.installation,
        addr_no: at.address.as_str().to_owned(),
        customer,
        sales_rep,
        credit_limit: quote.credit_limit.clone(),
        // Through a partner's embed: its attribution code names the channel (docs/embedding.md).
        partner: step
            .sess
            .partner
            .as_deref()
            .and_then(|id| app.embeds.registered(id))
            .map(|p| Party {
                id: p.attribution.clone(),
                name: p.name.clone(),
            }),
    };
    let body = pr_order::build(cart, &details)?;
    let conversation = conversation(quote.conversation_id.as_ref())?;
    let body = crate::error::json_body(&body)?.ok_or(ApiError::Encode)?;
    let contact = crate::error::json_body(bss::Contact {
        name: req.contact.name.as_str(),
        email: req.contact.email.as_str(),
        phone: req.contact.phone.as_str(),
    })?
    .ok_or(ApiError::Encode)?;
    let conversation_id = quote.conversation_id.clone();
    let submitted = app
        .upstream
        .in_session(&step.session_id, corr)
        .submit_order(&body, conversation)
        .await;
    let Upstreamed { body: placed, .. } = match submitted {
        Ok(p) => p,
        // It may or may not exist: keep what it takes to ask again, say "confirming", and let
        // GET /order find out. Nothing may re-quote or order again meanwhile.
        Err(ApiError::UpstreamTimeout) => {
            step.sess.pending_order = Some(PendingOrder {
                idempotency_key: key.to_owned(),
                body,
                conversation_id,
                contact,
            });
            step.save(app).await?;
            return Err(ApiError::Refused(ErrorCode::OrderOutcomeUnknown));
        }
        Err(e) => return Err(e),
    };
    // The BSS has the order; confirming the hold with the contact is the cart's bookkeeping,
    // tried again later if it fails now (never the order).
    if !confirm(app, &step.order_id, &step.session_id, corr, contact.clone()).await {
        step.sess.pending_confirm = Some(contact);
        step.save(app).await?;
    }
    Ok(OrderPlaced {
        outcome: placed.outcome(),
    })
}
