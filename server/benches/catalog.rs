//! Catalogue benchmark (not part of `cargo test`): `make bench-catalog`, or
//!
//! ```text
//! cargo bench -p server --bench catalog -- [--size 100000] [--queries 2000] [--backend both]
//! ```
//!
//! Seeds a fresh database per backend with `--size` generated opportunities (SQLite in a
//! temporary folder; PostgreSQL as a new database on `TEST_DATABASE_URL`), serves the real
//! application on a local port, and runs a fixed, seeded query mix: 50 % nationwide text
//! queries, 25 % province + kind, 25 % text within 50 km of a municipality. For each backend
//! it reports p50/p95 of
//! - the search itself (`store::catalog::search`: parsing, place lookup, count and page
//!   queries),
//! - rendering the results (`CatalogView` to HTML, no data fetch),
//! - the whole request through the router as a browser would send it (HTTP, middleware,
//!   search, page render).
//!
//! Then, signed in as a citizen whose CV (a warehouse worker in Milano, the densest area, with
//! five skills and a 50 km reach) is stored, "suggested for you" (`ordine=affinita`): alone,
//! with a word, with a kind, and on later pages, as the search and as whole requests.
//!
//! Budgets (issues "Catalog" and "Matching"): request p95 ≤ 30 ms per backend, sorting by
//! affinity included; render p95 ≤ 5 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use contract::catalog::encode;
use leptos::prelude::*;
use sea_orm::ConnectionTrait;
use server::demo_catalog::{Rng, seed};

mod common;

const WORDS: &[&str] = &[
    "magazziniere",
    "cameriere",
    "cuoco",
    "commesso",
    "operaio",
    "autista",
    "addetto pulizie",
    "impiegato amministrativo",
    "infermiere",
    "elettricista",
    "muratore",
    "barista",
    "saldatore",
    "corso inglese",
    "sicurezza lavoro",
    "tirocinio",
    "verde pubblico",
    "biblioteca",
    "carrellista",
    "programmatore",
    "badante",
    "educatore",
    "receptionist",
    "meccanico",
    "contabile",
    "cassiere",
    "operatore socio sanitario",
    "aiuto cuoco",
    "pizzaiolo",
    "facchino",
];
const KINDS: &[&str] = &["lavoro", "corso", "tirocinio", "puc"];

struct Args {
    size: usize,
    queries: usize,
    backends: Vec<&'static str>,
}

