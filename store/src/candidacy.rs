//! Candidacies (`domain::candidacy`): the only writer of `candidacy` and `candidacy_event`.
//!
//! Applying, moving and withdrawing each run in one write transaction. A status changes with a
//! conditional `UPDATE … WHERE status = <the one read>`, so of two simultaneous moves one wins
//! and the other gets [`CandidacyError::Conflict`]; "once per opportunity" is the unique index
//! on (person, opportunity), so two simultaneous clicks make one candidacy.

use std::collections::HashMap;

use domain::NaiveDate;
use domain::candidacy::{CandidacyStatus, Mover, Refusal};
use domain::catalog::Kind;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, SqlErr, TransactionSession,
};

use super::entity::{candidacy, candidacy_event, cv, opportunity};
use super::welfare::{Ctx, NotificationKind, begin_write, notify_person};
use crate::vocabulary::vocabulary;
use contract::candidacy::{ApplyState, CandidacyView, Step};
use contract::cv::SuggestionKind;

#[derive(Debug, thiserror::Error)]
pub enum CandidacyError {
    /// No such opportunity, or (for a person) no such candidacy of theirs.
    #[error("not found")]
    NotFound,
    /// The person may not apply; for [`Refusal::AlreadyApplied`] the candidacy they have.
    #[error("refused: {}", .0.code())]
    Refused(Refusal, Option<Box<candidacy::Model>>),
    #[error("a candidacy cannot go from {} to {}", from.code(), to.code())]
    Transition { from: CandidacyStatus, to: CandidacyStatus },
    #[error("the candidacy was changed at the same time; try again")]
    Conflict,
    #[error("note: {0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub type Result<T> = std::result::Result<T, CandidacyError>;

impl From<super::welfare::ServiceError> for CandidacyError {
    fn from(error: super::welfare::ServiceError) -> Self {
        match error {
            super::welfare::ServiceError::Db(e) => CandidacyError::Db(e),
            other => CandidacyError::Db(DbErr::Custom(other.to_string())),
        }
    }
}

/// The longest note an organiser may add to a status change (the column's size).
pub const NOTE_MAX_CHARS: usize = 500;

fn status_of(row: &candidacy::Model) -> Result<CandidacyStatus> {
    CandidacyStatus::from_code(&row.status).ok_or_else(|| {
        DbErr::Custom(format!("candidacy {} has status {}", row.id, row.status)).into()
    })
}

async fn find_of<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
    opportunity_id: i64,
) -> std::result::Result<Option<candidacy::Model>, DbErr> {
    candidacy::Entity::find()
        .filter(candidacy::Column::CodiceFiscale.eq(codice_fiscale))
        .filter(candidacy::Column::OpportunityId.eq(opportunity_id))
        .one(db)
        .await
}

/// Whether the person has a CV to send (counted, not loaded: the document is not needed).
async fn has_cv<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> std::result::Result<bool, DbErr> {
    use sea_orm::PaginatorTrait;
    Ok(cv::Entity::find().filter(cv::Column::CodiceFiscale.eq(codice_fiscale)).count(db).await? > 0)
}

/// The person applies to an opportunity: refused when they already have (with that
/// candidacy), when the ad is not live today, or when they have no CV to send.
pub async fn apply<C: crate::welfare::Writer>(
    db: &C,
    ctx: &Ctx,
    codice_fiscale: &str,
    opportunity_id: i64,
) -> Result<candidacy::Model> {
    apply_sharing(db, ctx, codice_fiscale, opportunity_id, false).await
}

