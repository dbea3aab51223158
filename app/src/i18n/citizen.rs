//! The citizen's pages' messages: each constant holds the Italian and the English text, so a
//! missing translation cannot compile. `Lang::pick` chooses one.

use super::Lang;

pub use super::T;

impl Lang {
    pub fn pick(self, text: T) -> &'static str {
        match self {
            Lang::It => text[0],
            Lang::En => text[1],
        }
    }
}

pub const NAV_MY_SIISL: T = ["Il mio SIISL", "My SIISL"];
pub const NAV_APPLICATION: T = ["La domanda", "Application"];
pub const NAV_HOUSEHOLD: T = ["Il nucleo", "Household"];
pub const NAV_PATH: T = ["Il mio percorso", "My path"];
pub const NAV_MESSAGES: T = ["Messaggi", "Messages"];
pub const SECTION_NAV: T = ["Sezioni del mio SIISL", "Sections of my SIISL"];

pub const REG_TITLE: T = ["Iscrizione a SIISL", "Register on SIISL"];
pub const REG_INTRO: T = [
    "È la prima volta che accedi: conferma i tuoi dati e dai il consenso al trattamento per usare SIISL.",
    "This is your first time here: check your details and consent to the processing of your data to use SIISL.",
];
pub const REG_IDENTITY: T =
    ["Dati della tua identità digitale", "Details from your digital identity"];
pub const REG_PRIVACY_LINK: T = ["Leggi l'informativa sulla privacy", "Read the privacy notice"];
pub const REG_CONSENT: T = [
    "Ho letto l'informativa e acconsento al trattamento dei miei dati per i servizi di SIISL",
    "I have read the privacy notice and consent to the processing of my data for SIISL's services",
];
pub const REG_CONTACTS: T = ["Contatti (facoltativi)", "Contacts (optional)"];
pub const REG_CONTACTS_HELP: T = [
    "Servono per avvisarti. Le convocazioni arrivano solo ai contatti certificati con la firma del patto.",
    "Used to let you know about news. Convocations only go to the contacts certified when you sign the pact.",
];
pub const FIELD_EMAIL: T = ["Indirizzo e-mail", "E-mail address"];
pub const FIELD_MOBILE: T = ["Numero di cellulare", "Mobile number"];
pub const FIELD_MOBILE_HINT: T = ["Per esempio 333 123 4567", "For example 333 123 4567"];
pub const REG_SUBMIT: T = ["Completa l'iscrizione", "Complete registration"];

pub const HOME_TITLE: T = ["Il mio SIISL", "My SIISL"];
pub const HOME_HELLO: T = ["Ciao", "Hello"];
pub const NO_APPLICATION_TITLE: T = ["Nessuna domanda a tuo nome", "No application in your name"];
pub const NO_APPLICATION_TEXT: T = [
    "Non risulta una domanda di Assegno di Inclusione o di Supporto per la formazione e il lavoro in cui compare il tuo codice fiscale. Se l'hai presentata da poco, l'INPS la trasmette a SIISL entro pochi giorni.",
    "There is no Assegno di Inclusione or Training and Work Support application with your codice fiscale. If you applied recently, INPS sends it to SIISL within a few days.",
];
pub const DEADLINES_TITLE: T = ["Le tue scadenze", "Your deadlines"];
pub const NO_DEADLINES: T =
    ["Al momento non hai scadenze.", "You have no deadlines at the moment."];
pub const DUE_BY: T = ["Entro il", "By"];
pub const APPOINTMENT_ON: T = ["Appuntamento il", "Appointment on"];
pub const DUE_TODAY: T = ["Scade oggi", "Due today"];

/// "12 giorni rimasti", "1 giorno rimasto"; "Scaduta da 3 giorni", "Overdue by 1 day".
pub fn days_left_text(days_left: i64, lang: Lang) -> String {
    let n = days_left.unsigned_abs();
    match (days_left < 0, n == 1, lang) {
        (false, true, Lang::It) => "1 giorno rimasto".to_string(),
        (false, false, Lang::It) => format!("{n} giorni rimasti"),
        (false, true, Lang::En) => "1 day left".to_string(),
        (false, false, Lang::En) => format!("{n} days left"),
        (true, true, Lang::It) => "Scaduta da 1 giorno".to_string(),
        (true, false, Lang::It) => format!("Scaduta da {n} giorni"),
        (true, true, Lang::En) => "Overdue by 1 day".to_string(),
        (true, false, Lang::En) => format!("Overdue by {n} days"),
    }
}

