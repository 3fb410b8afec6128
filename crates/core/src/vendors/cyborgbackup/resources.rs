//! The collections of the API and how the console shows and edits them. The UI renders tables,
//! detail views and forms from these descriptions, so they are tested here, natively.

use serde_json::Value;

use crate::spec::{field, json, Column, FieldKind, FieldSpec};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    Users,
    Clients,
    Schedules,
    Repositories,
    Policies,
    Catalogs,
}

pub const POLICY_TYPES: [&str; 8] = [
    "rootfs",
    "vm",
    "mysql",
    "postgresql",
    "piped",
    "config",
    "mail",
    "folders",
];

impl Resource {
    pub const ALL: [Resource; 6] = [
        Resource::Users,
        Resource::Clients,
        Resource::Schedules,
        Resource::Repositories,
        Resource::Policies,
        Resource::Catalogs,
    ];

    /// The name the API uses in its paths, also used in the console's routes.
    pub fn name(self) -> &'static str {
        match self {
            Resource::Users => "users",
            Resource::Clients => "clients",
            Resource::Schedules => "schedules",
            Resource::Repositories => "repositories",
            Resource::Policies => "policies",
            Resource::Catalogs => "catalogs",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            Resource::Users => "Users",
            Resource::Clients => "Clients",
            Resource::Schedules => "Schedules",
            Resource::Repositories => "Repositories",
            Resource::Policies => "Policies",
            Resource::Catalogs => "Catalogs",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Resource::Users => "user",
            Resource::Clients => "client",
            Resource::Schedules => "schedule",
            Resource::Repositories => "repository",
            Resource::Policies => "policy",
            Resource::Catalogs => "catalog entry",
        }
    }

    /// Catalog entries are written by backup jobs, never by hand.
    pub fn writable(self) -> bool {
        self != Resource::Catalogs
    }

    /// The field that names an object to a person.
    pub fn label_field(self) -> &'static str {
        match self {
            Resource::Users => "email",
            Resource::Clients => "hostname",
            Resource::Catalogs => "path",
            _ => "name",
        }
    }

    /// How to name one object: `user "ops@example.com"`.
    pub fn label_of(self, record: &serde_json::Value) -> String {
        let id = record.get("id").map(|v| v.to_string()).unwrap_or_default();
        match record.get(self.label_field()).and_then(|v| v.as_str()) {
            Some(label) if !label.is_empty() => format!("{} \"{label}\"", self.singular()),
            _ => format!("{} {id}", self.singular()),
        }
    }

    /// The table of a collection; the first column links to the object (server-side ordering).
    pub fn columns(self) -> &'static [Column<Value>] {
        match self {
            Resource::Users => {
                const {
                    &[
                        Column::new("id", "ID", json::text)
                            .server_sorted()
                            .link(|row| Some(format!("/users/{}", json::id(&row["id"]))))
                            .narrow(),
                        Column::new("email", "Email", json::text).server_sorted(),
                        Column::new("first_name", "First name", json::text).server_sorted(),
                        Column::new("last_name", "Last name", json::text).server_sorted(),
                        Column::new("is_superuser", "Superuser", json::flag),
                        Column::new("created", "Created", json::time).server_sorted(),
                    ]
                }
            }
            Resource::Clients => {
                const {
                    &[
                        Column::new("id", "ID", json::text)
                            .server_sorted()
                            .link(|row| Some(format!("/clients/{}", json::id(&row["id"]))))
                            .narrow(),
                        Column::new("hostname", "Hostname", json::text).server_sorted(),
                        Column::new("ip", "IP", json::text),
                        Column::new("version", "Borg version", json::text),
                        Column::new("ready", "Ready", json::flag),
                        Column::new("enabled", "Enabled", json::flag),
                        Column::new("modified", "Modified", json::time).server_sorted(),
                    ]
                }
            }
            Resource::Schedules => {
                const {
                    &[
                        Column::new("id", "ID", json::text)
                            .server_sorted()
                            .link(|row| Some(format!("/schedules/{}", json::id(&row["id"]))))
                            .narrow(),
                        Column::new("name", "Name", json::text).server_sorted(),
                        Column::new("crontab", "Crontab", json::mono),
                        Column::new("enabled", "Enabled", json::flag),
                        Column::new("modified", "Modified", json::time).server_sorted(),
                    ]
                }
            }
            Resource::Repositories => {
                const {
                    &[
                        Column::new("id", "ID", json::text)
                            .server_sorted()
                            .link(|row| Some(format!("/repositories/{}", json::id(&row["id"]))))
                            .narrow(),
                        Column::new("name", "Name", json::text).server_sorted(),
                        Column::new("path", "Path", json::mono).server_sorted(),
                        Column::new("original_size", "Original size", json::bytes).server_sorted(),
                        Column::new("deduplicated_size", "Deduplicated", json::bytes)
                            .server_sorted(),
                        Column::new("ready", "Ready", json::flag),
                        Column::new("enabled", "Enabled", json::flag),
                    ]
                }
            }
            Resource::Policies => {
                const {
                    &[
                        Column::new("id", "ID", json::text)
                            .server_sorted()
                            .link(|row| Some(format!("/policies/{}", json::id(&row["id"]))))
                            .narrow(),
                        Column::new("name", "Name", json::text).server_sorted(),
                        Column::new("policy_type", "Type", json::text).server_sorted(),
                        Column::new("clients", "Clients", json::count),
                        Column::new("next_run", "Next run", json::time).server_sorted(),
                        Column::new("enabled", "Enabled", json::flag),
                    ]
                }
            }
            Resource::Catalogs => {
                const {
                    &[
                        Column::new("id", "ID", json::text)
                            .server_sorted()
                            .link(|row| Some(format!("/catalogs/{}", json::id(&row["id"]))))
                            .narrow(),
                        Column::new("archive_name", "Archive", json::text).server_sorted(),
                        Column::new("path", "Path", json::mono).server_sorted(),
                        Column::new("size", "Size", json::bytes).server_sorted(),
                        Column::new("mtime", "Modified", json::time).server_sorted(),
                        Column::new("owner", "Owner", json::text),
                        Column::new("healthy", "Healthy", json::flag),
                    ]
                }
            }
        }
    }

    /// The fields of the create and edit forms, in order.
    pub fn fields(self) -> &'static [FieldSpec] {
        use FieldKind::*;
        match self {
            Resource::Users => {
                const {
                    &[
                        field("email", "Email", Email, true, ""),
                        field("first_name", "First name", Text, false, ""),
                        field("last_name", "Last name", Text, false, ""),
                        field(
                            "is_superuser",
                            "Superuser",
                            Bool,
                            false,
                            "Full rights on every object.",
                        ),
                    ]
                }
            }
            Resource::Clients => {
                const {
                    &[
                        field(
                            "hostname",
                            "Hostname",
                            Hostname,
                            true,
                            "The machine's DNS name, e.g. lab.example.com.",
                        ),
                        field(
                            "ip",
                            "IP addresses",
                            IpList,
                            false,
                            "Comma-separated; may stay empty.",
                        ),
                        field("version", "Borg version", Text, false, ""),
                        field(
                            "ready",
                            "Ready",
                            Bool,
                            false,
                            "Prepared to be used with borg.",
                        ),
                        field("hypervisor_name", "Hypervisor name", Text, false, ""),
                        field("hypervisor_ready", "Hypervisor ready", Bool, false, ""),
                        field("enabled", "Enabled", Bool, false, ""),
                    ]
                }
            }
            Resource::Schedules => {
                const {
                    &[
                        field("name", "Name", Text, true, ""),
                        field(
                            "crontab",
                            "Crontab",
                            Crontab,
                            true,
                            "minute hour day-of-month month day-of-week [year]",
                        ),
                        field("enabled", "Enabled", Bool, false, ""),
                    ]
                }
            }
            Resource::Repositories => {
                const {
                    &[
                        field("name", "Name", Text, true, ""),
                        field(
                            "path",
                            "Path",
                            Text,
                            true,
                            "How clients reach it, e.g. cyborgbackup@backup:/repository.",
                        ),
                        field(
                            "repository_key",
                            "Repository key",
                            Secret,
                            true,
                            "The key that encrypts the repository.",
                        ),
                        field("ready", "Ready", Bool, false, ""),
                        field("enabled", "Enabled", Bool, false, ""),
                    ]
                }
            }
            Resource::Policies => {
                const {
                    &[
                        field("name", "Name", Text, true, ""),
                        field(
                            "policy_type",
                            "Backup type",
                            Choice(&POLICY_TYPES),
                            true,
                            "",
                        ),
                        field("clients", "Clients", References("clients"), false, ""),
                        field(
                            "repository",
                            "Repository",
                            Reference("repositories"),
                            true,
                            "",
                        ),
                        field("schedule", "Schedule", Reference("schedules"), true, ""),
                        field(
                            "vmprovider",
                            "VM provider",
                            Text,
                            false,
                            "For VM backups, e.g. proxmox.",
                        ),
                        field(
                            "keep_hourly",
                            "Keep hourly",
                            Count,
                            false,
                            "Archives to keep; empty means no limit.",
                        ),
                        field("keep_daily", "Keep daily", Count, false, ""),
                        field("keep_weekly", "Keep weekly", Count, false, ""),
                        field("keep_monthly", "Keep monthly", Count, false, ""),
                        field("keep_yearly", "Keep yearly", Count, false, ""),
                        field(
                            "extra_vars",
                            "Extra variables",
                            JsonText,
                            false,
                            "A JSON object, may stay empty.",
                        ),
                        field(
                            "mode_pull",
                            "Pull mode",
                            Bool,
                            false,
                            "The server pulls the backup from the client.",
                        ),
                        field("enabled", "Enabled", Bool, false, ""),
                    ]
                }
            }
            Resource::Catalogs => &[],
        }
    }

    /// Whether the list endpoint takes a `search` filter.
    pub fn searchable(self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Resource::ALL {
            assert_eq!(Resource::from_name(r.name()), Some(r));
            assert!(!r.columns().is_empty());
            assert_eq!(r.writable(), !r.fields().is_empty());
        }
        assert_eq!(Resource::from_name("jobs"), None);
    }

    #[test]
    fn labels_name_objects() {
        let user = serde_json::json!({"id": 3, "email": "a@b.c"});
        assert_eq!(Resource::Users.label_of(&user), "user \"a@b.c\"");
        let nameless = serde_json::json!({"id": 7, "name": ""});
        assert_eq!(Resource::Policies.label_of(&nameless), "policy 7");
    }
}
