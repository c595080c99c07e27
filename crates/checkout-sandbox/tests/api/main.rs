//! The sandbox's integration tests over real HTTP on 127.0.0.1, called as the proxy would call
//! it. One test binary with a module per subject: one link instead of one per file.

#![allow(clippy::unwrap_used)] // test set-up: a failure should panic loudly

mod checkout;
mod credentials;
mod http;
mod identity;
mod kiosk;
mod openapi;
mod orders;
mod support;