/// Applies, keeping a copy of the CV as it is now for the organisation, with the CV's e-mail,
/// phone and address only when the person chose to share them.
pub async fn apply_sharing<C: crate::welfare::Writer>(
    db: &C,
    ctx: &Ctx,
    codice_fiscale: &str,
    opportunity_id: i64,
    share_contacts: bool,
) -> Result<candidacy::Model> {
    let txn = begin_write(db).await?;
    let Some(ad) = opportunity::Entity::find_by_id(opportunity_id).one(&txn).await? else {
        return Err(CandidacyError::NotFound);
    };
    let today = ctx.today();
    if ad.published_on > today {
        // Not published yet: as if it did not exist, the way its page answers.
        return Err(CandidacyError::NotFound);
    }
    let existing = find_of(&txn, codice_fiscale, opportunity_id).await?;
    let has_cv = has_cv(&txn, codice_fiscale).await?;
    // Paused, closed or suspended: closed to candidacies, whatever its dates.
    if ad.state != domain::catalog::AdState::Live.code() {
        return Err(CandidacyError::Refused(Refusal::Closed, existing.map(Box::new)));
    }
    if let Err(refusal) = domain::candidacy::may_apply(
        domain::catalog::Kind::parse(&ad.kind).unwrap_or(domain::catalog::Kind::Job),
        existing.is_some(),
        has_cv,
        ad.published_on,
        ad.expires_on,
        today,
    ) {
        return Err(CandidacyError::Refused(refusal, existing.map(Box::new)));
    }
    let snapshot = match crate::cv::load(&txn, codice_fiscale).await? {
        Some(stored) => {
            let mut cv = stored.cv;
            if !share_contacts {
                let personal = &mut cv.personal_information;
                personal.email.clear();
                personal.phone.clear();
                personal.address.clear();
            }
            Some(serde_json::to_string(&cv).map_err(|e| DbErr::Custom(e.to_string()))?)
        }
        None => None,
    };
    let inserted = candidacy::ActiveModel {
        codice_fiscale: Set(codice_fiscale.to_string()),
        opportunity_id: Set(opportunity_id),
        status: Set(CandidacyStatus::Sent.code().to_string()),
        created_at: Set(ctx.now),
        updated_at: Set(ctx.now),
        cv_snapshot: Set(snapshot),
        contacts_shared: Set(share_contacts),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        // Another request of the same person won the race between our read and our insert.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            drop(txn);
            let existing = find_of(db, codice_fiscale, opportunity_id).await?;
            return Err(CandidacyError::Refused(Refusal::AlreadyApplied, existing.map(Box::new)));
        }
        Err(error) => return Err(error.into()),
    };
    record(&txn, ctx, row.id, None, CandidacyStatus::Sent, None).await?;
    txn.commit().await?;
    Ok(row)
}

async fn record<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    candidacy_id: i64,
    from: Option<CandidacyStatus>,
    to: CandidacyStatus,
    note: Option<String>,
) -> std::result::Result<(), DbErr> {
    candidacy_event::ActiveModel {
        candidacy_id: Set(candidacy_id),
        from_status: Set(from.map(|s| s.code().to_string())),
        to_status: Set(to.code().to_string()),
        occurred_at: Set(ctx.now),
        actor: Set(ctx.actor.chars().take(80).collect()),
        note: Set(note),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Moves a candidacy to `to` if `mover` may (`domain::candidacy::CandidacyStatus::can_become`).
/// A candidate names themselves (`owner`), so they can only move their own: anyone else's is
/// "not found". The organiser's moves are announced in the person's SIISL inbox when they
/// belong to a household.
pub async fn change<C: crate::welfare::Writer>(
    db: &C,
    ctx: &Ctx,
    id: i64,
    to: CandidacyStatus,
    mover: Mover,
    owner: Option<&str>,
    note: Option<&str>,
) -> Result<candidacy::Model> {
    let note = match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) if n.chars().count() > NOTE_MAX_CHARS => {
            return Err(CandidacyError::Invalid("too_long"));
        }
        other => other.map(str::to_string),
    };
    let txn = begin_write(db).await?;
    let mut find = candidacy::Entity::find_by_id(id);
    if let Some(owner) = owner {
        find = find.filter(candidacy::Column::CodiceFiscale.eq(owner));
    }
    let Some(row) = find.one(&txn).await? else {
        return Err(CandidacyError::NotFound);
    };
    let from = status_of(&row)?;
    if !from.can_become(to, mover) {
        return Err(CandidacyError::Transition { from, to });
    }
    let updated = candidacy::Entity::update_many()
        .col_expr(candidacy::Column::Status, Expr::value(to.code()))
        .col_expr(candidacy::Column::UpdatedAt, Expr::value(ctx.now))
        .filter(candidacy::Column::Id.eq(id))
        .filter(candidacy::Column::Status.eq(from.code()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CandidacyError::Conflict);
    }
    record(&txn, ctx, id, Some(from), to, note).await?;
    if mover == Mover::Organiser {
        let title = opportunity::Entity::find_by_id(row.opportunity_id)
            .one(&txn)
            .await?
            .map(|o| o.title)
            .unwrap_or_default();
        let params = serde_json::json!({ "title": title, "status": to.code() });
        notify_person(&txn, ctx, &row.codice_fiscale, NotificationKind::CandidacyChanged, params)
            .await?;
    }
    txn.commit().await?;
    Ok(candidacy::Model { status: to.code().to_string(), updated_at: ctx.now, ..row })
}

