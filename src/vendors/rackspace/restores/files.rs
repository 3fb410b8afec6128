//! The paths a restore includes or leaves out, editable while the restore is being created.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::rackspace::agent_forms::{
    restore_file_input, RESTORE_FILE_FIELDS,
};
use backup_console_core::vendors::rackspace::models::RestoreFile;
use backup_console_core::vendors::rackspace::requests;
use leptos::prelude::*;

use crate::action::{Action, Done};
use crate::components::form_field::FormFields;
use crate::components::panel::Panel;
use crate::load::use_load;

fn describe(f: &RestoreFile) -> String {
    let filter = if f.filter == 2 { "Exclude" } else { "Include" };
    let kind = if f.file_item_type == 1 {
        "folder"
    } else {
        "file"
    };
    format!("{filter} {} ({kind})", f.file_path)
}

#[component]
pub fn RestoreFiles(
    conn: String,
    tenant: String,
    id: u64,
    action: Action,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    let (c, t) = (conn.clone(), tenant.clone());
    let files =
        use_load::<Vec<RestoreFile>>(move || Some((c.clone(), requests::restore_files(&t, id))));
    let values = RwSignal::new(FormValues::from([("folder".to_owned(), "true".to_owned())]));
    let errors = RwSignal::new(FieldErrors::new());
    let (c, t) = (conn.clone(), tenant.clone());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(input) = restore_file_input(id, &values.get_untracked()) else {
            return;
        };
        action.run_ok(&c, requests::add_restore_file(&t, &input), move || {
            values.update(|v| {
                v.remove("path");
            });
            Done::Say("Path added.".into())
        });
    };
    let clear = move |_| {
        action.run_ok(&conn, requests::delete_restore_files(&tenant, id), || {
            Done::Say("Paths cleared.".into())
        })
    };
    view! {
        <Panel load=files heading="Files and folders" render={|list: Vec<RestoreFile>| view! {
            <p class="muted">"Without any paths, everything in the backup is restored."</p>
            <ul data-testid="restore-files">
                {list.iter().map(|f| view! { <li data-testid="restore-file">{describe(f)}</li> }).collect_view()}
            </ul>
        }} />
        <Show when=move || editable.get()>
            <form class="inline-fields" data-testid="restore-file-form" on:submit=add.clone()>
                <FormFields fields=&RESTORE_FILE_FIELDS values=values errors=errors validate=check_common />
                <button type="submit" data-testid="restore-file-add" disabled=move || action.busy.get()>"Add path"</button>
                <button type="button" data-testid="restore-files-clear" on:click=clear.clone()>"Clear paths"</button>
            </form>
        </Show>
    }
}
