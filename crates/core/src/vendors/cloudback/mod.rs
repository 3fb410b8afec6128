//! Cloudback Operations API (`cloudback-operations-api.txt`): read and update the backup
//! definition of one repository or project, `POST {api_path}/definition/get` and
//! `POST {api_path}/definition/update`, with the API key in `X-API-Key`.
//!
//! The API has no list call, so the console keeps, with each connection, the subjects the
//! operator manages ([`subject::Subject`], stored in the connection's `subjects` field) and
//! fetches their definitions one by one. The path prefix is a connection setting
//! ([`requests::api_path_of`]): the document's `/api/ops` by default, or `/ops` as the vendor's
//! newest docs and Terraform provider write it.
//!
//! What the UI calls:
//! - [`subject::Subject`]: validate, show, route to and from `/definitions/{platform}/...`;
//!   [`paste::parse_lines`] reads many pasted at once; [`subject::subjects_of`] /
//!   [`subject::with_subjects`] read and store them on a connection.
//! - [`requests::get_definition`], [`requests::update_definition`], [`requests::set_enabled`]
//!   build the calls; [`requests::decode_definition`] reads the answer or the failure, and
//!   [`errors::explain`] words a failure the way a Cloudback operator needs it.
//! - [`models::Settings`] is the form ([`forms::SETTINGS_FIELDS`], [`forms::settings_from`]);
//!   [`forms::retention_options`] and [`models::suggestions`] fill its choices;
//!   [`forms::subject_from`] checks a subject to add, [`forms::bulk_steps`] says what
//!   enabling or disabling several at once sends.

pub mod errors;
pub mod forms;
pub mod models;
pub mod paste;
pub mod requests;
pub mod subject;
pub mod views;

use crate::api::ApiRequest;

/// The key goes in `X-API-Key` (Cloudback's documentation and Terraform provider).
pub fn authorize(request: ApiRequest, key: &str) -> ApiRequest {
    request.header("X-API-Key", key.trim())
}

#[cfg(test)]
mod tests {
    use crate::api::ApiRequest;
    use crate::connection::Connection;
    use crate::vendors::Vendor;

    #[test]
    fn the_api_key_goes_in_x_api_key_and_a_token_stands_in_for_it() {
        let mut connection = Connection::new("cb", Vendor::Cloudback, "https://app.cloudback.it");
        assert!(!connection.has_credentials());
        connection.token = Some("from-token".into());
        let sent = Vendor::Cloudback.authorize(&connection, ApiRequest::get("/x"));
        assert_eq!(sent.headers, [("X-API-Key".into(), "from-token".into())]);
        connection.api_key = Some(" key-1 ".into());
        let sent = Vendor::Cloudback.authorize(&connection, ApiRequest::get("/x"));
        assert_eq!(sent.headers, [("X-API-Key".into(), "key-1".into())]);
        assert!(connection.has_credentials());
        connection.api_key = Some("  ".into());
        connection.token = None;
        assert!(!connection.has_credentials());
    }
}
