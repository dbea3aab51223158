//! Assembles a citizen's `Situation` from the domain tables: only the signed-in person's
//! household, and only their own inbox and contacts.

use crate::local_time::rome_time;
use chrono::{DateTime, Utc};
use domain::calendar::{age_on, rome_date};
use domain::{ApplicationStatus, RuleBook};
use sea_orm::{QueryOrder, QuerySelect, entity::prelude::*};

use crate::citizen::{
    CODE_MAX_TRIES, CODE_RESEND_SECONDS, latest_code, member_for, offices_in, registration_of,
};
use crate::entity::{
    convocation, convocation_receipt, household, member, notification, pad_individuale, pad_nucleo,
    payment,
};
use crate::welfare::{self, ContactKind};
use contract::citizen::*;

fn member_view(
    m: &member::Model,
    applicant_id: Option<i64>,
    signed: &[i64],
    today: domain::NaiveDate,
    book: &RuleBook,
) -> MemberView {
    let values = &book.at(today).values;
    let age = age_on(m.birth_date, today);
    MemberView {
        id: m.id,
        given_name: m.given_name.clone(),
        family_name: m.family_name.clone(),
        codice_fiscale: m.codice_fiscale.clone(),
        birth_date: m.birth_date,
        relation: m.relation.clone(),
        minor: age < values.adult_age,
        aged_exempt: age >= values.exemption_age,
        disabled: m.disabled,
        care_duties: m.care_duties,
        gender_violence_victim: m.gender_violence_victim,
        attivabile: m.attivabile,
        is_applicant: applicant_id == Some(m.id),
        pad_individuale_signed: signed.contains(&m.id),
    }
}

