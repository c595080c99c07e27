//! Identity for existing customers (direct-fulfillment "Authentication" and "Account
//! Lookup"): one-time passwords tied to the browser session, a lockout after repeated
//! wrong codes, and the customer lookup that only a verified session may make.
//!
//! It must never reveal whether an account exists for a contact to someone who has not
//! proved they own it (DESIGN §3 step 2): `generateotp` and `auth` answer the same shape for
//! every contact, and lockouts happen to unknown contacts exactly as to known ones. Only
//! `GET /v1/customers`, after a correct code, says what the contact holds.

use crate::clock::{from_ms, rfc3339, to_ms};
use crate::contract::{Authenticated, Customer, Customers, OtpSent};
use crate::error::SandboxError;
use crate::{input, magic};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::SqliteConnection;

/// How long a one-time password stays valid.
pub const OTP_TTL: TimeDelta = TimeDelta::minutes(10);
/// Wrong codes allowed before the contact is locked.
pub const MAX_FAILURES: i64 = 3;
/// How long a lockout lasts.
pub const LOCKOUT: TimeDelta = TimeDelta::minutes(15);

/// What `GET /v1/auth-methods` lists.
pub const METHODS: [&str; 2] = ["OTP_SMS", "OTP_EMAIL"];

/// A contact as the store keys it: a lower-cased e-mail address, or the digits of a phone
/// number (so `+1 (787) 555-0100` and `7875550100` are one contact), with the method.
fn normalise(raw: &str) -> Result<(String, &'static str), SandboxError> {
    let c = input::text("contact", raw, 254)?;
    if c.contains('@') {
        let probe = crate::contract::Contact {
            name: "x".into(),
            email: c.clone(),
            phone: "7870000000".into(),
        };
        input::contact(&probe)?;
        return Ok((c.to_lowercase(), "OTP_EMAIL"));
    }
    let digits: String = c.chars().filter(char::is_ascii_digit).collect();
    let plausible = c
        .trim_start_matches('+')
        .chars()
        .all(|ch| ch.is_ascii_digit() || " -.()".contains(ch));
    if !plausible || !(7..=15).contains(&digits.len()) {
        return Err(SandboxError::BadRequest(
            "contact: an e-mail address or a phone number".into(),
        ));
    }
    // NANP numbers written with the country code are the same line.
    let digits = match digits.strip_prefix('1') {
        Some(rest) if rest.len() == 10 => rest.to_owned(),
        _ => digits,
    };
    Ok((digits, "OTP_SMS"))
}

