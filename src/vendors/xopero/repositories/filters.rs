//! The repositories' filters as form controls. A change waits for a pause in typing, then goes
//! into the page's URL (from the first page), which is what the table loads.

use std::time::Duration;

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::xopero::repository_query::FILTER_FIELDS;
use backup_console_core::vendors::xopero::RepositoryQuery;
use leptos::prelude::*;

use crate::components::form_field::FormFields;

const PAUSE: Duration = Duration::from_millis(300);

#[component]
pub fn Filters(
    #[prop(into)] query: Signal<RepositoryQuery>,
    /// Gets the query the controls ask for.
    on_change: Callback<RepositoryQuery>,
) -> impl IntoView {
    let values = RwSignal::new(query.get_untracked().filter_values());
    let errors = RwSignal::new(FieldErrors::new());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let cancel = move || {
        pending.try_update_value(|p| {
            if let Some(handle) = p.take() {
                handle.clear();
            }
        });
    };
    on_cleanup(cancel);
    // The controls follow the URL (back and forward, a link), unless an edit waits to go in.
    Effect::new(move |_| {
        let from_url = query.get().filter_values();
        let waiting = pending.with_value(Option::is_some);
        if !waiting && values.get_untracked() != from_url {
            values.set(from_url);
        }
    });
    Effect::new(move |first: Option<()>| {
        let wanted: FormValues = values.get();
        if first.is_none() {
            return;
        }
        cancel();
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                let current = query.get_untracked();
                if current.filter_values() != wanted {
                    on_change.run(current.with_filters(&wanted));
                }
            },
            PAUSE,
        );
        pending.set_value(handle.ok());
    });
    view! {
        <form class="filters" role="search" data-testid="filters" on:submit=move |ev| ev.prevent_default()>
            <FormFields fields=&FILTER_FIELDS values=values errors=errors validate=check_common />
        </form>
    }
}
