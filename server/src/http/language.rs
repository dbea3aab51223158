//! `POST /lingua`: remembers the chosen language in a cookie and goes back to the page.

use app::i18n::{LANG_COOKIE, Lang};
use app::state::AppState;
use axum::{
    Form,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageChoice {
    lang: String,
    next: Option<String>,
}

/// One year: a language preference outlives any session.
const COOKIE_MAX_AGE_SECS: u32 = 365 * 24 * 3600;

pub async fn switch_language(
    State(state): State<AppState>,
    Form(choice): Form<LanguageChoice>,
) -> Response {
    let Some(lang) = Lang::from_code(&choice.lang) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "lingua non disponibile / unsupported language")
            .into_response();
    };
    let next = choice.next.as_deref().filter(|p| is_local_path(p)).unwrap_or("/");
    let secure = if state.site.https { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECS}; SameSite=Lax; HttpOnly{secure}",
        lang.code()
    );
    let mut response = Redirect::to(next).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Only paths on this site: no scheme, no host, no protocol-relative `//host`, so the form
/// cannot be used as an open redirect.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/privacy?x=1"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x"));
        assert!(!is_local_path(""));
    }
}
