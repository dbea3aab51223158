//! Rendering a page again from a form handler: the refused form goes back with what was
//! typed and why, under a status that says what happened (422, 403, 429…).

use app::state::AppState;
use axum::{
    body::Body,
    extract::Request,
    http::{HeaderMap, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use contract::auth::CurrentUser;
use leptos::prelude::provide_context;

/// Renders the page at `path` for `user`, with `extra` put in the page's context.
pub async fn render_page<T: Clone + Send + Sync + 'static>(
    state: AppState,
    user: CurrentUser,
    headers: &HeaderMap,
    path: &str,
    status: StatusCode,
    extra: T,
) -> Response {
    render_for(state, Some(user), headers, path, status, extra).await
}

/// `render_page` for whoever asks, signed in or not.
pub async fn render_for<T: Clone + Send + Sync + 'static>(
    state: AppState,
    user: Option<CurrentUser>,
    headers: &HeaderMap,
    path: &str,
    status: StatusCode,
    extra: T,
) -> Response {
    // Rendering spawns on Leptos' executor; leptos_axum sets it up with the route list, but an
    // error page may be the first thing rendered (a panic before any page). Setting it twice is
    // a no-op.
    let _ = any_spawner::Executor::init_tokio();
    let options = state.leptos_options.clone();
    // Rendered whole before it is sent (not streamed): a re-rendered form page is complete
    // without scripts, its <title> included (streaming left it to hydration, which axe caught).
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(extra.clone());
        },
        move || app::shell(options.clone()),
    );
    let mut request = Request::builder().method(Method::GET).uri(path);
    for name in [header::COOKIE, header::ACCEPT_LANGUAGE, header::USER_AGENT] {
        for value in headers.get_all(&name) {
            request = request.header(&name, value);
        }
    }
    let Ok(mut request) = request.body(Body::empty()) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(user) = user {
        request.extensions_mut().insert(user);
    }
    let mut response = render(request).await;
    *response.status_mut() = status;
    response
}
