//! The domain services on SQLite and PostgreSQL: every state change, what it stores, the
//! notifications it implies, the next due dates it recomputes, and what it refuses.

use crate::common::TestDb;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::calendar::{add_days, rome_midnight};
use domain::{ApplicationStatus, ObligationKind, Outcome, Programme, RuleId, Venue};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};
use store::entity::{
    application, convocation, household, member, notification, pad_nucleo, payment, plan,
    status_change,
};
use store::welfare::{
    self, Channel, Consent, ContactKind, Ctx, MemberFlags, NewActivity, NewAgency, NewApplication,
    NewBranch, NewConvocation, NewMeeting, NewMember, NewPlan, PadIndividualeTerms, PadNucleoTerms,
    PlanKind, ReceiptKind, Relation, ServiceError,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// 10:00 in Rome on `day`.
fn morning(day: &str) -> DateTime<Utc> {
    rome_midnight(d(day)) + Duration::hours(10)
}

fn at(day: &str) -> Ctx {
    Ctx::new(morning(day), "test-operator")
}

async fn migrated(db: &TestDb) -> DatabaseConnection {
    let conn = db.connect().await;
    server::db::migrate(&conn).await.unwrap();
    conn
}

fn person(
    family: &str,
    given: &str,
    born: (i32, u32, u32),
    female: bool,
    relation: Relation,
) -> NewMember {
    NewMember {
        codice_fiscale: contract::demo::fictitious_codice_fiscale(
            family, given, born, female, "H501",
        )
        .unwrap(),
        given_name: given.to_string(),
        family_name: family.to_string(),
        birth_date: NaiveDate::from_ymd_opt(born.0, born.1, born.2).unwrap(),
        relation,
        flags: MemberFlags::default(),
    }
}

/// An ADI household: applicant (1985), partner (1987), child (2016).
fn adi_application(protocol: &str, family: &str) -> NewApplication {
    NewApplication {
        programme: Programme::Adi,
        inps_protocol: protocol.to_string(),
        submitted_on: d("2026-01-05"),
        municipality_code: "H501".to_string(),
        address: "Via Roma 1, 00100 Roma".to_string(),
        members: vec![
            person(family, "Anna", (1985, 3, 4), true, Relation::Applicant),
            person(family, "Bruno", (1987, 6, 7), false, Relation::Spouse),
            person(family, "Carlo", (2016, 9, 10), false, Relation::Child),
        ],
    }
}

struct Ids {
    application: i64,
    household: i64,
    members: Vec<i64>,
}

async fn submitted(conn: &DatabaseConnection, protocol: &str, family: &str) -> Ids {
    let ids =
        welfare::submit_application(conn, &at("2026-01-06"), &adi_application(protocol, family))
            .await
            .unwrap();
    assert!(ids.created);
    let members = welfare::household_members(conn, ids.household_id)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    Ids { application: ids.application_id, household: ids.household_id, members }
}

async fn accepted(conn: &DatabaseConnection, protocol: &str, family: &str) -> Ids {
    let ids = submitted(conn, protocol, family).await;
    welfare::start_assessment(conn, &at("2026-01-07"), ids.application).await.unwrap();
    welfare::record_assessment_outcome(
        conn,
        &at("2026-01-20"),
        ids.application,
        true,
        "Requisiti presenti",
        Some(48_000),
    )
    .await
    .unwrap();
    ids
}

fn terms() -> PadNucleoTerms {
    PadNucleoTerms {
        convocation_address: "Via Roma 1, 00100 Roma".into(),
        consents: Consent::ALL.to_vec(),
        platform_only_acknowledged: false,
    }
}

/// Accepted, contacts certified and PAD nucleo signed on 2026-01-31.
async fn active(conn: &DatabaseConnection, protocol: &str, family: &str) -> Ids {
    let ids = accepted(conn, protocol, family).await;
    let ctx = at("2026-01-31");
    welfare::certify_contact(conn, &ctx, ids.members[0], ContactKind::Mobile, "333 765 4321", true)
        .await
        .unwrap();
    welfare::certify_contact(
        conn,
        &ctx,
        ids.members[0],
        ContactKind::Email,
        "anna@example.org",
        true,
    )
    .await
    .unwrap();
    let signed = welfare::sign_pad_nucleo(conn, &ctx, ids.application, ids.members[0], &terms())
        .await
        .unwrap();
    assert!(signed.created);
    ids
}

async fn status(conn: &DatabaseConnection, id: i64) -> ApplicationStatus {
    let found = application::Entity::find_by_id(id).one(conn).await.unwrap().unwrap();
    ApplicationStatus::from_code(&found.status).unwrap()
}

async fn kinds(conn: &DatabaseConnection, member_id: i64) -> Vec<String> {
    notification::Entity::find()
        .filter(notification::Column::MemberId.eq(member_id))
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

async fn next_due(
    conn: &DatabaseConnection,
    household_id: i64,
) -> (Option<NaiveDate>, Option<String>) {
    let h = household::Entity::find_by_id(household_id).one(conn).await.unwrap().unwrap();
    (h.next_due_on, h.next_due_kind)
}

async fn count<E: EntityTrait>(conn: &DatabaseConnection, _: E) -> u64
where
    E::Model: Sync,
{
    E::find().count(conn).await.unwrap()
}

#[tokio::test]
async fn an_application_goes_from_submitted_to_active_through_the_pad() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = submitted(&conn, "P-1", "Verdi").await;
        assert_eq!(status(&conn, ids.application).await, ApplicationStatus::Submitted);
        assert_eq!(kinds(&conn, ids.members[0]).await, ["application_received"]);

        // The same protocol number again: the stored application, nothing added.
        let again =
            welfare::submit_application(&conn, &at("2026-01-06"), &adi_application("P-1", "Verdi"))
                .await
                .unwrap();
        assert!(!again.created);
        assert_eq!(again.application_id, ids.application);
        assert_eq!(count(&conn, member::Entity).await, 3, "{}", db.backend);

        // Only the moves of the status machine are possible.
        let skip = welfare::record_assessment_outcome(
            &conn,
            &at("2026-01-07"),
            ids.application,
            true,
            "ok",
            None,
        )
        .await;
        assert!(matches!(skip, Err(ServiceError::Transition { .. })), "{skip:?}");
        welfare::start_assessment(&conn, &at("2026-01-07"), ids.application).await.unwrap();
        let no_reason = welfare::record_assessment_outcome(
            &conn,
            &at("2026-01-20"),
            ids.application,
            true,
            " ",
            None,
        )
        .await;
        assert!(matches!(no_reason, Err(ServiceError::Invalid { field: "reason", .. })));

        // Not yet accepted: nobody can sign.
        let early = welfare::sign_pad_nucleo(
            &conn,
            &at("2026-01-10"),
            ids.application,
            ids.members[0],
            &terms(),
        )
        .await;
        assert!(matches!(early, Err(ServiceError::Transition { .. })), "{early:?}");
        welfare::record_assessment_outcome(
            &conn,
            &at("2026-01-20"),
            ids.application,
            true,
            "Requisiti presenti",
            Some(48_000),
        )
        .await
        .unwrap();
        assert_eq!(status(&conn, ids.application).await, ApplicationStatus::Accepted);
        assert!(kinds(&conn, ids.members[0]).await.contains(&"application_accepted".to_string()));

        // A member who is not the applicant cannot sign; nor can the applicant without a
        // certified contact who was not told that convocations then reach the household only
        // on the platform (R17); nothing is stored either time.
        let ctx = at("2026-01-31");
        let partner =
            welfare::sign_pad_nucleo(&conn, &ctx, ids.application, ids.members[1], &terms()).await;
        assert!(matches!(partner, Err(ServiceError::NotApplicant)), "{partner:?}");
        let no_contact =
            welfare::sign_pad_nucleo(&conn, &ctx, ids.application, ids.members[0], &terms()).await;
        assert!(
            matches!(
                no_contact,
                Err(ServiceError::Invalid {
                    field: "contacts",
                    problem: "platform_only_not_acknowledged"
                })
            ),
            "{no_contact:?}"
        );
        let bad_email = welfare::certify_contact(
            &conn,
            &ctx,
            ids.members[0],
            ContactKind::Email,
            "anna@",
            true,
        )
        .await;
        assert!(matches!(
            bad_email,
            Err(ServiceError::Invalid { field: "email", problem: "malformed" })
        ));
        let missing_consent =
            PadNucleoTerms { consents: vec![Consent::ConvocationsAtCertifiedContacts], ..terms() };
        welfare::certify_contact(
            &conn,
            &ctx,
            ids.members[0],
            ContactKind::Mobile,
            "+39 333 000 1111",
            true,
        )
        .await
        .unwrap();
        let refused = welfare::sign_pad_nucleo(
            &conn,
            &ctx,
            ids.application,
            ids.members[0],
            &missing_consent,
        )
        .await;
        assert!(
            matches!(refused, Err(ServiceError::Invalid { field: "consents", .. })),
            "{refused:?}"
        );
        assert_eq!(count(&conn, pad_nucleo::Entity).await, 0);
        assert_eq!(status(&conn, ids.application).await, ApplicationStatus::Accepted);

        // Re-certifying a mobile supersedes the old one.
        welfare::certify_contact(
            &conn,
            &ctx,
            ids.members[0],
            ContactKind::Mobile,
            "3339998888",
            true,
        )
        .await
        .unwrap();
        let contacts = welfare::active_contacts(&conn, ids.members[0]).await.unwrap();
        assert_eq!(contacts.len(), 1);
        assert_eq!(contacts[0].value, "+393339998888");

        let signed =
            welfare::sign_pad_nucleo(&conn, &ctx, ids.application, ids.members[0], &terms())
                .await
                .unwrap();
        assert!(signed.created);
        assert_eq!(signed.pact.signed_on, d("2026-01-31"));
        assert_eq!(welfare::pact_hash(&signed.pact.content_json), signed.pact.content_sha256);
        assert!(signed.pact.content_json.contains("+393339998888"));
        assert_eq!(status(&conn, ids.application).await, ApplicationStatus::Active);
        // R19: the 120 days end on 31 May; stored for dashboards.
        assert_eq!(
            next_due(&conn, ids.household).await,
            (Some(d("2026-05-31")), Some("first_meeting".into()))
        );
        assert!(kinds(&conn, ids.members[0]).await.contains(&"pad_signed".to_string()));

        // Signing again returns the same pact.
        let again = welfare::sign_pad_nucleo(
            &conn,
            &at("2026-02-01"),
            ids.application,
            ids.members[0],
            &terms(),
        )
        .await
        .unwrap();
        assert!(!again.created);
        assert_eq!(again.pact.id, signed.pact.id);
        let (checked, tampered) = welfare::verify_pacts(&conn).await.unwrap();
        assert_eq!((checked, tampered.len()), (1, 0));

        let history: Vec<String> = welfare::status_history(&conn, ids.application)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.to_status)
            .collect();
        assert_eq!(
            history,
            ["submitted", "under_assessment", "accepted", "active"],
            "{}",
            db.backend
        );
    }
}

