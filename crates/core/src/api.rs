//! Every API call as plain data, and every outcome in the operator's words.
//!
//! Vendor modules build [`ApiRequest`] values and decode [`ApiResponse`] values; the browser
//! transport only moves bytes. Keeping both ends free of web types lets them be tested natively.

use std::collections::BTreeMap;
use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Body {
    Json(serde_json::Value),
    Form(Vec<(String, String)>),
    Text(String),
}

impl Body {
    pub fn content_type(&self) -> &'static str {
        match self {
            Body::Json(_) => "application/json",
            Body::Form(_) => "application/x-www-form-urlencoded",
            Body::Text(_) => "text/plain",
        }
    }

    /// The bytes to send, as text.
    pub fn encode(&self) -> String {
        match self {
            Body::Json(value) => value.to_string(),
            Body::Form(pairs) => form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish(),
            Body::Text(text) => text.clone(),
        }
    }

    pub fn as_json(&self) -> Option<&serde_json::Value> {
        match self {
            Body::Json(value) => Some(value),
            _ => None,
        }
    }
}

/// One call to a vendor API, relative to a connection's base URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiRequest {
    pub method: Method,
    /// Path below the connection's base URL, starting with `/`.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
    /// What the call is about, for error messages ("user 3", "policies").
    pub subject: String,
    /// A POST that only reads (Xopero's `getmany`): safe to send again after a failure, as GETs are.
    #[serde(default)]
    pub read_only: bool,
}

impl ApiRequest {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let path = path.into();
        Self {
            method,
            subject: path.clone(),
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            read_only: false,
        }
    }

    /// Mark a non-GET call as a read (it changes nothing), so it may be retried.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Whether sending the call twice does no harm: GETs and reads marked so.
    pub fn is_read(&self) -> bool {
        self.read_only || self.method == Method::Get
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }

    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_owned(), value.to_string()));
        self
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.body = Some(Body::Json(body));
        self
    }

    /// The absolute URL for a base such as `https://backup.example.com` or `http://host/prefix/`.
    pub fn url(&self, base_url: &str) -> String {
        let mut url = format!("{}{}", base_url.trim_end_matches('/'), self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(
                &form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&self.query)
                    .finish(),
            );
        }
        url
    }
}

/// What a path segment keeps as it is: RFC 3986's unreserved characters. Everything else is
/// percent-encoded (UTF-8), `/`, `?`, `#`, `%` and spaces included.
const SEGMENT_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One path segment from text the console does not control (operator input, ids the vendor
/// sent), encoded so that it stays one segment: `/` cannot add a level, `?` cannot start a
/// query, `#` cannot cut the request. Request builders put every such value through this.
///
/// The URL standard still resolves a whole segment of `.` or `..` (encoded or not) as a
/// relative step, so such a value cannot name a resource; forms should refuse it.
pub fn path_segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT_KEEPS).to_string()
}

/// Read a JSON body; a failure names the field at fault (`results[2].id`).
pub fn decode_body<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|err| ApiError::Malformed {
        detail: crate::json_path::describe(body, &err),
    })
}

/// What came back, before any decoding.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ApiResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl ApiResponse {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header's value; names compare case-insensitively, as HTTP says (fetch lowercases them).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Decode a successful JSON body, or turn the failure into an [`ApiError`].
    pub fn json<T: DeserializeOwned>(&self, subject: &str) -> Result<T, ApiError> {
        self.check(subject)?;
        decode_body(&self.body)
    }

    /// Accept any successful status, ignoring the body (DELETE, launch).
    pub fn check(&self, subject: &str) -> Result<(), ApiError> {
        if self.is_success() {
            Ok(())
        } else {
            Err(ApiError::from_status(self.status, &self.body, subject))
        }
    }
}

/// The text of a percent-encoded path segment; `None` when it is not UTF-8 once decoded.
pub fn decode_segment(segment: &str) -> Option<String> {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .ok()
        .map(|text| text.into_owned())
}

