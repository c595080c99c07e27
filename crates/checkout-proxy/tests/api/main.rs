//! The proxy's integration tests: the real proxy and the real sandbox, each on its own
//! 127.0.0.1 port, talking real HTTP. One test binary with a module per subject (as in
//! *Zero To Production*): one link and one copy of the dependencies' generic code instead of
//! one per file.

#![allow(clippy::unwrap_used)] // test set-up: a failure should panic loudly

mod address;
mod cart;
mod embed;
mod hardening;
mod integrity;
mod kiosk;
mod lost_answer;
mod openapi;
mod order_flow;
mod storage;
mod support;
mod workers;
