//! The organisations' forms: a person requests an organisation and chooses whom they act
//! for; an administrator approves or refuses it; the organisation's administrators invite and
//! remove people; its people publish, edit, pause, resume, close and renew its ads.
//!
//! Every handler acting for an organisation takes it from the session (`CurrentUser::
//! organisation`, checked by the session middleware on every request), never from the form: an
//! ad id of another organisation is "not found". Every change is audited with the organisation.

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use contract::auth::CurrentUser;
use contract::citizen::FormFeedback;
use contract::cv::SuggestionKind;
use contract::identity::CodiceFiscale;
use contract::organisations::{ActingFor, OrganisationKind, OrganisationRole};
use domain::candidacy::CandidacyStatus;
use domain::catalog::{Ad, AdAction, Contract, Kind};
use serde::Deserialize;
use store::audit::Action;
use store::organisation::{self, DecisionRefused, NewOrganisation, PeopleRefused, RequestRefused};
use store::publishing::{self, AdRefused};
use store::vocabulary::vocabulary;

use crate::citizen::audit;
use crate::cv::{Fields, coded, parse_date, value};
use crate::http::failure::{Failure, Handled};
use crate::http::guard::ClientIp;
use crate::http::render::render_page;

const MINE: &str = "/organizzazioni";
const REGISTRY: &str = "/amministrazione/organizzazioni";
const HOME: &str = "/organizzazione";
const PEOPLE: &str = "/organizzazione/persone";

/// The page again with the refused form (422).
async fn again(
    state: AppState,
    user: CurrentUser,
    headers: &HeaderMap,
    page: &str,
    feedback: FormFeedback,
) -> Response {
    render_page(state, user, headers, page, StatusCode::UNPROCESSABLE_ENTITY, feedback).await
}

/// The organisation the session acts for; the policy let only such sessions through.
fn acting(user: &CurrentUser) -> Result<ActingFor, StatusCode> {
    user.organisation.clone().ok_or(StatusCode::FORBIDDEN)
}

#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact_email: String,
}

