//! Messages of the case managers' pages (dashboard, household file, read-only view), of the
//! citizen's access log and of the administrators' assignments.

use domain::caseload::{Reason, Window};

use super::Lang;
use super::T;

pub const DASH_TITLE: T = ["Nuclei assegnati", "Assigned households"];
pub const DASH_NAV: T = ["Cruscotto", "Dashboard"];
pub const CERTIFIED_ON: T = ["certificato il", "certified on"];
pub const REQUESTS: T = ["Richieste sulle convocazioni", "Requests about convocations"];
pub const SENT_ON: T = ["inviata il", "sent on"];
pub const REQUESTS_HELP: T = [
    "La richiesta è arrivata anche alla piattaforma che ha emesso la convocazione. L'esito (spostamento, giustificato motivo) lo registra l'operatore.",
    "The request also reached the platform that issued the convocation. The outcome (a new date, a justified reason) is the operator's to record.",
];

pub fn request_kind_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "reschedule" => ["Chiede di spostare l'appuntamento", "Asks to move the appointment"],
        _ => ["Giustificativo", "Justification"],
    })
}

/// A PAD consent, by its code in the signed pact.
pub fn consent_label(code: &str, lang: super::Lang) -> &'static str {
    lang.pick(match code {
        "convocations_at_certified_contacts" => [
            "Convocazioni ai contatti certificati e su SIISL",
            "Convocations at the certified contacts and on SIISL",
        ],
        "transmit_attivabili_data" => [
            "Invio dei dati degli attivabili a centri per l'impiego, agenzie ed enti accreditati",
            "Sending the data of members able to work to job centres, agencies and accredited bodies",
        ],
        _ => ["Altro consenso", "Other consent"],
    })
}
pub const DASH_INTRO: T = [
    "I nuclei e i componenti che ti sono stati assegnati, con la prossima scadenza di ciascuno. Aprire una scheda richiede un motivo, che il cittadino potrà leggere.",
    "The households and members assigned to you, each with its next deadline. Opening a file asks for a reason, which the citizen can read.",
];
pub const CASELOAD: T = ["Assegnati in tutto", "Assigned in all"];
pub const BY_WINDOW: T = ["Per scadenza", "By deadline"];
pub const BY_STATUS: T = ["Per stato della domanda", "By application status"];
pub const CHART_TITLE: T =
    ["Nuclei per scadenza e per stato", "Households by deadline and by status"];
pub const CHART_TEXT: T = ["Gli stessi numeri in tabella", "The same figures as a table"];
pub const FILTERS: T = ["Filtra e ordina", "Filter and sort"];
pub const SEARCH: T = ["Codice fiscale o protocollo", "Codice fiscale or protocol"];
pub const SEARCH_HINT: T =
    ["Anche solo l'inizio, ad esempio INPS-ADI-2026", "The start is enough, e.g. INPS-ADI-2026"];
pub const STATUS: T = ["Stato", "Status"];
pub const WINDOW: T = ["Scadenza", "Deadline"];
pub const ORDER: T = ["Ordina per", "Sort by"];
pub const ANY: T = ["Tutti", "All"];
pub const APPLY: T = ["Applica", "Apply"];
pub const RESET: T = ["Azzera i filtri", "Clear filters"];
pub const RESULTS: T = ["Risultati", "Results"];
pub const NONE_ASSIGNED: T = [
    "Non hai nuclei assegnati. Te li assegna l'amministratore del tuo ente.",
    "No households are assigned to you. Your organisation's administrator assigns them.",
];
pub const NONE_MATCH: T =
    ["Nessun nucleo corrisponde ai filtri.", "No household matches the filters."];
pub const COL_PROTOCOL: T = ["Protocollo", "Protocol"];
pub const COL_PERSON: T = ["Richiedente", "Applicant"];
pub const COL_CF: T = ["Codice fiscale", "Codice fiscale"];
pub const COL_MUNICIPALITY: T = ["Comune", "Municipality"];
pub const COL_PAD: T = ["Firma PAD", "PAD signed"];
pub const COL_DUE: T = ["Prossima scadenza", "Next deadline"];
pub const COL_DAYS: T = ["Giorni rimasti", "Days left"];
pub const COL_CONVOCATION: T = ["Prossima convocazione", "Next convocation"];
pub const OVERDUE: T = ["scaduta", "overdue"];
pub const PAGE: T = ["Pagina", "Page"];
pub const OF: T = ["di", "of"];
pub const PREVIOUS: T = ["Precedente", "Previous"];
pub const NEXT: T = ["Successiva", "Next"];
pub const PAGINATION: T = ["Pagine dei risultati", "Result pages"];

