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
    ])
    .unwrap();
    let db = server::db::connect(&settings.database).await.unwrap();
    server::db::migrate(&db).await.unwrap();
    (listener, address, settings, db)
}
