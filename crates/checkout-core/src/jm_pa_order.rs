//! The Jamaica (Liberate, Cerillion) and Panama `productOrder` bodies (seed 004, "Request Body
//! for JM Liberate / JM Cerillion", "Response for PA" — the first of the two is the request).
//!
//! These markets order one bundle by code with staff, site and exchange characteristics; the
//! PR package and add-on rules do not apply to them (seed 004 states those "FOR PR MARKET").

use crate::catalog::ProductCode;
use crate::tmf622::{
    BillingAccountRef, Characteristic, ItemAction, OrderCharacteristics, ProductOrderCreate,
    ProductOrderItem, ProductRef, ServiceAddress,
};
use serde::{Deserialize, Serialize};

/// JM residential orders: `"category": "R"`.
pub const JM_CATEGORY: &str = "R";

/// Staff and site characteristics common to JM and PA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Staff {
    pub cis_emp_id: String,
    pub dept_code: String,
    pub site_code: String,
    pub source_of_application: String,
    pub sales_rep_id: String,
    pub carrier_unique_serv_id: String,
    pub last_line_number: String,
}

/// A telephone exchange and number area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    pub exchange_id: String,
    pub number_area_code: String,
}

/// Address type and the five lines JM and PA send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressLines {
    pub addr_type: String,
    pub lines: [String; 5],
}

/// Which Jamaican BSS takes the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "stack")]
pub enum JmStack {
    Liberate,
    /// Cerillion bundles carry a `discountGroupCode` characteristic (seed: `B2BI2`).
    Cerillion {
        discount_group_code: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JmOrder {
    pub stack: JmStack,
    pub billing_account_id: String,
    pub staff: Staff,
    pub exchange: Exchange,
    /// The seed sends `"addrNo": ""` for a new address; kept as given.
    pub addr_no: String,
    pub address: AddressLines,
    pub post_code: String,
    pub bundle: ProductCode,
}

/// PA exchanges per service (`_TP`, `_DS`, `_TI`, `_MO` in the seed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaExchanges {
    pub tp: Exchange,
    pub ds: Exchange,
    pub ti: Exchange,
    pub mo: Exchange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaOrder {
    pub billing_account_id: String,
    pub staff: Staff,
    pub exchanges: PaExchanges,
    pub address: AddressLines,
    pub bundle: ProductCode,
}

fn staff_characteristics(s: &Staff) -> OrderCharacteristics {
    OrderCharacteristics {
        cis_emp_id: Some(s.cis_emp_id.clone()),
        dept_code: Some(s.dept_code.clone()),
        site_code: Some(s.site_code.clone()),
        source_of_application: Some(s.source_of_application.clone()),
        sales_rep_id: Some(s.sales_rep_id.clone()),
        carrier_unique_serv_id: Some(s.carrier_unique_serv_id.clone()),
        last_line_number: Some(s.last_line_number.clone()),
        ..Default::default()
    }
}

fn address(a: &AddressLines) -> ServiceAddress {
    let [l1, l2, l3, l4, l5] = a.lines.clone();
    ServiceAddress {
        addr_type: Some(a.addr_type.clone()),
        addr_line1: Some(l1),
        addr_line2: Some(l2),
        addr_line3: Some(l3),
        addr_line4: Some(l4),
        addr_line5: Some(l5),
        ..Default::default()
    }
}

/// Build the JM (Liberate or Cerillion) body.
pub fn build_jm(o: &JmOrder) -> ProductOrderCreate {
    let product_characteristic = match &o.stack {
        JmStack::Liberate => Vec::new(),
        JmStack::Cerillion {
            discount_group_code,
        } => vec![Characteristic::string(
            "discountGroupCode",
            discount_group_code,
        )],
    };
    ProductOrderCreate {
        category: Some(JM_CATEGORY.to_owned()),
        billing_account: Some(BillingAccountRef {
            id: o.billing_account_id.clone(),
            at_type: None,
        }),
        order_characteristics: Some(OrderCharacteristics {
            exchange_id: Some(o.exchange.exchange_id.clone()),
            number_area_code: Some(o.exchange.number_area_code.clone()),
            ..staff_characteristics(&o.staff)
        }),
        service_address: Some(ServiceAddress {
            addr_no: Some(o.addr_no.clone()),
            addr_post_code: Some(o.post_code.clone()),
            ..address(&o.address)
        }),
        product_order_item: vec![ProductOrderItem {
            id: o.bundle.as_str().to_owned(),
            quantity: 1,
            action: ItemAction::Add,
            product: ProductRef {
                id: None,
                is_bundle: true,
                at_type: None,
                product_characteristic,
            },
            at_type: None,
        }],
        ..Default::default()
    }
}

/// Build the PA body.
pub fn build_pa(o: &PaOrder) -> ProductOrderCreate {
    let e = &o.exchanges;
    ProductOrderCreate {
        billing_account: Some(BillingAccountRef {
            id: o.billing_account_id.clone(),
            at_type: None,
        }),
        order_characteristics: Some(OrderCharacteristics {
            exchange_id_tp: Some(e.tp.exchange_id.clone()),
            number_area_code_tp: Some(e.tp.number_area_code.clone()),
            exchange_id_ds: Some(e.ds.exchange_id.clone()),
            number_area_code_ds: Some(e.ds.number_area_code.clone()),
            exchange_id_ti: Some(e.ti.exchange_id.clone()),
            number_area_code_ti: Some(e.ti.number_area_code.clone()),
            exchange_id_mo: Some(e.mo.exchange_id.clone()),
            number_area_code_mo: Some(e.mo.number_area_code.clone()),
            ..staff_characteristics(&o.staff)
        }),
        service_address: Some(address(&o.address)),
        product_order_item: vec![ProductOrderItem {
            id: o.bundle.as_str().to_owned(),
            quantity: 1,
            action: ItemAction::Add,
            product: ProductRef {
                id: None,
                is_bundle: true,
                at_type: Some("Bundle".to_owned()),
                product_characteristic: Vec::new(),
            },
            at_type: Some("ProductOrderItem".to_owned()),
        }],
        at_type: Some("ProductOrder".to_owned()),
        ..Default::default()
    }
}
