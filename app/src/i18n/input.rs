//! The refusal of a form whose text breaks the one rule for text (control characters,
//! bidirectional overrides): shown above the page the form came from.

use super::Lang;
use super::T;

pub const REFUSED_TITLE: T = ["Il modulo non è stato inviato", "The form was not sent"];

/// What the field held that no text may hold.
pub fn problem_text(problem: &str, lang: Lang) -> &'static str {
    lang.pick(match problem {
        "bidi_control" => [
            "contiene caratteri che invertono la direzione del testo",
            "contains characters that reverse the direction of the text",
        ],
        _ => [
            "contiene caratteri di controllo (invisibili) o un a capo dove non è ammesso",
            "contains (invisible) control characters, or a line break where none is allowed",
        ],
    })
}

pub const REFUSED_BACK: T = ["Torna al modulo", "Back to the form"];

pub const REFUSED_ADVICE: T = [
    "Riscrivi il testo di quel campo (senza incollarlo da altri programmi) e invia di nuovo.",
    "Type that field's text again (without pasting it from another program) and send it again.",
];

/// A person's name for a form field, where its name in the form is not one.
pub fn field_label(field: &str, lang: Lang) -> Option<&'static str> {
    let pair: T = match field {
        "email" => ["Indirizzo e-mail", "E-mail address"],
        "phone" => ["Numero di cellulare", "Mobile number"],
        "value" => ["Contatto", "Contact"],
        "code" => ["Codice", "Code"],
        "consent" | "consent_convocations" | "consent_transmit" => ["Consenso", "Consent"],
        "confirm" => ["Conferma", "Confirmation"],
        "kind" => ["Tipo di contatto", "Contact kind"],
        "application" => ["Domanda", "Application"],
        "did" => ["Dichiarazione di disponibilità (DID)", "Declaration of availability (DID)"],
        "role" => ["Ruolo", "Role"],
        "organisation_kind" => ["Tipo di ente", "Organisation kind"],
        "active" | "attivo" => ["Attivo", "Active"],
        "piattaforma" => ["Piattaforma", "Platform"],
        "operatore" => ["Operatore", "Operator"],
        "protocollo" => ["Protocollo", "Protocol"],
        "membro" => ["Componente del nucleo", "Household member"],
        "convocation_address" => ["Indirizzo per le convocazioni", "Address for convocations"],
        "testo" | "motivo" => ["Motivo", "Reason"],
        "organisation_name" => ["Nome dell'ente", "Organisation name"],
        "organisation_code" => ["Codice dell'ente", "Organisation code"],
        "codice_fiscale" => ["Codice fiscale", "Codice fiscale"],
        "nome" | "name" => ["Nome", "Name"],
        "description" => ["Descrizione", "Description"],
        "aspirations" => ["Aspirazioni", "Aspirations"],
        "given_name" => ["Nome", "Given name"],
        "family_name" => ["Cognome", "Family name"],
        "job_title" => ["Qualifica", "Job title"],
        "employer" => ["Datore di lavoro", "Employer"],
        "place" => ["Luogo", "Place"],
        "title" => ["Titolo", "Title"],
        "institution" => ["Istituto", "Institution"],
        _ => return None,
    };
    Some(lang.pick(pair))
}
