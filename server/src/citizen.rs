//! The citizen's forms: registration, one-time codes, signing the PAD nucleo, marking messages
//! read. Each checks who is asking against the data (the policy has already checked the role),
//! and a refused form is shown again with what was typed and a message next to the field.

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use contract::auth::CurrentUser;
use contract::citizen::FormFeedback;
use serde::Deserialize;
use store::citizen::{self, CodeError, RegistrationForm};
use store::welfare::{self, Consent, ContactKind, Ctx, PadNucleoTerms, ServiceError};
use store::{audit, situation};

use crate::http::failure::{Failure, Handled};
use crate::http::guard::{ClientIp, audit_event, record_audit};
use crate::http::render::render_page;

pub(crate) fn ctx_for(state: &AppState, user: &CurrentUser) -> Ctx {
    Ctx::with_rules(
        state.clock.now(),
        format!("citizen:{}", user.codice_fiscale),
        state.rules.clone(),
    )
}

pub(crate) async fn audit(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    ip: ClientIp,
    action: audit::Action,
    target: String,
) {
    let mut event = audit_event(headers, ip.0);
    event.actor_account_id = Some(user.account_id.clone());
    event.actor_role = Some(user.acting_role().code().to_string());
    event.target = Some(target);
    record_audit(state, action, audit::SUCCESS, event).await;
}

/// `POST /iscrizione`.
pub async fn register(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<RegistrationForm>,
) -> Handled {
    let saved = citizen::register(
        &state.db,
        &user.codice_fiscale,
        &user.account_id,
        &form,
        state.clock.now(),
    )
    .await;
    Ok(match saved {
        Ok(Ok(_)) => {
            audit(
                &state,
                &user,
                &headers,
                ip,
                audit::Action::CitizenRegistered,
                user.codice_fiscale.clone(),
            )
            .await;
            Redirect::to("/il-mio-siisl").into_response()
        }
        Ok(Err(errors)) => {
            let mut feedback =
                FormFeedback { form: "registration".into(), ..FormFeedback::default() };
            feedback.values =
                vec![("email".into(), form.email.clone()), ("phone".into(), form.phone.clone())];
            if form.consent.is_some() {
                feedback.values.push(("consent".into(), "si".into()));
            }
            for (field, code) in
                [("consent", errors.consent), ("email", errors.email), ("phone", errors.phone)]
            {
                if let Some(code) = code {
                    feedback.errors.push((field.into(), code));
                }
            }
            render_page(
                state,
                user,
                &headers,
                "/iscrizione",
                StatusCode::UNPROCESSABLE_ENTITY,
                feedback,
            )
            .await
        }
        Err(error) => return Err(Failure::unavailable(error)),
    })
}

/// The signed-in person's member record and their household's current application.
async fn mine(
    state: &AppState,
    user: &CurrentUser,
) -> Result<Option<(welfare::Member, welfare::Application)>, Failure> {
    let Some(me) = citizen::member_for(&state.db, &user.codice_fiscale).await? else {
        return Ok(None);
    };
    let current = welfare::current_application_of(&state.db, me.household_id).await?;
    Ok(current.map(|a| (me, a)))
}

fn kind_of(code: &str) -> Option<ContactKind> {
    match code {
        "mobile" => Some(ContactKind::Mobile),
        "email" => Some(ContactKind::Email),
        _ => None,
    }
}

/// Shows the PAD page again with one form's feedback.
async fn pad_again(
    state: AppState,
    user: CurrentUser,
    headers: &HeaderMap,
    status: StatusCode,
    feedback: FormFeedback,
) -> Response {
    render_page(state, user, headers, "/pad", status, feedback).await
}

