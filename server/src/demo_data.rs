//! Demo data, written through the same services operators, INPS and citizens use: demo
//! operators, and households in every state the rules know (pending assessment, accepted
//! without a pact, pact signed 10 and 115 days ago, overdue with and without a convocation,
//! suspended, decaduta, with PaIS and PSP signed, an SFL applicant, two attivabili).
//!
//! Each household is built by replaying its history at the dates it happened, relative to
//! "today", with the services' clock set to each step's date. A household whose protocol
//! number is already stored is skipped, so running it again adds nothing and changes made
//! in the demo survive a restart.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use contract::identity::CodiceFiscale;
use contract::policy::Role;
use domain::calendar::rome_midnight;
use domain::{Outcome, Programme, RuleId, Venue};
use sea_orm::{DatabaseConnection, DbErr};
use store::operator::{self, Registration};
use store::welfare::{
    self, Consent, ContactKind, Ctx, MemberFlags, NewActivity, NewApplication, NewConvocation,
    NewMeeting, NewMember, NewPlan, PadIndividualeTerms, PadNucleoTerms, PlanKind, Relation,
};

/// The demo personas who are operators (see `contract::demo::PERSONAS`): codice fiscale, role,
/// organisation kind, code and name.
const OPERATORS: &[(&str, Role, &str, &str, &str)] = &[
    (
        "CNTFNC82M50H501U",
        Role::CaseManager,
        "social_services",
        "H501",
        "Servizi sociali - Comune di Roma",
    ),
    ("FRRMRC78E15L219Q", Role::CpiOperator, "cpi", "CPI-TO-01", "Centro per l'impiego di Torino"),
    ("GLLNNA70B48D612X", Role::Administrator, "platform", "", "SIISL"),
];

const ACTOR: &str = "demo-data";

/// What `seed` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub operators: usize,
    pub households: usize,
}

pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<Seeded> {
    let mut seeded = Seeded::default();
    for (cf, role, kind, code, name) in OPERATORS {
        if operator::is_registered(db, cf).await? {
            continue;
        }
        let codice_fiscale = CodiceFiscale::parse(cf).map_err(|e| DbErr::Custom(e.to_string()))?;
        // The registry holds the persona's name, as an administrator would type it.
        let persona = contract::demo::PERSONAS.iter().find(|p| p.codice_fiscale == *cf);
        let registration = Registration {
            codice_fiscale,
            given_name: persona.map(|p| p.given_name.to_string()).unwrap_or_default(),
            family_name: persona.map(|p| p.family_name.to_string()).unwrap_or_default(),
            role: *role,
            organisation_kind: (*kind).to_string(),
            organisation_code: (*code).to_string(),
            organisation_name: (*name).to_string(),
            active: true,
        };
        operator::register(db, &registration, now).await?;
        seeded.operators += 1;
    }
    seed_offices(db).await?;
    seed_agencies(db).await?;
    seed_cvs(db, now).await?;
    for scenario in scenarios() {
        if store::welfare::application_by_protocol(db, scenario.protocol).await?.is_some() {
            continue;
        }
        build(db, &scenario, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo household {}: {e}", scenario.protocol))?;
        seeded.households += 1;
    }
    seed_assignments(db, now).await?;
    seed_organisations(db, now).await?;
    Ok(seeded)
}

/// The demo organisations (see `contract::demo::PERSONAS`): the person who asks for each and is
/// named its administrator, its kind, code, name and e-mail, and the ads it publishes.
struct DemoOrganisation {
    person: &'static str,
    kind: contract::organisations::OrganisationKind,
    code: &'static str,
    name: &'static str,
    email: &'static str,
    /// Kind, title, description, CP2011 occupation, Belfiore municipality, weekly hours.
    ads: &'static [(
        domain::catalog::Kind,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i32,
    )],
}

const DEMO_ORGANISATIONS: &[DemoOrganisation] = {
    use contract::organisations::OrganisationKind::*;
    use domain::catalog::Kind::{Course, Job, Puc};
    &[
        DemoOrganisation {
            person: "FRRRRT71D03F205H",
            kind: Employer,
            code: "04829170358",
            name: "Logistica Lombarda S.r.l.",
            email: "selezione@logisticalombarda.example.org",
            ads: &[
                (
                    Job,
                    "Magazziniere con patentino muletto",
                    "Gestione del magazzino, carico e scarico merci con carrello elevatore. Turni diurni dal lunedì al venerdì.",
                    "8.1.3.1.0",
                    "F205",
                    40,
                ),
                (
                    Job,
                    "Addetto al confezionamento, part-time",
                    "Confezionamento ed etichettatura dei colli in uscita, controllo delle bolle.",
                    "8.1.3.1.0",
                    "F205",
                    20,
                ),
            ],
        },
        DemoOrganisation {
            person: "GLLCHR83P55A944N",
            kind: TrainingBody,
            code: "03164520987",
            name: "Formazione Futuro ETS",
            email: "corsi@formazionefuturo.example.org",
            ads: &[(
                Course,
                "Corso di logistica e gestione del magazzino",
                "Corso gratuito di 120 ore per lavorare nella logistica: organizzazione del magazzino, sicurezza, gestionali.",
                "",
                "A944",
                0,
            )],
        },
        DemoOrganisation {
            person: "RCCPLA79B60H501J",
            kind: Comune,
            code: "058091",
            name: "",
            email: "puc@comune.roma.example.org",
            ads: &[(
                Puc,
                "Cura del verde nei parchi di quartiere",
                "Progetto utile alla collettività: manutenzione leggera del verde pubblico con i volontari del municipio.",
                "",
                "H501",
                8,
            )],
        },
        DemoOrganisation {
            person: "MRTSFN88T01F839A",
            kind: Agency,
            code: "07985413264",
            name: "Lavoro Subito S.p.A.",
            email: "napoli@lavorosubito.example.org",
            ads: &[(
                Job,
                "Commesso per punto vendita",
                "Per un'azienda cliente: vendita al banco e assistenza ai clienti, contratto in somministrazione.",
                "5.1.2.2.0",
                "F839",
                30,
            )],
        },
    ]
};

