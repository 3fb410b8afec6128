//! Demo data: a small, believable installation, with policies whose last jobs ran well,
//! failed, and are running.

use backup_console_core::vendors::cyborgbackup::Resource;
use chrono::{Duration, Utc};
use serde_json::json;

use super::store::Store;
use crate::DEMO_TOKEN;

pub fn seeded() -> Store {
    let mut store = Store::empty();
    let users = [
        ("admin@example.com", "Ada", "Admin", true),
        ("operator@example.com", "Otto", "Operator", false),
        ("auditor@example.com", "Aude", "Auditor", false),
        ("cyborg@agent.local", "", "", true),
    ];
    for (email, first, last, su) in users {
        store.insert_raw(
            Resource::Users,
            json!({"email": email, "first_name": first, "last_name": last, "is_superuser": su}),
        );
    }
    store.tokens.insert(DEMO_TOKEN.to_owned(), 1);

    let clients = [
        ("lab.example.com", "10.0.0.10", "1.1.17", true, true),
        ("web-01.example.com", "10.0.1.11", "1.2.4", true, true),
        ("web-02.example.com", "10.0.1.12", "1.2.4", true, true),
        ("db-01.example.com", "10.0.2.21", "1.2.4", true, true),
        ("mail.example.com", "10.0.3.5", "1.1.17", false, true),
        ("hv-01.example.com", "10.0.9.1", "1.2.4", true, false),
    ];
    for (hostname, ip, version, ready, enabled) in clients {
        let hv = hostname.starts_with("hv");
        store.insert_raw(
            Resource::Clients,
            json!({"hostname": hostname, "ip": ip, "version": version, "ready": ready,
                   "hypervisor_ready": hv, "hypervisor_name": if hv { "proxmox" } else { "" },
                   "enabled": enabled}),
        );
    }

    let schedules = [
        ("Each Monday", "0 5 * * MON *"),
        ("Nightly", "30 1 * * * *"),
        ("Every 6 hours", "0 */6 * * * *"),
        ("First of the month", "0 3 1 * * *"),
    ];
    for (name, crontab) in schedules {
        store.insert_raw(
            Resource::Schedules,
            json!({"name": name, "crontab": crontab, "enabled": true}),
        );
    }

    let repositories = [
        (
            "Main Repo",
            "cyborgbackup@backup:/repository",
            72_200_000_000u64,
            41_900_000_000u64,
        ),
        (
            "Offsite",
            "cyborgbackup@offsite.example.net:/srv/borg",
            18_000_000_000,
            9_500_000_000,
        ),
    ];
    for (name, path, original, dedup) in repositories {
        store.insert_raw(
            Resource::Repositories,
            json!({"name": name, "path": path, "repository_key": "0123456789abcdef",
                   "original_size": original, "compressed_size": original * 6 / 10,
                   "deduplicated_size": dedup, "ready": true, "enabled": true}),
        );
    }

    let policies = [
        ("Full Features", "vm", vec![6], 1, 1, "proxmox"),
        ("Web servers", "rootfs", vec![2, 3], 1, 2, ""),
        ("Databases", "mysql", vec![4], 2, 3, ""),
    ];
    for (name, kind, clients, repository, schedule, provider) in policies {
        store.insert_raw(
            Resource::Policies,
            json!({"name": name, "extra_vars": "", "clients": clients, "repository": repository,
                   "schedule": schedule, "policy_type": kind, "keep_hourly": null, "keep_daily": 7,
                   "keep_weekly": 4, "keep_monthly": 6, "keep_yearly": null, "vmprovider": provider,
                   "mode_pull": false, "enabled": true}),
        );
    }

    // Enough catalog entries to need several pages.
    let files = [
        "etc/hosts",
        "etc/fstab",
        "etc/ssh/sshd_config",
        "var/lib/mysql/ibdata1",
        "home/ops/.bashrc",
        "srv/www/index.html",
        "srv/www/app.js",
        "root/.profile",
    ];
    for day in 20..=24 {
        let archive = format!("rootfs-web-01.example.com-2026-11-{day}_01-30");
        let job = store.next_job;
        store.next_job += 1;
        for (i, path) in files.iter().enumerate() {
            store.insert_raw(
                Resource::Catalogs,
                json!({"archive_name": archive, "path": path, "job": job, "mode": "-rw-r--r--",
                       "mtime": format!("2026-11-{day}T01:3{}:00Z", i % 10), "owner": "root", "group": "root",
                       "size": 512 * (i as u64 + 1) * (day as u64), "healthy": i != 3 || day != 22}),
            );
        }
    }
    // The policies' last jobs (numbered after the catalog's): "Full Features" last succeeded
    // three weeks ago (overdue for a weekly schedule), "Web servers" failed five hours ago,
    // "Databases" is running.
    let now = Utc::now();
    store.record_job(
        1,
        "successful",
        now - Duration::days(21),
        Some(now - Duration::days(21) + Duration::minutes(42)),
    );
    store.record_job(
        2,
        "failed",
        now - Duration::hours(5),
        Some(now - Duration::hours(5) + Duration::seconds(95)),
    );
    store.record_job(3, "running", now - Duration::minutes(12), None);
    store
}
