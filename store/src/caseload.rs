//! Caseloads: assignments, the operator's dashboard, a household's file and the log of every
//! look at it. Every query that reads a household for an operator is scoped by that operator's
//! assignments: a household that is not assigned reads as one that does not exist.

use chrono::{DateTime, NaiveDate, Utc};
use domain::caseload::{Reason, Window};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, SqlErr, TransactionSession, TransactionTrait, entity::prelude::*,
};

use super::catalog::Sql;
use super::entity::{
    application, assignment, certified_contact, convocation, data_access, household, member,
    pad_nucleo, status_change,
};
use super::local_time::rome_time;
use crate::entity::operator;
use contract::caseload::ACCESS_MINUTES;
use contract::caseload::{
    AccessLine, AssignmentLine, ContactLine, DASHBOARD_PAGE_SIZE, DashSort, DashboardQuery,
    DashboardRow, DashboardView, FileAnswer, HouseholdFile, MemberLine, RequestLine, StatusStep,
};
use contract::policy::Role;

/// What an assignment is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A whole household, to a social-services case manager.
    Household(i64),
    /// An attivabile member, to a job-centre operator.
    Member(i64),
}

#[derive(Debug, thiserror::Error)]
pub enum AssignError {
    #[error("no such active operator")]
    NoOperator,
    #[error("no such household or member")]
    NotFound,
    /// Case managers follow households; job-centre operators follow attivabili members.
    #[error("this operator's role does not follow this kind of subject")]
    WrongRole,
    #[error("the member is not attivabile")]
    NotAttivabile,
    #[error("already assigned")]
    Already,
    #[error(transparent)]
    Db(#[from] DbErr),
}

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A new assignment row: one operator, one subject (`household:{id}` or `member:{id}`).
fn new_assignment(
    operator_cf: &str,
    household_id: i64,
    member_id: Option<i64>,
    subject: String,
    now: DateTime<Utc>,
    by: &str,
) -> assignment::ActiveModel {
    assignment::ActiveModel {
        operator_codice_fiscale: Set(operator_cf.to_string()),
        household_id: Set(household_id),
        member_id: Set(member_id),
        subject: Set(subject),
        assigned_at: Set(now),
        assigned_by: Set(by.chars().take(100).collect()),
        ..Default::default()
    }
}

/// Assigns a household or member to an operator (an administrator's act, or the demo's).
pub async fn assign<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    subject: Subject,
    by: &str,
    now: DateTime<Utc>,
) -> Result<assignment::Model, AssignError> {
    let operator = operator::Entity::find_by_id(operator_cf)
        .one(db)
        .await?
        .filter(|o| o.active)
        .ok_or(AssignError::NoOperator)?;
    let role = Role::from_code(&operator.role);
    let (household_id, member_id, key) = match subject {
        Subject::Household(id) => {
            if role != Some(Role::CaseManager) {
                return Err(AssignError::WrongRole);
            }
            household::Entity::find_by_id(id).one(db).await?.ok_or(AssignError::NotFound)?;
            (id, None, format!("household:{id}"))
        }
        Subject::Member(id) => {
            if role != Some(Role::CpiOperator) {
                return Err(AssignError::WrongRole);
            }
            let member =
                member::Entity::find_by_id(id).one(db).await?.ok_or(AssignError::NotFound)?;
            if !member.attivabile {
                return Err(AssignError::NotAttivabile);
            }
            (member.household_id, Some(id), format!("member:{id}"))
        }
    };
    let inserted =
        new_assignment(operator_cf, household_id, member_id, key, now, by).insert(db).await;
    match inserted {
        Ok(row) => Ok(row),
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(AssignError::Already)
        }
        Err(error) => Err(error.into()),
    }
}

/// What a bulk assignment covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Area {
    /// Every household of a municipality (cadastral code), to a case manager.
    Municipality(String),
    /// Every attivabile member of the households of a province (a job centre's area, by its
    /// province code), to a job-centre operator.
    Province(String),
}