/// What an opportunity's page offers `codice_fiscale` (`None`: not signed in).
pub async fn apply_state<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: Option<&str>,
    ad: &opportunity::Model,
    today: NaiveDate,
) -> std::result::Result<ApplyState, DbErr> {
    let kind = domain::catalog::Kind::parse(&ad.kind).unwrap_or(domain::catalog::Kind::Job);
    if kind == domain::catalog::Kind::Puc {
        return Ok(ApplyState::Refused(Refusal::AssignedByComune));
    }
    let listed = ad.state == domain::catalog::AdState::Live.code();
    let Some(cf) = codice_fiscale else {
        let live = listed && domain::catalog::is_live(ad.published_on, ad.expires_on, today);
        return Ok(if live { ApplyState::SignIn } else { ApplyState::Refused(Refusal::Closed) });
    };
    let existing = find_of(db, cf, ad.id).await?;
    if let Some(row) = &existing {
        let status = CandidacyStatus::from_code(&row.status).unwrap_or(CandidacyStatus::Sent);
        return Ok(ApplyState::Applied { status, on: domain::calendar::rome_date(row.created_at) });
    }
    if !listed {
        return Ok(ApplyState::Refused(Refusal::Closed));
    }
    let has_cv = has_cv(db, cf).await?;
    Ok(
        match domain::candidacy::may_apply(
            kind,
            false,
            has_cv,
            ad.published_on,
            ad.expires_on,
            today,
        ) {
            Ok(()) => ApplyState::Open,
            Err(refusal) => ApplyState::Refused(refusal),
        },
    )
}

