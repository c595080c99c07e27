//! TMF-622 `POST /{businessId}/productOrder` (seed 004) and its OCBO alias
//! `POST /v1/order/submit`: the call that creates the order in the BSS.
//!
//! What it guarantees:
//! * **exactly once per `externalId`** (the quote's temporary order id): the first answer is
//!   stored under a UNIQUE key in the same transaction that creates the order, so a retry of
//!   the same temporary order id (a timeout, a double click) reads that answer back and never
//!   creates a second order;
//! * the PR conversation rule: `X-Conversation-Id` from the quote, dead after 15 minutes on
//!   the sandbox clock → DRO30E;
//! * the seed's other outcomes, from magic inputs: ORV59I, MAP15E, JBE10E as `errors[]`
//!   bodies; OTG and ADP10E as warnings in `description` of an order that *is* created;
//! * for JM and PA, the staff, store, exchange, address and bundle fields of seed 004's bodies,
//!   and a billing account opened here for that market (`jm_pa_order.rs`).
//!
//! Like Mulesoft (seed 004, Key Considerations 2) it does not check the package rules: that
//! is the client's job, with `checkout-core`.

use crate::catalogue;
use crate::clock::{from_ms, to_ms};
use crate::contract::{InstallationType, OrderStatus};
use crate::error::{BssRefusal, SandboxError};
use crate::order_rows::{self, OrderRow};
use crate::{credit, jm_pa_order, magic, quote, slot_calendar};
use checkout_core::Market;
use checkout_core::catalog::ProductKind;
use checkout_core::instant::{UNSCHEDULED, UtcMillis};
use checkout_core::tmf622::{
    BillingAccountRef, Note, OrderCharacteristics, ProductOrderCreate, ProductOrderItem,
    RelatedParty, ServiceAddress,
};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;

/// Puerto Rico local time (UTC−4, no daylight saving), for "the current day" and the OTG text.
const LOCAL_OFFSET: TimeDelta = TimeDelta::hours(-4);

/// The answer, in the shape of seed 004's example responses.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    id: String,
    description: String,
    billing_account: Option<BillingAccountRef>,
    state: &'static str,
    category: Option<String>,
    external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_characteristics: Option<OrderCharacteristics>,
    service_address: Option<ServiceAddress>,
    requested_completion_date: Option<String>,
    note: Vec<Note>,
    product_order_item: Vec<ProductOrderItem>,
    related_party: Vec<RelatedParty>,
    #[serde(rename = "@type")]
    at_type: &'static str,
}

/// The stored answer and whether this call created the order.
#[derive(Debug)]
pub struct Placed {
    pub body: String,
    pub created: bool,
    /// Answer only after [`magic::SLOW_ANSWER`] (a new order at a `slowanswer` address).
    pub slow_answer: bool,
}

/// The market a `businessId` path parameter names.
pub fn market(business_id: &str) -> Result<Market, SandboxError> {
    [Market::PuertoRico, Market::Jamaica, Market::Panama]
        .into_iter()
        .find(|m| m.business_id() == business_id)
        .ok_or_else(|| SandboxError::BusinessUnknown(business_id.to_owned()))
}

/// The market of the order a conversation belongs to (for `/v1/order/submit`).
pub async fn market_of_conversation(
    conn: &mut SqliteConnection,
    client_id: &str,
    conversation_id: &str,
) -> Result<Market, SandboxError> {
    let conv = quote::conversation(conn, client_id, conversation_id)
        .await?
        .ok_or(SandboxError::Bss(BssRefusal::ConversationExpired))?;
    let address: Option<String> =
        sqlx::query_scalar("SELECT street_address FROM orders WHERE id = ?1")
            .bind(&conv.order_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(address
        .and_then(|a| magic::serviceability(&a).ok())
        .and_then(|r| r.market)
        .unwrap_or(Market::PuertoRico))
}

fn note<'a>(body: &'a ProductOrderCreate, at_type: &str) -> Option<&'a str> {
    body.note
        .iter()
        .find(|n| n.at_type.eq_ignore_ascii_case(at_type))
        .map(|n| n.text.as_str())
        .filter(|t| !t.trim().is_empty())
}

fn required<'a>(body: &'a ProductOrderCreate, at_type: &str) -> Result<&'a str, SandboxError> {
    note(body, at_type).ok_or_else(|| SandboxError::BadRequest(format!("note {at_type}: required")))
}

fn local_day(t: DateTime<Utc>) -> chrono::NaiveDate {
    (t + LOCAL_OFFSET).date_naive()
}

