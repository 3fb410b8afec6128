//! Signing in with Rackspace identity v2.0: where the token request goes, and which tenant the
//! connection keeps afterwards. The request itself is [`super::requests::identity_token`].

/// The base URL to send [`super::requests::identity_token`] to (its path is `/v2.0/tokens`),
/// from the identity URL a connection names. Rackspace publishes that URL with `/v2.0` at the
/// end (`https://identity.api.rackspacecloud.com/v2.0/`), and operators also give it without,
/// or paste the whole tokens URL: all of them lead to the same request, never `/v2.0/v2.0`.
pub fn base_url(identity_url: &str) -> String {
    let mut url = identity_url.trim().trim_end_matches('/');
    for suffix in ["/tokens", "/v2.0"] {
        let cut = url.len().saturating_sub(suffix.len());
        if url.is_char_boundary(cut) && url[cut..].eq_ignore_ascii_case(suffix) {
            url = url[..cut].trim_end_matches('/');
        }
    }
    url.to_owned()
}

/// The full URL of the token request for a connection's identity URL.
pub fn tokens_url(identity_url: &str) -> String {
    super::requests::identity_token("", "").url(&base_url(identity_url))
}

/// The tenant a connection keeps after an API-key sign-in: the token names the account the
/// credentials belong to, so it replaces whatever was typed before (a wrong tenant id would
/// make every call fail); without one in the token, the current value stays.
pub fn tenant_after_sign_in(current: Option<&str>, from_token: Option<&str>) -> Option<String> {
    present(from_token).or(present(current)).map(str::to_owned)
}

/// A value that says something: not absent, not blank.
fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::rackspace::requests::identity_token;

    #[test]
    fn the_identity_url_works_with_or_without_v2() {
        let tokens = "https://identity.api.rackspacecloud.com/v2.0/tokens";
        for given in [
            "https://identity.api.rackspacecloud.com/v2.0",
            "https://identity.api.rackspacecloud.com/v2.0/",
            " https://identity.api.rackspacecloud.com/V2.0// ",
            "https://identity.api.rackspacecloud.com",
            "https://identity.api.rackspacecloud.com/",
            "https://identity.api.rackspacecloud.com/v2.0/tokens",
        ] {
            assert_eq!(tokens_url(given), tokens, "{given}");
            assert_eq!(
                identity_token("u", "k").url(&base_url(given)),
                tokens,
                "{given}"
            );
        }
        // Below a path (the sandbox, a reverse proxy).
        assert_eq!(
            tokens_url("http://127.0.0.1:8080/rackspace/identity"),
            "http://127.0.0.1:8080/rackspace/identity/v2.0/tokens"
        );
        assert_eq!(
            tokens_url("http://127.0.0.1:8080/rackspace/identity/v2.0/"),
            "http://127.0.0.1:8080/rackspace/identity/v2.0/tokens"
        );
    }

    #[test]
    fn the_tenant_from_the_token_replaces_a_wrong_one() {
        assert_eq!(
            tenant_after_sign_in(Some("999"), Some("123456")).as_deref(),
            Some("123456")
        );
        assert_eq!(
            tenant_after_sign_in(None, Some("123456")).as_deref(),
            Some("123456")
        );
        assert_eq!(
            tenant_after_sign_in(Some("999"), None).as_deref(),
            Some("999")
        );
        assert_eq!(
            tenant_after_sign_in(Some("999"), Some(" ")).as_deref(),
            Some("999")
        );
        assert_eq!(tenant_after_sign_in(Some(""), None), None);
    }
}