/// "Potrai chiedere un nuovo codice tra 60 secondi."
pub fn new_code_wait_text(seconds: i64, lang: Lang) -> String {
    match lang {
        Lang::It => format!("Potrai chiedere un nuovo codice tra {seconds} secondi."),
        Lang::En => format!("You can ask for a new code in {seconds} seconds."),
    }
}
pub const WHY: T = ["Perché?", "Why?"];
pub const IF_MISSED: T = ["Se non lo fai", "If you do not"];
pub const FOR_WHOM: T = ["Riguarda", "Concerns"];
pub const WHOLE_HOUSEHOLD: T = ["tutto il nucleo", "the whole household"];
pub const NEXT_STEPS: T = ["Cosa fare ora", "What to do next"];
pub const STEP_SIGN_PAD: T = [
    "La tua domanda è stata accolta: firma il Patto di attivazione digitale (PAD) per ricevere l'assegno.",
    "Your application was accepted: sign the digital activation pact (PAD) to receive the benefit.",
];
pub const STEP_SIGN_PAD_BUTTON: T = ["Firma il PAD", "Sign the PAD"];
pub const STEP_WAIT_ASSESSMENT: T = [
    "L'INPS sta esaminando la domanda: riceverai un messaggio con l'esito.",
    "INPS is assessing your application: you will get a message with the outcome.",
];
pub const STEP_PAD_BY_APPLICANT: T = [
    "La domanda è stata accolta: il patto del nucleo lo firma chi ha presentato la domanda.",
    "The application was accepted: the household pact is signed by the person who applied.",
];
pub const STEP_PRESENT: T = [
    "Presentati ai servizi sociali entro la scadenza indicata, anche senza convocazione.",
    "Go to social services by the date shown, even without a convocation.",
];
pub const STEP_SIGN_INDIVIDUAL: T = [
    "Sei attivabile al lavoro: firma il PAD individuale con la dichiarazione di disponibilità.",
    "You can take up work: sign the individual pact with the declaration of availability.",
];
pub const STEP_NOTHING: T = ["Non c'è nulla da fare adesso.", "There is nothing to do now."];
pub const CONVOCATIONS_TITLE: T = ["Prossime convocazioni", "Upcoming convocations"];
pub const NO_CONVOCATIONS: T = ["Nessuna convocazione in programma.", "No convocation scheduled."];
pub const AT: T = ["alle", "at"];
pub const OPEN_CONVOCATION: T = ["Apri la convocazione", "Open the convocation"];
pub const OFFICES_TITLE: T = ["Dove presentarti", "Where to go"];
pub const HOURS: T = ["Orari", "Opening hours"];
pub const PHONE: T = ["Telefono", "Phone"];
pub const MESSAGES_UNREAD: T = ["Messaggi non letti:", "Unread messages:"];
pub const STATUS: T = ["Stato della domanda", "Application status"];

pub const APP_TITLE: T = ["La domanda", "Your application"];
pub const APP_PROTOCOL: T = ["Numero di protocollo INPS", "INPS protocol number"];
pub const APP_SUBMITTED: T = ["Presentata il", "Submitted on"];
pub const APP_PROGRAMME: T = ["Misura", "Benefit"];
pub const APP_AMOUNT: T = ["Importo mensile", "Monthly amount"];
pub const APP_TIMELINE: T = ["Storia della domanda", "Application history"];
pub const APP_OUTCOME: T = ["Esito dell'istruttoria", "Outcome of the assessment"];
pub const APP_OUTCOME_PENDING: T =
    ["L'esito non è ancora disponibile.", "The outcome is not available yet."];
pub const APP_PAYMENTS: T = ["Pagamenti", "Payments"];
pub const APP_NO_PAYMENTS: T = ["Nessun pagamento registrato.", "No payment recorded."];
pub const APP_NEXT_PAYMENT: T = ["Prossimo pagamento previsto dal", "Next payment expected from"];
pub const APP_NEXT_PAYMENT_WHY: T = [
    "Il primo pagamento arriva dal 15 del mese successivo alla firma del PAD, i successivi dal 27 di ogni mese (D.L. 48/2023, art. 3, c. 6).",
    "The first payment arrives from the 15th of the month after the pact is signed, later ones from the 27th of each month (D.L. 48/2023, art. 3, c. 6).",
];
pub const APP_MONTH: T = ["Mese", "Month"];
pub const APP_PAID_ON: T = ["Pagato il", "Paid on"];
pub const APP_EXPECTED: T = ["Previsto dal", "Expected from"];
pub const APP_ARREARS: T = ["arretrato", "arrears"];
pub const APP_SANCTIONS: T = ["Sospensioni e decadenze", "Suspensions and loss of benefit"];
pub const APP_NO_SANCTIONS: T = ["Nessuna sanzione.", "No sanction."];
/// The law behind a rule the platform names by id (a sanction's rule, say): people read the
/// law, never the id.
pub fn law_of(rule: &str) -> &'static str {
    domain::RuleId::from_code(rule).map_or("D.L. 48/2023", domain::RuleId::legal_reference)
}

pub const AMOUNT_UNKNOWN: T = ["non ancora comunicato", "not yet known"];

pub const HH_TITLE: T = ["Il nucleo familiare", "Your household"];
pub const HH_ADDRESS: T = ["Residenza", "Residence"];
pub const HH_MEMBERS: T = ["Componenti", "Members"];
pub const HH_APPLICANT: T = ["richiedente", "applicant"];
pub const HH_MINOR: T = ["minorenne", "minor"];
pub const HH_AGED: T = ["60 anni o più", "aged 60 or more"];
pub const HH_DISABLED: T = ["con disabilità", "disabled"];
pub const HH_CARE: T = ["con carichi di cura", "with care duties"];
pub const HH_ATTIVABILE: T = ["attivabile al lavoro", "able to take up work"];
pub const HH_PAD_IND_SIGNED: T = ["PAD individuale firmato", "individual pact signed"];
pub const HH_NO_OBLIGATIONS: T = ["Nessun obbligo in corso.", "No obligation in progress."];
pub const HH_YOU: T = ["tu", "you"];

pub const PATH_TITLE: T = ["Il mio percorso", "My path"];
pub const PATH_PAIS: T = ["Patto per l'inclusione sociale (PaIS)", "Social inclusion pact (PaIS)"];
pub const PATH_PSP: T =
    ["Patto di servizio personalizzato (PSP)", "Personalised service pact (PSP)"];
