//! The transactional outbox towards the platforms: what signing a pact sends to social
//! services (GePI), the job centre (SIU) and the chosen employment agencies, written in the
//! same transaction as the pact and delivered by the delivery worker.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlatformMessage {
    Table,
    Id,
    /// `gepi`, `siu` or `apl`.
    Destination,
    /// The agency's code, for `apl`.
    AgencyCode,
    /// `household_referred`, `attivabile_referred`.
    Kind,
    /// Sent with every attempt; the far end applies a key once.
    IdempotencyKey,
    ApplicationId,
    HouseholdId,
    MemberId,
    /// The JSON body.
    Payload,
    /// `pending`, `delivered`, `failing`, `dead`.
    State,
    Attempts,
    LastError,
    NextAttemptAt,
    /// A worker holds the message until then (claimed); another may take it afterwards.
    LeaseUntil,
    LeaseOwner,
    CreatedAt,
    DeliveredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlatformMessage::Table)
                    .if_not_exists()
                    .col(big_pk_auto(PlatformMessage::Id))
                    .col(string_len(PlatformMessage::Destination, 10))
                    .col(string_len_null(PlatformMessage::AgencyCode, 40))
                    .col(string_len(PlatformMessage::Kind, 40))
                    .col(string_len(PlatformMessage::IdempotencyKey, 64))
                    .col(big_integer(PlatformMessage::ApplicationId))
                    .col(big_integer(PlatformMessage::HouseholdId))
                    .col(big_integer_null(PlatformMessage::MemberId))
                    .col(text(PlatformMessage::Payload))
                    .col(string_len(PlatformMessage::State, 10))
                    .col(integer(PlatformMessage::Attempts))
                    .col(string_len_null(PlatformMessage::LastError, 500))
                    .col(timestamp_with_time_zone(PlatformMessage::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(PlatformMessage::LeaseUntil))
                    .col(string_len_null(PlatformMessage::LeaseOwner, 64))
                    .col(timestamp_with_time_zone(PlatformMessage::CreatedAt))
                    .col(timestamp_with_time_zone_null(PlatformMessage::DeliveredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_platform_message_key")
                    .table(PlatformMessage::Table)
                    .col(PlatformMessage::IdempotencyKey)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_platform_message_due")
                    .table(PlatformMessage::Table)
                    .col(PlatformMessage::State)
                    .col(PlatformMessage::NextAttemptAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PlatformMessage::Table).to_owned()).await
    }
}
