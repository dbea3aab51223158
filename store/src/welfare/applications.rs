//! Applications: submission, INPS's assessment, suspension and reinstatement with arrears,
//! decadenza, the end of the benefit, payments, and the social services' assessment of
//! each member.

use chrono::NaiveDate;
use domain::calendar::{self, add_days, month_of};
use domain::payments::{arrears_months, payment_on};
use domain::{ApplicationStatus, Programme, RuleId};
use sea_orm::{
    ActiveValue::Set, IntoActiveModel, QueryOrder, TransactionSession, entity::prelude::*,
};
use serde_json::json;

use super::facts::{members_of, refresh_due_dates};
use super::{
    Ctx, NotificationKind, Result, ServiceError, Writer, application_by_id, begin_write,
    change_status, finish, invalid, notify, notify_adults, require_reason, status_of,
};
use crate::entity::{
    application, household, member, pad_individuale, pad_nucleo, payment, status_change,
};
use contract::identity::CodiceFiscale;

/// A member's relation to the applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Applicant,
    Spouse,
    Child,
    Parent,
    Other,
}

impl Relation {
    pub fn code(self) -> &'static str {
        match self {
            Relation::Applicant => "applicant",
            Relation::Spouse => "spouse",
            Relation::Child => "child",
            Relation::Parent => "parent",
            Relation::Other => "other",
        }
    }
}

/// Facts about a member that social services assess (R24) and may change later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemberFlags {
    pub disabled: bool,
    pub care_duties: bool,
    pub gender_violence_victim: bool,
    pub attivabile: bool,
}

#[derive(Clone, Debug)]
pub struct NewMember {
    pub codice_fiscale: CodiceFiscale,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: NaiveDate,
    pub relation: Relation,
    pub flags: MemberFlags,
}

/// An application as INPS transmits it. The first member is the applicant.
#[derive(Clone, Debug)]
pub struct NewApplication {
    pub programme: Programme,
    pub inps_protocol: String,
    pub submitted_on: NaiveDate,
    pub municipality_code: String,
    pub address: String,
    pub members: Vec<NewMember>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub application_id: i64,
    pub household_id: i64,
    /// `false` when an application with this protocol number already existed.
    pub created: bool,
}

fn check_name(field: &'static str, value: &str) -> Result<()> {
    match value.trim().chars().count() {
        0 => invalid(field, "required"),
        1..=200 => Ok(()),
        _ => invalid(field, "too_long"),
    }
}