pub const PATH_EMPTY: T = [
    "Non ci sono ancora patti firmati: i servizi sociali scrivono il PaIS dopo il primo incontro, il centro per l'impiego il PSP.",
    "No pact has been signed yet: social services write the PaIS after the first meeting, the job centre writes the PSP.",
];
pub const PATH_REVISION: T = ["versione", "version"];
pub const PATH_SIGNED: T = ["firmato il", "signed on"];
pub const PATH_BY: T = ["a cura di", "by"];
pub const PATH_ACTIVITIES: T = ["Attività", "Activities"];
pub const PATH_NO_ACTIVITIES: T = ["Nessuna attività.", "No activity."];
pub const PATH_FROM: T = ["dal", "from"];
pub const PATH_TO: T = ["al", "to"];
pub const PATH_HOURS: T = ["ore a settimana", "hours a week"];
pub const PATH_UPDATES: T = ["Aggiornamenti dai servizi", "Updates from the services"];
pub const PATH_UPDATES_NOTE: T = [
    "Quello che i servizi sociali (GePI) e il centro per l'impiego (SIU) comunicano a SIISL sul tuo percorso, dal più recente.",
    "What social services (GePI) and the job centre (SIU) report to SIISL about your path, newest first.",
];

pub const MSG_TITLE: T = ["Messaggi", "Messages"];
pub const MSG_ONE_TITLE: T = ["Messaggio", "Message"];
pub const MSG_BACK: T = ["Tutti i messaggi", "All messages"];
pub const MSG_NOT_FOUND: T = ["Messaggio non trovato.", "Message not found."];
pub const MSG_NOTICES: T = ["Avvisi", "Notices"];
pub const MSG_EMPTY: T = ["Nessun messaggio.", "No messages."];
pub const MSG_MARK_READ: T = ["Segna tutti come letti", "Mark all as read"];
pub const MSG_NEW: T = ["Nuovo", "New"];
pub const MSG_CONVOCATIONS: T = ["Convocazioni", "Convocations"];

pub const CONV_TITLE: T = ["Convocazione", "Convocation"];
pub const CONV_ISSUER: T = ["Ente che convoca", "Issued by"];
pub const CONV_WHEN: T = ["Appuntamento", "Appointment"];
pub const CONV_WHERE: T = ["Luogo", "Place"];
pub const CONV_ISSUED: T = ["Emessa il", "Issued on"];
pub const CONV_CHANNELS: T = ["Inviata tramite", "Sent by"];
pub const CONV_OUTCOME: T = ["Esito", "Outcome"];
pub const CONV_LEGAL: T = [
    "La convocazione pubblicata su SIISL ha valore legale: aprendola ne confermi la lettura. Se non puoi presentarti, avvisa subito l'ufficio con un giustificato motivo documentato.",
    "A convocation published on SIISL has legal value: opening it confirms you read it. If you cannot attend, tell the office at once, with a documented justified reason.",
];
pub const CONV_NOT_FOUND: T = ["Convocazione non trovata.", "Convocation not found."];
pub const CONV_PURPOSE: T = ["Motivo", "Purpose"];
pub const CONV_PHONE: T = ["Telefono dell'ufficio", "Office phone"];
pub const CONV_BRING: T = ["Cosa portare", "What to bring"];
pub const CONV_CANNOT: T = ["Non puoi andare?", "Cannot make it?"];
pub const CONV_CANNOT_INTRO: T = [
    "Prima della data puoi chiedere di spostare l'appuntamento o inviare un giustificativo. La richiesta arriva a chi ti ha convocato: sarà l'ufficio a decidere, e a dirti se l'appuntamento cambia. Fino ad allora l'appuntamento resta valido.",
    "Before the date you can ask to move the appointment or send a justification. The request reaches whoever convoked you: the office decides, and tells you whether the appointment changes. Until then the appointment stands.",
];
pub const CONV_REQUEST_KIND: T = ["Cosa chiedi", "What you ask"];
pub const CONV_REQUEST_RESCHEDULE: T = ["Spostare l'appuntamento", "To move the appointment"];
pub const CONV_REQUEST_JUSTIFICATION: T = [
    "Giustificare l'assenza (per esempio malattia, lavoro, cura di un familiare)",
    "To justify not attending (for example illness, work, caring for a relative)",
];
pub const CONV_REQUEST_TEXT: T = ["Spiega il motivo", "Explain why"];
pub const CONV_REQUEST_TEXT_HINT: T = [
    "Almeno 10 caratteri. Se hai un certificato, indica che lo porterai o chiedi come inviarlo.",
    "At least 10 characters. If you have a certificate, say you will bring it or ask how to send it.",
];
pub const CONV_REQUEST_SEND: T = ["Invia la richiesta", "Send the request"];
pub const CONV_REQUEST_SENT: T = [
    "Richiesta inviata all'ufficio che ti ha convocato. Ti risponderà con un messaggio o una nuova convocazione.",
    "Request sent to the office that convoked you. It will answer with a message or a new convocation.",
];

/// What a convocation is for, by its purpose code.
pub fn purpose_text(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "first_meeting" => [
            "Primo incontro con i servizi sociali: valutazione del nucleo e avvio del percorso (PaIS)",
            "First meeting with social services: assessment of the household and start of the path (PaIS)",
        ],
        "follow_up" => [
            "Incontro periodico di verifica del percorso",
            "Regular meeting to review the path",
        ],
        "psp" => [
            "Firma del patto di servizio personalizzato al centro per l'impiego",
            "Signing the personalised service pact at the job centre",
        ],
        "pais_review" => ["Revisione del PaIS", "Review of the PaIS"],
        _ => ["Appuntamento", "Appointment"],
    })
}

