//! The role × route matrix: every route the server answers (pages from the Leptos route list,
//! server functions from their registry, endpoints from the list the router is built from, the
//! demo provider's routes), requested as each role, against an expected table written here. A
//! route missing from the table fails the test; a route missing from the policy is refused to
//! everyone, which the table contradicts.

use crate::common;

use std::collections::BTreeSet;

use crate::common::TestApp;
use crate::common::builders::Organisation;
use contract::identity::CodiceFiscale;
use contract::organisations::{ActingFor, OrganisationKind, OrganisationRole};
use contract::policy::Role;
use reqwest::{StatusCode, header};
use store::{audit, session};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anyone,
    SignedIn,
    Citizens,
    Administrators,
    /// Case managers and job-centre operators.
    Operators,
    /// People acting for an organisation (only its own ads and people).
    Publishers,
    /// A person on their own behalf or for an organisation.
    People,
    /// No person: a platform's machine client with a bearer token (the machine API).
    Platforms,
}

/// What each route should allow, written out independently of the rules beside the routes
/// (`server::policy::rule_for` reads those), so a rule changed by mistake fails here.
const EXPECTED: &[(&str, &str, Who)] = &[
    ("GET", "/", Who::Anyone),
    ("GET", "/privacy", Who::Anyone),
    ("GET", "/accessibilita", Who::Anyone),
    ("GET", "/fonti-dati", Who::Anyone),
    ("GET", "/accedi", Who::Anyone),
    ("GET", "/sw.js", Who::Anyone),
    ("GET", "/offline", Who::Anyone),
    ("GET", "/offline/cv", Who::Anyone),
    ("GET", "/offline/cv/{section}", Who::Anyone),
    ("GET", "/area-personale", Who::SignedIn),
    ("GET", "/demo-idp/authorize", Who::Anyone),
    ("GET", "/healthz", Who::Anyone),
    ("GET", "/readyz", Who::Anyone),
    ("POST", "/lingua", Who::Anyone),
    ("GET", "/auth/login/{provider}", Who::Anyone),
    ("GET", "/auth/callback", Who::Anyone),
    ("POST", "/auth/esci", Who::Anyone),
    ("POST", "/auth/sessioni/termina", Who::SignedIn),
    ("POST", "/api/my_sessions", Who::SignedIn),
    ("GET", "/amministrazione/operatori", Who::Administrators),
    ("POST", "/amministrazione/operatori", Who::Administrators),
    ("POST", "/api/list_operators", Who::Administrators),
    ("GET", "/demo-idp/.well-known/openid-configuration", Who::Anyone),
    ("GET", "/demo-idp/jwks", Who::Anyone),
    ("POST", "/demo-idp/authorize", Who::Anyone),
    ("POST", "/demo-idp/token", Who::Anyone),
    ("GET", "/demo-idp/userinfo", Who::Anyone),
    ("GET", "/demo-idp/logout", Who::Anyone),
    ("GET", "/iscrizione", Who::Citizens),
    ("POST", "/iscrizione", Who::Citizens),
    ("GET", "/il-mio-siisl", Who::Citizens),
    ("GET", "/domanda", Who::Citizens),
    ("GET", "/nucleo", Who::Citizens),
    ("GET", "/percorso", Who::Citizens),
    ("GET", "/messaggi", Who::Citizens),
    ("GET", "/messaggi/{id}", Who::Citizens),
    ("POST", "/api/open_message", Who::Citizens),
    ("POST", "/messaggi/letti", Who::Citizens),
    ("POST", "/convocazioni/{id}/richiesta", Who::Citizens),
    ("GET", "/convocazioni/{id}", Who::Citizens),
    ("GET", "/pad", Who::Citizens),
    ("GET", "/pad/ricevuta", Who::Citizens),
    ("POST", "/pad/codice", Who::Citizens),
    ("POST", "/pad/verifica", Who::Citizens),
    ("POST", "/pad/cambia", Who::Citizens),
    ("POST", "/pad/firma", Who::Citizens),
    ("POST", "/api/my_situation", Who::Citizens),
    ("POST", "/api/open_convocation", Who::Citizens),
    ("GET", "/pad-individuale", Who::Citizens),
    ("GET", "/pad-individuale/ricevuta", Who::Citizens),
    ("POST", "/pad-individuale", Who::Citizens),
    ("POST", "/sfl/adesione", Who::Citizens),
    ("POST", "/sfl/partecipazione", Who::Citizens),
    ("GET", "/cv", Who::Citizens),
    ("GET", "/cv/stampa", Who::Citizens),
    ("GET", "/cv/importa", Who::Citizens),
    ("POST", "/cv/importa", Who::Citizens),
    ("GET", "/cv/esporta", Who::Citizens),
    ("POST", "/api/my_cv", Who::Citizens),
    ("POST", "/api/agencies", Who::Citizens),
    // Every section of `CV_SECTIONS` (the matrix tries `esperienze`; the CV tests all).
    ("GET", "/cv/{section}", Who::Citizens),
    ("POST", "/cv/{section}", Who::Citizens),
    ("GET", "/candidature", Who::Citizens),
    ("POST", "/api/my_candidacies", Who::Citizens),
    ("POST", "/opportunita/{id}/candidatura", Who::Citizens),
    ("POST", "/candidature/{id}/ritira", Who::Citizens),
    ("GET", "/accessi", Who::Citizens),
    ("POST", "/api/my_data_accesses", Who::Citizens),
    ("GET", "/operatore", Who::Operators),
    ("GET", "/operatore/nuclei/{id}", Who::Operators),
    ("POST", "/operatore/nuclei/{id}/accesso", Who::Operators),
    ("POST", "/operatore/nuclei/{id}/visualizza", Who::Operators),
    ("POST", "/api/caseload", Who::Operators),
    ("POST", "/api/open_household_file", Who::Operators),
    ("POST", "/visualizzazione/termina", Who::SignedIn),
    ("GET", "/amministrazione/assegnazioni", Who::Administrators),
    ("POST", "/amministrazione/assegnazioni", Who::Administrators),
    ("POST", "/amministrazione/assegnazioni/area", Who::Administrators),
    ("POST", "/api/list_assignments", Who::Administrators),
    ("GET", "/api/suggest", Who::Anyone),
    ("GET", "/opportunita", Who::Anyone),
    ("GET", "/opportunita/{id}", Who::Anyone),
    ("GET", "/api/catalogo", Who::Anyone),
    ("GET", "/api/opportunita", Who::Anyone),
    ("GET", "/demo/messaggi", Who::Anyone),
    ("POST", "/api/demo_outbox", Who::Anyone),
    ("GET", "/amministrazione/piattaforme", Who::Administrators),
    ("POST", "/amministrazione/piattaforme", Who::Administrators),
    ("POST", "/amministrazione/piattaforme/{id}/segreto", Who::Administrators),
    ("POST", "/amministrazione/piattaforme/{id}/stato", Who::Administrators),
    ("POST", "/api/list_api_clients", Who::Administrators),
    ("GET", "/amministrazione/consegne", Who::Administrators),
    ("POST", "/amministrazione/consegne/{id}/riprova", Who::Administrators),
    ("POST", "/api/list_deliveries", Who::Administrators),
    ("GET", "/api/v1/openapi.json", Who::Anyone),
    ("POST", "/api/v1/oauth/token", Who::Anyone),
    ("POST", "/api/v1/inps/applications", Who::Platforms),
    ("POST", "/api/v1/inps/application-status", Who::Platforms),
    ("POST", "/api/v1/inps/assessment-outcomes", Who::Platforms),
    ("POST", "/api/v1/inps/sanctions", Who::Platforms),
    ("POST", "/api/v1/inps/payments", Who::Platforms),
    ("POST", "/api/v1/gepi/taking-in-charge", Who::Platforms),
    ("POST", "/api/v1/gepi/convocations", Who::Platforms),
    ("POST", "/api/v1/gepi/meetings", Who::Platforms),
    ("POST", "/api/v1/gepi/member-assessments", Who::Platforms),
    ("POST", "/api/v1/gepi/pais", Who::Platforms),
    ("POST", "/api/v1/siu/psp", Who::Platforms),
    ("POST", "/api/v1/siu/activities", Who::Platforms),
    ("POST", "/api/v1/siu/sfl-participation", Who::Platforms),
    ("GET", "/amministrazione/organizzazioni", Who::Administrators),
    ("POST", "/amministrazione/organizzazioni/{id}", Who::Administrators),
    ("POST", "/api/organisation_registry", Who::Administrators),
    ("GET", "/organizzazioni", Who::People),
    ("POST", "/organizzazioni", Who::People),
    ("POST", "/organizzazioni/opera", Who::People),
    ("POST", "/api/my_organisation_list", Who::People),
    ("GET", "/organizzazione", Who::Publishers),
    ("GET", "/organizzazione/annunci/nuovo", Who::Publishers),
    ("GET", "/organizzazione/annunci/{id}", Who::Publishers),
    ("GET", "/organizzazione/persone", Who::Publishers),
    ("POST", "/organizzazione/annunci", Who::Publishers),
    ("POST", "/organizzazione/annunci/{id}", Who::Publishers),
    ("POST", "/organizzazione/annunci/{id}/azione", Who::Publishers),
    ("POST", "/organizzazione/persone", Who::Publishers),
    ("POST", "/organizzazione/persone/rimuovi", Who::Publishers),
    ("POST", "/api/my_ads", Who::Publishers),
    ("POST", "/api/ad_form", Who::Publishers),
    ("POST", "/api/organisation_people", Who::Publishers),
    ("GET", "/organizzazione/candidature", Who::Publishers),
    ("GET", "/organizzazione/candidature/{id}", Who::Publishers),
    ("POST", "/organizzazione/candidature/{id}", Who::Publishers),
    ("POST", "/api/received_candidacies", Who::Publishers),
    ("POST", "/api/received_candidacy", Who::Publishers),
    ("POST", "/amministrazione/annunci/{id}/sospendi", Who::Administrators),
    ("POST", "/amministrazione/annunci/{id}/archivia", Who::Administrators),
    ("POST", "/api/reported_ads", Who::Administrators),
    ("POST", "/opportunita/{id}/segnala", Who::Citizens),
];

