//! The citizen's SIISL through the real router: registration, pages, one-time codes and the
//! PAD nucleo, including every refusal the issue lists.

use crate::common;

use crate::common::builders::{Household, citizen_session};
use crate::common::{TestApp, get_as, location, post_as, sign_in_demo};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use store::entity::{one_time_code, outbox_message, pad_nucleo};

/// The code the demo outbox holds for `recipient` (the newest one).
async fn code_sent_to(app: &TestApp, recipient: &str) -> String {
    let message = outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq(recipient))
        .order_by_desc(outbox_message::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a message was queued");
    message
        .body
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("a 6-digit code in the message")
        .to_string()
}

async fn register(app: &TestApp, session: &str) {
    let done =
        post_as(app, "/iscrizione", session, &[("consent", "si"), ("email", ""), ("phone", "")])
            .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&done), "/il-mio-siisl");
}

#[tokio::test]
async fn first_sign_in_asks_for_registration_and_refuses_bad_input_next_to_the_field() {
    common::on_both_backends(&[], |app| async move {
        let maria = sign_in_demo(&app, "maria").await;
        let home = get_as(&app, "/il-mio-siisl", &maria).await;
        assert_eq!(home.status(), StatusCode::FOUND, "unregistered people are sent to register");
        assert_eq!(location(&home), "/iscrizione");
        let page = get_as(&app, "/iscrizione", &maria).await.text().await.unwrap();
        assert!(
            page.contains("RSSMRA80A41H501Y") && page.contains("Maria"),
            "name and codice fiscale from the identity"
        );

        let refused =
            post_as(&app, "/iscrizione", &maria, &[("email", "maria@"), ("phone", "12")]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"reg-consent-error\""), "consent error next to the checkbox");
        assert!(body.contains("id=\"reg-email-error\"") && body.contains("id=\"reg-phone-error\""));
        common::assert_error_summary_links(&body, &["reg-consent", "reg-email", "reg-phone"]);
        assert!(body.contains("value=\"maria@\""), "what was typed is kept");
        let stored = store::citizen::registration_of(&app.db, "RSSMRA80A41H501Y").await.unwrap();
        assert!(stored.is_none(), "nothing stored");

        let done = post_as(
            &app,
            "/iscrizione",
            &maria,
            &[("consent", "si"), ("email", "maria@example.org"), ("phone", "")],
        )
        .await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let home = get_as(&app, "/il-mio-siisl", &maria).await;
        assert_eq!(home.status(), StatusCode::OK);
        let home = home.text().await.unwrap();
        assert!(home.contains("href=\"/pad\""), "an accepted applicant is told to sign the PAD");
        for path in ["/domanda", "/nucleo", "/percorso", "/messaggi", "/pad"] {
            let page = get_as(&app, path, &maria).await;
            assert_eq!(page.status(), StatusCode::OK, "{path}");
        }
        let application = get_as(&app, "/domanda", &maria).await.text().await.unwrap();
        assert!(application.contains("INPS-ADI-2026-0000101"));
    })
    .await;
}

