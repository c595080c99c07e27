//! The Puerto Rico `productOrder` body (seed 004, "Request Body for PR Market productOrder
//! SelfInstall / TechnicianVisit"), built from a cart that keeps every rule.
//!
//! The builder refuses rather than repairs: a cart missing `ZMPBI` or a CallType is a bug in
//! the step that built it, and sending it would create a wrong order in the BSS (nobody in
//! between validates, seed 004 "Key Considerations" 2).

use crate::cart::Cart;
use crate::catalog::{LineKind, ProductKind};
use crate::installation::{Installation, JobType, TelephoneNumber};
use crate::rules::RuleViolation;
use crate::tmf622::{
    BillingAccountRef, Characteristic, ItemAction, Note, ProductOrderCreate, ProductOrderItem,
    ProductRef, RelatedParty,
};
use serde::{Deserialize, Serialize};

/// PR residential orders: `"category": "RES"`.
pub const PR_CATEGORY: &str = "RES";

/// A party of the order (`relatedParty`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub id: String,
    pub name: String,
}

/// Everything the PR body needs beside the cart, most of it from the quote (tax and fees)
/// answer (seed 004, "SelfInstall" 1 / "TechnicianVisit" 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrOrderDetails {
    /// The quote's temporary order id (seed 004, "Key Considerations" 21: "Add Temporary Order
    /// id … to externalId").
    pub external_id: String,
    /// From the create-billing-account answer, else from the quote ("Key Considerations" 22).
    /// Passed verbatim: the seed's requests carry a leading `#` its responses do not.
    pub billing_account_id: String,
    /// From the quote answer ("Key Considerations" 20).
    pub job_type: JobType,
    /// From the quote answer; mandatory when the order has telephone.
    pub telephone_number: Option<TelephoneNumber>,
    pub installation: Installation,
    /// BSS address number (`serviceAddress.addrNo`).
    pub addr_no: String,
    /// The buyer (`customerId`, a mandatory PR field).
    pub customer: Party,
    pub sales_rep: Party,
    /// Optional `CreditLimit` note ("Will be configured by CSR. Default value is 100").
    #[serde(default)]
    pub credit_limit: Option<String>,
    /// The partner site the order came through (its attribution code and name), when the
    /// checkout was embedded: TMF-622's `channel` (docs/embedding.md).
    #[serde(default)]
    pub partner: Option<Party>,
}

fn required(value: &str, field: &'static str) -> Result<(), RuleViolation> {
    if value.trim().is_empty() {
        Err(RuleViolation::MandatoryFieldMissing { field })
    } else {
        Ok(())
    }
}

