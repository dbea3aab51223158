//! The audit trail's hash chain on both backends: sealing links entries in id order (two
//! sealers at once agree), verifying recomputes it, and changing, removing or slipping in one
//! entry breaks it at that entry.

use crate::common::TestDb;
use chrono::{Duration, TimeZone, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use store::audit::{self, Action, Break, Event};

async fn write(db: &DatabaseConnection, n: i64, first: chrono::DateTime<Utc>) {
    for i in 0..n {
        let event = Event {
            actor_account_id: Some(format!("account-{i}")),
            actor_role: (i % 2 == 0).then(|| "citizen".to_string()),
            target: Some(format!("target {i}")),
            ..Default::default()
        };
        audit::record(db, Action::SignIn, audit::SUCCESS, event, first + Duration::seconds(i))
            .await
            .unwrap();
    }
}

async fn execute(db: &DatabaseConnection, sql: &str) {
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
}

#[tokio::test]
async fn sealing_links_entries_and_verifying_finds_the_first_altered_one_on_both_backends() {
    let start = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        write(&conn, 20, start).await;

        // Nothing sealed yet: all pending, nothing broken.
        let fresh = audit::verify(&conn).await.unwrap();
        assert_eq!((fresh.checked, fresh.pending, fresh.broken), (0, 20, None));

        // Only what is older than the horizon is sealed; two sealers at once agree.
        let horizon = start + Duration::seconds(15);
        let (a, b) = tokio::join!(audit::seal(&conn, horizon), audit::seal(&conn, horizon));
        assert_eq!(a.unwrap() + b.unwrap(), 15, "{}: each entry sealed once", db.backend);
        let partial = audit::verify(&conn).await.unwrap();
        assert_eq!((partial.checked, partial.pending, partial.broken), (15, 5, None));
        assert_eq!(audit::seal(&conn, start + Duration::days(1)).await.unwrap(), 5);
        let whole = audit::verify(&conn).await.unwrap();
        assert_eq!((whole.checked, whole.pending, whole.broken.clone()), (20, 0, None));
        assert_ne!(whole.head, audit::GENESIS);
        assert_eq!(audit::seal(&conn, start + Duration::days(1)).await.unwrap(), 0);

        // One field of entry 7 changed: the chain breaks at 7, not before.
        execute(&conn, "UPDATE audit_event SET target = 'someone else' WHERE id = 7").await;
        let altered = audit::verify(&conn).await.unwrap();
        assert_eq!(altered.broken, Some(Break::Mismatch(7)), "{}", db.backend);
        assert_eq!(altered.checked, 6);
        execute(&conn, "UPDATE audit_event SET target = 'target 6' WHERE id = 7").await;
        assert_eq!(audit::verify(&conn).await.unwrap().broken, None, "restored, it verifies");

        // Its hash recomputed to match its new content does not help: the next link breaks.
        execute(&conn, "UPDATE audit_event SET actor_role = NULL WHERE id = 9").await;
        let entry_9 = audit::all(&conn).await.unwrap().into_iter().find(|e| e.id == 9).unwrap();
        let entry_8 = audit::all(&conn).await.unwrap().into_iter().find(|e| e.id == 8).unwrap();
        let forged = audit::link(entry_8.chain_hash.as_deref().unwrap(), &entry_9);
        execute(&conn, &format!("UPDATE audit_event SET chain_hash = '{forged}' WHERE id = 9"))
            .await;
        assert_eq!(audit::verify(&conn).await.unwrap().broken, Some(Break::Mismatch(10)));
        execute(&conn, "DELETE FROM audit_event WHERE id >= 9").await;
        assert_eq!(audit::verify(&conn).await.unwrap().broken, None);

        // A removed entry breaks the chain at the one after it.
        execute(&conn, "DELETE FROM audit_event WHERE id = 4").await;
        assert_eq!(audit::verify(&conn).await.unwrap().broken, Some(Break::Mismatch(5)));
    }
}

#[tokio::test]
async fn an_entry_slipped_in_behind_the_sealed_chain_breaks_it() {
    let start = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        write(&conn, 5, start).await;
        audit::seal(&conn, start + Duration::days(1)).await.unwrap();
        // An entry with an id inside the chain, written after it was sealed.
        execute(&conn, "DELETE FROM audit_event WHERE id = 2").await;
        execute(
            &conn,
            "INSERT INTO audit_event (id, occurred_at, action, outcome) \
             VALUES (2, '2026-11-27 09:00:01+00:00', 'sign_in', 'success')",
        )
        .await;
        assert_eq!(audit::verify(&conn).await.unwrap().broken, Some(Break::Unsealed(2)));
    }
}
