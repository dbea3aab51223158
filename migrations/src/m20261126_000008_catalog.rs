//! The catalogue: job offers, courses, internships and PUC in one table (they are searched
//! together), the skills each asks for, and a full-text index on the terms the application
//! computes (`domain::search`): FTS5 on SQLite, a stored `tsvector` with a GIN index on
//! PostgreSQL (the one column SQLite does not have). Both index the same
//! pre-analysed words, so both backends match the same rows.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Opportunity {
    Table,
    Id,
    /// lavoro, corso, tirocinio, puc (`domain::catalog::Kind`).
    Kind,
    Title,
    /// Employer, training provider, host of an internship, or the municipality running a PUC.
    Organisation,
    Description,
    /// ISTAT CP2011 unit (jobs and internships).
    OccupationCode,
    /// Cadastral code; empty for online courses.
    MunicipalityCode,
    /// Copied from the municipality so filters need no join.
    ProvinceCode,
    Latitude,
    Longitude,
    Online,
    /// `domain::catalog::Contract` code (jobs).
    Contract,
    /// Length of a fixed-term contract, an internship or a PUC.
    DurationMonths,
    /// Weekly hours as a percentage of full time (40 hours).
    HoursPct,
    /// A course's total hours.
    TotalHours,
    /// Gross monthly pay (jobs) or allowance (internships) in euros; empty when not stated.
    PayMonthly,
    /// A course's EQF level.
    EqfLevel,
    /// A course's subject area or a PUC's field (culturale, sociale, ambientale…).
    Topic,
    StartsOn,
    EndsOn,
    PublishedOn,
    /// At most two months after publication; searches hide the ad after this day.
    ExpiresOn,
    /// An ad is renewed at most once.
    Renewed,
    /// Analysed terms of the title and occupation, space-delimited (relevance).
    TitleTerms,
    /// Analysed terms of everything searchable (the full-text index).
    SearchTerms,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OpportunitySkill {
    Table,
    OpportunityId,
    /// ESCO skill key (data/skills.csv).
    SkillKey,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Opportunity::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Opportunity::Id))
                    .col(string_len(Opportunity::Kind, 12))
                    .col(string_len(Opportunity::Title, 200))
                    .col(string_len(Opportunity::Organisation, 200))
                    .col(text(Opportunity::Description))
                    .col(string_len_null(Opportunity::OccupationCode, 12))
                    .col(string_len_null(Opportunity::MunicipalityCode, 4))
                    .col(string_len_null(Opportunity::ProvinceCode, 2))
                    .col(double_null(Opportunity::Latitude))
                    .col(double_null(Opportunity::Longitude))
                    .col(boolean(Opportunity::Online))
                    .col(string_len_null(Opportunity::Contract, 20))
                    .col(integer_null(Opportunity::DurationMonths))
                    .col(integer_null(Opportunity::HoursPct))
                    .col(integer_null(Opportunity::TotalHours))
                    .col(integer_null(Opportunity::PayMonthly))
                    .col(integer_null(Opportunity::EqfLevel))
                    .col(string_len_null(Opportunity::Topic, 100))
                    .col(date(Opportunity::StartsOn))
                    .col(date_null(Opportunity::EndsOn))
                    .col(date(Opportunity::PublishedOn))
                    .col(date(Opportunity::ExpiresOn))
                    .col(boolean(Opportunity::Renewed))
                    .col(text(Opportunity::TitleTerms))
                    .col(text(Opportunity::SearchTerms))
                    .col(timestamp_with_time_zone(Opportunity::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // The indexes the search's filters and sort orders use (see store::catalog::search).
        let indexes: [(&str, &[Opportunity]); 5] = [
            ("ix_opportunity_live", &[Opportunity::ExpiresOn, Opportunity::PublishedOn]),
            ("ix_opportunity_newest", &[Opportunity::PublishedOn, Opportunity::Id]),
            (
                "ix_opportunity_province",
                &[Opportunity::ProvinceCode, Opportunity::Kind, Opportunity::PublishedOn],
            ),
            ("ix_opportunity_municipality", &[Opportunity::MunicipalityCode]),
            ("ix_opportunity_place", &[Opportunity::Latitude, Opportunity::Longitude]),
        ];
        for (name, columns) in indexes {
            let mut index = Index::create();
            index.name(name).table(Opportunity::Table).if_not_exists();
            for column in columns {
                index.col(*column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(OpportunitySkill::Table)
                    .if_not_exists()
                    .col(big_integer(OpportunitySkill::OpportunityId))
                    .col(string_len(OpportunitySkill::SkillKey, 100))
                    .primary_key(
                        Index::create()
                            .col(OpportunitySkill::OpportunityId)
                            .col(OpportunitySkill::SkillKey),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OpportunitySkill::Table, OpportunitySkill::OpportunityId)
                            .to(Opportunity::Table, Opportunity::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_opportunity_skill_key")
                    .table(OpportunitySkill::Table)
                    .col(OpportunitySkill::SkillKey)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                // External-content FTS5 table kept in step by triggers: the text lives once,
                // in `opportunity`. The `ascii` tokenizer suffices: the terms are plain ASCII.
                for sql in [
                    "CREATE VIRTUAL TABLE IF NOT EXISTS opportunity_fts USING fts5(\
                     search_terms, content='opportunity', content_rowid='id', tokenize='ascii')",
                    "CREATE TRIGGER IF NOT EXISTS opportunity_fts_insert AFTER INSERT ON opportunity BEGIN \
                     INSERT INTO opportunity_fts(rowid, search_terms) VALUES (new.id, new.search_terms); END",
                    "CREATE TRIGGER IF NOT EXISTS opportunity_fts_delete AFTER DELETE ON opportunity BEGIN \
                     INSERT INTO opportunity_fts(opportunity_fts, rowid, search_terms) \
                     VALUES ('delete', old.id, old.search_terms); END",
                    "CREATE TRIGGER IF NOT EXISTS opportunity_fts_update AFTER UPDATE OF search_terms ON opportunity BEGIN \
                     INSERT INTO opportunity_fts(opportunity_fts, rowid, search_terms) \
                     VALUES ('delete', old.id, old.search_terms); \
                     INSERT INTO opportunity_fts(rowid, search_terms) VALUES (new.id, new.search_terms); END",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
            DbBackend::Postgres => {
                // `simple`: no PostgreSQL stemming or stop words on top of ours. A stored
                // vector, not an expression index: the search also walks ads newest first and
                // tests each row, which must not re-parse its text.
                for sql in [
                    "ALTER TABLE opportunity ADD COLUMN IF NOT EXISTS search_vector tsvector \
                     GENERATED ALWAYS AS (to_tsvector('simple', search_terms)) STORED",
                    "CREATE INDEX IF NOT EXISTS ix_opportunity_fts ON opportunity \
                     USING gin (search_vector)",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS opportunity_fts")
                .await?;
        }
        for table in [OpportunitySkill::Table.into_iden(), Opportunity::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
