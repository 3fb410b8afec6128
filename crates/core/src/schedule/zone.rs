//! IANA time zones from a compact table (`zone_data.rs`, generated from chrono-tz by
//! `examples/zone_table.rs`): the offsets of every zone from 1970 to 2100, about 190 KB instead
//! of the full history's megabyte, which the browser would otherwise download with the console.
//! The change instants are stored as varint deltas (8 KB gzipped instead of 37 KB: the table is
//! part of the first download) and read into memory once, on first use.
//!
//! `Zone` is a chrono `TimeZone`, so `DateTime<Zone>` works as `DateTime<chrono_tz::Tz>` did,
//! `%Z` included. The same code runs natively (tests, the cron differential test) and in the
//! browser. Before 1970 a zone keeps its 1970 offset; after 2100, its last.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone};

use super::zone_data::{AT_DELTAS, HISTORIES, NAMES, OFFSETS, TO};

/// A zone, by its place in the sorted list of names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Zone(u16);

/// The offset a zone has at some instant, and which zone it belongs to (so `%Z` can name it
/// and a `DateTime<Zone>` knows its zone).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneOffset {
    zone: Zone,
    offset: u16,
}

impl Zone {
    pub const UTC: Zone = Zone(utc_index());

    /// Every zone, in name order.
    pub fn all() -> impl Iterator<Item = Zone> {
        (0..NAMES.len() as u16).map(Zone)
    }

    pub fn name(self) -> &'static str {
        NAMES[self.0 as usize].0
    }

    /// A zone by its IANA name (exact, as the database spells it).
    pub fn from_name(name: &str) -> Option<Zone> {
        NAMES
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|i| Zone(i as u16))
    }

    /// The offset changes of this zone: (instants, offsets), and the offset before the first.
    fn history(self) -> (&'static [u32], &'static [u8], u16) {
        let (first, start, count) = HISTORIES[NAMES[self.0 as usize].1 as usize];
        let range = start as usize..(start + count) as usize;
        (&instants()[range.clone()], &TO[range], first)
    }

    /// The offset in force at `t` (seconds since 1970, UTC).
    fn offset_at(self, t: i64) -> u16 {
        let (at, to, first) = self.history();
        let after = at.partition_point(|&change| i64::from(change) <= t);
        match after {
            0 => first,
            n => u16::from(to[n - 1]),
        }
    }

    fn offset(self, index: u16) -> ZoneOffset {
        ZoneOffset {
            zone: self,
            offset: index,
        }
    }
}

/// Every history's change instants (seconds since 1970), read once from `AT_DELTAS`: per
/// history, LEB128 varints of the seconds since its previous change.
fn instants() -> &'static [u32] {
    static INSTANTS: OnceLock<Vec<u32>> = OnceLock::new();
    INSTANTS.get_or_init(|| {
        let mut instants = Vec::with_capacity(TO.len());
        let mut bytes = AT_DELTAS.iter();
        for &(_, _, count) in HISTORIES.iter() {
            let mut at = 0u32;
            for _ in 0..count {
                let (mut delta, mut shift) = (0u32, 0);
                for &byte in bytes.by_ref() {
                    delta |= u32::from(byte & 0x7f) << shift;
                    shift += 7;
                    if byte & 0x80 == 0 {
                        break;
                    }
                }
                at += delta;
                instants.push(at);
            }
        }
        instants
    })
}

const fn utc_index() -> u16 {
    let mut i = 0;
    while i < NAMES.len() {
        if eq(NAMES[i].0, "UTC") {
            return i as u16;
        }
        i += 1;
    }
    panic!("the zone table has no UTC");
}

const fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl ZoneOffset {
    fn seconds(self) -> i32 {
        OFFSETS[self.offset as usize].0
    }

    /// How `%Z` names it: "EST", "CEST", "+03".
    pub fn abbreviation(self) -> &'static str {
        OFFSETS[self.offset as usize].1
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.seconds())
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero"))
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation())
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation())
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Zone {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Zone::from_name(s.trim())
            .ok_or_else(|| format!("\"{}\" is not a time zone the console knows", s.trim()))
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        match local.and_hms_opt(0, 0, 0) {
            Some(midnight) => self.offset_from_local_datetime(&midnight),
            None => MappedLocalTime::None,
        }
    }

    /// Every offset that makes `local` a real instant: none in a gap (clocks jumped over it),
    /// two in an overlap (clocks went back), earlier first.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        let wall = local.and_utc().timestamp();
        // Offsets stay within a day of UTC: whatever is in force around `wall` is a candidate.
        let (at, to, _) = self.history();
        let from = at.partition_point(|&c| i64::from(c) <= wall - 2 * 86_400);
        let until = at.partition_point(|&c| i64::from(c) <= wall + 2 * 86_400);
        let mut candidates = vec![self.offset_at(wall - 2 * 86_400)];
        candidates.extend(to[from..until].iter().map(|&o| u16::from(o)));
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<(i64, u16)> = candidates
            .into_iter()
            .filter_map(|o| {
                let utc = wall - i64::from(OFFSETS[o as usize].0);
                (self.offset_at(utc) == o).then_some((utc, o))
            })
            .collect();
        found.sort_unstable();
        found.dedup_by_key(|(utc, _)| *utc);
        match found.as_slice() {
            [] => MappedLocalTime::None,
            [(_, o)] => MappedLocalTime::Single(self.offset(*o)),
            [(_, early), .., (_, late)] => {
                MappedLocalTime::Ambiguous(self.offset(*early), self.offset(*late))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        let t = utc
            .and_hms_opt(0, 0, 0)
            .map_or(0, |m| m.and_utc().timestamp());
        self.offset(self.offset_at(t))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.offset_at(utc.and_utc().timestamp()))
    }
}

