//! The overview's filters as form controls: a change goes straight into the page's URL, which
//! is what the table shows; the controls follow the URL (back, forward, a shared link).

use backup_console_core::api::FieldErrors;
use backup_console_core::jobs::table::{JobQuery, FILTER_FIELDS};
use backup_console_core::spec::{check_common, FormValues};
use leptos::prelude::*;

use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::session::use_session;

#[component]
pub fn Filters(
    #[prop(into)] query: Signal<JobQuery>,
    /// Gets the query the controls ask for.
    on_change: Callback<JobQuery>,
) -> impl IntoView {
    let session = use_session();
    let values = RwSignal::new(query.get_untracked().filter_values());
    let errors = RwSignal::new(FieldErrors::new());
    Effect::new(move |_| {
        let from_url = query.get().filter_values();
        if values.get_untracked() != from_url {
            values.set(from_url);
        }
    });
    Effect::new(move |first: Option<()>| {
        let wanted: FormValues = values.get();
        if first.is_some() {
            let current = query.get_untracked();
            if current.filter_values() != wanted {
                on_change.run(current.with_filters(&wanted));
            }
        }
    });
    let options = Signal::derive(move || {
        let mut connections = vec![(String::new(), "Every connection".to_owned())];
        session.connections.with(|all| {
            connections.extend(
                all.iter()
                    .map(|c| (c.id.clone(), c.display_name().to_owned())),
            )
        });
        ReferenceOptions::from([("connections", connections)])
    });
    view! {
        <form class="filters" role="search" aria-label="Filter jobs" data-testid="filters" on:submit=move |ev| ev.prevent_default()>
            <FormFields fields=&FILTER_FIELDS values=values errors=errors options=options validate=check_common />
        </form>
    }
}
