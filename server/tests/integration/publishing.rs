//! Organisations publish (#29): the registry through its forms, an organisation's ads through
//! theirs — field errors beside the fields, nothing half-stored, another organisation's ads
//! "not found" — and the clock of an ad: the warning at day −7, renewal in its window, expiry.

use crate::common::builders::{
    Organisation, citizen_session, fresh_codice_fiscale, operator_session,
};
use crate::common::{self, TestDb, assert_error_summary_links, get_as, on_both_backends, post_as};
use contract::organisations::OrganisationKind;
use contract::policy::Role;
use domain::catalog::{Ad, AdAction, AdState, Contract, Kind, RenewalProblem};
use reqwest::StatusCode;
use store::publishing::{self, AdRefused};

/// A warehouse job in Milan, as the form posts it (codes picked with their labels).
fn job_form(title: &str, weekly_hours: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "lavoro".into()),
        ("title", title.into()),
        ("description", "Carico e scarico merci, turni diurni.".into()),
        ("occupation", "Facchini, addetti allo spostamento merci ed assimilati".into()),
        ("occupation_code", "8.1.3.1.0".into()),
        ("occupation_for", "Facchini, addetti allo spostamento merci ed assimilati".into()),
        ("place", "Milano".into()),
        ("place_code", "F205".into()),
        ("place_for", "Milano".into()),
        ("contract", "indeterminato".into()),
        ("weekly_hours", weekly_hours.into()),
        ("pay_monthly", "1450".into()),
        ("seats", "2".into()),
        ("starts_on", "2027-01-11".into()),
        ("skill_1", "inglese".into()),
        ("skill_1_code", "inglese".into()),
        ("skill_1_for", "inglese".into()),
    ]
}

/// Whether a results page links to ad `id` (its card's link may carry the query along).
async fn found(app: &common::TestApp, query: &str, id: i64) -> bool {
    let page = app.client.get(app.url(&format!("/opportunita?q={query}"))).send().await.unwrap();
    let body = page.text().await.unwrap();
    body.contains(&format!("/opportunita/{id}\"")) || body.contains(&format!("/opportunita/{id}?"))
}