/// A zone by name, for tests.
#[cfg(test)]
pub(crate) fn zone(name: &str) -> Zone {
    name.parse().expect("a zone the table knows")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    #[test]
    fn names_round_trip_and_utc_is_known() {
        assert_eq!(Zone::UTC.name(), "UTC");
        let ny: Zone = "America/New_York".parse().unwrap();
        assert_eq!(ny.name(), "America/New_York");
        assert!("Mars/Olympus".parse::<Zone>().is_err());
        assert!(Zone::all().count() > 590);
        // Links keep their own names.
        assert_eq!(Zone::from_name("US/Eastern").unwrap().name(), "US/Eastern");
    }

    #[test]
    fn gaps_and_overlaps_read_as_chrono_tz_does() {
        let ny: Zone = "America/New_York".parse().unwrap();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert!(matches!(
            ny.from_local_datetime(&at("2026-03-08 02:30")),
            MappedLocalTime::None
        ));
        match ny.from_local_datetime(&at("2026-11-01 01:30")) {
            MappedLocalTime::Ambiguous(early, late) => {
                assert_eq!(early.to_rfc3339(), "2026-11-01T01:30:00-04:00");
                assert_eq!(late.to_rfc3339(), "2026-11-01T01:30:00-05:00");
                assert_eq!(early.format("%Z").to_string(), "EDT");
                assert_eq!(late.format("%Z").to_string(), "EST");
            }
            other => panic!("{other:?}"),
        }
        let single = ny
            .from_local_datetime(&at("2026-07-01 12:00"))
            .single()
            .unwrap();
        assert_eq!(
            single.with_timezone(&Utc).to_rfc3339(),
            "2026-07-01T16:00:00+00:00"
        );
    }

    /// The table says what chrono-tz says, for every zone, at instants spread over 1970-2099
    /// and around every change the table records.
    #[test]
    fn the_table_matches_chrono_tz() {
        for zone in Zone::all() {
            let tz: chrono_tz::Tz = zone.name().parse().expect("chrono-tz knows every name");
            let (at, _, _) = zone.history();
            let mut instants: Vec<i64> = (0..260)
                .map(|i| i * 15_778_800 + 3_600 * (i % 24))
                .collect();
            for change in at {
                let c = i64::from(*change);
                instants.extend([c - 1, c, c + 1]);
            }
            for t in instants {
                let utc = DateTime::<Utc>::from_timestamp(t, 0).unwrap();
                let ours = utc.with_timezone(&zone);
                let theirs = utc.with_timezone(&tz);
                assert_eq!(
                    (ours.offset().fix(), ours.format("%Z").to_string()),
                    (theirs.offset().fix(), theirs.format("%Z").to_string()),
                    "{} at {utc}",
                    zone.name()
                );
            }
        }
    }

    #[test]
    fn local_times_resolve_like_chrono_tz_around_changes() {
        for name in [
            "America/New_York",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "America/Santiago",
            "Pacific/Chatham",
            "Asia/Tehran",
        ] {
            let zone: Zone = name.parse().unwrap();
            let tz: chrono_tz::Tz = name.parse().unwrap();
            let (at, _, _) = zone.history();
            for change in at
                .iter()
                .filter(|c| (1_700_000_000..1_900_000_000).contains(*c))
            {
                for minutes in (-120..=120).step_by(15) {
                    let utc = DateTime::<Utc>::from_timestamp(i64::from(*change) + minutes * 60, 0)
                        .unwrap();
                    for local in [utc.with_timezone(&tz).naive_local(), utc.naive_utc()] {
                        let ours = zone.from_local_datetime(&local).map(|t| t.to_rfc3339());
                        let theirs = tz.from_local_datetime(&local).map(|t| t.to_rfc3339());
                        assert_eq!(ours, theirs, "{name} {local}");
                    }
                }
            }
        }
    }
}