/// What a bulk assignment did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bulk {
    pub assigned: usize,
    /// Already assigned to this operator before: left as they were.
    pub already: usize,
}

/// Assigns everything in `area` that is not assigned to the operator yet, in one transaction:
/// all of it or, on a failure, none of it.
pub async fn assign_area<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    operator_cf: &str,
    area: &Area,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Bulk, AssignError> {
    use crate::entity::municipality;
    let operator = operator::Entity::find_by_id(operator_cf)
        .one(db)
        .await?
        .filter(|o| o.active)
        .ok_or(AssignError::NoOperator)?;
    let role = Role::from_code(&operator.role);
    let municipalities: Vec<String> = match area {
        Area::Municipality(code) => {
            if role != Some(Role::CaseManager) {
                return Err(AssignError::WrongRole);
            }
            municipality::Entity::find_by_id(code.as_str())
                .one(db)
                .await?
                .map(|m| vec![m.cadastral_code])
                .ok_or(AssignError::NotFound)?
        }
        Area::Province(province) => {
            if role != Some(Role::CpiOperator) {
                return Err(AssignError::WrongRole);
            }
            let codes: Vec<String> = municipality::Entity::find()
                .filter(municipality::Column::ProvinceCode.eq(province.as_str()))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.cadastral_code)
                .collect();
            if codes.is_empty() {
                return Err(AssignError::NotFound);
            }
            codes
        }
    };
    let households: Vec<i64> = household::Entity::find()
        .filter(household::Column::MunicipalityCode.is_in(municipalities))
        .all(db)
        .await?
        .into_iter()
        .map(|h| h.id)
        .collect();
    // (household, member, subject key) of everything the area holds for this role.
    let subjects: Vec<(i64, Option<i64>, String)> = match area {
        Area::Municipality(_) => {
            households.iter().map(|id| (*id, None, format!("household:{id}"))).collect()
        }
        Area::Province(_) => member::Entity::find()
            .filter(member::Column::HouseholdId.is_in(households.clone()))
            .filter(member::Column::Attivabile.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.household_id, Some(m.id), format!("member:{}", m.id)))
            .collect(),
    };
    let held: std::collections::HashSet<String> = assignment::Entity::find()
        .filter(assignment::Column::OperatorCodiceFiscale.eq(operator_cf))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.subject)
        .collect();
    let txn = db.begin().await?;
    let mut bulk = Bulk::default();
    for (household_id, member_id, key) in subjects {
        if held.contains(&key) {
            bulk.already += 1;
            continue;
        }
        new_assignment(operator_cf, household_id, member_id, key, now, by).insert(&txn).await?;
        bulk.assigned += 1;
    }
    txn.commit().await?;
    Ok(bulk)
}

/// Ends an assignment; returns whether there was one.
pub async fn unassign<C: ConnectionTrait>(db: &C, id: i64) -> Result<bool, DbErr> {
    Ok(assignment::Entity::delete_by_id(id).exec(db).await?.rows_affected > 0)
}

/// Whether anything of the household is assigned to the operator.
pub async fn is_assigned<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    household_id: i64,
) -> Result<bool, DbErr> {
    Ok(assignment::Entity::find()
        .filter(assignment::Column::OperatorCodiceFiscale.eq(operator_cf))
        .filter(assignment::Column::HouseholdId.eq(household_id))
        .one(db)
        .await?
        .is_some())
}

/// The members of a household whose pages the operator may open read-only: all of them for
/// the household's case manager, the assigned member for a job-centre operator.
pub async fn viewable_members<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    household_id: i64,
) -> Result<Vec<member::Model>, DbErr> {
    let assignments = assignment::Entity::find()
        .filter(assignment::Column::OperatorCodiceFiscale.eq(operator_cf))
        .filter(assignment::Column::HouseholdId.eq(household_id))
        .all(db)
        .await?;
    let whole = assignments.iter().any(|a| a.member_id.is_none());
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(household_id))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    Ok(members
        .into_iter()
        .filter(|m| whole || assignments.iter().any(|a| a.member_id == Some(m.id)))
        .collect())
}

