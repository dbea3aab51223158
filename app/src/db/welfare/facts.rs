//! From stored records to the engine's facts, and the stored next due dates back.

use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::rome_date;
use domain::{
    ApplicationStatus, ConvocationFact, HouseholdFacts, MeetingFact, MemberFacts, Obligation,
    Outcome, Programme, RuleBook, Venue, Who, next_due, obligations,
};
use sea_orm::sea_query::Expr;
use sea_orm::{QueryOrder, entity::prelude::*};

use super::{Ctx, Result, ServiceError};
use crate::db::entity::{application, household, member};

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
    Ok(facts_and_members(db, household_id).await?.0)
}

/// The facts, and the member rows they were read from (which `refresh_due_dates` writes back
/// to). Every service runs this before it commits, so it costs two round trips: the members,
/// and everything else in one `UNION ALL` (see [`FACT_ROWS`]).
async fn facts_and_members<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<(Option<HouseholdFacts>, Vec<member::Model>)> {
    let rows = fact_rows(db, household_id).await?;
    let member_rows = members_of(db, household_id).await?;

    let mut application: Option<(i64, String, String)> = None;
    let mut pad_nucleo_on: Option<NaiveDate> = None;
    let mut individual_pacts: Vec<(i64, NaiveDate)> = Vec::new();
    let mut plans: Vec<(String, Option<i64>, NaiveDate)> = Vec::new();
    let mut meetings = Vec::new();
    let mut convocations = Vec::new();
    let mut sfl_confirmed_on = Vec::new();
    for row in rows {
        let source: i32 = row.try_get_by_index(0)?;
        let id: i64 = row.try_get_by_index(1)?;
        let member: Option<i64> = row.try_get_by_index(2)?;
        let day: Option<NaiveDate> = row.try_get_by_index(3)?;
        let first: Option<DateTime<Utc>> = row.try_get_by_index(4)?;
        let second: Option<DateTime<Utc>> = row.try_get_by_index(5)?;
        let code: Option<String> = row.try_get_by_index(6)?;
        let other_code: Option<String> = row.try_get_by_index(7)?;
        let missing = |what: &str| corrupt(what, "NULL");
        match source {
            SOURCE_APPLICATION => {
                application = Some((
                    member.ok_or_else(|| missing("applicant"))?,
                    code.ok_or_else(|| missing("programme"))?,
                    other_code.ok_or_else(|| missing("status"))?,
                ))
            }
            SOURCE_PAD_NUCLEO => pad_nucleo_on = day,
            SOURCE_PAD_INDIVIDUALE => individual_pacts.push((
                member.ok_or_else(|| missing("pact member"))?,
                day.ok_or_else(|| missing("pact date"))?,
            )),
            SOURCE_PLAN => plans.push((
                code.ok_or_else(|| missing("plan kind"))?,
                member,
                day.ok_or_else(|| missing("plan date"))?,
            )),
            SOURCE_MEETING => {
                let venue = code.unwrap_or_default();
                let outcome = other_code.unwrap_or_default();
                meetings.push(MeetingFact {
                    on: day.ok_or_else(|| missing("meeting date"))?,
                    venue: Venue::from_code(&venue).ok_or_else(|| corrupt("venue", &venue))?,
                    member,
                    outcome: Outcome::from_code(&outcome)
                        .ok_or_else(|| corrupt("outcome", &outcome))?,
                })
            }
            SOURCE_CONVOCATION => {
                let issuer = code.unwrap_or_default();
                convocations.push(ConvocationFact {
                    id,
                    issued_on: rome_date(first.ok_or_else(|| missing("issued_at"))?),
                    appointment_on: rome_date(second.ok_or_else(|| missing("appointment_at"))?),
                    venue: Venue::from_code(&issuer).ok_or_else(|| corrupt("issuer", &issuer))?,
                    member,
                    outcome: match &other_code {
                        Some(code) => {
                            Some(Outcome::from_code(code).ok_or_else(|| corrupt("outcome", code))?)
                        }
                        None => None,
                    },
                })
            }
            SOURCE_SFL_CONFIRMATION => {
                sfl_confirmed_on.push(day.ok_or_else(|| missing("confirmation date"))?)
            }
            other => return Err(corrupt("fact source", &other.to_string())),
        }
    }
    let Some((applicant_member_id, programme, status)) = application else {
        return Ok((None, member_rows));
    };
    let programme =
        Programme::from_code(&programme).ok_or_else(|| corrupt("programme", &programme))?;
    let status = ApplicationStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?;
    let pad_signed_on = match programme {
        Programme::Adi => pad_nucleo_on,
        Programme::Sfl => individual_pacts
            .iter()
            .find(|(member, _)| *member == applicant_member_id)
            .map(|(_, on)| *on),
    };
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
                .filter(|(member, _)| *member == m.id)
                .map(|(_, on)| *on)
                .min(),
            psp_signed_on: plans
                .iter()
                .filter(|(kind, member, _)| kind == "psp" && *member == Some(m.id))
                .map(|(_, _, on)| *on)
                .collect(),
        })
        .collect();
    let facts = HouseholdFacts {
        programme,
        status,
        pad_signed_on,
        members,
        meetings,
        convocations,
        pais_signed_on: plans
            .iter()
            .filter(|(kind, _, _)| kind == "pais")
            .map(|(_, _, on)| *on)
            .collect(),
        // Only SFL beneficiaries confirm their participation (R15).
        sfl_confirmed_on: match programme {
            Programme::Sfl => sfl_confirmed_on,
            Programme::Adi => Vec::new(),
        },
    };
    Ok((Some(facts), member_rows))
}

