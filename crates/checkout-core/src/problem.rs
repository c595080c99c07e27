//! The one error shape the browser ever sees: RFC 9457 `application/problem+json` with a
//! stable machine code and the correlation id of the call chain.
//!
//! It must never carry a credential, token, session-id or conversation id: only the stable
//! code, a customer-safe message and the correlation id (which support can look up).

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

pub const CONTENT_TYPE: &str = "application/problem+json";

/// Stable error codes of `/api/v1`. Upstream codes map onto these (see [`crate::errors`]);
/// they never change meaning. New codes are only ever added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body did not parse into the typed request.
    InvalidInput,
    /// The browser session is missing or expired.
    SessionMissing,
    /// The state-changing request lacked CSRF proof.
    CsrfRejected,
    /// Upstream refused this client (seed OCBO: CHTR-1018 / TECHMSG-0006, 403).
    ClientForbidden,
    /// Upstream had only partial data (seed OCBO: CHTR-4504 / TECHMSG-0001, 400).
    PartialContent,
    /// Upstream did not answer in time.
    UpstreamTimeout,
    /// Upstream failed or answered something we could not read.
    UpstreamUnavailable,
    /// Anything else on our side.
    Internal,
    /// The cart or order breaks a business rule of seed 004 (the problem's detail names it).
    RuleViolated,
    /// Seed 004: "2099 – DRO30E – REF CDA NOT FOUND" — the BSS conversation (15 min) expired.
    ConversationExpired,
    /// Seed 004: "SERV_CD-MAP15E - FIELD PROTECTED, CANNOT UPDATE" — the order was signed off.
    OrderSignedOff,
    /// Seed 004: "SCHED_TM-JBE10E-INVALID SCHEDULED TIME OF DAY" or
    /// "JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL" — that slot is gone.
    SlotUnavailable,
    /// Seed 004: "JOB_UNSCHED_ALRT" / "ADP10E-NO DATES AVAILABLE FOR THIS JOB".
    NoSlotsAvailable,
    /// Seed 004: "ORV59I - EXISTING CUSTOMER AT LOCATION", returned as an error.
    ExistingCustomer,
    /// Seed 004: an `OTG` outage returned as an error rather than a warning.
    OutageDeclared,
    /// The BSS refused the order with an error not in the seeds.
    OrderRejected,
    /// Seed cart: the order hold passed `utcExpiresAt` and is `EXPIRED`.
    HoldExpired,
    /// Seed cart: the order (or a booking in it) is no longer `ON_HOLD`.
    HoldNotOnHold,
    /// Seed cart: "If the extension is rejected, an error must be returned".
    HoldExtensionRefused,
    /// Seed cart: confirmation "may be REJECTED".
    HoldConfirmRejected,
    /// Seed cart: cancelling a confirmed order "may" be rejected.
    HoldCancelRefused,
    /// Seed cart: an all-or-nothing operation failed and everything was reverted.
    OperationReverted,
    /// The order submit timed out: it may or may not exist; never submit again blindly.
    OrderOutcomeUnknown,
    /// Too many requests from this client; the proxy says when to try again (`Retry-After`).
    RateLimited,
    /// Identity: the one-time password was wrong (attempts are limited).
    OtpWrong,
    /// Identity: too many wrong codes; the contact is locked for a while (15 min upstream).
    OtpLocked,
    /// Identity: the code is too old (10 min), or none was asked for in this session.
    OtpExpired,
    /// Phone number: another order holds or has taken it.
    NumberTaken,
    /// Phone number: its reservation (10 min) lapsed before the order was placed.
    NumberHoldExpired,
    /// Time slot: its hold (the seed's 3 min to order) lapsed before the order was placed.
    SlotHoldExpired,
    /// Credit: the check was refused; the order cannot go on online.
    CreditRefused,
    /// Terms: a required term is missing, in an old version, or not accepted.
    TermsNotAccepted,
    /// A step was called before the steps it needs (e.g. installation before credit).
    StepMissing,
    /// A phone number was asked for, but the cart has no home phone.
    NoTelephone,
    /// Place order: a request with this `Idempotency-Key` is still running.
    IdempotencyInFlight,
    /// Place order: this `Idempotency-Key` was used with a different request.
    IdempotencyKeyReused,
    /// No such API path.
    NotFound,
    /// The path exists, but not for this method.
    MethodNotAllowed,
    /// The request itself (its body) did not arrive in time: the client was slow, not the
    /// back office.
    RequestTimeout,
    /// The back office refused a detail of the request (OCBO `CHTR-4000`, 400): retrying the
    /// same will fail the same way.
    DetailsRefused,
    /// Kiosk: the employee number or PIN is wrong (attempts are limited).
    StaffPinWrong,
    /// Kiosk: too many wrong PINs; the employee is locked for a while.
    StaffLocked,
    /// Kiosk: this needs a store employee signed in (an order's approval).
    StaffRequired,
    /// Only an enrolled store kiosk may do this.
    KioskOnly,
    /// A hand-off link was used already, or is too old.
    HandoffUnusable,
}

