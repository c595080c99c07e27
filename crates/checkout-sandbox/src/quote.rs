//! Taxes and fees (the quote), which opens the BSS conversation the order is placed in.
//!
//! Seed 004: the quote answers the temporary order id (the productOrder `externalId`), the
//! billing account id, campaign / reason / job type, the telephone number, and the
//! `X-Conversation-Id` header; "Order should be placed within 14 minutes from tax and fees API
//! call … (This limitation is due to 15 mins session validity from BSS)". The conversation is
//! a row with a deadline on the sandbox clock; after it, productOrder answers DRO30E.

use crate::clock::{rfc3339, to_ms};
use crate::contract::{
    Charge, InstallationType, Quote, QuoteBillingAccount, QuoteItem, QuoteTotals,
};
use crate::error::SandboxError;
use crate::{catalogue, credit, magic, money, order_rows};
use checkout_core::Technology;
use checkout_core::catalog::ProductKind;
use checkout_core::installation::install_charge_for;
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::SqliteConnection;

/// How long a BSS conversation lives.
pub const CONVERSATION: TimeDelta = TimeDelta::minutes(15);

/// Seed 004, "NO DATES AVAILABLE FOR THIS JOB/JOB_UNSCHED_ALRT" warning.
pub const UNSCHEDULED_WARNING: &str = "JOB_UNSCHED_ALRT,JBE74A-ENTER OVERRIDE TO UNSCHEDULE JOB,ADP10E-NO DATES AVAILABLE FOR THIS JOB";

/// Puerto Rico sales and use tax (IVU): state and municipal parts, in tenths of a percent.
const TAXES: [(&str, &str, i64); 2] = [
    ("IVU-STATE", "Sales and use tax (state, 10.5%)", 105),
    ("IVU-MUNI", "Sales and use tax (municipal, 1%)", 10),
];
const REGULATORY_FEE_CENTS: i64 = 149;
const E911_FEE_CENTS: i64 = 50;

/// A stored conversation.
#[derive(Debug, sqlx::FromRow)]
pub struct Conversation {
    pub order_id: String,
    pub temporary_order_id: String,
    pub billing_account_id: String,
    pub job_type: String,
    pub expires_at: i64,
}

/// The access technology at the order's address (as serviceability decided it).
pub fn technology(address: &str) -> Technology {
    magic::serviceability(address)
        .ok()
        .and_then(|r| r.technology)
        .unwrap_or(Technology::Ftth)
}

/// The job type the BSS assigns to a new customer's installation (seed 004 tables: self
/// install SC coax / CS fiber; technician NC coax / FN fiber).
pub fn job_type(kind: InstallationType, tech: Technology) -> &'static str {
    match (kind, tech) {
        (InstallationType::SelfInstall, Technology::Coax) => "SC",
        (InstallationType::SelfInstall, Technology::Ftth) => "CS",
        (InstallationType::TechnicianVisit, Technology::Coax) => "NC",
        (InstallationType::TechnicianVisit, Technology::Ftth) => "FN",
    }
}

