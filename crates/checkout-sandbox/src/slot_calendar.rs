//! The technicians' calendar: a function of the clock, not stored (two four-hour windows a
//! day, the next [`DAYS_AHEAD`] days, Puerto Rico local time, which has no daylight saving).
//! A slot's id names it (`YYYY-MM-DD-AM`).

use crate::clock::rfc3339;
use crate::contract::{TimePeriod, TimeSlot};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// How many days ahead (from tomorrow) slots are offered.
pub const DAYS_AHEAD: i64 = 7;
/// How many slots one search offers (and blocks).
pub const OFFERED: usize = 4;
/// Atlantic Standard Time, all year.
pub(crate) const LOCAL_OFFSET: TimeDelta = TimeDelta::hours(-4);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Window {
    Morning,
    Afternoon,
}

impl Window {
    const ALL: [Self; 2] = [Self::Morning, Self::Afternoon];

    fn tag(self) -> &'static str {
        match self {
            Self::Morning => "AM",
            Self::Afternoon => "PM",
        }
    }

    /// Local start hour; each window lasts four hours.
    fn start_hour(self) -> u32 {
        match self {
            Self::Morning => 8,
            Self::Afternoon => 12,
        }
    }
}

pub(crate) fn start_of(date: NaiveDate, w: Window) -> Option<DateTime<Utc>> {
    Some(date.and_hms_opt(w.start_hour(), 0, 0)?.and_utc() - LOCAL_OFFSET)
}

pub(crate) fn make(date: NaiveDate, w: Window) -> Option<TimeSlot> {
    let start = start_of(date, w)?;
    Some(TimeSlot {
        id: format!("{}-{}", date.format("%Y-%m-%d"), w.tag()),
        valid_for: TimePeriod {
            start_date_time: rfc3339(start),
            end_date_time: rfc3339(start + TimeDelta::hours(4)),
        },
    })
}

pub(crate) fn parse(id: &str) -> Option<(NaiveDate, Window)> {
    let (date, tag) = id.rsplit_once('-')?;
    let w = Window::ALL.into_iter().find(|w| w.tag() == tag)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some((date, w))
}

/// The slot an id names (its date, `YYYY-MM-DD`, then `-AM` or `-PM`), if it is one.
pub fn slot(id: &str) -> Option<TimeSlot> {
    let (date, w) = parse(id)?;
    make(date, w).filter(|s| s.id == id)
}

/// The slot, if it can still be booked at `now`: it starts in the future and within the
/// calendar's reach.
pub(crate) fn bookable(id: &str, now: DateTime<Utc>) -> Option<TimeSlot> {
    let (date, w) = parse(id)?;
    let start = start_of(date, w)?;
    let reach = now + TimeDelta::days(DAYS_AHEAD + 1);
    (start > now && start <= reach).then_some(())?;
    slot(id)
}

/// Every slot of the calendar at `now`, earliest first.
pub(crate) fn calendar(now: DateTime<Utc>) -> Vec<TimeSlot> {
    let today = (now + LOCAL_OFFSET).date_naive();
    (1..=DAYS_AHEAD)
        .filter_map(|d| today.checked_add_signed(TimeDelta::days(d)))
        .flat_map(|date| Window::ALL.into_iter().filter_map(move |w| make(date, w)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::from_ms;

    #[test]
    fn slot_ids_round_trip_and_times_are_atlantic_standard() {
        let s = slot("2026-12-02-AM").unwrap();
        assert_eq!(s.valid_for.start_date_time, "2026-12-02T12:00:00.000Z");
        assert_eq!(s.valid_for.end_date_time, "2026-12-02T16:00:00.000Z");
        assert!(
            slot("2026-12-2-AM").is_none(),
            "only the canonical spelling"
        );
        assert!(slot("2026-12-02-XX").is_none());
    }

    #[test]
    fn calendar_offers_two_windows_a_day_from_tomorrow() {
        let now = from_ms(1_764_590_400_000); // noon UTC the day before c[0], 08:00 in San Juan
        let c = calendar(now);
        assert_eq!(c.len(), 14);
        assert_eq!(c[0].id, "2025-12-02-AM");
        assert!(bookable(&c[0].id, now).is_some());
        assert!(
            bookable("2025-12-01-PM", now).is_some(),
            "later today is still ahead"
        );
        assert!(bookable("2025-12-01-AM", now).is_none(), "already started");
        assert!(
            bookable("2026-01-01-AM", now).is_none(),
            "beyond the calendar"
        );
    }
}
