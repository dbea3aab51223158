//! Convocations (with per-channel receipts), meetings and their outcomes (R19–R22), SFL
//! participation confirmations (R15), and the reinstatement that follows when a suspended
//! household meets what was missing.

use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::{self, rome_date};
use domain::{ApplicationStatus, Consequence, Outcome, Programme, Venue};
use sea_orm::{
    ActiveValue::Set, IntoActiveModel, QueryOrder, TransactionSession, entity::prelude::*,
};
use serde_json::json;

use super::applications::reinstate_in;
use super::facts::{current_application, members_of, refresh_due_dates};
use super::pacts::active_contacts;
use super::{
    Ctx, NotificationKind, Result, ServiceError, Writer, begin_write, finish, invalid, notify,
    status_of,
};
use crate::entity::{
    application, convocation, convocation_receipt, meeting, member, sfl_confirmation,
};

/// How a convocation reaches people. The platform is always one (R17: a convocation
/// published on SIISL has legal value when no valid contact was given).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Platform,
    Sms,
    Email,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Platform => "platform",
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        [Channel::Platform, Channel::Sms, Channel::Email].into_iter().find(|c| c.code() == code)
    }
}

/// Why someone is summoned.
pub const CONVOCATION_PURPOSES: &[&str] =
    &["first_meeting", "follow_up", "psp", "pais_review", "other"];

#[derive(Clone, Debug)]
pub struct NewConvocation {
    pub household_id: i64,
    /// `None` summons the household (through the applicant's contacts).
    pub member_id: Option<i64>,
    pub issuer: Venue,
    pub issuer_name: String,
    pub purpose: String,
    pub appointment_at: DateTime<Utc>,
    pub place: String,
}

/// The application a household's obligations hang on; it must have a pact in force.
async fn application_in_force<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<application::Model> {
    let application = current_application(db, household_id)
        .await?
        .ok_or(ServiceError::NotFound("application"))?;
    if !matches!(status_of(&application)?, ApplicationStatus::Active | ApplicationStatus::Suspended)
    {
        return invalid("application", "not_active");
    }
    Ok(application)
}

async fn member_of<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
    member_id: i64,
) -> Result<member::Model> {
    member::Entity::find_by_id(member_id)
        .one(db)
        .await?
        .filter(|m| m.household_id == household_id)
        .ok_or(ServiceError::NotFound("member"))
}

