//! Many subjects at once, pasted one per line: each new one is checked by fetching its
//! definition, the ones Cloudback knows are kept, and every line says what became of it.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::cloudback::forms::{paste_plan, PASTE_FIELDS};
use backup_console_core::vendors::cloudback::models::Definition;
use backup_console_core::vendors::cloudback::requests;
use backup_console_core::vendors::cloudback::subject::Subject;
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::keep;
use crate::calls::{call, decode_json, CallOptions};
use crate::components::form_field::FormFields;
use crate::session::use_session;

/// What became of one pasted line.
#[derive(Clone, Debug, PartialEq)]
struct LineOutcome {
    line: String,
    /// `added`, `skipped`, or the failure's kind.
    kind: &'static str,
    message: String,
}

#[component]
pub fn PasteSubjects(
    conn: String,
    api_path: String,
    subjects: Memo<Vec<Subject>>,
) -> impl IntoView {
    let session = use_session();
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let outcomes = RwSignal::new(Vec::<LineOutcome>::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = values.with_untracked(|v| v.get("lines").cloned().unwrap_or_default());
        if let Err(problem) = check_common(&PASTE_FIELDS[0], &text) {
            errors.set(FieldErrors::from([("lines".to_owned(), vec![problem])]));
            return;
        }
        errors.set(FieldErrors::new());
        let plan = paste_plan(&text, &subjects.get_untracked());
        let first: Vec<LineOutcome> = plan
            .notes
            .into_iter()
            .map(|n| LineOutcome {
                line: n.line,
                kind: "skipped",
                message: n.message,
            })
            .collect();
        outcomes.set(first);
        busy.set(true);
        let (conn, api_path) = (conn.clone(), api_path.clone());
        spawn_local(async move {
            let mut found = Vec::new();
            for subject in plan.to_check {
                let request = requests::get_definition(&api_path, &subject);
                let outcome = match call(
                    session,
                    &conn,
                    request,
                    decode_json::<Definition>,
                    CallOptions::default(),
                )
                .await
                {
                    Ok(_) => {
                        found.push(subject.clone());
                        LineOutcome {
                            line: subject.to_line(),
                            kind: "added",
                            message: "Added.".into(),
                        }
                    }
                    Err(error) => LineOutcome {
                        line: subject.to_line(),
                        kind: error.kind(),
                        message: Vendor::Cloudback.explain(&error),
                    },
                };
                if outcomes.try_update(|all| all.push(outcome)).is_none() {
                    return;
                }
            }
            busy.try_set(false);
            if !found.is_empty() {
                let mut all = subjects.get_untracked();
                all.extend(found);
                keep(session, &conn, &all);
            }
            if outcomes.with_untracked(|all| all.iter().all(|o| o.kind == "added")) {
                values.set(FormValues::new());
            }
        });
    };
    view! {
        <form class="panel card" data-testid="paste-subjects-form" on:submit=submit novalidate>
            <h2>"Paste several"</h2>
            <FormFields fields=&PASTE_FIELDS values=values errors=errors validate=check_common />
            <div class="actions">
                <button type="submit" data-testid="paste-subjects" disabled=move || busy.get()>
                    {move || if busy.get() { "Checking…" } else { "Check and add all" }}
                </button>
            </div>
            <Show when=move || !outcomes.with(Vec::is_empty)>
                <ul class="results" data-testid="paste-results" aria-live="polite">
                    {move || outcomes.get().into_iter().map(|o| view! {
                        <li data-testid="paste-result" data-kind=o.kind><strong>{o.line}</strong>": "{o.message}</li>
                    }).collect_view()}
                </ul>
            </Show>
        </form>
    }
}
