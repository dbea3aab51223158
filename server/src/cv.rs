//! The CV's forms, export and import. Each section posts a plain form to `/cv/{section}`; the
//! handler applies it to the stored CV, runs the same checks an import runs, and saves it with
//! the version the form was shown with. A refused form comes back with what was typed and a
//! message next to each field (422), or with a conflict notice when the CV changed in the
//! meantime (409).

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::{Multipart, State},
    http::{HeaderMap, StatusCode, Uri, header},
    response::{IntoResponse, Redirect},
};
use contract::auth::CurrentUser;
use contract::citizen::FormFeedback;
use contract::cv::{Suggestion, SuggestionKind};
use domain::NaiveDate;
use domain::cv::{
    self, Cefr, Cv, CvDocument, DigLevel, DrivingLicence, Education, Experience, LanguageSkill,
    Place, Problem,
};
use store::vocabulary::{Vocabulary, vocabulary};
use store::{audit, citizen as citizen_db, cv as cv_db};

use crate::citizen::audit as audit_citizen;
use crate::http::failure::{Failure, Handled};
use crate::http::guard::ClientIp;
use crate::http::render::render_page;

/// Largest CV file accepted by the import (an exported CV with every list full is ~100 KB).
pub const MAX_IMPORT_BYTES: usize = 256 * 1024;

pub(crate) type Fields = Vec<(String, String)>;
type Errors = Vec<(String, String)>;

pub(crate) fn value<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

fn has(fields: &Fields, name: &str) -> bool {
    fields.iter().any(|(k, v)| k == name && !v.is_empty())
}

/// A date as `<input type=date>` sends it (`YYYY-MM-DD`), or as people type it where the
/// browser shows a plain text box (`DD/MM/YYYY`).
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// An optional date field: empty is `None`, anything unreadable an error.
fn optional_date(fields: &Fields, name: &str, errors: &mut Errors) -> Option<NaiveDate> {
    let text = value(fields, name).trim();
    if text.is_empty() {
        return None;
    }
    let parsed = parse_date(text);
    if parsed.is_none() {
        errors.push((name.into(), "date".into()));
    }
    parsed
}

/// Comma-separated entries, trimmed, empty ones dropped.
fn list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// The problems of a section's own check, under the form's field names (the first segment
/// of the path: `tools.3` is the `tools` field).
fn push_problems(errors: &mut Errors, problems: Vec<Problem>) {
    for p in problems {
        let field = p.field.split('.').next().unwrap_or_default().to_string();
        if !errors.iter().any(|(f, _)| *f == field) {
            errors.push((field, p.code.into()));
        }
    }
}

/// What a coded field's input stands for: the pick the browser made (its code and the text it
/// was picked for, still unchanged), a radio choice from the no-JavaScript fallback, or the
/// text resolved on the server. `Err` carries the error code and the candidates to offer.
pub(crate) fn coded(
    fields: &Fields,
    name: &str,
    kind: SuggestionKind,
    required: bool,
    lists: &Vocabulary,
) -> Result<Option<Suggestion>, (&'static str, Vec<Suggestion>)> {
    let text = value(fields, name).trim();
    if let Some((code, label)) = value(fields, &format!("{name}_choice")).split_once('|')
        && lists.label(kind, code).is_some()
    {
        return Ok(Some(Suggestion {
            code: code.into(),
            label: label.into(),
            detail: String::new(),
        }));
    }
    let code = value(fields, &format!("{name}_code"));
    let picked_for = value(fields, &format!("{name}_for")).trim();
    if !code.is_empty() && picked_for == text && lists.label(kind, code).is_some() {
        return Ok(Some(Suggestion {
            code: code.into(),
            label: text.into(),
            detail: String::new(),
        }));
    }
    if text.is_empty() {
        return if required { Err(("required", Vec::new())) } else { Ok(None) };
    }
    match lists.resolve(kind, text) {
        Ok(found) => Ok(Some(found)),
        Err(candidates) if candidates.is_empty() => Err(("unknown", candidates)),
        Err(candidates) => Err(("choose", candidates)),
    }
}

