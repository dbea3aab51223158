//! The registry of organisations that publish on SIISL, and who acts for them. An organisation
//! is requested (by a SIISL administrator, or by a person for their own organisation), then
//! approved or refused by a SIISL administrator, who names its first administrator; from then
//! on its administrators invite people by codice fiscale as administrators or members, and
//! remove them. One person may act for several organisations.
//!
//! The rules live here, so every way in (pages, the CLI, the machine API) keeps them: codes
//! checked per kind (check digits, a Comune's ISTAT code in the register), one organisation per
//! kind and code, only an approved organisation's active administrators change its people, and
//! an organisation never loses its last administrator. Callers audit each change.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, IntoActiveModel, QueryOrder, SqlErr, TransactionSession, entity::prelude::*,
};

use contract::identity::{CodiceFiscale, TaxCode};
use contract::organisations::{OrganisationKind, OrganisationRole, OrganisationStatus};

/// A row of the registry, as the functions below return it.
pub use crate::entity::organisation::Model as Organisation;
/// A person's place in an organisation.
pub use crate::entity::organisation_member::Model as OrganisationMember;
use crate::entity::{municipality, organisation, organisation_member};
use crate::welfare::Writer;

/// Longest organisation name kept (the column's size).
pub const NAME_MAX: usize = 200;

/// An organisation as it is asked for.
#[derive(Clone, Debug)]
pub struct NewOrganisation {
    pub kind: OrganisationKind,
    /// Partita IVA or sole trader's codice fiscale; a Comune's 6-digit ISTAT code.
    pub code: String,
    /// Ignored for a Comune, whose name comes from the ISTAT register.
    pub name: String,
    /// Where the organisation's notices go.
    pub contact_email: String,
}

/// Why a request was refused: a field and what is wrong with it (message codes), or an
/// organisation of that kind and code already in the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestRefused {
    Invalid(Vec<(&'static str, &'static str)>),
    AlreadyRegistered,
}

/// Checks the request field by field: every problem at once, so a form can show them all.
async fn validate<C: ConnectionTrait>(
    db: &C,
    new: &NewOrganisation,
) -> Result<Result<(String, String), Vec<(&'static str, &'static str)>>, DbErr> {
    let mut problems = Vec::new();
    let code = new.code.trim();
    let (code, register_name) = match new.kind {
        OrganisationKind::Comune => {
            let found = if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
                municipality::Entity::find()
                    .filter(municipality::Column::IstatCode.eq(code))
                    .one(db)
                    .await?
            } else {
                None
            };
            match found {
                Some(comune) => (code.to_string(), Some(format!("Comune di {}", comune.name))),
                None => {
                    problems.push(("code", "istat_unknown"));
                    (code.to_string(), None)
                }
            }
        }
        _ => match TaxCode::parse(code) {
            Ok(tax_code) => (tax_code.as_str().to_string(), None),
            Err(error) => {
                problems.push(("code", tax_code_problem(error)));
                (code.to_string(), None)
            }
        },
    };
    let typed = register_name.unwrap_or_else(|| new.name.trim().to_string());
    let name = match domain::text::accept(&typed, domain::text::Lines::One) {
        Ok(name) if name.is_empty() => {
            problems.push(("name", "required"));
            name
        }
        Ok(name) if name.chars().count() > NAME_MAX => {
            problems.push(("name", "too_long"));
            name
        }
        Ok(name) => name,
        Err(problem) => {
            problems.push(("name", problem.code()));
            typed
        }
    };
    let email = new.contact_email.trim();
    if email.is_empty() {
        problems.push(("contact_email", "required"));
    } else if !domain::cv::plausible_email(email) {
        problems.push(("contact_email", "email"));
    }
    Ok(if problems.is_empty() { Ok((code, name)) } else { Err(problems) })
}

fn tax_code_problem(error: contract::identity::TaxCodeError) -> &'static str {
    use contract::identity::{CodiceFiscaleError, PartitaIvaError, TaxCodeError};
    match error {
        TaxCodeError::Company(PartitaIvaError::CheckDigit)
        | TaxCodeError::Person(CodiceFiscaleError::CheckCharacter) => "check_digit",
        TaxCodeError::Company(PartitaIvaError::Format)
        | TaxCodeError::Person(CodiceFiscaleError::Format | CodiceFiscaleError::Length) => {
            "tax_code_format"
        }
    }
}

/// Records a request for an organisation, pending a SIISL administrator's decision.
pub async fn request<C: ConnectionTrait>(
    db: &C,
    new: &NewOrganisation,
    requested_by: &CodiceFiscale,
    now: DateTime<Utc>,
) -> Result<Result<Organisation, RequestRefused>, DbErr> {
    let (code, name) = match validate(db, new).await? {
        Ok(valid) => valid,
        Err(problems) => return Ok(Err(RequestRefused::Invalid(problems))),
    };
    let row = organisation::ActiveModel {
        kind: Set(new.kind.code().to_string()),
        code: Set(code),
        name: Set(name),
        status: Set(OrganisationStatus::Pending.code().to_string()),
        requested_by: Set(requested_by.as_str().to_string()),
        requested_at: Set(now),
        decided_by: Set(None),
        decided_at: Set(None),
        contact_email: Set(Some(new.contact_email.trim().to_string())),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(saved) => Ok(Ok(saved)),
        // The unique index on (kind, code) decides, also between two requests at once.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Ok(Err(RequestRefused::AlreadyRegistered))
        }
        Err(error) => Err(error),
    }
}

