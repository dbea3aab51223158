//! Schema migrations, one module per change, run on SQLite and PostgreSQL alike.
//!
//! Rules every migration follows so both backends get the same schema:
//! one change per `ALTER TABLE` (SQLite's limit), portable column types only, and
//! backend-specific extras (full-text indexes) guarded by `manager.get_database_backend()`.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_municipality;
mod m20261126_000002_accounts_sessions;
mod m20261126_000003_audit_event;
mod m20261126_000004_operators;
mod m20261126_000005_domain;
mod m20261126_000006_citizen;
mod m20261126_000007_cv;
mod m20261126_000008_catalog;
mod m20261126_000009_catalog_search_row;
mod m20261127_000010_candidacy;
mod m20261127_000011_audit_chain;
mod m20261127_000012_caseload;
mod m20261127_000013_interop;
mod m20261127_000014_platform_outbox;
mod m20261207_000015_code_hash_length;
mod m20261207_000016_operator_names;
mod m20261207_000017_convocation_request;
mod m20261207_000018_organisations;
mod m20261208_000019_publishing;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_municipality::Migration),
            Box::new(m20261126_000002_accounts_sessions::Migration),
            Box::new(m20261126_000003_audit_event::Migration),
            Box::new(m20261126_000004_operators::Migration),
            Box::new(m20261126_000005_domain::Migration),
            Box::new(m20261126_000006_citizen::Migration),
            Box::new(m20261126_000007_cv::Migration),
            Box::new(m20261126_000008_catalog::Migration),
            Box::new(m20261126_000009_catalog_search_row::Migration),
            Box::new(m20261127_000010_candidacy::Migration),
            Box::new(m20261127_000011_audit_chain::Migration),
            Box::new(m20261127_000012_caseload::Migration),
            Box::new(m20261127_000013_interop::Migration),
            Box::new(m20261127_000014_platform_outbox::Migration),
            Box::new(m20261207_000015_code_hash_length::Migration),
            Box::new(m20261207_000016_operator_names::Migration),
            Box::new(m20261207_000017_convocation_request::Migration),
            Box::new(m20261207_000018_organisations::Migration),
            Box::new(m20261208_000019_publishing::Migration),
        ]
    }
}
