use super::{Messages, Section};
use contract::auth::SignInError;

pub static MESSAGES: Messages = Messages {
    language_name: "Italiano",
    skip_to_content: "Vai al contenuto principale",
    institution: "Ministero del Lavoro e delle Politiche Sociali",
    site_name: "SIISL",
    site_tagline: "Sistema informativo per l'inclusione sociale e lavorativa",
    demo_badge: "Ambiente dimostrativo",
    menu_open: "Apri il menu",
    menu_close: "Chiudi il menu",
    nav_label: "Menu principale",
    nav_home: "Home",
    nav_adi: "Assegno di Inclusione",
    nav_sfl: "Supporto formazione e lavoro",
    nav_steps: "Come funziona",
    language_switch_label: "Lingua",

    home_title: "Inclusione sociale e lavoro, in un unico posto",
    home_lead: "Su SIISL chi ha chiesto l'Assegno di Inclusione o il Supporto per la formazione e il \
        lavoro firma il patto di attivazione, scrive il curriculum, trova offerte di lavoro, corsi, \
        tirocini e progetti utili alla collettività e segue il proprio beneficio.",
    home_adi_title: "Assegno di Inclusione (ADI)",
    home_adi_text: "Un sostegno mensile per i nuclei familiari con almeno un componente minorenne, \
        con disabilità, con almeno 60 anni o in un percorso di cura certificato. La domanda si \
        presenta all'INPS; su SIISL firmi il Patto di attivazione digitale del nucleo e segui le \
        scadenze.",
    home_sfl_title: "Supporto per la formazione e il lavoro (SFL)",
    home_sfl_text: "Un'indennità per le persone tra 18 e 59 anni che partecipano a corsi, tirocini, \
        progetti utili alla collettività o altre attività di formazione e lavoro. Su SIISL confermi \
        la partecipazione, compili il curriculum e scegli almeno tre agenzie per il lavoro.",
    home_steps_title: "Come funziona",
    home_steps: &[
        "Accedi con SPID o CIE: sei riconosciuto dal tuo codice fiscale.",
        "Leggi l'esito della domanda presentata all'INPS.",
        "Firma il patto di attivazione e certifica i tuoi contatti per ricevere le convocazioni.",
        "Presentati ai servizi sociali entro 120 giorni dalla firma, poi ogni 90 giorni.",
        "Scrivi il curriculum e cerca lavoro, corsi e tirocini adatti a te.",
    ],
    home_help_title: "Hai bisogno di aiuto?",
    home_help_text: "Puoi rivolgerti ai servizi sociali del tuo comune, a un centro per l'impiego o \
        a un patronato: ti aiutano a usare SIISL e a capire cosa devi fare.",

    footer_label: "Piè di pagina",
    footer_about: "SIISL è software libero: chiunque può verificarne il funzionamento.",
    footer_privacy: "Informativa privacy",
    footer_accessibility: "Dichiarazione di accessibilità",
    footer_data: "Fonti dei dati",

    privacy_title: "Informativa sul trattamento dei dati personali",
    privacy_sections: &[
        Section {
            heading: "Chi tratta i tuoi dati",
            paragraphs: &[
                "Titolare del trattamento è il Ministero del Lavoro e delle Politiche Sociali, che \
                 gestisce SIISL ai sensi dell'articolo 5 del decreto-legge 4 maggio 2023, n. 48. \
                 L'INPS tratta i dati come responsabile del trattamento per la gestione tecnica \
                 della piattaforma.",
                "Puoi contattare il Responsabile della protezione dei dati del Ministero all'indirizzo \
                 indicato nella sezione «Privacy» del sito istituzionale del Ministero.",
            ],
        },
        Section {
            heading: "Quali dati trattiamo",
            paragraphs: &[
                "I dati di identità che ricevi da SPID o CIE (nome, cognome, codice fiscale, data di \
                 nascita, indirizzo e-mail); i dati della domanda che arrivano dall'INPS; i contatti \
                 che certifichi per le convocazioni; il curriculum e le candidature che scegli di \
                 inserire; i registri tecnici degli accessi.",
                "Non trattiamo dati che non servono alle finalità indicate sotto. Non usiamo cookie di \
                 profilazione né strumenti di analisi di terze parti: usiamo solo cookie tecnici, \
                 necessari per la sessione e per ricordare la lingua scelta.",
            ],
        },
        Section {
            heading: "Perché li trattiamo",
            paragraphs: &[
                "Per adempiere agli obblighi di legge e ai compiti di interesse pubblico legati \
                 all'Assegno di Inclusione e al Supporto per la formazione e il lavoro (articolo 6, \
                 paragrafo 1, lettere c ed e, del Regolamento UE 2016/679): firmare i patti, \
                 informarti delle scadenze, trasmettere i tuoi dati ai servizi sociali, ai centri per \
                 l'impiego e alle agenzie per il lavoro che la legge o le tue scelte indicano, e \
                 proporti opportunità di lavoro e formazione.",
            ],
        },
        Section {
            heading: "Chi può vedere i tuoi dati",
            paragraphs: &[
                "Solo gli operatori dei servizi sociali e dei centri per l'impiego a cui il tuo nucleo \
                 è assegnato, e solo in lettura. Ogni loro accesso viene registrato e puoi vedere chi \
                 ha consultato i tuoi dati. I dati sono trasmessi all'INPS, alla piattaforma GePI e al \
                 Sistema informativo unitario delle politiche del lavoro come previsto dalla legge.",
            ],
        },
        Section {
            heading: "Per quanto tempo",
            paragraphs: &[
                "Per la durata del beneficio e per il tempo ulteriore previsto dalla normativa per \
                 controlli e contenziosi. I registri tecnici sono conservati per il tempo necessario \
                 alla sicurezza del servizio.",
            ],
        },
        Section {
            heading: "I tuoi diritti",
            paragraphs: &[
                "Puoi chiedere l'accesso ai tuoi dati, la rettifica, la limitazione e, nei casi \
                 previsti, la cancellazione o l'opposizione al trattamento (articoli 15-22 del \
                 Regolamento UE 2016/679). Se ritieni che il trattamento violi la normativa puoi \
                 presentare reclamo al Garante per la protezione dei dati personali.",
            ],
        },
    ],

    accessibility_title: "Dichiarazione di accessibilità",
    accessibility_sections: &[
        Section {
            heading: "Impegno",
            paragraphs: &[
                "Il Ministero del Lavoro e delle Politiche Sociali si impegna a rendere SIISL \
                 accessibile, conformemente alla legge 9 gennaio 2004, n. 4, e alle Linee guida AgID \
                 sull'accessibilità degli strumenti informatici, che richiamano la norma EN 301 549 e \
                 le WCAG 2.1 al livello AA.",
            ],
        },
        Section {
            heading: "Stato di conformità",
            paragraphs: &[
                "SIISL è parzialmente conforme: ogni pagina è verificata automaticamente a ogni \
                 modifica con axe-core sui criteri WCAG 2.1 A e AA, su uno schermo da telefono. La \
                 verifica manuale completa con tecnologie assistive è in corso e il suo esito sarà \
                 pubblicato qui.",
            ],
        },
        Section {
            heading: "Come è fatto",
            paragraphs: &[
                "Le pagine funzionano anche senza JavaScript, si possono usare da tastiera, rispettano \
                 i contrasti minimi, si adattano allo zoom fino al 400% e hanno un collegamento per \
                 saltare direttamente al contenuto.",
            ],
        },
        Section {
            heading: "Segnala un problema",
            paragraphs: &[
                "Se trovi un contenuto non accessibile scrivi al Ministero dai recapiti indicati nel \
                 sito istituzionale, descrivendo la pagina e il problema: riceverai risposta entro 30 \
                 giorni. Se la risposta non ti soddisfa puoi rivolgerti al Difensore civico per il \
                 digitale presso AgID.",
            ],
        },
        Section {
            heading: "Data della dichiarazione",
            paragraphs: &[
                "Dichiarazione redatta il 26 novembre 2026 e riesaminata a ogni rilascio.",
            ],
        },
    ],

    data_title: "Fonti dei dati",
    data_sections: &[
        Section {
            heading: "Comuni italiani",
            paragraphs: &[
                "Elenco dei comuni, codici catastali e province: ISTAT, «Elenco comuni italiani», \
                 aggiornato all'ANPR (maggio 2026), licenza CC BY. Coordinate dei confini e \
                 popolazione: Openpolis e ISTAT, licenza CC BY 4.0.",
            ],
        },
        Section {
            heading: "Professioni",
            paragraphs: &[
                "Classificazione delle professioni e voci professionali: ISTAT, «Classificazione delle professioni CP2011», licenza CC BY; voci professionali dalle tabelle di classificazione del Ministero del Lavoro (Comunicazioni Obbligatorie).",
            ],
        },
        Section {
            heading: "Competenze",
            paragraphs: &[
                "Competenze in italiano: © Unione europea, ESCO v1.0.1, riutilizzo con attribuzione (Decisione della Commissione 2011/833/UE), ordinate per frequenza negli annunci di lavoro italiani.",
            ],
        },
    ],

    sign_in: "Accedi",
    sign_in_title: "Accedi a SIISL",
    sign_in_intro: "Entra con la tua identità digitale, SPID o CIE: ti riconosciamo dal codice \
        fiscale, senza chiederti altre password.",
    sign_in_demo_note: "Ambiente dimostrativo: il gestore «Demo» simula SPID e CIE con persone \
        inventate. Nessun dato è reale.",
    sign_in_no_providers: "Al momento non è configurato nessun gestore di identità.",
    sign_in_failed_title: "Accesso non riuscito",
    sign_in_error_code: "Codice da comunicare all'assistenza",
    sign_in_error: sign_in_error_it,
    already_signed_in: "Hai già effettuato l'accesso come",
    personal_area: "Area personale",
    signed_in_as: "Hai effettuato l'accesso come",
    label_name: "Nome e cognome",
    label_codice_fiscale: "Codice fiscale",
    sessions_title: "Accessi attivi",
    sessions_intro: "Questi sono i dispositivi da cui risulti collegato. Se non ne riconosci uno, \
        terminalo.",
    session_current: "Questo dispositivo",
    session_started: "Accesso",
    session_last_seen: "Ultima attività",
    session_end: "Termina l'accesso",
    sessions_unavailable: "Non è stato possibile caricare gli accessi attivi.",
    sign_out: "Esci",
    signed_out_title: "Non hai effettuato l'accesso",
    signed_out_text: "Per vedere la tua area personale accedi con SPID o CIE.",
    demo_idp_title: "Gestore di identità dimostrativo",
    demo_idp_intro: "Questo gestore esiste solo nell'ambiente dimostrativo e simula SPID e CIE. \
        Scegli la persona inventata con cui entrare.",
    demo_idp_sign_in_as: "Entra come",
    demo_idp_bad_request: "La richiesta di accesso non è valida: torna a SIISL e riprova.",
    loading: "Caricamento…",

    operators_title: "Operatori",
    operators_intro: "Case manager dei servizi sociali, operatori dei centri per l'impiego e \
        amministratori: entrano con SPID o CIE e sono riconosciuti dal codice fiscale.",
    operators_link: "Gestione degli operatori",
    operators_saved: "Operatore salvato. Se era collegato, dovrà accedere di nuovo.",
    operators_empty: "Nessun operatore registrato.",
    operators_form_title: "Aggiungi o modifica un operatore",
    operators_form_help: "Con il codice fiscale di un operatore già registrato ne modifichi ruolo, \
        ente e stato.",
    operator_role: operator_role_it,
    operator_kind: operator_kind_it,
    operator_status_active: "Attivo",
    operator_status_suspended: "Sospeso",
    operator_suspend: "Sospendi",
    operator_reactivate: "Riattiva",
    operator_save: "Salva l'operatore",
    field_codice_fiscale: "Codice fiscale",
    field_given_name: "Nome",
    field_family_name: "Cognome",
    field_role: "Ruolo",
    field_organisation_kind: "Tipo di ente",
    field_organisation_code: "Codice dell'ente (codice catastale del comune o codice del CPI)",
    field_organisation_name: "Nome dell'ente",
    field_active: "Attivo",
    error_summary: "Il modulo contiene errori: correggi i campi indicati.",
    error_codice_fiscale: "Il codice fiscale non è valido: controlla i 16 caratteri.",
    error_required: "Campo obbligatorio.",
    error_too_long: "Il testo è troppo lungo.",
    error_choice: "Scegli uno dei valori proposti.",

    not_found_title: "Pagina non trovata",
    not_found_text: "La pagina che cerchi non esiste o è stata spostata. Controlla l'indirizzo o \
        torna alla pagina iniziale.",
    back_home: "Torna alla pagina iniziale",
    error_title: "Si è verificato un errore",
    error_text: "Non è stato possibile mostrare questa parte della pagina. Riprova tra qualche \
        istante; se il problema continua, contatta l'assistenza.",
};

