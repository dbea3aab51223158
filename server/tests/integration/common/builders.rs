//! Test data made through the same services that make it in production (INPS's application
//! and its outcome through `store::welfare`), so a test states the household it needs instead
//! of borrowing a demo persona whose story may change.

use std::sync::atomic::{AtomicU32, Ordering};

use contract::identity::{CodiceFiscale, check_character};
use contract::policy::Role;
use domain::{NaiveDate, Programme};
use store::welfare::{self, Ctx, MemberFlags, NewApplication, NewMember, Relation};

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

/// A household as INPS sends its application, then (optionally) its outcome.
pub struct Household {
    programme: Programme,
    members: Vec<NewMember>,
    accepted: bool,
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
        }
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

    pub async fn make(self, app: &TestApp) -> Made {
        let ctx = Ctx::new(chrono::Utc::now(), "inps");
        let protocol = format!("INPS-TEST-{}", self.members[0].codice_fiscale);
        let members = self.members.iter().map(|m| m.codice_fiscale.to_string()).collect();
        let new = NewApplication {
            programme: self.programme,
            inps_protocol: protocol.clone(),
            submitted_on: ctx.today(),
            municipality_code: "H501".into(),
            address: "Via di Prova 1, 00100 Roma".into(),
            members: self.members,
        };
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
        Made {
            protocol,
            application_id: submitted.application_id,
            household_id: submitted.household_id,
            members,
        }
    }
}

/// A citizen's session for `codice_fiscale` (no identity-provider round trip).
pub async fn citizen_session(app: &TestApp, codice_fiscale: &str) -> String {
    super::session_for(app, codice_fiscale, Role::Citizen, "test").await
}
