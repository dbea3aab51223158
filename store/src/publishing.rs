//! Organisations' ads: publishing, editing, pausing, closing and renewing their own, the
//! warning before an ad expires, and administrators' suspensions. Every function that touches
//! an organisation's ad is scoped by that organisation: another organisation's ad is "not
//! found", as if it did not exist.
//!
//! The catalogue's own rules stay in `store::catalog` and `domain::catalog` (what an ad must
//! say, how long it lasts, when it may be renewed); this module adds who may do what to it.

use chrono::{DateTime, NaiveDate, Utc};
use domain::catalog::{self as rules, Ad, AdAction, AdState, Kind};
use domain::cv::Problem;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, TransactionSession,
};

use crate::catalog::{Publisher, insert_ads, rewrite_ad};
use crate::entity::{
    ad_report, candidacy, opportunity, opportunity_skill, opportunity_text, organisation,
};
use crate::vocabulary::vocabulary;
use crate::welfare::Writer;
use contract::organisations::OrganisationKind;

/// An organisation's ad as its list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnAd {
    pub id: i64,
    pub kind: Kind,
    pub title: String,
    pub state: AdState,
    pub state_reason: Option<String>,
    pub published_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub renewed: bool,
    pub external_id: Option<String>,
    /// Candidacies received (withdrawn ones included: they were received).
    pub candidacies: i64,
}

/// Why an organisation's change to an ad was not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdRefused {
    /// No such ad of this organisation.
    NotFound,
    /// Field problems (`field`, code), every one at once.
    Invalid(Vec<Problem>),
    /// Not from the ad's state (a closed or suspended ad, a paused one paused again).
    State(AdState),
    Renewal(rules::RenewalProblem),
    /// Changed by someone else at the same time; read it again.
    Conflict,
}

/// The organisation's kind decides what it may publish: PUC only a Comune.
fn kind_problems(organisation: OrganisationKind, ad: &Ad) -> Vec<Problem> {
    if ad.kind == Kind::Puc && organisation != OrganisationKind::Comune {
        vec![Problem { field: "kind".into(), code: "puc_comuni_only" }]
    } else {
        Vec::new()
    }
}

async fn organisation_of<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<(organisation::Model, OrganisationKind)>, DbErr> {
    Ok(organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .and_then(|o| OrganisationKind::from_code(&o.kind).map(|kind| (o, kind))))
}

/// The ad as its organisation wrote it, with the organisation's registered name (not a typed
/// one) and everything checked. Problems come back all at once.
fn prepared(
    organisation: &organisation::Model,
    kind: OrganisationKind,
    ad: &Ad,
) -> Result<Ad, Vec<Problem>> {
    let mut ad = ad.clone();
    ad.organisation = organisation.name.clone();
    let mut problems = kind_problems(kind, &ad);
    problems.extend(ad.check(vocabulary()));
    if problems.is_empty() { Ok(ad) } else { Err(problems) }
}

/// Publishes an ad for an organisation. With `external_id` (its own system's id, by API) a
/// second publication of the same id changes nothing and returns the first ad's id.
pub async fn publish<C: Writer>(
    db: &C,
    organisation_id: i64,
    ad: &Ad,
    external_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Result<i64, AdRefused>, DbErr> {
    let Some((organisation, kind)) = organisation_of(db, organisation_id).await? else {
        return Ok(Err(AdRefused::NotFound));
    };
    let ad = match prepared(&organisation, kind, ad) {
        Ok(ad) => ad,
        Err(problems) => return Ok(Err(AdRefused::Invalid(problems))),
    };
    if let Some(id) = external(db, organisation_id, external_id).await? {
        return Ok(Ok(id));
    }
    let txn = db.begin_with_options(db.write_options()).await?;
    let publisher = Publisher { organisation_id: Some(organisation_id), external_id };
    let inserted = insert_ads(&txn, std::slice::from_ref(&ad), publisher, now).await;
    match inserted {
        Ok(ids) => {
            TransactionSession::commit(txn).await?;
            Ok(ids
                .first()
                .copied()
                .ok_or_else(|| DbErr::Custom("no id returned".into()))
                .map(Ok)?)
        }
        // Two publications of the same external id at once: the unique index keeps one.
        Err(error)
            if external_id.is_some()
                && matches!(
                    error.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) =>
        {
            drop(txn);
            external(db, organisation_id, external_id)
                .await?
                .map(Ok)
                .ok_or(DbErr::Custom("external id vanished".into()))
        }
        Err(error) => Err(error),
    }
}

async fn external<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    external_id: Option<&str>,
) -> Result<Option<i64>, DbErr> {
    let Some(external_id) = external_id else { return Ok(None) };
    Ok(opportunity::Entity::find()
        .filter(opportunity::Column::OrganisationId.eq(organisation_id))
        .filter(opportunity::Column::ExternalId.eq(external_id))
        .one(db)
        .await?
        .map(|row| row.id))
}

