//! The platform outbox end to end, with real processes where it matters: the pact and its
//! messages in one transaction; the delivery worker against the simulator (`siisl-simulator`)
//! with retries, giving up, and an administrator's retry; a worker process killed between
//! sending and recording; two workers on one PostgreSQL database; the simulator driving a
//! household's path through the API.

use crate::common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{TempDir, TestApp, TestDb};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use server::delivery::OutboundSettings;
use store::entity::{application, platform_message};
use store::interop::{self, Platform};
use store::outbound;
use store::welfare::{self, Consent, ContactKind, Ctx, PadNucleoTerms};

/// A far end on its own port, killed when dropped.
struct Simulator {
    child: Child,
    url: String,
}

impl Simulator {
    fn start(extra: &[&str]) -> Simulator {
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let child = Command::new(env!("CARGO_BIN_EXE_siisl-simulator"))
            .args(["serve", "--port", &port.to_string()])
            .args(extra)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Simulator { child, url }
    }

    async fn applied(&self) -> Value {
        reqwest::get(format!("{}/applied", self.url)).await.unwrap().json().await.unwrap()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn settings_for(simulator: &str) -> OutboundSettings {
    OutboundSettings {
        gepi_url: Some(format!("{simulator}/gepi/messages")),
        siu_url: Some(format!("{simulator}/siu/messages")),
        apl_url: Some(format!("{simulator}/apl/messages")),
        token: None,
        backoff: domain::delivery::Backoff {
            base: Duration::from_millis(200),
            cap: Duration::from_secs(1),
            max_attempts: 3,
        },
        poll_interval: Duration::from_millis(50),
        lease: Duration::from_secs(30),
        failpoint: None,
    }
}

/// Maria's accepted application, her contact certified and the PAD nucleo signed.
async fn sign_marias_pad(db: &sea_orm::DatabaseConnection) -> i64 {
    let found = application::Entity::find()
        .filter(application::Column::InpsProtocol.eq("INPS-ADI-2026-0000101"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let ctx = Ctx::new(chrono::Utc::now(), "test");
    let member = found.applicant_member_id;
    welfare::certify_contact(db, &ctx, member, ContactKind::Mobile, "+39 333 1234567", true)
        .await
        .unwrap();
    let terms = PadNucleoTerms {
        convocation_address: "Via Tuscolana 120, 00181 Roma".into(),
        consents: Consent::ALL.to_vec(),
        platform_only_acknowledged: false,
    };
    welfare::sign_pad_nucleo(db, &ctx, found.id, member, &terms).await.unwrap();
    found.id
}

/// Aisha, found attivabile in her own household, signs her PAD individuale.
async fn sign_aishas_pad(
    db: &sea_orm::DatabaseConnection,
) -> (store::entity::member::Model, welfare::Signed<store::entity::pad_individuale::Model>) {
    let aisha = store::entity::member::Entity::find()
        .filter(store::entity::member::Column::CodiceFiscale.eq("BNLSHA90L62Z330U"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let terms = welfare::PadIndividualeTerms {
        did: true,
        chosen_agencies: Vec::new(),
        consent_transmission: true,
    };
    let ctx = Ctx::new(chrono::Utc::now(), "test");
    let signed = welfare::sign_pad_individuale(db, &ctx, aisha.id, &terms).await.unwrap();
    (aisha, signed)
}

async fn messages_of(
    db: &sea_orm::DatabaseConnection,
    application_id: i64,
) -> Vec<platform_message::Model> {
    platform_message::Entity::find()
        .filter(platform_message::Column::ApplicationId.eq(application_id))
        .all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_signed_pact_and_its_message_are_written_together_on_both_backends() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        let found = application::Entity::find()
            .filter(application::Column::InpsProtocol.eq("INPS-ADI-2026-0000101"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        // Refused (no certified contact): no pact, no message.
        let ctx = Ctx::new(chrono::Utc::now(), "test");
        let terms = PadNucleoTerms {
            convocation_address: "Via Tuscolana 120".into(),
            consents: Consent::ALL.to_vec(),
            platform_only_acknowledged: false,
        };
        assert!(
            welfare::sign_pad_nucleo(&app.db, &ctx, found.id, found.applicant_member_id, &terms)
                .await
                .is_err()
        );
        assert!(messages_of(&app.db, found.id).await.is_empty());

        sign_marias_pad(&app.db).await;
        let messages = messages_of(&app.db, found.id).await;
        assert_eq!(messages.len(), 1);
        let message = &messages[0];
        assert_eq!((message.destination.as_str(), message.state.as_str()), ("gepi", "pending"));
        let payload: Value = serde_json::from_str(&message.payload).unwrap();
        assert_eq!(payload["type"], "household_referred");
        assert_eq!(payload["inps_protocol"], "INPS-ADI-2026-0000101");
        assert_eq!(payload["municipality_code"], "H501");
        assert_eq!(payload["message_id"], message.idempotency_key.as_str());
        assert_eq!(payload["household"].as_array().unwrap().len(), 3);

        // Aisha, found attivabile, signs her PAD individuale: her pact and CV go to the job
        // centre (SIU), in the same transaction.
        let (aisha, signed) = sign_aishas_pad(&app.db).await;
        let messages: Vec<_> = messages_of(&app.db, signed.pact.application_id)
            .await
            .into_iter()
            .filter(|m| m.member_id == Some(aisha.id))
            .collect();
        assert_eq!(messages.len(), 1);
        assert_eq!(
            (messages[0].destination.as_str(), messages[0].kind.as_str()),
            ("siu", "attivabile_referred")
        );
        let payload: Value = serde_json::from_str(&messages[0].payload).unwrap();
        assert_eq!(payload["member"]["codice_fiscale"], "BNLSHA90L62Z330U");
        assert_eq!(payload["did"], true);
        assert!(payload.get("cv").is_some(), "the CV travels with the pact (null when none)");

        // Giuseppe (SFL) chooses three agencies: the job centre and each agency get his pact.
        let giuseppe = store::entity::member::Entity::find()
            .filter(store::entity::member::Column::CodiceFiscale.eq("SPSGPP95C12F839S"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        welfare::confirm_sfl_enrolment(&app.db, &ctx, giuseppe.id).await.unwrap();
        let agencies: Vec<String> = welfare::active_agencies(&app.db)
            .await
            .unwrap()
            .into_iter()
            .take(3)
            .map(|a| a.agency.code)
            .collect();
        assert_eq!(agencies.len(), 3);
        let terms = welfare::PadIndividualeTerms {
            did: true,
            chosen_agencies: agencies.clone(),
            consent_transmission: true,
        };
        let signed =
            welfare::sign_pad_individuale(&app.db, &ctx, giuseppe.id, &terms).await.unwrap();
        let mut sent: Vec<(String, Option<String>)> =
            messages_of(&app.db, signed.pact.application_id)
                .await
                .into_iter()
                .map(|m| (m.destination, m.agency_code))
                .collect();
        sent.sort();
        let mut expected: Vec<(String, Option<String>)> =
            agencies.into_iter().map(|code| ("apl".to_string(), Some(code))).collect();
        expected.push(("siu".to_string(), None));
        expected.sort();
        assert_eq!(sent, expected);
    }
}

#[tokio::test]
async fn the_worker_retries_with_backoff_gives_up_and_an_administrator_retries() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    // The demo's own pacts wrote messages: delivered first, out of the way.
    let healthy = Simulator::start(&[]);
    while server::delivery::deliver_due(&app.db, &settings_for(&healthy.url), &client, "w0")
        .await
        .unwrap()
        > 0
    {}
    drop(healthy);
    let application_id = sign_marias_pad(&app.db).await;
    let id = messages_of(&app.db, application_id).await[0].id;

    // A far end that fails twice, then accepts.
    let flaky = Simulator::start(&["--fail-first", "2"]);
    let settings = settings_for(&flaky.url);
    let mut rounds = 0;
    loop {
        server::delivery::deliver_due(&app.db, &settings, &client, "w1").await.unwrap();
        let now = platform_message::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
        if now.state == "delivered" {
            assert_eq!(now.attempts, 3, "two failures, then delivered");
            break;
        }
        if now.state == "failing" {
            assert!(now.last_error.as_deref().unwrap().contains("503"));
            assert!(now.next_attempt_at > chrono::Utc::now() - chrono::Duration::seconds(1));
        }
        rounds += 1;
        assert!(rounds < 200, "delivered in time");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let far = flaky.applied().await;
    assert_eq!(far["duplicates"], 0);
    drop(flaky);

    // Nobody listening: three attempts, then dead.
    let application_id = {
        // A message for a destination nobody answers at.
        let made = outbound::enqueue(
            &app.db,
            outbound::NewMessage {
                destination: outbound::Destination::Siu,
                agency_code: None,
                kind: "attivabile_referred",
                application_id,
                household_id: 1,
                member_id: None,
                payload: json!({"type": "attivabile_referred", "inps_protocol": "INPS-ADI-2026-0000101"}),
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        made.id
    };
    let closed = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", probe.local_addr().unwrap())
    };
    let settings = settings_for(&closed);
    let mut rounds = 0;
    loop {
        server::delivery::deliver_due(&app.db, &settings, &client, "w1").await.unwrap();
        let now = platform_message::Entity::find_by_id(application_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        if now.state == "dead" {
            assert_eq!(now.attempts, 3);
            assert!(now.last_error.as_deref().unwrap().starts_with("no answer"));
            break;
        }
        rounds += 1;
        assert!(rounds < 200, "given up in time");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The administrator sees it and retries it by hand.
    let (_, admin) =
        common::builders::operator_session(&app, contract::policy::Role::Administrator).await;
    let page = common::get_as(&app, "/amministrazione/consegne?stato=dead", &admin).await;
    assert_eq!(page.status(), reqwest::StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Non consegnato (tentativi esauriti)") && page.contains("no answer"));
    let retried = common::post_as(
        &app,
        &format!("/amministrazione/consegne/{application_id}/riprova"),
        &admin,
        &[],
    )
    .await;
    assert_eq!(retried.status(), reqwest::StatusCode::SEE_OTHER);
    let now =
        platform_message::Entity::find_by_id(application_id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((now.state.as_str(), now.attempts), ("pending", 0));
    // A delivered message has nothing to retry.
    let again =
        common::post_as(&app, &format!("/amministrazione/consegne/{id}/riprova"), &admin, &[])
            .await;
    assert_eq!(again.status(), reqwest::StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_worker_killed_after_sending_loses_nothing_and_applies_nothing_twice() {
    let dir = TempDir::new();
    let state = dir.path().join("far-end.tsv");
    let simulator = Simulator::start(&["--state", state.to_str().unwrap()]);
    let env = |failpoint: &str| {
        vec![
            ("SIISL_DATA_DIR", dir.path().display().to_string()),
            ("SIISL_LOG_FILTER", "error".to_string()),
            ("SIISL_DEMO_CATALOG_SIZE", "0".to_string()),
            ("SIISL_OUTBOUND_GEPI_URL", format!("{}/gepi/messages", simulator.url)),
            ("SIISL_OUTBOUND_SIU_URL", format!("{}/siu/messages", simulator.url)),
            ("SIISL_OUTBOUND_APL_URL", format!("{}/apl/messages", simulator.url)),
            ("SIISL_OUTBOUND_LEASE_SECS", "1".to_string()),
            ("SIISL_OUTBOUND_POLL_INTERVAL_MS", "50".to_string()),
            ("SIISL_OUTBOUND_FAILPOINT", failpoint.to_string()),
        ]
    };
    let deliver = |failpoint: &str| {
        Command::new(env!("CARGO_BIN_EXE_siisl"))
            .args(["deliver", "--once"])
            .envs(env(failpoint))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
    };
    // The demo data (written by the first command) signs pacts: their messages are in the outbox.
    let crashed = deliver("delivery-after-send");
    assert!(!crashed.success(), "the failpoint aborted the worker");
    let db = sea_orm::Database::connect(format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("siisl.db").display()
    ))
    .await
    .unwrap();
    let total = platform_message::Entity::find().count(&db).await.unwrap();
    assert!(total >= 3, "the demo's pacts wrote messages: {total}");
    let far = simulator.applied().await;
    assert_eq!(far["applied"], 1, "the far end got the first message before the crash");
    let first = platform_message::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .min_by_key(|m| m.id)
        .unwrap();
    assert_eq!(first.state, "pending", "the crash left it unrecorded");
    assert_eq!(first.attempts, 1);

    // Restarted after the lease lapsed: everything is delivered, the first message again with
    // its key, which the far end recognises.
    std::thread::sleep(Duration::from_millis(1_100));
    assert!(deliver("").success());
    let delivered = platform_message::Entity::find()
        .filter(platform_message::Column::State.eq("delivered"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(delivered, total, "nothing lost");
    let far = simulator.applied().await;
    assert_eq!(far["applied"], total, "each message applied once");
    assert_eq!(far["duplicates"], 1, "the re-sent first message was recognised");
    let keys: std::collections::HashSet<_> = far["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys.len() as u64, total);
    assert!(std::fs::read_to_string(&state).unwrap().lines().count() as u64 == total);
}

#[tokio::test]
async fn two_workers_on_postgresql_deliver_a_thousand_messages_once() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let url = db.url.clone();
    let setup = db.connect().await;
    server::db::migrate(&setup).await.unwrap();
    let now = chrono::Utc::now();
    for i in 0..1_000 {
        outbound::enqueue(
            &setup,
            outbound::NewMessage {
                destination: if i % 3 == 0 {
                    outbound::Destination::Siu
                } else {
                    outbound::Destination::Gepi
                },
                agency_code: None,
                kind: "household_referred",
                application_id: i,
                household_id: i,
                member_id: None,
                payload: json!({"type": "household_referred", "inps_protocol": format!("P-{i}")}),
            },
            now,
        )
        .await
        .unwrap();
    }
    let simulator = Simulator::start(&[]);
    let settings = settings_for(&simulator.url);
    // Two workers, each with its own connection pool, as two app servers would be.
    let mut workers = Vec::new();
    for _ in 0..2 {
        let connection = sea_orm::Database::connect(&url).await.unwrap();
        workers.push(tokio::spawn(server::delivery::run(connection, settings.clone(), true)));
    }
    for worker in workers {
        worker.await.unwrap();
    }
    let delivered = platform_message::Entity::find()
        .filter(platform_message::Column::State.eq("delivered"))
        .count(&setup)
        .await
        .unwrap();
    assert_eq!(delivered, 1_000, "none missing");
    let attempts: Vec<i32> = platform_message::Entity::find()
        .all(&setup)
        .await
        .unwrap()
        .iter()
        .map(|m| m.attempts)
        .collect();
    assert!(attempts.iter().all(|a| *a == 1), "no message was sent by both workers");
    let far = simulator.applied().await;
    assert_eq!(far["applied"], 1_000);
    assert_eq!(far["duplicates"], 0, "no delivery attempt was applied twice");
    drop(db);
}

#[tokio::test]
async fn a_far_end_slower_than_half_the_lease_gets_each_message_once_from_two_workers() {
    for db in TestDb::all().await {
        let setup = db.connect().await;
        server::db::migrate(&setup).await.unwrap();
        let now = chrono::Utc::now();
        let total: u64 = 12;
        for i in 0..total {
            let i = i64::try_from(i).unwrap();
            outbound::enqueue(
                &setup,
                outbound::NewMessage {
                    destination: outbound::Destination::Gepi,
                    agency_code: None,
                    kind: "household_referred",
                    application_id: i,
                    household_id: i,
                    member_id: None,
                    payload: json!({"type": "household_referred", "inps_protocol": format!("P-{i}")}),
                },
                now,
            )
            .await
            .unwrap();
        }
        // Each answer takes 1.3 s of a 2-second lease: a worker that claimed several messages
        // under one lease would still be sending the first when the others' leases lapsed.
        let simulator = Simulator::start(&["--delay-ms", "1300"]);
        let settings =
            OutboundSettings { lease: Duration::from_secs(2), ..settings_for(&simulator.url) };
        let mut workers = Vec::new();
        for _ in 0..2 {
            let connection = db.connect().await;
            workers.push(tokio::spawn(server::delivery::run(connection, settings.clone(), true)));
        }
        for worker in workers {
            worker.await.unwrap();
        }
        let messages = platform_message::Entity::find().all(&setup).await.unwrap();
        assert!(
            messages.iter().all(|m| m.state == "delivered" && m.attempts == 1),
            "{}: every message delivered at its first attempt: {:?}",
            db.backend,
            messages.iter().map(|m| (m.id, &m.state, m.attempts)).collect::<Vec<_>>()
        );
        let far = simulator.applied().await;
        assert_eq!(far["applied"], total, "{}", db.backend);
        assert_eq!(far["duplicates"], 0, "{}: no message was sent twice", db.backend);
    }
}

#[tokio::test]
async fn the_simulator_moves_a_household_along_and_the_citizen_sees_each_step() {
    let app = TestApp::spawn().await;
    let inps = interop::create_client(&app.db, "sim", Platform::Inps, "test", chrono::Utc::now())
        .await
        .unwrap();
    let gepi = interop::create_client(&app.db, "sim", Platform::Gepi, "test", chrono::Utc::now())
        .await
        .unwrap();
    // Giovanna's household: accepted and with the PAD signed ten days ago.
    // Awaited, not blocked on: the app answering the simulator runs on this same runtime.
    let status = tokio::process::Command::new(env!("CARGO_BIN_EXE_siisl-simulator"))
        .args(["advance", "INPS-ADI-2026-0000105", "--siisl", &app.url(""), "--step-ms", "0"])
        .args(["--inps", &format!("{}:{}", inps.client.client_id, inps.secret)])
        .args(["--gepi", &format!("{}:{}", gepi.client.client_id, gepi.secret)])
        .stdout(Stdio::null())
        .status()
        .await
        .unwrap();
    assert!(status.success());
    let giovanna = common::sign_in_demo(&app, "giovanna").await;
    let percorso = common::get_as(&app, "/percorso", &giovanna).await.text().await.unwrap();
    assert!(percorso.contains("nucleo preso in carico"), "taken in charge");
    assert!(percorso.contains("Patto per l'inclusione: sostegno al reddito"), "the PaIS");
    let messages = common::get_as(&app, "/messaggi", &giovanna).await.text().await.unwrap();
    assert!(messages.contains("Nuova convocazione da Servizi sociali (simulatore GePI)"));
    assert!(messages.contains("È stato registrato l'incontro"));
}

#[tokio::test]
async fn the_simulator_answers_what_it_receives_as_gepi_and_siu() {
    let app = TestApp::spawn().await;
    let now = chrono::Utc::now();
    let gepi = interop::create_client(&app.db, "sim", Platform::Gepi, "test", now).await.unwrap();
    let siu = interop::create_client(&app.db, "sim", Platform::Siu, "test", now).await.unwrap();
    let simulator = Simulator::start(&[
        "--siisl",
        &app.url(""),
        "--gepi",
        &format!("{}:{}", gepi.client.client_id, gepi.secret),
        "--siu",
        &format!("{}:{}", siu.client.client_id, siu.secret),
        "--step-ms",
        "0",
    ]);
    // Maria signs the PAD nucleo (her household goes to GePI); Aisha, found attivabile in her
    // own household, her PAD individuale (she goes to the job centre).
    let maria_application = sign_marias_pad(&app.db).await;
    let (aisha, signed) = sign_aishas_pad(&app.db).await;
    server::delivery::run(app.db.clone(), settings_for(&simulator.url), true).await;
    let mut sent = messages_of(&app.db, maria_application).await;
    sent.extend(
        messages_of(&app.db, signed.pact.application_id)
            .await
            .into_iter()
            .filter(|m| m.member_id == Some(aisha.id)),
    );
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent.iter().all(|m| m.state == "delivered"), "{sent:?}");

    // The platforms answer through the API, on their own time: wait for their last steps.
    let maria_household = application::Entity::find_by_id(maria_application)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .household_id;
    // The simulator's own pacts (the demo data has pacts of its own).
    let simulated_plan = |household: i64, summary: &'static str| {
        let db = app.db.clone();
        async move {
            store::entity::plan::Entity::find()
                .filter(store::entity::plan::Column::HouseholdId.eq(household))
                .all(&db)
                .await
                .unwrap()
                .iter()
                .any(|p| p.summary.starts_with(summary))
        }
    };
    let activity_reported = || async {
        store::entity::path_update::Entity::find()
            .filter(store::entity::path_update::Column::MemberId.eq(aisha.id))
            .filter(store::entity::path_update::Column::Kind.eq("activity"))
            .count(&app.db)
            .await
            .unwrap()
    };
    for _ in 0..300 {
        if simulated_plan(maria_household, "Patto per l'inclusione: sostegno al reddito").await
            && simulated_plan(aisha.household_id, "Patto di servizio personalizzato").await
            && activity_reported().await == 1
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let maria = registered(&app, "maria").await;
    let percorso = common::get_as(&app, "/percorso", &maria).await.text().await.unwrap();
    assert!(percorso.contains("nucleo preso in carico"), "GePI took the household in charge");
    assert!(percorso.contains("Patto per l'inclusione: sostegno al reddito"), "GePI's PaIS");
    let messages = common::get_as(&app, "/messaggi", &maria).await.text().await.unwrap();
    assert!(messages.contains("Nuova convocazione da Servizi sociali (simulatore GePI)"));
    let aisha_session = registered(&app, "aisha").await;
    let percorso = common::get_as(&app, "/percorso", &aisha_session).await.text().await.unwrap();
    assert!(percorso.contains("Patto di servizio personalizzato: orientamento"), "SIU's PSP");
    assert!(percorso.contains("Corso di orientamento al lavoro"), "SIU's activity");
    // Each message was applied once by the far end.
    let far = simulator.applied().await;
    assert_eq!(far["duplicates"], 0);
}

/// A demo persona's session once they have registered on SIISL (Maria and Aisha have not in the
/// demo data), as the registration form would.
async fn registered(app: &TestApp, persona: &str) -> String {
    let codice_fiscale = contract::demo::persona(persona).unwrap().codice_fiscale;
    let account = common::account_of(app, codice_fiscale).await;
    let form = store::citizen::RegistrationForm {
        consent: Some("si".into()),
        email: String::new(),
        phone: String::new(),
    };
    let done =
        store::citizen::register(&app.db, codice_fiscale, &account.id, &form, chrono::Utc::now())
            .await
            .unwrap();
    assert!(done.is_ok(), "the registration was refused");
    common::sign_in_demo(app, persona).await
}
