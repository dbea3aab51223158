//! From stored records to the engine's facts, and the stored next due dates back.

use chrono::NaiveDate;
use domain::calendar::rome_date;
use domain::{
    ApplicationStatus, ConvocationFact, HouseholdFacts, MeetingFact, MemberFacts, Obligation,
    Outcome, Programme, RuleBook, Venue, Who, next_due, obligations,
};
use sea_orm::sea_query::Expr;
use sea_orm::{QueryOrder, entity::prelude::*};

use super::{Ctx, Result, ServiceError};
use crate::entity::{
    application, convocation, household, meeting, member, pad_individuale, pad_nucleo, plan,
    sfl_confirmation,
};

pub(super) async fn members_of<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<Vec<member::Model>> {
    Ok(member::Entity::find()
        .filter(member::Column::HouseholdId.eq(household_id))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?)
}

/// The household's current application: the most recent one.
pub async fn current_application<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<Option<application::Model>> {
    Ok(application::Entity::find()
        .filter(application::Column::HouseholdId.eq(household_id))
        .order_by_desc(application::Column::Id)
        .one(db)
        .await?)
}

fn corrupt(what: &str, value: &str) -> ServiceError {
    ServiceError::Db(DbErr::Custom(format!("unknown {what} `{value}` in the database")))
}

/// Everything the deadlines engine needs about a household, or `None` when it has no application.
pub async fn load_facts<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<Option<HouseholdFacts>> {
    Ok(facts_and_rows(db, household_id).await?.facts)
}

/// The facts, and the household and member rows they were read from, which
/// `refresh_due_dates` (run by every service) compares its results with, writing only what
/// changed, without reading them again.
struct FactsAndRows {
    facts: Option<HouseholdFacts>,
    household: Option<household::Model>,
    members: Vec<member::Model>,
}

