//! The PaIS (the household's inclusion pact, social services) and the PSP (a member's service
//! pact, job centre), with their activities. Each signature or update is a new revision;
//! earlier ones are kept. Signing resets the 90-day count (R22) and meets R25 for the PSP.

use chrono::NaiveDate;
use domain::{Venue, calendar};
use sea_orm::{ActiveValue::Set, QueryOrder, TransactionSession, entity::prelude::*};
use serde_json::json;

use super::facts::{current_application, refresh_due_dates};
use super::meetings::reinstate_if_met;
use super::{
    Ctx, NotificationKind, Result, ServiceError, Writer, begin_write, invalid, notify,
    notify_adults,
};
use crate::entity::{member, plan, plan_activity};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanKind {
    Pais,
    Psp,
}

impl PlanKind {
    pub fn code(self) -> &'static str {
        match self {
            PlanKind::Pais => "pais",
            PlanKind::Psp => "psp",
        }
    }

    pub fn venue(self) -> Venue {
        match self {
            PlanKind::Pais => Venue::SocialServices,
            PlanKind::Psp => Venue::Cpi,
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewActivity {
    pub title: String,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub hours_per_week: Option<i32>,
}

#[derive(Clone, Debug)]
pub struct NewPlan {
    pub kind: PlanKind,
    pub household_id: i64,
    /// The member a PSP is for; `None` for a PaIS.
    pub member_id: Option<i64>,
    pub signed_on: NaiveDate,
    pub summary: String,
    pub operator_name: String,
    pub activities: Vec<NewActivity>,
}

/// Records a signed PaIS or PSP, or an update of one, as a new revision with its activities.
pub async fn sign_plan<C: Writer>(db: &C, ctx: &Ctx, new: &NewPlan) -> Result<plan::Model> {
    if let Some(problem) =
        calendar::implausible(new.signed_on, calendar::PROGRAMMES_START, ctx.today())
    {
        return invalid("signed_on", problem);
    }
    if new.summary.trim().is_empty() {
        return invalid("summary", "required");
    }
    if new.operator_name.trim().is_empty() {
        return invalid("operator_name", "required");
    }
    for activity in &new.activities {
        if activity.title.trim().is_empty() {
            return invalid("activity_title", "required");
        }
        if let Some(problem) = calendar::implausible_planned(activity.starts_on, ctx.today()) {
            return invalid("activity_starts_on", problem);
        }
        if activity.ends_on.is_some_and(|end| end < activity.starts_on) {
            return invalid("activity_ends_on", "before_start");
        }
        if let Some(problem) =
            activity.ends_on.and_then(|end| calendar::implausible_planned(end, ctx.today()))
        {
            return invalid("activity_ends_on", problem);
        }
        if activity.hours_per_week.is_some_and(|h| !(1..=48).contains(&h)) {
            return invalid("activity_hours_per_week", "out_of_range");
        }
    }
    let txn = begin_write(db).await?;
    let application = current_application(&txn, new.household_id)
        .await?
        .ok_or(ServiceError::NotFound("application"))?;
    let member_id = match (new.kind, new.member_id) {
        (PlanKind::Pais, None) => None,
        (PlanKind::Psp, Some(id)) => {
            let found = member::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|m| m.household_id == new.household_id)
                .ok_or(ServiceError::NotFound("member"))?;
            if !found.attivabile && application.programme == domain::Programme::Adi.code() {
                return invalid("member_id", "not_attivabile");
            }
            Some(id)
        }
        (PlanKind::Pais, Some(_)) => return invalid("member_id", "pais_is_for_the_household"),
        (PlanKind::Psp, None) => return invalid("member_id", "required"),
    };
    let mut previous = plan::Entity::find()
        .filter(plan::Column::HouseholdId.eq(new.household_id))
        .filter(plan::Column::Kind.eq(new.kind.code()));
    previous = match member_id {
        Some(id) => previous.filter(plan::Column::MemberId.eq(id)),
        None => previous.filter(plan::Column::MemberId.is_null()),
    };
    let revision = previous
        .order_by_desc(plan::Column::Revision)
        .one(&txn)
        .await?
        .map_or(1, |p| p.revision + 1);
    let stored = plan::ActiveModel {
        kind: Set(new.kind.code().to_string()),
        household_id: Set(new.household_id),
        member_id: Set(member_id),
        revision: Set(revision),
        signed_on: Set(new.signed_on),
        summary: Set(new.summary.trim().to_string()),
        operator_name: Set(new.operator_name.trim().to_string()),
        recorded_at: Set(ctx.now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for activity in &new.activities {
        plan_activity::ActiveModel {
            plan_id: Set(stored.id),
            title: Set(activity.title.trim().to_string()),
            provider: Set(activity.provider.trim().to_string()),
            starts_on: Set(activity.starts_on),
            ends_on: Set(activity.ends_on),
            hours_per_week: Set(activity.hours_per_week),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let params =
        json!({ "kind": new.kind.code(), "revision": revision, "signed_on": new.signed_on });
    match member_id {
        Some(id) => {
            notify(&txn, ctx, new.household_id, id, NotificationKind::PlanSigned, params).await?
        }
        None => {
            notify_adults(&txn, ctx, new.household_id, NotificationKind::PlanSigned, params).await?
        }
    }
    refresh_due_dates(&txn, ctx, new.household_id).await?;
    reinstate_if_met(&txn, ctx, &application, "Patto sottoscritto").await?;
    txn.commit().await?;
    Ok(stored)
}

/// The latest revision of each plan of the household, with its activities.
pub async fn current_plans<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<Vec<(plan::Model, Vec<plan_activity::Model>)>> {
    let all = plan::Entity::find()
        .filter(plan::Column::HouseholdId.eq(household_id))
        .order_by_desc(plan::Column::Revision)
        .all(db)
        .await?;
    let mut latest: Vec<plan::Model> = Vec::new();
    for p in all {
        if !latest.iter().any(|l| l.kind == p.kind && l.member_id == p.member_id) {
            latest.push(p);
        }
    }
    let mut result = Vec::new();
    for p in latest {
        let activities = plan_activity::Entity::find()
            .filter(plan_activity::Column::PlanId.eq(p.id))
            .order_by_asc(plan_activity::Column::StartsOn)
            .all(db)
            .await?;
        result.push((p, activities));
    }
    Ok(result)
}
