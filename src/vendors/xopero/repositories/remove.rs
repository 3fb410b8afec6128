//! Removing one repository from Xopero, confirmed by name, with the choice of deleting its
//! backed-up data said in words before anything is sent.

use backup_console_core::vendors::xopero::models::RemoveAnswer;
use backup_console_core::vendors::xopero::requests;
use leptos::prelude::*;

use crate::action::{Action, Done};
use crate::components::confirm::ConfirmDialog;

/// What removing does to the repository's backups, as the dialog and the notice say it.
pub fn consequence(remove_data: bool) -> &'static str {
    if remove_data {
        "Its backed-up data is deleted too. This cannot be undone."
    } else {
        "Its backed-up data is kept."
    }
}

#[component]
pub fn RemoveDialog(
    conn: String,
    id: String,
    name: String,
    action: Action,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let remove_data = RwSignal::new(false);
    let label = name.clone();
    let confirm = Callback::new(move |_: ()| {
        let data = remove_data.get_untracked();
        let (id, label) = (id.clone(), label.clone());
        let request = requests::remove(&id, data).about(format!("repository {label}"));
        action.run(&conn, request, move |answer: RemoveAnswer| {
            if answer.removed(&id) {
                Done::Say(format!("Removed {label}. {}", consequence(data)))
            } else {
                Done::Say(format!(
                    "The service did not confirm that {label} was removed; it answered {}.",
                    serde_json::to_string(&answer).unwrap_or_default()
                ))
            }
        });
        on_done.run(());
    });
    view! {
        <ConfirmDialog
            title="Remove repository"
            message=format!("Remove the repository \"{name}\" from Xopero? It is no longer backed up.")
            confirm_label="Remove repository"
            on_confirm=confirm
            on_cancel=on_cancel
        >
            <label class="check">
                <input type="checkbox" data-testid="remove-data"
                    prop:checked=move || remove_data.get()
                    on:change=move |ev| remove_data.set(event_target_checked(&ev)) />
                "Also delete its backed-up data"
            </label>
            <p data-testid="remove-consequence" aria-live="polite"><strong>{move || consequence(remove_data.get())}</strong></p>
        </ConfirmDialog>
    }
}