/// What the customer can do about an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recovery {
    FixInput,
    Retry,
    CallUs,
    /// Redo the steps from the tax-and-fees quote (seed 004, "Key Considerations" 17); the app
    /// does this by itself and tells the customer.
    RedoFromQuote,
    /// Search slots again and pick another.
    PickAnotherSlot,
    /// Go on without a visit date; the customer will be called.
    ContinueUnscheduled,
    /// The hold is gone: start the cart again (the app keeps the selection).
    StartAgain,
    /// Nothing to do: carry on (e.g. an extension was refused but the hold is still live).
    Continue,
    /// Wait while we find out whether the order went through ("confirming your order").
    WaitForConfirmation,
}

impl Recovery {
    /// The label of the one action the customer is offered.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Self::FixInput => lang.pick("Check and correct", "Revisar y corregir"),
            Self::Retry => lang.pick("Try again", "Intentar de nuevo"),
            Self::CallUs => lang.pick("Call us", "Llámenos"),
            Self::RedoFromQuote => lang.pick("Update prices", "Actualizar precios"),
            Self::PickAnotherSlot => lang.pick("Choose another time", "Elegir otra hora"),
            Self::ContinueUnscheduled => {
                lang.pick("Continue without a date", "Continuar sin fecha")
            }
            Self::StartAgain => lang.pick("Start again", "Empezar de nuevo"),
            Self::Continue => lang.pick("Continue", "Continuar"),
            Self::WaitForConfirmation => lang.pick("Please wait", "Espere, por favor"),
        }
    }
}

impl ErrorCode {
    pub const ALL: [Self; 45] = [
        Self::InvalidInput,
        Self::SessionMissing,
        Self::CsrfRejected,
        Self::ClientForbidden,
        Self::PartialContent,
        Self::UpstreamTimeout,
        Self::UpstreamUnavailable,
        Self::Internal,
        Self::RuleViolated,
        Self::ConversationExpired,
        Self::OrderSignedOff,
        Self::SlotUnavailable,
        Self::NoSlotsAvailable,
        Self::ExistingCustomer,
        Self::OutageDeclared,
        Self::OrderRejected,
        Self::HoldExpired,
        Self::HoldNotOnHold,
        Self::HoldExtensionRefused,
        Self::HoldConfirmRejected,
        Self::HoldCancelRefused,
        Self::OperationReverted,
        Self::OrderOutcomeUnknown,
        Self::RateLimited,
        Self::OtpWrong,
        Self::OtpLocked,
        Self::OtpExpired,
        Self::NumberTaken,
        Self::NumberHoldExpired,
        Self::SlotHoldExpired,
        Self::CreditRefused,
        Self::TermsNotAccepted,
        Self::StepMissing,
        Self::NoTelephone,
        Self::IdempotencyInFlight,
        Self::IdempotencyKeyReused,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::RequestTimeout,
        Self::DetailsRefused,
        Self::StaffPinWrong,
        Self::StaffLocked,
        Self::StaffRequired,
        Self::KioskOnly,
        Self::HandoffUnusable,
    ];

