//! The simulated Rackspace Cloud Backup account. Backups and restores move through their states
//! with time (seconds, so tests and demos see them progress); agents woken up come online.

use std::collections::BTreeMap;

use backup_console_core::vendors::rackspace::models::{
    Activity, Agent, AvailableBackup, Backup, BackupConfiguration, BackupReport, CompletedBackup,
    ReportError, Restore, RestoreFile, RestoreReport, RESTORE_STATES,
};
use chrono::{DateTime, Duration, Utc};

pub struct BackupRun {
    pub id: u64,
    pub configuration_id: u64,
    pub started: DateTime<Utc>,
    pub stop_requested: Option<DateTime<Utc>>,
    /// Seconds from start to end ([`RUN_SECONDS`] for a manual start).
    pub lasts: i64,
    /// Ends Failed (the demo's failed backups).
    pub fails: bool,
}

/// How long a backup started from the console runs.
pub const RUN_SECONDS: i64 = 6;

impl BackupRun {
    pub fn new(id: u64, configuration_id: u64, started: DateTime<Utc>) -> Self {
        Self {
            id,
            configuration_id,
            started,
            stop_requested: None,
            lasts: RUN_SECONDS,
            fails: false,
        }
    }
}

pub struct RestoreRun {
    pub restore: Restore,
    pub started: Option<DateTime<Utc>>,
    pub stop_requested: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub struct Store {
    pub agents: BTreeMap<u64, Agent>,
    pub configurations: BTreeMap<u64, BackupConfiguration>,
    pub backups: BTreeMap<u64, BackupRun>,
    pub restores: BTreeMap<u64, RestoreRun>,
    pub restore_files: BTreeMap<u64, Vec<RestoreFile>>,
    pub log_levels: BTreeMap<u64, u64>,
    /// Passphrases of encrypted agents, as the sandbox decrypted them.
    pub passphrases: BTreeMap<u64, String>,
    pub wake_requested: Option<DateTime<Utc>>,
    pub next_id: u64,
}

fn secs(s: i64) -> Duration {
    Duration::seconds(s)
}

pub const FINISHED: [&str; 4] = ["Completed", "CompletedWithErrors", "Stopped", "Failed"];

impl Store {
    pub fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn has_locked_files(&self, configuration_id: u64) -> bool {
        self.configurations
            .get(&configuration_id)
            .is_some_and(|c| c.inclusions.iter().any(|i| i.file_path.contains("locked")))
    }

    /// Where a backup stands now: StartRequested, Queued, InProgress (6 s in all unless the
    /// run says otherwise), then done.
    pub fn backup_state(&self, run: &BackupRun, now: DateTime<Utc>) -> &'static str {
        if let Some(stop) = run.stop_requested {
            return if now - stop < secs(1) {
                "StopRequested"
            } else {
                "Stopped"
            };
        }
        let elapsed = now - run.started;
        if elapsed < secs(1) {
            "StartRequested"
        } else if elapsed < secs(2) {
            "Queued"
        } else if elapsed < secs(run.lasts) {
            "InProgress"
        } else if run.fails {
            "Failed"
        } else if self.has_locked_files(run.configuration_id) {
            "CompletedWithErrors"
        } else {
            "Completed"
        }
    }

    fn completed_at(run: &BackupRun) -> DateTime<Utc> {
        run.stop_requested
            .map_or(run.started + secs(run.lasts), |s| s + secs(1))
    }

    /// A configuration as the API shows it now: its last run (`LastRunTime`, and
    /// `LastRunBackupReportId` when it succeeded), `BackupState` while a backup runs, and the
    /// next scheduled run of an active one.
    pub fn configuration_view(
        &self,
        config: &BackupConfiguration,
        now: DateTime<Utc>,
    ) -> BackupConfiguration {
        let mut view = config.clone();
        let runs: Vec<(&BackupRun, &str)> = self
            .backups
            .values()
            .filter(|b| b.configuration_id == config.backup_configuration_id)
            .map(|b| (b, self.backup_state(b, now)))
            .collect();
        let last = runs
            .iter()
            .filter(|(_, state)| FINISHED.contains(state))
            .max_by_key(|(b, _)| Self::completed_at(b));
        if let Some((run, state)) = last {
            view.last_run_time = Some(Self::completed_at(run));
            view.last_run_backup_report_id = state.starts_with("Completed").then_some(run.id);
        }
        view.backup_state = runs
            .iter()
            .find(|(_, state)| !FINISHED.contains(state))
            .map(|(_, state)| match *state {
                "StartRequested" | "Queued" => "Queued".to_owned(),
                _ => "InProgress".to_owned(),
            });
        view.next_scheduled_run_time = config
            .is_active
            .then(|| config.schedule.next_runs(now, 1))
            .and_then(|runs| runs.first().map(|t| t.with_timezone(&Utc)));
        view
    }

