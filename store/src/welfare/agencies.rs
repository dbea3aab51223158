//! The registry of employment agencies (APL) and their branches, which SFL applicants choose
//! from when they sign the PAD individuale (R14), and the SFL applicant's confirmation of
//! enrolment that comes before it.

use domain::{ApplicationStatus, Programme};
use sea_orm::{ActiveValue::Set, QueryOrder, entity::prelude::*};
use serde_json::json;

use super::facts::current_application;
use super::{
    Ctx, NotificationKind, Result, ServiceError, Writer, begin_write, finish, invalid, notify,
    status_of,
};
use crate::entity::{agency, agency_branch, member, sfl_enrolment};

#[derive(Clone, Debug)]
pub struct NewBranch {
    pub municipality_code: String,
    pub address: String,
    pub phone: String,
    pub email: String,
}

#[derive(Clone, Debug)]
pub struct NewAgency {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub branches: Vec<NewBranch>,
}

/// An agency with its branches, as the PAD individuale lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyListing {
    pub agency: agency::Model,
    pub branches: Vec<agency_branch::Model>,
}

/// Adds an agency to the registry with its branches; an agency whose code is registered
/// already is left as it is (the registry is loaded, not edited, here).
pub async fn register_agency<C: Writer>(db: &C, new: &NewAgency) -> Result<agency::Model> {
    let code = new.code.trim();
    if code.is_empty() || code.len() > 40 {
        return invalid("code", "required");
    }
    if new.name.trim().is_empty() {
        return invalid("name", "required");
    }
    let txn = begin_write(db).await?;
    if let Some(existing) =
        agency::Entity::find().filter(agency::Column::Code.eq(code)).one(&txn).await?
    {
        return Ok(existing);
    }
    let saved = agency::ActiveModel {
        code: Set(code.to_string()),
        name: Set(new.name.trim().to_string()),
        kind: Set(new.kind.clone()),
        active: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for b in &new.branches {
        agency_branch::ActiveModel {
            agency_id: Set(saved.id),
            municipality_code: Set(b.municipality_code.clone()),
            address: Set(b.address.clone()),
            phone: Set(b.phone.clone()),
            email: Set(b.email.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(saved)
}

/// Every active agency with its branches, by name.
pub async fn active_agencies<C: ConnectionTrait>(db: &C) -> Result<Vec<AgencyListing>> {
    let agencies = agency::Entity::find()
        .filter(agency::Column::Active.eq(true))
        .order_by_asc(agency::Column::Name)
        .all(db)
        .await?;
    let mut branches = agency_branch::Entity::find()
        .filter(agency_branch::Column::AgencyId.is_in(agencies.iter().map(|a| a.id)))
        .order_by_asc(agency_branch::Column::Id)
        .all(db)
        .await?;
    Ok(agencies
        .into_iter()
        .map(|agency| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                std::mem::take(&mut branches).into_iter().partition(|b| b.agency_id == agency.id);
            branches = rest;
            AgencyListing { agency, branches: mine }
        })
        .collect())
}

/// The codes among `codes` that are active agencies in the registry.
pub(super) async fn known_agencies<C: ConnectionTrait>(
    db: &C,
    codes: &[String],
) -> Result<Vec<String>> {
    Ok(agency::Entity::find()
        .filter(agency::Column::Active.eq(true))
        .filter(agency::Column::Code.is_in(codes.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.code)
        .collect())
}

/// The SFL applicant confirms enrolment once INPS's automatic check has accepted the
/// application (R14): the first step of the SFL path, before the CV and the PAD individuale.
/// Confirming twice returns the first confirmation.
pub async fn confirm_sfl_enrolment<C: Writer>(
    db: &C,
    ctx: &Ctx,
    member_id: i64,
) -> Result<sfl_enrolment::Model> {
    let txn = begin_write(db).await?;
    let who = member::Entity::find_by_id(member_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("member"))?;
    let application = current_application(&txn, who.household_id)
        .await?
        .ok_or(ServiceError::NotFound("application"))?;
    if application.programme != Programme::Sfl.code() {
        return invalid("application", "not_sfl");
    }
    if application.applicant_member_id != member_id {
        return Err(ServiceError::NotApplicant);
    }
    if let Some(done) = enrolment_of(&txn, application.id).await? {
        return Ok(done);
    }
    let status = status_of(&application)?;
    if status != ApplicationStatus::Accepted {
        return Err(ServiceError::Transition { from: status, to: ApplicationStatus::Active });
    }
    let confirmed = sfl_enrolment::ActiveModel {
        application_id: Set(application.id),
        member_id: Set(member_id),
        confirmed_at: Set(ctx.now),
        confirmed_on: Set(ctx.today()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    notify(
        &txn,
        ctx,
        who.household_id,
        member_id,
        NotificationKind::SflEnrolmentConfirmed,
        json!({ "on": ctx.today() }),
    )
    .await?;
    finish(txn, ctx, who.household_id).await?;
    Ok(confirmed)
}

/// The enrolment confirmation of an SFL application, if given.
pub async fn enrolment_of<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
) -> Result<Option<sfl_enrolment::Model>> {
    Ok(sfl_enrolment::Entity::find()
        .filter(sfl_enrolment::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?)
}
