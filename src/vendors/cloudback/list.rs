//! The subjects this console manages for the connection, each row fetching its own definition:
//! enabled, schedule, storage, retention, or why it could not be read.

use std::collections::BTreeSet;

use backup_console_core::vendors::cloudback::models::Definition;
use backup_console_core::vendors::cloudback::requests;
use backup_console_core::vendors::cloudback::subject::Subject;
use backup_console_core::vendors::cloudback::views::{RowState, SubjectRow, DEFINITION_COLUMNS};
use leptos::prelude::*;

use super::add::AddSubject;
use super::bulk::BulkActions;
use super::paste::PasteSubjects;
use super::{link, use_subjects, AT_ONCE};
use crate::components::data_table::Table;
use crate::components::panel::PageHead;
use crate::load::use_each;

#[component]
pub fn Definitions(conn: String, api_path: String) -> impl IntoView {
    let subjects = use_subjects(&conn);
    let (c, a) = (conn.clone(), api_path.clone());
    let answers = use_each::<Subject, Definition>(
        move || subjects.get(),
        move |subject| Some((c.clone(), requests::get_definition(&a, subject))),
        AT_ONCE,
    );
    let rows = Signal::derive(move || {
        let subjects = subjects.get();
        answers.with(|answers| {
            subjects
                .into_iter()
                .map(|subject| SubjectRow {
                    state: RowState::of(answers.get(&subject)),
                    subject,
                })
                .collect::<Vec<_>>()
        })
    });
    let selected = RwSignal::new(BTreeSet::<String>::new());
    view! {
        <PageHead title="Backup definitions" />
        <p class="muted">
            "Cloudback has no call that lists definitions, so this console keeps, with the connection, the repositories and projects you manage here. "
            "Each row asks Cloudback for its definition."
        </p>
        <BulkActions conn=conn.clone() api_path=api_path.clone() rows=rows selected=selected subjects=subjects />
        <div class="table-wrap" data-testid="definitions">
            <Table
                columns=&DEFINITION_COLUMNS
                rows=rows
                row_id=|r: &SubjectRow| r.subject.to_line()
                link_base=link(&conn, "")
                caption="Backup definitions"
                selection=selected
            />
        </div>
        <div class="cards">
            <AddSubject conn=conn.clone() api_path=api_path.clone() subjects=subjects />
            <PasteSubjects conn=conn api_path=api_path subjects=subjects />
        </div>
    }
}
