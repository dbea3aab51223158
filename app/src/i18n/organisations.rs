//! Texts of the organisations' pages: the registry (people and administrators), the
//! organisation's ads and their form, its people.

pub use super::{Lang, T};
use contract::organisations::{OrganisationKind, OrganisationRole};

// `/organizzazioni`: where a person acts, and the request for a new organisation.
pub const MINE_TITLE: T = ["Le tue organizzazioni", "Your organisations"];
pub const MINE_NAV: T = ["Organizzazioni", "Organisations"];
pub const MINE_INTRO: T = [
    "Se lavori per un datore di lavoro, un'agenzia per il lavoro, un ente di formazione o un Comune, su SIISL pubblichi annunci e segui le candidature per conto dell'organizzazione. Un amministratore di SIISL approva l'organizzazione e ne nomina il primo amministratore, che poi invita le altre persone con il codice fiscale.",
    "If you work for an employer, an employment agency, a training body or a Comune, on SIISL you publish ads and follow candidacies on the organisation's behalf. A SIISL administrator approves the organisation and names its first administrator, who then invites other people by codice fiscale.",
];
pub const MINE_NONE: T =
    ["Non operi ancora per nessuna organizzazione.", "You do not act for any organisation yet."];
pub const ACT_FOR: T = ["Opera per", "Act for"];
pub const ACTING_NOW: T = ["Stai operando per", "You are acting for"];
pub const ACT_AS_SELF: T = ["Torna al tuo profilo personale", "Back to your own profile"];
pub const REQUEST_TITLE: T = ["Registra un'organizzazione", "Register an organisation"];
pub const REQUEST_HELP: T = [
    "La richiesta è esaminata da un amministratore di SIISL; se è approvata, sarai tu l'amministratore dell'organizzazione.",
    "The request is examined by a SIISL administrator; once approved, you will be the organisation's administrator.",
];
pub const F_KIND: T = ["Tipo di organizzazione", "Kind of organisation"];
pub const F_CODE: T = ["Partita IVA o codice fiscale", "Partita IVA or codice fiscale"];
pub const F_CODE_HINT: T =
    ["Per un Comune: il codice ISTAT di 6 cifre.", "For a Comune: its 6-digit ISTAT code."];
pub const F_NAME: T = ["Denominazione", "Name"];
pub const F_NAME_HINT: T = [
    "Per un Comune il nome viene dal registro ISTAT.",
    "A Comune's name comes from the ISTAT register.",
];
pub const F_EMAIL: T = ["E-mail per gli avvisi", "E-mail for notices"];
pub const SEND_REQUEST: T = ["Invia la richiesta", "Send the request"];
pub const REQUEST_SENT: T = [
    "Richiesta inviata: un amministratore di SIISL la esaminerà.",
    "Request sent: a SIISL administrator will examine it.",
];

pub fn kind_name(kind: OrganisationKind, lang: Lang) -> &'static str {
    lang.pick(match kind {
        OrganisationKind::Employer => ["Datore di lavoro", "Employer"],
        OrganisationKind::Agency => ["Agenzia per il lavoro", "Employment agency"],
        OrganisationKind::TrainingBody => ["Ente di formazione", "Training body"],
        OrganisationKind::Comune => ["Comune", "Comune (municipality)"],
    })
}

pub fn role_name(role: OrganisationRole, lang: Lang) -> &'static str {
    lang.pick(match role {
        OrganisationRole::Administrator => {
            ["Amministratore dell'organizzazione", "Organisation administrator"]
        }
        OrganisationRole::Member => ["Operatore", "Member"],
    })
}

// `/amministrazione/organizzazioni`.
pub const ADMIN_TITLE: T = ["Organizzazioni", "Organisations"];
pub const ADMIN_INTRO: T = [
    "Le organizzazioni che chiedono di pubblicare su SIISL. Approvando, nomini il primo amministratore dell'organizzazione con il suo codice fiscale (di solito chi ha fatto la richiesta).",
    "Organisations asking to publish on SIISL. When you approve one you name its first administrator by codice fiscale (usually whoever asked).",
];
pub const PENDING: T = ["Richieste da esaminare", "Requests to examine"];
pub const NO_PENDING: T = ["Nessuna richiesta da esaminare.", "No requests to examine."];
pub const REGISTRY: T = ["Registro", "Registry"];
pub const REQUESTED_BY: T = ["Richiesta da", "Requested by"];
pub const REQUESTED_ON: T = ["il", "on"];
pub const FIRST_ADMIN: T =
    ["Primo amministratore (codice fiscale)", "First administrator (codice fiscale)"];
