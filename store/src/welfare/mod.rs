//! The domain services: every change to a household's situation goes through one of these
//! functions. Each runs in one transaction, records the notifications the change implies,
//! and recomputes the stored next due dates with the deadlines engine before committing, so
//! what citizens and case managers read is never out of step with the facts.
//!
//! Time comes from the caller ([`Ctx::now`]), so tests and the demo data run at any date.

mod agencies;
mod applications;
mod facts;
mod meetings;
mod pacts;
mod plans;

pub mod citizen_outbox;

pub use agencies::*;
pub use applications::*;
pub use facts::{
    current_application as current_application_of, household_obligations, load_facts,
    refresh_all_due_dates, refresh_due_dates,
};
pub use meetings::*;
pub use pacts::*;
pub use plans::*;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use domain::{ApplicationStatus, RuleBook, RuleId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, SqliteTransactionMode, TransactionOptions, TransactionTrait,
    entity::prelude::*,
};

use crate::entity::{application, notification, status_change};

/// An ADI or SFL application, as the services return it.
pub use crate::entity::application::Model as Application;
/// A member of a household (the applicant included).
pub use crate::entity::member::Model as Member;

/// Starts a transaction that will write (see [`Writer`]).
pub(crate) async fn begin_write<C: Writer>(db: &C) -> Result<C::Transaction> {
    Ok(db.begin_with_options(db.write_options()).await?)
}

/// What a service writes through: a connection (the service's own transaction) or a
/// transaction the caller already holds (the service's work becomes a savepoint in it, as when
/// an inbound platform event is applied together with its idempotency record and audit entry).
pub trait Writer: TransactionTrait + ConnectionTrait {
    /// How a service opens its transaction here.
    fn write_options(&self) -> TransactionOptions;
}

impl Writer for sea_orm::DatabaseConnection {
    /// On SQLite the write lock is taken at once (`BEGIN IMMEDIATE`), so concurrent writers
    /// queue on the busy timeout instead of failing when a read snapshot cannot be upgraded;
    /// PostgreSQL ignores the option.
    fn write_options(&self) -> TransactionOptions {
        TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        }
    }
}

impl Writer for sea_orm::DatabaseTransaction {
    /// A savepoint: the enclosing transaction already holds whatever lock it took, and a
    /// savepoint cannot carry a `BEGIN` mode.
    fn write_options(&self) -> TransactionOptions {
        TransactionOptions::default()
    }
}

/// The caller's open transaction, lent to services that should write straight into it: their
/// `begin` opens nothing and their `commit` ends nothing, so the service costs no `SAVEPOINT`
/// and `RELEASE` round trips. A service that fails leaves the transaction in whatever state
/// its failure left it (on PostgreSQL, aborted): the caller must then roll it back as a whole,
/// as an inbound platform event is (all or nothing). Where the caller would go on after a
/// failed service, pass the transaction itself, whose nested `begin` is a savepoint.
#[derive(Clone, Copy)]
pub struct Joined<'a>(pub &'a sea_orm::DatabaseTransaction);

#[async_trait::async_trait]
impl ConnectionTrait for Joined<'_> {
    fn get_database_backend(&self) -> sea_orm::DbBackend {
        self.0.get_database_backend()
    }

    async fn execute_raw(
        &self,
        stmt: sea_orm::Statement,
    ) -> std::result::Result<sea_orm::ExecResult, DbErr> {
        self.0.execute_raw(stmt).await
    }

    async fn execute_unprepared(
        &self,
        sql: &str,
    ) -> std::result::Result<sea_orm::ExecResult, DbErr> {
        self.0.execute_unprepared(sql).await
    }

    async fn query_one_raw(
        &self,
        stmt: sea_orm::Statement,
    ) -> std::result::Result<Option<sea_orm::QueryResult>, DbErr> {
        self.0.query_one_raw(stmt).await
    }

    async fn query_all_raw(
        &self,
        stmt: sea_orm::Statement,
    ) -> std::result::Result<Vec<sea_orm::QueryResult>, DbErr> {
        self.0.query_all_raw(stmt).await
    }
}

/// The work a `transaction` callback returns.
type WorkIn<'c, T, E> =
    std::pin::Pin<Box<dyn std::future::Future<Output = std::result::Result<T, E>> + Send + 'c>>;

#[async_trait::async_trait]
impl<'a> TransactionTrait for Joined<'a> {
    type Transaction = Joined<'a>;