pub const FILE_TITLE: T = ["Scheda del nucleo", "Household file"];
pub const NOT_FOUND: T = [
    "Nucleo non trovato tra quelli assegnati a te.",
    "No such household among those assigned to you.",
];
pub const BACK: T = ["Torna ai nuclei assegnati", "Back to assigned households"];
pub const REASON_TITLE: T = ["Perché apri questa scheda?", "Why are you opening this file?"];
pub const REASON_INTRO: T = [
    "Il motivo resta nel registro degli accessi e il cittadino lo legge nella sua area, con il tuo ruolo e il tuo ente (non il tuo nome).",
    "The reason is kept in the access log and the citizen reads it in their area, with your role and organisation (not your name).",
];
pub const REASON: T = ["Motivo", "Reason"];
pub const REASON_TEXT: T =
    ["Dettagli (obbligatori per «Altro»)", "Details (required for \"Other\")"];
pub const CHOOSE: T = ["Scegli…", "Choose…"];
pub const OPEN_FILE: T = ["Apri la scheda", "Open the file"];
pub const APPLICATION: T = ["Domanda", "Application"];
pub const PROGRAMME: T = ["Misura", "Programme"];
pub const SUBMITTED: T = ["Presentata il", "Submitted on"];
pub const AMOUNT: T = ["Importo mensile", "Monthly amount"];
pub const HISTORY: T = ["Storia della domanda", "Application history"];
pub const COL_DATE: T = ["Data", "Date"];
pub const COL_CHANGE: T = ["Passaggio", "Change"];
pub const COL_WHY: T = ["Motivo", "Reason"];
pub const PAD: T =
    ["Patto di attivazione digitale (PAD) del nucleo", "Household digital activation pact (PAD)"];
pub const PAD_NOT_SIGNED: T = ["Non ancora firmato.", "Not signed yet."];
pub const PAD_SIGNED_ON: T = ["Firmato il", "Signed on"];
pub const PAD_HASH: T = ["Impronta SHA-256", "SHA-256 fingerprint"];
pub const HOUSEHOLD: T = ["Nucleo familiare", "Household"];
pub const ADDRESS: T = ["Indirizzo", "Address"];
pub const MEMBERS: T = ["Componenti", "Members"];
pub const COL_NAME: T = ["Nome", "Name"];
pub const COL_BIRTH: T = ["Nascita", "Born"];
pub const COL_RELATION: T = ["Relazione", "Relation"];
pub const COL_NOTES: T = ["Note", "Notes"];
pub const ATTIVABILE: T = ["attivabile", "attivabile"];
pub const DISABLED: T = ["con disabilità", "disabled"];
pub const CONTACTS: T = ["Contatti certificati", "Certified contacts"];
pub const NO_CONTACTS: T = ["Nessun contatto certificato.", "No certified contact."];
pub const VIEW_AS: T = ["Vedi come il cittadino", "See as the citizen"];
pub const VIEW_AS_INTRO: T = [
    "Apre in sola lettura le pagine del componente scelto, come le vede lui: nessuna modifica è possibile e nulla risulta letto.",
    "Opens the chosen member's pages read-only, as they see them: nothing can be changed and nothing is marked as read.",
];
pub const MEMBER: T = ["Componente", "Member"];
pub const VIEW_START: T = ["Apri la visualizzazione", "Open the view"];

pub const BANNER: T =
    ["Visualizzazione in sola lettura delle pagine di", "Read-only view of the pages of"];
pub const BANNER_NOTE: T = [
    "Nessuna modifica è possibile e nulla viene segnato come letto.",
    "Nothing can be changed and nothing is marked as read.",
];
pub const BANNER_LEAVE: T = ["Esci e torna al cruscotto", "Leave and go back to the dashboard"];

