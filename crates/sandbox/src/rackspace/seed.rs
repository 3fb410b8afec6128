//! Demo data: three agents (one offline), configurations in four time zones, and their backups:
//! finished a day ago (one with errors), one that failed three hours ago, one running for two
//! hours, and one five days old on a daily schedule (overdue).

use backup_console_core::schedule::rackspace::{AmPm, Frequency, RackspaceSchedule};
use backup_console_core::vendors::rackspace::models::{
    Agent, BackupConfiguration, FileItem, PublicKey,
};
use chrono::{Duration, Utc};

use super::store::{BackupRun, Store};

fn agent(id: u64, name: &str, os: &str, online: bool, host: &str) -> Agent {
    Agent {
        machine_agent_id: id,
        machine_name: name.into(),
        agent_version: "1.05.005848".into(),
        architecture: "64-bit".into(),
        flavor: "RaxCloudServer".into(),
        backup_vault_size: "0 MB".into(),
        backup_container: Some(format!(
            "https://storage101.dfw1.clouddrive.com/v1/MossoCloudFS_demo/CloudBackup_v2_0_{id}"
        )),
        cleanup_allowed: true,
        datacenter: "DFW".into(),
        backup_data_center: Some("DFW".into()),
        ip_address: format!("10.10.0.{}", id % 250),
        is_disabled: false,
        is_encrypted: false,
        operating_system: os.into(),
        operating_system_version: String::new(),
        public_key: PublicKey {
            modulus_hex: super::DEMO_MODULUS.into(),
            exponent_hex: "10001".into(),
        },
        status: if online { "Online" } else { "Offline" }.into(),
        time_of_last_successful_backup: None,
        use_service_net: true,
        use_failover_uri: Some(false),
        host_server_id: Some(host.into()),
    }
}

fn config(
    id: u64,
    agent: &Agent,
    name: &str,
    schedule: RackspaceSchedule,
    paths: &[&str],
) -> BackupConfiguration {
    let item = |path: &&str| FileItem {
        file_path: path.to_string(),
        file_item_type: "Folder".into(),
        parent_id: Some(id),
        file_id: None,
    };
    let schedule_for_next = schedule.clone();
    BackupConfiguration {
        backup_configuration_id: id,
        machine_agent_id: agent.machine_agent_id,
        machine_name: agent.machine_name.clone(),
        backup_configuration_name: name.into(),
        is_active: true,
        is_deleted: false,
        is_encrypted: false,
        version_retention: 30,
        backup_configuration_schedule_id: Some(id + 1000),
        missed_backup_action_id: Some(1),
        schedule,
        next_scheduled_run_time: schedule_for_next
            .next_runs(Utc::now(), 1)
            .first()
            .map(|t| t.with_timezone(&Utc)),
        last_run_time: None,
        last_run_backup_report_id: None,
        backup_state: None,
        notify_recipients: "ops@example.com".into(),
        notify_success: false,
        notify_failure: true,
        inclusions: paths.iter().map(item).collect(),
        exclusions: Vec::new(),
        other: Default::default(),
    }
}

pub fn seeded() -> Store {
    let mut store = Store::default();
    let web = agent(
        213564,
        "web-01",
        "Ubuntu 24.04",
        true,
        "87c3b6e1-fb1a-41f9-91e5-313ae35a5a06",
    );
    let db = agent(
        213565,
        "db-01",
        "Debian 12",
        true,
        "1a2b3c4d-0000-4000-8000-000000000002",
    );
    let win = agent(
        213566,
        "win-app-01",
        "Windows Server 2022",
        false,
        "1a2b3c4d-0000-4000-8000-000000000003",
    );
    let weekly = RackspaceSchedule {
        frequency: Frequency::Weekly,
        start_time_hour: Some(7),
        start_time_minute: Some(30),
        start_time_am_pm: Some(AmPm::Pm),
        day_of_week_id: Some(5),
        hour_interval: None,
        time_zone_id: "Eastern Standard Time".into(),
    };
    let nightly = RackspaceSchedule {
        frequency: Frequency::Daily,
        day_of_week_id: None,
        start_time_hour: Some(1),
        start_time_am_pm: Some(AmPm::Am),
        ..weekly.clone()
    };
    let manual = RackspaceSchedule {
        frequency: Frequency::Manually,
        start_time_hour: None,
        start_time_minute: None,
        start_time_am_pm: None,
        day_of_week_id: None,
        hour_interval: None,
        time_zone_id: "UTC".into(),
    };
    store.configurations.insert(
        148325,
        config(148325, &web, "Weekly Website Backup", weekly, &["/var/www"]),
    );
    store.configurations.insert(
        148326,
        config(
            148326,
            &db,
            "Nightly Database Dump",
            nightly,
            &["/var/backups/mysql", "/var/lib/mysql/locked"],
        ),
    );
    store.configurations.insert(
        148327,
        config(148327, &win, "Manual App Backup", manual, &["C:\\App"]),
    );
    let every_four_hours = RackspaceSchedule {
        frequency: Frequency::Hourly,
        start_time_hour: None,
        start_time_minute: None,
        start_time_am_pm: None,
        day_of_week_id: None,
        hour_interval: Some(4),
        time_zone_id: "Tokyo Standard Time".into(),
    };
    let daily = |hour: u32, am_pm: AmPm, zone: &str| RackspaceSchedule {
        frequency: Frequency::Daily,
        start_time_hour: Some(hour),
        start_time_minute: Some(0),
        start_time_am_pm: Some(am_pm),
        day_of_week_id: None,
        hour_interval: None,
        time_zone_id: zone.into(),
    };
    let more = [
        (
            148328,
            &web,
            "Hourly Logs",
            every_four_hours,
            "/var/log/nginx",
        ),
        (
            148329,
            &db,
            "Nightly Files",
            daily(2, AmPm::Am, "GMT Standard Time"),
            "/srv/files",
        ),
        (
            148330,
            &db,
            "Daily Reports",
            daily(6, AmPm::Pm, "W. Europe Standard Time"),
            "/srv/reports",
        ),
    ];
    for (id, agent, name, schedule, path) in more {
        store
            .configurations
            .insert(id, config(id, agent, name, schedule, &[path]));
    }
    for a in [web, db, win] {
        store.agents.insert(a.machine_agent_id, a);
    }
    let now = Utc::now();
    // (backup, configuration, started, lasts seconds, fails)
    let runs = [
        (134332u64, 148325u64, now - Duration::days(1), 6, false),
        (134333, 148326, now - Duration::days(1), 6, false),
        (134334, 148328, now - Duration::hours(3), 40, true),
        (134335, 148329, now - Duration::minutes(20), 2 * 3600, false),
        (134336, 148330, now - Duration::days(5), 300, false),
    ];
    for (id, config, started, lasts, fails) in runs {
        store.backups.insert(
            id,
            BackupRun {
                lasts,
                fails,
                ..BackupRun::new(id, config, started)
            },
        );
    }
    store.next_id = 200000;
    store
}
