//! Administrators' actions: the operator registry.

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use contract::auth::CurrentUser;
use contract::operators::{OperatorForm, OperatorFormState, validate};
use store::{account, audit, operator, session};

use crate::http::failure::Handled;
use crate::http::guard::{ClientIp, audit_event, record_audit};

const PAGE: &str = "/amministrazione/operatori";

/// `POST /amministrazione/operatori`: adds or changes an operator. A change takes effect at
/// once: the operator's sessions end, so their next sign-in carries the new role. A form with
/// errors is shown again with what was typed and a message next to each wrong field (422).
pub async fn save_operator(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<OperatorForm>,
) -> Handled {
    let valid = match validate(&form) {
        Ok(valid) => valid,
        Err(errors) => {
            let refused = OperatorFormState { form, errors };
            return Ok(show_again(state, admin, &headers, refused).await);
        }
    };
    let now = chrono::Utc::now();
    let existed = operator::is_registered(&state.db, valid.codice_fiscale.as_str()).await?;
    let registration = operator::Registration {
        codice_fiscale: valid.codice_fiscale.clone(),
        given_name: valid.given_name,
        family_name: valid.family_name,
        role: valid.role,
        organisation_kind: valid.organisation_kind.to_string(),
        organisation_code: valid.organisation_code,
        organisation_name: valid.organisation_name,
        active: valid.active,
    };
    operator::register(&state.db, &registration, now).await?;
    let person = account::of_person(&state.db, valid.codice_fiscale.as_str()).await;
    if let Ok(Some(person)) = person
        && let Err(error) = session::end_all_for_account(&state.db, &person.id).await
    {
        tracing::error!(%error, "ending a changed operator's sessions failed");
    }
    let mut event = audit_event(&headers, ip);
    event.actor_account_id = Some(admin.account_id.clone());
    event.actor_role = Some(admin.role.code().to_string());
    event.target = Some(format!(
        "{} {} {}",
        valid.codice_fiscale,
        valid.role.code(),
        if valid.active { "active" } else { "suspended" }
    ));
    let outcome = if existed { "changed" } else { "added" };
    record_audit(&state, audit::Action::OperatorChanged, outcome, event).await;
    Ok(Redirect::to(&format!("{PAGE}?salvato=1")).into_response())
}

/// Renders the registry page for `admin` with the refused form in context (422).
async fn show_again(
    state: AppState,
    admin: CurrentUser,
    headers: &HeaderMap,
    form_state: OperatorFormState,
) -> Response {
    crate::http::render::render_page(
        state,
        admin,
        headers,
        PAGE,
        StatusCode::UNPROCESSABLE_ENTITY,
        form_state,
    )
    .await
}
