//! Offline forms, the server's half: the draft keeper's answers (JSON instead of redirects, 401
//! when the session is gone, 409 on a stale version), the service worker script, the data-free
//! offline copies, and the wipe at sign-out. The browser half runs in end2end/tests/offline.spec.ts.

use crate::common;

use crate::common::builders::{Household, citizen_session};
use crate::common::{TestApp, TestDb, get_as, location};
use reqwest::{StatusCode, header};

/// The draft keeper's post: the form, the session cookie and its marker header.
async fn keeper_post(
    app: &TestApp,
    path: &str,
    session: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header(header::COOKIE, format!("siisl_session={session}"))
        .header("x-siisl-draft", "1")
        .header(header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A member of an ADI household, registered on SIISL through the draft keeper.
async fn registered(app: &TestApp) -> String {
    let household = Household::adi().with_member(true).make(app).await;
    let session = citizen_session(app, &household.members[1]).await;
    let form = [("consent", "si"), ("email", ""), ("phone", "")];
    let done = keeper_post(app, "/iscrizione", &session, &form).await;
    assert_eq!(done.status(), StatusCode::OK, "the keeper gets JSON, not a redirect");
    let body: serde_json::Value = done.json().await.unwrap();
    assert_eq!(body["location"], "/il-mio-siisl");
    session
}

fn personal(version: &str, phone: &str) -> Vec<(&'static str, String)> {
    vec![
        ("version", version.to_string()),
        ("given_name", "Aisha".into()),
        ("family_name", "Benali".into()),
        ("birth_date", "".into()),
        ("email", "citizen@example.org".into()),
        ("phone", phone.to_string()),
        ("municipality", "".into()),
        ("address", "".into()),
        ("nationality", "".into()),
    ]
}

/// The personal-information section as the keeper sends it.
async fn keeper_save_personal(
    app: &TestApp,
    session: &str,
    version: &str,
    phone: &str,
) -> reqwest::Response {
    keeper_post(app, "/cv/dati-personali", session, &as_refs(&personal(version, phone))).await
}

fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn the_keeper_gets_json_401_and_409_and_nothing_half_written() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        let citizen = registered(&app).await;

        // A form the keeper sends: saved, answered with where to go.
        let saved = keeper_save_personal(&app, &citizen, "0", "+39 333 1234567").await;
        assert_eq!(saved.status(), StatusCode::OK);
        let body: serde_json::Value = saved.json().await.unwrap();
        assert_eq!(body["location"], "/cv/dati-personali?salvato=1");

        // The same form from a tab that still shows version 0: a conflict, nothing written.
        let stale = keeper_save_personal(&app, &citizen, "0", "+39 333 7654321").await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let page = get_as(&app, "/cv/dati-personali", &citizen).await.text().await.unwrap();
        assert!(page.contains("+39 333 1234567") && !page.contains("7654321"));
        assert!(page.contains("data-draft=\"cv-dati-personali\""), "the form is the keeper's");

        // The session is gone (expired, or signed out elsewhere): 401, so the keeper keeps the
        // draft and asks to sign in again; the same without the keeper's header.
        for session in ["expired-or-unknown", ""] {
            let refused = keeper_save_personal(&app, session, "1", "+39 333 0000000").await;
            assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
        }
        let page = get_as(&app, "/cv/dati-personali", &citizen).await.text().await.unwrap();
        assert!(page.contains("+39 333 1234567") && !page.contains("0000000"));

        // Without the header a browser gets the usual redirect.
        let plain = common::post_as(
            &app,
            "/cv/dati-personali",
            &citizen,
            &as_refs(&personal("1", "+39 333 1111111")),
        )
        .await;
        assert_eq!(plain.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&plain), "/cv/dati-personali?salvato=1");

        // That save sent again, as the keeper does when the answer was lost on the way back:
        // its version is stale now, but the CV already says it, so it is saved, not a conflict;
        // and nothing is written (version 2 is still the current one).
        let again = keeper_save_personal(&app, &citizen, "1", "+39 333 1111111").await;
        assert_eq!(again.status(), StatusCode::OK);
        let body: serde_json::Value = again.json().await.unwrap();
        assert_eq!(body["location"], "/cv/dati-personali?salvato=1");
        let next = keeper_save_personal(&app, &citizen, "2", "+39 333 2222222").await;
        assert_eq!(next.status(), StatusCode::OK, "version 2 was still current");
    }
}

#[tokio::test]
async fn the_service_worker_keeps_this_build_and_only_data_free_copies() {
    common::on_both_backends(&[], |app| async move {
        let script = app.get("/sw.js").await;
        assert_eq!(script.status(), StatusCode::OK);
        assert!(
            script.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript")
        );
        assert_eq!(script.headers()[header::CACHE_CONTROL], "no-cache");
        let text = script.text().await.unwrap();
        assert!(!text.contains("__VERSION__") && !text.contains("__ASSETS__"), "filled in");
        for copy in server::http::offline::offline_copies() {
            assert!(text.contains(&format!("\"{copy}\"")), "{copy} is kept");
            // Every copy is a public page that renders for nobody in particular.
            let page = app.get(&copy).await;
            assert_eq!(page.status(), StatusCode::OK, "{copy}");
        }
        let options = leptos::config::LeptosOptions::builder().output_name("siisl").build();
        let assets = server::http::offline::build_assets(&options);
        assert!(
            assets.iter().any(|a| a.ends_with(".wasm"))
                && assets.iter().any(|a| a.ends_with(".js"))
        );

        // The copy of a CV section has the form the keeper fills, and no data even when asked
        // with somebody's session (the worker asks without cookies anyway).
        let household =
            Household::adi().with_member(true).named("Aisha", "Benali").make(&app).await;
        let citizen = citizen_session(&app, &household.members[1]).await;
        let copy = get_as(&app, "/offline/cv/dati-personali", &citizen).await.text().await.unwrap();
        assert!(copy.contains("data-draft=\"cv-dati-personali\""));
        assert!(copy.contains("data-testid=\"offline-shell\""));
        assert!(!copy.contains("Benali"), "no personal data in the offline copy");
    })
    .await;
}

#[tokio::test]
async fn signing_out_wipes_the_browser_drafts() {
    common::on_both_backends(&[], |app| async move {
        let household = Household::adi().make(&app).await;
        let citizen = citizen_session(&app, household.applicant()).await;
        let out = common::post_as(&app, "/auth/esci", &citizen, &[]).await;
        assert!(out.status().is_redirection());
        assert_eq!(out.headers()["clear-site-data"], "\"cache\", \"storage\"");
    })
    .await;
}