/// Whether the server refused the request on authorization grounds.
fn refused(method: &str, response: &reqwest::Response) -> bool {
    let to_sign_in = response.status() == StatusCode::SEE_OTHER
        && response.headers()[header::LOCATION].to_str().unwrap().starts_with("/accedi?torna=");
    // Not signed in, sending a form: 401 (sign in first); signed in without the role: 403.
    response.status() == StatusCode::FORBIDDEN
        || (response.status() == StatusCode::UNAUTHORIZED && method != "GET")
        || to_sign_in
}

#[tokio::test]
async fn every_route_allows_exactly_the_roles_it_should() {
    let routes = common::all_routes();
    let expected: BTreeSet<(String, String)> =
        EXPECTED.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    assert_eq!(routes, expected, "every route the server answers has an expected row, and back");

    // Six sessions on every route from one address: the limits are not under test here.
    let limit = [
        ("SIISL_RATE_LIMIT_ONE_TIME_CODE_PER_MINUTE", "100"),
        ("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE", "100000"),
    ];
    let app = TestApp::spawn_with(common::TestDb::sqlite(), &limit).await;
    let mut checked = 0;
    for (method, pattern, who) in EXPECTED {
        // Fresh sessions for every route: signing out (one of the routes) ends them.
        let mut sessions = vec![(None, None)];
        for (role, cf) in [
            (Role::Citizen, "RSSMRA80A41H501Y"),
            (Role::CaseManager, "CNTFNC82M50H501U"),
            (Role::CpiOperator, "FRRMRC78E15L219Q"),
            (Role::Administrator, "GLLNNA70B48D612X"),
        ] {
            sessions.push((Some(role), Some(common::session_for(&app, cf, role, "matrix").await)));
        }
        let organisation =
            Organisation::approved(&app, OrganisationKind::Employer, "Matrice S.r.l.").await;
        sessions
            .push((Some(Role::Organisation), Some(organisation.administrator_session(&app).await)));
        let path = pattern
            .replace("{provider}", "demo")
            .replace("{id}", "1")
            .replace("{section}", "esperienze");
        for (role, cookie) in &sessions {
            let mut request = match *method {
                "GET" => app.client.get(app.url(&path)),
                _ => app.client.post(app.url(&path)).header("sec-fetch-site", "same-origin"),
            };
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, format!("siisl_session={cookie}"));
            }
            let response = request.send().await.unwrap();
            let allowed = match who {
                Who::Anyone => true,
                Who::SignedIn => role.is_some(),
                Who::Citizens => *role == Some(Role::Citizen),
                Who::Administrators => *role == Some(Role::Administrator),
                Who::Operators => {
                    matches!(role, Some(Role::CaseManager) | Some(Role::CpiOperator))
                }
                Who::Publishers => *role == Some(Role::Organisation),
                Who::People => matches!(role, Some(Role::Citizen) | Some(Role::Organisation)),
                // A session is no token: 401 for everyone (tokens: tests/interop.rs).
                Who::Platforms => false,
            };
            assert_eq!(
                !refused(method, &response),
                allowed,
                "{method} {path} as {role:?}: got {}",
                response.status()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, EXPECTED.len() * 6);

    // Each refusal left an audit entry naming the route.
    let denials: Vec<_> = audit::all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "authorization_denied")
        .collect();
    let expected_denials: usize = EXPECTED
        .iter()
        .map(|(_, _, who)| match who {
            Who::Anyone => 0,
            Who::SignedIn => 1,
            Who::Citizens | Who::Administrators | Who::Publishers => 5,
            Who::Operators | Who::People => 4,
            // A request without a bearer token is not a person's refusal: no entry.
            Who::Platforms => 0,
        })
        .sum();
    assert_eq!(denials.len(), expected_denials, "one entry per refused request");
    assert!(denials.iter().all(|e| e.target.is_some()));
}

