//! `one_time_code.code_hash` holds `salt|sha256` (about 100 characters), not a bare digest:
//! PostgreSQL refused every code at 64 ("value too long for type character varying(64)"), so
//! no contact could be certified on the production database. SQLite ignores declared lengths,
//! so only PostgreSQL's column changes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OneTimeCode {
    Table,
    CodeHash,
}

async fn set_length(manager: &SchemaManager<'_>, length: u32) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    manager
        .alter_table(
            Table::alter()
                .table(OneTimeCode::Table)
                .modify_column(ColumnDef::new(OneTimeCode::CodeHash).string_len(length).not_null())
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_length(manager, 200).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_length(manager, 64).await
    }
}
