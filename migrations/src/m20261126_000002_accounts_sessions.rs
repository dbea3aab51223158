//! People who signed in, their server-side sessions, and sign-ins in progress.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    /// The person's identity: never a name, always the codice fiscale.
    CodiceFiscale,
    GivenName,
    FamilyName,
    Birthdate,
    Email,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    /// SHA-256 of the cookie value: a copy of the table does not let anyone in.
    Id,
    AccountId,
    Provider,
    UserAgent,
    /// Kept server-side only, as `id_token_hint` for the provider's logout.
    IdToken,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum SignInAttempt {
    Table,
    /// SHA-256 of the cookie value that binds the attempt to the browser.
    Id,
    Provider,
    State,
    Nonce,
    PkceVerifier,
    ReturnTo,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .if_not_exists()
                    .col(string_len(Account::Id, 36).primary_key())
                    .col(string_len_uniq(Account::CodiceFiscale, 16))
                    .col(string_len(Account::GivenName, 200))
                    .col(string_len(Account::FamilyName, 200))
                    .col(string_len_null(Account::Birthdate, 10))
                    .col(string_len_null(Account::Email, 320))
                    .col(timestamp_with_time_zone(Account::CreatedAt))
                    .col(timestamp_with_time_zone(Account::LastSignInAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .if_not_exists()
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(string_len(Session::AccountId, 36))
                    .col(string_len(Session::Provider, 40))
                    .col(string_len(Session::UserAgent, 300))
                    .col(text_null(Session::IdToken))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_account")
                            .from(Session::Table, Session::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_account")
                    .table(Session::Table)
                    .col(Session::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInAttempt::Table)
                    .if_not_exists()
                    .col(string_len(SignInAttempt::Id, 64).primary_key())
                    .col(string_len(SignInAttempt::Provider, 40))
                    .col(string_len(SignInAttempt::State, 100))
                    .col(string_len(SignInAttempt::Nonce, 100))
                    .col(string_len(SignInAttempt::PkceVerifier, 200))
                    .col(string_len(SignInAttempt::ReturnTo, 500))
                    .col(timestamp_with_time_zone(SignInAttempt::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SignInAttempt::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Session::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Account::Table).to_owned()).await
    }
}
