//! The machine API over HTTP, on SQLite and PostgreSQL: every event type changes what the
//! citizen sees and a repeat changes nothing; tokens, scopes, expiry and secret rotation;
//! problem details naming the field; the router's API paths against the served OpenAPI
//! document; the administrators' page for clients.

use crate::common;

use crate::common::{TestApp, TestDb, get_as, post_as};
use contract::identity::check_character;
use contract::policy::Role;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use store::audit;
use store::entity::{
    inbound_event, member, notification, pad_nucleo, path_update, payment, plan, status_change,
};
use store::interop::{self, Platform};

const GIOVANNA: &str = "MARGIO84H58H501T";
const GIOVANNA_PROTOCOL: &str = "INPS-ADI-2026-0000105";
const GIUSEPPE: &str = "SPSGPP95C12F839S";
const ADMINISTRATOR: &str = "GLLNNA70B48D612X";

/// A valid codice fiscale from its first 15 characters.
fn cf(first15: &str) -> String {
    format!("{first15}{}", check_character(first15.as_bytes()) as char)
}

/// A session for `codice_fiscale` with `role`, through the services sign-in uses; citizens are
/// registered on SIISL as the registration form would.
async fn session_for(app: &TestApp, codice_fiscale: &str, role: Role) -> String {
    if role == Role::Citizen {
        let account = common::account_of(app, codice_fiscale).await;
        let form = store::citizen::RegistrationForm {
            consent: Some("si".into()),
            email: String::new(),
            phone: String::new(),
        };
        // Already registered (a demo persona) is fine.
        let _ = store::citizen::register(
            &app.db,
            codice_fiscale,
            &account.id,
            &form,
            chrono::Utc::now(),
        )
        .await;
    }
    common::session_for(app, codice_fiscale, role, "interop").await
}

/// A registered client of `platform` and a token for it, through the token endpoint.
async fn token_for(app: &TestApp, platform: Platform) -> String {
    let issued = interop::create_client(&app.db, "Test", platform, "test", chrono::Utc::now())
        .await
        .unwrap();
    request_token(app, &issued.client.client_id, &issued.secret).await.unwrap()
}

async fn request_token(app: &TestApp, client_id: &str, secret: &str) -> Result<String, Value> {
    let response = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", secret),
        ])
        .send()
        .await
        .unwrap();
    let ok = response.status() == StatusCode::OK;
    let body: Value = response.json().await.unwrap();
    if ok { Ok(body["access_token"].as_str().unwrap().to_string()) } else { Err(body) }
}

/// Sends an event; returns the status, the content type and the body.
async fn send(app: &TestApp, token: &str, path: &str, body: &Value) -> (StatusCode, String, Value) {
    let response =
        app.client.post(app.url(path)).bearer_auth(token).json(body).send().await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, content_type, body)
}

/// Sends an event that must apply, then sends it again: the repeat is a 200 `duplicate` and
/// changes none of the household's records.
async fn apply_once(app: &TestApp, token: &str, path: &str, body: Value) {
    let (status, _, answer) = send(app, token, path, &body).await;
    assert_eq!(status, StatusCode::OK, "{path}: {answer}");
    assert_eq!(answer["status"], "applied", "{path}: {answer}");
    assert_eq!(answer["event_id"], body["event_id"]);
    let before = footprint(app).await;
    let (status, _, again) = send(app, token, path, &body).await;
    assert_eq!(status, StatusCode::OK, "{path} repeated: {again}");
    assert_eq!(again["status"], "duplicate", "{path} repeated: {again}");
    assert_eq!(again["received_at"], answer["received_at"]);
    assert_eq!(footprint(app).await, before, "{path}: a repeat changes nothing");
}

/// Counts of everything an event can write.
async fn footprint(app: &TestApp) -> Vec<u64> {
    let db = &app.db;
    vec![
        notification::Entity::find().count(db).await.unwrap(),
        status_change::Entity::find().count(db).await.unwrap(),
        payment::Entity::find().count(db).await.unwrap(),
        plan::Entity::find().count(db).await.unwrap(),
        path_update::Entity::find().count(db).await.unwrap(),
        inbound_event::Entity::find().count(db).await.unwrap(),
        store::entity::meeting::Entity::find().count(db).await.unwrap(),
        store::entity::convocation::Entity::find().count(db).await.unwrap(),
        member::Entity::find().filter(member::Column::Attivabile.eq(true)).count(db).await.unwrap(),
        audit::all(db).await.unwrap().iter().filter(|e| e.action == "event_received").count()
            as u64,
    ]
}

