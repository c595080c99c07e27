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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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

/// The published contract (`public/embed/v1.schema.json`, `public/embed/v1.d.ts`), derived from
/// the types above: the test fails when they differ, and `UPDATE_EMBED_CONTRACT=1 cargo test -p
/// checkout-core --lib embed` writes them again.
#[cfg(test)]
mod contract {
    use super::EmbedEvent;
    use serde_json::{Value, json};
    use std::fmt::Write as _;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/embed");

    /// The envelope around the event union (which schemars derives from `EmbedEvent`).
    fn schema() -> Value {
        let mut event = serde_json::to_value(schemars::schema_for!(EmbedEvent))
            .unwrap_or_else(|e| panic!("{e}"));
        let definitions = event
            .as_object_mut()
            .and_then(|o| o.remove("definitions"))
            .unwrap_or_else(|| json!({}));
        let one_of = event["oneOf"].clone();
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "TelcoCheckoutEvent",
            "description": "An event the embedded checkout posts (docs/embedding.md). Generated from checkout_core::embed; do not edit.",
            "type": "object",
            "required": ["v", "id", "seq", "ts", "type"],
            "properties": {
                "v": {"const": super::VERSION},
                "id": {"type": "string"},
                "seq": {"type": "integer", "minimum": 1},
                "ts": {"type": "integer"}
            },
            "oneOf": one_of,
            "definitions": definitions
        })
    }

    /// The string values a schema allows: `enum`, or a `oneOf` of one-value enums.
    fn literals(s: &Value) -> Option<Vec<String>> {
        if let Some(e) = s["enum"].as_array() {
            return Some(
                e.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            );
        }
        let alts = s["oneOf"].as_array()?;
        alts.iter()
            .map(|a| a["enum"].as_array()?.first()?.as_str().map(str::to_owned))
            .collect()
    }

    fn ts_type(s: &Value) -> String {
        if let Some(r) = s["$ref"].as_str() {
            return r.rsplit('/').next().unwrap_or("unknown").to_owned();
        }
        if let Some(l) = literals(s) {
            return l
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(" | ");
        }
        match s["type"].as_str() {
            Some("integer" | "number") => "number".into(),
            Some("string") => "string".into(),
            Some("boolean") => "boolean".into(),
            Some("object") => {
                let required: Vec<&str> = s["required"]
                    .as_array()
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let mut out = String::from("{ ");
                if let Some(props) = s["properties"].as_object() {
                    for (k, v) in props {
                        let opt = if required.contains(&k.as_str()) {
                            ""
                        } else {
                            "?"
                        };
                        let _ = write!(out, "{k}{opt}: {}; ", ts_type(v));
                    }
                }
                out.push('}');
                out
            }
            _ => "unknown".into(),
        }
    }

    fn typescript(schema: &Value) -> String {
        let mut out = String::from(
            "// The embedded checkout's events (docs/embedding.md). Generated from checkout_core::embed\n\
             // by its unit test; do not edit.\n\n",
        );
        if let Some(defs) = schema["definitions"].as_object() {
            for (name, def) in defs {
                let _ = writeln!(out, "export type {name} = {};", ts_type(def));
            }
        }
        out.push_str(
            "\n/** The envelope every event comes in. */\n\
             export interface Envelope<T extends string, D = undefined> {\n  \
             v: 1;\n  id: string;\n  seq: number;\n  ts: number;\n  type: T;\n  data: D;\n}\n\n",
        );
        let mut names = Vec::new();
        let mut union = Vec::new();
        for variant in schema["oneOf"].as_array().into_iter().flatten() {
            let Some(t) = variant["properties"]["type"]["enum"][0].as_str() else {
                continue;
            };
            let data = variant["properties"]
                .get("data")
                .map_or_else(|| "undefined".to_owned(), ts_type);
            union.push(format!("Envelope<'{t}', {data}>"));
            names.push((t.to_owned(), data));
        }
        let _ = writeln!(
            out,
            "export type TelcoCheckoutEvent =\n  | {};\n",
            union.join("\n  | ")
        );
        out.push_str("declare global {\n  interface HTMLElementEventMap {\n");
        for (t, data) in names {
            let _ = writeln!(
                out,
                "    'telco-checkout:{t}': CustomEvent<Envelope<'{t}', {data}>>;"
            );
        }
        out.push_str("  }\n}\n");
        out
    }

    #[test]
    fn the_published_schema_and_declaration_are_the_types() {
        let schema = schema();
        let files = [
            (
                "v1.schema.json",
                serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n",
            ),
            ("v1.d.ts", typescript(&schema)),
        ];
        for (name, text) in files {
            let path = format!("{DIR}/{name}");
            if std::env::var_os("UPDATE_EMBED_CONTRACT").is_some() {
                std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
            }
            let published = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                published == text,
                "{path} is not what checkout_core::embed says: run UPDATE_EMBED_CONTRACT=1 cargo test -p checkout-core --lib embed"
            );
        }
    }
}
