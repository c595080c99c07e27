//! The domain's integration tests: each rule against its seed, the state machine, the error
//! catalog, golden bodies and properties. One test binary with a module per subject.

#![allow(clippy::unwrap_used)] // test set-up: a failure should panic loudly

mod compose;
mod error_catalog;
mod flow;
mod golden;
mod properties;
mod rules;
mod tmf622_checker;
mod tmf622_schema;
