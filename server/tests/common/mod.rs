//! Test harness: fresh databases (a SQLite file, or a PostgreSQL database made and dropped per
//! test) and the real application served on an ephemeral port.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use app::state::AppState;
use axum::Router;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::Settings;
use tokio::{sync::oneshot, task::JoinHandle};

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(format!("siisl-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A database that exists only for one test.
pub struct TestDb {
    pub url: String,
    pub backend: &'static str,
    dir: Option<TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = TempDir::new();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        TestDb {
            url,
            backend: "sqlite",
            dir: Some(dir),
            postgres: None,
        }
    }

    /// A fresh PostgreSQL database on the server named by `TEST_DATABASE_URL`, or `None`
    /// when that is unset. With `TEST_REQUIRE_POSTGRES=1` (CI) a missing URL fails.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty());
        let Some(admin_url) = admin_url else {
            assert!(
                std::env::var("TEST_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set"
            );
            eprintln!("skipping PostgreSQL: TEST_DATABASE_URL is not set");
            return None;
        };
        let name = format!("siisl_t_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url)
            .await
            .expect("connect to test PostgreSQL");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap();
        admin.close().await.unwrap();
        let (base, query) = match admin_url.split_once('?') {
            Some((base, query)) => (base, format!("?{query}")),
            None => (admin_url.as_str(), String::new()),
        };
        let server = base
            .rsplit_once('/')
            .map(|(server, _)| server)
            .unwrap_or(base);
        let url = format!("{server}/{name}{query}");
        Some(TestDb {
            url,
            backend: "postgres",
            dir: None,
            postgres: Some((admin_url, name)),
        })
    }

    /// Both backends: SQLite always, PostgreSQL when configured.
    pub async fn all() -> Vec<TestDb> {
        let mut dbs = vec![TestDb::sqlite()];
        dbs.extend(TestDb::postgres().await);
        dbs
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(&self.url)
            .await
            .expect("connect to test database")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside async context: use a private runtime on a plain thread.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// Default settings with the data directory in `dir`.
pub fn settings_in(dir: &TempDir) -> Settings {
    Settings::from_sources(vec![(
        "SIISL_DATA_DIR".to_string(),
        dir.path().display().to_string(),
    )])
    .unwrap()
}

/// A router served on `127.0.0.1:<ephemeral>` as `siisl serve` serves it; stopped when dropped.
pub struct Served {
    pub address: SocketAddr,
    pub server: Option<JoinHandle<std::io::Result<()>>>,
    stop: Option<oneshot::Sender<()>>,
}

impl Served {
    pub async fn start(app: Router, shutdown_timeout: Duration) -> Served {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Served::start_on(listener, app, shutdown_timeout)
    }

    pub fn start_on(
        listener: tokio::net::TcpListener,
        app: Router,
        shutdown_timeout: Duration,
    ) -> Served {
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(server::startup::serve(
            listener,
            app,
            shutdown_timeout,
            async {
                let _ = stopped.await;
            },
        ));
        Served {
            address,
            server: Some(server),
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Asks the server to shut down gracefully (as SIGTERM would).
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A test's own routes behind the application's middleware, on a throwaway SQLite database.
pub struct MiddlewareApp {
    pub served: Served,
    _db: TestDb,
    _dir: TempDir,
}

impl MiddlewareApp {
    pub async fn spawn(router: Router<AppState>) -> MiddlewareApp {
        let db = TestDb::sqlite();
        let dir = TempDir::new();
        let settings = settings_in(&dir);
        let auth = server::auth::Auth::new(&settings);
        let state = server::startup::app_state(&settings, db.connect().await, &auth);
        let app = server::startup::with_middleware(router, &settings, state);
        let served = Served::start(app, Duration::from_secs(5)).await;
        MiddlewareApp {
            served,
            _db: db,
            _dir: dir,
        }
    }
}

/// The real application on `127.0.0.1:<ephemeral>`, stopped when dropped.
pub struct TestApp {
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub data_dir: TempDir,
    served: Served,
    _db: TestDb,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(TestDb::sqlite(), &[]).await
    }

    /// Starts the app on `db` with extra settings (`SIISL_*` / `LEPTOS_*` pairs).
    pub async fn spawn_with(db: TestDb, extra: &[(&str, &str)]) -> TestApp {
        let data_dir = TempDir::new();
        // Bound first, so the public URL (which the demo provider's issuer derives from) is known.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let public_url = format!("http://{}", listener.local_addr().unwrap());
        let mut env = vec![
            ("SIISL_HTTP_PUBLIC_URL".to_string(), public_url),
            (
                "SIISL_DATA_DIR".to_string(),
                data_dir.path().display().to_string(),
            ),
            ("SIISL_DATABASE_URL".to_string(), db.url.clone()),
            ("SIISL_LOG_FILTER".to_string(), "warn".to_string()),
        ];
        for (key, value) in extra {
            env.retain(|(k, _)| k != key);
            env.push((key.to_string(), value.to_string()));
        }
        let settings = Settings::from_sources(env).expect("test settings are valid");
        settings.prepare_data_dir().unwrap();
        server::telemetry::init(&settings.log);
        let conn = server::db::connect(&settings.database).await.unwrap();
        server::db::migrate(&conn).await.unwrap();
        let app = server::startup::build_app(&settings, conn.clone());
        let served = Served::start_on(listener, app, settings.http.shutdown_timeout);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            client,
            db: conn,
            data_dir,
            served,
            _db: db,
        }
    }

    pub fn url(&self, path: &str) -> String {
        self.served.url(path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }
}