#[tokio::test]
async fn operators_sign_in_with_their_registered_role_and_a_suspended_one_as_citizen() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use store::operator;
    let app = TestApp::spawn().await;
    let role_of = |cookie: String| {
        let db = app.db.clone();
        async move {
            store::entity::session::Entity::find()
                .filter(store::entity::session::Column::Id.eq(session::hash_token(&cookie)))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .role
        }
    };
    assert_eq!(role_of(common::sign_in_demo(&app, "francesca").await).await, "case_manager");
    assert_eq!(role_of(common::sign_in_demo(&app, "marco").await).await, "cpi_operator");
    assert_eq!(role_of(common::sign_in_demo(&app, "anna").await).await, "administrator");
    assert_eq!(role_of(common::sign_in_demo(&app, "maria").await).await, "citizen");

    let mut marco = store::entity::operator::Entity::find_by_id("FRRMRC78E15L219Q")
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    marco.active = false;
    let registration = operator::Registration {
        codice_fiscale: CodiceFiscale::parse(&marco.codice_fiscale).unwrap(),
        given_name: marco.given_name.clone(),
        family_name: marco.family_name.clone(),
        role: Role::CpiOperator,
        organisation_kind: marco.organisation_kind.clone(),
        organisation_code: marco.organisation_code.clone(),
        organisation_name: marco.organisation_name.clone(),
        active: false,
    };
    operator::register(&app.db, &registration, chrono::Utc::now()).await.unwrap();
    assert_eq!(role_of(common::sign_in_demo(&app, "marco").await).await, "citizen");
}

