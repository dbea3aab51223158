//! The transactional outbox towards the platforms (docs/rules.md R17, R18, R25): signing the PAD
//! nucleo sends the household to the municipality's social services (GePI); signing a PAD
//! individuale sends the attivabile's pact and CV to the job centre (SIU) and, for SFL, to each
//! chosen agency. The services write the messages in the pact's own transaction
//! ([`enqueue`]); the delivery worker claims, sends and records them.
//!
//! A claim is a lease: a worker takes due messages with one conditional update (PostgreSQL:
//! `FOR UPDATE SKIP LOCKED`, so two workers never take the same row), and records the outcome
//! only while it still holds the lease. A worker that dies after sending and before recording
//! leaves the lease to lapse; the message is sent again with the same idempotency key, which the
//! far end applies once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, Statement, entity::prelude::*,
};
use serde_json::Value;

use super::entity::platform_message::{self, Model};

/// A message to a partner platform (INPS, a job centre's system) in the platform outbox.
pub use super::entity::platform_message::Model as PlatformMessage;

/// Where a message goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    Gepi,
    Siu,
    Apl,
}

impl Destination {
    pub fn code(self) -> &'static str {
        match self {
            Destination::Gepi => "gepi",
            Destination::Siu => "siu",
            Destination::Apl => "apl",
        }
    }

    pub fn from_code(code: &str) -> Option<Destination> {
        [Destination::Gepi, Destination::Siu, Destination::Apl]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// The states a message goes through.
pub const STATES: &[&str] = &["pending", "failing", "delivered", "dead"];

/// A message to write with a pact.
pub struct NewMessage<'a> {
    pub destination: Destination,
    pub agency_code: Option<&'a str>,
    pub kind: &'a str,
    pub application_id: i64,
    pub household_id: i64,
    pub member_id: Option<i64>,
    pub payload: Value,
}

