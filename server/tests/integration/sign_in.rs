//! Sign-in over OpenID Connect through the real router: the built-in demo provider end to end,
//! sessions and their timeouts, and every way an answer from a provider must be refused (with a
//! provider the test controls, signing what each case needs).

use std::sync::{Arc, Mutex};

use crate::common::{
    Served, TestApp, TestDb, callback, choose_persona, get_as, location, personal_area, post_as,
    query_param, set_cookie, sign_in_demo, start,
};
use axum::{
    Json, Router,
    extract::State,
    routing::{get, post},
};
use p256::ecdsa::SigningKey;
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

const CF_CLAIM: &str = "https://attributes.eid.gov.it/fiscal_number";

/// With this session cookie, the personal area sends the browser to sign in.
async fn assert_signed_out(app: &TestApp, session: &str) {
    let response = get_as(app, "/area-personale", session).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/accedi?torna=%2Farea-personale");
}

#[tokio::test]
async fn a_citizen_signs_in_through_the_demo_provider_and_signs_out() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        let session = sign_in_demo(&app, "maria").await;
        let (status, html) = personal_area(&app, &session).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Maria Rossi") && html.contains("RSSMRA80A41H501Y"), "{html}");
        assert!(html.contains("Chrome · Android"), "the session list names the device");

        let out = post_as(&app, "/auth/esci", &session, &[]).await;
        assert_eq!(out.status(), StatusCode::SEE_OTHER);
        assert_eq!(set_cookie(&out, "siisl_session").as_deref(), Some(""), "cookie deleted");
        let logout = location(&out);
        assert!(
            logout.contains("/demo-idp/logout") && logout.contains("id_token_hint="),
            "{logout}"
        );

        // The old cookie, replayed, gets the signed-out view.
        assert_signed_out(&app, &session).await;
    }
}

