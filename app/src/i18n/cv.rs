//! Messages of the CV editor, the PAD individuale and the SFL steps (Italian, English).

use super::Lang;
use super::T;

pub const CV_TITLE: T = ["Il mio curriculum", "My CV"];
pub const CV_INTRO: T = [
    "Il curriculum segue il modello europeo Europass. Compila le sezioni nell'ordine che preferisci: ognuna si salva da sola.",
    "Your CV follows the European Europass model. Fill in the sections in any order: each one is saved on its own.",
];
pub const CV_WHY: T = [
    "Serve al centro per l'impiego e alle agenzie per proporti offerte adatte a te (D.L. 48/2023, art. 4 e art. 12).",
    "The job centre and the agencies use it to offer you suitable opportunities (D.L. 48/2023, art. 4 and art. 12).",
];
pub const CV_NAV: T = ["Sezioni del curriculum", "CV sections"];
pub const CV_PROGRESS: T = ["Sezioni compilate", "Sections filled in"];
pub const CV_EDIT: T = ["Modifica", "Edit"];
pub const CV_FILL: T = ["Compila", "Fill in"];
pub const CV_DONE: T = ["compilata", "filled in"];
pub const CV_TODO: T = ["da compilare", "to fill in"];
pub const CV_SAVED: T = ["Modifiche salvate.", "Changes saved."];
pub const CV_LAST_SAVED: T = ["Ultimo salvataggio", "Last saved"];
pub const CV_NOT_SAVED: T = ["Non ancora salvato", "Not saved yet"];
pub const CV_BACK: T = ["Torna al curriculum", "Back to the CV"];
pub const CV_SAVE: T = ["Salva", "Save"];
pub const CV_ADD: T = ["Aggiungi", "Add"];
pub const CV_REMOVE: T = ["Elimina", "Remove"];
pub const CV_CANCEL: T = ["Annulla", "Cancel"];
pub const CV_SUMMARY: T = ["Riepilogo", "Summary"];
pub const CV_EMPTY_SECTION: T = ["Nessuna informazione inserita.", "Nothing entered yet."];
pub const CV_ERRORS: T = [
    "Alcuni campi non sono corretti: trovi la spiegazione accanto a ciascuno.",
    "Some fields are not right: the explanation is next to each one.",
];
pub const CV_CONFLICT: T = [
    "Il curriculum è stato modificato da un'altra finestra o da un altro dispositivo. Quello che hai scritto è qui sotto: ricarica la pagina per vedere la versione salvata e riportalo.",
    "Your CV was changed in another window or on another device. What you typed is below: reload the page to see the saved version and copy it over.",
];
pub const CV_EXPORT: T =
    ["Scarica in formato Europass (JSON)", "Download in Europass format (JSON)"];
pub const CV_IMPORT: T = ["Importa da un file", "Import from a file"];
pub const CV_PRINT: T = ["Versione stampabile", "Printable version"];
pub const CV_PRINT_HINT: T = [
    "Usa il comando Stampa del browser per stamparlo o salvarlo in PDF.",
    "Use your browser's Print command to print it or save it as PDF.",
];
pub const CV_IMPORT_TITLE: T = ["Importa il curriculum", "Import your CV"];
pub const CV_IMPORT_INTRO: T = [
    "Scegli un file JSON scaricato da SIISL. Sostituisce tutto il curriculum attuale.",
    "Choose a JSON file downloaded from SIISL. It replaces your whole current CV.",
];
pub const CV_IMPORT_FILE: T =
    ["File del curriculum (JSON, massimo 256 KB)", "CV file (JSON, at most 256 KB)"];
pub const CV_IMPORT_SUBMIT: T = ["Importa", "Import"];
pub const CV_IMPORT_DONE: T = ["Curriculum importato.", "CV imported."];
pub const CV_IMPORT_FAILED: T = ["Il file non è stato importato.", "The file was not imported."];