#[tokio::test]
async fn a_tampered_pact_is_found_by_verification() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        active(&conn, "P-T", "Neri").await;
        conn.execute_unprepared(
            "UPDATE pad_nucleo SET content_json = replace(content_json, 'Neri', 'Nero')",
        )
        .await
        .unwrap();
        let (checked, tampered) = welfare::verify_pacts(&conn).await.unwrap();
        assert_eq!((checked, tampered.len()), (1, 1), "{}", db.backend);
        assert_eq!(tampered[0].table, "pad_nucleo");
    }
}

#[tokio::test]
async fn two_concurrent_pad_signatures_yield_one_pact() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = accepted(&conn, "P-C", "Gialli").await;
        let ctx = at("2026-01-31");
        welfare::certify_contact(
            &conn,
            &ctx,
            ids.members[0],
            ContactKind::Email,
            "g@example.org",
            true,
        )
        .await
        .unwrap();
        for round in 0..3 {
            // Separate connections, so the two transactions really overlap.
            let (a, b) = (db.connect().await, db.connect().await);
            let (ctx_a, ctx_b) = (ctx.clone(), ctx.clone());
            let (app, signer) = (ids.application, ids.members[0]);
            let first = tokio::spawn(async move {
                welfare::sign_pad_nucleo(&a, &ctx_a, app, signer, &terms()).await
            });
            let second = tokio::spawn(async move {
                welfare::sign_pad_nucleo(&b, &ctx_b, app, signer, &terms()).await
            });
            let (first, second) = (first.await.unwrap().unwrap(), second.await.unwrap().unwrap());
            assert_eq!(first.pact.id, second.pact.id, "{} round {round}", db.backend);
            let created = [first.created, second.created].iter().filter(|c| **c).count();
            assert_eq!(created, if round == 0 { 1 } else { 0 }, "{} round {round}", db.backend);
        }
        assert_eq!(count(&conn, pad_nucleo::Entity).await, 1, "{}", db.backend);
        let activations = status_change::Entity::find()
            .filter(status_change::Column::ApplicationId.eq(ids.application))
            .filter(status_change::Column::ToStatus.eq("active"))
            .count(&conn)
            .await
            .unwrap();
        assert_eq!(activations, 1, "{}", db.backend);
        let signed_notes =
            kinds(&conn, ids.members[0]).await.iter().filter(|k| *k == "pad_signed").count();
        assert_eq!(signed_notes, 1, "{}", db.backend);
    }
}

