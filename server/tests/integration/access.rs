//! Cross-site request refusal, rate limits and the audit trail, through the real router.

use crate::common;

use crate::common::{TestApp, TestDb, callback, personal_area, set_cookie, sign_in_demo, start};
use reqwest::{StatusCode, header};
use store::audit;

async fn audit_trail(app: &TestApp) -> Vec<store::audit::AuditEvent> {
    audit::all(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_cross_site_post_is_refused_changes_nothing_and_is_audited() {
    common::on_both_backends(&[], |app| async move {
        let household = common::builders::Household::adi().make(&app).await;
        let victim = common::builders::citizen_session(&app, household.applicant()).await;
        let other_device = common::builders::citizen_session(&app, household.applicant()).await;
        let other_id = store::session::hash_token(&other_device);

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

// ---- Text no field may hold, in every form --------------------------------------------------

/// What a field must never store: NUL, other controls, a bidirectional override.
const POISON: [&str; 5] =
    ["a\u{0}b", "bell\u{7}", "esc\u{1b}[31m", "gro\u{202E}moc.evil", "c1\u{85}"];

/// Rows per table, except what a refused request may add (its audit entry, the session it
/// refreshes).
async fn row_counts(db: &sea_orm::DatabaseConnection) -> Vec<(String, i64)> {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = db.get_database_backend();
    let list = match backend {
        sea_orm::DbBackend::Sqlite => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'opportunity_fts%'"
        }
        _ => {
            "SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public'"
        }
    };
    let mut counts = Vec::new();
    for row in db.query_all_raw(Statement::from_string(backend, list)).await.unwrap() {
        let table: String = row.try_get("", "t").unwrap();
        if matches!(table.as_str(), "audit_event" | "session") {
            continue;
        }
        let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\"");
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await.unwrap().unwrap();
        counts.push((table, row.try_get::<i64>("", "n").unwrap()));
    }
    counts.sort();
    counts
}

/// The fields of the form posting to `action` on a rendered page, with their values.
fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let Some(start) = html.find(&format!("action=\"{action}\"")) else {
        return Vec::new();
    };
    let form = &html[start..start + html[start..].find("</form>").unwrap_or(html.len() - start)];
    let attribute = |tag: &str, name: &str| {
        tag.split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_string)
    };
    let mut fields = Vec::new();
    for tag in form.split('<').skip(1) {
        let is_field = ["input ", "textarea ", "select "].iter().any(|t| tag.starts_with(t));
        if let (true, Some(name)) = (is_field, attribute(tag, "name")) {
            let value = attribute(tag, "value").unwrap_or_default();
            if !fields.iter().any(|(n, _)| *n == name) {
                fields.push((name, value));
            }
        }
    }
    fields
}

/// A form to send: the session sending it, its action and its fields with their values.
type Form = (String, String, Vec<(String, String)>);

/// Every form a person can send, each field in turn holding each poisoned text: refused with a
/// 4xx that names the field, nothing stored, on both backends.
#[tokio::test]
async fn no_form_stores_control_characters_or_bidi_overrides() {
    let limits = [
        ("SIISL_RATE_LIMIT_ONE_TIME_CODE_PER_MINUTE", "100000"),
        ("SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE", "100000"),
    ];
    common::on_both_backends(&limits, |app| async move {
        let register = |session: String| {
            let app = app.clone();
            async move {
                let form = [("consent", "si"), ("email", ""), ("phone", "")];
                let done = common::post_as(&app, "/iscrizione", &session, &form).await;
                assert_eq!(done.status(), StatusCode::SEE_OTHER);
                session
            }
        };
        let elena = register(sign_in_demo(&app, "elena").await).await;
        let aisha = register(sign_in_demo(&app, "aisha").await).await;
        let francesca = sign_in_demo(&app, "francesca").await;
        let anna = sign_in_demo(&app, "anna").await;
        let application = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            use store::entity::application;
            application::Entity::find()
                .filter(application::Column::InpsProtocol.eq("INPS-ADI-2026-0000106"))
                .one(&app.db)
                .await
                .unwrap()
                .map(|a| a.id.to_string())
                .unwrap_or_default()
        };
        // Forms written out where their page shows them only in some states.
        let mut forms: Vec<Form> = Vec::new();
        type Fields<'a> = Vec<(&'a str, &'a str)>;
        let fixed: Vec<(&str, &str, Fields)> = vec![
            (
                elena.as_str(),
                "/iscrizione",
                vec![("consent", "si"), ("email", "e@example.org"), ("phone", "")],
            ),
            (elena.as_str(), "/pad/codice", vec![("kind", "mobile"), ("value", "+39 333 1234567")]),
            (elena.as_str(), "/pad/verifica", vec![("kind", "mobile"), ("code", "123456")]),
            (
                elena.as_str(),
                "/pad/firma",
                vec![
                    ("application", application.as_str()),
                    ("convocation_address", "Via Roma 1, Roma"),
                    ("consent_convocations", "si"),
                    ("consent_transmit", "si"),
                    ("confirm", "si"),
                ],
            ),
            (
                aisha.as_str(),
                "/pad-individuale",
                vec![("did", "si"), ("consent", "si"), ("confirm", "si")],
            ),
            (
                francesca.as_str(),
                "/operatore/nuclei/1/accesso",
                vec![("motivo", "verifica"), ("testo", "Controllo")],
            ),
            (
                anna.as_str(),
                "/amministrazione/operatori",
                vec![
                    ("codice_fiscale", "RSSMRA80A41H501Y"),
                    ("given_name", "Maria"),
                    ("family_name", "Rossi"),
                    ("role", "case_manager"),
                    ("organisation_kind", "social_services"),
                    ("organisation_code", "H501"),
                    ("organisation_name", "Servizi sociali"),
                    ("active", "true"),
                ],
            ),
            (
                anna.as_str(),
                "/amministrazione/piattaforme",
                vec![("nome", "INPS test"), ("piattaforma", "inps")],
            ),
            (
                anna.as_str(),
                "/amministrazione/assegnazioni",
                vec![
                    ("operatore", "CNTFNC82M50H501U"),
                    ("protocollo", "INPS-ADI-2026-0000101"),
                    ("membro", ""),
                ],
            ),
        ];
        for (session, action, fields) in fixed {
            let fields = fields.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            forms.push((session.to_string(), action.to_string(), fields));
        }
        // The CV's sections, as their pages render them.
        let sections = [
            "dati-personali",
            "esperienze",
            "istruzione",
            "lingue",
            "competenze-digitali",
            "patenti",
            "competenze",
            "disponibilita",
            "aspirazioni",
        ];
        for section in sections.iter().map(|slug| format!("/cv/{slug}")) {
            let page = common::get_as(&app, &section, &aisha).await.text().await.unwrap();
            let fields = form_fields(&page, &section);
            assert!(fields.len() > 1, "{section} has a form");
            forms.push((aisha.clone(), section, fields));
        }

        let before = row_counts(&app.db).await;
        let mut refused = 0;
        for (session, action, fields) in &forms {
            for (poisoned, _) in fields.iter().filter(|(name, _)| name != "version") {
                for poison in POISON {
                    let form: Vec<(&str, &str)> = fields
                        .iter()
                        .map(|(k, v)| (k.as_str(), if k == poisoned { poison } else { v.as_str() }))
                        .collect();
                    let response = common::post_as(&app, action, session, &form).await;
                    let status = response.status();
                    assert!(
                        status.is_client_error(),
                        "{} {action} with {poisoned}={poison:?}: {status}",
                        app.backend()
                    );
                    let body = response.text().await.unwrap();
                    let label = app::i18n::input::field_label(poisoned, app::i18n::Lang::It)
                        .unwrap_or(poisoned);
                    assert!(
                        status == StatusCode::UNPROCESSABLE_ENTITY
                            && body.contains("Il modulo non è stato inviato")
                            && body.contains(&format!("«{label}»")),
                        "{action}: 422 naming {poisoned} ({label}): {status} {}",
                        body.split("<main")
                            .nth(1)
                            .unwrap_or("")
                            .chars()
                            .take(1500)
                            .collect::<String>()
                    );
                    refused += 1;
                }
            }
        }
        assert!(refused > 200, "{refused}");
        assert_eq!(row_counts(&app.db).await, before, "{}: nothing stored", app.backend());
        let cv = store::cv::load(&app.db, "BNLSHA90L62Z330U").await.unwrap();
        assert!(cv.is_none(), "no CV was written");
    })
    .await;
}