/// Field name to the messages the server or the form gave for it.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// A failed call, named in the operator's words by [`fmt::Display`].
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// Wrong, missing or expired credentials: the operator must sign in again.
    Unauthorized {
        detail: String,
    },
    Forbidden {
        detail: String,
    },
    NotFound {
        subject: String,
    },
    /// The server rejected the input; `fields` holds per-field messages when it named them.
    Validation {
        message: String,
        fields: FieldErrors,
    },
    Conflict {
        detail: String,
    },
    /// HTTP 402: the account's plan does not allow this (e.g. more backed-up repositories).
    PlanLimit {
        detail: String,
    },
    RateLimited,
    Server {
        status: u16,
        detail: String,
    },
    /// The request never got an HTTP answer (offline, DNS, refused).
    Unreachable {
        detail: String,
    },
    /// The service answered, but the browser withheld the answer: no CORS headers for this
    /// console's origin (the usual case for vendor APIs called from a static site).
    Blocked {
        origin: String,
    },
    Timeout {
        seconds: u32,
    },
    /// A success status with a body the console cannot read.
    Malformed {
        detail: String,
    },
    Unexpected {
        status: u16,
        detail: String,
    },
}

impl ApiError {
    pub fn from_status(status: u16, body: &str, subject: &str) -> Self {
        let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
        let detail = parsed
            .as_ref()
            .and_then(detail_of)
            .unwrap_or_else(|| short(body));
        let fields = match (status, parsed.as_ref()) {
            (400 | 422, Some(value)) => field_errors_of(value),
            _ => FieldErrors::new(),
        };
        Self::from_parts(status, detail, fields, subject)
    }

    /// The error for `status`, from what a reader of the body found: its message and, for a
    /// rejected input, the messages per field. Vendors whose error bodies differ from Django
    /// REST framework's read them their own way and come here.
    pub fn from_parts(status: u16, detail: String, fields: FieldErrors, subject: &str) -> Self {
        match status {
            401 => ApiError::Unauthorized { detail },
            403 => ApiError::Forbidden { detail },
            404 => ApiError::NotFound {
                subject: subject.to_owned(),
            },
            400 | 422 => ApiError::Validation {
                message: detail,
                fields,
            },
            409 => ApiError::Conflict { detail },
            402 => ApiError::PlanLimit { detail },
            429 => ApiError::RateLimited,
            500..=599 => ApiError::Server { status, detail },
            _ => ApiError::Unexpected { status, detail },
        }
    }

