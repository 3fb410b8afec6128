//! One definition's settings: enabled, schedule and storage (the dashboard's names, with the
//! names seen in this connection's definitions suggested), and retention (the dashboard's four
//! choices, or the value the definition already has, kept).

use backup_console_core::api::FieldErrors;
use backup_console_core::spec::{check_common, FormValues};
use backup_console_core::vendors::cloudback::forms::{
    retention_options, settings_from, settings_values, SETTINGS_FIELDS,
};
use backup_console_core::vendors::cloudback::models::{platform_label, suggestions, Definition};
use backup_console_core::vendors::cloudback::requests;
use backup_console_core::vendors::cloudback::subject::Subject;
use leptos::prelude::*;

use super::{link, use_subjects, AT_ONCE};
use crate::action::{Action, Done};
use crate::components::edit_form::EditForm;
use crate::components::form_field::{FormFields, ReferenceOptions};
use crate::components::panel::Panel;
use crate::load::{use_each, use_load};

fn pairs(names: Vec<String>) -> Vec<(String, String)> {
    names.into_iter().map(|n| (n.clone(), n)).collect()
}

fn facts(definition: &Definition) -> impl IntoView {
    view! {
        <dl class="detail" data-testid="detail">
            <dt>"Platform"</dt><dd data-field="platform">{platform_label(&definition.platform).to_owned()}</dd>
            <dt>"Account"</dt><dd data-field="account">{definition.account.clone()}</dd>
            <dt>"Type"</dt><dd data-field="subjectType">{definition.subject_type.as_str().to_owned()}</dd>
            <dt>"Name"</dt><dd data-field="subjectName" class="mono">{definition.subject_name.clone()}</dd>
        </dl>
    }
}

/// The settings form of `base` (the definition as loaded); `values` are the operator's.
#[component]
pub fn SettingsEditor(
    conn: String,
    api_path: String,
    subject: Subject,
    base: Definition,
    values: RwSignal<FormValues>,
    /// Names seen elsewhere: `schedules` and `storages`.
    #[prop(into)]
    seen: Signal<ReferenceOptions>,
) -> impl IntoView {
    let errors = RwSignal::new(FieldErrors::new());
    let action = Action::new();
    let retentions = retention_options(&base.settings.retention);
    let options = Signal::derive(move || {
        let mut options = seen.get();
        options.insert("retentions", retentions.clone());
        options
    });
    let list = link(&conn, "/definitions");
    let done_href = list.clone();
    let on_submit =
        Callback::new(
            move |_: ()| match settings_from(&values.get_untracked(), &base.settings) {
                Ok(settings) => {
                    errors.set(FieldErrors::new());
                    let target = done_href.clone();
                    let request = requests::update_definition(&api_path, &subject, &settings);
                    action.run(&conn, request, move |_: Definition| Done::Go(target));
                }
                Err(problems) => errors.set(problems),
            },
        );
    view! {
        <EditForm action=action errors=errors on_submit=on_submit cancel_href=list>
            <FormFields fields=&SETTINGS_FIELDS values=values errors=errors options=options validate=check_common />
        </EditForm>
    }
}

#[component]
pub fn SettingsForm(conn: String, api_path: String, subject: Subject) -> impl IntoView {
    let (c, a, s) = (conn.clone(), api_path.clone(), subject.clone());
    let definition =
        use_load::<Definition>(move || Some((c.clone(), requests::get_definition(&a, &s))));
    // Schedules and storages are named in the dashboard: suggest the names this connection's
    // definitions use.
    let subjects = use_subjects(&conn);
    let (c, a) = (conn.clone(), api_path.clone());
    let others = use_each::<Subject, Definition>(
        move || subjects.get(),
        move |other| Some((c.clone(), requests::get_definition(&a, other))),
        AT_ONCE,
    );
    let seen = Signal::derive(move || {
        let loaded = definition.data();
        let seen = others.with(|o| {
            suggestions(
                o.values()
                    .filter_map(|r| r.as_ref().ok())
                    .chain(loaded.as_ref()),
            )
        });
        ReferenceOptions::from([
            ("schedules", pairs(seen.schedules)),
            ("storages", pairs(seen.storages)),
        ])
    });
    let values = RwSignal::new(FormValues::new());
    // The definition fills the form once, before its fields are built; after that the values
    // are the operator's.
    let filled = StoredValue::new(false);
    let title = subject.to_line();
    let list = link(&conn, "/definitions");
    let render = move |d: Definition| {
        if !filled.get_value() {
            filled.set_value(true);
            values.set(settings_values(&d.settings));
        }
        view! {
            {facts(&d)}
            <SettingsEditor conn=conn.clone() api_path=api_path.clone() subject=subject.clone() base=d values=values seen=seen />
        }
    };
    view! {
        <p class="breadcrumb"><a href=list>"Backup definitions"</a></p>
        <Panel load=definition title=title title_testid="detail-title" render=render />
    }
}
