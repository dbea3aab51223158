//! The case managers' forms: opening a household's file with a reason, starting and leaving a
//! read-only view of a citizen's pages, and the administrators' assignments. Every household
//! is looked up through the operator's assignments: one that is not theirs is "not found".

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use contract::auth::CurrentUser;
use contract::citizen::FormFeedback;
use domain::caseload::validate_reason;
use serde::Deserialize;
use store::caseload::{self, AssignError, MemberToView, NewAccess, SubjectError};
use store::{audit, session};

use crate::citizen::audit as audit_success;
use crate::http::failure::{Failure, Handled};
use crate::http::guard::ClientIp;
use crate::http::render::render_page;

/// A reason form: the pick, the words, and (for a view) the member.
#[derive(Debug, Default, Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    motivo: String,
    #[serde(default)]
    testo: String,
    #[serde(default)]
    membro: Option<String>,
}

fn refused(form: &str, reason: &ReasonForm, field: &str, code: &str) -> FormFeedback {
    FormFeedback {
        form: form.into(),
        values: vec![
            ("motivo".into(), reason.motivo.clone()),
            ("testo".into(), reason.testo.clone()),
        ],
        errors: vec![(field.into(), code.into())],
        ..FormFeedback::default()
    }
}

/// The household's page again, with why the form was refused next to its field (422).
async fn unprocessable(
    state: AppState,
    user: CurrentUser,
    headers: &HeaderMap,
    page: &str,
    feedback: FormFeedback,
) -> Response {
    render_page(state, user, headers, page, StatusCode::UNPROCESSABLE_ENTITY, feedback).await
}

/// `POST /operatore/nuclei/{id}/accesso`: the operator gives a reason and opens the file.
pub async fn open_file(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<ReasonForm>,
) -> Handled {
    let page = format!("/operatore/nuclei/{id}");
    if !caseload::is_assigned(&state.db, &user.codice_fiscale, id).await? {
        return Ok(render_page(state, user, &headers, &page, StatusCode::NOT_FOUND, ()).await);
    }
    let (reason, text) = match validate_reason(&form.motivo, &form.testo) {
        Ok(valid) => valid,
        Err(error) => {
            let feedback = refused("access", &form, "motivo", error.code());
            return Ok(unprocessable(state, user, &headers, &page, feedback).await);
        }
    };
    let access = NewAccess {
        household_id: id,
        member_id: None,
        operator_cf: &user.codice_fiscale,
        purpose: "detail",
        reason,
        reason_text: &text,
    };
    let row = caseload::record_access(&state.db, &access, state.clock.now()).await?;
    let target = format!("household {id} access {} reason {}", row.id, reason.code());
    audit_success(&state, &user, &headers, ip, audit::Action::HouseholdOpened, target).await;
    Ok(Redirect::to(&format!("{page}?accesso={}", row.id)).into_response())
}

/// `POST /operatore/nuclei/{id}/visualizza`: the operator gives a reason and looks at a
/// member's own pages, read-only, until they leave the view.
pub async fn start_viewing(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<ReasonForm>,
) -> Handled {
    let page = format!("/operatore/nuclei/{id}");
    let chosen = form.membro.as_deref().and_then(|m| m.parse::<i64>().ok());
    let member = match caseload::member_to_view(&state.db, &user.codice_fiscale, id, chosen).await?
    {
        MemberToView::Member(member) => member,
        MemberToView::NotInCaseload => {
            return Ok(render_page(state, user, &headers, &page, StatusCode::NOT_FOUND, ()).await);
        }
        MemberToView::NotViewable => {
            let feedback = refused("view", &form, "membro", "member");
            return Ok(unprocessable(state, user, &headers, &page, feedback).await);
        }
    };
    let (reason, text) = match validate_reason(&form.motivo, &form.testo) {
        Ok(valid) => valid,
        Err(error) => {
            let feedback = refused("view", &form, "motivo", error.code());
            return Ok(unprocessable(state, user, &headers, &page, feedback).await);
        }
    };
    let access = NewAccess {
        household_id: id,
        member_id: Some(member.id),
        operator_cf: &user.codice_fiscale,
        purpose: "impersonation",
        reason,
        reason_text: &text,
    };
    let row = caseload::record_access(&state.db, &access, state.clock.now()).await?;
    session::set_viewing(&state.db, &user.session_id, Some((&member.codice_fiscale, row.id)))
        .await?;
    let target =
        format!("household {id} member {} access {} reason {}", member.id, row.id, reason.code());
    audit_success(&state, &user, &headers, ip, audit::Action::ViewingStarted, target).await;
    Ok(Redirect::to("/il-mio-siisl").into_response())
}

/// `POST /visualizzazione/termina`: back to the operator's own dashboard.
pub async fn end_viewing(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
) -> Handled {
    let Some(viewing) = &user.viewing else {
        return Ok(Redirect::to("/area-personale").into_response());
    };
    session::set_viewing(&state.db, &user.session_id, None).await?;
    let target = format!("access {}", viewing.access_id);
    audit_success(&state, &user, &headers, ip, audit::Action::ViewingEnded, target).await;
    Ok(Redirect::to("/operatore").into_response())
}

/// The administrators' assignment form: assign (operator, protocol, optional member) or
/// revoke one (`revoca`).
#[derive(Debug, Default, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    operatore: String,
    #[serde(default)]
    protocollo: String,
    #[serde(default)]
    membro: String,
    #[serde(default)]
    revoca: Option<i64>,
}