/// The organisation's ad, or `None` for an ad that is not theirs.
async fn own<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    id: i64,
) -> Result<Option<opportunity::Model>, DbErr> {
    opportunity::Entity::find_by_id(id)
        .filter(opportunity::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

fn state_of(row: &opportunity::Model) -> AdState {
    // An unknown code is treated as the most restrictive.
    AdState::parse(&row.state).unwrap_or(AdState::Suspended)
}

/// The ad as stored, for its organisation's edit form.
pub async fn ad_for_edit<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    id: i64,
) -> Result<Option<(Ad, AdState)>, DbErr> {
    let Some(row) = own(db, organisation_id, id).await? else {
        return Ok(None);
    };
    let description = opportunity_text::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|t| t.description)
        .unwrap_or_default();
    let skills = opportunity_skill::Entity::find()
        .filter(opportunity_skill::Column::OpportunityId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.skill_key)
        .collect();
    let state = state_of(&row);
    let ad = Ad {
        kind: Kind::parse(&row.kind).unwrap_or(Kind::Job),
        title: row.title,
        organisation: row.organisation,
        description,
        occupation_code: row.occupation_code,
        municipality_code: row.municipality_code,
        online: row.online,
        contract: row.contract.as_deref().and_then(rules::Contract::parse),
        duration_months: row.duration_months,
        hours_pct: row.hours_pct,
        total_hours: row.total_hours,
        pay_monthly: row.pay_monthly,
        eqf_level: row.eqf_level,
        topic: row.topic,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        published_on: row.published_on,
        expires_on: row.expires_on,
        skills,
        seats: row.seats,
    };
    Ok(Some((ad, state)))
}

/// Rewrites an organisation's live or paused ad. Its kind and publication day stay as
/// published; a new expiry is checked against that day (two months at most).
pub async fn edit<C: Writer>(
    db: &C,
    organisation_id: i64,
    id: i64,
    ad: &Ad,
    now: DateTime<Utc>,
) -> Result<Result<(), AdRefused>, DbErr> {
    let Some((organisation, kind)) = organisation_of(db, organisation_id).await? else {
        return Ok(Err(AdRefused::NotFound));
    };
    let txn = db.begin_with_options(db.write_options()).await?;
    let Some(row) = own(&txn, organisation_id, id).await? else {
        return Ok(Err(AdRefused::NotFound));
    };
    let state = state_of(&row);
    if !rules::is_editable(state) {
        return Ok(Err(AdRefused::State(state)));
    }
    let mut ad = ad.clone();
    ad.kind = Kind::parse(&row.kind).unwrap_or(ad.kind);
    ad.published_on = row.published_on;
    let ad = if row.renewed {
        // A renewed ad runs past two months from its publication: its expiry stays as the
        // renewal set it, and the publication window is not checked again.
        ad.expires_on = row.expires_on;
        let window = |p: &Problem| p.field == "expires_on";
        ad.organisation = organisation.name.clone();
        let mut problems = kind_problems(kind, &ad);
        problems.extend(ad.check(vocabulary()).into_iter().filter(|p| !window(p)));
        if !problems.is_empty() {
            return Ok(Err(AdRefused::Invalid(problems)));
        }
        ad
    } else {
        match prepared(&organisation, kind, &ad) {
            Ok(ad) => ad,
            Err(problems) => return Ok(Err(AdRefused::Invalid(problems))),
        }
    };
    rewrite_ad(&txn, id, &ad, now).await?;
    TransactionSession::commit(txn).await?;
    Ok(Ok(()))
}

/// Pauses, resumes, closes or renews an organisation's ad; returns its state and expiry after.
/// Each is a conditional update on the state read, so of two changes at once one wins.
pub async fn act<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    id: i64,
    action: AdAction,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Result<(AdState, NaiveDate), AdRefused>, DbErr> {
    let Some(row) = own(db, organisation_id, id).await? else {
        return Ok(Err(AdRefused::NotFound));
    };
    let state = state_of(&row);
    let Some(next) = rules::next_state(state, action) else {
        return Ok(Err(AdRefused::State(state)));
    };
    let mut update = opportunity::Entity::update_many()
        .col_expr(opportunity::Column::State, Expr::value(next.code()))
        .col_expr(opportunity::Column::UpdatedAt, Expr::value(now))
        .filter(opportunity::Column::Id.eq(id))
        .filter(opportunity::Column::State.eq(state.code()));
    let mut expires = row.expires_on;
    if action == AdAction::Renew {
        expires = match rules::renewal(row.expires_on, row.renewed, today) {
            Ok(expires) => expires,
            Err(problem) => return Ok(Err(AdRefused::Renewal(problem))),
        };
        update = update
            .col_expr(opportunity::Column::ExpiresOn, Expr::value(expires))
            .col_expr(opportunity::Column::Renewed, Expr::value(true))
            .col_expr(opportunity::Column::ExpiryWarned, Expr::value(false))
            .filter(opportunity::Column::Renewed.eq(false))
            .filter(opportunity::Column::ExpiresOn.eq(row.expires_on));
    }
    let done = update.exec(db).await?;
    Ok(if done.rows_affected == 1 { Ok((next, expires)) } else { Err(AdRefused::Conflict) })
}

