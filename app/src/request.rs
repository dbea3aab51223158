//! What a page knows of the request it is rendered for, and how it answers besides its HTML:
//! the language, the HTTP status, a redirect. Below the shell and the pages, so both use it.

use leptos::prelude::*;

use crate::i18n::Lang;

/// The language of this request: the `lang` cookie if it names a known language, else Italian.
pub(crate) fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|value| value.to_str().ok())
                    .find_map(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

/// Sets the HTTP status of the page being rendered (a no-op in the browser).
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(status))
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// Answers the page being rendered with a redirect to `path` (302; a no-op in the browser).
pub fn redirect_page(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(path))
    {
        response.set_status(http::StatusCode::FOUND);
        response.insert_header(http::header::LOCATION, location);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// The language chosen for the page being rendered.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// A server function's rule (see `contract::policy::ServerFnRule`), its path read from the
/// function's type `F` (the struct `#[server]` makes), so renaming the endpoint moves the rule.
pub(crate) const fn server_fn_rule<F: leptos::server_fn::ServerFn>(
    method: &'static str,
    rule: contract::policy::Rule,
    effect: contract::policy::Effect,
) -> contract::policy::ServerFnRule {
    contract::policy::ServerFnRule { path: F::PATH, method, rule, effect }
}
