//! Cloudback definitions as jobs: one per subject the connection manages.
//!
//! A definition says whether it is enabled and names its schedule ("Daily at 9 pm"); the
//! names the console reads ([`super::named`]) are read in UTC. The Operations API says nothing
//! about runs, so the last result is unknown and the next run is computed.

use chrono::{DateTime, Utc};

use super::{named, Job, JobSchedule, Source};
use crate::schedule::Zone;
use crate::vendors::cloudback::models::Definition;
use crate::vendors::cloudback::subject::Subject;
use crate::vendors::Vendor;

/// One job per subject; `None` when its definition could not be read (the reason).
pub fn jobs(
    source: &Source,
    definitions: &[(Subject, Result<Definition, String>)],
    now: DateTime<Utc>,
) -> Vec<Job> {
    definitions
        .iter()
        .map(|(subject, definition)| {
            let id = subject.to_line();
            let mut job = Job::new(
                source,
                Vendor::Cloudback,
                &id,
                &id,
                source.route(&subject.route()),
            );
            match definition {
                Ok(definition) => {
                    let name = definition.settings.schedule.trim();
                    job.enabled = definition.settings.enabled;
                    job.schedule = match named::read(name) {
                        Ok(expr) => JobSchedule::Cron {
                            expr,
                            zone: Zone::UTC,
                        },
                        Err(_) if name.is_empty() => JobSchedule::Manual,
                        Err(why) => JobSchedule::Unread {
                            text: name.to_owned(),
                            why,
                        },
                    };
                }
                Err(why) => {
                    job.enabled = false;
                    job.schedule = JobSchedule::Unread {
                        text: "Not known".to_owned(),
                        why: why.clone(),
                    };
                    job.note = Some(format!("Its definition could not be read: {why}"));
                }
            }
            job.with_next_run(None, now)
        })
        .collect()
}
