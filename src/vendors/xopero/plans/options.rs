//! The schedule's options, each edited with its own controls and read back as a sentence: a
//! genuinely special widget (lists of days and start times), so its controls are written here.
//! Numbers the console does not know stay selected as they are.

use backup_console_core::api::FieldErrors;
use backup_console_core::schedule::cron::WEEKDAY_NAMES;
use backup_console_core::schedule::window::MONDAY_FIRST;
use backup_console_core::schedule::xopero::{
    ScheduleOption, TimeOfDay, XoperoSchedule, INTERVAL, MONTHLY, WEEKLY,
};
use backup_console_core::schedule::xopero_words::{
    describe, time_text, BACKUP_TYPES, FREQUENCIES, NTH_CHOICES,
};
use leptos::prelude::*;

type Schedule = RwSignal<Option<XoperoSchedule>>;

/// Where the options' problems are keyed (`schedule.options[1].days`).
const OPTIONS_KEY: &str = "schedule.options[";

/// A new option: incremental, weekly on weekdays at 01:00.
fn new_option() -> ScheduleOption {
    ScheduleOption {
        kind: 3,
        trigger: 1,
        frequency: WEEKLY,
        days: vec![1, 2, 3, 4, 5],
        start_at: vec![TimeOfDay { hour: 1, minute: 0 }],
        interval: 0,
        nth_day_of_week: 0,
    }
}

/// "1, 15" for days of the month.
fn days_text(days: &[u32]) -> String {
    days.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_days(text: &str) -> Vec<u32> {
    text.split([',', ' '])
        .filter_map(|d| d.trim().parse().ok())
        .collect()
}

fn parse_time(text: &str) -> Option<TimeOfDay> {
    let (h, m) = text.trim().split_once(':')?;
    Some(TimeOfDay {
        hour: h.parse().ok()?,
        minute: m.get(..2).unwrap_or(m).parse().ok()?,
    })
}

/// A select over known (value, label) pairs, keeping a value it does not know.
fn choice(
    testid: &'static str,
    label: &'static str,
    known: &'static [(u32, &'static str)],
    current: impl Fn() -> u32 + Copy + Send + Sync + 'static,
    set: impl Fn(u32) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label class="cron-part">
            <span>{label}</span>
            <select data-testid=testid on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse() { set(n) }
            }>
                {move || {
                    let now = current();
                    let mut options: Vec<(u32, String)> = known.iter().map(|(v, l)| (*v, (*l).to_owned())).collect();
                    if !known.iter().any(|(v, _)| *v == now) {
                        options.insert(0, (now, format!("{now} (kept as it is)")));
                    }
                    options.into_iter().map(|(v, l)| view! { <option value=v.to_string() selected=v == now>{l}</option> }).collect_view()
                }}
            </select>
        </label>
    }
}