/// Issues a convocation. It goes to the platform and to every certified contact of the person
/// summoned (the applicant for the household); the platform's delivery is recorded at once,
/// the other channels' receipts when the gateways report them.
pub async fn issue_convocation<C: Writer>(
    db: &C,
    ctx: &Ctx,
    new: &NewConvocation,
) -> Result<convocation::Model> {
    if new.appointment_at <= ctx.now {
        return invalid("appointment_at", "not_in_future");
    }
    if let Some(problem) =
        calendar::implausible_planned(calendar::rome_date(new.appointment_at), ctx.today())
    {
        return invalid("appointment_at", problem);
    }
    let place = new.place.trim();
    if place.is_empty() || place.chars().count() > 300 {
        return invalid("place", if place.is_empty() { "required" } else { "too_long" });
    }
    if new.issuer_name.trim().is_empty() {
        return invalid("issuer_name", "required");
    }
    if !CONVOCATION_PURPOSES.contains(&new.purpose.as_str()) {
        return invalid("purpose", "unknown");
    }
    let txn = begin_write(db).await?;
    let application = application_in_force(&txn, new.household_id).await?;
    let recipient = match new.member_id {
        Some(id) => member_of(&txn, new.household_id, id).await?.id,
        None => application.applicant_member_id,
    };
    let contacts: Vec<_> = active_contacts(&txn, recipient)
        .await?
        .into_iter()
        .filter(|c| c.used_for_convocations)
        .collect();
    let mut channels = vec![Channel::Platform];
    for contact in &contacts {
        channels.push(if contact.kind == "email" { Channel::Email } else { Channel::Sms });
    }
    // Always listed in the same order: platform, sms, email.
    channels.sort_by_key(|c| *c as u8);
    let convocation = convocation::ActiveModel {
        household_id: Set(new.household_id),
        member_id: Set(new.member_id),
        issuer: Set(new.issuer.code().to_string()),
        issuer_name: Set(new.issuer_name.trim().to_string()),
        channels: Set(channels.iter().map(|c| c.code()).collect::<Vec<_>>().join(",")),
        purpose: Set(new.purpose.clone()),
        issued_at: Set(ctx.now),
        appointment_at: Set(new.appointment_at),
        place: Set(place.to_string()),
        outcome: Set(None),
        outcome_recorded_at: Set(None),
        evidence_ref: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    receipt(&txn, convocation.id, Channel::Platform, ReceiptKind::Delivered, ctx.now).await?;
    // The SMS and e-mail leave through the outbox, committed with the convocation itself.
    let local = new.appointment_at.with_timezone(&chrono_tz::Europe::Rome).format("%d/%m/%Y %H:%M");
    let body = format!(
        "SIISL - Convocazione: {} ti convoca il {local} presso {}. Dettagli e conferma di lettura su SIISL, \
         sezione Messaggi. La mancata presentazione senza giustificato motivo comporta la decadenza dal beneficio.",
        convocation.issuer_name, convocation.place
    );
    for contact in &contacts {
        let channel = if contact.kind == "email" { Channel::Email } else { Channel::Sms };
        super::citizen_outbox::enqueue(
            &txn,
            channel.code(),
            &contact.value,
            "SIISL: convocazione",
            &body,
            "convocation",
            Some(convocation.id),
            ctx.now,
        )
        .await?;
    }
    notify(
        &txn,
        ctx,
        new.household_id,
        recipient,
        NotificationKind::ConvocationIssued,
        json!({
            "convocation_id": convocation.id,
            "issuer_name": convocation.issuer_name,
            "appointment_at": convocation.appointment_at,
            "place": convocation.place,
        }),
    )
    .await?;
    finish(txn, ctx, new.household_id).await?;
    Ok(convocation)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptKind {
    Delivered,
    /// The recipient opened it (on the platform this has legal value, R17).
    Read,
}

impl ReceiptKind {
    pub fn code(self) -> &'static str {
        match self {
            ReceiptKind::Delivered => "delivered",
            ReceiptKind::Read => "read",
        }
    }
}

async fn receipt<C: ConnectionTrait>(
    db: &C,
    convocation_id: i64,
    channel: Channel,
    kind: ReceiptKind,
    at: DateTime<Utc>,
) -> Result<convocation_receipt::Model> {
    if let Some(existing) = convocation_receipt::Entity::find()
        .filter(convocation_receipt::Column::ConvocationId.eq(convocation_id))
        .filter(convocation_receipt::Column::Channel.eq(channel.code()))
        .filter(convocation_receipt::Column::Kind.eq(kind.code()))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    Ok(convocation_receipt::ActiveModel {
        convocation_id: Set(convocation_id),
        channel: Set(channel.code().to_string()),
        kind: Set(kind.code().to_string()),
        at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Records a delivery or read receipt. The first receipt of each kind per channel is kept;
/// later ones change nothing.
pub async fn record_receipt<C: Writer>(
    db: &C,
    ctx: &Ctx,
    convocation_id: i64,
    channel: Channel,
    kind: ReceiptKind,
) -> Result<convocation_receipt::Model> {
    let txn = begin_write(db).await?;
    let found = convocation::Entity::find_by_id(convocation_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("convocation"))?;
    if !found.channels.split(',').any(|c| c == channel.code()) {
        return invalid("channel", "not_used");
    }
    let stored = receipt(&txn, convocation_id, channel, kind, ctx.now).await?;
    txn.commit().await?;
    Ok(stored)
}

pub async fn receipts<C: ConnectionTrait>(
    db: &C,
    convocation_id: i64,
) -> Result<Vec<convocation_receipt::Model>> {
    Ok(convocation_receipt::Entity::find()
        .filter(convocation_receipt::Column::ConvocationId.eq(convocation_id))
        .order_by_asc(convocation_receipt::Column::Id)
        .all(db)
        .await?)
}

#[derive(Clone, Debug)]
pub struct NewMeeting {
    pub household_id: i64,
    /// `None` when the household as a whole was met.
    pub member_id: Option<i64>,
    pub venue: Venue,
    pub held_on: NaiveDate,
    pub outcome: Outcome,
    /// The convocation this meeting answers, if any; its outcome is recorded with it.
    pub convocation_id: Option<i64>,
    /// Required for a justified reason (R31: an operator's record with evidence).
    pub evidence_ref: Option<String>,
}

/// Records a meeting's outcome (R21). When the household was suspended and this record
/// meets everything that was overdue, the benefit is reinstated with arrears in the same
/// transaction (R20, R22).
pub async fn record_meeting<C: Writer>(
    db: &C,
    ctx: &Ctx,
    new: &NewMeeting,
) -> Result<meeting::Model> {
    if let Some(problem) =
        calendar::implausible(new.held_on, calendar::PROGRAMMES_START, ctx.today())
    {
        return invalid("held_on", problem);
    }
    let evidence = new.evidence_ref.as_deref().map(str::trim).filter(|e| !e.is_empty());
    if new.outcome == Outcome::Justified && evidence.is_none() {
        return invalid("evidence_ref", "required_for_justified");
    }
    if new.outcome == Outcome::Spontaneous && new.convocation_id.is_some() {
        return invalid("outcome", "spontaneous_with_convocation");
    }
    let txn = begin_write(db).await?;
    let application = application_in_force(&txn, new.household_id).await?;
    if let Some(id) = new.member_id {
        member_of(&txn, new.household_id, id).await?;
    }
    if let Some(convocation_id) = new.convocation_id {
        let found = convocation::Entity::find_by_id(convocation_id)
            .one(&txn)
            .await?
            .filter(|c| c.household_id == new.household_id)
            .ok_or(ServiceError::NotFound("convocation"))?;
        if found.outcome.is_some() {
            return Err(ServiceError::AlreadyRecorded);
        }
        if found.issuer != new.venue.code() {
            return invalid("venue", "differs_from_convocation");
        }
        if new.held_on < rome_date(found.issued_at) {
            return invalid("held_on", "before_convocation");
        }
        let mut active = found.into_active_model();
        active.outcome = Set(Some(new.outcome.code().to_string()));
        active.outcome_recorded_at = Set(Some(ctx.now));
        active.evidence_ref = Set(evidence.map(str::to_string));
        active.update(&txn).await?;
    }
    let recorded = meeting::ActiveModel {
        household_id: Set(new.household_id),
        member_id: Set(new.member_id),
        venue: Set(new.venue.code().to_string()),
        held_on: Set(new.held_on),
        outcome: Set(new.outcome.code().to_string()),
        convocation_id: Set(new.convocation_id),
        evidence_ref: Set(evidence.map(str::to_string)),
        recorded_at: Set(ctx.now),
        recorded_by: Set(ctx.actor.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    notify(
        &txn,
        ctx,
        new.household_id,
        new.member_id.unwrap_or(application.applicant_member_id),
        NotificationKind::MeetingRecorded,
        json!({ "held_on": new.held_on, "outcome": new.outcome.code(), "venue": new.venue.code() }),
    )
    .await?;
    refresh_due_dates(&txn, ctx, new.household_id).await?;
    reinstate_if_met(&txn, ctx, &application, "Obbligo soddisfatto: incontro registrato").await?;
    txn.commit().await?;
    Ok(recorded)
}

/// A suspended household whose obligations are no longer overdue gets the benefit back.
pub(super) async fn reinstate_if_met<C: ConnectionTrait>(
    txn: &C,
    ctx: &Ctx,
    application: &application::Model,
    reason: &str,
) -> Result<()> {
    let current = application::Entity::find_by_id(application.id)
        .one(txn)
        .await?
        .ok_or(ServiceError::NotFound("application"))?;
    if status_of(&current)? != ApplicationStatus::Suspended {
        return Ok(());
    }
    let open =
        super::household_obligations(txn, current.household_id, ctx.today(), &ctx.book).await?;
    let still_missing =
        open.iter().any(|o| o.is_overdue() && o.consequence == Consequence::Suspension);
    if !still_missing {
        reinstate_in(txn, ctx, current.id, reason, ctx.today()).await?;
    }
    Ok(())
}

/// The SFL beneficiary confirms their participation (R15).
pub async fn confirm_sfl_participation<C: Writer>(
    db: &C,
    ctx: &Ctx,
    member_id: i64,
) -> Result<sfl_confirmation::Model> {
    let txn = begin_write(db).await?;
    let who = member::Entity::find_by_id(member_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("member"))?;
    let application = application_in_force(&txn, who.household_id).await?;
    if application.programme != Programme::Sfl.code()
        || application.applicant_member_id != member_id
    {
        return invalid("application", "not_sfl");
    }
    let confirmation = sfl_confirmation::ActiveModel {
        application_id: Set(application.id),
        member_id: Set(member_id),
        confirmed_on: Set(ctx.today()),
        recorded_at: Set(ctx.now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    notify(
        &txn,
        ctx,
        who.household_id,
        member_id,
        NotificationKind::SflConfirmed,
        json!({ "on": ctx.today() }),
    )
    .await?;
    refresh_due_dates(&txn, ctx, who.household_id).await?;
    reinstate_if_met(&txn, ctx, &application, "Partecipazione confermata").await?;
    txn.commit().await?;
    Ok(confirmation)
}

/// The household's members, for callers that only hold the household id.
pub async fn household_members<C: ConnectionTrait>(
    db: &C,
    household_id: i64,
) -> Result<Vec<member::Model>> {
    members_of(db, household_id).await
}

/// What a citizen asks about a convocation before its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// To move the appointment.
    Reschedule,
    /// A reason for not attending; whether it justifies the absence is the operator's call
    /// (R21: a justified reason is an outcome recorded by an operator).
    Justification,
}

impl RequestKind {
    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Reschedule => "reschedule",
            RequestKind::Justification => "justification",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestKind> {
        [RequestKind::Reschedule, RequestKind::Justification].into_iter().find(|k| k.code() == code)
    }
}

/// The longest request text.
pub const REQUEST_TEXT_MAX: usize = 1000;

/// Records a member's request about their household's convocation, before the appointment,
/// and sends it to the platform that issued the convocation (GePI for social services, SIU for
/// the job centre) in the same transaction. One request per convocation.
pub async fn request_about_convocation<C: Writer>(
    db: &C,
    ctx: &Ctx,
    convocation_id: i64,
    member_id: i64,
    kind: RequestKind,
    text: &str,
) -> Result<crate::entity::convocation_request::Model> {
    use crate::entity::convocation_request;
    use crate::outbound;
    let text = text.trim();
    if text.chars().count() < 10 {
        return invalid("testo", if text.is_empty() { "required" } else { "too_short" });
    }
    if text.chars().count() > REQUEST_TEXT_MAX {
        return invalid("testo", "too_long");
    }
    let txn = begin_write(db).await?;
    let found = convocation::Entity::find_by_id(convocation_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("convocation"))?;
    let asker = member::Entity::find_by_id(member_id)
        .one(&txn)
        .await?
        .filter(|m| m.household_id == found.household_id)
        .ok_or(ServiceError::NotFound("convocation"))?;
    if found.outcome.is_some() || found.appointment_at <= ctx.now {
        return invalid("convocation", "past");
    }
    if convocation_request::Entity::find()
        .filter(convocation_request::Column::ConvocationId.eq(convocation_id))
        .one(&txn)
        .await?
        .is_some()
    {
        return invalid("convocation", "already_asked");
    }
    let request = convocation_request::ActiveModel {
        convocation_id: Set(convocation_id),
        member_id: Set(member_id),
        kind: Set(kind.code().to_string()),
        text: Set(text.to_string()),
        created_at: Set(ctx.now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|error| match error.sql_err() {
        // Two requests sent at once: the unique index lets one in, the other gets the same
        // answer as a request sent after it.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Invalid { field: "convocation", problem: "already_asked" }
        }
        _ => error.into(),
    })?;
    let application = current_application(&txn, found.household_id)
        .await?
        .ok_or(ServiceError::NotFound("application"))?;
    let destination = if found.issuer == Venue::Cpi.code() {
        outbound::Destination::Siu
    } else {
        outbound::Destination::Gepi
    };
    outbound::enqueue(
        &txn,
        outbound::NewMessage {
            destination,
            agency_code: None,
            kind: "convocation_request",
            application_id: application.id,
            household_id: found.household_id,
            member_id: Some(member_id),
            payload: json!({
                "type": "convocation_request",
                "inps_protocol": application.inps_protocol,
                "convocation": {
                    "issuer_name": found.issuer_name,
                    "appointment_at": found.appointment_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    "place": found.place,
                },
                "request": kind.code(),
                "text": text,
                "codice_fiscale": asker.codice_fiscale,
                "sent_at": ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            }),
        },
        ctx.now,
    )
    .await?;
    txn.commit().await?;
    Ok(request)
}

/// The request made about each of these convocations, if any.
pub async fn convocation_requests<C: ConnectionTrait>(
    db: &C,
    convocation_ids: Vec<i64>,
) -> Result<Vec<crate::entity::convocation_request::Model>> {
    use crate::entity::convocation_request;
    Ok(convocation_request::Entity::find()
        .filter(convocation_request::Column::ConvocationId.is_in(convocation_ids))
        .order_by_asc(convocation_request::Column::Id)
        .all(db)
        .await?)
}