#[tokio::test]
async fn convocations_record_receipts_and_meetings_close_them() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = active(&conn, "P-2", "Blu").await;
        let issue = at("2026-02-10");
        let new = NewConvocation {
            household_id: ids.household,
            member_id: None,
            issuer: Venue::SocialServices,
            issuer_name: "Servizi sociali - Comune di Roma".into(),
            purpose: "first_meeting".into(),
            appointment_at: morning("2026-02-24"),
            place: "Via Merulana 123, Roma".into(),
        };
        let past = NewConvocation { appointment_at: morning("2026-02-09"), ..new.clone() };
        assert!(matches!(
            welfare::issue_convocation(&conn, &issue, &past).await,
            Err(ServiceError::Invalid { field: "appointment_at", .. })
        ));
        let convocation = welfare::issue_convocation(&conn, &issue, &new).await.unwrap();
        // Platform always, plus both certified contacts.
        assert_eq!(convocation.channels, "platform,sms,email");
        assert_eq!(
            next_due(&conn, ids.household).await,
            (Some(d("2026-02-24")), Some("attend_convocation".into()))
        );
        assert!(kinds(&conn, ids.members[0]).await.contains(&"convocation_issued".to_string()));

        let receipts = at("2026-02-11");
        welfare::record_receipt(
            &conn,
            &receipts,
            convocation.id,
            Channel::Sms,
            ReceiptKind::Delivered,
        )
        .await
        .unwrap();
        let read = welfare::record_receipt(
            &conn,
            &receipts,
            convocation.id,
            Channel::Platform,
            ReceiptKind::Read,
        )
        .await
        .unwrap();
        let read_again = welfare::record_receipt(
            &conn,
            &at("2026-02-12"),
            convocation.id,
            Channel::Platform,
            ReceiptKind::Read,
        )
        .await
        .unwrap();
        assert_eq!(read.id, read_again.id, "the first read receipt is kept");
        let stored = welfare::receipts(&conn, convocation.id).await.unwrap();
        let list: Vec<(String, String)> =
            stored.iter().map(|r| (r.channel.clone(), r.kind.clone())).collect();
        assert_eq!(
            list,
            [
                ("platform".into(), "delivered".into()),
                ("sms".into(), "delivered".into()),
                ("platform".into(), "read".into())
            ]
        );

        let meeting = NewMeeting {
            household_id: ids.household,
            member_id: None,
            venue: Venue::SocialServices,
            held_on: d("2026-02-24"),
            outcome: Outcome::Justified,
            convocation_id: Some(convocation.id),
            evidence_ref: None,
        };
        let day = at("2026-02-24");
        assert!(matches!(
            welfare::record_meeting(&conn, &day, &meeting).await,
            Err(ServiceError::Invalid { field: "evidence_ref", .. })
        ));
        let future = NewMeeting { held_on: d("2026-03-01"), ..meeting.clone() };
        assert!(matches!(
            welfare::record_meeting(&conn, &day, &future).await,
            Err(ServiceError::Invalid { field: "held_on", .. })
        ));
        let justified = NewMeeting {
            evidence_ref: Some("Certificato medico prot. 42".into()),
            ..meeting.clone()
        };
        welfare::record_meeting(&conn, &day, &justified).await.unwrap();
        let closed =
            convocation::Entity::find_by_id(convocation.id).one(&conn).await.unwrap().unwrap();
        assert_eq!(closed.outcome.as_deref(), Some("justified"));
        // R21: a justified reason restarts the 120 days from its date.
        assert_eq!(
            next_due(&conn, ids.household).await,
            (Some(d("2026-06-24")), Some("first_meeting".into()))
        );
        assert!(matches!(
            welfare::record_meeting(&conn, &day, &justified).await,
            Err(ServiceError::AlreadyRecorded)
        ));

        // The first meeting held: every adult now presents every 90 days (R22).
        let held = NewMeeting {
            outcome: Outcome::Spontaneous,
            convocation_id: None,
            held_on: d("2026-03-10"),
            ..meeting
        };
        welfare::record_meeting(&conn, &at("2026-03-10"), &held).await.unwrap();
        assert_eq!(
            next_due(&conn, ids.household).await,
            (Some(d("2026-06-08")), Some("follow_up".into()))
        );
        let applicant =
            member::Entity::find_by_id(ids.members[0]).one(&conn).await.unwrap().unwrap();
        assert_eq!(applicant.next_due_on, Some(d("2026-06-08")));
        let child = member::Entity::find_by_id(ids.members[2]).one(&conn).await.unwrap().unwrap();
        assert_eq!(child.next_due_on, None, "{}: minors do not present", db.backend);
    }
}

