//! The catalogue: publishing, renewal, search on both backends (the same fixed queries give the
//! same rows in the same order on SQLite and PostgreSQL), and the public pages through the real
//! router, where bad parameters give a normal page with a message, never an error.

use crate::common;

use crate::common::{TestApp, TestDb};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use contract::catalog::{Notice, Results, parse_url_query};
use domain::catalog::{Kind, Point, distance_km};
use reqwest::StatusCode;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use server::demo_catalog;
use store::catalog::{self, PublishError};
use store::entity::opportunity;

const SIZE: usize = 3_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

async fn seeded(db: &TestDb) -> DatabaseConnection {
    let conn = db.connect().await;
    server::db::migrate(&conn).await.unwrap();
    demo_catalog::seed(&conn, SIZE, 42, now()).await.unwrap();
    conn
}

async fn search(conn: &DatabaseConnection, raw: &str) -> Results {
    let (query, notices) = parse_url_query(raw);
    catalog::search(conn, query, notices, None, today()).await.unwrap()
}

/// The fixed queries both backends must answer alike.
const QUERIES: &[&str] = &[
    "q=magazziniere",
    "q=magazzinieri",
    "q=Addetta+alle+pulizie",
    "q=cuochi&ordine=recenti",
    "q=corso+inglese",
    "q=tirocinio+commesso",
    "dove=MI&tipo=lavoro",
    "dove=NA&tipo=corso&tipo=puc",
    "dove=F205&raggio=50&q=operaio",
    "dove=H501&raggio=30&ordine=distanza",
    "dove=L219&raggio=80&q=cameriere&ordine=distanza&pagina=2",
    "contratto=indeterminato&ore=100",
    "tipo=tirocinio&inizio_dal=2026-12-15&inizio_entro=2027-01-15",
    "q=zzzznonexistent",
    "q=%27%3B+DROP+TABLE+opportunity%3B+--",
    "q=NEAR+AND+OR+NOT",
    "pagina=3",
];

fn summary(r: &Results) -> (u64, Vec<i64>, Vec<Option<u32>>) {
    (
        r.total,
        r.cards.iter().map(|c| c.id).collect(),
        r.cards.iter().map(|c| c.distance_km).collect(),
    )
}

#[tokio::test]
async fn both_backends_return_the_same_results() {
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    let sqlite = TestDb::sqlite();
    let (a, b) = (seeded(&sqlite).await, seeded(&pg).await);
    let mut matched = 0;
    for raw in QUERIES {
        let (x, y) = (search(&a, raw).await, search(&b, raw).await);
        assert_eq!(summary(&x), summary(&y), "{raw}");
        assert_eq!(x.notices, y.notices, "{raw}");
        matched += usize::from(x.total > 0);
    }
    // The set is not vacuous: most queries find something.
    assert!(matched >= QUERIES.len() - 4, "{matched}");
}