/// Resolves a coded field, recording its error and candidates.
fn coded_or_error(
    fields: &Fields,
    name: &str,
    kind: SuggestionKind,
    required: bool,
    outcome: &mut Applied,
) -> Option<Suggestion> {
    match coded(fields, name, kind, required, vocabulary()) {
        Ok(found) => found,
        Err((code, candidates)) => {
            outcome.errors.push((name.into(), code.into()));
            for c in candidates {
                let label = if c.detail.is_empty() {
                    c.label
                } else {
                    format!("{} ({})", c.label, c.detail)
                };
                outcome.values.push((format!("{name}_candidate"), format!("{}|{label}", c.code)));
            }
            None
        }
    }
}

/// The result of applying a form to a CV: errors to show, values to add to the echo, and
/// which form on the page it was (a page can hold several).
#[derive(Default)]
struct Applied {
    errors: Errors,
    values: Fields,
    form: Option<&'static str>,
}

/// The list item a form edits: `Ok(None)` adds, `Ok(Some(i))` replaces, `Err` when the item
/// named is not there any more.
fn item_index(fields: &Fields, len: usize) -> Result<Option<usize>, ()> {
    let text = value(fields, "item").trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<usize>() {
        Ok(i) if i < len => Ok(Some(i)),
        _ => Err(()),
    }
}

fn put<T>(list: &mut Vec<T>, index: Option<usize>, item: T, max: usize, errors: &mut Errors) {
    match index {
        Some(i) => list[i] = item,
        None if list.len() >= max => errors.push(("item".into(), "too_many".into())),
        None => list.push(item),
    }
}

/// Removes the item `delete` names; `true` when the form was a deletion.
fn delete_item<T>(fields: &Fields, list: &mut Vec<T>, errors: &mut Errors) -> bool {
    if !has(fields, "delete") {
        return false;
    }
    match value(fields, "delete").parse::<usize>() {
        Ok(i) if i < list.len() => {
            list.remove(i);
        }
        _ => errors.push(("item".into(), "no_item".into())),
    }
    true
}

fn apply(section: &str, fields: &Fields, cv: &mut Cv, today: NaiveDate) -> Applied {
    let mut out = Applied::default();
    let apply_section: fn(&Fields, &mut Cv, NaiveDate, &mut Applied) = match section {
        "dati-personali" => apply_personal,
        "esperienze" => apply_experience,
        "istruzione" => apply_education,
        "lingue" => apply_languages,
        "competenze-digitali" => apply_digital,
        "patenti" => apply_driving,
        "competenze" => apply_skills,
        "disponibilita" => apply_availability,
        "aspirazioni" => apply_aspirations,
        _ => {
            out.errors.push(("section".into(), "unknown".into()));
            return out;
        }
    };
    apply_section(fields, cv, today, &mut out);
    out
}

/// The `/cv/dati-personali` form.
fn apply_personal(fields: &Fields, cv: &mut Cv, today: NaiveDate, out: &mut Applied) {
    let lists = vocabulary();
    let municipality =
        coded_or_error(fields, "municipality", SuggestionKind::Municipality, false, out);
    let personal = cv::Personal {
        given_name: value(fields, "given_name").trim().into(),
        family_name: value(fields, "family_name").trim().into(),
        birth_date: optional_date(fields, "birth_date", &mut out.errors),
        email: value(fields, "email").trim().into(),
        phone: value(fields, "phone").trim().into(),
        municipality: municipality.map(|m| m.code),
        address: value(fields, "address").trim().into(),
        nationality: value(fields, "nationality").trim().into(),
    };
    push_problems(&mut out.errors, cv::check_personal(&personal, today, lists));
    cv.personal_information = personal;
}

