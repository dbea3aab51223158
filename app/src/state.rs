//! What server functions and pages get from the server through context.

use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

/// Facts about this deployment that pages show.
#[derive(Clone, Debug)]
pub struct SiteInfo {
    /// The embedded demo profile: pages carry a visible "demo" badge.
    pub demo: bool,
    /// Served over https: cookies get `Secure`, responses get HSTS.
    pub https: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub site: SiteInfo,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
