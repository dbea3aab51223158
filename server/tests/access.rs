//! Cross-site request refusal, rate limits and the audit trail, through the real router.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use app::db::audit;
use common::{TestApp, TestDb, callback, personal_area, set_cookie, sign_in_demo, start};
use reqwest::{StatusCode, header};

async fn audit_trail(app: &TestApp) -> Vec<audit::Model> {
    audit::all(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_cross_site_post_is_refused_changes_nothing_and_is_audited() {
    common::on_both_backends(&[], |app| async move {
        let victim = sign_in_demo(&app, "maria").await;
        let other_device = sign_in_demo(&app, "maria").await;
        let other_id = app::db::session::hash_token(&other_device);

        // A page on another site makes the browser post the session-ending form, cookie attached.
        for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")]
        {
            let response = app
                .client
                .post(app.url("/auth/sessioni/termina"))
                .header(header::COOKIE, format!("siisl_session={victim}"))
                .header(name, value)
                .form(&[("session", other_id.as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}");
        }
        assert_eq!(personal_area(&app, &other_device).await.0, StatusCode::OK, "nothing changed");

        // A server function, and a plain form: the same.
        let response = app
            .client
            .post(app.url("/api/my_sessions"))
            .header(header::COOKIE, format!("siisl_session={victim}"))
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let response = app
            .client
            .post(app.url("/lingua"))
            .header("origin", "https://evil.example")
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(set_cookie(&response, "lang").is_none());

        // The site's own pages may post.
        let response = app
            .client
            .post(app.url("/lingua"))
            .header("origin", app.url(""))
            .header("sec-fetch-site", "same-origin")
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let refusals: Vec<_> = audit_trail(&app)
            .await
            .into_iter()
            .filter(|e| e.action == "cross_site_request")
            .collect();
        // Four refusals, of three routes: the second one of the same route from the same address
        // within a minute is refused without a second entry.
        assert_eq!(refusals.len(), 3);
        assert_eq!(refusals[0].target.as_deref(), Some("POST /auth/sessioni/termina"));
        assert!(refusals.iter().all(|e| e.outcome == "refused" && e.request_id.is_some()));
        assert_eq!(refusals[0].client_ip.as_deref(), Some("127.0.0.1"));
    })
    .await;
}

#[tokio::test]
async fn the_21st_sign_in_attempt_in_a_minute_gets_429_with_retry_after() {
    common::on_both_backends(&[], |app| async move {
        for attempt in 1..=20 {
            let response = app.get("/auth/login/demo").await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "attempt {attempt}");
        }
        for _ in 0..5 {
            let response = app.get("/auth/login/demo").await;
            assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
            let wait: u64 =
                response.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
            assert!((1..=60).contains(&wait));
        }
        // Other pages still answer: only sign-in is limited this tightly.
        assert_eq!(app.get("/").await.status(), StatusCode::OK);
        let limited: Vec<_> =
            audit_trail(&app).await.into_iter().filter(|e| e.action == "rate_limited").collect();
        assert_eq!(limited.len(), 1, "audited once per window, not once per request");
        assert_eq!(limited[0].target.as_deref(), Some("/auth/login/demo"));
    })
    .await;
}

#[tokio::test]
async fn the_global_limit_is_configurable() {
    common::on_both_backends(&[("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE", "5")], |app| async move {
        for _ in 0..5 {
            assert_eq!(app.get("/privacy").await.status(), StatusCode::OK);
        }
        assert_eq!(app.get("/privacy").await.status(), StatusCode::TOO_MANY_REQUESTS);
    })
    .await;
}

#[tokio::test]
async fn sign_ins_refusals_and_sign_outs_are_in_the_audit_trail() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        let session = sign_in_demo(&app, "francesca").await;
        let (_, cookie) = start(&app, "demo").await;
        let refused = callback(&app, "code=x&state=forged", &cookie).await;
        assert_eq!(refused.headers()[header::LOCATION], "/accedi?errore=wrong_state");
        common::post_as(&app, "/auth/esci", &session, &[]).await;

        let trail = audit_trail(&app).await;
        let summary: Vec<(&str, &str)> =
            trail.iter().map(|e| (e.action.as_str(), e.outcome.as_str())).collect();
        assert_eq!(
            summary,
            [("sign_in", "success"), ("sign_in", "wrong_state"), ("sign_out", "success")]
        );
        let account = trail[0].actor_account_id.clone().expect("the actor is recorded");
        assert_eq!(trail[2].actor_account_id.as_deref(), Some(account.as_str()));
        assert_eq!(trail[0].target.as_deref(), Some("demo"));
        assert_eq!(trail[0].actor_role.as_deref(), Some("case_manager"), "Francesca's role");
        assert!(trail.iter().all(|e| e.request_id.is_some()));
        // Nothing secret is kept: no cookie value, no code, no state.
        let everything = format!("{trail:?}");
        assert!(!everything.contains(&session) && !everything.contains(&cookie));
        assert!(!everything.contains("forged"));
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_limit_and_its_own_address_in_the_audit() {
    // The test client connects from 127.0.0.1, standing in for the load balancer.
    common::on_both_backends(
        &[
            ("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE", "3"),
            ("SIISL_HTTP_TRUSTED_PROXIES", "127.0.0.0/8"),
        ],
        |app| async move {
            let from = |client: &'static str| {
                app.client.get(app.url("/privacy")).header("x-forwarded-for", client).send()
            };
            for _ in 0..3 {
                assert_eq!(from("198.51.100.1").await.unwrap().status(), StatusCode::OK);
            }
            let limited = from("198.51.100.1").await.unwrap();
            assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
            // Another client behind the same balancer is not affected.
            assert_eq!(from("198.51.100.2").await.unwrap().status(), StatusCode::OK);
            // A forged first hop does not change who the balancer says the client is.
            let forged = app
                .client
                .get(app.url("/privacy"))
                .header("x-forwarded-for", "203.0.113.50, 198.51.100.1")
                .send()
                .await
                .unwrap();
            assert_eq!(forged.status(), StatusCode::TOO_MANY_REQUESTS);
            let refusal =
                audit_trail(&app).await.into_iter().find(|e| e.action == "rate_limited").unwrap();
            assert_eq!(refusal.client_ip.as_deref(), Some("198.51.100.1"));
        },
    )
    .await;
}

#[tokio::test]
async fn without_trusted_proxies_a_forwarded_header_is_ignored() {
    common::on_both_backends(&[("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE", "3")], |app| async move {
        for client in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
            let response = app
                .client
                .get(app.url("/privacy"))
                .header("x-forwarded-for", client)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
        }
        let spoofed = app
            .client
            .get(app.url("/privacy"))
            .header("x-forwarded-for", "198.51.100.4")
            .send()
            .await
            .unwrap();
        assert_eq!(
            spoofed.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "one client, whatever it claims"
        );
    })
    .await;
}
