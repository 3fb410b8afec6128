//! Signing in with a username and API key through the identity service (v2.0). The key is
//! sent once and never kept; the tenant comes from the token.

use backup_console_core::connection::Connection;
use backup_console_core::spec::{field, FieldKind, FieldSpec, FormValues};
use backup_console_core::vendors::rackspace::identity;
use backup_console_core::vendors::rackspace::models::TokenResponse;
use backup_console_core::vendors::rackspace::requests::identity_token;

use crate::session::sign_in::{SignInFuture, SignInMethod, SignedIn};

const FIELDS: [FieldSpec; 2] = [
    field("username", "Username", FieldKind::Text, true, "").testid("sign-in-username"),
    field("api_key", "API key", FieldKind::Secret, true, "").testid("sign-in-key"),
];

/// Offered when the connection names its identity service.
pub fn method(connection: &Connection) -> Option<SignInMethod> {
    (!connection.extra_text("identity_url").is_empty()).then_some(SignInMethod {
        label: "Sign in with username and API key",
        fields: &FIELDS,
        run,
    })
}

fn run(connection: Connection, values: FormValues) -> SignInFuture {
    Box::pin(async move {
        let text = |k: &str| {
            values
                .get(k)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let service = Connection {
            base_url: identity::base_url(&connection.extra_text("identity_url")),
            token: None,
            ..connection.clone()
        };
        let request =
            identity_token(&text("username"), &text("api_key")).about("the identity service");
        let response = crate::transport::send(&service, request).await?;
        let answer: TokenResponse = response.json("the identity service")?;
        let current = connection.extra_text("tenant_id");
        let tenant = identity::tenant_after_sign_in(
            Some(&current),
            answer.access.token.tenant.as_ref().map(|t| t.id.as_str()),
        );
        Ok(SignedIn {
            token: answer.access.token.id,
            fields: tenant.map(|t| ("tenant_id", t)).into_iter().collect(),
            ..SignedIn::default()
        })
    })
}