/// The member an operator asked to view (`member_id`, as the form sent it) in a household.
pub enum MemberToView {
    Member(member::Model),
    /// Nobody in this household is in the operator's caseload (or there is no such household).
    NotInCaseload,
    /// The household is in the caseload, but the choice names none of its viewable members.
    NotViewable,
}

/// Which member of `household_id` the operator may view read-only, given the member chosen in
/// the form: one of `viewable_members`, nobody else.
pub async fn member_to_view<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    household_id: i64,
    member_id: Option<i64>,
) -> Result<MemberToView, DbErr> {
    let viewable = viewable_members(db, operator_cf, household_id).await?;
    if viewable.is_empty() {
        return Ok(MemberToView::NotInCaseload);
    }
    Ok(match viewable.into_iter().find(|m| Some(m.id) == member_id) {
        Some(member) => MemberToView::Member(member),
        None => MemberToView::NotViewable,
    })
}

/// The member a session may look at read-only, when it is still viewable by the operator (an
/// assignment ended mid-view ends the view).
pub async fn viewable_member<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    member_cf: &str,
) -> Result<Option<member::Model>, DbErr> {
    let Some(found) =
        member::Entity::find().filter(member::Column::CodiceFiscale.eq(member_cf)).one(db).await?
    else {
        return Ok(None);
    };
    let viewable = viewable_members(db, operator_cf, found.household_id).await?;
    Ok(viewable.into_iter().find(|m| m.id == found.id))
}

/// A look at a household's data about to be recorded.
pub struct NewAccess<'a> {
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub operator_cf: &'a str,
    pub purpose: &'a str,
    pub reason: Reason,
    pub reason_text: &'a str,
}

/// Records a look (with the operator's role and organisation as they are now, so the log
/// keeps saying who it was even after the operator moves).
pub async fn record_access<C: ConnectionTrait>(
    db: &C,
    access: &NewAccess<'_>,
    now: DateTime<Utc>,
) -> Result<data_access::Model, DbErr> {
    let operator = operator::Entity::find_by_id(access.operator_cf).one(db).await?;
    let (role, organisation) = operator
        .map(|o| (o.role, o.organisation_name))
        .unwrap_or_else(|| ("unknown".into(), String::new()));
    data_access::ActiveModel {
        household_id: Set(access.household_id),
        member_id: Set(access.member_id),
        operator_codice_fiscale: Set(access.operator_cf.to_string()),
        operator_role: Set(role),
        organisation_name: Set(organisation),
        purpose: Set(access.purpose.to_string()),
        reason_code: Set(access.reason.code().to_string()),
        reason_text: Set(access.reason_text.to_string()),
        occurred_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Whether `access` is this operator's reason for this household's file, given since `since`.
pub async fn live_access<C: ConnectionTrait>(
    db: &C,
    access: i64,
    operator_cf: &str,
    household_id: i64,
    since: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(data_access::Entity::find_by_id(access)
        .filter(data_access::Column::OperatorCodiceFiscale.eq(operator_cf))
        .filter(data_access::Column::HouseholdId.eq(household_id))
        .filter(data_access::Column::Purpose.eq("detail"))
        .filter(data_access::Column::OccurredAt.gte(since))
        .one(db)
        .await?
        .is_some())
}

/// The looks at the household of the person with this codice fiscale, newest first.
pub async fn accesses_of_person<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<Vec<AccessLine>, DbErr> {
    let Some(me) = member::Entity::find()
        .filter(member::Column::CodiceFiscale.eq(codice_fiscale))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(me.household_id))
        .all(db)
        .await?;
    let rows = data_access::Entity::find()
        .filter(data_access::Column::HouseholdId.eq(me.household_id))
        .order_by_desc(data_access::Column::OccurredAt)
        .order_by_desc(data_access::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| AccessLine {
            at: rome_time(a.occurred_at, "%d/%m/%Y %H:%M"),
            role: a.operator_role,
            organisation: a.organisation_name,
            purpose: a.purpose,
            reason: a.reason_code,
            reason_text: a.reason_text,
            member: a.member_id.and_then(|id| {
                members
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| format!("{} {}", m.given_name, m.family_name))
            }),
        })
        .collect())
}

