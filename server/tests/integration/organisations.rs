//! The organisations registry (`store::organisation`) on both backends: codes checked per kind,
//! one organisation per kind and code, approval naming the first administrator, invitations
//! only by an approved organisation's administrators, never without an administrator.

use contract::identity::CodiceFiscale;
use contract::organisations::{OrganisationKind, OrganisationRole};
use sea_orm::DatabaseConnection;
use store::organisation::{self, DecisionRefused, NewOrganisation, PeopleRefused, RequestRefused};

use crate::common::TestDb;
use crate::common::builders::fresh_codice_fiscale;

fn employer(code: &str, name: &str) -> NewOrganisation {
    NewOrganisation {
        kind: OrganisationKind::Employer,
        code: code.into(),
        name: name.into(),
        contact_email: "lavoro@example.it".into(),
    }
}

/// An approved employer with `administrator` as its first administrator.
async fn approved(db: &DatabaseConnection, administrator: &CodiceFiscale) -> i64 {
    let siisl = fresh_codice_fiscale();
    let now = chrono::Utc::now();
    let requested =
        organisation::request(db, &employer("01234567897", "Logistica Srl"), &siisl, now)
            .await
            .unwrap()
            .unwrap();
    organisation::decide(db, requested.id, &siisl, Some(administrator), now)
        .await
        .unwrap()
        .unwrap();
    requested.id
}

#[tokio::test]
async fn codes_are_checked_per_kind_and_registered_once() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        let backend = db.backend;
        let by = fresh_codice_fiscale();
        let now = chrono::Utc::now();

        let refused =
            organisation::request(&conn, &employer("01234567890", ""), &by, now).await.unwrap();
        assert_eq!(
            refused,
            Err(RequestRefused::Invalid(vec![("code", "check_digit"), ("name", "required")])),
            "{backend}: every problem at once"
        );
        let bidi = organisation::request(&conn, &employer("0123456789", "A\u{202E}B"), &by, now)
            .await
            .unwrap();
        assert_eq!(
            bidi,
            Err(RequestRefused::Invalid(vec![
                ("code", "tax_code_format"),
                ("name", "bidi_control")
            ])),
            "{backend}"
        );

        // A company by partita IVA (written as on an invoice), a sole trader by codice fiscale.
        let company =
            organisation::request(&conn, &employer("IT 01234567897", " Logistica Srl "), &by, now)
                .await
                .unwrap()
                .unwrap();
        assert_eq!(
            (company.code.as_str(), company.name.as_str()),
            ("01234567897", "Logistica Srl")
        );
        assert_eq!(company.status, "pending");
        let sole =
            organisation::request(&conn, &employer("rssmra85t10a562s", "Mario Rossi"), &by, now)
                .await
                .unwrap()
                .unwrap();
        assert_eq!(sole.code, "RSSMRA85T10A562S");
        let again = organisation::request(&conn, &employer("01234567897", "Altro nome"), &by, now)
            .await
            .unwrap();
        assert_eq!(again, Err(RequestRefused::AlreadyRegistered), "{backend}");
        // The same code as another kind is another organisation (an employer that also trains).
        let trainer = NewOrganisation {
            kind: OrganisationKind::TrainingBody,
            ..employer("01234567897", "Logistica Academy")
        };
        assert!(organisation::request(&conn, &trainer, &by, now).await.unwrap().is_ok());

        // A Comune by ISTAT code, named from the register whatever was typed.
        let roma = NewOrganisation {
            kind: OrganisationKind::Comune,
            code: "058091".into(),
            name: "x".into(),
            contact_email: "puc@comune.roma.it".into(),
        };
        let roma = organisation::request(&conn, &roma, &by, now).await.unwrap().unwrap();
        assert_eq!(roma.name, "Comune di Roma", "{backend}");
        let nowhere = NewOrganisation {
            kind: OrganisationKind::Comune,
            code: "999999".into(),
            name: String::new(),
            contact_email: "comune@".into(),
        };
        assert_eq!(
            organisation::request(&conn, &nowhere, &by, now).await.unwrap(),
            Err(RequestRefused::Invalid(vec![
                ("code", "istat_unknown"),
                ("name", "required"),
                ("contact_email", "email")
            ]))
        );
        let pending = organisation::pending(&conn).await.unwrap();
        assert_eq!(pending.len(), 4, "{backend}");
    }
}

