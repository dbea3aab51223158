//! The citizen's side of the data: registration, one-time codes that certify contacts, the
//! outbox every message leaves through, and the directory of offices.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, IntoActiveModel, QueryOrder, entity::prelude::*};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::entity::{member, office, one_time_code, registration};

/// A municipality office (social services or job centre) citizens are sent to.
pub use crate::entity::office::Model as Office;
/// A person's registration on SIISL (privacy consent and contacts).
pub use crate::entity::registration::Model as Registration;
use crate::welfare::{self, ContactKind, Ctx, normalize_email, normalize_mobile};

/// The privacy notice version people consent to at registration (see `/privacy`).
pub const PRIVACY_VERSION: &str = "2026-11";

pub async fn registration_of<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<Option<registration::Model>, DbErr> {
    registration::Entity::find_by_id(codice_fiscale).one(db).await
}

/// What a person types at registration.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RegistrationForm {
    pub consent: Option<String>,
    pub email: String,
    pub phone: String,
}

/// Why a registration form was refused, per field (stable codes the page translates).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RegistrationErrors {
    pub consent: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl RegistrationErrors {
    pub fn any(&self) -> bool {
        self.consent.is_some() || self.email.is_some() || self.phone.is_some()
    }
}

/// Validates and stores a registration. Registering again updates the contacts.
pub async fn register<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
    account_id: &str,
    form: &RegistrationForm,
    now: DateTime<Utc>,
) -> Result<Result<registration::Model, RegistrationErrors>, DbErr> {
    let mut errors = RegistrationErrors::default();
    if form.consent.as_deref() != Some("si") {
        errors.consent = Some("required".into());
    }
    let email = match form.email.trim() {
        "" => None,
        typed => {
            let normalized = normalize_email(typed);
            if normalized.is_none() {
                errors.email = Some("malformed".into());
            }
            normalized
        }
    };
    let phone = match form.phone.trim() {
        "" => None,
        typed => {
            let normalized = normalize_mobile(typed);
            if normalized.is_none() {
                errors.phone = Some("malformed".into());
            }
            normalized
        }
    };
    if errors.any() {
        return Ok(Err(errors));
    }
    let existing = registration_of(db, codice_fiscale).await?;
    let saved = match existing {
        Some(found) => {
            let mut active = found.into_active_model();
            active.email = Set(email);
            active.phone = Set(phone);
            active.account_id = Set(account_id.to_string());
            active.update(db).await?
        }
        None => {
            registration::ActiveModel {
                codice_fiscale: Set(codice_fiscale.to_string()),
                account_id: Set(account_id.to_string()),
                privacy_version: Set(PRIVACY_VERSION.to_string()),
                consented_at: Set(now),
                email: Set(email),
                phone: Set(phone),
                registered_at: Set(now),
            }
            .insert(db)
            .await?
        }
    };
    Ok(Ok(saved))
}

/// The household member a signed-in person is, matched by codice fiscale.
pub async fn member_for<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<Option<member::Model>, DbErr> {
    member::Entity::find().filter(member::Column::CodiceFiscale.eq(codice_fiscale)).one(db).await
}

/// One-time code rules (docs/rules.md R17; the numbers).
pub const CODE_DIGITS: usize = 6;
pub const CODE_VALID_MINUTES: i64 = 10;
pub const CODE_MAX_TRIES: i32 = 5;
pub const CODE_RESEND_SECONDS: i64 = 60;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the contact is malformed")]
    Malformed,
    #[error("a new code can be sent in {0} seconds")]
    Wait(i64),
    #[error("no code was sent to this contact")]
    NoCode,
    #[error("the code has expired")]
    Expired,
    #[error("too many wrong tries: ask for a new code")]
    TooManyTries,
    #[error("wrong code, {0} tries left")]
    Wrong(i32),
    #[error("database: {0}")]
    Db(String),
}

impl CodeError {
    pub fn code(&self) -> &'static str {
        match self {
            CodeError::Malformed => "malformed",
            CodeError::Wait(_) => "wait",
            CodeError::NoCode => "no_code",
            CodeError::Expired => "expired",
            CodeError::TooManyTries => "too_many_tries",
            CodeError::Wrong(_) => "wrong",
            CodeError::Db(_) => "unavailable",
        }
    }
}

impl From<DbErr> for CodeError {
    fn from(error: DbErr) -> CodeError {
        CodeError::Db(error.to_string())
    }
}