/// The contact's lockout deadline, if it is locked at `now`.
async fn locked_until(
    conn: &mut SqliteConnection,
    contact: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, SandboxError> {
    let until: Option<Option<i64>> =
        sqlx::query_scalar("SELECT locked_until FROM otp_locks WHERE contact = ?1")
            .bind(contact)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(until.flatten().filter(|t| *t > to_ms(now)))
}

/// `POST /v1/auth/generateotp`: (re)issue the session's code for this contact.
pub async fn generate(
    conn: &mut SqliteConnection,
    session_id: &str,
    contact: &str,
    now: DateTime<Utc>,
) -> Result<OtpSent, SandboxError> {
    let (contact, method) = normalise(contact)?;
    if let Some(until) = locked_until(conn, &contact, now).await? {
        return Err(SandboxError::OtpLocked(rfc3339(from_ms(until))));
    }
    let expires = now + OTP_TTL;
    sqlx::query(
        "INSERT INTO otp_requests (session_id, contact, issued_at, expires_at, verified_at)
         VALUES (?1, ?2, ?3, ?4, NULL)
         ON CONFLICT (session_id) DO UPDATE SET contact = excluded.contact,
             issued_at = excluded.issued_at, expires_at = excluded.expires_at, verified_at = NULL",
    )
    .bind(session_id)
    .bind(&contact)
    .bind(to_ms(now))
    .bind(to_ms(expires))
    .execute(&mut *conn)
    .await?;
    Ok(OtpSent {
        method: method.to_owned(),
        utc_expires_at: rfc3339(expires),
    })
}

/// What a code check came to. A wrong code is an answer the store must keep (the failure
/// counts), so it is a value here, not an error that would roll the transaction back.
#[derive(Debug)]
pub enum Verdict {
    Verified(Authenticated),
    Refused(SandboxError),
}

/// `POST /v1/auth`: check the session's code.
pub async fn verify(
    conn: &mut SqliteConnection,
    session_id: &str,
    otp: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, SandboxError> {
    let pending: Option<(String, i64)> =
        sqlx::query_as("SELECT contact, expires_at FROM otp_requests WHERE session_id = ?1")
            .bind(session_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (contact, expires_at) = pending.ok_or(SandboxError::OtpNotRequested)?;
    if let Some(until) = locked_until(conn, &contact, now).await? {
        return Ok(Verdict::Refused(SandboxError::OtpLocked(rfc3339(from_ms(
            until,
        )))));
    }
    if expires_at <= to_ms(now) {
        return Err(SandboxError::OtpExpired(rfc3339(from_ms(expires_at))));
    }
    if otp.trim() == magic::OTP {
        sqlx::query("UPDATE otp_requests SET verified_at = ?2 WHERE session_id = ?1")
            .bind(session_id)
            .bind(to_ms(now))
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM otp_locks WHERE contact = ?1")
            .bind(&contact)
            .execute(&mut *conn)
            .await?;
        return Ok(Verdict::Verified(Authenticated {
            authenticated: true,
            utc_authenticated_at: rfc3339(now),
        }));
    }
    // A lapsed lock starts the count again.
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO otp_locks (contact, failures, locked_until) VALUES (?1, 1, NULL)
         ON CONFLICT (contact) DO UPDATE SET
             failures = CASE WHEN otp_locks.locked_until IS NOT NULL THEN 1
                             ELSE otp_locks.failures + 1 END,
             locked_until = NULL
         RETURNING failures",
    )
    .bind(&contact)
    .fetch_one(&mut *conn)
    .await?;
    if failures >= MAX_FAILURES {
        let until = now + LOCKOUT;
        sqlx::query("UPDATE otp_locks SET locked_until = ?2, failures = 0 WHERE contact = ?1")
            .bind(&contact)
            .bind(to_ms(until))
            .execute(&mut *conn)
            .await?;
        return Ok(Verdict::Refused(SandboxError::OtpLocked(rfc3339(until))));
    }
    Ok(Verdict::Refused(SandboxError::OtpWrong {
        attempts_left: MAX_FAILURES - failures,
    }))
}

/// `GET /v1/customers`: the accounts of the contact this session verified.
pub async fn customers(
    conn: &mut SqliteConnection,
    session_id: &str,
) -> Result<Customers, SandboxError> {
    let contact: Option<String> = sqlx::query_scalar(
        "SELECT contact FROM otp_requests WHERE session_id = ?1 AND verified_at IS NOT NULL",
    )
    .bind(session_id)
    .fetch_optional(&mut *conn)
    .await?;
    let contact = contact.ok_or(SandboxError::NotAuthenticated)?;
    let customers = if magic::has_account(&contact) {
        // Seed 004's example buyer and billing account.
        vec![Customer {
            id: "1901506147568".into(),
            name: "DEV TESTING001".into(),
            contact,
            billing_account_id: "190150638551501".into(),
            service_address: "7 Existing Street, San Juan".into(),
        }]
    } else {
        Vec::new()
    };
    Ok(Customers { customers })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_contacts_are_keyed_by_their_ten_digits() {
        assert_eq!(
            normalise("+1 (787) 555-0100").unwrap(),
            ("7875550100".into(), "OTP_SMS")
        );
        assert_eq!(
            normalise(" Ana@Example.PR ").unwrap(),
            ("ana@example.pr".into(), "OTP_EMAIL")
        );
        assert!(normalise("not a contact").is_err());
    }
}
