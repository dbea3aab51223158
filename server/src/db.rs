//! Connecting to the database named by the configuration, and bringing its schema up to date.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    TransactionTrait,
};

use crate::config::DatabaseSettings;

/// Opens the connection pool. SQLite gets write-ahead logging so readers never wait for the
/// writer, and a busy timeout so concurrent writers queue instead of failing.
pub async fn connect(settings: &DatabaseSettings) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(settings.url.expose());
    options
        .max_connections(settings.max_connections)
        .connect_timeout(settings.connect_timeout)
        .acquire_timeout(settings.connect_timeout)
        // A connection is checked with a ping before it is lent only when it has been idle
        // for a while (a firewall may have dropped it). Pinging on every acquire, the
        // driver's default, cost a round trip per request and per transaction under load.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false);
    if settings.is_sqlite() {
        options.map_sqlx_sqlite_opts(|opts| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
        });
    }
    Database::connect(options).await
}

/// Key of the PostgreSQL advisory lock that serialises start-up migrations.
const MIGRATION_LOCK: i64 = 0x5115_1000;

/// Applies pending migrations and loads the bundled reference data, all in one transaction.
///
/// Several app servers may start at once against one PostgreSQL database: the first takes the
/// advisory lock and migrates, the others wait for it and then find nothing left to do.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")).await?;
    }
    Migrator::up(&txn, None).await?;
    store::reference::load_municipalities(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether the database answers within `timeout` (used by `/readyz`).
pub async fn is_reachable(db: &DatabaseConnection, timeout: Duration) -> bool {
    matches!(tokio::time::timeout(timeout, db.ping()).await, Ok(Ok(())))
}