#[tokio::test]
async fn a_suspension_ends_with_arrears_when_the_meeting_is_recorded() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = active(&conn, "P-3", "Rosa").await;
        // 120 days ended on 31 May: suspended from July (R20).
        let late = at("2026-06-05");
        let from = domain::payments::suspension_starts(d("2026-05-31"));
        let wrong = welfare::suspend(&conn, &late, ids.application, "", RuleId::R20, from).await;
        assert!(matches!(wrong, Err(ServiceError::Invalid { field: "reason", .. })));
        welfare::suspend(
            &conn,
            &late,
            ids.application,
            "Nessun incontro entro 120 giorni",
            RuleId::R20,
            from,
        )
        .await
        .unwrap();
        assert_eq!(status(&conn, ids.application).await, ApplicationStatus::Suspended);
        assert!(
            kinds(&conn, ids.members[1]).await.contains(&"suspended".to_string()),
            "adults are told"
        );
        assert!(kinds(&conn, ids.members[2]).await.is_empty(), "minors have no inbox");

        // Presenting on 25 September (after the 20th): September is owed too (R21), so
        // July, August and September become arrears; the household is active again.
        let met = at("2026-09-25");
        welfare::record_meeting(
            &conn,
            &met,
            &NewMeeting {
                household_id: ids.household,
                member_id: None,
                venue: Venue::SocialServices,
                held_on: d("2026-09-25"),
                outcome: Outcome::Spontaneous,
                convocation_id: None,
                evidence_ref: None,
            },
        )
        .await
        .unwrap();
        assert_eq!(
            status(&conn, ids.application).await,
            ApplicationStatus::Active,
            "{}",
            db.backend
        );
        let arrears: Vec<NaiveDate> = payment::Entity::find()
            .filter(payment::Column::ApplicationId.eq(ids.application))
            .filter(payment::Column::Kind.eq("arrears"))
            .all(&conn)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.month)
            .collect();
        assert_eq!(arrears, [d("2026-07-01"), d("2026-08-01"), d("2026-09-01")], "{}", db.backend);
        assert!(kinds(&conn, ids.members[0]).await.contains(&"reinstated".to_string()));
        let history = welfare::status_history(&conn, ids.application).await.unwrap();
        let last = history.last().unwrap();
        assert_eq!(
            (last.from_status.as_deref(), last.to_status.as_str()),
            (Some("suspended"), "active")
        );
        assert_eq!(last.rule_ref.as_deref(), Some("R31"));

        // Reinstating an active application is not a move the machine has.
        let again =
            welfare::reinstate(&conn, &met, ids.application, "di nuovo", d("2026-09-25")).await;
        assert!(matches!(again, Err(ServiceError::Transition { .. })));
    }
}

