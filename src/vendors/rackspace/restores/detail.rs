//! One restore: where from and to, change the destination or set the passphrase while it is
//! being created, start and stop it, watch it run, and read its report.

use std::time::Duration;

use backup_console_core::api::{ApiError, FieldErrors};
use backup_console_core::spec::{check_common, text_of, FormValues};
use backup_console_core::vendors::rackspace::agent_forms::{
    moved_restore, RESTORE_MOVE_FIELDS, RESTORE_PASSPHRASE_FIELDS,
};
use backup_console_core::vendors::rackspace::crypto::encrypt_passphrase;
use backup_console_core::vendors::rackspace::models::{Restore, RestoreReport};
use backup_console_core::vendors::rackspace::requests::{self, inputs::Action as RaxAction};
use leptos::prelude::*;

use super::super::link;
use super::files::RestoreFiles;
use super::{when, RUNNING};
use crate::action::{Action, Done};
use crate::components::form_field::FormFields;
use crate::components::panel::Panel;
use crate::load::use_load;

const POLL: Duration = Duration::from_secs(1);

fn running(r: &Restore) -> bool {
    RUNNING.contains(&r.state())
}

fn report_view(r: RestoreReport) -> impl IntoView {
    view! {
        <div data-testid="restore-report">
            <dl class="detail">
                <dt>"Result"</dt><dd data-field="State">{r.state.clone()}</dd>
                <dt>"Restored"</dt><dd>{format!("{} files, {}", r.num_files_restored, r.num_bytes_restored)}</dd>
                <dt>"Errors"</dt><dd>{r.num_errors}</dd>
                <dt>"Diagnostics"</dt><dd>{r.diagnostics.clone()}</dd>
            </dl>
        </div>
    }
}

fn facts(r: &Restore) -> impl IntoView {
    view! {
        <dl class="detail" data-testid="detail">
            <dt>"From"</dt><dd>{format!("{} on {} ({})", r.backup_configuration_name, r.backup_machine_name, when(r.backup_restore_point))}</dd>
            <dt>"To"</dt><dd data-field="Destination">{format!("{}: {}", r.destination_machine_name, r.destination_path)}</dd>
            <dt>"Overwrite"</dt><dd>{if r.overwrite_files { "Yes" } else { "No" }}</dd>
            <dt>"State"</dt><dd data-testid="restore-state" aria-live="polite">{r.state()}</dd>
        </dl>
    }
}

#[component]
pub fn RestoreDetail(conn: String, tenant: String, id: u64) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    // One poller for the view, stopped when the restore settles or the view goes away.
    let restore = use_load::<Restore>(move || Some((c.clone(), requests::restore(&t, id))))
        .poll_while(POLL, running);
    let state = Memo::new(move |_| restore.with(|r| r.map(Restore::state)));
    let finished = Memo::new(move |_| {
        state
            .get()
            .is_some_and(|s| s != "Creating" && !RUNNING.contains(&s))
    });
    let creating = Signal::derive(move || state.get() == Some("Creating"));
    let (c, t) = (conn.clone(), tenant.clone());
    let report = use_load::<RestoreReport>(move || {
        finished
            .get()
            .then(|| (c.clone(), requests::restore_report(&t, id)))
    });
    let action = Action::new();
    let errors = RwSignal::new(FieldErrors::new());
    let moving = RwSignal::new(FormValues::new());
    let secret = RwSignal::new(FormValues::new());

    let (c, t) = (conn.clone(), tenant.clone());
    let change_destination = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let moved =
            restore.with_untracked(|r| r.and_then(|r| moved_restore(r, &moving.get_untracked())));
        if let Some(input) = moved {
            action.run_ok(&c, requests::update_restore(&t, &input), || {
                Done::Say("Destination changed.".into())
            });
        }
    };
    let (c, t) = (conn.clone(), tenant.clone());
    let start = move |_| {
        let Some(r) = restore.data_untracked() else {
            return;
        };
        let password = match (r.is_encrypted, r.public_key) {
            (true, Some(key)) => {
                let phrase = secret.with_untracked(|v| text_of(v, "passphrase"));
                match encrypt_passphrase(&key.modulus(), &key.exponent(), &phrase) {
                    Ok(hex) => Some(hex),
                    Err(e) => {
                        action.fail(ApiError::Validation {
                            message: e,
                            fields: Default::default(),
                        });
                        return;
                    }
                }
            }
            _ => None,
        };
        action.run_ok(
            &c,
            requests::restore_action(&t, &RaxAction::start(id, password)),
            || Done::Say("Restore started.".into()),
        );
    };
    let (c, t) = (conn.clone(), tenant.clone());
    let stop = move |_| {
        action.run_ok(
            &c,
            requests::restore_action(&t, &RaxAction::stop(id)),
            || Done::Say("Stop requested.".into()),
        );
    };
    let controls = move |r: Restore| {
        let s = r.state();
        let (start, stop, change_destination) =
            (start.clone(), stop.clone(), change_destination.clone());
        view! {
            {facts(&r)}
            {(s == "Creating").then(|| view! {
                <form class="inline-fields" data-testid="restore-destination-form" on:submit=change_destination>
                    <FormFields fields=&RESTORE_MOVE_FIELDS values=moving errors=errors validate=check_common />
                    <button type="submit" data-testid="restore-change-destination" disabled=move || action.busy.get()>"Change destination"</button>
                </form>
                {r.is_encrypted.then(|| view! { <FormFields fields=&RESTORE_PASSPHRASE_FIELDS values=secret errors=errors validate=check_common /> })}
                <div class="actions"><button class="primary" data-testid="restore-start" disabled=move || action.busy.get() on:click=start>"Start restore"</button></div>
            })}
            {RUNNING.contains(&s).then(|| view! {
                <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>"Restoring…"</p>
                <button class="danger" data-testid="restore-stop" on:click=stop>"Stop restore"</button>
            })}
        }
    };
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/restores")>"Restores"</a></p>
        <Panel load=restore title=format!("Restore {id}") action=action render=controls />
        <RestoreFiles conn=conn.clone() tenant=tenant.clone() id=id action=action editable=creating />
        <Show when=move || finished.get()>
            <Panel load=report heading="Report" loading_label="Loading report…" render=report_view />
        </Show>
    }
}
