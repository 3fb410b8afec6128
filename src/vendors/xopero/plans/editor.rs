//! The whole-plan editor for `modifygitplan`: the plan's fields from core's specs, the schedule's
//! options with their next runs, the backup window, and the exact JSON a save sends. A save
//! remembers the body with the connection (not secret), so the editor can start from it later.

use backup_console_core::api::FieldErrors;
use backup_console_core::vendors::xopero::plan_fields::{
    validate_field, ADVANCED_FIELDS, GENERAL_FIELDS, REPOSITORY_FIELDS, STORAGE_FIELDS,
};
use backup_console_core::vendors::xopero::{requests, saved};
use leptos::prelude::*;

use super::draft::Draft;
use super::json::PlanJson;
use super::options::ScheduleOptions;
use super::preview::NextRuns;
use crate::action::{Action, Done};
use crate::components::edit_form::EditForm;
use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::components::status::{ErrorBanner, Notice};
use crate::session::{use_session, Session};

/// Keep the body just sent as the plan's last saved configuration, where the connection lives.
fn remember(session: Session, conn: &str, body: &serde_json::Value) {
    if let Some(mut connection) = session.connection(conn) {
        saved::remember(&mut connection, body);
        session.save(connection, session.persistence_of(conn), None);
    }
}

#[component]
pub fn PlanEditor(
    conn: String,
    draft: Draft,
    /// `repositories`: the organization's repositories as (id, name), for the plan's list.
    #[prop(into)]
    options: Signal<ReferenceOptions>,
    #[prop(into)] cancel_href: String,
    /// Runs after a save was accepted (the page reloads what it shows).
    #[prop(optional)]
    on_saved: Option<Callback<()>>,
) -> impl IntoView {
    let action = Action::new();
    let session = use_session();
    let errors = draft.errors;
    let on_submit = Callback::new(move |_: ()| {
        let body = match draft.body() {
            Some(Ok(body)) => body,
            Some(Err(problems)) => {
                errors.set(problems);
                return;
            }
            None => return,
        };
        errors.set(FieldErrors::new());
        let target = conn.clone();
        let sent = body.clone();
        action.run_ok(&conn, requests::modify_plan(&body), move || {
            remember(session, &target, &sent);
            if let Some(saved) = on_saved {
                saved.run(());
            }
            Done::Say("Plan saved: its whole configuration is now the JSON shown below.".into())
        });
    });
    let fields = move |fields| {
        view! { <FormFields fields=fields values=draft.values errors=errors options=options validate=validate_field /> }
    };
    view! {
        {move || draft.unreadable.get().map(|problems| view! {
            <ErrorBanner error=backup_console_core::api::ApiError::Malformed {
                detail: format!("This plan's configuration cannot be edited here: {}", problems.into_iter().map(|(k, m)| format!("{k}: {}", m.join(" "))).collect::<Vec<_>>().join(" ")),
            } />
        })}
        <EditForm action=action errors=errors on_submit=on_submit cancel_href=cancel_href submit_label="Save the whole plan">
            <h2>"Plan settings"</h2>
            {fields(&GENERAL_FIELDS)}
            <fieldset class="panel">
                <legend>"Repositories"</legend>
                {fields(&REPOSITORY_FIELDS)}
            </fieldset>
            <fieldset class="panel">
                <legend>"Storage, compression and retention"</legend>
                {fields(&STORAGE_FIELDS)}
            </fieldset>
            <fieldset class="panel">
                <legend>"Advanced options"</legend>
                <p class="muted">"The service takes these as text; the console checks them as numbers."</p>
                {fields(&ADVANCED_FIELDS)}
            </fieldset>
            <fieldset class="panel" data-testid="schedule">
                <legend>"Schedule"</legend>
                <ScheduleOptions schedule=draft.schedule errors=errors />
                <NextRuns schedule=draft.schedule />
            </fieldset>
            <PlanJson draft=draft />
        </EditForm>
        {move || action.notice.get().map(|m| view! { <Notice message=m /> })}
    }
}