#[tokio::test]
async fn decadenza_is_final_and_a_new_application_reuses_the_household() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = active(&conn, "P-4", "Viola").await;
        welfare::declare_decadenza(
            &conn,
            &at("2026-04-01"),
            ids.application,
            "Convocazione ignorata",
            RuleId::R20,
        )
        .await
        .unwrap();
        assert_eq!(status(&conn, ids.application).await, ApplicationStatus::Decaduta);
        assert_eq!(next_due(&conn, ids.household).await, (None, None), "no obligations once lost");
        let back = welfare::reinstate(
            &conn,
            &at("2026-04-02"),
            ids.application,
            "errore",
            d("2026-04-02"),
        )
        .await;
        assert!(matches!(back, Err(ServiceError::Transition { .. })));
        let notes = notification::Entity::find()
            .filter(notification::Column::MemberId.eq(ids.members[0]))
            .filter(notification::Column::Kind.eq("decaduta"))
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert!(notes.params.contains("2026-10-01"), "reapply date in {}", notes.params);

        let mut renewed = adi_application("P-4-bis", "Viola");
        renewed.submitted_on = d("2026-10-02");
        let second = welfare::submit_application(&conn, &at("2026-10-02"), &renewed).await.unwrap();
        assert!(second.created);
        assert_eq!(second.household_id, ids.household, "{}", db.backend);
        assert_eq!(count(&conn, member::Entity).await, 3);
        // While it is in progress, a third one is refused.
        let mut third = adi_application("P-4-ter", "Viola");
        third.submitted_on = d("2026-10-03");
        let refused = welfare::submit_application(&conn, &at("2026-10-03"), &third).await;
        assert!(matches!(
            refused,
            Err(ServiceError::Invalid { problem: "application_in_progress", .. })
        ));
    }
}

#[tokio::test]
async fn bad_applications_store_nothing() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        submitted(&conn, "P-5", "Grigi").await;
        let before = (count(&conn, household::Entity).await, count(&conn, member::Entity).await);
        // A member who already belongs to another household.
        let mut clash = adi_application("P-6", "Bianchi");
        clash.members.push(adi_application("P-5", "Grigi").members[1].clone());
        clash.members.last_mut().unwrap().relation = Relation::Other;
        let refused = welfare::submit_application(&conn, &at("2026-01-06"), &clash).await;
        assert!(
            matches!(refused, Err(ServiceError::Invalid { problem: "in_another_household", .. })),
            "{refused:?}"
        );
        let mut unknown = adi_application("P-7", "Marroni");
        unknown.municipality_code = "Z999".into();
        let refused = welfare::submit_application(&conn, &at("2026-01-06"), &unknown).await;
        assert!(matches!(refused, Err(ServiceError::Invalid { field: "municipality_code", .. })));
        let mut sfl_household = adi_application("P-8", "Neri");
        sfl_household.programme = Programme::Sfl;
        let refused = welfare::submit_application(&conn, &at("2026-01-06"), &sfl_household).await;
        assert!(matches!(refused, Err(ServiceError::Invalid { problem: "sfl_is_individual", .. })));
        let after = (count(&conn, household::Entity).await, count(&conn, member::Entity).await);
        assert_eq!(before, after, "{}", db.backend);
        assert_eq!(count(&conn, application::Entity).await, 1);
    }
}

