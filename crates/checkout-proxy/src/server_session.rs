//! What the proxy keeps for one browser session: what upstream handed out, and the facts later
//! calls need (which address, which order), so the browser never has to send them back.

use crate::secret::Secret;
use crate::session_steps::{Identity, PendingOrder, Steps};
use checkout_core::cart::Cart;
use checkout_core::{Market, StreetAddress, Technology};
use serde::{Deserialize, Serialize};

/// Server-side state of one browser session: what upstream handed out, and the facts later
/// calls need (which address, which order), so the browser never has to send them back.
/// The kiosk's parts are boxed: every request's handler future holds a session, and a few
/// hundred bytes more of it are copied each time that future moves.
/// Stored as JSON in the session table; `Debug` still never shows the upstream id.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServerSession {
    #[serde(with = "crate::secret::secret_text", default)]
    pub upstream_session_id: Option<Secret>,
    /// The address found serviceable, and by what.
    #[serde(default)]
    pub eligible: Option<EligibleAddress>,
    /// The upstream order holding the customer's cart.
    #[serde(default)]
    pub order: Option<HeldOrder>,
    /// The identity step, once passed (survives a new cart: it is about the person).
    #[serde(default)]
    pub identity: Option<Identity>,
    /// The steps after the cart, for the order held now.
    #[serde(default)]
    pub steps: Steps,
    /// A productOrder whose answer was lost, until the back office is asked again and says
    /// (place_order.rs). While it is set, nothing may re-quote, re-hold or order again.
    #[serde(default)]
    pub pending_order: Option<PendingOrder>,
    /// The answer of the order placed on the held cart (`OrderPlaced` JSON): another tab's
    /// (or key's) place-order for the same cart gets it too, not a second order or a refusal.
    /// Cleared when a new cart is held.
    #[serde(default)]
    pub placed_order: Option<String>,
    /// An order placed whose held order was not confirmed: the contact to confirm it with,
    /// tried again when the order's status is asked for.
    #[serde(default)]
    pub pending_confirm: Option<serde_json::Value>,
    /// The credit check refused this browser session's customer: it stays refused for every
    /// cart held in the session, whatever is typed next (docs/sandbox.md, "Credit").
    #[serde(default)]
    pub credit_refused: bool,
    /// The partner whose embed started this session (docs/embedding.md): its key is good only
    /// from that partner's frame, and its order carries that partner's attribution.
    #[serde(default)]
    pub partner: Option<String>,
    /// The kiosk this customer's session was started on (docs/kiosk.md): its key works only
    /// with that device's cookie beside it, its orders carry that store's codes and the
    /// employee signed in there, and the kiosk's reset ends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kiosk: Option<String>,
    /// A kiosk's JM or PA order (handlers/kiosk_order.rs): the attempt under way, or placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kiosk_order: Option<Box<KioskAttempt>>,
    /// Set on a kiosk's own record (kiosk_device.rs), never on a customer's session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Box<DeviceState>>,
    /// Set on a hand-off record only: the session it carries is the customer's until this
    /// instant (ms since the epoch), for a phone to claim once. (Such a record keeps `kiosk`,
    /// the kiosk that showed the link, to tell it when the phone has it.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff_until: Option<i64>,
}

impl ServerSession {
    /// Whether this record is a customer's session a browser may present: not a kiosk's own
    /// record, nor a hand-off waiting to be claimed.
    pub fn is_customers(&self) -> bool {
        self.device.is_none() && self.handoff_until.is_none()
    }
}

/// One JM or PA order attempt at a kiosk. These bodies carry no quote or `externalId` by
/// which the back office could recognise a retry, so the billing account opened for the attempt
/// is what finds its order again when the answer was lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskAttempt {
    /// Its `Idempotency-Key`.
    pub key: String,
    /// The hash of its request (the same order asked for again is answered, not placed again).
    pub request_hash: String,
    /// The billing account opened for it, once opened.
    #[serde(default)]
    pub billing_account: Option<String>,
    /// When it began (ms since the epoch).
    pub started_ms: i64,
    /// Its answer (`KioskOrderPlaced` JSON), once placed.
    #[serde(default)]
    pub placed: Option<String>,
    /// The back office's answer to its productOrder was lost (a timeout): the order may exist.
    #[serde(default)]
    pub lost: bool,
}

/// What the proxy keeps about one kiosk between customers: who is signed in there, and
/// whether a customer asked for help.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceState {
    /// The employee signed in, with the ids the back office gave (never sent to the page).
    #[serde(default)]
    pub staff: Option<checkout_core::kiosk::StaffMember>,
    #[serde(default)]
    pub help_requested: bool,
    /// A hand-off link shown here waits for its phone until this instant (ms since the epoch).
    #[serde(default)]
    pub handoff_until: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibleAddress {
    pub address: StreetAddress,
    pub technology: Technology,
    /// Which market's order body to build (absent in sessions stored before it was kept).
    #[serde(default)]
    pub market: Option<Market>,
    /// Jamaica and Panama: the address as the back office knows it, with its exchanges (what
    /// a kiosk's order for that market needs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_address: Option<Box<checkout_core::kiosk::MarketAddress>>,
    /// The eligibility answer's existing-customer warning (seed 004 ORV59I).
    #[serde(default)]
    pub existing_customer: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeldOrder {
    pub id: String,
    /// The cart as the rules accepted it when it was held (re-checked when read back).
    pub cart: Cart,
    /// The address, market and technology the cart was held for: the order is placed there,
    /// whatever the session's address says later. `None` only in sessions stored before it
    /// was kept; such an order must be held again before it can be placed.
    #[serde(default)]
    pub at: Option<EligibleAddress>,
}