/// The situation of the person with `codice_fiscale`, as of `now`.
pub async fn situation<C: ConnectionTrait>(
    db: &C,
    user: &contract::auth::CurrentUser,
    now: DateTime<Utc>,
    book: &RuleBook,
) -> Result<Situation, DbErr> {
    let today = rome_date(now);
    let registration = registration_of(db, &user.codice_fiscale).await?;
    let me_row = member_for(db, &user.codice_fiscale).await?;
    let mut situation = Situation {
        registered: registration.is_some(),
        given_name: user.given_name.clone(),
        family_name: user.family_name.clone(),
        codice_fiscale: user.codice_fiscale.clone(),
        email: registration.as_ref().and_then(|r| r.email.clone()),
        phone: registration.as_ref().and_then(|r| r.phone.clone()),
        me: None,
        household: None,
        today,
    };
    let Some(me_row) = me_row else {
        return Ok(situation);
    };
    let household_id = me_row.household_id;
    let found = household::Entity::find_by_id(household_id).one(db).await?;
    let Some(found) = found else {
        return Ok(situation);
    };
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(household_id))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let application =
        welfare::current_application_of(db, household_id).await.map_err(service_to_db)?;
    let individual_pacts = match &application {
        Some(a) => {
            pad_individuale::Entity::find()
                .filter(pad_individuale::Column::ApplicationId.eq(a.id))
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let signed: Vec<i64> = individual_pacts.iter().map(|p| p.member_id).collect();
    let my_pad_individuale = individual_pacts.into_iter().find(|p| p.member_id == me_row.id);
    let sfl_enrolled_on = match &application {
        Some(a) if a.programme == domain::Programme::Sfl.code() => {
            welfare::enrolment_of(db, a.id).await.map_err(service_to_db)?.map(|e| e.confirmed_on)
        }
        _ => None,
    };
    let applicant_id = application.as_ref().map(|a| a.applicant_member_id);
    let member_views: Vec<MemberView> =
        members.iter().map(|m| member_view(m, applicant_id, &signed, today, book)).collect();
    situation.me = member_views.iter().find(|m| m.id == me_row.id).cloned();

    let pad = match &application {
        Some(a) => {
            pad_nucleo::Entity::find()
                .filter(pad_nucleo::Column::ApplicationId.eq(a.id))
                .one(db)
                .await?
        }
        None => None,
    };
    let application_view = match &application {
        Some(a) => {
            let history = welfare::status_history(db, a.id)
                .await
                .map_err(service_to_db)?
                .into_iter()
                .map(|c| StatusChangeView {
                    from: c.from_status,
                    to: c.to_status,
                    reason: c.reason,
                    rule: c.rule_ref,
                    effective_on: c.effective_on,
                })
                .collect();
            let payments = payment::Entity::find()
                .filter(payment::Column::ApplicationId.eq(a.id))
                .order_by_asc(payment::Column::Month)
                .all(db)
                .await?
                .into_iter()
                .map(|p| PaymentView {
                    month: p.month,
                    arrears: p.kind == "arrears",
                    amount_cents: p.amount_cents,
                    expected_on: p.expected_on,
                    paid_on: p.paid_on,
                })
                .collect();
            Some(ApplicationView {
                id: a.id,
                programme: a.programme.clone(),
                protocol: a.inps_protocol.clone(),
                submitted_on: a.submitted_on,
                status: a.status.clone(),
                monthly_amount_cents: a.monthly_amount_cents,
                history,
                payments,
            })
        }
        None => None,
    };
    let obligations = welfare::household_obligations(db, household_id, today, book)
        .await
        .map_err(service_to_db)?;
    let active = application
        .as_ref()
        .and_then(|a| ApplicationStatus::from_code(&a.status))
        .is_some_and(|s| s == ApplicationStatus::Active);
    let next_payment_on = match (&pad, active) {
        (Some(p), true) => domain::payments::next_payment_on(p.signed_on, today, book),
        _ => None,
    };

    let convocation_rows = convocation::Entity::find()
        .filter(convocation::Column::HouseholdId.eq(household_id))
        .order_by_desc(convocation::Column::AppointmentAt)
        .all(db)
        .await?;
    let offices = offices_in(db, &found.municipality_code).await?;
    let requests =
        welfare::convocation_requests(db, convocation_rows.iter().map(|c| c.id).collect())
            .await
            .map_err(service_to_db)?;
    let mut convocations = Vec::new();
    for c in convocation_rows {
        if c.member_id.is_some_and(|id| id != me_row.id) {
            continue;
        }
        let read = convocation_receipt::Entity::find()
            .filter(convocation_receipt::Column::ConvocationId.eq(c.id))
            .filter(convocation_receipt::Column::Channel.eq("platform"))
            .filter(convocation_receipt::Column::Kind.eq("read"))
            .one(db)
            .await?
            .is_some();
        convocations.push(ConvocationView {
            id: c.id,
            issuer: c.issuer.clone(),
            issuer_name: c.issuer_name.clone(),
            purpose: c.purpose.clone(),
            issued_on: rome_date(c.issued_at),
            appointment_on: rome_date(c.appointment_at),
            appointment_time: rome_time(c.appointment_at, "%H:%M"),
            place: c.place.clone(),
            channels: c.channels.split(',').map(str::to_string).collect(),
            outcome: c.outcome.clone(),
            read,
            member_id: c.member_id,
            upcoming: c.outcome.is_none() && c.appointment_at > now,
            office_phone: offices.iter().find(|o| o.kind == c.issuer).map(|o| o.phone.clone()),
            request: requests
                .iter()
                .find(|r| r.convocation_id == c.id)
                .map(|r| (r.kind.clone(), rome_date(r.created_at))),
        });
    }

    let offices = offices
        .into_iter()
        .map(|o| OfficeView {
            kind: o.kind,
            name: o.name,
            address: o.address,
            opening_hours: o.opening_hours,
            phone: o.phone,
            email: o.email,
        })
        .collect();
    let plans = welfare::current_plans(db, household_id)
        .await
        .map_err(service_to_db)?
        .into_iter()
        .map(|(p, activities)| PlanView {
            kind: p.kind.clone(),
            member_name: p.member_id.and_then(|id| {
                members
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| format!("{} {}", m.given_name, m.family_name))
            }),
            revision: p.revision,
            signed_on: p.signed_on,
            summary: p.summary,
            operator_name: p.operator_name,
            activities: activities
                .into_iter()
                .map(|a| ActivityView {
                    title: a.title,
                    provider: a.provider,
                    starts_on: a.starts_on,
                    ends_on: a.ends_on,
                    hours_per_week: a.hours_per_week,
                })
                .collect(),
        })
        .collect();
    let path_updates = crate::interop::path_updates(db, household_id)
        .await?
        .into_iter()
        .map(|u| PathUpdateView {
            kind: u.kind,
            status: u.status,
            title: u.title,
            detail: u.detail,
            member_name: u.member_id.and_then(|id| {
                members
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| format!("{} {}", m.given_name, m.family_name))
            }),
            occurred_on: u.occurred_on,
        })
        .collect();
    let notifications: Vec<NotificationView> = notification::Entity::find()
        .filter(notification::Column::MemberId.eq(me_row.id))
        .order_by_desc(notification::Column::Id)
        .limit(100)
        .all(db)
        .await?
        .into_iter()
        .map(|n| NotificationView {
            id: n.id,
            kind: n.kind,
            params: n.params,
            created_on: rome_date(n.created_at),
            read: n.read_at.is_some(),
        })
        .collect();
    let unread = notifications.iter().filter(|n| !n.read).count();
    let contacts = welfare::active_contacts(db, me_row.id)
        .await
        .map_err(service_to_db)?
        .into_iter()
        .map(|c| ContactView {
            kind: c.kind,
            value: c.value,
            certified_on: rome_date(c.certified_at),
        })
        .collect();
    let mut pending_codes = Vec::new();
    for kind in [ContactKind::Mobile, ContactKind::Email] {
        if let Some(code) =
            latest_code(db, me_row.id, kind).await?.filter(|c| c.consumed_at.is_none())
        {
            pending_codes.push(PendingCode {
                kind: kind.code().to_string(),
                destination: code.destination,
                tries_left: (CODE_MAX_TRIES - code.attempts).max(0),
                expired: now > code.expires_at,
                resend_in: (CODE_RESEND_SECONDS - (now - code.created_at).num_seconds()).max(0),
            });
        }
    }
    situation.household = Some(HouseholdView {
        id: household_id,
        municipality: crate::entity::municipality::Entity::find_by_id(
            found.municipality_code.as_str(),
        )
        .one(db)
        .await?
        .map_or(found.municipality_code.clone(), |m| m.name),
        address: found.address,
        members: member_views,
        application: application_view,
        obligations,
        next_payment_on,
        convocations,
        offices,
        plans,
        path_updates,
        notifications,
        unread,
        contacts,
        pending_codes,
        pad: pad.map(|p| PactView {
            signed_on: p.signed_on,
            signed_at: rome_time(p.signed_at, "%d/%m/%Y %H:%M"),
            sha256: p.content_sha256,
            content_json: p.content_json,
        }),
        pad_individuale: my_pad_individuale.map(|p| PactView {
            signed_on: p.signed_on,
            signed_at: rome_time(p.signed_at, "%d/%m/%Y %H:%M"),
            sha256: p.content_sha256,
            content_json: p.content_json,
        }),
        sfl_enrolled_on,
    });
    Ok(situation)
}

fn service_to_db(error: welfare::ServiceError) -> DbErr {
    match error {
        welfare::ServiceError::Db(e) => e,
        other => DbErr::Custom(other.to_string()),
    }
}

/// Marks every notification of the member read.
/// Marks one of the member's notifications read; `false` when it is not theirs.
pub async fn mark_read<C: ConnectionTrait>(
    db: &C,
    member_id: i64,
    notification_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let found = notification::Entity::find_by_id(notification_id)
        .filter(notification::Column::MemberId.eq(member_id))
        .one(db)
        .await?;
    if found.is_none() {
        return Ok(false);
    }
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(notification::Column::Id.eq(notification_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(true)
}

pub async fn mark_all_read<C: ConnectionTrait>(
    db: &C,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(notification::Column::MemberId.eq(member_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