/// What a demo ad asks for, by its occupation (ESCO keys of `data/skills.csv`).
fn demo_skills(occupation: &str) -> &'static [&'static str] {
    match occupation {
        "8.1.3.1.0" => &["eseguire-operazioni-di-magazzino", "pianificare-il-lavoro-di-squadra"],
        "5.1.2.2.0" => &["attivita-di-vendita", "servizio-clienti"],
        _ => &[],
    }
}

/// Registers the demo organisations as a person would ask and an administrator approve, and
/// publishes their ads through the publishing service. An organisation its person already
/// acts for is left as it is.
async fn seed_organisations(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    use domain::catalog::{Ad, Contract, Kind};
    use store::organisation::{self, NewOrganisation};
    let administrator = CodiceFiscale::parse("GLLNNA70B48D612X").map_err(anyhow::Error::msg)?;
    let today = domain::calendar::rome_date(now);
    for demo in DEMO_ORGANISATIONS {
        if !organisation::memberships_of(db, demo.person).await?.is_empty() {
            continue;
        }
        let person = CodiceFiscale::parse(demo.person).map_err(anyhow::Error::msg)?;
        let new = NewOrganisation {
            kind: demo.kind,
            code: demo.code.into(),
            name: demo.name.into(),
            contact_email: demo.email.into(),
        };
        let requested = match organisation::request(db, &new, &person, now).await? {
            Ok(requested) => requested,
            // Someone registered it in this demo already: theirs to run.
            Err(organisation::RequestRefused::AlreadyRegistered) => continue,
            Err(refused) => anyhow::bail!("demo organisation {}: {refused:?}", demo.code),
        };
        organisation::decide(db, requested.id, &administrator, Some(&person), now)
            .await?
            .map_err(|refused| anyhow::anyhow!("demo organisation {}: {refused:?}", demo.code))?;
        for (kind, title, description, occupation, place, hours) in demo.ads {
            let course = *kind == Kind::Course;
            let ad = Ad {
                kind: *kind,
                title: (*title).into(),
                organisation: String::new(),
                description: (*description).into(),
                occupation_code: (!occupation.is_empty()).then(|| (*occupation).into()),
                municipality_code: Some((*place).into()),
                online: false,
                contract: (*kind == Kind::Job).then_some(
                    if demo.kind == contract::organisations::OrganisationKind::Agency {
                        Contract::Agency
                    } else {
                        Contract::Permanent
                    },
                ),
                duration_months: match kind {
                    Kind::Puc => Some(6),
                    _ if demo.kind == contract::organisations::OrganisationKind::Agency => Some(6),
                    _ => None,
                },
                hours_pct: (!course).then_some(hours * 100 / 40),
                total_hours: course.then_some(120),
                pay_monthly: (*kind == Kind::Job).then_some(1_300 + 5 * hours),
                eqf_level: course.then_some(3),
                topic: (*kind == Kind::Puc).then(|| "ambientale".to_string()),
                starts_on: today + Duration::days(21),
                ends_on: None,
                published_on: today,
                expires_on: domain::catalog::latest_expiry(today),
                skills: demo_skills(occupation).iter().map(|s| s.to_string()).collect(),
                seats: Some(2),
            };
            store::publishing::publish(db, requested.id, &ad, None, now)
                .await?
                .map_err(|refused| anyhow::anyhow!("demo ad «{title}»: {refused:?}"))?;
        }
    }
    Ok(())
}

/// Giovanna Marino, the Roma persona whose PAD is signed (the case manager's demo).
const GIOVANNA: &str = "MARGIO84H58H501T";

