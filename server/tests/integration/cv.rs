//! The CV editor, its export and import, the PAD individuale and the SFL steps, through the
//! real router: every refusal the issue lists gets a field error or a clean 4xx, and stored text
//! renders escaped.

use crate::common;

use crate::common::builders::{Household, citizen_session, operator_session};
use crate::common::{TestApp, TestDb, get_as, location, post_as};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use store::entity::{application, pad_individuale};

async fn register(app: &TestApp, session: &str) {
    let done =
        post_as(app, "/iscrizione", session, &[("consent", "si"), ("email", ""), ("phone", "")])
            .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
}

/// The version the CV is at, as the pages carry it.
async fn version(app: &TestApp, session: &str) -> String {
    let page = get_as(app, "/cv/aspirazioni", session).await.text().await.unwrap();
    common::field_values(&page, "version").into_iter().next().expect("a version field")
}

async fn post_section(
    app: &TestApp,
    session: &str,
    section: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let v = version(app, session).await;
    let mut fields = vec![("version", v.as_str())];
    fields.extend_from_slice(form);
    post_as(app, &format!("/cv/{section}"), session, &fields).await
}

async fn export(app: &TestApp, session: &str) -> serde_json::Value {
    let file = get_as(app, "/cv/esporta", session).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert!(file.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    file.json().await.unwrap()
}

/// A multipart upload of `file` as the import form sends it.
async fn import(app: &TestApp, session: &str, version: &str, file: &[u8]) -> reqwest::Response {
    let boundary = "siisl-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n{version}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.json\"\r\nContent-Type: application/json\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    app.client
        .post(app.url("/cv/importa"))
        .header(reqwest::header::COOKIE, format!("siisl_session={session}"))
        .header(reqwest::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

fn schema() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/cv.schema.json"))
            .unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// An attivabile of an ADI household whose PAD is signed and who was assessed and sent to the
/// job centre (so her CV and the PAD individuale are open to her), signed in but not yet
/// registered on SIISL.
async fn attivabile_aisha(app: &TestApp) -> String {
    let household = Household::adi()
        .with_member(true)
        .named("Aisha", "Benali")
        .attivabili_assessed()
        .make(app)
        .await;
    citizen_session(app, &household.members[1]).await
}

async fn fill_and_check(app: &TestApp) {
    let aisha = attivabile_aisha(app).await;
    let unregistered = get_as(app, "/cv", &aisha).await;
    assert_eq!(location(&unregistered), "/iscrizione", "registration comes first");
    let refused =
        post_as(app, "/cv/aspirazioni", &aisha, &[("version", "0"), ("aspirations", "x")]).await;
    assert_eq!(location(&refused), "/iscrizione", "nothing is written before registration");
    register(app, &aisha).await;

    let overview = get_as(app, "/cv", &aisha).await;
    assert_eq!(overview.status(), StatusCode::OK);
    assert!(
        overview.text().await.unwrap().contains("Aisha Benali"),
        "started from what SIISL knows"
    );

    // A job title typed without JavaScript resolves to its CP2011 unit.
    let saved = post_section(
        app,
        &aisha,
        "esperienze",
        &[
            ("item", ""),
            ("occupation", "Magazziniere consegnatario di articoli all'ingrosso"),
            ("employer", "<script>alert('x')</script> Logistica"),
            ("place", "Torino"),
            ("start", "2019-03-01"),
            ("end", "2023-06-30"),
            ("description", "Carico e scarico"),
        ],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&saved), "/cv/esperienze?salvato=1");
    let page = get_as(app, "/cv", &aisha).await.text().await.unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Logistica")
            || page.contains("&lt;script&gt;"),
        "escaped"
    );
    assert!(!page.contains("<script>alert("), "stored markup never runs");
    assert!(page.contains("5.1.2.1.0"), "coded to the CP2011 unit");

    // A code picked for another text (the text was edited afterwards) is not trusted.
    let edited = post_section(
        app,
        &aisha,
        "esperienze",
        &[
            ("item", ""),
            ("occupation", "Aiuto cuoco di ristorante"),
            ("occupation_code", "5.1.2.1.0"),
            ("occupation_for", "Magazziniere consegnatario di articoli all'ingrosso"),
            ("employer", "Trattoria"),
            ("start", "2010-01-01"),
            ("end", "2011-01-01"),
        ],
    )
    .await;
    assert_eq!(edited.status(), StatusCode::SEE_OTHER);
    let exported = export(app, &aisha).await;
    let cook = exported["cv"]["work_experience"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["employer"] == "Trattoria")
        .unwrap();
    assert_eq!(cook["occupation_code"], "5.2.2.1.0");
    let delete = post_section(app, &aisha, "esperienze", &[("delete", "1")]).await;
    assert_eq!(delete.status(), StatusCode::SEE_OTHER);

    // End before start, and a future end for a finished job: errors next to the fields, typed values kept.
    for (end, message) in
        [("2018-01-01", "precedente a quella di inizio"), ("2099-01-01", "nel futuro")]
    {
        let refused = post_section(
            app,
            &aisha,
            "esperienze",
            &[
                ("item", ""),
                ("occupation", "Aiuto cuoco di ristorante"),
                ("employer", "Trattoria"),
                ("start", "2019-01-01"),
                ("end", end),
            ],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"cv-end-error\"") && body.contains(message), "{end}");
        common::assert_error_summary_links(&body, &["cv-end"]);
        assert!(body.contains("value=\"Trattoria\""), "what was typed is kept");
    }
    // An ambiguous title offers the candidates; picking one saves.
    let ambiguous = post_section(
        app,
        &aisha,
        "esperienze",
        &[
            ("item", ""),
            ("occupation", "addetto"),
            ("employer", "Coop"),
            ("start", "2015-01-01"),
            ("end", "2016-01-01"),
        ],
    )
    .await;
    assert_eq!(ambiguous.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = ambiguous.text().await.unwrap();
    let choice =
        common::field_values(&body, "occupation_choice").into_iter().next().expect("candidates");
    let picked = post_section(
        app,
        &aisha,
        "esperienze",
        &[
            ("item", ""),
            ("occupation", "addetto"),
            ("occupation_choice", &choice),
            ("employer", "Coop"),
            ("start", "2015-01-01"),
            ("end", "2016-01-01"),
        ],
    )
    .await;
    assert_eq!(picked.status(), StatusCode::SEE_OTHER);

    // Languages: an invalid CEFR level is refused, a valid grid saved.
    let grid = |writing: &'static str| {
        vec![
            ("item", ""),
            ("language", "Inglese"),
            ("listening", "B2"),
            ("reading", "B2"),
            ("spoken_interaction", "B1"),
            ("spoken_production", "B1"),
            ("writing", writing),
        ]
    };
    let refused = post_section(app, &aisha, "lingue", &grid("D7")).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(body.contains("id=\"cv-writing-error\""));
    common::assert_error_summary_links(&body, &["cv-writing"]);
    assert_eq!(
        post_section(app, &aisha, "lingue", &grid("B1")).await.status(),
        StatusCode::SEE_OTHER
    );
    let tongues = post_section(
        app,
        &aisha,
        "lingue",
        &[("part", "mother_tongues"), ("mother_tongues", "Arabo, Francese")],
    )
    .await;
    assert_eq!(tongues.status(), StatusCode::SEE_OTHER);

    for (section, form) in [
        (
            "istruzione",
            vec![
                ("item", ""),
                ("title", "Diploma di ragioneria"),
                ("institution", "ITC Sommeiller"),
                ("eqf_level", "4"),
                ("end", "2009-07-10"),
            ],
        ),
        (
            "competenze-digitali",
            vec![
                ("information", "intermediate"),
                ("communication", "advanced"),
                ("tools", "Excel, palmare"),
            ],
        ),
        ("patenti", vec![("licence", "B"), ("licence", "AM")]),
        ("competenze", vec![("skill", "comunicazione")]),
        (
            "disponibilita",
            vec![("full_time", "si"), ("available_from", "01/12/2026"), ("max_distance_km", "30")],
        ),
        ("disponibilita", vec![("part", "place"), ("place", "Moncalieri"), ("province", "TO")]),
        (
            "aspirazioni",
            vec![("aspirations", "Lavorare in logistica.\nCrescere come capo reparto.")],
        ),
    ] {
        let saved = post_section(app, &aisha, section, &form).await;
        assert_eq!(
            saved.status(),
            StatusCode::SEE_OTHER,
            "{section}: {}",
            saved.text().await.unwrap_or_default()
        );
    }
    let refused = post_section(
        app,
        &aisha,
        "istruzione",
        &[("item", ""), ("title", "Laurea"), ("institution", "UniTo"), ("eqf_level", "9")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("id=\"cv-eqf-error\""));
    let refused = post_section(app, &aisha, "disponibilita", &[("max_distance_km", "-5")]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A stale version (another tab saved since) is a conflict, and changes nothing.
    let before = export(app, &aisha).await;
    let stale =
        post_as(app, "/cv/aspirazioni", &aisha, &[("version", "1"), ("aspirations", "Altro")])
            .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(stale.text().await.unwrap().contains("data-testid=\"cv-conflict\""));
    assert_eq!(export(app, &aisha).await, before);
    // A 10 MB payload is refused before it is read.
    let huge = "a".repeat(10 * 1024 * 1024);
    let refused = app
        .client
        .post(app.url("/cv/aspirazioni"))
        .header(reqwest::header::COOKIE, format!("siisl_session={aisha}"))
        .form(&[("version", "9"), ("aspirations", huge.as_str())])
        .send()
        .await;
    if let Ok(refused) = refused {
        assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }

    // Export validates against the committed schema; importing it back gives the same CV.
    let exported = export(app, &aisha).await;
    let validator = schema();
    assert!(
        validator.is_valid(&exported),
        "{:?}",
        validator.iter_errors(&exported).map(|e| e.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(exported["cv"]["work_experience"].as_array().unwrap().len(), 2);
    assert_eq!(exported["cv"]["skills"][0], "comunicazione");
    let v = version(app, &aisha).await;
    let done = import(app, &aisha, &v, exported.to_string().as_bytes()).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&done), "/cv?importato=1");
    assert_eq!(export(app, &aisha).await, exported, "export → import → export is identical");

    // Bad files: not JSON, another format, a CV that breaks the rules, a file over the limit.
    let v = version(app, &aisha).await;
    let refused = import(app, &aisha, &v, b"<html>").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("id=\"cv-file-error\""));
    let mut wrong = exported.clone();
    wrong["$schema"] = "https://example.org/other".into();
    assert_eq!(
        import(app, &aisha, &v, wrong.to_string().as_bytes()).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut backwards = exported.clone();
    backwards["cv"]["work_experience"][0]["end"] = "2000-01-01".into();
    let refused = import(app, &aisha, &v, backwards.to_string().as_bytes()).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("work_experience.0.end"));
    let big = vec![b' '; 300 * 1024];
    assert_eq!(import(app, &aisha, &v, &big).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(export(app, &aisha).await, exported, "nothing half-written");

    // The printable page and every section page render.
    for (slug, _) in app::pages::CV_SECTIONS {
        assert_eq!(
            get_as(app, &format!("/cv/{slug}"), &aisha).await.status(),
            StatusCode::OK,
            "{slug}"
        );
    }
    let print = get_as(app, "/cv/stampa", &aisha).await.text().await.unwrap();
    assert!(print.contains("Lavorare in logistica."));
}

#[tokio::test]
async fn a_cv_is_filled_exported_and_imported_and_bad_input_is_refused() {
    common::on_both_backends(&[], |app| async move {
        fill_and_check(&app).await;
    })
    .await;
}

#[tokio::test]
async fn the_cv_works_the_same_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let app = TestApp::spawn_with(db, &[]).await;
    fill_and_check(&app).await;
}

#[tokio::test]
async fn operators_cannot_open_a_citizens_cv_pages() {
    common::on_both_backends(&[], |app| async move {
        let (_, francesca) = operator_session(&app, contract::policy::Role::CaseManager).await;
        for path in ["/cv", "/cv/esporta", "/pad-individuale"] {
            assert_eq!(
                get_as(&app, path, &francesca).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        let refused =
            post_as(&app, "/cv/aspirazioni", &francesca, &[("version", "0"), ("aspirations", "x")])
                .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        // The autocomplete's lists are public.
        let found = app.get("/api/suggest?kind=occupation&q=magazzin").await;
        assert_eq!(found.status(), StatusCode::OK);
        let list: serde_json::Value = found.json().await.unwrap();
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .any(|s| s["label"].as_str().unwrap().starts_with("Magazzin"))
        );
    })
    .await;
}

#[tokio::test]
async fn an_attivabile_signs_the_pad_individuale_with_the_did() {
    common::on_both_backends(&[], |app| async move {
        let aisha = attivabile_aisha(&app).await;
        register(&app, &aisha).await;
        let pacts = || async { pad_individuale::Entity::find().count(&app.db).await.unwrap() };
        let before = pacts().await;
        let home = get_as(&app, "/il-mio-siisl", &aisha).await.text().await.unwrap();
        assert!(home.contains("href=\"/pad-individuale\""), "the next step is the individual pact");
        let page = get_as(&app, "/pad-individuale", &aisha).await.text().await.unwrap();
        assert!(
            page.contains("id=\"padi-did\"") && !page.contains("name=\"agency\""),
            "no agencies for ADI"
        );

        let refused =
            post_as(&app, "/pad-individuale", &aisha, &[("consent", "si"), ("confirm", "si")])
                .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"padi-did-error\""));
        common::assert_error_summary_links(&body, &["padi-did"]);
        assert_eq!(pacts().await, before, "nothing stored");

        let signed = post_as(
            &app,
            "/pad-individuale",
            &aisha,
            &[("did", "si"), ("consent", "si"), ("confirm", "si")],
        )
        .await;
        assert_eq!(signed.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&signed), "/pad-individuale/ricevuta");
        let receipt = get_as(&app, "/pad-individuale/ricevuta", &aisha).await.text().await.unwrap();
        assert!(receipt.contains("data-testid=\"sha256\""));
        let again = post_as(
            &app,
            "/pad-individuale",
            &aisha,
            &[("did", "si"), ("consent", "si"), ("confirm", "si")],
        )
        .await;
        assert_eq!(
            location(&again),
            "/pad-individuale/ricevuta",
            "signing twice shows the one pact"
        );
        assert_eq!(pacts().await, before + 1);
    })
    .await;
}