/// Whether this person may work on the PAD now (`welfare::may_sign_pad_nucleo`: the
/// applicant of an accepted ADI application); the refusal otherwise, shown on the PAD page.
async fn pad_gate(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
) -> Result<(welfare::Member, welfare::Application), Failure> {
    let (status, code) = match welfare::pad_nucleo_signer(&state.db, &user.codice_fiscale).await {
        Ok(Some(found)) => return Ok(found),
        Err(ServiceError::NotApplicant) => (StatusCode::FORBIDDEN, "not_applicant"),
        Ok(None) | Err(ServiceError::Transition { .. } | ServiceError::Invalid { .. }) => {
            (StatusCode::CONFLICT, "status")
        }
        Err(other) => return Err(other.into()),
    };
    let feedback = FormFeedback {
        form: "sign".into(),
        errors: vec![("sign".into(), code.into())],
        ..FormFeedback::default()
    };
    Err(pad_again(state.clone(), user.clone(), headers, status, feedback).await.into())
}

/// The contact kind a code form names, and the applicant it is for; or the refusal.
async fn contact_request(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    kind: &str,
) -> Result<(ContactKind, welfare::Member), Failure> {
    let Some(kind) = kind_of(kind) else {
        let refusal =
            (StatusCode::BAD_REQUEST, "tipo di contatto sconosciuto / unknown contact kind");
        return Err(refusal.into_response().into());
    };
    let (me, _) = pad_gate(state, user, headers).await?;
    Ok((kind, me))
}

#[derive(Debug, Deserialize)]
pub struct CodeRequest {
    kind: String,
    #[serde(default)]
    value: String,
}

