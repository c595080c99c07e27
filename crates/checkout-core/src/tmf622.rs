//! TMF-622 `productOrder` as the Hybris UX API speaks it (seed 004): the serde types of the
//! request and response bodies of every market, and the reading of a response into what the
//! customer is told.
//!
//! The seed follows TMF622 v4 where it can and adds vendor extensions (`serviceAddress`,
//! `orderCharacteristics`); one set of optional fields covers PR, JM and PA, and each market's
//! builder fills exactly the fields its example shows. Reading is lenient where the seed's own
//! examples disagree (`Acknowledged` vs the spec's `acknowledged`, `installationType` vs
//! `InstallationType`, a numeric `id` from Cerillion); writing is exact.

use serde::{Deserialize, Deserializer, Serialize};

/// `POST productOrder` body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductOrderCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_account: Option<BillingAccountRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_characteristics: Option<OrderCharacteristics>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_address: Option<ServiceAddress>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_completion_date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Note>,
    pub product_order_item: Vec<ProductOrderItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_party: Vec<RelatedParty>,
    /// TMF-622's `RelatedChannel` list: the partner site an embedded order came through (its
    /// attribution code), absent on the operator's own store.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel: Vec<RelatedChannel>,
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub at_type: Option<String>,
}

/// TMF-622 `RelatedChannel`: a channel the order came through, with its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedChannel {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(rename = "@referredType")]
    pub referred_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingAccountRef {
    pub id: String,
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub at_type: Option<String>,
}

/// Seed vendor extension: staff, site and exchange fields of JM and PA orders (`salesRepId`
/// alone in PR responses). PA splits the exchange per service (`_TP`, `_DS`, `_TI`, `_MO`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderCharacteristics {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cis_emp_id: Option<String>,
    /// The seed spells it `depttCode` (double t).
    #[serde(rename = "depttCode", default, skip_serializing_if = "Option::is_none")]
    pub dept_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_of_application: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_rep_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_unique_serv_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_line_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_area_code: Option<String>,
    #[serde(
        rename = "exchangeId_TP",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub exchange_id_tp: Option<String>,
    #[serde(
        rename = "numberAreaCode_TP",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_area_code_tp: Option<String>,
    #[serde(
        rename = "exchangeId_DS",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub exchange_id_ds: Option<String>,
    #[serde(
        rename = "numberAreaCode_DS",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_area_code_ds: Option<String>,
    #[serde(
        rename = "exchangeId_TI",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub exchange_id_ti: Option<String>,
    #[serde(
        rename = "numberAreaCode_TI",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_area_code_ti: Option<String>,
    #[serde(
        rename = "exchangeId_MO",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub exchange_id_mo: Option<String>,
    #[serde(
        rename = "numberAreaCode_MO",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_area_code_mo: Option<String>,
}

/// Seed vendor extension: PR sends only `addrNo`; JM and PA send type and five lines.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addr_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addr_type: Option<String>,
    #[serde(rename = "addrLine1", default, skip_serializing_if = "Option::is_none")]
    pub addr_line1: Option<String>,
    #[serde(rename = "addrLine2", default, skip_serializing_if = "Option::is_none")]
    pub addr_line2: Option<String>,
    #[serde(rename = "addrLine3", default, skip_serializing_if = "Option::is_none")]
    pub addr_line3: Option<String>,
    #[serde(rename = "addrLine4", default, skip_serializing_if = "Option::is_none")]
    pub addr_line4: Option<String>,
    #[serde(rename = "addrLine5", default, skip_serializing_if = "Option::is_none")]
    pub addr_line5: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addr_post_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    #[serde(rename = "@type")]
    pub at_type: String,
}

