//! The sealing job: links new audit entries into the hash chain every few seconds
//! (`store::audit::seal`). Every app server may run it; they compute the same links.

use std::time::Duration;

use sea_orm::DatabaseConnection;
use store::audit;

/// How often the chain catches up with the entries written since.
const EVERY: Duration = Duration::from_secs(10);

pub fn spawn(db: DatabaseConnection) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = seal_settled(&db).await {
                tracing::warn!(%error, "sealing the audit trail failed");
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}

/// Seals every entry old enough that no insert before it can still be committing.
pub async fn seal_settled(db: &DatabaseConnection) -> Result<u64, sea_orm::DbErr> {
    let horizon = chrono::Utc::now() - chrono::Duration::seconds(audit::SEAL_DELAY_SECONDS);
    audit::seal(db, horizon).await
}
