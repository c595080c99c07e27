//! What the steps after the cart leave in the browser's server-side session: the upstream ids
//! and facts later steps need (customer and billing account, credit decision, installation,
//! number and slot holds, the quote's conversation). None of it ever goes to the browser; each
//! field is optional with a serde default, so sessions stored before these steps existed still
//! read back.

use crate::config::Secret;
use checkout_core::deadlines::Hold;
use checkout_core::installation::{CreditResult, InstallationKind};
use checkout_core::wire_order::{CreditOutcome, InstallOption};
use serde::{Deserialize, Serialize};

/// The identity step (DESIGN §3 step 2), once the code was right.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// The account found for the contact, if any.
    #[serde(default)]
    pub customer: Option<KnownAccount>,
}

/// An existing customer's upstream ids.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KnownAccount {
    pub id: String,
    pub name: String,
    pub billing_account_id: String,
}

/// The credit decision of the held order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditState {
    /// `None` when refused: nothing can be installed.
    pub result: Option<CreditResult>,
    pub install_options: Vec<InstallOption>,
    /// The `CreditLimit` note value upstream gave.
    #[serde(default)]
    pub credit_limit: Option<String>,
    /// What the customer was told, answered again when an adverse decision stands.
    #[serde(default)]
    pub outcome: Option<CreditOutcome>,
}

impl CreditState {
    /// Refused, or approved only with a deposit: such a decision stands for the order.
    pub fn is_adverse(&self) -> bool {
        self.result != Some(CreditResult::Approved)
    }
}

/// A reserved telephone number and when its reservation lapses.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservedNumber {
    pub number: String,
    pub hold: Hold,
}

/// A slot the search offered, as the proxy remembers it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedSlot {
    pub id: String,
    pub start: checkout_core::UtcMillis,
    pub end: checkout_core::UtcMillis,
}

/// The last slot search: what it offered and until when it holds them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotOffer {
    pub slots: Vec<OfferedSlot>,
    pub hold: Hold,
}

/// The technician appointment chosen.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "choice")]
pub enum ChosenSlot {
    Slot { slot: OfferedSlot, hold: Hold },
    Unscheduled,
}

/// What the quote answered that the order body needs (seed 004 Key Considerations 20–22).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteState {
    /// `X-Conversation-Id`: the BSS conversation productOrder must name.
    #[serde(with = "crate::secret::secret_text", default)]
    pub conversation_id: Option<Secret>,
    /// The temporary order id → `externalId`.
    pub external_id: String,
    pub billing_account_id: String,
    pub job_type: String,
    #[serde(default)]
    pub telephone_number: Option<String>,
    #[serde(default)]
    pub credit_limit: Option<String>,
    /// Whether the quote charges the credit check's deposit (a one-time `DEPOSIT` fee).
    #[serde(default)]
    pub deposit_on_quote: bool,
    pub hold: Hold,
}

/// Every step's state after the cart; reset whenever a new cart is held.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Steps {
    #[serde(default)]
    pub credit: Option<CreditState>,
    #[serde(default)]
    pub installation: Option<InstallationKind>,
    #[serde(default)]
    pub number: Option<ReservedNumber>,
    #[serde(default)]
    pub slot_offer: Option<SlotOffer>,
    #[serde(default)]
    pub slot: Option<ChosenSlot>,
    #[serde(default)]
    pub quote: Option<QuoteState>,
    /// Every required term accepted (the back office keeps which; this is for a reload).
    #[serde(default)]
    pub terms_accepted: bool,
}

/// A productOrder sent whose answer never came: what it takes to ask again (the same body,
/// and so the same `externalId`, reads an order that exists back; the seed's back office
/// answers a second call for one quote with the first answer) and to confirm the held order
/// once it is known. Server-side only, like everything here.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingOrder {
    /// The `Idempotency-Key` of the attempt, settled when the outcome is known.
    pub idempotency_key: String,
    /// The productOrder body as sent.
    pub body: serde_json::Value,
    #[serde(with = "crate::secret::secret_text", default)]
    pub conversation_id: Option<Secret>,
    /// What the held order is confirmed with once the order exists.
    pub contact: serde_json::Value,
}