#[tokio::test]
async fn the_applicant_certifies_both_contacts_and_signs_the_pad_once() {
    // This test makes more code requests than one address may in a minute.
    common::on_both_backends(
        &[("SIISL_RATE_LIMIT_ONE_TIME_CODE_PER_MINUTE", "100")],
        |app| async move {
            let household = Household::adi().accepted().make(&app).await;
            let elena = citizen_session(&app, household.applicant()).await;
            register(&app, &elena).await;

            // A malformed number: a message next to the field, nothing sent.
            let bad =
                post_as(&app, "/pad/codice", &elena, &[("kind", "mobile"), ("value", "06 1234")])
                    .await;
            assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let body = bad.text().await.unwrap();
            assert!(body.contains("id=\"pad-mobile-value-error\""), "{body}");
            assert!(body.contains("value=\"06 1234\""));
            assert_eq!(one_time_code::Entity::find().count(&app.db).await.unwrap(), 0);

            let sent = post_as(
                &app,
                "/pad/codice",
                &elena,
                &[("kind", "mobile"), ("value", "333 111 2222")],
            )
            .await;
            assert_eq!(sent.status(), StatusCode::SEE_OTHER);
            let again = post_as(
                &app,
                "/pad/codice",
                &elena,
                &[("kind", "mobile"), ("value", "333 111 2222")],
            )
            .await;
            assert_eq!(
                again.status(),
                StatusCode::TOO_MANY_REQUESTS,
                "a new code only after 60 seconds"
            );
            let code = code_sent_to(&app, "+393331112222").await;
            let wrong = if code == "000000" { "111111" } else { "000000" };

            // Five wrong tries, then the code is spent: even the right one no longer works.
            for left in (1..=4).rev() {
                let refused =
                    post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", wrong)])
                        .await;
                assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
                let body = refused.text().await.unwrap();
                assert!(body.contains("id=\"pad-mobile-code-error\""), "{body}");
                assert!(body.contains(&format!("Tentativi rimasti: {left}")), "{left}: {body}");
            }
            let fifth =
                post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", wrong)])
                    .await;
            assert!(fifth.text().await.unwrap().contains("Troppi tentativi sbagliati"));
            let too_late =
                post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", &code)])
                    .await;
            assert_eq!(too_late.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(too_late.text().await.unwrap().contains("chiedi un nuovo codice"));
            let not_a_code =
                post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", "12ab")])
                    .await;
            assert_eq!(not_a_code.status(), StatusCode::UNPROCESSABLE_ENTITY);

            // A new code (the clock moved past the 60 seconds), which then expires.
            backdate_codes(&app, 120).await;
            let sent = post_as(
                &app,
                "/pad/codice",
                &elena,
                &[("kind", "mobile"), ("value", "3331112222")],
            )
            .await;
            assert_eq!(sent.status(), StatusCode::SEE_OTHER);
            let code = code_sent_to(&app, "+393331112222").await;
            backdate_codes(&app, 11 * 60).await;
            let expired =
                post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", &code)])
                    .await;
            assert!(expired.text().await.unwrap().contains("Il codice è scaduto"));

            // And a fresh one, right: the mobile is certified.
            let sent = post_as(
                &app,
                "/pad/codice",
                &elena,
                &[("kind", "mobile"), ("value", "3331112222")],
            )
            .await;
            assert_eq!(sent.status(), StatusCode::SEE_OTHER);
            let code = code_sent_to(&app, "+393331112222").await;
            let ok = post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", &code)])
                .await;
            assert_eq!(ok.status(), StatusCode::SEE_OTHER);

            let bad_mail = post_as(
                &app,
                "/pad/codice",
                &elena,
                &[("kind", "email"), ("value", "elena@example")],
            )
            .await;
            assert_eq!(bad_mail.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(bad_mail.text().await.unwrap().contains("id=\"pad-email-value-error\""));
            post_as(
                &app,
                "/pad/codice",
                &elena,
                &[("kind", "email"), ("value", "Elena@Example.org")],
            )
            .await;
            let code = code_sent_to(&app, "elena@example.org").await;
            let ok =
                post_as(&app, "/pad/verifica", &elena, &[("kind", "email"), ("code", &code)]).await;
            assert_eq!(ok.status(), StatusCode::SEE_OTHER);

            let pad = get_as(&app, "/pad", &elena).await.text().await.unwrap();
            let application = between(&pad, "name=\"application\" value=\"", "\"");
            // Tampered hidden field: refused, nothing stored.
            let tampered = post_as(
                &app,
                "/pad/firma",
                &elena,
                &[
                    ("application", "1"),
                    ("convocation_address", "Via Nomentana 250"),
                    ("consent_convocations", "si"),
                    ("consent_transmit", "si"),
                    ("confirm", "si"),
                ],
            )
            .await;
            assert_eq!(tampered.status(), StatusCode::BAD_REQUEST);
            assert!(
                tampered
                    .text()
                    .await
                    .unwrap()
                    .contains("La richiesta non corrisponde alla tua domanda")
            );
            // Consents missing: messages next to them.
            let missing = post_as(
                &app,
                "/pad/firma",
                &elena,
                &[("application", &application), ("convocation_address", "Via Nomentana 250")],
            )
            .await;
            assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let body = missing.text().await.unwrap();
            assert!(
                body.contains("id=\"pad-consents-error\"")
                    && body.contains("id=\"pad-confirm-error\"")
            );
            assert_eq!(pacts_of(&app, &household.protocol).await, 0);

            let form = [
                ("application", application.as_str()),
                ("convocation_address", "Via Nomentana 250, 00162 Roma"),
                ("consent_convocations", "si"),
                ("consent_transmit", "si"),
                ("confirm", "si"),
            ];
            let signed = post_as(&app, "/pad/firma", &elena, &form).await;
            assert_eq!(signed.status(), StatusCode::SEE_OTHER);
            assert_eq!(location(&signed), "/pad/ricevuta");
            let receipt = get_as(&app, "/pad/ricevuta", &elena).await.text().await.unwrap();
            let pact = pad_nucleo::Entity::find()
                .filter(pad_nucleo::Column::ApplicationId.eq(application.parse::<i64>().unwrap()))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            assert!(receipt.contains(&pact.content_sha256));
            assert_eq!(store::welfare::pact_hash(&pact.content_json), pact.content_sha256);

            // Submitting again (a reload) creates nothing new.
            let again = post_as(&app, "/pad/firma", &elena, &form).await;
            assert_eq!(location(&again), "/pad/ricevuta");
            assert_eq!(pacts_of(&app, &household.protocol).await, 1);

            // The 120-day banner: the PAD date + 120 days.
            let home = get_as(&app, "/il-mio-siisl", &elena).await.text().await.unwrap();
            let due = domain::calendar::add_days(pact.signed_on, 120);
            assert!(home.contains(&format!("data-due=\"{due}\"")), "{home}");
        },
    )
    .await;
}

#[tokio::test]
async fn code_requests_from_one_address_are_rate_limited() {
    common::on_both_backends(
        &[("SIISL_RATE_LIMIT_ONE_TIME_CODE_PER_MINUTE", "3")],
        |app| async move {
            let household = Household::adi().accepted().make(&app).await;
            let elena = citizen_session(&app, household.applicant()).await;
            register(&app, &elena).await;
            for _ in 0..3 {
                let answer = post_as(
                    &app,
                    "/pad/verifica",
                    &elena,
                    &[("kind", "mobile"), ("code", "123456")],
                )
                .await;
                assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
            }
            let limited =
                post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", "123456")])
                    .await;
            assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
            assert!(limited.headers().contains_key("retry-after"));
        },
    )
    .await;
}

#[tokio::test]
async fn a_member_who_is_not_the_applicant_cannot_sign() {
    common::on_both_backends(&[], |app| async move {
        let household = Household::adi().with_member(false).accepted().make(&app).await;
        let davide = citizen_session(&app, &household.members[1]).await;
        register(&app, &davide).await;
        let page = get_as(&app, "/pad", &davide).await.text().await.unwrap();
        assert!(page.contains("data-testid=\"pad-unavailable\""));
        let code =
            post_as(&app, "/pad/codice", &davide, &[("kind", "mobile"), ("value", "3331112222")])
                .await;
        assert_eq!(code.status(), StatusCode::FORBIDDEN);
        assert!(code.text().await.unwrap().contains("Solo chi ha presentato la domanda"));
        let sign = post_as(
            &app,
            "/pad/firma",
            &davide,
            &[
                ("application", "12"),
                ("consent_convocations", "si"),
                ("consent_transmit", "si"),
                ("confirm", "si"),
                ("convocation_address", "x"),
            ],
        )
        .await;
        assert!(
            matches!(sign.status(), StatusCode::FORBIDDEN | StatusCode::BAD_REQUEST),
            "{}",
            sign.status()
        );
        assert_eq!(pacts_of(&app, &household.protocol).await, 0);
        assert_eq!(one_time_code::Entity::find().count(&app.db).await.unwrap(), 0);
    })
    .await;
}

/// Pacts signed for the household of the application with INPS `protocol`.
async fn pacts_of(app: &TestApp, protocol: &str) -> u64 {
    let application = store::entity::application::Entity::find()
        .filter(store::entity::application::Column::InpsProtocol.eq(protocol))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    pad_nucleo::Entity::find()
        .filter(pad_nucleo::Column::ApplicationId.eq(application.id))
        .count(&app.db)
        .await
        .unwrap()
}

/// Moves every code's clock back by `seconds`, as if that much time had passed.
async fn backdate_codes(app: &TestApp, seconds: i64) {
    let codes = one_time_code::Entity::find().all(&app.db).await.unwrap();
    for code in codes {
        let mut active: one_time_code::ActiveModel = code.clone().into();
        active.created_at = sea_orm::Set(code.created_at - chrono::Duration::seconds(seconds));
        active.expires_at = sea_orm::Set(code.expires_at - chrono::Duration::seconds(seconds));
        sea_orm::ActiveModelTrait::update(active, &app.db).await.unwrap();
    }
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).map(|i| i + start.len()).expect("start marker");
    let to = text[from..].find(end).expect("end marker") + from;
    text[from..to].to_string()
}

#[tokio::test]
async fn the_outbox_worker_sends_each_message_once_and_records_convocation_receipts() {
    use server::config::{EmailSender, MessageSettings, SmsSender};
    use store::entity::{convocation, convocation_receipt};

    common::on_both_backends(&[], |app| async move {
        // The demo data queued a convocation's SMS and e-mail (the Romano household) and nothing else.
        let convocation = convocation::Entity::find()
            .filter(convocation::Column::Channels.eq("platform,sms,email"))
            .one(&app.db)
            .await
            .unwrap()
            .expect("a convocation sent by SMS and e-mail");
        let queued = outbox_message::Entity::find()
            .filter(outbox_message::Column::ConvocationId.eq(convocation.id))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(queued, 2);

        let settings = MessageSettings {
            email: EmailSender::Demo,
            sms: SmsSender::Demo,
            poll_interval: std::time::Duration::from_secs(1),
        };
        let client = reqwest::Client::new();
        // Two workers at once (two app servers): each message leaves once.
        let (a, b) = tokio::join!(
            server::outbox::deliver_due(&app.db, &settings, &client),
            server::outbox::deliver_due(&app.db, &settings, &client)
        );
        let total = outbox_message::Entity::find().count(&app.db).await.unwrap();
        assert_eq!(a.unwrap() + b.unwrap(), total as usize);
        let unsent = outbox_message::Entity::find()
            .filter(outbox_message::Column::SentAt.is_null())
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(unsent, 0);
        assert_eq!(
            server::outbox::deliver_due(&app.db, &settings, &client).await.unwrap(),
            0,
            "nothing left"
        );

        let delivered: Vec<String> = convocation_receipt::Entity::find()
            .filter(convocation_receipt::Column::ConvocationId.eq(convocation.id))
            .filter(convocation_receipt::Column::Kind.eq("delivered"))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.channel)
            .collect();
        for channel in ["platform", "sms", "email"] {
            assert!(delivered.iter().any(|c| c == channel), "{channel} in {delivered:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_failing_gateway_keeps_the_message_for_a_later_try() {
    use server::config::{EmailSender, MessageSettings, SmsSender};

    common::on_both_backends(&[], |app| async move {
        // A gateway that answers 503: nothing is lost, the message waits for the next round.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/send", listener.local_addr().unwrap());
        let gateway = axum::Router::new().route(
            "/send",
            axum::routing::post(|| async { axum::http::StatusCode::SERVICE_UNAVAILABLE }),
        );
        tokio::spawn(async move { axum::serve(listener, gateway).await.unwrap() });
        let settings = MessageSettings {
            email: EmailSender::Demo,
            sms: SmsSender::Http { url, token: None },
            poll_interval: std::time::Duration::from_secs(1),
        };
        server::outbox::deliver_due(&app.db, &settings, &reqwest::Client::new()).await.unwrap();
        let failed = outbox_message::Entity::find()
            .filter(outbox_message::Column::Channel.eq("sms"))
            .all(&app.db)
            .await
            .unwrap();
        assert!(!failed.is_empty());
        for message in failed {
            assert!(message.sent_at.is_none());
            assert_eq!(message.attempts, 1);
            assert!(message.last_error.unwrap().contains("503"));
            assert!(message.next_attempt_at > chrono::Utc::now(), "retried later, not at once");
        }
    })
    .await;
}

/// The newest convocation of the household of application `protocol`.
async fn convocation_of(app: &TestApp, protocol: &str) -> store::entity::convocation::Model {
    use store::entity::{application, convocation};
    let application = application::Entity::find()
        .filter(application::Column::InpsProtocol.eq(protocol))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    convocation::Entity::find()
        .filter(convocation::Column::HouseholdId.eq(application.household_id))
        .order_by_desc(convocation::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo convocation")
}

/// Signs in as `persona` and registers on SIISL if the demo data did not already.
async fn signed_in_and_registered(app: &TestApp, persona: &str) -> String {
    let session = sign_in_demo(app, persona).await;
    if get_as(app, "/il-mio-siisl", &session).await.status() == StatusCode::FOUND {
        register(app, &session).await;
    }
    session
}

#[tokio::test]
async fn an_applicant_without_certified_contacts_signs_after_acknowledging_platform_only() {
    common::on_both_backends(&[], |app| async move {
        use store::entity::application;
        // Accepted by INPS, with no contact certified yet.
        let household = Household::adi().accepted().make(&app).await;
        let maria = citizen_session(&app, household.applicant()).await;
        register(&app, &maria).await;
        let pad = get_as(&app, "/pad", &maria).await.text().await.unwrap();
        assert!(pad.contains("data-testid=\"pad-platform-only\""), "the notice is on the page");
        let application = between(&pad, "name=\"application\" value=\"", "\"");
        let mut form = vec![
            ("application", application.as_str()),
            ("convocation_address", "Via Tuscolana 100, 00181 Roma"),
            ("consent_convocations", "si"),
            ("consent_transmit", "si"),
            ("confirm", "si"),
        ];
        // Not acknowledged: refused next to the checkbox, what was ticked kept, nothing stored.
        let refused = post_as(&app, "/pad/firma", &maria, &form).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"pad-platform-only-error\""), "{body}");
        assert!(body.contains("Via Tuscolana 100"), "the address typed is kept");
        let id = application.parse::<i64>().unwrap();
        let pacts = || async {
            pad_nucleo::Entity::find()
                .filter(pad_nucleo::Column::ApplicationId.eq(id))
                .count(&app.db)
                .await
                .unwrap()
        };
        assert_eq!(pacts().await, 0);

        form.push(("platform_only", "si"));
        let signed = post_as(&app, "/pad/firma", &maria, &form).await;
        assert_eq!(signed.status(), StatusCode::SEE_OTHER);
        assert_eq!(pacts().await, 1);
        let pact = pad_nucleo::Entity::find()
            .filter(pad_nucleo::Column::ApplicationId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let content: serde_json::Value = serde_json::from_str(&pact.content_json).unwrap();
        assert_eq!(content["convocations_on_platform_only"], serde_json::json!(true));
        assert_eq!(content["certified_contacts"], serde_json::json!([]));
        let status = application::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(status.status, "active", "the programme starts without contacts (R17)");
        let receipt = get_as(&app, "/pad/ricevuta", &maria).await.text().await.unwrap();
        assert!(receipt.contains("Via Tuscolana 100, 00181 Roma"), "the address on the receipt");
        // The words a person reads name laws; rule ids stay in the signed record, folded under
        // the technical details.
        let words = receipt.split("<details").next().unwrap();
        assert!(!words.contains("R17") && words.contains("D.L. 48/2023"), "{words}");
    })
    .await;
}

#[tokio::test]
async fn an_applicant_with_only_a_certified_mobile_signs_without_the_acknowledgement() {
    common::on_both_backends(&[], |app| async move {
        let household = Household::adi().accepted().make(&app).await;
        let elena = citizen_session(&app, household.applicant()).await;
        register(&app, &elena).await;
        let sent =
            post_as(&app, "/pad/codice", &elena, &[("kind", "mobile"), ("value", "3331112222")])
                .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        let code = code_sent_to(&app, "+393331112222").await;
        let ok =
            post_as(&app, "/pad/verifica", &elena, &[("kind", "mobile"), ("code", &code)]).await;
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);
        let pad = get_as(&app, "/pad", &elena).await.text().await.unwrap();
        assert!(!pad.contains("data-testid=\"pad-platform-only\""), "one contact is enough");
        let application = between(&pad, "name=\"application\" value=\"", "\"");
        let signed = post_as(
            &app,
            "/pad/firma",
            &elena,
            &[
                ("application", application.as_str()),
                ("convocation_address", "Via Nomentana 250, 00162 Roma"),
                ("consent_convocations", "si"),
                ("consent_transmit", "si"),
                ("confirm", "si"),
            ],
        )
        .await;
        assert_eq!(signed.status(), StatusCode::SEE_OTHER);
        assert_eq!(pacts_of(&app, &household.protocol).await, 1);
        let receipt = get_as(&app, "/pad/ricevuta", &elena).await.text().await.unwrap();
        assert!(
            receipt.contains("+393331112222"),
            "the certified mobile on the receipt: {receipt}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_member_asks_to_move_a_convocation_once_and_the_issuing_platform_gets_it() {
    common::on_both_backends(&[], |app| async move {
        use store::entity::{convocation_request, platform_message};
        let aisha = signed_in_and_registered(&app, "aisha").await;
        let convocation = convocation_of(&app, "INPS-ADI-2026-0000104").await;
        let path = format!("/convocazioni/{}/richiesta", convocation.id);
        let page = get_as(&app, &format!("/convocazioni/{}", convocation.id), &aisha).await;
        assert_eq!(page.status(), StatusCode::OK);
        let requests =
            || async { convocation_request::Entity::find().count(&app.db).await.unwrap() };

        // Too short, and a kind that does not exist: refused next to the field, nothing stored.
        let short =
            post_as(&app, &path, &aisha, &[("tipo", "reschedule"), ("testo", "Lavoro")]).await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = short.text().await.unwrap();
        assert!(body.contains("id=\"conv-text-error\"") && body.contains("Lavoro"), "{body}");
        let odd =
            post_as(&app, &path, &aisha, &[("tipo", "cancel"), ("testo", "x".repeat(20).as_str())])
                .await;
        assert_eq!(odd.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let long = "x".repeat(1001);
        let too_long =
            post_as(&app, &path, &aisha, &[("tipo", "reschedule"), ("testo", &long)]).await;
        assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(requests().await, 0);

        // Two sent at once (a double tap on two phones): one is recorded, the other told so.
        let text = "Quel giorno ho una visita medica prenotata da mesi.";
        let reschedule = [("tipo", "reschedule"), ("testo", text)];
        let justification = [("tipo", "justification"), ("testo", text)];
        let (first, second) = tokio::join!(
            post_as(&app, &path, &aisha, &reschedule),
            post_as(&app, &path, &aisha, &justification),
        );
        let mut answers = [first, second];
        answers.sort_by_key(|r| r.status());
        assert_eq!(
            answers.iter().map(|r| r.status()).collect::<Vec<_>>(),
            [StatusCode::SEE_OTHER, StatusCode::CONFLICT]
        );
        let sent = &answers[0];
        assert_eq!(location(sent), format!("/convocazioni/{}?richiesta=inviata", convocation.id));
        assert_eq!(requests().await, 1);
        let outbound = platform_message::Entity::find()
            .filter(platform_message::Column::Kind.eq("convocation_request"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(outbound.len(), 1);
        assert_eq!(outbound[0].destination, "siu", "a job-centre convocation goes back to SIU");
        assert!(outbound[0].payload.contains("visita medica"));

        // Once per convocation.
        let again =
            post_as(&app, &path, &aisha, &[("tipo", "justification"), ("testo", text)]).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        assert_eq!(requests().await, 1);

        // Someone else's convocation does not exist for her.
        let other = store::entity::convocation::Entity::find()
            .filter(store::entity::convocation::Column::HouseholdId.ne(convocation.household_id))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the demo data convokes other households too");
        let foreign = post_as(
            &app,
            &format!("/convocazioni/{}/richiesta", other.id),
            &aisha,
            &[("tipo", "reschedule"), ("testo", text)],
        )
        .await;
        assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
        let missing = post_as(
            &app,
            "/convocazioni/99999999/richiesta",
            &aisha,
            &[("tipo", "reschedule"), ("testo", text)],
        )
        .await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(requests().await, 1);
    })
    .await;
}