/// What to bring to a convocation of this purpose.
pub fn bring_list(code: &str, lang: Lang) -> Vec<&'static str> {
    let mut list = vec![lang.pick([
        "Un documento d'identità valido e la tessera sanitaria",
        "A valid identity document and the health insurance card",
    ])];
    match code {
        "first_meeting" | "pais_review" => list.push(lang.pick([
            "L'attestazione ISEE e i documenti dei componenti del nucleo (certificati di invalidità, di frequenza scolastica, contratti di lavoro)",
            "The ISEE certificate and the household members' documents (disability certificates, school attendance, work contracts)",
        ])),
        "psp" => list.push(lang.pick([
            "Il curriculum (lo trovi e lo stampi da SIISL) e i titoli di studio",
            "Your CV (you can print it from SIISL) and your qualifications",
        ])),
        _ => {}
    }
    list.push(lang.pick([
        "Questa convocazione (anche sul telefono)",
        "This convocation (on your phone is fine)",
    ]));
    list
}

/// A request about a convocation, as the citizen reads it afterwards.
pub fn request_sent_text(kind: &str, on: &str, lang: Lang) -> String {
    match (kind, lang) {
        ("reschedule", Lang::It) => {
            format!("Il {on} hai chiesto di spostare l'appuntamento: decide l'ufficio.")
        }
        ("reschedule", Lang::En) => {
            format!("On {on} you asked to move the appointment: the office decides.")
        }
        (_, Lang::It) => format!("Il {on} hai inviato un giustificativo: decide l'ufficio."),
        (_, Lang::En) => format!("On {on} you sent a justification: the office decides."),
    }
}

pub const PAD_TITLE: T =
    ["Patto di attivazione digitale del nucleo (PAD)", "Household digital activation pact (PAD)"];
pub const PAD_INTRO: T = [
    "Con il PAD il nucleo si impegna nel percorso di inclusione. Firmarlo fa partire l'assegno dal mese successivo e i 120 giorni entro cui presentarsi ai servizi sociali.",
    "With the PAD the household commits to the inclusion path. Signing it starts the benefit from the following month and the 120 days within which to go to social services.",
];
pub const PAD_NOT_AVAILABLE: T = ["La firma del PAD non è disponibile", "The PAD cannot be signed"];
pub const PAD_ONLY_APPLICANT: T = [
    "Il PAD del nucleo lo firma solo chi ha presentato la domanda.",
    "Only the person who applied signs the household PAD.",
];
pub const PAD_ONLY_ACCEPTED: T = [
    "Il PAD si firma quando la domanda è stata accolta dall'INPS.",
    "The PAD is signed once INPS has accepted the application.",
];
pub const PAD_ALREADY: T = ["Il PAD è già stato firmato.", "The PAD has already been signed."];
pub const PAD_SEE_RECEIPT: T = ["Vedi la ricevuta", "See the receipt"];
pub const PAD_STEP_MOBILE: T = ["1. Certifica il cellulare", "1. Certify your mobile"];
pub const PAD_STEP_EMAIL: T = ["2. Certifica l'e-mail", "2. Certify your e-mail"];
pub const PAD_STEP_SIGN: T =
    ["3. Consensi, riepilogo e firma", "3. Consents, review and signature"];
pub const PAD_CONTACT_WHY: T = [
    "Le convocazioni dei servizi sociali e del centro per l'impiego arrivano a questi contatti. Ti mandiamo un codice di 6 cifre per confermare che sono tuoi.",
    "Convocations from social services and the job centre reach you at these contacts. We send a 6-digit code to confirm they are yours.",
];
pub const PAD_SEND_CODE: T = ["Invia il codice", "Send the code"];
pub const PAD_CODE_SENT_TO: T = ["Abbiamo inviato un codice a", "We sent a code to"];
pub const PAD_CODE_LABEL: T = ["Codice di 6 cifre", "6-digit code"];
pub const PAD_CODE_VALID: T = [
    "Il codice vale 10 minuti. Tentativi rimasti:",
    "The code is valid for 10 minutes. Tries left:",
];
pub const PAD_VERIFY: T = ["Conferma il codice", "Confirm the code"];
pub const PAD_NEW_CODE: T = ["Invia un nuovo codice", "Send a new code"];
pub const PAD_CERTIFIED: T = ["Certificato", "Certified"];
pub const PAD_CHANGE: T = ["Usa un altro contatto", "Use another contact"];
pub const PAD_CONTACTS_OPTIONAL: T = [
    "Certificare i contatti non è obbligatorio: basta un cellulare o un'e-mail, e puoi aggiungerli o cambiarli anche dopo la firma.",
    "Certifying contacts is not required: one mobile or one e-mail is enough, and you can add or change them after signing too.",
];
pub const PAD_PLATFORM_ONLY_TITLE: T = ["Nessun contatto certificato", "No certified contact"];
pub const PAD_PLATFORM_ONLY_TEXT: T = [
    "Se firmi senza un cellulare o un'e-mail certificati, le convocazioni dei servizi sociali e del centro per l'impiego ti arriveranno solo qui su SIISL, dove valgono come ricevute anche se non le apri, e per posta all'indirizzo che indichi sotto. Controlla SIISL spesso.",
    "If you sign without a certified mobile or e-mail, convocations from social services and the job centre will reach you only here on SIISL, where they count as received even if you do not open them, and by post at the address you give below. Check SIISL often.",
];
pub const PAD_PLATFORM_ONLY_ACK: T = [
    "Ho capito: riceverò le convocazioni solo su SIISL e per posta",
    "I understand: I will receive convocations only on SIISL and by post",
];
pub const PAD_PENDING_NOT_INCLUDED: T = [
    "Un codice inviato e non ancora confermato non rende certificato il contatto: conferma il codice prima di firmare se vuoi che le convocazioni arrivino anche lì.",
    "A code sent and not yet confirmed does not certify the contact: confirm it before signing if you want convocations to reach you there too.",
];
pub const CONTACT_MOBILE: T = ["Cellulare", "Mobile"];
pub const CONTACT_EMAIL: T = ["E-mail", "E-mail"];
pub const CONTACTS_NONE: T = [
    "Nessuno: le convocazioni arrivano su SIISL e per posta",
    "None: convocations arrive on SIISL and by post",
];

