//! The HTTP surface through the real router on a real socket.

use crate::common;

use crate::common::{MiddlewareApp, Served, TempDir, TestApp, TestDb, settings_in};
use axum::{Router, routing::get};
use reqwest::{StatusCode, header};

#[tokio::test]
async fn home_page_is_server_rendered_in_italian() {
    let app = TestApp::spawn().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"it\""), "{html}");
    assert!(html.contains("Inclusione sociale e lavoro, in un unico posto"));
    assert!(html.contains("href=\"/privacy\"") && html.contains("href=\"/accessibilita\""));
    // The demo profile says so on every page.
    assert!(html.contains("Ambiente dimostrativo"));
}

#[tokio::test]
async fn footer_pages_render_in_both_languages() {
    let app = TestApp::spawn().await;
    for (path, italian) in [
        ("/privacy", "Informativa sul trattamento dei dati personali"),
        ("/accessibilita", "Dichiarazione di accessibilità"),
        ("/fonti-dati", "ISTAT"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(response.text().await.unwrap().contains(italian), "{path}");
    }
    let english = app
        .client
        .get(app.url("/privacy"))
        .header(header::COOKIE, "lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("<html lang=\"en\""));
    assert!(english.contains("Privacy notice"));
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_returns_to_the_page() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/lingua"))
        .form(&[("lang", "en"), ("next", "/accessibilita")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/accessibilita");
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http must not mark the cookie Secure");

    // Never an open redirect.
    let response = app
        .client
        .post(app.url("/lingua"))
        .form(&[("lang", "en"), ("next", "//evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[header::LOCATION], "/");

    let response =
        app.client.post(app.url("/lingua")).form(&[("lang", "xx")]).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn unknown_path_answers_404_with_the_not_found_page() {
    let app = TestApp::spawn().await;
    let response = app.get("/non-esiste/davvero").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.unwrap();
    assert!(html.contains("Pagina non trovata"), "{html}");
    assert!(html.contains("<html lang=\"it\""));
}

#[tokio::test]
async fn health_and_readiness_answer_200_when_the_database_is_up() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert!(ready.text().await.unwrap().contains("ready"));
}

#[tokio::test]
async fn readiness_answers_503_when_the_database_is_unreachable() {
    // A pool that connects lazily to a port where nothing listens: the app starts, and
    // readiness must say 503 rather than hang or crash.
    let mut options = sea_orm::ConnectOptions::new("postgres://nobody@127.0.0.1:1/none");
    options.connect_lazy(true).connect_timeout(std::time::Duration::from_millis(500));
    options.acquire_timeout(std::time::Duration::from_millis(500));
    let db = sea_orm::Database::connect(options).await.unwrap();
    let dir = TempDir::new();
    let settings = settings_in(&dir);
    let served =
        Served::start(server::startup::build_app(&settings, db), settings.http.shutdown_timeout)
            .await;

    let ready = reqwest::get(served.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let alive = reqwest::get(served.url("/healthz")).await.unwrap();
    assert_eq!(alive.status(), StatusCode::OK, "the process itself is still alive");
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_csp_nonce_matching_the_hydration_script() {
    let app = TestApp::spawn().await;
    let response = app.get("/").await;
    let headers = response.headers().clone();
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "no HSTS over http");
    assert!(headers.get("x-request-id").is_some());
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("page CSP has a nonce");
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the inline script carries the nonce");

    // Another request, another nonce.
    let again = app.get("/").await;
    assert_ne!(again.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap(), csp);

    // Non-page responses allow no script at all.
    let health = app.get("/healthz").await;
    assert!(
        health.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );
}

#[tokio::test]
async fn https_deployments_send_hsts_and_secure_cookies() {
    let app = TestApp::spawn_with(
        TestDb::sqlite(),
        &[("SIISL_HTTP_PUBLIC_URL", "https://siisl.example")],
    )
    .await;
    let response = app.get("/").await;
    assert!(
        response.headers()[header::STRICT_TRANSPORT_SECURITY]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let response =
        app.client.post(app.url("/lingua")).form(&[("lang", "it")]).send().await.unwrap();
    assert!(response.headers()[header::SET_COOKIE].to_str().unwrap().contains("; Secure"));
}

#[tokio::test]
async fn oversized_request_bodies_are_refused_with_413() {
    let app =
        TestApp::spawn_with(TestDb::sqlite(), &[("SIISL_HTTP_BODY_LIMIT_BYTES", "1024")]).await;
    let big = format!("lang=it&next=/{}", "a".repeat(4096));
    let response = app
        .client
        .post(app.url("/lingua"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn html_is_compressed_for_clients_that_accept_brotli() {
    let app = TestApp::spawn().await;
    let response =
        app.client.get(app.url("/")).header(header::ACCEPT_ENCODING, "br").send().await.unwrap();
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
}

#[tokio::test]
async fn hashed_pkg_files_are_served_precompressed_with_a_long_cache_lifetime() {
    let site = TempDir::new();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("siisl.abc123.js"), "console.log('plain');").unwrap();
    std::fs::write(pkg.join("siisl.abc123.js.br"), "brotli-bytes").unwrap();
    std::fs::write(site.path().join("noscript.css"), ".x{}").unwrap();
    let root = site.path().display().to_string();
    let app = TestApp::spawn_with(
        TestDb::sqlite(),
        &[("LEPTOS_SITE_ROOT", &root), ("LEPTOS_HASH_FILES", "true")],
    )
    .await;

    let response = app
        .client
        .get(app.url("/pkg/siisl.abc123.js"))
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"brotli-bytes");

    let public = app.get("/noscript.css").await;
    assert_eq!(public.status(), StatusCode::OK);
    assert_eq!(public.headers()[header::CACHE_CONTROL], "public, max-age=86400");

    assert_eq!(app.get("/pkg/missing.js").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_panicking_handler_answers_500_with_a_logged_incident_id() {
    let app = MiddlewareApp::spawn(Router::new().route("/healthz", get(boom))).await;
    let response = reqwest::get(app.served.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let incident = response.headers()["x-incident-id"].to_str().unwrap().to_string();
    assert!(uuid::Uuid::parse_str(&incident).is_ok());
    assert!(response.text().await.unwrap().contains(&incident));
}

// The test handlers stand behind routes the authorization policy knows (a route without a
// rule is refused before any handler runs).
async fn boom() -> &'static str {
    panic!("deliberate test panic")
}

#[tokio::test]
async fn shutdown_lets_a_request_in_flight_finish_then_stops() {
    let mut app = MiddlewareApp::spawn(Router::new().route("/readyz", get(slow))).await;
    let url = app.served.url("/readyz");
    let in_flight = tokio::spawn(reqwest::get(url.clone()));
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    app.served.stop();
    let response = in_flight.await.unwrap().unwrap();
    assert_eq!(response.text().await.unwrap(), "done");
    let server = app.served.server.take().unwrap();
    let finished = tokio::time::timeout(std::time::Duration::from_secs(5), server).await;
    assert!(matches!(finished, Ok(Ok(Ok(())))), "the server stops once idle");
    assert!(reqwest::get(url).await.is_err(), "no longer listening");
}

async fn slow() -> &'static str {
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    "done"
}

#[tokio::test]
async fn server_functions_called_with_bad_arguments_answer_400() {
    let app = TestApp::spawn().await;
    let household = common::builders::Household::adi().make(&app).await;
    let maria = common::builders::citizen_session(&app, household.applicant()).await;
    for form in [&[][..], &[("id", "abc")][..]] {
        let answer = common::post_as(&app, "/api/open_convocation", &maria, form).await;
        assert_eq!(answer.status(), reqwest::StatusCode::BAD_REQUEST, "{form:?}");
    }
    let fine = common::post_as(&app, "/api/open_convocation", &maria, &[("id", "999999")]).await;
    assert_eq!(fine.status(), reqwest::StatusCode::OK, "a well-formed call still works");
}

#[tokio::test]
async fn the_demo_outbox_is_not_found_in_production() {
    let production = [
        ("SIISL_PROFILE", "production"),
        ("SIISL_HTTP_ALLOW_PLAIN_HTTP", "true"),
        ("SIISL_MESSAGES_EMAIL", "smtp"),
        ("SIISL_MESSAGES_SMTP_HOST", "127.0.0.1"),
        ("SIISL_MESSAGES_SMTP_FROM", "noreply@siisl.example"),
        ("SIISL_MESSAGES_SMS", "http"),
        ("SIISL_MESSAGES_SMS_URL", "https://sms.example/send"),
    ];
    let app = TestApp::spawn_with(TestDb::sqlite(), &production).await;
    let response = app.client.post(app.url("/api/demo_outbox")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// Connections that send a few bytes of a request and then nothing (or nothing at all), and
/// one left idle after a request: all closed after the header timeout, while the server keeps
/// answering everyone else.
#[tokio::test]
async fn half_open_connections_are_closed_after_the_header_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app =
        TestApp::spawn_with(TestDb::sqlite(), &[("SIISL_HTTP_HEADER_TIMEOUT_SECS", "2")]).await;
    let address = app.url("").trim_start_matches("http://").to_string();
    let mut held = Vec::new();
    for i in 0..300 {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        if i % 2 == 0 {
            stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.unwrap();
        }
        held.push(stream);
    }
    // One that sends a whole request, then stays idle on keep-alive.
    let mut idle = tokio::net::TcpStream::connect(&address).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut answer = [0u8; 512];
    let read = idle.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 200"));
    held.push(idle);

    let started = std::time::Instant::now();
    // Meanwhile everyone else is served.
    for _ in 0..20 {
        assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    }
    for mut stream in held {
        let mut buffer = [0u8; 1024];
        let closed = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            loop {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {} // a 408 may come first
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "a half-open connection was still open after 10 s");
    }
    let took = started.elapsed();
    assert!(
        took >= std::time::Duration::from_millis(1500) && took < std::time::Duration::from_secs(8),
        "closed by the 2-second timeout, not before and not much after: {took:?}"
    );
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}

/// Every error a person can meet is a page of the site (header, footer, the way on) in the
/// reader's language, with its status; clients that do not ask for a page keep a plain answer.
#[tokio::test]
async fn error_pages_are_full_pages_in_both_languages() {
    let app = TestApp::spawn().await;
    let maria =
        common::session_for(&app, "RSSMRA80A41H501Y", contract::policy::Role::Citizen, "pages")
            .await;
    let page = |method: reqwest::Method,
                path: &'static str,
                lang: &'static str,
                session: Option<String>| {
        let mut request = app
            .client
            .request(method, app.url(path))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header("sec-fetch-site", "same-origin");
        let mut cookie = format!("lang={lang}");
        if let Some(session) = session {
            cookie.push_str(&format!("; siisl_session={session}"));
        }
        request = request.header(header::COOKIE, cookie);
        async move { request.send().await.unwrap() }
    };
    for (method, path, session, status, italian, english) in [
        (reqwest::Method::POST, "/pad/firma", None, 401, "Accesso necessario", "Sign-in required"),
        (
            reqwest::Method::GET,
            "/operatore",
            Some(maria.clone()),
            403,
            "Pagina non disponibile per il tuo profilo",
            "Not available to your profile",
        ),
        (reqwest::Method::GET, "/non-esiste", None, 404, "Pagina non trovata", "Page not found"),
        (
            reqwest::Method::GET,
            "/pad/firma",
            None,
            405,
            "Operazione non disponibile",
            "Action not available",
        ),
    ] {
        for (lang, text) in [("it", italian), ("en", english)] {
            let response = page(method.clone(), path, lang, session.clone()).await;
            assert_eq!(response.status().as_u16(), status, "{method} {path} ({lang})");
            assert!(
                response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html")
            );
            let html = response.text().await.unwrap();
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{path}: {lang}");
            assert!(html.contains(text), "{method} {path} ({lang}) says what happened");
            assert!(
                html.contains("site-footer") && html.contains("href=\"/\""),
                "{path}: layout and a way back"
            );
        }
    }
    // A signed-in person's 403 page shows who is signed in.
    let html =
        page(reqwest::Method::GET, "/operatore", "it", Some(maria)).await.text().await.unwrap();
    assert!(html.contains("account-link"), "the header shows the signed-in person");
    // Not a page request: the plain answer stays.
    let plain = app.client.get(app.url("/pad/firma")).send().await.unwrap();
    assert_eq!(plain.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(plain.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
}

#[tokio::test]
async fn a_panic_is_a_full_500_page_naming_the_incident() {
    let app = MiddlewareApp::spawn(Router::new().route("/healthz", get(boom))).await;
    let response = reqwest::Client::new()
        .get(app.served.url("/healthz"))
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, "lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let incident = response.headers()["x-incident-id"].to_str().unwrap().to_string();
    let html = response.text().await.unwrap();
    assert!(html.contains("Something went wrong") && html.contains(&incident), "{html}");
    assert!(html.contains("site-footer"));
}