    pub fn agent_view(&self, agent: &Agent, now: DateTime<Utc>) -> Agent {
        let mut view = agent.clone();
        if view.status == "Offline" && self.wake_requested.is_some_and(|w| now - w >= secs(2)) {
            view.status = "Online".into();
        }
        let finished: Vec<&BackupRun> = self
            .backups
            .values()
            .filter(|b| {
                self.configurations
                    .get(&b.configuration_id)
                    .is_some_and(|c| c.machine_agent_id == agent.machine_agent_id)
            })
            .filter(|b| self.backup_state(b, now).starts_with("Completed"))
            .collect();
        view.time_of_last_successful_backup = finished.iter().map(|b| Self::completed_at(b)).max();
        view.backup_vault_size = format!("{:.1} MB", finished.len() as f64 * 178.1);
        view
    }

    pub fn backup_view(&self, run: &BackupRun, now: DateTime<Utc>) -> Option<Backup> {
        let config = self.configurations.get(&run.configuration_id)?;
        let agent = self.agents.get(&config.machine_agent_id);
        Some(Backup {
            backup_id: run.id,
            backup_configuration_id: config.backup_configuration_id,
            backup_configuration_name: config.backup_configuration_name.clone(),
            current_state: self.backup_state(run, now).into(),
            machine_agent_id: config.machine_agent_id,
            machine_name: config.machine_name.clone(),
            state_change_time: Some(run.stop_requested.unwrap_or(run.started)),
            is_encrypted: agent.is_some_and(|a| a.is_encrypted),
            encryption_key: agent.map(|a| a.public_key.clone()),
        })
    }

    pub fn completed(&self, configuration_id: u64, now: DateTime<Utc>) -> Vec<CompletedBackup> {
        self.backups
            .values()
            .filter(|b| {
                b.configuration_id == configuration_id
                    && self.backup_state(b, now).starts_with("Completed")
            })
            .filter_map(|b| {
                let config = self.configurations.get(&b.configuration_id)?;
                Some(CompletedBackup {
                    backup_id: b.id,
                    backup_configuration_id: config.backup_configuration_id,
                    backup_configuration_name: config.backup_configuration_name.clone(),
                    machine_name: config.machine_name.clone(),
                    machine_agent_id: config.machine_agent_id,
                    completed_time: Some(Self::completed_at(b)),
                    bytes_searched: 3_972_844_339,
                    num_errors: u64::from(self.has_locked_files(b.configuration_id)) * 2,
                })
            })
            .collect()
    }

    pub fn report(&self, run: &BackupRun, now: DateTime<Utc>) -> Option<BackupReport> {
        let state = self.backup_state(run, now);
        if !FINISHED.contains(&state) {
            return None;
        }
        let config = self.configurations.get(&run.configuration_id)?;
        let errors: Vec<ReportError> = config
            .inclusions
            .iter()
            .filter(|i| i.file_path.contains("locked"))
            .flat_map(|i| ["ibdata1", "ib_logfile0"].map(|f| format!("{}/{f}", i.file_path)))
            .enumerate()
            .map(|(n, path)| ReportError {
                backup_report_id: run.id,
                list_index: n as u64,
                error_type: 101,
                error_desc: "The agent experienced a problem. (Rax)".into(),
                exception_desc: format!(
                    "Cannot open file \"{path}\". The file is in use by another process."
                ),
                exception_details: String::new(),
                exception_code: 313,
                path,
            })
            .collect();
        Some(BackupReport {
            backup_id: run.id,
            backup_configuration_id: config.backup_configuration_id,
            backup_configuration_name: config.backup_configuration_name.clone(),
            backup_configuration_is_deleted: config.is_deleted,
            computer_name: config.machine_name.clone(),
            machine_agent_id: config.machine_agent_id,
            state: state.into(),
            can_restore: state.starts_with("Completed"),
            start_time: Some(run.started),
            completed_time: Some(Self::completed_at(run)),
            duration: {
                let lasts = (Self::completed_at(run) - run.started).num_seconds();
                format!(
                    "{:02}:{:02}:{:02}",
                    lasts / 3600,
                    lasts / 60 % 60,
                    lasts % 60
                )
            },
            files_searched: 11936,
            bytes_searched: "3.7 GB".into(),
            files_backed_up: 6,
            bytes_backed_up: "178.1 MB".into(),
            num_errors: errors.len() as u64,
            reason: match state {
                "Stopped" => "StoppedByUser",
                "Failed" => "AgentFailure",
                _ => "Success",
            }
            .into(),
            diagnostics: if errors.is_empty() {
                "Completed".into()
            } else {
                "Completed With Errors".into()
            },
            error_list: errors,
        })
    }