/// A persona's first sign-in and SIISL registration, through the same services as the sign-in
/// callback and the registration form.
async fn register_persona(
    db: &DatabaseConnection,
    p: &Person,
    municipality: &str,
    at: &Ctx,
) -> anyhow::Result<()> {
    let codice_fiscale = demo_cf(p, municipality)?;
    let email = format!("{}.{}@example.org", p.given, p.family).to_lowercase();
    let identity = store::account::Identity {
        codice_fiscale: codice_fiscale.clone(),
        given_name: p.given.to_string(),
        family_name: p.family.to_string(),
        birthdate: Some(p.born.to_string()),
        email: Some(email.clone()),
    };
    let account = store::account::sign_in(db, &identity, at.now).await?;
    let form = store::citizen::RegistrationForm {
        consent: Some("si".into()),
        email,
        phone: String::new(),
    };
    store::citizen::register(db, codice_fiscale.as_str(), &account.id, &form, at.now)
        .await?
        .map_err(|errors| anyhow::anyhow!("demo registration refused: {errors:?}"))?;
    Ok(())
}

/// The demo administrator, who assigns the demo caseloads.
const DEMO_ADMINISTRATOR: &str = "GLLNNA70B48D612X";

/// Caseloads, assigned through the same service as the administrators' page: every Roma
/// household to the Roma case manager, every Torino attivabile to the Torino job centre's
/// operator. Only into an empty table: what an administrator changed afterwards (a revoked
/// assignment included) survives a restart.
async fn seed_assignments(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    use store::caseload::{AssignError, Subject, any_assignment, assign, households_in};
    if any_assignment(db).await? {
        return Ok(());
    }
    let (case_manager, cpi) = (OPERATORS[0].0, OPERATORS[1].0);
    let mut subjects = Vec::new();
    for (home, _) in households_in(db, "H501").await? {
        subjects.push((case_manager, Subject::Household(home)));
    }
    for (_, attivabili) in households_in(db, "L219").await? {
        subjects.extend(attivabili.into_iter().map(|m| (cpi, Subject::Member(m))));
    }
    for (operator, subject) in subjects {
        match assign(db, operator, subject, DEMO_ADMINISTRATOR, now).await {
            Ok(_) | Err(AssignError::Already) => {}
            Err(error) => return Err(anyhow::anyhow!("demo assignment {subject:?}: {error}")),
        }
    }
    Ok(())
}

/// Sara's CV, as the CV service stored it.
const SARA: &str = "CLMSRA92L54F205U";

/// Who moves candidacies in the demo: the employers' side does not exist yet.
const DEMO_ORGANISER: &str = "demo-organiser";

/// Sara's candidacies, once the catalogue has ads: she applies, through the same service as the
/// "Invia la candidatura" button, to the two newest live jobs in Milano; the demo organiser takes
/// the older one into review and invites her to an interview for it. Only once: a person who
/// already has candidacies is left alone. Returns how many were added.
pub async fn seed_candidacies(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    use domain::candidacy::{CandidacyStatus, Mover};
    use store::candidacy;
    if candidacy::has_any(db, SARA).await? {
        return Ok(0);
    }
    let today = domain::calendar::rome_date(now);
    let ads = candidacy::newest_live(db, domain::catalog::Kind::Job, "F205", today, 2).await?;
    // Everything happens "now": an ad published today did not exist a few hours ago.
    let citizen = Ctx::new(now, format!("citizen:{SARA}"));
    let organiser = Ctx::new(now, DEMO_ORGANISER);
    let mut added = 0;
    for (n, ad) in ads.iter().enumerate() {
        let sent = candidacy::apply(db, &citizen, SARA, *ad).await?;
        added += 1;
        if n == 1 {
            for (to, note) in [
                (CandidacyStatus::InReview, None),
                (
                    CandidacyStatus::Interview,
                    Some("Colloquio in sede, portare un documento d'identità"),
                ),
            ] {
                candidacy::change(db, &organiser, sent.id, to, Mover::Organiser, None, note)
                    .await?;
            }
        }
    }
    Ok(added)
}

/// Moves a candidacy as its organiser would: to `to`, or the next step forward. Returns what
/// changed, as a line to print.
pub async fn advance_candidacy(
    db: &DatabaseConnection,
    id: i64,
    to: Option<domain::candidacy::CandidacyStatus>,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    use domain::candidacy::Mover;
    use store::candidacy::{self, CandidacyError};
    let Some(from) = candidacy::current_status(db, id).await? else {
        anyhow::bail!("there is no candidacy {id}");
    };
    let Some(to) = to.or(from.next_forward()) else {
        anyhow::bail!("candidacy {id} is {}: it has no further step", from.code());
    };
    let ctx = Ctx::new(now, DEMO_ORGANISER);
    match candidacy::change(db, &ctx, id, to, Mover::Organiser, None, note).await {
        Ok(_) => {}
        Err(CandidacyError::Transition { from, to }) => {
            anyhow::bail!("candidacy {id} cannot go from {} to {}", from.code(), to.code())
        }
        Err(error) => return Err(error.into()),
    }
    let event = store::audit::Event {
        actor_role: Some(DEMO_ORGANISER.into()),
        target: Some(format!("candidacy {id}")),
        ..Default::default()
    };
    store::audit::record(
        db,
        store::audit::Action::CandidacyChanged,
        store::audit::SUCCESS,
        event,
        now,
    )
    .await?;
    Ok(format!("candidacy {id}: {} -> {}", from.code(), to.code()))
}