/// `POST /amministrazione/assegnazioni`.
pub async fn save_assignment(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<AssignForm>,
) -> Handled {
    const PAGE: &str = "/amministrazione/assegnazioni";
    if let Some(id) = form.revoca {
        caseload::unassign(&state.db, id).await?;
        let target = format!("assignment {id} revoked");
        audit_success(&state, &user, &headers, ip, audit::Action::AssignmentChanged, target).await;
        return Ok(Redirect::to(&format!("{PAGE}?salvato=1")).into_response());
    }
    let operator = form.operatore.trim().to_uppercase();
    let protocol = form.protocollo.trim().to_string();
    let member_cf = form.membro.trim().to_uppercase();
    let refuse = |status: StatusCode, field: &str, code: &str| {
        let feedback = FormFeedback {
            form: "assign".into(),
            values: vec![
                ("operatore".into(), form.operatore.clone()),
                ("protocollo".into(), form.protocollo.clone()),
                ("membro".into(), form.membro.clone()),
            ],
            errors: vec![(field.into(), code.into())],
            ..FormFeedback::default()
        };
        (status, feedback)
    };
    let member = (!member_cf.is_empty()).then_some(member_cf.as_str());
    let now = state.clock.now();
    let (status, feedback) = match caseload::subject_for(&state.db, &protocol, member).await? {
        Err(SubjectError::NoApplication) => {
            refuse(StatusCode::UNPROCESSABLE_ENTITY, "protocollo", "not_found")
        }
        Err(SubjectError::NoMember) => refuse(StatusCode::UNPROCESSABLE_ENTITY, "membro", "member"),
        Ok(subject) => {
            match caseload::assign(&state.db, &operator, subject, &user.codice_fiscale, now).await {
                Ok(row) => {
                    let target = format!("assignment {} {} to {operator}", row.id, row.subject);
                    audit_success(
                        &state,
                        &user,
                        &headers,
                        ip,
                        audit::Action::AssignmentChanged,
                        target,
                    )
                    .await;
                    return Ok(Redirect::to(&format!("{PAGE}?salvato=1")).into_response());
                }
                Err(AssignError::NoOperator) => {
                    refuse(StatusCode::UNPROCESSABLE_ENTITY, "operatore", "no_operator")
                }
                Err(AssignError::WrongRole) => {
                    refuse(StatusCode::UNPROCESSABLE_ENTITY, "operatore", "wrong_role")
                }
                Err(AssignError::NotAttivabile) => {
                    refuse(StatusCode::UNPROCESSABLE_ENTITY, "membro", "not_attivabile")
                }
                Err(AssignError::NotFound) => {
                    refuse(StatusCode::UNPROCESSABLE_ENTITY, "protocollo", "not_found")
                }
                Err(AssignError::Already) => refuse(StatusCode::CONFLICT, "operatore", "already"),
                Err(AssignError::Db(error)) => return Err(Failure::unavailable(error)),
            }
        }
    };
    Ok(render_page(state, user, &headers, PAGE, status, feedback).await)
}

/// The administrators' bulk assignment: an operator and a municipality or a province.
#[derive(Debug, Default, Deserialize)]
pub struct AreaForm {
    #[serde(default)]
    operatore: String,
    #[serde(default)]
    comune: String,
    #[serde(default)]
    provincia: String,
}

/// `POST /amministrazione/assegnazioni/area`: every household of a municipality to a case
/// manager, or every attivabile of a province to a job-centre operator, in one audited action.
pub async fn assign_area(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<AreaForm>,
) -> Handled {
    const PAGE: &str = "/amministrazione/assegnazioni";
    let operator = form.operatore.trim().to_uppercase();
    let municipality = form.comune.trim().to_uppercase();
    let province = form.provincia.trim().to_uppercase();
    let refuse = |status: StatusCode, field: &str, code: &str| {
        let feedback = FormFeedback {
            form: "area".into(),
            values: vec![
                ("operatore".into(), form.operatore.clone()),
                ("comune".into(), form.comune.clone()),
                ("provincia".into(), form.provincia.clone()),
            ],
            errors: vec![(field.into(), code.into())],
            ..FormFeedback::default()
        };
        render_page(state.clone(), user.clone(), &headers, PAGE, status, feedback)
    };
    let area = match (municipality.is_empty(), province.is_empty()) {
        (false, true) => caseload::Area::Municipality(municipality),
        (true, false) => caseload::Area::Province(province),
        _ => return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, "comune", "area").await),
    };
    let now = state.clock.now();
    let refusal =
        match caseload::assign_area(&state.db, &operator, &area, &user.codice_fiscale, now).await {
            Ok(done) => {
                let target = match &area {
                    caseload::Area::Municipality(code) => {
                        format!("{} households of municipality {code} to {operator}", done.assigned)
                    }
                    caseload::Area::Province(code) => {
                        format!("{} attivabili of province {code} to {operator}", done.assigned)
                    }
                };
                audit_success(
                    &state,
                    &user,
                    &headers,
                    ip,
                    audit::Action::AssignmentChanged,
                    target,
                )
                .await;
                let done = format!("{PAGE}?assegnati={}&gia={}", done.assigned, done.already);
                return Ok(Redirect::to(&done).into_response());
            }
            Err(AssignError::NoOperator) => {
                refuse(StatusCode::UNPROCESSABLE_ENTITY, "operatore", "no_operator").await
            }
            Err(AssignError::WrongRole) => {
                refuse(StatusCode::UNPROCESSABLE_ENTITY, "operatore", "wrong_role").await
            }
            Err(AssignError::NotFound) => match area {
                caseload::Area::Municipality(_) => {
                    refuse(StatusCode::UNPROCESSABLE_ENTITY, "comune", "no_municipality").await
                }
                caseload::Area::Province(_) => {
                    refuse(StatusCode::UNPROCESSABLE_ENTITY, "provincia", "no_province").await
                }
            },
            Err(error) => return Err(Failure::unavailable(error)),
        };
    Ok(refusal)
}