const SOURCE_APPLICATION: i32 = 0;
const SOURCE_PAD_NUCLEO: i32 = 1;
const SOURCE_PAD_INDIVIDUALE: i32 = 2;
const SOURCE_PLAN: i32 = 3;
const SOURCE_MEETING: i32 = 4;
const SOURCE_CONVOCATION: i32 = 5;
const SOURCE_SFL_CONFIRMATION: i32 = 6;

/// The household's current application (its latest) and the records hanging on it or on the
/// household, as rows of one shape: `(source, id, member, day, first instant, second instant,
/// code, other code)`, each source filling the columns it has. Written for both backends: the
/// NULLs are cast so PostgreSQL can type the union, and SQLite accepts the same casts. Each `{}`
/// is the household id.
const FACT_ROWS: &str = "\
SELECT 0 AS source, a.id, a.applicant_member_id AS member, CAST(NULL AS DATE) AS day, \
       CAST(NULL AS TIMESTAMPTZ) AS first_at, CAST(NULL AS TIMESTAMPTZ) AS second_at, \
       a.programme AS code, a.status AS other_code \
  FROM application a WHERE a.id = (SELECT MAX(id) FROM application WHERE household_id = {}) \
UNION ALL SELECT 1, p.id, CAST(NULL AS BIGINT), p.signed_on, CAST(NULL AS TIMESTAMPTZ), \
       CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS TEXT), CAST(NULL AS TEXT) \
  FROM pad_nucleo p WHERE p.application_id = (SELECT MAX(id) FROM application WHERE household_id = {}) \
UNION ALL SELECT 2, p.id, p.member_id, p.signed_on, CAST(NULL AS TIMESTAMPTZ), \
       CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS TEXT), CAST(NULL AS TEXT) \
  FROM pad_individuale p WHERE p.application_id = (SELECT MAX(id) FROM application WHERE household_id = {}) \
UNION ALL SELECT 3, p.id, p.member_id, p.signed_on, CAST(NULL AS TIMESTAMPTZ), \
       CAST(NULL AS TIMESTAMPTZ), p.kind, CAST(NULL AS TEXT) \
  FROM plan p WHERE p.household_id = {} \
UNION ALL SELECT 4, m.id, m.member_id, m.held_on, CAST(NULL AS TIMESTAMPTZ), \
       CAST(NULL AS TIMESTAMPTZ), m.venue, m.outcome \
  FROM meeting m WHERE m.household_id = {} \
UNION ALL SELECT 5, c.id, c.member_id, CAST(NULL AS DATE), c.issued_at, c.appointment_at, \
       c.issuer, c.outcome \
  FROM convocation c WHERE c.household_id = {} \
UNION ALL SELECT 6, s.id, s.member_id, s.confirmed_on, CAST(NULL AS TIMESTAMPTZ), \
       CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS TEXT), CAST(NULL AS TEXT) \
  FROM sfl_confirmation s WHERE s.application_id = (SELECT MAX(id) FROM application WHERE household_id = {})";

async fn fact_rows<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<Vec<sea_orm::QueryResult>> {
    let backend = db.get_database_backend();
    let mut sql = String::with_capacity(FACT_ROWS.len() + 16);
    let mut values = Vec::new();
    for (i, part) in FACT_ROWS.split("{}").enumerate() {
        if i > 0 {
            values.push(sea_orm::Value::from(household_id));
            match backend {
                sea_orm::DbBackend::Postgres => sql.push_str(&format!("${}", values.len())),
                _ => sql.push('?'),
            }
        }
        sql.push_str(part);
    }
    Ok(db.query_all_raw(sea_orm::Statement::from_sql_and_values(backend, sql, values)).await?)
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
    let (facts, members) = facts_and_members(db, household_id).await?;
    let open = match facts {
        Some(facts) => obligations(&facts, ctx.today(), &ctx.book),
        None => Vec::new(),
    };
    let household_next = next_due(&open, None);
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
