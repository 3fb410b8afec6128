//! Restore one volume's backup to a new volume, then watch the restore until it settles.

use backup_console_core::api::{ApiError, FieldErrors};
use backup_console_core::spec::{check_common, Cell, FormValues};
use backup_console_core::vendors::scheduled_backup::forms::RESTORE_FIELDS;
use backup_console_core::vendors::scheduled_backup::items::{
    restore_defaults, restore_input, restore_options,
};
use backup_console_core::vendors::scheduled_backup::models::{Checkpoint, Restore};
use backup_console_core::vendors::scheduled_backup::requests;
use leptos::prelude::*;

use super::super::POLL;
use crate::action::{Action, Done};
use crate::components::data_table::cell_view;
use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::components::status::ErrorBanner;
use crate::load::{use_load, Remote};

/// A restore's state, polled until it settles. A service without the (undocumented) status
/// call keeps the state the restore started with.
#[component]
fn RestoreProgress(conn: String, started: Restore, name: String) -> impl IntoView {
    let id = started.id.clone();
    let progress = use_load::<Restore>(move || Some((conn.clone(), requests::get_restore(&id))))
        .poll_while(POLL, |r| !r.status.is_settled());
    let shown = move || progress.data().unwrap_or_else(|| started.clone());
    let untold = move || matches!(progress.error(), Some(ApiError::NotFound { .. }));
    view! {
        <section class="panel" data-testid="restore">
            <h2>"Restore to " {name}</h2>
            {move || {
                let r = shown();
                view! {
                    <dl class="detail">
                        <dt>"Status"</dt>
                        <dd data-testid="restore-status" data-status=r.status.as_str().to_owned() aria-live="polite">
                            {cell_view(Cell::status(r.status.as_str(), r.status.tone()))}
                        </dd>
                        <dt>"New volume ID"</dt><dd class="mono" data-testid="restore-volume">{r.resource_id.clone()}</dd>
                        <dt>"Restore ID"</dt><dd class="mono">{r.id.clone()}</dd>
                    </dl>
                }
            }}
            {move || untold().then(|| view! {
                <p class="muted">"This service does not report a restore's progress; this is the state it gave when the restore started."</p>
            })}
            {move || progress.error().filter(|e| !matches!(e, ApiError::NotFound { .. })).map(|e| view! { <ErrorBanner error=e /> })}
        </section>
    }
}

#[component]
pub fn RestoreForm(conn: String, checkpoint: Remote<Checkpoint>) -> impl IntoView {
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let action = Action::new();
    let started = RwSignal::new(None::<(Restore, String)>);
    // The first restorable backup fills the form once; after that the values are the operator's.
    Effect::new(move |_| {
        let defaults = checkpoint.with(|c| c.map(restore_defaults).unwrap_or_default());
        if !defaults.is_empty() && values.with_untracked(FormValues::is_empty) {
            values.set(defaults);
        }
    });
    let options = Signal::derive(move || {
        let items = checkpoint.with(|c| c.map(restore_options).unwrap_or_default());
        ReferenceOptions::from([("items", items)])
    });
    let restorable = move || options.with(|o| o.values().any(|items| !items.is_empty()));
    let c = conn.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match restore_input(&values.get_untracked()) {
            Ok(input) => {
                errors.set(FieldErrors::new());
                let name = input.restore_name.clone();
                action.run(&c, requests::create_restore(&input), move |r: Restore| {
                    started.set(Some((r, name)));
                    Done::Quiet
                });
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <section class="panel" data-testid="restore-section">
            <h2>"Restore a volume"</h2>
            <Show when=restorable fallback=|| view! {
                <p class="muted" data-testid="restore-unavailable">"A volume's backup can be restored once the checkpoint is available."</p>
            }>
                <form class="inline-fields" data-testid="restore-form" on:submit=submit.clone() novalidate>
                    <FormFields fields=&RESTORE_FIELDS values=values errors=errors options=options validate=check_common />
                    <button type="submit" class="primary" data-testid="restore-submit" disabled=move || action.busy.get()>"Restore"</button>
                </form>
            </Show>
            {action.view()}
        </section>
        {move || started.get().map(|(r, name)| view! { <RestoreProgress conn=conn.clone() started=r name=name /> })}
    }
}