pub const APPROVE: T = ["Approva", "Approve"];
pub const REFUSE: T = ["Rifiuta", "Refuse"];
pub const DECIDED: T = ["Decisione registrata.", "Decision recorded."];
pub const STATUS: T = ["Stato", "Status"];

pub fn status_name(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "pending" => ["In attesa", "Pending"],
        "approved" => ["Approvata", "Approved"],
        "refused" => ["Rifiutata", "Refused"],
        _ => ["Sconosciuto", "Unknown"],
    })
}

// `/organizzazione`: the organisation's ads.
pub const HOME_TITLE: T = ["La mia organizzazione", "My organisation"];
pub const HOME_NAV: T = ["Annunci", "Ads"];
pub const NEW_AD: T = ["Pubblica un annuncio", "Publish an ad"];
pub const ADS: T = ["Annunci", "Ads"];
pub const NO_ADS: T = ["Nessun annuncio pubblicato.", "No ads published."];
pub const COL_TITLE: T = ["Annuncio", "Ad"];
pub const COL_STATE: T = ["Stato", "State"];
pub const COL_EXPIRES: T = ["Scade il", "Expires on"];
pub const COL_CANDIDACIES: T = ["Candidature", "Candidacies"];
pub const COL_ACTIONS: T = ["Azioni", "Actions"];
pub const EDIT: T = ["Modifica", "Edit"];
pub const VIEW: T = ["Vedi", "View"];
pub const EXPIRING: T = [
    "Scade tra 7 giorni o meno: puoi rinnovarlo una volta per altri 2 mesi.",
    "Expires within 7 days: you may renew it once for 2 more months.",
];
pub const SAVED: T = ["Modifica salvata.", "Change saved."];
pub const PUBLISHED: T = ["Annuncio pubblicato.", "Ad published."];
pub const PAGE_OF: T = ["Pagina", "Page"];
pub const PREVIOUS: T = ["Precedenti", "Previous"];
pub const NEXT: T = ["Successivi", "Next"];

pub fn state_name(code: &str, expired: bool, lang: Lang) -> &'static str {
    if expired && matches!(code, "live" | "paused") {
        return lang.pick(["Scaduto", "Expired"]);
    }
    lang.pick(match code {
        "live" => ["Pubblicato", "Published"],
        "paused" => ["In pausa", "Paused"],
        "closed" => ["Chiuso", "Closed"],
        "suspended" => ["Sospeso da SIISL", "Suspended by SIISL"],
        _ => ["Sconosciuto", "Unknown"],
    })
}

pub fn action_name(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "pause" => ["Metti in pausa", "Pause"],
        "resume" => ["Riprendi", "Resume"],
        "close" => ["Chiudi", "Close"],
        "renew" => ["Rinnova per 2 mesi", "Renew for 2 months"],
        _ => ["Azione", "Action"],
    })
}

/// Why an action on an ad was refused.
pub fn action_error(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "too_early" => [
            "Un annuncio si rinnova solo negli ultimi 7 giorni prima della scadenza.",
            "An ad is renewed only in the last 7 days before it expires.",
        ],
        "already_renewed" => [
            "L'annuncio è già stato rinnovato: pubblicane uno nuovo.",
            "The ad was renewed already: publish a new one.",
        ],
        "expired" => [
            "L'annuncio è scaduto: pubblicane uno nuovo.",
            "The ad has expired: publish a new one.",
        ],
        "conflict" => [
            "L'annuncio è stato modificato nel frattempo: controlla e riprova.",
            "The ad was changed in the meantime: check and try again.",
        ],
        _ => [
            "Non è possibile in questo stato dell'annuncio.",
            "Not possible in the ad's current state.",
        ],
    })
}