pub const SEC_PERSONAL: T = ["Dati personali e contatti", "Personal and contact details"];
pub const SEC_EXPERIENCE: T = ["Esperienze di lavoro", "Work experience"];
pub const SEC_EDUCATION: T = ["Istruzione e formazione", "Education and training"];
pub const SEC_LANGUAGES: T = ["Lingue", "Languages"];
pub const SEC_DIGITAL: T = ["Competenze digitali", "Digital skills"];
pub const SEC_DRIVING: T = ["Patenti di guida", "Driving licences"];
pub const SEC_SKILLS: T = ["Competenze", "Skills"];
pub const SEC_AVAILABILITY: T = ["Disponibilità", "Availability"];
pub const SEC_ASPIRATIONS: T = ["Aspirazioni", "Aspirations"];

pub const F_GIVEN_NAME: T = ["Nome", "Given name"];
pub const F_FAMILY_NAME: T = ["Cognome", "Family name"];
pub const F_BIRTH_DATE: T = ["Data di nascita", "Date of birth"];
pub const F_EMAIL: T = ["Email", "Email"];
pub const F_PHONE: T = ["Telefono", "Phone"];
pub const F_MUNICIPALITY: T = ["Comune di residenza", "Municipality of residence"];
pub const F_ADDRESS: T = ["Indirizzo", "Address"];
pub const F_NATIONALITY: T = ["Cittadinanza", "Nationality"];
pub const F_OCCUPATION: T = ["Professione", "Occupation"];
pub const F_OCCUPATION_HINT: T = [
    "Scrivi il nome del lavoro, per esempio «magazziniere» o «aiuto cuoco», e scegli dall'elenco.",
    "Type the job's name, for example \"magazziniere\" or \"aiuto cuoco\", and pick from the list.",
];
pub const F_EMPLOYER: T = ["Datore di lavoro", "Employer"];
pub const F_PLACE: T = ["Luogo", "Place"];
pub const F_START: T = ["Data di inizio", "Start date"];
pub const F_END: T = ["Data di fine", "End date"];
pub const F_END_HINT: T =
    ["Lascia vuoto se lavori ancora lì.", "Leave empty if you still work there."];
pub const F_DESCRIPTION: T = ["Attività svolte", "What you did"];
pub const F_TITLE: T = ["Titolo o qualifica", "Title or qualification"];
pub const F_INSTITUTION: T = ["Scuola o ente", "School or institution"];
pub const F_EQF: T = ["Livello EQF", "EQF level"];
pub const F_EQF_HINT: T = [
    "Il livello europeo delle qualifiche: 3 qualifica professionale, 4 diploma, 6 laurea triennale, 7 laurea magistrale.",
    "The European qualifications level: 3 vocational qualification, 4 upper secondary diploma, 6 bachelor's degree, 7 master's degree.",
];
pub const F_EDU_END_HINT: T =
    ["Lascia vuoto se stai ancora studiando.", "Leave empty if you are still studying."];
pub const F_MOTHER_TONGUES: T = ["Lingue madri", "Mother tongues"];
pub const F_MOTHER_TONGUES_HINT: T = ["Separale con una virgola.", "Separate them with a comma."];
pub const F_LANGUAGE: T = ["Lingua", "Language"];
pub const F_TOOLS: T = ["Programmi e strumenti che usi", "Programs and tools you use"];
pub const F_TOOLS_HINT: T = [
    "Per esempio: Excel, posta elettronica, palmare di magazzino. Separali con una virgola.",
    "For example: Excel, e-mail, warehouse handheld. Separate them with a comma.",
];
pub const F_SKILL: T = ["Aggiungi una competenza", "Add a skill"];
pub const F_SKILL_HINT: T = [
    "Scrivi e scegli dall'elenco, per esempio «comunicazione» o «principi del lavoro di gruppo».",
    "Type and pick from the list, for example \"comunicazione\".",
];
pub const F_FULL_TIME: T = ["Tempo pieno", "Full time"];
pub const F_PART_TIME: T = ["Tempo parziale", "Part time"];
pub const F_HOURS: T = ["Orario che accetti", "Working hours you accept"];
pub const F_AVAILABLE_FROM: T = ["Disponibile dal", "Available from"];
pub const F_MAX_DISTANCE: T = ["Distanza massima da casa (km)", "Maximum distance from home (km)"];
pub const F_PLACES: T = ["Dove vorresti lavorare", "Where you would like to work"];
pub const F_ADD_MUNICIPALITY: T = ["Aggiungi un comune", "Add a municipality"];
pub const F_ADD_PROVINCE: T = ["Aggiungi una provincia", "Add a province"];
pub const F_CHOOSE: T = ["Scegli…", "Choose…"];
pub const F_NONE: T = ["Non indicato", "Not stated"];
pub const F_ASPIRATIONS: T =
    ["Che lavoro vorresti fare, e perché", "What job you would like, and why"];
