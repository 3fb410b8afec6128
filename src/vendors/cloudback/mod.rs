//! Cloudback pages: the backup definitions of the subjects this console manages for the
//! connection (the API has no list call, so the list lives with the connection), adding,
//! pasting and removing subjects, enabling or disabling several at once, and one definition's
//! settings. One screen per file.

mod add;
mod bulk;
mod list;
mod paste;
pub mod settings;

use backup_console_core::connection::Connection;
use backup_console_core::vendors::cloudback::models::SubjectType;
use backup_console_core::vendors::cloudback::requests::api_path_of;
use backup_console_core::vendors::cloudback::subject::{subjects_of, with_subjects, Subject};
use leptos::prelude::*;

use super::not_found;
use crate::session::{use_session, Session};

/// How many definitions are asked for at once.
const AT_ONCE: usize = 4;

pub fn sections() -> Vec<(&'static str, &'static str)> {
    vec![("definitions", "Backup definitions")]
}

/// The page at `/c/{connection}/{path...}` (segments already decoded).
pub fn page(connection: Connection, path: &[&str]) -> AnyView {
    let conn = connection.id.clone();
    let api_path = api_path_of(&connection);
    match path {
        [] | ["definitions"] => {
            view! { <list::Definitions conn=conn api_path=api_path /> }.into_any()
        }
        ["definitions", platform, account, kind, name] => {
            let subject = Subject::new(platform, account, SubjectType::parse(kind), name);
            view! { <settings::SettingsForm conn=conn api_path=api_path subject=subject /> }
                .into_any()
        }
        _ => not_found(format!("Cloudback has no page \"{}\".", path.join("/"))),
    }
}

/// The connection's subjects as they are now (tracked): they change on this page.
fn use_subjects(conn: &str) -> Memo<Vec<Subject>> {
    let session = use_session();
    let conn = conn.to_owned();
    Memo::new(move |_| {
        session.connections.with(|all| {
            all.iter()
                .find(|c| c.id == conn)
                .map(subjects_of)
                .unwrap_or_default()
        })
    })
}

/// Keep `subjects` with the connection, where the connection already lives, so the list
/// survives a reload.
fn keep(session: Session, conn: &str, subjects: &[Subject]) {
    if let Some(connection) = session.connection(conn) {
        let updated = with_subjects(&connection, subjects);
        if let Some(list) = updated.extra.get("subjects") {
            session.update_setting(conn, "subjects", list.clone());
        }
    }
}

fn link(conn: &str, rest: &str) -> String {
    crate::paths::connection_route(conn, rest)
}
