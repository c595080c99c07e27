//! The credit step (DESIGN §3 step 5): `POST /api/v1/credit` → `credit.submit`.
//!
//! The decision is kept server-side: the installation step needs it to pick the install
//! charge (seed 004 Key Considerations 8), and the customer only sees its consequences
//! (deposit, one-time prices per installation choice).

use crate::bss;
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{Command, Csrf};
use crate::held_session::HeldSession;
use crate::session_steps::CreditState;
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use checkout_core::installation::{CreditResult, InstallationKind};
use checkout_core::wire_order::{
    CreditDecision, CreditOutcome, CreditRequest, InstallOption, Money,
};
use std::sync::Arc;

/// `POST /api/v1/credit`.
pub async fn submit(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    mut step: HeldSession,
    Command(req): Command<CreditRequest>,
) -> Result<Response, ApiError> {
    // Seed 004's customer signs a contract: under 18 is told so here, in the customer's words,
    // rather than sent upstream to be refused as a bad field.
    if !req
        .date_of_birth
        .is_adult_on(crate::handlers::cart::proxy_now())
    {
        return Err(checkout_core::RuleViolation::UnderAge.into());
    }
    // An adverse decision stands: asking again with other details must not replace it. A
    // refusal stands for the session, a deposit for the order it was given on; the customer
    // is told the same decision again, and nothing goes upstream.
    if step.sess.credit_refused {
        let outcome = CreditOutcome {
            decision: CreditDecision::Refused,
            install_options: Vec::new(),
        };
        if step.sess.steps.credit.is_none() {
            step.sess.steps.credit = Some(CreditState {
                result: None,
                install_options: Vec::new(),
                credit_limit: None,
                outcome: Some(outcome.clone()),
            });
            step.save(&app).await?;
        }
        return Ok(Json(outcome).into_response());
    }
    if let Some(standing) = step.sess.steps.credit.as_ref().filter(|c| c.is_adverse())
        && let Some(outcome) = &standing.outcome
    {
        return Ok(Json(outcome.clone()).into_response());
    }
    let Upstreamed { body: policy, .. } = step
        .back_office(&app, &corr)
        .credit(&bss::CreditApplication {
            name: req.name.as_str(),
            date_of_birth: req.date_of_birth.as_str(),
            last4_ssn: req.last4_ssn.as_str(),
        })
        .await?;
    let outcome = outcome(&policy)?;
    step.sess.steps.credit = Some(CreditState {
        result: match outcome.decision {
            CreditDecision::Approved => Some(CreditResult::Approved),
            CreditDecision::DepositRequired { .. } => Some(CreditResult::DepositRequired),
            CreditDecision::Refused => None,
        },
        install_options: outcome.install_options.clone(),
        credit_limit: policy.credit_limit.clone(),
        outcome: Some(outcome.clone()),
    });
    if outcome.decision == CreditDecision::Refused {
        step.sess.credit_refused = true;
    }
    // A new decision may change the install charge and the deposit: quote again.
    step.sess.steps.quote = None;
    step.save(&app).await?;
    Ok(Json(outcome).into_response())
}

/// The customer's view of a credit policy.
fn outcome(policy: &bss::CreditPolicy) -> Result<CreditOutcome, ApiError> {
    let decision = match policy.decision.as_str() {
        "APPROVED" => CreditDecision::Approved,
        "DEPOSIT_REQUIRED" => CreditDecision::DepositRequired {
            deposit: Money {
                amount: policy
                    .deposit_amount
                    .clone()
                    .ok_or(ApiError::UpstreamUnavailable)?,
                currency: policy.currency.clone(),
            },
        },
        "REFUSED" => CreditDecision::Refused,
        other => {
            tracing::warn!(decision = other, "unknown credit decision");
            return Err(ApiError::UpstreamUnavailable);
        }
    };
    let install_options = if decision == CreditDecision::Refused {
        Vec::new()
    } else {
        policy
            .install_charges
            .iter()
            .filter_map(|c| {
                let kind = match c.installation_type.as_str() {
                    "SelfInstall" => InstallationKind::SelfInstall,
                    "TechnicianVisit" => InstallationKind::TechnicianVisit,
                    _ => return None,
                };
                Some(InstallOption {
                    kind,
                    one_time: Money {
                        amount: c.amount.clone(),
                        currency: policy.currency.clone(),
                    },
                })
            })
            .collect()
    };
    Ok(CreditOutcome {
        decision,
        install_options,
    })
}
