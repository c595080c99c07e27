//! The checkout's domain, shared by the browser app, the proxy and the sandbox.
//!
//! Everything both sides of the wire must agree on lives here exactly once: the parsed input
//! types, the business rules from the seeds, the deadlines of every hold, the error catalog
//! and the serde wire types of `/api/v1`. The browser uses it to answer instantly; the proxy
//! uses the very same code to re-check before anything goes upstream.
//!
//! This crate must never do I/O: it builds for `wasm32-unknown-unknown` and native alike.

pub mod address;
pub mod catalog;
pub mod ocbo;
pub mod problem;
pub mod wire;

pub use address::{InputError, StreetAddress};
pub use catalog::{Market, Technology};
