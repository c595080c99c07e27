//! Staff sign-in at a kiosk (`POST /v1/staff/auth`): the employee's PIN checked against the
//! sandbox's staff directory, answered with the ids seed 004's JM and PA bodies (`cisEmpId`,
//! `salesRepId`) and PR's `SalesRepresentative` party carry.
//!
//! It must never tell which employee numbers exist: an unknown number gets the same answer as a
//! wrong PIN, and counts towards a lockout exactly as a known one does (like the OTP lockout of
//! `identity.rs`). Failure counts live in the store, so each sandbox instance has its own.

use crate::clock::{from_ms, rfc3339, to_ms};
use crate::error::SandboxError;
use checkout_core::Market;
use checkout_core::kiosk::{StaffAuthRequest, StaffMember};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::SqliteConnection;

/// Wrong PINs in a row before the employee number is locked.
pub const MAX_FAILURES: i64 = 5;
/// How long a lockout lasts, on the sandbox clock.
pub const LOCKOUT: TimeDelta = TimeDelta::minutes(15);

/// One employee of the magic staff directory (docs/sandbox.md, "Magic staff").
#[derive(Debug)]
struct Employee {
    id: &'static str,
    pin: &'static str,
    name: &'static str,
    /// Sales-rep ids by market: one employee may sell under different ids in different markets.
    sales_rep_pr: &'static str,
    sales_rep_jm: &'static str,
    sales_rep_pa: &'static str,
}

impl Employee {
    fn member(&self, market: Market) -> StaffMember {
        let sales_rep_id = match market {
            Market::PuertoRico => self.sales_rep_pr,
            Market::Jamaica => self.sales_rep_jm,
            Market::Panama => self.sales_rep_pa,
        };
        StaffMember {
            cis_emp_id: self.id.to_owned(),
            sales_rep_id: sales_rep_id.to_owned(),
            name: self.name.to_owned(),
        }
    }
}

/// Seed 004's ids where it has them: `cisEmpId` 99999 sells as 99999 in JM and 70013 in PA; PR's
/// `SalesRepresentative` party is 54321.
const STAFF: &[Employee] = &[
    Employee {
        id: "99999",
        pin: "2468",
        name: "Dana Reid",
        sales_rep_pr: "54321",
        sales_rep_jm: "99999",
        sales_rep_pa: "70013",
    },
    Employee {
        id: "12345",
        pin: "1357",
        name: "Luis Ortega",
        sales_rep_pr: "12345",
        sales_rep_jm: "12345",
        sales_rep_pa: "12345",
    },
];

/// What a sign-in came to. A wrong PIN is an answer the store must keep (the failure count),
/// so it is a value here, not an error that would roll the transaction back.
#[derive(Debug)]
pub enum Verdict {
    SignedIn(StaffMember),
    Refused(SandboxError),
}

/// The employee's lockout deadline, if locked at `now`.
async fn locked_until(
    conn: &mut SqliteConnection,
    employee: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, SandboxError> {
    let until: Option<Option<i64>> =
        sqlx::query_scalar("SELECT locked_until FROM staff_locks WHERE employee_id = ?1")
            .bind(employee)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(until.flatten().filter(|t| *t > to_ms(now)))
}

/// `POST /v1/staff/auth`: check the PIN of `req.employee_id` at `req.site_code`.
pub async fn sign_in(
    conn: &mut SqliteConnection,
    req: &StaffAuthRequest,
    now: DateTime<Utc>,
) -> Result<Verdict, SandboxError> {
    // Any store's code will do (the sandbox keeps no store directory), but there must be one.
    if req.site_code.trim().is_empty() {
        return Err(SandboxError::BadRequest("siteCode: required".into()));
    }
    let employee = req.employee_id.as_str();
    if let Some(until) = locked_until(conn, employee, now).await? {
        return Ok(Verdict::Refused(SandboxError::StaffLocked(rfc3339(
            from_ms(until),
        ))));
    }
    let found = STAFF
        .iter()
        .find(|e| e.id == employee && e.pin == req.pin.as_str());
    if let Some(e) = found {
        sqlx::query("DELETE FROM staff_locks WHERE employee_id = ?1")
            .bind(employee)
            .execute(&mut *conn)
            .await?;
        return Ok(Verdict::SignedIn(e.member(req.business_id)));
    }
    // A lapsed lock starts the count again.
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO staff_locks (employee_id, failures, locked_until) VALUES (?1, 1, NULL)
         ON CONFLICT (employee_id) DO UPDATE SET
             failures = CASE WHEN staff_locks.locked_until IS NOT NULL THEN 1
                             ELSE staff_locks.failures + 1 END,
             locked_until = NULL
         RETURNING failures",
    )
    .bind(employee)
    .fetch_one(&mut *conn)
    .await?;
    if failures >= MAX_FAILURES {
        let until = now + LOCKOUT;
        sqlx::query(
            "UPDATE staff_locks SET locked_until = ?2, failures = 0 WHERE employee_id = ?1",
        )
        .bind(employee)
        .bind(to_ms(until))
        .execute(&mut *conn)
        .await?;
        return Ok(Verdict::Refused(SandboxError::StaffLocked(rfc3339(until))));
    }
    Ok(Verdict::Refused(SandboxError::StaffPinWrong {
        attempts_left: MAX_FAILURES - failures,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sales_rep_ids_are_the_seeds_per_market() {
        let dana = &STAFF[0];
        assert_eq!(dana.member(Market::Jamaica).sales_rep_id, "99999");
        assert_eq!(dana.member(Market::Panama).sales_rep_id, "70013");
        assert_eq!(dana.member(Market::PuertoRico).sales_rep_id, "54321");
        assert_eq!(dana.member(Market::Panama).cis_emp_id, "99999");
        for m in [Market::PuertoRico, Market::Jamaica, Market::Panama] {
            assert_eq!(STAFF[1].member(m).sales_rep_id, "12345");
        }
    }

    #[test]
    fn every_employee_id_and_pin_parse_as_core_would() {
        for e in STAFF {
            assert!(
                checkout_core::kiosk::EmployeeId::new(e.id).is_ok(),
                "{}",
                e.id
            );
            assert!(checkout_core::kiosk::Pin::new(e.pin).is_ok(), "{}", e.name);
        }
    }
}
