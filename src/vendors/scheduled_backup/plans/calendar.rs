//! A calendar schedule: weekdays and times of day, stored as the cron pattern they stand for,
//! with the next runs. The service runs schedules in UTC.

use backup_console_core::api::FieldErrors;
use backup_console_core::schedule::cron::WEEKDAY_NAMES;
use backup_console_core::spec::FormValues;
use backup_console_core::vendors::scheduled_backup::forms::{
    calendar_of, parse_time, set_calendar,
};
use backup_console_core::vendors::scheduled_backup::schedule::Calendar;
use leptos::prelude::*;

use super::super::next_runs;

/// Monday first, in cron's numbers (0 = Sunday).
const WEEK: [u8; 7] = [1, 2, 3, 4, 5, 6, 0];

#[component]
pub fn CalendarPicker(
    values: RwSignal<FormValues>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let calendar = Memo::new(move |_| values.with(calendar_of));
    let change = move |edit: &dyn Fn(&mut Calendar)| {
        let mut next = calendar.get_untracked();
        edit(&mut next);
        values.update(|v| set_calendar(v, &next));
        errors.update(|e| {
            e.remove("schedule_pattern");
        });
    };
    let time = RwSignal::new("09:00".to_owned());
    let time_problem = RwSignal::new(None::<String>);
    let add_time = move |_| match parse_time(&time.get_untracked()) {
        Some(t) => {
            time_problem.set(None);
            change(&|c| {
                c.times.insert(t);
            });
        }
        None => time_problem.set(Some("Enter a time of day, e.g. 09:30.".into())),
    };
    let days = WEEK
        .iter()
        .map(|day| {
            let day = *day;
            let name = WEEKDAY_NAMES[usize::from(day)];
            view! {
                <label class="check">
                    <input type="checkbox" data-testid=format!("weekday-{day}")
                        prop:checked=move || calendar.with(|c| c.weekdays.contains(&day))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            change(&|c| {
                                if on { c.weekdays.insert(day); } else { c.weekdays.remove(&day); }
                            });
                        } />
                    {name}
                </label>
            }
        })
        .collect_view();
    let times = move || {
        calendar
            .get()
            .times
            .into_iter()
            .map(|(h, m)| {
                let label = format!("{h:02}:{m:02}");
                view! {
                    <li data-testid="calendar-time" data-time=label.clone()>
                        {label.clone()}" "
                        <button type="button" data-testid="time-remove" aria-label=format!("Remove {label}")
                            on:click=move |_| change(&|c| { c.times.remove(&(h, m)); })>"×"</button>
                    </li>
                }
            })
            .collect_view()
    };
    let preview = move || {
        calendar.get().to_cron().ok().map(|pattern| {
            view! {
                <p data-testid="calendar-description">{calendar.get().describe()}" (UTC) "
                    <span class="mono muted" data-testid="calendar-pattern">{pattern.clone()}</span></p>
                {next_runs(&pattern, 5)}
            }
        })
    };
    // What the form found on saving, or what is wrong with the calendar as it stands.
    let error = move || {
        errors
            .with(|e| e.get("schedule_pattern").map(|m| m.join(" ")))
            .or_else(|| calendar.get().to_cron().err())
    };
    view! {
        <div class="calendar-picker" class:has-error=move || error().is_some() data-testid="schedule-calendar" data-field="schedule_pattern">
            <fieldset class="checklist">
                <legend>"Weekdays"</legend>
                {days}
                <button type="button" data-testid="weekday-all"
                    on:click=move |_| change(&|c| c.weekdays = (0..7).collect())>"Every day"</button>
                <button type="button" data-testid="weekday-workdays"
                    on:click=move |_| change(&|c| c.weekdays = (1..6).collect())>"Monday to Friday"</button>
            </fieldset>
            <fieldset>
                <legend>"Times (UTC)"</legend>
                <ul class="times">{times}</ul>
                <label for="calendar-time-input" class="visually-hidden">"Time"</label>
                <input id="calendar-time-input" type="time" data-testid="time-input"
                    prop:value=move || time.get() on:input=move |ev| time.set(event_target_value(&ev)) />
                <button type="button" data-testid="time-add" on:click=add_time>"Add time"</button>
                {move || time_problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
            </fieldset>
            {preview}
            <p class="field-error" role="alert" data-testid="error-schedule_pattern">{error}</p>
        </div>
    }
}
