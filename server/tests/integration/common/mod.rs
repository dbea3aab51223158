//! Test harness: fresh databases (a SQLite file, or a PostgreSQL database made and dropped per
//! test) and the real application served on an ephemeral port.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod builders;

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
        TestDb { url, backend: "sqlite", dir: Some(dir), postgres: None }
    }

    /// A fresh PostgreSQL database on the server named by `TEST_DATABASE_URL`, or `None`
    /// when that is unset. With `TEST_REQUIRE_POSTGRES=1` (CI) a missing URL fails.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty());
        let Some(admin_url) = admin_url else {
            assert!(
                std::env::var("TEST_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set"
            );
            eprintln!("skipping PostgreSQL: TEST_DATABASE_URL is not set");
            return None;
        };
        let name = format!("siisl_t_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url).await.expect("connect to test PostgreSQL");
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
        admin.close().await.unwrap();
        let (base, query) = match admin_url.split_once('?') {
            Some((base, query)) => (base, format!("?{query}")),
            None => (admin_url.as_str(), String::new()),
        };
        let server = base.rsplit_once('/').map(|(server, _)| server).unwrap_or(base);
        let url = format!("{server}/{name}{query}");
        Some(TestDb { url, backend: "postgres", dir: None, postgres: Some((admin_url, name)) })
    }

    /// Both backends: SQLite always, PostgreSQL when configured.
    pub async fn all() -> Vec<TestDb> {
        let mut dbs = vec![TestDb::sqlite()];
        dbs.extend(TestDb::postgres().await);
        dbs
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(&self.url).await.expect("connect to test database")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside async context: use a private runtime on a plain thread.
        let _ = std::thread::spawn(move || {
            let runtime =
                tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
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
    Settings::from_sources(vec![("SIISL_DATA_DIR".to_string(), dir.path().display().to_string())])
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
        let limits = server::startup::ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            shutdown_timeout,
        };
        Served::start_on(listener, app, limits)
    }

    pub fn start_on(
        listener: tokio::net::TcpListener,
        app: Router,
        limits: server::startup::ConnectionLimits,
    ) -> Served {
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(server::startup::serve(listener, app, limits, async {
            let _ = stopped.await;
        }));
        Served { address, server: Some(server), stop: Some(stop) }
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
    db: DatabaseConnection,
    _db: TestDb,
    _dir: TempDir,
}

impl MiddlewareApp {
    pub fn db(&self) -> DatabaseConnection {
        self.db.clone()
    }

    pub async fn spawn(router: Router<AppState>) -> MiddlewareApp {
        let db = TestDb::sqlite();
        let dir = TempDir::new();
        let settings = settings_in(&dir);
        let auth = server::auth::Auth::new(&settings);
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        let state = server::startup::app_state(&settings, conn.clone(), &auth);
        let app = server::startup::with_middleware(router, &settings, state);
        let served = Served::start(app, Duration::from_secs(5)).await;
        MiddlewareApp { served, db: conn, _db: db, _dir: dir }
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
            ("SIISL_DATA_DIR".to_string(), data_dir.path().display().to_string()),
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
        server::demo_data::seed(&conn, chrono::Utc::now()).await.unwrap();
        let app = server::startup::build_app(&settings, conn.clone());
        let served =
            Served::start_on(listener, app, server::startup::ConnectionLimits::of(&settings.http));
        let client =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        TestApp { client, db: conn, data_dir, served, _db: db }
    }

    pub fn url(&self, path: &str) -> String {
        self.served.url(path)
    }

    /// Which database this app runs on (`sqlite` or `postgres`).
    pub fn backend(&self) -> &'static str {
        self._db.backend
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }
}

/// Runs `test` against the real application on SQLite, then on PostgreSQL when it is
/// configured (always in CI), each with `extra` settings. A failure says which backend failed:
/// SQLite forgives what PostgreSQL refuses (column lengths, types, NUL bytes).
///
/// The app is shared (`Arc`) and held here until the test ends: a test's `async move` block
/// captures only the fields it uses, and would otherwise drop the rest (the database itself).
pub async fn on_both_backends<F, Fut>(extra: &[(&str, &str)], test: F)
where
    F: Fn(std::sync::Arc<TestApp>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    for db in TestDb::all().await {
        let backend = db.backend;
        let app = std::sync::Arc::new(TestApp::spawn_with(db, extra).await);
        let outcome = tokio::spawn(test(app.clone())).await;
        drop(app);
        if let Err(error) = outcome {
            let message = error
                .try_into_panic()
                .ok()
                .and_then(|panic| {
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                })
                .unwrap_or_default();
            panic!("failed on {backend}: {message}");
        }
    }
}

// ---- Signing in, as a browser would ----------------------------------------------------

pub fn location(response: &reqwest::Response) -> String {
    response.headers()[reqwest::header::LOCATION].to_str().unwrap().to_string()
}

/// The value a response sets for cookie `name` (empty when it deletes it).
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response.headers().get_all(reqwest::header::SET_COOKIE).iter().find_map(|v| {
        let v = v.to_str().ok()?;
        let (pair, _) = v.split_once(';').unwrap_or((v, ""));
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

/// Checks a refused form's error summary (the GOV.UK pattern): it is there, it lists
/// `expected` fields, and every item links to an element of the same page (a link to an id the
/// page lacks would leave a keyboard or screen-reader user nowhere).
pub fn assert_error_summary_links(body: &str, expected: &[&str]) {
    let start = body.find("data-testid=\"error-summary\"").expect("an error summary");
    let summary = &body[start..start + body[start..].find("</div>").expect("summary closes")];
    let targets: Vec<&str> =
        summary.split("href=\"#").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert!(!targets.is_empty(), "the summary lists the errors: {summary}");
    for id in expected {
        assert!(targets.contains(id), "the summary links to #{id}: {targets:?}");
    }
    for id in &targets {
        assert!(body.contains(&format!("id=\"{id}\"")), "#{id} is an element of the page");
    }
}

/// The values of the form controls named `name` on a page, in page order, unescaped (what a
/// browser would send), so a test reads a field by its name rather than at an offset.
pub fn field_values(body: &str, name: &str) -> Vec<String> {
    let needle = format!("name=\"{name}\"");
    body.match_indices(&needle)
        .filter_map(|(at, _)| {
            let tag_start = body[..at].rfind('<')?;
            let tag = &body[tag_start..at + body[at..].find('>')?];
            let value = tag.split(" value=\"").nth(1)?.split('"').next()?;
            Some(
                value
                    .replace("&quot;", "\"")
                    .replace("&#x27;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

pub fn query_param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url).ok()?.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// Starts a sign-in with `provider`: returns the provider's authorization URL and the cookie.
pub async fn start(app: &TestApp, provider: &str) -> (String, String) {
    let response = app.get(&format!("/auth/login/{provider}")).await;
    assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    let cookie = set_cookie(&response, "siisl_signin").expect("sign-in cookie");
    (location(&response), cookie)
}

pub async fn callback(app: &TestApp, query: &str, sign_in_cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/auth/callback?{query}")))
        .header(reqwest::header::COOKIE, format!("siisl_signin={sign_in_cookie}"))
        .header(
            reqwest::header::USER_AGENT,
            "Mozilla/5.0 (Linux; Android 10) Chrome/120.0 Mobile Safari/537.36",
        )
        .send()
        .await
        .unwrap()
}

/// Picks `persona` on the demo provider's page for the authorization request `authorize`, as
/// the page's form would; returns the query the provider sends back to the callback.
pub async fn choose_persona(app: &TestApp, authorize: &str, persona: &str) -> String {
    let mut form: Vec<(String, String)> =
        url::Url::parse(authorize).unwrap().query_pairs().into_owned().collect();
    form.push(("persona".into(), persona.into()));
    let chosen = app.client.post(app.url("/demo-idp/authorize")).form(&form).send().await.unwrap();
    assert_eq!(chosen.status(), reqwest::StatusCode::SEE_OTHER);
    location(&chosen).split_once('?').unwrap().1.to_string()
}

/// Signs in through the demo provider as `persona`; returns the session cookie.
pub async fn sign_in_demo(app: &TestApp, persona: &str) -> String {
    let (authorize, cookie) = start(app, "demo").await;
    let page = app.client.get(&authorize).send().await.unwrap();
    assert_eq!(page.status(), reqwest::StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Maria"), "the persona picker lists the personas");
    let query = choose_persona(app, &authorize, persona).await;
    let done = callback(app, &query, &cookie).await;
    assert_eq!(done.status(), reqwest::StatusCode::SEE_OTHER);
    // Each role lands on its own home: citizens on "Il mio SIISL", operators on their
    // dashboard, administrators on the administration.
    let homes = contract::policy::Role::ALL.map(contract::policy::Role::home);
    assert!(homes.contains(&location(&done).as_str()), "{}", location(&done));
    set_cookie(&done, "siisl_session").expect("a session cookie")
}

/// The account of `codice_fiscale`, signed in through the service sign-in uses (no identity
/// provider round trip).
pub async fn account_of(app: &TestApp, codice_fiscale: &str) -> store::account::Account {
    account_named(app, codice_fiscale, "Test", "Test").await
}

/// The account of `codice_fiscale`, signed in under the name the identity provider would give.
pub async fn account_named(
    app: &TestApp,
    codice_fiscale: &str,
    given_name: &str,
    family_name: &str,
) -> store::account::Account {
    let identity = store::account::Identity {
        codice_fiscale: contract::identity::CodiceFiscale::parse(codice_fiscale).unwrap(),
        given_name: given_name.into(),
        family_name: family_name.into(),
        birthdate: None,
        email: None,
    };
    store::account::sign_in(&app.db, &identity, chrono::Utc::now()).await.unwrap()
}

/// A session for `codice_fiscale` with `role`, as `user_agent`; returns the session cookie's
/// value.
pub async fn session_for(
    app: &TestApp,
    codice_fiscale: &str,
    role: contract::policy::Role,
    user_agent: &str,
) -> String {
    let account = account_of(app, codice_fiscale).await;
    session_of(app, &account, role, user_agent).await
}

/// A session for `account` with `role`, as `user_agent`; returns the session cookie's value.
pub async fn session_of(
    app: &TestApp,
    account: &store::account::Account,
    role: contract::policy::Role,
    user_agent: &str,
) -> String {
    use store::session;
    let new = session::NewSession {
        account_id: &account.id,
        role,
        provider: "demo",
        user_agent,
        id_token: None,
    };
    session::create(&app.db, new, chrono::Utc::now()).await.unwrap()
}

/// `GET path` with the session cookie `session`.
pub async fn get_as(app: &TestApp, path: &str, session: &str) -> reqwest::Response {
    let request = app.client.get(app.url(path));
    with_session(request, session).send().await.unwrap()
}

/// `POST path` with the session cookie `session` (and `form`, if any).
pub async fn post_as(
    app: &TestApp,
    path: &str,
    session: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let request = app.client.post(app.url(path)).form(form);
    with_session(request, session).send().await.unwrap()
}

fn with_session(request: reqwest::RequestBuilder, session: &str) -> reqwest::RequestBuilder {
    request.header(reqwest::header::COOKIE, format!("siisl_session={session}"))
}

pub async fn personal_area(app: &TestApp, session: &str) -> (reqwest::StatusCode, String) {
    let response = get_as(app, "/area-personale", session).await;
    (response.status(), response.text().await.unwrap())
}

// ---- The router's routes ------------------------------------------------------------------

/// Every (method, route) the server answers, from the sources the router is built from.
pub fn all_routes() -> std::collections::BTreeSet<(String, String)> {
    let mut routes = std::collections::BTreeSet::new();
    for listing in server::startup::route_list() {
        for method in listing.methods() {
            let method = format!("{method:?}").to_uppercase();
            routes.insert((method, listing.path().to_string()));
        }
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        routes.insert((method.to_string(), path.to_string()));
    }
    for (method, path, _, _) in server::endpoints::endpoints() {
        routes.insert((method.to_string(), path.to_string()));
    }
    for (method, path) in server::demo_idp::DemoIdp::ROUTES {
        routes.insert((method.to_string(), path.to_string()));
    }
    for (method, path) in server::api::route_table() {
        routes.insert((method.to_string(), path.to_string()));
    }
    routes
}
