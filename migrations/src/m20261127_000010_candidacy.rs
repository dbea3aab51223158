//! Candidacies: a person's application to one opportunity of the catalogue (at most one per
//! person and opportunity), and the append-only history of its statuses.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Opportunity {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Candidacy {
    Table,
    Id,
    /// The person, as the CV is keyed: a candidacy follows the person, not a household.
    CodiceFiscale,
    OpportunityId,
    /// `domain::candidacy::CandidacyStatus` code; changed only through its history.
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CandidacyEvent {
    Table,
    Id,
    CandidacyId,
    /// Empty for the first event (the candidacy sent).
    FromStatus,
    ToStatus,
    OccurredAt,
    /// `citizen:<CF>`, `demo-data`, an operator's codice fiscale…
    Actor,
    /// What the organiser added (an interview's date and place); may be empty.
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Candidacy::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Candidacy::Id))
                    .col(string_len(Candidacy::CodiceFiscale, 16))
                    .col(big_integer(Candidacy::OpportunityId))
                    .col(string_len(Candidacy::Status, 20))
                    .col(timestamp_with_time_zone(Candidacy::CreatedAt))
                    .col(timestamp_with_time_zone(Candidacy::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidacy::Table, Candidacy::OpportunityId)
                            .to(Opportunity::Table, Opportunity::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Once per person and opportunity: the index, not a read before the insert, decides
        // between two simultaneous clicks.
        manager
            .create_index(
                Index::create()
                    .name("ux_candidacy_person_opportunity")
                    .table(Candidacy::Table)
                    .col(Candidacy::CodiceFiscale)
                    .col(Candidacy::OpportunityId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
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
            .create_table(
                Table::create()
                    .table(CandidacyEvent::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CandidacyEvent::Id))
                    .col(big_integer(CandidacyEvent::CandidacyId))
                    .col(string_len_null(CandidacyEvent::FromStatus, 20))
                    .col(string_len(CandidacyEvent::ToStatus, 20))
                    .col(timestamp_with_time_zone(CandidacyEvent::OccurredAt))
                    .col(string_len(CandidacyEvent::Actor, 80))
                    .col(string_len_null(CandidacyEvent::Note, 500))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidacyEvent::Table, CandidacyEvent::CandidacyId)
                            .to(Candidacy::Table, Candidacy::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_candidacy_event_candidacy")
                    .table(CandidacyEvent::Table)
                    .col(CandidacyEvent::CandidacyId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [CandidacyEvent::Table.into_iden(), Candidacy::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
