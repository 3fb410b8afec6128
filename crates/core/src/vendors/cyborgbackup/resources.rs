//! The collections of the API and how the console shows and edits them. The UI renders tables,
//! detail views and forms from these descriptions, so they are tested here, natively.

use crate::spec::{col, field, Column, ColumnKind, FieldKind, FieldSpec};

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

    pub fn columns(self) -> &'static [Column] {
        use ColumnKind::*;
        match self {
            Resource::Users => {
                const {
                    &[
                        col("id", "ID", Text, true),
                        col("email", "Email", Text, true),
                        col("first_name", "First name", Text, true),
                        col("last_name", "Last name", Text, true),
                        col("is_superuser", "Superuser", Bool, false),
                        col("created", "Created", DateTime, true),
                    ]
                }
            }
            Resource::Clients => {
                const {
                    &[
                        col("id", "ID", Text, true),
                        col("hostname", "Hostname", Text, true),
                        col("ip", "IP", Text, false),
                        col("version", "Borg version", Text, false),
                        col("ready", "Ready", Bool, false),
                        col("enabled", "Enabled", Bool, false),
                        col("modified", "Modified", DateTime, true),
                    ]
                }
            }
            Resource::Schedules => {
                const {
                    &[
                        col("id", "ID", Text, true),
                        col("name", "Name", Text, true),
                        col("crontab", "Crontab", Text, false),
                        col("enabled", "Enabled", Bool, false),
                        col("modified", "Modified", DateTime, true),
                    ]
                }
            }
            Resource::Repositories => {
                const {
                    &[
                        col("id", "ID", Text, true),
                        col("name", "Name", Text, true),
                        col("path", "Path", Text, true),
                        col("original_size", "Original size", Bytes, true),
                        col("deduplicated_size", "Deduplicated", Bytes, true),
                        col("ready", "Ready", Bool, false),
                        col("enabled", "Enabled", Bool, false),
                    ]
                }
            }
            Resource::Policies => {
                const {
                    &[
                        col("id", "ID", Text, true),
                        col("name", "Name", Text, true),
                        col("policy_type", "Type", Text, true),
                        col("clients", "Clients", Count, false),
                        col("next_run", "Next run", DateTime, true),
                        col("enabled", "Enabled", Bool, false),
                    ]
                }
            }
            Resource::Catalogs => {
                const {
                    &[
                        col("id", "ID", Text, true),
                        col("archive_name", "Archive", Text, true),
                        col("path", "Path", Text, true),
                        col("size", "Size", Bytes, true),
                        col("mtime", "Modified", DateTime, true),
                        col("owner", "Owner", Text, false),
                        col("healthy", "Healthy", Bool, false),
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
