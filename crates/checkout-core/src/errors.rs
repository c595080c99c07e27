//! The error catalog: every upstream failure the seeds name, and every transport failure,
//! mapped to one stable [`ErrorCode`] (which carries the en/es message and the recovery).
//!
//! Upstream text is read here and nowhere else, so the proxy never shows a BSS string to a
//! customer and the app never has to know one.

use crate::notices::mentions;
use crate::problem::{ErrorCode, from_ocbo};
use serde::{Deserialize, Deserializer, Serialize};

/// An upstream code that appears in the seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UpstreamCode {
    /// OCBO `CHTR-4504` / `TECHMSG-0001`: partial content (400).
    Chtr4504,
    /// OCBO `CHTR-1018` / `TECHMSG-0006`: client not authorised (403).
    Chtr1018,
    /// `DRO30E - REF CDA NOT FOUND`: expired `X-Conversation-Id`.
    Dro30e,
    /// `SERV_CD-MAP15E - FIELD PROTECTED, CANNOT UPDATE`: order signed off.
    Map15e,
    /// `SCHED_TM-JBE10E-INVALID SCHEDULED TIME OF DAY`.
    Jbe10e,
    /// `JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL`: all slots booked.
    J4u22a,
    /// `ADP10E-NO DATES AVAILABLE FOR THIS JOB`.
    Adp10e,
    /// `JOB_UNSCHED_ALRT`.
    JobUnschedAlrt,
    /// `ORV59I - EXISTING CUSTOMER AT LOCATION`.
    Orv59i,
    /// `OTG`: outage declared.
    Otg,
}

impl UpstreamCode {
    pub const ALL: [Self; 10] = [
        Self::Chtr4504,
        Self::Chtr1018,
        Self::Dro30e,
        Self::Map15e,
        Self::Jbe10e,
        Self::J4u22a,
        Self::Adp10e,
        Self::JobUnschedAlrt,
        Self::Orv59i,
        Self::Otg,
    ];

    /// The code as it appears in upstream text.
    pub fn token(self) -> &'static str {
        match self {
            Self::Chtr4504 => "CHTR-4504",
            Self::Chtr1018 => "CHTR-1018",
            Self::Dro30e => "DRO30E",
            Self::Map15e => "MAP15E",
            Self::Jbe10e => "JBE10E",
            Self::J4u22a => "J4U22A",
            Self::Adp10e => "ADP10E",
            Self::JobUnschedAlrt => "JOB_UNSCHED_ALRT",
            Self::Orv59i => "ORV59I",
            Self::Otg => "OTG",
        }
    }

    pub fn error_code(self) -> ErrorCode {
        match self {
            Self::Chtr4504 => ErrorCode::PartialContent,
            Self::Chtr1018 => ErrorCode::ClientForbidden,
            Self::Dro30e => ErrorCode::ConversationExpired,
            Self::Map15e => ErrorCode::OrderSignedOff,
            Self::Jbe10e | Self::J4u22a => ErrorCode::SlotUnavailable,
            Self::Adp10e | Self::JobUnschedAlrt => ErrorCode::NoSlotsAvailable,
            Self::Orv59i => ErrorCode::ExistingCustomer,
            Self::Otg => ErrorCode::OutageDeclared,
        }
    }

    /// The first seed code mentioned in `text` (in the order of [`UpstreamCode::ALL`]).
    pub fn find_in(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| mentions(text, c.token()))
    }
}

/// Seed 004 "Error Scenarios" body: `{"errors":[{"code":400,"message":…,"description":…}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BssErrorBody {
    pub errors: Vec<BssError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BssError {
    /// A number in the seed; read a string too.
    #[serde(deserialize_with = "code_text")]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub description: String,
}

fn code_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        S(String),
        N(i64),
    }
    Ok(match Code::deserialize(d)? {
        Code::S(s) => s,
        Code::N(n) => n.to_string(),
    })
}

impl BssErrorBody {
    /// The seed code of the first error that names one.
    pub fn upstream_code(&self) -> Option<UpstreamCode> {
        self.errors.iter().find_map(|e| {
            UpstreamCode::find_in(&e.description).or_else(|| UpstreamCode::find_in(&e.message))
        })
    }

