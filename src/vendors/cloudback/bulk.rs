//! Several subjects at once: enable or disable their definitions (one update each, in the
//! table's order, each with its own result), or remove them from this connection's list.

use std::collections::BTreeSet;

use backup_console_core::vendors::cloudback::forms::{bulk_steps, BulkStep};
use backup_console_core::vendors::cloudback::models::Definition;
use backup_console_core::vendors::cloudback::requests;
use backup_console_core::vendors::cloudback::subject::Subject;
use backup_console_core::vendors::cloudback::views::SubjectRow;
use backup_console_core::vendors::Vendor;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::keep;
use crate::calls::{call, decode_json, CallOptions};
use crate::components::status::Notice;
use crate::session::use_session;

/// What happened to one selected subject.
#[derive(Clone, Debug, PartialEq)]
struct Outcome {
    subject: String,
    /// `done`, `skipped`, or the failure's kind.
    kind: &'static str,
    message: String,
}

#[component]
pub fn BulkActions(
    conn: String,
    api_path: String,
    #[prop(into)] rows: Signal<Vec<SubjectRow>>,
    selected: RwSignal<BTreeSet<String>>,
    subjects: Memo<Vec<Subject>>,
) -> impl IntoView {
    let session = use_session();
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let (c, a) = (conn.clone(), api_path.clone());
    let set_enabled = move |enabled: bool| {
        if busy.get_untracked() {
            return;
        }
        notice.set(None);
        let steps = bulk_steps(&rows.get_untracked(), &selected.get_untracked(), enabled);
        if steps.is_empty() {
            notice.set(Some("Tick the subjects to change first.".into()));
            return;
        }
        busy.set(true);
        outcomes.set(Vec::new());
        let (conn, api_path) = (c.clone(), a.clone());
        spawn_local(async move {
            let word = if enabled { "Enabled." } else { "Disabled." };
            for (subject, step) in steps {
                let outcome = match step {
                    BulkStep::Skip(why) => Outcome {
                        subject: subject.to_line(),
                        kind: "skipped",
                        message: why,
                    },
                    BulkStep::Send(definition) => {
                        let request = requests::set_enabled(&api_path, &definition, enabled);
                        match call(
                            session,
                            &conn,
                            request,
                            decode_json::<Definition>,
                            CallOptions::default(),
                        )
                        .await
                        {
                            Ok(_) => Outcome {
                                subject: subject.to_line(),
                                kind: "done",
                                message: word.into(),
                            },
                            Err(error) => Outcome {
                                subject: subject.to_line(),
                                kind: error.kind(),
                                message: Vendor::Cloudback.explain(&error),
                            },
                        }
                    }
                };
                if outcomes.try_update(|all| all.push(outcome)).is_none() {
                    return;
                }
            }
            busy.try_set(false);
            session.wrote(&conn);
        });
    };
    let enable = set_enabled.clone();
    let remove = move |_| {
        let chosen = selected.get_untracked();
        let kept: Vec<Subject> = subjects
            .get_untracked()
            .into_iter()
            .filter(|s| !chosen.contains(&s.to_line()))
            .collect();
        let removed = subjects.with_untracked(Vec::len) - kept.len();
        if removed == 0 {
            notice.set(Some("Tick the subjects to remove first.".into()));
            return;
        }
        keep(session, &conn, &kept);
        selected.set(BTreeSet::new());
        outcomes.set(Vec::new());
        notice.set(Some(format!(
            "Removed {removed} from this list. Their backups in Cloudback are unchanged."
        )));
    };
    let nothing = move || selected.with(BTreeSet::is_empty) || busy.get();
    view! {
        <div class="actions toolbar" data-testid="bulk-actions">
            <button data-testid="bulk-enable" disabled=nothing on:click=move |_| enable(true)>"Enable selected"</button>
            <button data-testid="bulk-disable" disabled=nothing on:click=move |_| set_enabled(false)>"Disable selected"</button>
            <button data-testid="bulk-remove" disabled=nothing on:click=remove>"Remove from list"</button>
        </div>
        {move || notice.get().map(|m| view! { <Notice message=m /> })}
        {move || busy.get().then(|| view! { <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>"Updating…"</p> })}
        <Show when=move || !outcomes.with(Vec::is_empty)>
            <ul class="results" data-testid="bulk-results" aria-live="polite">
                {move || outcomes.get().into_iter().map(|o| view! {
                    <li data-testid="bulk-result" data-subject=o.subject.clone() data-kind=o.kind>
                        <strong>{o.subject.clone()}</strong>": "{o.message}
                    </li>
                }).collect_view()}
            </ul>
        </Show>
    }
}
