//! The delivery worker: sends what the pact services put in the platform outbox
//! (`store::outbound`) to GePI, SIU and the agencies, with an `Idempotency-Key` per message,
//! retries with exponential backoff and jitter, and gives up after `outbound.max_attempts`
//! (an administrator can retry by hand). Any number of app servers may run it at once: a
//! message is leased to one worker at a time.

use domain::delivery::AfterFailure;
use sea_orm::DatabaseConnection;
use store::outbound::PlatformMessage;
use store::outbound::{self, Destination};

pub use crate::config::OutboundSettings;

/// Messages tried in one round before the worker looks again after its poll interval.
const BATCH: usize = 20;

/// The endpoint a message goes to, if its destination has one configured.
fn url_for<'a>(settings: &'a OutboundSettings, message: &PlatformMessage) -> Option<&'a str> {
    match Destination::from_code(&message.destination)? {
        Destination::Gepi => settings.gepi_url.as_deref(),
        Destination::Siu => settings.siu_url.as_deref(),
        Destination::Apl => settings.apl_url.as_deref(),
    }
}

/// Runs the worker until the process stops (nothing to do when no endpoint is configured).
pub fn spawn(db: DatabaseConnection, settings: OutboundSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move { run(db, settings, false).await })
}

/// The worker loop; with `once`, returns when nothing is due any more.
pub async fn run(db: DatabaseConnection, settings: OutboundSettings, once: bool) {
    if !settings.enabled() {
        return;
    }
    let owner = format!("worker-{}", uuid::Uuid::new_v4());
    let client =
        reqwest::Client::builder().timeout(settings.send_timeout()).build().unwrap_or_default();
    loop {
        match deliver_due(&db, &settings, &client, &owner).await {
            Ok(0) if once => return,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "platform delivery round failed"),
        }
        tokio::time::sleep(settings.poll_interval).await;
    }
}

/// Tries each due message once, claiming one at a time just before sending it; returns how
/// many were tried.
///
/// A lease covers exactly one send, and a send is cut off (`send_timeout`) before its lease
/// lapses: so no other worker can claim a message while this one may still be sending it,
/// however slowly the far end answers. (Claiming a batch under one lease let a slow far end
/// outlast the lease of the messages still waiting in the batch, and two workers sent them.)
pub async fn deliver_due(
    db: &DatabaseConnection,
    settings: &OutboundSettings,
    client: &reqwest::Client,
    owner: &str,
) -> Result<usize, sea_orm::DbErr> {
    let lease = chrono::Duration::from_std(settings.lease).unwrap_or(chrono::Duration::minutes(1));
    let mut count = 0;
    // Bounded, so a steady stream of new messages still lets the loop sleep now and then.
    while count < BATCH {
        let Some(message) = outbound::claim(db, owner, chrono::Utc::now(), lease, 1).await?.pop()
        else {
            break;
        };
        count += 1;
        let result = send(settings, client, &message).await;
        match result {
            Ok(()) => {
                if settings.failpoint.as_deref() == Some("delivery-after-send") {
                    tracing::error!(
                        message = message.id,
                        "failpoint delivery-after-send: aborting"
                    );
                    std::process::abort();
                }
                if !outbound::mark_delivered(db, message.id, owner, chrono::Utc::now()).await? {
                    tracing::warn!(message = message.id, "delivered after the lease lapsed");
                }
            }
            Err(error) => {
                let attempts = u32::try_from(message.attempts).unwrap_or(u32::MAX);
                let retry_at = match settings.backoff.after_failure(attempts, rand::random::<f64>())
                {
                    AfterFailure::RetryIn(wait) => Some(
                        chrono::Utc::now()
                            + chrono::Duration::from_std(wait)
                                .unwrap_or(chrono::Duration::hours(1)),
                    ),
                    AfterFailure::GiveUp => None,
                };
                tracing::warn!(
                    message = message.id,
                    destination = %message.destination,
                    attempts,
                    dead = retry_at.is_none(),
                    %error,
                    "platform delivery failed"
                );
                outbound::mark_failed(db, message.id, owner, &error, retry_at).await?;
            }
        }
    }
    Ok(count)
}

/// One attempt. 2xx is delivered; 409 too (the far end already has this key). Anything else,
/// or no answer, is a failure to retry.
async fn send(
    settings: &OutboundSettings,
    client: &reqwest::Client,
    message: &PlatformMessage,
) -> Result<(), String> {
    let Some(url) = url_for(settings, message) else {
        return Err(format!("no endpoint configured for {}", message.destination));
    };
    let mut request = client
        .post(url)
        .header("Idempotency-Key", &message.idempotency_key)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(message.payload.clone());
    if let Some(agency) = &message.agency_code {
        request = request.header("X-SIISL-Agency", agency);
    }
    if let Some(token) = &settings.token {
        request = request.bearer_auth(token.expose());
    }
    let response = request.send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = response.status();
    if status.is_success() || status == reqwest::StatusCode::CONFLICT {
        Ok(())
    } else {
        let body: String = response.text().await.unwrap_or_default().chars().take(200).collect();
        Err(format!("HTTP {status}: {body}"))
    }
}
