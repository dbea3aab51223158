//! Case managers' dashboard benchmark (not part of `cargo test`): `make bench-caseload`, or
//!
//! ```text
//! cargo bench -p server --bench caseload -- [--households 10000] [--requests 500] [--backend both]
//! ```
//!
//! Builds, per backend, a fresh database where one case manager is assigned `--households`
//! households, each written through the same services INPS and citizens use (application,
//! assessment, and for two in three a PAD signed on a spread of past dates, so the next due
//! dates range from long overdue to months ahead). Then reports p50/p95 of
//! - the dashboard query (`store::caseload::dashboard`: page, counts) for the first page, a
//!   deadline filter, a search, a later page and the reverse order;
//! - the first dashboard page as a whole request through the router (HTTP, session,
//!   authorization, query, render).
//!
//! Budget (issue "Case manager"): first dashboard page, server time p95 ≤ 50 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use contract::caseload::{DashSort, DashboardQuery};
use domain::caseload::Window;
use sea_orm::ConnectionTrait;
use store::welfare::MemberFlags;

mod common;

const CASE_MANAGER: &str = "CNTFNC82M50H501U";

struct Args {
    households: usize,
    requests: usize,
    backends: Vec<&'static str>,
}

fn args() -> Args {
    let mut a = Args { households: 10_000, requests: 500, backends: vec!["sqlite", "postgres"] };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--households" => {
                a.households = it.next().and_then(|v| v.parse().ok()).expect("--households N")
            }
            "--requests" => {
                a.requests = it.next().and_then(|v| v.parse().ok()).expect("--requests N")
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

/// Household `i`: an application in Roma, assessed and accepted; for two in three, the PAD
/// signed `i % 200` days ago (so the 120-day clock is anywhere from 120 days ahead to 80
/// overdue); assigned to the case manager.
async fn household(db: &sea_orm::DatabaseConnection, i: usize, now: chrono::DateTime<chrono::Utc>) {
    let days = i64::try_from(i % 200).unwrap();
    let flags = MemberFlags { care_duties: true, ..MemberFlags::default() };
    let pad = (!i.is_multiple_of(3)).then_some(days);
    let made =
        common::accepted_household(db, i, 1950, "INPS-ADI-2026-B", flags, false, pad, now).await;
    store::caseload::assign(
        db,
        CASE_MANAGER,
        store::caseload::Subject::Household(made.household_id),
        "bench",
        now,
    )
    .await
    .unwrap();
}

#[tokio::main]
async fn main() {
    let args = args();
    let mut failed = false;
    for backend in &args.backends {
        let dir = std::env::temp_dir().join(format!("siisl-bench-caseload-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let Some(url) = common::database(backend, &dir, "siisl_bench_caseload").await else {
            println!("{backend}: not reachable, skipped");
            continue;
        };
        let (listener, address, settings, db) = common::app_on(&dir, &url).await;
        let now = chrono::Utc::now();
        let registration = store::operator::Registration {
            codice_fiscale: contract::identity::CodiceFiscale::parse(CASE_MANAGER).unwrap(),
            given_name: "Francesca".into(),
            family_name: "Conti".into(),
            role: contract::policy::Role::CaseManager,
            organisation_kind: "social_services".into(),
            organisation_code: "H501".into(),
            organisation_name: "Servizi sociali - Comune di Roma".into(),
            active: true,
        };
        store::operator::register(&db, &registration, now).await.unwrap();
        let started = Instant::now();
        for i in 0..args.households {
            household(&db, i, now).await;
        }
        if *backend == "postgres" {
            db.execute_unprepared("ANALYZE").await.unwrap();
        }
        println!(
            "\n{backend}: {} households assigned to one case manager, written in {:.1} s",
            args.households,
            started.elapsed().as_secs_f64()
        );

        // 1. The dashboard query alone, for a few shapes of request.
        let shapes: Vec<(&str, DashboardQuery)> = vec![
            ("first page", DashboardQuery { page: 1, ..Default::default() }),
            (
                "overdue",
                DashboardQuery { page: 1, window: Some(Window::Overdue), ..Default::default() },
            ),
            (
                "search",
                DashboardQuery {
                    page: 1,
                    search: "INPS-ADI-2026-B0042".into(),
                    ..Default::default()
                },
            ),
            ("page 50", DashboardQuery { page: 50, ..Default::default() }),
            (
                "furthest first",
                DashboardQuery { page: 1, sort: DashSort::DueDesc, ..Default::default() },
            ),
        ];
        let mut first_rows = 0;
        for (name, query) in &shapes {
            let mut times = Vec::new();
            for _ in 0..args.requests / 5 {
                let t = Instant::now();
                let view = store::caseload::dashboard(&db, CASE_MANAGER, query, chrono::Utc::now())
                    .await
                    .unwrap();
                times.push(t.elapsed());
                if *name == "first page" {
                    assert_eq!(view.caseload, u64::try_from(args.households).unwrap());
                    first_rows = view.rows.len();
                }
            }
            common::report(&format!("query, {name}"), times);
        }
        assert_eq!(first_rows, 20);

        // 2. The first page as a whole request, signed in as the case manager.
        let identity = store::account::Identity {
            codice_fiscale: contract::identity::CodiceFiscale::parse(CASE_MANAGER).unwrap(),
            given_name: "Francesca".into(),
            family_name: "Conti".into(),
            birthdate: None,
            email: None,
        };
        let account = store::account::sign_in(&db, &identity, now).await.unwrap();
        let token = store::session::create(
            &db,
            store::session::NewSession {
                account_id: &account.id,
                role: contract::policy::Role::CaseManager,
                provider: "bench",
                user_agent: "bench",
                id_token: None,
            },
            now,
        )
        .await
        .unwrap();
        let app = server::startup::build_app(&settings, db.clone());
        let served = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = reqwest::Client::new();
        let mut requests: Vec<Duration> = Vec::new();
        for i in 0..args.requests + 20 {
            let t = Instant::now();
            let response = client
                .get(format!("http://{address}/operatore"))
                .header(reqwest::header::COOKIE, format!("siisl_session={token}"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), reqwest::StatusCode::OK);
            let body = response.text().await.unwrap();
            // The first 20 warm the connection pool and caches.
            if i >= 20 {
                requests.push(t.elapsed());
            }
            assert!(body.contains("dashboard-table"));
        }
        let p95 = common::report("request, first page", requests);
        served.abort();
        let ok = p95 <= 50.0;
        failed |= !ok;
        println!("  budget: first page p95 {p95:.2} ms (≤ 50): {}", if ok { "ok" } else { "OVER" });
        db.close().await.ok();
        std::fs::remove_dir_all(&dir).ok();
    }
    if failed {
        std::process::exit(1);
    }
}
