//! Signing in through Keystone v3 password authentication, for a project-scoped token.
//!
//! `POST {identity}/v3/auth/tokens` with the user (named in its domain — the account, for the
//! vendor), the password, and the project; the token comes back in the `X-Subject-Token`
//! header and the project in the body. The password is sent once and never stored.

use serde_json::{json, Value};

use super::errors::decode_error;
use crate::api::{ApiError, ApiRequest, ApiResponse, Method};
use crate::connection::Connection;
use crate::spec::{field, FieldKind, FieldSpec, FormValues};

/// The sign-in form. The project field is the connection's `project_id`, so it starts filled
/// in with the project the connection already names.
pub const SIGN_IN_FIELDS: [FieldSpec; 4] = [
    field(
        "user",
        "User",
        FieldKind::Text,
        true,
        "A user of the account (a service user).",
    )
    .testid("sign-in-user"),
    field(
        "password",
        "Password",
        FieldKind::Secret,
        true,
        "Sent once to get a token; never stored.",
    )
    .testid("sign-in-password"),
    field(
        "domain",
        "Account (domain)",
        FieldKind::Text,
        true,
        "The account the user belongs to: its number, for the vendor's users.",
    )
    .testid("sign-in-domain"),
    field(
        "project_id",
        "Project",
        FieldKind::Text,
        true,
        "The project's ID, or its name.",
    )
    .testid("sign-in-project"),
];

/// The credentials the sign-in form holds.
pub fn credentials_from(values: &FormValues) -> Credentials {
    let text = |key: &str| values.get(key).map_or("", |v| v.trim()).to_owned();
    Credentials {
        user: text("user"),
        // A password is sent exactly as typed.
        password: values.get("password").cloned().unwrap_or_default(),
        domain: text("domain"),
        project: ProjectScope::from_text(&text("project_id")),
    }
}

/// Which project the token is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectScope {
    Id(String),
    /// A project name, looked up in the user's domain.
    Name(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
    /// The user's domain: the account number for the vendor's service users.
    pub domain: String,
    pub project: ProjectScope,
}

impl ProjectScope {
    /// Keystone's project ids are 32 hexadecimal digits; anything else is a project's name.
    pub fn from_text(text: &str) -> Self {
        let text = text.trim();
        if text.len() == 32 && text.chars().all(|c| c.is_ascii_hexdigit()) {
            ProjectScope::Id(text.to_owned())
        } else {
            ProjectScope::Name(text.to_owned())
        }
    }
}

/// What signing in gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeystoneToken {
    pub token: String,
    pub project_id: String,
    pub project_name: String,
    pub expires_at: String,
}

/// The identity service's root, from a URL given with or without its `/v3`.
pub fn identity_base(identity_url: &str) -> String {
    let trimmed = identity_url.trim().trim_end_matches('/');
    trimmed
        .strip_suffix("/v3")
        .unwrap_or(trimmed)
        .trim_end_matches('/')
        .to_owned()
}

/// The connection's identity service root, when it has one.
pub fn identity_base_of(connection: &Connection) -> Option<String> {
    Some(identity_base(&connection.extra_text("identity_url"))).filter(|b| !b.is_empty())
}

/// The token request, relative to [`identity_base`].
pub fn token_request(credentials: &Credentials) -> ApiRequest {
    let domain = json!({"name": credentials.domain.trim()});
    let project = match &credentials.project {
        ProjectScope::Id(id) => json!({"id": id.trim()}),
        ProjectScope::Name(name) => json!({"name": name.trim(), "domain": domain}),
    };
    ApiRequest::new(Method::Post, "/v3/auth/tokens")
        .about("the identity service")
        .json(json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": credentials.user.trim(),
                "domain": domain,
                "password": credentials.password,
            }}},
            "scope": {"project": project},
        }}))
}

