//! Who is signed in, as pages and server functions see it. The session itself is resolved by
//! the server's session middleware, which puts a `CurrentUser` into the request.

use serde::{Deserialize, Serialize};

/// The signed-in person for this request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub account_id: String,
    /// Stored id of the session this request belongs to.
    pub session_id: String,
    pub given_name: String,
    pub family_name: String,
    pub codice_fiscale: String,
    pub role: crate::policy::Role,
    /// Set while an operator looks at a citizen's pages: the fields above are then the
    /// citizen's (so the citizen's own components render their data) and the role is
    /// `Citizen`, while `account_id` and `session_id` stay the operator's.
    pub viewing: Option<Viewing>,
    /// The organisation the person acts for (role `Organisation`), checked on every request.
    pub organisation: Option<crate::organisations::ActingFor>,
}

/// An operator's read-only view of a citizen (impersonation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewing {
    /// The operator's own role, which the audit trail records for what they do in the view.
    pub operator_role: crate::policy::Role,
    /// The data access, with its reason, that opened the view.
    pub access_id: i64,
}

impl CurrentUser {
    /// Whether this request is an operator's read-only view of a citizen.
    pub fn is_viewing(&self) -> bool {
        self.viewing.is_some()
    }

    /// The role whoever is acting has: the operator's during a read-only view.
    pub fn acting_role(&self) -> crate::policy::Role {
        self.viewing.as_ref().map_or(self.role, |v| v.operator_role)
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

/// How a sign-in button looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProviderKind {
    Spid,
    Cie,
    Demo,
    Other,
}

/// A configured identity provider, as the sign-in page offers it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProviderButton {
    pub id: String,
    pub label: String,
    pub kind: ProviderKind,
}

/// One of the signed-in person's sessions, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
    pub device: String,
    pub started_at: String,
    pub last_seen_at: String,
    pub current: bool,
}

/// Why a sign-in was refused: a stable code the page translates and support can look up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInError {
    UnknownProvider,
    ProviderUnavailable,
    AttemptMissing,
    WrongState,
    ProviderRefused,
    CodeRejected,
    TokenSignature,
    TokenIssuer,
    TokenAudience,
    TokenExpired,
    TokenNonce,
    TokenInvalid,
    AcrTooLow,
    FiscalNumberMissing,
    FiscalNumberInvalid,
}

impl SignInError {
    pub const ALL: [SignInError; 15] = [
        SignInError::UnknownProvider,
        SignInError::ProviderUnavailable,
        SignInError::AttemptMissing,
        SignInError::WrongState,
        SignInError::ProviderRefused,
        SignInError::CodeRejected,
        SignInError::TokenSignature,
        SignInError::TokenIssuer,
        SignInError::TokenAudience,
        SignInError::TokenExpired,
        SignInError::TokenNonce,
        SignInError::TokenInvalid,
        SignInError::AcrTooLow,
        SignInError::FiscalNumberMissing,
        SignInError::FiscalNumberInvalid,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SignInError::UnknownProvider => "unknown_provider",
            SignInError::ProviderUnavailable => "provider_unavailable",
            SignInError::AttemptMissing => "attempt_missing",
            SignInError::WrongState => "wrong_state",
            SignInError::ProviderRefused => "provider_refused",
            SignInError::CodeRejected => "code_rejected",
            SignInError::TokenSignature => "token_signature",
            SignInError::TokenIssuer => "token_issuer",
            SignInError::TokenAudience => "token_audience",
            SignInError::TokenExpired => "token_expired",
            SignInError::TokenNonce => "token_nonce",
            SignInError::TokenInvalid => "token_invalid",
            SignInError::AcrTooLow => "acr_too_low",
            SignInError::FiscalNumberMissing => "fiscal_number_missing",
            SignInError::FiscalNumberInvalid => "fiscal_number_invalid",
        }
    }

    pub fn from_code(code: &str) -> Option<SignInError> {
        SignInError::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
}

/// A short, human name for the device behind a User-Agent header ("Chrome · Android").
pub fn device_label(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("SamsungBrowser", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(one), None) | (None, Some(one)) => one.to_string(),
        (None, None) => user_agent.chars().take(40).collect::<String>().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let android = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) \
                       Chrome/120.0.0.0 Mobile Safari/537.36";
        assert_eq!(device_label(android), "Chrome · Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(iphone), "Safari · iPhone");
        assert_eq!(device_label("curl/8.0"), "curl/8.0");
    }

    #[test]
    fn sign_in_error_codes_round_trip() {
        for error in SignInError::ALL {
            assert_eq!(SignInError::from_code(error.code()), Some(error));
        }
    }
}