/// Every assignment, for the administrators' page.
pub async fn assignments<C: ConnectionTrait>(db: &C) -> Result<Vec<AssignmentLine>, DbErr> {
    let rows = assignment::Entity::find()
        .order_by_asc(assignment::Column::OperatorCodiceFiscale)
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?;
    let operators = crate::operator::all(db).await?;
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let protocol = application::Entity::find()
            .filter(application::Column::HouseholdId.eq(row.household_id))
            .order_by_desc(application::Column::Id)
            .one(db)
            .await?
            .map(|a| a.inps_protocol)
            .unwrap_or_default();
        let member = match row.member_id {
            Some(id) => member::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|m| format!("{} {} ({})", m.given_name, m.family_name, m.codice_fiscale)),
            None => None,
        };
        lines.push(AssignmentLine {
            id: row.id,
            organisation: operators
                .iter()
                .find(|o| o.codice_fiscale == row.operator_codice_fiscale)
                .map(|o| o.organisation_name.clone())
                .unwrap_or_default(),
            operator: row.operator_codice_fiscale,
            protocol,
            member,
            assigned_on: rome_time(row.assigned_at, "%d/%m/%Y"),
        });
    }
    Ok(lines)
}

#[derive(Debug, FromQueryResult)]
struct DashRow {
    assignment_id: i64,
    household_id: i64,
    protocol: String,
    programme: String,
    status: String,
    given_name: String,
    family_name: String,
    codice_fiscale: String,
    municipality: Option<String>,
    pad_signed_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    due_kind: Option<String>,
}

#[derive(Debug, FromQueryResult)]
struct PageId {
    assignment_id: i64,
}

