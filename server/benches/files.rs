//! Static files on reused connections (not part of `cargo test`): `make bench-files` after
//! `make build`, or
//!
//! ```text
//! cargo bench -p server --bench files -- [--seconds 3] [--connections 4]
//! ```
//!
//! Serves the built site (`target/site`) and fetches the style sheet under `/pkg` and a font
//! under `/fonts` from `--connections` clients at once for `--seconds` each: first each client
//! on one kept-alive connection (what every browser does), then with a fresh connection for
//! every request. Budget (issue "Journeys"): files on kept-alive connections at least 80 % of
//! the rate of fresh ones; before `TCP_NODELAY` it was 7 % for the CSS and 2 % for a font (each
//! file's last segment waited for the client's delayed ACK, about 40 ms).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let mut seconds = 3u64;
    let mut connections = 4usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).expect("--seconds N"),
            "--connections" => {
                connections = args.next().and_then(|v| v.parse().ok()).expect("--connections N")
            }
            _ => {}
        }
    }
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site");
    let css = std::fs::read_dir(site.join("pkg"))
        .expect("run `make build` first")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().to_string())
        .find(|name| name.ends_with(".css"))
        .expect("a style sheet under target/site/pkg");
    let font = std::fs::read_dir(site.join("fonts"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().to_string())
        .find(|name| name.ends_with(".woff2"))
        .expect("a font under target/site/fonts");

    let dir = std::env::temp_dir().join(format!("siisl-bench-files-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let settings = server::config::Settings::from_sources(vec![
        ("SIISL_DATA_DIR".into(), dir.display().to_string()),
        ("SIISL_HTTP_PUBLIC_URL".into(), format!("http://{address}")),
        ("SIISL_LOG_FILTER".into(), "error".into()),
        ("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE".into(), "100000000".into()),
        ("LEPTOS_SITE_ROOT".into(), site.display().to_string()),
    ])
    .unwrap();
    settings.prepare_data_dir().unwrap();
    let db = server::db::connect(&settings.database).await.unwrap();
    server::db::migrate(&db).await.unwrap();
    let app = server::startup::build_app(&settings, db);
    let limits = server::startup::ConnectionLimits::of(&settings.http);
    tokio::spawn(server::startup::serve(listener, app, limits, std::future::pending()));

    println!("file                                   keep-alive req/s   fresh req/s   ratio");
    for path in [format!("/pkg/{css}"), format!("/fonts/{font}")] {
        let url = format!("http://{address}{path}");
        let kept = rate(&url, connections, Duration::from_secs(seconds), true).await;
        let fresh = rate(&url, connections, Duration::from_secs(seconds), false).await;
        println!(
            "{path:<40} {kept:>14.0}   {fresh:>11.0}   {:>4.0} %",
            100.0 * kept / fresh.max(1.0)
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Requests per second of `connections` clients fetching `url` for `length`, each on one kept
/// connection or with a new connection for every request.
async fn rate(url: &str, connections: usize, length: Duration, keep_alive: bool) -> f64 {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let url = url.to_string();
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(usize::from(keep_alive))
            .build()
            .unwrap();
        tasks.push(tokio::spawn(async move {
            let mut done = 0u64;
            while started.elapsed() < length {
                let response = client
                    .get(&url)
                    .header(reqwest::header::ACCEPT_ENCODING, "br")
                    .send()
                    .await
                    .unwrap();
                assert!(response.status().is_success(), "{url}: {}", response.status());
                response.bytes().await.unwrap();
                done += 1;
            }
            done
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.unwrap();
    }
    total as f64 / started.elapsed().as_secs_f64()
}
