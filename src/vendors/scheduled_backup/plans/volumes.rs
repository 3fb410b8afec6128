//! The plan's volumes: id and name entries, added one at a time (a volume seen before is
//! suggested and brings its name), several at once from pasted lines, or removed.

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::scheduled_backup::forms::{
    add_volumes, ids, volume_entry, volume_options, VOLUME_FIELDS, VOLUME_PASTE_FIELDS,
};
use backup_console_core::vendors::scheduled_backup::models::Resource;
use backup_console_core::vendors::scheduled_backup::volumes::parse_volume_lines;
use leptos::prelude::*;

use crate::components::form_field::{FormFields, ReferenceOptions};

#[component]
pub fn VolumeEditor(
    volumes: RwSignal<Vec<Resource>>,
    #[prop(into)] known: Signal<Vec<Resource>>,
    /// The plan form's problems; `resources` is this editor's.
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let entry = RwSignal::new(FormValues::new());
    let pasted = RwSignal::new(FormValues::new());
    let own_errors = RwSignal::new(FieldErrors::new());
    let paste_problems = RwSignal::new(Vec::<String>::new());
    let options =
        Signal::derive(move || ReferenceOptions::from([("volumes", volume_options(&known.get()))]));
    let added = move |new: Vec<Resource>| {
        volumes.update(|v| {
            add_volumes(v, new);
        });
        errors.update(|e| {
            e.remove("resources");
        });
    };
    let add_one = move |_| match volume_entry(&entry.get_untracked(), &known.get_untracked()) {
        Ok(volume) => {
            own_errors.set(FieldErrors::new());
            entry.set(FormValues::new());
            added(vec![volume]);
        }
        Err(problems) => own_errors.set(problems),
    };
    let add_pasted = move |_| {
        let text = pasted.with_untracked(|p| p.get("volume_lines").cloned().unwrap_or_default());
        let (found, problems) = parse_volume_lines(&text, &known.get_untracked());
        // Shown apart from the field: leaving the field must not clear what the lines said.
        paste_problems.set(
            problems
                .iter()
                .map(|p| format!("Line {}: {}", p.line, p.message))
                .collect(),
        );
        if problems.is_empty() {
            pasted.set(FormValues::new());
        }
        added(found);
    };
    let chosen = move || {
        volumes
            .get()
            .into_iter()
            .map(|v| {
                let id = v.id.clone();
                view! {
                    <li data-testid="volume" data-id=v.id.clone()>
                        {v.name.clone()}" "<span class="mono muted">{v.id.clone()}</span>" "
                        <button type="button" data-testid="volume-remove"
                            on:click=move |_| volumes.update(|all| all.retain(|x| x.id != id))>"Remove"</button>
                    </li>
                }
            })
            .collect_view()
    };
    let suggestions = move || {
        let taken = volumes.with(|v| ids(v));
        known
            .get()
            .into_iter()
            .filter(|v| !taken.contains(&v.id))
            .map(|v| {
                let label = format!("+ {}", v.name);
                let id = v.id.clone();
                view! {
                    <button type="button" class="chip" data-testid="volume-suggestion" data-id=id title=v.id.clone()
                        on:click=move |_| added(vec![v.clone()])>{label}</button>
                }
            })
            .collect_view()
    };
    let problem = move || errors.with(|e| e.get("resources").map(|m| m.join(" ")));
    view! {
        <div class="volumes" data-field="resources" class:has-error=move || problem().is_some()>
            <ul data-testid="volumes">{chosen}</ul>
            <p class="field-error" role="alert" data-testid="error-resources">{problem}</p>
            <p class="muted">"Seen in this project: "{suggestions}</p>
            <div class="inline-fields">
                <FormFields fields=&VOLUME_FIELDS values=entry errors=own_errors options=options validate=check_common />
                <button type="button" data-testid="volume-add" on:click=add_one>"Add volume"</button>
            </div>
            <FormFields fields=&VOLUME_PASTE_FIELDS values=pasted errors=own_errors validate=check_common />
            <button type="button" data-testid="volume-paste-add" on:click=add_pasted>"Add these volumes"</button>
            <ul class="field-error" role="alert" data-testid="volume-paste-problems">
                {move || paste_problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
        </div>
    }
}