/// Build the PR `productOrder` body.
///
/// Seed 004, "Mandatory Fields for PR Market B2C request: OrderReasonCode, CampaignCode,
/// JobType, InstallationType, TelephoneNumberId, customerId, requestedCompletionDate,
/// billingAccount.id".
pub fn build(cart: &Cart, d: &PrOrderDetails) -> Result<ProductOrderCreate, RuleViolation> {
    cart.check_complete()?;
    let package = cart.package().ok_or(RuleViolation::NoPackage)?;
    let kind = d.installation.kind();
    match cart.installation() {
        Some(c) if c == kind => {}
        Some(c) => {
            return Err(RuleViolation::InstallationDiffers {
                order: kind,
                cart: c,
            });
        }
        None => return Err(RuleViolation::InstallationMissing),
    }
    // The job type comes from the quote; a self-connect job on a technician visit (or a fibre
    // job at a coax address) would send the wrong crew, or none.
    if !d.job_type.is_expected_for(kind, cart.technology()) {
        return Err(RuleViolation::JobTypeUnexpected {
            job_type: d.job_type,
            installation: kind,
            technology: cart.technology(),
        });
    }
    required(&d.external_id, "externalId")?;
    required(&d.billing_account_id, "billingAccount.id")?;
    required(&d.customer.id, "customerId")?;
    required(&d.addr_no, "serviceAddress.addrNo")?;
    let has_phone = cart.has(ProductKind::Telephone);
    match (has_phone, &d.telephone_number) {
        (true, None) => return Err(RuleViolation::TelephoneNumberMissing),
        (false, Some(_)) => return Err(RuleViolation::TelephoneNumberWithoutTelephone),
        _ => {}
    }

    let mut note = vec![
        Note::new("OrderReasonCode", kind.reason_code()),
        Note::new("CampaignCode", kind.campaign_code()),
    ];
    if let Some(limit) = &d.credit_limit {
        note.push(Note::new("CreditLimit", limit.clone()));
    }
    note.push(Note::new("JobType", d.job_type.as_str()));
    if let Some(tn) = &d.telephone_number {
        note.push(Note::new("TelephoneNumberId", tn.as_str()));
    }
    note.push(Note::new("InstallationType", kind.note_text()));

    let item = |id: &str, product: ProductRef, at_type: &str| ProductOrderItem {
        id: id.to_owned(),
        quantity: 1,
        action: ItemAction::Add,
        product,
        at_type: Some(at_type.to_owned()),
    };
    let service_type =
        |st: crate::catalog::ServiceType| vec![Characteristic::string("ServiceType", st.code())];

    let mut items: Vec<ProductOrderItem> = package
        .components()
        .iter()
        .map(|c| {
            item(
                package.code().as_str(),
                ProductRef {
                    id: Some(c.code().as_str().to_owned()),
                    is_bundle: true,
                    at_type: Some("Product".to_owned()),
                    product_characteristic: service_type(c.service_type()),
                },
                "Package",
            )
        })
        .collect();
    for line in cart.lines() {
        let code = line.code().as_str();
        // The seed's `RZ020` add-on is a bare `{id, isBundle}` reference; every other line
        // names its `@type`. A plain add-on with no ServiceType is the only such shape.
        let bare = line.service_type().is_none() && matches!(line.kind(), LineKind::Other(_));
        let product = ProductRef {
            id: Some(code.to_owned()),
            is_bundle: false,
            at_type: (!bare).then(|| "Product".to_owned()),
            product_characteristic: line.service_type().map(service_type).unwrap_or_default(),
        };
        let at_type = match line.kind() {
            LineKind::CallType => "CallTypeProduct",
            _ => "AddOnProduct",
        };
        items.push(item(code, product, at_type));
    }

    Ok(ProductOrderCreate {
        billing_account: Some(BillingAccountRef {
            id: d.billing_account_id.clone(),
            at_type: Some("BillingAccount".to_owned()),
        }),
        category: Some(PR_CATEGORY.to_owned()),
        external_id: Some(d.external_id.clone()),
        order_characteristics: None,
        service_address: Some(crate::tmf622::ServiceAddress {
            addr_no: Some(d.addr_no.clone()),
            ..Default::default()
        }),
        requested_completion_date: Some(d.installation.requested_completion().to_iso8601()),
        note,
        product_order_item: items,
        channel: d
            .partner
            .iter()
            .map(|p| crate::tmf622::RelatedChannel {
                id: p.id.clone(),
                name: p.name.clone(),
                role: Some("Partner".to_owned()),
                referred_type: "SalesChannel".to_owned(),
            })
            .collect(),
        related_party: vec![
            RelatedParty {
                id: d.customer.id.clone(),
                name: d.customer.name.clone(),
                role: Some("Buyer Contact".to_owned()),
                referred_type: "Customer".to_owned(),
            },
            RelatedParty {
                id: d.sales_rep.id.clone(),
                name: d.sales_rep.name.clone(),
                role: Some("Sales Representative".to_owned()),
                referred_type: "SalesRepresentative".to_owned(),
            },
        ],
        at_type: Some("ProductOrder".to_owned()),
    })
}