/// The `/cv/esperienze` form.
fn apply_experience(fields: &Fields, cv: &mut Cv, today: NaiveDate, out: &mut Applied) {
    let lists = vocabulary();
    if delete_item(fields, &mut cv.work_experience, &mut out.errors) {
        return;
    }
    let Ok(index) = item_index(fields, cv.work_experience.len()) else {
        out.errors.push(("item".into(), "no_item".into()));
        return;
    };
    let occupation = coded_or_error(fields, "occupation", SuggestionKind::Occupation, true, out);
    let start = match value(fields, "start").trim() {
        "" => {
            out.errors.push(("start".into(), "required".into()));
            None
        }
        text => parse_date(text).or_else(|| {
            out.errors.push(("start".into(), "date".into()));
            None
        }),
    };
    let end = optional_date(fields, "end", &mut out.errors);
    let (Some(occupation), Some(start)) = (occupation, start) else {
        // The other fields still get their messages.
        let probe = Experience {
            occupation_code: "-".into(),
            job_title: String::new(),
            employer: value(fields, "employer").into(),
            place: value(fields, "place").into(),
            start: today,
            end: None,
            description: value(fields, "description").into(),
        };
        let problems = cv::check_experience(&probe, today, lists)
            .into_iter()
            .filter(|p| p.field != "occupation")
            .collect();
        push_problems(&mut out.errors, problems);
        return;
    };
    let experience = Experience {
        occupation_code: occupation.code,
        job_title: occupation.label,
        employer: value(fields, "employer").trim().into(),
        place: value(fields, "place").trim().into(),
        start,
        end,
        description: value(fields, "description").trim().into(),
    };
    push_problems(&mut out.errors, cv::check_experience(&experience, today, lists));
    put(&mut cv.work_experience, index, experience, cv::MAX_EXPERIENCES, &mut out.errors);
}

/// The `/cv/istruzione` form.
fn apply_education(fields: &Fields, cv: &mut Cv, today: NaiveDate, out: &mut Applied) {
    if delete_item(fields, &mut cv.education_and_training, &mut out.errors) {
        return;
    }
    let Ok(index) = item_index(fields, cv.education_and_training.len()) else {
        out.errors.push(("item".into(), "no_item".into()));
        return;
    };
    let eqf_level = match value(fields, "eqf_level").trim() {
        "" => {
            out.errors.push(("eqf_level".into(), "required".into()));
            0
        }
        text => text.parse::<u8>().unwrap_or(0),
    };
    let course = Education {
        title: value(fields, "title").trim().into(),
        institution: value(fields, "institution").trim().into(),
        eqf_level,
        start: optional_date(fields, "start", &mut out.errors),
        end: optional_date(fields, "end", &mut out.errors),
        description: value(fields, "description").trim().into(),
    };
    push_problems(&mut out.errors, cv::check_education(&course, today));
    put(&mut cv.education_and_training, index, course, cv::MAX_EDUCATION, &mut out.errors);
}

/// The `/cv/lingue` form.
fn apply_languages(fields: &Fields, cv: &mut Cv, _today: NaiveDate, out: &mut Applied) {
    if value(fields, "part") == "mother_tongues" {
        out.form = Some("lingue-madri");
        let mut languages = cv.language_skills.clone();
        languages.mother_tongues = list(value(fields, "mother_tongues"));
        push_problems(&mut out.errors, cv::check_languages(&languages));
        cv.language_skills = languages;
        return;
    }
    let others = &mut cv.language_skills.other_languages;
    if delete_item(fields, others, &mut out.errors) {
        return;
    }
    let Ok(index) = item_index(fields, others.len()) else {
        out.errors.push(("item".into(), "no_item".into()));
        return;
    };
    let mut level = |name: &str| match value(fields, name).trim() {
        "" => {
            out.errors.push((name.into(), "required".into()));
            None
        }
        code => Cefr::parse(code).or_else(|| {
            out.errors.push((name.into(), "invalid".into()));
            None
        }),
    };
    let levels = (
        level("listening"),
        level("reading"),
        level("spoken_interaction"),
        level("spoken_production"),
        level("writing"),
    );
    let language = value(fields, "language").trim().to_string();
    if let Some(code) = cv::text_problem(&language, true, 60, false) {
        out.errors.push(("language".into(), code.into()));
    }
    if let (Some(listening), Some(reading), Some(si), Some(sp), Some(writing)) = levels {
        let skill = LanguageSkill {
            language,
            listening,
            reading,
            spoken_interaction: si,
            spoken_production: sp,
            writing,
        };
        put(others, index, skill, cv::MAX_LANGUAGES, &mut out.errors);
    }
}

