//! The crontab input: validates as the operator types and says what the expression means.
//! The full schedule editor (builder, time zones, next runs) grows from here.

use backup_console_core::format;
use backup_console_core::schedule::{CronExpr, Dialect};
use chrono::Utc;
use leptos::prelude::*;

/// What the field says under the input: the meaning and next runs, or the problem.
pub fn explain(text: &str, dialect: Dialect) -> Result<(String, Vec<String>), String> {
    let cron = CronExpr::parse(text, dialect).map_err(|e| e.to_string())?;
    let runs = cron
        .next_runs(Utc::now(), 3)
        .into_iter()
        .map(format::iso)
        .collect();
    Ok((cron.describe(), runs))
}

#[component]
pub fn CronField(
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    dialect: Dialect,
    #[prop(into, default = "cron-input".into())] testid: String,
) -> impl IntoView {
    let explanation = Memo::new(move |_| explain(&value.get(), dialect));
    let help_id = format!("{id}-explain");
    view! {
        <input
            id=id.clone()
            name=id
            class="mono"
            data-testid=testid
            autocomplete="off"
            spellcheck="false"
            aria-describedby=help_id.clone()
            aria-invalid=move || explanation.get().is_err().to_string()
            prop:value=move || value.get()
            on:input=move |ev| on_input.run(event_target_value(&ev))
        />
        <div id=help_id class="cron-explain" aria-live="polite">
            {move || match explanation.get() {
                Ok((words, runs)) => view! {
                    <p class="ok" data-testid="cron-description">{words}</p>
                    <p class="muted">
                        "Next runs (UTC): "
                        {runs.into_iter().map(|r| view! { <time data-testid="cron-next" datetime=r.clone()>{format::timestamp(&r)}</time>" " }).collect_view()}
                    </p>
                }
                .into_any(),
                Err(problem) => view! { <p class="field-error" data-testid="cron-error">{problem}</p> }.into_any(),
            }}
        </div>
    }
}
