//! Test data made through the same services that make it in production (INPS's application
//! and its outcome through `store::welfare`), so a test states the household it needs instead
//! of borrowing a demo persona whose story may change.

use std::sync::atomic::{AtomicU32, Ordering};

use contract::identity::{CodiceFiscale, check_character};
use contract::organisations::OrganisationKind;
use contract::policy::Role;
use domain::{NaiveDate, Outcome, Programme, Venue};
use store::welfare::{
    self, Consent, ContactKind, Ctx, MemberFlags, NewApplication, NewMeeting, NewMember,
    PadNucleoTerms, Relation,
};

use super::TestApp;

/// A codice fiscale no other test data uses: `TST` and three letters from a counter, born
/// 1 January 1980 in Rome, with its check character.
pub fn fresh_codice_fiscale() -> CodiceFiscale {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let letter = |k: u32| char::from(b'A' + u8::try_from((n / 26u32.pow(k)) % 26).unwrap());
    let first15 = format!("TST{}{}{}80A01H501", letter(2), letter(1), letter(0));
    let check = char::from(check_character(first15.as_bytes()));
    CodiceFiscale::parse(&format!("{first15}{check}")).unwrap()
}

/// A household as INPS sends its application, then (optionally) its outcome, the applicant's
/// PAD nucleo and the social services' first meeting.
pub struct Household {
    programme: Programme,
    members: Vec<NewMember>,
    accepted: bool,
    pad_signed: bool,
    met: bool,
    /// Belfiore code of the municipality of residence.
    municipality: &'static str,
}

/// What was made: the application's protocol and ids, and each member's codice fiscale
/// (the applicant first).
pub struct Made {
    pub protocol: String,
    pub application_id: i64,
    pub household_id: i64,
    pub members: Vec<String>,
}

impl Made {
    pub fn applicant(&self) -> &str {
        &self.members[0]
    }
}

fn member(relation: Relation, attivabile: bool) -> NewMember {
    NewMember {
        codice_fiscale: fresh_codice_fiscale(),
        given_name: "Prova".into(),
        family_name: "Costruita".into(),
        birth_date: NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(),
        relation,
        flags: MemberFlags { attivabile, ..MemberFlags::default() },
    }
}

impl Household {
    /// An ADI application in Rome with its applicant (an adult who is not attivabile).
    pub fn adi() -> Household {
        Household {
            programme: Programme::Adi,
            members: vec![member(Relation::Applicant, false)],
            accepted: false,
            pad_signed: false,
            met: false,
            municipality: "H501",
        }
    }

    /// Resident in another municipality (Belfiore code) than Rome.
    pub fn living_in(mut self, municipality: &'static str) -> Household {
        self.municipality = municipality;
        self
    }

    /// An SFL application: one person, attivabile by definition of the measure.
    pub fn sfl() -> Household {
        Household {
            programme: Programme::Sfl,
            members: vec![member(Relation::Applicant, true)],
            ..Household::adi()
        }
    }

    /// Names the last member added (the applicant, until `with_member`).
    pub fn named(mut self, given: &str, family: &str) -> Household {
        let last = self.members.last_mut().expect("a household has an applicant");
        last.given_name = given.into();
        last.family_name = family.into();
        self
    }

    /// Adds a member (a spouse), attivabile or not.
    pub fn with_member(mut self, attivabile: bool) -> Household {
        self.members.push(member(Relation::Spouse, attivabile));
        self
    }

    /// INPS accepts the application (assessment, then a positive outcome).
    pub fn accepted(mut self) -> Household {
        self.accepted = true;
        self
    }

    /// Accepted, and the applicant certified a mobile number and signed the PAD nucleo.
    pub fn pad_signed(mut self) -> Household {
        self.accepted = true;
        self.pad_signed = true;
        self
    }

    /// PAD signed, and the social services met the household and assessed its attivabili,
    /// who are referred to the job centre (so they may sign the PAD individuale).
    pub fn attivabili_assessed(mut self) -> Household {
        self = self.pad_signed();
        self.met = true;
        self
    }

    pub async fn make(self, app: &TestApp) -> Made {
        let ctx = Ctx::new(chrono::Utc::now(), "inps");
        let protocol = format!("INPS-TEST-{}", self.members[0].codice_fiscale);
        let members = self.members.iter().map(|m| m.codice_fiscale.to_string()).collect();
        let new = NewApplication {
            programme: self.programme,
            inps_protocol: protocol.clone(),
            submitted_on: ctx.today(),
            municipality_code: self.municipality.into(),
            address: "Via di Prova 1".into(),
            members: self.members,
        };
        let flags: Vec<MemberFlags> = new.members.iter().map(|m| m.flags).collect();
        let submitted = welfare::submit_application(&app.db, &ctx, &new).await.unwrap();
        if self.accepted {
            welfare::start_assessment(&app.db, &ctx, submitted.application_id).await.unwrap();
            welfare::record_assessment_outcome(
                &app.db,
                &ctx,
                submitted.application_id,
                true,
                "requisiti verificati",
                Some(50_000),
            )
            .await
            .unwrap();
        }
        let ids: Vec<i64> = welfare::household_members(&app.db, submitted.household_id)
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        if self.pad_signed {
            let phone = format!("+39 333 {:07}", submitted.application_id);
            welfare::certify_contact(&app.db, &ctx, ids[0], ContactKind::Mobile, &phone, true)
                .await
                .unwrap();
            let terms = PadNucleoTerms {
                convocation_address: "Via di Prova 1".into(),
                consents: Consent::ALL.to_vec(),
                platform_only_acknowledged: false,
            };
            welfare::sign_pad_nucleo(&app.db, &ctx, submitted.application_id, ids[0], &terms)
                .await
                .unwrap();
        }
        if self.met {
            let meeting = NewMeeting {
                household_id: submitted.household_id,
                member_id: None,
                venue: Venue::SocialServices,
                held_on: ctx.today(),
                outcome: Outcome::Spontaneous,
                convocation_id: None,
                evidence_ref: None,
            };
            welfare::record_meeting(&app.db, &ctx, &meeting).await.unwrap();
            for (id, flags) in ids.iter().zip(&flags).filter(|(_, flags)| flags.attivabile) {
                welfare::assess_member(&app.db, &ctx, *id, *flags).await.unwrap();
            }
        }
        Made {
            protocol,
            application_id: submitted.application_id,
            household_id: submitted.household_id,
            members,
        }
    }
}

