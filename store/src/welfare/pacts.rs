//! Pacts and certified contacts: the PAD nucleo (R17, R18), the PAD individuale with the DID
//! (R14, R25), and contacts confirmed with a one-time code.
//!
//! A signed pact is immutable: it is stored with its canonical JSON and that JSON's SHA-256,
//! there is no function here that updates one, and [`verify_pacts`] checks them all.

use domain::calendar::add_days;
use domain::{ApplicationStatus, Programme, RuleId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, QueryOrder, TransactionSession, entity::prelude::*};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::agencies::{enrolment_of, known_agencies};
use super::facts::{current_application, members_of};
use super::{
    Application, Ctx, Member, NotificationKind, Result, ServiceError, Writer, application_by_id,
    begin_write, change_status, finish, invalid, notify, status_of,
};
use crate::entity::{certified_contact, member, pad_individuale, pad_nucleo};
use crate::outbound;

/// The consents the applicant gives by signing the PAD nucleo (R17).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Consent {
    /// Convocations reach the household at its certified contacts.
    ConvocationsAtCertifiedContacts,
    /// Data of members who turn out to be attivabili go to CPIs, APLs, intermediaries and
    /// accredited bodies.
    TransmitAttivabiliData,
}

impl Consent {
    pub const ALL: [Consent; 2] =
        [Consent::ConvocationsAtCertifiedContacts, Consent::TransmitAttivabiliData];

    pub fn code(self) -> &'static str {
        match self {
            Consent::ConvocationsAtCertifiedContacts => "convocations_at_certified_contacts",
            Consent::TransmitAttivabiliData => "transmit_attivabili_data",
        }
    }
}

/// Who may sign (or prepare to sign, certifying contacts) the household's PAD nucleo: the
/// applicant of an accepted ADI application (R17, R18).
pub fn may_sign_pad_nucleo(application: &Application, member_id: i64) -> Result<()> {
    if application.applicant_member_id != member_id {
        return Err(ServiceError::NotApplicant);
    }
    if application.programme != Programme::Adi.code() {
        return invalid("application", "not_adi");
    }
    let status = status_of(application)?;
    if status != ApplicationStatus::Accepted {
        return Err(ServiceError::Transition { from: status, to: ApplicationStatus::Active });
    }
    Ok(())
}

/// Every problem of the terms as `(field, problem)`, in form order: an address of 1 to 300
/// characters, both consents. The form shows them all at once; signing refuses on the first.
pub fn pad_nucleo_term_problems(terms: &PadNucleoTerms) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    let address = terms.convocation_address.trim();
    if address.is_empty() {
        problems.push(("convocation_address", "required"));
    } else if address.chars().count() > 300 {
        problems.push(("convocation_address", "too_long"));
    }
    if let Some(missing) = Consent::ALL.into_iter().find(|c| !terms.consents.contains(c)) {
        problems.push(("consents", missing.code()));
    }
    problems
}

/// The signed-in person's household member record and the application whose PAD nucleo they
/// may sign now; `Ok(None)` when they have no household or no current application.
pub async fn pad_nucleo_signer<C: ConnectionTrait>(
    db: &C,
    codice_fiscale: &str,
) -> Result<Option<(Member, Application)>> {
    let Some(me) = member::Entity::find()
        .filter(member::Column::CodiceFiscale.eq(codice_fiscale))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(application) = current_application(db, me.household_id).await? else {
        return Ok(None);
    };
    may_sign_pad_nucleo(&application, me.id)?;
    Ok(Some((me, application)))
}

/// What the applicant declares in the PAD nucleo.
#[derive(Clone, Debug)]
pub struct PadNucleoTerms {
    /// Where convocations are sent by post or delivered, when not the residence.
    pub convocation_address: String,
    pub consents: Vec<Consent>,
    /// Signing without any certified contact, the applicant was told that convocations will
    /// then reach the household only on the platform (where they are valid, R17) and by post.
    pub platform_only_acknowledged: bool,
}

#[derive(Clone, Debug)]
pub struct Signed<T> {
    pub pact: T,
    /// `false` when the pact already existed (a repeated or concurrent signature).
    pub created: bool,
}

