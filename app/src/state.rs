//! What server functions and pages get from the server through context.

use leptos::config::LeptosOptions;
use store::DatabaseConnection;

use crate::auth::ProviderButton;
use store::session::SessionPolicy;

/// Facts about this deployment that pages show.
#[derive(Clone, Debug)]
pub struct SiteInfo {
    /// The embedded demo profile: pages carry a visible "demo" badge.
    pub demo: bool,
    /// Served over https: cookies get `Secure`, responses get HSTS.
    pub https: bool,
}

/// What pages need to know about sign-in.
#[derive(Clone, Debug)]
pub struct AuthInfo {
    /// The sign-in buttons, in configuration order.
    pub providers: Vec<ProviderButton>,
    pub sessions: SessionPolicy,
    /// The built-in demo identity provider's only client, when it runs.
    pub demo_idp: Option<DemoIdpClient>,
    /// Origins of the external identity providers (sign-out redirects there after a form post).
    pub provider_origins: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct DemoIdpClient {
    pub client_id: String,
    pub redirect_uri: String,
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub site: SiteInfo,
    pub auth: AuthInfo,
    /// Where "now" comes from for the domain: the system clock, or a fixed instant in tests.
    pub clock: store::welfare::Clock,
    /// The rule values in force (`rules.file`, else the rules as enacted).
    pub rules: std::sync::Arc<domain::RuleBook>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The server's state, as a server function reaches it (there is one, always, on the server:
/// `startup` provides it to every render and server function).
pub fn app_state() -> Result<AppState, leptos::server_fn::ServerFnError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| leptos::server_fn::ServerFnError::new("no state"))
}

/// How a server function answers a failure of the data layer: the error goes to the log with
/// what was being done, the browser gets only "unavailable" (the page shows its own message).
pub fn unavailable<E: std::fmt::Display>(
    doing: &'static str,
) -> impl Fn(E) -> leptos::server_fn::ServerFnError {
    move |error| {
        tracing::error!(%error, doing, "a server function failed");
        leptos::server_fn::ServerFnError::new("unavailable")
    }
}