/// The `/cv/competenze-digitali` form.
fn apply_digital(fields: &Fields, cv: &mut Cv, _today: NaiveDate, out: &mut Applied) {
    let mut digital =
        cv::DigitalSkills { tools: list(value(fields, "tools")), ..Default::default() };
    for area in cv::DIGCOMP_AREAS {
        let level = match value(fields, area).trim() {
            "" => None,
            code => DigLevel::parse(code).or_else(|| {
                out.errors.push((area.into(), "invalid".into()));
                None
            }),
        };
        digital.set_area(area, level);
    }
    push_problems(&mut out.errors, cv::check_digital(&digital));
    cv.digital_skills = digital;
}

/// The `/cv/patenti` form.
fn apply_driving(fields: &Fields, cv: &mut Cv, _today: NaiveDate, out: &mut Applied) {
    let mut held = Vec::new();
    for (_, code) in fields.iter().filter(|(k, _)| k == "licence") {
        match DrivingLicence::parse(code) {
            Some(l) if !held.contains(&l) => held.push(l),
            Some(_) => {}
            None => out.errors.push(("licence".into(), "invalid".into())),
        }
    }
    held.sort();
    cv.driving_licence = held;
}

/// The `/cv/competenze` form.
fn apply_skills(fields: &Fields, cv: &mut Cv, _today: NaiveDate, out: &mut Applied) {
    if has(fields, "delete") {
        let key = value(fields, "delete");
        cv.skills.retain(|s| s != key);
        return;
    }
    if let Some(skill) = coded_or_error(fields, "skill", SuggestionKind::Skill, true, out) {
        if cv.skills.contains(&skill.code) {
            out.errors.push(("skill".into(), "duplicate".into()));
        } else if cv.skills.len() >= cv::MAX_SKILLS {
            out.errors.push(("skill".into(), "too_many".into()));
        } else {
            cv.skills.push(skill.code);
        }
    }
}

/// The `/cv/disponibilita` form.
fn apply_availability(fields: &Fields, cv: &mut Cv, today: NaiveDate, out: &mut Applied) {
    let lists = vocabulary();
    let a = &mut cv.availability;
    if delete_item(fields, &mut a.preferred_places, &mut out.errors) {
        return;
    }
    if value(fields, "part") == "place" {
        out.form = Some("disponibilita-luoghi");
        let municipality =
            coded_or_error(fields, "place", SuggestionKind::Municipality, false, out);
        let province = value(fields, "province").trim();
        let mut added = Vec::new();
        if let Some(m) = municipality {
            added.push(Place::Municipality(m.code));
        }
        if !province.is_empty() {
            if lists.label(SuggestionKind::Province, province).is_some() {
                added.push(Place::Province(province.into()));
            } else {
                out.errors.push(("province".into(), "unknown".into()));
            }
        }
        if added.is_empty() && out.errors.is_empty() {
            out.errors.push(("place".into(), "required".into()));
        }
        for place in added {
            if a.preferred_places.contains(&place) {
                out.errors.push(("place".into(), "duplicate".into()));
            } else if a.preferred_places.len() >= cv::MAX_PLACES {
                out.errors.push(("place".into(), "too_many".into()));
            } else {
                a.preferred_places.push(place);
            }
        }
        return;
    }
    a.full_time = has(fields, "full_time");
    a.part_time = has(fields, "part_time");
    a.available_from = optional_date(fields, "available_from", &mut out.errors);
    a.max_distance_km = match value(fields, "max_distance_km").trim() {
        "" => None,
        text => match text.parse::<u16>() {
            Ok(km) => Some(km),
            Err(_) => {
                out.errors.push(("max_distance_km".into(), "number".into()));
                None
            }
        },
    };
    let problems = cv::check_availability(a, today, lists)
        .into_iter()
        .filter(|p| !p.field.starts_with("preferred_places"))
        .collect();
    push_problems(&mut out.errors, problems);
}

/// The `/cv/aspirazioni` form.
fn apply_aspirations(fields: &Fields, cv: &mut Cv, _today: NaiveDate, out: &mut Applied) {
    let text = value(fields, "aspirations").trim().to_string();
    if let Some(code) = cv::text_problem(&text, false, cv::LONG_TEXT, true) {
        out.errors.push(("aspirations".into(), code.into()));
    }
    cv.aspirations = text;
}

