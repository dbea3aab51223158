//! The row a search reads holds only what search needs.
//!
//! A search filters, ranks and counts `opportunity` rows; an ad's description and its analysed
//! terms (about 800 bytes of a 1.7 KB row) were read along with them, and 100,000 ads no longer
//! fitted PostgreSQL's default 128 MB of shared buffers: searches read pages from the operating
//! system instead of memory. They move to `opportunity_text`, which the full-text index is
//! built from and which an ad's own page reads.
//!
//! - SQLite: the FTS5 external-content table now points at `opportunity_text`, kept in step by
//!   triggers there.
//! - PostgreSQL: the `tsvector` stays on `opportunity` (the GIN index must be on the rows it
//!   filters), written by the application from the analysed terms (`CAST(terms AS tsvector)`:
//!   the terms are already plain `[a-z0-9]` words, and positions are not needed), not generated
//!   from a column of the same row. The GIN index is built without "fast update": with it, new
//!   entries wait in a pending list that every search reads in full until a vacuum merges it.
//!
//! On 100,000 freshly seeded ads (`make bench-catalog`) the catalogue requests' p95 went from
//! 41 ms to 18.5 ms on PostgreSQL (fast update alone: about 30) and from 12.9 to 6.7 on SQLite.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Opportunity {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OpportunityText {
    Table,
    OpportunityId,
    Description,
    /// Analysed terms of everything searchable (`domain::search::index_text`).
    SearchTerms,
}

const SQLITE_FTS: [&str; 5] = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS opportunity_fts USING fts5(\
     search_terms, content='opportunity_text', content_rowid='opportunity_id', tokenize='ascii')",
    "CREATE TRIGGER IF NOT EXISTS opportunity_fts_insert AFTER INSERT ON opportunity_text BEGIN \
     INSERT INTO opportunity_fts(rowid, search_terms) VALUES (new.opportunity_id, new.search_terms); END",
    "CREATE TRIGGER IF NOT EXISTS opportunity_fts_delete AFTER DELETE ON opportunity_text BEGIN \
     INSERT INTO opportunity_fts(opportunity_fts, rowid, search_terms) \
     VALUES ('delete', old.opportunity_id, old.search_terms); END",
    "CREATE TRIGGER IF NOT EXISTS opportunity_fts_update AFTER UPDATE OF search_terms ON opportunity_text BEGIN \
     INSERT INTO opportunity_fts(opportunity_fts, rowid, search_terms) \
     VALUES ('delete', old.opportunity_id, old.search_terms); \
     INSERT INTO opportunity_fts(rowid, search_terms) VALUES (new.opportunity_id, new.search_terms); END",
    "INSERT INTO opportunity_fts(opportunity_fts) VALUES ('rebuild')",
];

const SQLITE_DROP_FTS: [&str; 4] = [
    "DROP TRIGGER IF EXISTS opportunity_fts_insert",
    "DROP TRIGGER IF EXISTS opportunity_fts_delete",
    "DROP TRIGGER IF EXISTS opportunity_fts_update",
    "DROP TABLE IF EXISTS opportunity_fts",
];

/// Drops whichever full-text index the backend has: FTS5's table and triggers, or the vector
/// column (its GIN index goes with it).
async fn drop_full_text_index(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Sqlite => {
            for sql in SQLITE_DROP_FTS {
                db.execute_unprepared(sql).await?;
            }
        }
        DbBackend::Postgres => {
            db.execute_unprepared("ALTER TABLE opportunity DROP COLUMN search_vector").await?;
        }
        _ => {}
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OpportunityText::Table)
                    .if_not_exists()
                    .col(big_integer(OpportunityText::OpportunityId).primary_key())
                    .col(text(OpportunityText::Description))
                    .col(text(OpportunityText::SearchTerms))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OpportunityText::Table, OpportunityText::OpportunityId)
                            .to(Opportunity::Table, Opportunity::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO opportunity_text (opportunity_id, description, search_terms) \
             SELECT id, description, search_terms FROM opportunity",
        )
        .await?;
        let backend = manager.get_database_backend();
        drop_full_text_index(manager).await?;
        for sql in [
            "ALTER TABLE opportunity DROP COLUMN description",
            "ALTER TABLE opportunity DROP COLUMN search_terms",
        ] {
            db.execute_unprepared(sql).await?;
        }
        match backend {
            DbBackend::Sqlite => {
                for sql in SQLITE_FTS {
                    db.execute_unprepared(sql).await?;
                }
            }
            DbBackend::Postgres => {
                for sql in [
                    "ALTER TABLE opportunity ADD COLUMN search_vector tsvector",
                    "UPDATE opportunity o SET search_vector = CAST(t.search_terms AS tsvector) \
                     FROM opportunity_text t WHERE t.opportunity_id = o.id",
                    "ALTER TABLE opportunity ALTER COLUMN search_vector SET NOT NULL",
                    "CREATE INDEX ix_opportunity_fts ON opportunity USING gin (search_vector) \
                     WITH (fastupdate = off)",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Back to migration `…000008`'s layout, text included.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        drop_full_text_index(manager).await?;
        for sql in [
            "ALTER TABLE opportunity ADD COLUMN description TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE opportunity ADD COLUMN search_terms TEXT NOT NULL DEFAULT ''",
            "UPDATE opportunity SET \
             description = (SELECT t.description FROM opportunity_text t WHERE t.opportunity_id = opportunity.id), \
             search_terms = (SELECT t.search_terms FROM opportunity_text t WHERE t.opportunity_id = opportunity.id) \
             WHERE EXISTS (SELECT 1 FROM opportunity_text t WHERE t.opportunity_id = opportunity.id)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        manager.drop_table(Table::drop().table(OpportunityText::Table).to_owned()).await?;
        match backend {
            DbBackend::Sqlite => {
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
                    "INSERT INTO opportunity_fts(opportunity_fts) VALUES ('rebuild')",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
            DbBackend::Postgres => {
                for sql in [
                    "ALTER TABLE opportunity ADD COLUMN search_vector tsvector \
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
}
