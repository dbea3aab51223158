//! A citizen's request about a convocation, before its date: to move the appointment, or a
//! justification for not attending. Recorded here, sent to the platform that issued the
//! convocation (through the platform outbox), shown on the household's file; the outcome stays
//! the operator's, recorded as today (the meeting's outcome, a new convocation). One request per
//! convocation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConvocationRequest {
    Table,
    Id,
    ConvocationId,
    MemberId,
    Kind,
    Text,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Convocation {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConvocationRequest::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ConvocationRequest::Id))
                    .col(big_integer(ConvocationRequest::ConvocationId))
                    .col(big_integer(ConvocationRequest::MemberId))
                    .col(string_len(ConvocationRequest::Kind, 20))
                    .col(string_len(ConvocationRequest::Text, 1000))
                    .col(timestamp_with_time_zone(ConvocationRequest::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConvocationRequest::Table, ConvocationRequest::ConvocationId)
                            .to(Convocation::Table, Convocation::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_convocation_request_convocation")
                    .table(ConvocationRequest::Table)
                    .col(ConvocationRequest::ConvocationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ConvocationRequest::Table).to_owned()).await
    }
}
