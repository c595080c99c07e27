//! The one typed client of `/api/v1`. No other module talks to the network.
//!
//! Every state-changing call carries the CSRF header; the session rides in an HttpOnly cookie
//! the app cannot read, which is the point. Every answer's server time comes back with it, so
//! the holds tray counts down on the back office's clock, not the device's.

use crate::state::device_now;
use checkout_core::UtcMillis;
use checkout_core::deadlines::ClockSkew;
use checkout_core::problem::Problem;
use checkout_core::wire::{
    API_PREFIX, CSRF_HEADER, CSRF_VALUE, CartChoices, CartState, EMBED_HEADER,
    EMBED_SESSION_HEADER, Eligibility, EligibilityRequest, IDEMPOTENCY_KEY_HEADER, Offers,
    OrderPlaced, PlaceOrderRequest, SERVER_TIME_HEADER,
};
use checkout_core::wire_order::{
    AcceptTermsRequest, CheckoutProgress, CreditOutcome, CreditRequest, Fulfillment, Identified,
    InstallationRequest, NumberChoices, NumberReserved, OrderStatus, OtpRequest, OtpSent,
    QuoteView, ReserveNumberRequest, Review, SlotChoice, SlotChosen, SlotSearch, VerifyRequest,
    path,
};
use gloo_net::http::{Request, RequestBuilder, Response};
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

/// An answer, and what it taught us about the server's clock.
#[derive(Debug, Clone)]
pub struct Answer<T> {
    pub body: T,
    pub skew: Option<ClockSkew>,
}

async fn send<Res: DeserializeOwned>(
    req: Result<Request, gloo_net::Error>,
) -> Result<Answer<Res>, CallError> {
    let sent = device_now();
    let res: Response = req
        .map_err(|_| CallError::Network)?
        .send()
        .await
        .map_err(|_| CallError::Network)?;
    let received = device_now();
    if let Some(key) = res.headers().get(EMBED_SESSION_HEADER) {
        crate::embed::keep_session_key(&key);
    }
    let skew = res
        .headers()
        .get(SERVER_TIME_HEADER)
        .and_then(|v| v.parse::<i64>().ok())
        .map(|t| ClockSkew::observe(UtcMillis(t), sent, received));
    if res.ok() {
        let body = res.json().await.map_err(|_| CallError::Network)?;
        Ok(Answer { body, skew })
    } else {
        Err(res
            .json::<Problem>()
            .await
            .map_or(CallError::Network, CallError::Problem))
    }
}

fn command(path: &str) -> RequestBuilder {
    framed(Request::post(&format!("{API_PREFIX}{path}")).header(CSRF_HEADER, CSRF_VALUE))
}

/// Framed by a partner, the session travels in a header (the frame's browser may keep no
/// cookie for us): say so, and carry the key the proxy handed out (`crate::embed`).
fn framed(req: RequestBuilder) -> RequestBuilder {
    let Some(partner) = crate::embed::partner() else {
        return req;
    };
    let req = req.header(EMBED_HEADER, &partner);
    match crate::embed::session_key() {
        Some(key) => req.header(EMBED_SESSION_HEADER, &key),
        None => req,
    }
}

async fn post<Req: Serialize, Res: DeserializeOwned>(
    path: &str,
    body: &Req,
) -> Result<Answer<Res>, CallError> {
    send(command(path).json(body)).await
}

async fn get<Res: DeserializeOwned>(path: &str) -> Result<Answer<Res>, CallError> {
    send(framed(Request::get(&format!("{API_PREFIX}{path}"))).build()).await
}

/// Is this address served?
pub async fn eligibility(req: EligibilityRequest) -> Result<Eligibility, CallError> {
    post("/eligibility", &req).await.map(|a| a.body)
}

/// The catalogue for the address found eligible.
pub async fn offers() -> Result<Answer<Offers>, CallError> {
    get("/offers").await
}

/// Hold the cart these choices make upstream (the proxy composes it from its catalogue).
pub async fn hold_cart(choices: &CartChoices) -> Result<Answer<CartState>, CallError> {
    post("/cart", choices).await
}

/// The held cart as the back office sees it now.
pub async fn current_cart() -> Result<Answer<CartState>, CallError> {
    get("/cart").await
}

/// Where this browser's checkout stands, from the proxy's session (after a reload).
pub async fn checkout_progress() -> Result<Answer<CheckoutProgress>, CallError> {
    get(path::CHECKOUT).await
}

#[derive(Serialize)]
struct NoBody {}

/// The one-press extend (the proxy decides how long to ask for).
pub async fn extend_cart() -> Result<Answer<CartState>, CallError> {
    post("/cart/extend", &NoBody {}).await
}

/// Send a one-time code to this contact (the answer never says whether an account exists).
pub async fn send_otp(req: OtpRequest) -> Result<Answer<OtpSent>, CallError> {
    post(path::OTP, &req).await
}

/// Check the one-time code.
pub async fn verify_otp(req: VerifyRequest) -> Result<Answer<Identified>, CallError> {
    post(path::VERIFY, &req).await
}