#[component]
fn OptionEditor(schedule: Schedule, index: usize, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let get = move || schedule.with(|s| s.as_ref().and_then(|s| s.options.get(index).cloned()));
    let edit = move |f: &dyn Fn(&mut ScheduleOption)| {
        schedule.update(|s| {
            if let Some(option) = s.as_mut().and_then(|s| s.options.get_mut(index)) {
                f(option);
            }
        })
    };
    let read = move |f: fn(&ScheduleOption) -> u32| move || get().map_or(0, |o| f(&o));
    let problem = move |field: &'static str| {
        let key = format!("schedule.options[{index}].{field}");
        move || errors.with(|e| e.get(&key).map(|m| m.join(" ")))
    };
    let frequency = read(|o| o.frequency);
    let nth = read(|o| o.nth_day_of_week);
    let weekdays_shown = move || frequency() == WEEKLY || (frequency() == MONTHLY && nth() > 0);
    let times_shown = move || frequency() != INTERVAL;
    let weekday = move |day: usize| {
        let day = day as u32;
        view! {
            <label class="check">
                <input type="checkbox" data-testid=format!("option-day-{day}")
                    prop:checked=move || get().is_some_and(|o| o.days.contains(&day))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(&|o| {
                            o.days.retain(|d| *d != day);
                            if on { o.days.push(day); o.days.sort_unstable(); }
                        });
                    } />
                {&WEEKDAY_NAMES[day as usize][..3]}
            </label>
        }
    };
    let time_input = move |slot: usize, t: TimeOfDay| {
        view! {
            <span class="time-slot">
                <input type="time" data-testid="option-time" aria-label=format!("Start time {}", slot + 1)
                    prop:value=time_text(&t)
                    on:change=move |ev| if let Some(t) = parse_time(&event_target_value(&ev)) {
                        edit(&|o| if let Some(s) = o.start_at.get_mut(slot) { *s = t });
                    } />
                <button type="button" data-testid="option-remove-time" aria-label=format!("Remove start time {}", slot + 1)
                    on:click=move |_| edit(&|o| { if slot < o.start_at.len() { o.start_at.remove(slot); } })>"×"</button>
            </span>
        }
    };
    view! {
        <fieldset class="schedule-option" data-testid="schedule-option" data-index=index>
            <legend>{format!("Option {}", index + 1)}</legend>
            <p class="sentence" data-testid="option-sentence" aria-live="polite">
                {move || get().map(|o| describe(&o)).unwrap_or_default()}
            </p>
            <div class="inline-fields">
                {choice("option-type", "Backup", &BACKUP_TYPES, read(|o| o.kind), move |n| edit(&|o| o.kind = n))}
                {choice("option-frequency", "Repeats", &FREQUENCIES, frequency, move |n| edit(&|o| o.frequency = n))}
                <Show when=move || frequency() == MONTHLY>
                    {choice("option-nth", "Which days", &NTH_CHOICES, nth, move |n| edit(&|o| o.nth_day_of_week = n))}
                </Show>
                <label class="cron-part">
                    <span>"Trigger"</span>
                    <input type="number" min="0" size="3" data-testid="option-trigger" title="Kept as sent; the document does not explain it."
                        prop:value=move || read(|o| o.trigger)().to_string()
                        on:change=move |ev| if let Ok(n) = event_target_value(&ev).trim().parse() { edit(&|o| o.trigger = n) } />
                </label>
            </div>
            <Show when=weekdays_shown>
                <div class="weekdays" role="group" aria-label="Days of the week">
                    {MONDAY_FIRST.iter().map(|d| weekday(*d)).collect_view()}
                </div>
            </Show>
            <Show when=move || frequency() == MONTHLY && nth() == 0>
                <label class="cron-part">
                    <span>"Days of the month (1-31, comma-separated)"</span>
                    <input data-testid="option-month-days" prop:value=move || get().map(|o| days_text(&o.days)).unwrap_or_default()
                        on:change=move |ev| { let days = parse_days(&event_target_value(&ev)); edit(&|o| o.days = days.clone()) } />
                </label>
            </Show>
            <p class="field-error" role="alert" data-testid=format!("error-option-{index}-days")>{problem("days")}{problem("nthDayOfWeek")}</p>
            <Show when=times_shown>
                <div class="times" role="group" aria-label="Start times">
                    {move || get().map(|o| o.start_at.iter().enumerate().map(|(i, t)| time_input(i, *t)).collect_view())}
                    <button type="button" data-testid="option-add-time"
                        on:click=move |_| edit(&|o| o.start_at.push(TimeOfDay { hour: 12, minute: 0 }))>"Add a start time"</button>
                </div>
            </Show>
            <p class="field-error" role="alert" data-testid=format!("error-option-{index}-startAt")>{problem("startAt")}</p>
            <Show when=move || frequency() == INTERVAL>
                <label class="cron-part">
                    <span>"Minutes between runs"</span>
                    <input type="number" min="1" data-testid="option-interval" prop:value=move || read(|o| o.interval)().to_string()
                        on:change=move |ev| { let n = event_target_value(&ev).trim().parse().unwrap_or(0); edit(&|o| o.interval = n) } />
                </label>
                <p class="field-error" role="alert">{problem("interval")}</p>
            </Show>
            <button type="button" class="danger" data-testid="option-remove"
                on:click=move |_| schedule.update(|s| if let Some(s) = s { if index < s.options.len() { s.options.remove(index); } })>
                "Remove this option"
            </button>
        </fieldset>
    }
}

/// Every option of the schedule, and a button for one more.
#[component]
pub fn ScheduleOptions(schedule: Schedule, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let count = Memo::new(move |_| schedule.with(|s| s.as_ref().map_or(0, |s| s.options.len())));
    // Once a save found problems in the options, they are checked again as they are edited,
    // so a fixed one loses its message (as the form's fields do).
    Effect::new(move |_| {
        let Some(found) = schedule.with(|s| s.as_ref().map(XoperoSchedule::validate)) else {
            return;
        };
        let shown = errors.with_untracked(|e| e.keys().any(|k| k.starts_with(OPTIONS_KEY)));
        if shown {
            errors.update(|e| {
                e.retain(|k, _| !k.starts_with(OPTIONS_KEY));
                for (key, messages) in found {
                    e.insert(format!("schedule.{key}"), messages);
                }
            });
        }
    });
    view! {
        <div class="schedule-options" data-testid="schedule-options">
            {move || (0..count.get()).map(|i| view! { <OptionEditor schedule=schedule index=i errors=errors /> }).collect_view()}
            {move || (count.get() == 0).then(|| view! { <p class="muted">"No options: the plan runs only when started by hand."</p> })}
            <button type="button" data-testid="option-add"
                on:click=move |_| schedule.update(|s| if let Some(s) = s { s.options.push(new_option()) })>"Add an option"</button>
        </div>
    }
}