/// The stored CV and its version, or the one SIISL starts people with.
async fn current(state: &AppState, user: &CurrentUser) -> Result<(Cv, i32), Failure> {
    if let Some(stored) = cv_db::load(&state.db, &user.codice_fiscale).await? {
        return Ok((stored.cv, stored.version));
    }
    let registration = citizen_db::registration_of(&state.db, &user.codice_fiscale)
        .await?
        .ok_or_else(to_registration)?;
    Ok((store::cv::starting_cv(&state.db, user, &registration).await?, 0))
}

/// People who have not registered are sent to the registration, as the pages do.
fn to_registration() -> Failure {
    Redirect::to("/iscrizione").into_response().into()
}

/// Registration (with its privacy consent) comes before any personal data is written.
async fn registered(state: &AppState, user: &CurrentUser) -> Result<(), Failure> {
    match citizen_db::registration_of(&state.db, &user.codice_fiscale).await? {
        Some(_) => Ok(()),
        None => Err(to_registration()),
    }
}

/// `POST /cv/{section}`.
pub async fn save_section(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    uri: Uri,
    Form(fields): Form<Fields>,
) -> Handled {
    let section = uri.path().trim_start_matches("/cv/").to_string();
    let Some((slug, _)) = app::pages::CV_SECTIONS.iter().find(|(s, _)| *s == section) else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    registered(&state, &user).await?;
    let Ok(version) = value(&fields, "version").trim().parse::<i32>() else {
        return Ok((StatusCode::BAD_REQUEST, "versione mancante / missing version").into_response());
    };
    let (mut cv, _) = current(&state, &user).await?;
    let now = state.clock.now();
    let today = domain::calendar::rome_date(now);
    // The page the form came from, to show it again: the list item being edited, if any.
    let page = match value(&fields, "item").trim() {
        "" => format!("/cv/{slug}"),
        item => format!("/cv/{slug}?voce={}", item.parse::<usize>().unwrap_or(usize::MAX)),
    };
    let echo = |applied: &Applied, errors: Errors| FormFeedback {
        form: applied.form.unwrap_or(slug).to_string(),
        values: fields.iter().cloned().chain(applied.values.iter().cloned()).collect(),
        errors,
        detail: None,
    };
    // A stale `version` is the CV service's to judge (a conflict, or the same save sent again).
    let applied = apply(slug, &fields, &mut cv, today);
    if !applied.errors.is_empty() {
        let feedback = echo(&applied, applied.errors.clone());
        return Ok(render_page(
            state,
            user,
            &headers,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            feedback,
        )
        .await);
    }
    match cv_db::save(&state.db, &user.codice_fiscale, version, &cv, today, now).await {
        Ok(_) => {
            audit_citizen(
                &state,
                &user,
                &headers,
                ip,
                audit::Action::CvSaved,
                format!("{} {slug}", user.codice_fiscale),
            )
            .await;
            Ok(Redirect::to(&format!("/cv/{slug}?salvato=1")).into_response())
        }
        Err(cv_db::SaveError::Conflict { .. }) => {
            let feedback = echo(&applied, vec![("version".into(), "conflict".into())]);
            Ok(render_page(state, user, &headers, &page, StatusCode::CONFLICT, feedback).await)
        }
        Err(cv_db::SaveError::Invalid(problems)) => {
            // Another section holds a problem (stored before a rule changed): name it.
            let errors = problems.into_iter().map(|p| (p.field, p.code.to_string())).collect();
            let feedback = echo(&applied, errors);
            Ok(render_page(
                state,
                user,
                &headers,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                feedback,
            )
            .await)
        }
        Err(cv_db::SaveError::Db(error)) => Err(error.into()),
    }
}

/// `GET /cv/esporta`: the CV as a Europass-compatible JSON file (`data/cv.schema.json`).
pub async fn export(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
) -> Handled {
    let (cv, _) = current(&state, &user).await?;
    let Ok(json) = serde_json::to_string_pretty(&CvDocument::new(cv)) else {
        return Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    audit_citizen(
        &state,
        &user,
        &headers,
        ip,
        audit::Action::CvExported,
        user.codice_fiscale.clone(),
    )
    .await;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"cv-europass.json\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        json,
    )
        .into_response())
}

