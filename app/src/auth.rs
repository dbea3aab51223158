//! Who is signed in, as pages and server functions ask it. The types are in `contract::auth`.

pub use contract::auth::*;

/// The signed-in person of the request being rendered or served.
pub fn current_user() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Whether this request is an operator's read-only view of a citizen. Registering is the
/// citizen's own act: the view shows what the person would see once registered, and never
/// sends the operator to the registration form.
pub fn viewing_citizen() -> bool {
    current_user().is_some_and(|user| user.is_viewing())
}

/// The second wall of a server function that is not public: the policy has already applied
/// `rule` to its route, and the function checks it again itself, so a page rendered on a path
/// the policy never judged (or any other routing mistake) cannot make it answer. Refused: 401
/// when nobody is signed in, 403 otherwise.
#[cfg(feature = "ssr")]
pub fn require(rule: crate::policy::Rule) -> Result<CurrentUser, leptos::server_fn::ServerFnError> {
    use leptos::server_fn::ServerFnError;
    let user = current_user();
    match user {
        Some(user) if rule.permits(Some(user.role)) => Ok(user),
        _ => {
            let status = if user.is_some() { 403 } else { 401 };
            tracing::warn!(
                ?rule,
                status,
                "a server function refused a request the policy let through"
            );
            crate::request::set_page_status(status);
            Err(ServerFnError::new(if status == 401 { "not signed in" } else { "not allowed" }))
        }
    }
}