/// The SHA-256 of a pact's canonical JSON, in lowercase hex.
pub fn pact_hash(canonical_json: &str) -> String {
    Sha256::digest(canonical_json.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Canonical JSON: object keys sorted (serde_json's map is ordered by key), no whitespace.
fn canonical(value: &serde_json::Value) -> String {
    value.to_string()
}

/// The applicant signs the household pact. Only once the application is accepted (R16), only
/// the applicant (R17), and only once: a second signature, even a concurrent one, returns the
/// pact already stored. Signing activates the benefit and starts the 120 days (R18, R19).
pub async fn sign_pad_nucleo<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    signer_member_id: i64,
    terms: &PadNucleoTerms,
) -> Result<Signed<pad_nucleo::Model>> {
    match try_sign_pad_nucleo(db, ctx, application_id, signer_member_id, terms).await {
        Ok(signed) => Ok(signed),
        // Lost a race with another signature (unique violation on PostgreSQL, a busy snapshot
        // or a status that moved on SQLite): the other one's pact is the pact.
        Err(error @ (ServiceError::Db(_) | ServiceError::Conflict)) => {
            match pad_nucleo::Entity::find()
                .filter(pad_nucleo::Column::ApplicationId.eq(application_id))
                .one(db)
                .await?
            {
                Some(pact) if pact.signed_by_member_id == signer_member_id => {
                    Ok(Signed { pact, created: false })
                }
                _ => Err(error),
            }
        }
        Err(other) => Err(other),
    }
}

async fn try_sign_pad_nucleo<C: Writer>(
    db: &C,
    ctx: &Ctx,
    application_id: i64,
    signer_member_id: i64,
    terms: &PadNucleoTerms,
) -> Result<Signed<pad_nucleo::Model>> {
    let txn = begin_write(db).await?;
    let application = application_by_id(&txn, application_id).await?;
    if application.applicant_member_id != signer_member_id {
        return Err(ServiceError::NotApplicant);
    }
    if let Some(pact) = pad_nucleo::Entity::find()
        .filter(pad_nucleo::Column::ApplicationId.eq(application_id))
        .one(&txn)
        .await?
    {
        return Ok(Signed { pact, created: false });
    }
    may_sign_pad_nucleo(&application, signer_member_id)?;
    if let Some((field, problem)) = pad_nucleo_term_problems(terms).into_iter().next() {
        return invalid(field, problem);
    }
    let address = terms.convocation_address.trim();

    let members = members_of(&txn, application.household_id).await?;
    let contacts = active_contacts(&txn, signer_member_id).await?;
    // R17: giving contacts is not a condition for signing. Without one, convocations reach the
    // household on the platform (where they are valid) and by post, which the applicant must
    // have been told.
    let platform_only = !contacts.iter().any(|c| c.used_for_convocations);
    if platform_only && !terms.platform_only_acknowledged {
        return invalid("contacts", "platform_only_not_acknowledged");
    }
    let signed_on = ctx.today();
    let mut consents: Vec<&str> = terms.consents.iter().map(|c| c.code()).collect();
    consents.sort_unstable();
    consents.dedup();
    let content = json!({
        "type": "pad_nucleo",
        "version": 1,
        "inps_protocol": application.inps_protocol,
        "programme": application.programme,
        "household": members.iter().map(|m| json!({
            "codice_fiscale": m.codice_fiscale,
            "given_name": m.given_name,
            "family_name": m.family_name,
            "birth_date": m.birth_date,
            "relation": m.relation,
        })).collect::<Vec<_>>(),
        "signed_by": members.iter().find(|m| m.id == signer_member_id).map(|m| m.codice_fiscale.clone()),
        "signed_at": ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "signed_on": signed_on,
        "certified_contacts": contacts.iter().map(|c| json!({
            "kind": c.kind,
            "value": c.value,
            "certified_at": c.certified_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "used_for_convocations": c.used_for_convocations,
        })).collect::<Vec<_>>(),
        "convocation_address": address,
        "convocations_on_platform_only": platform_only,
        "consents": consents,
        "rules": [RuleId::R17.code(), RuleId::R18.code(), RuleId::R19.code()],
    });
    let content_json = canonical(&content);
    let pact = pad_nucleo::ActiveModel {
        application_id: Set(application.id),
        household_id: Set(application.household_id),
        signed_by_member_id: Set(signer_member_id),
        signed_at: Set(ctx.now),
        signed_on: Set(signed_on),
        content_sha256: Set(pact_hash(&content_json)),
        content_json: Set(content_json),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    change_status(
        &txn,
        ctx,
        &application,
        ApplicationStatus::Active,
        "PAD nucleo sottoscritto",
        Some(RuleId::R18),
        signed_on,
    )
    .await?;
    // R18: the household goes to the social services of its municipality, with the pact.
    let home = crate::entity::household::Entity::find_by_id(application.household_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("household"))?;
    let mut referral = content.clone();
    if let serde_json::Value::Object(map) = &mut referral {
        map.insert("type".into(), json!("household_referred"));
        map.insert("municipality_code".into(), json!(home.municipality_code));
        map.insert("address".into(), json!(home.address));
        map.insert("pad_sha256".into(), json!(pact.content_sha256));
    }
    outbound::enqueue(
        &txn,
        outbound::NewMessage {
            destination: outbound::Destination::Gepi,
            agency_code: None,
            kind: "household_referred",
            application_id: application.id,
            household_id: application.household_id,
            member_id: None,
            payload: referral,
        },
        ctx.now,
    )
    .await?;
    let days = ctx.book.at(signed_on).values.first_meeting_days;
    notify(
        &txn,
        ctx,
        application.household_id,
        signer_member_id,
        NotificationKind::PadSigned,
        json!({
            "signed_on": signed_on,
            "first_meeting_due_on": add_days(signed_on, days),
            "sha256": pact.content_sha256,
            "rule": RuleId::R19.code(),
        }),
    )
    .await?;
    finish(txn, ctx, application.household_id).await?;
    Ok(Signed { pact, created: true })
}

/// What a member declares in the PAD individuale.
#[derive(Clone, Debug)]
pub struct PadIndividualeTerms {
    /// The declaration of immediate availability for work (DID), part of every PAD individuale.
    pub did: bool,
    /// SFL: the codes of the employment agencies (APL) chosen, at least three (R14).
    pub chosen_agencies: Vec<String>,
    /// The member's data (PAD, CV) may go to the job centre and the chosen agencies (R17b, R25).
    pub consent_transmission: bool,
}

/// A member signs the PAD individuale: an ADI attivabile (R25), or an SFL applicant, for
/// whom it is the pact that starts the allowance (R14). Signing twice returns the first pact.
pub async fn sign_pad_individuale<C: Writer>(
    db: &C,
    ctx: &Ctx,
    member_id: i64,
    terms: &PadIndividualeTerms,
) -> Result<Signed<pad_individuale::Model>> {
    let txn = begin_write(db).await?;
    let signer = member::Entity::find_by_id(member_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("member"))?;
    let application = current_application(&txn, signer.household_id)
        .await?
        .ok_or(ServiceError::NotFound("application"))?;
    if let Some(pact) = pad_individuale::Entity::find()
        .filter(pad_individuale::Column::ApplicationId.eq(application.id))
        .filter(pad_individuale::Column::MemberId.eq(member_id))
        .one(&txn)
        .await?
    {
        return Ok(Signed { pact, created: false });
    }
    if !terms.did {
        return invalid("did", "required");
    }
    if !terms.consent_transmission {
        return invalid("consents", "transmission");
    }
    let status = status_of(&application)?;
    let sfl = application.programme == Programme::Sfl.code();
    let mut agencies: Vec<String> = terms
        .chosen_agencies
        .iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    agencies.sort();
    agencies.dedup();
    if sfl {
        if application.applicant_member_id != member_id {
            return Err(ServiceError::NotApplicant);
        }
        if status != ApplicationStatus::Accepted {
            return Err(ServiceError::Transition { from: status, to: ApplicationStatus::Active });
        }
        if enrolment_of(&txn, application.id).await?.is_none() {
            return invalid("enrolment", "not_confirmed");
        }
        if known_agencies(&txn, &agencies).await?.len() != agencies.len() {
            return invalid("chosen_agencies", "unknown");
        }
        if agencies.len() < 3 {
            return invalid("chosen_agencies", "at_least_three");
        }
    } else {
        if !agencies.is_empty() {
            // An ADI attivabile is sent to the job centre; agencies are an SFL choice.
            return invalid("chosen_agencies", "not_sfl");
        }
        if !matches!(status, ApplicationStatus::Active | ApplicationStatus::Suspended) {
            return invalid("application", "not_active");
        }
        if !signer.attivabile {
            return invalid("member", "not_attivabile");
        }
    }
    let signed_on = ctx.today();
    let content = json!({
        "type": "pad_individuale",
        "version": 1,
        "inps_protocol": application.inps_protocol,
        "programme": application.programme,
        "member": {
            "codice_fiscale": signer.codice_fiscale,
            "given_name": signer.given_name,
            "family_name": signer.family_name,
            "birth_date": signer.birth_date,
        },
        "did": true,
        "chosen_agencies": agencies,
        "consents": ["transmit_to_cpi_and_agencies"],
        "signed_at": ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "signed_on": signed_on,
        "rules": if sfl { vec![RuleId::R14.code()] } else { vec![RuleId::R25.code()] },
    });
    let content_json = canonical(&content);
    let pact = pad_individuale::ActiveModel {
        application_id: Set(application.id),
        member_id: Set(member_id),
        signed_at: Set(ctx.now),
        signed_on: Set(signed_on),
        content_sha256: Set(pact_hash(&content_json)),
        content_json: Set(content_json),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if sfl {
        change_status(
            &txn,
            ctx,
            &application,
            ApplicationStatus::Active,
            "PAD individuale sottoscritto con DID e scelta delle agenzie",
            Some(RuleId::R14),
            signed_on,
        )
        .await?;
    }
    // R17b, R25: the attivabile's pact and CV go to the job centre and to each agency chosen.
    let cv = crate::entity::cv::Entity::find()
        .filter(crate::entity::cv::Column::CodiceFiscale.eq(signer.codice_fiscale.as_str()))
        .one(&txn)
        .await?
        .and_then(|cv| serde_json::from_str::<serde_json::Value>(&cv.document).ok());
    let mut referral = content.clone();
    if let serde_json::Value::Object(map) = &mut referral {
        map.insert("type".into(), json!("attivabile_referred"));
        map.insert("pad_sha256".into(), json!(pact.content_sha256));
        map.insert("cv".into(), cv.unwrap_or(serde_json::Value::Null));
    }
    let destinations = std::iter::once((outbound::Destination::Siu, None))
        .chain(agencies.iter().map(|code| (outbound::Destination::Apl, Some(code.as_str()))));
    for (destination, agency_code) in destinations {
        outbound::enqueue(
            &txn,
            outbound::NewMessage {
                destination,
                agency_code,
                kind: "attivabile_referred",
                application_id: application.id,
                household_id: signer.household_id,
                member_id: Some(member_id),
                payload: referral.clone(),
            },
            ctx.now,
        )
        .await?;
    }
    notify(
        &txn,
        ctx,
        signer.household_id,
        member_id,
        NotificationKind::PadIndividualeSigned,
        json!({ "signed_on": signed_on, "sha256": pact.content_sha256 }),
    )
    .await?;
    finish(txn, ctx, signer.household_id).await?;
    Ok(Signed { pact, created: true })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    Mobile,
    Email,
}

impl ContactKind {
    pub fn code(self) -> &'static str {
        match self {
            ContactKind::Mobile => "mobile",
            ContactKind::Email => "email",
        }
    }
}

/// A plausible e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn normalize_email(input: &str) -> Option<String> {
    let value = input.trim().to_lowercase();
    let (local, domain) = value.split_once('@')?;
    let valid = !local.is_empty()
        && value.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace);
    valid.then_some(value)
}

/// An Italian mobile number in E.164 form (+39 3xx…), from what people type: spaces,
/// dashes, an optional +39 or 0039 prefix.
pub fn normalize_mobile(input: &str) -> Option<String> {
    let compact: String =
        input.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '/' | '(' | ')')).collect();
    let national =
        compact.strip_prefix("+39").or_else(|| compact.strip_prefix("0039")).unwrap_or(&compact);
    let valid = national.starts_with('3')
        && (9..=10).contains(&national.len())
        && national.chars().all(|c| c.is_ascii_digit());
    valid.then(|| format!("+39{national}"))
}

