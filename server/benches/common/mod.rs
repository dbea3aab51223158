//! What the benchmarks share: percentiles, the report line, and fresh databases.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Duration;

use sea_orm::{ConnectionTrait, Database};

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank].as_secs_f64() * 1_000.0
}

pub fn report(name: &str, mut times: Vec<Duration>) -> f64 {
    times.sort();
    let (p50, p95) = (percentile(&times, 50.0), percentile(&times, 95.0));
    println!("  {name:<28} n={:<6} p50 {p50:>7.2} ms   p95 {p95:>7.2} ms", times.len());
    p95
}

/// A fresh database's URL for `backend`: a SQLite file in `dir`, or the PostgreSQL database
/// `name` on `TEST_DATABASE_URL`'s server, dropped and made again.
pub async fn database(backend: &str, dir: &std::path::Path, name: &str) -> Option<String> {
    if backend == "sqlite" {
        return Some(format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    }
    let admin_url = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let admin = Database::connect(&admin_url).await.ok()?;
    admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.ok()?;
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.ok()?;
    admin.close().await.ok()?;
    let base = admin_url.split('?').next().unwrap();
    let server = base.rsplit_once('/').map_or(base, |(s, _)| s);
    Some(format!("{server}/{name}"))
}

/// A local port, the app's settings for `url` (data in `dir`, errors only in the log, no
/// global rate limit) and its migrated database: what each benchmark serves from.
pub async fn app_on(
    dir: &std::path::Path,
    url: &str,
) -> (
    tokio::net::TcpListener,
    std::net::SocketAddr,
    server::config::Settings,
    sea_orm::DatabaseConnection,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let settings = server::config::Settings::from_sources(vec![
        ("SIISL_DATA_DIR".into(), dir.display().to_string()),
        ("SIISL_DATABASE_URL".into(), url.to_string()),
        ("SIISL_HTTP_PUBLIC_URL".into(), format!("http://{address}")),
        ("SIISL_LOG_FILTER".into(), "error".into()),
        ("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE".into(), "1000000".into()),
        // The pool size is a deployment setting; a benchmark may ask for another.
        (
            "SIISL_DATABASE_MAX_CONNECTIONS".into(),
            std::env::var("SIISL_DATABASE_MAX_CONNECTIONS").unwrap_or_else(|_| "10".into()),
        ),
    ])
    .unwrap();
    let db = server::db::connect(&settings.database).await.unwrap();
    server::db::migrate(&db).await.unwrap();
    (listener, address, settings, db)
}

/// A household written through the services INPS and the citizen use: an application in Roma
/// (applicant `i`, born `i` days after 1 January of `born_from_year`, so with a distinct birth date and so a distinct codice fiscale, and a child if
/// asked), assessed and accepted; with the PAD nucleo signed `pad_days_ago` days ago when given.
pub struct BenchHousehold {
    pub application_id: i64,
    pub household_id: i64,
    pub protocol: String,
    pub applicant_cf: String,
}

#[allow(clippy::too_many_arguments)] // a bench fixture's knobs
pub async fn accepted_household(
    db: &sea_orm::DatabaseConnection,
    i: usize,
    born_from_year: i32,
    protocol_prefix: &str,
    applicant_flags: store::welfare::MemberFlags,
    with_child: bool,
    pad_days_ago: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> BenchHousehold {
    use chrono::{Datelike, Duration as Days, NaiveDate};
    use store::welfare::{
        self, Consent, ContactKind, Ctx, MemberFlags, NewApplication, NewMember, PadNucleoTerms,
        Relation,
    };
    const FAMILIES: &[&str] =
        &["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Greco"];
    const GIVEN: &[&str] = &["Anna", "Luca", "Giulia", "Marco", "Sara", "Paolo", "Elisa", "Davide"];
    let days = pad_days_ago.unwrap_or(0);
    let at = |back: i64| Ctx::new(now - Days::days(back), "bench");
    let born = NaiveDate::from_ymd_opt(born_from_year, 1, 1).unwrap()
        + Days::days(i64::try_from(i).unwrap());
    let (family, given) = (FAMILIES[i % FAMILIES.len()], GIVEN[i % GIVEN.len()]);
    let cf = |given: &str, born: NaiveDate, female: bool| {
        contract::demo::fictitious_codice_fiscale(
            family,
            given,
            (born.year(), born.month(), born.day()),
            female,
            "H501",
        )
        .unwrap()
    };
    let applicant = cf(given, born, i.is_multiple_of(2));
    let mut members = vec![NewMember {
        codice_fiscale: applicant.clone(),
        given_name: given.into(),
        family_name: family.into(),
        birth_date: born,
        relation: Relation::Applicant,
        flags: applicant_flags,
    }];
    if with_child {
        // Ten years old: a minor who exempts nobody (R24).
        let child_born = (now - Days::days(3_660 + i64::try_from(i % 300).unwrap())).date_naive();
        members.push(NewMember {
            codice_fiscale: cf("Tommaso", child_born, false),
            given_name: "Tommaso".into(),
            family_name: family.into(),
            birth_date: child_born,
            relation: Relation::Child,
            flags: MemberFlags::default(),
        });
    }
    let new = NewApplication {
        programme: domain::Programme::Adi,
        inps_protocol: format!("{protocol_prefix}{i:06}"),
        submitted_on: (now - Days::days(days + 30)).date_naive(),
        municipality_code: "H501".into(),
        address: format!("Via di prova {i}, 00100 Roma"),
        members,
    };
    let ids = welfare::submit_application(db, &at(days + 30), &new).await.unwrap();
    welfare::start_assessment(db, &at(days + 25), ids.application_id).await.unwrap();
    welfare::record_assessment_outcome(
        db,
        &at(days + 2),
        ids.application_id,
        true,
        "Requisiti verificati",
        Some(50_000),
    )
    .await
    .unwrap();
    if pad_days_ago.is_some() {
        let member = welfare::household_members(db, ids.household_id).await.unwrap()[0].id;
        let sign = at(days);
        let phone = format!("+39 333 {:07}", 1_000_000 + i);
        welfare::certify_contact(db, &sign, member, ContactKind::Mobile, &phone, true)
            .await
            .unwrap();
        let terms = PadNucleoTerms {
            convocation_address: new.address.clone(),
            consents: Consent::ALL.to_vec(),
            platform_only_acknowledged: false,
        };
        welfare::sign_pad_nucleo(db, &sign, ids.application_id, member, &terms).await.unwrap();
    }
    BenchHousehold {
        application_id: ids.application_id,
        household_id: ids.household_id,
        protocol: new.inps_protocol,
        applicant_cf: applicant.as_str().to_string(),
    }
}
