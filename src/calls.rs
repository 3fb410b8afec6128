//! Calling a connection's API from a view: look the connection up, send, decode, and turn a
//! refused credential into a sign-in prompt for that connection.
//!
//! Views do not call these directly: they read with [`crate::load::use_load`] and write with
//! [`crate::action::Action`].

use backup_console_core::api::{ApiError, ApiRequest, ApiResponse};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::session::{Session, SignInRequest};

/// How a successful answer becomes a value.
pub type Decode<T> = fn(&ApiResponse, &str) -> Result<T, ApiError>;

/// The usual decoder: the body is JSON.
pub fn decode_json<T: DeserializeOwned>(
    response: &ApiResponse,
    subject: &str,
) -> Result<T, ApiError> {
    response.json(subject)
}

/// For writes whose answer body does not matter.
pub fn decode_nothing(_: &ApiResponse, _: &str) -> Result<(), ApiError> {
    Ok(())
}

/// Send `request` on connection `connection_id`; any answer but a success is an error in the
/// operator's words, and a 401 also asks the operator to sign in again.
pub async fn call_raw(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
    cancel: Option<web_sys::AbortController>,
) -> Result<ApiResponse, ApiError> {
    let Some(connection) = session.connection(connection_id) else {
        return Err(ApiError::NotFound {
            subject: format!("connection \"{connection_id}\""),
        });
    };
    let subject = request.subject.clone();
    let response = match cancel {
        Some(controller) => {
            crate::transport::send_cancellable(&connection, request, controller).await?
        }
        None => crate::transport::send(&connection, request).await?,
    };
    if response.status == 401 {
        session.sign_in.try_set(Some(SignInRequest {
            connection_id: connection_id.to_owned(),
            refused: true,
        }));
    }
    if !response.is_success() {
        return Err(connection
            .vendor
            .error(response.status, &response.body, &subject));
    }
    Ok(response)
}

/// Send and decode with `decode`.
pub async fn call<T>(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
    decode: Decode<T>,
    cancel: Option<web_sys::AbortController>,
) -> Result<T, ApiError> {
    let subject = request.subject.clone();
    let response = call_raw(session, connection_id, request, cancel).await?;
    decode(&response, &subject)
}

/// Send `request` and decode the JSON answer (one-off reads outside a view's loads).
pub async fn call_json<T: DeserializeOwned>(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
) -> Result<T, ApiError> {
    call(session, connection_id, request, decode_json::<T>, None).await
}