/// Stores a contact the member confirmed with a one-time code; an older certified contact of
/// the same kind is superseded (R17: contacts can be changed and re-certified).
pub async fn certify_contact<C: Writer>(
    db: &C,
    ctx: &Ctx,
    member_id: i64,
    kind: ContactKind,
    value: &str,
    used_for_convocations: bool,
) -> Result<certified_contact::Model> {
    let value = match kind {
        ContactKind::Email => normalize_email(value)
            .ok_or(ServiceError::Invalid { field: "email", problem: "malformed" })?,
        ContactKind::Mobile => normalize_mobile(value)
            .ok_or(ServiceError::Invalid { field: "mobile", problem: "malformed" })?,
    };
    let txn = begin_write(db).await?;
    let owner = member::Entity::find_by_id(member_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("member"))?;
    certified_contact::Entity::update_many()
        .col_expr(certified_contact::Column::SupersededAt, Expr::value(Some(ctx.now)))
        .filter(certified_contact::Column::MemberId.eq(member_id))
        .filter(certified_contact::Column::Kind.eq(kind.code()))
        .filter(certified_contact::Column::SupersededAt.is_null())
        .exec(&txn)
        .await?;
    let contact = certified_contact::ActiveModel {
        member_id: Set(member_id),
        kind: Set(kind.code().to_string()),
        value: Set(value),
        used_for_convocations: Set(used_for_convocations),
        certified_at: Set(ctx.now),
        superseded_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    notify(
        &txn,
        ctx,
        owner.household_id,
        member_id,
        NotificationKind::ContactCertified,
        json!({ "kind": kind.code(), "value": contact.value }),
    )
    .await?;
    txn.commit().await?;
    Ok(contact)
}

/// The member's current certified contacts.
pub async fn active_contacts<C: ConnectionTrait>(
    db: &C,
    member_id: i64,
) -> Result<Vec<certified_contact::Model>> {
    Ok(certified_contact::Entity::find()
        .filter(certified_contact::Column::MemberId.eq(member_id))
        .filter(certified_contact::Column::SupersededAt.is_null())
        .order_by_asc(certified_contact::Column::Kind)
        .all(db)
        .await?)
}

/// A stored pact whose content no longer matches its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TamperedPact {
    pub table: &'static str,
    pub id: i64,
}

