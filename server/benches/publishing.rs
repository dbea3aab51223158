//! Candidacies received benchmark (not part of `cargo test`): `make bench-publishing`, or
//!
//! ```text
//! cargo bench -p server --bench publishing -- [--candidacies 10000] [--requests 300] [--backend both]
//! ```
//!
//! Builds, per backend, a fresh database with one organisation (registered and approved through
//! the registry), 50 of its ads published through the publishing service, a second organisation
//! with its own ads and candidacies (so the scoping query has rows to leave out), and
//! `--candidacies` candidacies on the first organisation's ads from as many people, in every
//! status. The rows of people and candidacies are written in bulk: the services would write the
//! same rows one transaction at a time, which only makes the set-up slower. Then reports p50/p95
//! of whole requests through the router as the organisation's administrator: the first page,
//! one ad's candidacies, a status filter, a late page.
//!
//! Budget (issue "Organisations publish"): an organisation with 10,000 candidacies lists them,
//! filtered and paged, at p95 ≤ 50 ms on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use contract::identity::CodiceFiscale;
use contract::organisations::OrganisationKind;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

mod common;

struct Args {
    candidacies: usize,
    requests: usize,
    backends: Vec<&'static str>,
}

fn args() -> Args {
    let mut a = Args { candidacies: 10_000, requests: 300, backends: vec!["sqlite", "postgres"] };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--candidacies" => {
                a.candidacies = it.next().and_then(|v| v.parse().ok()).expect("--candidacies N")
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

/// A valid codice fiscale for person `i` (born 1980 in Rome, letters from the number).
fn person(i: usize) -> String {
    let letter = |k: u32| char::from(b'A' + u8::try_from((i / 26usize.pow(k)) % 26).unwrap());
    let first15 = format!("BNC{}{}{}80A01H501", letter(2), letter(1), letter(0));
    let check = char::from(contract::identity::check_character(first15.as_bytes()));
    format!("{first15}{check}")
}

/// An approved organisation with `ads` job ads in Milan; its id, administrator and ad ids.
async fn organisation(
    db: &sea_orm::DatabaseConnection,
    code: &str,
    administrator: &str,
    ads: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> (i64, Vec<i64>) {
    let admin = CodiceFiscale::parse(administrator).unwrap();
    let new = store::organisation::NewOrganisation {
        kind: OrganisationKind::Employer,
        code: code.into(),
        name: format!("Azienda {code}"),
        contact_email: "avvisi@example.it".into(),
    };
    let org = store::organisation::request(db, &new, &admin, now).await.unwrap().unwrap();
    store::organisation::decide(db, org.id, &admin, Some(&admin), now).await.unwrap().unwrap();
    let today = domain::calendar::rome_date(now);
    let mut ids = Vec::new();
    for n in 0..ads {
        let ad = domain::catalog::Ad {
            kind: domain::catalog::Kind::Job,
            title: format!("Magazziniere reparto {n}"),
            organisation: String::new(),
            description: "Carico e scarico merci.".into(),
            occupation_code: Some("8.1.3.1.0".into()),
            municipality_code: Some("F205".into()),
            online: false,
            contract: Some(domain::catalog::Contract::Permanent),
            duration_months: None,
            hours_pct: Some(100),
            total_hours: None,
            pay_monthly: Some(1_400),
            eqf_level: None,
            topic: None,
            starts_on: today,
            ends_on: None,
            published_on: today,
            expires_on: domain::catalog::latest_expiry(today),
            skills: vec!["eseguire-operazioni-di-magazzino".into()],
            seats: Some(3),
        };
        ids.push(store::publishing::publish(db, org.id, &ad, None, now).await.unwrap().unwrap());
    }
    (org.id, ids)
}

/// `count` people, each with an account and a candidacy on one of `ads` (round robin), in
/// every status; people numbered from `first`.
async fn candidacies(
    db: &sea_orm::DatabaseConnection,
    ads: &[i64],
    first: usize,
    count: usize,
    now: chrono::DateTime<chrono::Utc>,
) {
    use store::entity::{account, candidacy};
    const STATUSES: [&str; 5] = ["sent", "in_review", "interview", "accepted", "not_selected"];
    for chunk in (first..first + count).collect::<Vec<_>>().chunks(400) {
        let people: Vec<account::ActiveModel> = chunk
            .iter()
            .map(|&i| account::ActiveModel {
                id: Set(uuid::Uuid::new_v4().to_string()),
                codice_fiscale: Set(person(i)),
                given_name: Set(format!("Nome{i}")),
                family_name: Set("Cognome".into()),
                birthdate: Set(None),
                email: Set(None),
                created_at: Set(now),
                last_sign_in_at: Set(now),
            })
            .collect();
        account::Entity::insert_many(people).exec_without_returning(db).await.unwrap();
        let rows: Vec<candidacy::ActiveModel> = chunk
            .iter()
            .map(|&i| candidacy::ActiveModel {
                codice_fiscale: Set(person(i)),
                opportunity_id: Set(ads[i % ads.len()]),
                status: Set(STATUSES[i % STATUSES.len()].into()),
                created_at: Set(now),
                updated_at: Set(now),
                cv_snapshot: Set(Some(
                    "{\"personal_information\":{\"given_name\":\"N\",\"family_name\":\"C\"}}"
                        .into(),
                )),
                contacts_shared: Set(i % 2 == 0),
                ..Default::default()
            })
            .collect();
        candidacy::Entity::insert_many(rows).exec_without_returning(db).await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let args = args();
    let mut failed = false;
    for backend in &args.backends {
        let dir =
            std::env::temp_dir().join(format!("siisl-bench-publishing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let Some(url) = common::database(backend, &dir, "siisl_bench_publishing").await else {
            println!("{backend}: not reachable, skipped");
            continue;
        };
        let (listener, address, settings, db) = common::app_on(&dir, &url).await;
        let now = chrono::Utc::now();
        let started = Instant::now();
        let administrator = person(900_000);
        let (org, ads) = organisation(&db, "04829170358", &administrator, 50, now).await;
        let (_, other_ads) = organisation(&db, "03164520987", &person(900_001), 10, now).await;
        candidacies(&db, &ads, 0, args.candidacies, now).await;
        candidacies(&db, &other_ads, args.candidacies, args.candidacies / 2, now).await;
        if *backend == "postgres" {
            db.execute_unprepared("ANALYZE").await.unwrap();
        }
        println!(
            "\n{backend}: {} candidacies on 50 ads of one organisation (+{} elsewhere), written in {:.1} s",
            args.candidacies,
            args.candidacies / 2,
            started.elapsed().as_secs_f64()
        );

        let identity = store::account::Identity {
            codice_fiscale: CodiceFiscale::parse(&administrator).unwrap(),
            given_name: "Roberto".into(),
            family_name: "Ferrari".into(),
            birthdate: None,
            email: None,
        };
        let account = store::account::sign_in(&db, &identity, now).await.unwrap();
        let new = store::session::NewSession {
            account_id: &account.id,
            role: contract::policy::Role::Citizen,
            provider: "bench",
            user_agent: "bench",
            id_token: None,
        };
        let token = store::session::create(&db, new, now).await.unwrap();
        let hash = store::session::hash_token(&token);
        store::session::set_acting_for(&db, &hash, Some(org)).await.unwrap();
        let app = server::startup::build_app(&settings, db.clone());
        let served = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = reqwest::Client::new();
        let late = args.candidacies / 25 / 2;
        let shapes = [
            ("first page", String::new()),
            ("one ad", format!("annuncio={}", ads[7])),
            ("status filter", "stato=interview".to_string()),
            // Candidacy `i` is on ad `i % 50` in status `i % 5`: ad 3's are all accepted.
            ("one ad, one status", format!("annuncio={}&stato=accepted", ads[3])),
            ("late page", format!("pagina={late}")),
        ];
        let mut worst: f64 = 0.0;
        for (name, query) in &shapes {
            let mut times: Vec<Duration> = Vec::new();
            for i in 0..args.requests / shapes.len() + 5 {
                let t = Instant::now();
                let response = client
                    .get(format!("http://{address}/organizzazione/candidature?{query}"))
                    .header(reqwest::header::COOKIE, format!("siisl_session={token}"))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), reqwest::StatusCode::OK, "{name}");
                let body = response.text().await.unwrap();
                if i >= 5 {
                    times.push(t.elapsed());
                }
                assert!(body.contains("data-testid=\"received\""), "{name}");
                assert!(body.contains("Nome"), "{name}: rows listed");
            }
            worst = worst.max(common::report(&format!("request, {name}"), times));
        }
        served.abort();
        let ok = worst <= 50.0;
        failed |= !ok;
        println!(
            "  budget: candidacies received, worst p95 {worst:.2} ms (≤ 50): {}",
            if ok { "ok" } else { "OVER" }
        );
        db.close().await.ok();
        std::fs::remove_dir_all(&dir).ok();
    }
    if failed {
        std::process::exit(1);
    }
}
