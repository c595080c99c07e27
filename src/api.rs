//! The one typed client of `/api/v1`. No other module talks to the network.
//!
//! Every state-changing call carries the CSRF header; the session rides in an HttpOnly cookie
//! the app cannot read, which is the point.

use checkout_core::problem::Problem;
use checkout_core::wire::{API_PREFIX, CSRF_HEADER, CSRF_VALUE, Eligibility, EligibilityRequest};
use gloo_net::http::Request;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a call did not give an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// The proxy answered with a problem document.
    Problem(Problem),
    /// No answer, or one we could not read.
    Network,
}

async fn post<Req: Serialize, Res: DeserializeOwned>(
    path: &str,
    body: &Req,
) -> Result<Res, CallError> {
    let res = Request::post(&format!("{API_PREFIX}{path}"))
        .header(CSRF_HEADER, CSRF_VALUE)
        .json(body)
        .map_err(|_| CallError::Network)?
        .send()
        .await
        .map_err(|_| CallError::Network)?;
    if res.ok() {
        res.json().await.map_err(|_| CallError::Network)
    } else {
        Err(res
            .json::<Problem>()
            .await
            .map_or(CallError::Network, CallError::Problem))
    }
}

/// Is this address served?
pub async fn eligibility(req: EligibilityRequest) -> Result<Eligibility, CallError> {
    post("/eligibility", &req).await
}
