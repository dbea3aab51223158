//! The citizen's side: registration on SIISL, one-time codes for certifying contacts, the
//! outbox every message leaves through, and the directory of offices people present at.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CitizenRegistration {
    Table,
    /// Registration is per person, recognised by codice fiscale.
    CodiceFiscale,
    AccountId,
    /// Version of the privacy notice accepted.
    PrivacyVersion,
    ConsentedAt,
    /// Contact details given at registration (not certified: certification is part of the PAD).
    Email,
    Phone,
    RegisteredAt,
}

#[derive(DeriveIden)]
enum OneTimeCode {
    Table,
    Id,
    MemberId,
    /// mobile or email.
    Kind,
    Destination,
    /// SHA-256 of the code: the code itself is never stored.
    CodeHash,
    CreatedAt,
    ExpiresAt,
    Attempts,
    ConsumedAt,
}

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    Id,
    /// sms or email.
    Channel,
    Recipient,
    Subject,
    Body,
    /// otp, convocation, notification.
    Purpose,
    /// The convocation a message carries, so its delivery receipt can be recorded.
    ConvocationId,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
    NextAttemptAt,
}

#[derive(DeriveIden)]
enum Office {
    Table,
    Id,
    MunicipalityCode,
    /// social_services or cpi.
    Kind,
    Name,
    Address,
    OpeningHours,
    Phone,
    Email,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CitizenRegistration::Table)
                    .if_not_exists()
                    .col(string_len(CitizenRegistration::CodiceFiscale, 16).primary_key())
                    .col(string_len(CitizenRegistration::AccountId, 36))
                    .col(string_len(CitizenRegistration::PrivacyVersion, 20))
                    .col(timestamp_with_time_zone(CitizenRegistration::ConsentedAt))
                    .col(string_len_null(CitizenRegistration::Email, 254))
                    .col(string_len_null(CitizenRegistration::Phone, 20))
                    .col(timestamp_with_time_zone(CitizenRegistration::RegisteredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OneTimeCode::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OneTimeCode::Id))
                    .col(big_integer(OneTimeCode::MemberId))
                    .col(string_len(OneTimeCode::Kind, 10))
                    .col(string_len(OneTimeCode::Destination, 254))
                    .col(string_len(OneTimeCode::CodeHash, 64))
                    .col(timestamp_with_time_zone(OneTimeCode::CreatedAt))
                    .col(timestamp_with_time_zone(OneTimeCode::ExpiresAt))
                    .col(integer(OneTimeCode::Attempts))
                    .col(timestamp_with_time_zone_null(OneTimeCode::ConsumedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_one_time_code_member")
                    .table(OneTimeCode::Table)
                    .col(OneTimeCode::MemberId)
                    .col(OneTimeCode::Kind)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessage::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OutboxMessage::Id))
                    .col(string_len(OutboxMessage::Channel, 10))
                    .col(string_len(OutboxMessage::Recipient, 254))
                    .col(string_len(OutboxMessage::Subject, 200))
                    .col(text(OutboxMessage::Body))
                    .col(string_len(OutboxMessage::Purpose, 20))
                    .col(big_integer_null(OutboxMessage::ConvocationId))
                    .col(timestamp_with_time_zone(OutboxMessage::CreatedAt))
                    .col(timestamp_with_time_zone_null(OutboxMessage::SentAt))
                    .col(integer(OutboxMessage::Attempts))
                    .col(string_len_null(OutboxMessage::LastError, 500))
                    .col(timestamp_with_time_zone(OutboxMessage::NextAttemptAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_pending")
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::SentAt)
                    .col(OutboxMessage::NextAttemptAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Office::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Office::Id))
                    .col(string_len(Office::MunicipalityCode, 4))
                    .col(string_len(Office::Kind, 20))
                    .col(string_len(Office::Name, 200))
                    .col(string_len(Office::Address, 300))
                    .col(string_len(Office::OpeningHours, 300))
                    .col(string_len(Office::Phone, 30))
                    .col(string_len(Office::Email, 254))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_office_municipality_kind_name")
                    .table(Office::Table)
                    .col(Office::MunicipalityCode)
                    .col(Office::Kind)
                    .col(Office::Name)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Office::Table.into_iden(),
            OutboxMessage::Table.into_iden(),
            OneTimeCode::Table.into_iden(),
            CitizenRegistration::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
