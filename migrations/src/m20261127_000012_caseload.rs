//! Case managers' caseloads: which operator follows which household (social services) or
//! attivabile member (job centre); every operator's look at a household's data, with its
//! reason, for the citizen to read; and the read-only view of a citizen a session may hold.

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
enum Assignment {
    Table,
    Id,
    OperatorCodiceFiscale,
    HouseholdId,
    /// Set for a job-centre operator's attivabile member; empty for a whole household.
    MemberId,
    /// `household:<id>` or `member:<id>`: one assignment per operator and subject.
    Subject,
    AssignedAt,
    /// Who assigned it (an administrator's codice fiscale, `demo-data`).
    AssignedBy,
}

#[derive(DeriveIden)]
enum DataAccess {
    Table,
    Id,
    HouseholdId,
    /// The member whose pages were viewed, for an impersonation.
    MemberId,
    OperatorCodiceFiscale,
    /// What the citizen reads: the role and organisation, never the operator's name.
    OperatorRole,
    OrganisationName,
    /// `detail` or `impersonation`.
    Purpose,
    /// `app::caseload::Reason` code.
    ReasonCode,
    ReasonText,
    OccurredAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    /// The citizen this (operator's) session is looking at, read-only.
    ViewingCodiceFiscale,
    /// The data access that opened the view.
    ViewingAccessId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Assignment::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Assignment::Id))
                    .col(string_len(Assignment::OperatorCodiceFiscale, 16))
                    .col(big_integer(Assignment::HouseholdId))
                    .col(big_integer_null(Assignment::MemberId))
                    .col(string_len(Assignment::Subject, 40))
                    .col(timestamp_with_time_zone(Assignment::AssignedAt))
                    .col(string_len(Assignment::AssignedBy, 100))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignment::Table, Assignment::HouseholdId)
                            .to(Household::Table, Household::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignment::Table, Assignment::MemberId)
                            .to(HouseholdMember::Table, HouseholdMember::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_assignment_operator_subject")
                    .table(Assignment::Table)
                    .col(Assignment::OperatorCodiceFiscale)
                    .col(Assignment::Subject)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_assignment_operator_household")
                    .table(Assignment::Table)
                    .col(Assignment::OperatorCodiceFiscale)
                    .col(Assignment::HouseholdId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DataAccess::Table)
                    .if_not_exists()
                    .col(big_pk_auto(DataAccess::Id))
                    .col(big_integer(DataAccess::HouseholdId))
                    .col(big_integer_null(DataAccess::MemberId))
                    .col(string_len(DataAccess::OperatorCodiceFiscale, 16))
                    .col(string_len(DataAccess::OperatorRole, 20))
                    .col(string_len(DataAccess::OrganisationName, 200))
                    .col(string_len(DataAccess::Purpose, 20))
                    .col(string_len(DataAccess::ReasonCode, 30))
                    .col(string_len(DataAccess::ReasonText, 500))
                    .col(timestamp_with_time_zone(DataAccess::OccurredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DataAccess::Table, DataAccess::HouseholdId)
                            .to(Household::Table, Household::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_data_access_household")
                    .table(DataAccess::Table)
                    .col(DataAccess::HouseholdId)
                    .col(DataAccess::OccurredAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite alters a table one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .add_column(string_len_null(Session::ViewingCodiceFiscale, 16))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .add_column(big_integer_null(Session::ViewingAccessId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Session::ViewingAccessId, Session::ViewingCodiceFiscale] {
            manager
                .alter_table(Table::alter().table(Session::Table).drop_column(column).to_owned())
                .await?;
        }
        manager.drop_table(Table::drop().table(DataAccess::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Assignment::Table).to_owned()).await
    }
}
