//! Storing a person's CV (docs/rules.md R14, R25). The CV is one JSON document per codice fiscale,
//! checked in full before every save, with a version number: a save names the version it
//! edited and is refused when someone (another tab, another device) saved in between.

use chrono::{DateTime, Utc};
use domain::NaiveDate;
use domain::cv::{Cv, Problem};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entity::cv;
use crate::vocabulary::vocabulary;

/// A CV as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCv {
    pub cv: Cv,
    /// 0 when nothing is stored yet.
    pub version: i32,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The CV changed since `expected` was read: the current version is attached.
    #[error("the CV was saved elsewhere (now version {current})")]
    Conflict { current: i32 },
    #[error("the CV has {} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The person's CV, or `None` when they have not saved one.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<Option<StoredCv>, DbErr> {
    let Some(row) =
        cv::Entity::find().filter(cv::Column::CodiceFiscale.eq(codice_fiscale)).one(db).await?
    else {
        return Ok(None);
    };
    let document: Cv = serde_json::from_str(&row.document)
        .map_err(|e| DbErr::Custom(format!("stored CV {} is not a CV: {e}", row.id)))?;
    Ok(Some(StoredCv { cv: document, version: row.version, updated_at: Some(row.updated_at) }))
}

/// Saves the whole CV if it passes every check and nobody saved since `expected_version`
/// (0: the person has no CV yet). Returns the new version.
///
/// A save naming an older version that brings exactly what is stored is the same save sent
/// again, its answer lost on the way back (the network dropped after the server had it): it
/// is answered as saved, with the stored version and nothing written, not as a conflict with
/// itself. Anything else naming an older version is a conflict.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
    expected_version: i32,
    document: &Cv,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i32, SaveError> {
    let problems = document.check(today, vocabulary());
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    let mut sorted = document.clone();
    sorted.sort_lists();
    let json = serde_json::to_string(&sorted).map_err(|e| DbErr::Custom(e.to_string()))?;
    if expected_version == 0 {
        let inserted = cv::Entity::insert(cv::ActiveModel {
            codice_fiscale: Set(codice_fiscale.to_string()),
            version: Set(1),
            document: Set(json.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(db)
        .await;
        return match inserted {
            Ok(_) => Ok(1),
            // The unique codice fiscale: someone created it first.
            Err(_) => resent_or_conflict(db, codice_fiscale, &json).await,
        };
    }
    let updated = cv::Entity::update_many()
        .col_expr(cv::Column::Version, Expr::value(expected_version + 1))
        .col_expr(cv::Column::Document, Expr::value(json.clone()))
        .col_expr(cv::Column::UpdatedAt, Expr::value(now))
        .filter(cv::Column::CodiceFiscale.eq(codice_fiscale))
        .filter(cv::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    if updated.rows_affected == 1 {
        Ok(expected_version + 1)
    } else {
        resent_or_conflict(db, codice_fiscale, &json).await
    }
}

/// After a save found another version stored: the stored version when the stored document is
/// the one being saved (a resend), else the conflict.
async fn resent_or_conflict<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
    json: &str,
) -> Result<i32, SaveError> {
    let stored =
        cv::Entity::find().filter(cv::Column::CodiceFiscale.eq(codice_fiscale)).one(db).await?;
    match stored {
        Some(row) if row.document == json => Ok(row.version),
        Some(row) => Err(SaveError::Conflict { current: row.version }),
        None => Err(SaveError::Conflict { current: 0 }),
    }
}

/// The CV someone starts with before their first save: what SIISL already knows about them
/// (name from the identity provider, contacts from the registration, birth date and address
/// from the household).
pub async fn starting_cv<C: ConnectionTrait>(
    db: &C,
    user: &contract::auth::CurrentUser,
    registration: &super::entity::registration::Model,
) -> Result<Cv, DbErr> {
    let mut cv = Cv::default();
    cv.personal_information.given_name = user.given_name.clone();
    cv.personal_information.family_name = user.family_name.clone();
    cv.personal_information.email = registration.email.clone().unwrap_or_default();
    cv.personal_information.phone = registration.phone.clone().unwrap_or_default();
    if let Some(me) = crate::citizen::member_for(db, &user.codice_fiscale).await? {
        cv.personal_information.birth_date = Some(me.birth_date);
        if let Some(home) =
            super::entity::household::Entity::find_by_id(me.household_id).one(db).await?
        {
            cv.personal_information.municipality = Some(home.municipality_code);
            cv.personal_information.address = home.address;
        }
    }
    Ok(cv)
}

/// What the CV pages show: the CV with the labels of its codes and the provinces the
/// availability form offers.
pub fn page_data(
    cv: Cv,
    version: i32,
    updated_at: Option<DateTime<Utc>>,
    today: NaiveDate,
) -> contract::cv::CvData {
    use contract::cv::SuggestionKind;
    use domain::cv::Place;
    let vocabulary = vocabulary();
    let mut labels = Vec::new();
    let mut add = |kind: SuggestionKind, code: &str| {
        if let Some(label) = vocabulary.label(kind, code) {
            labels.push((format!("{}:{code}", kind.code()), label.to_string()));
        }
    };
    for e in &cv.work_experience {
        add(SuggestionKind::Occupation, &e.occupation_code);
    }
    for s in &cv.skills {
        add(SuggestionKind::Skill, s);
    }
    if let Some(m) = &cv.personal_information.municipality {
        add(SuggestionKind::Municipality, m);
    }
    for p in &cv.availability.preferred_places {
        match p {
            Place::Municipality(code) => add(SuggestionKind::Municipality, code),
            Place::Province(code) => add(SuggestionKind::Province, code),
        }
    }
    contract::cv::CvData {
        registered: true,
        cv,
        version,
        updated_at: updated_at.map(|at| crate::local_time::rome_time(at, "%d/%m/%Y %H:%M")),
        labels,
        provinces: vocabulary.provinces(),
        today,
    }
}

/// The signed-in citizen's CV as its pages show it; before the first save, the one SIISL
/// starts them with. Someone not registered gets an empty, unregistered answer.
pub async fn for_page<C: ConnectionTrait>(
    db: &C,
    user: &contract::auth::CurrentUser,
    now: DateTime<Utc>,
) -> Result<contract::cv::CvData, DbErr> {
    let today = domain::calendar::rome_date(now);
    let Some(registration) = crate::citizen::registration_of(db, &user.codice_fiscale).await?
    else {
        return Ok(contract::cv::CvData {
            registered: false,
            ..page_data(Cv::default(), 0, None, today)
        });
    };
    let (cv, version, updated_at) = match load(db, &user.codice_fiscale).await? {
        Some(stored) => (stored.cv, stored.version, stored.updated_at),
        None => (starting_cv(db, user, &registration).await?, 0, None),
    };
    Ok(page_data(cv, version, updated_at, today))
}

/// A CV copy kept elsewhere (a candidacy's), with what its codes stand for, to show read-only.
pub fn snapshot_data(cv: Cv, today: domain::NaiveDate) -> contract::cv::CvData {
    contract::cv::CvData { registered: true, ..page_data(cv, 0, None, today) }
}
