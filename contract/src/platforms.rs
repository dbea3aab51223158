//! The platforms' API clients (INPS, GePI, SIU), as administrators see and manage them on
//! `/amministrazione/piattaforme`. The forms post to `server::platforms`.

use serde::{Deserialize, Serialize};

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