    /// Creating until started; then StartRequested, Queued, InProgress (5 s), Completed.
    pub fn restore_state(&self, run: &RestoreRun, now: DateTime<Utc>) -> u64 {
        let name = |n: &str| RESTORE_STATES.iter().position(|s| *s == n).unwrap_or(0) as u64;
        if let Some(stop) = run.stop_requested {
            return name(if now - stop < secs(1) {
                "StopRequested"
            } else {
                "Stopped"
            });
        }
        let Some(started) = run.started else {
            return name("Creating");
        };
        let elapsed = now - started;
        name(if elapsed < secs(1) {
            "StartRequested"
        } else if elapsed < secs(2) {
            "Queued"
        } else if elapsed < secs(5) {
            "InProgress"
        } else if run.restore.destination_path.contains("readonly") {
            // A destination the agent cannot write to fails the restore.
            "Failed"
        } else {
            "Completed"
        })
    }

    pub fn restore_view(&self, run: &RestoreRun, now: DateTime<Utc>) -> Restore {
        let mut restore = run.restore.clone();
        restore.restore_state_id = self.restore_state(run, now);
        restore
    }

    pub fn restore_report(&self, run: &RestoreRun, now: DateTime<Utc>) -> Option<RestoreReport> {
        let view = self.restore_view(run, now);
        let state = view.state();
        if !FINISHED.contains(&state) {
            return None;
        }
        let files = self.restore_files.get(&view.restore_id).map_or(0, Vec::len);
        Some(RestoreReport {
            backup_configuration_id: view.backup_configuration_id,
            backup_configuration_name: view.backup_configuration_name.clone(),
            backup_report_id: view.backup_id,
            restore_point: view.backup_restore_point,
            start_time: run.started,
            completed_time: run.started.map(|s| s + secs(5)),
            duration: "00:00:05".into(),
            originating_computer_name: view.backup_machine_name.clone(),
            state: state.into(),
            num_files_restored: 35 + files as u64,
            num_bytes_restored: "18 MB".into(),
            restore_destination: view.destination_machine_name.clone(),
            restore_destination_machine_id: view.destination_machine_id,
            num_errors: u64::from(state == "Failed"),
            reason: if state == "Failed" {
                "DestinationNotWritable"
            } else {
                "Success"
            }
            .into(),
            diagnostics: if state == "Failed" {
                "The destination is read-only".into()
            } else {
                "Restore completed".into()
            },
            error_list: Vec::new(),
        })
    }

    pub fn available_for_restore(&self, now: DateTime<Utc>) -> Vec<AvailableBackup> {
        self.configurations
            .values()
            .filter(|c| !c.is_deleted)
            .filter_map(|c| {
                let last = self
                    .completed(c.backup_configuration_id, now)
                    .into_iter()
                    .filter_map(|b| b.completed_time)
                    .max()?;
                let agent = self.agents.get(&c.machine_agent_id)?;
                Some(AvailableBackup {
                    backup_configuration_id: c.backup_configuration_id,
                    backup_configuration_name: c.backup_configuration_name.clone(),
                    machine_name: c.machine_name.clone(),
                    machine_agent_id: c.machine_agent_id,
                    is_encrypted: agent.is_encrypted,
                    public_key_hex: agent.public_key.exponent_hex.clone(),
                    public_key_mod: agent.public_key.modulus_hex.clone(),
                    flavor: "RaxCloudServer".into(),
                    last_successful_backup_time: Some(last),
                })
            })
            .collect()
    }

    pub fn activity(&self, agent: Option<u64>, now: DateTime<Utc>) -> Vec<Activity> {
        let mut items: Vec<Activity> = Vec::new();
        for run in self.backups.values() {
            let Some(config) = self.configurations.get(&run.configuration_id) else {
                continue;
            };
            if agent.is_some_and(|a| a != config.machine_agent_id) {
                continue;
            }
            items.push(Activity {
                id: run.id,
                kind: "Backup".into(),
                parent_id: config.backup_configuration_id,
                display_name: config.backup_configuration_name.clone(),
                is_backup_configuration_deleted: config.is_deleted,
                source_machine_agent_id: config.machine_agent_id,
                source_machine_name: config.machine_name.clone(),
                destination_machine_agent_id: 0,
                destination_machine_name: String::new(),
                current_state: self.backup_state(run, now).into(),
                time_of_activity: Some(run.stop_requested.unwrap_or(run.started)),
                backup_id: Some(run.id),
            });
        }
        for run in self.restores.values() {
            let r = self.restore_view(run, now);
            if agent.is_some_and(|a| a != r.destination_machine_id && a != r.backup_machine_id) {
                continue;
            }
            items.push(Activity {
                id: r.restore_id,
                kind: "Restore".into(),
                parent_id: r.backup_configuration_id,
                display_name: r.backup_configuration_name.clone(),
                is_backup_configuration_deleted: false,
                source_machine_agent_id: r.backup_machine_id,
                source_machine_name: r.backup_machine_name.clone(),
                destination_machine_agent_id: r.destination_machine_id,
                destination_machine_name: r.destination_machine_name.clone(),
                current_state: r.state().into(),
                time_of_activity: run.started,
                backup_id: Some(r.backup_id),
            });
        }
        items.sort_by_key(|a| std::cmp::Reverse(a.time_of_activity));
        items
    }
}