#[derive(Debug, FromQueryResult)]
struct Group {
    status: String,
    due_window: Option<String>,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct Total {
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct Appointment {
    household_id: i64,
    at: DateTime<Utc>,
}

/// The next due date of an assignment: the assigned member's, or the household's.
const DUE_ON: &str = "CASE WHEN s.member_id IS NULL THEN h.next_due_on ELSE sm.next_due_on END";
const DUE_KIND: &str =
    "CASE WHEN s.member_id IS NULL THEN h.next_due_kind ELSE sm.next_due_kind END";

/// FROM and the start of WHERE for the operator's caseload: one row per assignment, with its
/// household and assigned member; with `application`, also the household's latest application
/// (an anti-join on a newer one: one pass, where a per-row `MAX` subquery ran for every row)
/// and the person the row is about (`m`: the assigned member, or the applicant).
fn caseload_from(sql: &mut Sql, operator_cf: &str, application: bool) {
    sql.push(
        " FROM assignment s JOIN household h ON h.id = s.household_id \
         LEFT JOIN household_member sm ON sm.id = s.member_id",
    );
    if application {
        sql.push(
            " JOIN application a ON a.household_id = h.id \
             LEFT JOIN application newer ON newer.household_id = a.household_id AND newer.id > a.id \
             JOIN household_member m ON m.id = COALESCE(s.member_id, a.applicant_member_id)",
        );
    }
    let op = sql.bind(operator_cf);
    sql.push(&format!(" WHERE s.operator_codice_fiscale = {op}"));
    if application {
        sql.push(" AND newer.id IS NULL");
    }
}

/// The condition that the due date is in `window` on `today`.
fn window_condition(sql: &mut Sql, window: Window, today: NaiveDate) -> String {
    match window.range(today) {
        None => format!("{DUE_ON} IS NULL"),
        Some((from, to)) => {
            let mut parts = vec![format!("{DUE_ON} IS NOT NULL")];
            if let Some(from) = from {
                parts.push(format!("{DUE_ON} >= {}", sql.bind(from)));
            }
            if let Some(to) = to {
                parts.push(format!("{DUE_ON} <= {}", sql.bind(to)));
            }
            parts.join(" AND ")
        }
    }
}

/// The filters of `query` (the caller joined the application when status or search is set).
fn filters(sql: &mut Sql, query: &DashboardQuery, today: NaiveDate) {
    if let Some(status) = &query.status {
        let p = sql.bind(status.as_str());
        sql.push(&format!(" AND a.status = {p}"));
    }
    if let Some(window) = query.window {
        let condition = window_condition(sql, window, today);
        sql.push(&format!(" AND {condition}"));
    }
    if !query.search.is_empty() {
        let (a, b) =
            (sql.bind(format!("{}%", query.search)), sql.bind(format!("{}%", query.search)));
        sql.push(&format!(" AND (m.codice_fiscale LIKE {a} OR a.inps_protocol LIKE {b})"));
    }
}

/// The operator's dashboard on `now`: a page of their caseload, filtered, searched and sorted
/// on the stored next due date, with counts by status and by deadline window.
///
/// Three short statements instead of one wide one: the counts by status and window (one pass
/// over the caseload, which also gives the filtered total unless there is a search), the page's
/// assignment ids (sorting only the columns the order needs), then the page's 20 rows in full.
pub async fn dashboard<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> Result<DashboardView, DbErr> {
    let today = domain::calendar::rome_date(now);
    let backend = db.get_database_backend();

    // 1. Counts by status and deadline window.
    let mut sql = Sql::new(backend);
    let mut cases = Vec::new();
    for window in Window::ALL {
        let condition = window_condition(&mut sql, window, today);
        cases.push(format!("WHEN {condition} THEN '{}'", window.code()));
    }
    sql.push(&format!(
        "SELECT a.status AS status, CASE {} END AS due_window, COUNT(*) AS n",
        cases.join(" ")
    ));
    caseload_from(&mut sql, operator_cf, true);
    sql.push(" GROUP BY 1, 2");
    let groups = Group::find_by_statement(sql.statement()).all(db).await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let mut by_status: Vec<(String, u64)> = Vec::new();
    for g in &groups {
        match by_status.iter_mut().find(|(s, _)| *s == g.status) {
            Some((_, n)) => *n += count(g.n),
            None => by_status.push((g.status.clone(), count(g.n))),
        }
    }
    by_status.sort();
    let by_window: Vec<(Window, u64)> = Window::ALL
        .into_iter()
        .map(|w| {
            let n = groups
                .iter()
                .filter(|g| g.due_window.as_deref() == Some(w.code()))
                .map(|g| count(g.n));
            (w, n.sum())
        })
        .collect();
    let caseload = groups.iter().map(|g| count(g.n)).sum();
    let total = if query.search.is_empty() {
        groups
            .iter()
            .filter(|g| query.status.as_ref().is_none_or(|s| *s == g.status))
            .filter(|g| query.window.is_none_or(|w| g.due_window.as_deref() == Some(w.code())))
            .map(|g| count(g.n))
            .sum()
    } else {
        let mut sql = Sql::new(backend);
        sql.push("SELECT COUNT(*) AS n");
        caseload_from(&mut sql, operator_cf, true);
        filters(&mut sql, query, today);
        Total::find_by_statement(sql.statement()).one(db).await?.map(|t| count(t.n)).unwrap_or(0)
    };

    // 2. The page's assignments, in order.
    let needs_application = query.status.is_some()
        || !query.search.is_empty()
        || matches!(query.sort, DashSort::Protocol | DashSort::Name);
    let mut sql = Sql::new(backend);
    sql.push("SELECT s.id AS assignment_id");
    caseload_from(&mut sql, operator_cf, needs_application);
    filters(&mut sql, query, today);
    // Nothing due sorts after every date, whichever way dates go.
    let order = match query.sort {
        DashSort::DueAsc => format!("CASE WHEN {DUE_ON} IS NULL THEN 1 ELSE 0 END, {DUE_ON} ASC"),
        DashSort::DueDesc => format!("CASE WHEN {DUE_ON} IS NULL THEN 1 ELSE 0 END, {DUE_ON} DESC"),
        DashSort::Protocol => "a.inps_protocol ASC".to_string(),
        DashSort::Name => "m.family_name ASC, m.given_name ASC".to_string(),
    };
    let limit = sql.bind(i64::try_from(DASHBOARD_PAGE_SIZE).unwrap_or(20));
    let offset = sql.bind(
        // Past any end: an empty page.
        i64::try_from(query.page.saturating_sub(1).saturating_mul(DASHBOARD_PAGE_SIZE))
            .unwrap_or(i64::MAX),
    );
    sql.push(&format!(" ORDER BY {order}, s.id ASC LIMIT {limit} OFFSET {offset}"));
    let ids: Vec<i64> = PageId::find_by_statement(sql.statement())
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.assignment_id)
        .collect();

    // 3. The page's rows in full, and their next convocations.
    let mut rows: Vec<DashRow> = Vec::new();
    let mut appointments: Vec<Appointment> = Vec::new();
    if !ids.is_empty() {
        let mut sql = Sql::new(backend);
        sql.push(&format!(
            "SELECT s.id AS assignment_id, h.id AS household_id, a.inps_protocol AS protocol, \
             a.programme, a.status, m.given_name, m.family_name, m.codice_fiscale, \
             (SELECT mu.name FROM municipality mu WHERE mu.cadastral_code = h.municipality_code) \
             AS municipality, \
             (SELECT p.signed_on FROM pad_nucleo p WHERE p.application_id = a.id) AS pad_signed_on, \
             {DUE_ON} AS due_on, {DUE_KIND} AS due_kind"
        ));
        caseload_from(&mut sql, operator_cf, true);
        let list: Vec<String> = ids.iter().map(|id| sql.bind(*id)).collect();
        sql.push(&format!(" AND s.id IN ({})", list.join(", ")));
        rows = DashRow::find_by_statement(sql.statement()).all(db).await?;
        rows.sort_by_key(|r| ids.iter().position(|id| *id == r.assignment_id));

        let households: Vec<i64> = rows.iter().map(|r| r.household_id).collect();
        let mut sql = Sql::new(backend);
        let list: Vec<String> = households.iter().map(|id| sql.bind(*id)).collect();
        let from = sql.bind(now);
        sql.push(&format!(
            "SELECT household_id, MIN(appointment_at) AS at FROM convocation \
             WHERE household_id IN ({}) AND outcome IS NULL AND appointment_at >= {from} \
             GROUP BY household_id",
            list.join(", ")
        ));
        appointments = Appointment::find_by_statement(sql.statement()).all(db).await?;
    }
    let rows = rows
        .into_iter()
        .map(|r| DashboardRow {
            household_id: r.household_id,
            next_convocation: appointments
                .iter()
                .find(|a| a.household_id == r.household_id)
                .map(|a| rome_time(a.at, "%d/%m/%Y %H:%M")),
            protocol: r.protocol,
            programme: r.programme,
            status: r.status,
            person: format!("{} {}", r.given_name, r.family_name),
            codice_fiscale: r.codice_fiscale,
            municipality: r.municipality.unwrap_or_default(),
            pad_signed_on: r.pad_signed_on.map(date),
            days_left: r.due_on.map(|d| (d - today).num_days()),
            window: Window::of(r.due_on, today),
            due_on: r.due_on.map(date),
            due_kind: r.due_kind,
        })
        .collect();
    Ok(DashboardView { rows, total, caseload, by_status, by_window })
}

/// A household's file as an operator may open it: `None` when the household is not assigned
/// to them (read as if it did not exist); the file itself only with a live reason (`access`,
/// given by this operator on this household in the last `ACCESS_MINUTES`), else a request for
/// one.
pub async fn open_file<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    household_id: i64,
    access: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<FileAnswer>, DbErr> {
    if !is_assigned(db, operator_cf, household_id).await? {
        return Ok(None);
    }
    let since = now - chrono::Duration::minutes(ACCESS_MINUTES);
    let live = match access {
        Some(access) => live_access(db, access, operator_cf, household_id, since).await?,
        None => false,
    };
    let file = household_file(db, operator_cf, household_id).await?;
    Ok(file.map(|file| {
        if live {
            FileAnswer::File(Box::new(file))
        } else {
            FileAnswer::NeedsReason { protocol: file.protocol }
        }
    }))
}

/// A household's file, for an operator it is assigned to (the caller checks the assignment).
pub async fn household_file<C: ConnectionTrait>(
    db: &C,
    operator_cf: &str,
    household_id: i64,
) -> Result<Option<HouseholdFile>, DbErr> {
    let Some(home) = household::Entity::find_by_id(household_id).one(db).await? else {
        return Ok(None);
    };
    let Some(app) = application::Entity::find()
        .filter(application::Column::HouseholdId.eq(household_id))
        .order_by_desc(application::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let history = status_change::Entity::find()
        .filter(status_change::Column::ApplicationId.eq(app.id))
        .order_by_asc(status_change::Column::OccurredAt)
        .order_by_asc(status_change::Column::Id)
        .all(db)
        .await?;
    let pad = pad_nucleo::Entity::find()
        .filter(pad_nucleo::Column::ApplicationId.eq(app.id))
        .one(db)
        .await?;
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(household_id))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let viewable: Vec<i64> =
        viewable_members(db, operator_cf, household_id).await?.iter().map(|m| m.id).collect();
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let contacts = certified_contact::Entity::find()
        .filter(certified_contact::Column::MemberId.is_in(ids))
        .filter(certified_contact::Column::SupersededAt.is_null())
        .order_by_asc(certified_contact::Column::Id)
        .all(db)
        .await?;
    let municipality =
        crate::entity::municipality::Entity::find_by_id(home.municipality_code.as_str())
            .one(db)
            .await?
            .map(|m| m.name)
            .unwrap_or_else(|| home.municipality_code.clone());
    let name_of = |id: i64| {
        members
            .iter()
            .find(|m| m.id == id)
            .map(|m| format!("{} {}", m.given_name, m.family_name))
            .unwrap_or_default()
    };
    let path_updates = crate::interop::path_updates(db, household_id)
        .await?
        .into_iter()
        .map(|u| contract::citizen::PathUpdateView {
            member_name: u.member_id.map(name_of),
            kind: u.kind,
            status: u.status,
            title: u.title,
            detail: u.detail,
            occurred_on: u.occurred_on,
        })
        .collect();
    let convocations = convocation::Entity::find()
        .filter(convocation::Column::HouseholdId.eq(household_id))
        .all(db)
        .await?;
    let requests =
        crate::welfare::convocation_requests(db, convocations.iter().map(|c| c.id).collect())
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .into_iter()
            .map(|r| RequestLine {
                member: name_of(r.member_id),
                kind: r.kind,
                text: r.text,
                sent_on: rome_time(r.created_at, "%d/%m/%Y"),
                convocation: convocations
                    .iter()
                    .find(|c| c.id == r.convocation_id)
                    .map(|c| {
                        format!(
                            "{} · {}",
                            c.issuer_name,
                            rome_time(c.appointment_at, "%d/%m/%Y %H:%M")
                        )
                    })
                    .unwrap_or_default(),
            })
            .collect();
    // The pact as signed (its canonical JSON is the record).
    let signed: serde_json::Value =
        pad.as_ref().and_then(|p| serde_json::from_str(&p.content_json).ok()).unwrap_or_default();
    Ok(Some(HouseholdFile {
        household_id,
        path_updates,
        protocol: app.inps_protocol,
        programme: app.programme,
        status: app.status,
        submitted_on: date(app.submitted_on),
        monthly_amount: app.monthly_amount_cents.map(|c| format!("{},{:02} €", c / 100, c % 100)),
        history: history
            .into_iter()
            .map(|c| StatusStep {
                effective_on: date(c.effective_on),
                from: c.from_status,
                to: c.to_status,
                reason: c.reason,
                rule: c.rule_ref,
            })
            .collect(),
        pad_signed_on: pad.as_ref().map(|p| date(p.signed_on)),
        pad_convocation_address: signed["convocation_address"].as_str().map(str::to_string),
        pad_consents: signed["consents"]
            .as_array()
            .map(|all| all.iter().filter_map(|c| c.as_str().map(str::to_string)).collect())
            .unwrap_or_default(),
        pad_platform_only: signed["convocations_on_platform_only"].as_bool().unwrap_or(false),
        requests,
        pad_sha256: pad.map(|p| p.content_sha256),
        address: home.address,
        municipality,
        contacts: contacts
            .into_iter()
            .map(|c| ContactLine {
                member: name_of(c.member_id),
                kind: c.kind,
                value: c.value,
                certified_at: rome_time(c.certified_at, "%d/%m/%Y"),
            })
            .collect(),
        members: members
            .iter()
            .map(|m| MemberLine {
                id: m.id,
                name: format!("{} {}", m.given_name, m.family_name),
                codice_fiscale: m.codice_fiscale.clone(),
                birth_date: date(m.birth_date),
                relation: m.relation.clone(),
                attivabile: m.attivabile,
                disabled: m.disabled,
                due_kind: m.next_due_kind.clone(),
                due_on: m.next_due_on.map(date),
                viewable: viewable.contains(&m.id),
            })
            .collect(),
        due_kind: home.next_due_kind,
        due_on: home.next_due_on.map(date),
    }))
}

/// Why an administrator's assignment form names no subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectError {
    /// No application has this INPS protocol.
    NoApplication,
    /// The household of that application has no member with this codice fiscale.
    NoMember,
}