/// `POST /pad/codice`: sends a one-time code to a mobile or an e-mail address.
pub async fn send_code(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
    Form(form): Form<CodeRequest>,
) -> Handled {
    let (kind, me) = contact_request(&state, &user, &headers, &form.kind).await?;
    match citizen::send_code(&state.db, me.id, kind, &form.value, state.clock.now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/pad#pad-{}", form.kind)).into_response()),
        Err(CodeError::Db(error)) => Err(Failure::unavailable(error)),
        Err(error) => {
            let status = match error {
                CodeError::Wait(_) => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let feedback = FormFeedback {
                form: form.kind.clone(),
                values: vec![("value".into(), form.value.clone())],
                errors: vec![("value".into(), error.code().into())],
                detail: None,
            };
            Ok(pad_again(state, user, &headers, status, feedback).await)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CodeCheck {
    kind: String,
    #[serde(default)]
    code: String,
}

/// `POST /pad/verifica`: checks a one-time code; the right one certifies the contact.
pub async fn verify_code(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<CodeCheck>,
) -> Handled {
    let (kind, me) = contact_request(&state, &user, &headers, &form.kind).await?;
    let typed: String = form.code.chars().filter(|c| !c.is_whitespace()).collect();
    let result =
        if typed.len() != citizen::CODE_DIGITS || !typed.chars().all(|c| c.is_ascii_digit()) {
            // Not a code at all: say so, without spending one of the tries.
            Err(None)
        } else {
            citizen::verify_code(&state.db, &ctx_for(&state, &user), me.id, kind, &typed, true)
                .await
                .map_err(Some)
        };
    match result {
        Ok(_) => {
            audit(
                &state,
                &user,
                &headers,
                ip,
                audit::Action::ContactCertified,
                format!("{} {}", user.codice_fiscale, kind.code()),
            )
            .await;
            Ok(Redirect::to(&format!("/pad#pad-{}", form.kind)).into_response())
        }
        Err(Some(CodeError::Db(error))) => Err(Failure::unavailable(error)),
        Err(error) => {
            let (code, detail) = match &error {
                None => ("code_format", None),
                Some(CodeError::Wrong(left)) => ("wrong", Some(i64::from(*left))),
                Some(other) => (other.code(), None),
            };
            let feedback = FormFeedback {
                form: form.kind.clone(),
                values: Vec::new(),
                errors: vec![("code".into(), code.into())],
                detail,
            };
            Ok(pad_again(state, user, &headers, StatusCode::UNPROCESSABLE_ENTITY, feedback).await)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ContactChange {
    kind: String,
}

/// `POST /pad/cambia`: shows the contact form again, to certify a different contact.
pub async fn change_contact(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
    Form(form): Form<ContactChange>,
) -> Handled {
    if kind_of(&form.kind).is_none() {
        let refusal =
            (StatusCode::BAD_REQUEST, "tipo di contatto sconosciuto / unknown contact kind");
        return Ok(refusal.into_response());
    }
    let feedback = FormFeedback {
        form: form.kind,
        values: vec![("change".into(), "1".into())],
        ..FormFeedback::default()
    };
    Ok(pad_again(state, user, &headers, StatusCode::OK, feedback).await)
}

#[derive(Debug, Default, Deserialize)]
pub struct SignForm {
    #[serde(default)]
    application: String,
    #[serde(default)]
    convocation_address: String,
    consent_convocations: Option<String>,
    consent_transmit: Option<String>,
    confirm: Option<String>,
    /// Ticked when signing without certified contacts: convocations only on SIISL and by post.
    platform_only: Option<String>,
}

/// `POST /pad/firma`: the applicant signs the PAD nucleo. Signing again (a reload, a second
/// tab) leads to the receipt of the one pact.
pub async fn sign_pad(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<SignForm>,
) -> Handled {
    let Some((me, application)) = mine(&state, &user).await? else {
        return Ok(pad_again(
            state,
            user,
            &headers,
            StatusCode::CONFLICT,
            FormFeedback {
                form: "sign".into(),
                errors: vec![("sign".into(), "status".into())],
                ..Default::default()
            },
        )
        .await);
    };
    // The form names the application it was shown for: anything else was tampered with.
    if form.application.trim() != application.id.to_string() {
        let feedback = FormFeedback {
            form: "sign".into(),
            errors: vec![("application".into(), "tampered".into())],
            ..Default::default()
        };
        return Ok(pad_again(state, user, &headers, StatusCode::BAD_REQUEST, feedback).await);
    }
    if welfare::pad_nucleo_signed_by(&state.db, application.id, me.id).await? {
        return Ok(Redirect::to("/pad/ricevuta").into_response());
    }
    let ticked = |field: &Option<String>| field.as_deref() == Some("si");
    let terms = PadNucleoTerms {
        convocation_address: form.convocation_address.trim().to_string(),
        consents: [
            (ticked(&form.consent_convocations), Consent::ConvocationsAtCertifiedContacts),
            (ticked(&form.consent_transmit), Consent::TransmitAttivabiliData),
        ]
        .into_iter()
        .filter_map(|(given, consent)| given.then_some(consent))
        .collect(),
        platform_only_acknowledged: ticked(&form.platform_only),
    };
    // The service's own checks, all at once so the form can mark every field (signing stops
    // at the first); the form's codes are per field.
    let mut errors: Vec<(String, String)> = welfare::pad_nucleo_term_problems(&terms)
        .into_iter()
        .map(|(field, _)| match field {
            "convocation_address" => ("convocation_address".into(), "address".into()),
            _ => ("consents".into(), "consents".into()),
        })
        .collect();
    if form.confirm.as_deref() != Some("si") {
        errors.push(("confirm".into(), "confirm".into()));
    }
    let values = vec![
        ("convocation_address".to_string(), form.convocation_address.clone()),
        ("consent_convocations".to_string(), form.consent_convocations.clone().unwrap_or_default()),
        ("consent_transmit".to_string(), form.consent_transmit.clone().unwrap_or_default()),
        ("platform_only".to_string(), form.platform_only.clone().unwrap_or_default()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect::<Vec<_>>();
    if !errors.is_empty() {
        let feedback = FormFeedback { form: "sign".into(), values, errors, detail: None };
        return Ok(
            pad_again(state, user, &headers, StatusCode::UNPROCESSABLE_ENTITY, feedback).await
        );
    }
    match welfare::sign_pad_nucleo(
        &state.db,
        &ctx_for(&state, &user),
        application.id,
        me.id,
        &terms,
    )
    .await
    {
        Ok(signed) => {
            if signed.created {
                audit(
                    &state,
                    &user,
                    &headers,
                    ip,
                    audit::Action::PadSigned,
                    format!("{} {}", application.inps_protocol, signed.pact.content_sha256),
                )
                .await;
            }
            Ok(Redirect::to("/pad/ricevuta").into_response())
        }
        Err(error) => {
            let (status, field, code) = match error {
                ServiceError::NotApplicant => (StatusCode::FORBIDDEN, "sign", "not_applicant"),
                ServiceError::Transition { .. } => (StatusCode::CONFLICT, "sign", "status"),
                ServiceError::Invalid { field: "contacts", .. } => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "platform_only", "platform_only")
                }
                ServiceError::Invalid { field: "convocation_address", .. } => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "sign", "address")
                }
                ServiceError::Invalid { .. } => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "sign", "consents")
                }
                other => return Err(other.into()),
            };
            let feedback = FormFeedback {
                form: "sign".into(),
                values,
                errors: vec![(field.into(), code.into())],
                detail: None,
            };
            Ok(pad_again(state, user, &headers, status, feedback).await)
        }
    }
}

/// `POST /messaggi/letti`: marks the person's own notifications read.
pub async fn mark_read(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
) -> Handled {
    if let Some(me) = citizen::member_for(&state.db, &user.codice_fiscale).await? {
        situation::mark_all_read(&state.db, me.id, state.clock.now()).await?;
    }
    Ok(Redirect::to("/messaggi").into_response())
}

/// `POST /pad-individuale`: an attivabile, or an SFL applicant, signs the individual pact
/// (R14, R25). Fields: `did`, `agency` (repeated, SFL), `consent`, `confirm`.
pub async fn sign_pad_individuale(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Handled {
    let checked = |name: &str| fields.iter().any(|(k, v)| k == name && v == "si");
    let agencies: Vec<String> =
        fields.iter().filter(|(k, _)| k == "agency").map(|(_, v)| v.clone()).collect();
    let values: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| matches!(k.as_str(), "did" | "agency" | "consent"))
        .cloned()
        .collect();
    let again = |status: StatusCode, errors: Vec<(String, String)>| {
        let feedback = FormFeedback {
            form: "pad-individuale".into(),
            values: values.clone(),
            errors,
            detail: None,
        };
        render_page(state.clone(), user.clone(), &headers, "/pad-individuale", status, feedback)
    };
    let Some((me, application)) = mine(&state, &user).await? else {
        return Ok(again(StatusCode::CONFLICT, vec![("application".into(), "status".into())]).await);
    };
    if !checked("confirm") {
        let mut errors = vec![("confirm".to_string(), "confirm".to_string())];
        if !checked("did") {
            errors.push(("did".into(), "required".into()));
        }
        return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, errors).await);
    }
    let terms = welfare::PadIndividualeTerms {
        did: checked("did"),
        chosen_agencies: agencies,
        consent_transmission: checked("consent"),
    };
    match welfare::sign_pad_individuale(&state.db, &ctx_for(&state, &user), me.id, &terms).await {
        Ok(signed) => {
            if signed.created {
                audit(
                    &state,
                    &user,
                    &headers,
                    ip,
                    audit::Action::PadIndividualeSigned,
                    format!("{} {}", application.inps_protocol, signed.pact.content_sha256),
                )
                .await;
            }
            Ok(Redirect::to("/pad-individuale/ricevuta").into_response())
        }
        Err(ServiceError::Invalid { field, problem }) => {
            Ok(again(StatusCode::UNPROCESSABLE_ENTITY, vec![(field.into(), problem.into())]).await)
        }
        Err(ServiceError::NotApplicant) => {
            Ok(again(StatusCode::FORBIDDEN, vec![("member".into(), "not_applicant".into())]).await)
        }
        Err(ServiceError::Transition { .. } | ServiceError::NotFound(_)) => {
            Ok(again(StatusCode::CONFLICT, vec![("application".into(), "status".into())]).await)
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /sfl/adesione`: the SFL applicant confirms enrolment (R14).
pub async fn confirm_enrolment(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
) -> Handled {
    let step = async |state: &AppState, ctx: &Ctx, member_id: i64| {
        welfare::confirm_sfl_enrolment(&state.db, ctx, member_id).await.map(|e| e.application_id)
    };
    sfl_step(state, user, ip, headers, step, audit::Action::SflEnrolmentConfirmed, "/il-mio-siisl")
        .await
}

/// `POST /sfl/partecipazione`: the SFL beneficiary confirms participation (R15).
pub async fn confirm_participation(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
) -> Handled {
    let step = async |state: &AppState, ctx: &Ctx, member_id: i64| {
        welfare::confirm_sfl_participation(&state.db, ctx, member_id)
            .await
            .map(|c| c.application_id)
    };
    let done = "/il-mio-siisl?confermato=1";
    sfl_step(state, user, ip, headers, step, audit::Action::SflParticipationConfirmed, done).await
}

/// One SFL step taken by the signed-in person: the service (which returns the application
/// id), its audit entry and the page to go to; a refusal is shown on "Il mio SIISL".
async fn sfl_step(
    state: AppState,
    user: CurrentUser,
    ip: ClientIp,
    headers: HeaderMap,
    step: impl AsyncFnOnce(&AppState, &Ctx, i64) -> Result<i64, ServiceError>,
    action: audit::Action,
    done: &str,
) -> Handled {
    let Some(member) = citizen::member_for(&state.db, &user.codice_fiscale).await? else {
        return Ok(sfl_refused(state, user, &headers, StatusCode::CONFLICT, "status").await);
    };
    Ok(match step(&state, &ctx_for(&state, &user), member.id).await {
        Ok(application_id) => {
            audit(&state, &user, &headers, ip, action, application_id.to_string()).await;
            Redirect::to(done).into_response()
        }
        Err(ServiceError::NotApplicant) => {
            sfl_refused(state, user, &headers, StatusCode::FORBIDDEN, "not_applicant").await
        }
        Err(ServiceError::Db(error)) => return Err(error.into()),
        Err(_) => sfl_refused(state, user, &headers, StatusCode::CONFLICT, "status").await,
    })
}

async fn sfl_refused(
    state: AppState,
    user: CurrentUser,
    headers: &HeaderMap,
    status: StatusCode,
    code: &str,
) -> Response {
    let feedback = FormFeedback {
        form: "sfl".into(),
        errors: vec![("sfl".into(), code.into())],
        ..FormFeedback::default()
    };
    render_page(state, user, headers, "/il-mio-siisl", status, feedback).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ConvocationRequestForm {
    #[serde(default)]
    tipo: String,
    #[serde(default)]
    testo: String,
}

/// `POST /convocazioni/{id}/richiesta`: before the date, a member asks to move the appointment
/// or sends a justification; it goes to the issuing platform, and the outcome stays theirs.
pub async fn request_about_convocation(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<ConvocationRequestForm>,
) -> Handled {
    let page = format!("/convocazioni/{id}");
    let again = |status: StatusCode, field: &str, code: &str| {
        let feedback = FormFeedback {
            form: "request".into(),
            values: vec![("tipo".into(), form.tipo.clone()), ("testo".into(), form.testo.clone())],
            errors: vec![(field.into(), code.into())],
            detail: None,
        };
        render_page(state.clone(), user.clone(), &headers, &page, status, feedback)
    };
    let Some(kind) = welfare::RequestKind::from_code(&form.tipo) else {
        return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, "tipo", "kind").await);
    };
    let Some(me) = citizen::member_for(&state.db, &user.codice_fiscale).await? else {
        return Err(ServiceError::NotFound("member").into());
    };
    let ctx = ctx_for(&state, &user);
    Ok(
        match welfare::request_about_convocation(&state.db, &ctx, id, me.id, kind, &form.testo)
            .await
        {
            Ok(request) => {
                audit(
                    &state,
                    &user,
                    &headers,
                    ip,
                    audit::Action::ConvocationRequest,
                    format!("convocation {id} {} {}", kind.code(), request.id),
                )
                .await;
                Redirect::to(&format!("{page}?richiesta=inviata")).into_response()
            }
            Err(ServiceError::Invalid { field: "testo", problem }) => {
                again(StatusCode::UNPROCESSABLE_ENTITY, "testo", problem).await
            }
            Err(ServiceError::Invalid { problem, .. }) => {
                again(StatusCode::CONFLICT, "convocation", problem).await
            }
            Err(error) => return Err(error.into()),
        },
    )
}
