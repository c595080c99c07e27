//! The upstream (OCBO / BSS) contract as far as the proxy and the sandbox must agree on it:
//! header names, the session call, and the serviceability check.
//!
//! Seed `ocbo-ordering-process-a.txt`: `POST /session` takes `authorization` (OAuth2 bearer)
//! and `client-id`, and returns a new `session-id`; every later call carries both ids.

use crate::wire::{Alternative, Eligibility, NotServedBecause};
use crate::{Market, Technology};
use serde::{Deserialize, Serialize};

/// Header names exactly as the seeds spell them.
pub mod header {
    pub const AUTHORIZATION: &str = "authorization";
    pub const CLIENT_ID: &str = "client-id";
    pub const CLIENT_SECRET: &str = "client-secret";
    pub const SESSION_ID: &str = "session-id";
    pub const CORRELATION_ID: &str = "correlationId";
    pub const LOB: &str = "lob";
    pub const CHANNEL_ID: &str = "channelId";
    pub const CONVERSATION_ID: &str = "X-Conversation-Id";
    /// The back office's clock on every answer (RFC 3339, UTC): the holds' deadlines are its.
    pub const SERVER_TIME: &str = "x-server-time";
}

/// Values the seeds fix for this channel (seed 004, "Headers").
pub const LOB_FIXED: &str = "FIXED";
pub const CHANNEL_ECOM: &str = "ECOM";

/// Upstream paths (relative to the configured base URL).
pub mod path {
    pub const TOKEN: &str = "/oauth2/token";
    pub const SESSION: &str = "/session";
    pub const SERVICEABILITY: &str = "/v1/serviceability";
    pub const OFFERS: &str = "/v1/offers";
    pub const ORDER_CREATE: &str = "/v1/order/create";
    /// `/v1/order/{id}` (fetch; DELETE cancels).
    pub fn order(id: &str) -> String {
        format!("/v1/order/{id}")
    }
    /// `/v1/order/{id}/extend`.
    pub fn order_extend(id: &str) -> String {
        format!("/v1/order/{id}/extend")
    }
}

/// OAuth2 client-credentials token response (RFC 6749 §5.1).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
}

/// `POST /session` response body: the signed JWT carrying client-id and session-id. The
/// session-id itself also comes back in the `session-id` response header.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionResponse {
    pub token: String,
}

/// Body of the serviceability (address eligibility) check.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceabilityRequest {
    pub street_address: String,
}

/// Why an address cannot be served, as upstream reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UnserviceableReason {
    /// No network passes the address.
    NoNetwork,
    /// Network is planned for the area.
    NetworkPlanned,
}

/// Serviceability answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceabilityResponse {
    pub serviceable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<Technology>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<Market>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<UnserviceableReason>,
    /// Seed 004 "Key Considerations" 1: an existing customer at the location (warning ORV59I).
    #[serde(default)]
    pub existing_customer: bool,
    /// Jamaica and Panama: the address as the BSS knows it, with its exchange data (seed 004's
    /// JM and PA bodies need both). Kept by the proxy for a kiosk's order; never sent on. Boxed:
    /// the answer lives in every eligibility call's future, which moves a few times per call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_address: Option<Box<crate::kiosk::MarketAddress>>,
}

/// Upstream said "serviceable" but left out what we need to go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("serviceability answer is missing {0}")]
pub struct IncompleteAnswer(pub &'static str);

impl ServiceabilityResponse {
    /// Translate the upstream answer into what the customer is told.
    pub fn into_eligibility(self) -> Result<Eligibility, IncompleteAnswer> {
        if self.serviceable {
            Ok(Eligibility::Serviceable {
                technology: self.technology.ok_or(IncompleteAnswer("technology"))?,
                market: self.market.ok_or(IncompleteAnswer("market"))?,
                existing_customer: self.existing_customer,
            })
        } else {
            Ok(
                match self.reason.unwrap_or(UnserviceableReason::NoNetwork) {
                    UnserviceableReason::NoNetwork => Eligibility::NotServiceable {
                        because: NotServedBecause::NoNetworkAtAddress,
                        alternative: Alternative::ContactUs,
                    },
                    UnserviceableReason::NetworkPlanned => Eligibility::NotServiceable {
                        because: NotServedBecause::NetworkNotYetBuilt,
                        alternative: Alternative::NotifyWhenAvailable,
                    },
                },
            )
        }
    }
}

/// `POST /v1/order/create` (seed direct-fulfillment step 4, "Shopping Cart").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrderRequest {
    pub street_address: String,
    pub items: Vec<OrderItemInput>,
}

/// One product put in the upstream cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderItemInput {
    pub product_code: String,
    pub quantity: u8,
}

/// `POST /v1/order/{id}/extend` (seed cart: "a reason for the extension, along with a
/// requested amount of time (in minutes)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtendRequest {
    pub reason: String,
    pub minutes: u32,
}

/// `DELETE /v1/order/{id}` (seed cart: "The client must provide a reason for the
/// cancellation in the request body").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelRequest {
    pub reason: String,
}

/// The parts of an upstream order the proxy needs: its id, status and hold (the sandbox's
/// answer carries more, which we ignore).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderHoldView {
    pub id: String,
    /// `ON_HOLD`, `EXPIRED`, `CONFIRMED` or `CANCELLED` (seed cart).
    pub status: String,
    pub utc_expires_at: String,
    /// The latest `utcExpiresAt` an extension can reach, when upstream says.
    #[serde(default)]
    pub utc_max_expires_at: Option<String>,
}

/// An upstream error body as the OCBO seed shows it: client code + tech code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OcboError {
    pub client_code: String,
    pub tech_code: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serviceable_without_technology_is_incomplete() {
        let r = ServiceabilityResponse {
            serviceable: true,
            technology: None,
            market: Some(Market::PuertoRico),
            reason: None,
            existing_customer: false,
            market_address: None,
        };
        assert_eq!(r.into_eligibility(), Err(IncompleteAnswer("technology")));
    }

    #[test]
    fn planned_network_offers_a_notification() {
        let r = ServiceabilityResponse {
            serviceable: false,
            technology: None,
            market: None,
            reason: Some(UnserviceableReason::NetworkPlanned),
            existing_customer: false,
            market_address: None,
        };
        assert_eq!(
            r.into_eligibility(),
            Ok(Eligibility::NotServiceable {
                because: NotServedBecause::NetworkNotYetBuilt,
                alternative: Alternative::NotifyWhenAvailable,
            })
        );
    }
}
