//! The demo personas offered by the built-in demo identity provider (embedded profile only).
//! Their codici fiscali are valid (check character included) but belong to nobody.

pub struct Persona {
    pub key: &'static str,
    pub given_name: &'static str,
    pub family_name: &'static str,
    pub codice_fiscale: &'static str,
    pub birthdate: &'static str,
    pub email: &'static str,
    /// Who this persona is in the demo, in Italian and English.
    pub situation: [&'static str; 2],
}

pub const PERSONAS: &[Persona] = &[
    Persona {
        key: "maria",
        given_name: "Maria",
        family_name: "Rossi",
        codice_fiscale: "RSSMRA80A41H501Y",
        birthdate: "1980-01-01",
        email: "maria.rossi@example.org",
        situation: [
            "Cittadina, Roma: richiedente ADI per un nucleo con due figli minorenni",
            "Citizen, Rome: ADI applicant for a household with two children",
        ],
    },
    Persona {
        key: "giuseppe",
        given_name: "Giuseppe",
        family_name: "Esposito",
        codice_fiscale: "SPSGPP95C12F839S",
        birthdate: "1995-03-12",
        email: "giuseppe.esposito@example.org",
        situation: [
            "Cittadino, Napoli: richiedente SFL, 31 anni, in cerca di lavoro",
            "Citizen, Naples: SFL applicant, 31, looking for work",
        ],
    },
    Persona {
        key: "aisha",
        given_name: "Aisha",
        family_name: "Benali",
        codice_fiscale: "BNLSHA90L62Z330U",
        birthdate: "1990-07-22",
        email: "aisha.benali@example.org",
        situation: [
            "Cittadina, Torino: componente attivabile al lavoro di un nucleo ADI",
            "Citizen, Turin: member of an ADI household who can take up work",
        ],
    },
    Persona {
        key: "luca",
        given_name: "Luca",
        family_name: "Bianchi",
        codice_fiscale: "BNCLCU75S05F205U",
        birthdate: "1975-11-05",
        email: "luca.bianchi@example.org",
        situation: [
            "Cittadino, Milano: domanda ADI in istruttoria presso l'INPS",
            "Citizen, Milan: ADI application being assessed by INPS",
        ],
    },
    Persona {
        key: "sara",
        given_name: "Sara",
        family_name: "Colombo",
        codice_fiscale: "CLMSRA92L54F205U",
        birthdate: "1992-07-14",
        email: "sara.colombo@example.org",
        situation: [
            "Cittadina, Milano: magazziniera in cerca di lavoro, con il CV compilato (vedi «Suggeriti per te»)",
            "Citizen, Milan: warehouse worker looking for a job, CV filled in (see \"Suggested for you\")",
        ],
    },
    Persona {
        key: "elena",
        given_name: "Elena",
        family_name: "Marchetti",
        codice_fiscale: "MRCLNE86R58H501W",
        birthdate: "1986-10-18",
        email: "elena.marchetti@example.org",
        situation: [
            "Cittadina, Roma: richiedente ADI, domanda accolta, deve firmare il PAD",
            "Citizen, Rome: ADI applicant, application accepted, has to sign the PAD",
        ],
    },
    Persona {
        key: "giovanna",
        given_name: "Giovanna",
        family_name: "Marino",
        codice_fiscale: "MARGIO84H58H501T",
        birthdate: "1984-06-18",
        email: "giovanna.marino@example.org",
        situation: [
            "Cittadina, Roma: ha firmato il PAD 10 giorni fa; ha 120 giorni per il primo incontro con i servizi sociali",
            "Citizen, Rome: signed the PAD 10 days ago; has 120 days for the first meeting with social services",
        ],
    },
    Persona {
        key: "davide",
        given_name: "Davide",
        family_name: "Marchetti",
        codice_fiscale: "MRCDVD84D12H501I",
        birthdate: "1984-04-12",
        email: "davide.marchetti@example.org",
        situation: [
            "Cittadino, Roma: componente del nucleo di Elena Marchetti (non richiedente)",
            "Citizen, Rome: member of Elena Marchetti's household (not the applicant)",
        ],
    },
    Persona {
        key: "francesca",
        given_name: "Francesca",
        family_name: "Conti",
        codice_fiscale: "CNTFNC82M50H501U",
        birthdate: "1982-08-10",
        email: "francesca.conti@comune.example.org",
        situation: [
            "Case manager dei servizi sociali del Comune di Roma",
            "Social-services case manager, Municipality of Rome",
        ],
    },
    Persona {
        key: "marco",
        given_name: "Marco",
        family_name: "Ferrari",
        codice_fiscale: "FRRMRC78E15L219Q",
        birthdate: "1978-05-15",
        email: "marco.ferrari@cpi.example.org",
        situation: [
            "Operatore del Centro per l'impiego di Torino",
            "Operator at the Turin job centre (CPI)",
        ],
    },
    Persona {
        key: "anna",
        given_name: "Anna",
        family_name: "Gallo",
        codice_fiscale: "GLLNNA70B48D612X",
        birthdate: "1970-02-08",
        email: "anna.gallo@example.org",
        situation: ["Amministratrice della piattaforma", "Platform administrator"],
    },
    Persona {
        key: "roberto",
        given_name: "Roberto",
        family_name: "Ferrari",
        codice_fiscale: "FRRRRT71D03F205H",
        birthdate: "1971-04-03",
        email: "roberto.ferrari@example.org",
        situation: [
            "Datore di lavoro, Milano: amministratore di Logistica Lombarda S.r.l., pubblica offerte di lavoro",
            "Employer, Milan: administrator of Logistica Lombarda S.r.l., publishes job offers",
        ],
    },
    Persona {
        key: "chiara",
        given_name: "Chiara",
        family_name: "Gallo",
        codice_fiscale: "GLLCHR83P55A944N",
        birthdate: "1983-09-15",
        email: "chiara.gallo@example.org",
        situation: [
            "Ente di formazione, Bologna: pubblica i corsi di Formazione Futuro",
            "Training body, Bologna: publishes Formazione Futuro's courses",
        ],
    },
    Persona {
        key: "paola",
        given_name: "Paola",
        family_name: "Ricci",
        codice_fiscale: "RCCPLA79B60H501J",
        birthdate: "1979-02-20",
        email: "paola.ricci@example.org",
        situation: [
            "Comune di Roma, ufficio PUC: pubblica i progetti utili alla collettività",
            "Comune di Roma, PUC office: publishes community projects (PUC)",
        ],
    },
    Persona {
        key: "stefano",
        given_name: "Stefano",
        family_name: "Moretti",
        codice_fiscale: "MRTSFN88T01F839A",
        birthdate: "1988-12-01",
        email: "stefano.moretti@example.org",
        situation: [
            "Agenzia per il lavoro, Napoli: pubblica per Lavoro Subito S.p.A.",
            "Employment agency, Naples: publishes for Lavoro Subito S.p.A.",
        ],
    },
];

pub fn persona(key: &str) -> Option<&'static Persona> {
    PERSONAS.iter().find(|p| p.key == key)
}