/// Seed 004: a self install is always unscheduled; a technician visit is unscheduled or the
/// start of the slot the order chose, never on the current day (JBE10E).
fn check_date(
    row: &OrderRow,
    kind: InstallationType,
    requested: UtcMillis,
    now: DateTime<Utc>,
) -> Result<(), SandboxError> {
    if requested == UNSCHEDULED {
        return Ok(());
    }
    let jbe10e = SandboxError::Bss(BssRefusal::InvalidScheduledTime);
    if kind == InstallationType::SelfInstall {
        return Err(jbe10e);
    }
    let at = from_ms(requested.0);
    if local_day(at) <= local_day(now) {
        return Err(jbe10e);
    }
    let slot_start = row
        .slot_id
        .as_deref()
        .and_then(slot_calendar::slot)
        .and_then(|s| UtcMillis::parse_iso8601(&s.valid_for.start_date_time).ok());
    if slot_start != Some(requested) {
        return Err(jbe10e);
    }
    Ok(())
}

/// Create (or read back) the product order.
pub async fn place(
    conn: &mut SqliteConnection,
    client_id: &str,
    market: Market,
    conversation_id: Option<&str>,
    body: &ProductOrderCreate,
    now: DateTime<Utc>,
) -> Result<Placed, SandboxError> {
    let external_id = body
        .external_id
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    if let Some(ext) = external_id {
        let earlier: Option<String> = sqlx::query_scalar(
            "SELECT response FROM product_orders WHERE client_id = ?1 AND external_id = ?2",
        )
        .bind(client_id)
        .bind(ext)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(body) = earlier {
            return Ok(Placed {
                body,
                created: false,
                slow_answer: false,
            });
        }
    }
    if body.product_order_item.is_empty() {
        return Err(SandboxError::BadRequest(
            "productOrderItem: required".into(),
        ));
    }
    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM product_orders")
        .fetch_one(&mut *conn)
        .await?;
    let (id, order_id, answer) = match market {
        Market::PuertoRico => {
            let conversation_id = conversation_id.ok_or_else(|| {
                SandboxError::BadRequest("X-Conversation-Id: required for PR".into())
            })?;
            let (order_id, answer) = pr_order(
                conn,
                client_id,
                conversation_id,
                external_id,
                body,
                seq,
                now,
            )
            .await?;
            (format!("120004{seq:010}"), Some(order_id), answer)
        }
        Market::Jamaica | Market::Panama => {
            jm_pa_order::check(conn, client_id, market, body).await?;
            let id = if market == Market::Jamaica {
                format!("DJ{seq:04}H")
            } else {
                format!("FL{seq:04}H")
            };
            let answer = echo(body, String::new(), Vec::new());
            (id, None, answer)
        }
    };
    let answer = Answer { id, ..answer };
    let text = serde_json::to_string(&answer)
        .map_err(|e| SandboxError::BadRequest(format!("body: {e}")))?;
    sqlx::query(
        "INSERT INTO product_orders (seq, id, client_id, external_id, order_id, business_id,
                                     response, created_at, request)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(seq)
    .bind(&answer.id)
    .bind(client_id)
    .bind(external_id)
    .bind(order_id)
    .bind(market.business_id())
    .bind(&text)
    .bind(to_ms(now))
    .bind(serde_json::to_string(body).ok())
    .execute(&mut *conn)
    .await?;
    let slow_answer = body
        .service_address
        .as_ref()
        .and_then(|a| a.addr_no.as_deref())
        .is_some_and(|a| magic::address_has(a, magic::SLOW_ANSWER_WORD));
    Ok(Placed {
        body: text,
        created: true,
        slow_answer,
    })
}

/// The request echoed back as the seed's responses do, with the BSS's own fields.
fn echo(body: &ProductOrderCreate, description: String, note: Vec<Note>) -> Answer {
    Answer {
        id: String::new(),
        description,
        // Seed 004: requests carry `#190150638551501`, responses `190150638551501`.
        billing_account: body.billing_account.as_ref().map(|b| BillingAccountRef {
            id: b.id.trim_start_matches('#').to_owned(),
            at_type: b.at_type.clone(),
        }),
        state: "Acknowledged",
        category: body.category.clone(),
        external_id: body.external_id.clone(),
        order_characteristics: body.order_characteristics.clone(),
        service_address: body.service_address.clone(),
        requested_completion_date: body.requested_completion_date.clone(),
        note,
        product_order_item: body.product_order_item.clone(),
        related_party: body.related_party.clone(),
        at_type: "ProductOrder",
    }
}

