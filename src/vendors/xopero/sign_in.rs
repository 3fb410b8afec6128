//! Signing in with email and password through `account/login`. The password is sent once and
//! never kept; the access token it yields (valid 30 days, no refresh) follows the console's
//! credential rules. "Remember me" is the service's `rememberMe`.

use backup_console_core::connection::Connection;
use backup_console_core::spec::{field, FieldKind, FieldSpec, FormValues};
use backup_console_core::vendors::xopero::models::LoginAnswer;
use backup_console_core::vendors::xopero::{decode, requests};

use crate::session::sign_in::{SignInFuture, SignInMethod, SignedIn};

/// `email` is prefilled from the connection's field of that name.
const FIELDS: [FieldSpec; 3] = [
    field("email", "Email", FieldKind::Email, true, "").testid("sign-in-email"),
    field("password", "Password", FieldKind::Secret, true, "").testid("sign-in-password"),
    field(
        "remember_me",
        "Remember me",
        FieldKind::Bool,
        false,
        "Asks the service for its longer sign-in (rememberMe).",
    )
    .testid("sign-in-remember"),
];

/// Every Xopero connection can sign in: the login lives at its own base URL.
pub fn method() -> SignInMethod {
    SignInMethod {
        label: "Sign in with email and password",
        fields: &FIELDS,
        run,
    }
}

fn run(connection: Connection, values: FormValues) -> SignInFuture {
    Box::pin(async move {
        let text = |k: &str| values.get(k).cloned().unwrap_or_default();
        let service = Connection {
            token: None,
            ..connection
        };
        let request = requests::login(
            &text("email"),
            &text("password"),
            text("remember_me") == "true",
        );
        let subject = request.subject.clone();
        let response = crate::transport::send(&service, request).await?;
        let answer: LoginAnswer = decode(&response, &subject)?;
        Ok(SignedIn {
            token: answer.access_token,
            fields: Vec::new(),
            ..SignedIn::default()
        })
    })
}
