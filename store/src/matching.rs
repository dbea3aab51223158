//! The person's side of matching: their CV reduced to a [`Seeker`], the household facts R27
//! needs, and the explanation shown on an opportunity's page ("why this suggestion", "what is
//! missing", "is it congruous"). The rules themselves are in `domain::matching`.

use chrono::NaiveDate;
use domain::catalog::{Contract, Kind, Point};
use domain::matching::{self as rules, Circumstances, Finding, Offer, Seeker};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entity::{member, opportunity, opportunity_skill};
use crate::vocabulary::vocabulary;
use contract::auth::CurrentUser;
use contract::catalog::ForYou;
use contract::cv::SuggestionKind;

/// The person's matching view and where they live, or `None` without a CV.
pub async fn seeker<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
) -> Result<Option<Seeker>, DbErr> {
    let Some(stored) = super::cv::load(db, &user.codice_fiscale).await? else {
        return Ok(None);
    };
    let home = match stored.cv.personal_information.municipality.clone() {
        Some(code) => Some(code),
        None => crate::citizen::home_municipality(db, &user.codice_fiscale).await?,
    };
    let home = home.and_then(|c| vocabulary().point(&c));
    Ok(Some(Seeker::from_cv(&stored.cv, home)))
}

/// What R27 needs about the person besides the offer: home, and children under 14 in the
/// household (none known without a household).
pub async fn circumstances<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    home: Option<Point>,
    today: NaiveDate,
) -> Result<Circumstances, DbErr> {
    let births: Vec<NaiveDate> = match super::citizen::member_for(db, &user.codice_fiscale).await? {
        Some(me) => member::Entity::find()
            .filter(member::Column::HouseholdId.eq(me.household_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.birth_date)
            .collect(),
        None => Vec::new(),
    };
    Ok(Circumstances {
        home,
        children_under_14: rules::has_child_under_14(&births, today),
        minimum_pay_full_time: rules::REFERENCE_MINIMUM_PAY_FULL_TIME,
    })
}

/// The benefit the person's household has now (`adi` or `sfl`), if any: accepted, active or
/// suspended. Consequences of refusing an offer (R27, R28, R31) concern only them.
pub async fn benefit_of<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
) -> Result<Option<String>, DbErr> {
    let Some(me) = super::citizen::member_for(db, &user.codice_fiscale).await? else {
        return Ok(None);
    };
    let current = super::welfare::current_application_of(db, me.household_id)
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(current
        .filter(|a| matches!(a.status.as_str(), "accepted" | "active" | "suspended"))
        .map(|a| a.programme))
}

/// What matching reads of a stored opportunity.
pub fn offer(row: &opportunity::Model, skills: Vec<String>) -> Offer {
    Offer {
        kind: Kind::parse(&row.kind).unwrap_or(Kind::Job),
        occupation_code: row.occupation_code.clone(),
        skills,
        point: match (row.latitude, row.longitude) {
            (Some(lat), Some(lon)) => Some(Point { lat, lon }),
            _ => None,
        },
        online: row.online,
        contract: row.contract.as_deref().and_then(Contract::parse),
        hours_pct: row.hours_pct,
        pay_monthly: row.pay_monthly,
        eqf_level: row.eqf_level,
        starts_on: row.starts_on,
    }
}

/// The skill keys an opportunity asks for.
pub async fn skills_of<C: ConnectionTrait>(db: &C, id: i64) -> Result<Vec<String>, DbErr> {
    Ok(opportunity_skill::Entity::find()
        .filter(opportunity_skill::Column::OpportunityId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.skill_key)
        .collect())
}

/// The explanation for a signed-in person with a CV; `None` for anyone else.
pub async fn for_you<C: ConnectionTrait>(
    db: &C,
    user: Option<&CurrentUser>,
    offer: &Offer,
    today: NaiveDate,
) -> Result<Option<ForYou>, DbErr> {
    let Some(user) = user else { return Ok(None) };
    let Some(seeker) = seeker(db, user).await? else { return Ok(None) };
    let circumstances = circumstances(db, user, seeker.home, today).await?;
    let mut affinity = rules::affinity(&seeker, offer);
    // The page shows names, not codes.
    let v = vocabulary();
    let label = |kind, code: &String| v.label(kind, code).unwrap_or(code).to_string();
    for part in &mut affinity.parts {
        match &mut part.finding {
            Finding::Skills { have, missing } => {
                for key in have.iter_mut().chain(missing.iter_mut()) {
                    *key = label(SuggestionKind::Skill, key);
                }
            }
            Finding::Occupation { closest: Some(code), .. } => {
                *code = label(SuggestionKind::Occupation, code);
            }
            _ => {}
        }
    }
    let benefit = benefit_of(db, user).await?;
    Ok(Some(ForYou {
        affinity,
        congruity: rules::congruity(offer, &circumstances),
        // R28 binds ADI beneficiaries only.
        puc_binding: rules::puc_must_be_accepted(offer) && benefit.as_deref() == Some("adi"),
        has_home: seeker.home.is_some(),
        benefit,
    }))
}
