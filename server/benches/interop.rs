//! The machine API under load (not part of `cargo test`): `make bench-interop`, or
//!
//! ```text
//! cargo bench -p server --bench interop -- [--households 1000] [--concurrency 64] [--backend both]
//! ```
//!
//! Per backend, on a fresh database: `--households` households written through the services
//! INPS and citizens use (application, assessment, PAD nucleo signed ten days ago); three
//! platform clients (INPS, GePI, SIU) with tokens from the token endpoint. Then ten events per
//! household, of ten types from the three platforms, sent over HTTP to the real router:
//! taking in charge, convocation, the meeting answering it, the applicant found attivabile,
//! PaIS, PSP, an activity, a payment, a suspension and its end. A household's events go in
//! order (each needs the one before); `--concurrency` households are in flight at once.
//!
//! Reports the rate (events per second over the whole run), p50/p95 per event, and checks that
//! every event was answered 200 `applied` and that exactly as many were stored.
//!
//! Target (issue "Interop in"): 10,000 events over ≥ 1,000 households at ≥ 1,000 events/s on
//! PostgreSQL, no error, exactly 10,000 applied.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use store::interop::{self, Platform};
use store::welfare::MemberFlags;

mod common;

struct Args {
    households: usize,
    concurrency: usize,
    backends: Vec<&'static str>,
}

fn args() -> Args {
    let mut a = Args { households: 1_000, concurrency: 64, backends: vec!["sqlite", "postgres"] };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--households" => {
                a.households = it.next().and_then(|v| v.parse().ok()).expect("--households N")
            }
            "--concurrency" => {
                a.concurrency = it.next().and_then(|v| v.parse().ok()).expect("--concurrency N")
            }
            "--backend" => {
                a.backends = match it.next().as_deref() {
                    Some("sqlite") => vec!["sqlite"],
                    Some("postgres") => vec!["postgres"],
                    _ => vec!["sqlite", "postgres"],
                }
            }
            _ => {} // cargo bench passes `--bench`
        }
    }
    a
}

/// The ten events of household `i`, in the order they must be applied.
fn events(
    i: usize,
    protocol: &str,
    cf: &str,
    first_month: chrono::NaiveDate,
) -> Vec<(Platform, &'static str, Value)> {
    let today = domain::calendar::rome_date(chrono::Utc::now());
    let appointment = chrono::Utc::now() + chrono::Duration::days(7);
    let id = |n: u8| format!("load-{i}-{n}");
    vec![
        (
            Platform::Gepi,
            "/api/v1/gepi/taking-in-charge",
            json!({"event_id": id(1), "protocol": protocol, "stage": "received", "occurred_on": today, "office": "Servizi sociali"}),
        ),
        (
            Platform::Gepi,
            "/api/v1/gepi/convocations",
            json!({"event_id": id(2), "protocol": protocol, "issuer_name": "Servizi sociali", "purpose": "first_meeting", "appointment_at": appointment, "place": "Via Roma 1"}),
        ),
        (
            Platform::Gepi,
            "/api/v1/gepi/meetings",
            json!({"event_id": id(3), "protocol": protocol, "held_on": today, "outcome": "held", "convocation_event_id": id(2)}),
        ),
        (
            Platform::Gepi,
            "/api/v1/gepi/member-assessments",
            json!({"event_id": id(4), "protocol": protocol, "codice_fiscale": cf, "attivabile": true}),
        ),
        (
            Platform::Gepi,
            "/api/v1/gepi/pais",
            json!({"event_id": id(5), "protocol": protocol, "signed_on": today, "summary": "Percorso di inclusione", "operator_name": "Operatore"}),
        ),
        (
            Platform::Siu,
            "/api/v1/siu/psp",
            json!({"event_id": id(6), "protocol": protocol, "codice_fiscale": cf, "signed_on": today, "summary": "Orientamento e formazione", "operator_name": "Operatore CPI"}),
        ),
        (
            Platform::Siu,
            "/api/v1/siu/activities",
            json!({"event_id": id(7), "protocol": protocol, "codice_fiscale": cf, "title": "Corso di formazione", "status": "started", "occurred_on": today}),
        ),
        (
            Platform::Inps,
            "/api/v1/inps/payments",
            json!({"event_id": id(8), "protocol": protocol, "month": first_month, "kind": "regular", "amount_cents": 50000, "paid_on": today}),
        ),
        (
            Platform::Inps,
            "/api/v1/inps/sanctions",
            json!({"event_id": id(9), "protocol": protocol, "sanction": "suspension", "reason": "Verifica", "rule": "R31", "effective_from": first_month}),
        ),
        (
            Platform::Inps,
            "/api/v1/inps/sanctions",
            json!({"event_id": id(10), "protocol": protocol, "sanction": "reinstatement", "reason": "Verificato", "recorded_on": today}),
        ),
    ]
}