    /// HTTP status the proxy answers with.
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidInput | Self::OtpWrong | Self::StaffPinWrong => 400,
            Self::SessionMissing => 401,
            Self::CsrfRejected | Self::ClientForbidden | Self::StaffRequired | Self::KioskOnly => {
                403
            }
            Self::PartialContent
            | Self::RuleViolated
            | Self::OrderRejected
            | Self::CreditRefused
            | Self::TermsNotAccepted
            | Self::DetailsRefused
            | Self::IdempotencyKeyReused => 422,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::RequestTimeout => 408,
            Self::UpstreamTimeout | Self::OrderOutcomeUnknown => 504,
            Self::UpstreamUnavailable => 502,
            Self::Internal => 500,
            Self::HoldExpired | Self::HandoffUnusable => 410,
            Self::RateLimited | Self::OtpLocked | Self::StaffLocked => 429,
            Self::ConversationExpired
            | Self::OrderSignedOff
            | Self::SlotUnavailable
            | Self::NoSlotsAvailable
            | Self::ExistingCustomer
            | Self::OutageDeclared
            | Self::HoldNotOnHold
            | Self::HoldExtensionRefused
            | Self::HoldConfirmRejected
            | Self::HoldCancelRefused
            | Self::OperationReverted
            | Self::OtpExpired
            | Self::NumberTaken
            | Self::NumberHoldExpired
            | Self::SlotHoldExpired
            | Self::StepMissing
            | Self::NoTelephone
            | Self::IdempotencyInFlight => 409,
        }
    }

    /// Customer-facing title (English). Same text as `message(Lang::En)`.
    pub fn title(self) -> &'static str {
        self.message(Lang::En)
    }

    /// Customer-facing message.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Self::InvalidInput => lang.pick(
                "Please check what you entered.",
                "Por favor, revise lo que ingresó.",
            ),
            Self::SessionMissing => lang.pick(
                "Your session has ended. Please start again.",
                "Su sesión terminó. Por favor, empiece de nuevo.",
            ),
            Self::CsrfRejected => lang.pick(
                "We could not verify this request. Please reload the page.",
                "No pudimos verificar esta solicitud. Por favor, recargue la página.",
            ),
            Self::ClientForbidden => lang.pick(
                "Ordering online is not available right now.",
                "Los pedidos en línea no están disponibles ahora.",
            ),
            Self::PartialContent => lang.pick(
                "We could not find everything about this address.",
                "No pudimos encontrar toda la información de esta dirección.",
            ),
            Self::UpstreamTimeout => lang.pick(
                "This is taking longer than it should. Please try again.",
                "Esto está tardando más de lo normal. Por favor, intente de nuevo.",
            ),
            Self::UpstreamUnavailable => lang.pick(
                "We cannot reach our systems right now. Please try again.",
                "No podemos conectar con nuestros sistemas ahora. Por favor, intente de nuevo.",
            ),
            Self::Internal => lang.pick(
                "Something went wrong on our side. Please try again.",
                "Algo salió mal de nuestro lado. Por favor, intente de nuevo.",
            ),
            Self::RuleViolated => lang.pick(
                "This combination cannot be ordered. Please check your selection.",
                "Esta combinación no se puede pedir. Por favor, revise su selección.",
            ),
            Self::ConversationExpired => lang.pick(
                "Your prices needed refreshing. We have updated them; please review and place your order again.",
                "Sus precios debían actualizarse. Ya los actualizamos; revíselos y haga su pedido de nuevo.",
            ),
            Self::OrderSignedOff => lang.pick(
                "Your order is already being processed and cannot be changed online. Please call us.",
                "Su pedido ya está en proceso y no se puede cambiar en línea. Por favor, llámenos.",
            ),
            Self::SlotUnavailable => lang.pick(
                "That installation time is no longer available. Please choose another.",
                "Esa hora de instalación ya no está disponible. Por favor, elija otra.",
            ),
            Self::NoSlotsAvailable => lang.pick(
                "No installation dates are free right now. You can order now and we will call you to arrange the visit.",
                "No hay fechas de instalación libres ahora. Puede pedir ahora y le llamaremos para acordar la visita.",
            ),
            Self::ExistingCustomer => lang.pick(
                "We already have service at this address. Please call us to order.",
                "Ya tenemos servicio en esta dirección. Por favor, llámenos para hacer su pedido.",
            ),
            Self::OutageDeclared => lang.pick(
                "There is a service outage in your area. Please call us to complete your order.",
                "Hay una interrupción del servicio en su zona. Por favor, llámenos para completar su pedido.",
            ),
            Self::OrderRejected => lang.pick(
                "We could not place your order. Please call us with your reference.",
                "No pudimos hacer su pedido. Por favor, llámenos con su referencia.",
            ),
            Self::HoldExpired => lang.pick(
                "Your cart was held for as long as we could and has expired. Please start again; we kept your choices.",
                "Su carrito estuvo reservado el máximo tiempo posible y venció. Empiece de nuevo; guardamos su selección.",
            ),
            Self::HoldNotOnHold => lang.pick(
                "This order can no longer be changed. Please call us with your reference.",
                "Este pedido ya no se puede cambiar. Por favor, llámenos con su referencia.",
            ),
            Self::HoldExtensionRefused => lang.pick(
                "We could not give you more time. Your cart is still held until the time shown.",
                "No pudimos darle más tiempo. Su carrito sigue reservado hasta la hora indicada.",
            ),
            Self::HoldConfirmRejected => lang.pick(
                "We could not confirm your order because part of it is no longer held. Please start again.",
                "No pudimos confirmar su pedido porque parte ya no está reservada. Por favor, empiece de nuevo.",
            ),
            Self::HoldCancelRefused => lang.pick(
                "This order is already confirmed and cannot be cancelled online. Please call us.",
                "Este pedido ya está confirmado y no se puede cancelar en línea. Por favor, llámenos.",
            ),
            Self::OperationReverted => lang.pick(
                "That change could not be made, so nothing was changed. Please try again.",
                "No se pudo hacer ese cambio, así que no se cambió nada. Por favor, intente de nuevo.",
            ),
            Self::OrderOutcomeUnknown => lang.pick(
                "We are confirming your order. Please do not order again.",
                "Estamos confirmando su pedido. Por favor, no lo pida de nuevo.",
            ),
            Self::RateLimited => lang.pick(
                "Too many attempts in a short time. Please wait a moment and try again.",
                "Demasiados intentos en poco tiempo. Espere un momento e intente de nuevo.",
            ),
            Self::OtpWrong => lang.pick(
                "That code is not right. Please check it and try again.",
                "Ese código no es correcto. Por favor, revíselo e intente de nuevo.",
            ),
            Self::OtpLocked => lang.pick(
                "Too many wrong codes. For your security, please wait 15 minutes before trying again.",
                "Demasiados códigos incorrectos. Por su seguridad, espere 15 minutos antes de intentarlo de nuevo.",
            ),
            Self::OtpExpired => lang.pick(
                "That code has expired. Please ask for a new one.",
                "Ese código venció. Por favor, pida uno nuevo.",
            ),
            Self::NumberTaken => lang.pick(
                "That phone number is no longer available. Please choose another.",
                "Ese número de teléfono ya no está disponible. Por favor, elija otro.",
            ),
            Self::NumberHoldExpired => lang.pick(
                "Your phone number's reservation ended. Please reserve it again.",
                "La reserva de su número de teléfono terminó. Por favor, resérvelo de nuevo.",
            ),
            Self::SlotHoldExpired => lang.pick(
                "Your installation time is no longer held. Please choose a time again.",
                "Su hora de instalación ya no está reservada. Por favor, elija una hora de nuevo.",
            ),
            Self::CreditRefused => lang.pick(
                "We cannot complete this order online. Please call us or visit a store.",
                "No podemos completar este pedido en línea. Por favor, llámenos o visite una tienda.",
            ),
            Self::TermsNotAccepted => lang.pick(
                "Please accept each of the terms to continue.",
                "Por favor, acepte cada uno de los términos para continuar.",
            ),
            Self::StepMissing => lang.pick(
                "Please complete the earlier steps first.",
                "Por favor, complete primero los pasos anteriores.",
            ),
            Self::NoTelephone => lang.pick(
                "Your package has no home phone, so it needs no phone number.",
                "Su paquete no incluye teléfono residencial, así que no necesita número.",
            ),
            Self::IdempotencyInFlight => lang.pick(
                "We are already placing this order. Please wait.",
                "Ya estamos haciendo este pedido. Por favor, espere.",
            ),
            Self::IdempotencyKeyReused => lang.pick(
                "This order attempt was already used for different details. Please review your order and try again.",
                "Este intento de pedido ya se usó con otros datos. Por favor, revise su pedido e intente de nuevo.",
            ),
            Self::NotFound => lang.pick(
                "There is nothing here. Please go back to the checkout.",
                "Aquí no hay nada. Por favor, vuelva al proceso de compra.",
            ),
            Self::MethodNotAllowed => lang.pick(
                "This request is not possible here. Please reload the page.",
                "Esta solicitud no es posible aquí. Por favor, recargue la página.",
            ),
            Self::RequestTimeout => lang.pick(
                "Your request took too long to arrive. Please check your connection and try again.",
                "Su solicitud tardó demasiado en llegar. Por favor, revise su conexión e intente de nuevo.",
            ),
            Self::DetailsRefused => lang.pick(
                "We could not accept some of the details. Please check them, or call us.",
                "No pudimos aceptar algunos de los datos. Por favor, revíselos o llámenos.",
            ),
            Self::StaffPinWrong => lang.pick(
                "That employee number and PIN do not match. Please try again.",
                "El número de empleado y el PIN no coinciden. Inténtelo de nuevo.",
            ),
            Self::StaffLocked => lang.pick(
                "Too many wrong PINs: this employee is locked for 15 minutes. Ask a colleague to sign in.",
                "Demasiados PIN incorrectos: este empleado queda bloqueado 15 minutos. Pida a un compañero que inicie sesión.",
            ),
            Self::StaffRequired => lang.pick(
                "A store employee must sign in to approve this order.",
                "Un empleado de la tienda debe iniciar sesión para aprobar este pedido.",
            ),
            Self::KioskOnly => lang.pick(
                "This is only available on a store kiosk.",
                "Esto solo está disponible en un quiosco de la tienda.",
            ),
            Self::HandoffUnusable => lang.pick(
                "This link was used already or has expired. Please ask in the store for a new one.",
                "Este enlace ya se usó o ha caducado. Pida uno nuevo en la tienda.",
            ),
        }
    }

    pub fn recovery(self) -> Recovery {
        match self {
            Self::InvalidInput
            | Self::RuleViolated
            | Self::OtpWrong
            | Self::NumberTaken
            | Self::TermsNotAccepted
            | Self::StepMissing
            | Self::NoTelephone
            | Self::DetailsRefused
            | Self::StaffPinWrong
            | Self::StaffRequired => Recovery::FixInput,
            Self::NotFound | Self::MethodNotAllowed | Self::RequestTimeout => Recovery::Retry,
            Self::SessionMissing
            | Self::CsrfRejected
            | Self::UpstreamTimeout
            | Self::UpstreamUnavailable
            | Self::Internal
            | Self::OperationReverted
            | Self::RateLimited
            | Self::OtpLocked
            | Self::OtpExpired
            | Self::NumberHoldExpired
            | Self::IdempotencyKeyReused => Recovery::Retry,
            Self::ClientForbidden
            | Self::PartialContent
            | Self::OrderSignedOff
            | Self::ExistingCustomer
            | Self::OutageDeclared
            | Self::OrderRejected
            | Self::HoldNotOnHold
            | Self::HoldCancelRefused
            | Self::CreditRefused
            | Self::StaffLocked
            | Self::KioskOnly => Recovery::CallUs,
            Self::ConversationExpired => Recovery::RedoFromQuote,
            Self::SlotUnavailable | Self::SlotHoldExpired => Recovery::PickAnotherSlot,
            Self::NoSlotsAvailable => Recovery::ContinueUnscheduled,
            Self::HoldExpired | Self::HoldConfirmRejected | Self::HandoffUnusable => {
                Recovery::StartAgain
            }
            Self::HoldExtensionRefused => Recovery::Continue,
            Self::OrderOutcomeUnknown | Self::IdempotencyInFlight => Recovery::WaitForConfirmation,
        }
    }
}

