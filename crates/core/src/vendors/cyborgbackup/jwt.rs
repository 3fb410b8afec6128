//! Signing in to CyBorgBackup with a username and password: JSON Web Tokens from
//! `POST /api/token/obtain/`, kept fresh with `POST /api/token/refresh/` (refresh tokens rotate:
//! each refresh answers a new one and the old one stops working).
//!
//! The console never verifies a token's signature (only the server can); it reads the `exp`
//! claim to refresh shortly before the access token expires, so the operator is not interrupted.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::api::{ApiRequest, Method};

/// `{"access", "refresh"}`, what obtain answers (and refresh, which rotates the refresh token).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenPair {
    pub access: String,
    /// A refresh answer without one (rotation turned off) keeps the one the console has.
    #[serde(default)]
    pub refresh: Option<String>,
}

pub fn obtain(username: &str, password: &str) -> ApiRequest {
    ApiRequest::new(Method::Post, "/api/token/obtain/")
        .json(json!({"username": username, "password": password}))
        .about("the sign-in")
}

pub fn refresh(refresh_token: &str) -> ApiRequest {
    ApiRequest::new(Method::Post, "/api/token/refresh/")
        .json(json!({"refresh": refresh_token}))
        .about("the token refresh")
}

/// Whether a credential is a JSON Web Token (three base64url parts) rather than a DRF key.
pub fn is_jwt(token: &str) -> bool {
    let parts: Vec<&str> = token.trim().split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// A time claim (`exp`, `iat`) of a JWT; `None` for anything that is not a readable JWT.
fn claim_time(token: &str, claim: &str) -> Option<DateTime<Utc>> {
    let payload = token.trim().split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    DateTime::from_timestamp(claims.get(claim)?.as_i64()?, 0)
}

/// When a JWT expires, from its `exp` claim.
pub fn expires_at(token: &str) -> Option<DateTime<Utc>> {
    claim_time(token, "exp")
}

/// When a JWT was issued, from its `iat` claim (simplejwt sets it).
pub fn issued_at(token: &str) -> Option<DateTime<Utc>> {
    claim_time(token, "iat")
}

/// How early before expiry the console refreshes: a tenth of the token's lifetime, kept between
/// 5 seconds and a minute (a 60-minute token is refreshed a minute early; a very short one, as
/// tests use, as soon as it is used again).
pub fn margin(lifetime: TimeDelta) -> TimeDelta {
    (lifetime / 10).clamp(TimeDelta::seconds(5), TimeDelta::seconds(60))
}

/// Whether `access` should be refreshed before it is used at `now`. Its lifetime comes from its
/// own `iat` claim (60 minutes, the vendor's default, without one). Tokens the console cannot
/// read are used as they are: the server says 401 if they are stale.
pub fn refresh_due(access: &str, now: DateTime<Utc>) -> bool {
    let Some(exp) = expires_at(access) else {
        return false;
    };
    let lifetime = issued_at(access).map_or(TimeDelta::minutes(60), |i| exp - i);
    now + margin(lifetime) >= exp
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token as the sandbox and simplejwt shape it: header.payload.signature.
    fn token(claims: serde_json::Value) -> String {
        let part = |v: serde_json::Value| URL_SAFE_NO_PAD.encode(v.to_string());
        format!(
            "{}.{}.c2lnbmF0dXJl",
            part(json!({"alg": "HS256", "typ": "JWT"})),
            part(claims)
        )
    }

    fn token_expiring(exp: i64) -> String {
        token(json!({"token_type": "access", "exp": exp, "user_id": 1}))
    }

    #[test]
    fn jwts_are_told_apart_from_drf_keys() {
        assert!(is_jwt(&token_expiring(1_800_000_000)));
        assert!(!is_jwt("9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"));
        assert!(!is_jwt("a.b"));
        assert!(!is_jwt("a..c"));
        assert!(!is_jwt("a.b c.d"));
    }

    #[test]
    fn expiry_is_read_from_the_claims() {
        let t = token_expiring(1_800_000_000);
        assert_eq!(expires_at(&t).unwrap().timestamp(), 1_800_000_000);
        assert_eq!(expires_at("not.a.token"), None);
        assert_eq!(expires_at("demo-token"), None);
    }

    #[test]
    fn refresh_comes_shortly_before_expiry() {
        let issued = DateTime::from_timestamp(1_000_000_000, 0).unwrap();
        let hour = token(json!({"iat": 1_000_000_000, "exp": 1_000_003_600}));
        // A 60-minute token: refreshed in its last minute.
        assert!(!refresh_due(&hour, issued + TimeDelta::minutes(58)));
        assert!(refresh_due(&hour, issued + TimeDelta::seconds(3540)));
        assert!(refresh_due(&hour, issued + TimeDelta::minutes(61)));
        // A 5-second token (a test setting): refreshed as soon as it is used again.
        let short = token(json!({"iat": 1_000_000_000, "exp": 1_000_000_005}));
        assert!(refresh_due(&short, issued));
        // A 10-minute one: a tenth, 60 s, early.
        let ten = token(json!({"iat": 1_000_000_000, "exp": 1_000_000_600}));
        assert!(!refresh_due(&ten, issued + TimeDelta::seconds(539)));
        assert!(refresh_due(&ten, issued + TimeDelta::seconds(540)));
        // Without `iat`, the vendor's 60 minutes are assumed.
        let bare = token_expiring(1_000_003_600);
        assert!(!refresh_due(&bare, issued + TimeDelta::minutes(58)));
        assert_eq!(issued_at(&bare), None);
        assert!(!refresh_due("demo-token", issued));
    }

    #[test]
    fn margins_stay_between_five_seconds_and_a_minute() {
        assert_eq!(margin(TimeDelta::minutes(60)), TimeDelta::seconds(60));
        assert_eq!(margin(TimeDelta::minutes(5)), TimeDelta::seconds(30));
        assert_eq!(margin(TimeDelta::seconds(5)), TimeDelta::seconds(5));
    }

    #[test]
    fn requests_are_what_simplejwt_expects() {
        let o = obtain("admin", "secret");
        assert_eq!(o.path, "/api/token/obtain/");
        assert_eq!(
            o.body.unwrap().as_json().unwrap(),
            &json!({"username": "admin", "password": "secret"})
        );
        let r = refresh("r1");
        assert_eq!(r.path, "/api/token/refresh/");
        assert_eq!(
            r.body.unwrap().as_json().unwrap(),
            &json!({"refresh": "r1"})
        );
        let pair: TokenPair = serde_json::from_str(r#"{"access": "a"}"#).unwrap();
        assert_eq!(pair.refresh, None);
    }
}