#[tokio::test]
async fn approval_names_the_first_administrator_once() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        let backend = db.backend;
        let (siisl, giulia) = (fresh_codice_fiscale(), fresh_codice_fiscale());
        let now = chrono::Utc::now();
        let requested =
            organisation::request(&conn, &employer("01234567897", "Logistica Srl"), &giulia, now)
                .await
                .unwrap()
                .unwrap();
        assert!(organisation::memberships_of(&conn, giulia.as_str()).await.unwrap().is_empty());

        let approved = organisation::decide(&conn, requested.id, &siisl, Some(&giulia), now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(approved.status, "approved");
        assert_eq!(approved.decided_by.as_deref(), Some(siisl.as_str()));
        let memberships = organisation::memberships_of(&conn, giulia.as_str()).await.unwrap();
        assert_eq!(memberships.len(), 1, "{backend}");
        assert_eq!(memberships[0].role, OrganisationRole::Administrator);
        assert_eq!(memberships[0].organisation.name, "Logistica Srl");

        // Decided is decided: a second decision (approve or refuse) changes nothing.
        let other = fresh_codice_fiscale();
        assert_eq!(
            organisation::decide(&conn, requested.id, &siisl, None, now).await.unwrap(),
            Err(DecisionRefused::AlreadyDecided)
        );
        assert_eq!(
            organisation::decide(&conn, requested.id, &siisl, Some(&other), now).await.unwrap(),
            Err(DecisionRefused::AlreadyDecided)
        );
        assert!(organisation::memberships_of(&conn, other.as_str()).await.unwrap().is_empty());
        assert_eq!(
            organisation::decide(&conn, 9_999_999, &siisl, None, now).await.unwrap(),
            Err(DecisionRefused::NotFound)
        );

        // A refused organisation has nobody acting for it.
        let refused =
            organisation::request(&conn, &employer("RSSMRA85T10A562S", "Mario Rossi"), &other, now)
                .await
                .unwrap()
                .unwrap();
        let refused =
            organisation::decide(&conn, refused.id, &siisl, None, now).await.unwrap().unwrap();
        assert_eq!(refused.status, "refused");
        assert!(organisation::people_of(&conn, refused.id).await.unwrap().is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn only_administrators_change_the_people_and_one_always_remains() {
    for db in TestDb::all().await {
        let conn = db.connect().await;
        server::db::migrate(&conn).await.unwrap();
        let backend = db.backend;
        let now = chrono::Utc::now();
        let (giulia, paolo, stranger) =
            (fresh_codice_fiscale(), fresh_codice_fiscale(), fresh_codice_fiscale());
        let id = approved(&conn, &giulia).await;

        // Nobody else invites; a member does not either.
        assert_eq!(
            organisation::invite(&conn, id, &stranger, &paolo, OrganisationRole::Member, now)
                .await
                .unwrap(),
            Err(PeopleRefused::NotAllowed),
            "{backend}"
        );
        organisation::invite(&conn, id, &giulia, &paolo, OrganisationRole::Member, now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            organisation::invite(&conn, id, &paolo, &stranger, OrganisationRole::Member, now)
                .await
                .unwrap(),
            Err(PeopleRefused::NotAllowed)
        );
        assert_eq!(
            organisation::invite(&conn, id, &giulia, &paolo, OrganisationRole::Member, now)
                .await
                .unwrap(),
            Err(PeopleRefused::AlreadyThere)
        );

        // The last administrator can neither leave nor step down.
        assert_eq!(
            organisation::remove(&conn, id, &giulia, &giulia, now).await.unwrap(),
            Err(PeopleRefused::LastAdministrator),
            "{backend}"
        );
        assert_eq!(
            organisation::invite(&conn, id, &giulia, &giulia, OrganisationRole::Member, now)
                .await
                .unwrap(),
            Err(PeopleRefused::LastAdministrator)
        );
        // With a second administrator, she can.
        organisation::invite(&conn, id, &giulia, &paolo, OrganisationRole::Administrator, now)
            .await
            .unwrap()
            .unwrap();
        organisation::remove(&conn, id, &giulia, &giulia, now).await.unwrap().unwrap();
        assert!(organisation::memberships_of(&conn, giulia.as_str()).await.unwrap().is_empty());
        assert_eq!(
            organisation::invite(&conn, id, &giulia, &stranger, OrganisationRole::Member, now)
                .await
                .unwrap(),
            Err(PeopleRefused::NotAllowed),
            "{backend}: removed, she no longer administers"
        );
        assert_eq!(
            organisation::remove(&conn, id, &paolo, &stranger, now).await.unwrap(),
            Err(PeopleRefused::NotThere)
        );
        // Invited back, the same row returns with the new role.
        organisation::invite(&conn, id, &paolo, &giulia, OrganisationRole::Member, now)
            .await
            .unwrap()
            .unwrap();
        let people = organisation::people_of(&conn, id).await.unwrap();
        assert_eq!(people.len(), 2, "{backend}");

        // One person acts for several organisations and chooses among them.
        let second = {
            let siisl = fresh_codice_fiscale();
            let other = NewOrganisation {
                kind: OrganisationKind::Agency,
                code: "RSSMRA85T10A562S".into(),
                name: "Agenzia Alfa".into(),
                contact_email: "alfa@example.it".into(),
            };
            let requested =
                organisation::request(&conn, &other, &siisl, now).await.unwrap().unwrap();
            organisation::decide(&conn, requested.id, &siisl, Some(&paolo), now)
                .await
                .unwrap()
                .unwrap()
        };
        let names: Vec<String> = organisation::memberships_of(&conn, paolo.as_str())
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.organisation.name)
            .collect();
        assert_eq!(names, ["Agenzia Alfa", "Logistica Srl"], "{backend}");
        assert_eq!(second.kind, "agency");
    }
}