fn args() -> Args {
    let mut a = Args { size: 100_000, queries: 2_000, backends: vec!["sqlite", "postgres"] };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--size" => a.size = it.next().and_then(|v| v.parse().ok()).expect("--size N"),
            "--queries" => a.queries = it.next().and_then(|v| v.parse().ok()).expect("--queries N"),
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

/// The query mix, the same for every run and backend.
fn mix(n: usize) -> Vec<(&'static str, String)> {
    let v = store::vocabulary::vocabulary();
    let provinces = v.provinces();
    let towns: Vec<(String, u64)> = store::reference::bundled_municipalities()
        .unwrap()
        .into_iter()
        .map(|m| (m.cadastral_code, u64::try_from(m.population.unwrap_or(1).max(1)).unwrap()))
        .collect();
    let total: u64 = towns.iter().map(|t| t.1).sum();
    let mut rng = Rng::new(20_261_126);
    (0..n)
        .map(|i| match i % 4 {
            0 | 1 => ("text", format!("q={}", encode(rng.pick(WORDS)))),
            2 => {
                let (code, _) = rng.pick(&provinces);
                ("province+kind", format!("dove={code}&tipo={}", rng.pick(KINDS)))
            }
            _ => {
                // A municipality drawn by population, as people are.
                let mut x = rng.below(total);
                let town = towns.iter().find(|t| {
                    if x < t.1 {
                        true
                    } else {
                        x -= t.1;
                        false
                    }
                });
                let code = &town.unwrap().0;
                ("radius+text", format!("q={}&dove={code}&raggio=50", encode(rng.pick(WORDS))))
            }
        })
        .collect()
}

/// A signed-in citizen with a stored CV: the session cookie's token and the user.
async fn citizen_with_cv(
    db: &sea_orm::DatabaseConnection,
    today: chrono::NaiveDate,
) -> (String, contract::auth::CurrentUser) {
    use domain::cv::{Availability, Cv, Experience, Personal};
    let now = chrono::Utc::now();
    let cf = "BNLSHA90L62Z330U";
    let identity = store::account::Identity {
        codice_fiscale: contract::identity::CodiceFiscale::parse(cf).unwrap(),
        given_name: "Aisha".into(),
        family_name: "Benali".into(),
        birthdate: None,
        email: None,
    };
    let account = store::account::sign_in(db, &identity, now).await.unwrap();
    let token = store::session::create(
        db,
        store::session::NewSession {
            account_id: &account.id,
            role: contract::policy::Role::Citizen,
            provider: "bench",
            user_agent: "bench",
            id_token: None,
        },
        now,
    )
    .await
    .unwrap();
    let cv = Cv {
        personal_information: Personal {
            given_name: "Aisha".into(),
            family_name: "Benali".into(),
            municipality: Some("F205".into()),
            ..Default::default()
        },
        work_experience: vec![Experience {
            occupation_code: "8.1.3.1.0".into(),
            job_title: "Magazziniere".into(),
            employer: "Logistica Esempio".into(),
            place: String::new(),
            start: chrono::NaiveDate::from_ymd_opt(2018, 1, 8).unwrap(),
            end: Some(chrono::NaiveDate::from_ymd_opt(2024, 5, 31).unwrap()),
            description: String::new(),
        }],
        skills: {
            // The five skills Italian job ads ask for most (rank 1 is the most frequent).
            let mut ranked: Vec<(u32, &str)> = store::vocabulary::vocabulary()
                .skills_by_frequency()
                .map(|(k, r)| (r, k))
                .collect();
            ranked.sort();
            ranked.into_iter().take(5).map(|(_, k)| k.to_string()).collect()
        },
        availability: Availability {
            full_time: true,
            max_distance_km: Some(50),
            ..Default::default()
        },
        ..Default::default()
    };
    store::cv::save(db, cf, 0, &cv, today, now).await.unwrap();
    let user = contract::auth::CurrentUser {
        account_id: account.id.clone(),
        session_id: String::new(),
        given_name: "Aisha".into(),
        family_name: "Benali".into(),
        codice_fiscale: cf.into(),
        role: contract::policy::Role::Citizen,
        viewing: None,
        organisation: None,
    };
    (token, user)
}

#[tokio::main]
async fn main() {
    let args = args();
    let queries = mix(args.queries);
    let mut failed = false;
    for backend in &args.backends {
        let dir = std::env::temp_dir().join(format!("siisl-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let Some(url) = common::database(backend, &dir, "siisl_bench_catalog").await else {
            println!("{backend}: not reachable, skipped");
            continue;
        };
        let (listener, address, settings, db) = common::app_on(&dir, &url).await;
        let started = Instant::now();
        seed(&db, args.size, server::demo_catalog::DEMO_SEED, chrono::Utc::now()).await.unwrap();
        let today = domain::calendar::rome_date(chrono::Utc::now());
        let live = store::catalog::live_count(&db, today).await.unwrap();
        if *backend == "postgres" {
            db.execute_unprepared("ANALYZE").await.unwrap();
        }
        println!(
            "\n{backend}: {} opportunities seeded in {:.1} s ({live} live)",
            args.size,
            started.elapsed().as_secs_f64()
        );

        // 1. The search alone, and 2. rendering its results.
        let mut search_times: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
        let mut all_search = Vec::new();
        let mut render_times = Vec::new();
        let mut found = 0u64;
        for (kind, raw) in &queries {
            let t = Instant::now();
            let (query, notices) = contract::catalog::parse_url_query(raw);
            let results = store::catalog::search(&db, query, notices, None, today).await.unwrap();
            let spent = t.elapsed();
            search_times.entry(kind).or_default().push(spent);
            all_search.push(spent);
            found += u64::from(results.total > 0);
            let t = Instant::now();
            let owner = Owner::new();
            let html = owner.with(|| view! { <app::pages::CatalogView results /> }.to_html());
            render_times.push(t.elapsed());
            assert!(html.contains("risultati"));
        }
        println!("  queries with results: {found} of {}", queries.len());
        for (kind, times) in search_times {
            common::report(&format!("search, {kind}"), times);
        }
        common::report("search, all", all_search);
        let render_p95 = common::report("render CatalogView", render_times);

        // 3. Whole requests through the real router.
        let app = server::startup::build_app(&settings, db.clone());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = tokio::spawn(server::startup::serve(
            listener,
            app,
            server::startup::ConnectionLimits::of(&settings.http),
            async {
                let _ = stopped.await;
            },
        ));
        let client = reqwest::Client::new();
        // Warm the connection pool and the reference lists.
        for (_, raw) in queries.iter().take(20) {
            client.get(format!("http://{address}/opportunita?{raw}")).send().await.unwrap();
        }
        let mut request_times: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
        let mut all = Vec::new();
        for (kind, raw) in &queries {
            let t = Instant::now();
            let response =
                client.get(format!("http://{address}/opportunita?{raw}")).send().await.unwrap();
            assert_eq!(response.status(), 200, "{raw}");
            let _ = response.bytes().await.unwrap();
            let spent = t.elapsed();
            request_times.entry(kind).or_default().push(spent);
            all.push(spent);
        }
        for (kind, times) in request_times {
            common::report(&format!("request, {kind}"), times);
        }
        let request_p95 = common::report("request, all", all);

        // 4. "Suggested for you", signed in with a CV.
        let (cookie, user) = citizen_with_cv(&db, today).await;
        let suggested: Vec<String> = (0..args.queries / 4)
            .map(|i| match i % 4 {
                0 => format!("ordine=affinita&pagina={}", 1 + i % 5),
                1 => format!("ordine=affinita&q={}", encode(WORDS[i % WORDS.len()])),
                2 => format!("ordine=affinita&tipo={}", KINDS[i % KINDS.len()]),
                _ => "ordine=affinita".to_string(),
            })
            .collect();
        let mut affinity_search = Vec::new();
        for raw in &suggested {
            let t = Instant::now();
            let (query, notices) = contract::catalog::parse_url_query(raw);
            let r = store::catalog::search(&db, query, notices, Some(&user), today).await.unwrap();
            affinity_search.push(t.elapsed());
            assert!(r.cards.iter().all(|c| c.affinity.is_some()), "{raw}");
        }
        common::report("search, affinity", affinity_search);
        let mut affinity_requests = Vec::new();
        for raw in &suggested {
            let t = Instant::now();
            let response = client
                .get(format!("http://{address}/opportunita?{raw}"))
                .header("cookie", format!("siisl_session={cookie}"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{raw}");
            let body = response.text().await.unwrap();
            affinity_requests.push(t.elapsed());
            assert!(body.contains("Affinità"), "{raw}: signed in, scored");
        }
        let affinity_p95 = common::report("request, affinity", affinity_requests);
        let request_p95 = request_p95.max(affinity_p95);
        let _ = stop.send(());
        let _ = served.await;
        db.close().await.unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let ok = request_p95 <= 30.0 && render_p95 <= 5.0;
        failed |= !ok;
        println!(
            "  budget: request p95 {request_p95:.2} ms (≤ 30), render p95 {render_p95:.2} ms (≤ 5): {}",
            if ok { "ok" } else { "OVER" }
        );
    }
    std::process::exit(i32::from(failed));
}
