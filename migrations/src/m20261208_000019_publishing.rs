//! Organisations publish: an ad belongs to the organisation that wrote it (ads from the
//! catalogue generator and older rows belong to none), may carry the publisher's own id for
//! its ads sent by API, and has a state beside its dates — paused or closed by its
//! organisation, suspended by an administrator — which searches read. An organisation gets the
//! e-mail address its notices go to (an ad about to expire); a session remembers which
//! organisation its person acts for.
//!
//! Only new nullable or defaulted columns: servers of the previous release keep working on
//! this schema during a rolling deploy.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Opportunity {
    Table,
    /// The publishing organisation; `None`: the generated catalogue.
    OrganisationId,
    /// The publisher's own id for the ad (machine API): one ad per organisation and id.
    ExternalId,
    /// `live`, `paused`, `closed` or `suspended` (`domain::catalog::AdState`).
    State,
    /// Why an administrator suspended it.
    StateReason,
    /// How many people the organisation takes.
    Seats,
    /// Set once the organisation was told the ad is about to expire; cleared by a renewal.
    ExpiryWarned,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Candidacy {
    Table,
    OpportunityId,
    /// The CV (`domain::cv::Cv` JSON) as it was when the person applied: what the
    /// organisation reads, whatever the person changes later.
    CvSnapshot,
    /// Whether the person shared their CV's e-mail, phone and address with the organisation.
    ContactsShared,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    ContactEmail,
}

/// A signed-in person's report about an ad (misleading, discriminatory, not a real offer…),
/// for the administrators, who suspend the ad or dismiss the report.
#[derive(DeriveIden)]
enum AdReport {
    Table,
    Id,
    OpportunityId,
    CodiceFiscale,
    /// `domain::catalog::ReportReason` code.
    Reason,
    Note,
    CreatedAt,
    /// When an administrator suspended the ad or dismissed the report.
    HandledAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    /// The organisation the person acts for (role `organisation`).
    ActingFor,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            big_integer_null(Opportunity::OrganisationId),
            string_len_null(Opportunity::ExternalId, 100),
            string_len(Opportunity::State, 12).default("live").to_owned(),
            string_len_null(Opportunity::StateReason, 500),
            integer_null(Opportunity::Seats),
            boolean(Opportunity::ExpiryWarned).default(false).to_owned(),
            timestamp_with_time_zone_null(Opportunity::UpdatedAt),
        ];
        for column in columns {
            manager
                .alter_table(Table::alter().table(Opportunity::Table).add_column(column).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_opportunity_external_id")
                    .table(Opportunity::Table)
                    .col(Opportunity::OrganisationId)
                    .col(Opportunity::ExternalId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        for column in [
            text_null(Candidacy::CvSnapshot),
            boolean(Candidacy::ContactsShared).default(false).to_owned(),
        ] {
            manager
                .alter_table(Table::alter().table(Candidacy::Table).add_column(column).to_owned())
                .await?;
        }
        // An organisation's candidacies are found through its ads.
        manager
            .create_index(
                Index::create()
                    .name("ix_candidacy_opportunity")
                    .table(Candidacy::Table)
                    .col(Candidacy::OpportunityId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_opportunity_organisation")
                    .table(Opportunity::Table)
                    .col(Opportunity::OrganisationId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .add_column(string_len_null(Organisation::ContactEmail, 254))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AdReport::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AdReport::Id))
                    .col(big_integer(AdReport::OpportunityId))
                    .col(string_len(AdReport::CodiceFiscale, 16))
                    .col(string_len(AdReport::Reason, 20))
                    .col(string_len(AdReport::Note, 500))
                    .col(timestamp_with_time_zone(AdReport::CreatedAt))
                    .col(timestamp_with_time_zone_null(AdReport::HandledAt))
                    .to_owned(),
            )
            .await?;
        // One open report per person and ad: reporting again changes nothing.
        manager
            .create_index(
                Index::create()
                    .name("ux_ad_report_person")
                    .table(AdReport::Table)
                    .col(AdReport::OpportunityId)
                    .col(AdReport::CodiceFiscale)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .add_column(big_integer_null(Session::ActingFor))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AdReport::Table).if_exists().to_owned()).await?;
        for (name, table) in [
            ("ix_candidacy_opportunity", Candidacy::Table.into_iden()),
            ("ix_opportunity_organisation", Opportunity::Table.into_iden()),
        ] {
            manager.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        for column in [Candidacy::CvSnapshot, Candidacy::ContactsShared] {
            manager
                .alter_table(Table::alter().table(Candidacy::Table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ux_opportunity_external_id")
                    .table(Opportunity::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Opportunity::OrganisationId,
            Opportunity::ExternalId,
            Opportunity::State,
            Opportunity::StateReason,
            Opportunity::Seats,
            Opportunity::ExpiryWarned,
            Opportunity::UpdatedAt,
        ] {
            manager
                .alter_table(
                    Table::alter().table(Opportunity::Table).drop_column(column).to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .drop_column(Organisation::ContactEmail)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(Session::Table).drop_column(Session::ActingFor).to_owned(),
            )
            .await
    }
}