#[tokio::test]
async fn attivabili_sign_the_pad_individuale_and_pais_and_psp_reset_the_counts() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = active(&conn, "P-9", "Oro").await;
        let meeting = NewMeeting {
            household_id: ids.household,
            member_id: None,
            venue: Venue::SocialServices,
            held_on: d("2026-03-02"),
            outcome: Outcome::Held,
            convocation_id: None,
            evidence_ref: None,
        };
        let assessed = at("2026-03-02");
        welfare::record_meeting(&conn, &assessed, &meeting).await.unwrap();
        // The child cannot be attivabile (R24); the partner is.
        let minor = welfare::assess_member(
            &conn,
            &assessed,
            ids.members[2],
            MemberFlags { attivabile: true, ..Default::default() },
        )
        .await;
        assert!(matches!(minor, Err(ServiceError::Invalid { problem: "exempt_member", .. })));
        let attivabile = MemberFlags { attivabile: true, ..Default::default() };
        welfare::assess_member(&conn, &assessed, ids.members[1], attivabile).await.unwrap();
        assert!(
            kinds(&conn, ids.members[1]).await.contains(&"pad_individuale_required".to_string())
        );
        let partner = member::Entity::find_by_id(ids.members[1]).one(&conn).await.unwrap().unwrap();
        assert_eq!(
            (partner.next_due_on, partner.next_due_kind.as_deref()),
            (Some(d("2026-05-01")), Some("pad_individuale"))
        );

        // Without the DID there is no PAD individuale; with it, once only.
        let no_did =
            PadIndividualeTerms { did: false, chosen_agencies: vec![], consent_transmission: true };
        assert!(matches!(
            welfare::sign_pad_individuale(&conn, &at("2026-03-05"), ids.members[1], &no_did).await,
            Err(ServiceError::Invalid { field: "did", .. })
        ));
        let did =
            PadIndividualeTerms { did: true, chosen_agencies: vec![], consent_transmission: true };
        assert!(matches!(
            welfare::sign_pad_individuale(&conn, &at("2026-03-05"), ids.members[0], &did).await,
            Err(ServiceError::Invalid { problem: "not_attivabile", .. })
        ));
        let signed = welfare::sign_pad_individuale(&conn, &at("2026-03-05"), ids.members[1], &did)
            .await
            .unwrap();
        assert!(signed.created);
        let again = welfare::sign_pad_individuale(&conn, &at("2026-03-06"), ids.members[1], &did)
            .await
            .unwrap();
        assert_eq!((again.created, again.pact.id), (false, signed.pact.id));
        let partner = member::Entity::find_by_id(ids.members[1]).one(&conn).await.unwrap().unwrap();
        assert_eq!(partner.next_due_kind.as_deref(), Some("psp"));

        let psp = NewPlan {
            kind: PlanKind::Psp,
            household_id: ids.household,
            member_id: Some(ids.members[1]),
            signed_on: d("2026-04-10"),
            summary: "Percorso di inserimento lavorativo".into(),
            operator_name: "CPI Roma Tuscolano".into(),
            activities: vec![NewActivity {
                title: "Tirocinio in magazzino".into(),
                provider: "Logistica Srl".into(),
                starts_on: d("2026-04-20"),
                ends_on: Some(d("2026-04-19")),
                hours_per_week: Some(20),
            }],
        };
        assert!(matches!(
            welfare::sign_plan(&conn, &at("2026-04-10"), &psp).await,
            Err(ServiceError::Invalid { field: "activity_ends_on", .. })
        ));
        let mut valid = psp.clone();
        valid.activities[0].ends_on = Some(d("2026-07-20"));
        let first = welfare::sign_plan(&conn, &at("2026-04-10"), &valid).await.unwrap();
        assert_eq!(first.revision, 1);
        // The PSP resets the job-centre count: next presentation by 9 July.
        let partner = member::Entity::find_by_id(ids.members[1]).one(&conn).await.unwrap().unwrap();
        assert_eq!(
            (partner.next_due_on, partner.next_due_kind.as_deref()),
            (Some(d("2026-07-09")), Some("follow_up"))
        );

        let pais = NewPlan {
            kind: PlanKind::Pais,
            member_id: None,
            signed_on: d("2026-04-15"),
            summary: "Sostegno educativo".into(),
            operator_name: "Servizi sociali".into(),
            activities: vec![],
            ..valid.clone()
        };
        welfare::sign_plan(&conn, &at("2026-04-15"), &pais).await.unwrap();
        let applicant =
            member::Entity::find_by_id(ids.members[0]).one(&conn).await.unwrap().unwrap();
        assert_eq!(
            applicant.next_due_on,
            Some(d("2026-07-14")),
            "{}: the PaIS resets the 90 days",
            db.backend
        );

        let update =
            NewPlan { signed_on: d("2026-05-10"), summary: "Percorso aggiornato".into(), ..valid };
        let second = welfare::sign_plan(&conn, &at("2026-05-10"), &update).await.unwrap();
        assert_eq!(second.revision, 2);
        assert_eq!(count(&conn, plan::Entity).await, 3, "revisions are kept");
        let current = welfare::current_plans(&conn, ids.household).await.unwrap();
        assert_eq!(current.len(), 2);
        let psp_now = current.iter().find(|(p, _)| p.kind == "psp").unwrap();
        assert_eq!((psp_now.0.revision, psp_now.0.summary.as_str()), (2, "Percorso aggiornato"));
        assert_eq!(psp_now.1.len(), 1);
        let obligations = welfare::household_obligations(
            &conn,
            ids.household,
            d("2026-05-11"),
            &domain::RuleBook::standard(),
        )
        .await
        .unwrap();
        assert!(obligations.iter().all(|o| o.kind == ObligationKind::FollowUp), "{obligations:?}");
    }
}

#[tokio::test]
async fn payments_start_the_month_after_the_pact() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = active(&conn, "P-10", "Azzurri").await;
        let ctx = at("2026-03-30");
        let early = welfare::record_payment(
            &conn,
            &ctx,
            ids.application,
            d("2026-01-01"),
            false,
            48_000,
            d("2026-01-27"),
        )
        .await;
        assert!(matches!(early, Err(ServiceError::Invalid { problem: "before_first_month", .. })));
        let first = welfare::record_payment(
            &conn,
            &ctx,
            ids.application,
            d("2026-02-10"),
            false,
            48_000,
            d("2026-02-15"),
        )
        .await
        .unwrap();
        assert_eq!((first.month, first.expected_on), (d("2026-02-01"), d("2026-02-15")));
        let second = welfare::record_payment(
            &conn,
            &ctx,
            ids.application,
            d("2026-03-01"),
            false,
            48_000,
            d("2026-03-27"),
        )
        .await
        .unwrap();
        assert_eq!(second.expected_on, d("2026-03-27"));
        // The same month again updates the one record.
        welfare::record_payment(
            &conn,
            &ctx,
            ids.application,
            d("2026-03-01"),
            false,
            49_000,
            d("2026-03-28"),
        )
        .await
        .unwrap();
        assert_eq!(count(&conn, payment::Entity).await, 2, "{}", db.backend);
        let negative = welfare::record_payment(
            &conn,
            &ctx,
            ids.application,
            d("2026-03-01"),
            false,
            0,
            d("2026-03-27"),
        )
        .await;
        assert!(matches!(negative, Err(ServiceError::Invalid { field: "amount_cents", .. })));
        assert_eq!(
            kinds(&conn, ids.members[0]).await.iter().filter(|k| *k == "payment_recorded").count(),
            3
        );
    }
}

