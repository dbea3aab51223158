//! The operator registry stores names, not only codici fiscali: administrators and citizens
//! reading who follows a household need a person, not a code. Existing rows get empty names,
//! which the administrators' page asks them to fill in.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Operator {
    Table,
    GivenName,
    FamilyName,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per ALTER TABLE (SQLite's limit).
        for column in [Operator::GivenName, Operator::FamilyName] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Operator::Table)
                        .add_column(string_len(column, 200).default(""))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Operator::FamilyName, Operator::GivenName] {
            manager
                .alter_table(Table::alter().table(Operator::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