pub const LOG_TITLE: T = ["Chi ha visto i tuoi dati", "Who looked at your data"];
pub const LOG_NAV: T = ["Accessi ai dati", "Data access"];
pub const LOG_INTRO: T = [
    "Ogni volta che un operatore dei servizi sociali o del centro per l'impiego apre i dati del tuo nucleo, lo trovi qui: quando, con quale ruolo, per quale ente e perché.",
    "Every time a social-services or job-centre operator opens your household's data, you find it here: when, in which role, for which organisation and why.",
];
pub const LOG_EMPTY: T =
    ["Nessun operatore ha ancora visto i tuoi dati.", "No operator has looked at your data yet."];
pub const COL_WHEN: T = ["Quando", "When"];
pub const COL_WHO: T = ["Chi", "Who"];
pub const COL_WHAT: T = ["Cosa", "What"];
pub const PURPOSE_DETAIL: T = ["Scheda del nucleo", "Household file"];
pub const PURPOSE_VIEW: T = ["Visualizzazione delle pagine di", "View of the pages of"];

pub const ASSIGN_TITLE: T = ["Assegnazioni", "Assignments"];
pub const ASSIGN_INTRO: T = [
    "Ai case manager dei servizi sociali si assegnano nuclei; agli operatori dei centri per l'impiego i componenti attivabili.",
    "Social-services case managers are assigned households; job-centre operators are assigned attivabili members.",
];
pub const ASSIGN_OPERATOR: T = ["Codice fiscale dell'operatore", "Operator's codice fiscale"];
pub const ASSIGN_PROTOCOL: T =
    ["Protocollo INPS della domanda", "INPS protocol of the application"];
pub const ASSIGN_MEMBER: T = [
    "Codice fiscale del componente (solo per i centri per l'impiego)",
    "Member's codice fiscale (job centres only)",
];
pub const ASSIGN_SUBMIT: T = ["Assegna", "Assign"];
pub const ASSIGN_REMOVE: T = ["Revoca", "Revoke"];
pub const ASSIGN_SAVED: T = ["Assegnazioni aggiornate.", "Assignments updated."];
pub const ASSIGN_EMPTY: T = ["Nessuna assegnazione.", "No assignments."];
pub const COL_OPERATOR: T = ["Operatore", "Operator"];
pub const COL_ORGANISATION: T = ["Ente", "Organisation"];
pub const COL_SINCE: T = ["Dal", "Since"];
pub const WHOLE_HOUSEHOLD: T = ["Intero nucleo", "Whole household"];

pub fn window_label(window: Window, lang: Lang) -> &'static str {
    lang.pick(match window {
        Window::Overdue => ["Scadute", "Overdue"],
        Window::Week => ["Entro 7 giorni", "Within 7 days"],
        Window::Month => ["Tra 8 e 30 giorni", "In 8 to 30 days"],
        Window::Later => ["Oltre 30 giorni", "After 30 days"],
        Window::None => ["Nessuna scadenza", "No deadline"],
    })
}

pub fn sort_label(sort: crate::caseload::DashSort, lang: Lang) -> &'static str {
    use crate::caseload::DashSort;
    lang.pick(match sort {
        DashSort::DueAsc => {
            ["Giorni rimasti (prima i più urgenti)", "Days left (most urgent first)"]
        }
        DashSort::DueDesc => ["Giorni rimasti (prima i più lontani)", "Days left (furthest first)"],
        DashSort::Protocol => ["Protocollo", "Protocol"],
        DashSort::Name => ["Cognome", "Family name"],
    })
}

/// The next deadline's name, with its statutory clock.
pub fn due_label(kind: &str, lang: Lang) -> String {
    let name = lang.pick(match kind {
        "first_meeting" => {
            ["primo incontro ai servizi sociali", "first meeting at social services"]
        }
        "attend_convocation" => ["presentarsi alla convocazione", "attend the convocation"],
        "pad_individuale" => ["firma del PAD individuale", "sign the individual PAD"],
        "psp" => ["firma del PSP al centro per l'impiego", "sign the PSP at the job centre"],
        "follow_up" => ["ripresentazione periodica", "regular check-in"],
        "sfl_confirmation" => ["conferma della partecipazione SFL", "confirm SFL participation"],
        _ => ["altro adempimento", "other obligation"],
    });
    match crate::caseload::clock_of(Some(kind)) {
        Some(days) => format!("{days} gg · {name}"),
        None => name.to_string(),
    }
}