#[tokio::test]
async fn search_matches_words_places_and_dates() {
    for db in TestDb::all().await {
        let conn = seeded(&db).await;
        let b = db.backend;
        // Plural, case and accents find the same ads.
        let one = search(&conn, "q=Magazziniere").await;
        assert!(one.total > 5, "{b}: {}", one.total);
        assert_eq!(summary(&one), summary(&search(&conn, "q=magazzinièri").await), "{b}");
        // The title match ranks first.
        assert!(one.cards[0].title.starts_with("Magazziniere"), "{b}: {:?}", one.cards[0]);

        // A radius keeps everything within it, nearest first when asked.
        let r = search(&conn, "dove=F205&raggio=30&ordine=distanza").await;
        assert!(r.total > 10, "{b}");
        let km: Vec<u32> = r.cards.iter().map(|c| c.distance_km.unwrap()).collect();
        assert!(km.windows(2).all(|w| w[0] <= w[1]) && km.iter().all(|k| *k <= 30), "{b}: {km:?}");
        assert_eq!(r.place_label.as_deref(), Some("Milano (MI)"));

        // A province and a kind.
        let p = search(&conn, "dove=TO&tipo=corso").await;
        assert!(p.total > 0 && p.cards.iter().all(|c| c.kind == Kind::Course), "{b}");
        assert!(p.cards.iter().all(|c| c.place.as_deref().is_some_and(|p| p.ends_with("(TO)"))));

        // A typed place is looked up; an unknown one is a notice.
        let typed = search(&conn, "dove=Torino").await;
        assert_eq!(typed.query.place, Some(contract::catalog::Where::Municipality("L219".into())));
        let unknown = search(&conn, "dove=Atlantide&raggio=10").await;
        assert!(unknown.notices.contains(&Notice::UnknownPlace("Atlantide".into())), "{b}");
        assert!(unknown.notices.contains(&Notice::RadiusNeedsPlace), "{b}");

        // Start dates and hours.
        let dated = search(&conn, "inizio_dal=2026-12-20&ore=80").await;
        assert!(
            dated
                .cards
                .iter()
                .all(|c| c.starts_on >= NaiveDate::from_ymd_opt(2026, 12, 20).unwrap())
        );
        assert!(dated.cards.iter().all(|c| c.hours_pct.unwrap() >= 80));

        // Page 10^9 is the last page, with a notice.
        let far = search(&conn, "q=magazziniere&pagina=1000000000").await;
        assert_eq!(far.query.page, far.pages, "{b}");
        assert!(matches!(far.notices.last(), Some(Notice::PageBeyond(p)) if *p == far.pages));
        assert!(!far.cards.is_empty());
    }
}

#[tokio::test]
async fn expired_ads_stay_stored_but_leave_search() {
    for db in TestDb::all().await {
        let conn = seeded(&db).await;
        let stored = opportunity::Entity::find().count(&conn).await.unwrap();
        assert_eq!(stored, SIZE as u64);
        let live = catalog::live_count(&conn, today()).await.unwrap();
        assert!(live < stored && live > stored / 2, "{}: {live}", db.backend);
        let everything = search(&conn, "").await;
        assert_eq!(everything.total, live.min(catalog::COUNT_CAP));
        // A day later, more have expired.
        let tomorrow = catalog::live_count(&conn, today() + Duration::days(20)).await.unwrap();
        assert!(tomorrow < live);
    }
}

#[tokio::test]
async fn publishing_is_checked_and_all_or_nothing_and_renewal_is_once() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        let mut ads = demo_catalog::generate(3, 1, today());
        ads[2].expires_on = ads[2].published_on + Duration::days(90);
        match catalog::publish_many(&conn, &ads, now()).await {
            Err(PublishError::Invalid { index: 2, problems }) => {
                assert_eq!(problems[0].code, "expiry_too_late");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(opportunity::Entity::find().count(&conn).await.unwrap(), 0);

        let mut ad = ads[0].clone();
        ad.published_on = today() - Duration::days(50);
        ad.expires_on = today() + Duration::days(5);
        let id = catalog::publish_many(&conn, &[ad.clone()], now()).await.unwrap()[0];
        let too_early = catalog::renew(&conn, id, today() - Duration::days(3)).await;
        assert!(matches!(too_early, Err(catalog::RenewError::Refused(_))));
        let renewed = catalog::renew(&conn, id, today()).await.unwrap();
        assert_eq!(renewed, domain::catalog::latest_expiry(ad.expires_on));
        assert!(matches!(
            catalog::renew(&conn, id, renewed - Duration::days(1)).await,
            Err(catalog::RenewError::Refused(domain::catalog::RenewalProblem::AlreadyRenewed))
        ));
    }
}

