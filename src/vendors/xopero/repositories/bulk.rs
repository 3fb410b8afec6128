//! Licences for several repositories at once: activate or deactivate the chosen ones, then a
//! result per repository (error codes in words where the console knows them, raw otherwise).

use std::collections::{BTreeMap, BTreeSet};

use backup_console_core::vendors::xopero::models::LicenceAnswer;
use backup_console_core::vendors::xopero::requests;
use backup_console_core::vendors::xopero::rows::{bulk_summary, BulkRow, BULK_COLUMNS};
use leptos::prelude::*;

use crate::action::{Action, Done};
use crate::components::data_table::Table;

/// The last bulk call's results: what was done and one row per repository.
pub type BulkResults = RwSignal<Option<(&'static str, Vec<BulkRow>)>>;

/// Activate (`true`) or deactivate the chosen repositories; `names` names them in the results.
pub fn run(
    action: Action,
    conn: &str,
    chosen: RwSignal<BTreeSet<String>>,
    names: BTreeMap<String, String>,
    activate: bool,
    results: BulkResults,
) {
    let ids: Vec<String> = chosen.get_untracked().into_iter().collect();
    if ids.is_empty() {
        return;
    }
    let (request, done) = if activate {
        (requests::activate(&ids), "Activated")
    } else {
        (requests::deactivate(&ids), "Deactivated")
    };
    action.run(conn, request, move |answer: LicenceAnswer| {
        let rows: Vec<BulkRow> = answer
            .outcomes(&ids)
            .into_iter()
            .map(|outcome| BulkRow {
                name: names.get(&outcome.id).cloned(),
                outcome,
                done,
            })
            .collect();
        let summary = bulk_summary(&rows, done);
        results.set(Some((done, rows)));
        chosen.set(BTreeSet::new());
        Done::Say(format!(
            "{summary}. The result for each repository is below."
        ))
    });
}

/// The result per repository of the last bulk call, until dismissed.
#[component]
pub fn BulkResultsView(results: BulkResults) -> impl IntoView {
    move || {
        results.get().map(|(done, rows)| {
            let caption = format!("{done}: result per repository");
            view! {
                <section class="panel" data-testid="bulk-results" aria-live="polite">
                    <div class="page-head">
                        <h2>{caption.clone()}</h2>
                        <button type="button" data-testid="bulk-dismiss" on:click=move |_| results.set(None)>"Dismiss"</button>
                    </div>
                    <Table columns=&BULK_COLUMNS rows=rows row_id=|r: &BulkRow| r.outcome.id.clone()
                        link_base="" caption=caption />
                </section>
            }
        })
    }
}