#[tokio::test]
async fn sfl_starts_with_the_pad_individuale_and_three_agencies() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let new = NewApplication {
            programme: Programme::Sfl,
            inps_protocol: "SFL-1".into(),
            submitted_on: d("2026-01-05"),
            municipality_code: "H501".into(),
            address: "Via Roma 2".into(),
            members: vec![person("Lilla", "Dario", (1996, 2, 2), false, Relation::Applicant)],
        };
        let ids = welfare::submit_application(&conn, &at("2026-01-06"), &new).await.unwrap();
        welfare::start_assessment(&conn, &at("2026-01-07"), ids.application_id).await.unwrap();
        welfare::record_assessment_outcome(
            &conn,
            &at("2026-01-08"),
            ids.application_id,
            true,
            "Requisiti presenti",
            Some(50_000),
        )
        .await
        .unwrap();
        let member_id = welfare::household_members(&conn, ids.household_id).await.unwrap()[0].id;
        for code in ["APL-1", "APL-2", "APL-3"] {
            welfare::register_agency(
                &conn,
                &NewAgency {
                    code: code.into(),
                    name: format!("Agenzia {code}"),
                    kind: "generalist".into(),
                    branches: vec![NewBranch {
                        municipality_code: "H501".into(),
                        address: format!("Via {code} 1, Roma"),
                        phone: "06 000".into(),
                        email: "apl@example.org".into(),
                    }],
                },
            )
            .await
            .unwrap();
        }
        let listed = welfare::active_agencies(&conn).await.unwrap();
        assert_eq!(listed.len(), 3);
        assert!(listed.iter().all(|a| a.branches.len() == 1));
        let terms = |codes: &[&str]| PadIndividualeTerms {
            did: true,
            chosen_agencies: codes.iter().map(|c| c.to_string()).collect(),
            consent_transmission: true,
        };
        // Enrolment comes first (R14).
        assert!(matches!(
            welfare::sign_pad_individuale(
                &conn,
                &at("2026-01-10"),
                member_id,
                &terms(&["APL-1", "APL-2", "APL-3"])
            )
            .await,
            Err(ServiceError::Invalid { field: "enrolment", .. })
        ));
        let enrolled =
            welfare::confirm_sfl_enrolment(&conn, &at("2026-01-09"), member_id).await.unwrap();
        let again =
            welfare::confirm_sfl_enrolment(&conn, &at("2026-01-10"), member_id).await.unwrap();
        assert_eq!(enrolled.id, again.id);
        let two = terms(&["APL-1", "APL-2", "APL-1"]);
        assert!(matches!(
            welfare::sign_pad_individuale(&conn, &at("2026-01-10"), member_id, &two).await,
            Err(ServiceError::Invalid { problem: "at_least_three", .. })
        ));
        assert!(matches!(
            welfare::sign_pad_individuale(
                &conn,
                &at("2026-01-10"),
                member_id,
                &terms(&["APL-1", "APL-2", "APL-9"])
            )
            .await,
            Err(ServiceError::Invalid { problem: "unknown", .. })
        ));
        let no_consent = PadIndividualeTerms {
            consent_transmission: false,
            ..terms(&["APL-1", "APL-2", "APL-3"])
        };
        assert!(matches!(
            welfare::sign_pad_individuale(&conn, &at("2026-01-10"), member_id, &no_consent).await,
            Err(ServiceError::Invalid { field: "consents", .. })
        ));
        assert_eq!(status(&conn, ids.application_id).await, ApplicationStatus::Accepted);
        let three = terms(&["APL-1", "APL-2", "APL-3"]);
        welfare::sign_pad_individuale(&conn, &at("2026-01-10"), member_id, &three).await.unwrap();
        assert_eq!(status(&conn, ids.application_id).await, ApplicationStatus::Active);
        assert_eq!(
            next_due(&conn, ids.household_id).await,
            (Some(d("2026-04-10")), Some("sfl_confirmation".into()))
        );
        welfare::confirm_sfl_participation(&conn, &at("2026-04-01"), member_id).await.unwrap();
        assert_eq!(
            next_due(&conn, ids.household_id).await.0,
            Some(d("2026-06-30")),
            "{}",
            db.backend
        );
        welfare::end_application(
            &conn,
            &at("2026-12-31"),
            ids.application_id,
            "Dodici mesi conclusi",
        )
        .await
        .unwrap();
        assert_eq!(status(&conn, ids.application_id).await, ApplicationStatus::Ended);
        assert!(matches!(
            welfare::confirm_sfl_participation(&conn, &at("2027-01-02"), member_id).await,
            Err(ServiceError::Invalid { problem: "not_active", .. })
        ));
    }
}

