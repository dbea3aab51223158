//! Candidacies: the services on both backends (once per opportunity, even under simultaneous
//! clicks; only live ads; the status machine; a person moves only their own), and the forms
//! through the real router (apply, the polite refusal of a second application, "Le mie
//! candidature", withdrawing).

use crate::common;

use crate::common::TestDb;
use crate::common::builders;
use chrono::{DateTime, TimeZone, Utc};
use domain::candidacy::{CandidacyStatus, Mover, Refusal};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use store::candidacy::{self, CandidacyError};
use store::entity::{candidacy as row, candidacy_event, notification, opportunity};
use store::welfare::Ctx;

const ALICE: &str = "BNLSHA90L62Z330U";
const BRUNO: &str = "BNCLCU75S05F205U";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap()
}

fn citizen(cf: &str) -> Ctx {
    Ctx::new(now(), format!("citizen:{cf}"))
}

fn organiser() -> Ctx {
    Ctx::new(now(), "test-organiser")
}

/// A minimal CV that passes every check.
fn cv() -> domain::cv::Cv {
    let mut cv = domain::cv::Cv::default();
    cv.personal_information.given_name = "Test".into();
    cv.personal_information.family_name = "Persona".into();
    cv.personal_information.municipality = Some("F205".into());
    cv
}

async fn save_cv(db: &DatabaseConnection, cf: &str) {
    let today = domain::calendar::rome_date(now());
    store::cv::save(db, cf, 0, &cv(), today, now()).await.unwrap();
}

/// A catalogue, and the ids of a live ad and an expired one.
async fn catalogue(db: &DatabaseConnection) -> (i64, i64) {
    server::demo_catalog::seed(db, 300, 42, now()).await.unwrap();
    let today = domain::calendar::rome_date(now());
    let ads = opportunity::Entity::find().all(db).await.unwrap();
    let live = ads.iter().find(|o| o.published_on <= today && o.expires_on >= today).unwrap();
    let expired = ads.iter().find(|o| o.expires_on < today).unwrap();
    (live.id, expired.id)
}

async fn count(db: &DatabaseConnection, cf: &str) -> u64 {
    row::Entity::find().filter(row::Column::CodiceFiscale.eq(cf)).count(db).await.unwrap()
}

#[tokio::test]
async fn once_per_opportunity_only_live_ads_and_only_with_a_cv_on_both_backends() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        let (live, expired) = catalogue(&conn).await;

        // No CV: nothing to send.
        let refused = candidacy::apply(&conn, &citizen(ALICE), ALICE, live).await;
        assert!(
            matches!(refused, Err(CandidacyError::Refused(Refusal::NoCv, None))),
            "{refused:?}"
        );
        save_cv(&conn, ALICE).await;

        let sent = candidacy::apply(&conn, &citizen(ALICE), ALICE, live).await.unwrap();
        assert_eq!(sent.status, "sent");
        let history = candidacy_event::Entity::find()
            .filter(candidacy_event::Column::CandidacyId.eq(sent.id))
            .all(&conn)
            .await
            .unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(
            (history[0].from_status.as_deref(), history[0].to_status.as_str()),
            (None, "sent")
        );
        assert_eq!(history[0].actor, format!("citizen:{ALICE}"));

        // Again: refused, naming the first; nothing added.
        match candidacy::apply(&conn, &citizen(ALICE), ALICE, live).await {
            Err(CandidacyError::Refused(Refusal::AlreadyApplied, Some(first))) => {
                assert_eq!(first.id, sent.id);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(count(&conn, ALICE).await, 1);

        // Expired, or not there at all.
        let closed = candidacy::apply(&conn, &citizen(ALICE), ALICE, expired).await;
        assert!(
            matches!(closed, Err(CandidacyError::Refused(Refusal::Closed, None))),
            "{closed:?}"
        );
        let missing = candidacy::apply(&conn, &citizen(ALICE), ALICE, 9_999_999).await;
        assert!(matches!(missing, Err(CandidacyError::NotFound)), "{missing:?}");
        assert_eq!(count(&conn, ALICE).await, 1);

        // Five simultaneous clicks of another person: one candidacy, four polite refusals.
        save_cv(&conn, BRUNO).await;
        let ctx = citizen(BRUNO);
        let clicks = (0..5).map(|_| candidacy::apply(&conn, &ctx, BRUNO, live));
        let results = futures::future::join_all(clicks).await;
        let won = results.iter().filter(|r| r.is_ok()).count();
        let refused = results
            .iter()
            .filter(|r| matches!(r, Err(CandidacyError::Refused(Refusal::AlreadyApplied, _))))
            .count();
        assert_eq!((won, refused), (1, 4), "{results:?}");
        assert_eq!(count(&conn, BRUNO).await, 1);
    }
}