// The ad's form.
pub const FORM_NEW_TITLE: T = ["Nuovo annuncio", "New ad"];
pub const FORM_EDIT_TITLE: T = ["Modifica l'annuncio", "Edit the ad"];
pub const FORM_READ_ONLY: T = [
    "L'annuncio è chiuso o sospeso: non si può più modificare.",
    "The ad is closed or suspended: it can no longer be changed.",
];
pub const FORM_INTRO: T = [
    "Un annuncio resta pubblicato al massimo 2 mesi. I campi con * sono obbligatori per il tipo di annuncio scelto.",
    "An ad stays published for at most 2 months. Fields marked * are required for the kind of ad chosen.",
];
pub const FORM_BACK: T = ["Torna agli annunci", "Back to the ads"];
pub const F_AD_KIND: T = ["Tipo di annuncio", "Kind of ad"];
pub const F_TITLE: T = ["Titolo *", "Title *"];
pub const F_DESCRIPTION: T = ["Descrizione *", "Description *"];
pub const F_OCCUPATION: T = ["Professione (CP2011)", "Occupation (CP2011)"];
pub const F_OCCUPATION_HINT: T =
    ["Obbligatoria per lavoro e tirocinio.", "Required for jobs and internships."];
pub const F_PLACE: T = ["Comune di svolgimento", "Municipality"];
pub const F_PLACE_HINT: T = ["Vuoto solo per un corso online.", "Empty only for an online course."];
pub const F_ONLINE: T = ["Corso online", "Online course"];
pub const F_CONTRACT: T = ["Contratto (offerte di lavoro)", "Contract (jobs)"];
pub const F_NONE: T = ["—", "—"];
pub const F_DURATION: T = ["Durata in mesi", "Duration in months"];
pub const F_DURATION_HINT: T =
    ["Per tirocini, PUC e contratti a termine.", "For internships, PUC and fixed-term contracts."];
pub const F_WEEKLY_HOURS: T = ["Ore a settimana", "Hours a week"];
pub const F_WEEKLY_HOURS_HINT: T = [
    "40 è il tempo pieno; un PUC richiede almeno 8 ore.",
    "40 is full time; a PUC needs at least 8 hours.",
];
pub const F_TOTAL_HOURS: T = ["Ore totali del corso", "Total hours of the course"];
pub const F_PAY: T =
    ["Retribuzione o indennità lorda mensile (€)", "Gross monthly pay or allowance (€)"];
pub const F_EQF: T = ["Livello EQF del corso (1–8)", "Course EQF level (1–8)"];
pub const F_TOPIC: T = ["Ambito", "Field"];
pub const F_STARTS: T = ["Inizio *", "Starts *"];
pub const F_ENDS: T = ["Fine", "Ends"];
pub const F_EXPIRES: T = ["Scadenza dell'annuncio", "Ad expires on"];
pub const F_EXPIRES_HINT: T = [
    "Al massimo 2 mesi dalla pubblicazione; se la lasci vuota, 2 mesi.",
    "At most 2 months after publication; leave it empty for 2 months.",
];
pub const F_SEATS: T = ["Posti disponibili", "Places available"];
pub const F_SKILLS: T = ["Competenze richieste", "Skills asked for"];
pub const F_SKILL: T = ["Competenza", "Skill"];
pub const PUBLISH: T = ["Pubblica", "Publish"];
pub const SAVE: T = ["Salva le modifiche", "Save the changes"];

/// An ad field's error, by the code the checks return.
pub fn ad_error(code: &str, lang: Lang) -> &'static str {
    let text: T = match code {
        "required" => {
            ["Campo obbligatorio per questo tipo di annuncio.", "Required for this kind of ad."]
        }
        "puc_minimum" => {
            ["Un PUC richiede almeno 8 ore a settimana.", "A PUC needs at least 8 hours a week."]
        }
        "courses_only" => ["Solo un corso può svolgersi online.", "Only a course can be online."],
        "jobs_only" => [
            "Il contratto si indica solo per le offerte di lavoro.",
            "A contract is given only for jobs.",
        ],
        "puc_comuni_only" => ["Solo un Comune pubblica PUC.", "Only a Comune publishes PUC."],
        "expiry_too_late" => [
            "Un annuncio resta pubblicato al massimo 2 mesi.",
            "An ad stays published for at most 2 months.",
        ],
        "expiry_not_after_publication" => [
            "La scadenza deve essere dopo la pubblicazione.",
            "The expiry must come after publication.",
        ],
        "out_of_range" => ["Il valore è fuori dai limiti ammessi.", "The value is out of range."],
        "hours" => ["Indica da 1 a 40 ore a settimana.", "Enter 1 to 40 hours a week."],
        "choice" => ["Scegli uno dei valori proposti.", "Pick one of the values offered."],
        other => return super::cv::cv_error_text(other, lang),
    };
    lang.pick(text)
}

