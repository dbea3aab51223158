//! Case managers through the real router: only assigned households, a reason before any file,
//! the citizen's access log, and the read-only view of a citizen, where every route that could
//! change something is refused (enumerated from the router, so a new one is covered at once).

use crate::common;

use crate::common::{TestApp, TestDb, get_as, location, post_as, sign_in_demo};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use store::entity::{application, assignment, convocation, convocation_receipt, household, member};
use store::{audit, caseload};

const FRANCESCA: &str = "CNTFNC82M50H501U";

async fn household_of(app: &TestApp, protocol: &str) -> i64 {
    application::Entity::find()
        .filter(application::Column::InpsProtocol.eq(protocol))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .household_id
}

/// The `<main>` of a page, without the attribute a read-only view adds.
fn main_of(page: &str) -> String {
    let start = page.find("<main").unwrap();
    let end = page.find("</main>").unwrap();
    page[start..end].replace(" class=\"read-only-view\"", "").replace(" class=\"\"", "")
}

#[tokio::test]
async fn an_operator_sees_and_opens_only_what_is_assigned_on_both_backends() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        let francesca = sign_in_demo(&app, "francesca").await;
        let marco = sign_in_demo(&app, "marco").await;

        // The dashboard lists Roma's households (assigned by the demo's administrator), none of
        // Torino's or Napoli's.
        let page = get_as(&app, "/operatore", &francesca).await.text().await.unwrap();
        assert!(page.contains("INPS-ADI-2026-0000101"), "Maria's household is assigned");
        assert!(!page.contains("INPS-ADI-2026-0000104"), "a Torino household is not");
        assert!(!page.contains("INPS-ADI-2026-0000110"), "a Napoli household is not");
        let cpi = get_as(&app, "/operatore", &marco).await.text().await.unwrap();
        assert!(cpi.contains("INPS-ADI-2026-0000104") && !cpi.contains("INPS-ADI-2026-0000101"));

        // Sorted by days left: non-decreasing, then the reverse; "nothing due" always last.
        let days = |page: &str| -> Vec<Option<i64>> {
            // Every "days left" cell, and only those, carries `data-days` (empty: nothing due).
            page.split("data-days=\"")
                .skip(1)
                .map(|rest| rest.split('"').next().and_then(|d| d.parse().ok()))
                .collect()
        };
        let asc = days(&page);
        assert!(asc.len() >= 4, "{asc:?}");
        let dated: Vec<i64> = asc.iter().flatten().copied().collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{asc:?}");
        assert!(asc.iter().skip_while(|d| d.is_some()).all(|d| d.is_none()), "{asc:?}");
        assert!(dated.first().is_some_and(|d| *d < 0), "an overdue household comes first: {asc:?}");
        let desc = days(
            &get_as(&app, "/operatore?ordine=scadenza-lontana", &francesca)
                .await
                .text()
                .await
                .unwrap(),
        );
        let dated_desc: Vec<i64> = desc.iter().flatten().copied().collect();
        assert!(dated_desc.windows(2).all(|w| w[0] >= w[1]), "{desc:?}");

        // Search by protocol and by codice fiscale; a filter by deadline window.
        let found = get_as(&app, "/operatore?cerca=INPS-ADI-2026-0000101", &francesca).await;
        let found = found.text().await.unwrap();
        assert_eq!(days(&found).len(), 1);
        let found =
            get_as(&app, "/operatore?cerca=rssmra80", &francesca).await.text().await.unwrap();
        assert!(found.contains("INPS-ADI-2026-0000101") && days(&found).len() == 1);
        let overdue =
            get_as(&app, "/operatore?scadenza=scaduti", &francesca).await.text().await.unwrap();
        assert!(days(&overdue).iter().all(|d| d.is_some_and(|d| d < 0)));
        // Totals agree with the rows: all of the caseload, and the filtered part.
        assert!(page.contains(&format!("Risultati: {}", asc.len())), "one page holds them all");
        assert!(overdue.contains(&format!("Risultati: {}", days(&overdue).len())));
        assert!(found.contains("Risultati: 1"));
        let accepted =
            get_as(&app, "/operatore?stato=accepted", &francesca).await.text().await.unwrap();
        assert!(accepted.contains(&format!("Risultati: {}", days(&accepted).len())));
        assert!(!days(&accepted).is_empty() && days(&accepted).len() < asc.len());
        assert!(page.contains("<svg role=\"img\""), "the chart is drawn on the server");
        // A page far past the end is empty, not an error.
        let far = get_as(&app, "/operatore?pagina=18446744073709551615", &francesca).await;
        assert_eq!(far.status(), StatusCode::OK);
        assert!(days(&far.text().await.unwrap()).is_empty());

        // Guessed ids: every household that is not assigned (and one that does not exist) is
        // not found, for each detail route.
        let mine: Vec<i64> = assignment::Entity::find()
            .filter(assignment::Column::OperatorCodiceFiscale.eq(FRANCESCA))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.household_id)
            .collect();
        let mut others: Vec<i64> = household::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .filter(|id| !mine.contains(id))
            .collect();
        assert!(!others.is_empty());
        others.push(999_999);
        let reason = [("motivo", "meeting"), ("testo", ""), ("membro", "1")];
        for id in others {
            let file = get_as(&app, &format!("/operatore/nuclei/{id}"), &francesca).await;
            assert_eq!(file.status(), StatusCode::NOT_FOUND, "household {id}");
            let file = get_as(&app, &format!("/operatore/nuclei/{id}?accesso=1"), &francesca).await;
            assert_eq!(file.status(), StatusCode::NOT_FOUND, "household {id}");
            // The server function behind the page, asked directly.
            let id_field = id.to_string();
            let direct =
                post_as(&app, "/api/open_household_file", &francesca, &[("id", id_field.as_str())])
                    .await;
            assert_eq!(direct.status(), StatusCode::NOT_FOUND, "household {id}");
            for action in ["accesso", "visualizza"] {
                let path = format!("/operatore/nuclei/{id}/{action}");
                let refused = post_as(&app, &path, &francesca, &reason).await;
                assert_eq!(refused.status(), StatusCode::NOT_FOUND, "{path}");
            }
        }
        let mine_field = mine[0].to_string();
        let direct =
            post_as(&app, "/api/open_household_file", &francesca, &[("id", mine_field.as_str())])
                .await;
        assert_eq!(direct.status(), StatusCode::OK);
        assert!(direct.text().await.unwrap().contains("NeedsReason"), "no file without a reason");
        // A job-centre operator cannot open a Roma household either.
        let roma = household_of(&app, "INPS-ADI-2026-0000101").await;
        let file = get_as(&app, &format!("/operatore/nuclei/{roma}"), &marco).await;
        assert_eq!(file.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            store::entity::data_access::Entity::find().count(&app.db).await.unwrap(),
            0,
            "no look was recorded"
        );
    }
}