/// Reads a CV file: the JSON must be a [`CvDocument`] naming our schema.
pub fn parse_import(bytes: &[u8]) -> Result<Cv, &'static str> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| "json")?;
    // Text in NFC, as typed text is (`http::input`). Text that breaks the rule stays as it is:
    // the CV's own checks then refuse it naming the section and field.
    let _ = crate::http::input::clean_json(&mut value);
    let document: CvDocument = serde_json::from_value(value).map_err(|_| "json")?;
    if document.schema != cv::SCHEMA_ID {
        return Err("schema");
    }
    Ok(document.cv)
}

/// `POST /cv/importa` (multipart: `version`, `file`): replaces the CV with a file's.
pub async fn import(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    ip: ClientIp,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Handled {
    registered(&state, &user).await?;
    let mut version: Option<i32> = None;
    let mut file: Option<Vec<u8>> = None;
    let mut too_large = false;
    loop {
        match multipart.next_field().await {
            Ok(Some(mut field)) => match field.name() {
                Some("version") => {
                    version = field.text().await.ok().and_then(|t| t.trim().parse().ok())
                }
                Some("file") => {
                    let mut bytes = Vec::new();
                    loop {
                        match field.chunk().await {
                            Ok(Some(chunk)) => {
                                if bytes.len() + chunk.len() > MAX_IMPORT_BYTES {
                                    too_large = true;
                                    break;
                                }
                                bytes.extend_from_slice(&chunk);
                            }
                            Ok(None) => break,
                            Err(_) => {
                                let refusal = "upload interrotto / upload interrupted";
                                return Ok((StatusCode::BAD_REQUEST, refusal).into_response());
                            }
                        }
                    }
                    file = Some(bytes);
                }
                _ => {}
            },
            Ok(None) => break,
            Err(error) => {
                let refusal = "modulo non valido / malformed form";
                return Ok((error.status(), refusal).into_response());
            }
        }
        if too_large {
            break;
        }
    }
    let again = |status: StatusCode, errors: Errors| {
        let feedback =
            FormFeedback { form: "import".into(), values: Vec::new(), errors, detail: None };
        render_page(state.clone(), user.clone(), &headers, "/cv/importa", status, feedback)
    };
    if too_large {
        let errors = vec![("file".into(), "too_large".into())];
        return Ok(again(StatusCode::PAYLOAD_TOO_LARGE, errors).await);
    }
    let Some(version) = version else {
        let refusal = "versione mancante / missing version";
        return Ok((StatusCode::BAD_REQUEST, refusal).into_response());
    };
    let bytes = match file {
        Some(bytes) if !bytes.is_empty() => bytes,
        _ => {
            let errors = vec![("file".into(), "file_missing".into())];
            return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, errors).await);
        }
    };
    let imported = match parse_import(&bytes) {
        Ok(cv) => cv,
        Err(code) => {
            let errors = vec![("file".into(), code.into())];
            return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, errors).await);
        }
    };
    let now = state.clock.now();
    Ok(
        match cv_db::save(
            &state.db,
            &user.codice_fiscale,
            version,
            &imported,
            domain::calendar::rome_date(now),
            now,
        )
        .await
        {
            Ok(_) => {
                audit_citizen(
                    &state,
                    &user,
                    &headers,
                    ip,
                    audit::Action::CvSaved,
                    format!("{} import", user.codice_fiscale),
                )
                .await;
                Redirect::to("/cv?importato=1").into_response()
            }
            Err(cv_db::SaveError::Invalid(problems)) => {
                let errors = problems.into_iter().map(|p| (p.field, p.code.to_string())).collect();
                again(StatusCode::UNPROCESSABLE_ENTITY, errors).await
            }
            Err(cv_db::SaveError::Conflict { .. }) => {
                again(StatusCode::CONFLICT, vec![("file".into(), "conflict".into())]).await
            }
            Err(cv_db::SaveError::Db(error)) => return Err(error.into()),
        },
    )
}