pub fn reason_label(reason: Reason, lang: Lang) -> &'static str {
    lang.pick(match reason {
        Reason::Meeting => {
            ["Preparare un incontro o una convocazione", "Preparing a meeting or a convocation"]
        }
        Reason::Deadline => {
            ["Verificare una scadenza o un adempimento", "Checking a deadline or an obligation"]
        }
        Reason::Plan => {
            ["Redigere o aggiornare il PaIS o il PSP", "Writing or updating the PaIS or PSP"]
        }
        Reason::CitizenRequest => {
            ["Richiesta di assistenza del cittadino", "The citizen asked for help"]
        }
        Reason::Other => ["Altro", "Other"],
    })
}

pub fn reason_code_label(code: &str, lang: Lang) -> &'static str {
    Reason::parse(code).map(|r| reason_label(r, lang)).unwrap_or("")
}

pub fn reason_error(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "text_required" => ["Per «Altro» scrivi il motivo.", "For \"Other\", write the reason."],
        "too_long" => ["Al massimo 500 caratteri.", "At most 500 characters."],
        "member" => ["Scegli un componente del nucleo.", "Choose a member of the household."],
        _ => ["Scegli un motivo dall'elenco.", "Choose a reason from the list."],
    })
}

pub fn role_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "case_manager" => ["Case manager dei servizi sociali", "Social-services case manager"],
        "cpi_operator" => ["Operatore del centro per l'impiego", "Job-centre operator"],
        "administrator" => ["Amministratore della piattaforma", "Platform administrator"],
        _ => ["Operatore", "Operator"],
    })
}

pub const AREA_TITLE: T =
    ["Assegna un intero comune o un'area", "Assign a whole municipality or area"];
pub const AREA_INTRO: T = [
    "Assegna in un colpo solo a un case manager tutti i nuclei di un comune, o a un operatore del centro per l'impiego tutti i componenti attivabili dei nuclei di una provincia. Quelli già assegnati a quell'operatore restano come sono.",
    "Assign at once to a case manager every household of a municipality, or to a job-centre operator every attivabile member of the households of a province. Those already assigned to that operator stay as they are.",
];
pub const AREA_OPERATOR_HINT: T = ["16 caratteri.", "16 characters."];
pub const AREA_MUNICIPALITY: T = ["Comune (codice catastale)", "Municipality (cadastral code)"];
pub const AREA_MUNICIPALITY_HINT: T = [
    "Per un case manager: per esempio H501 per Roma.",
    "For a case manager: for example H501 for Rome.",
];
pub const AREA_PROVINCE: T = ["Provincia (sigla)", "Province (code)"];
pub const AREA_PROVINCE_HINT: T = [
    "Per un operatore del centro per l'impiego: per esempio TO per Torino.",
    "For a job-centre operator: for example TO for Turin.",
];
pub const AREA_SUBMIT: T = ["Assegna tutto", "Assign all"];

/// "Assegnati 12 nuclei o componenti; 3 lo erano già."
pub fn area_saved_text(assigned: usize, already: usize, lang: Lang) -> String {
    match lang {
        Lang::It => format!("Assegnati: {assigned}. Già assegnati a questo operatore: {already}."),
        Lang::En => format!("Assigned: {assigned}. Already assigned to this operator: {already}."),
    }
}

pub fn assign_error(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "area" => [
            "Indica un comune oppure una provincia (non entrambi).",
            "Give a municipality or a province (not both).",
        ],
        "no_municipality" => ["Nessun comune con questo codice catastale.", "No municipality with this cadastral code."],
        "no_province" => ["Nessuna provincia con questa sigla.", "No province with this code."],
        "no_operator" => ["Nessun operatore attivo con questo codice fiscale.", "No active operator with this codice fiscale."],
        "wrong_role" => [
            "Ai case manager si assegnano nuclei (senza componente), agli operatori CPI componenti attivabili.",
            "Case managers are assigned households (no member), CPI operators attivabili members.",
        ],
        "not_found" => ["Nessuna domanda con questo protocollo.", "No application with this protocol."],
        "member" => ["Il componente non fa parte di questo nucleo.", "The member is not in this household."],
        "not_attivabile" => ["Il componente non è attivabile.", "The member is not attivabile."],
        "already" => ["Già assegnato a questo operatore.", "Already assigned to this operator."],
        _ => ["Campo obbligatorio.", "Required field."],
    })
}
