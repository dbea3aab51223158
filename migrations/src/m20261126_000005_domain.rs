//! The domain: households and members, applications and their status history, pacts,
//! certified contacts, convocations with their receipts, meetings, PaIS and PSP with their
//! activities, SFL confirmations, payments and notifications.
//!
//! Records with legal value (pacts, convocations, status changes, receipts, meetings, plan
//! revisions) are only ever inserted; the code has no path that rewrites them. The only
//! columns updated in place are derived ones (status, next due date) and a convocation's
//! outcome, written once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Household {
    Table,
    Id,
    /// Cadastral code of the municipality of residence (social services are the municipality's).
    MunicipalityCode,
    Address,
    /// Earliest open obligation, recomputed by the deadlines engine whenever a fact changes.
    NextDueOn,
    NextDueKind,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum HouseholdMember {
    Table,
    Id,
    HouseholdId,
    CodiceFiscale,
    GivenName,
    FamilyName,
    BirthDate,
    /// applicant, spouse, child, parent, other.
    Relation,
    Disabled,
    CareDuties,
    GenderViolenceVictim,
    Attivabile,
    NextDueOn,
    NextDueKind,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    HouseholdId,
    ApplicantMemberId,
    /// adi or sfl.
    Programme,
    InpsProtocol,
    SubmittedOn,
    Status,
    /// Monthly amount set by INPS, when known.
    MonthlyAmountCents,
    /// First month without payment, while suspended.
    SuspendedFrom,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApplicationStatusChange {
    Table,
    Id,
    ApplicationId,
    FromStatus,
    ToStatus,
    Reason,
    RuleRef,
    EffectiveOn,
    OccurredAt,
    Actor,
}

#[derive(DeriveIden)]
enum PadNucleo {
    Table,
    Id,
    ApplicationId,
    HouseholdId,
    SignedByMemberId,
    SignedAt,
    SignedOn,
    ContentJson,
    ContentSha256,
}

#[derive(DeriveIden)]
enum PadIndividuale {
    Table,
    Id,
    ApplicationId,
    MemberId,
    SignedAt,
    SignedOn,
    ContentJson,
    ContentSha256,
}

#[derive(DeriveIden)]
enum CertifiedContact {
    Table,
    Id,
    MemberId,
    /// mobile or email.
    Kind,
    Value,
    UsedForConvocations,
    CertifiedAt,
    /// Set when a newer certified contact of the same kind replaces this one.
    SupersededAt,
}

#[derive(DeriveIden)]
enum Convocation {
    Table,
    Id,
    HouseholdId,
    MemberId,
    /// social_services or cpi.
    Issuer,
    IssuerName,
    /// Comma-separated: platform, sms, email.
    Channels,
    Purpose,
    IssuedAt,
    AppointmentAt,
    Place,
    Outcome,
    OutcomeRecordedAt,
    EvidenceRef,
}

#[derive(DeriveIden)]
enum ConvocationReceipt {
    Table,
    Id,
    ConvocationId,
    Channel,
    /// delivered or read.
    Kind,
    At,
}

#[derive(DeriveIden)]
enum Meeting {
    Table,
    Id,
    HouseholdId,
    MemberId,
    Venue,
    HeldOn,
    Outcome,
    ConvocationId,
    EvidenceRef,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
    /// pais (the household's, social services) or psp (a member's, job centre).
    Kind,
    HouseholdId,
    MemberId,
    Revision,
    SignedOn,
    Summary,
    OperatorName,
    RecordedAt,
}

#[derive(DeriveIden)]
enum PlanActivity {
    Table,
    Id,
    PlanId,
    Title,
    Provider,
    StartsOn,
    EndsOn,
    HoursPerWeek,
}

#[derive(DeriveIden)]
enum SflConfirmation {
    Table,
    Id,
    ApplicationId,
    MemberId,
    ConfirmedOn,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Payment {
    Table,
    Id,
    ApplicationId,
    /// First day of the month paid.
    Month,
    /// regular or arrears.
    Kind,
    AmountCents,
    ExpectedOn,
    PaidOn,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    HouseholdId,
    MemberId,
    Kind,
    /// The values the message needs, as JSON; the text is rendered in the reader's language.
    Params,
    CreatedAt,
    ReadAt,
}

fn fk<T: IntoIden, C: IntoIden, R: IntoIden>(from: (T, C), to: R) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to, Alias::new("id")).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            Table::create()
                .table(Household::Table)
                .if_not_exists()
                .col(big_pk_auto(Household::Id))
                .col(string_len(Household::MunicipalityCode, 4))
                .col(string_len(Household::Address, 300))
                .col(date_null(Household::NextDueOn))
                .col(string_len_null(Household::NextDueKind, 40))
                .col(timestamp_with_time_zone(Household::CreatedAt))
                .col(timestamp_with_time_zone(Household::UpdatedAt))
                .to_owned(),
            Table::create()
                .table(HouseholdMember::Table)
                .if_not_exists()
                .col(big_pk_auto(HouseholdMember::Id))
                .col(big_integer(HouseholdMember::HouseholdId))
                .col(string_len_uniq(HouseholdMember::CodiceFiscale, 16))
                .col(string_len(HouseholdMember::GivenName, 200))
                .col(string_len(HouseholdMember::FamilyName, 200))
                .col(date(HouseholdMember::BirthDate))
                .col(string_len(HouseholdMember::Relation, 20))
                .col(boolean(HouseholdMember::Disabled))
                .col(boolean(HouseholdMember::CareDuties))
                .col(boolean(HouseholdMember::GenderViolenceVictim))
                .col(boolean(HouseholdMember::Attivabile))
                .col(date_null(HouseholdMember::NextDueOn))
                .col(string_len_null(HouseholdMember::NextDueKind, 40))
                .col(timestamp_with_time_zone(HouseholdMember::CreatedAt))
                .col(timestamp_with_time_zone(HouseholdMember::UpdatedAt))
                .foreign_key(&mut fk(
                    (HouseholdMember::Table, HouseholdMember::HouseholdId),
                    Household::Table,
                ))
                .to_owned(),
            Table::create()
                .table(Application::Table)
                .if_not_exists()
                .col(big_pk_auto(Application::Id))
                .col(big_integer(Application::HouseholdId))
                .col(big_integer(Application::ApplicantMemberId))
                .col(string_len(Application::Programme, 10))
                .col(string_len_uniq(Application::InpsProtocol, 40))
                .col(date(Application::SubmittedOn))
                .col(string_len(Application::Status, 30))
                .col(big_integer_null(Application::MonthlyAmountCents))
                .col(date_null(Application::SuspendedFrom))
                .col(timestamp_with_time_zone(Application::CreatedAt))
                .col(timestamp_with_time_zone(Application::UpdatedAt))
                .foreign_key(&mut fk(
                    (Application::Table, Application::HouseholdId),
                    Household::Table,
                ))
                .foreign_key(&mut fk(
                    (Application::Table, Application::ApplicantMemberId),
                    HouseholdMember::Table,
                ))
                .to_owned(),
            Table::create()
                .table(ApplicationStatusChange::Table)
                .if_not_exists()
                .col(big_pk_auto(ApplicationStatusChange::Id))
                .col(big_integer(ApplicationStatusChange::ApplicationId))
                .col(string_len_null(ApplicationStatusChange::FromStatus, 30))
                .col(string_len(ApplicationStatusChange::ToStatus, 30))
                .col(string_len(ApplicationStatusChange::Reason, 500))
                .col(string_len_null(ApplicationStatusChange::RuleRef, 10))
                .col(date(ApplicationStatusChange::EffectiveOn))
                .col(timestamp_with_time_zone(ApplicationStatusChange::OccurredAt))
                .col(string_len(ApplicationStatusChange::Actor, 100))
                .foreign_key(&mut fk(
                    (ApplicationStatusChange::Table, ApplicationStatusChange::ApplicationId),
                    Application::Table,
                ))
                .to_owned(),
            Table::create()
                .table(PadNucleo::Table)
                .if_not_exists()
                .col(big_pk_auto(PadNucleo::Id))
                // One pact per application: two concurrent signatures cannot both be stored.
                .col(big_integer_uniq(PadNucleo::ApplicationId))
                .col(big_integer(PadNucleo::HouseholdId))
                .col(big_integer(PadNucleo::SignedByMemberId))
                .col(timestamp_with_time_zone(PadNucleo::SignedAt))
                .col(date(PadNucleo::SignedOn))
                .col(text(PadNucleo::ContentJson))
                .col(string_len(PadNucleo::ContentSha256, 64))
                .foreign_key(&mut fk(
                    (PadNucleo::Table, PadNucleo::ApplicationId),
                    Application::Table,
                ))
                .to_owned(),
            Table::create()
                .table(PadIndividuale::Table)
                .if_not_exists()
                .col(big_pk_auto(PadIndividuale::Id))
                .col(big_integer(PadIndividuale::ApplicationId))
                .col(big_integer(PadIndividuale::MemberId))
                .col(timestamp_with_time_zone(PadIndividuale::SignedAt))
                .col(date(PadIndividuale::SignedOn))
                .col(text(PadIndividuale::ContentJson))
                .col(string_len(PadIndividuale::ContentSha256, 64))
                .foreign_key(&mut fk(
                    (PadIndividuale::Table, PadIndividuale::ApplicationId),
                    Application::Table,
                ))
                .foreign_key(&mut fk(
                    (PadIndividuale::Table, PadIndividuale::MemberId),
                    HouseholdMember::Table,
                ))
                .to_owned(),
            Table::create()
                .table(CertifiedContact::Table)
                .if_not_exists()
                .col(big_pk_auto(CertifiedContact::Id))
                .col(big_integer(CertifiedContact::MemberId))
                .col(string_len(CertifiedContact::Kind, 10))
                .col(string_len(CertifiedContact::Value, 320))
                .col(boolean(CertifiedContact::UsedForConvocations))
                .col(timestamp_with_time_zone(CertifiedContact::CertifiedAt))
                .col(timestamp_with_time_zone_null(CertifiedContact::SupersededAt))
                .foreign_key(&mut fk(
                    (CertifiedContact::Table, CertifiedContact::MemberId),
                    HouseholdMember::Table,
                ))
                .to_owned(),
            Table::create()
                .table(Convocation::Table)
                .if_not_exists()
                .col(big_pk_auto(Convocation::Id))
                .col(big_integer(Convocation::HouseholdId))
                .col(big_integer_null(Convocation::MemberId))
                .col(string_len(Convocation::Issuer, 20))
                .col(string_len(Convocation::IssuerName, 200))
                .col(string_len(Convocation::Channels, 60))
                .col(string_len(Convocation::Purpose, 40))
                .col(timestamp_with_time_zone(Convocation::IssuedAt))
                .col(timestamp_with_time_zone(Convocation::AppointmentAt))
                .col(string_len(Convocation::Place, 300))
                .col(string_len_null(Convocation::Outcome, 20))
                .col(timestamp_with_time_zone_null(Convocation::OutcomeRecordedAt))
                .col(string_len_null(Convocation::EvidenceRef, 200))
                .foreign_key(&mut fk(
                    (Convocation::Table, Convocation::HouseholdId),
                    Household::Table,
                ))
                .to_owned(),
            Table::create()
                .table(ConvocationReceipt::Table)
                .if_not_exists()
                .col(big_pk_auto(ConvocationReceipt::Id))
                .col(big_integer(ConvocationReceipt::ConvocationId))
                .col(string_len(ConvocationReceipt::Channel, 20))
                .col(string_len(ConvocationReceipt::Kind, 20))
                .col(timestamp_with_time_zone(ConvocationReceipt::At))
                .foreign_key(&mut fk(
                    (ConvocationReceipt::Table, ConvocationReceipt::ConvocationId),
                    Convocation::Table,
                ))
                .to_owned(),
            Table::create()
                .table(Meeting::Table)
                .if_not_exists()
                .col(big_pk_auto(Meeting::Id))
                .col(big_integer(Meeting::HouseholdId))
                .col(big_integer_null(Meeting::MemberId))
                .col(string_len(Meeting::Venue, 20))
                .col(date(Meeting::HeldOn))
                .col(string_len(Meeting::Outcome, 20))
                .col(big_integer_null(Meeting::ConvocationId))
                .col(string_len_null(Meeting::EvidenceRef, 200))
                .col(timestamp_with_time_zone(Meeting::RecordedAt))
                .col(string_len(Meeting::RecordedBy, 100))
                .foreign_key(&mut fk((Meeting::Table, Meeting::HouseholdId), Household::Table))
                .to_owned(),
            Table::create()
                .table(Plan::Table)
                .if_not_exists()
                .col(big_pk_auto(Plan::Id))
                .col(string_len(Plan::Kind, 10))
                .col(big_integer(Plan::HouseholdId))
                .col(big_integer_null(Plan::MemberId))
                .col(integer(Plan::Revision))
                .col(date(Plan::SignedOn))
                .col(text(Plan::Summary))
                .col(string_len(Plan::OperatorName, 200))
                .col(timestamp_with_time_zone(Plan::RecordedAt))
                .foreign_key(&mut fk((Plan::Table, Plan::HouseholdId), Household::Table))
                .to_owned(),
            Table::create()
                .table(PlanActivity::Table)
                .if_not_exists()
                .col(big_pk_auto(PlanActivity::Id))
                .col(big_integer(PlanActivity::PlanId))
                .col(string_len(PlanActivity::Title, 300))
                .col(string_len(PlanActivity::Provider, 200))
                .col(date(PlanActivity::StartsOn))
                .col(date_null(PlanActivity::EndsOn))
                .col(integer_null(PlanActivity::HoursPerWeek))
                .foreign_key(&mut fk((PlanActivity::Table, PlanActivity::PlanId), Plan::Table))
                .to_owned(),
            Table::create()
                .table(SflConfirmation::Table)
                .if_not_exists()
                .col(big_pk_auto(SflConfirmation::Id))
                .col(big_integer(SflConfirmation::ApplicationId))
                .col(big_integer(SflConfirmation::MemberId))
                .col(date(SflConfirmation::ConfirmedOn))
                .col(timestamp_with_time_zone(SflConfirmation::RecordedAt))
                .foreign_key(&mut fk(
                    (SflConfirmation::Table, SflConfirmation::ApplicationId),
                    Application::Table,
                ))
                .to_owned(),
            Table::create()
                .table(Payment::Table)
                .if_not_exists()
                .col(big_pk_auto(Payment::Id))
                .col(big_integer(Payment::ApplicationId))
                .col(date(Payment::Month))
                .col(string_len(Payment::Kind, 10))
                .col(big_integer_null(Payment::AmountCents))
                .col(date(Payment::ExpectedOn))
                .col(date_null(Payment::PaidOn))
                .col(timestamp_with_time_zone(Payment::RecordedAt))
                .foreign_key(&mut fk((Payment::Table, Payment::ApplicationId), Application::Table))
                .to_owned(),
            Table::create()
                .table(Notification::Table)
                .if_not_exists()
                .col(big_pk_auto(Notification::Id))
                .col(big_integer(Notification::HouseholdId))
                .col(big_integer(Notification::MemberId))
                .col(string_len(Notification::Kind, 40))
                .col(text(Notification::Params))
                .col(timestamp_with_time_zone(Notification::CreatedAt))
                .col(timestamp_with_time_zone_null(Notification::ReadAt))
                .foreign_key(&mut fk(
                    (Notification::Table, Notification::MemberId),
                    HouseholdMember::Table,
                ))
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }

        let indexes = [
            index(
                "ix_member_household",
                HouseholdMember::Table,
                &[HouseholdMember::HouseholdId.into_iden()],
                false,
            ),
            index(
                "ix_household_next_due",
                Household::Table,
                &[Household::NextDueOn.into_iden()],
                false,
            ),
            index(
                "ix_member_next_due",
                HouseholdMember::Table,
                &[HouseholdMember::NextDueOn.into_iden()],
                false,
            ),
            index(
                "ix_application_household",
                Application::Table,
                &[Application::HouseholdId.into_iden()],
                false,
            ),
            index(
                "ix_status_change_application",
                ApplicationStatusChange::Table,
                &[ApplicationStatusChange::ApplicationId.into_iden()],
                false,
            ),
            index(
                "ux_pad_individuale",
                PadIndividuale::Table,
                &[PadIndividuale::ApplicationId.into_iden(), PadIndividuale::MemberId.into_iden()],
                true,
            ),
            index(
                "ix_contact_member",
                CertifiedContact::Table,
                &[CertifiedContact::MemberId.into_iden()],
                false,
            ),
            index(
                "ix_convocation_household",
                Convocation::Table,
                &[Convocation::HouseholdId.into_iden()],
                false,
            ),
            index(
                "ux_convocation_receipt",
                ConvocationReceipt::Table,
                &[
                    ConvocationReceipt::ConvocationId.into_iden(),
                    ConvocationReceipt::Channel.into_iden(),
                    ConvocationReceipt::Kind.into_iden(),
                ],
                true,
            ),
            index(
                "ix_meeting_household",
                Meeting::Table,
                &[Meeting::HouseholdId.into_iden()],
                false,
            ),
            index("ix_plan_household", Plan::Table, &[Plan::HouseholdId.into_iden()], false),
            index(
                "ix_plan_activity_plan",
                PlanActivity::Table,
                &[PlanActivity::PlanId.into_iden()],
                false,
            ),
            index(
                "ix_sfl_confirmation_application",
                SflConfirmation::Table,
                &[SflConfirmation::ApplicationId.into_iden()],
                false,
            ),
            index(
                "ux_payment_month",
                Payment::Table,
                &[
                    Payment::ApplicationId.into_iden(),
                    Payment::Month.into_iden(),
                    Payment::Kind.into_iden(),
                ],
                true,
            ),
            index(
                "ix_notification_member",
                Notification::Table,
                &[Notification::MemberId.into_iden(), Notification::CreatedAt.into_iden()],
                false,
            ),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notification::Table.into_iden(),
            Payment::Table.into_iden(),
            SflConfirmation::Table.into_iden(),
            PlanActivity::Table.into_iden(),
            Plan::Table.into_iden(),
            Meeting::Table.into_iden(),
            ConvocationReceipt::Table.into_iden(),
            Convocation::Table.into_iden(),
            CertifiedContact::Table.into_iden(),
            PadIndividuale::Table.into_iden(),
            PadNucleo::Table.into_iden(),
            ApplicationStatusChange::Table.into_iden(),
            Application::Table.into_iden(),
            HouseholdMember::Table.into_iden(),
            Household::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

fn index(
    name: &str,
    table: impl IntoIden,
    columns: &[DynIden],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).if_not_exists();
    for column in columns {
        index.col(column.clone());
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}