/// Which of `opportunity_ids` the person has applied to (for the result cards).
pub async fn applied_among<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
    opportunity_ids: &[i64],
) -> std::result::Result<Vec<i64>, DbErr> {
    if opportunity_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(candidacy::Entity::find()
        .filter(candidacy::Column::CodiceFiscale.eq(codice_fiscale))
        .filter(candidacy::Column::OpportunityId.is_in(opportunity_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.opportunity_id)
        .collect())
}

/// The person's candidacies with their history, newest first.
pub async fn of_person<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
    today: NaiveDate,
) -> std::result::Result<Vec<CandidacyView>, DbErr> {
    let rows = candidacy::Entity::find()
        .filter(candidacy::Column::CodiceFiscale.eq(codice_fiscale))
        .order_by_desc(candidacy::Column::CreatedAt)
        .order_by_desc(candidacy::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let ads: HashMap<i64, opportunity::Model> = opportunity::Entity::find()
        .filter(opportunity::Column::Id.is_in(rows.iter().map(|r| r.opportunity_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut steps: HashMap<i64, Vec<Step>> = HashMap::new();
    for event in candidacy_event::Entity::find()
        .filter(candidacy_event::Column::CandidacyId.is_in(ids))
        .order_by_asc(candidacy_event::Column::Id)
        .all(db)
        .await?
    {
        let Some(status) = CandidacyStatus::from_code(&event.to_status) else { continue };
        steps.entry(event.candidacy_id).or_default().push(Step {
            status,
            at: super::local_time::rome_time(event.occurred_at, "%d/%m/%Y %H:%M"),
            note: event.note,
        });
    }
    let v = vocabulary();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let ad = ads.get(&row.opportunity_id)?;
            Some(CandidacyView {
                id: row.id,
                opportunity_id: ad.id,
                kind: Kind::parse(&ad.kind).unwrap_or(Kind::Job),
                title: ad.title.clone(),
                organisation: ad.organisation.clone(),
                place: ad
                    .municipality_code
                    .as_deref()
                    .and_then(|c| v.label(SuggestionKind::Municipality, c))
                    .map(str::to_string),
                status: CandidacyStatus::from_code(&row.status).unwrap_or(CandidacyStatus::Sent),
                applied_on: domain::calendar::rome_date(row.created_at),
                steps: steps.remove(&row.id).unwrap_or_default(),
                live: domain::catalog::is_live(ad.published_on, ad.expires_on, today),
            })
        })
        .collect())
}

/// Whether the person has ever applied for anything.
pub async fn has_any<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> std::result::Result<bool, DbErr> {
    Ok(candidacy::Entity::find()
        .filter(candidacy::Column::CodiceFiscale.eq(codice_fiscale))
        .one(db)
        .await?
        .is_some())
}

/// A candidacy's current status, if it exists.
pub async fn current_status<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> std::result::Result<Option<CandidacyStatus>, DbErr> {
    Ok(candidacy::Entity::find_by_id(id)
        .one(db)
        .await?
        .and_then(|row| CandidacyStatus::from_code(&row.status)))
}

/// The ids of the newest `limit` ads of `kind` live on `today` in a municipality.
pub async fn newest_live<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    municipality_code: &str,
    today: NaiveDate,
    limit: u64,
) -> std::result::Result<Vec<i64>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(opportunity::Entity::find()
        .filter(opportunity::Column::Kind.eq(kind.code()))
        .filter(opportunity::Column::MunicipalityCode.eq(municipality_code))
        .filter(opportunity::Column::PublishedOn.lte(today))
        .filter(opportunity::Column::ExpiresOn.gte(today))
        .filter(opportunity::Column::State.eq(domain::catalog::AdState::Live.code()))
        .order_by_desc(opportunity::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|ad| ad.id)
        .collect())
}

/// Which of an organisation's candidacies to list.
#[derive(Clone, Debug, Default)]
pub struct ReceivedFilter {
    pub opportunity_id: Option<i64>,
    pub status: Option<CandidacyStatus>,
}

/// A candidacy an organisation received, as its list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    pub id: i64,
    pub opportunity_id: i64,
    pub title: String,
    pub status: CandidacyStatus,
    pub given_name: String,
    pub family_name: String,
    pub applied_at: chrono::DateTime<chrono::Utc>,
    pub contacts_shared: bool,
}

