//! Test-only controls, mounted only when `Config::clock_control` is set (`SANDBOX_CLOCK_CONTROL=1`
//! for the binary); otherwise these paths do not exist and answer 404. They carry no
//! authentication, which is acceptable only because the sandbox binds 127.0.0.1.

use crate::Sandbox;
use crate::clock::rfc3339;
use crate::contract::{ClockAdvance, ClockState};
use crate::error::SandboxError;
use crate::input;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::TimeDelta;

/// The most one call may fast-forward: a year, far past every deadline in the seeds.
const MAX_ADVANCE_SECS: i64 = 366 * 24 * 3600;

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/__admin/clock", get(clock))
        .route("/__admin/clock/advance", post(advance))
}

fn state(sb: &Sandbox) -> ClockState {
    ClockState {
        server_time: rfc3339(sb.now()),
        offset_seconds: sb.inner.clock.offset().num_seconds(),
    }
}

async fn clock(State(sb): State<Sandbox>) -> Json<ClockState> {
    Json(state(&sb))
}

/// Fast-forward the clock: `{"seconds": N}`, 0 ≤ N ≤ one year. Never backwards: a lapsed hold
/// must not come back to life.
async fn advance(State(sb): State<Sandbox>, body: Bytes) -> Result<Json<ClockState>, SandboxError> {
    let req: ClockAdvance = input::json(&body)?;
    if !(0..=MAX_ADVANCE_SECS).contains(&req.seconds) {
        return Err(SandboxError::BadRequest(format!(
            "seconds: between 0 and {MAX_ADVANCE_SECS}"
        )));
    }
    sb.advance_clock(TimeDelta::seconds(req.seconds));
    Ok(Json(state(&sb)))
}