async fn facts_and_rows<C: ConnectionTrait>(db: &C, household_id: i64) -> Result<FactsAndRows> {
    // The household with its most recent application, in one query.
    let Some((household, application)) = household::Entity::find_by_id(household_id)
        .find_also_related(application::Entity)
        .order_by_desc(application::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(FactsAndRows { facts: None, household: None, members: Vec::new() });
    };
    let Some(application) = application else {
        let members = members_of(db, household_id).await?;
        return Ok(FactsAndRows { facts: None, household: Some(household), members });
    };
    let programme = Programme::from_code(&application.programme)
        .ok_or_else(|| corrupt("programme", &application.programme))?;
    let status = ApplicationStatus::from_code(&application.status)
        .ok_or_else(|| corrupt("status", &application.status))?;

    let individual_pacts = pad_individuale::Entity::find()
        .filter(pad_individuale::Column::ApplicationId.eq(application.id))
        .all(db)
        .await?;
    let plans =
        plan::Entity::find().filter(plan::Column::HouseholdId.eq(household_id)).all(db).await?;
    let pad_signed_on = match programme {
        Programme::Adi => pad_nucleo::Entity::find()
            .filter(pad_nucleo::Column::ApplicationId.eq(application.id))
            .one(db)
            .await?
            .map(|pad| pad.signed_on),
        Programme::Sfl => individual_pacts
            .iter()
            .find(|pad| pad.member_id == application.applicant_member_id)
            .map(|pad| pad.signed_on),
    };

    let member_rows = members_of(db, household_id).await?;
    let members = member_rows
        .iter()
        .map(|m| MemberFacts {
            id: m.id,
            birth_date: m.birth_date,
            disabled: m.disabled,
            care_duties: m.care_duties,
            gender_violence_victim: m.gender_violence_victim,
            attivabile: m.attivabile,
            pad_individuale_signed_on: individual_pacts
                .iter()
                .filter(|pad| pad.member_id == m.id)
                .map(|pad| pad.signed_on)
                .min(),
            psp_signed_on: plans
                .iter()
                .filter(|p| p.kind == "psp" && p.member_id == Some(m.id))
                .map(|p| p.signed_on)
                .collect(),
        })
        .collect();

    let meetings = meeting::Entity::find()
        .filter(meeting::Column::HouseholdId.eq(household_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(MeetingFact {
                on: m.held_on,
                venue: Venue::from_code(&m.venue).ok_or_else(|| corrupt("venue", &m.venue))?,
                member: m.member_id,
                outcome: Outcome::from_code(&m.outcome)
                    .ok_or_else(|| corrupt("outcome", &m.outcome))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let convocations = convocation::Entity::find()
        .filter(convocation::Column::HouseholdId.eq(household_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            Ok(ConvocationFact {
                id: c.id,
                issued_on: rome_date(c.issued_at),
                appointment_on: rome_date(c.appointment_at),
                venue: Venue::from_code(&c.issuer).ok_or_else(|| corrupt("issuer", &c.issuer))?,
                member: c.member_id,
                outcome: match &c.outcome {
                    Some(code) => {
                        Some(Outcome::from_code(code).ok_or_else(|| corrupt("outcome", code))?)
                    }
                    None => None,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;

    // Only SFL beneficiaries confirm their participation (R15).
    let sfl_confirmed_on = match programme {
        Programme::Sfl => sfl_confirmation::Entity::find()
            .filter(sfl_confirmation::Column::ApplicationId.eq(application.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.confirmed_on)
            .collect(),
        Programme::Adi => Vec::new(),
    };

    let facts = HouseholdFacts {
        programme,
        status,
        pad_signed_on,
        members,
        meetings,
        convocations,
        pais_signed_on: plans.iter().filter(|p| p.kind == "pais").map(|p| p.signed_on).collect(),
        sfl_confirmed_on,
    };
    Ok(FactsAndRows { facts: Some(facts), household: Some(household), members: member_rows })
}

/// The household's open obligations on `today`.
pub async fn household_obligations<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
    today: NaiveDate,
    book: &RuleBook,
) -> Result<Vec<Obligation>> {
    Ok(match load_facts(db, household_id).await? {
        Some(facts) => obligations(&facts, today, book),
        None => Vec::new(),
    })
}

/// Recomputes and stores the next due date of the household and of each member. Called by
/// every service after it changes a fact, inside its transaction; never edited by hand.
pub async fn refresh_due_dates<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    household_id: i64,
) -> Result<()> {
    let FactsAndRows { facts, household, members } = facts_and_rows(db, household_id).await?;
    let Some(household) = household else {
        return Ok(());
    };
    let open = match facts {
        Some(facts) => obligations(&facts, ctx.today(), &ctx.book),
        None => Vec::new(),
    };
    let household_next = next_due(&open, None);
    // Most changes leave the next due date where it was: then nothing is written.
    if household.next_due_on != household_next.map(|n| n.due_on)
        || household.next_due_kind.as_deref() != household_next.map(|n| n.kind.code())
    {
        household::Entity::update_many()
            .col_expr(household::Column::NextDueOn, Expr::value(household_next.map(|n| n.due_on)))
            .col_expr(
                household::Column::NextDueKind,
                Expr::value(household_next.map(|n| n.kind.code().to_string())),
            )
            .col_expr(household::Column::UpdatedAt, Expr::value(ctx.now))
            .filter(household::Column::Id.eq(household_id))
            .exec(db)
            .await?;
    }
    for member in members {
        let next = next_due(&open, Some(Who::Member(member.id)));
        if member.next_due_on == next.map(|n| n.due_on)
            && member.next_due_kind.as_deref() == next.map(|n| n.kind.code())
        {
            continue;
        }
        member::Entity::update_many()
            .col_expr(member::Column::NextDueOn, Expr::value(next.map(|n| n.due_on)))
            .col_expr(
                member::Column::NextDueKind,
                Expr::value(next.map(|n| n.kind.code().to_string())),
            )
            .filter(member::Column::Id.eq(member.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Recomputes the stored next due dates of every household. Facts can change with time alone
/// (a member turning 60 stops owing presentations, R22), so this runs daily
/// (`siisl refresh-due-dates`) as well as after every change. Returns how many households.
pub async fn refresh_all_due_dates<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> Result<usize> {
    let ids: Vec<i64> =
        household::Entity::find().all(db).await?.into_iter().map(|h| h.id).collect();
    for id in &ids {
        refresh_due_dates(db, ctx, *id).await?;
    }
    Ok(ids.len())
}