/// What an assignment form names: the household of the application with INPS `protocol`, or
/// (with `member_cf`) one of its members.
pub async fn subject_for<C: ConnectionTrait>(
    db: &C,
    protocol: &str,
    member_cf: Option<&str>,
) -> Result<std::result::Result<Subject, SubjectError>, DbErr> {
    let Some(found) = application::Entity::find()
        .filter(application::Column::InpsProtocol.eq(protocol))
        .one(db)
        .await?
    else {
        return Ok(Err(SubjectError::NoApplication));
    };
    let Some(member_cf) = member_cf else {
        return Ok(Ok(Subject::Household(found.household_id)));
    };
    Ok(member::Entity::find()
        .filter(member::Column::CodiceFiscale.eq(member_cf))
        .filter(member::Column::HouseholdId.eq(found.household_id))
        .one(db)
        .await?
        .map(|m| Subject::Member(m.id))
        .ok_or(SubjectError::NoMember))
}

/// Whether any assignment was ever made (the demo assigns only into an empty table).
pub async fn any_assignment<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    Ok(assignment::Entity::find().one(db).await?.is_some())
}

/// The households of a municipality and, for each, its attivabili members' ids.
pub async fn households_in<C: ConnectionTrait>(
    db: &C,
    municipality_code: &str,
) -> Result<Vec<(i64, Vec<i64>)>, DbErr> {
    let mut out = Vec::new();
    for home in household::Entity::find()
        .filter(household::Column::MunicipalityCode.eq(municipality_code))
        .all(db)
        .await?
    {
        let attivabili = member::Entity::find()
            .filter(member::Column::HouseholdId.eq(home.id))
            .filter(member::Column::Attivabile.eq(true))
            .all(db)
            .await?;
        out.push((home.id, attivabili.into_iter().map(|m| m.id).collect()));
    }
    Ok(out)
}