    async fn begin(&self) -> std::result::Result<Joined<'a>, DbErr> {
        Ok(*self)
    }

    async fn begin_with_config(
        &self,
        _isolation_level: Option<sea_orm::IsolationLevel>,
        _access_mode: Option<sea_orm::AccessMode>,
    ) -> std::result::Result<Joined<'a>, DbErr> {
        Ok(*self)
    }

    async fn begin_with_options(
        &self,
        _options: TransactionOptions,
    ) -> std::result::Result<Joined<'a>, DbErr> {
        Ok(*self)
    }

    async fn transaction<F, T, E>(
        &self,
        callback: F,
    ) -> std::result::Result<T, sea_orm::TransactionError<E>>
    where
        F: for<'c> FnOnce(&'c Joined<'a>) -> WorkIn<'c, T, E> + Send,
        T: Send,
        E: std::fmt::Display + std::fmt::Debug + Send,
    {
        callback(self).await.map_err(sea_orm::TransactionError::Transaction)
    }

    async fn transaction_with_config<F, T, E>(
        &self,
        callback: F,
        _isolation_level: Option<sea_orm::IsolationLevel>,
        _access_mode: Option<sea_orm::AccessMode>,
    ) -> std::result::Result<T, sea_orm::TransactionError<E>>
    where
        F: for<'c> FnOnce(&'c Joined<'a>) -> WorkIn<'c, T, E> + Send,
        T: Send,
        E: std::fmt::Display + std::fmt::Debug + Send,
    {
        self.transaction(callback).await
    }
}

#[async_trait::async_trait]
impl sea_orm::TransactionSession for Joined<'_> {
    /// The caller commits.
    async fn commit(self) -> std::result::Result<(), DbErr> {
        Ok(())
    }

    /// The caller rolls back (see the type's documentation).
    async fn rollback(self) -> std::result::Result<(), DbErr> {
        Ok(())
    }
}

impl Writer for Joined<'_> {
    fn write_options(&self) -> TransactionOptions {
        TransactionOptions::default()
    }
}

/// Ends a service: recomputes the household's stored next due dates from the facts just
/// written, then commits, so the dates are never out of step with the facts.
async fn finish<T: ConnectionTrait + sea_orm::TransactionSession>(
    txn: T,
    ctx: &Ctx,
    household_id: i64,
) -> Result<()> {
    refresh_due_dates(&txn, ctx, household_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Who is acting and when.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub now: DateTime<Utc>,
    /// Recorded with status changes and meetings: an operator's codice fiscale, `citizen:<CF>`,
    /// `inps`, `demo-data`…
    pub actor: String,
    pub book: Arc<RuleBook>,
}

impl Ctx {
    /// With the rules as enacted ([`RuleBook::standard`]).
    pub fn new(now: DateTime<Utc>, actor: impl Into<String>) -> Ctx {
        Ctx::with_rules(now, actor, Arc::new(RuleBook::standard()))
    }

    /// With the rule book the server was configured with (`rules.file`).
    pub fn with_rules(now: DateTime<Utc>, actor: impl Into<String>, book: Arc<RuleBook>) -> Ctx {
        Ctx { now, actor: actor.into(), book }
    }

    /// Today's calendar date in Europe/Rome.
    pub fn today(&self) -> NaiveDate {
        domain::calendar::rome_date(self.now)
    }
}

/// Where the current time comes from: the system clock, or a fixed instant (tests, demos).
#[derive(Clone, Copy, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("an application cannot go from {} to {}", from.code(), to.code())]
    Transition { from: ApplicationStatus, to: ApplicationStatus },
    /// Bad input: `field` names the input, `problem` is a stable code the UI translates.
    #[error("{field}: {problem}")]
    Invalid { field: &'static str, problem: &'static str },
    #[error("only the applicant can sign the household pact")]
    NotApplicant,
    #[error("this has already been recorded")]
    AlreadyRecorded,
    #[error("the record was changed at the same time by someone else; try again")]
    Conflict,
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub type Result<T> = std::result::Result<T, ServiceError>;

fn invalid<T>(field: &'static str, problem: &'static str) -> Result<T> {
    Err(ServiceError::Invalid { field, problem })
}

/// What a notification tells its reader. Stored as the code; the text is rendered in the
/// reader's language from the code and the parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotificationKind {
    ApplicationReceived,
    AssessmentStarted,
    ApplicationAccepted,
    ApplicationRejected,
    PadSigned,
    PadIndividualeRequired,
    PadIndividualeSigned,
    ConvocationIssued,
    MeetingRecorded,
    Suspended,
    Reinstated,
    Decaduta,
    Ended,
    PaymentRecorded,
    PlanSigned,
    SflConfirmed,
    SflEnrolmentConfirmed,
    ContactCertified,
    /// A candidacy for an opportunity moved (in review, interview, outcome).
    CandidacyChanged,
    /// Social services or the job centre reported a step of the path (taking in charge, an
    /// activity, SFL participation).
    PathUpdated,
}

