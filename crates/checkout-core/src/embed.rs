//! What the checkout tells a partner page that embeds it: typed, versioned events, posted by the
//! frame and re-dispatched by the loader (`public/embed/v1.js`) on the partner's element as
//! `CustomEvent`s. One envelope, `{v, id, seq, ts, type, data}`.
//!
//! Events carry no personal data: no name, address, phone, e-mail, SSN digits or birth date.
//! The types here make that hard to get wrong: no variant has a field that could hold free text
//! a customer typed; an order is named by its reference and totals, a failure by its stable code.
//! The TypeScript declaration and JSON Schema partners read are written from this enum
//! (`docs/embedding.md`, `public/embed/v1.d.ts`, `public/embed/v1.schema.json`), and a test
//! checks every variant against the schema.

use crate::UtcMillis;
use crate::deadlines::HoldKind;
use crate::flow::Step;
use crate::problem::ErrorCode;
use serde::{Deserialize, Serialize};

/// The version of the envelope and its events; a breaking change is a new version.
pub const VERSION: u32 = 1;

/// What happened, with what a partner may know of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum EmbedEvent {
    /// The checkout is loaded and working.
    Ready,
    /// The customer is on this step now.
    StepViewed { step: StepName },
    /// A hold is about to lapse (the customer was warned).
    HoldWarning { hold: HoldName, seconds_left: u32 },
    /// A hold lapsed (the checkout gets it again by itself).
    HoldLapsed { hold: HoldName },
    /// The order is placed: its reference and what it costs, nothing about who ordered.
    OrderPlaced {
        reference: String,
        monthly_total: String,
        one_time_total: String,
        currency: String,
    },
    /// Something failed, by its stable code.
    Error { code: ErrorCode },
    /// The frame's content is this tall now (CSS pixels): the loader sizes the iframe to it.
    Resize { height: u32 },
}

/// An event as posted: the envelope around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// [`VERSION`].
    pub v: u32,
    /// Unique per event (the frame's counter, prefixed per page load).
    pub id: String,
    /// Order of events from one frame, from 1.
    pub seq: u64,
    /// When, in milliseconds since the epoch (the device's clock).
    pub ts: UtcMillis,
    #[serde(flatten)]
    pub event: EmbedEvent,
}

/// The steps, as partners name them (stable, independent of the app's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepName {
    Address,
    Identity,
    Packages,
    Cart,
    Credit,
    Installation,
    Number,
    Terms,
    Slot,
    Prices,
    Review,
    Placing,
    Confirmed,
}

impl From<Step> for StepName {
    fn from(step: Step) -> Self {
        match step {
            Step::Address => Self::Address,
            Step::Identity => Self::Identity,
            Step::Offers => Self::Packages,
            Step::Cart => Self::Cart,
            Step::Credit => Self::Credit,
            Step::Installation => Self::Installation,
            Step::Number => Self::Number,
            Step::Terms => Self::Terms,
            Step::Slot => Self::Slot,
            Step::Quote => Self::Prices,
            Step::Review => Self::Review,
            Step::Placing => Self::Placing,
            Step::Confirmed => Self::Confirmed,
        }
    }
}

/// The holds, as partners name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldName {
    Cart,
    Number,
    Slot,
    Prices,
}

impl From<HoldKind> for HoldName {
    fn from(kind: HoldKind) -> Self {
        match kind {
            HoldKind::Cart => Self::Cart,
            HoldKind::NumberReservation => Self::Number,
            HoldKind::Slot => Self::Slot,
            HoldKind::Quote => Self::Prices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope(event: EmbedEvent) -> serde_json::Value {
        serde_json::to_value(Envelope {
            v: VERSION,
            id: "p1-1".into(),
            seq: 1,
            ts: UtcMillis(1_764_590_400_000),
            event,
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_envelope_is_flat_with_type_and_data() {
        assert_eq!(
            envelope(EmbedEvent::StepViewed {
                step: Step::Quote.into()
            }),
            serde_json::json!({
                "v": 1, "id": "p1-1", "seq": 1, "ts": 1_764_590_400_000_i64,
                "type": "step_viewed", "data": {"step": "prices"}
            })
        );
        assert_eq!(
            envelope(EmbedEvent::Ready),
            serde_json::json!({"v": 1, "id": "p1-1", "seq": 1, "ts": 1_764_590_400_000_i64, "type": "ready"})
        );
    }

    #[test]
    fn every_event_reads_back_as_written() {
        for event in [
            EmbedEvent::Ready,
            EmbedEvent::StepViewed {
                step: StepName::Review,
            },
            EmbedEvent::HoldWarning {
                hold: HoldKind::Cart.into(),
                seconds_left: 25,
            },
            EmbedEvent::HoldLapsed {
                hold: HoldName::Number,
            },
            EmbedEvent::OrderPlaced {
                reference: "ORD-1".into(),
                monthly_total: "59.99".into(),
                one_time_total: "0.00".into(),
                currency: "USD".into(),
            },
            EmbedEvent::Error {
                code: ErrorCode::UpstreamTimeout,
            },
            EmbedEvent::Resize { height: 812 },
        ] {
            let v = envelope(event.clone());
            let back: Envelope = serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back.event, event);
        }
    }
}
