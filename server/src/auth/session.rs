//! Resolving the session cookie on every request into a `CurrentUser`.

use app::auth::CurrentUser;
use app::db::session;
use app::policy::Role;
use app::state::AppState;
use axum::{
    extract::{Request, State},
    http::header,
    middleware::Next,
    response::Response,
};

use super::cookies;

/// Puts the signed-in person into the request's extensions, where pages, server functions and
/// handlers find it. An expired or unknown session cookie is deleted from the browser.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let secure = state.site.https;
    let name = cookies::session_name(secure);
    // Static files never depend on who asks: spare them the database. The service worker and
    // the offline copies it keeps must not either: they are stored in the browser, so they are
    // rendered for nobody even when a session cookie comes along.
    let path = request.uri().path();
    let is_static = path.starts_with("/pkg/")
        || path.starts_with("/fonts/")
        || path == "/sw.js"
        || path == "/offline"
        || path.starts_with("/offline/");
    let token = if is_static { None } else { cookies::read(request.headers(), name) };
    let mut stale = false;
    if let Some(token) = token {
        match session::authenticate(&state.db, &token, &state.auth.sessions, chrono::Utc::now())
            .await
        {
            Ok(Some((session, account))) => {
                request.extensions_mut().insert(CurrentUser {
                    account_id: account.id,
                    session_id: session.id,
                    given_name: account.given_name,
                    family_name: account.family_name,
                    codice_fiscale: account.codice_fiscale,
                    // A role code this build does not know grants nothing beyond a citizen's.
                    role: Role::from_code(&session.role).unwrap_or(Role::Citizen),
                });
            }
            Ok(None) => stale = true,
            // The database is down: serve the page signed out, but keep the cookie.
            Err(error) => tracing::error!(%error, "session lookup failed"),
        }
    }
    let mut response = next.run(request).await;
    if stale {
        response.headers_mut().append(header::SET_COOKIE, cookies::clear(name, secure));
    }
    response
}
