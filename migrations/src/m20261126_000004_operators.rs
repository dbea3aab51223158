//! The operator registry (case managers, job-centre operators, administrators) and the role each
//! session was signed in with.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Operator {
    Table,
    /// Operators are recognised at sign-in by codice fiscale, like everyone else.
    CodiceFiscale,
    Role,
    /// `social_services` (a municipality's), `cpi` (a job centre) or `platform`.
    OrganisationKind,
    /// The municipality's cadastral code, the CPI's code, or empty for the platform.
    OrganisationCode,
    OrganisationName,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Role,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Operator::Table)
                    .if_not_exists()
                    .col(string_len(Operator::CodiceFiscale, 16).primary_key())
                    .col(string_len(Operator::Role, 40))
                    .col(string_len(Operator::OrganisationKind, 30))
                    .col(string_len(Operator::OrganisationCode, 20))
                    .col(string_len(Operator::OrganisationName, 200))
                    .col(boolean(Operator::Active))
                    .col(timestamp_with_time_zone(Operator::CreatedAt))
                    .col(timestamp_with_time_zone(Operator::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .add_column(string_len(Session::Role, 40).default("citizen"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Session::Table).drop_column(Session::Role).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(Operator::Table).to_owned()).await
    }
}