/// RFC 9457 problem details with our extensions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ErrorCode,
    pub recovery: Recovery,
    pub correlation_id: String,
}

impl Problem {
    pub fn new(code: ErrorCode, detail: Option<String>, correlation_id: String) -> Self {
        let slug = serde_plain_code(code);
        Self {
            type_uri: format!("/problems/{slug}"),
            title: code.title().to_owned(),
            status: code.status(),
            detail,
            code,
            recovery: code.recovery(),
            correlation_id,
        }
    }
}

fn serde_plain_code(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidInput => "invalid_input",
        ErrorCode::SessionMissing => "session_missing",
        ErrorCode::CsrfRejected => "csrf_rejected",
        ErrorCode::ClientForbidden => "client_forbidden",
        ErrorCode::PartialContent => "partial_content",
        ErrorCode::UpstreamTimeout => "upstream_timeout",
        ErrorCode::UpstreamUnavailable => "upstream_unavailable",
        ErrorCode::Internal => "internal",
        ErrorCode::RuleViolated => "rule_violated",
        ErrorCode::ConversationExpired => "conversation_expired",
        ErrorCode::OrderSignedOff => "order_signed_off",
        ErrorCode::SlotUnavailable => "slot_unavailable",
        ErrorCode::NoSlotsAvailable => "no_slots_available",
        ErrorCode::ExistingCustomer => "existing_customer",
        ErrorCode::OutageDeclared => "outage_declared",
        ErrorCode::OrderRejected => "order_rejected",
        ErrorCode::HoldExpired => "hold_expired",
        ErrorCode::HoldNotOnHold => "hold_not_on_hold",
        ErrorCode::HoldExtensionRefused => "hold_extension_refused",
        ErrorCode::HoldConfirmRejected => "hold_confirm_rejected",
        ErrorCode::HoldCancelRefused => "hold_cancel_refused",
        ErrorCode::OperationReverted => "operation_reverted",
        ErrorCode::OrderOutcomeUnknown => "order_outcome_unknown",
        ErrorCode::RateLimited => "rate_limited",
        ErrorCode::OtpWrong => "otp_wrong",
        ErrorCode::OtpLocked => "otp_locked",
        ErrorCode::OtpExpired => "otp_expired",
        ErrorCode::NumberTaken => "number_taken",
        ErrorCode::NumberHoldExpired => "number_hold_expired",
        ErrorCode::SlotHoldExpired => "slot_hold_expired",
        ErrorCode::CreditRefused => "credit_refused",
        ErrorCode::TermsNotAccepted => "terms_not_accepted",
        ErrorCode::StepMissing => "step_missing",
        ErrorCode::NoTelephone => "no_telephone",
        ErrorCode::IdempotencyInFlight => "idempotency_in_flight",
        ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
        ErrorCode::NotFound => "not_found",
        ErrorCode::MethodNotAllowed => "method_not_allowed",
        ErrorCode::RequestTimeout => "request_timeout",
        ErrorCode::DetailsRefused => "details_refused",
        ErrorCode::StaffPinWrong => "staff_pin_wrong",
        ErrorCode::StaffLocked => "staff_locked",
        ErrorCode::StaffRequired => "staff_required",
        ErrorCode::KioskOnly => "kiosk_only",
        ErrorCode::HandoffUnusable => "handoff_unusable",
    }
}