#[tokio::test]
async fn a_file_needs_a_reason_and_the_citizen_reads_who_looked() {
    common::on_both_backends(&[], |app| async move {
        let francesca = sign_in_demo(&app, "francesca").await;
        let id = household_of(&app, "INPS-ADI-2026-0000101").await;

        // Without a reason: the form, and none of the household's data.
        let page = get_as(&app, &format!("/operatore/nuclei/{id}"), &francesca).await;
        assert_eq!(page.status(), StatusCode::OK);
        let page = page.text().await.unwrap();
        assert!(page.contains("name=\"motivo\"") && !page.contains("RSSMRA80A41H501Y"));
        // "Other" needs words: refused next to the field, with what was typed kept.
        let path = format!("/operatore/nuclei/{id}/accesso");
        let refused =
            post_as(&app, &path, &francesca, &[("motivo", "other"), ("testo", " ")]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().await.unwrap().contains("Per «Altro» scrivi il motivo."));
        let opened =
            post_as(&app, &path, &francesca, &[("motivo", "meeting"), ("testo", "colloquio")])
                .await;
        assert_eq!(opened.status(), StatusCode::SEE_OTHER);
        let file = location(&opened);
        assert!(file.starts_with(&format!("/operatore/nuclei/{id}?accesso=")), "{file}");
        let page = get_as(&app, &file, &francesca).await.text().await.unwrap();
        assert!(page.contains("RSSMRA80A41H501Y") && page.contains("INPS-ADI-2026-0000101"));
        assert!(page.contains("Storia della domanda") && page.contains("Accolta"));
        let audit = audit::all(&app.db).await.unwrap();
        assert!(audit.iter().any(|e| e.action == "household_opened"));

        // Maria reads it: role and organisation, the reason, never the operator's name.
        let maria = sign_in_demo(&app, "maria").await;
        let log = get_as(&app, "/accessi", &maria).await.text().await.unwrap();
        assert!(log.contains("Case manager dei servizi sociali, Servizi sociali - Comune di Roma"));
        assert!(log.contains("Preparare un incontro o una convocazione: colloquio"));
        assert!(!log.contains("Francesca"));
    })
    .await;
}