/// The demo CVs, saved through the same checks as one filled in on the CV pages, once.
async fn seed_cvs(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    use domain::cv::{Availability, Cv, Education, Experience, Personal};
    let sara = Cv {
        personal_information: Personal {
            given_name: "Sara".into(),
            family_name: "Colombo".into(),
            birth_date: Some(date("1992-07-14")?),
            email: "sara.colombo@example.org".into(),
            municipality: Some("F205".into()),
            nationality: "italiana".into(),
            ..Default::default()
        },
        work_experience: vec![
            Experience {
                occupation_code: "8.1.3.1.0".into(),
                job_title: "Magazziniera".into(),
                employer: "Logistica Lombarda S.r.l.".into(),
                place: "Segrate".into(),
                start: date("2016-03-01")?,
                end: Some(date("2023-09-30")?),
                description: "Carico e scarico, inventario, preparazione degli ordini.".into(),
            },
            Experience {
                occupation_code: "5.1.2.2.0".into(),
                job_title: "Commessa".into(),
                employer: "Supermercati Milano Est".into(),
                place: "Milano".into(),
                start: date("2013-06-01")?,
                end: Some(date("2015-12-31")?),
                description: String::new(),
            },
        ],
        education_and_training: vec![Education {
            title: "Diploma di istituto professionale (servizi commerciali)".into(),
            institution: "IPSSC Milano".into(),
            eqf_level: 4,
            start: Some(date("2006-09-15")?),
            end: Some(date("2011-07-10")?),
            description: String::new(),
        }],
        skills: [
            "eseguire-operazioni-di-magazzino",
            "gestire-l-inventario-di-magazzino",
            "logistica",
            "lavorare-in-gruppo",
            "gestire-il-tempo",
        ]
        .map(String::from)
        .to_vec(),
        availability: Availability {
            full_time: true,
            part_time: true,
            max_distance_km: Some(40),
            ..Default::default()
        },
        ..Default::default()
    };
    let today = domain::calendar::rome_date(now);
    for (cf, cv) in [(SARA, sara)] {
        if store::cv::load(db, cf).await?.is_none() {
            store::cv::save(db, cf, 0, &cv, today, now)
                .await
                .map_err(|e| anyhow::anyhow!("demo CV {cf}: {e:?}"))?;
        }
    }
    Ok(())
}

/// A person in a demo household. `cf: None` derives a valid, fictitious codice fiscale.
struct Person {
    given: &'static str,
    family: &'static str,
    born: &'static str,
    female: bool,
    cf: Option<&'static str>,
    relation: Relation,
    flags: MemberFlags,
}

/// How far a demo household's history goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Submitted, INPS assessing.
    UnderAssessment,
    /// Accepted; the PAD nucleo is waiting for the applicant.
    Accepted,
    /// PAD nucleo signed this many days ago, nothing since.
    PadSigned(i64),
    /// PAD signed this many days ago; a convocation issued, its appointment passed, no outcome yet.
    OverdueWithConvocation(i64),
    /// PAD signed, 120 days passed without a meeting or convocation, benefit suspended.
    Suspended(i64),
    /// Convocation ignored without a justified reason: the benefit was lost.
    Decaduta(i64),
    /// First meeting held, attivabili assessed, PaIS and PSP signed, payments made.
    PaisAndPsp(i64),
    /// First meeting held; the attivabili still have to sign their PAD individuale.
    AttivabiliAssessed(i64),
}

struct Scenario {
    protocol: &'static str,
    programme: Programme,
    municipality: &'static str,
    address: &'static str,
    members: Vec<Person>,
    stage: Stage,
}

const NONE: MemberFlags = MemberFlags {
    disabled: false,
    care_duties: false,
    gender_violence_victim: false,
    attivabile: false,
};
const CARE: MemberFlags = MemberFlags { care_duties: true, ..NONE };

fn person(
    given: &'static str,
    family: &'static str,
    born: &'static str,
    female: bool,
    relation: Relation,
) -> Person {
    Person { given, family, born, female, cf: None, relation, flags: NONE }
}

