//! What the Jamaican and Panamanian BSS require of a `productOrder` before acknowledging it:
//! the fields seed 004's "Request Body for JM Liberate / JM Cerillion" and "Response for PA"
//! (the first of the two is the request) carry, which only a kiosk's order has (the employee,
//! the store, the address's exchange).
//!
//! Each refusal is 400 CHTR-4000 / TECHMSG-0003 naming the field, so a client composing these
//! bodies (`checkout_core::kiosk::compose_market_order`) learns exactly what it left out. The
//! bodies' other fields (`carrierUniqueServId`, `lastLineNumber`, `category`, `addrNo`,
//! `addrPostCode`) are echoed, not checked: the seed gives them fixed values and no rule.

use crate::error::SandboxError;
use crate::{billing_accounts, bundles};
use checkout_core::Market;
use checkout_core::kiosk::BundleStack;
use checkout_core::tmf622::ProductOrderCreate;
use sqlx::SqliteConnection;

fn refused(field: &str, why: &str) -> SandboxError {
    SandboxError::BadRequest(format!("{field}: {why}"))
}

/// `Some` non-blank text, or a refusal naming `field`.
fn filled(field: &str, value: Option<&String>) -> Result<(), SandboxError> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(()),
        _ => Err(refused(field, "required")),
    }
}

/// The seed's characteristics of `market`: staff and store, then the exchange(s).
fn characteristics(market: Market, body: &ProductOrderCreate) -> Result<(), SandboxError> {
    let c = body
        .order_characteristics
        .as_ref()
        .ok_or_else(|| refused("orderCharacteristics", "required"))?;
    let mut fields = vec![
        ("cisEmpId", c.cis_emp_id.as_ref()),
        ("depttCode", c.dept_code.as_ref()),
        ("siteCode", c.site_code.as_ref()),
        ("sourceOfApplication", c.source_of_application.as_ref()),
        ("salesRepId", c.sales_rep_id.as_ref()),
    ];
    if market == Market::Jamaica {
        fields.extend([
            ("exchangeId", c.exchange_id.as_ref()),
            ("numberAreaCode", c.number_area_code.as_ref()),
        ]);
    } else {
        // Panama: one exchange per service (telephone, data, TV, mobile).
        fields.extend([
            ("exchangeId_TP", c.exchange_id_tp.as_ref()),
            ("numberAreaCode_TP", c.number_area_code_tp.as_ref()),
            ("exchangeId_DS", c.exchange_id_ds.as_ref()),
            ("numberAreaCode_DS", c.number_area_code_ds.as_ref()),
            ("exchangeId_TI", c.exchange_id_ti.as_ref()),
            ("numberAreaCode_TI", c.number_area_code_ti.as_ref()),
            ("exchangeId_MO", c.exchange_id_mo.as_ref()),
            ("numberAreaCode_MO", c.number_area_code_mo.as_ref()),
        ]);
    }
    for (name, value) in fields {
        filled(&format!("orderCharacteristics.{name}"), value)?;
    }
    Ok(())
}

/// `addrType` and the five lines. Lines 1–4 may be empty (the seed's own Cerillion answer has
/// `"addrLine1": ""`, and serviceability pads short addresses), but must be there; line 5 is
/// the country.
fn service_address(body: &ProductOrderCreate) -> Result<(), SandboxError> {
    let a = body
        .service_address
        .as_ref()
        .ok_or_else(|| refused("serviceAddress", "required"))?;
    filled("serviceAddress.addrType", a.addr_type.as_ref())?;
    let lines = [
        ("addrLine1", &a.addr_line1),
        ("addrLine2", &a.addr_line2),
        ("addrLine3", &a.addr_line3),
        ("addrLine4", &a.addr_line4),
    ];
    for (name, line) in lines {
        if line.is_none() {
            return Err(refused(&format!("serviceAddress.{name}"), "required"));
        }
    }
    filled("serviceAddress.addrLine5", a.addr_line5.as_ref())
}

/// Exactly one line, a bundle of `market`; a Cerillion bundle with its `discountGroupCode`.
fn bundle_line(market: Market, body: &ProductOrderCreate) -> Result<(), SandboxError> {
    let business = market.business_id();
    let [item] = body.product_order_item.as_slice() else {
        return Err(refused("productOrderItem", "exactly one bundle"));
    };
    let bundle = bundles::find(market, &item.id).ok_or_else(|| {
        refused(
            "productOrderItem.id",
            &format!("not a {business} bundle (GET /v1/{business}/bundles)"),
        )
    })?;
    if let BundleStack::Cerillion { .. } = bundle.stack {
        let group = item
            .product
            .product_characteristic
            .iter()
            .find(|c| c.name == "discountGroupCode")
            .map(|c| &c.value);
        filled(
            "productOrderItem.product.productCharacteristic.discountGroupCode",
            group,
        )?;
    }
    Ok(())
}

/// Check a JM or PA order of `client_id` before it is acknowledged.
pub async fn check(
    conn: &mut SqliteConnection,
    client_id: &str,
    market: Market,
    body: &ProductOrderCreate,
) -> Result<(), SandboxError> {
    let business = market.business_id();
    let account = body
        .billing_account
        .as_ref()
        .map(|b| b.id.trim())
        .filter(|id| !id.is_empty())
        .ok_or_else(|| refused("billingAccount.id", "required"))?;
    characteristics(market, body)?;
    service_address(body)?;
    bundle_line(market, body)?;
    if !billing_accounts::known(conn, client_id, market, account).await? {
        return Err(refused(
            "billingAccount.id",
            &format!(
                "no {business} account {account}; open one with POST /v1/{business}/billingAccount"
            ),
        ));
    }
    Ok(())
}