pub const F_CURRENT: T = ["in corso", "ongoing"];
pub const F_CHOOSE_ONE: T = ["Intendevi uno di questi?", "Did you mean one of these?"];
pub const AC_RESULTS: T = [
    "suggerimenti disponibili: usa le frecce su e giù",
    "suggestions available: use the up and down arrows",
];
pub const AC_NONE: T = ["Nessun suggerimento", "No suggestions"];

pub const LANG_ACTIVITIES: [(&str, T); 5] = [
    ("listening", ["Ascolto", "Listening"]),
    ("reading", ["Lettura", "Reading"]),
    ("spoken_interaction", ["Interazione orale", "Spoken interaction"]),
    ("spoken_production", ["Produzione orale", "Spoken production"]),
    ("writing", ["Scrittura", "Writing"]),
];
pub const CEFR_HINT: T = [
    "Livelli del Quadro comune europeo: A1–A2 base, B1–B2 autonomo, C1–C2 avanzato.",
    "Common European Framework levels: A1–A2 basic, B1–B2 independent, C1–C2 proficient.",
];
pub const DIGCOMP_AREAS: [(&str, T); 5] = [
    ("information", ["Informazione e dati", "Information and data literacy"]),
    ("communication", ["Comunicazione e collaborazione", "Communication and collaboration"]),
    ("content_creation", ["Creazione di contenuti", "Digital content creation"]),
    ("safety", ["Sicurezza", "Safety"]),
    ("problem_solving", ["Risolvere problemi", "Problem solving"]),
];
pub const DIGCOMP_HINT: T = [
    "Aree del quadro europeo DigComp 2.2: indica il tuo livello in ciascuna.",
    "Areas of the European DigComp 2.2 framework: state your level in each.",
];

pub fn dig_level_label(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "foundation" => ["Base", "Foundation"],
        "intermediate" => ["Intermedio", "Intermediate"],
        "advanced" => ["Avanzato", "Advanced"],
        _ => ["Altamente specializzato", "Highly specialised"],
    })
}