/// Why a decision was not recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionRefused {
    NotFound,
    /// Approved or refused already (by someone else, perhaps a moment ago).
    AlreadyDecided,
}

/// A SIISL administrator approves a pending organisation, naming its first administrator, or
/// refuses it. Both in one transaction: an approved organisation always has an administrator.
pub async fn decide<C: Writer>(
    db: &C,
    id: i64,
    decided_by: &CodiceFiscale,
    approve_with_administrator: Option<&CodiceFiscale>,
    now: DateTime<Utc>,
) -> Result<Result<Organisation, DecisionRefused>, DbErr> {
    let status = match approve_with_administrator {
        Some(_) => OrganisationStatus::Approved,
        None => OrganisationStatus::Refused,
    };
    let txn = db.begin_with_options(db.write_options()).await?;
    // Only a pending row moves: of two decisions at once, one updates and the other finds
    // nothing to update.
    let moved = organisation::Entity::update_many()
        .col_expr(organisation::Column::Status, Expr::value(status.code()))
        .col_expr(organisation::Column::DecidedBy, Expr::value(decided_by.as_str()))
        .col_expr(organisation::Column::DecidedAt, Expr::value(now))
        .filter(organisation::Column::Id.eq(id))
        .filter(organisation::Column::Status.eq(OrganisationStatus::Pending.code()))
        .exec(&txn)
        .await?;
    if moved.rows_affected == 0 {
        let exists = organisation::Entity::find_by_id(id).one(&txn).await?.is_some();
        return Ok(Err(if exists {
            DecisionRefused::AlreadyDecided
        } else {
            DecisionRefused::NotFound
        }));
    }
    if let Some(first) = approve_with_administrator {
        put_member(&txn, id, first, OrganisationRole::Administrator, decided_by, now).await?;
    }
    let decided = organisation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("organisation {id}")))?;
    TransactionSession::commit(txn).await?;
    Ok(Ok(decided))
}

/// Adds the person with `role`, or gives a removed person their place back with it.
async fn put_member<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    person: &CodiceFiscale,
    role: OrganisationRole,
    invited_by: &CodiceFiscale,
    now: DateTime<Utc>,
) -> Result<OrganisationMember, DbErr> {
    let existing = member_row(db, organisation_id, person.as_str()).await?;
    match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.role = Set(role.code().to_string());
            row.invited_by = Set(invited_by.as_str().to_string());
            row.invited_at = Set(now);
            row.revoked_at = Set(None);
            row.update(db).await
        }
        None => {
            organisation_member::ActiveModel {
                organisation_id: Set(organisation_id),
                codice_fiscale: Set(person.as_str().to_string()),
                role: Set(role.code().to_string()),
                invited_by: Set(invited_by.as_str().to_string()),
                invited_at: Set(now),
                revoked_at: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await
        }
    }
}

async fn member_row<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    person: &str,
) -> Result<Option<OrganisationMember>, DbErr> {
    organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation_id))
        .filter(organisation_member::Column::CodiceFiscale.eq(person))
        .one(db)
        .await
}

/// Why a change to an organisation's people was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleRefused {
    /// The one asking is not an active administrator of this approved organisation (or the
    /// organisation does not exist: the same answer, so nobody learns which exist).
    NotAllowed,
    /// Already acting for it with that role.
    AlreadyThere,
    NotThere,
    /// The change would leave the organisation without an administrator.
    LastAdministrator,
}

/// Whether `person` is an active administrator of the approved organisation `organisation_id`.
async fn administers<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    person: &str,
) -> Result<bool, DbErr> {
    let approved = organisation::Entity::find_by_id(organisation_id)
        .filter(organisation::Column::Status.eq(OrganisationStatus::Approved.code()))
        .one(db)
        .await?
        .is_some();
    Ok(approved
        && member_row(db, organisation_id, person).await?.is_some_and(|m| {
            m.revoked_at.is_none() && m.role == OrganisationRole::Administrator.code()
        }))
}

/// Whether `current` is the organisation's only active administrator, so stepping down or
/// leaving would leave it with none.
async fn is_last_administrator<C: ConnectionTrait>(
    db: &C,
    current: &OrganisationMember,
) -> Result<bool, DbErr> {
    if current.role != OrganisationRole::Administrator.code() {
        return Ok(false);
    }
    let administrators = organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(current.organisation_id))
        .filter(organisation_member::Column::Role.eq(OrganisationRole::Administrator.code()))
        .filter(organisation_member::Column::RevokedAt.is_null())
        .count(db)
        .await?;
    Ok(administrators <= 1)
}

