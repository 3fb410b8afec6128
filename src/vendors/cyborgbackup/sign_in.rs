//! Signing in with a username (the account's email) and password: JSON Web Tokens. The password
//! is sent once and never kept; the refresh token keeps the console signed in (see calls.rs).

use backup_console_core::api::ApiError;
use backup_console_core::connection::Connection;
use backup_console_core::spec::{field, text_of, FieldKind, FieldSpec, FormValues};
use backup_console_core::vendors::cyborgbackup::jwt::{self, TokenPair};

use crate::session::sign_in::{SignInFuture, SignInMethod, SignedIn};

const FIELDS: [FieldSpec; 2] = [
    field(
        "username",
        "Username",
        FieldKind::Text,
        true,
        "The account's email address.",
    )
    .testid("sign-in-username"),
    field(
        "password",
        "Password",
        FieldKind::Secret,
        true,
        "Sent once, never stored.",
    )
    .testid("sign-in-password"),
];

pub fn method(_: &Connection) -> Option<SignInMethod> {
    Some(SignInMethod {
        label: "Sign in with username and password",
        fields: &FIELDS,
        run,
    })
}

fn run(connection: Connection, values: FormValues) -> SignInFuture {
    Box::pin(async move {
        let anonymous = Connection {
            token: None,
            refresh_token: None,
            ..connection
        };
        let request = jwt::obtain(&text_of(&values, "username"), &text_of(&values, "password"));
        let response = crate::transport::send(&anonymous, request).await?;
        if response.status == 401 {
            let refused = anonymous.vendor.error(401, &response.body, "the sign-in");
            let detail = match refused {
                ApiError::Unauthorized { detail } => detail,
                _ => String::new(),
            };
            return Err(ApiError::Validation {
                message: format!("Wrong username or password ({detail})."),
                fields: Default::default(),
            });
        }
        if !response.is_success() {
            return Err(anonymous
                .vendor
                .error(response.status, &response.body, "the sign-in"));
        }
        let pair: TokenPair = response.json("the sign-in")?;
        Ok(SignedIn {
            token: pair.access,
            refresh_token: pair.refresh,
            ..SignedIn::default()
        })
    })
}