/// The token and its project, or why there are none.
pub fn decode_token(response: &ApiResponse) -> Result<KeystoneToken, ApiError> {
    if !response.is_success() {
        return Err(match decode_error(response, "the identity service") {
            ApiError::Unauthorized { .. } => ApiError::Unauthorized {
                detail: "The user, password, account or project is wrong.".into(),
            },
            other => other,
        });
    }
    let malformed = |detail: &str| ApiError::Malformed {
        detail: detail.to_owned(),
    };
    let token = response
        .header("X-Subject-Token")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            malformed(
                "the answer has no X-Subject-Token header (behind a proxy on another origin, \
                 it must be listed in Access-Control-Expose-Headers)",
            )
        })?;
    let body: Value = serde_json::from_str(&response.body)
        .map_err(|e| malformed(&format!("the answer is not JSON: {e}")))?;
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let project = &body["token"]["project"];
    let project_id = text(&project["id"]);
    if project_id.is_empty() {
        return Err(malformed(
            "the token is not scoped to a project (token.project.id is missing)",
        ));
    }
    Ok(KeystoneToken {
        token: token.to_owned(),
        project_id,
        project_name: text(&project["name"]),
        expires_at: text(&body["token"]["expires_at"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_url_may_end_in_v3() {
        for url in [
            "https://cloud.api.selcloud.ru/identity",
            "https://cloud.api.selcloud.ru/identity/",
            "https://cloud.api.selcloud.ru/identity/v3",
            " https://cloud.api.selcloud.ru/identity/v3/ ",
        ] {
            let request = token_request(&credentials(ProjectScope::Id("p".into())));
            assert_eq!(
                request.url(&identity_base(url)),
                "https://cloud.api.selcloud.ru/identity/v3/auth/tokens"
            );
        }
        let connection = Connection::new("s", crate::vendors::Vendor::ScheduledBackup, "http://x");
        assert_eq!(identity_base_of(&connection), None);
    }

    fn credentials(project: ProjectScope) -> Credentials {
        Credentials {
            user: "svc".into(),
            password: "pw".into(),
            domain: "123456".into(),
            project,
        }
    }

    #[test]
    fn the_form_gives_credentials_with_the_project_by_id_or_name() {
        let values: FormValues = [
            ("user", " svc "),
            ("password", " p w "),
            ("domain", "123456"),
            ("project_id", "0123456789abcdef0123456789ABCDEF"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let credentials = credentials_from(&values);
        assert_eq!(credentials.user, "svc");
        assert_eq!(credentials.password, " p w ");
        assert_eq!(
            credentials.project,
            ProjectScope::Id("0123456789abcdef0123456789ABCDEF".into())
        );
        assert_eq!(
            ProjectScope::from_text(" demo-project "),
            ProjectScope::Name("demo-project".into())
        );
        assert_eq!(SIGN_IN_FIELDS[3].key, "project_id");
    }

    #[test]
    fn password_auth_scoped_to_a_project_by_id_or_name() {
        let by_id = token_request(&credentials(ProjectScope::Id("abc".into())));
        let body = by_id.body.unwrap().as_json().cloned().unwrap();
        assert_eq!(body["auth"]["identity"]["methods"], json!(["password"]));
        assert_eq!(
            body["auth"]["identity"]["password"]["user"],
            json!({"name": "svc", "domain": {"name": "123456"}, "password": "pw"})
        );
        assert_eq!(body["auth"]["scope"], json!({"project": {"id": "abc"}}));
        let by_name = token_request(&credentials(ProjectScope::Name("web".into())));
        assert_eq!(
            by_name.body.unwrap().as_json().unwrap()["auth"]["scope"],
            json!({"project": {"name": "web", "domain": {"name": "123456"}}})
        );
    }

    #[test]
    fn the_token_comes_from_the_header_and_the_project_from_the_body() {
        let mut ok = ApiResponse::new(
            201,
            r#"{"token":{"expires_at":"2030-01-01T00:00:00Z","project":{"id":"p1","name":"web"}}}"#,
        );
        ok.headers.push(("x-subject-token".into(), "gAAAA".into()));
        let token = decode_token(&ok).unwrap();
        assert_eq!(
            (token.token.as_str(), token.project_id.as_str()),
            ("gAAAA", "p1")
        );
        assert_eq!(token.project_name, "web");
        let mut no_header = ok.clone();
        no_header.headers.clear();
        assert!(decode_token(&no_header)
            .unwrap_err()
            .to_string()
            .contains("cannot read"));
        let mut unscoped = ApiResponse::new(201, r#"{"token":{}}"#);
        unscoped
            .headers
            .push(("X-Subject-Token".into(), "t".into()));
        let err = decode_token(&unscoped).unwrap_err();
        assert!(matches!(&err, ApiError::Malformed { detail } if detail.contains("project")));
        let refused = ApiResponse::new(
            401,
            r#"{"error":{"code":401,"title":"Unauthorized","message":"The request you have made requires authentication."}}"#,
        );
        assert_eq!(
            decode_token(&refused).unwrap_err(),
            ApiError::Unauthorized {
                detail: "The user, password, account or project is wrong.".into()
            }
        );
    }
}