    pub fn needs_sign_in(&self) -> bool {
        matches!(self, ApiError::Unauthorized { .. })
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            ApiError::Validation { fields, .. } => Some(fields),
            _ => None,
        }
    }

    /// A short, stable name for the kind of failure (for `data-kind` attributes and tests).
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Unauthorized { .. } => "unauthorized",
            ApiError::Forbidden { .. } => "forbidden",
            ApiError::NotFound { .. } => "not-found",
            ApiError::Validation { .. } => "validation",
            ApiError::Conflict { .. } => "conflict",
            ApiError::PlanLimit { .. } => "plan-limit",
            ApiError::RateLimited => "rate-limited",
            ApiError::Server { .. } => "server",
            ApiError::Unreachable { .. } => "unreachable",
            ApiError::Blocked { .. } => "cors",
            ApiError::Timeout { .. } => "timeout",
            ApiError::Malformed { .. } => "malformed",
            ApiError::Unexpected { .. } => "unexpected",
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Unauthorized { .. } => write!(
                f,
                "The service did not accept your credentials. Sign in again for this connection."
            ),
            ApiError::Forbidden { detail } => {
                write!(f, "You are not allowed to do this.{}", suffix(detail))
            }
            ApiError::NotFound { subject } => {
                write!(
                    f,
                    "Not found: {subject} does not exist (it may have been deleted)."
                )
            }
            ApiError::Validation { message, fields } => {
                if fields.is_empty() {
                    write!(f, "The service rejected the input.{}", suffix(message))
                } else {
                    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                    write!(
                        f,
                        "The service rejected the input: check {}.{}",
                        names.join(", "),
                        suffix(message)
                    )
                }
            }
            ApiError::Conflict { detail } => {
                write!(
                    f,
                    "This conflicts with the current state.{}",
                    suffix(detail)
                )
            }
            ApiError::PlanLimit { detail } => write!(
                f,
                "Your plan's limit is reached: upgrade the plan or free up capacity first.{}",
                suffix(detail)
            ),
            ApiError::RateLimited => write!(f, "Too many requests: wait a moment and try again."),
            ApiError::Server { status, detail } => write!(
                f,
                "The service failed (HTTP {status}). Try again later.{}",
                suffix(detail)
            ),
            ApiError::Unreachable { .. } => write!(
                f,
                "The service is unreachable: the browser could not reach the API. Check the connection's base URL and your network."
            ),
            ApiError::Blocked { origin } => write!(
                f,
                "The browser blocked the answer from {origin}: the service sends no CORS headers for this console. Serve the console and the API from one origin through a reverse proxy (see the deployment notes)."
            ),
            ApiError::Timeout { seconds } => {
                write!(f, "The service did not answer within {seconds} seconds.")
            }
            ApiError::Malformed { .. } => {
                write!(f, "The service sent a response the console cannot read.")
            }
            ApiError::Unexpected { status, detail } => {
                write!(f, "Unexpected answer (HTTP {status}).{}", suffix(detail))
            }
        }
    }
}

impl std::error::Error for ApiError {}

/// `detail` after a sentence: a space and the detail, or nothing.
pub(crate) fn suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(" {detail}")
    }
}

/// The start of a non-JSON body, for a banner; nothing for an HTML error page.
pub(crate) fn short(body: &str) -> String {
    let trimmed = body.trim();
    if trimmed.starts_with('<') {
        // An HTML error page says nothing useful in a banner.
        return String::new();
    }
    trimmed.chars().take(200).collect()
}

fn detail_of(value: &serde_json::Value) -> Option<String> {
    let object = value.as_object()?;
    ["detail", "message", "error"]
        .iter()
        .find_map(|key| object.get(*key))
        .map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
}

/// Django REST framework style: `{"field": ["message", ...], "non_field_errors": [...]}`.
fn field_errors_of(value: &serde_json::Value) -> FieldErrors {
    let Some(object) = value.as_object() else {
        return FieldErrors::new();
    };
    object
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "detail" | "message" | "error"))
        .filter_map(|(key, v)| {
            let messages: Vec<String> = match v {
                serde_json::Value::String(s) => vec![s.clone()],
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .map_or_else(|| item.to_string(), str::to_owned)
                    })
                    .collect(),
                _ => return None,
            };
            Some((key.clone(), messages))
        })
        .collect()
}

/// A page of a paginated collection, as Django REST framework sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    #[serde(default)]
    pub count: u64,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
}

/// What a table asks of a collection.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PageQuery {
    /// 1-based page number.
    pub page: u32,
    pub page_size: u32,
    /// Field name, prefixed with `-` for descending.
    pub order_by: Option<String>,
    pub search: Option<String>,
}

impl PageQuery {
    pub const DEFAULT_PAGE_SIZE: u32 = 25;

    pub fn first() -> Self {
        Self {
            page: 1,
            page_size: Self::DEFAULT_PAGE_SIZE,
            ..Self::default()
        }
    }