#[tokio::test]
async fn an_sfl_applicant_confirms_enrolment_and_needs_three_agencies() {
    common::on_both_backends(&[], |app| async move {
        // An SFL applicant in Naples, accepted by INPS.
        let household = Household::sfl().living_in("F839").accepted().make(&app).await;
        let giuseppe = citizen_session(&app, household.applicant()).await;
        register(&app, &giuseppe).await;
        let page = get_as(&app, "/pad-individuale", &giuseppe).await.text().await.unwrap();
        assert!(page.contains("data-testid=\"padi-unavailable\""), "enrolment first");
        let home = get_as(&app, "/il-mio-siisl", &giuseppe).await.text().await.unwrap();
        assert!(home.contains("action=\"/sfl/adesione\""));
        let enrolled = post_as(&app, "/sfl/adesione", &giuseppe, &[]).await;
        assert_eq!(enrolled.status(), StatusCode::SEE_OTHER);

        let page = get_as(&app, "/pad-individuale", &giuseppe).await.text().await.unwrap();
        assert!(
            page.find("APL-DEMO-001").unwrap() < page.find("APL-DEMO-005").unwrap(),
            "Naples agencies first"
        );
        let two = [
            ("did", "si"),
            ("agency", "APL-DEMO-001"),
            ("agency", "APL-DEMO-002"),
            ("consent", "si"),
            ("confirm", "si"),
        ];
        let refused = post_as(&app, "/pad-individuale", &giuseppe, &two).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"padi-agencies-error\""));
        assert!(body.contains("value=\"APL-DEMO-001\" checked"), "the choices are kept");
        let forged = [
            ("did", "si"),
            ("agency", "APL-DEMO-001"),
            ("agency", "APL-DEMO-002"),
            ("agency", "NOPE"),
            ("consent", "si"),
            ("confirm", "si"),
        ];
        assert_eq!(
            post_as(&app, "/pad-individuale", &giuseppe, &forged).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let protocol = application::Entity::find_by_id(household.application_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(protocol.status, "accepted");

        let three = [
            ("did", "si"),
            ("agency", "APL-DEMO-001"),
            ("agency", "APL-DEMO-002"),
            ("agency", "APL-DEMO-008"),
            ("consent", "si"),
            ("confirm", "si"),
        ];
        let signed = post_as(&app, "/pad-individuale", &giuseppe, &three).await;
        assert_eq!(signed.status(), StatusCode::SEE_OTHER);
        let now = application::Entity::find_by_id(protocol.id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(now.status, "active", "the pact starts the SFL allowance (R14)");
        let home = get_as(&app, "/il-mio-siisl", &giuseppe).await.text().await.unwrap();
        assert!(
            home.contains("action=\"/sfl/partecipazione\""),
            "the R15 banner carries its button"
        );
        let confirmed = post_as(&app, "/sfl/partecipazione", &giuseppe, &[]).await;
        assert_eq!(location(&confirmed), "/il-mio-siisl?confermato=1");
    })
    .await;
}

#[tokio::test]
async fn a_save_sent_again_after_its_answer_was_lost_is_saved_once_and_another_edit_conflicts() {
    // The rule lives in the CV service (`store::cv::save`); the router shows its two answers.
    common::on_both_backends(&[], |app| async move {
        let household = Household::adi().accepted().make(&app).await;
        let aisha = citizen_session(&app, household.applicant()).await;
        register(&app, &aisha).await;
        let first = version(&app, &aisha).await;
        let form = [("version", first.as_str()), ("aspirations", "Lavorare in un magazzino")];
        let saved = post_as(&app, "/cv/aspirazioni", &aisha, &form).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let after = version(&app, &aisha).await;
        assert_ne!(after, first, "a save moves the version on");
        // The same form again, with the version it was filled on: saved, nothing written.
        let resent = post_as(&app, "/cv/aspirazioni", &aisha, &form).await;
        assert_eq!(resent.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&resent), "/cv/aspirazioni?salvato=1");
        assert_eq!(version(&app, &aisha).await, after, "a resend writes nothing");
        // A different text on that old version is someone else's edit overtaken: a conflict.
        let other = [("version", first.as_str()), ("aspirations", "Lavorare in un ufficio")];
        let stale = post_as(&app, "/cv/aspirazioni", &aisha, &other).await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        assert_eq!(version(&app, &aisha).await, after);
        let stored = export(&app, &aisha).await.to_string();
        assert!(stored.contains("Lavorare in un magazzino") && !stored.contains("ufficio"));
        // The section routes are one pattern: a slug that is not a section is not found.
        assert_eq!(get_as(&app, "/cv/sconosciuta", &aisha).await.status(), StatusCode::NOT_FOUND);
        let unknown = post_as(&app, "/cv/sconosciuta", &aisha, &form).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    })
    .await;
}