/// The client's conversation with this id, if there is one (live or not).
pub async fn conversation(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
) -> Result<Option<Conversation>, SandboxError> {
    Ok(sqlx::query_as::<_, Conversation>(
        "SELECT order_id, temporary_order_id, billing_account_id, job_type, expires_at
         FROM conversations WHERE id = ?1 AND client_id = ?2",
    )
    .bind(id)
    .bind(client_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The order's newest conversation, if any.
pub async fn latest(
    conn: &mut SqliteConnection,
    order_id: &str,
) -> Result<Option<Conversation>, SandboxError> {
    Ok(sqlx::query_as::<_, Conversation>(
        "SELECT order_id, temporary_order_id, billing_account_id, job_type, expires_at
         FROM conversations WHERE order_id = ?1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(order_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A quote and the conversation id for its response header.
#[derive(Debug)]
pub struct Quoted {
    pub conversation_id: String,
    pub quote: Quote,
}

/// A new conversation id shaped like the seed's `QAHA017633E52B68CF0000`.
fn new_conversation_id() -> String {
    let hex = uuid::Uuid::new_v4().simple().to_string().to_uppercase();
    format!("QAHA{}0000", &hex[..14])
}

/// `POST /v1/order/{id}/quote`. Each quote opens a new conversation (a re-quote after DRO30E
/// is the seed's recovery) but keeps the order's billing account.
pub async fn quote(
    conn: &mut SqliteConnection,
    client_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Quoted, SandboxError> {
    let row = order_rows::load(conn, client_id, id, now).await?;
    row.require_on_hold()?;
    let kind = row
        .installation_type
        .ok_or(SandboxError::InstallationMissing)?;
    let credit = credit::load(conn, id)
        .await?
        .ok_or(SandboxError::CreditNotChecked)?;
    let result = credit::core_result(credit.decision).ok_or(SandboxError::CreditRefused)?;
    let items = order_rows::items(conn, id).await?;
    if items.is_empty() {
        return Err(SandboxError::EmptyOrder);
    }
    let cat = catalogue::get()?;
    let has_phone = cat.any_has(
        items.iter().map(|i| i.product_code.as_str()),
        ProductKind::Telephone,
    );
    let number = match (&row.number, row.number_expires_at) {
        (Some(n), Some(until)) if until > to_ms(now) => Some(n.clone()),
        _ => None,
    };
    if has_phone && number.is_none() {
        return Err(SandboxError::NumberNotReserved);
    }
    let tech = technology(&row.street_address);
    let job_type = job_type(kind, tech);

    let mut monthly = 0;
    let mut one_time = 0;
    let quote_items: Vec<QuoteItem> = items
        .iter()
        .map(|i| {
            let p = cat.price(&i.product_code);
            let m = p.map_or(0, |p| p.monthly_cents) * i.quantity;
            let o = p.map_or(0, |p| p.one_time_cents) * i.quantity;
            monthly += m;
            one_time += o;
            QuoteItem {
                product_code: i.product_code.clone(),
                name: p.map_or_else(|| i.product_code.clone(), |p| p.name.clone()),
                quantity: i.quantity,
                monthly_price: money::text(m),
                one_time_price: money::text(o),
            }
        })
        .collect();
    let taxes: Vec<Charge> = TAXES
        .iter()
        .map(|(code, name, rate)| Charge {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            amount: money::text(money::per_mille(monthly, *rate)),
            recurring: true,
        })
        .collect();
    let monthly_taxes: i64 = TAXES
        .iter()
        .map(|(_, _, rate)| money::per_mille(monthly, *rate))
        .sum();
    let mut fees = vec![Charge {
        code: "REG".into(),
        name: "Regulatory recovery fee".into(),
        amount: money::text(REGULATORY_FEE_CENTS),
        recurring: true,
    }];
    let mut monthly_fees = REGULATORY_FEE_CENTS;
    if has_phone {
        fees.push(Charge {
            code: "E911".into(),
            name: "911 service fee".into(),
            amount: money::text(E911_FEE_CENTS),
            recurring: true,
        });
        monthly_fees += E911_FEE_CENTS;
    }
    if credit.deposit_cents > 0 {
        fees.push(Charge {
            code: "DEPOSIT".into(),
            name: "Security deposit (credit check)".into(),
            amount: money::text(credit.deposit_cents),
            recurring: false,
        });
        one_time += credit.deposit_cents;
    }

    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM conversations")
        .fetch_one(&mut *conn)
        .await?;
    let temporary_order_id = format!("{seq:016}");
    // Seed 004's requests carry the billing account with a leading `#`, its responses without.
    let billing_account_id = match latest(conn, id).await? {
        Some(c) => c.billing_account_id,
        None => format!("#1901506{seq:08}"),
    };
    let conversation_id = new_conversation_id();
    let expires = now + CONVERSATION;
    sqlx::query(
        "INSERT INTO conversations (seq, id, order_id, client_id, temporary_order_id,
                                    billing_account_id, job_type, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(seq)
    .bind(&conversation_id)
    .bind(id)
    .bind(client_id)
    .bind(&temporary_order_id)
    .bind(&billing_account_id)
    .bind(job_type)
    .bind(to_ms(now))
    .bind(to_ms(expires))
    .execute(&mut *conn)
    .await?;

    let description =
        if kind == InstallationType::TechnicianVisit && magic::no_slots(&row.street_address) {
            // Seed 004, TechnicianVisit 2: "description in Quote API response contains
            // Warnings/Error message from BSS" when no slots are available.
            UNSCHEDULED_WARNING.to_owned()
        } else {
            String::new()
        };
    let quote = Quote {
        id: temporary_order_id,
        order_id: id.to_owned(),
        billing_account: QuoteBillingAccount {
            id: billing_account_id,
        },
        campaign_code: kind.kind().campaign_code().to_owned(),
        reason_code: kind.kind().reason_code().to_owned(),
        job_type: job_type.to_owned(),
        installation_type: kind,
        telephone_number_id: number,
        install_charge: install_charge_for(kind.kind(), result).code().to_owned(),
        credit_limit: credit::CREDIT_LIMIT.to_owned(),
        description,
        items: quote_items,
        taxes,
        fees,
        totals: QuoteTotals {
            monthly_subtotal: money::text(monthly),
            monthly_taxes: money::text(monthly_taxes),
            monthly_fees: money::text(monthly_fees),
            monthly_total: money::text(monthly + monthly_taxes + monthly_fees),
            one_time_total: money::text(one_time),
        },
        currency: catalogue::CURRENCY.to_owned(),
        utc_conversation_expires_at: rfc3339(expires),
    };
    Ok(Quoted {
        conversation_id,
        quote,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversation_ids_look_like_the_seeds() {
        let id = new_conversation_id();
        assert_eq!(id.len(), "QAHA017633E52B68CF0000".len());
        assert!(id.starts_with("QAHA") && id.ends_with("0000"));
    }

    #[test]
    fn job_types_are_in_the_seed_tables() {
        use checkout_core::installation::JobType;
        for kind in [
            InstallationType::SelfInstall,
            InstallationType::TechnicianVisit,
        ] {
            for tech in [Technology::Ftth, Technology::Coax] {
                let j = JobType::new(job_type(kind, tech)).unwrap();
                assert!(j.is_expected_for(kind.kind(), tech));
            }
        }
    }
}
