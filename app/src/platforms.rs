//! The platforms' API clients (INPS, GePI, SIU), as administrators see and manage them on
//! `/amministrazione/piattaforme`. The forms post to `server::platforms`.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use leptos::prelude::*;
use leptos::server;
use leptos::server_fn::ServerFnError;

/// One registered client, without any secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiClientLine {
    pub id: i64,
    pub client_id: String,
    pub name: String,
    /// `inps`, `gepi` or `siu`.
    pub platform: String,
    pub active: bool,
    pub created_on: String,
    /// When the last rotation happened, and until when the previous secret still works.
    pub rotated_on: Option<String>,
    pub previous_valid_until: Option<String>,
}

/// A secret just created, shown once on the page that answers the form (never stored in
/// clear, never shown again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretNotice {
    pub client_id: String,
    pub secret: String,
    /// The previous secret keeps working until then (a rotation), if any.
    pub previous_valid_until: Option<String>,
}

/// Every client (administrators).
#[server(prefix = "/api", endpoint = "list_api_clients")]
pub async fn list_api_clients() -> Result<Vec<ApiClientLine>, ServerFnError> {
    use crate::state::AppState;
    let state = use_context::<AppState>().ok_or_else(|| ServerFnError::new("no state"))?;
    let rome = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&chrono_tz::Europe::Rome).format("%d/%m/%Y %H:%M").to_string()
    };
    let clients = crate::db::interop::clients(&state.db).await.map_err(|error| {
        tracing::error!(%error, "listing API clients failed");
        ServerFnError::new("unavailable")
    })?;
    Ok(clients
        .into_iter()
        .map(|c| ApiClientLine {
            id: c.id,
            client_id: c.client_id,
            name: c.name,
            platform: c.platform,
            active: c.active,
            created_on: rome(c.created_at),
            rotated_on: c.rotated_at.map(rome),
            previous_valid_until: c
                .previous_valid_until
                .filter(|until| *until > chrono::Utc::now())
                .map(rome),
        })
        .collect())
}