/// A certified contact as people read it: "Cellulare +39 333…".
pub fn contact_line(kind: &str, value: &str, lang: Lang) -> String {
    let label = lang.pick(if kind == "mobile" { CONTACT_MOBILE } else { CONTACT_EMAIL });
    format!("{label} {value}")
}
pub const PAD_ADDRESS: T = ["Indirizzo per le comunicazioni", "Address for communications"];
pub const PAD_ADDRESS_HELP: T = [
    "Dove ricevere le comunicazioni per posta, se diverso dalla residenza.",
    "Where to receive letters, if not your residence.",
];
pub const PAD_CONSENTS: T = ["Consensi", "Consents"];
pub const PAD_CONSENT_CONVOCATIONS: T = [
    "Accetto di ricevere le convocazioni ai contatti certificati e su SIISL. Una convocazione pubblicata su SIISL vale come ricevuta anche se non leggo SMS o e-mail.",
    "I agree to receive convocations at my certified contacts and on SIISL. A convocation published on SIISL counts as received even if I do not read the SMS or e-mail.",
];
pub const PAD_CONSENT_TRANSMIT: T = [
    "Autorizzo l'invio dei dati della domanda dei componenti attivabili al lavoro ai centri per l'impiego, alle agenzie per il lavoro e agli enti accreditati, che li useranno per proporre lavoro e formazione.",
    "I authorise sending the application data of members able to work to job centres, employment agencies and accredited bodies, who will use them to offer work and training.",
];
pub const PAD_REVIEW: T = ["Riepilogo", "Review"];
pub const PAD_REVIEW_MEMBERS: T = ["Componenti del nucleo", "Household members"];
pub const PAD_REVIEW_CONTACTS: T = ["Contatti certificati", "Certified contacts"];
pub const PAD_CONFIRM: T = [
    "Dichiaro che i dati sono corretti e sottoscrivo il Patto di attivazione digitale del nucleo",
    "I declare the details are correct and sign the household digital activation pact",
];
pub const PAD_SIGN: T = ["Firma il PAD", "Sign the PAD"];

pub const RECEIPT_TITLE: T = ["Ricevuta di firma del PAD", "PAD signature receipt"];
pub const RECEIPT_SIGNED_AT: T = ["Firmato il", "Signed on"];
pub const RECEIPT_SIGNER: T = ["Firmato da", "Signed by"];
pub const RECEIPT_HASH: T = ["Impronta SHA-256 del patto", "SHA-256 fingerprint of the pact"];
pub const RECEIPT_HASH_HELP: T = [
    "L'impronta identifica il testo firmato: se anche un carattere cambiasse, cambierebbe. SIISL la verifica periodicamente.",
    "The fingerprint identifies the signed text: changing a single character would change it. SIISL checks it regularly.",
];
pub const RECEIPT_PRINT: T = [
    "Per conservarla, stampa questa pagina o salvala in PDF dal menu del browser.",
    "To keep it, print this page or save it as PDF from your browser's menu.",
];
pub const RECEIPT_CONTENT: T = ["Testo firmato (JSON canonico)", "Signed text (canonical JSON)"];
pub const RECEIPT_TECHNICAL: T = ["Dettagli tecnici", "Technical details"];
pub const RECEIPT_CONTACTS: T =
    ["Contatti certificati per le convocazioni", "Certified contacts for convocations"];
pub const RECEIPT_ADDRESS: T = ["Indirizzo per le convocazioni", "Address for convocations"];
pub const RECEIPT_NONE: T = ["Non c'è ancora un PAD firmato.", "There is no signed PAD yet."];
pub const RECEIPT_NEXT: T = ["E adesso?", "What now?"];

pub const DEMO_OUTBOX_TITLE: T = ["Messaggi inviati (demo)", "Sent messages (demo)"];
pub const DEMO_OUTBOX_INTRO: T = [
    "In questo ambiente dimostrativo SMS ed e-mail non escono: li trovi qui, come li riceverebbe il destinatario.",
    "In this demo environment SMS and e-mails do not leave: they are listed here as the recipient would get them.",
];
pub const DEMO_OUTBOX_EMPTY: T = ["Nessun messaggio.", "No messages."];

pub const ERR_SUMMARY: T = ["Controlla i campi segnalati.", "Check the fields marked below."];
pub const ERR_REQUIRED: T = ["Questo campo è obbligatorio.", "This field is required."];
pub const ERR_CONSENT: T =
    ["Per usare SIISL serve il consenso.", "You need to consent to use SIISL."];
pub const ERR_EMAIL: T = [
    "Scrivi un indirizzo e-mail valido, per esempio nome@esempio.it.",
    "Enter a valid e-mail address, for example name@example.org.",
];
pub const ERR_MOBILE: T = [
    "Scrivi un numero di cellulare italiano valido, per esempio 333 123 4567.",
    "Enter a valid Italian mobile number, for example 333 123 4567.",
];
pub const ERR_WAIT: T = [
    "Hai appena chiesto un codice: aspetta un minuto prima di chiederne un altro.",
    "You just asked for a code: wait a minute before asking for another one.",
];
pub const ERR_NO_CODE: T = ["Chiedi prima un codice.", "Ask for a code first."];
pub const ERR_EXPIRED: T =
    ["Il codice è scaduto: chiedine uno nuovo.", "The code has expired: ask for a new one."];