fn scenarios() -> Vec<Scenario> {
    use Relation::*;
    vec![
        Scenario {
            protocol: "INPS-ADI-2026-0000101",
            programme: Programme::Adi,
            municipality: "H501",
            address: "Via Tuscolana 120, 00181 Roma",
            members: vec![
                Person {
                    cf: Some("RSSMRA80A41H501Y"),
                    flags: CARE,
                    ..person("Maria", "Rossi", "1980-01-01", true, Applicant)
                },
                person("Sofia", "Rossi", "2014-04-12", true, Child),
                person("Leonardo", "Rossi", "2017-09-03", false, Child),
            ],
            stage: Stage::Accepted,
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000102",
            programme: Programme::Adi,
            municipality: "F205",
            address: "Viale Monza 45, 20127 Milano",
            members: vec![
                Person {
                    cf: Some("BNCLCU75S05F205U"),
                    ..person("Luca", "Bianchi", "1975-11-05", false, Applicant)
                },
                person("Teresa", "Bianchi", "1950-02-20", true, Parent),
            ],
            stage: Stage::UnderAssessment,
        },
        Scenario {
            protocol: "INPS-SFL-2026-0000103",
            programme: Programme::Sfl,
            municipality: "F839",
            address: "Corso Umberto I 210, 80138 Napoli",
            members: vec![Person {
                cf: Some("SPSGPP95C12F839S"),
                ..person("Giuseppe", "Esposito", "1995-03-12", false, Applicant)
            }],
            stage: Stage::Accepted,
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000104",
            programme: Programme::Adi,
            municipality: "L219",
            address: "Via Nizza 88, 10126 Torino",
            members: vec![
                person("Youssef", "Benali", "1964-03-30", false, Applicant),
                Person {
                    cf: Some("BNLSHA90L62Z330U"),
                    flags: MemberFlags { attivabile: true, ..NONE },
                    ..person("Aisha", "Benali", "1990-07-22", true, Spouse)
                },
                Person {
                    flags: MemberFlags { attivabile: true, ..NONE },
                    ..person("Karim", "Benali", "2001-05-14", false, Child)
                },
                person("Nadia", "Benali", "2012-10-02", true, Child),
            ],
            stage: Stage::AttivabiliAssessed(70),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000105",
            programme: Programme::Adi,
            municipality: "H501",
            address: "Via Casilina 300, 00176 Roma",
            members: vec![
                Person {
                    cf: Some(GIOVANNA),
                    ..person("Giovanna", "Marino", "1984-06-18", true, Applicant)
                },
                person("Matteo", "Marino", "2016-01-25", false, Child),
            ],
            stage: Stage::PadSigned(10),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000106",
            programme: Programme::Adi,
            municipality: "H501",
            address: "Via Prenestina 512, 00171 Roma",
            members: vec![
                person("Antonio", "Greco", "1961-12-01", false, Applicant),
                person("Rosa", "Greco", "1963-08-09", true, Spouse),
            ],
            stage: Stage::PadSigned(115),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000107",
            programme: Programme::Adi,
            municipality: "H501",
            address: "Via Appia Nuova 780, 00178 Roma",
            members: vec![
                person("Elena", "Ricci", "1979-03-03", true, Applicant),
                person("Pietro", "Ricci", "2011-11-11", false, Child),
            ],
            stage: Stage::PadSigned(130),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000108",
            programme: Programme::Adi,
            municipality: "H501",
            address: "Via Ostiense 150, 00154 Roma",
            members: vec![
                person("Salvatore", "Romano", "1972-04-27", false, Applicant),
                person("Chiara", "Romano", "2009-02-14", true, Child),
            ],
            stage: Stage::OverdueWithConvocation(125),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000109",
            programme: Programme::Adi,
            municipality: "L219",
            address: "Corso Giulio Cesare 60, 10152 Torino",
            members: vec![
                person("Francesco", "Colombo", "1968-07-07", false, Applicant),
                Person {
                    flags: MemberFlags { disabled: true, ..NONE },
                    ..person("Lucia", "Colombo", "1970-01-19", true, Spouse)
                },
            ],
            stage: Stage::Suspended(200),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000110",
            programme: Programme::Adi,
            municipality: "F839",
            address: "Via Foria 90, 80137 Napoli",
            members: vec![
                person("Vincenzo", "Russo", "1976-10-10", false, Applicant),
                person("Gennaro", "Russo", "2013-05-05", false, Child),
            ],
            stage: Stage::Decaduta(170),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000111",
            programme: Programme::Adi,
            municipality: "L219",
            address: "Via Madama Cristina 15, 10125 Torino",
            members: vec![
                person("Paola", "Gallo", "1985-12-24", true, Applicant),
                Person {
                    flags: MemberFlags { attivabile: true, ..NONE },
                    ..person("Davide", "Gallo", "1983-02-02", false, Spouse)
                },
                person("Alice", "Gallo", "2019-07-30", true, Child),
            ],
            stage: Stage::PaisAndPsp(150),
        },
        Scenario {
            protocol: "INPS-ADI-2026-0000112",
            programme: Programme::Adi,
            municipality: "H501",
            address: "Via Nomentana 250, 00162 Roma",
            members: vec![
                Person {
                    cf: Some("MRCLNE86R58H501W"),
                    ..person("Elena", "Marchetti", "1986-10-18", true, Applicant)
                },
                Person {
                    cf: Some("MRCDVD84D12H501I"),
                    ..person("Davide", "Marchetti", "1984-04-12", false, Spouse)
                },
                person("Giulia", "Marchetti", "2018-03-08", true, Child),
            ],
            stage: Stage::Accepted,
        },
    ]
}

/// The demo registry of employment agencies: fictitious names, branches in the demo cities.
/// Code, name, branches (municipality, address).
type DemoAgency = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