#[tokio::test]
async fn a_read_only_view_shows_the_citizens_pages_and_refuses_every_change() {
    common::on_both_backends(&[], |app| async move {
        let francesca = sign_in_demo(&app, "francesca").await;
        // Giovanna signed her PAD ten days ago: her pages show the 120-day counter.
        let giovanna = sign_in_demo(&app, "giovanna").await;
        let id = household_of(&app, "INPS-ADI-2026-0000105").await;
        let giovanna_id = member::Entity::find()
            .filter(member::Column::CodiceFiscale.eq("MARGIO84H58H501T"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        const PAGES: [&str; 8] = [
            "/il-mio-siisl",
            "/domanda",
            "/nucleo",
            "/percorso",
            "/cv",
            "/candidature",
            "/messaggi",
            "/accessi",
        ];
        let mut own = Vec::new();
        for page in PAGES {
            own.push(get_as(&app, page, &giovanna).await.text().await.unwrap());
        }
        assert!(own[0].contains("data-kind=\"first_meeting\""), "the 120-day banner");

        let member_field = giovanna_id.to_string();
        let path = format!("/operatore/nuclei/{id}/visualizza");
        let no_reason =
            post_as(&app, &path, &francesca, &[("motivo", ""), ("membro", &member_field)]).await;
        assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let form =
            [("motivo", "citizen_request"), ("testo", ""), ("membro", member_field.as_str())];
        let started = post_as(&app, &path, &francesca, &form).await;
        assert_eq!(started.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&started), "/il-mio-siisl");

        // The same page, by the same components, under the banner.
        for (page, own) in PAGES.iter().zip(&own) {
            let viewed = get_as(&app, page, &francesca).await.text().await.unwrap();
            assert!(
                viewed.contains("Visualizzazione in sola lettura delle pagine di Giovanna Marino")
            );
            if *page != "/accessi" {
                assert_eq!(main_of(&viewed), main_of(own), "{page}");
            }
        }
        // The operator's own pages wait until the view ends.
        assert_eq!(get_as(&app, "/operatore", &francesca).await.status(), StatusCode::FORBIDDEN);

        // Every route sent with POST (forms, server functions) except the few that change nothing
        // is refused, and nothing changes.
        let counts = |db: sea_orm::DatabaseConnection| async move {
            (
                store::entity::pad_nucleo::Entity::find().count(&db).await.unwrap(),
                store::entity::cv::Entity::find().count(&db).await.unwrap(),
                store::entity::candidacy::Entity::find().count(&db).await.unwrap(),
                store::entity::certified_contact::Entity::find().count(&db).await.unwrap(),
                store::entity::notification::Entity::find()
                    .filter(store::entity::notification::Column::ReadAt.is_not_null())
                    .count(&db)
                    .await
                    .unwrap(),
                convocation_receipt::Entity::find().count(&db).await.unwrap(),
            )
        };
        let before = counts(app.db.clone()).await;
        let mut refused = 0;
        for (method, route) in common::all_routes() {
            if method == "GET"
                || server::policy::allowed_while_viewing(&reqwest::Method::POST, &route)
            {
                continue;
            }
            let path = route
                .replace("{provider}", "demo")
                .replace("{id}", &id.to_string())
                .replace("{section}", "esperienze");
            let response = post_as(&app, &path, &francesca, &[("motivo", "meeting")]).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{method} {path} during a view");
            refused += 1;
        }
        assert!(refused > 30, "{refused}");
        assert_eq!(counts(app.db.clone()).await, before, "nothing changed");
        let audit = audit::all(&app.db).await.unwrap();
        let refusals: Vec<_> = audit.iter().filter(|e| e.action == "viewing_refused").collect();
        assert_eq!(refusals.len(), refused);
        // Recorded as the case manager's acts, not the citizen's.
        assert!(refusals.iter().all(|e| e.actor_role.as_deref() == Some("case_manager")));
        assert!(audit.iter().any(|e| e.action == "viewing_started"));

        // Leaving returns to the dashboard; the view is over.
        let left = post_as(&app, "/visualizzazione/termina", &francesca, &[]).await;
        assert_eq!(left.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&left), "/operatore");
        assert_eq!(get_as(&app, "/operatore", &francesca).await.status(), StatusCode::OK);
        assert_eq!(get_as(&app, "/il-mio-siisl", &francesca).await.status(), StatusCode::FORBIDDEN);

        // Giovanna finds the view in her log, with the member it was of.
        let log = get_as(&app, "/accessi", &giovanna).await.text().await.unwrap();
        assert!(log.contains("Visualizzazione delle pagine di Giovanna Marino"), "{log}");
    })
    .await;
}