async fn page(app: &TestApp, path: &str, session: &str) -> String {
    let response = get_as(app, path, session).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

fn today() -> chrono::NaiveDate {
    domain::calendar::rome_date(chrono::Utc::now())
}

#[tokio::test]
async fn every_event_type_reaches_the_citizen_once_on_both_backends() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        let inps = token_for(&app, Platform::Inps).await;
        let gepi = token_for(&app, Platform::Gepi).await;
        let siu = token_for(&app, Platform::Siu).await;

        // INPS: a new application, its assessment and outcome.
        let applicant = cf("VRDLRA85T50H501");
        let child = cf("VRDTMS15A01H501");
        apply_once(
            &app,
            &inps,
            "/api/v1/inps/applications",
            json!({
                "event_id": "inps-1",
                "protocol": "INPS-ADI-2026-0009001",
                "programme": "adi",
                "submitted_on": today(),
                "municipality_code": "H501",
                "address": "Via dei Volsci 10, 00185 Roma",
                "members": [
                    {"codice_fiscale": applicant, "given_name": "Laura", "family_name": "Verdi",
                     "birth_date": "1985-12-10", "relation": "applicant"},
                    {"codice_fiscale": child, "given_name": "Tommaso", "family_name": "Verdi",
                     "birth_date": "2015-01-01", "relation": "child"}
                ]
            }),
        )
        .await;
        let laura = session_for(&app, &applicant, Role::Citizen).await;
        let domanda = page(&app, "/domanda", &laura).await;
        assert!(domanda.contains("INPS-ADI-2026-0009001") && domanda.contains("Presentata"));

        apply_once(
            &app,
            &inps,
            "/api/v1/inps/application-status",
            json!({"event_id": "inps-2", "protocol": "INPS-ADI-2026-0009001", "status": "under_assessment"}),
        )
        .await;
        assert!(page(&app, "/domanda", &laura).await.contains("In istruttoria"));

        apply_once(
            &app,
            &inps,
            "/api/v1/inps/assessment-outcomes",
            json!({"event_id": "inps-3", "protocol": "INPS-ADI-2026-0009001", "outcome": "accepted",
                   "reason": "Requisiti verificati", "monthly_amount_cents": 50000}),
        )
        .await;
        assert!(page(&app, "/domanda", &laura).await.contains("Accolta"));
        let messages = page(&app, "/messaggi", &laura).await;
        assert!(messages.contains("La domanda è stata accolta"), "the outcome reaches the inbox");

        // GePI, on Giovanna's household (PAD signed ten days ago).
        let giovanna = session_for(&app, GIOVANNA, Role::Citizen).await;
        let francesca = session_for(&app, "CNTFNC82M50H501U", Role::CaseManager).await;
        apply_once(
            &app,
            &gepi,
            "/api/v1/gepi/taking-in-charge",
            json!({"event_id": "gepi-1", "protocol": GIOVANNA_PROTOCOL, "stage": "preliminary_assessment",
                   "occurred_on": today(), "office": "Servizi sociali Municipio V", "note": "Primo colloquio fissato"}),
        )
        .await;
        let percorso = page(&app, "/percorso", &giovanna).await;
        assert!(percorso.contains("Presa in carico dei servizi sociali"), "{percorso}");
        assert!(percorso.contains("analisi preliminare in corso"));
        // The case manager reads it in the household's file.
        let household_id = store::entity::application::Entity::find()
            .filter(store::entity::application::Column::InpsProtocol.eq(GIOVANNA_PROTOCOL))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .household_id;
        let opened = post_as(
            &app,
            &format!("/operatore/nuclei/{household_id}/accesso"),
            &francesca,
            &[("motivo", "meeting"), ("testo", "")],
        )
        .await;
        assert_eq!(opened.status(), StatusCode::SEE_OTHER);
        let file = page(&app, &common::location(&opened), &francesca).await;
        assert!(
            file.contains("file-path-updates") && file.contains("analisi preliminare in corso")
        );

        let appointment = chrono::Utc::now() + chrono::Duration::days(7);
        apply_once(
            &app,
            &gepi,
            "/api/v1/gepi/convocations",
            json!({"event_id": "gepi-2", "protocol": GIOVANNA_PROTOCOL, "issuer_name": "Servizi sociali Municipio V",
                   "purpose": "first_meeting", "appointment_at": appointment, "place": "Via Torre Annunziata 1, Roma"}),
        )
        .await;
        let messages = page(&app, "/messaggi", &giovanna).await;
        assert!(messages.contains("Nuova convocazione da Servizi sociali Municipio V"));

        apply_once(
            &app,
            &gepi,
            "/api/v1/gepi/meetings",
            json!({"event_id": "gepi-3", "protocol": GIOVANNA_PROTOCOL, "held_on": today(),
                   "outcome": "held", "convocation_event_id": "gepi-2"}),
        )
        .await;
        assert!(page(&app, "/messaggi", &giovanna).await.contains("È stato registrato l'incontro"));

        apply_once(
            &app,
            &gepi,
            "/api/v1/gepi/member-assessments",
            json!({"event_id": "gepi-4", "protocol": GIOVANNA_PROTOCOL, "codice_fiscale": GIOVANNA,
                   "attivabile": true}),
        )
        .await;
        assert!(
            page(&app, "/messaggi", &giovanna).await.contains("attivabile al lavoro"),
            "the assessment asks her to sign the PAD individuale"
        );

        apply_once(
            &app,
            &gepi,
            "/api/v1/gepi/pais",
            json!({"event_id": "gepi-5", "protocol": GIOVANNA_PROTOCOL, "signed_on": today(),
                   "summary": "Sostegno scolastico per Matteo e orientamento al lavoro",
                   "operator_name": "Francesca Conti",
                   "activities": [{"title": "Doposcuola", "provider": "Comune di Roma", "starts_on": today()}]}),
        )
        .await;
        let percorso = page(&app, "/percorso", &giovanna).await;
        assert!(
            percorso.contains("Sostegno scolastico per Matteo") && percorso.contains("Doposcuola")
        );

        // SIU.
        apply_once(
            &app,
            &siu,
            "/api/v1/siu/psp",
            json!({"event_id": "siu-1", "protocol": GIOVANNA_PROTOCOL, "codice_fiscale": GIOVANNA,
                   "signed_on": today(), "summary": "Corso di contabilità e tirocinio",
                   "operator_name": "Marco Ferrari"}),
        )
        .await;
        assert!(
            page(&app, "/percorso", &giovanna).await.contains("Corso di contabilità e tirocinio")
        );

        apply_once(
            &app,
            &siu,
            "/api/v1/siu/activities",
            json!({"event_id": "siu-2", "protocol": GIOVANNA_PROTOCOL, "codice_fiscale": GIOVANNA,
                   "title": "Corso di contabilità di base", "status": "started", "occurred_on": today()}),
        )
        .await;
        let percorso = page(&app, "/percorso", &giovanna).await;
        assert!(
            percorso.contains("Corso di contabilità di base")
                && percorso.contains("attività iniziata")
        );

        let giuseppe = session_for(&app, GIUSEPPE, Role::Citizen).await;
        apply_once(
            &app,
            &siu,
            "/api/v1/siu/sfl-participation",
            json!({"event_id": "siu-3", "protocol": "INPS-SFL-2026-0000103", "codice_fiscale": GIUSEPPE,
                   "status": "participating", "occurred_on": today(), "activity_title": "Corso di saldatura"}),
        )
        .await;
        let percorso = page(&app, "/percorso", &giuseppe).await;
        assert!(
            percorso.contains("partecipazione in corso") && percorso.contains("Corso di saldatura")
        );

        // INPS again, on Giovanna's household: a payment, a suspension and its end.
        let household = store::entity::application::Entity::find()
            .filter(store::entity::application::Column::InpsProtocol.eq(GIOVANNA_PROTOCOL))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let signed = pad_nucleo::Entity::find()
            .filter(pad_nucleo::Column::ApplicationId.eq(household.id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .signed_on;
        let first_month = domain::payments::first_paid_month(signed);
        apply_once(
            &app,
            &inps,
            "/api/v1/inps/payments",
            json!({"event_id": "inps-4", "protocol": GIOVANNA_PROTOCOL, "month": first_month,
                   "kind": "regular", "amount_cents": 48000, "paid_on": today()}),
        )
        .await;
        assert!(page(&app, "/messaggi", &giovanna).await.contains("Pagamento del mese di"));

        apply_once(
            &app,
            &inps,
            "/api/v1/inps/sanctions",
            json!({"event_id": "inps-5", "protocol": GIOVANNA_PROTOCOL, "sanction": "suspension",
                   "reason": "Verifica dei requisiti in corso", "rule": "R31",
                   "effective_from": first_month}),
        )
        .await;
        assert!(page(&app, "/domanda", &giovanna).await.contains("Sospesa"));
        // The case manager's dashboard shows it at once.
        let dashboard = page(&app, "/operatore?stato=suspended", &francesca).await;
        assert!(dashboard.contains(GIOVANNA_PROTOCOL), "the suspension is on the dashboard");

        apply_once(
            &app,
            &inps,
            "/api/v1/inps/sanctions",
            json!({"event_id": "inps-6", "protocol": GIOVANNA_PROTOCOL, "sanction": "reinstatement",
                   "reason": "Requisiti confermati", "recorded_on": today()}),
        )
        .await;
        assert!(page(&app, "/domanda", &giovanna).await.contains("Attiva: beneficio in pagamento"));

        apply_once(
            &app,
            &inps,
            "/api/v1/inps/application-status",
            json!({"event_id": "inps-7", "protocol": GIOVANNA_PROTOCOL, "status": "ended",
                   "reason": "Rinuncia al beneficio"}),
        )
        .await;
        assert!(page(&app, "/domanda", &giovanna).await.contains("Conclusa"));

        // A decadenza, on the suspended Torino household.
        apply_once(
            &app,
            &inps,
            "/api/v1/inps/sanctions",
            json!({"event_id": "inps-8", "protocol": "INPS-ADI-2026-0000109", "sanction": "decadenza",
                   "reason": "Mancata presentazione alla convocazione", "rule": "R20"}),
        )
        .await;
        let status = store::entity::application::Entity::find()
            .filter(store::entity::application::Column::InpsProtocol.eq("INPS-ADI-2026-0000109"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status;
        assert_eq!(status, "decaduta");

        // Every applied event left exactly one audit entry naming the client's platform.
        let entries: Vec<_> = audit::all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "event_received")
            .collect();
        assert_eq!(entries.len(), 16);
        assert!(entries.iter().all(|e| e.actor_account_id.as_deref().unwrap().starts_with("api:")));
    }
}

#[tokio::test]
async fn the_same_event_sent_at_once_is_applied_once_on_both_backends() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        let gepi = token_for(&app, Platform::Gepi).await;
        let body = json!({"event_id": "twice-at-once", "protocol": GIOVANNA_PROTOCOL,
                          "stage": "received", "occurred_on": today()});
        let sends = (0..5).map(|_| send(&app, &gepi, "/api/v1/gepi/taking-in-charge", &body));
        let answers = futures::future::join_all(sends).await;
        let applied =
            answers.iter().filter(|(s, _, b)| *s == StatusCode::OK && b["status"] == "applied");
        let duplicates =
            answers.iter().filter(|(s, _, b)| *s == StatusCode::OK && b["status"] == "duplicate");
        assert_eq!(applied.count(), 1, "{answers:?}");
        assert_eq!(duplicates.count(), 4, "{answers:?}");
        assert_eq!(path_update::Entity::find().count(&app.db).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn tokens_scopes_expiry_and_rotation() {
    let app =
        TestApp::spawn_with(TestDb::sqlite(), &[("SIISL_API_TOKEN_LIFETIME_SECS", "2")]).await;
    let inps = interop::create_client(&app.db, "INPS", Platform::Inps, "test", chrono::Utc::now())
        .await
        .unwrap();
    let token = request_token(&app, &inps.client.client_id, &inps.secret).await.unwrap();
    let event = json!({"event_id": "scope-1", "protocol": GIOVANNA_PROTOCOL, "stage": "received",
                       "occurred_on": today()});

    // An INPS token sending a GePI event: 403, as a problem naming the scope needed.
    let (status, content_type, problem) =
        send(&app, &token, "/api/v1/gepi/taking-in-charge", &event).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(problem["code"], "gepi.events");
    assert_eq!(path_update::Entity::find().count(&app.db).await.unwrap(), 0);

    // No token, or one that never existed: 401.
    let response = app
        .client
        .post(app.url("/api/v1/gepi/taking-in-charge"))
        .json(&event)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        response.headers()[reqwest::header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let (status, _, _) = send(&app, "not-a-token", "/api/v1/inps/payments", &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Expired (the lifetime is 2 seconds here): 401.
    let (status, _, _) = send(&app, &token, "/api/v1/inps/payments", &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "still valid: the body is checked");
    tokio::time::sleep(std::time::Duration::from_millis(2_200)).await;
    let (status, content_type, problem) =
        send(&app, &token, "/api/v1/inps/payments", &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(problem["status"], 401);

    // Wrong secret, unknown client, another platform's scope, another grant.
    assert_eq!(
        request_token(&app, &inps.client.client_id, "wrong").await.unwrap_err()["error"],
        "invalid_client"
    );
    assert_eq!(
        request_token(&app, "nobody", &inps.secret).await.unwrap_err()["error"],
        "invalid_client"
    );
    let scoped = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", inps.client.client_id.as_str()),
            ("client_secret", inps.secret.as_str()),
            ("scope", "gepi.events"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(scoped.status(), StatusCode::BAD_REQUEST);
    assert_eq!(scoped.json::<Value>().await.unwrap()["error"], "invalid_scope");
    let grant = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .form(&[("grant_type", "password")])
        .send()
        .await
        .unwrap();
    assert_eq!(grant.json::<Value>().await.unwrap()["error"], "unsupported_grant_type");
    // HTTP Basic works as well as the body.
    let basic = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .basic_auth(&inps.client.client_id, Some(&inps.secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::OK);
    assert_eq!(basic.json::<Value>().await.unwrap()["scope"], "inps.events");

    // Rotation without downtime: both secrets work during the overlap, then only the new one.
    let rotated = interop::rotate_secret(
        &app.db,
        inps.client.id,
        chrono::Utc::now(),
        chrono::Duration::hours(1),
    )
    .await
    .unwrap();
    assert!(request_token(&app, &inps.client.client_id, &inps.secret).await.is_ok());
    assert!(request_token(&app, &inps.client.client_id, &rotated.secret).await.is_ok());
    let again = interop::rotate_secret(
        &app.db,
        inps.client.id,
        chrono::Utc::now(),
        chrono::Duration::zero(),
    )
    .await
    .unwrap();
    assert!(request_token(&app, &inps.client.client_id, &rotated.secret).await.is_err());
    assert!(request_token(&app, &inps.client.client_id, &inps.secret).await.is_err());
    let fresh = request_token(&app, &again.client.client_id, &again.secret).await.unwrap();

    // Suspending the client revokes its tokens at once.
    interop::set_active(&app.db, inps.client.id, false).await.unwrap();
    let (status, _, _) = send(&app, &fresh, "/api/v1/inps/payments", &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(request_token(&app, &again.client.client_id, &again.secret).await.is_err());
    // Secrets are stored hashed.
    let stored = store::entity::api_client::Entity::find_by_id(inps.client.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.secret_hash != again.secret && stored.secret_hash.len() == 64);
}

#[tokio::test]
async fn bad_bodies_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let inps = token_for(&app, Platform::Inps).await;
    let gepi = token_for(&app, Platform::Gepi).await;
    let before = footprint(&app).await;

    let raw = app
        .client
        .post(app.url("/api/v1/inps/payments"))
        .bearer_auth(&inps)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body("{\"event_id\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
    assert_eq!(raw.headers()[reqwest::header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(raw.json::<Value>().await.unwrap()["field"], "(body)");

    let form = app
        .client
        .post(app.url("/api/v1/inps/payments"))
        .bearer_auth(&inps)
        .form(&[("event_id", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/api/v1/inps/payments",
            json!({"event_id": "p-1", "month": "2026-11-01", "kind": "regular", "amount_cents": 1, "paid_on": "2026-11-02"}),
            "protocol",
            "required",
        ),
        (
            "/api/v1/inps/payments",
            json!({"event_id": "p-2", "protocol": GIOVANNA_PROTOCOL, "month": "novembre", "kind": "regular", "amount_cents": 1, "paid_on": "2026-11-02"}),
            "month",
            "invalid_value",
        ),
        (
            "/api/v1/inps/payments",
            json!({"event_id": "p-3", "protocol": GIOVANNA_PROTOCOL, "month": "2026-11-01", "kind": "regular", "amount_cents": 1, "paid_on": "2026-11-02", "extra": 1}),
            "extra",
            "unknown_field",
        ),
        (
            "/api/v1/inps/applications",
            json!({"event_id": "a-1", "protocol": "INPS-ADI-2026-0009999", "programme": "adi", "submitted_on": "2026-11-01",
                   "municipality_code": "H501", "address": "Via Roma 1",
                   "members": [{"codice_fiscale": "RSSMRA80A01H501X", "given_name": "M", "family_name": "R",
                                "birth_date": "1980-01-01", "relation": "applicant"}]}),
            "members[0].codice_fiscale",
            "invalid_codice_fiscale",
        ),
        (
            "/api/v1/inps/applications",
            json!({"event_id": "a-2", "protocol": "INPS-ADI-2026-0009999", "programme": "adi", "submitted_on": "2026-11-01",
                   "municipality_code": "H501", "address": "Via Roma 1",
                   "members": [{"codice_fiscale": cf("RSSMRA80A01H501"), "given_name": "M", "family_name": "R",
                                "birth_date": "1980-13-01", "relation": "applicant"}]}),
            "members[0].birth_date",
            "invalid_value",
        ),
        (
            "/api/v1/inps/applications",
            json!({"event_id": "a-3", "protocol": "INPS-ADI-2026-0009999", "programme": "adi", "submitted_on": "2026-11-01",
                   "municipality_code": "H501", "address": "Via Roma 1",
                   "members": [{"codice_fiscale": cf("RSSMRA80A01H501"), "given_name": "M", "family_name": "R",
                                "birth_date": "1980-01-01", "relation": "applicant"},
                               {"codice_fiscale": cf("RSSLRA20A41H501"), "given_name": "L", "family_name": "R",
                                "birth_date": "2026-11-02", "relation": "child"}]}),
            "members[1].birth_date",
            "in_future",
        ),
        (
            "/api/v1/inps/assessment-outcomes",
            json!({"event_id": "o-1", "protocol": "INPS-ADI-2026-0000000", "outcome": "accepted", "reason": "ok"}),
            "protocol",
            "unknown",
        ),
        (
            "/api/v1/inps/sanctions",
            json!({"event_id": "s-1", "protocol": GIOVANNA_PROTOCOL, "sanction": "suspension", "reason": "x", "rule": "R20"}),
            "effective_from",
            "required",
        ),
        (
            "/api/v1/inps/payments",
            json!({"event_id": "bad id!", "protocol": GIOVANNA_PROTOCOL, "month": "2026-11-01", "kind": "regular", "amount_cents": 1, "paid_on": "2026-11-02"}),
            "event_id",
            "invalid_event_id",
        ),
    ];
    for (path, body, field, code) in cases {
        let (status, content_type, problem) = send(&app, &inps, path, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {body}: {problem}");
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["field"], field, "{body}: {problem}");
        assert_eq!(problem["code"], code, "{body}: {problem}");
    }
    // A domain refusal names the field too: an appointment in the past.
    let (status, _, problem) = send(
        &app,
        &gepi,
        "/api/v1/gepi/convocations",
        &json!({"event_id": "c-1", "protocol": GIOVANNA_PROTOCOL, "issuer_name": "Servizi sociali",
                "purpose": "first_meeting", "appointment_at": "2020-01-01T09:00:00Z", "place": "Roma"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["field"], "appointment_at");
    // A status the machine forbids: 409.
    let (status, _, problem) = send(
        &app,
        &inps,
        "/api/v1/inps/assessment-outcomes",
        &json!({"event_id": "o-2", "protocol": GIOVANNA_PROTOCOL, "outcome": "rejected", "reason": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(footprint(&app).await, before, "nothing refused was stored");

    // The same event id with another body: 409, and the first stays.
    let first = json!({"event_id": "t-1", "protocol": GIOVANNA_PROTOCOL, "stage": "received", "occurred_on": today()});
    let (status, _, _) = send(&app, &gepi, "/api/v1/gepi/taking-in-charge", &first).await;
    assert_eq!(status, StatusCode::OK);
    let other = json!({"event_id": "t-1", "protocol": GIOVANNA_PROTOCOL, "stage": "closed", "occurred_on": today()});
    let (status, _, problem) = send(&app, &gepi, "/api/v1/gepi/taking-in-charge", &other).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "event_id_reused");
    assert_eq!(path_update::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn the_routers_api_paths_are_the_served_documents() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let document: Value = response.json().await.unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    // Every schema the document refers to is in it.
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    out.push(target.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut targets = Vec::new();
    refs(&document, &mut targets);
    assert!(!targets.is_empty());
    for target in targets {
        let name = target.strip_prefix("#/components/schemas/").unwrap();
        assert!(document["components"]["schemas"][name].is_object(), "{target} is unresolved");
    }

    let mut documented = std::collections::BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    // Every route the server answers under /api/v1 (from the sources the router is built
    // from), minus the document itself, is documented, and nothing else is.
    let routed: std::collections::BTreeSet<(String, String)> = common::all_routes()
        .into_iter()
        .filter(|(_, path)| path.starts_with("/api/v1/") && path != "/api/v1/openapi.json")
        .collect();
    assert_eq!(routed, documented);
    // The policy has a rule for each, and each is really served: without a token an event is
    // a 401 problem (not the 404 of an unknown path), the token endpoint a 400.
    for (method, path) in &documented {
        assert!(
            server::policy::rule_for(&method.parse().unwrap(), path).is_some(),
            "{method} {path} has a rule"
        );
        let response = app
            .client
            .post(app.url(path))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let expected = if path == "/api/v1/oauth/token" {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNAUTHORIZED
        };
        assert_eq!(response.status(), expected, "{method} {path}");
    }
    // And a path the document does not have is not served (it falls to the server functions'
    // route, where no rule lets it through).
    let unknown = app.client.post(app.url("/api/v1/inps/unknown")).send().await.unwrap();
    assert!(matches!(unknown.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND));
    // Every operation declares its security and the problem responses.
    for (method, path) in &documented {
        let operation = &document["paths"][path][method.to_lowercase()];
        if path != "/api/v1/oauth/token" {
            assert!(operation["security"].is_array(), "{path}");
            for status in ["200", "400", "401", "403", "409", "415", "422"] {
                assert!(operation["responses"][status].is_object(), "{path} {status}");
            }
        }
    }
}

#[tokio::test]
async fn administrators_register_and_rotate_clients_on_their_page() {
    let app = TestApp::spawn().await;
    let admin = session_for(&app, ADMINISTRATOR, Role::Administrator).await;
    let citizen = session_for(&app, GIOVANNA, Role::Citizen).await;

    // Citizens may not.
    let refused = post_as(
        &app,
        "/amministrazione/piattaforme",
        &citizen,
        &[("nome", "X"), ("piattaforma", "inps")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // A name is required, shown next to the field with what was chosen.
    let response = post_as(
        &app,
        "/amministrazione/piattaforme",
        &admin,
        &[("nome", " "), ("piattaforma", "siu")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("id=\"client-nome-errore\"") && body.contains("Scrivi il nome del client.")
    );

    // Created: the secret is shown once, and works.
    let response = post_as(
        &app,
        "/amministrazione/piattaforme",
        &admin,
        &[("nome", "SIU Lazio"), ("piattaforma", "siu")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[reqwest::header::CACHE_CONTROL], "no-store");
    let body = response.text().await.unwrap();
    let grab = |body: &str, testid: &str| {
        let marker = format!("data-testid=\"{testid}\">");
        let start = body.find(&marker).unwrap() + marker.len();
        body[start..].split('<').next().unwrap().to_string()
    };
    let client_id = grab(&body, "client-id");
    let secret = grab(&body, "client-secret");
    assert!(client_id.starts_with("siu-"));
    assert!(request_token(&app, &client_id, &secret).await.is_ok());
    let list = get_as(&app, "/amministrazione/piattaforme", &admin).await.text().await.unwrap();
    assert!(list.contains(&client_id) && !list.contains(&secret), "listed, without the secret");

    // A new secret: both work during the overlap.
    let stored = store::entity::api_client::Entity::find()
        .filter(store::entity::api_client::Column::ClientId.eq(client_id.as_str()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let response =
        post_as(&app, &format!("/amministrazione/piattaforme/{}/segreto", stored.id), &admin, &[])
            .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    let new_secret = grab(&body, "client-secret");
    assert_ne!(new_secret, secret);
    assert!(body.contains("Il segreto precedente resta valido fino al"));
    assert!(request_token(&app, &client_id, &secret).await.is_ok());
    assert!(request_token(&app, &client_id, &new_secret).await.is_ok());

    // Suspended: no more tokens.
    let response = post_as(
        &app,
        &format!("/amministrazione/piattaforme/{}/stato", stored.id),
        &admin,
        &[("attivo", "0")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(request_token(&app, &client_id, &new_secret).await.is_err());
    let changes = audit::all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "api_client_changed")
        .count();
    assert_eq!(changes, 3);
}

/// Every string of `value` with its JSON path (`members[1].given_name`).
fn string_paths(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(path.to_string()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                string_paths(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                string_paths(item, &at, out);
            }
        }
        _ => {}
    }
}

/// `value` with the string at `path` replaced.
fn replaced(value: &Value, path: &str, with: &str) -> Value {
    let mut copy = value.clone();
    let mut at = &mut copy;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        at = &mut at[key];
        if let Some(index) = index {
            at = &mut at[index];
        }
    }
    *at = Value::String(with.to_string());
    copy
}

/// Every event type, each string in turn holding NUL, a control or a bidi override, and each
/// date an absurd one: a 4xx (422 naming the field for text), and nothing applied, on both
/// backends.
#[tokio::test]
async fn no_event_stores_control_characters_bidi_overrides_or_absurd_dates() {
    common::on_both_backends(&[], |app| async move {
        let inps = token_for(&app, Platform::Inps).await;
        let gepi = token_for(&app, Platform::Gepi).await;
        let siu = token_for(&app, Platform::Siu).await;
        let tomorrow = today() + chrono::Duration::days(1);
        let month = domain::calendar::month_of(today());
        let appointment = chrono::Utc::now() + chrono::Duration::days(7);
        let events: Vec<(&str, &str, Value)> = vec![
            (&inps, "/api/v1/inps/applications", json!({
                "event_id": "f-1", "protocol": "INPS-ADI-2026-0009901", "programme": "adi",
                "submitted_on": today(), "municipality_code": "H501", "address": "Via dei Volsci 10, Roma",
                "members": [{"codice_fiscale": cf("VRDLRA85T50H501"), "given_name": "Laura",
                             "family_name": "Verdi", "birth_date": "1985-12-10", "relation": "applicant"}]})),
            (&inps, "/api/v1/inps/assessment-outcomes", json!({"event_id": "f-3",
                "protocol": "INPS-ADI-2026-0000102", "outcome": "accepted", "reason": "Requisiti verificati",
                "monthly_amount_cents": 50000})),
            (&inps, "/api/v1/inps/payments", json!({"event_id": "f-4", "protocol": GIOVANNA_PROTOCOL,
                "month": month, "kind": "regular", "amount_cents": 48000, "paid_on": today()})),
            (&inps, "/api/v1/inps/sanctions", json!({"event_id": "f-5", "protocol": GIOVANNA_PROTOCOL,
                "sanction": "suspension", "reason": "Verifica", "rule": "R31", "effective_from": month})),
            (&gepi, "/api/v1/gepi/taking-in-charge", json!({"event_id": "f-6", "protocol": GIOVANNA_PROTOCOL,
                "stage": "preliminary_assessment", "occurred_on": today(), "office": "Servizi sociali",
                "note": "Primo colloquio"})),
            (&gepi, "/api/v1/gepi/convocations", json!({"event_id": "f-7", "protocol": GIOVANNA_PROTOCOL,
                "issuer_name": "Servizi sociali", "purpose": "first_meeting", "appointment_at": appointment,
                "place": "Via Torre Annunziata 1, Roma"})),
            (&gepi, "/api/v1/gepi/meetings", json!({"event_id": "f-8", "protocol": GIOVANNA_PROTOCOL,
                "held_on": today(), "outcome": "spontaneous"})),
            (&gepi, "/api/v1/gepi/member-assessments", json!({"event_id": "f-9",
                "protocol": GIOVANNA_PROTOCOL, "codice_fiscale": GIOVANNA, "attivabile": true})),
            (&gepi, "/api/v1/gepi/pais", json!({"event_id": "f-10", "protocol": GIOVANNA_PROTOCOL,
                "signed_on": today(), "summary": "Sostegno scolastico", "operator_name": "Francesca Conti",
                "activities": [{"title": "Doposcuola", "provider": "Comune di Roma", "starts_on": today()}]})),
            (&siu, "/api/v1/siu/psp", json!({"event_id": "f-11", "protocol": GIOVANNA_PROTOCOL,
                "codice_fiscale": GIOVANNA, "signed_on": today(), "summary": "Corso e tirocinio",
                "operator_name": "Marco Ferrari"})),
            (&siu, "/api/v1/siu/activities", json!({"event_id": "f-12", "protocol": GIOVANNA_PROTOCOL,
                "codice_fiscale": GIOVANNA, "title": "Corso di contabilità", "status": "started",
                "occurred_on": today()})),
            (&siu, "/api/v1/siu/sfl-participation", json!({"event_id": "f-13",
                "protocol": "INPS-SFL-2026-0000103", "codice_fiscale": GIUSEPPE, "status": "participating",
                "occurred_on": today(), "activity_title": "Corso di saldatura"})),
            // Last: it ends the application the events before it act on.
            (&inps, "/api/v1/inps/application-status", json!({"event_id": "f-2",
                "protocol": GIOVANNA_PROTOCOL, "status": "ended", "reason": "Rinuncia"})),
        ];
        let before = footprint(&app).await;
        let mut refused = 0;
        for (token, path, body) in &events {
            let mut strings = Vec::new();
            string_paths(body, "", &mut strings);
            for field in &strings {
                let original = body.pointer(&format!("/{}", field.replace(['.', '['], "/").replace(']', "")));
                let is_date = original
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-');
                let mut bad: Vec<(String, bool)> =
                    ["x\u{0}y", "bell\u{7}", "esc\u{1b}[31m", "Via\u{202E}Roma", "c1\u{9b}"]
                        .iter()
                        .map(|s| (s.to_string(), true))
                        .collect();
                if is_date {
                    let time = |date: &str| {
                        if original.and_then(Value::as_str).is_some_and(|s| s.contains('T')) {
                            format!("{date}T10:00:00Z")
                        } else {
                            date.to_string()
                        }
                    };
                    for date in ["0001-01-01", "1850-06-01", "2999-12-31"] {
                        bad.push((time(date), false));
                    }
                    if !field.ends_with("birth_date") {
                        // Before either programme existed.
                        bad.push((time("2023-01-01"), false));
                    }
                    let past_fact = ["submitted_on", "birth_date", "paid_on", "occurred_on", "held_on", "signed_on"]
                        .iter()
                        .any(|name| field.ends_with(name));
                    if past_fact {
                        bad.push((time(&tomorrow.to_string()), false));
                    }
                }
                for (value, text) in bad {
                    let event = replaced(body, field, &value);
                    let (status, content_type, answer) = send(&app, token, path, &event).await;
                    assert!(
                        status.is_client_error() && content_type == "application/problem+json",
                        "{} {path} {field}={value:?}: {status} {answer}",
                        app.backend()
                    );
                    if text && field != "event_id" {
                        assert_eq!(answer["field"], field.as_str(), "{path} {value:?}: {answer}");
                    }
                    refused += 1;
                }
            }
        }
        assert!(refused > 300, "{refused}");
        assert_eq!(footprint(&app).await, before, "{}: nothing applied", app.backend());
        // The unpoisoned events still apply (the test's events are not refused for themselves).
        for (token, path, body) in &events {
            let (status, _, answer) = send(&app, token, path, body).await;
            assert_eq!(status, StatusCode::OK, "{path}: {answer}");
        }
    })
    .await;
}
