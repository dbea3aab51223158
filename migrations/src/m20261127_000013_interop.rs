//! The machine API (INPS, GePI, SIU): registered platform clients with hashed secrets (two at
//! once during a rotation), the short-lived tokens issued to them (stored hashed), every event
//! received (its id decides idempotency), and the path updates the platforms report.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Household {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum HouseholdMember {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ApiClient {
    Table,
    Id,
    /// Public identifier the platform sends (`client_id`).
    ClientId,
    Name,
    /// `inps`, `gepi` or `siu`: the only events this client may send.
    Platform,
    /// SHA-256 (hex) of the current secret.
    SecretHash,
    /// The secret before the last rotation, accepted until `previous_valid_until` so the
    /// platform can switch without downtime.
    PreviousSecretHash,
    PreviousValidUntil,
    Active,
    CreatedAt,
    CreatedBy,
    RotatedAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    /// SHA-256 (hex) of the bearer token; the token itself is never stored.
    TokenHash,
    ApiClientId,
    Scope,
    IssuedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum InboundEvent {
    Table,
    Id,
    Platform,
    /// The sender's event id: one row per (platform, event id).
    EventId,
    EventType,
    /// SHA-256 of the body as received: the same id with another body is refused.
    PayloadHash,
    HouseholdId,
    /// What the event created, when others refer to it (a convocation's id, for the
    /// meeting that answers it).
    SubjectId,
    ApiClientId,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum PathUpdate {
    Table,
    Id,
    HouseholdId,
    /// The member it concerns; empty for the whole household.
    MemberId,
    /// `gepi` or `siu`.
    Source,
    /// `taking_in_charge`, `activity`, `sfl_participation`.
    Kind,
    /// The stage or status code the platform reported.
    Status,
    /// Activity title or office name, as sent.
    Title,
    Detail,
    OccurredOn,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiClient::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ApiClient::Id))
                    .col(string_len(ApiClient::ClientId, 80))
                    .col(string_len(ApiClient::Name, 200))
                    .col(string_len(ApiClient::Platform, 10))
                    .col(string_len(ApiClient::SecretHash, 64))
                    .col(string_len_null(ApiClient::PreviousSecretHash, 64))
                    .col(timestamp_with_time_zone_null(ApiClient::PreviousValidUntil))
                    .col(boolean(ApiClient::Active))
                    .col(timestamp_with_time_zone(ApiClient::CreatedAt))
                    .col(string_len(ApiClient::CreatedBy, 100))
                    .col(timestamp_with_time_zone_null(ApiClient::RotatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_api_client_client_id")
                    .table(ApiClient::Table)
                    .col(ApiClient::ClientId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ApiToken::Id))
                    .col(string_len(ApiToken::TokenHash, 64))
                    .col(big_integer(ApiToken::ApiClientId))
                    .col(string_len(ApiToken::Scope, 100))
                    .col(timestamp_with_time_zone(ApiToken::IssuedAt))
                    .col(timestamp_with_time_zone(ApiToken::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiToken::Table, ApiToken::ApiClientId)
                            .to(ApiClient::Table, ApiClient::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_api_token_hash")
                    .table(ApiToken::Table)
                    .col(ApiToken::TokenHash)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_api_token_expires")
                    .table(ApiToken::Table)
                    .col(ApiToken::ExpiresAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InboundEvent::Table)
                    .if_not_exists()
                    .col(big_pk_auto(InboundEvent::Id))
                    .col(string_len(InboundEvent::Platform, 10))
                    .col(string_len(InboundEvent::EventId, 100))
                    .col(string_len(InboundEvent::EventType, 40))
                    .col(string_len(InboundEvent::PayloadHash, 64))
                    .col(big_integer_null(InboundEvent::HouseholdId))
                    .col(big_integer_null(InboundEvent::SubjectId))
                    .col(big_integer(InboundEvent::ApiClientId))
                    .col(timestamp_with_time_zone(InboundEvent::ReceivedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InboundEvent::Table, InboundEvent::ApiClientId)
                            .to(ApiClient::Table, ApiClient::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_inbound_event_platform_event")
                    .table(InboundEvent::Table)
                    .col(InboundEvent::Platform)
                    .col(InboundEvent::EventId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PathUpdate::Table)
                    .if_not_exists()
                    .col(big_pk_auto(PathUpdate::Id))
                    .col(big_integer(PathUpdate::HouseholdId))
                    .col(big_integer_null(PathUpdate::MemberId))
                    .col(string_len(PathUpdate::Source, 10))
                    .col(string_len(PathUpdate::Kind, 30))
                    .col(string_len(PathUpdate::Status, 30))
                    .col(string_len(PathUpdate::Title, 300))
                    .col(string_len(PathUpdate::Detail, 1000))
                    .col(date(PathUpdate::OccurredOn))
                    .col(timestamp_with_time_zone(PathUpdate::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PathUpdate::Table, PathUpdate::HouseholdId)
                            .to(Household::Table, Household::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PathUpdate::Table, PathUpdate::MemberId)
                            .to(HouseholdMember::Table, HouseholdMember::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_path_update_household")
                    .table(PathUpdate::Table)
                    .col(PathUpdate::HouseholdId)
                    .col(PathUpdate::OccurredOn)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PathUpdate::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(InboundEvent::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ApiToken::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ApiClient::Table).to_owned()).await
    }
}
