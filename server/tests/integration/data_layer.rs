//! Migrations and reference data on SQLite and, when configured, PostgreSQL.

use std::collections::BTreeMap;

use crate::common::TestDb;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Statement};
use store::reference;

#[tokio::test]
async fn migrations_apply_roll_back_and_reapply_on_every_backend() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        Migrator::up(&conn, None).await.unwrap();
        assert!(
            Migrator::get_pending_migrations(&conn).await.unwrap().is_empty(),
            "{}",
            db.backend
        );
        Migrator::down(&conn, None).await.unwrap();
        assert!(columns(&conn).await.is_empty(), "{}: down leaves no table", db.backend);
        Migrator::up(&conn, None).await.unwrap();
        assert!(!columns(&conn).await.is_empty(), "{}", db.backend);
    }
}

#[tokio::test]
async fn both_backends_get_the_same_schema() {
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    let sqlite = TestDb::sqlite();
    let (pg_conn, sqlite_conn) = (pg.connect().await, sqlite.connect().await);
    Migrator::up(&pg_conn, None).await.unwrap();
    Migrator::up(&sqlite_conn, None).await.unwrap();
    assert_eq!(columns(&pg_conn).await, columns(&sqlite_conn).await);
}

#[tokio::test]
async fn municipalities_load_once_and_are_queryable() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        Migrator::up(&conn, None).await.unwrap();
        let added = reference::load_municipalities(&conn).await.unwrap();
        assert_eq!(added, 7894, "{}", db.backend);
        assert_eq!(store::entity::municipality::Entity::find().count(&conn).await.unwrap(), 7894);

        let roma = store::entity::municipality::Entity::find_by_id("H501")
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(roma.name, "Roma");
        assert_eq!(roma.province_code, "RM");
        assert!((roma.latitude - 41.9).abs() < 0.2 && (roma.longitude - 12.5).abs() < 0.2);
        // "NA" is Napoli's province, not a missing value.
        let napoli = store::entity::municipality::Entity::find_by_id("F839")
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(napoli.province_code, "NA");

        assert_eq!(
            reference::load_municipalities(&conn).await.unwrap(),
            0,
            "second load is a no-op"
        );
        assert_eq!(store::entity::municipality::Entity::find().count(&conn).await.unwrap(), 7894);
    }
}

#[tokio::test]
async fn app_servers_starting_together_migrate_once() {
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    let conns = [pg.connect().await, pg.connect().await, pg.connect().await];
    let results = futures::future::join_all(conns.iter().map(server::db::migrate)).await;
    for result in results {
        result.expect("every concurrent start-up succeeds");
    }
    assert_eq!(store::entity::municipality::Entity::find().count(&conns[0]).await.unwrap(), 7894);
}

/// Table → sorted column names of the application's tables (sea-orm's own bookkeeping excluded).
async fn columns(conn: &DatabaseConnection) -> BTreeMap<String, Vec<String>> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Sqlite => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'seaql_migrations' \
             AND m.name NOT LIKE 'opportunity_fts%'" // SQLite's full-text index tables
        }
        _ => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> 'seaql_migrations' \
             AND NOT (table_name = 'opportunity' AND column_name = 'search_vector')" // PostgreSQL's full-text vector
        }
    };
    let rows = conn.query_all_raw(Statement::from_string(backend, sql)).await.unwrap();
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        let table: String = row.try_get("", "t").unwrap();
        let column: String = row.try_get("", "c").unwrap();
        tables.entry(table).or_default().push(column);
    }
    tables.values_mut().for_each(|cols| cols.sort());
    tables
}

/// Migration `…000009` moves ads' text out of the searched row: run over a stored catalogue,
/// down and up again, every ad keeps its text and every search its results.
#[tokio::test]
async fn the_catalogue_keeps_its_text_and_search_results_across_the_search_row_migration() {
    use chrono::{NaiveDate, TimeZone, Utc};
    use contract::catalog::parse_url_query;
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for db in TestDb::all().await {
        let conn = db.connect().await;
        Migrator::up(&conn, None).await.unwrap();
        server::demo_catalog::seed(&conn, 300, 7, now).await.unwrap();
        let searches =
            ["q=magazziniere", "q=corso+inglese&dove=RM", "q=addetto&dove=F205&raggio=50"];
        let mut before = Vec::new();
        for raw in searches {
            let (query, notices) = parse_url_query(raw);
            let r = store::catalog::search(&conn, query, notices, None, today).await.unwrap();
            before.push((r.total, r.cards.iter().map(|c| c.id).collect::<Vec<_>>()));
        }
        assert!(
            before.iter().any(|(total, _)| *total > 0),
            "{}: the searches find ads",
            db.backend
        );
        let count = |sql: &'static str| {
            let conn = &conn;
            async move {
                conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
                    .await
                    .unwrap()
                    .unwrap()
                    .try_get_by_index::<i64>(0)
                    .unwrap()
            }
        };
        // Back to just before the search-row migration, whatever came after it.
        let migrations = Migrator::migrations();
        let position = migrations
            .iter()
            .position(|m| m.name() == "m20261126_000009_catalog_search_row")
            .unwrap();
        let steps = u32::try_from(migrations.len() - position).unwrap();
        Migrator::down(&conn, Some(steps)).await.unwrap();
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM opportunity WHERE description <> '' AND search_terms <> ''"
            )
            .await,
            300,
            "{}: down puts the text back",
            db.backend
        );
        Migrator::up(&conn, None).await.unwrap();
        assert_eq!(
            count("SELECT COUNT(*) FROM opportunity_text WHERE description <> ''").await,
            300,
            "{}",
            db.backend
        );
        for (raw, expected) in searches.iter().zip(&before) {
            let (query, notices) = parse_url_query(raw);
            let r = store::catalog::search(&conn, query, notices, None, today).await.unwrap();
            let got = (r.total, r.cards.iter().map(|c| c.id).collect::<Vec<_>>());
            assert_eq!(&got, expected, "{}: {raw}", db.backend);
        }
    }
}