    /// Seed 004, "Key Considerations" 16: "Any Error during execution of underlying BSS
    /// Webservice will be passes to Client" — an error we cannot name is still a refusal.
    pub fn error_code(&self) -> ErrorCode {
        self.upstream_code()
            .map_or(ErrorCode::OrderRejected, UpstreamCode::error_code)
    }
}

/// How an order-hold operation failed (seed `order-cart-holds.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldFailure {
    /// "the order will transition into an EXPIRED status and no longer be usable".
    Expired,
    /// "New bookings can only be added to an Order while it is in the ON_HOLD status" /
    /// "An Order cannot be extended if it or any of its bookings are not in the ON_HOLD state".
    NotOnHold,
    /// "If the extension is rejected, an error must be returned to the client."
    ExtensionRefused,
    /// "If any object is not in the ON_HOLD state, or if any object has a utcHoldExpiration
    /// time in the past, the confirmation request may be REJECTED."
    ConfirmRejected,
    /// "If the Order has already been confirmed, the OBS may accept or reject the cancellation".
    CancelRefused,
    /// "if any one booking operation fails, the entire Order operation should fail … reverted".
    Reverted,
}

impl HoldFailure {
    pub fn error_code(self) -> ErrorCode {
        match self {
            Self::Expired => ErrorCode::HoldExpired,
            Self::NotOnHold => ErrorCode::HoldNotOnHold,
            Self::ExtensionRefused => ErrorCode::HoldExtensionRefused,
            Self::ConfirmRejected => ErrorCode::HoldConfirmRejected,
            Self::CancelRefused => ErrorCode::HoldCancelRefused,
            Self::Reverted => ErrorCode::OperationReverted,
        }
    }
}

/// A failure below HTTP semantics, or an HTTP status without a body we recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "status")]
pub enum TransportFailure {
    /// No answer in time on a call that is safe to repeat.
    Timeout,
    /// No answer in time on the order submit: it may have been placed (DESIGN §3 step 12).
    SubmitTimeout,
    /// Connection refused, reset, DNS…
    Unreachable,
    /// An answer we could not parse.
    Unreadable,
    /// An HTTP status with no body we recognise.
    Status(u16),
}

impl TransportFailure {
    pub fn error_code(self) -> ErrorCode {
        match self {
            Self::Timeout => ErrorCode::UpstreamTimeout,
            Self::SubmitTimeout => ErrorCode::OrderOutcomeUnknown,
            Self::Unreachable | Self::Unreadable => ErrorCode::UpstreamUnavailable,
            Self::Status(401) => ErrorCode::UpstreamUnavailable,
            Self::Status(403) => ErrorCode::ClientForbidden,
            Self::Status(504) => ErrorCode::UpstreamTimeout,
            Self::Status(_) => ErrorCode::UpstreamUnavailable,
        }
    }
}

/// Any failure the proxy meets, classified once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// OCBO body with client and tech codes.
    Ocbo {
        client_code: String,
        tech_code: String,
    },
    /// TMF-622 `errors[]` body.
    Bss(BssErrorBody),
    Hold(HoldFailure),
    Transport(TransportFailure),
}

impl Failure {
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Self::Ocbo {
                client_code,
                tech_code,
            } => from_ocbo(client_code, tech_code),
            Self::Bss(body) => body.error_code(),
            Self::Hold(h) => h.error_code(),
            Self::Transport(t) => t.error_code(),
        }
    }
}

/// How many one-time-password tries the back office says are left, from its message
/// ("wrong one-time password; 2 attempt(s) left"), so the customer is told before the
/// lockout rather than surprised by it. `None` when the message does not say.
pub fn attempts_left(message: &str) -> Option<u32> {
    let before = message.split(" attempt").next()?;
    if before.len() == message.len() {
        return None;
    }
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod attempts_tests {
    use super::attempts_left;

    /// Issue 24 (13): the back office says the tries left; the customer was never told.
    #[test]
    fn the_tries_left_are_read_from_the_back_offices_words() {
        assert_eq!(
            attempts_left("wrong one-time password; 2 attempt(s) left"),
            Some(2)
        );
        assert_eq!(attempts_left("1 attempt left"), Some(1));
        assert_eq!(attempts_left("wrong one-time password"), None);
        assert_eq!(attempts_left("no attempt(s) left"), None);
    }
}
