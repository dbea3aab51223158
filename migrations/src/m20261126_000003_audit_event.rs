//! The audit trail: one append-only table of security-relevant events.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    OccurredAt,
    ActorAccountId,
    ActorRole,
    Action,
    Target,
    Outcome,
    RequestId,
    ClientIp,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditEvent::Id))
                    .col(timestamp_with_time_zone(AuditEvent::OccurredAt))
                    .col(string_len_null(AuditEvent::ActorAccountId, 36))
                    .col(string_len_null(AuditEvent::ActorRole, 40))
                    .col(string_len(AuditEvent::Action, 60))
                    .col(string_len_null(AuditEvent::Target, 200))
                    .col(string_len(AuditEvent::Outcome, 60))
                    .col(string_len_null(AuditEvent::RequestId, 64))
                    .col(string_len_null(AuditEvent::ClientIp, 45))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_event_actor")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::ActorAccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuditEvent::Table).to_owned()).await
    }
}
