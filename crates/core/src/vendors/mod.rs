//! One module per vendor API; this file only registers them.

pub mod cloudback;
pub mod cyborgbackup;
pub mod loose;
mod open_enum;
pub mod problem;
pub mod rackspace;
pub mod scheduled_backup;
pub mod xopero;

use serde::{Deserialize, Serialize};

use crate::api::ApiRequest;
use crate::connection::Connection;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Vendor {
    #[serde(rename = "rackspace")]
    Rackspace,
    #[serde(rename = "xopero")]
    Xopero,
    #[serde(rename = "cyborgbackup")]
    CyBorgBackup,
    #[serde(rename = "cloudback")]
    Cloudback,
    #[serde(rename = "scheduled-backup")]
    ScheduledBackup,
}

impl Vendor {
    pub const ALL: [Vendor; 5] = [
        Vendor::Rackspace,
        Vendor::Xopero,
        Vendor::CyBorgBackup,
        Vendor::Cloudback,
        Vendor::ScheduledBackup,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Vendor::Rackspace => "rackspace",
            Vendor::Xopero => "xopero",
            Vendor::CyBorgBackup => "cyborgbackup",
            Vendor::Cloudback => "cloudback",
            Vendor::ScheduledBackup => "scheduled-backup",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.name() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            Vendor::Rackspace => "Rackspace Cloud Backup",
            Vendor::Xopero => "Xopero",
            Vendor::CyBorgBackup => "CyBorgBackup",
            Vendor::Cloudback => "Cloudback",
            Vendor::ScheduledBackup => "Scheduled Backup API v2",
        }
    }

    /// Connection fields this vendor needs beyond id, label, base URL and token:
    /// (key, label, required, help).
    pub fn extra_fields(self) -> &'static [(&'static str, &'static str, bool, &'static str)] {
        match self {
            Vendor::Rackspace => &[
                ("tenant_id", "Tenant ID", true, "Your account number; it is part of every API path."),
                (
                    "identity_url",
                    "Identity URL",
                    false,
                    "To sign in with a username and API key, e.g. https://identity.api.rackspacecloud.com",
                ),
            ],
            Vendor::Xopero => &[(
                "email",
                "Email",
                false,
                "The account to sign in with (System Administrator role); it prefills sign-in. The password is never stored.",
            )],
            Vendor::Cloudback => &[(
                "api_path",
                "API path",
                false,
                "/api/ops (the Operations API document, the default) or /ops (the vendor's newest docs).",
            )],
            Vendor::ScheduledBackup => &[
                (
                    "project_id",
                    "Project ID",
                    false,
                    "The project the token is scoped to; signing in fills it in.",
                ),
                (
                    "identity_url",
                    "Identity URL",
                    false,
                    "To sign in with a user and password (Keystone v3), e.g. https://cloud.api.selcloud.ru/identity",
                ),
            ],
            _ => &[],
        }
    }

    /// Whether the console has pages for this vendor yet.
    pub fn implemented(self) -> bool {
        matches!(
            self,
            Vendor::CyBorgBackup
                | Vendor::Rackspace
                | Vendor::Xopero
                | Vendor::Cloudback
                | Vendor::ScheduledBackup
        )
    }

    /// A failed answer in the operator's words; vendors whose errors say more get their own reading.
    pub fn error(self, status: u16, body: &str, subject: &str) -> crate::api::ApiError {
        let response = crate::api::ApiResponse::new(status, body);
        match self {
            Vendor::Xopero => xopero::errors::error_of(&response, subject),
            Vendor::Cloudback => cloudback::errors::decode_error(&response, subject),
            Vendor::ScheduledBackup => scheduled_backup::errors::decode_error(&response, subject),
            Vendor::CyBorgBackup | Vendor::Rackspace => {
                crate::api::ApiError::from_status(status, body, subject)
            }
        }
    }

    /// The sentence an error banner shows on this vendor's pages: what to do, in its terms.
    pub fn explain(self, error: &crate::api::ApiError) -> String {
        match self {
            Vendor::Cloudback => cloudback::errors::explain(error),
            Vendor::ScheduledBackup => scheduled_backup::errors::explain(error),
            Vendor::Xopero => xopero::errors::explain(error),
            _ => error.to_string(),
        }
    }

    /// The secret this vendor authenticates with: Cloudback's API key (or, failing that, a
    /// token field holding it), everyone else's token. Blank counts as none.
    pub fn credential(self, connection: &Connection) -> Option<&str> {
        let token = connection.token.as_deref();
        let secret = match self {
            Vendor::Cloudback => connection
                .api_key
                .as_deref()
                .filter(|key| !key.trim().is_empty())
                .or(token),
            _ => token,
        };
        secret.filter(|s| !s.trim().is_empty())
    }

    /// The request that renews the connection's token, for vendors whose sign-in yields a
    /// refresh token (CyBorgBackup's JWT); `None` when there is nothing to renew with.
    pub fn renewal(self, connection: &Connection) -> Option<ApiRequest> {
        let refresh = connection.refresh_token.as_deref()?;
        match self {
            Vendor::CyBorgBackup => Some(cyborgbackup::jwt::refresh(refresh)),
            _ => None,
        }
    }

    /// Whether `token` should be renewed before it is used `now`.
    pub fn renewal_due(self, token: &str, now: chrono::DateTime<chrono::Utc>) -> bool {
        match self {
            Vendor::CyBorgBackup => cyborgbackup::jwt::refresh_due(token, now),
            _ => false,
        }
    }

    /// The renewed token and, when it rotates, the next refresh token.
    pub fn read_renewal(
        self,
        response: &crate::api::ApiResponse,
    ) -> Result<(String, Option<String>), crate::api::ApiError> {
        let pair: cyborgbackup::jwt::TokenPair = response.json("the token refresh")?;
        Ok((pair.access, pair.refresh))
    }

    /// Add the connection's credentials the way this vendor expects them.
    pub fn authorize(self, connection: &Connection, request: ApiRequest) -> ApiRequest {
        match (self, self.credential(connection)) {
            (Vendor::Cloudback, Some(key)) => cloudback::authorize(request, key),
            (Vendor::CyBorgBackup, Some(token)) => cyborgbackup::authorize(request, token),
            (Vendor::Rackspace | Vendor::ScheduledBackup, Some(token)) => {
                request.header("X-Auth-Token", token)
            }
            (Vendor::Xopero, Some(token)) => xopero::authorize(request, token),
            (_, None) => request,
        }
    }
}