/// The longest reason or note kept (the columns' size).
pub const REASON_MAX: usize = 500;

/// An administrator suspends an ad (any organisation's, or a generated one) with a reason: it
/// leaves search at once and takes no more candidacies, and its open reports are handled.
/// `Ok(None)` when there is no such ad; `Err` codes for the reason field.
pub async fn suspend<C: Writer>(
    db: &C,
    id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Result<Option<()>, &'static str>, DbErr> {
    let reason = match domain::text::accept(reason.trim(), domain::text::Lines::Many) {
        Ok(r) if r.is_empty() => return Ok(Err("required")),
        Ok(r) if r.chars().count() > REASON_MAX => return Ok(Err("too_long")),
        Ok(r) => r,
        Err(problem) => return Ok(Err(problem.code())),
    };
    let txn = db.begin_with_options(db.write_options()).await?;
    let done = opportunity::Entity::update_many()
        .col_expr(opportunity::Column::State, Expr::value(AdState::Suspended.code()))
        .col_expr(opportunity::Column::StateReason, Expr::value(reason))
        .col_expr(opportunity::Column::UpdatedAt, Expr::value(now))
        .filter(opportunity::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Ok(Ok(None));
    }
    handle_reports(&txn, id, now).await?;
    TransactionSession::commit(txn).await?;
    Ok(Ok(Some(())))
}

