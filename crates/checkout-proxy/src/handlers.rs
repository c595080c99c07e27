//! The API's handlers, one file per step of the flow. Each takes what it needs as extractors
//! (extract.rs, held_session.rs) and calls the back office through the typed client (upstream.rs); none
//! is imported by anything below it.

pub mod cart;
pub mod checkout;
pub mod credit;
pub mod eligibility;
pub mod embed;
pub mod fulfillment;
pub mod handoff;
pub mod identity;
pub mod kiosk;
pub mod kiosk_order;
pub mod kiosk_pages;
pub mod numbers;
pub mod place_order;
pub mod quote;
pub mod review;
pub mod slots;
