//! The individual side: the registry of employment agencies (APL) and their branches that
//! SFL applicants choose from (R14), the SFL applicant's confirmation of enrolment, and the
//! curriculum vitae.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agency {
    Table,
    Id,
    /// Stable code (the ministry's authorisation number in production).
    Code,
    Name,
    /// Which section of the register: generalist, staff leasing, intermediation…
    Kind,
    Active,
}

#[derive(DeriveIden)]
enum AgencyBranch {
    Table,
    Id,
    AgencyId,
    MunicipalityCode,
    Address,
    Phone,
    Email,
}

#[derive(DeriveIden)]
enum SflEnrolment {
    Table,
    Id,
    /// One confirmation per application.
    ApplicationId,
    MemberId,
    ConfirmedAt,
    ConfirmedOn,
}

#[derive(DeriveIden)]
enum Cv {
    Table,
    Id,
    /// A CV belongs to a person, whatever household or application they are in.
    CodiceFiscale,
    /// Incremented at every save: a save names the version it edited (optimistic concurrency).
    Version,
    /// The `domain::cv::Cv` as JSON.
    Document,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agency::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Agency::Id))
                    .col(string_len_uniq(Agency::Code, 40))
                    .col(string_len(Agency::Name, 200))
                    .col(string_len(Agency::Kind, 40))
                    .col(boolean(Agency::Active))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgencyBranch::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AgencyBranch::Id))
                    .col(big_integer(AgencyBranch::AgencyId))
                    .col(string_len(AgencyBranch::MunicipalityCode, 4))
                    .col(string_len(AgencyBranch::Address, 300))
                    .col(string_len(AgencyBranch::Phone, 30))
                    .col(string_len(AgencyBranch::Email, 254))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgencyBranch::Table, AgencyBranch::AgencyId)
                            .to(Agency::Table, Agency::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_agency_branch_address")
                    .table(AgencyBranch::Table)
                    .col(AgencyBranch::AgencyId)
                    .col(AgencyBranch::MunicipalityCode)
                    .col(AgencyBranch::Address)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SflEnrolment::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SflEnrolment::Id))
                    .col(big_integer_uniq(SflEnrolment::ApplicationId))
                    .col(big_integer(SflEnrolment::MemberId))
                    .col(timestamp_with_time_zone(SflEnrolment::ConfirmedAt))
                    .col(date(SflEnrolment::ConfirmedOn))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Cv::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Cv::Id))
                    .col(string_len_uniq(Cv::CodiceFiscale, 16))
                    .col(integer(Cv::Version))
                    .col(text(Cv::Document))
                    .col(timestamp_with_time_zone(Cv::CreatedAt))
                    .col(timestamp_with_time_zone(Cv::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Cv::Table.into_iden(),
            SflEnrolment::Table.into_iden(),
            AgencyBranch::Table.into_iden(),
            Agency::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
