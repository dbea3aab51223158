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
    crate::auth::require(crate::policy::ADMINISTRATORS)?;
    let state = use_context::<AppState>().ok_or_else(|| ServerFnError::new("no state"))?;
    let rome = |at| crate::db::situation::rome_time(at, "%d/%m/%Y %H:%M");
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

/// One outbound message to a platform, as administrators follow its delivery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryLine {
    pub id: i64,
    /// `gepi`, `siu` or `apl`.
    pub destination: String,
    pub agency_code: Option<String>,
    pub kind: String,
    pub protocol: String,
    /// `pending`, `failing`, `delivered` or `dead`.
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: String,
    pub next_attempt_at: String,
    pub delivered_at: Option<String>,
}

/// The delivery page's content: counts per state and the newest messages (of one state).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deliveries {
    pub counts: Vec<(String, i64)>,
    pub messages: Vec<DeliveryLine>,
}

/// The platform outbox (administrators).
#[server(prefix = "/api", endpoint = "list_deliveries")]
pub async fn list_deliveries(state: Option<String>) -> Result<Deliveries, ServerFnError> {
    use crate::state::AppState;
    crate::auth::require(crate::policy::ADMINISTRATORS)?;
    let app = use_context::<AppState>().ok_or_else(|| ServerFnError::new("no state"))?;
    let rome = |at| crate::db::situation::rome_time(at, "%d/%m/%Y %H:%M:%S");
    let failure = |error: sea_orm::DbErr| {
        tracing::error!(%error, "listing deliveries failed");
        ServerFnError::new("unavailable")
    };
    let state = state.filter(|s| crate::db::outbound::STATES.contains(&s.as_str()));
    let counts = crate::db::outbound::counts(&app.db).await.map_err(failure)?;
    let rows =
        crate::db::outbound::recent(&app.db, state.as_deref(), 200).await.map_err(failure)?;
    let mut messages = Vec::new();
    for m in rows {
        let protocol = serde_json::from_str::<serde_json::Value>(&m.payload)
            .ok()
            .and_then(|p| p["inps_protocol"].as_str().map(str::to_string))
            .unwrap_or_default();
        messages.push(DeliveryLine {
            id: m.id,
            destination: m.destination,
            agency_code: m.agency_code,
            kind: m.kind,
            protocol,
            state: m.state,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: rome(m.created_at),
            next_attempt_at: rome(m.next_attempt_at),
            delivered_at: m.delivered_at.map(rome),
        });
    }
    Ok(Deliveries { counts, messages })
}
