//! Middleware every response passes through: security headers, cache policy, the panic catcher.

use std::any::Any;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::security::CSP_NO_SCRIPT;
use app::state::AppState;

/// Headers for every response. Pages set their own CSP (with a nonce) while rendering; any
/// response that did not gets the policy that allows no script.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let defaults = [
        (header::CONTENT_SECURITY_POLICY, CSP_NO_SCRIPT),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
    ];
    for (name, value) in defaults {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    if state.site.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        // Pages are rendered per request (language, later the signed-in person): never shared
        // caches, always revalidated.
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("private, no-cache"));
    }
    response
}

/// Cache policy for files under `/pkg`: their names carry a content hash when the build hashes
/// files, so a browser may keep them for a year; otherwise it must revalidate.
pub async fn cache_pkg_files(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if state.leptos_options.hash_files {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Cache policy for the unhashed public assets (fonts, icons): a day, then revalidate.
pub async fn cache_public_files(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_file = response.status().is_success()
        && !response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if is_file {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("public, max-age=86400"));
    }
    response
}

/// Turns a panic in a handler into a 500 page carrying an incident id, and logs the same id
/// with the panic message so support can find it.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let incident = uuid::Uuid::new_v4();
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("non-string panic payload");
    tracing::error!(%incident, panic = message, "request handler panicked");
    // Plain text for any client; a browser gets the page `error_pages` makes of it.
    let text = format!(
        "errore interno: codice dell'incidente {incident} / internal error: incident id {incident}"
    );
    let mut response = (StatusCode::INTERNAL_SERVER_ERROR, text).into_response();
    if let Ok(value) = HeaderValue::from_str(&incident.to_string()) {
        response.headers_mut().insert(INCIDENT_HEADER, value);
    }
    response
}

const INCIDENT_HEADER: &str = "x-incident-id";

/// Full error pages for people: a bare 401, 403, 405, 500 or 503 (plain text, from the policy,
/// a guard, a handler or the panic catcher) answering a browser that asked for a page becomes a
/// page of the site in the reader's language, with who is signed in and the way on. Server
/// functions, the machine API and the draft keeper keep their plain or JSON answers.
pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let wants_page = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
        && !request.uri().path().starts_with("/api/")
        && !request.headers().contains_key(app::components::DRAFT_HEADER);
    if !wants_page {
        return next.run(request).await;
    }
    let path = request.uri().path().to_string();
    let headers = request.headers().clone();
    let response = next.run(request).await;
    let status = response.status();
    let bare = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain"));
    let page_status = matches!(status.as_u16(), 401 | 403 | 405 | 500 | 503);
    if !bare || !page_status {
        return response;
    }
    let user = response.extensions().get::<contract::auth::CurrentUser>().cloned();
    let incident =
        response.headers().get(INCIDENT_HEADER).and_then(|v| v.to_str().ok()).map(str::to_string);
    let error = app::shell::ErrorPage { status: status.as_u16(), incident };
    let mut page =
        crate::http::render::render_for(state, user, &headers, &path, status, error).await;
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE, header::SET_COOKIE] {
        for value in response.headers().get_all(&name) {
            page.headers_mut().append(&name, value.clone());
        }
    }
    if let Some(value) = response.headers().get(INCIDENT_HEADER) {
        page.headers_mut().insert(INCIDENT_HEADER, value.clone());
    }
    page
}