/// Records a submitted application with its household. Submitting the same protocol number
/// again returns the existing application and changes nothing.
pub async fn submit_application<C: Writer>(
    db: &C,
    ctx: &Ctx,
    new: &NewApplication,
) -> Result<Submitted> {
    let protocol = new.inps_protocol.trim();
    if protocol.is_empty() || protocol.len() > 40 {
        return invalid("inps_protocol", if protocol.is_empty() { "required" } else { "too_long" });
    }
    if new.members.is_empty() {
        return invalid("members", "required");
    }
    if new.programme == Programme::Sfl && new.members.len() != 1 {
        // R11: SFL is an individual allowance.
        return invalid("members", "sfl_is_individual");
    }
    let first_day = match new.programme {
        Programme::Adi => calendar::FIRST_ADI_SUBMISSION,
        Programme::Sfl => calendar::PROGRAMMES_START,
    };
    if let Some(problem) = calendar::implausible(new.submitted_on, first_day, ctx.today()) {
        return invalid("submitted_on", problem);
    }
    if new.address.trim().is_empty() {
        return invalid("address", "required");
    }
    for (index, member) in new.members.iter().enumerate() {
        check_name("given_name", &member.given_name)?;
        check_name("family_name", &member.family_name)?;
        if member.birth_date > new.submitted_on {
            return invalid("birth_date", "in_future");
        }
        if member.birth_date < calendar::EARLIEST_BIRTH {
            return invalid("birth_date", "too_early");
        }
        if (index == 0) != (member.relation == Relation::Applicant) {
            return invalid("relation", "applicant_first");
        }
        if new.members[..index].iter().any(|other| other.codice_fiscale == member.codice_fiscale) {
            return invalid("codice_fiscale", "duplicate");
        }
    }

    let txn = begin_write(db).await?;
    if let Some(existing) = application::Entity::find()
        .filter(application::Column::InpsProtocol.eq(protocol))
        .one(&txn)
        .await?
    {
        return Ok(Submitted {
            application_id: existing.id,
            household_id: existing.household_id,
            created: false,
        });
    }
    if crate::entity::municipality::Entity::find_by_id(new.municipality_code.as_str())
        .one(&txn)
        .await?
        .is_none()
    {
        return invalid("municipality_code", "unknown");
    }

    // A person belongs to one household: a new application for someone already known
    // (a renewal, or a new application after decadenza) reuses their household.
    let applicant_cf = new.members[0].codice_fiscale.as_str();
    let known = member::Entity::find()
        .filter(member::Column::CodiceFiscale.eq(applicant_cf))
        .one(&txn)
        .await?;
    let household_id = match known {
        Some(applicant) => {
            if let Some(current) =
                super::facts::current_application(&txn, applicant.household_id).await?
                && !status_of(&current)?.is_final()
            {
                return invalid("inps_protocol", "application_in_progress");
            }
            applicant.household_id
        }
        None => {
            household::ActiveModel {
                municipality_code: Set(new.municipality_code.clone()),
                address: Set(new.address.trim().to_string()),
                next_due_on: Set(None),
                next_due_kind: Set(None),
                created_at: Set(ctx.now),
                updated_at: Set(ctx.now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    let existing_members = members_of(&txn, household_id).await?;
    let mut applicant_id = None;
    for new_member in &new.members {
        let cf = new_member.codice_fiscale.as_str();
        let id = match existing_members.iter().find(|m| m.codice_fiscale == cf) {
            Some(found) => found.id,
            None => {
                if member::Entity::find()
                    .filter(member::Column::CodiceFiscale.eq(cf))
                    .one(&txn)
                    .await?
                    .is_some()
                {
                    return invalid("codice_fiscale", "in_another_household");
                }
                member::ActiveModel {
                    household_id: Set(household_id),
                    codice_fiscale: Set(cf.to_string()),
                    given_name: Set(new_member.given_name.trim().to_string()),
                    family_name: Set(new_member.family_name.trim().to_string()),
                    birth_date: Set(new_member.birth_date),
                    relation: Set(new_member.relation.code().to_string()),
                    disabled: Set(new_member.flags.disabled),
                    care_duties: Set(new_member.flags.care_duties),
                    gender_violence_victim: Set(new_member.flags.gender_violence_victim),
                    attivabile: Set(new_member.flags.attivabile),
                    next_due_on: Set(None),
                    next_due_kind: Set(None),
                    created_at: Set(ctx.now),
                    updated_at: Set(ctx.now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        applicant_id.get_or_insert(id);
    }
    let applicant_id = applicant_id.ok_or(ServiceError::NotFound("applicant"))?;

    let application = application::ActiveModel {
        household_id: Set(household_id),
        applicant_member_id: Set(applicant_id),
        programme: Set(new.programme.code().to_string()),
        inps_protocol: Set(protocol.to_string()),
        submitted_on: Set(new.submitted_on),
        status: Set(ApplicationStatus::Submitted.code().to_string()),
        monthly_amount_cents: Set(None),
        suspended_from: Set(None),
        created_at: Set(ctx.now),
        updated_at: Set(ctx.now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    status_change::ActiveModel {
        application_id: Set(application.id),
        from_status: Set(None),
        to_status: Set(ApplicationStatus::Submitted.code().to_string()),
        reason: Set("Domanda presentata all'INPS".to_string()),
        rule_ref: Set(None),
        effective_on: Set(new.submitted_on),
        occurred_at: Set(ctx.now),
        actor: Set(ctx.actor.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    notify(
        &txn,
        ctx,
        household_id,
        applicant_id,
        NotificationKind::ApplicationReceived,
        json!({ "protocol": protocol, "submitted_on": new.submitted_on, "programme": new.programme.code() }),
    )
    .await?;
    finish(txn, ctx, household_id).await?;
    Ok(Submitted { application_id: application.id, household_id, created: true })
}

/// INPS starts assessing the application (istruttoria).
pub async fn start_assessment<C: Writer>(db: &C, ctx: &Ctx, application_id: i64) -> Result<()> {
    let txn = begin_write(db).await?;
    let application = application_by_id(&txn, application_id).await?;
    change_status(
        &txn,
        ctx,
        &application,
        ApplicationStatus::UnderAssessment,
        "Istruttoria avviata dall'INPS",
        None,
        ctx.today(),
    )
    .await?;
    notify(
        &txn,
        ctx,
        application.household_id,
        application.applicant_member_id,
        NotificationKind::AssessmentStarted,
        json!({ "protocol": application.inps_protocol }),
    )
    .await?;
    finish(txn, ctx, application.household_id).await?;
    Ok(())
}

/// INPS's outcome: accepted (with the monthly amount when known) or rejected with a reason.
pub async fn record_assessment_outcome<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    accepted: bool,
    reason: &str,
    monthly_amount_cents: Option<i64>,
) -> Result<()> {
    let reason = require_reason(reason)?;
    if monthly_amount_cents.is_some_and(|cents| cents <= 0) {
        return invalid("monthly_amount_cents", "not_positive");
    }
    let txn = begin_write(db).await?;
    let application = application_by_id(&txn, application_id).await?;
    let (to, kind) = if accepted {
        (ApplicationStatus::Accepted, NotificationKind::ApplicationAccepted)
    } else {
        (ApplicationStatus::Rejected, NotificationKind::ApplicationRejected)
    };
    change_status(&txn, ctx, &application, to, reason, Some(RuleId::R18), ctx.today()).await?;
    if accepted && monthly_amount_cents.is_some() {
        let mut active = application.clone().into_active_model();
        active.monthly_amount_cents = Set(monthly_amount_cents);
        active.update(&txn).await?;
    }
    notify(
        &txn,
        ctx,
        application.household_id,
        application.applicant_member_id,
        kind,
        json!({ "protocol": application.inps_protocol, "reason": reason }),
    )
    .await?;
    finish(txn, ctx, application.household_id).await?;
    Ok(())
}

/// Suspends payments from `effective_from` (the first month not paid) for a missed
/// obligation (R20, R22, R25, R31). Reversible with arrears through [`reinstate`].
pub async fn suspend<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    reason: &str,
    rule: RuleId,
    effective_from: NaiveDate,
) -> Result<()> {
    let reason = require_reason(reason)?;
    if let Some(problem) = calendar::implausible_planned(effective_from, ctx.today()) {
        return invalid("effective_from", problem);
    }
    let txn = begin_write(db).await?;
    let application = application_by_id(&txn, application_id).await?;
    let from_month = month_of(effective_from);
    change_status(
        &txn,
        ctx,
        &application,
        ApplicationStatus::Suspended,
        reason,
        Some(rule),
        from_month,
    )
    .await?;
    let mut active = application.clone().into_active_model();
    active.suspended_from = Set(Some(from_month));
    active.update(&txn).await?;
    notify_adults(
        &txn,
        ctx,
        application.household_id,
        NotificationKind::Suspended,
        json!({ "reason": reason, "rule": rule.code(), "from_month": from_month }),
    )
    .await?;
    finish(txn, ctx, application.household_id).await?;
    Ok(())
}

/// Ends a suspension once the missing obligation is met, on the day it was recorded.
/// The months suspended before the one that record counts for (R21) become arrears,
/// expected with the next payment.
pub async fn reinstate<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    reason: &str,
    recorded_on: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    let txn = begin_write(db).await?;
    let months = reinstate_in(&txn, ctx, application_id, reason, recorded_on).await?;
    txn.commit().await?;
    Ok(months)
}

pub(super) async fn reinstate_in<C: ConnectionTrait>(
    txn: &C,
    ctx: &Ctx,
    application_id: i64,
    reason: &str,
    recorded_on: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    let reason = require_reason(reason)?;
    if let Some(problem) =
        calendar::implausible(recorded_on, calendar::PROGRAMMES_START, ctx.today())
    {
        return invalid("recorded_on", problem);
    }
    let application = application_by_id(txn, application_id).await?;
    let suspended_from = application.suspended_from.unwrap_or_else(|| month_of(recorded_on));
    change_status(
        txn,
        ctx,
        &application,
        ApplicationStatus::Active,
        reason,
        Some(RuleId::R31),
        recorded_on,
    )
    .await?;
    let values = &ctx.book.at(recorded_on).values;
    let months = arrears_months(suspended_from, recorded_on, values);
    let signed_on = pact_signed_on(txn, &application).await?;
    for month in &months {
        let expected_on = domain::payments::next_payment_on(signed_on, ctx.today(), &ctx.book)
            .unwrap_or(ctx.today());
        upsert_payment(
            txn,
            ctx,
            &application,
            *month,
            "arrears",
            application.monthly_amount_cents,
            expected_on,
            None,
        )
        .await?;
    }
    let mut active = application.clone().into_active_model();
    active.suspended_from = Set(None);
    active.update(txn).await?;
    notify_adults(
        txn,
        ctx,
        application.household_id,
        NotificationKind::Reinstated,
        json!({ "reason": reason, "arrears_months": months }),
    )
    .await?;
    refresh_due_dates(txn, ctx, application.household_id).await?;
    Ok(months)
}

/// The benefit is lost (R20, R31). Final; a new application is possible after the waiting period.
pub async fn declare_decadenza<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    reason: &str,
    rule: RuleId,
) -> Result<()> {
    let reason = require_reason(reason)?;
    let txn = begin_write(db).await?;
    let application = application_by_id(&txn, application_id).await?;
    change_status(
        &txn,
        ctx,
        &application,
        ApplicationStatus::Decaduta,
        reason,
        Some(rule),
        ctx.today(),
    )
    .await?;
    let months = ctx.book.at(ctx.today()).values.reapply_after_months;
    let reapply_from =
        ctx.today().checked_add_months(chrono::Months::new(months)).unwrap_or(ctx.today());
    notify_adults(
        &txn,
        ctx,
        application.household_id,
        NotificationKind::Decaduta,
        json!({ "reason": reason, "rule": rule.code(), "reapply_from": reapply_from }),
    )
    .await?;
    finish(txn, ctx, application.household_id).await?;
    Ok(())
}

/// The benefit reached its end (R7) or was given up.
pub async fn end_application<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    reason: &str,
) -> Result<()> {
    let reason = require_reason(reason)?;
    let txn = begin_write(db).await?;
    let application = application_by_id(&txn, application_id).await?;
    change_status(&txn, ctx, &application, ApplicationStatus::Ended, reason, None, ctx.today())
        .await?;
    notify_adults(
        &txn,
        ctx,
        application.household_id,
        NotificationKind::Ended,
        json!({ "reason": reason }),
    )
    .await?;
    finish(txn, ctx, application.household_id).await?;
    Ok(())
}

/// The day the application's pact was signed (the PAD nucleo for ADI, the applicant's PAD
/// individuale for SFL): payments start the month after (R18).
async fn pact_signed_on<C: ConnectionTrait>(
    db: &C,
    application: &application::Model,
) -> Result<NaiveDate> {
    let household = pad_nucleo::Entity::find()
        .filter(pad_nucleo::Column::ApplicationId.eq(application.id))
        .one(db)
        .await?
        .map(|pad| pad.signed_on);
    let individual = pad_individuale::Entity::find()
        .filter(pad_individuale::Column::ApplicationId.eq(application.id))
        .filter(pad_individuale::Column::MemberId.eq(application.applicant_member_id))
        .one(db)
        .await?
        .map(|pad| pad.signed_on);
    household
        .or(individual)
        .ok_or(ServiceError::Invalid { field: "application", problem: "no_pact" })
}

#[allow(clippy::too_many_arguments)]
async fn upsert_payment<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    application: &application::Model,
    month: NaiveDate,
    kind: &str,
    amount_cents: Option<i64>,
    expected_on: NaiveDate,
    paid_on: Option<NaiveDate>,
) -> Result<payment::Model> {
    let existing = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(application.id))
        .filter(payment::Column::Month.eq(month))
        .filter(payment::Column::Kind.eq(kind))
        .one(db)
        .await?;
    Ok(match existing {
        Some(found) => {
            let mut active = found.into_active_model();
            if amount_cents.is_some() {
                active.amount_cents = Set(amount_cents);
            }
            if paid_on.is_some() {
                active.paid_on = Set(paid_on);
            }
            active.update(db).await?
        }
        None => {
            payment::ActiveModel {
                application_id: Set(application.id),
                month: Set(month),
                kind: Set(kind.to_string()),
                amount_cents: Set(amount_cents),
                expected_on: Set(expected_on),
                paid_on: Set(paid_on),
                recorded_at: Set(ctx.now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    })
}

/// INPS paid the benefit for `month` (regular), or paid arrears owed for it.
pub async fn record_payment<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    month: NaiveDate,
    arrears: bool,
    amount_cents: i64,
    paid_on: NaiveDate,
) -> Result<payment::Model> {
    if amount_cents <= 0 {
        return invalid("amount_cents", "not_positive");
    }
    if let Some(problem) = calendar::implausible(paid_on, calendar::PROGRAMMES_START, ctx.today()) {
        return invalid("paid_on", problem);
    }
    if let Some(problem) = calendar::implausible_planned(month, ctx.today()) {
        return invalid("month", problem);
    }
    let txn = begin_write(db).await?;
    let application = application_by_id(&txn, application_id).await?;
    let status = status_of(&application)?;
    if !matches!(
        status,
        ApplicationStatus::Active | ApplicationStatus::Suspended | ApplicationStatus::Ended
    ) {
        return invalid("application", "not_paid_in_this_status");
    }
    let month = month_of(month);
    let first = domain::payments::first_paid_month(pact_signed_on(&txn, &application).await?);
    if month < first {
        // R18: nothing is paid for the months before the pact.
        return invalid("month", "before_first_month");
    }
    let kind = if arrears { "arrears" } else { "regular" };
    let expected_on = payment_on(month, first, &ctx.book.at(month).values);
    let payment = upsert_payment(
        &txn,
        ctx,
        &application,
        month,
        kind,
        Some(amount_cents),
        expected_on,
        Some(paid_on),
    )
    .await?;
    notify(
        &txn,
        ctx,
        application.household_id,
        application.applicant_member_id,
        NotificationKind::PaymentRecorded,
        json!({ "month": month, "amount_cents": amount_cents, "arrears": arrears, "paid_on": paid_on }),
    )
    .await?;
    txn.commit().await?;
    Ok(payment)
}

/// The social services' assessment of a member (R24): who is attivabile, and the facts that
/// exempt. A member newly marked attivabile is told in their own inbox to sign the PAD individuale.
pub async fn assess_member<C: Writer>(
    db: &C,
    ctx: &Ctx,
    member_id: i64,
    flags: MemberFlags,
) -> Result<member::Model> {
    let txn = begin_write(db).await?;
    let found = member::Entity::find_by_id(member_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("member"))?;
    let values = &ctx.book.at(ctx.today()).values;
    // R24, through the engine's own rule: the member as they would be after this assessment.
    let assessed = domain::MemberFacts {
        id: found.id,
        birth_date: found.birth_date,
        disabled: flags.disabled,
        care_duties: flags.care_duties,
        gender_violence_victim: flags.gender_violence_victim,
        attivabile: flags.attivabile,
        pad_individuale_signed_on: None,
        psp_signed_on: Vec::new(),
    };
    if flags.attivabile && !assessed.may_be_attivabile(ctx.today(), values) {
        // Minors, people aged 60 or more and exempt members cannot be attivabili.
        return invalid("attivabile", "exempt_member");
    }
    let newly_attivabile = flags.attivabile && !found.attivabile;
    let mut active = found.clone().into_active_model();
    active.disabled = Set(flags.disabled);
    active.care_duties = Set(flags.care_duties);
    active.gender_violence_victim = Set(flags.gender_violence_victim);
    active.attivabile = Set(flags.attivabile);
    active.updated_at = Set(ctx.now);
    let updated = active.update(&txn).await?;
    if newly_attivabile {
        let due = add_days(ctx.today(), values.activation_days);
        notify(
            &txn,
            ctx,
            found.household_id,
            found.id,
            NotificationKind::PadIndividualeRequired,
            json!({ "due_on": due, "rule": RuleId::R25.code() }),
        )
        .await?;
    }
    finish(txn, ctx, found.household_id).await?;
    Ok(updated)
}

/// The application's status history, oldest first.
pub async fn status_history<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
) -> Result<Vec<status_change::Model>> {
    Ok(status_change::Entity::find()
        .filter(status_change::Column::ApplicationId.eq(application_id))
        .order_by_asc(status_change::Column::Id)
        .all(db)
        .await?)
}

/// The application INPS gave `protocol`, if SIISL has it.
pub async fn application_by_protocol<C: ConnectionTrait>(
    db: &C,
    protocol: &str,
) -> Result<Option<application::Model>> {
    Ok(application::Entity::find()
        .filter(application::Column::InpsProtocol.eq(protocol))
        .one(db)
        .await?)
}