fn as_pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn an_employer_publishes_pauses_and_keeps_its_ads_to_itself() {
    on_both_backends(&[], |app| async move {
        let ours = Organisation::approved(&app, OrganisationKind::Employer, "Logistica Nord").await;
        let theirs = Organisation::approved(&app, OrganisationKind::Employer, "Altra Spa").await;
        let session = ours.administrator_session(&app).await;

        let home = get_as(&app, "/organizzazione", &session).await;
        assert_eq!(home.status(), StatusCode::OK);
        assert!(home.text().await.unwrap().contains("Logistica Nord"));

        // Refused field by field: no title, 60 hours a week. Nothing stored; what was typed
        // comes back.
        let bad = job_form("", "60");
        let refused = post_as(&app, "/organizzazione/annunci", &session, &as_pairs(&bad)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert_error_summary_links(&body, &["weekly_hours", "title"]);
        assert!(body.contains("Indica da 1 a 40 ore a settimana."));
        assert_eq!(common::field_values(&body, "pay_monthly"), vec!["1450"]);
        let (ads, total) = publishing::ads_of(&app.db, ours.id, 0, 20).await.unwrap();
        assert!(ads.is_empty() && total == 0, "nothing half-stored");
        // In English too.
        let refused = app
            .client
            .post(app.url("/organizzazione/annunci"))
            .header("cookie", format!("siisl_session={session}; lang=en"))
            .form(&as_pairs(&bad))
            .send()
            .await
            .unwrap();
        assert!(refused.text().await.unwrap().contains("Enter 1 to 40 hours a week."));

        let good = job_form("Magazziniere turni diurni Zorzetto", "40");
        let saved = post_as(&app, "/organizzazione/annunci", &session, &as_pairs(&good)).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let (ads, _) = publishing::ads_of(&app.db, ours.id, 0, 20).await.unwrap();
        let id = ads[0].id;
        assert_eq!(ads[0].state, AdState::Live);
        let (stored, _) = publishing::ad_for_edit(&app.db, ours.id, id).await.unwrap().unwrap();
        assert_eq!(stored.organisation, "Logistica Nord", "the registered name, not a typed one");
        assert_eq!((stored.hours_pct, stored.seats), (Some(100), Some(2)));
        assert_eq!(stored.skills, vec!["inglese".to_string()]);

        // Everyone finds it.
        assert!(found(&app, "zorzetto", id).await);

        // Another organisation: not found, whatever it tries.
        let other = theirs.administrator_session(&app).await;
        let edit = format!("/organizzazione/annunci/{id}");
        assert_eq!(get_as(&app, &edit, &other).await.status(), StatusCode::NOT_FOUND);
        let pause = [("action", "pause")];
        let action = format!("{edit}/azione");
        assert_eq!(post_as(&app, &action, &other, &pause).await.status(), StatusCode::NOT_FOUND);
        let rewrite = post_as(&app, &edit, &other, &as_pairs(&good)).await;
        assert_eq!(rewrite.status(), StatusCode::NOT_FOUND);
        // A citizen or an operator does not reach organisation pages at all.
        let citizen = citizen_session(&app, fresh_codice_fiscale().as_str()).await;
        assert_eq!(get_as(&app, "/organizzazione", &citizen).await.status(), StatusCode::FORBIDDEN);
        let (_, operator) = operator_session(&app, Role::CpiOperator).await;
        assert_eq!(get_as(&app, &edit, &operator).await.status(), StatusCode::FORBIDDEN);

        // Its own organisation edits it (the form shows what is stored), then pauses it: it
        // leaves search at once, and resumes.
        let form = get_as(&app, &edit, &session).await.text().await.unwrap();
        assert_eq!(
            common::field_values(&form, "title"),
            vec!["Magazziniere turni diurni Zorzetto"]
        );
        let renamed = job_form("Magazziniere notturno Zorzetto", "20");
        assert_eq!(
            post_as(&app, &edit, &session, &as_pairs(&renamed)).await.status(),
            StatusCode::SEE_OTHER
        );
        let (stored, _) = publishing::ad_for_edit(&app.db, ours.id, id).await.unwrap().unwrap();
        assert_eq!(
            (stored.title.as_str(), stored.hours_pct),
            ("Magazziniere notturno Zorzetto", Some(50))
        );
        assert!(found(&app, "notturno+zorzetto", id).await, "re-indexed");
        assert_eq!(post_as(&app, &action, &session, &pause).await.status(), StatusCode::SEE_OTHER);
        assert!(!found(&app, "zorzetto", id).await, "paused: out of search");
        // Paused: closed to candidacies too.
        let applicant = citizen_session(&app, fresh_codice_fiscale().as_str()).await;
        let apply = post_as(&app, &format!("/opportunita/{id}/candidatura"), &applicant, &[]).await;
        assert_eq!(apply.status(), StatusCode::GONE);
        let resume = [("action", "resume")];
        assert_eq!(post_as(&app, &action, &session, &resume).await.status(), StatusCode::SEE_OTHER);
        // Renewing 2 months ahead is refused, with its reason on the list.
        let renew = post_as(&app, &action, &session, &[("action", "renew")]).await;
        let back = renew.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(back, "/organizzazione?errore=too_early");

        let audited: Vec<String> = store::audit::all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "ad_changed")
            .filter_map(|e| e.target)
            .collect();
        for what in ["published", "edited", "pause", "resume"] {
            assert!(audited.iter().any(|t| t.contains(what)), "{what} audited: {audited:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_person_requests_an_organisation_an_administrator_approves_and_people_come_and_go() {
    on_both_backends(&[], |app| async move {
        let giulia = fresh_codice_fiscale();
        let session = citizen_session(&app, giulia.as_str()).await;
        let request = |code: &'static str| {
            vec![
                ("kind", "employer"),
                ("code", code),
                ("name", "Pasticceria Bianchi"),
                ("contact_email", "ordini@pasticceriabianchi.it"),
            ]
        };
        // A partita IVA with a wrong check digit: refused beside the field.
        let refused = post_as(&app, "/organizzazioni", &session, &request("01234567890")).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert_error_summary_links(&body, &["code"]);
        assert!(body.contains("controlla le cifre"));
        let sent = post_as(&app, "/organizzazioni", &session, &request("01234567897")).await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        let pending = store::organisation::pending(&app.db).await.unwrap();
        let id = pending.iter().find(|o| o.code == "01234567897").unwrap().id;

        // Before approval she acts for nobody.
        let act = [("organisation", id.to_string())];
        let act: Vec<(&str, &str)> = act.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            post_as(&app, "/organizzazioni/opera", &session, &act).await.status(),
            StatusCode::NOT_FOUND
        );

        let (_, admin) = operator_session(&app, Role::Administrator).await;
        let decision = format!("/amministrazione/organizzazioni/{id}");
        let bad = [("decision", "approve"), ("administrator", "RSSMRA85T10A562X")];
        assert_eq!(
            post_as(&app, &decision, &admin, &bad).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let approve = [("decision", "approve"), ("administrator", giulia.as_str())];
        assert_eq!(
            post_as(&app, &decision, &admin, &approve).await.status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            post_as(&app, &decision, &admin, &approve).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );

        // She chooses to act for it; the menu and pages follow.
        let chosen = post_as(&app, "/organizzazioni/opera", &session, &act).await;
        assert_eq!(chosen.headers()["location"], "/organizzazione");
        assert_eq!(get_as(&app, "/organizzazione", &session).await.status(), StatusCode::OK);
        assert_eq!(get_as(&app, "/il-mio-siisl", &session).await.status(), StatusCode::FORBIDDEN);

        // She invites Paolo as a member; a member may not invite.
        let paolo = fresh_codice_fiscale();
        let invite = [("codice_fiscale", paolo.as_str()), ("role", "member")];
        assert_eq!(
            post_as(&app, "/organizzazione/persone", &session, &invite).await.status(),
            StatusCode::SEE_OTHER
        );
        let again = post_as(&app, "/organizzazione/persone", &session, &invite).await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let organisation = Organisation { id, administrator: giulia.clone() };
        let paolo_session = organisation.session_of(&app, &paolo).await;
        let people = get_as(&app, "/organizzazione/persone", &paolo_session).await;
        assert!(people.text().await.unwrap().contains(paolo.as_str()));
        let third = fresh_codice_fiscale();
        let by_member = [("codice_fiscale", third.as_str()), ("role", "member")];
        let refused = post_as(&app, "/organizzazione/persone", &paolo_session, &by_member).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        // She cannot remove herself, the last administrator; removing Paolo ends his access at
        // his next request.
        let herself = [("codice_fiscale", giulia.as_str())];
        let last = post_as(&app, "/organizzazione/persone/rimuovi", &session, &herself).await;
        assert_eq!(last.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let him = [("codice_fiscale", paolo.as_str())];
        let removed = post_as(&app, "/organizzazione/persone/rimuovi", &session, &him).await;
        assert_eq!(removed.status(), StatusCode::SEE_OTHER);
        let after = get_as(&app, "/organizzazione", &paolo_session).await;
        assert_eq!(after.status(), StatusCode::FORBIDDEN);

        let audited = store::audit::all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "organisation_changed")
            .count();
        // Requested, approved, invited, removed.
        assert_eq!(audited, 4);
    })
    .await;
}

fn ad_on(published: domain::NaiveDate) -> Ad {
    Ad {
        kind: Kind::Job,
        title: "Addetto alle consegne".into(),
        organisation: String::new(),
        description: "Consegne in città con furgone aziendale.".into(),
        occupation_code: Some("8.1.3.1.0".into()),
        municipality_code: Some("F205".into()),
        online: false,
        contract: Some(Contract::parse("indeterminato").unwrap()),
        duration_months: None,
        hours_pct: Some(100),
        total_hours: None,
        pay_monthly: None,
        eqf_level: None,
        topic: None,
        starts_on: published,
        ends_on: None,
        published_on: published,
        expires_on: domain::catalog::latest_expiry(published),
        skills: Vec::new(),
        seats: None,
    }
}

/// The clock injected as the services take it (`today`): the warning at day −7, renewal only
/// in that window and once, expiry out of search; a PUC only from a Comune; the same external
/// id published twice is one ad.
#[tokio::test]
async fn an_ads_clock_warns_at_day_minus_seven_renews_once_and_expires() {
    for db in TestDb::all().await {
        let backend = db.backend;
        let app = common::TestApp::spawn_with(db, &[]).await;
        let ours = Organisation::approved(&app, OrganisationKind::Employer, "Consegne Srl").await;
        let now = chrono::Utc::now();
        let day = |y, m, d| domain::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let published = day(2027, 3, 1);
        let ad = ad_on(published);
        let id = publishing::publish(&app.db, ours.id, &ad, None, now).await.unwrap().unwrap();
        let expires = day(2027, 5, 1);
        let live = |today| store::catalog::live_count(&app.db, today);
        assert_eq!(live(day(2027, 4, 1)).await.unwrap(), 1, "{backend}");

        assert_eq!(publishing::warn_expiring(&app.db, day(2027, 4, 23), now).await.unwrap(), 0);
        let renewal = publishing::act(&app.db, ours.id, id, AdAction::Renew, day(2027, 4, 23), now);
        assert_eq!(renewal.await.unwrap(), Err(AdRefused::Renewal(RenewalProblem::TooEarly)));
        assert_eq!(publishing::warn_expiring(&app.db, day(2027, 4, 24), now).await.unwrap(), 1);
        assert_eq!(
            publishing::warn_expiring(&app.db, day(2027, 4, 25), now).await.unwrap(),
            0,
            "once"
        );
        let outbox = store::welfare::citizen_outbox::due_messages(&app.db, now, 50).await.unwrap();
        let warning = outbox.iter().find(|m| m.purpose == "ad_expiring").expect("a warning queued");
        assert_eq!(warning.recipient, "avvisi@example.it");
        assert!(warning.subject.contains("01/05/2027"), "{}", warning.subject);

        let renewed = publishing::act(&app.db, ours.id, id, AdAction::Renew, day(2027, 4, 28), now);
        assert_eq!(renewed.await.unwrap(), Ok((AdState::Live, day(2027, 7, 1))));
        let again = publishing::act(&app.db, ours.id, id, AdAction::Renew, day(2027, 6, 28), now);
        assert_eq!(again.await.unwrap(), Err(AdRefused::Renewal(RenewalProblem::AlreadyRenewed)));
        assert_eq!(live(expires.succ_opt().unwrap()).await.unwrap(), 1, "renewed: still live");
        assert_eq!(live(day(2027, 7, 2)).await.unwrap(), 0, "{backend}: expired, out of search");
        // A renewed ad can still be edited: its expiry stays the renewal's.
        let edited = Ad { title: "Addetto alle consegne serali".into(), ..ad.clone() };
        assert_eq!(publishing::edit(&app.db, ours.id, id, &edited, now).await.unwrap(), Ok(()));
        let (stored, _) = publishing::ad_for_edit(&app.db, ours.id, id).await.unwrap().unwrap();
        assert_eq!(
            (stored.title.as_str(), stored.expires_on),
            ("Addetto alle consegne serali", day(2027, 7, 1))
        );
        // The renewal's own warning comes again in its new last week.
        assert_eq!(publishing::warn_expiring(&app.db, day(2027, 6, 24), now).await.unwrap(), 1);

        // An expired ad cannot be renewed; a closed one is not reopened.
        let second = publishing::publish(&app.db, ours.id, &ad, None, now).await.unwrap().unwrap();
        let late = publishing::act(&app.db, ours.id, second, AdAction::Renew, day(2027, 5, 2), now);
        assert_eq!(late.await.unwrap(), Err(AdRefused::Renewal(RenewalProblem::Expired)));
        let close =
            publishing::act(&app.db, ours.id, second, AdAction::Close, day(2027, 4, 2), now);
        assert_eq!(close.await.unwrap(), Ok((AdState::Closed, day(2027, 5, 1))));
        let reopen =
            publishing::act(&app.db, ours.id, second, AdAction::Resume, day(2027, 4, 2), now);
        assert_eq!(reopen.await.unwrap(), Err(AdRefused::State(AdState::Closed)));

        // PUC: only a Comune publishes them.
        let puc = Ad {
            kind: Kind::Puc,
            contract: None,
            occupation_code: None,
            duration_months: Some(6),
            hours_pct: Some(20),
            ..ad.clone()
        };
        let refused = publishing::publish(&app.db, ours.id, &puc, None, now).await.unwrap();
        assert!(matches!(refused, Err(AdRefused::Invalid(p)) if p[0].code == "puc_comuni_only"));
        let roma = Organisation::approved(&app, OrganisationKind::Comune, "").await;
        assert!(publishing::publish(&app.db, roma.id, &puc, None, now).await.unwrap().is_ok());

        // One ad per external id.
        let first = publishing::publish(&app.db, ours.id, &ad, Some("HR-2027-001"), now).await;
        let twice = publishing::publish(&app.db, ours.id, &ad, Some("HR-2027-001"), now).await;
        assert_eq!(first.unwrap(), twice.unwrap(), "{backend}");
    }
}

/// A CV that passes every check, with contacts the person may or may not share.
fn cv_of(given: &str, family: &str) -> domain::cv::Cv {
    let mut cv = domain::cv::Cv::default();
    let personal = &mut cv.personal_information;
    personal.given_name = given.into();
    personal.family_name = family.into();
    personal.email = format!("{}@example.org", given.to_lowercase());
    personal.phone = "+39 333 1234567".into();
    personal.municipality = Some("F205".into());
    cv
}

#[tokio::test]
async fn an_organisation_sees_and_moves_only_its_own_candidacies() {
    on_both_backends(&[], |app| async move {
        let ours = Organisation::approved(&app, OrganisationKind::Employer, "Logistica Nord").await;
        let theirs = Organisation::approved(&app, OrganisationKind::Employer, "Altra Spa").await;
        let now = chrono::Utc::now();
        let today = domain::calendar::rome_date(now);
        let ad =
            publishing::publish(&app.db, ours.id, &ad_on(today), None, now).await.unwrap().unwrap();

        // Sara applies sharing her contacts, Ugo without; then both change their CVs.
        let mut ids = Vec::new();
        for (given, share) in [("Sara", true), ("Ugo", false)] {
            let cf = fresh_codice_fiscale();
            let account = common::account_named(&app, cf.as_str(), given, "Verdi").await;
            store::cv::save(&app.db, cf.as_str(), 0, &cv_of(given, "Verdi"), today, now)
                .await
                .unwrap();
            let session = common::session_of(&app, &account, Role::Citizen, "test").await;
            let mut form = vec![];
            if share {
                form.push(("share_contacts", "true"));
            }
            let sent =
                post_as(&app, &format!("/opportunita/{ad}/candidatura"), &session, &form).await;
            assert_eq!(sent.status(), StatusCode::SEE_OTHER);
            let mut changed = cv_of(given, "Verdi");
            changed.personal_information.email = "cambiata@example.org".into();
            store::cv::save(&app.db, cf.as_str(), 1, &changed, today, now).await.unwrap();
            let (mine, _) =
                store::candidacy::received(&app.db, ours.id, &Default::default(), 0, 10)
                    .await
                    .unwrap();
            ids.push((mine[0].id, session));
        }
        let (sara, sara_session) = &ids[0];
        let (ugo, _) = &ids[1];

        let session = ours.administrator_session(&app).await;
        let list =
            get_as(&app, "/organizzazione/candidature", &session).await.text().await.unwrap();
        assert!(list.contains("Sara Verdi") && list.contains("Ugo Verdi"), "{list}");
        let filtered = format!("/organizzazione/candidature?annuncio={ad}&stato=sent");
        assert!(
            get_as(&app, &filtered, &session).await.text().await.unwrap().contains("Sara Verdi")
        );
        // The CV as it was when they applied; contacts only where shared.
        let detail = get_as(&app, &format!("/organizzazione/candidature/{sara}"), &session).await;
        let detail = detail.text().await.unwrap();
        assert!(detail.contains("sara@example.org") && !detail.contains("cambiata@example.org"));
        let detail = get_as(&app, &format!("/organizzazione/candidature/{ugo}"), &session).await;
        let detail = detail.text().await.unwrap();
        assert!(!detail.contains("ugo@example.org") && !detail.contains("1234567"));

        // Another organisation: none of it.
        let other = theirs.administrator_session(&app).await;
        let page = format!("/organizzazione/candidature/{sara}");
        assert_eq!(get_as(&app, &page, &other).await.status(), StatusCode::NOT_FOUND);
        let list = get_as(&app, "/organizzazione/candidature", &other).await.text().await.unwrap();
        assert!(!list.contains("Sara Verdi"));
        let interview = [
            ("status", "interview"),
            ("interview_date", "2099-01-12"),
            ("interview_time", "10:30"),
            ("interview_place", "Via Roma 1, Milano"),
        ];
        assert_eq!(post_as(&app, &page, &other, &interview).await.status(), StatusCode::NOT_FOUND);

        // Straight from "sent" to an interview is not a step the machine allows.
        let skipped = post_as(&app, &page, &session, &interview).await;
        assert_eq!(skipped.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let review = [("status", "in_review")];
        assert_eq!(post_as(&app, &page, &session, &review).await.status(), StatusCode::SEE_OTHER);
        // An interview needs its date, time and place: each refused beside its field.
        let bare = [("status", "interview"), ("interview_time", "25:00")];
        let refused = post_as(&app, &page, &session, &bare).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert_error_summary_links(&body, &["interview_date", "interview_time", "interview_place"]);
        let mut with_message = interview.to_vec();
        with_message.push(("message", "Porti un documento d'identità."));
        assert_eq!(
            post_as(&app, &page, &session, &with_message).await.status(),
            StatusCode::SEE_OTHER
        );
        // Sara reads it on her candidacy page.
        let hers = get_as(&app, "/candidature", sara_session).await.text().await.unwrap();
        assert!(hers.contains("Colloquio il 12/01/2099 alle 10:30, Via Roma 1, Milano"), "{hers}");
        assert!(hers.contains("Porti un documento d"));
        // Hired; after that, nothing moves it.
        let hired = [("status", "accepted")];
        assert_eq!(post_as(&app, &page, &session, &hired).await.status(), StatusCode::SEE_OTHER);
        let again = post_as(&app, &page, &session, &[("status", "not_selected")]).await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    })
    .await;
}

#[tokio::test]
async fn a_citizen_reports_an_ad_and_an_administrator_suspends_it() {
    on_both_backends(&[], |app| async move {
        let ours = Organisation::approved(&app, OrganisationKind::Employer, "Dubbia Srl").await;
        let now = chrono::Utc::now();
        let today = domain::calendar::rome_date(now);
        let mut ad = ad_on(today);
        ad.title = "Guadagni facili Quokka".into();
        let id = publishing::publish(&app.db, ours.id, &ad, None, now).await.unwrap().unwrap();
        let page = format!("/opportunita/{id}");

        let citizen = citizen_session(&app, fresh_codice_fiscale().as_str()).await;
        let body = get_as(&app, &page, &citizen).await.text().await.unwrap();
        assert!(body.contains("Segnala questo annuncio"));
        let report = format!("{page}/segnala");
        let bad = post_as(&app, &report, &citizen, &[("reason", "boh"), ("note", "x")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let sent = [("reason", "fraud"), ("note", "Chiede 50 euro per il colloquio.")];
        assert_eq!(post_as(&app, &report, &citizen, &sent).await.status(), StatusCode::SEE_OTHER);
        // Twice is once.
        assert_eq!(post_as(&app, &report, &citizen, &sent).await.status(), StatusCode::SEE_OTHER);
        let reported = publishing::reported(&app.db).await.unwrap();
        let mine = reported.iter().find(|r| r.opportunity_id == id).unwrap();
        assert_eq!(
            mine.reports,
            vec![("fraud".to_string(), "Chiede 50 euro per il colloquio.".to_string())]
        );

        let (_, admin) = operator_session(&app, Role::Administrator).await;
        let registry =
            get_as(&app, "/amministrazione/organizzazioni", &admin).await.text().await.unwrap();
        assert!(registry.contains("Guadagni facili Quokka") && registry.contains("Chiede 50 euro"));
        let suspend = format!("/amministrazione/annunci/{id}/sospendi");
        let empty = post_as(&app, &suspend, &admin, &[("reason", "  ")]).await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let why = [("reason", "Richiesta di denaro ai candidati")];
        assert_eq!(post_as(&app, &suspend, &admin, &why).await.status(), StatusCode::SEE_OTHER);
        assert!(!found(&app, "quokka", id).await, "suspended: out of search");
        assert!(
            publishing::reported(&app.db).await.unwrap().iter().all(|r| r.opportunity_id != id)
        );
        // Its organisation reads why, and cannot resume it.
        let (ads, _) = publishing::ads_of(&app.db, ours.id, 0, 20).await.unwrap();
        assert_eq!(ads[0].state, AdState::Suspended);
        assert_eq!(ads[0].state_reason.as_deref(), Some("Richiesta di denaro ai candidati"));
        let session = ours.administrator_session(&app).await;
        let resume = post_as(
            &app,
            &format!("/organizzazione/annunci/{id}/azione"),
            &session,
            &[("action", "resume")],
        )
        .await;
        assert_eq!(resume.headers()["location"], "/organizzazione?errore=state");
        // A citizen cannot suspend; an organisation cannot report.
        let by_citizen = post_as(&app, &suspend, &citizen, &why).await;
        assert_eq!(by_citizen.status(), StatusCode::FORBIDDEN);
        assert_eq!(post_as(&app, &report, &session, &sent).await.status(), StatusCode::FORBIDDEN);
    })
    .await;
}