pub const ERR_TOO_MANY: T = [
    "Troppi tentativi sbagliati: chiedi un nuovo codice.",
    "Too many wrong tries: ask for a new code.",
];
pub const ERR_WRONG: T = ["Codice errato. Tentativi rimasti:", "Wrong code. Tries left:"];
pub const ERR_CODE_FORMAT: T = ["Il codice è fatto di 6 cifre.", "The code is 6 digits."];
pub const ERR_NOT_APPLICANT: T = [
    "Solo chi ha presentato la domanda può firmare il PAD del nucleo.",
    "Only the person who applied can sign the household PAD.",
];
pub const ERR_TAMPERED: T = [
    "La richiesta non corrisponde alla tua domanda: ricarica la pagina e riprova.",
    "The request does not match your application: reload the page and try again.",
];
pub const ERR_CONSENT_PAD: T = [
    "Per firmare il PAD servono entrambi i consensi.",
    "Both consents are needed to sign the PAD.",
];
pub const ERR_CONFIRM: T =
    ["Conferma la dichiarazione per firmare.", "Confirm the declaration to sign."];
pub const ERR_ADDRESS: T =
    ["Indica l'indirizzo (massimo 300 caratteri).", "Enter the address (at most 300 characters)."];
pub const ERR_PLATFORM_ONLY: T = [
    "Senza contatti certificati, conferma di aver capito come ti arriveranno le convocazioni.",
    "Without certified contacts, confirm that you understand how convocations will reach you.",
];
pub const ERR_STATUS: T = [
    "La domanda non è nello stato giusto per questa operazione.",
    "The application is not in the right state for this.",
];
pub const ERR_UNAVAILABLE: T = [
    "Servizio momentaneamente non disponibile: riprova.",
    "Service temporarily unavailable: try again.",
];

/// A field error code (from the services) as a sentence.
pub fn error_text(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "too_short" => ["Scrivi almeno 10 caratteri.", "Write at least 10 characters."],
        "past" => [
            "L'appuntamento è già passato: ora decide l'ufficio sull'esito.",
            "The appointment has passed: the office now records its outcome.",
        ],
        "already_asked" => [
            "Hai già inviato una richiesta per questa convocazione.",
            "You already sent a request about this convocation.",
        ],
        "kind" => ["Scegli cosa chiedi.", "Choose what you ask."],
        "required" => ERR_REQUIRED,
        "consent" => ERR_CONSENT,
        "email_malformed" => ERR_EMAIL,
        "mobile_malformed" => ERR_MOBILE,
        "wait" => ERR_WAIT,
        "no_code" => ERR_NO_CODE,
        "expired" => ERR_EXPIRED,
        "too_many_tries" => ERR_TOO_MANY,
        "wrong" => ERR_WRONG,
        "code_format" => ERR_CODE_FORMAT,
        "not_applicant" => ERR_NOT_APPLICANT,
        "tampered" => ERR_TAMPERED,
        "consents" => ERR_CONSENT_PAD,
        "confirm" => ERR_CONFIRM,
        "address" => ERR_ADDRESS,
        "platform_only" => ERR_PLATFORM_ONLY,
        "status" => ERR_STATUS,
        _ => ERR_UNAVAILABLE,
    })
}

/// The status of an application of `programme`: an active SFL is paid only for the months
/// of an activity (R14), never "being paid" by itself.
pub fn programme_status_label(code: &str, programme: &str, lang: Lang) -> &'static str {
    match (code, programme) {
        ("active", "sfl") => lang.pick([
            "Attiva: il Supporto è pagato per i mesi in cui partecipi a un'attività",
            "Active: the allowance is paid for the months you take part in an activity",
        ]),
        _ => status_label(code, lang),
    }
}

pub const APP_NEXT_PAYMENT_WHY_SFL: T = [
    "Il Supporto si paga per ogni mese in cui partecipi a un corso, un tirocinio o un'altra attività: dal 27 se le condizioni ci sono entro il 15, altrimenti dal 15 del mese dopo (D.L. 48/2023, art. 12).",
    "The allowance is paid for each month you take part in a course, an internship or another activity: from the 27th if the conditions are met by the 15th, otherwise from the 15th of the next month (D.L. 48/2023, art. 12).",
];
pub const YOU_ONLY: T = ["te", "you"];
pub const STEP_PRESENT_CPI: T = [
    "Il centro per l'impiego ti convoca per il patto di servizio: le convocazioni arrivano su SIISL. Le agenzie per il lavoro che hai scelto ti proporranno corsi, tirocini e lavori.",
    "The job centre will invite you to sign the service pact: convocations arrive on SIISL. The employment agencies you chose will offer you courses, internships and jobs.",
];

pub fn status_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "submitted" => ["Presentata", "Submitted"],
        "under_assessment" => ["In istruttoria", "Being assessed"],
        "accepted" => ["Accolta", "Accepted"],
        "rejected" => ["Respinta", "Rejected"],
        "active" => ["Attiva: beneficio in pagamento", "Active: benefit being paid"],
        "suspended" => ["Sospesa", "Suspended"],
        "decaduta" => ["Decaduta", "Benefit lost"],
        "ended" => ["Conclusa", "Ended"],
        _ => ["Sconosciuto", "Unknown"],
    })
}

pub fn programme_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "adi" => ["Assegno di Inclusione (ADI)", "Assegno di Inclusione (Inclusion Allowance)"],
        _ => [
            "Supporto per la formazione e il lavoro (SFL)",
            "Supporto per la formazione e il lavoro (Training and Work Support)",
        ],
    })
}

pub fn relation_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "applicant" => ["Richiedente", "Applicant"],
        "spouse" => ["Coniuge o convivente", "Spouse or partner"],
        "child" => ["Figlio o figlia", "Child"],
        "parent" => ["Genitore", "Parent"],
        _ => ["Altro componente", "Other member"],
    })
}