impl Note {
    pub fn new(at_type: &str, text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            at_type: at_type.to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductOrderItem {
    /// The seed sometimes omits it in responses; every request has it.
    #[serde(default)]
    pub id: String,
    pub quantity: u32,
    pub action: ItemAction,
    pub product: ProductRef,
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub at_type: Option<String>,
}

/// TMF622 `OrderItemActionType`; only `add` is in scope ("Only new customer flow").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemAction {
    Add,
    Modify,
    Delete,
    NoChange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub is_bundle: bool,
    #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
    pub at_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub product_characteristic: Vec<Characteristic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Characteristic {
    pub name: String,
    pub value_type: String,
    pub value: String,
}

impl Characteristic {
    pub fn string(name: &str, value: &str) -> Self {
        Self {
            name: name.to_owned(),
            value_type: "string".to_owned(),
            value: value.to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedParty {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(rename = "@referredType")]
    pub referred_type: String,
}

/// `POST productOrder` answer (every market). Unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductOrder {
    /// Cerillion answers a number (`4730301`), the others a string.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub billing_account: Option<BillingAccountRef>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub requested_completion_date: Option<String>,
    #[serde(default)]
    pub note: Vec<Note>,
    #[serde(default)]
    pub product_order_item: Vec<ProductOrderItem>,
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        S(String),
        N(u64),
    }
    Ok(match Id::deserialize(d)? {
        Id::S(s) => s,
        Id::N(n) => n.to_string(),
    })
}

/// TMF622 `ProductOrderStateType`. The spec spells them lowerCamelCase, the seed `Acknowledged`:
/// both are read (DESIGN §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OrderState {
    Acknowledged,
    Rejected,
    Pending,
    Held,
    InProgress,
    Cancelled,
    Completed,
    Failed,
    Partial,
    AssessingCancellation,
    PendingCancellation,
}

impl OrderState {
    const ALL: [(Self, &'static str); 11] = [
        (Self::Acknowledged, "acknowledged"),
        (Self::Rejected, "rejected"),
        (Self::Pending, "pending"),
        (Self::Held, "held"),
        (Self::InProgress, "inProgress"),
        (Self::Cancelled, "cancelled"),
        (Self::Completed, "completed"),
        (Self::Failed, "failed"),
        (Self::Partial, "partial"),
        (Self::AssessingCancellation, "assessingCancellation"),
        (Self::PendingCancellation, "pendingCancellation"),
    ];

    /// Case-insensitive, so `Acknowledged` and `acknowledged` are the same state.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(s))
            .map(|(st, _)| *st)
    }

    /// The spec's spelling.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(st, _)| *st == self)
            .map_or("acknowledged", |(_, name)| name)
    }
}

/// What the confirmation page needs from the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderOutcome {
    pub order_id: String,
    /// `None` when upstream sent no or an unknown state (the PA example has `"state": null`).
    pub state: Option<OrderState>,
    pub billing_account_id: Option<String>,
    pub job_id: Option<String>,
    pub job_number: Option<String>,
    pub technician: Option<String>,
    pub credit_limit: Option<String>,
    pub requested_function: Option<String>,
    /// Warnings found in `description` (seed 004, "Key Considerations" 16).
    pub notices: Vec<crate::notices::Notice>,
}

impl ProductOrder {
    /// The text of the first note of this `@type` (case-insensitive: the seed's unscheduled
    /// response spells `installationType`).
    pub fn note(&self, at_type: &str) -> Option<&str> {
        self.note
            .iter()
            .find(|n| n.at_type.eq_ignore_ascii_case(at_type))
            .map(|n| n.text.as_str())
    }

    pub fn outcome(&self) -> OrderOutcome {
        let note = |t| self.note(t).map(str::to_owned);
        OrderOutcome {
            order_id: self.id.clone(),
            state: self.state.as_deref().and_then(OrderState::parse),
            billing_account_id: self.billing_account.as_ref().map(|b| b.id.clone()),
            job_id: note("JobId"),
            job_number: note("JobNumber"),
            technician: note("Technician"),
            credit_limit: note("CreditLimit"),
            requested_function: note("RequestedFunction"),
            notices: crate::notices::Notice::from_description(
                self.description.as_deref().unwrap_or(""),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DESIGN §4: "TMF states are lowerCamelCase in the spec (`acknowledged`); the seed shows
    /// `Acknowledged`: accept either on read, write what the target expects."
    #[test]
    fn acknowledged_is_read_in_either_case() {
        assert_eq!(
            OrderState::parse("Acknowledged"),
            Some(OrderState::Acknowledged)
        );
        assert_eq!(
            OrderState::parse("acknowledged"),
            Some(OrderState::Acknowledged)
        );
        assert_eq!(
            OrderState::parse("inprogress"),
            Some(OrderState::InProgress)
        );
        assert_eq!(OrderState::InProgress.as_str(), "inProgress");
        assert_eq!(OrderState::parse("nonsense"), None);
    }
}