/// One page of the candidacies an organisation's ads received, newest first, and how many
/// match. Only its own ads' candidacies: the query joins through the ad's organisation.
pub async fn received<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    filter: &ReceivedFilter,
    page: u64,
    per_page: u64,
) -> std::result::Result<(Vec<Received>, u64), DbErr> {
    use sea_orm::{FromQueryResult, JoinType, PaginatorTrait, QuerySelect, RelationTrait};
    let mut query = candidacy::Entity::find()
        .join(JoinType::InnerJoin, candidacy::Relation::Opportunity.def())
        .filter(opportunity::Column::OrganisationId.eq(organisation_id));
    if let Some(id) = filter.opportunity_id {
        query = query.filter(candidacy::Column::OpportunityId.eq(id));
    }
    if let Some(status) = filter.status {
        query = query.filter(candidacy::Column::Status.eq(status.code()));
    }
    let total = query.clone().count(db).await?;
    #[derive(FromQueryResult)]
    struct Row {
        id: i64,
        opportunity_id: i64,
        codice_fiscale: String,
        status: String,
        created_at: chrono::DateTime<chrono::Utc>,
        contacts_shared: bool,
        title: String,
    }
    let rows: Vec<Row> = query
        .select_only()
        .columns([
            candidacy::Column::Id,
            candidacy::Column::OpportunityId,
            candidacy::Column::CodiceFiscale,
            candidacy::Column::Status,
            candidacy::Column::CreatedAt,
            candidacy::Column::ContactsShared,
        ])
        .column(opportunity::Column::Title)
        .order_by_desc(candidacy::Column::Id)
        .offset(page * per_page)
        .limit(per_page)
        .into_model()
        .all(db)
        .await?;
    let names =
        crate::account::names_of(db, rows.iter().map(|r| r.codice_fiscale.as_str())).await?;
    Ok((
        rows.into_iter()
            .map(|r| {
                let (given_name, family_name) =
                    names.get(&r.codice_fiscale).cloned().unwrap_or_default();
                Received {
                    id: r.id,
                    opportunity_id: r.opportunity_id,
                    title: r.title,
                    status: CandidacyStatus::from_code(&r.status).unwrap_or(CandidacyStatus::Sent),
                    given_name,
                    family_name,
                    applied_at: r.created_at,
                    contacts_shared: r.contacts_shared,
                }
            })
            .collect(),
        total,
    ))
}

/// A candidacy an organisation received, with the CV as it was when the person applied and
/// every status change.
#[derive(Clone, Debug)]
pub struct ReceivedDetail {
    pub line: Received,
    pub cv: Option<domain::cv::Cv>,
    /// When, from, to, note: the candidacy's history, oldest first.
    pub history: Vec<(chrono::DateTime<chrono::Utc>, CandidacyStatus, Option<String>)>,
}

/// One of the organisation's received candidacies; another organisation's is `None`.
pub async fn received_one<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    id: i64,
) -> std::result::Result<Option<ReceivedDetail>, DbErr> {
    let Some(row) = candidacy::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(ad) = opportunity::Entity::find_by_id(row.opportunity_id)
        .filter(opportunity::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let names = crate::account::names_of(db, std::iter::once(row.codice_fiscale.as_str())).await?;
    let (given_name, family_name) = names.get(&row.codice_fiscale).cloned().unwrap_or_default();
    let cv = row.cv_snapshot.as_deref().and_then(|json| serde_json::from_str(json).ok());
    let history = candidacy_event::Entity::find()
        .filter(candidacy_event::Column::CandidacyId.eq(id))
        .order_by_asc(candidacy_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|e| Some((e.occurred_at, CandidacyStatus::from_code(&e.to_status)?, e.note)))
        .collect();
    Ok(Some(ReceivedDetail {
        line: Received {
            id,
            opportunity_id: ad.id,
            title: ad.title,
            status: CandidacyStatus::from_code(&row.status).unwrap_or(CandidacyStatus::Sent),
            given_name,
            family_name,
            applied_at: row.created_at,
            contacts_shared: row.contacts_shared,
        },
        cv,
        history,
    }))
}

/// The organisation moves one of the candidacies its ads received (another organisation's is
/// "not found"), with a message the person reads on their candidacy page.
pub async fn change_for_organisation<C: crate::welfare::Writer>(
    db: &C,
    ctx: &Ctx,
    organisation_id: i64,
    id: i64,
    to: CandidacyStatus,
    note: Option<&str>,
) -> Result<candidacy::Model> {
    let Some(row) = candidacy::Entity::find_by_id(id).one(db).await? else {
        return Err(CandidacyError::NotFound);
    };
    let own = opportunity::Entity::find_by_id(row.opportunity_id)
        .filter(opportunity::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
        .is_some();
    if !own {
        return Err(CandidacyError::NotFound);
    }
    change(db, ctx, id, to, Mover::Organiser, None, note).await
}
