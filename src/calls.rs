//! Calling a connection's API from a view: look the connection up, send, decode, and turn a
//! refused credential into a sign-in prompt for that connection.
//!
//! Connections whose sign-in yields a refresh token (CyBorgBackup JWT) are kept signed in: the
//! token is renewed shortly before it expires, and a 401 on an expired one renews it once and
//! replays the request. Requests that need a renewal at the same time share one. Only when the
//! renewal is refused does the operator see the sign-in dialog.
//!
//! Views do not call these directly: they read with [`crate::load::use_load`] and write with
//! [`crate::action::Action`].

use backup_console_core::api::{ApiError, ApiRequest, ApiResponse};
use backup_console_core::connection::Connection;
use backup_console_core::retry::{parse_retry_after, RetryPolicy};
use backup_console_core::single_flight::SingleFlight;
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

thread_local! {
    static RENEWALS: SingleFlight<String, Result<(), ApiError>> = SingleFlight::default();
}

/// Renew a connection's token with its refresh token; one renewal at a time per connection.
async fn renew(session: Session, connection_id: &str) -> Result<(), ApiError> {
    let flights = RENEWALS.with(Clone::clone);
    let id = connection_id.to_owned();
    flights
        .run(id.clone(), move || async move {
            let connection = session.connection(&id).ok_or(ApiError::Unauthorized {
                detail: String::new(),
            })?;
            let request = connection
                .vendor
                .renewal(&connection)
                .ok_or(ApiError::Unauthorized {
                    detail: String::new(),
                })?;
            // The refresh call carries no credentials: the refresh token is in its body.
            let anonymous = Connection {
                token: None,
                refresh_token: None,
                api_key: None,
                ..connection.clone()
            };
            let subject = request.subject.clone();
            let response = crate::transport::send(&anonymous, request).await?;
            if !response.is_success() {
                return Err(connection
                    .vendor
                    .error(response.status, &response.body, &subject));
            }
            let (access, next) = connection.vendor.read_renewal(&response)?;
            session.refreshed(&id, access, next.or(connection.refresh_token));
            Ok(())
        })
        .await
}

fn renewable(connection: &Connection) -> bool {
    connection.refresh_token.is_some() && connection.vendor.renewal(connection).is_some()
}

/// How a call is made beyond its request.
#[derive(Clone, Default)]
pub struct CallOptions {
    /// Aborts the call (its view went away, or a newer request replaced it).
    pub cancel: Option<web_sys::AbortController>,
    /// Told `(retry, of)` before each retry of a read, so the view can say so.
    pub on_retry: Option<Callback<(u32, u32)>>,
}

impl CallOptions {
    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.signal().aborted())
    }
}

async fn send_once(
    connection: &Connection,
    request: ApiRequest,
    cancel: Option<web_sys::AbortController>,
) -> Result<ApiResponse, ApiError> {
    match cancel {
        Some(controller) => {
            crate::transport::send_cancellable(connection, request, controller).await
        }
        None => crate::transport::send(connection, request).await,
    }
}

/// Send, and for reads try again after a network failure, 429 or 502-504, waiting longer each
/// time (or as `Retry-After` says), at most the connection's `retries` times. Writes go once.
async fn send(
    connection: &Connection,
    request: &ApiRequest,
    options: &CallOptions,
) -> Result<ApiResponse, ApiError> {
    let policy =
        RetryPolicy::with_retries(connection.extra.get("retries").and_then(|r| r.as_u64()));
    let mut retry = 0;
    loop {
        let result = send_once(connection, request.clone(), options.cancel.clone()).await;
        let jitter = js_sys::Math::random();
        let wait = match &result {
            _ if !request.is_read() || retry >= policy.max_retries || options.cancelled() => None,
            Err(ApiError::Unreachable { .. } | ApiError::Timeout { .. }) => {
                Some(policy.delay(retry + 1, None, jitter))
            }
            Ok(r) if RetryPolicy::retries_status(r.status) => {
                let asked = r
                    .header("retry-after")
                    .and_then(|v| parse_retry_after(v, chrono::Utc::now()));
                Some(policy.delay(retry + 1, asked, jitter))
            }
            _ => None,
        };
        let Some(wait) = wait else {
            return result;
        };
        retry += 1;
        if let Some(told) = options.on_retry {
            told.run((retry, policy.max_retries));
        }
        gloo_timers::future::sleep(wait).await;
        if options.cancelled() {
            return result;
        }
    }
}

/// Send `request` on connection `connection_id`; any answer but a success is an error in the
/// operator's words, and a 401 that renewing cannot cure asks the operator to sign in again.
pub async fn call_raw(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
    options: CallOptions,
) -> Result<ApiResponse, ApiError> {
    let Some(mut connection) = session.connection(connection_id) else {
        return Err(ApiError::NotFound {
            subject: format!("connection \"{connection_id}\""),
        });
    };
    let subject = request.subject.clone();
    // A renewal is tried at most once per request: a refused one is not asked for again.
    let mut tried = false;
    let due = connection
        .token
        .as_deref()
        .is_some_and(|t| connection.vendor.renewal_due(t, chrono::Utc::now()));
    if renewable(&connection) && due {
        // A refused renewal is not an answer yet: the request itself will say 401.
        tried = true;
        let _ = renew(session, connection_id).await;
        connection = session.connection(connection_id).unwrap_or(connection);
    }
    let mut response = send(&connection, &request, &options).await?;
    // An expired token the first check missed (clocks differ): renew once and ask again.
    if response.status == 401
        && !tried
        && renewable(&connection)
        && renew(session, connection_id).await.is_ok()
    {
        connection = session.connection(connection_id).unwrap_or(connection);
        response = send(&connection, &request, &options).await?;
    }
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
    options: CallOptions,
) -> Result<T, ApiError> {
    let subject = request.subject.clone();
    let response = call_raw(session, connection_id, request, options).await?;
    decode(&response, &subject)
}

/// Send `request` and decode the JSON answer (one-off reads outside a view's loads).
pub async fn call_json<T: DeserializeOwned>(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
) -> Result<T, ApiError> {
    call(
        session,
        connection_id,
        request,
        decode_json::<T>,
        CallOptions::default(),
    )
    .await
}