#[tokio::test]
async fn a_route_without_a_rule_is_refused_to_everyone() {
    use axum::{Router, routing::get};
    let router: Router<app::state::AppState> =
        Router::new().route("/unlisted", get(|| async { "should never be seen" }));
    let app = common::MiddlewareApp::spawn(router).await;
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client.get(app.served.url("/unlisted")).send().await.unwrap();
    // Anonymous GET: sent to sign in, which would not help either; a POST is a plain 403.
    assert!(refused("GET", &response), "{}", response.status());
    let response = client.post(app.served.url("/unlisted")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let denials = audit::all(&app.db()).await.unwrap();
    assert_eq!(denials.len(), 2, "both refusals are audited");
}

/// The variants of a path that name the same resource (RFC 3986: a trailing slash, dot
/// segments, escaped unreserved characters).
fn variants(path: &str) -> Vec<String> {
    let (first, rest) = path[1..].split_once('/').unwrap_or((&path[1..], ""));
    let rest = if rest.is_empty() { String::new() } else { format!("/{rest}") };
    vec![
        format!("{path}/"),
        format!("{path}/."),
        format!("/{first}/%2e{rest}"),
        format!("/x/..{path}"),
        format!("/%{:02X}{}", first.as_bytes()[0], &path[2..]),
    ]
}

#[tokio::test]
async fn every_protected_route_answers_its_path_variants_exactly_as_itself() {
    // Limits out of the way: the same forms are sent six times by each session.
    let limits = [
        ("SIISL_RATE_LIMIT_ONE_TIME_CODE_PER_MINUTE", "100000"),
        ("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE", "100000"),
    ];
    let app = TestApp::spawn_with(common::TestDb::sqlite(), &limits).await;
    let mut compared = 0;
    for (method, pattern, _) in EXPECTED.iter().filter(|(_, _, who)| *who != Who::Anyone) {
        let mut sessions = vec![None];
        for (role, cf) in [
            (Role::Citizen, "RSSMRA80A41H501Y"),
            (Role::CaseManager, "CNTFNC82M50H501U"),
            (Role::CpiOperator, "FRRMRC78E15L219Q"),
            (Role::Administrator, "GLLNNA70B48D612X"),
        ] {
            sessions.push(Some(common::session_for(&app, cf, role, "variants").await));
        }
        let path = pattern.replace("{id}", "1").replace("{provider}", "demo");
        for cookie in &sessions {
            let send = |path: String| {
                let mut request = match *method {
                    "GET" => app.client.get(app.url(&path)),
                    _ => app.client.post(app.url(&path)).header("sec-fetch-site", "same-origin"),
                };
                if let Some(cookie) = cookie {
                    request = request.header(header::COOKIE, format!("siisl_session={cookie}"));
                }
                async move { request.send().await.unwrap() }
            };
            let answer = |response: &reqwest::Response| {
                let location = response
                    .headers()
                    .get(header::LOCATION)
                    .map(|v| v.to_str().unwrap().to_string());
                (response.status(), location)
            };
            let canonical = answer(&send(path.clone()).await);
            for variant in variants(&path) {
                let got = answer(&send(variant.clone()).await);
                assert_eq!(
                    got,
                    canonical,
                    "{method} {variant} answers as {method} {path} (signed in: {})",
                    cookie.is_some()
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 500, "{compared}");
}

#[tokio::test]
async fn an_unmatched_path_is_the_404_page_and_nothing_else() {
    let app = TestApp::spawn().await;
    for path in [
        "/amministrazione%2Foperatori",
        "/amministrazione%2foperatori",
        "/Amministrazione/operatori",
        "/amministrazione/operatori;x",
        "/amministrazione/operatori.json",
        "/amministrazione/operatori%00",
        "/amministrazione/operatori%20",
        "/amministrazione//x/operatori",
        "/operatore/nuclei/1/x",
        "/cv/esperienze/extra",
        "/non-esiste",
        "/%C0%AE%C0%AE/amministrazione/operatori",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body = response.text().await.unwrap();
        for protected in
            ["GLLNNA70B48D612X", "CNTFNC82M50H501U", "operatori-tabella", "piattaforma"]
        {
            assert!(!body.contains(protected), "{path} shows {protected}");
        }
        assert!(body.contains("<h1>"), "{path}: the 404 page, in the site's layout");
    }
    for path in ["/api/v1/nope", "/api/nope"] {
        let response = app.client.post(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // A route that exists for another method: 405 (problem details on the machine API),
    // neither a sign-in page nor an error in the log.
    let response = app.get("/api/v1/inps/applications").await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "POST");
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
    let response = app.get("/pad/firma").await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

/// The second wall: with the policy taken away, the server functions of administrators,
/// operators and citizens still refuse whoever is not theirs.
#[tokio::test]
async fn server_functions_check_their_rule_themselves() {
    use contract::auth::CurrentUser;
    let db = common::TestDb::sqlite();
    let dir = common::TempDir::new();
    let settings = common::settings_in(&dir);
    let conn = db.connect().await;
    server::db::migrate(&conn).await.unwrap();
    server::demo_data::seed(&conn, chrono::Utc::now()).await.unwrap();
    let auth = server::auth::Auth::new(&settings);
    let state = server::startup::app_state(&settings, conn.clone(), &auth);
    let user = |role: Role| CurrentUser {
        account_id: "a".into(),
        session_id: "s".into(),
        given_name: "T".into(),
        family_name: "T".into(),
        codice_fiscale: "GLLNNA70B48D612X".into(),
        role,
        viewing: None,
        organisation: (role == Role::Organisation).then(|| ActingFor {
            id: 1,
            name: "Matrice S.r.l.".into(),
            kind: OrganisationKind::Employer,
            role: OrganisationRole::Administrator,
        }),
    };
    let mut checked = 0;
    for (method, path, who) in EXPECTED {
        if *method != "POST" || !path.starts_with("/api/") || path.starts_with("/api/v1/") {
            continue;
        }
        if matches!(who, Who::Anyone | Who::Platforms) {
            continue;
        }
        for role in [
            None,
            Some(Role::Citizen),
            Some(Role::CaseManager),
            Some(Role::Administrator),
            Some(Role::Organisation),
        ] {
            // No policy here: only the function itself stands between the request and the data.
            let mut router = server::startup::server_functions();
            if let Some(role) = role {
                router = router.layer(axum::Extension(user(role)));
            }
            let served = common::Served::start(
                router.with_state(state.clone()),
                std::time::Duration::from_secs(1),
            )
            .await;
            let response = reqwest::Client::new()
                .post(served.url(path))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(if *path == "/api/caseload" {
                    "query[search]=&query[sort]=DueAsc&query[page]=1"
                } else {
                    "id=1"
                })
                .send()
                .await
                .unwrap();
            let allowed = match who {
                Who::SignedIn => role.is_some(),
                Who::Citizens => role == Some(Role::Citizen),
                Who::Administrators => role == Some(Role::Administrator),
                Who::Operators => role == Some(Role::CaseManager),
                Who::Publishers => role == Some(Role::Organisation),
                Who::People => matches!(role, Some(Role::Citizen) | Some(Role::Organisation)),
                Who::Anyone | Who::Platforms => unreachable!(),
            };
            let status = response.status();
            if !allowed {
                let expected = if role.is_none() { 401 } else { 403 };
                assert_eq!(status.as_u16(), expected, "{path} as {role:?}");
            } else {
                assert!(![401, 403].contains(&status.as_u16()), "{path} as {role:?}: {status}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
}

#[test]
fn every_page_has_exactly_one_rule_beside_its_route() {
    use std::collections::BTreeSet;
    let pages: BTreeSet<String> =
        server::startup::route_list().iter().map(|listing| listing.path().to_string()).collect();
    let ruled: Vec<&str> = app::shell::PAGE_RULES.iter().map(|(page, _)| *page).collect();
    let unique: BTreeSet<String> = ruled.iter().map(|page| page.to_string()).collect();
    assert_eq!(ruled.len(), unique.len(), "a page is listed twice in PAGE_RULES");
    assert_eq!(pages, unique, "PAGE_RULES and App's routes differ");
}

#[test]
fn every_server_function_has_exactly_one_rule_beside_it() {
    use std::collections::BTreeSet;
    let registered: BTreeSet<(String, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (method.to_string(), path.to_string()))
        .collect();
    let ruled: Vec<(String, String)> =
        app::pages::server_fn_rules().map(|f| (f.method.to_string(), f.path.to_string())).collect();
    let unique: BTreeSet<(String, String)> = ruled.iter().cloned().collect();
    assert_eq!(ruled.len(), unique.len(), "a server function has two rules");
    assert_eq!(registered, unique, "the registered server functions and their rules differ");
}
