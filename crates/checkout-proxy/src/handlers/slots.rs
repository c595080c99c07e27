//! The technician's time slot (DESIGN §3 step 9): `POST /api/v1/slots/search` →
//! `searchTimeSlot`, `POST /api/v1/slots/choose` → `PATCH fulfillment` with a slot or
//! unscheduled.
//!
//! The search blocks slots for 4 minutes upstream and the seed asks the order be placed
//! within 3 of them: the hold the customer sees is core's `Hold::slot`, from the back office's
//! clock at the search. No slot free (J4U22A) is not an error for the customer: they can go
//! on unscheduled and be called.

use crate::bss::{self, instant};
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::{Command, Csrf};
use crate::handlers::cart::{proxy_now, with_server_time};
use crate::held_session::HeldSession;
use crate::session_steps::{ChosenSlot, OfferedSlot, SlotOffer};
use crate::state::AppState;
use crate::upstream::Upstreamed;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use checkout_core::deadlines::Hold;
use checkout_core::installation::{Appointment, InstallationKind};
use checkout_core::problem::ErrorCode;
use checkout_core::wire_order::{Slot, SlotChoice, SlotChosen, SlotSearch};
use std::sync::Arc;

fn needs_technician(step: &HeldSession) -> Result<(), ApiError> {
    match step.sess.steps.installation {
        Some(InstallationKind::TechnicianVisit) => Ok(()),
        _ => Err(ApiError::Refused(ErrorCode::StepMissing)),
    }
}

/// `POST /api/v1/slots/search`.
pub async fn search(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    mut step: HeldSession,
) -> Result<Response, ApiError> {
    needs_technician(&step)?;
    let found = step.back_office(&app, &corr).search_slots().await;
    let Upstreamed { body, server_time } = match found {
        Ok(found) => found,
        // Seed 004: "2099 | JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL" — none free.
        Err(ApiError::Upstream(ErrorCode::SlotUnavailable)) => {
            step.sess.steps.slot_offer = None;
            step.save(&app).await?;
            // Upstream's refusal carries no clock, and the proxy's own would undo the app's
            // skew correction (wrong under a fast-forwarded sandbox): send none.
            return Ok(Json(SlotSearch::NoneAvailable).into_response());
        }
        Err(e) => return Err(e),
    };
    let slots = body
        .slots
        .iter()
        .map(|s| {
            Ok(OfferedSlot {
                id: s.id.clone(),
                start: instant(&s.valid_for.start_date_time)?,
                end: instant(&s.valid_for.end_date_time)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let hold = Hold::slot(server_time.unwrap_or_else(proxy_now));
    let answer = SlotSearch::Offered {
        slots: slots
            .iter()
            .map(|s| Slot {
                id: s.id.clone(),
                start: s.start,
                end: s.end,
            })
            .collect(),
        hold,
    };
    step.sess.steps.slot_offer = Some(SlotOffer { slots, hold });
    step.sess.steps.slot = None;
    step.sess.steps.quote = None;
    step.save(&app).await?;
    Ok(with_server_time(answer, server_time))
}

/// `POST /api/v1/slots/choose`: one slot, or a visit without a date.
pub async fn choose(
    State(app): State<Arc<AppState>>,
    corr: CorrelationId,
    _: Csrf,
    mut step: HeldSession,
    Command(choice): Command<SlotChoice>,
) -> Result<Response, ApiError> {
    needs_technician(&step)?;
    let req = match &choice {
        SlotChoice::Slot { id } => {
            if id.is_empty() || id.len() > 64 {
                return Err(ApiError::InvalidInput(
                    "Please choose one of the times offered.".into(),
                ));
            }
            bss::FulfillmentRequest {
                slot_id: Some(id.clone()),
                ..Default::default()
            }
        }
        SlotChoice::Unscheduled => bss::FulfillmentRequest {
            unscheduled: Some(true),
            ..Default::default()
        },
    };
    let Upstreamed {
        body: order,
        server_time,
    } = step
        .back_office(&app, &corr)
        .fulfillment("fulfillment_slot", false, &req)
        .await?;
    let (answer, chosen) = match choice {
        SlotChoice::Unscheduled => (
            SlotChosen {
                appointment: Appointment::Unscheduled,
                hold: None,
            },
            ChosenSlot::Unscheduled,
        ),
        SlotChoice::Slot { id } => {
            let held = order
                .time_slot
                .as_ref()
                .filter(|t| t.slot.id == id)
                .ok_or(ApiError::UpstreamUnavailable)?;
            let slot = OfferedSlot {
                id,
                start: instant(&held.slot.valid_for.start_date_time)?,
                end: instant(&held.slot.valid_for.end_date_time)?,
            };
            // A slot from the search keeps the search's clock (seed: order within 3 of its
            // 4 minutes); any other free slot is held from now.
            let hold = step
                .sess
                .steps
                .slot_offer
                .as_ref()
                .filter(|o| o.slots.iter().any(|s| s.id == slot.id))
                .map_or_else(
                    || Hold::slot(server_time.unwrap_or_else(proxy_now)),
                    |o| o.hold,
                );
            (
                SlotChosen {
                    appointment: Appointment::Slot(slot.start),
                    hold: Some(hold),
                },
                ChosenSlot::Slot { slot, hold },
            )
        }
    };
    step.sess.steps.slot = Some(chosen);
    step.sess.steps.quote = None;
    step.save(&app).await?;
    Ok(with_server_time(answer, server_time))
}