#[tokio::test]
async fn statuses_follow_the_machine_and_a_person_moves_only_their_own_on_both_backends() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        let (live, _) = catalogue(&conn).await;
        save_cv(&conn, ALICE).await;
        let id = candidacy::apply(&conn, &citizen(ALICE), ALICE, live).await.unwrap().id;
        let change = |to, mover, owner: Option<&'static str>, note: Option<&'static str>| {
            let conn = conn.clone();
            let ctx = if mover == Mover::Candidate { citizen(ALICE) } else { organiser() };
            async move { candidacy::change(&conn, &ctx, id, to, mover, owner, note).await }
        };

        // The organiser cannot skip steps; the candidate cannot move forward.
        let skipped = change(CandidacyStatus::Accepted, Mover::Organiser, None, None).await;
        assert!(matches!(skipped, Err(CandidacyError::Transition { .. })), "{skipped:?}");
        let forward = change(CandidacyStatus::InReview, Mover::Candidate, Some(ALICE), None).await;
        assert!(matches!(forward, Err(CandidacyError::Transition { .. })), "{forward:?}");

        change(CandidacyStatus::InReview, Mover::Organiser, None, None).await.unwrap();
        let long = "x".repeat(501);
        let too_long = candidacy::change(
            &conn,
            &organiser(),
            id,
            CandidacyStatus::Interview,
            Mover::Organiser,
            None,
            Some(&long),
        )
        .await;
        assert!(matches!(too_long, Err(CandidacyError::Invalid("too_long"))), "{too_long:?}");
        let note = Some("Colloquio lunedì alle 10");
        change(CandidacyStatus::Interview, Mover::Organiser, None, note).await.unwrap();

        // Someone else's candidacy is "not found", and nothing moves.
        let theirs = change(CandidacyStatus::Withdrawn, Mover::Candidate, Some(BRUNO), None).await;
        assert!(matches!(theirs, Err(CandidacyError::NotFound)), "{theirs:?}");

        change(CandidacyStatus::Withdrawn, Mover::Candidate, Some(ALICE), None).await.unwrap();
        // Closed: nobody moves it again.
        for (to, mover) in [
            (CandidacyStatus::Accepted, Mover::Organiser),
            (CandidacyStatus::NotSelected, Mover::Organiser),
            (CandidacyStatus::Withdrawn, Mover::Candidate),
        ] {
            let again =
                change(to, mover, Some(ALICE).filter(|_| mover == Mover::Candidate), None).await;
            assert!(matches!(again, Err(CandidacyError::Transition { .. })), "{again:?}");
        }

        let today = domain::calendar::rome_date(now());
        let mine = candidacy::of_person(&conn, ALICE, today).await.unwrap();
        assert_eq!(mine.len(), 1);
        let statuses: Vec<_> = mine[0].steps.iter().map(|s| s.status).collect();
        assert_eq!(
            statuses,
            [
                CandidacyStatus::Sent,
                CandidacyStatus::InReview,
                CandidacyStatus::Interview,
                CandidacyStatus::Withdrawn
            ]
        );
        assert_eq!(mine[0].steps[2].note.as_deref(), note);
        assert_eq!(mine[0].status, CandidacyStatus::Withdrawn);
        assert!(candidacy::of_person(&conn, BRUNO, today).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn the_organisers_moves_reach_a_household_members_inbox() {
    common::on_both_backends(&[], |app| async move {
        let (live, _) = catalogue(&app.db).await;
        // Maria is the applicant of a demo household.
        let maria = contract::demo::persona("maria").unwrap().codice_fiscale;
        save_cv(&app.db, maria).await;
        let id = candidacy::apply(&app.db, &citizen(maria), maria, live).await.unwrap().id;
        let inbox = || async {
            notification::Entity::find()
                .filter(notification::Column::Kind.eq("candidacy_changed"))
                .all(&app.db)
                .await
                .unwrap()
        };
        assert!(inbox().await.is_empty(), "applying is the person's own act: no message");
        candidacy::change(
            &app.db,
            &organiser(),
            id,
            CandidacyStatus::InReview,
            Mover::Organiser,
            None,
            None,
        )
        .await
        .unwrap();
        let messages = inbox().await;
        assert_eq!(messages.len(), 1);
        let text = app::i18n::citizen::notification_text(
            &messages[0].kind,
            &messages[0].params,
            app::i18n::Lang::It,
        );
        assert!(text.contains("è ora: in valutazione"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn applying_through_the_pages_once_then_a_polite_refusal_then_withdrawing() {
    common::on_both_backends(&[], |app| async move {
        // The catalogue is generated "now" so its ads are live whatever the date of the run.
        server::demo_catalog::seed(&app.db, 300, 42, Utc::now()).await.unwrap();
        let today = domain::calendar::rome_date(Utc::now());
        let ad = opportunity::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.published_on <= today && o.expires_on >= today)
            .unwrap();
        let page = format!("/opportunita/{}", ad.id);
        let apply = format!("{page}/candidatura");

        // Anonymous: invited to sign in and come back; posting is refused (401).
        let anonymous = app.get(&page).await.text().await.unwrap();
        assert!(anonymous.contains("Accedi per candidarti"));
        assert!(anonymous.contains(&format!("/accedi?torna=%2Fopportunita%2F{}", ad.id)));
        let response = app.client.post(app.url(&apply)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

        // Operators never apply: no section.
        let (_, francesca) =
            builders::operator_session(&app, contract::policy::Role::CaseManager).await;
        let operator_page = common::get_as(&app, &page, &francesca).await.text().await.unwrap();
        assert!(!operator_page.contains("apply-heading"));

        // A citizen without a CV: told to write one; posting anyway is refused with the same
        // reason.
        let household = builders::Household::adi().pad_signed().make(&app).await;
        let no_cv = builders::citizen_session(&app, household.applicant()).await;
        let body = common::get_as(&app, &page, &no_cv).await.text().await.unwrap();
        assert!(body.contains("Per candidarti serve il tuo curriculum"), "{body}");
        let refused = common::post_as(&app, &apply, &no_cv, &[]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().await.unwrap().contains("candidacy-refused"));

        // Sara has a CV: the button, then applying.
        let sara = common::sign_in_demo(&app, "sara").await;
        let body = common::get_as(&app, &page, &sara).await.text().await.unwrap();
        assert!(body.contains(&format!("action=\"{apply}\"")), "{body}");
        let sent = common::post_as(&app, &apply, &sara, &[]).await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        assert_eq!(common::location(&sent), format!("/candidature?inviata={}", ad.id));
        let list = common::get_as(&app, &common::location(&sent), &sara).await;
        assert_eq!(list.status(), StatusCode::OK);
        let list = list.text().await.unwrap();
        assert!(list.contains("Candidatura inviata."), "{list}");
        assert!(list.contains(&ad.title.replace('\'', "&#39;")) || list.contains(&ad.title));
        assert!(list.contains("Inviata"));

        // Applying again: 409, said politely with the date of the first, and nothing added.
        let again = common::post_as(&app, &apply, &sara, &[]).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        let again = again.text().await.unwrap();
        assert!(
            again.contains("Hai già inviato la candidatura per questa opportunità il"),
            "{again}"
        );
        assert!(again.contains("non serve inviarla di nuovo"));
        let sara_cf = contract::demo::persona("sara").unwrap().codice_fiscale;
        assert_eq!(count(&app.db, sara_cf).await, 1);
        // The page itself now says where it stands instead of offering the button.
        let body = common::get_as(&app, &page, &sara).await.text().await.unwrap();
        assert!(!body.contains(&format!("action=\"{apply}\"")));
        assert!(body.contains("candidacy-status"));
        // And the result cards say so.
        let cards =
            common::get_as(&app, "/opportunita?ordine=recenti", &sara).await.text().await.unwrap();
        if cards.contains(&format!("/opportunita/{}", ad.id)) {
            assert!(cards.contains("result-applied"));
        }

        // Someone else cannot withdraw it (404, unchanged); Sara can, once.
        let id = row::Entity::find()
            .filter(row::Column::CodiceFiscale.eq(sara_cf))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let withdraw = format!("/candidature/{id}/ritira");
        assert_eq!(
            common::post_as(&app, &withdraw, &no_cv, &[]).await.status(),
            StatusCode::NOT_FOUND
        );
        let done = common::post_as(&app, &withdraw, &sara, &[]).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        assert_eq!(common::location(&done), "/candidature?ritirata=1");
        let twice = common::post_as(&app, &withdraw, &sara, &[]).await;
        assert_eq!(twice.status(), StatusCode::CONFLICT);
        assert!(twice.text().await.unwrap().contains("non si può più ritirare"));
        let list = common::get_as(&app, "/candidature", &sara).await.text().await.unwrap();
        assert!(list.contains("Ritirata"));
        // Withdrawn is final: applying again is still "already applied".
        assert_eq!(common::post_as(&app, &apply, &sara, &[]).await.status(), StatusCode::CONFLICT);

        // Each act is in the audit trail.
        let actions: Vec<String> =
            store::audit::all(&app.db).await.unwrap().into_iter().map(|e| e.action).collect();
        assert!(actions.contains(&"candidacy_sent".to_string()));
        assert!(actions.contains(&"candidacy_withdrawn".to_string()));

        // A made-up ad: 404.
        let missing = common::post_as(&app, "/opportunita/99999999/candidatura", &sara, &[]).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn the_demo_gives_sara_two_candidacies_once_through_the_services() {
    common::on_both_backends(&[], |app| async move {
        let now = Utc::now();
        server::demo_catalog::seed(&app.db, 2_000, 42, now).await.unwrap();
        assert_eq!(server::demo_data::seed_candidacies(&app.db, now).await.unwrap(), 2);
        assert_eq!(
            server::demo_data::seed_candidacies(&app.db, now).await.unwrap(),
            0,
            "only once"
        );
        let sara = contract::demo::persona("sara").unwrap().codice_fiscale;
        let today = domain::calendar::rome_date(now);
        let mine = candidacy::of_person(&app.db, sara, today).await.unwrap();
        let mut statuses: Vec<_> = mine.iter().map(|c| c.status).collect();
        statuses.sort_by_key(|s| s.code());
        assert_eq!(statuses, [CandidacyStatus::Interview, CandidacyStatus::Sent]);
        let interview = mine.iter().find(|c| c.status == CandidacyStatus::Interview).unwrap();
        assert_eq!(interview.steps.len(), 3, "sent, in review, interview");
        assert!(interview.steps[2].note.is_some());
    })
    .await;
}
