//! Content Security Policy. Pages get a per-request nonce for Leptos's inline hydration script;
//! every other response gets a policy that allows no script at all.

use leptos::prelude::*;

/// The policy for responses that are not HTML pages (JSON, files, redirects).
pub const CSP_NO_SCRIPT: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The policy for an HTML page whose inline scripts carry `nonce`.
///
/// `wasm-unsafe-eval` lets the islands' WebAssembly compile; nothing else may run inline.
/// `form_targets` are the other origins a form may end up at: browsers apply `form-action` to
/// the redirects after a submission too, and signing out redirects to the identity provider.
pub fn page_csp(nonce: &str, form_targets: &[String]) -> String {
    let mut form_action = String::from("'self'");
    for origin in form_targets {
        form_action.push(' ');
        form_action.push_str(origin);
    }
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action {form_action}; frame-ancestors 'none'"
    )
}

/// Puts the page policy, with this render's nonce, on the response being rendered.
pub fn send_page_csp() {
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let form_targets = use_context::<crate::state::AppState>()
        .map(|state| state.auth.provider_origins)
        .unwrap_or_default();
    if let Ok(value) = http::HeaderValue::from_str(&page_csp(&nonce, &form_targets)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
