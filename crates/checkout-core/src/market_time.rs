//! Wall-clock time in a market: what a customer in San Juan, Kingston or Panama City reads on
//! their own clock for an instant the back office gave in UTC.
//!
//! The browser's time zone is never used: a kiosk may be set up with any zone, and a phone
//! travels. Each market's offset is fixed all year (`Market::utc_offset_minutes`), so the
//! conversion is arithmetic, with no time-zone database in the WASM.

use crate::catalog::Market;
use crate::instant::{UtcMillis, civil_from_days};

const MS_PER_DAY: i64 = 86_400_000;

/// A civil date and time in one market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
}

impl LocalTime {
    /// `at` on the market's clocks.
    pub fn of(at: UtcMillis, market: Market) -> Self {
        let local = at.0 + market.utc_offset_minutes() * 60_000;
        let days = local.div_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let mins = local.rem_euclid(MS_PER_DAY) / 60_000;
        Self {
            year,
            month,
            day,
            // 1970-01-01 was a Thursday.
            weekday: u32::try_from((days + 4).rem_euclid(7)).unwrap_or(0),
            hour: u32::try_from(mins / 60).unwrap_or(0),
            minute: u32::try_from(mins % 60).unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Half past three in the afternoon, UTC, on a Saturday in December.
    const AT: UtcMillis = UtcMillis(1_796_484_600_000);

    #[test]
    fn jamaica_and_panama_are_five_hours_behind_utc_and_puerto_rico_four() {
        let jm = LocalTime::of(AT, Market::Jamaica);
        assert_eq!(
            (jm.year, jm.month, jm.day, jm.hour, jm.minute),
            (2026, 12, 5, 10, 30)
        );
        assert_eq!(LocalTime::of(AT, Market::Panama), jm);
        let pr = LocalTime::of(AT, Market::PuertoRico);
        assert_eq!((pr.hour, pr.minute), (11, 30));
        assert_eq!(jm.weekday, 6, "a Saturday");
    }

    /// No daylight saving in any of the three: July is the same offset as December.
    #[test]
    fn the_offset_holds_all_year() {
        // Four in the morning UTC on the first of July: still the 30th of June in Kingston.
        let july = UtcMillis(1_782_878_400_000);
        let jm = LocalTime::of(july, Market::Jamaica);
        assert_eq!((jm.month, jm.day, jm.hour), (6, 30, 23));
        let pr = LocalTime::of(july, Market::PuertoRico);
        assert_eq!((pr.month, pr.day, pr.hour), (7, 1, 0));
    }

    #[test]
    fn a_local_midnight_crossing_moves_the_date_back() {
        // Three in the morning UTC on New Year's Day is still New Year's Eve in Panama City.
        let pa = LocalTime::of(UtcMillis(1_798_772_400_000), Market::Panama);
        assert_eq!((pa.year, pa.month, pa.day, pa.hour), (2026, 12, 31, 22));
    }
}
