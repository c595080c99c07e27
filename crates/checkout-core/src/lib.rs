//! The checkout's domain, shared by the browser app, the proxy and the sandbox.
//!
//! Everything both sides of the wire must agree on lives here exactly once: the parsed input
//! types, the business rules from the seeds, the deadlines of every hold, the error catalog
//! and the serde wire types of `/api/v1`. The browser uses it to answer instantly; the proxy
//! uses the very same code to re-check before anything goes upstream.
//!
//! This crate must never do I/O: it builds for `wasm32-unknown-unknown` and native alike.

pub mod address;
pub mod cart;
pub mod catalog;
pub mod compose;
pub mod deadlines;
pub mod embed;
pub mod errors;
pub mod flow;
pub mod installation;
pub mod instant;
pub mod jm_pa_order;
pub mod kiosk;
pub mod lang;
pub mod market_time;
pub mod notices;
pub mod ocbo;
pub mod pr_order;
pub mod problem;
pub mod rules;
pub mod theme;
pub mod tmf622;
pub mod wire;
pub mod wire_order;

pub use address::{InputError, StreetAddress};
pub use catalog::{Market, Technology};
pub use instant::UtcMillis;
pub use lang::Lang;
pub use rules::RuleViolation;
