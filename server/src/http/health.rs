//! Probes for the orchestrator: `/healthz` says the process is alive, `/readyz` that it can
//! serve (the database answers). Neither touches personal data.

use std::time::Duration;

use app::state::AppState;
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;

/// How long readiness waits for the database before answering 503.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "alive" }))
}

pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    if crate::db::is_reachable(&state.db, READY_TIMEOUT).await {
        (StatusCode::OK, Json(json!({ "status": "ready" })))
    } else {
        tracing::warn!("readiness check failed: database unreachable");
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "database unreachable" })))
    }
}