pub fn outcome_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "held" => ["Incontro svolto", "Meeting held"],
        "spontaneous" => ["Presentazione spontanea", "Presented without convocation"],
        "justified" => ["Assenza giustificata", "Justified absence"],
        _ => ["Assente senza giustificato motivo", "Absent without justified reason"],
    })
}

pub fn channel_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "sms" => ["SMS", "SMS"],
        "email" => ["e-mail", "e-mail"],
        _ => ["SIISL", "SIISL"],
    })
}

pub fn office_kind_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "cpi" => ["Centro per l'impiego", "Job centre"],
        _ => ["Servizi sociali", "Social services"],
    })
}

/// A notification as one sentence in the reader's language, from its kind and parameters.
pub fn notification_text(kind: &str, params: &str, lang: Lang) -> String {
    let p: serde_json::Value = serde_json::from_str(params).unwrap_or_default();
    let text = |key: &str| p.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let date = |key: &str| {
        p.get(key)
            .and_then(|v| v.as_str())
            .and_then(|s| {
                domain::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
            })
            .map(|d| long_date(d, lang))
            .unwrap_or_default()
    };
    let it = lang == Lang::It;
    match kind {
        "application_received" if it => {
            format!("La domanda con protocollo {} è arrivata su SIISL.", text("protocol"))
        }
        "application_received" => format!("Application {} has reached SIISL.", text("protocol")),
        "assessment_started" if it => "L'INPS ha avviato l'istruttoria della tua domanda.".into(),
        "assessment_started" => "INPS has started assessing your application.".into(),
        "application_accepted" if it => {
            "La domanda è stata accolta. Ora firma il Patto di attivazione digitale (PAD).".into()
        }
        "application_accepted" => {
            "Your application was accepted. Now sign the digital activation pact (PAD).".into()
        }
        "application_rejected" if it => format!("La domanda è stata respinta: {}.", text("reason")),
        "application_rejected" => format!("Your application was rejected: {}.", text("reason")),
        "pad_signed" if it => format!(
            "Hai firmato il PAD il {}. Presentati ai servizi sociali entro il {} (D.L. 48/2023, art. 4, c. 5).",
            date("signed_on"),
            date("first_meeting_due_on")
        ),
        "pad_signed" => format!(
            "You signed the PAD on {}. Go to social services by {} (D.L. 48/2023, art. 4, c. 5).",
            date("signed_on"),
            date("first_meeting_due_on")
        ),
        "pad_individuale_required" if it => format!(
            "I servizi sociali ti hanno indicato come attivabile al lavoro: firma il PAD individuale entro il {}.",
            date("due_on")
        ),
        "pad_individuale_required" => {
            format!(
                "Social services found you able to take up work: sign the individual pact by {}.",
                date("due_on")
            )
        }
        "pad_individuale_signed" if it => {
            format!("Hai firmato il PAD individuale il {}.", date("signed_on"))
        }
        "pad_individuale_signed" => {
            format!("You signed the individual pact on {}.", date("signed_on"))
        }
        "convocation_issued" if it => format!(
            "Nuova convocazione da {} per il {} presso {}.",
            text("issuer_name"),
            date("appointment_at"),
            text("place")
        ),
        "convocation_issued" => format!(
            "New convocation from {} for {} at {}.",
            text("issuer_name"),
            date("appointment_at"),
            text("place")
        ),
        "meeting_recorded" if it => format!(
            "È stato registrato l'incontro del {}: {}.",
            date("held_on"),
            outcome_label(&text("outcome"), lang).to_lowercase()
        ),
        "meeting_recorded" => format!(
            "The meeting of {} was recorded: {}.",
            date("held_on"),
            outcome_label(&text("outcome"), lang).to_lowercase()
        ),
        "suspended" if it => {
            format!("Il beneficio è sospeso dal {}: {}.", date("from_month"), text("reason"))
        }
        "suspended" => {
            format!("The benefit is suspended from {}: {}.", date("from_month"), text("reason"))
        }
        "reinstated" if it => {
            "Il beneficio è di nuovo attivo; le mensilità sospese saranno pagate come arretrati."
                .into()
        }
        "reinstated" => {
            "The benefit is active again; the suspended months will be paid as arrears.".into()
        }
        "decaduta" if it => format!(
            "Il nucleo ha perso il beneficio: {}. Una nuova domanda è possibile dal {}.",
            text("reason"),
            date("reapply_from")
        ),
        "decaduta" => {
            format!(
                "The household lost the benefit: {}. A new application is possible from {}.",
                text("reason"),
                date("reapply_from")
            )
        }
        "ended" if it => "Il beneficio si è concluso.".into(),
        "ended" => "The benefit has ended.".into(),
        "payment_recorded" if it => format!(
            "Pagamento del mese di {} effettuato il {}.",
            month_name(&p, lang),
            date("paid_on")
        ),
        "payment_recorded" => {
            format!("Payment for {} made on {}.", month_name(&p, lang), date("paid_on"))
        }
        "plan_signed" if it => {
            format!("È stato firmato un patto del tuo percorso ({}).", text("kind").to_uppercase())
        }
        "plan_signed" => {
            format!("A pact of your path was signed ({}).", text("kind").to_uppercase())
        }
        "sfl_confirmed" if it => "Hai confermato la partecipazione.".into(),
        "sfl_confirmed" => "You confirmed your participation.".into(),
        "contact_certified" => {
            // Older messages name no value: say the kind at least.
            let contact = contact_line(&text("kind"), &text("value"), lang);
            if it {
                format!(
                    "Hai certificato un nuovo contatto per le convocazioni: {}.",
                    contact.trim()
                )
            } else {
                format!("You certified a new contact for convocations: {}.", contact.trim())
            }
        }
        "candidacy_changed" => {
            let status = domain::candidacy::CandidacyStatus::from_code(&text("status"))
                .map(|s| super::candidacy::status_name(s, lang).to_lowercase())
                .unwrap_or_default();
            if it {
                format!("La candidatura per «{}» è ora: {status}.", text("title"))
            } else {
                format!("Your application for \"{}\" is now: {status}.", text("title"))
            }
        }
        "path_updated" => {
            let what = path_status_label(&text("kind"), &text("status"), lang);
            let title = text("title");
            let on = date("on");
            match (it, title.is_empty()) {
                (true, true) => format!("Aggiornamento del tuo percorso il {on}: {what}."),
                (true, false) => {
                    format!("Aggiornamento del tuo percorso il {on}: «{title}», {what}.")
                }
                (false, true) => format!("Your path was updated on {on}: {what}."),
                (false, false) => format!("Your path was updated on {on}: \"{title}\", {what}."),
            }
        }
        _ if it => "Aggiornamento sulla tua domanda.".into(),
        _ => "An update on your application.".into(),
    }
}

