//! Organisations that publish on SIISL (employers, employment agencies, training bodies,
//! Comuni), approved by a SIISL administrator, and the people who act for them. An organisation
//! is known by its kind and its code: the partita IVA (or a sole trader's codice fiscale) for
//! employers, agencies and training bodies, the ISTAT code for a Comune.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Kind,
    Code,
    Name,
    Status,
    RequestedBy,
    RequestedAt,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum OrganisationMember {
    Table,
    Id,
    OrganisationId,
    CodiceFiscale,
    Role,
    InvitedBy,
    InvitedAt,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisation::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Organisation::Id))
                    .col(string_len(Organisation::Kind, 20))
                    .col(string_len(Organisation::Code, 16))
                    .col(string_len(Organisation::Name, 200))
                    .col(string_len(Organisation::Status, 20))
                    .col(string_len(Organisation::RequestedBy, 16))
                    .col(timestamp_with_time_zone(Organisation::RequestedAt))
                    .col(string_len_null(Organisation::DecidedBy, 16))
                    .col(timestamp_with_time_zone_null(Organisation::DecidedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_organisation_kind_code")
                    .table(Organisation::Table)
                    .col(Organisation::Kind)
                    .col(Organisation::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganisationMember::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OrganisationMember::Id))
                    .col(big_integer(OrganisationMember::OrganisationId))
                    .col(string_len(OrganisationMember::CodiceFiscale, 16))
                    .col(string_len(OrganisationMember::Role, 20))
                    .col(string_len(OrganisationMember::InvitedBy, 16))
                    .col(timestamp_with_time_zone(OrganisationMember::InvitedAt))
                    .col(timestamp_with_time_zone_null(OrganisationMember::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationMember::Table, OrganisationMember::OrganisationId)
                            .to(Organisation::Table, Organisation::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One row per person and organisation: a revoked person invited again gets the row back.
        manager
            .create_index(
                Index::create()
                    .name("ux_organisation_member_person")
                    .table(OrganisationMember::Table)
                    .col(OrganisationMember::OrganisationId)
                    .col(OrganisationMember::CodiceFiscale)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // "Which organisations may this person act for", asked at every sign-in.
        manager
            .create_index(
                Index::create()
                    .name("ix_organisation_member_codice_fiscale")
                    .table(OrganisationMember::Table)
                    .col(OrganisationMember::CodiceFiscale)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrganisationMember::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Organisation::Table).to_owned()).await
    }
}
