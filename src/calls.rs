//! Calling a connection's API from a view: look the connection up, send, decode, and turn
//! a refused credential into a sign-in prompt for that connection.

use backup_console_core::api::{ApiError, ApiRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::session::{Session, SignInRequest};

/// What a view shows while a call is under way.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// Send `request` on connection `connection_id` and decode the JSON answer.
pub async fn call_json<T: DeserializeOwned>(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
) -> Result<T, ApiError> {
    let subject = request.subject.clone();
    let response = call_raw(session, connection_id, request, None).await?;
    response.json(&subject)
}

/// Send a request whose answer body does not matter (delete, launch).
pub async fn call_ok(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
) -> Result<(), ApiError> {
    let subject = request.subject.clone();
    call_raw(session, connection_id, request, None)
        .await?
        .check(&subject)
}

/// Send a request and hand back the raw answer (for plain-text bodies); 401 still prompts sign-in.
pub async fn call_raw(
    session: Session,
    connection_id: &str,
    request: ApiRequest,
    cancel: Option<web_sys::AbortController>,
) -> Result<backup_console_core::api::ApiResponse, ApiError> {
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
        }));
        return Err(ApiError::from_status(401, &response.body, &subject));
    }
    Ok(response)
}

/// Load `request()` whenever it (or the session's credentials) change; `None` means nothing to load.
/// Answers to superseded requests are dropped.
pub fn use_load<T>(
    request: impl Fn() -> Option<(String, ApiRequest)> + 'static,
) -> RwSignal<Load<T>>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let session = expect_context::<Session>();
    let state = RwSignal::new(Load::Loading);
    let generation = StoredValue::new(0u32);
    // The request in flight, aborted when a newer one replaces it or the view goes away.
    let in_flight = StoredValue::new_local(None::<web_sys::AbortController>);
    let abort = move || {
        in_flight.try_update_value(|current| {
            if let Some(controller) = current.take() {
                controller.abort();
            }
        });
    };
    on_cleanup(abort);
    Effect::new(move |_| {
        session.epoch.track();
        let Some((connection_id, request)) = request() else {
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        state.set(Load::Loading);
        abort();
        let controller = web_sys::AbortController::new().ok();
        in_flight.set_value(controller.clone());
        spawn_local(async move {
            let subject = request.subject.clone();
            let result = call_raw(session, &connection_id, request, controller)
                .await
                .and_then(|response| response.json::<T>(&subject));
            if generation.try_get_value() == Some(mine) {
                state.try_set(match result {
                    Ok(value) => Load::Ready(value),
                    Err(error) => Load::Failed(error),
                });
            }
        });
    });
    state
}
