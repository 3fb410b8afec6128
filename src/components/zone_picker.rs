//! The display-zone preference in the shell: every time in the console is shown in the zone
//! chosen here — the browser's, UTC, or any IANA zone — kept on this device.

use backup_console_core::schedule::Zone;
use leptos::prelude::*;

use crate::clock::browser_zone;
use crate::prefs::{Prefs, ZoneChoice};

/// The value of the browser's own zone in the list.
const BROWSER: &str = "browser";

#[component]
pub fn ZonePicker() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let value = move || match prefs.zone.get() {
        ZoneChoice::Browser => BROWSER.to_owned(),
        ZoneChoice::Named(zone) => zone.name().to_owned(),
    };
    let browser = format!("Browser's zone ({})", browser_zone().name());
    // Marked in the options too, so the first render shows it whenever the options arrive.
    let initial = prefs.zone.with_untracked(|z| match z {
        ZoneChoice::Browser => BROWSER.to_owned(),
        ZoneChoice::Named(zone) => zone.name().to_owned(),
    });
    view! {
        <label class="zone-picker">
            <span>"Times in"</span>
            <select data-testid="display-zone" prop:value=value
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    prefs.set_zone(if chosen == BROWSER {
                        ZoneChoice::Browser
                    } else {
                        ZoneChoice::from_stored(Some(&chosen))
                    });
                }
            >
                <option value=BROWSER selected=initial == BROWSER>{browser}</option>
                <option value="UTC" selected=initial == "UTC">"UTC"</option>
                {Zone::all()
                    .filter(|z| *z != Zone::UTC)
                    .map(|z| view! { <option value=z.name() selected=initial == z.name()>{z.name()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