/// A citizen's session for `codice_fiscale` (no identity-provider round trip). A household
/// member signs in under the name INPS holds for them, as SPID would give it.
pub async fn citizen_session(app: &TestApp, codice_fiscale: &str) -> String {
    let member = store::citizen::member_for(&app.db, codice_fiscale).await.unwrap();
    let (given, family) =
        member.as_ref().map_or(("Test", "Test"), |m| (&m.given_name, &m.family_name));
    let account = super::account_named(app, codice_fiscale, given, family).await;
    super::session_of(app, &account, Role::Citizen, "test").await
}

/// A registered operator with `role` (an administrator included) and a session for them:
/// their codice fiscale and the session cookie's value.
pub async fn operator_session(app: &TestApp, role: Role) -> (String, String) {
    let codice_fiscale = fresh_codice_fiscale();
    let (kind, code, name) = match role {
        Role::CaseManager => ("social_services", "H501", "Servizi sociali - Comune di Roma"),
        Role::CpiOperator => ("cpi", "CPI-RM-01", "Centro per l'impiego di Roma"),
        _ => ("platform", "", "SIISL"),
    };
    let registration = store::operator::Registration {
        codice_fiscale: codice_fiscale.clone(),
        given_name: "Operatore".into(),
        family_name: "Di Prova".into(),
        role,
        organisation_kind: kind.into(),
        organisation_code: code.into(),
        organisation_name: name.into(),
        active: true,
    };
    store::operator::register(&app.db, &registration, chrono::Utc::now()).await.unwrap();
    let session = super::session_for(app, codice_fiscale.as_str(), role, "test").await;
    (codice_fiscale.to_string(), session)
}

/// Assigns a household (or, for a job-centre operator, a member) to an operator, as an
/// administrator does on the assignments page.
pub async fn assign(app: &TestApp, operator_cf: &str, subject: store::caseload::Subject) {
    store::caseload::assign(
        &app.db,
        operator_cf,
        subject,
        "test-administrator",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
}

/// A partita IVA no other test data uses (ten digits from a counter and the check digit).
pub fn fresh_partita_iva() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let first10 = format!("7{:09}", NEXT.fetch_add(1, Ordering::Relaxed));
    let check = char::from(contract::identity::check_digit(first10.as_bytes()));
    format!("{first10}{check}")
}

/// An approved organisation of `kind` with a fresh administrator, made through the registry
/// as a request and an administrator's approval are.
pub struct Organisation {
    pub id: i64,
    pub administrator: CodiceFiscale,
}

impl Organisation {
    pub async fn approved(app: &TestApp, kind: OrganisationKind, name: &str) -> Organisation {
        let administrator = fresh_codice_fiscale();
        let code = match kind {
            // Milan's ISTAT code (the demo data registers Rome's); one Comune per test
            // database is enough.
            OrganisationKind::Comune => "015146".to_string(),
            _ => fresh_partita_iva(),
        };
        let new = store::organisation::NewOrganisation {
            kind,
            code,
            name: name.into(),
            contact_email: "avvisi@example.it".into(),
        };
        let now = chrono::Utc::now();
        let siisl = fresh_codice_fiscale();
        let requested = store::organisation::request(&app.db, &new, &administrator, now)
            .await
            .unwrap()
            .unwrap();
        store::organisation::decide(&app.db, requested.id, &siisl, Some(&administrator), now)
            .await
            .unwrap()
            .unwrap();
        Organisation { id: requested.id, administrator }
    }

    /// A session of `person` acting for the organisation (they must act for it).
    pub async fn session_of(&self, app: &TestApp, person: &CodiceFiscale) -> String {
        let account = super::account_named(app, person.as_str(), "Per", "Conto").await;
        let cookie = super::session_of(app, &account, Role::Citizen, "test").await;
        let id = store::session::hash_token(&cookie);
        store::session::set_acting_for(&app.db, &id, Some(self.id)).await.unwrap();
        cookie
    }

    /// A session of its administrator acting for it.
    pub async fn administrator_session(&self, app: &TestApp) -> String {
        self.session_of(app, &self.administrator).await
    }
}