/// A registry field's error.
pub fn registry_error(code: &str, lang: Lang) -> &'static str {
    let text: T = match code {
        "check_digit" => [
            "Il codice non è valido: controlla le cifre.",
            "The code is not valid: check its digits.",
        ],
        "tax_code_format" => [
            "Scrivi una partita IVA di 11 cifre o un codice fiscale di 16 caratteri.",
            "Enter an 11-digit partita IVA or a 16-character codice fiscale.",
        ],
        "istat_unknown" => [
            "Nessun Comune ha questo codice ISTAT (6 cifre).",
            "No Comune has this ISTAT code (6 digits).",
        ],
        "email" => ["Scrivi un indirizzo e-mail valido.", "Enter a valid e-mail address."],
        "already_registered" => [
            "Questa organizzazione è già registrata su SIISL: chiedi al suo amministratore di invitarti.",
            "This organisation is already registered on SIISL: ask its administrator to invite you.",
        ],
        "codice_fiscale" => [
            "Il codice fiscale non è valido: controlla i 16 caratteri.",
            "The codice fiscale is not valid: check its 16 characters.",
        ],
        "already_there" => [
            "Questa persona opera già per l'organizzazione.",
            "This person already acts for the organisation.",
        ],
        "not_there" => [
            "Questa persona non opera per l'organizzazione.",
            "This person does not act for the organisation.",
        ],
        "last_administrator" => [
            "L'organizzazione non può restare senza amministratore: nominane prima un altro.",
            "The organisation cannot be left without an administrator: name another first.",
        ],
        "already_decided" => {
            ["La richiesta è già stata decisa.", "The request has already been decided."]
        }
        other => return super::cv::cv_error_text(other, lang),
    };
    lang.pick(text)
}

// `/organizzazione/persone`.
pub const PEOPLE_TITLE: T = ["Persone dell'organizzazione", "The organisation's people"];
pub const PEOPLE_NAV: T = ["Persone", "People"];
pub const PEOPLE_INTRO: T = [
    "Chi opera per l'organizzazione su SIISL, entrando con la propria identità digitale. Gli amministratori dell'organizzazione invitano e rimuovono le persone; chi è rimosso perde l'accesso subito.",
    "Who acts for the organisation on SIISL, signing in with their own digital identity. The organisation's administrators invite and remove people; whoever is removed loses access at once.",
];
pub const PEOPLE_ONLY_ADMINS: T = [
    "Solo gli amministratori dell'organizzazione invitano e rimuovono persone.",
    "Only the organisation's administrators invite and remove people.",
];
pub const INVITE_TITLE: T = ["Invita una persona", "Invite a person"];
pub const F_CODICE_FISCALE: T = ["Codice fiscale", "Codice fiscale"];
pub const F_ROLE: T = ["Ruolo", "Role"];
pub const INVITE: T = ["Invita", "Invite"];
pub const REMOVE: T = ["Rimuovi", "Remove"];
pub const SINCE: T = ["dal", "since"];

