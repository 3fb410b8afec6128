//! Add one subject to the list: checked against the document's name formats, then by fetching
//! its definition; only a subject Cloudback knows is kept.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::check_common;
use backup_console_core::vendors::cloudback::forms::{
    platform_options, subject_defaults, subject_from, SUBJECT_FIELDS,
};
use backup_console_core::vendors::cloudback::models::Definition;
use backup_console_core::vendors::cloudback::requests;
use backup_console_core::vendors::cloudback::subject::Subject;
use leptos::prelude::*;

use super::keep;
use crate::action::{Action, Done};
use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::session::use_session;

#[component]
pub fn AddSubject(conn: String, api_path: String, subjects: Memo<Vec<Subject>>) -> impl IntoView {
    let session = use_session();
    let values = RwSignal::new(subject_defaults());
    let errors = RwSignal::new(FieldErrors::new());
    let action = Action::new();
    let options = Signal::derive(|| ReferenceOptions::from([("platforms", platform_options())]));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let subject = match subject_from(&values.get_untracked(), &subjects.get_untracked()) {
            Ok(subject) => subject,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        errors.set(FieldErrors::new());
        let conn_after = conn.clone();
        let request = requests::get_definition(&api_path, &subject);
        action.run(&conn, request, move |_: Definition| {
            let mut all = subjects.get_untracked();
            all.push(subject.clone());
            keep(session, &conn_after, &all);
            values.set(subject_defaults());
            Done::Say(format!("{} added to the list.", subject.to_line()))
        });
    };
    view! {
        <form class="panel card" data-testid="add-subject-form" on:submit=submit novalidate>
            <h2>"Add a repository or project"</h2>
            <FormFields fields=&SUBJECT_FIELDS values=values errors=errors options=options validate=check_common />
            {action.view()}
            <div class="actions">
                <button type="submit" class="primary" data-testid="add-subject" disabled=move || action.busy.get()>
                    {move || if action.busy.get() { "Checking…" } else { "Check and add" }}
                </button>
            </div>
        </form>
    }
}