/// A CV field's error, by the code the checks return.
pub fn cv_error_text(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "required" => ["Campo obbligatorio.", "This field is required."],
        "too_long" => ["Il testo è troppo lungo.", "The text is too long."],
        "control_character" | "bidi_control" => [
            "Il testo contiene caratteri non ammessi (caratteri di controllo o che invertono la direzione del testo).",
            "The text contains characters that are not allowed (control characters or ones that reverse the direction of the text).",
        ],
        "malformed" => ["Il formato non è valido.", "The format is not valid."],
        "date" => [
            "Scrivi una data valida (giorno, mese, anno).",
            "Enter a valid date (day, month, year).",
        ],
        "number" => ["Scrivi un numero intero.", "Enter a whole number."],
        "implausible" => ["La data non è plausibile.", "The date is not plausible."],
        "in_future" => [
            "La data è nel futuro: per un lavoro o un corso in corso lascia vuota la data di fine.",
            "The date is in the future: for an ongoing job or course leave the end date empty.",
        ],
        "before_start" => [
            "La data di fine è precedente a quella di inizio.",
            "The end date is before the start date.",
        ],
        "unknown" => [
            "Non è nell'elenco: scegli uno dei suggerimenti.",
            "Not in the list: pick one of the suggestions.",
        ],
        "choose" => ["Più voci corrispondono: scegline una.", "Several entries match: pick one."],
        "invalid" => ["Scegli uno dei valori proposti.", "Pick one of the values offered."],
        "out_of_range" => ["Indica un numero tra 1 e 1000.", "Enter a number between 1 and 1000."],
        "too_many" => [
            "Hai raggiunto il numero massimo di voci.",
            "You have reached the maximum number of entries.",
        ],
        "duplicate" => ["È già presente.", "It is already there."],
        "no_item" => [
            "La voce non esiste più: ricarica la pagina.",
            "That entry no longer exists: reload the page.",
        ],
        "conflict" => [
            "Il curriculum è stato modificato altrove: ricarica la pagina.",
            "The CV was changed elsewhere: reload the page.",
        ],
        "json" => {
            ["Il file non è un curriculum SIISL valido.", "The file is not a valid SIISL CV."]
        }
        "schema" => [
            "Il file non dichiara il formato del curriculum SIISL.",
            "The file does not declare the SIISL CV format.",
        ],
        "file_missing" => ["Scegli un file.", "Choose a file."],
        "too_large" => ["Il file è troppo grande.", "The file is too large."],
        _ => ["Valore non valido.", "Invalid value."],
    })
}

pub const PADI_NEXT_ADI: T = [
    "I tuoi dati e il curriculum vanno al centro per l'impiego, che ti convoca per il patto di servizio personalizzato (PSP) entro 60 giorni dalla valutazione dei servizi sociali. Le convocazioni ti arrivano su SIISL.",
    "Your details and CV go to the job centre, which invites you to sign the personalised service pact (PSP) within 60 days of the social services' assessment. Convocations reach you on SIISL.",
];
pub const PADI_NEXT_SFL: T = [
    "I tuoi dati e il curriculum vanno al centro per l'impiego e alle agenzie per il lavoro che hai scelto, che ti proporranno corsi, tirocini e lavori. Il centro per l'impiego ti convoca per il patto di servizio; il Supporto si paga per i mesi in cui partecipi a un'attività.",
    "Your details and CV go to the job centre and the employment agencies you chose, which will offer you courses, internships and jobs. The job centre invites you to sign the service pact; the allowance is paid for the months you take part in an activity.",
];
pub const PADI_TITLE: T = ["Patto di attivazione individuale", "Individual activation pact"];
pub const PADI_INTRO_ADI: T = [
    "I servizi sociali ti hanno indicato come «attivabile al lavoro»: firma il patto individuale, che contiene la dichiarazione di immediata disponibilità al lavoro (DID), e compila il curriculum (D.L. 48/2023, art. 4, c. 5).",
    "Social services marked you as \"able to take part in work activation\": sign the individual pact, which includes the declaration of immediate availability for work (DID), and fill in your CV (D.L. 48/2023, art. 4, c. 5).",
];
pub const PADI_INTRO_SFL: T = [
    "Per ricevere il Supporto per la formazione e il lavoro firma il patto individuale con la DID e scegli almeno tre agenzie per il lavoro (D.L. 48/2023, art. 12).",
    "To receive the Training and Work Support sign the individual pact with the DID and choose at least three employment agencies (D.L. 48/2023, art. 12).",
];
pub const PADI_NOT_NEEDED: T = [
    "Il patto individuale riguarda chi è attivabile al lavoro o ha chiesto il Supporto per la formazione e il lavoro. Per te non è richiesto.",
    "The individual pact concerns people able to take part in work activation or who applied for the Training and Work Support. You do not need to sign it.",
];
pub const PADI_ENROL_FIRST: T = [
    "Prima conferma l'adesione al Supporto per la formazione e il lavoro dalla pagina Il mio SIISL.",
    "First confirm your enrolment in the Training and Work Support from the My SIISL page.",
];
pub const PADI_NOT_YET: T = [
    "Potrai firmare il patto individuale quando la domanda sarà attiva.",
    "You can sign the individual pact once the application is active.",
];
pub const PADI_ALREADY: T =
    ["Hai firmato il patto individuale.", "You have signed the individual pact."];
