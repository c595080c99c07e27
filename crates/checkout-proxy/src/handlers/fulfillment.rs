//! Installation and terms (DESIGN §3 steps 6 and 8): `POST /api/v1/installation`,
//! `POST /api/v1/terms` → `POST`/`PATCH /v1/order/{id}/fulfillment`.
//!
//! Choosing the installation also puts the right install-charge line in the cart, here and
//! upstream (the charge follows from the choice and the credit decision, seed 004 Key
//! Considerations 8), so the order that is placed later holds exactly that charge.

use crate::bss::{self, FulfillmentRequest, TermAcceptance};
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{Command, Csrf};
use crate::held_session::HeldSession;
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use checkout_core::cart::CartOp;
use checkout_core::catalog::InstallCharge;
use checkout_core::installation::{InstallationKind, install_charge_for};
use checkout_core::problem::ErrorCode;
use checkout_core::wire_order::{AcceptTermsRequest, Fulfillment, InstallationRequest, Term};
use std::sync::Arc;

/// `POST /api/v1/installation`: self install or a technician visit.
pub async fn installation(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    mut step: HeldSession,
    Command(InstallationRequest { kind }): Command<InstallationRequest>,
) -> Result<Response, ApiError> {
    let credit = step
        .sess
        .steps
        .credit
        .as_ref()
        .ok_or(ApiError::Refused(ErrorCode::StepMissing))?
        .result
        .ok_or(ApiError::Refused(ErrorCode::CreditRefused))?;
    let mut cart = step.cart()?.clone();
    cart.apply(CartOp::ChooseInstallation {
        installation: kind,
        credit,
    })?;
    let wanted = install_charge_for(kind, credit).code();

    // The upstream cart must hold exactly that charge: drop any other, add it if missing.
    let Upstreamed { body: held, .. } = step.back_office(&app, &corr).fetch().await?;
    let mut has_wanted = false;
    for item in held.items.iter().filter(|i| i.status == "ON_HOLD") {
        if InstallCharge::from_code(&item.product_code).is_none() {
            continue;
        }
        if item.product_code == wanted && !has_wanted {
            has_wanted = true;
            continue;
        }
        step.back_office(&app, &corr).remove_item(&item.id).await?;
    }
    if !has_wanted {
        step.back_office(&app, &corr)
            .add_item(&bss::AddItem {
                product_code: wanted,
                quantity: 1,
            })
            .await?;
    }

    let first = step.sess.steps.installation.is_none();
    let req = FulfillmentRequest {
        installation_type: Some(kind.note_text()),
        ..FulfillmentRequest::default()
    };
    let Upstreamed { body: order, .. } = step
        .back_office(&app, &corr)
        .fulfillment("fulfillment", first, &req)
        .await?;
    if let Some(held) = step.sess.order.as_mut() {
        held.cart = cart;
    }
    if step.sess.steps.installation != Some(kind) {
        // Upstream releases the slot of a self install; a new choice needs a new quote.
        step.sess.steps.slot_offer = None;
        step.sess.steps.slot = None;
    }
    step.sess.steps.installation = Some(kind);
    step.sess.steps.quote = None;
    step.save(&app).await?;
    Ok(Json(view(&order)?).into_response())
}

/// `POST /api/v1/terms`: every required term, accepted in the version shown.
pub async fn terms(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    mut step: HeldSession,
    Command(AcceptTermsRequest { accepted }): Command<AcceptTermsRequest>,
) -> Result<Response, ApiError> {
    if step.sess.steps.installation.is_none() {
        return Err(ApiError::Refused(ErrorCode::StepMissing));
    }
    if accepted.is_empty() || accepted.len() > 20 {
        return Err(ApiError::Refused(ErrorCode::TermsNotAccepted));
    }
    let req = FulfillmentRequest {
        terms_accepted: Some(
            accepted
                .into_iter()
                .map(|t| TermAcceptance {
                    id: t.id,
                    version: t.version,
                    accepted: true,
                })
                .collect(),
        ),
        ..FulfillmentRequest::default()
    };
    let Upstreamed { body: order, .. } = step
        .back_office(&app, &corr)
        .fulfillment("fulfillment_terms", false, &req)
        .await?;
    let fulfillment = view(&order)?;
    // Kept for a reload (GET /api/v1/checkout): every required term, in its current version.
    step.sess.steps.terms_accepted = fulfillment
        .required_terms
        .iter()
        .all(|t| fulfillment.accepted_terms.contains(&t.id));
    step.save(&app).await?;
    Ok(Json(fulfillment).into_response())
}

/// The browser's view of the order's fulfillment.
pub fn view(order: &bss::Order) -> Result<Fulfillment, ApiError> {
    let f = &order.fulfillment;
    let kind = match f.installation_type.as_deref() {
        Some("SelfInstall") => InstallationKind::SelfInstall,
        Some("TechnicianVisit") => InstallationKind::TechnicianVisit,
        _ => return Err(ApiError::UpstreamUnavailable),
    };
    let required_terms: Vec<Term> = f
        .required_terms
        .iter()
        .map(|t| Term {
            id: t.id.clone(),
            version: t.version.clone(),
            title: t.title.clone(),
        })
        .collect();
    // Only acceptances of the current versions count.
    let accepted_terms = f
        .terms_accepted
        .iter()
        .filter(|a| {
            required_terms
                .iter()
                .any(|t| t.id == a.id && t.version == a.version)
        })
        .map(|a| a.id.clone())
        .collect();
    Ok(Fulfillment {
        kind,
        required_terms,
        accepted_terms,
    })
}
