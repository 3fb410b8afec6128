//! Signing in through Keystone v3 with a user, password, account (domain) and project. The
//! password is sent once and never kept; the token's project is kept on the connection.

use backup_console_core::connection::Connection;
use backup_console_core::spec::FormValues;
use backup_console_core::vendors::scheduled_backup::keystone::{
    credentials_from, decode_token, identity_base_of, token_request, SIGN_IN_FIELDS,
};

use crate::session::sign_in::{SignInFuture, SignInMethod, SignedIn};

/// Offered when the connection names its identity service.
pub fn method(connection: &Connection) -> Option<SignInMethod> {
    identity_base_of(connection).map(|_| SignInMethod {
        label: "Sign in with user and password (Keystone)",
        fields: &SIGN_IN_FIELDS,
        run,
    })
}

fn run(connection: Connection, values: FormValues) -> SignInFuture {
    Box::pin(async move {
        let service = Connection {
            base_url: identity_base_of(&connection).unwrap_or_default(),
            token: None,
            api_key: None,
            ..connection
        };
        let request = token_request(&credentials_from(&values));
        let response = crate::transport::send(&service, request).await?;
        let token = decode_token(&response)?;
        Ok(SignedIn {
            token: token.token,
            fields: vec![("project_id", token.project_id)],
            ..SignedIn::default()
        })
    })
}
