//! The overview's feed: one job per subject kept with the connection, each from its own
//! definition (Cloudback has no list call). A definition that cannot be read is a job that
//! says so; only when none can be read is the card an error.

use std::collections::BTreeMap;

use backup_console_core::api::ApiError;
use backup_console_core::jobs;
use backup_console_core::vendors::cloudback::models::Definition;
use backup_console_core::vendors::cloudback::requests::{self, api_path_of};
use backup_console_core::vendors::cloudback::subject::Subject;
use leptos::prelude::*;

use super::{use_subjects, AT_ONCE};
use crate::load::{use_each, Status};
use crate::overview::feed::{Feed, FeedInput};

type Answers = RwSignal<BTreeMap<Subject, Result<Definition, ApiError>>>;

pub fn feed(input: FeedInput) -> Feed {
    let conn = input.connection.id.clone();
    let api_path = api_path_of(&input.connection);
    let subjects = use_subjects(&conn);
    let again = RwSignal::new(0u32);
    let tick = input.tick;
    let answers: Answers = use_each::<Subject, Definition>(
        move || {
            tick.track();
            again.track();
            subjects.get()
        },
        move |subject| Some((conn.clone(), requests::get_definition(&api_path, subject))),
        AT_ONCE,
    );
    // Every subject answered (this round's answers replace the last round's as they come).
    let answered = move || {
        answers.with(|a| subjects.with(|s| s.iter().all(|subject| a.contains_key(subject))))
    };
    let (source, now) = (input.source, input.now);
    let jobs = Memo::new(move |_| {
        if !answered() {
            return None;
        }
        let definitions: Vec<(Subject, Result<Definition, String>)> = subjects.with(|s| {
            answers.with(|a| {
                s.iter()
                    .map(|subject| {
                        let answer = a.get(subject).map_or_else(
                            || Err("not asked yet".to_owned()),
                            |r| r.clone().map_err(|e| e.to_string()),
                        );
                        (subject.clone(), answer)
                    })
                    .collect()
            })
        });
        Some(jobs::cloudback::jobs(&source, &definitions, now.get()))
    });
    let status = Signal::derive(move || {
        let done = answered();
        let errors: Vec<ApiError> = answers.with(|a| {
            a.values()
                .filter_map(|r| r.as_ref().err().cloned())
                .collect()
        });
        let all_failed = done && !errors.is_empty() && errors.len() == subjects.with(Vec::len);
        Status {
            loading: !done,
            retrying: None,
            has_data: done && !all_failed,
            error: all_failed.then(|| errors[0].clone()),
        }
    });
    let note = Signal::derive(move || {
        let failed = answers.with(|a| a.values().filter(|r| r.is_err()).count());
        let total = subjects.with(Vec::len);
        (failed > 0 && failed < total)
            .then(|| format!("{failed} of {total} definitions could not be read."))
    });
    Feed {
        jobs: jobs.into(),
        status,
        retry: Callback::new(move |_| again.update(|n| *n += 1)),
        note,
    }
}
