//! simplejwt, simulated: `POST /api/token/obtain/` and `/api/token/refresh/` with rotating
//! refresh tokens, and `Authorization: Bearer <access>` accepted beside DRF tokens. Lifetimes
//! default to the vendor's (60 minutes, 14 days); tests shorten them with `POST /__jwt`.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{error, Sim};

/// The demo account's password (the username is its email, as in CyBorgBackup).
pub const DEMO_PASSWORD: &str = "demo-password";

pub struct Jwt {
    pub access_lifetime: TimeDelta,
    pub refresh_lifetime: TimeDelta,
    /// Access token to (user id, expiry).
    access: HashMap<String, (u64, DateTime<Utc>)>,
    /// Refresh token to (user id, expiry); a used one is removed (rotation).
    refresh: HashMap<String, (u64, DateTime<Utc>)>,
    serial: u64,
}

impl Default for Jwt {
    fn default() -> Self {
        Self {
            access_lifetime: TimeDelta::minutes(60),
            refresh_lifetime: TimeDelta::days(14),
            access: HashMap::new(),
            refresh: HashMap::new(),
            serial: 0,
        }
    }
}

/// Whether a bearer token is still good, as simplejwt decides.
pub enum Bearer {
    Valid(u64),
    Expired,
    Unknown,
}

impl Jwt {
    fn mint(&mut self, kind: &str, user: u64, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
        self.serial += 1;
        let lifetime = if kind == "access" {
            self.access_lifetime
        } else {
            self.refresh_lifetime
        };
        // Whole seconds, as the `exp` claim says: the console and the server agree on expiry.
        let exp = DateTime::from_timestamp((now + lifetime).timestamp(), 0).unwrap_or(now);
        let part = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let token = format!(
            "{}.{}.{}",
            part(json!({"alg": "HS256", "typ": "JWT"})),
            part(
                json!({"token_type": kind, "exp": exp.timestamp(), "iat": now.timestamp(), "jti": self.serial, "user_id": user})
            ),
            URL_SAFE_NO_PAD.encode(format!("sandbox-signature-{}", self.serial))
        );
        (token, exp)
    }

    fn pair(&mut self, user: u64, now: DateTime<Utc>) -> Value {
        let (access, access_exp) = self.mint("access", user, now);
        let (refresh, refresh_exp) = self.mint("refresh", user, now);
        self.access.insert(access.clone(), (user, access_exp));
        self.refresh.insert(refresh.clone(), (user, refresh_exp));
        json!({"access": access, "refresh": refresh})
    }

    pub fn check(&self, token: &str, now: DateTime<Utc>) -> Bearer {
        match self.access.get(token) {
            Some((user, exp)) if *exp > now => Bearer::Valid(*user),
            Some(_) => Bearer::Expired,
            None => Bearer::Unknown,
        }
    }
}

fn not_valid() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({"detail": "Token is invalid or expired", "code": "token_not_valid"})),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct Credentials {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn obtain(State(sim): State<Sim>, body: Option<Json<Credentials>>) -> Response {
    let Some(Json(given)) = body else {
        return error(
            StatusCode::BAD_REQUEST,
            "Send a JSON body with username and password.",
        );
    };
    let mut store = sim.lock();
    let user = store
        .user_by_email(&given.username)
        .filter(|_| given.password == DEMO_PASSWORD);
    match user {
        Some(id) => {
            let pair = store.jwt.pair(id, Utc::now());
            Json(pair).into_response()
        }
        None => error(
            StatusCode::UNAUTHORIZED,
            "No active account found with the given credentials",
        ),
    }
}

#[derive(Deserialize)]
pub struct RefreshBody {
    #[serde(default)]
    refresh: String,
}

pub async fn refresh(State(sim): State<Sim>, body: Option<Json<RefreshBody>>) -> Response {
    let Some(Json(given)) = body else {
        return error(StatusCode::BAD_REQUEST, "Send a JSON body with refresh.");
    };
    let now = Utc::now();
    let mut store = sim.lock();
    // Rotation: a refresh token works once; using it again is refused.
    match store.jwt.refresh.remove(&given.refresh) {
        Some((user, exp)) if exp > now => Json(store.jwt.pair(user, now)).into_response(),
        _ => not_valid(),
    }
}

#[derive(Deserialize)]
pub struct Lifetimes {
    access_seconds: Option<i64>,
    refresh_seconds: Option<i64>,
}

/// Test hook: shorter lifetimes for tokens issued from now on.
pub async fn set_lifetimes(State(sim): State<Sim>, Json(given): Json<Lifetimes>) -> Response {
    let mut store = sim.lock();
    if let Some(s) = given.access_seconds {
        store.jwt.access_lifetime = TimeDelta::seconds(s.max(1));
    }
    if let Some(s) = given.refresh_seconds {
        store.jwt.refresh_lifetime = TimeDelta::seconds(s.max(1));
    }
    Json(json!({
        "access_seconds": store.jwt.access_lifetime.num_seconds(),
        "refresh_seconds": store.jwt.refresh_lifetime.num_seconds(),
    }))
    .into_response()
}