    pub fn total_pages(&self, count: u64) -> u32 {
        let size = u64::from(self.page_size.max(1));
        (count.div_ceil(size)).max(1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_joins_base_path_and_encoded_query() {
        let req = ApiRequest::get("/api/v1/users/")
            .query("search", "a b&c")
            .query("page", 2);
        assert_eq!(
            req.url("http://h:1/prefix/"),
            "http://h:1/prefix/api/v1/users/?search=a+b%26c&page=2"
        );
        assert_eq!(
            req.url("http://h"),
            "http://h/api/v1/users/?search=a+b%26c&page=2"
        );
    }

    #[test]
    fn path_segments_stay_one_segment() {
        assert_eq!(path_segment("hs-1.A_b~"), "hs-1.A_b~");
        assert_eq!(path_segment("web 01/a?b#c%d"), "web%2001%2Fa%3Fb%23c%25d");
        assert_eq!(path_segment("ünï"), "%C3%BCn%C3%AF");
        assert_eq!(path_segment("a+b&c=d;e"), "a%2Bb%26c%3Dd%3Be");
    }

    #[test]
    fn statuses_map_to_operator_errors() {
        let e = ApiError::from_status(401, r#"{"detail":"Invalid token."}"#, "users");
        assert!(e.needs_sign_in());
        assert!(e.to_string().contains("Sign in again"));

        let e = ApiError::from_status(404, r#"{"detail":"Not found."}"#, "user 9");
        assert_eq!(
            e.to_string(),
            "Not found: user 9 does not exist (it may have been deleted)."
        );

        let e = ApiError::from_status(400, r#"{"email":["Enter a valid email address."]}"#, "x");
        assert_eq!(
            e.field_errors().unwrap()["email"],
            vec!["Enter a valid email address.".to_owned()]
        );
        assert!(e.to_string().contains("check email"));

        let e = ApiError::from_status(502, "<html>bad gateway</html>", "x");
        assert_eq!(
            e.to_string(),
            "The service failed (HTTP 502). Try again later."
        );
        assert_eq!(ApiError::from_status(429, "", "x"), ApiError::RateLimited);
        let e = ApiError::from_status(402, r#"{"message":"Plan limit exceeded"}"#, "x");
        assert_eq!(e.kind(), "plan-limit");
        assert!(
            e.to_string().contains("plan's limit")
                && e.to_string().ends_with("Plan limit exceeded")
        );
        assert_eq!(ApiError::from_status(418, "", "x").kind(), "unexpected");
    }

    #[test]
    fn malformed_success_body_is_an_error_not_a_panic() {
        let resp = ApiResponse::new(200, "{\"count\": 1, \"results\": [");
        let err = resp.json::<Page<serde_json::Value>>("users").unwrap_err();
        assert_eq!(err.kind(), "malformed");
    }

    #[test]
    fn page_count_is_never_zero() {
        let q = PageQuery::first();
        assert_eq!(q.total_pages(0), 1);
        assert_eq!(q.total_pages(25), 1);
        assert_eq!(q.total_pages(26), 2);
    }

    #[test]
    fn path_segments_stay_one_segment_and_decode_back() {
        let name = "my project/demo repo?#%é";
        let encoded = path_segment(name);
        assert_eq!(encoded, "my%20project%2Fdemo%20repo%3F%23%25%C3%A9");
        assert_eq!(decode_segment(&encoded).as_deref(), Some(name));
        assert_eq!(path_segment("a-b.c_d~9"), "a-b.c_d~9");
        assert_eq!(decode_segment("%FF"), None);
    }

    #[test]
    fn headers_are_found_whatever_their_case() {
        let mut response = ApiResponse::new(201, "");
        response
            .headers
            .push(("x-subject-token".into(), "t".into()));
        assert_eq!(response.header("X-Subject-Token"), Some("t"));
        assert_eq!(response.header("X-Other"), None);
    }

    #[test]
    fn form_body_is_urlencoded() {
        let body = Body::Form(vec![("level".into(), "a b".into())]);
        assert_eq!(body.encode(), "level=a+b");
        assert_eq!(body.content_type(), "application/x-www-form-urlencoded");
    }
}