/// `POST /organizzazioni`: a person asks to register their organisation.
pub async fn request(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<RequestForm>,
) -> Handled {
    let mut feedback = FormFeedback {
        form: "organisation_request".into(),
        values: vec![
            ("kind".into(), form.kind.clone()),
            ("code".into(), form.code.clone()),
            ("name".into(), form.name.clone()),
            ("contact_email".into(), form.contact_email.clone()),
        ],
        ..FormFeedback::default()
    };
    let Some(kind) = OrganisationKind::from_code(form.kind.trim()) else {
        feedback.errors.push(("kind".into(), "choice".into()));
        return Ok(again(state, user, &headers, MINE, feedback).await);
    };
    let by = CodiceFiscale::parse(&user.codice_fiscale).map_err(Failure::unavailable)?;
    let new = NewOrganisation {
        kind,
        code: form.code,
        name: form.name,
        contact_email: form.contact_email,
    };
    match organisation::request(&state.db, &new, &by, state.clock.now()).await? {
        Ok(saved) => {
            let target =
                format!("organisation {} requested ({} {})", saved.id, saved.kind, saved.code);
            audit(&state, &user, &headers, ip, Action::OrganisationChanged, target).await;
            Ok(Redirect::to(&format!("{MINE}?inviata=1")).into_response())
        }
        Err(RequestRefused::Invalid(problems)) => {
            feedback.errors =
                problems.into_iter().map(|(f, c)| (f.to_string(), c.to_string())).collect();
            Ok(again(state, user, &headers, MINE, feedback).await)
        }
        Err(RequestRefused::AlreadyRegistered) => {
            feedback.errors.push(("code".into(), "already_registered".into()));
            Ok(again(state, user, &headers, MINE, feedback).await)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ActForForm {
    /// An organisation id, or empty for the person's own profile.
    #[serde(default)]
    pub organisation: String,
}

/// `POST /organizzazioni/opera`: the session acts for one of the person's organisations, or
/// for the person again. An organisation they do not act for is not found.
pub async fn act_for(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<ActForForm>,
) -> Handled {
    let chosen = match form.organisation.trim() {
        "" => None,
        id => {
            let Ok(id) = id.parse::<i64>() else {
                return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response());
            };
            if organisation::membership(&state.db, id, &user.codice_fiscale).await?.is_none() {
                return Ok(StatusCode::NOT_FOUND.into_response());
            }
            Some(id)
        }
    };
    store::session::set_acting_for(&state.db, &user.session_id, chosen).await?;
    let target = match chosen {
        Some(id) => format!("acting for organisation {id}"),
        None => "acting for themselves".to_string(),
    };
    audit(&state, &user, &headers, ip, Action::OrganisationSelected, target).await;
    let home = match chosen {
        Some(_) => contract::policy::Role::Organisation.home(),
        None => contract::policy::Role::Citizen.home(),
    };
    Ok(Redirect::to(home).into_response())
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub administrator: String,
}

/// `POST /amministrazione/organizzazioni/{id}`: an administrator approves a request, naming
/// the organisation's first administrator, or refuses it.
pub async fn decide(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Handled {
    let refuse = |code: &str| FormFeedback {
        form: "organisation_decision".into(),
        values: vec![
            ("id".into(), id.to_string()),
            ("administrator".into(), form.administrator.clone()),
        ],
        errors: vec![("administrator".into(), code.into())],
        ..FormFeedback::default()
    };
    let first = match form.decision.as_str() {
        "approve" => match CodiceFiscale::parse(form.administrator.trim()) {
            Ok(cf) => Some(cf),
            Err(_) => {
                return Ok(again(state, admin, &headers, REGISTRY, refuse("codice_fiscale")).await);
            }
        },
        "refuse" => None,
        _ => return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response()),
    };
    let by = CodiceFiscale::parse(&admin.codice_fiscale).map_err(Failure::unavailable)?;
    match organisation::decide(&state.db, id, &by, first.as_ref(), state.clock.now()).await? {
        Ok(decided) => {
            let target = match &first {
                Some(cf) => format!("organisation {} approved, administrator {cf}", decided.id),
                None => format!("organisation {} refused", decided.id),
            };
            audit(&state, &admin, &headers, ip, Action::OrganisationChanged, target).await;
            Ok(Redirect::to(&format!("{REGISTRY}?decisa=1")).into_response())
        }
        Err(DecisionRefused::NotFound) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(DecisionRefused::AlreadyDecided) => {
            Ok(again(state, admin, &headers, REGISTRY, refuse("already_decided")).await)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    pub codice_fiscale: String,
    #[serde(default)]
    pub role: String,
}

fn people_code(refused: PeopleRefused) -> &'static str {
    match refused {
        PeopleRefused::NotAllowed => "not_allowed",
        PeopleRefused::AlreadyThere => "already_there",
        PeopleRefused::NotThere => "not_there",
        PeopleRefused::LastAdministrator => "last_administrator",
    }
}

/// `POST /organizzazione/persone`: an organisation administrator invites a person by codice
/// fiscale. Members who are not administrators are refused by the service (403).
pub async fn invite(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<PersonForm>,
) -> Handled {
    let organisation = acting(&user)?;
    let refuse = |code: &str| FormFeedback {
        form: "invite".into(),
        values: vec![
            ("codice_fiscale".into(), form.codice_fiscale.clone()),
            ("role".into(), form.role.clone()),
        ],
        errors: vec![("codice_fiscale".into(), code.into())],
        ..FormFeedback::default()
    };
    let Ok(person) = CodiceFiscale::parse(form.codice_fiscale.trim()) else {
        return Ok(again(state, user, &headers, PEOPLE, refuse("codice_fiscale")).await);
    };
    let Some(role) = OrganisationRole::from_code(&form.role) else {
        return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response());
    };
    let by = CodiceFiscale::parse(&user.codice_fiscale).map_err(Failure::unavailable)?;
    let now = state.clock.now();
    match organisation::invite(&state.db, organisation.id, &by, &person, role, now).await? {
        Ok(_) => {
            let target =
                format!("organisation {} invited {person} as {}", organisation.id, role.code());
            audit(&state, &user, &headers, ip, Action::OrganisationChanged, target).await;
            Ok(Redirect::to(&format!("{PEOPLE}?salvato=1")).into_response())
        }
        Err(PeopleRefused::NotAllowed) => Ok(StatusCode::FORBIDDEN.into_response()),
        Err(refused) => {
            Ok(again(state, user, &headers, PEOPLE, refuse(people_code(refused))).await)
        }
    }
}

/// `POST /organizzazione/persone/rimuovi`: an organisation administrator removes a person; their
/// sessions acting for it end at their next request (the middleware checks).
pub async fn remove(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<PersonForm>,
) -> Handled {
    let organisation = acting(&user)?;
    let Ok(person) = CodiceFiscale::parse(form.codice_fiscale.trim()) else {
        return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response());
    };
    let by = CodiceFiscale::parse(&user.codice_fiscale).map_err(Failure::unavailable)?;
    let now = state.clock.now();
    match organisation::remove(&state.db, organisation.id, &by, &person, now).await? {
        Ok(()) => {
            let target = format!("organisation {} removed {person}", organisation.id);
            audit(&state, &user, &headers, ip, Action::OrganisationChanged, target).await;
            Ok(Redirect::to(&format!("{PEOPLE}?salvato=1")).into_response())
        }
        Err(PeopleRefused::NotAllowed) => Ok(StatusCode::FORBIDDEN.into_response()),
        Err(PeopleRefused::NotThere) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(refused) => {
            let feedback = FormFeedback {
                form: "invite".into(),
                errors: vec![("codice_fiscale".into(), people_code(refused).into())],
                ..FormFeedback::default()
            };
            Ok(again(state, user, &headers, PEOPLE, feedback).await)
        }
    }
}

/// The ad a form describes, or every field's problem: what cannot be read, and what the ad's
/// own checks find in the rest, so the person sees them all at once. `published_on` is today
/// for a new ad and the stored day for an edit (the service keeps the stored one either way).
fn parse_ad(fields: &Fields, published_on: domain::NaiveDate) -> Result<Ad, Vec<(String, String)>> {
    let (ad, mut errors) = read_ad(fields, published_on);
    match ad {
        Some(ad) if errors.is_empty() => Ok(ad),
        Some(ad) => {
            for (field, code) in problems(ad.check(vocabulary())) {
                if !errors.iter().any(|(f, _)| *f == field) {
                    errors.push((field, code));
                }
            }
            Err(errors)
        }
        None => Err(errors),
    }
}

/// The ad as far as the form can be read (`None` without a kind or a start date), and what
/// could not be read.
fn read_ad(
    fields: &Fields,
    published_on: domain::NaiveDate,
) -> (Option<Ad>, Vec<(String, String)>) {
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut fail = |field: &str, code: &str| {
        if !errors.iter().any(|(f, _)| f == field) {
            errors.push((field.to_string(), code.to_string()));
        }
    };
    let kind = Kind::parse(value(fields, "kind").trim());
    if kind.is_none() {
        fail("kind", "choice");
    }
    let number = |name: &str, fail: &mut dyn FnMut(&str, &str)| -> Option<i32> {
        let text = value(fields, name).trim();
        if text.is_empty() {
            return None;
        }
        let parsed = text.parse::<i32>().ok();
        if parsed.is_none() {
            fail(name, "number");
        }
        parsed
    };
    let date = |name: &str, fail: &mut dyn FnMut(&str, &str)| {
        let text = value(fields, name).trim();
        if text.is_empty() {
            return None;
        }
        let parsed = parse_date(text);
        if parsed.is_none() {
            fail(name, "date");
        }
        parsed
    };
    let code_of = |name: &str, kind: SuggestionKind, fail: &mut dyn FnMut(&str, &str)| match coded(
        fields,
        name,
        kind,
        false,
        vocabulary(),
    ) {
        Ok(found) => found.map(|s| s.code),
        Err((code, _)) => {
            fail(name, code);
            None
        }
    };
    let occupation_code = code_of("occupation", SuggestionKind::Occupation, &mut fail);
    let municipality_code = code_of("place", SuggestionKind::Municipality, &mut fail);
    let mut skills = Vec::new();
    for i in 1..=30 {
        let name = format!("skill_{i}");
        if !fields.iter().any(|(k, _)| *k == name) {
            break;
        }
        if let Some(code) = code_of(&name, SuggestionKind::Skill, &mut fail) {
            skills.push(code);
        }
    }
    let contract = match value(fields, "contract").trim() {
        "" => None,
        code => {
            let parsed = Contract::parse(code);
            if parsed.is_none() {
                fail("contract", "choice");
            }
            parsed
        }
    };
    let hours_pct = number("weekly_hours", &mut fail).and_then(|hours| {
        if (1..=domain::catalog::FULL_TIME_WEEKLY_HOURS as i32).contains(&hours) {
            // Rounded up: 8 hours are exactly the 20% a PUC needs, never a hair below.
            let full = domain::catalog::FULL_TIME_WEEKLY_HOURS as i32;
            Some((hours * 100 + full - 1) / full)
        } else {
            fail("weekly_hours", "hours");
            None
        }
    });
    let duration_months = number("duration_months", &mut fail);
    let total_hours = number("total_hours", &mut fail);
    let pay_monthly = number("pay_monthly", &mut fail);
    let eqf_level = number("eqf_level", &mut fail);
    let seats = number("seats", &mut fail);
    let starts_on = date("starts_on", &mut fail);
    if starts_on.is_none() && value(fields, "starts_on").trim().is_empty() {
        fail("starts_on", "required");
    }
    let ends_on = date("ends_on", &mut fail);
    let expires_on = date("expires_on", &mut fail)
        .unwrap_or_else(|| domain::catalog::latest_expiry(published_on));
    let topic = Some(value(fields, "topic").trim().to_string()).filter(|t| !t.is_empty());
    let ad = match (kind, starts_on) {
        (Some(kind), Some(starts_on)) => Some(Ad {
            kind,
            title: value(fields, "title").to_string(),
            organisation: String::new(),
            description: value(fields, "description").to_string(),
            occupation_code,
            municipality_code,
            online: value(fields, "online") == "true",
            contract,
            duration_months,
            hours_pct,
            total_hours,
            pay_monthly,
            eqf_level,
            topic,
            starts_on,
            ends_on,
            published_on,
            expires_on,
            skills,
            seats,
        }),
        _ => None,
    };
    (ad, errors)
}

/// The form's field a problem of `Ad::check` belongs to.
fn field_of(problem_field: &str) -> &str {
    match problem_field {
        "occupation_code" => "occupation",
        "municipality_code" => "place",
        "hours_pct" => "weekly_hours",
        "skills" => "skill_1",
        "organisation" => "title",
        other => other,
    }
}

fn ad_feedback(fields: Fields, errors: Vec<(String, String)>) -> FormFeedback {
    FormFeedback { form: "ad".into(), values: fields, errors, ..FormFeedback::default() }
}

fn problems(list: Vec<domain::cv::Problem>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for p in list {
        let field = field_of(&p.field).to_string();
        if !out.iter().any(|(f, _)| *f == field) {
            out.push((field, p.code.to_string()));
        }
    }
    out
}

/// `POST /organizzazione/annunci`: publishes a new ad for the acting organisation.
pub async fn create_ad(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Handled {
    let organisation = acting(&user)?;
    let now = state.clock.now();
    let today = domain::calendar::rome_date(now);
    const NEW: &str = "/organizzazione/annunci/nuovo";
    let ad = match parse_ad(&fields, today) {
        Ok(ad) => ad,
        Err(errors) => {
            return Ok(again(state, user, &headers, NEW, ad_feedback(fields, errors)).await);
        }
    };
    match publishing::publish(&state.db, organisation.id, &ad, None, now).await? {
        Ok(id) => {
            let target = format!("organisation {} ad {id} published", organisation.id);
            audit(&state, &user, &headers, ip, Action::AdChanged, target).await;
            Ok(Redirect::to(&format!("{HOME}?pubblicato={id}")).into_response())
        }
        Err(AdRefused::Invalid(list)) => {
            Ok(again(state, user, &headers, NEW, ad_feedback(fields, problems(list))).await)
        }
        Err(_) => Ok(StatusCode::NOT_FOUND.into_response()),
    }
}

/// `POST /organizzazione/annunci/{id}`: rewrites one of the acting organisation's ads.
pub async fn update_ad(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Handled {
    let organisation = acting(&user)?;
    let now = state.clock.now();
    let page = format!("/organizzazione/annunci/{id}");
    let Some((stored, _)) = publishing::ad_for_edit(&state.db, organisation.id, id).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let ad = match parse_ad(&fields, stored.published_on) {
        Ok(ad) => ad,
        Err(errors) => {
            return Ok(again(state, user, &headers, &page, ad_feedback(fields, errors)).await);
        }
    };
    match publishing::edit(&state.db, organisation.id, id, &ad, now).await? {
        Ok(()) => {
            let target = format!("organisation {} ad {id} edited", organisation.id);
            audit(&state, &user, &headers, ip, Action::AdChanged, target).await;
            Ok(Redirect::to(&format!("{HOME}?salvato=1")).into_response())
        }
        Err(AdRefused::Invalid(list)) => {
            Ok(again(state, user, &headers, &page, ad_feedback(fields, problems(list))).await)
        }
        Err(AdRefused::NotFound) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(_) => Ok(StatusCode::CONFLICT.into_response()),
    }
}

#[derive(Debug, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub action: String,
}

/// `POST /organizzazione/annunci/{id}/azione`: pause, resume, close or renew one of the acting
/// organisation's ads. A refusal comes back on the list with its reason.
pub async fn ad_action(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Handled {
    let organisation = acting(&user)?;
    let Some(action) = AdAction::parse(&form.action) else {
        return Ok(StatusCode::UNPROCESSABLE_ENTITY.into_response());
    };
    let now = state.clock.now();
    let today = domain::calendar::rome_date(now);
    let refused = |code: &str| Redirect::to(&format!("{HOME}?errore={code}")).into_response();
    Ok(match publishing::act(&state.db, organisation.id, id, action, today, now).await? {
        Ok((_, expires)) => {
            let target = format!(
                "organisation {} ad {id} {} (expires {expires})",
                organisation.id,
                action.code()
            );
            audit(&state, &user, &headers, ip, Action::AdChanged, target).await;
            Redirect::to(&format!("{HOME}?salvato=1")).into_response()
        }
        Err(AdRefused::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(AdRefused::Renewal(problem)) => refused(problem.code()),
        Err(AdRefused::Conflict) => refused("conflict"),
        Err(_) => refused("state"),
    })
}

#[derive(Debug, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub interview_date: String,
    #[serde(default)]
    pub interview_time: String,
    #[serde(default)]
    pub interview_place: String,
    #[serde(default)]
    pub message: String,
}

/// The longest message an organisation sends with a move (the note adds the interview).
const MESSAGE_MAX: usize = 300;

/// The note a move records for the person: the interview's date, time and place when it is
/// one, then the organisation's message. Every field's problem at once otherwise.
fn move_note(
    form: &MoveForm,
    to: CandidacyStatus,
    today: domain::NaiveDate,
) -> Result<Option<String>, Vec<(String, String)>> {
    use domain::text::{Lines, accept};
    let mut errors: Vec<(String, String)> = Vec::new();
    let message = match accept(form.message.trim(), Lines::Many) {
        Ok(m) if m.chars().count() > MESSAGE_MAX => {
            errors.push(("message".into(), "too_long".into()));
            String::new()
        }
        Ok(m) => m,
        Err(problem) => {
            errors.push(("message".into(), problem.code().into()));
            String::new()
        }
    };
    let mut note = Vec::new();
    if to == CandidacyStatus::Interview {
        let date = match form.interview_date.trim() {
            "" => Err("required"),
            text => match parse_date(text) {
                Some(day) if day < today => Err("past"),
                Some(day) => Ok(day),
                None => Err("date"),
            },
        };
        let time = match form.interview_time.trim() {
            "" => Err("required"),
            text => chrono::NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| "time"),
        };
        let place = match accept(form.interview_place.trim(), Lines::One) {
            Ok(p) if p.is_empty() => Err("required"),
            Ok(p) if p.chars().count() > 200 => Err("too_long"),
            Ok(p) => Ok(p),
            Err(problem) => Err(problem.code()),
        };
        for (field, result) in [
            ("interview_date", date.map(|_| ())),
            ("interview_time", time.map(|_| ())),
            ("interview_place", place.as_ref().map(|_| ()).map_err(|e| *e)),
        ] {
            if let Err(code) = result {
                errors.push((field.into(), code.into()));
            }
        }
        if let (Ok(date), Ok(time), Ok(place)) = (date, time, place) {
            note.push(format!(
                "Colloquio il {} alle {}, {place}",
                date.format("%d/%m/%Y"),
                time.format("%H:%M")
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if !message.is_empty() {
        note.push(message);
    }
    Ok((!note.is_empty()).then(|| note.join(". ")))
}

/// `POST /organizzazione/candidature/{id}`: the organisation moves a candidacy one of its ads
/// received (in review, interview with date, time and place, hired, not selected), with a
/// message the person reads on their candidacy page and in their inbox.
pub async fn move_candidacy(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Handled {
    use store::candidacy::{self, CandidacyError};
    let organisation = acting(&user)?;
    let page = format!("/organizzazione/candidature/{id}");
    let feedback = |errors: Vec<(String, String)>| FormFeedback {
        form: "move".into(),
        values: vec![
            ("status".into(), form.status.clone()),
            ("interview_date".into(), form.interview_date.clone()),
            ("interview_time".into(), form.interview_time.clone()),
            ("interview_place".into(), form.interview_place.clone()),
            ("message".into(), form.message.clone()),
        ],
        errors,
        ..FormFeedback::default()
    };
    let to = CandidacyStatus::from_code(form.status.trim()).filter(|s| {
        matches!(
            s,
            CandidacyStatus::InReview
                | CandidacyStatus::Interview
                | CandidacyStatus::Accepted
                | CandidacyStatus::NotSelected
        )
    });
    let Some(to) = to else {
        let refused = feedback(vec![("status".into(), "choice".into())]);
        return Ok(again(state, user, &headers, &page, refused).await);
    };
    let now = state.clock.now();
    let note = match move_note(&form, to, domain::calendar::rome_date(now)) {
        Ok(note) => note,
        Err(errors) => return Ok(again(state, user, &headers, &page, feedback(errors)).await),
    };
    let actor = format!("organisation:{}:{}", organisation.id, user.codice_fiscale);
    let ctx = store::welfare::Ctx::new(now, actor);
    let moved = candidacy::change_for_organisation(
        &state.db,
        &ctx,
        organisation.id,
        id,
        to,
        note.as_deref(),
    )
    .await;
    let code = match moved {
        Ok(_) => {
            let target =
                format!("organisation {} candidacy {id} to {}", organisation.id, to.code());
            audit(&state, &user, &headers, ip, Action::CandidacyChanged, target).await;
            return Ok(Redirect::to(&format!("{page}?salvato=1")).into_response());
        }
        Err(CandidacyError::NotFound) => return Ok(StatusCode::NOT_FOUND.into_response()),
        Err(CandidacyError::Db(error)) => return Err(Failure::unavailable(error)),
        Err(CandidacyError::Transition { .. }) => ("status", "transition"),
        Err(CandidacyError::Invalid(code)) => ("message", code),
        Err(CandidacyError::Conflict | CandidacyError::Refused(..)) => ("status", "conflict"),
    };
    let refused = feedback(vec![(code.0.into(), code.1.into())]);
    let status =
        if code.1 == "conflict" { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_page(state, user, &headers, &page, status, refused).await)
}

#[derive(Debug, Deserialize)]
pub struct SuspendForm {
    #[serde(default)]
    pub reason: String,
}

/// `POST /amministrazione/annunci/{id}/sospendi`: an administrator suspends an ad with a
/// reason its organisation reads; it leaves search at once.
pub async fn suspend_ad(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<SuspendForm>,
) -> Handled {
    match publishing::suspend(&state.db, id, &form.reason, state.clock.now()).await? {
        Ok(Some(())) => {
            let target = format!("ad {id} suspended");
            audit(&state, &admin, &headers, ip, Action::AdChanged, target).await;
            Ok(Redirect::to(&format!("{REGISTRY}?sospeso={id}")).into_response())
        }
        Ok(None) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(code) => {
            let feedback = FormFeedback {
                form: "suspend".into(),
                values: vec![("id".into(), id.to_string()), ("reason".into(), form.reason)],
                errors: vec![("reason".into(), code.into())],
                ..FormFeedback::default()
            };
            Ok(again(state, admin, &headers, REGISTRY, feedback).await)
        }
    }
}

/// `POST /amministrazione/annunci/{id}/archivia`: an administrator dismisses an ad's reports.
pub async fn dismiss_reports(
    State(state): State<AppState>,
    Extension(admin): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Handled {
    let handled = publishing::handle_reports(&state.db, id, state.clock.now()).await?;
    if handled == 0 {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let target = format!("ad {id}: {handled} reports dismissed");
    audit(&state, &admin, &headers, ip, Action::AdChanged, target).await;
    Ok(Redirect::to(&format!("{REGISTRY}?decisa=1")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// `POST /opportunita/{id}/segnala`: a signed-in person reports an ad to the administrators.
pub async fn report_ad(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ReportForm>,
) -> Handled {
    let page = format!("/opportunita/{id}");
    let refuse = |field: &str, code: &str| FormFeedback {
        form: "report".into(),
        values: vec![("reason".into(), form.reason.clone()), ("note".into(), form.note.clone())],
        errors: vec![(field.into(), code.into())],
        ..FormFeedback::default()
    };
    let Some(reason) = domain::catalog::ReportReason::parse(&form.reason) else {
        return Ok(again(state, user, &headers, &page, refuse("reason", "choice")).await);
    };
    let now = state.clock.now();
    match publishing::report(&state.db, id, &user.codice_fiscale, reason, &form.note, now).await? {
        Ok(true) => {
            let target = format!("ad {id} reported ({})", reason.code());
            audit(&state, &user, &headers, ip, Action::AdReported, target).await;
            Ok(Redirect::to(&format!("{page}?segnalato=1")).into_response())
        }
        Ok(false) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(code) => Ok(again(state, user, &headers, &page, refuse("note", code)).await),
    }
}