/// What a path update's kind is called (a heading of the timeline).
pub fn path_kind_label(kind: &str, lang: Lang) -> &'static str {
    lang.pick(match kind {
        "taking_in_charge" => {
            ["Presa in carico dei servizi sociali", "Taking in charge by social services"]
        }
        "activity" => ["Attività del percorso", "Path activity"],
        "sfl_participation" => ["Partecipazione SFL", "SFL participation"],
        _ => ["Aggiornamento", "Update"],
    })
}

/// A path update's stage or status, in words (lower case, to follow a colon).
pub fn path_status_label(kind: &str, status: &str, lang: Lang) -> &'static str {
    lang.pick(match (kind, status) {
        ("taking_in_charge", "received") => ["nucleo preso in carico", "household taken in charge"],
        ("taking_in_charge", "preliminary_assessment") => {
            ["analisi preliminare in corso", "preliminary assessment under way"]
        }
        ("taking_in_charge", "in_depth_assessment") => {
            ["quadro di analisi approfondito in corso", "in-depth assessment under way"]
        }
        ("taking_in_charge", "pais_drafting") => {
            ["patto per l'inclusione in preparazione", "inclusion pact being drafted"]
        }
        ("taking_in_charge", "referred_to_cpi") => {
            ["indirizzato al centro per l'impiego", "referred to the job centre"]
        }
        ("taking_in_charge", "closed") => ["presa in carico conclusa", "taking in charge closed"],
        ("activity", "planned") => ["attività programmata", "activity planned"],
        ("activity", "started") => ["attività iniziata", "activity started"],
        ("activity", "completed") => ["attività completata", "activity completed"],
        ("activity", "interrupted") => ["attività interrotta", "activity interrupted"],
        ("sfl_participation", "participating") => ["partecipazione in corso", "taking part"],
        ("sfl_participation", "suspended") => ["partecipazione sospesa", "participation suspended"],
        ("sfl_participation", "ended") => ["partecipazione conclusa", "participation ended"],
        _ => ["aggiornamento", "update"],
    })
}

fn month_name(p: &serde_json::Value, lang: Lang) -> String {
    p.get("month")
        .and_then(|v| v.as_str())
        .and_then(|s| domain::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .map(|d| {
            let long = long_date(d, lang);
            long.split_once(' ').map(|(_, rest)| rest.to_string()).unwrap_or(long)
        })
        .unwrap_or_default()
}

impl From<Lang> for domain::Lang {
    fn from(lang: Lang) -> domain::Lang {
        match lang {
            Lang::It => domain::Lang::It,
            Lang::En => domain::Lang::En,
        }
    }
}

/// A date as people read it, in `lang`.
pub fn long_date(date: domain::NaiveDate, lang: Lang) -> String {
    domain::explain::long_date(date, lang.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind the services write (`NotificationKind::code`) has its own sentence in both
    /// languages, not the generic fallback.
    #[test]
    fn every_notification_kind_has_its_own_text() {
        let kinds = [
            "application_received",
            "assessment_started",
            "application_accepted",
            "application_rejected",
            "pad_signed",
            "pad_individuale_required",
            "pad_individuale_signed",
            "convocation_issued",
            "meeting_recorded",
            "suspended",
            "reinstated",
            "decaduta",
            "ended",
            "payment_recorded",
            "plan_signed",
            "sfl_confirmed",
            "contact_certified",
            "candidacy_changed",
            "path_updated",
        ];
        for lang in Lang::ALL {
            let fallback = notification_text("unknown", "{}", lang);
            for kind in kinds {
                assert_ne!(notification_text(kind, "{}", lang), fallback, "{kind} in {lang:?}");
            }
        }
        let params = r#"{"signed_on":"2026-01-31","first_meeting_due_on":"2026-05-31"}"#;
        assert_eq!(
            notification_text("pad_signed", params, Lang::It),
            "Hai firmato il PAD il 31 gennaio 2026. Presentati ai servizi sociali entro il 31 maggio 2026 (D.L. 48/2023, art. 4, c. 5)."
        );
        assert!(
            notification_text(
                "payment_recorded",
                r#"{"month":"2026-03-01","paid_on":"2026-03-27"}"#,
                Lang::En
            )
            .starts_with("Payment for March 2026")
        );
    }

    #[test]
    fn error_codes_have_sentences() {
        for code in
            ["required", "wait", "expired", "too_many_tries", "wrong", "not_applicant", "tampered"]
        {
            assert_ne!(error_text(code, Lang::It), error_text("?", Lang::It), "{code}");
        }
    }
}