// `/organizzazione/candidature`.
pub const RECEIVED_TITLE: T = ["Candidature ricevute", "Candidacies received"];
pub const RECEIVED_NAV: T = ["Candidature", "Candidacies"];
pub const RECEIVED_INTRO: T = [
    "Chi si è candidato ai tuoi annunci, con il curriculum com'era al momento della candidatura. Ogni cambio di stato e il tuo messaggio arrivano alla persona sulla sua pagina «Le mie candidature».",
    "Who applied to your ads, with the CV as it was when they applied. Each change of status and your message reach the person on their \"My applications\" page.",
];
pub const RECEIVED_COUNT: T = ["candidature", "candidacies"];
pub const RECEIVED_NONE: T = ["Nessuna candidatura.", "No candidacies."];
pub const RECEIVED_ONE_TITLE: T = ["Candidatura ricevuta", "Candidacy received"];
pub const RECEIVED_BACK: T = ["Torna alle candidature", "Back to the candidacies"];
pub const FILTER_AD: T = ["Annuncio", "Ad"];
pub const FILTER_ALL: T = ["Tutti", "All"];
pub const FILTER: T = ["Filtra", "Filter"];
pub const NO_CONTACTS: T = [
    "La persona non ha condiviso e-mail, telefono e indirizzo.",
    "The person did not share their e-mail, phone and address.",
];
pub const NO_CV: T = ["La persona non aveva un curriculum.", "The person had no CV."];
pub const CV_AS_SENT: T =
    ["Curriculum al momento della candidatura", "CV as it was when they applied"];
pub const MOVE_TITLE: T = ["Aggiorna la candidatura", "Update the candidacy"];
pub const MOVE_TO: T = ["Nuovo stato", "New status"];
pub const INTERVIEW_LEGEND: T =
    ["Colloquio (solo per «Colloquio»)", "Interview (only for \"Interview\")"];
pub const INTERVIEW_DATE: T = ["Data del colloquio", "Interview date"];
pub const INTERVIEW_TIME: T = ["Ora", "Time"];
pub const INTERVIEW_PLACE: T = ["Luogo (indirizzo o «online»)", "Place (address or \"online\")"];
pub const MOVE_MESSAGE: T = ["Messaggio per la persona", "Message for the person"];
pub const MOVE_SAVE: T = ["Salva e avvisa la persona", "Save and tell the person"];

/// A move form field's error.
pub fn move_error(code: &str, lang: Lang) -> &'static str {
    let text: T = match code {
        "transition" => [
            "La candidatura non può passare a questo stato.",
            "The candidacy cannot move to this status.",
        ],
        "time" => ["Scrivi l'ora come 09:30.", "Enter the time as 09:30."],
        "past" => [
            "Il colloquio deve essere in una data futura.",
            "The interview must be on a future date.",
        ],
        "conflict" => [
            "La candidatura è cambiata nel frattempo: ricarica la pagina.",
            "The candidacy changed in the meantime: reload the page.",
        ],
        other => return ad_error(other, lang),
    };
    lang.pick(text)
}

// Reports and suspensions.
pub const REPORTED: T = ["Annunci segnalati", "Reported ads"];
pub const NO_REPORTED: T = ["Nessun annuncio segnalato.", "No reported ads."];
pub const SUSPEND_REASON: T = [
    "Motivo della sospensione (lo legge l'organizzazione)",
    "Reason for the suspension (the organisation reads it)",
];
pub const SUSPEND: T = ["Sospendi l'annuncio", "Suspend the ad"];
pub const DISMISS: T = ["Archivia le segnalazioni", "Dismiss the reports"];
pub const SUSPENDED_DONE: T = [
    "Annuncio sospeso: non compare più nella ricerca.",
    "Ad suspended: it no longer shows in search.",
];
pub const REPORT_TITLE: T = ["Segnala questo annuncio", "Report this ad"];
pub const REPORT_HELP: T = [
    "Se l'annuncio è ingannevole, discriminatorio o chiede denaro, segnalalo: lo esamina un amministratore di SIISL.",
    "If the ad is misleading, discriminatory or asks for money, report it: a SIISL administrator examines it.",
];
pub const REPORT_REASON: T = ["Motivo", "Reason"];
pub const REPORT_NOTE: T = ["Dettagli (facoltativo)", "Details (optional)"];
pub const REPORT_SEND: T = ["Invia la segnalazione", "Send the report"];
pub const REPORT_SENT: T = ["Segnalazione inviata. Grazie.", "Report sent. Thank you."];

pub fn report_reason_name(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "misleading" => ["Ingannevole o non reale", "Misleading or not real"],
        "discriminatory" => ["Discriminatorio", "Discriminatory"],
        "fraud" => ["Chiede denaro o dati impropri", "Asks for money or improper data"],
        _ => ["Altro", "Other"],
    })
}
