//! The citizen's candidacy forms: applying from an opportunity's page and withdrawing from
//! "Le mie candidature". The services decide; a refusal is the page shown again with why,
//! under a status that says what happened.

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect},
};
use contract::auth::CurrentUser;
use contract::citizen::FormFeedback;
use domain::candidacy::{CandidacyStatus, Mover, Refusal};
use store::audit;
use store::candidacy::{self, CandidacyError};

use crate::citizen::{audit as audit_success, ctx_for};
use crate::http::failure::{Failure, Handled};
use crate::http::guard::ClientIp;
use crate::http::render::render_page;

fn feedback(form: &str, code: &str) -> FormFeedback {
    FormFeedback {
        form: form.into(),
        errors: vec![("candidacy".into(), code.into())],
        ..FormFeedback::default()
    }
}

/// The apply form: a checkbox, present when ticked.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    pub share_contacts: Option<String>,
}

/// `POST /opportunita/{id}/candidatura`: the signed-in person applies, sharing their CV as it
/// is now and, if they ticked it, its contacts.
pub async fn apply(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<ApplyForm>,
) -> Handled {
    let ctx = ctx_for(&state, &user);
    let page = format!("/opportunita/{id}");
    let share = form.share_contacts.as_deref() == Some("true");
    let applied = candidacy::apply_sharing(&state.db, &ctx, &user.codice_fiscale, id, share).await;
    let (status, code) = match applied {
        Ok(row) => {
            audit_success(
                &state,
                &user,
                &headers,
                ip,
                audit::Action::CandidacySent,
                format!("candidacy {} opportunity {id}", row.id),
            )
            .await;
            return Ok(Redirect::to(&format!("/candidature?inviata={id}")).into_response());
        }
        Err(CandidacyError::NotFound) => (StatusCode::NOT_FOUND, "not_found"),
        // Applying twice changes nothing: the page says so and shows where the first stands.
        Err(CandidacyError::Refused(Refusal::AlreadyApplied, _)) => {
            (StatusCode::CONFLICT, Refusal::AlreadyApplied.code())
        }
        Err(CandidacyError::Refused(Refusal::Closed, _)) => {
            (StatusCode::GONE, Refusal::Closed.code())
        }
        Err(CandidacyError::Refused(Refusal::NoCv, _)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Refusal::NoCv.code())
        }
        Err(CandidacyError::Refused(Refusal::AssignedByComune, _)) => {
            (StatusCode::CONFLICT, Refusal::AssignedByComune.code())
        }
        Err(error) => return Err(Failure::unavailable(error)),
    };
    Ok(render_page(state, user, &headers, &page, status, feedback("candidacy", code)).await)
}

/// `POST /candidature/{id}/ritira`: the person withdraws one of their open candidacies.
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    ip: ClientIp,
    headers: HeaderMap,
) -> Handled {
    let ctx = ctx_for(&state, &user);
    let changed = candidacy::change(
        &state.db,
        &ctx,
        id,
        CandidacyStatus::Withdrawn,
        Mover::Candidate,
        Some(&user.codice_fiscale),
        None,
    )
    .await;
    let (status, code) = match changed {
        Ok(_) => {
            audit_success(
                &state,
                &user,
                &headers,
                ip,
                audit::Action::CandidacyWithdrawn,
                format!("candidacy {id}"),
            )
            .await;
            return Ok(Redirect::to("/candidature?ritirata=1").into_response());
        }
        // Someone else's candidacy is as unknown as one that does not exist.
        Err(CandidacyError::NotFound) => (StatusCode::NOT_FOUND, "not_found"),
        Err(CandidacyError::Transition { .. }) => (StatusCode::CONFLICT, "closed"),
        Err(CandidacyError::Conflict) => (StatusCode::CONFLICT, "changed"),
        Err(error) => return Err(Failure::unavailable(error)),
    };
    Ok(render_page(state, user, &headers, "/candidature", status, feedback("withdraw", code)).await)
}