impl NotificationKind {
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::ApplicationReceived => "application_received",
            NotificationKind::AssessmentStarted => "assessment_started",
            NotificationKind::ApplicationAccepted => "application_accepted",
            NotificationKind::ApplicationRejected => "application_rejected",
            NotificationKind::PadSigned => "pad_signed",
            NotificationKind::PadIndividualeRequired => "pad_individuale_required",
            NotificationKind::PadIndividualeSigned => "pad_individuale_signed",
            NotificationKind::ConvocationIssued => "convocation_issued",
            NotificationKind::MeetingRecorded => "meeting_recorded",
            NotificationKind::Suspended => "suspended",
            NotificationKind::Reinstated => "reinstated",
            NotificationKind::Decaduta => "decaduta",
            NotificationKind::Ended => "ended",
            NotificationKind::PaymentRecorded => "payment_recorded",
            NotificationKind::PlanSigned => "plan_signed",
            NotificationKind::SflConfirmed => "sfl_confirmed",
            NotificationKind::SflEnrolmentConfirmed => "sfl_enrolment_confirmed",
            NotificationKind::ContactCertified => "contact_certified",
            NotificationKind::CandidacyChanged => "candidacy_changed",
            NotificationKind::PathUpdated => "path_updated",
        }
    }
}

/// Puts a notification in one member's inbox.
async fn notify<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    household_id: i64,
    member_id: i64,
    kind: NotificationKind,
    params: serde_json::Value,
) -> Result<()> {
    insert_notification(db, ctx, household_id, member_id, kind, &params).await?;
    Ok(())
}

/// Puts a notification in one member's inbox, for services outside this module.
pub(crate) async fn notify_member<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    household_id: i64,
    member_id: i64,
    kind: NotificationKind,
    params: serde_json::Value,
) -> std::result::Result<(), DbErr> {
    insert_notification(db, ctx, household_id, member_id, kind, &params).await
}

async fn insert_notification<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    household_id: i64,
    member_id: i64,
    kind: NotificationKind,
    params: &serde_json::Value,
) -> std::result::Result<(), DbErr> {
    notification::ActiveModel {
        household_id: Set(household_id),
        member_id: Set(member_id),
        kind: Set(kind.code().to_string()),
        params: Set(params.to_string()),
        created_at: Set(ctx.now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Puts a notification in the inbox of the person with this codice fiscale when they are a
/// member of a household (their latest one). Anyone else has no inbox: they read the news on
/// the page it concerns.
pub(crate) async fn notify_person<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    codice_fiscale: &str,
    kind: NotificationKind,
    params: serde_json::Value,
) -> std::result::Result<(), DbErr> {
    use sea_orm::QueryOrder;
    let Some(member) = crate::entity::member::Entity::find()
        .filter(crate::entity::member::Column::CodiceFiscale.eq(codice_fiscale))
        .order_by_desc(crate::entity::member::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    insert_notification(db, ctx, member.household_id, member.id, kind, &params).await
}

/// Notifies every member of the household who is of age (minors do not have their own inbox).
async fn notify_adults<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    household_id: i64,
    kind: NotificationKind,
    params: serde_json::Value,
) -> Result<()> {
    let adult_age = ctx.book.at(ctx.today()).values.adult_age;
    for member in facts::members_of(db, household_id).await? {
        if domain::calendar::age_on(member.birth_date, ctx.today()) >= adult_age {
            notify(db, ctx, household_id, member.id, kind, params.clone()).await?;
        }
    }
    Ok(())
}

/// The application, read inside the transaction.
async fn application_by_id<C: ConnectionTrait>(db: &C, id: i64) -> Result<application::Model> {
    application::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound("application"))
}

fn status_of(application: &application::Model) -> Result<ApplicationStatus> {
    ApplicationStatus::from_code(&application.status)
        .ok_or(ServiceError::Db(DbErr::Custom(format!("unknown status {}", application.status))))
}

/// Moves an application to `to` if the status machine allows it, and records why.
///
/// The update only applies if the status is still the one read: of two concurrent changes
/// from the same status, one wins and the other gets [`ServiceError::Conflict`].
async fn change_status<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    application: &application::Model,
    to: ApplicationStatus,
    reason: &str,
    rule: Option<RuleId>,
    effective_on: NaiveDate,
) -> Result<()> {
    let from = status_of(application)?;
    if !from.can_become(to) {
        return Err(ServiceError::Transition { from, to });
    }
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(to.code()))
        .col_expr(application::Column::UpdatedAt, Expr::value(ctx.now))
        .filter(application::Column::Id.eq(application.id))
        .filter(application::Column::Status.eq(from.code()))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict);
    }
    status_change::ActiveModel {
        application_id: Set(application.id),
        from_status: Set(Some(from.code().to_string())),
        to_status: Set(to.code().to_string()),
        reason: Set(reason.to_string()),
        rule_ref: Set(rule.map(|r| r.code().to_string())),
        effective_on: Set(effective_on),
        occurred_at: Set(ctx.now),
        actor: Set(ctx.actor.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A reason is required for every status change an operator or INPS makes.
fn require_reason(reason: &str) -> Result<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return invalid("reason", "required");
    }
    if reason.chars().count() > 500 {
        return invalid("reason", "too_long");
    }
    Ok(reason)
}