fn code_hash(code_id_salt: &str, code: &str) -> String {
    Sha256::digest(format!("{code_id_salt}:{code}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The latest code sent to a member for a kind of contact.
pub async fn latest_code<C: ConnectionTrait>(
    db: &C,
    member_id: i64,
    kind: ContactKind,
) -> Result<Option<one_time_code::Model>, DbErr> {
    one_time_code::Entity::find()
        .filter(one_time_code::Column::MemberId.eq(member_id))
        .filter(one_time_code::Column::Kind.eq(kind.code()))
        .order_by_desc(one_time_code::Column::Id)
        .one(db)
        .await
}

/// Sends a fresh 6-digit code to `value` through the outbox. Returns the normalised contact.
/// A new code can be asked for only 60 seconds after the previous one.
pub async fn send_code<C: ConnectionTrait>(
    db: &C,
    member_id: i64,
    kind: ContactKind,
    value: &str,
    now: DateTime<Utc>,
) -> Result<String, CodeError> {
    let destination = match kind {
        ContactKind::Mobile => normalize_mobile(value),
        ContactKind::Email => normalize_email(value),
    }
    .ok_or(CodeError::Malformed)?;
    if let Some(previous) = latest_code(db, member_id, kind).await? {
        let since = (now - previous.created_at).num_seconds();
        if since < CODE_RESEND_SECONDS && previous.consumed_at.is_none() {
            return Err(CodeError::Wait(CODE_RESEND_SECONDS - since));
        }
    }
    let code = format!("{:06}", rand::random_range(0..1_000_000u32));
    debug_assert_eq!(code.len(), CODE_DIGITS);
    let salt = format!("{member_id}:{}:{}", kind.code(), now.timestamp_micros());
    one_time_code::ActiveModel {
        member_id: Set(member_id),
        kind: Set(kind.code().to_string()),
        destination: Set(destination.clone()),
        code_hash: Set(format!("{salt}|{}", code_hash(&salt, &code))),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(CODE_VALID_MINUTES)),
        attempts: Set(0),
        consumed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let (channel, subject) = match kind {
        ContactKind::Mobile => ("sms", "SIISL"),
        ContactKind::Email => ("email", "SIISL: codice di conferma / confirmation code"),
    };
    let body = format!(
        "SIISL: il tuo codice di conferma è {code}. Vale {CODE_VALID_MINUTES} minuti. Non comunicarlo a nessuno.\n\
         SIISL: your confirmation code is {code}. It is valid for {CODE_VALID_MINUTES} minutes. Do not share it."
    );
    welfare::citizen_outbox::enqueue(db, channel, &destination, subject, &body, "otp", None, now)
        .await?;
    Ok(destination)
}

/// Checks a code; the right one certifies the contact it was sent to (superseding the old
/// one). At most 5 tries per code, valid 10 minutes; the code is used once.
pub async fn verify_code<C: crate::welfare::Writer>(
    db: &C,
    ctx: &Ctx,
    member_id: i64,
    kind: ContactKind,
    typed: &str,
    used_for_convocations: bool,
) -> Result<String, CodeError> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let latest = latest_code(db, member_id, kind)
        .await?
        .filter(|c| c.consumed_at.is_none())
        .ok_or(CodeError::NoCode)?;
    if latest.attempts >= CODE_MAX_TRIES {
        return Err(CodeError::TooManyTries);
    }
    if ctx.now > latest.expires_at {
        return Err(CodeError::Expired);
    }
    // Take a try atomically before comparing, so concurrent guesses cannot exceed the limit.
    let reserved = one_time_code::Entity::update_many()
        .col_expr(
            one_time_code::Column::Attempts,
            sea_orm::sea_query::ExprTrait::add(
                sea_orm::sea_query::Expr::col(one_time_code::Column::Attempts),
                1,
            ),
        )
        .filter(one_time_code::Column::Id.eq(latest.id))
        .filter(one_time_code::Column::Attempts.lt(CODE_MAX_TRIES))
        .filter(one_time_code::Column::ConsumedAt.is_null())
        .exec(db)
        .await?;
    if reserved.rows_affected != 1 {
        return Err(CodeError::TooManyTries);
    }
    let (salt, hash) = latest.code_hash.split_once('|').unwrap_or(("", ""));
    let matches = typed.len() == CODE_DIGITS
        && typed.chars().all(|c| c.is_ascii_digit())
        && bool::from(code_hash(salt, &typed).as_bytes().ct_eq(hash.as_bytes()));
    if !matches {
        let attempts = latest.attempts + 1;
        return Err(if attempts >= CODE_MAX_TRIES {
            CodeError::TooManyTries
        } else {
            CodeError::Wrong(CODE_MAX_TRIES - attempts)
        });
    }
    // Consume first, conditionally: of two concurrent right answers only one certifies.
    let consumed = one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::ConsumedAt, sea_orm::sea_query::Expr::value(Some(ctx.now)))
        .filter(one_time_code::Column::Id.eq(latest.id))
        .filter(one_time_code::Column::ConsumedAt.is_null())
        .exec(db)
        .await?;
    if consumed.rows_affected != 1 {
        return Err(CodeError::NoCode);
    }
    welfare::certify_contact(db, ctx, member_id, kind, &latest.destination, used_for_convocations)
        .await
        .map_err(|e| CodeError::Db(e.to_string()))?;
    Ok(latest.destination)
}

/// Adds an office to the directory, or updates it (same municipality, kind and name).
pub async fn save_office<C: ConnectionTrait>(
    db: &C,
    office: office::Model,
) -> Result<office::Model, DbErr> {
    let existing = office::Entity::find()
        .filter(office::Column::MunicipalityCode.eq(office.municipality_code.as_str()))
        .filter(office::Column::Kind.eq(office.kind.as_str()))
        .filter(office::Column::Name.eq(office.name.as_str()))
        .one(db)
        .await?;
    match existing {
        Some(found) => {
            let mut active = found.into_active_model();
            active.address = Set(office.address);
            active.opening_hours = Set(office.opening_hours);
            active.phone = Set(office.phone);
            active.email = Set(office.email);
            active.update(db).await
        }
        None => {
            let mut active = office.into_active_model();
            active.id = sea_orm::ActiveValue::NotSet;
            active.insert(db).await
        }
    }
}

pub async fn offices_in<C: ConnectionTrait>(
    db: &C,
    municipality_code: &str,
) -> Result<Vec<office::Model>, DbErr> {
    office::Entity::find()
        .filter(office::Column::MunicipalityCode.eq(municipality_code))
        .order_by_asc(office::Column::Kind)
        .order_by_asc(office::Column::Name)
        .all(db)
        .await
}

/// The municipality (ISTAT code) of the household a signed-in person belongs to, if any.
pub async fn home_municipality<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<Option<String>, DbErr> {
    let Some(me) = member_for(db, codice_fiscale).await? else {
        return Ok(None);
    };
    Ok(crate::entity::household::Entity::find_by_id(me.household_id)
        .one(db)
        .await?
        .map(|home| home.municipality_code))
}