/// Writes a message in the caller's transaction, due at once.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    new: NewMessage<'_>,
    now: DateTime<Utc>,
) -> Result<Model, DbErr> {
    let key = uuid::Uuid::new_v4().to_string();
    let mut payload = new.payload;
    if let Value::Object(map) = &mut payload {
        map.insert("message_id".into(), Value::String(key.clone()));
    }
    platform_message::ActiveModel {
        destination: Set(new.destination.code().to_string()),
        agency_code: Set(new.agency_code.map(str::to_string)),
        kind: Set(new.kind.to_string()),
        idempotency_key: Set(key),
        application_id: Set(new.application_id),
        household_id: Set(new.household_id),
        member_id: Set(new.member_id),
        payload: Set(payload.to_string()),
        state: Set("pending".into()),
        attempts: Set(0),
        last_error: Set(None),
        next_attempt_at: Set(now),
        lease_until: Set(None),
        lease_owner: Set(None),
        created_at: Set(now),
        delivered_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Claims up to `limit` due messages for `owner` until `now + lease`, counting the attempt.
/// Due: pending or failing with their next attempt reached, and not held by a live lease.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    owner: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Model>, DbErr> {
    let backend = db.get_database_backend();
    let until = now + lease;
    let (sql, values): (&str, Vec<sea_orm::Value>) = match backend {
        DatabaseBackend::Postgres => (
            "UPDATE platform_message SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM platform_message \
                WHERE state IN ('pending', 'failing') AND next_attempt_at <= $3 \
                  AND (lease_until IS NULL OR lease_until <= $3) \
                ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) \
             RETURNING *",
            vec![owner.into(), until.into(), now.into(), (limit as i64).into()],
        ),
        // One writer at a time: the statement is atomic on its own.
        _ => (
            "UPDATE platform_message SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM platform_message \
                WHERE state IN ('pending', 'failing') AND next_attempt_at <= ? \
                  AND (lease_until IS NULL OR lease_until <= ?) \
                ORDER BY id LIMIT ?) \
             RETURNING *",
            vec![owner.into(), until.into(), now.into(), now.into(), (limit as i64).into()],
        ),
    };
    let mut claimed =
        Model::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
            .all(db)
            .await?;
    claimed.sort_by_key(|m| m.id);
    Ok(claimed)
}

/// Records a delivery, if `owner` still holds the message; `false` when it no longer did
/// (its lease lapsed and another worker took it).
pub async fn mark_delivered<C: ConnectionTrait>(
    db: &C,
    id: i64,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let updated = platform_message::Entity::update_many()
        .col_expr(platform_message::Column::State, Expr::value("delivered"))
        .col_expr(platform_message::Column::DeliveredAt, Expr::value(now))
        .col_expr(platform_message::Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(platform_message::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(platform_message::Column::Id.eq(id))
        .filter(platform_message::Column::LeaseOwner.eq(owner))
        .filter(platform_message::Column::State.is_in(["pending", "failing"]))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Records a failed attempt: tried again at `retry_at`, or given up (`None`: dead).
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    id: i64,
    owner: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let error: String = error.chars().take(500).collect();
    let mut update = platform_message::Entity::update_many()
        .col_expr(platform_message::Column::LastError, Expr::value(error))
        .col_expr(platform_message::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None));
    update = match retry_at {
        Some(at) => update
            .col_expr(platform_message::Column::State, Expr::value("failing"))
            .col_expr(platform_message::Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(platform_message::Column::State, Expr::value("dead")),
    };
    let updated = update
        .filter(platform_message::Column::Id.eq(id))
        .filter(platform_message::Column::LeaseOwner.eq(owner))
        .filter(platform_message::Column::State.is_in(["pending", "failing"]))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// An administrator's retry: a failing or dead message is due again at once, with its attempts
/// counted from zero. `false` when there was nothing to retry (delivered, or unknown).
pub async fn retry_now<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let updated = platform_message::Entity::update_many()
        .col_expr(platform_message::Column::State, Expr::value("pending"))
        .col_expr(platform_message::Column::Attempts, Expr::value(0))
        .col_expr(platform_message::Column::NextAttemptAt, Expr::value(now))
        .col_expr(platform_message::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(platform_message::Column::Id.eq(id))
        .filter(platform_message::Column::State.is_in(["failing", "dead"]))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Messages for the administrators' page, newest first, optionally in one state.
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    state: Option<&str>,
    limit: u64,
) -> Result<Vec<Model>, DbErr> {
    let mut query = platform_message::Entity::find();
    if let Some(state) = state {
        query = query.filter(platform_message::Column::State.eq(state));
    }
    query.order_by_desc(platform_message::Column::Id).limit(limit).all(db).await
}

/// How many messages are in each state.
pub async fn counts<C: ConnectionTrait>(db: &C) -> Result<Vec<(String, i64)>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        state: String,
        n: i64,
    }
    let rows = Row::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT state, COUNT(*) AS n FROM platform_message GROUP BY state",
    ))
    .all(db)
    .await?;
    Ok(STATES
        .iter()
        .map(|&state| {
            let n = rows.iter().find(|r| r.state == state).map_or(0, |r| r.n);
            (String::from(state), n)
        })
        .collect())
}

/// The platform outbox as the administrators' page shows it: counts by state and the latest
/// 200 messages, of one state when `state` names one of `STATES` (anything else: all).
pub async fn deliveries<C: ConnectionTrait>(
    db: &C,
    state: Option<&str>,
) -> Result<contract::platforms::Deliveries, DbErr> {
    let rome = |at| super::local_time::rome_time(at, "%d/%m/%Y %H:%M:%S");
    let state = state.filter(|s| STATES.contains(s));
    let counts = counts(db).await?;
    let messages = recent(db, state, 200)
        .await?
        .into_iter()
        .map(|m| {
            let protocol = serde_json::from_str::<Value>(&m.payload)
                .ok()
                .and_then(|p| p["inps_protocol"].as_str().map(str::to_string))
                .unwrap_or_default();
            contract::platforms::DeliveryLine {
                id: m.id,
                destination: m.destination,
                agency_code: m.agency_code,
                kind: m.kind,
                protocol,
                state: m.state,
                attempts: m.attempts,
                last_error: m.last_error,
                created_at: rome(m.created_at),
                next_attempt_at: rome(m.next_attempt_at),
                delivered_at: m.delivered_at.map(rome),
            }
        })
        .collect();
    Ok(contract::platforms::Deliveries { counts, messages })
}
