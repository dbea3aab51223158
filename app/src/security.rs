//! Content Security Policy. Pages get a per-request nonce for Leptos's inline hydration script;
//! every other response gets a policy that allows no script at all.

use leptos::prelude::*;

/// The policy for responses that are not HTML pages (JSON, files, redirects).
pub const CSP_NO_SCRIPT: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The policy for an HTML page whose inline scripts carry `nonce`.
///
/// `wasm-unsafe-eval` lets the islands' WebAssembly compile; nothing else may run inline.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Puts the page policy, with this render's nonce, on the response being rendered.
pub fn send_page_csp() {
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_csp(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
