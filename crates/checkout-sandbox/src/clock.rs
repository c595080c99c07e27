//! The sandbox's one source of "now".
//!
//! Every deadline (cart hold, number reservation, slot hold) is judged against this clock and
//! never against the system clock directly, so tests and demos can fast-forward across a
//! deadline in milliseconds (`POST /__admin/clock/advance`) instead of sleeping. The clock only
//! moves forward: a hold that lapsed must stay lapsed.

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// Real time plus an offset that only grows.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + TimeDelta::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Fast-forward by `by` (callers refuse negative amounts).
    pub fn advance(&self, by: TimeDelta) {
        self.offset_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }

    /// How far ahead of real time the clock runs.
    pub fn offset(&self) -> TimeDelta {
        TimeDelta::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }
}

/// Instants are stored as Unix epoch milliseconds.
pub fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// The inverse of [`to_ms`]; out-of-range values (never written by us) clamp to the epoch.
pub fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The wire form of an instant: RFC 3339, UTC, milliseconds (`YYYY-MM-DDThh:mm:ss.sssZ`),
/// as the seeds write `requestedCompletionDate`.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward_by_that_much() {
        let c = Clock::default();
        let before = c.now();
        c.advance(TimeDelta::minutes(15));
        let moved = c.now() - before;
        assert!(moved >= TimeDelta::minutes(15) && moved < TimeDelta::minutes(16));
    }

    #[test]
    fn wire_form_is_utc_with_millis() {
        let t = from_ms(1_673_441_112_028);
        assert_eq!(rfc3339(t), "2023-01-11T12:45:12.028Z");
        assert_eq!(to_ms(t), 1_673_441_112_028);
    }
}