/// Recomputes the hash of every stored pact; returns the ones that do not match, and how many
/// were checked.
pub async fn verify_pacts<C: ConnectionTrait>(db: &C) -> Result<(usize, Vec<TamperedPact>)> {
    let mut tampered = Vec::new();
    let household = pad_nucleo::Entity::find().all(db).await?;
    let individual = pad_individuale::Entity::find().all(db).await?;
    let checked = household.len() + individual.len();
    for pact in household {
        if pact_hash(&pact.content_json) != pact.content_sha256 {
            tampered.push(TamperedPact { table: "pad_nucleo", id: pact.id });
        }
    }
    for pact in individual {
        if pact_hash(&pact.content_json) != pact.content_sha256 {
            tampered.push(TamperedPact { table: "pad_individuale", id: pact.id });
        }
    }
    Ok((checked, tampered))
}

/// Whether `member_id` has signed this application's PAD nucleo (signing again leads to the
/// receipt of the one pact).
pub async fn pad_nucleo_signed_by<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
    member_id: i64,
) -> Result<bool> {
    Ok(pad_nucleo::Entity::find()
        .filter(pad_nucleo::Column::ApplicationId.eq(application_id))
        .filter(pad_nucleo::Column::SignedByMemberId.eq(member_id))
        .one(db)
        .await?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_normalised_or_refused() {
        assert_eq!(normalize_mobile("333 123 4567").as_deref(), Some("+393331234567"));
        assert_eq!(normalize_mobile("+39 345-678-9012").as_deref(), Some("+393456789012"));
        assert_eq!(normalize_mobile("0039 3401234567").as_deref(), Some("+393401234567"));
        assert_eq!(normalize_mobile("06 1234 5678"), None, "landline");
        assert_eq!(normalize_mobile("33312"), None);
        assert_eq!(normalize_mobile("33312345ab"), None);
        assert_eq!(
            normalize_email(" Maria.Rossi@Example.org ").as_deref(),
            Some("maria.rossi@example.org")
        );
        for bad in [
            "maria",
            "maria@",
            "@example.org",
            "maria@example",
            "ma ria@example.org",
            "a@b@c.org",
            "a@.org",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn pact_hash_is_sha256_hex() {
        assert_eq!(
            pact_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