const AGENCIES: &[DemoAgency] = &[
    (
        "APL-DEMO-001",
        "Lavoro Subito S.p.A.",
        &[("F839", "Via Toledo 156, 80134 Napoli"), ("H501", "Via Nazionale 40, 00184 Roma")],
    ),
    (
        "APL-DEMO-002",
        "Impiego Sud Agenzia per il lavoro",
        &[("F839", "Piazza Garibaldi 73, 80142 Napoli")],
    ),
    (
        "APL-DEMO-003",
        "Orizzonte Lavoro S.r.l.",
        &[("F839", "Corso Meridionale 12, 80143 Napoli"), ("L219", "Via Po 21, 10124 Torino")],
    ),
    (
        "APL-DEMO-004",
        "Risorse al Lavoro",
        &[
            ("H501", "Viale Marconi 190, 00146 Roma"),
            ("F205", "Corso Buenos Aires 54, 20124 Milano"),
        ],
    ),
    (
        "APL-DEMO-005",
        "Nord Ovest Staff",
        &[("L219", "Corso Vittorio Emanuele II 98, 10121 Torino")],
    ),
    ("APL-DEMO-006", "Milano Job Partner", &[("F205", "Via Padova 36, 20127 Milano")]),
    ("APL-DEMO-007", "Capitale Occupazione S.p.A.", &[("H501", "Via Tiburtina 250, 00162 Roma")]),
    ("APL-DEMO-008", "Vesuvio Intermediazioni", &[("F839", "Via Marina 19, 80133 Napoli")]),
];

async fn seed_agencies(db: &DatabaseConnection) -> anyhow::Result<()> {
    for (code, name, branches) in AGENCIES {
        welfare::register_agency(
            db,
            &welfare::NewAgency {
                code: (*code).to_string(),
                name: (*name).to_string(),
                kind: "generalist".to_string(),
                branches: branches
                    .iter()
                    .map(|(municipality, address)| welfare::NewBranch {
                        municipality_code: (*municipality).to_string(),
                        address: (*address).to_string(),
                        phone: "800 000 000".to_string(),
                        email: format!("{}@apl.example.org", code.to_lowercase()),
                    })
                    .collect(),
            },
        )
        .await?;
    }
    Ok(())
}

/// The offices of the demo municipalities: fictitious contact details, real shapes.
const OFFICES: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    (
        "H501",
        "social_services",
        "Servizi sociali - Comune di Roma, sportello ADI",
        "Via Merulana 123, 00185 Roma",
        "lunedì-venerdì 9:00-12:30; martedì e giovedì anche 14:30-16:30",
        "06 0000 1001",
        "adi.servizisociali@comune.roma.example.org",
    ),
    (
        "H501",
        "cpi",
        "Centro per l'impiego Roma Tuscolano",
        "Via Tuscolana 330, 00181 Roma",
        "lunedì-venerdì 8:30-12:30",
        "06 0000 2002",
        "cpi.tuscolano@regione.lazio.example.org",
    ),
    (
        "F205",
        "social_services",
        "Servizi sociali - Comune di Milano, Municipio 2",
        "Viale Zara 100, 20159 Milano",
        "lunedì-venerdì 9:00-12:00",
        "02 0000 1001",
        "adi.municipio2@comune.milano.example.org",
    ),
    (
        "L219",
        "social_services",
        "Servizi sociali - Comune di Torino, Circoscrizione 8",
        "Corso Corsica 55, 10135 Torino",
        "lunedì, mercoledì, venerdì 9:00-13:00",
        "011 0000 1001",
        "adi.circ8@comune.torino.example.org",
    ),
    (
        "L219",
        "cpi",
        "Centro per l'impiego di Torino",
        "Via Bologna 153, 10154 Torino",
        "lunedì-venerdì 9:00-12:00",
        "011 0000 2002",
        "cpi.torino@regione.piemonte.example.org",
    ),
    (
        "F839",
        "social_services",
        "Servizi sociali - Comune di Napoli, Municipalità 4",
        "Via Gianturco 99, 80146 Napoli",
        "lunedì-venerdì 9:00-12:00; giovedì anche 15:00-17:00",
        "081 0000 1001",
        "adi.municipalita4@comune.napoli.example.org",
    ),
];

async fn seed_offices(db: &DatabaseConnection) -> anyhow::Result<()> {
    for (municipality, kind, name, address, hours, phone, email) in OFFICES {
        store::citizen::save_office(
            db,
            store::citizen::Office {
                id: 0,
                municipality_code: (*municipality).to_string(),
                kind: (*kind).to_string(),
                name: (*name).to_string(),
                address: (*address).to_string(),
                opening_hours: (*hours).to_string(),
                phone: (*phone).to_string(),
                email: (*email).to_string(),
            },
        )
        .await?;
    }
    Ok(())
}

fn demo_cf(p: &Person, municipality: &str) -> anyhow::Result<CodiceFiscale> {
    if let Some(cf) = p.cf {
        return Ok(CodiceFiscale::parse(cf)?);
    }
    let born = date(p.born)?;
    Ok(contract::demo::fictitious_codice_fiscale(
        p.family,
        p.given,
        (born.year(), born.month(), born.day()),
        p.female,
        municipality,
    )?)
}