/// Marks an ad's open reports handled (suspended, or dismissed by an administrator).
pub async fn handle_reports<C: ConnectionTrait>(
    db: &C,
    opportunity_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(ad_report::Entity::update_many()
        .col_expr(ad_report::Column::HandledAt, Expr::value(now))
        .filter(ad_report::Column::OpportunityId.eq(opportunity_id))
        .filter(ad_report::Column::HandledAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// A person reports an ad to the administrators. Reporting the same ad again changes nothing.
/// `Ok(Err(code))` for a note the text rule refuses; `Ok(Ok(false))` when there is no such ad.
pub async fn report<C: ConnectionTrait>(
    db: &C,
    opportunity_id: i64,
    person: &str,
    reason: rules::ReportReason,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Result<bool, &'static str>, DbErr> {
    let note = match domain::text::accept(note.trim(), domain::text::Lines::Many) {
        Ok(n) if n.chars().count() > REASON_MAX => return Ok(Err("too_long")),
        Ok(n) => n,
        Err(problem) => return Ok(Err(problem.code())),
    };
    if opportunity::Entity::find_by_id(opportunity_id).one(db).await?.is_none() {
        return Ok(Ok(false));
    }
    let row = ad_report::ActiveModel {
        opportunity_id: sea_orm::ActiveValue::Set(opportunity_id),
        codice_fiscale: sea_orm::ActiveValue::Set(person.to_string()),
        reason: sea_orm::ActiveValue::Set(reason.code().to_string()),
        note: sea_orm::ActiveValue::Set(note),
        created_at: sea_orm::ActiveValue::Set(now),
        handled_at: sea_orm::ActiveValue::Set(None),
        ..Default::default()
    };
    match ad_report::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(Ok(true)),
        Err(error)
            if matches!(error.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) =>
        {
            Ok(Ok(true))
        }
        Err(error) => Err(error),
    }
}

/// An ad with open reports, for the administrators.
#[derive(Clone, Debug, PartialEq)]
pub struct Reported {
    pub opportunity_id: i64,
    pub title: String,
    pub organisation: String,
    /// Reason codes and notes of the open reports, oldest first.
    pub reports: Vec<(String, String)>,
}

/// Ads with open reports, most reported first.
pub async fn reported<C: ConnectionTrait>(db: &C) -> Result<Vec<Reported>, DbErr> {
    let open = ad_report::Entity::find()
        .filter(ad_report::Column::HandledAt.is_null())
        .order_by_asc(ad_report::Column::Id)
        .limit(1_000)
        .all(db)
        .await?;
    let mut by_ad: std::collections::BTreeMap<i64, Vec<(String, String)>> = Default::default();
    for report in open {
        by_ad.entry(report.opportunity_id).or_default().push((report.reason, report.note));
    }
    let ads = opportunity::Entity::find()
        .filter(opportunity::Column::Id.is_in(by_ad.keys().copied()))
        .all(db)
        .await?;
    let mut out: Vec<Reported> = ads
        .into_iter()
        .map(|ad| Reported {
            reports: by_ad.remove(&ad.id).unwrap_or_default(),
            opportunity_id: ad.id,
            title: ad.title,
            organisation: ad.organisation,
        })
        .collect();
    out.sort_by_key(|r| (std::cmp::Reverse(r.reports.len()), r.opportunity_id));
    Ok(out)
}

/// One page of an organisation's ads, newest first, with the candidacies each received, and
/// how many there are in all.
pub async fn ads_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
    page: u64,
    per_page: u64,
) -> Result<(Vec<OwnAd>, u64), DbErr> {
    use sea_orm::PaginatorTrait;
    let base =
        opportunity::Entity::find().filter(opportunity::Column::OrganisationId.eq(organisation_id));
    let total = base.clone().count(db).await?;
    let rows = base
        .order_by_desc(opportunity::Column::Id)
        .offset(page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    #[derive(FromQueryResult)]
    struct Count {
        opportunity_id: i64,
        n: i64,
    }
    let counts: Vec<Count> = candidacy::Entity::find()
        .select_only()
        .column(candidacy::Column::OpportunityId)
        .column_as(candidacy::Column::Id.count(), "n")
        .filter(candidacy::Column::OpportunityId.is_in(rows.iter().map(|r| r.id)))
        .group_by(candidacy::Column::OpportunityId)
        .into_model()
        .all(db)
        .await?;
    let ads = rows
        .into_iter()
        .map(|row| OwnAd {
            id: row.id,
            kind: Kind::parse(&row.kind).unwrap_or(Kind::Job),
            state: state_of(&row),
            candidacies: counts.iter().find(|c| c.opportunity_id == row.id).map_or(0, |c| c.n),
            title: row.title,
            state_reason: row.state_reason,
            published_on: row.published_on,
            expires_on: row.expires_on,
            renewed: row.renewed,
            external_id: row.external_id,
        })
        .collect();
    Ok((ads, total))
}

/// Tells each organisation, once, about its live ads entering their last 7 days (when they may
/// be renewed), by e-mail through the outbox, in one transaction per ad with the mark that it
/// was told. Run daily (`siisl refresh-due-dates`); returns how many warnings were queued.
pub async fn warn_expiring<C: Writer>(
    db: &C,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let window_end = today + chrono::Duration::days(rules::RENEWAL_WINDOW_DAYS);
    let due = opportunity::Entity::find()
        .filter(opportunity::Column::OrganisationId.is_not_null())
        .filter(opportunity::Column::State.eq(AdState::Live.code()))
        .filter(opportunity::Column::ExpiryWarned.eq(false))
        .filter(opportunity::Column::ExpiresOn.gte(today))
        .filter(opportunity::Column::ExpiresOn.lte(window_end))
        .all(db)
        .await?;
    let mut queued = 0;
    for ad in due {
        if !rules::expiry_warning_due(ad.expires_on, today) {
            continue;
        }
        let Some(organisation_id) = ad.organisation_id else { continue };
        let txn = db.begin_with_options(db.write_options()).await?;
        let marked = opportunity::Entity::update_many()
            .col_expr(opportunity::Column::ExpiryWarned, Expr::value(true))
            .filter(opportunity::Column::Id.eq(ad.id))
            .filter(opportunity::Column::ExpiryWarned.eq(false))
            .exec(&txn)
            .await?;
        if marked.rows_affected == 1
            && let Some(email) = organisation::Entity::find_by_id(organisation_id)
                .one(&txn)
                .await?
                .and_then(|o| o.contact_email)
        {
            let day = ad.expires_on.format("%d/%m/%Y");
            let subject = format!("SIISL: l'annuncio «{}» scade il {day}", ad.title);
            let body = format!(
                "L'annuncio «{}» (n. {}) scade il {day} e sarà tolto dalla ricerca il giorno dopo. \
                 Puoi rinnovarlo una volta per altri due mesi da «La mia organizzazione» su SIISL.\n\n\
                 The ad \"{}\" (no. {}) expires on {day}. You may renew it once for two more months \
                 from \"My organisation\" on SIISL.",
                ad.title, ad.id, ad.title, ad.id
            );
            crate::welfare::citizen_outbox::enqueue(
                &txn,
                "email",
                &email,
                &subject,
                &body,
                "ad_expiring",
                None,
                now,
            )
            .await?;
            queued += 1;
        }
        TransactionSession::commit(txn).await?;
    }
    Ok(queued)
}

/// Id and title of an organisation's ads, newest first (the candidacies' filter).
pub async fn titles_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: i64,
) -> Result<Vec<(i64, String)>, DbErr> {
    Ok(opportunity::Entity::find()
        .filter(opportunity::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(opportunity::Column::Id)
        .limit(500)
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.title))
        .collect())
}
