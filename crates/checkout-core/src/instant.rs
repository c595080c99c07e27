//! Instants as milliseconds since the Unix epoch, and the few ISO-8601 strings TMF bodies need.
//!
//! Core must stay small in the browser, so no date crate: an instant is an `i64`, and the
//! civil-date conversion is Howard Hinnant's days-from-civil algorithm (exact for the
//! proleptic Gregorian calendar, no tables). Time zones never matter here: every seed instant
//! is UTC with a `Z`.

use serde::{Deserialize, Serialize};
use std::fmt;

const MS_PER_DAY: i64 = 86_400_000;

/// A UTC instant, milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UtcMillis(pub i64);

/// A span of time in milliseconds (may be negative: "already past").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Millis(pub i64);

impl Millis {
    pub const fn from_secs(s: i64) -> Self {
        Self(s * 1000)
    }
    pub const fn from_mins(m: i64) -> Self {
        Self(m * 60_000)
    }
    /// Whole seconds, rounded up, never negative: what a countdown shows.
    pub fn ceil_secs(self) -> i64 {
        if self.0 <= 0 {
            0
        } else {
            (self.0 + 999) / 1000
        }
    }
}

/// Seed 004: an unscheduled job is ordered with `requestedCompletionDate`
/// "4444-12-31T00:00:00.000Z" (self install always; technician visit when no slot is free).
pub const UNSCHEDULED: UtcMillis = UtcMillis(days_from_civil(4444, 12, 31) * MS_PER_DAY);

/// The seed's spelling of [`UNSCHEDULED`].
pub const UNSCHEDULED_ISO: &str = "4444-12-31T00:00:00.000Z";

impl UtcMillis {
    pub const fn plus(self, d: Millis) -> Self {
        Self(self.0.saturating_add(d.0))
    }
    /// `self - earlier`, saturating.
    pub const fn since(self, earlier: UtcMillis) -> Millis {
        Millis(self.0.saturating_sub(earlier.0))
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the form every seed example uses.
    pub fn to_iso8601(self) -> String {
        let days = self.0.div_euclid(MS_PER_DAY);
        let ms_of_day = self.0.rem_euclid(MS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        let (h, rest) = (ms_of_day / 3_600_000, ms_of_day % 3_600_000);
        let (min, rest) = (rest / 60_000, rest % 60_000);
        let (s, ms) = (rest / 1000, rest % 1000);
        if (0..=9999).contains(&y) {
            format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{ms:03}Z")
        } else {
            // ISO 8601 expanded years; never reached by real orders, but the function is total.
            format!("{y:+}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{ms:03}Z")
        }
    }

    /// Parse `YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z` (UTC only: every seed instant is).
    pub fn parse_iso8601(s: &str) -> Result<Self, BadInstant> {
        let b = s.as_bytes();
        let bad = || BadInstant(s.to_owned());
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' {
            return Err(bad());
        }
        if b[13] != b':' || b[16] != b':' || b.last() != Some(&b'Z') {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<i64, BadInstant> {
            let part = s.get(r).ok_or_else(bad)?;
            if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<i64>().map_err(|_| bad())
        };
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let ms = match b.len() {
            20 => 0,
            22..=24 if b[19] == b'.' => {
                let frac = num(20..b.len() - 1)?;
                // ".5" is 500 ms, ".05" is 50 ms.
                frac * 10_i64.pow(u32::try_from(24 - b.len()).map_err(|_| bad())?)
            }
            _ => return Err(bad()),
        };
        let mo_u = u32::try_from(mo).map_err(|_| bad())?;
        let d_u = u32::try_from(d).map_err(|_| bad())?;
        if !(1..=12).contains(&mo_u) || d_u < 1 || d_u > days_in_month(y, mo_u) {
            return Err(bad());
        }
        if h > 23 || mi > 59 || sec > 59 {
            return Err(bad());
        }
        let days = days_from_civil(y, mo_u, d_u);
        Ok(Self(
            days * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms,
        ))
    }
}

impl fmt::Display for UtcMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso8601())
    }
}

/// Text that is not a UTC ISO-8601 instant of the seed's form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a UTC ISO-8601 instant: {0:?}")]
pub struct BadInstant(pub String);

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant, "chrono-Compatible Low-Level
/// Date Algorithms").
pub const fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = ((m + 9) % 12) as i64; // March = 0
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    // d is 1..=31 and m 1..=12 by construction, so the casts cannot truncate.
    let (m, d) = (m as u32, d as u32);
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_is_1970() {
        assert_eq!(UtcMillis(0).to_iso8601(), "1970-01-01T00:00:00.000Z");
    }

    /// Seed 004: "Call Product Order(requestedCompletionDate) API with Unscheduled Job, ie
    /// date=\"4444-12-31T00:00:00.000Z\"".
    #[test]
    fn unscheduled_sentinel_formats_as_the_seed_spells_it() {
        assert_eq!(UNSCHEDULED.to_iso8601(), UNSCHEDULED_ISO);
        assert_eq!(UtcMillis::parse_iso8601(UNSCHEDULED_ISO), Ok(UNSCHEDULED));
    }

    /// Seed 004's technician example's `requestedCompletionDate`, the instant below.
    #[test]
    fn seed_slot_instant_round_trips() {
        let t = UtcMillis::parse_iso8601("2023-01-11T12:45:12.028Z").unwrap();
        assert_eq!(t, UtcMillis(1_673_441_112_028));
        assert_eq!(t.to_iso8601(), "2023-01-11T12:45:12.028Z");
    }

    #[test]
    fn leap_days_and_bad_dates() {
        assert!(UtcMillis::parse_iso8601("2024-02-29T00:00:00Z").is_ok());
        assert!(UtcMillis::parse_iso8601("2023-02-29T00:00:00Z").is_err());
        assert!(UtcMillis::parse_iso8601("2023-13-01T00:00:00Z").is_err());
        assert!(UtcMillis::parse_iso8601("2023-01-01T24:00:00Z").is_err());
        assert!(UtcMillis::parse_iso8601("2023-01-01 00:00:00Z").is_err());
        assert!(UtcMillis::parse_iso8601("2023-01-01T00:00:00+01:00").is_err());
        assert_eq!(
            UtcMillis::parse_iso8601("1970-01-01T00:00:00.5Z"),
            Ok(UtcMillis(500))
        );
    }

    #[test]
    fn countdown_rounds_up_and_stops_at_zero() {
        assert_eq!(Millis(1).ceil_secs(), 1);
        assert_eq!(Millis(1000).ceil_secs(), 1);
        assert_eq!(Millis(-5).ceil_secs(), 0);
    }

    proptest! {
        #[test]
        fn iso_round_trips(ms in 0_i64..253_402_300_799_999) {
            let t = UtcMillis(ms);
            prop_assert_eq!(UtcMillis::parse_iso8601(&t.to_iso8601()), Ok(t));
        }

        #[test]
        fn civil_round_trips(days in -1_000_000_i64..1_000_000) {
            let (y, m, d) = civil_from_days(days);
            prop_assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