fn sign_in_error_it(error: SignInError) -> &'static str {
    match error {
        SignInError::UnknownProvider => "Il gestore di identità scelto non esiste.",
        SignInError::ProviderUnavailable => {
            "Il gestore di identità non risponde. Riprova tra qualche minuto."
        }
        SignInError::AttemptMissing => {
            "L'accesso è scaduto o è già stato completato. Ricomincia dal pulsante di accesso."
        }
        SignInError::WrongState => {
            "La risposta del gestore di identità non corrisponde alla tua richiesta di accesso."
        }
        SignInError::ProviderRefused => "Il gestore di identità non ha concesso l'accesso.",
        SignInError::CodeRejected => {
            "Il gestore di identità ha rifiutato il codice di accesso, forse già usato."
        }
        SignInError::TokenSignature
        | SignInError::TokenIssuer
        | SignInError::TokenAudience
        | SignInError::TokenExpired
        | SignInError::TokenNonce
        | SignInError::TokenInvalid => {
            "L'attestazione di identità ricevuta non è valida, per cui non possiamo farti entrare."
        }
        SignInError::AcrTooLow => {
            "Il livello di sicurezza dell'identità usata non basta: serve almeno SPID di livello 2."
        }
        SignInError::FiscalNumberMissing => {
            "Il gestore di identità non ha comunicato il codice fiscale, che serve per riconoscerti."
        }
        SignInError::FiscalNumberInvalid => {
            "Il codice fiscale comunicato dal gestore di identità non è valido."
        }
    }
}

fn operator_role_it(role: crate::policy::Role) -> &'static str {
    use crate::policy::Role;
    match role {
        Role::Citizen => "Cittadino",
        Role::CaseManager => "Case manager dei servizi sociali",
        Role::CpiOperator => "Operatore del centro per l'impiego",
        Role::Administrator => "Amministratore",
        Role::Organisation => "Per conto di un'organizzazione",
    }
}

fn operator_kind_it(kind: &str) -> &'static str {
    match kind {
        "social_services" => "Servizi sociali del comune",
        "cpi" => "Centro per l'impiego",
        _ => "Piattaforma",
    }
}