/// An organisation's administrator lets `person` act for it with `role` (or changes the role
/// of someone already there).
pub async fn invite<C: Writer>(
    db: &C,
    organisation_id: i64,
    by: &CodiceFiscale,
    person: &CodiceFiscale,
    role: OrganisationRole,
    now: DateTime<Utc>,
) -> Result<Result<OrganisationMember, PeopleRefused>, DbErr> {
    let txn = db.begin_with_options(db.write_options()).await?;
    if !administers(&txn, organisation_id, by.as_str()).await? {
        return Ok(Err(PeopleRefused::NotAllowed));
    }
    let current = member_row(&txn, organisation_id, person.as_str()).await?;
    if let Some(current) = &current
        && current.revoked_at.is_none()
    {
        if current.role == role.code() {
            return Ok(Err(PeopleRefused::AlreadyThere));
        }
        if is_last_administrator(&txn, current).await? {
            return Ok(Err(PeopleRefused::LastAdministrator));
        }
    }
    let saved = put_member(&txn, organisation_id, person, role, by, now).await?;
    TransactionSession::commit(txn).await?;
    Ok(Ok(saved))
}

/// An organisation's administrator stops `person` acting for it (themselves included, unless
/// they are the last administrator).
pub async fn remove<C: Writer>(
    db: &C,
    organisation_id: i64,
    by: &CodiceFiscale,
    person: &CodiceFiscale,
    now: DateTime<Utc>,
) -> Result<Result<(), PeopleRefused>, DbErr> {
    let txn = db.begin_with_options(db.write_options()).await?;
    if !administers(&txn, organisation_id, by.as_str()).await? {
        return Ok(Err(PeopleRefused::NotAllowed));
    }
    let Some(current) = member_row(&txn, organisation_id, person.as_str())
        .await?
        .filter(|m| m.revoked_at.is_none())
    else {
        return Ok(Err(PeopleRefused::NotThere));
    };
    if is_last_administrator(&txn, &current).await? {
        return Ok(Err(PeopleRefused::LastAdministrator));
    }
    let mut row = current.into_active_model();
    row.revoked_at = Set(Some(now));
    row.update(&txn).await?;
    TransactionSession::commit(txn).await?;
    Ok(Ok(()))
}

/// An organisation a person may act for, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    pub organisation: Organisation,
    pub role: OrganisationRole,
}

/// The approved organisations `person` may act for now, by name: what they choose from at
/// sign-in.
pub async fn memberships_of<C: ConnectionTrait>(
    db: &C,
    person: &str,
) -> Result<Vec<Membership>, DbErr> {
    let rows = organisation_member::Entity::find()
        .filter(organisation_member::Column::CodiceFiscale.eq(person))
        .filter(organisation_member::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(rows.iter().map(|m| m.organisation_id)))
        .filter(organisation::Column::Status.eq(OrganisationStatus::Approved.code()))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?;
    Ok(organisations
        .into_iter()
        .filter_map(|organisation| {
            let row = rows.iter().find(|m| m.organisation_id == organisation.id)?;
            let role = OrganisationRole::from_code(&row.role)?;
            Some(Membership { organisation, role })
        })
        .collect())
}

/// The people acting for an organisation now, administrators first.
pub async fn people_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
) -> Result<Vec<OrganisationMember>, DbErr> {
    organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation_id))
        .filter(organisation_member::Column::RevokedAt.is_null())
        .order_by_asc(organisation_member::Column::Role)
        .order_by_asc(organisation_member::Column::CodiceFiscale)
        .all(db)
        .await
}

/// An approved organisation `person` acts for now, with their role there: what the session
/// middleware asks on every request of a session acting for it, so a removal or a suspension
/// takes effect at once.
pub async fn membership<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    person: &str,
) -> Result<Option<Membership>, DbErr> {
    let Some(row) = organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation_id))
        .filter(organisation_member::Column::CodiceFiscale.eq(person))
        .filter(organisation_member::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let organisation = organisation::Entity::find_by_id(organisation_id)
        .filter(organisation::Column::Status.eq(OrganisationStatus::Approved.code()))
        .one(db)
        .await?;
    Ok(organisation.and_then(|organisation| {
        OrganisationRole::from_code(&row.role).map(|role| Membership { organisation, role })
    }))
}

/// Every organisation in the registry with its status, newest request first (administrators).
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<Organisation>, DbErr> {
    organisation::Entity::find()
        .order_by_desc(organisation::Column::RequestedAt)
        .order_by_desc(organisation::Column::Id)
        .all(db)
        .await
}

/// Organisations waiting for a decision, oldest first (the administrators' queue).
pub async fn pending<C: ConnectionTrait>(db: &C) -> Result<Vec<Organisation>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrganisationStatus::Pending.code()))
        .order_by_asc(organisation::Column::RequestedAt)
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await
}