async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path).await;
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn bad_parameters_give_a_normal_page_with_a_message() {
    for db in TestDb::all().await {
        let app = TestApp::spawn_with(db, &[]).await;
        demo_catalog::seed(&app.db, 500, 42, Utc::now()).await.unwrap();
        let before = opportunity::Entity::find().count(&app.db).await.unwrap();
        let long = "x".repeat(5_000);
        let cases: Vec<(String, &str)> = vec![
            ("/opportunita?dove=F205&raggio=-30".into(), "non è valida"),
            ("/opportunita?tipo=astronave&contratto=eterno&ordine=caso".into(), "«astronave»"),
            (format!("/opportunita?q={long}"), "primi 200 caratteri"),
            ("/opportunita?q=%27%3B+DROP+TABLE+opportunity%3B+--+%22+OR+1%3D1".into(), "risultat"),
            ("/opportunita?q=%22NEAR%28a+b%29+*+%5E+%7B%7D+%3A+-x".into(), "risultat"),
            ("/opportunita?pagina=1000000000".into(), "ultima ("),
            ("/opportunita?pagina=-1&ore=abc&inizio_dal=2026-13-45".into(), "non esiste"),
            ("/opportunita?dove=Atlantide".into(), "«Atlantide»"),
            ("/opportunita?dove=casa".into(), "accedi"),
            ("/opportunita?raggio=99999999999999999999".into(), "non è valida"),
        ];
        for (path, expected) in cases {
            let (status, body) = page(&app, &path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(body.contains(expected), "{path}: {expected} not in the page");
            assert!(body.contains("id=\"risultati\""), "{path}: not a results page");
        }
        // Nothing was dropped or changed by the SQL meta-characters.
        assert_eq!(opportunity::Entity::find().count(&app.db).await.unwrap(), before);
        // The server function answers the same way.
        let api = app.get("/api/catalogo?query=raggio%3D-5").await;
        assert_eq!(api.status(), StatusCode::OK);
        let results: Results = api.json().await.unwrap();
        assert_eq!(results.notices, [Notice::BadRadius("-5".into())]);
    }
}

#[tokio::test]
async fn detail_pages_show_every_kind_with_place_and_distance() {
    let app = TestApp::spawn().await;
    demo_catalog::seed(&app.db, 400, 42, Utc::now()).await.unwrap();
    let today = domain::calendar::rome_date(Utc::now());
    let all = opportunity::Entity::find().all(&app.db).await.unwrap();
    for kind in Kind::ALL {
        let ad = all
            .iter()
            .find(|o| {
                o.kind == kind.code() && o.expires_on >= today && o.municipality_code.is_some()
            })
            .expect("one of each kind");
        let (status, body) = page(&app, &format!("/opportunita/{}?dove=F205", ad.id)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(&format!("<h1>{}</h1>", ad.title)), "{}", ad.title);
        assert!(
            body.contains("km da Milano (MI)") || body.contains("meno di 1 km da Milano"),
            "{kind:?}"
        );
        assert!(body.contains("href=\"/opportunita?dove=F205\""), "the way back keeps the search");
    }
    // Distances printed are the projection's, from Milano's centroid.
    let ad = all.iter().find(|o| o.latitude.is_some()).unwrap();
    let milano = store::vocabulary::vocabulary().point("F205").unwrap();
    let km = distance_km(milano, Point { lat: ad.latitude.unwrap(), lon: ad.longitude.unwrap() });
    assert!(km >= 0.0);

    let expired = all.iter().find(|o| o.expires_on < today).expect("an expired ad");
    let (status, body) = page(&app, &format!("/opportunita/{}", expired.id)).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(body.contains("è scaduta"));
    for missing in ["/opportunita/999999999", "/opportunita/abc", "/opportunita/-1"] {
        assert_eq!(page(&app, missing).await.0, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn a_person_with_a_cv_reads_why_an_offer_suits_them_and_whether_it_is_congruous() {
    use domain::matching::{Seeker, Verdict, affinity};
    let app = TestApp::spawn().await;
    demo_catalog::seed(&app.db, 400, 42, Utc::now()).await.unwrap();
    let today = domain::calendar::rome_date(Utc::now());
    let job = opportunity::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|o| {
            o.kind == "lavoro"
                && o.expires_on >= today
                && o.occupation_code.is_some()
                && o.contract.is_some()
        })
        .expect("a live job offer");
    let skills = store::matching::skills_of(&app.db, job.id).await.unwrap();
    assert!(!skills.is_empty(), "generated job offers ask for skills");
    let path = format!("/opportunita/{}", job.id);

    // Anonymous visitors and people without a CV get the plain page.
    let (_, anonymous) = page(&app, &path).await;
    assert!(!anonymous.contains("Quanto fa per te"));
    let household = common::builders::Household::adi().make(&app).await;
    let citizen = common::builders::citizen_session(&app, household.applicant()).await;
    let without_cv = common::get_as(&app, &path, &citizen).await.text().await.unwrap();
    assert!(!without_cv.contains("Quanto fa per te"));

    // A CV with this job's occupation, its first skill only, living in Milano.
    let mut cv = warehouse_cv(&skills[..1]);
    cv.work_experience[0].occupation_code = job.occupation_code.clone().unwrap();
    store::cv::save(&app.db, household.applicant(), 0, &cv, today, Utc::now()).await.unwrap();
    let body = common::get_as(&app, &path, &citizen).await.text().await.unwrap();
    assert!(body.contains("Quanto fa per te"), "{body}");
    assert!(body.contains("Hai già svolto questo lavoro"));
    if skills.len() > 1 {
        assert!(body.contains("Non risultano dal CV"), "missing skills are named");
    }
    // The score shown is the domain's, computed from the stored CV and ad.
    let milano = store::vocabulary::vocabulary().point("F205");
    let expected = affinity(&Seeker::from_cv(&cv, milano), &store::matching::offer(&job, skills));
    assert!(body.contains(&format!("{} su 100", expected.score)), "{}", expected.score);
    // And so is the verdict, with its rule.
    let headline = match store::matching::for_you(
        &app.db,
        Some(&contract::auth::CurrentUser {
            account_id: String::new(),
            session_id: String::new(),
            given_name: String::new(),
            family_name: String::new(),
            codice_fiscale: household.applicant().into(),
            role: contract::policy::Role::Citizen,
            viewing: None,
            organisation: None,
        }),
        &store::matching::offer(&job, vec![]),
        today,
    )
    .await
    .unwrap()
    .and_then(|f| f.congruity)
    .unwrap()
    .verdict
    {
        Verdict::Congruous => "Offerta congrua",
        Verdict::NotCongruous => "Offerta non congrua",
        Verdict::Undetermined => "Non si può stabilire",
    };
    assert!(body.contains(headline), "{headline}");
    assert!(body.contains("D.L. 48/2023, art. 9"), "the law, not an internal rule id");
    assert!(!body.contains("R27"));
}

/// A CV for the matching tests: a warehouse worker in Milano with five skills, 30 km reach.
fn warehouse_cv(skills: &[String]) -> domain::cv::Cv {
    use domain::cv::{Availability, Cv, Experience, Personal};
    Cv {
        personal_information: Personal {
            given_name: "Aisha".into(),
            family_name: "Benali".into(),
            municipality: Some("F205".into()),
            ..Default::default()
        },
        work_experience: vec![Experience {
            occupation_code: "8.1.3.1.0".into(),
            job_title: String::new(),
            employer: "Cooperativa Esempio".into(),
            place: String::new(),
            start: NaiveDate::from_ymd_opt(2019, 3, 1).unwrap(),
            end: Some(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap()),
            description: String::new(),
        }],
        skills: skills.iter().take(5).cloned().collect(),
        availability: Availability {
            full_time: true,
            max_distance_km: Some(30),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn citizen(codice_fiscale: &str) -> contract::auth::CurrentUser {
    contract::auth::CurrentUser {
        account_id: String::new(),
        session_id: String::new(),
        given_name: "Aisha".into(),
        family_name: "Benali".into(),
        codice_fiscale: codice_fiscale.into(),
        role: contract::policy::Role::Citizen,
        viewing: None,
        organisation: None,
    }
}

#[tokio::test]
async fn suggested_for_you_orders_by_the_domain_affinity_within_reach_on_both_backends() {
    use domain::matching::{Seeker, affinity};
    use store::entity::opportunity_skill;
    let mut pages = Vec::new();
    for db in TestDb::all().await {
        let conn = seeded(&db).await;
        // Five of the most asked-for skills, so the skill factor varies between ads.
        let mut keys: Vec<String> = opportunity_skill::Entity::find()
            .all(&conn)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.skill_key)
            .collect();
        keys.sort();
        let mut counted: Vec<(usize, String)> = Vec::new();
        for key in keys {
            match counted.last_mut() {
                Some((n, k)) if *k == key => *n += 1,
                _ => counted.push((1, key)),
            }
        }
        counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let skills: Vec<String> = counted.into_iter().take(5).map(|(_, k)| k).collect();
        let cv = warehouse_cv(&skills);
        let cf = "BNLSHA90L62Z330U";
        store::cv::save(&conn, cf, 0, &cv, today(), now()).await.unwrap();
        let me = citizen(cf);

        // Without a CV (or signed out) the order falls back to relevance, saying why.
        let anonymous = search(&conn, "ordine=affinita").await;
        assert!(anonymous.notices.contains(&Notice::AffinityNeedsCv));
        assert!(anonymous.cards.iter().all(|c| c.affinity.is_none()));

        let (query, notices) = parse_url_query("ordine=affinita");
        let r = catalog::search(&conn, query, notices, Some(&me), today()).await.unwrap();
        assert!(r.notices.is_empty(), "{:?}", r.notices);
        assert!(r.total > 10, "{}: ads within 30 km of Milano", db.backend);
        let scores: Vec<u32> = r.cards.iter().map(|c| c.affinity.unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
        assert!(r.cards.iter().all(|c| c.distance_km.is_none_or(|km| km <= 30)));
        // The best score is the domain's best over every live ad within reach (fewer than the
        // candidates scored, at this size).
        assert!(r.total < store::catalog::SUGGESTION_CANDIDATES as u64);
        let milano = store::vocabulary::vocabulary().point("F205").unwrap();
        let seeker = Seeker::from_cv(&cv, Some(milano));
        let mut best = 0;
        for ad in opportunity::Entity::find().all(&conn).await.unwrap() {
            let live = ad.published_on <= today() && ad.expires_on >= today();
            let near = ad.online
                || ad.latitude.zip(ad.longitude).is_some_and(|(lat, lon)| {
                    domain::catalog::distance_km(milano, Point { lat, lon }) <= 30.0
                });
            if live && near {
                let skills = store::matching::skills_of(&conn, ad.id).await.unwrap();
                best = best.max(affinity(&seeker, &store::matching::offer(&ad, skills)).score);
            }
        }
        assert_eq!(scores[0], best, "{}", db.backend);
        // Words and filters narrow the suggestions as they narrow any search.
        let (query, notices) = parse_url_query("ordine=affinita&q=magazziniere&tipo=lavoro");
        let words = catalog::search(&conn, query, notices, Some(&me), today()).await.unwrap();
        assert!(words.total > 0 && words.total < r.total);
        assert!(words.cards.iter().all(|c| c.kind == Kind::Job));
        let page2 = {
            let (query, notices) = parse_url_query("ordine=affinita&pagina=2");
            catalog::search(&conn, query, notices, Some(&me), today()).await.unwrap()
        };
        pages.push((summary(&r), summary(&words), summary(&page2)));
    }
    if let [a, b] = pages.as_slice() {
        assert_eq!(a, b, "SQLite and PostgreSQL suggest the same ads in the same order");
    }
}