#[tokio::test]
async fn a_view_records_no_read_receipt_and_ends_with_the_assignment() {
    common::on_both_backends(&[], |app| async move {
        let francesca = sign_in_demo(&app, "francesca").await;
        let id = household_of(&app, "INPS-ADI-2026-0000108").await;
        let summoned = convocation::Entity::find()
            .filter(convocation::Column::HouseholdId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the demo household overdue with a convocation has one");
        let applicant = member::Entity::find()
            .filter(member::Column::HouseholdId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let reads = || {
            convocation_receipt::Entity::find()
                .filter(convocation_receipt::Column::ConvocationId.eq(summoned.id))
                .filter(convocation_receipt::Column::Kind.eq("read"))
                .count(&app.db)
        };
        let before = reads().await.unwrap();
        let path = format!("/operatore/nuclei/{id}/visualizza");
        let member_field = applicant.id.to_string();
        let form = [("motivo", "deadline"), ("membro", member_field.as_str())];
        assert_eq!(post_as(&app, &path, &francesca, &form).await.status(), StatusCode::SEE_OTHER);
        let page = get_as(&app, &format!("/convocazioni/{}", summoned.id), &francesca).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(reads().await.unwrap(), before, "an operator's view is not the citizen reading");

        // The assignment ends: the view ends with it, at the next request.
        let mine = assignment::Entity::find()
            .filter(assignment::Column::OperatorCodiceFiscale.eq(FRANCESCA))
            .filter(assignment::Column::HouseholdId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(caseload::unassign(&app.db, mine.id).await.unwrap());
        assert_eq!(get_as(&app, "/il-mio-siisl", &francesca).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(get_as(&app, "/operatore", &francesca).await.status(), StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn administrators_assign_with_clear_refusals() {
    common::on_both_backends(&[], |app| async move {
        let anna = sign_in_demo(&app, "anna").await;
        let page = "/amministrazione/assegnazioni";
        let list = get_as(&app, page, &anna).await.text().await.unwrap();
        assert!(list.contains("INPS-ADI-2026-0000101"), "the demo's assignments are listed");
        // A Napoli household to the Roma case manager.
        let form =
            [("operatore", FRANCESCA), ("protocollo", "INPS-ADI-2026-0000110"), ("membro", "")];
        let saved = post_as(&app, page, &anna, &form).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let again = post_as(&app, page, &anna, &form).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        let unknown = [("operatore", FRANCESCA), ("protocollo", "INPS-NOPE"), ("membro", "")];
        let refused = post_as(&app, page, &anna, &unknown).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(
            body.contains("Nessuna domanda con questo protocollo.") && body.contains("INPS-NOPE")
        );
        // A case manager is assigned households, not members.
        let wrong = [
            ("operatore", FRANCESCA),
            ("protocollo", "INPS-ADI-2026-0000101"),
            ("membro", "RSSMRA80A41H501Y"),
        ];
        assert_eq!(
            post_as(&app, page, &anna, &wrong).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let francesca = sign_in_demo(&app, "francesca").await;
        let dashboard = get_as(&app, "/operatore", &francesca).await.text().await.unwrap();
        assert!(dashboard.contains("INPS-ADI-2026-0000110"));
    })
    .await;
}

#[tokio::test]
async fn administrators_assign_a_whole_municipality_or_province_in_one_audited_action() {
    common::on_both_backends(&[], |app| async move {
        let anna = sign_in_demo(&app, "anna").await;
        let page = "/amministrazione/assegnazioni/area";
        let in_roma = household::Entity::find()
            .filter(household::Column::MunicipalityCode.eq("H501"))
            .count(&app.db)
            .await
            .unwrap();
        let held = |cf: &'static str| {
            let db = app.db.clone();
            async move {
                assignment::Entity::find()
                    .filter(assignment::Column::OperatorCodiceFiscale.eq(cf))
                    .count(&db)
                    .await
                    .unwrap()
            }
        };
        let before = held(FRANCESCA).await;
        let form = [("operatore", FRANCESCA), ("comune", "h501"), ("provincia", "")];
        let saved = post_as(&app, page, &anna, &form).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        assert!(in_roma >= 2, "the demo has several households in Roma");
        let assigned: u64 =
            common::query_param(&format!("http://x{}", location(&saved)), "assegnati")
                .unwrap()
                .parse()
                .unwrap();
        assert_eq!(held(FRANCESCA).await, before + assigned, "each new one once");
        let roma: Vec<i64> = household::Entity::find()
            .filter(household::Column::MunicipalityCode.eq("H501"))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        let hers = assignment::Entity::find()
            .filter(assignment::Column::OperatorCodiceFiscale.eq(FRANCESCA))
            .filter(assignment::Column::HouseholdId.is_in(roma))
            .filter(assignment::Column::MemberId.is_null())
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(hers, in_roma, "every Roma household is hers");
        let shown = get_as(&app, &location(&saved), &anna).await.text().await.unwrap();
        assert!(shown.contains("data-testid=\"bulk-saved\""), "the page says how many");
        // Again: nothing new, all already there.
        let again = post_as(&app, page, &anna, &form).await;
        assert!(location(&again).contains("assegnati=0"), "{}", location(&again));
        let trail = audit::all(&app.db).await.unwrap();
        assert!(
            trail.iter().any(|e| e.action == "assignment_changed"
                && e.target.as_deref().is_some_and(|t| t.contains("municipality H501"))),
            "one audit entry for the whole action"
        );

        // A job-centre operator gets the attivabili of a province.
        let marco = "FRRMRC78E15L219Q";
        let form = [("operatore", marco), ("comune", ""), ("provincia", "RM")];
        assert_eq!(post_as(&app, page, &anna, &form).await.status(), StatusCode::SEE_OTHER);
        let attivabili_assigned = assignment::Entity::find()
            .filter(assignment::Column::OperatorCodiceFiscale.eq(marco))
            .filter(assignment::Column::MemberId.is_not_null())
            .count(&app.db)
            .await
            .unwrap();
        assert!(attivabili_assigned >= 1, "Roma's attivabili");

        // Refusals name the field; nothing is written.
        let count = assignment::Entity::find().count(&app.db).await.unwrap();
        for (form, field) in [
            ([("operatore", marco), ("comune", "H501"), ("provincia", "")], "operatore"),
            ([("operatore", FRANCESCA), ("comune", "Z999"), ("provincia", "")], "comune"),
            ([("operatore", FRANCESCA), ("comune", "H501"), ("provincia", "RM")], "comune"),
            (
                [("operatore", "RSSMRA80A41H501Y"), ("comune", "H501"), ("provincia", "")],
                "operatore",
            ),
        ] {
            let refused = post_as(&app, page, &anna, &form).await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
            let body = refused.text().await.unwrap();
            assert!(body.contains(&format!("id=\"area-{field}-errore\"")), "{form:?}");
        }
        assert_eq!(assignment::Entity::find().count(&app.db).await.unwrap(), count);
    })
    .await;
}