#[tokio::test]
async fn the_demo_data_runs_on_an_empty_database_and_again_without_duplicating() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let now = Utc::now();
        let first = server::demo_data::seed(&conn, now).await.unwrap();
        assert_eq!((first.operators, first.households), (3, 12), "{}", db.backend);
        let tables = [
            "household",
            "household_member",
            "application",
            "application_status_change",
            "pad_nucleo",
            "pad_individuale",
            "certified_contact",
            "convocation",
            "convocation_receipt",
            "meeting",
            "plan",
            "plan_activity",
            "payment",
            "notification",
            "operator",
        ];
        let counts = table_counts(&conn, &tables).await;
        assert!(
            counts.iter().all(|(_, n)| *n > 0),
            "{}: every table has demo rows: {counts:?}",
            db.backend
        );
        let second = server::demo_data::seed(&conn, now + Duration::days(3)).await.unwrap();
        assert_eq!((second.operators, second.households), (0, 0));
        assert_eq!(table_counts(&conn, &tables).await, counts, "{}", db.backend);

        // Every state the issue lists is there.
        let statuses: Vec<String> = application::Entity::find()
            .all(&conn)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.status)
            .collect();
        for wanted in ["under_assessment", "accepted", "active", "suspended", "decaduta"] {
            assert!(statuses.iter().any(|s| s == wanted), "{wanted} in {statuses:?}");
        }
        let today = domain::calendar::rome_date(now);
        let households = household::Entity::find().all(&conn).await.unwrap();
        let due: Vec<Option<NaiveDate>> = households.iter().map(|h| h.next_due_on).collect();
        assert!(
            due.contains(&Some(add_days(today - Duration::days(10), 120))),
            "PAD 10 days ago: {due:?}"
        );
        assert!(
            due.contains(&Some(add_days(today - Duration::days(115), 120))),
            "PAD 115 days ago: {due:?}"
        );
        assert!(due.iter().flatten().any(|on| *on < today), "someone is overdue");
        let (checked, tampered) = welfare::verify_pacts(&conn).await.unwrap();
        assert!(checked >= 9 && tampered.is_empty());
    }
}

async fn table_counts(conn: &DatabaseConnection, tables: &[&str]) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for table in tables {
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        counts.push((table.to_string(), row.try_get::<i64>("", "n").unwrap()));
    }
    counts
}

#[tokio::test]
async fn a_rejected_application_is_final_and_the_applicant_is_told_why() {
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = submitted(&conn, "P-R", "Ocra").await;
        welfare::start_assessment(&conn, &at("2026-01-07"), ids.application).await.unwrap();
        welfare::record_assessment_outcome(
            &conn,
            &at("2026-01-20"),
            ids.application,
            false,
            "ISEE oltre la soglia",
            None,
        )
        .await
        .unwrap();
        assert_eq!(
            status(&conn, ids.application).await,
            ApplicationStatus::Rejected,
            "{}",
            db.backend
        );
        let note = notification::Entity::find()
            .filter(notification::Column::MemberId.eq(ids.members[0]))
            .filter(notification::Column::Kind.eq("application_rejected"))
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert!(note.params.contains("ISEE oltre la soglia"));
        let sign = welfare::sign_pad_nucleo(
            &conn,
            &at("2026-01-21"),
            ids.application,
            ids.members[0],
            &terms(),
        )
        .await;
        assert!(matches!(sign, Err(ServiceError::Transition { .. })));
        let again = welfare::record_assessment_outcome(
            &conn,
            &at("2026-01-22"),
            ids.application,
            true,
            "ripensamento",
            None,
        )
        .await;
        assert!(
            matches!(again, Err(ServiceError::Transition { .. })),
            "a final status does not move"
        );
        assert_eq!(next_due(&conn, ids.household).await, (None, None));
    }
}

/// A service given a lent transaction (`welfare::Joined`, as inbound platform events are
/// applied) writes into it and neither commits nor opens anything of its own: the caller's
/// rollback undoes it all, the caller's commit keeps it all.
#[tokio::test]
async fn a_service_in_a_lent_transaction_commits_and_rolls_back_with_its_caller() {
    use sea_orm::TransactionTrait;
    for db in TestDb::all().await {
        let conn = migrated(&db).await;
        let ids = submitted(&conn, "P-J", "Giallo").await;
        let notes = count(&conn, notification::Entity).await;

        let txn = conn.begin().await.unwrap();
        welfare::start_assessment(&welfare::Joined(&txn), &at("2026-01-07"), ids.application)
            .await
            .unwrap();
        // A second service in the same transaction sees the first one's writes.
        welfare::record_assessment_outcome(
            &welfare::Joined(&txn),
            &at("2026-01-07"),
            ids.application,
            true,
            "Requisiti presenti",
            None,
        )
        .await
        .unwrap();
        txn.rollback().await.unwrap();
        assert_eq!(
            status(&conn, ids.application).await,
            ApplicationStatus::Submitted,
            "{}",
            db.backend
        );
        assert_eq!(count(&conn, notification::Entity).await, notes, "{}", db.backend);

        let txn = conn.begin().await.unwrap();
        welfare::start_assessment(&welfare::Joined(&txn), &at("2026-01-07"), ids.application)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        assert_eq!(
            status(&conn, ids.application).await,
            ApplicationStatus::UnderAssessment,
            "{}",
            db.backend
        );
        assert_eq!(count(&conn, notification::Entity).await, notes + 1, "{}", db.backend);
    }
}
