//! Taxes and fees (DESIGN §3 step 10): `POST /api/v1/quote` → `POST /v1/order/{id}/quote`.
//!
//! The answer's `X-Conversation-Id`, temporary order id, billing account and job type are what
//! productOrder must carry (seed 004 Key Considerations 20–22); they stay in the session. The
//! customer sees prices, notices and the quote's hold (order within 14 of the BSS's 15 min).

use crate::config::Secret;
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::Csrf;
use crate::handlers::cart::{proxy_now, with_server_time};
use crate::held_session::HeldSession;
use crate::session_steps::QuoteState;
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::extract::State;
use axum::response::Response;
use checkout_core::deadlines::Hold;
use checkout_core::notices::Notice;
use checkout_core::ocbo::header;
use checkout_core::problem::ErrorCode;
use checkout_core::wire_order::{QuoteCharge, QuoteLine, QuoteView};
use std::sync::Arc;

/// The quote's fee code for the credit check's deposit (docs/sandbox.md, "Quote").
pub const DEPOSIT_FEE: &str = "DEPOSIT";

/// `POST /api/v1/quote`.
pub async fn quote(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    mut step: HeldSession,
) -> Result<Response, ApiError> {
    if step.sess.pending_order.is_some() {
        // An order may already exist on this quote: no new quote under it.
        return Err(ApiError::Refused(ErrorCode::IdempotencyInFlight));
    }
    if step.sess.steps.installation.is_none() {
        return Err(ApiError::Refused(ErrorCode::StepMissing));
    }
    let (
        Upstreamed {
            body: q,
            server_time,
        },
        response_headers,
    ) = step.back_office(&app, &corr).quote().await?;
    let conversation = response_headers
        .get(header::CONVERSATION_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(Secret::new)
        .ok_or_else(|| {
            tracing::warn!(correlation_id = %corr, "quote without a conversation id");
            ApiError::UpstreamUnavailable
        })?;
    let hold = Hold::quote(server_time.unwrap_or_else(proxy_now));
    let view = QuoteView {
        currency: q.currency.clone(),
        lines: q
            .items
            .iter()
            .map(|i| QuoteLine {
                code: i.product_code.clone(),
                name: i.name.clone(),
                quantity: u8::try_from(i.quantity).unwrap_or(u8::MAX),
                monthly: i.monthly_price.clone(),
                one_time: i.one_time_price.clone(),
            })
            .collect(),
        charges: q
            .taxes
            .iter()
            .chain(&q.fees)
            .map(|c| QuoteCharge {
                name: c.name.clone(),
                amount: c.amount.clone(),
                recurring: c.recurring,
            })
            .collect(),
        monthly_total: q.totals.monthly_total.clone(),
        one_time_total: q.totals.one_time_total.clone(),
        notices: Notice::from_description(&q.description),
        hold,
    };
    step.sess.steps.quote = Some(QuoteState {
        conversation_id: Some(conversation),
        external_id: q.id,
        billing_account_id: q.billing_account.id,
        job_type: q.job_type,
        telephone_number: q.telephone_number_id,
        credit_limit: q.credit_limit,
        deposit_on_quote: q.fees.iter().any(|f| f.code == DEPOSIT_FEE),
        hold,
    });
    step.save(&app).await?;
    Ok(with_server_time(view, server_time))
}
