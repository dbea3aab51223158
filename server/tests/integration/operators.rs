//! The administrators' operator registry page, through the real router.

use crate::common;

use crate::common::builders::operator_session;
use crate::common::{get_as, post_as, sign_in_demo};
use contract::policy::Role;
use reqwest::{StatusCode, header};
use sea_orm::EntityTrait;
use store::audit;

#[tokio::test]
async fn an_administrator_adds_an_operator() {
    common::on_both_backends(&[], |app| async move {
        let (_, admin) = operator_session(&app, Role::Administrator).await;
        let page = get_as(&app, "/amministrazione/operatori", &admin).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(
            page.text().await.unwrap().contains("CNTFNC82M50H501U"),
            "lists the demo operators"
        );

        let form = [
            ("codice_fiscale", "bnlsha90l62z330u"),
            ("given_name", "Aisha"),
            ("family_name", "Benali"),
            ("role", "cpi_operator"),
            ("organisation_kind", "cpi"),
            ("organisation_code", "CPI-TO-02"),
            ("organisation_name", "Centro per l'impiego di Torino Sud"),
            ("active", "true"),
        ];
        let saved = post_as(&app, "/amministrazione/operatori", &admin, &form).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        assert_eq!(saved.headers()[header::LOCATION], "/amministrazione/operatori?salvato=1");
        let added = store::entity::operator::Entity::find_by_id("BNLSHA90L62Z330U")
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((added.role.as_str(), added.active), ("cpi_operator", true));
        assert_eq!((added.given_name.as_str(), added.family_name.as_str()), ("Aisha", "Benali"));
        let page = get_as(&app, "/amministrazione/operatori", &admin).await.text().await.unwrap();
        assert!(page.contains("Aisha Benali"), "the registry shows names");
        let trail = audit::all(&app.db).await.unwrap();
        let change = trail.iter().find(|e| e.action == "operator_changed").unwrap();
        assert_eq!(change.outcome, "added");
        assert_eq!(change.actor_role.as_deref(), Some("administrator"));
    })
    .await;
}

#[tokio::test]
async fn a_form_with_errors_comes_back_with_what_was_typed_and_stores_nothing() {
    common::on_both_backends(&[], |app| async move {
        let (_, admin) = operator_session(&app, Role::Administrator).await;
        let form = [
            ("codice_fiscale", "RSSMRA80A41H501X"),
            ("given_name", "Maria"),
            ("family_name", ""),
            ("role", "case_manager"),
            ("organisation_kind", "social_services"),
            ("organisation_code", "H501"),
            ("organisation_name", "Servizi sociali di prova"),
        ];
        let response = post_as(&app, "/amministrazione/operatori", &admin, &form).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = response.text().await.unwrap();
        assert!(html.contains("id=\"op-cf-error\""), "the error stands next to its field");
        assert!(html.contains("Il codice fiscale non è valido"), "{html}");
        assert!(html.contains("value=\"RSSMRA80A41H501X\""), "the typed code is kept");
        assert!(html.contains("value=\"Servizi sociali di prova\""), "the other fields too");
        assert!(html.contains("id=\"op-family-error\""), "a missing name is an error too");
        common::assert_error_summary_links(&html, &["op-cf", "op-family"]);
        assert!(
            store::entity::operator::Entity::find_by_id("RSSMRA80A41H501X")
                .one(&app.db)
                .await
                .unwrap()
                .is_none()
        );
    })
    .await;
}

#[tokio::test]
async fn suspending_an_operator_ends_their_sessions_and_they_come_back_as_a_citizen() {
    use sea_orm::{ColumnTrait, QueryFilter};
    common::on_both_backends(&[], |app| async move {
        let (_, admin) = operator_session(&app, Role::Administrator).await;
        // Marco signs in through the identity provider, as the operator he is until suspended.
        let marco = sign_in_demo(&app, "marco").await;
        assert_eq!(common::personal_area(&app, &marco).await.0, StatusCode::OK);

        // The row's "Suspend" button posts the operator's values without `active`.
        let form = [
            ("codice_fiscale", "FRRMRC78E15L219Q"),
            ("given_name", "Marco"),
            ("family_name", "Ferrari"),
            ("role", "cpi_operator"),
            ("organisation_kind", "cpi"),
            ("organisation_code", "CPI-TO-01"),
            ("organisation_name", "Centro per l'impiego di Torino"),
        ];
        let saved = post_as(&app, "/amministrazione/operatori", &admin, &form).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            common::personal_area(&app, &marco).await.0,
            StatusCode::SEE_OTHER,
            "signed out"
        );

        let again = sign_in_demo(&app, "marco").await;
        let session = store::entity::session::Entity::find()
            .filter(store::entity::session::Column::Id.eq(store::session::hash_token(&again)))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(session.role, "citizen");
        let refused = get_as(&app, "/amministrazione/operatori", &again).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    })
    .await;
}
