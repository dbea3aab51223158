//! The pages' routes as the server sees them (generated from `app::App`), and the page a
//! form posted to a path belongs to.

use app::App;
use leptos_axum::{AxumRouteListing, generate_route_list};

/// The app's page routes, generated once per process.
///
/// Generating them renders the app with resource loading suppressed by a process-wide flag
/// (leptos_server's `SuppressResourceLoad`): a resource first polled by a request in flight at
/// that moment never resolves. Generating once, before any router serves, closes that window
/// for processes that build several routers (the tests; one server builds one anyway).
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The page a form posted to `path` belongs to: the nearest path up from it that a page
/// answers (`/pad/codice` → `/pad`, `/operatore/nuclei/7/accesso` → `/operatore/nuclei/7`).
pub fn page_for(path: &str) -> String {
    let matches = |pattern: &str, path: &str| {
        let (pattern, path): (Vec<&str>, Vec<&str>) =
            (pattern.split('/').collect(), path.split('/').collect());
        pattern.len() == path.len()
            && pattern
                .iter()
                .zip(&path)
                .all(|(want, got)| want == got || want.starts_with('{') || want.starts_with(':'))
    };
    let routes = route_list();
    let mut candidate = path;
    loop {
        if routes.iter().any(|listing| matches(listing.path(), candidate)) {
            return candidate.to_string();
        }
        match candidate.rsplit_once('/') {
            Some((parent, _)) if !parent.is_empty() => candidate = parent,
            _ => return "/".to_string(),
        }
    }
}