#[tokio::test]
async fn the_first_sign_in_creates_the_account_and_each_sign_in_a_fresh_session() {
    let app = TestApp::spawn().await;
    let first = sign_in_demo(&app, "giuseppe").await;
    let second = sign_in_demo(&app, "giuseppe").await;
    assert_ne!(first, second);
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let accounts = store::entity::account::Entity::find()
        .filter(store::entity::account::Column::CodiceFiscale.eq("SPSGPP95C12F839S"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(accounts, 1, "one account for Giuseppe, however often he signs in");
    let (_, html) = personal_area(&app, &second).await;
    assert_eq!(html.matches("session-item").count(), 2, "both devices are listed");
}

#[tokio::test]
async fn a_person_ends_their_other_session() {
    let app = TestApp::spawn().await;
    let phone = sign_in_demo(&app, "aisha").await;
    let laptop = sign_in_demo(&app, "aisha").await;
    let stranger = sign_in_demo(&app, "luca").await;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let aisha = store::entity::account::Entity::find()
        .filter(store::entity::account::Column::CodiceFiscale.eq("BNLSHA90L62Z330U"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let sessions = store::session::list_for_account(&app.db, &aisha.id).await.unwrap();
    let laptop_id = store::session::hash_token(&laptop);
    assert!(sessions.iter().any(|s| s.id == laptop_id));
    let stranger_id = store::session::hash_token(&stranger);

    // Someone else's session id is not theirs to end.
    let form = [("session", stranger_id.as_str())];
    let response = post_as(&app, "/auth/sessioni/termina", &phone, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(personal_area(&app, &stranger).await.0, StatusCode::OK);

    let form = [("session", laptop_id.as_str())];
    post_as(&app, "/auth/sessioni/termina", &phone, &form).await;
    assert_signed_out(&app, &laptop).await;
    assert_eq!(personal_area(&app, &phone).await.0, StatusCode::OK);
}

#[tokio::test]
async fn an_idle_session_is_refused() {
    use sea_orm::EntityTrait;
    let app =
        TestApp::spawn_with(TestDb::sqlite(), &[("SIISL_AUTH_SESSION_IDLE_TIMEOUT_SECS", "1")])
            .await;
    let session = sign_in_demo(&app, "maria").await;
    assert_eq!(personal_area(&app, &session).await.0, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_signed_out(&app, &session).await;

    // Sessions abandoned without a further request are swept at the next sign-in.
    let abandoned = sign_in_demo(&app, "luca").await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    sign_in_demo(&app, "giuseppe").await;
    let stored = store::entity::session::Entity::find_by_id(store::session::hash_token(&abandoned))
        .one(&app.db)
        .await
        .unwrap();
    assert!(stored.is_none(), "the idle session was deleted");
}

#[tokio::test]
async fn an_over_age_session_is_refused_even_when_active() {
    let app = TestApp::spawn_with(
        TestDb::sqlite(),
        &[
            ("SIISL_AUTH_SESSION_ABSOLUTE_TIMEOUT_SECS", "2"),
            ("SIISL_AUTH_SESSION_IDLE_TIMEOUT_SECS", "60"),
        ],
    )
    .await;
    let session = sign_in_demo(&app, "maria").await;
    for _ in 0..3 {
        assert_eq!(personal_area(&app, &session).await.0, StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_signed_out(&app, &session).await;
}

#[tokio::test]
async fn a_replayed_callback_is_refused() {
    let app = TestApp::spawn().await;
    let (authorize, cookie) = start(&app, "demo").await;
    let query = choose_persona(&app, &authorize, "maria").await;
    assert_eq!(location(&callback(&app, &query, &cookie).await), "/il-mio-siisl");
    let again = callback(&app, &query, &cookie).await;
    assert_eq!(location(&again), "/accedi?errore=attempt_missing");
    let page = app.get("/accedi?errore=attempt_missing").await;
    assert_eq!(page.status(), StatusCode::UNAUTHORIZED);
    assert!(page.text().await.unwrap().contains("data-error=\"attempt_missing\""));
}

// ---- A provider the test controls -------------------------------------------------------

/// What the test provider puts in (or does to) the next ID token.
#[derive(Clone, Default)]
struct Twist {
    claims: serde_json::Map<String, Value>,
    remove: Vec<&'static str>,
    foreign_key: bool,
}

#[derive(Clone)]
struct FakeOp {
    issuer: String,
    key: Arc<SigningKey>,
    other_key: Arc<SigningKey>,
    twist: Arc<Mutex<Twist>>,
    nonce: Arc<Mutex<String>>,
    used_codes: Arc<Mutex<Vec<String>>>,
    /// The provider has rotated to `other_key` (kid `rotated`): its JWKS and tokens use it.
    rotated: Arc<Mutex<bool>>,
}

async fn op_discovery(State(op): State<FakeOp>) -> Json<Value> {
    let base = &op.issuer;
    Json(json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
    }))
}

async fn op_jwks(State(op): State<FakeOp>) -> Json<Value> {
    use server::demo_idp::{Es256Key, jwks_of};
    let jwks = if *op.rotated.lock().unwrap() {
        jwks_of(&Es256Key { key: &op.other_key, kid: "rotated" })
    } else {
        jwks_of(&Es256Key { key: &op.key, kid: "test" })
    };
    Json(serde_json::to_value(jwks).unwrap())
}

async fn op_token(
    State(op): State<FakeOp>,
    axum::Form(form): axum::Form<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let code = form.get("code").cloned().unwrap_or_default();
    {
        let mut used = op.used_codes.lock().unwrap();
        if used.contains(&code) {
            return (
                axum::http::StatusCode::BAD_REQUEST,
                Json(json!({ "error": "invalid_grant" })),
            )
                .into_response();
        }
        used.push(code);
    }
    let now = chrono::Utc::now().timestamp();
    let twist = op.twist.lock().unwrap().clone();
    let mut claims = json!({
        "iss": op.issuer, "sub": "abc", "aud": "siisl-test", "iat": now, "exp": now + 300,
        "nonce": *op.nonce.lock().unwrap(), "acr": "https://www.spid.gov.it/SpidL2",
        "given_name": "Maria", "family_name": "Rossi", CF_CLAIM: "TINIT-RSSMRA80A41H501Y",
    });
    let map = claims.as_object_mut().unwrap();
    for (key, value) in twist.claims {
        map.insert(key, value);
    }
    for key in twist.remove {
        map.remove(key);
    }
    let (key, kid) = if *op.rotated.lock().unwrap() {
        (&op.other_key, "rotated")
    } else if twist.foreign_key {
        (&op.other_key, "test")
    } else {
        (&op.key, "test")
    };
    Json(json!({
        "access_token": "at", "token_type": "Bearer", "expires_in": 300,
        "id_token": sign_any_claims(key, kid, &claims),
    }))
    .into_response()
}

/// A compact ES256 JWS of any claims: a hostile provider can leave out or twist what a real
/// one must send, which `openidconnect`'s typed ID token (used by the demo provider) cannot.
fn sign_any_claims(key: &p256::ecdsa::SigningKey, kid: &str, claims: &Value) -> String {
    use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD as B64};
    use openidconnect::PrivateSigningKey;
    use openidconnect::core::CoreJwsSigningAlgorithm;
    let header = json!({ "alg": "ES256", "typ": "JWT", "kid": kid });
    let input = format!("{}.{}", B64.encode(header.to_string()), B64.encode(claims.to_string()));
    let signer = server::demo_idp::Es256Key { key, kid };
    let signature =
        signer.sign(&CoreJwsSigningAlgorithm::EcdsaP256Sha256, input.as_bytes()).unwrap();
    format!("{input}.{}", B64.encode(signature))
}

async fn start_fake_op() -> (FakeOp, Served) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let random_key = || Arc::new(server::demo_idp::new_signing_key());
    let op = FakeOp {
        issuer,
        key: random_key(),
        other_key: random_key(),
        twist: Arc::default(),
        nonce: Arc::default(),
        used_codes: Arc::default(),
        rotated: Arc::default(),
    };
    let router = Router::new()
        .route("/.well-known/openid-configuration", get(op_discovery))
        .route("/jwks", get(op_jwks))
        .route("/token", post(op_token))
        .with_state(op.clone());
    let limits = server::startup::ConnectionLimits {
        header_timeout: std::time::Duration::from_secs(10),
        shutdown_timeout: std::time::Duration::from_secs(1),
    };
    let served = Served::start_on(listener, router, limits);
    (op, served)
}

async fn app_with_fake_op(op: &FakeOp) -> TestApp {
    TestApp::spawn_with(
        TestDb::sqlite(),
        &[
            ("SIISL_AUTH_PROVIDERS_TEST_ISSUER", op.issuer.as_str()),
            ("SIISL_AUTH_PROVIDERS_TEST_CLIENT_ID", "siisl-test"),
            ("SIISL_AUTH_PROVIDERS_TEST_CLIENT_SECRET", "test-secret"),
        ],
    )
    .await
}

/// Runs one sign-in against the test provider with `twist` applied and returns where the
/// callback sent the browser.
async fn attempt(
    app: &TestApp,
    op: &FakeOp,
    twist: Twist,
    code: &str,
    state_override: Option<&str>,
) -> String {
    let (authorize, cookie) = start(app, "test").await;
    *op.nonce.lock().unwrap() = query_param(&authorize, "nonce").unwrap();
    *op.twist.lock().unwrap() = twist;
    let state = state_override
        .map(str::to_string)
        .unwrap_or_else(|| query_param(&authorize, "state").unwrap());
    assert_eq!(query_param(&authorize, "code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(
        query_param(&authorize, "acr_values").as_deref(),
        Some("https://www.spid.gov.it/SpidL2")
    );
    let response = callback(app, &format!("code={code}&state={state}"), &cookie).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
}

fn with(claims: Value) -> Twist {
    Twist { claims: claims.as_object().unwrap().clone(), ..Twist::default() }
}

#[tokio::test]
async fn an_independent_provider_signs_in_and_every_bad_answer_is_refused() {
    let (op, _served) = start_fake_op().await;
    let app = app_with_fake_op(&op).await;
    let now = chrono::Utc::now().timestamp();

    assert_eq!(attempt(&app, &op, Twist::default(), "good", None).await, "/il-mio-siisl");

    let refused = |code: &str| format!("/accedi?errore={code}");
    let cases: Vec<(&str, Twist, &str, Option<&str>)> = vec![
        ("wrong state", Twist::default(), "c1", Some("not-the-state")),
        ("replayed code", Twist::default(), "good", None),
        ("wrong nonce", with(json!({ "nonce": "other" })), "c2", None),
        ("wrong aud", with(json!({ "aud": "someone-else" })), "c3", None),
        ("wrong iss", with(json!({ "iss": "https://evil.example" })), "c4", None),
        ("expired", with(json!({ "exp": now - 600, "iat": now - 900 })), "c5", None),
        ("bad signature", Twist { foreign_key: true, ..Twist::default() }, "c6", None),
        ("acr too low", with(json!({ "acr": "https://www.spid.gov.it/SpidL1" })), "c7", None),
        ("no fiscal number", Twist { remove: vec![CF_CLAIM], ..Twist::default() }, "c8", None),
        ("invalid fiscal number", with(json!({ CF_CLAIM: "TINIT-RSSMRA80A41H501X" })), "c9", None),
    ];
    let expected = [
        "wrong_state",
        "code_rejected",
        "token_nonce",
        "token_audience",
        "token_issuer",
        "token_expired",
        "token_signature",
        "acr_too_low",
        "fiscal_number_missing",
        "fiscal_number_invalid",
    ];
    for ((name, twist, code, state), expected) in cases.into_iter().zip(expected) {
        assert_eq!(attempt(&app, &op, twist, code, state).await, refused(expected), "{name}");
        let page = app.get(&refused(expected)).await;
        assert_eq!(page.status(), StatusCode::UNAUTHORIZED, "{name}");
        let html = page.text().await.unwrap();
        assert!(html.contains(&format!("data-error=\"{expected}\"")), "{name}: {html}");
    }
    // Signing out ends at the provider: the page's CSP lets the sign-out form go there.
    let csp = app.get("/accedi").await.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains(&format!("form-action 'self' {};", op.issuer)), "{csp}");

    // Each refusal is in the audit trail with its reason, after the one success.
    let outcomes: Vec<String> = store::audit::all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "sign_in")
        .map(|e| e.outcome)
        .collect();
    let mut audited = vec!["success".to_string()];
    audited.extend(expected.iter().map(|code| code.to_string()));
    assert_eq!(outcomes, audited);

    // Only the good sign-in made a session.
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(store::entity::session::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn a_provider_that_rotates_its_signing_key_is_followed() {
    let (op, _served) = start_fake_op().await;
    let app = app_with_fake_op(&op).await;
    // The first sign-in discovers (and caches) the provider's keys.
    assert_eq!(attempt(&app, &op, Twist::default(), "before", None).await, "/il-mio-siisl");
    // The provider rotates: tokens now carry a key id the cached JWKS does not know.
    *op.rotated.lock().unwrap() = true;
    assert_eq!(attempt(&app, &op, Twist::default(), "after", None).await, "/il-mio-siisl");
}