/// A valid but fictitious codice fiscale for demo and test people: the first three letters of
/// the family and given names (not the official consonant rule), the birth date (day + 40 for
/// women), the municipality's cadastral code and the computed check character.
pub fn fictitious_codice_fiscale(
    family_name: &str,
    given_name: &str,
    (year, month, day): (i32, u32, u32),
    female: bool,
    cadastral_code: &str,
) -> Result<crate::identity::CodiceFiscale, crate::identity::CodiceFiscaleError> {
    let letters = |s: &str| {
        let mut l: String = s
            .chars()
            .filter(char::is_ascii_alphabetic)
            .take(3)
            .collect::<String>()
            .to_ascii_uppercase();
        while l.len() < 3 {
            l.push('X');
        }
        l
    };
    let month_letter =
        b"ABCDEHLMPRST".get(month.wrapping_sub(1) as usize).copied().unwrap_or(b'?') as char;
    let day = day + if female { 40 } else { 0 };
    let first15 = format!(
        "{}{}{:02}{month_letter}{day:02}{cadastral_code}",
        letters(family_name),
        letters(given_name),
        year.rem_euclid(100)
    );
    let check = crate::identity::check_character(first15.as_bytes()) as char;
    crate::identity::CodiceFiscale::parse(&format!("{first15}{check}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::CodiceFiscale;

    #[test]
    fn every_persona_has_a_valid_and_distinct_codice_fiscale() {
        let mut seen = std::collections::HashSet::new();
        for p in PERSONAS {
            assert!(CodiceFiscale::parse(p.codice_fiscale).is_ok(), "{}", p.key);
            assert!(seen.insert(p.codice_fiscale), "{}", p.key);
        }
    }
}
