//! Administrators' forms for the platforms' API clients (`/amministrazione/piattaforme`):
//! create a client, give it a new secret, suspend or reactivate it. A new secret is shown once,
//! in the page that answers the form, which is never cached.

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use contract::auth::CurrentUser;
use contract::citizen::FormFeedback;
use contract::platforms::SecretNotice;
use serde::Deserialize;
use store::audit;
use store::interop::{self, ClientError, IssuedSecret, Platform};

use crate::citizen::audit as record;
use crate::config::ApiSettings;
use crate::http::failure::{Failure, Handled};
use crate::http::guard::ClientIp;
use crate::http::render::render_page;

const PAGE: &str = "/amministrazione/piattaforme";

#[derive(Debug, Deserialize)]
pub struct NewClientForm {
    #[serde(default)]
    pub nome: String,
    #[serde(default)]
    pub piattaforma: String,
}

#[derive(Debug, Deserialize)]
pub struct StateForm {
    #[serde(default)]
    pub attivo: String,
}

/// The page again, carrying the secret just made (200, not stored anywhere on the way).
async fn show_secret(
    state: AppState,
    admin: CurrentUser,
    headers: &HeaderMap,
    issued: IssuedSecret,
) -> Response {
    let rome = |at| store::local_time::rome_time(at, "%d/%m/%Y %H:%M");
    let notice = SecretNotice {
        client_id: issued.client.client_id.clone(),
        secret: issued.secret,
        previous_valid_until: issued.client.previous_valid_until.map(rome),
    };
    let mut response = render_page(state, admin, headers, PAGE, StatusCode::OK, notice).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `POST /amministrazione/piattaforme`: registers a client and shows its first secret.
pub async fn create(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<NewClientForm>,
) -> Handled {
    let refuse = |field: &str, code: &str| FormFeedback {
        form: "api_client".into(),
        values: vec![
            ("nome".into(), form.nome.clone()),
            ("piattaforma".into(), form.piattaforma.clone()),
        ],
        errors: vec![(field.into(), code.into())],
        ..FormFeedback::default()
    };
    let Some(platform) = Platform::from_code(form.piattaforma.trim()) else {
        let feedback = refuse("piattaforma", "platform");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(render_page(state, admin, &headers, PAGE, status, feedback).await);
    };
    let created = interop::create_client(
        &state.db,
        &form.nome,
        platform,
        &admin.codice_fiscale,
        chrono::Utc::now(),
    )
    .await;
    Ok(match created {
        Ok(issued) => {
            let target = format!("{} created ({})", issued.client.client_id, platform.code());
            record(&state, &admin, &headers, ip, audit::Action::ApiClientChanged, target).await;
            show_secret(state, admin, &headers, issued).await
        }
        Err(ClientError::Invalid { field: _, problem }) => {
            let feedback = refuse("nome", problem);
            render_page(state, admin, &headers, PAGE, StatusCode::UNPROCESSABLE_ENTITY, feedback)
                .await
        }
        Err(ClientError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(ClientError::Db(error)) => return Err(Failure::unavailable(error)),
    })
}

/// `POST /amministrazione/piattaforme/{id}/segreto`: a new secret; the previous one keeps
/// working for `api.rotation_overlap_secs`, so the platform switches without downtime.
pub async fn rotate(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    Extension(settings): Extension<ApiSettings>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Handled {
    let overlap = chrono::Duration::from_std(settings.rotation_overlap)
        .unwrap_or_else(|_| chrono::Duration::hours(24));
    Ok(match interop::rotate_secret(&state.db, id, chrono::Utc::now(), overlap).await {
        Ok(issued) => {
            let target = format!("{} secret rotated", issued.client.client_id);
            record(&state, &admin, &headers, ip, audit::Action::ApiClientChanged, target).await;
            show_secret(state, admin, &headers, issued).await
        }
        Err(ClientError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(ClientError::Invalid { .. }) => StatusCode::UNPROCESSABLE_ENTITY.into_response(),
        Err(ClientError::Db(error)) => return Err(Failure::unavailable(error)),
    })
}

/// `POST /amministrazione/piattaforme/{id}/stato`: suspends (`attivo=0`, its tokens stop
/// working at once) or reactivates (`attivo=1`) a client.
pub async fn set_state(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<StateForm>,
) -> Handled {
    let active = match form.attivo.as_str() {
        "1" => true,
        "0" => false,
        _ => return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response()),
    };
    Ok(match interop::set_active(&state.db, id, active).await {
        Ok(client) => {
            let target = format!(
                "{} {}",
                client.client_id,
                if active { "reactivated" } else { "suspended" }
            );
            record(&state, &admin, &headers, ip, audit::Action::ApiClientChanged, target).await;
            Redirect::to(&format!("{PAGE}?salvato=1")).into_response()
        }
        Err(ClientError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(ClientError::Invalid { .. }) => StatusCode::UNPROCESSABLE_ENTITY.into_response(),
        Err(ClientError::Db(error)) => return Err(Failure::unavailable(error)),
    })
}

/// `POST /amministrazione/consegne/{id}/riprova`: a failing or dead delivery is due again now.
pub async fn retry_delivery(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Handled {
    Ok(match store::outbound::retry_now(&state.db, id, chrono::Utc::now()).await {
        Ok(true) => {
            let target = format!("platform message {id} retried");
            record(&state, &admin, &headers, ip, audit::Action::DeliveryRetried, target).await;
            Redirect::to("/amministrazione/consegne?ritentato=1").into_response()
        }
        // Delivered already, or no such message.
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => return Err(Failure::unavailable(error)),
    })
}