async fn token(
    client: &reqwest::Client,
    base: &str,
    db: &sea_orm::DatabaseConnection,
    platform: Platform,
) -> String {
    let issued =
        interop::create_client(db, "load", platform, "bench", chrono::Utc::now()).await.unwrap();
    let answer: Value = client
        .post(format!("{base}/api/v1/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", issued.client.client_id.as_str()),
            ("client_secret", issued.secret.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["access_token"].as_str().unwrap().to_string()
}

#[tokio::main]
async fn main() {
    let args = args();
    let mut failed = false;
    for backend in &args.backends {
        let dir = std::env::temp_dir().join(format!("siisl-bench-interop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let Some(url) = common::database(backend, &dir, "siisl_bench_interop").await else {
            println!("{backend}: not reachable, skipped");
            continue;
        };
        let (listener, address, mut settings, db) = common::app_on(&dir, &url).await;
        settings.api.token_lifetime = Duration::from_secs(3_600);
        let now = chrono::Utc::now();
        let started = Instant::now();
        let mut households = Vec::new();
        for i in 0..args.households {
            let made = common::accepted_household(
                &db,
                i,
                // Aged about 45: may be attivabile (R24).
                1981,
                "INPS-ADI-2026-L",
                MemberFlags::default(),
                true,
                Some(10),
                now,
            )
            .await;
            let signed = (now - chrono::Duration::days(10)).date_naive();
            let first_month = domain::payments::first_paid_month(signed);
            households.push(events(i, &made.protocol, &made.applicant_cf, first_month));
        }
        if *backend == "postgres" {
            db.execute_unprepared("ANALYZE").await.unwrap();
        }
        println!(
            "\n{backend}: {} households with a signed PAD, written in {:.1} s",
            args.households,
            started.elapsed().as_secs_f64()
        );

        let app = server::startup::build_app(&settings, db.clone());
        let served = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let base = format!("http://{address}");
        let client =
            reqwest::Client::builder().pool_max_idle_per_host(args.concurrency).build().unwrap();
        let tokens = Arc::new([
            (Platform::Inps, token(&client, &base, &db, Platform::Inps).await),
            (Platform::Gepi, token(&client, &base, &db, Platform::Gepi).await),
            (Platform::Siu, token(&client, &base, &db, Platform::Siu).await),
        ]);
        let total: usize = households.iter().map(Vec::len).sum();
        let queue = Arc::new(std::sync::Mutex::new(households));
        let run = Instant::now();
        let mut workers = Vec::new();
        for _ in 0..args.concurrency {
            let (queue, client, base, tokens) =
                (queue.clone(), client.clone(), base.clone(), tokens.clone());
            workers.push(tokio::spawn(async move {
                let mut times = Vec::new();
                let mut errors = Vec::new();
                loop {
                    let next = queue.lock().unwrap().pop();
                    let Some(household) = next else { break };
                    for (platform, path, body) in household {
                        let token = &tokens.iter().find(|(p, _)| *p == platform).unwrap().1;
                        let t = Instant::now();
                        let response = client
                            .post(format!("{base}{path}"))
                            .bearer_auth(token)
                            .json(&body)
                            .send()
                            .await;
                        match response {
                            Ok(r) if r.status() == reqwest::StatusCode::OK => {
                                let answer: Value = r.json().await.unwrap();
                                times.push(t.elapsed());
                                if answer["status"] != "applied" {
                                    errors.push(format!("{path}: {answer}"));
                                }
                            }
                            Ok(r) => {
                                let status = r.status();
                                errors.push(format!(
                                    "{path} {}: {status} {}",
                                    body["event_id"],
                                    r.text().await.unwrap_or_default()
                                ));
                                break; // The household's later events depend on this one.
                            }
                            Err(error) => {
                                errors.push(format!("{path}: {error}"));
                                break;
                            }
                        }
                    }
                }
                (times, errors)
            }));
        }
        let mut times = Vec::new();
        let mut errors = Vec::new();
        for worker in workers {
            let (t, e) = worker.await.unwrap();
            times.extend(t);
            errors.extend(e);
        }
        let elapsed = run.elapsed().as_secs_f64();
        served.abort();
        let applied = interop::applied_count(&db).await.unwrap();
        let rate = times.len() as f64 / elapsed;
        common::report("event, over HTTP", times);
        println!(
            "  {total} events over {} households, concurrency {}: {elapsed:.2} s, {rate:.0} events/s",
            args.households, args.concurrency
        );
        println!("  errors: {}; applied and stored: {applied}", errors.len());
        for error in errors.iter().take(5) {
            println!("    {error}");
        }
        let ok = errors.is_empty() && applied == u64::try_from(total).unwrap();
        let fast = rate >= 1_000.0;
        println!(
            "  target: every event applied exactly once: {}; ≥ 1,000 events/s: {}",
            if ok { "ok" } else { "FAILED" },
            if fast { "ok" } else { "under" }
        );
        failed |= !ok || (*backend == "postgres" && !fast);
        db.close().await.ok();
        std::fs::remove_dir_all(&dir).ok();
    }
    if failed {
        std::process::exit(1);
    }
}