/// The Puerto Rico order: conversation, mandatory fields, magic outcomes, response notes.
async fn pr_order(
    conn: &mut SqliteConnection,
    client_id: &str,
    conversation_id: &str,
    external_id: Option<&str>,
    body: &ProductOrderCreate,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<(String, Answer), SandboxError> {
    let conv = quote::conversation(conn, client_id, conversation_id)
        .await?
        .filter(|c| c.expires_at > to_ms(now))
        .ok_or(SandboxError::Bss(BssRefusal::ConversationExpired))?;
    if external_id != Some(conv.temporary_order_id.as_str()) {
        return Err(SandboxError::BadRequest(
            "externalId: the quote's temporary order id (its `id`)".into(),
        ));
    }
    // Seed 004, "Mandatory Fields for PR Market B2C request".
    let billing = body
        .billing_account
        .as_ref()
        .map(|b| b.id.trim())
        .filter(|b| !b.is_empty())
        .ok_or_else(|| SandboxError::BadRequest("billingAccount.id: required".into()))?;
    let date = body
        .requested_completion_date
        .as_deref()
        .ok_or_else(|| SandboxError::BadRequest("requestedCompletionDate: required".into()))?;
    let requested = UtcMillis::parse_iso8601(date).map_err(|_| {
        SandboxError::BadRequest("requestedCompletionDate: ISO 8601 UTC instant".into())
    })?;
    let reason = required(body, "OrderReasonCode")?.to_owned();
    let campaign = required(body, "CampaignCode")?.to_owned();
    let job_type = required(body, "JobType")?.to_owned();
    checkout_core::installation::JobType::new(&job_type)
        .map_err(|_| SandboxError::BadRequest("note JobType: not a BSS job type".into()))?;
    // Seed 004: the job type "from the quote API response should be used".
    if job_type != conv.job_type {
        return Err(SandboxError::BadRequest(format!(
            "note JobType: the quote's job type {}",
            conv.job_type
        )));
    }
    let kind = InstallationType::parse(required(body, "InstallationType")?).ok_or_else(|| {
        SandboxError::BadRequest("note InstallationType: SelfInstall or TechnicianVisit".into())
    })?;
    if !body
        .related_party
        .iter()
        .any(|p| p.referred_type == "Customer" && !p.id.trim().is_empty())
    {
        return Err(SandboxError::BadRequest(
            "relatedParty: a Customer (customerId) is required".into(),
        ));
    }

    let row = order_rows::load(conn, client_id, &conv.order_id, now).await?;
    match row.status {
        OrderStatus::OnHold | OrderStatus::Confirmed => {}
        OrderStatus::Expired => row.require_on_hold()?,
        other => return Err(SandboxError::OrderNotOnHold(other)),
    }
    if row.installation_type.is_some_and(|t| t != kind) {
        return Err(SandboxError::BadRequest(
            "note InstallationType: not the order's installation type".into(),
        ));
    }
    let items = order_rows::items(conn, &row.id).await?;
    let has_phone = catalogue::get()?.any_has(
        items.iter().map(|i| i.product_code.as_str()),
        ProductKind::Telephone,
    );
    let number = note(body, "TelephoneNumberId").map(str::to_owned);
    if has_phone && number.is_none() {
        return Err(SandboxError::BadRequest(
            "note TelephoneNumberId: required with telephone".into(),
        ));
    }
    let address = &row.street_address;
    if magic::address_has(address, magic::SIGNED_OFF_WORD) {
        return Err(SandboxError::Bss(BssRefusal::SignedOff));
    }
    if magic::address_has(address, magic::EXISTING_WORD) {
        return Err(SandboxError::Bss(BssRefusal::ExistingCustomer));
    }
    check_date(&row, kind, requested, now)?;

    let description = if magic::address_has(address, magic::OUTAGE_WORD) {
        // Seed 004: "8211990010051704OTG REASN  - AA  …  AUTO OUTAGE DECLARED 13:24 01/02/23".
        format!(
            "{}OTG REASN  - AA                          AUTO OUTAGE DECLARED {}",
            billing.trim_start_matches('#'),
            (now + LOCAL_OFFSET).format("%H:%M %m/%d/%y")
        )
    } else if kind == InstallationType::TechnicianVisit
        && requested == UNSCHEDULED
        && magic::no_slots(address)
    {
        quote::UNSCHEDULED_WARNING.to_owned()
    } else {
        String::new()
    };
    // Seed 004: "Will be configured by CSR. Default value is 100".
    let credit_limit = note(body, "CreditLimit")
        .unwrap_or(credit::CREDIT_LIMIT)
        .to_owned();
    let self_install = kind == InstallationType::SelfInstall;
    let mut notes = vec![
        Note::new("OrderReasonCode", reason),
        Note::new("CampaignCode", campaign),
        Note::new("RequestedFunction", "NEW"),
        Note::new("CreditLimit", credit_limit),
        Note::new("JobType", job_type),
    ];
    if let Some(n) = number {
        notes.push(Note::new("TelephoneNumberId", n));
    }
    notes.push(Note::new("InstallationType", kind.as_str()));
    notes.push(Note::new(
        "JobId",
        format!("{}0001", conv.temporary_order_id),
    ));
    // Seed 004: "For selfInstall, Technician id will be 3333".
    notes.push(Note::new(
        "Technician",
        if self_install { "3333" } else { "0701" },
    ));
    notes.push(Note::new(
        "JobNumber",
        if self_install {
            "00000".to_owned()
        } else {
            format!("{:06}", 111_389 + seq)
        },
    ));
    Ok((row.id.clone(), echo(body, description, notes)))
}