/// Map an OCBO error body (seed `ocbo-ordering-process-a.txt`, "Response Details") to our code.
pub fn from_ocbo(client_code: &str, tech_code: &str) -> ErrorCode {
    match (client_code, tech_code) {
        ("CHTR-1018", _) | (_, "TECHMSG-0006") => ErrorCode::ClientForbidden,
        ("CHTR-4504", _) | (_, "TECHMSG-0001") => ErrorCode::PartialContent,
        // Seed cart: "the order will transition into an EXPIRED status and no longer be usable".
        (_, "ORDER_EXPIRED") => ErrorCode::HoldExpired,
        // Seed cart: "An Order cannot be extended if it or any of its bookings are not in the
        // ON_HOLD state".
        (_, "ORDER_NOT_ON_HOLD" | "ITEM_NOT_ON_HOLD") => ErrorCode::HoldNotOnHold,
        // Seed cart: "If the extension is rejected, an error must be returned to the client".
        (_, "EXTENSION_REFUSED") => ErrorCode::HoldExtensionRefused,
        // The sandbox's own codes for the later steps (docs/sandbox*.md "Error codes").
        (_, "OTP_WRONG") => ErrorCode::OtpWrong,
        (_, "OTP_LOCKED") => ErrorCode::OtpLocked,
        (_, "STAFF_PIN_WRONG") => ErrorCode::StaffPinWrong,
        (_, "STAFF_LOCKED") => ErrorCode::StaffLocked,
        (_, "OTP_EXPIRED" | "OTP_NOT_REQUESTED") => ErrorCode::OtpExpired,
        (_, "NUMBER_TAKEN" | "NUMBER_UNKNOWN") => ErrorCode::NumberTaken,
        (_, "NUMBER_HOLD_EXPIRED") => ErrorCode::NumberHoldExpired,
        (_, "SLOT_HOLD_EXPIRED") => ErrorCode::SlotHoldExpired,
        (_, "SLOT_UNKNOWN") => ErrorCode::SlotUnavailable,
        (_, "CREDIT_REFUSED") => ErrorCode::CreditRefused,
        (_, "TERMS_NOT_ACCEPTED") => ErrorCode::TermsNotAccepted,
        (
            _,
            "CREDIT_NOT_CHECKED"
            | "INSTALLATION_TYPE_MISSING"
            | "NUMBER_NOT_RESERVED"
            | "NOT_AUTHENTICATED"
            | "ORDER_EMPTY",
        ) => ErrorCode::StepMissing,
        // A field the back office refuses (the sandbox's `TECHMSG-0003`): the same request
        // fails the same way, so it is the customer's to fix, never "try again".
        ("CHTR-4000", "TECHMSG-0003") => ErrorCode::DetailsRefused,
        _ => crate::errors::UpstreamCode::find_in(tech_code)
            .map_or(ErrorCode::UpstreamUnavailable, |c| c.error_code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refused field (400 CHTR-4000) was mapped to 502 "try again": a retry fails the same.
    #[test]
    fn a_refused_field_is_the_customers_to_fix() {
        let code = from_ocbo("CHTR-4000", "TECHMSG-0003");
        assert_eq!(code, ErrorCode::DetailsRefused);
        assert_eq!(code.status(), 422);
        assert_eq!(code.recovery(), Recovery::FixInput);
    }

    #[test]
    fn type_uri_slug_matches_the_wire_code() {
        for code in ErrorCode::ALL {
            let wire = serde_json::to_value(code).unwrap();
            assert_eq!(wire.as_str().unwrap(), serde_plain_code(code));
        }
    }

    #[test]
    fn every_code_speaks_english_and_spanish() {
        for code in ErrorCode::ALL {
            assert_ne!(code.message(Lang::En), code.message(Lang::Es), "{code:?}");
            assert_eq!(code.title(), code.message(Lang::En));
            let r = code.recovery();
            assert_ne!(r.message(Lang::En), r.message(Lang::Es), "{r:?}");
        }
    }

    #[test]
    fn existing_titles_keep_their_wording() {
        assert_eq!(
            ErrorCode::ClientForbidden.title(),
            "Ordering online is not available right now."
        );
        assert_eq!(ErrorCode::ClientForbidden.recovery(), Recovery::CallUs);
        assert_eq!(ErrorCode::UpstreamTimeout.status(), 504);
    }

    /// Seed OCBO: "403 Forbidden CHTR-1018 TECHMSG-0006 … the client lacks authorization".
    #[test]
    fn chtr_1018_is_client_forbidden() {
        assert_eq!(
            from_ocbo("CHTR-1018", "TECHMSG-0006"),
            ErrorCode::ClientForbidden
        );
        assert_eq!(ErrorCode::ClientForbidden.status(), 403);
    }

    /// Seed cart: an expired hold, a refused extension and a non-held order each get their
    /// own stable code, so the app can say which.
    #[test]
    fn hold_failures_keep_their_meaning() {
        assert_eq!(
            from_ocbo("CHTR-4409", "ORDER_EXPIRED"),
            ErrorCode::HoldExpired
        );
        assert_eq!(
            from_ocbo("CHTR-4409", "EXTENSION_REFUSED"),
            ErrorCode::HoldExtensionRefused
        );
        assert_eq!(
            from_ocbo("CHTR-4409", "ORDER_NOT_ON_HOLD"),
            ErrorCode::HoldNotOnHold
        );
        assert_eq!(from_ocbo("2099", "J4U22A"), ErrorCode::SlotUnavailable);
        assert_eq!(from_ocbo("X", "Y"), ErrorCode::UpstreamUnavailable);
    }

    /// The sandbox's codes of the later steps keep their own meaning (docs/sandbox.md).
    #[test]
    fn later_step_codes_map_one_to_one() {
        assert_eq!(from_ocbo("CHTR-4401", "OTP_WRONG"), ErrorCode::OtpWrong);
        assert_eq!(from_ocbo("CHTR-4429", "OTP_LOCKED"), ErrorCode::OtpLocked);
        assert_eq!(ErrorCode::OtpLocked.status(), 429);
        assert_eq!(from_ocbo("CHTR-4409", "OTP_EXPIRED"), ErrorCode::OtpExpired);
        assert_eq!(
            from_ocbo("CHTR-4409", "NUMBER_TAKEN"),
            ErrorCode::NumberTaken
        );
        assert_eq!(
            from_ocbo("CHTR-4409", "SLOT_HOLD_EXPIRED"),
            ErrorCode::SlotHoldExpired
        );
        assert_eq!(
            from_ocbo("CHTR-4409", "CREDIT_REFUSED"),
            ErrorCode::CreditRefused
        );
        assert_eq!(
            from_ocbo("CHTR-4000", "TERMS_NOT_ACCEPTED"),
            ErrorCode::TermsNotAccepted
        );
        assert_eq!(
            from_ocbo("CHTR-4409", "INSTALLATION_TYPE_MISSING"),
            ErrorCode::StepMissing
        );
        assert_eq!(from_ocbo("2099", "DRO30E"), ErrorCode::ConversationExpired);
    }

    /// Seed OCBO: "400 Bad Request CHTR-4504 TECHMSG-0001 … reports only partial content".
    #[test]
    fn chtr_4504_is_partial_content() {
        assert_eq!(
            from_ocbo("CHTR-4504", "TECHMSG-0001"),
            ErrorCode::PartialContent
        );
    }
}
