//! Texts of the administrators' page for the platforms' API clients.

pub use super::T;

pub const TITLE: T = ["Piattaforme collegate (API)", "Connected platforms (API)"];
pub const CLIENTS_NAV: T = ["Piattaforme", "Platforms"];
pub const INTRO: T = [
    "INPS, GePI e SIU inviano a SIISL gli eventi delle domande e dei percorsi. Ogni piattaforma usa un client con un segreto: il segreto è mostrato una sola volta, quando viene creato; SIISL ne conserva solo l'impronta. Un client può inviare solo gli eventi della propria piattaforma.",
    "INPS, GePI and SIU send SIISL the events of applications and paths. Each platform uses a client with a secret: the secret is shown once, when it is created; SIISL keeps only its fingerprint. A client can send only its own platform's events.",
];
pub const DOCUMENT: T = ["Documentazione OpenAPI dell'API", "The API's OpenAPI document"];
pub const NEW_TITLE: T = ["Nuovo client", "New client"];
pub const NAME: T = ["Nome del client", "Client name"];
pub const PLATFORM: T = ["Piattaforma", "Platform"];
pub const CREATE: T = ["Crea il client", "Create the client"];
pub const SECRET_TITLE: T = ["Segreto del client", "Client secret"];
pub const SECRET_ONCE: T = [
    "Copialo ora e consegnalo alla piattaforma per un canale sicuro: non sarà più mostrato.",
    "Copy it now and hand it to the platform over a secure channel: it will not be shown again.",
];
pub const SECRET_OVERLAP: T =
    ["Il segreto precedente resta valido fino al", "The previous secret keeps working until"];
pub const CLIENT_ID: T = ["Identificativo (client_id)", "Identifier (client_id)"];
pub const SECRET: T = ["Segreto (client_secret)", "Secret (client_secret)"];
pub const EMPTY: T = ["Nessun client registrato.", "No client registered."];
pub const CREATED: T = ["Creato il", "Created on"];
pub const ROTATED: T = ["Ultimo cambio segreto", "Last secret change"];
pub const STATE: T = ["Stato", "State"];
pub const ACTIVE: T = ["Attivo", "Active"];
pub const SUSPENDED: T = ["Sospeso", "Suspended"];
pub const ACTIONS: T = ["Azioni", "Actions"];
pub const ROTATE: T = ["Nuovo segreto", "New secret"];
pub const SUSPEND: T = ["Sospendi", "Suspend"];
pub const REACTIVATE: T = ["Riattiva", "Reactivate"];
pub const SAVED: T = ["Modifica salvata.", "Change saved."];
pub const NEVER: T = ["mai", "never"];
pub const PREVIOUS_UNTIL: T = ["precedente valido fino al", "previous valid until"];

/// A refused field's message.
pub fn error_text(code: &str, lang: super::Lang) -> &'static str {
    lang.pick(match code {
        "required" => ["Scrivi il nome del client.", "Enter the client's name."],
        "too_long" => ["Al massimo 200 caratteri.", "At most 200 characters."],
        "platform" => ["Scegli INPS, GePI o SIU.", "Choose INPS, GePI or SIU."],
        _ => ["Valore non valido.", "Invalid value."],
    })
}

pub const DELIVERY_TITLE: T = ["Invii alle piattaforme", "Deliveries to the platforms"];
pub const DELIVERIES_NAV: T = ["Invii", "Deliveries"];
pub const DELIVERY_INTRO: T = [
    "Quando un nucleo firma il PAD, SIISL lo invia ai servizi sociali (GePI); quando un attivabile firma il PAD individuale, invia patto e CV al centro per l'impiego (SIU) e alle agenzie scelte. Ogni invio è ritentato con attese crescenti; dopo troppi tentativi resta «non consegnato» finché non lo ritenti.",
    "When a household signs the PAD, SIISL sends it to social services (GePI); when an attivabile signs the individual pact, it sends the pact and CV to the job centre (SIU) and the chosen agencies. Each delivery is retried with growing waits; after too many attempts it stays \"not delivered\" until you retry it.",
];
pub const DELIVERY_ALL: T = ["Tutti", "All"];
pub const DELIVERY_EMPTY: T = ["Nessun invio.", "No deliveries."];
pub const DESTINATION: T = ["Destinatario", "Destination"];
pub const KIND: T = ["Contenuto", "Content"];
pub const PROTOCOL: T = ["Protocollo", "Protocol"];
pub const ATTEMPTS: T = ["Tentativi", "Attempts"];
pub const LAST_ERROR: T = ["Ultimo errore", "Last error"];
pub const NEXT_ATTEMPT: T = ["Prossimo tentativo", "Next attempt"];
pub const DELIVERED_AT: T = ["Consegnato il", "Delivered on"];
pub const RETRY: T = ["Ritenta ora", "Retry now"];
pub const RETRIED: T = ["L'invio è di nuovo in coda.", "The delivery is queued again."];
pub const COUNTS_CAPTION: T = ["Invii per stato", "Deliveries by state"];

pub fn delivery_state(code: &str, lang: super::Lang) -> &'static str {
    lang.pick(match code {
        "pending" => ["In attesa", "Pending"],
        "failing" => ["In errore, sarà ritentato", "Failing, will be retried"],
        "delivered" => ["Consegnato", "Delivered"],
        "dead" => ["Non consegnato (tentativi esauriti)", "Not delivered (attempts exhausted)"],
        _ => ["Sconosciuto", "Unknown"],
    })
}

pub fn delivery_kind(code: &str, lang: super::Lang) -> &'static str {
    lang.pick(match code {
        "household_referred" => ["Nucleo (PAD firmato)", "Household (PAD signed)"],
        "attivabile_referred" => {
            ["Attivabile (PAD individuale e CV)", "Attivabile (individual pact and CV)"]
        }
        _ => ["Messaggio", "Message"],
    })
}
