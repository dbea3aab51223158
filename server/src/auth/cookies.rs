//! The cookies sign-in uses. Over https they carry the `__Host-` prefix (the browser then
//! insists on `Secure`, `Path=/` and no `Domain`) besides `Secure`; all are `HttpOnly` and
//! `SameSite=Lax`, which the provider's cross-site redirect back to us still carries.

use axum::http::{HeaderMap, HeaderValue, header};

pub fn session_name(secure: bool) -> &'static str {
    if secure { "__Host-siisl_session" } else { "siisl_session" }
}

pub fn sign_in_name(secure: bool) -> &'static str {
    if secure { "__Host-siisl_signin" } else { "siisl_signin" }
}

/// The value of cookie `name` in the request, if present.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| contract::auth::cookie_value(header, name))
        .map(str::to_string)
}

/// A `Set-Cookie` value; `max_age` of `None` makes a browser-session cookie, `Some(0)` deletes.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn clear(name: &str, secure: bool) -> HeaderValue {
    set(name, "", Some(0), secure)
}