/// The credit check.
pub async fn credit(req: CreditRequest) -> Result<Answer<CreditOutcome>, CallError> {
    post(path::CREDIT, &req).await
}

/// Self install or a technician visit.
pub async fn installation(req: InstallationRequest) -> Result<Answer<Fulfillment>, CallError> {
    post(path::INSTALLATION, &req).await
}

/// Numbers free to choose.
pub async fn search_numbers() -> Result<Answer<NumberChoices>, CallError> {
    post(path::NUMBERS_SEARCH, &NoBody {}).await
}

/// Hold this number for the customer.
pub async fn reserve_number(
    req: ReserveNumberRequest,
) -> Result<Answer<NumberReserved>, CallError> {
    post(path::NUMBERS_RESERVE, &req).await
}

/// Accept every required term, in the versions shown.
pub async fn accept_terms(req: AcceptTermsRequest) -> Result<Answer<Fulfillment>, CallError> {
    post(path::TERMS, &req).await
}

/// Technician windows (held upstream from this answer).
pub async fn search_slots() -> Result<Answer<SlotSearch>, CallError> {
    post(path::SLOTS_SEARCH, &NoBody {}).await
}

/// Book a window, or go on unscheduled.
pub async fn choose_slot(req: SlotChoice) -> Result<Answer<SlotChosen>, CallError> {
    post(path::SLOTS_CHOOSE, &req).await
}

/// Taxes and fees (opens the 15-minute conversation).
pub async fn quote() -> Result<Answer<QuoteView>, CallError> {
    post(path::QUOTE, &NoBody {}).await
}

/// Every rule re-checked by the back office before the order goes.
pub async fn review() -> Result<Answer<Review>, CallError> {
    get(path::REVIEW).await
}

/// Place the order, exactly once per `key` (a retry with the same key gets the first answer).
pub async fn place_order(
    req: &PlaceOrderRequest,
    key: &str,
) -> Result<Answer<OrderPlaced>, CallError> {
    send(
        command(path::ORDER)
            .header(IDEMPOTENCY_KEY_HEADER, key)
            .json(req),
    )
    .await
}

/// Where this session's order stands (after a place-order call that got no answer).
pub async fn order_status() -> Result<Answer<OrderStatus>, CallError> {
    get(path::ORDER).await
}

/// Kiosk mode's calls (`checkout_core::kiosk::path`): the device cookie rides along by itself.
pub mod kiosk {
    use super::{Answer, CallError, NoBody, command, get, post, send};
    use checkout_core::kiosk::{
        Handoff, KioskOrderPlaced, KioskOrderRequest, KioskView, OfferedBundle, StaffSignIn, path,
    };
    use checkout_core::wire::{API_PREFIX, CSRF_HEADER, CSRF_VALUE, IDEMPOTENCY_KEY_HEADER};
    use gloo_net::http::Request;

    fn delete(p: &str) -> Result<Request, gloo_net::Error> {
        Request::delete(&format!("{API_PREFIX}{p}"))
            .header(CSRF_HEADER, CSRF_VALUE)
            .build()
    }

    /// What the kiosk may know of itself.
    pub async fn current() -> Result<KioskView, CallError> {
        get(path::KIOSK).await.map(|a| a.body)
    }

    pub async fn sign_in(req: &StaffSignIn) -> Result<KioskView, CallError> {
        post(path::STAFF, req).await.map(|a| a.body)
    }

    pub async fn sign_out() -> Result<KioskView, CallError> {
        send(delete(path::STAFF)).await.map(|a| a.body)
    }

    pub async fn ask_for_help() -> Result<KioskView, CallError> {
        post(path::HELP, &NoBody {}).await.map(|a| a.body)
    }

    pub async fn helped() -> Result<KioskView, CallError> {
        send(delete(path::HELP)).await.map(|a| a.body)
    }

    /// End the customer's visit on the server (no body comes back).
    pub async fn reset() -> Result<(), CallError> {
        let res = command(path::RESET)
            .build()
            .map_err(|_| CallError::Network)?
            .send()
            .await
            .map_err(|_| CallError::Network)?;
        if res.ok() {
            Ok(())
        } else {
            Err(res
                .json()
                .await
                .map_or(CallError::Network, CallError::Problem))
        }
    }

    pub async fn handoff() -> Result<Handoff, CallError> {
        post(path::HANDOFF, &NoBody {}).await.map(|a| a.body)
    }

    pub async fn bundles() -> Result<Vec<OfferedBundle>, CallError> {
        get(path::BUNDLES).await.map(|a| a.body)
    }

    /// Place the market's order, exactly once per `key`.
    pub async fn order(
        req: &KioskOrderRequest,
        key: &str,
    ) -> Result<Answer<KioskOrderPlaced>, CallError> {
        send(
            command(path::ORDER)
                .header(IDEMPOTENCY_KEY_HEADER, key)
                .json(req),
        )
        .await
    }
}
