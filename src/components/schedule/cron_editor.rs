//! Cron editor: the text, a field-by-field builder and presets kept in sync with it, live
//! validation and description, a time-zone picker and the next runs.

use backup_console_core::schedule::Zone;
use backup_console_core::schedule::{CronExpr, Dialect};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::{iso_with_offset, run_label};

pub const PRESETS: [(&str, &str); 8] = [
    ("Every hour", "0 * * * *"),
    ("Every 6 hours", "0 */6 * * *"),
    ("Every night at 01:30", "30 1 * * *"),
    ("Weeknights at 22:00", "0 22 * * 1-5"),
    ("Every Monday at 05:00", "0 5 * * MON"),
    ("Weekends at 03:00", "0 3 * * SAT,SUN"),
    ("First of the month at 03:00", "0 3 1 * *"),
    ("Every 15 minutes in office hours", "*/15 9-17 * * 1-5"),
];

const FIELD_NAMES: [&str; 6] = [
    "minute",
    "hour",
    "day of month",
    "month",
    "day of week",
    "year",
];

/// A five-field preset in the dialect's form (CyBorgBackup adds the year field).
pub fn preset_for(expr: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::Standard => expr.to_owned(),
        Dialect::CyBorgBackup => format!("{expr} *"),
    }
}

/// The whitespace-separated fields of `text`, padded to `count` with `*`.
pub fn split_fields(text: &str, count: usize) -> Vec<String> {
    let mut fields: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    while fields.len() < count {
        fields.push("*".into());
    }
    fields
}

/// The next `count` runs of `text` read in zone `tz` after `from` (now when `None`); empty when
/// either does not parse.
pub fn next_runs(
    text: &str,
    dialect: Dialect,
    tz: &str,
    from: Option<DateTime<Utc>>,
    count: usize,
) -> Vec<DateTime<Zone>> {
    match (CronExpr::parse(text, dialect), tz.parse::<Zone>()) {
        (Ok(cron), Ok(zone)) => cron.next_runs_in(zone, from.unwrap_or_else(Utc::now), count),
        _ => Vec::new(),
    }
}

/// Every time zone chrono-tz knows, for the picker.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    Zone::all().map(Zone::name)
}

#[component]
pub fn CronEditor(
    /// The expression; the editor writes it back on every edit.
    value: RwSignal<String>,
    #[prop(into)] tz: RwSignal<String>,
    dialect: Dialect,
    #[prop(into, default = Signal::derive(|| 5usize))] count: Signal<usize>,
    /// List runs after this instant; `None` means now.
    #[prop(into, default = Signal::derive(|| None))]
    from: Signal<Option<DateTime<Utc>>>,
    #[prop(into, default = "cron-input".into())] testid: String,
    #[prop(into, default = "cron".into())] id: String,
) -> impl IntoView {
    let parsed =
        Memo::new(move |_| CronExpr::parse(&value.get(), dialect).map_err(|e| e.to_string()));
    let zone = Memo::new(move |_| {
        tz.get().parse::<Zone>().map_err(|_| {
            format!(
                "\"{}\" is not a time zone name like Europe/Paris.",
                tz.get()
            )
        })
    });
    let runs =
        Memo::new(move |_| next_runs(&value.get(), dialect, &tz.get(), from.get(), count.get()));
    let field_count = move || match dialect {
        Dialect::Standard => 5,
        Dialect::CyBorgBackup => 6,
    };
    let help_id = format!("{id}-explain");
    let tz_id = format!("{id}-tz");
    let preset_id = format!("{id}-preset");

    let builder = move || {
        let n = field_count();
        let fields = split_fields(&value.get(), n);
        (0..n)
            .map(|i| {
                let current = fields[i].clone();
                let label = FIELD_NAMES[i];
                view! {
                    <label class="cron-part">
                        <span>{label}</span>
                        <input
                            class="mono"
                            size="8"
                            data-testid=format!("cron-field-{}", label.replace(' ', "-"))
                            prop:value=current
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                let text = if text.trim().is_empty() { "*".to_owned() } else { text.trim().replace(' ', "") };
                                let mut fields = split_fields(&value.get_untracked(), n);
                                fields[i] = text;
                                value.set(fields.join(" "));
                            }
                        />
                    </label>
                }
            })
            .collect_view()
    };

    view! {
        <div class="cron-editor" data-testid="cron-editor">
            <div class="cron-row">
                <input
                    id=id.clone()
                    class="mono cron-text"
                    data-testid=testid
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=help_id.clone()
                    aria-invalid=move || parsed.get().is_err().to_string()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <label class="visually-hidden" for=preset_id.clone()>"Preset"</label>
                <select
                    id=preset_id
                    data-testid="cron-preset"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if !chosen.is_empty() {
                            value.set(preset_for(&chosen, dialect));
                        }
                    }
                >
                    <option value="">"Presets…"</option>
                    {PRESETS.iter().map(|(name, expr)| view! { <option value=*expr>{*name}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="cron-builder">
                <legend>"Fields"</legend>
                {builder}
            </fieldset>
            <div id=help_id class="cron-explain" aria-live="polite">
                {move || match parsed.get() {
                    Ok(cron) => view! {
                        <p class="ok" data-testid="cron-description">{cron.describe()}</p>
                        {cron.day_rule_warning().map(|w| view! { <p class="warning" role="note" data-testid="cron-day-rule">{w}</p> })}
                    }.into_any(),
                    Err(problem) => view! { <p class="field-error" data-testid="cron-error">{problem}</p> }.into_any(),
                }}
            </div>
            <div class="cron-tz">
                <label for=tz_id.clone()>"Time zone"</label>
                <input
                    id=tz_id
                    list="tz-names"
                    data-testid="tz-input"
                    autocomplete="off"
                    prop:value=move || tz.get()
                    on:change=move |ev| tz.set(event_target_value(&ev).trim().to_owned())
                />
                <datalist id="tz-names">
                    {zone_names().map(|z| view! { <option value=z></option> }).collect_view()}
                </datalist>
                {move || zone.get().err().map(|e| view! { <p class="field-error" data-testid="tz-error">{e}</p> })}
            </div>
            <ol class="next-runs" data-testid="next-runs" aria-label="Next runs">
                {move || runs.get().iter().map(|t| view! {
                    <li><time data-testid="next-run" datetime=iso_with_offset(t)>{run_label(t)}</time></li>
                }).collect_view()}
            </ol>
        </div>
    }
}
