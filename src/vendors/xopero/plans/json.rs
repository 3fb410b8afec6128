//! What a save sends, said plainly: where the editor's starting point came from, that the whole
//! configuration is replaced, the exact JSON, and a way to start from a pasted plan JSON.

use backup_console_core::vendors::xopero::plan::{parse_pasted, start_from_pasted};
use backup_console_core::vendors::xopero::plan_form::check_body;
use leptos::prelude::*;

use super::draft::Draft;

/// Problems of a body as one line: "name: Give the plan a name. storageId: ...".
fn problems_text(problems: &backup_console_core::api::FieldErrors) -> String {
    problems
        .iter()
        .map(|(key, messages)| format!("{key}: {}", messages.join(" ")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn PlanJson(draft: Draft) -> impl IntoView {
    let pasted_text = RwSignal::new(String::new());
    let paste_problem = RwSignal::new(None::<String>);
    let paste_note = RwSignal::new(None::<String>);
    let body = Memo::new(move |_| draft.body());
    let apply = move |_| {
        paste_note.set(None);
        let Some(base) = draft.base.get_untracked() else {
            return;
        };
        let pasted = match parse_pasted(&pasted_text.get_untracked()) {
            Ok(p) => p,
            Err(e) => {
                paste_problem.set(Some(e));
                return;
            }
        };
        let start = start_from_pasted(&base, &pasted);
        // A schedule the editor cannot read would leave nothing to edit: refused up front.
        if let Err(problems) =
            backup_console_core::vendors::xopero::PlanForm::from_body(&start.body)
        {
            paste_problem.set(Some(format!(
                "The editor cannot start from it: {}",
                problems_text(&problems)
            )));
            return;
        }
        paste_problem.set(None);
        let problems = check_body(&start.body);
        if !problems.is_empty() {
            paste_note.set(Some(format!(
                "Started from the pasted plan. Fix before saving: {}",
                problems_text(&problems)
            )));
        } else {
            paste_note.set(Some(
                "Started from the pasted plan; its ids stay this plan's.".into(),
            ));
        }
        draft.start_from(pasted);
    };
    view! {
        <section class="plan-json" data-testid="plan-json-section">
            <h2>"What saving sends"</h2>
            <p data-testid="plan-source">
                {move || draft.base.get().map(|b| format!("The editor started from {}.", b.source.describe()))}
            </p>
            <p class="banner warning" role="note" data-testid="replace-warning">
                <strong>"Saving replaces this plan's whole configuration"</strong>
                " with the JSON below: the service keeps nothing of the plan that is not in it. Fields the console does not understand are sent back exactly as they came."
            </p>
            <details data-testid="paste">
                <summary>"Start from a plan JSON"</summary>
                <label for="paste-json">"Paste a plan as JSON (for example one saved from another console or from the vendor's tools)"</label>
                <textarea id="paste-json" class="mono" rows="6" data-testid="paste-json"
                    prop:value=move || pasted_text.get() on:input=move |ev| pasted_text.set(event_target_value(&ev))></textarea>
                <button type="button" data-testid="paste-apply" on:click=apply>"Start from this JSON"</button>
                {move || paste_problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="paste-error">{p}</p> })}
                {move || paste_note.get().map(|p| view! { <p role="status" data-testid="paste-note">{p}</p> })}
            </details>
            {move || match body.get() {
                Some(Ok(json)) => view! {
                    <pre class="mono json" data-testid="plan-json">{serde_json::to_string_pretty(&json).unwrap_or_default()}</pre>
                }.into_any(),
                Some(Err(problems)) => view! {
                    <p class="field-error" data-testid="plan-json-blocked">
                        {format!("Nothing can be sent until these are fixed: {}", problems_text(&problems))}
                    </p>
                }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