fn date(s: &str) -> anyhow::Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

/// 10:00 in Rome, `days` before (or after, when negative) `now`'s date.
fn days_ago(now: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    let today = domain::calendar::rome_date(now);
    rome_midnight(today - Duration::days(days)) + Duration::hours(10)
}

async fn build(db: &DatabaseConnection, s: &Scenario, now: DateTime<Utc>) -> anyhow::Result<()> {
    let start_days = match s.stage {
        Stage::UnderAssessment | Stage::Accepted => 20,
        Stage::PadSigned(d)
        | Stage::OverdueWithConvocation(d)
        | Stage::Suspended(d)
        | Stage::Decaduta(d)
        | Stage::PaisAndPsp(d)
        | Stage::AttivabiliAssessed(d) => d,
    };
    let at = |days: i64| Ctx::new(days_ago(now, days), ACTOR);
    let submitted = at(start_days + 15);
    let mut members = Vec::new();
    for p in &s.members {
        members.push(NewMember {
            codice_fiscale: demo_cf(p, s.municipality)?,
            given_name: p.given.to_string(),
            family_name: p.family.to_string(),
            birth_date: date(p.born)?,
            relation: p.relation,
            // The social services' assessment marks attivabili later, at the first meeting.
            flags: MemberFlags { attivabile: false, ..p.flags },
        });
    }
    let new = NewApplication {
        programme: s.programme,
        inps_protocol: s.protocol.to_string(),
        submitted_on: submitted.today(),
        municipality_code: s.municipality.to_string(),
        address: s.address.to_string(),
        members,
    };
    let ids = welfare::submit_application(db, &submitted, &new).await?;
    let app_id = ids.application_id;
    let household = ids.household_id;
    welfare::start_assessment(db, &at(start_days + 12), app_id).await?;
    if s.stage == Stage::UnderAssessment {
        return Ok(());
    }
    let amount = match s.programme {
        Programme::Adi => Some(52_000),
        Programme::Sfl => Some(50_000),
    };
    welfare::record_assessment_outcome(
        db,
        &at(start_days + 2),
        app_id,
        true,
        "Requisiti verificati dall'INPS",
        amount,
    )
    .await?;
    if s.stage == Stage::Accepted {
        return Ok(());
    }

    // A persona who signed on SIISL registered there first, as anyone signing does.
    if s.members[0].cf == Some(GIOVANNA) {
        register_persona(db, &s.members[0], s.municipality, &at(start_days)).await?;
    }

    // The applicant certifies contacts and signs the PAD nucleo (R17, R18).
    let member_ids: Vec<i64> =
        welfare::household_members(db, household).await?.iter().map(|m| m.id).collect();
    let applicant = member_ids[0];
    let sign = at(start_days);
    let phone = format!("+39 333 {:07}", 1_000_000 + app_id);
    welfare::certify_contact(db, &sign, applicant, ContactKind::Mobile, &phone, true).await?;
    let email = format!("{}.{}@example.org", s.members[0].given, s.members[0].family);
    welfare::certify_contact(db, &sign, applicant, ContactKind::Email, &email, true).await?;
    let terms = PadNucleoTerms {
        convocation_address: s.address.to_string(),
        consents: Consent::ALL.to_vec(),
        platform_only_acknowledged: false,
    };
    welfare::sign_pad_nucleo(db, &sign, app_id, applicant, &terms).await?;

    let social_services = match s.municipality {
        "H501" => "Servizi sociali - Comune di Roma",
        "L219" => "Servizi sociali - Comune di Torino",
        "F839" => "Servizi sociali - Comune di Napoli",
        _ => "Servizi sociali del Comune",
    };
    let place = format!("{social_services}, sportello ADI");
    match s.stage {
        Stage::PadSigned(_) => {}
        Stage::OverdueWithConvocation(d) | Stage::Decaduta(d) => {
            let issued = at(d - 90);
            let convocation = welfare::issue_convocation(
                db,
                &issued,
                &NewConvocation {
                    household_id: household,
                    member_id: None,
                    issuer: Venue::SocialServices,
                    issuer_name: social_services.to_string(),
                    purpose: "first_meeting".to_string(),
                    appointment_at: days_ago(now, d - 110),
                    place: place.clone(),
                },
            )
            .await?;
            welfare::record_receipt(
                db,
                &issued,
                convocation.id,
                welfare::Channel::Sms,
                welfare::ReceiptKind::Delivered,
            )
            .await?;
            if matches!(s.stage, Stage::Decaduta(_)) {
                let after = at(d - 111);
                welfare::record_meeting(
                    db,
                    &after,
                    &NewMeeting {
                        household_id: household,
                        member_id: None,
                        venue: Venue::SocialServices,
                        held_on: after.today(),
                        outcome: Outcome::Absent,
                        convocation_id: Some(convocation.id),
                        evidence_ref: None,
                    },
                )
                .await?;
                welfare::declare_decadenza(
                    db,
                    &at(d - 115),
                    app_id,
                    "Mancata presentazione alla convocazione senza giustificato motivo",
                    RuleId::R20,
                )
                .await?;
            }
        }
        Stage::Suspended(d) => {
            let missed = at(d - 125);
            let due = domain::calendar::add_days(sign.today(), 120);
            welfare::suspend(
                db,
                &missed,
                app_id,
                "Nessun incontro con i servizi sociali entro 120 giorni dalla firma del PAD",
                RuleId::R20,
                domain::payments::suspension_starts(due),
            )
            .await?;
        }
        Stage::PaisAndPsp(d) | Stage::AttivabiliAssessed(d) => {
            let met = at(d - 40);
            welfare::record_meeting(
                db,
                &met,
                &NewMeeting {
                    household_id: household,
                    member_id: None,
                    venue: Venue::SocialServices,
                    held_on: met.today(),
                    outcome: Outcome::Spontaneous,
                    convocation_id: None,
                    evidence_ref: None,
                },
            )
            .await?;
            for (p, id) in s.members.iter().zip(&member_ids) {
                if p.flags.attivabile {
                    welfare::assess_member(db, &met, *id, p.flags).await?;
                }
            }
            if matches!(s.stage, Stage::AttivabiliAssessed(_)) {
                // The job centre summons the first attivabile to sign the PSP, next week.
                let attivabile = s
                    .members
                    .iter()
                    .zip(&member_ids)
                    .find(|(p, _)| p.flags.attivabile)
                    .map(|(_, id)| *id);
                let summoned = at(2);
                welfare::issue_convocation(
                    db,
                    &summoned,
                    &NewConvocation {
                        household_id: household,
                        member_id: attivabile,
                        issuer: Venue::Cpi,
                        issuer_name: "Centro per l'impiego di Torino".to_string(),
                        purpose: "psp".to_string(),
                        appointment_at: days_ago(now, -7),
                        place: "Via Bologna 153, 10154 Torino, sportello 4".to_string(),
                    },
                )
                .await?;
            }
            if let Stage::PaisAndPsp(d) = s.stage {
                let attivabile = s
                    .members
                    .iter()
                    .zip(&member_ids)
                    .find(|(p, _)| p.flags.attivabile)
                    .map(|(_, id)| *id);
                let individual = at(d - 45);
                if let Some(id) = attivabile {
                    welfare::sign_pad_individuale(
                        db,
                        &individual,
                        id,
                        &PadIndividualeTerms {
                            did: true,
                            chosen_agencies: Vec::new(),
                            consent_transmission: true,
                        },
                    )
                    .await?;
                }
                let pais = at(d - 100);
                welfare::sign_plan(
                    db,
                    &pais,
                    &NewPlan {
                        kind: PlanKind::Pais,
                        household_id: household,
                        member_id: None,
                        signed_on: pais.today(),
                        summary:
                            "Sostegno alla genitorialità e orientamento ai servizi del territorio"
                                .to_string(),
                        operator_name: social_services.to_string(),
                        activities: vec![NewActivity {
                            title: "Colloqui mensili con l'assistente sociale".to_string(),
                            provider: social_services.to_string(),
                            starts_on: pais.today(),
                            ends_on: None,
                            hours_per_week: None,
                        }],
                    },
                )
                .await?;
                if let Some(id) = attivabile {
                    let psp = at(d - 110);
                    welfare::sign_plan(
                        db,
                        &psp,
                        &NewPlan {
                            kind: PlanKind::Psp,
                            household_id: household,
                            member_id: Some(id),
                            signed_on: psp.today(),
                            summary: "Riqualificazione come magazziniere con patentino del muletto"
                                .to_string(),
                            operator_name: "Centro per l'impiego di Torino".to_string(),
                            activities: vec![NewActivity {
                                title: "Corso di logistica e sicurezza (80 ore)".to_string(),
                                provider: "Ente di formazione accreditato".to_string(),
                                starts_on: psp.today() + Duration::days(7),
                                ends_on: Some(psp.today() + Duration::days(60)),
                                hours_per_week: Some(20),
                            }],
                        },
                    )
                    .await?;
                }
                // Payments made so far (R8): from the month after the pact, up to today.
                let book = domain::RuleBook::standard();
                let first = domain::payments::first_paid_month(sign.today());
                let mut month = first;
                let today = domain::calendar::rome_date(now);
                loop {
                    let paid_on =
                        domain::payments::payment_on(month, first, &book.at(month).values);
                    if paid_on > today {
                        break;
                    }
                    let ctx = Ctx::new(rome_midnight(paid_on) + Duration::hours(9), ACTOR);
                    welfare::record_payment(db, &ctx, app_id, month, false, 52_000, paid_on)
                        .await?;
                    month = domain::calendar::next_month(month);
                }
            }
        }
        Stage::UnderAssessment | Stage::Accepted => {}
    }
    // The stored next due dates are as of today, not as of the last step.
    welfare::refresh_due_dates(db, &Ctx::new(now, ACTOR), household).await?;
    Ok(())
}
