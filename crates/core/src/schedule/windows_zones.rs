//! Windows time zone names (what Rackspace's `TimeZoneId` holds) and IANA zones, after Unicode
//! CLDR's `windowsZones` mapping. The tables are generated (`windows_zones_data.rs`, by
//! `scripts/reference/windows_zones.py`, which names its source and version).

use super::zone::Zone;

pub use super::windows_zones_data::{IANA_TO_WINDOWS, WINDOWS_ZONES};

/// The IANA zone for a Windows zone name (CLDR's default for it, any letter case); IANA names
/// are accepted as they are. `None` when the console does not know the name.
pub fn to_iana(name: &str) -> Option<Zone> {
    let name = name.trim();
    WINDOWS_ZONES
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(name))
        .and_then(|(_, iana)| iana.parse().ok())
        .or_else(|| name.parse().ok())
}

/// The Windows name for an IANA zone, when CLDR maps one to it (in any territory, so
/// Europe/Paris gives "Romance Standard Time" although Windows' default for it is Brussels).
pub fn to_windows(tz: Zone) -> Option<&'static str> {
    IANA_TO_WINDOWS
        .binary_search_by(|(iana, _)| (*iana).cmp(tz.name()))
        .ok()
        .map(|index| IANA_TO_WINDOWS[index].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::zone::zone;

    #[test]
    fn the_complete_cldr_mapping_is_known() {
        assert_eq!(to_iana("Taipei Standard Time"), Some(zone("Asia/Taipei")));
        assert_eq!(
            to_iana("E. Europe Standard Time"),
            Some(zone("Europe/Chisinau"))
        );
        assert_eq!(
            to_iana("Eastern Standard Time"),
            Some(zone("America/New_York"))
        );
        assert_eq!(
            to_iana("eastern standard time"),
            Some(zone("America/New_York"))
        );
        assert_eq!(to_iana("Europe/Paris"), Some(zone("Europe/Paris")));
        assert_eq!(to_iana("Mars Standard Time"), None);
        assert_eq!(
            to_windows(zone("Europe/Paris")),
            Some("Romance Standard Time")
        );
        assert_eq!(
            to_windows(zone("Asia/Taipei")),
            Some("Taipei Standard Time")
        );
        assert!(WINDOWS_ZONES.len() > 130, "{}", WINDOWS_ZONES.len());
    }

    #[test]
    fn every_entry_names_zones_the_console_knows() {
        for (windows, iana) in WINDOWS_ZONES {
            let tz = to_iana(windows).unwrap_or_else(|| panic!("{windows} -> {iana} unknown"));
            assert_eq!(tz.name(), iana);
            // CLDR's default zone for a Windows name maps back to that name.
            assert_eq!(to_windows(tz), Some(windows), "{iana}");
        }
        for (iana, windows) in IANA_TO_WINDOWS {
            let tz: Zone = iana.parse().unwrap_or_else(|_| panic!("{iana} unknown"));
            assert_eq!(to_windows(tz), Some(windows));
            assert!(
                WINDOWS_ZONES.iter().any(|(w, _)| *w == windows),
                "{windows}"
            );
        }
        // Sorted, for the binary search in `to_windows`.
        assert!(IANA_TO_WINDOWS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