pub const PADI_DID_TITLE: T = [
    "Dichiarazione di immediata disponibilità (DID)",
    "Declaration of immediate availability (DID)",
];
pub const PADI_DID: T = [
    "Dichiaro di essere immediatamente disponibile a svolgere un'attività di lavoro e a partecipare alle misure di politica attiva concordate con il centro per l'impiego.",
    "I declare that I am immediately available for work and to take part in the active labour policy measures agreed with the job centre.",
];
pub const PADI_AGENCIES: T =
    ["Agenzie per il lavoro (almeno tre)", "Employment agencies (at least three)"];
pub const PADI_AGENCIES_HINT: T = [
    "Le agenzie scelte riceveranno il tuo curriculum e potranno proporti offerte. Sono indicate le sedi più vicine per prime.",
    "The agencies you choose will receive your CV and may offer you jobs. Branches nearest to you are listed first.",
];
pub const PADI_NO_AGENCIES: T =
    ["Il registro delle agenzie non è disponibile.", "The agency register is not available."];
pub const PADI_CONSENT: T = [
    "Acconsento all'invio dei miei dati (patto e curriculum) al centro per l'impiego e alle agenzie scelte.",
    "I consent to my data (pact and CV) being sent to the job centre and the chosen agencies.",
];
pub const PADI_CONFIRM: T =
    ["Ho letto il patto e confermo la firma.", "I have read the pact and confirm my signature."];
pub const PADI_SIGN: T = ["Firma il patto individuale", "Sign the individual pact"];
pub const PADI_SEE_RECEIPT: T = ["Vedi la ricevuta", "See the receipt"];
pub const PADI_RECEIPT_TITLE: T =
    ["Ricevuta del patto individuale", "Receipt of the individual pact"];
pub const PADI_CV_FIRST: T = [
    "Ti consigliamo di compilare il curriculum: sarà inviato insieme al patto.",
    "We suggest you fill in your CV: it will be sent together with the pact.",
];
pub const PADI_ERR_AGENCIES: T = ["Scegli almeno tre agenzie.", "Choose at least three agencies."];
pub const PADI_ERR_UNKNOWN_AGENCY: T = [
    "Una delle agenzie non è più nel registro: ricarica la pagina.",
    "One of the agencies is no longer registered: reload the page.",
];
pub const PADI_ERR_DID: T = [
    "Per firmare il patto serve la dichiarazione di disponibilità.",
    "The declaration of availability is needed to sign the pact.",
];
pub const PADI_ERR_CONSENT: T =
    ["Serve il consenso all'invio dei dati.", "Consent to sending the data is needed."];

pub const SFL_ENROL_TITLE: T = [
    "Conferma l'adesione al Supporto per la formazione e il lavoro",
    "Confirm your enrolment in the Training and Work Support",
];
pub const SFL_ENROL_TEXT: T = [
    "L'INPS ha verificato i requisiti. Conferma l'adesione, poi compila il curriculum e firma il patto individuale scegliendo almeno tre agenzie per il lavoro.",
    "INPS checked the requirements. Confirm your enrolment, then fill in your CV and sign the individual pact choosing at least three employment agencies.",
];
pub const SFL_ENROL: T = ["Confermo l'adesione", "I confirm my enrolment"];
pub const SFL_ENROLLED: T = ["Adesione confermata il", "Enrolment confirmed on"];
pub const SFL_CONFIRM_BUTTON: T = ["Confermo la partecipazione", "I confirm my participation"];
pub const SFL_CONFIRMED: T = ["Partecipazione confermata.", "Participation confirmed."];
pub const STEP_CV: T = ["Compila il curriculum", "Fill in your CV"];
pub const STEP_PADI: T = ["Firma il patto individuale", "Sign the individual pact"];
pub const NAV_CV: T = ["Curriculum", "CV"];
