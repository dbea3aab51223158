//! The error pages (401, 403, 405, 500, 503): what happened, in words, and the way on.

use super::Lang;
use super::T;

pub const HOME: T = ["Torna alla pagina iniziale", "Back to the home page"];
pub const SIGN_IN: T = ["Accedi", "Sign in"];
pub const INCIDENT: T = [
    "Se il problema continua, comunica all'assistenza questo codice:",
    "If the problem persists, give support this code:",
];

/// The title and the sentence of the error page for `status`.
pub fn page_text(status: u16, signed_in: bool, lang: Lang) -> (&'static str, &'static str) {
    let [it, en] = match status {
        401 => [
            (
                "Accesso necessario",
                "Per continuare accedi con SPID o CIE. Se stavi compilando un modulo, quello che hai scritto è conservato su questo dispositivo e sarà inviato dopo l'accesso.",
            ),
            (
                "Sign-in required",
                "Sign in with SPID or CIE to go on. If you were filling in a form, what you typed is kept on this device and sent once you have signed in.",
            ),
        ],
        403 if signed_in => [
            (
                "Pagina non disponibile per il tuo profilo",
                "Questa pagina o questa operazione non è prevista per il profilo con cui hai effettuato l'accesso.",
            ),
            (
                "Not available to your profile",
                "This page or action is not available to the profile you signed in with.",
            ),
        ],
        403 => [
            (
                "Richiesta rifiutata",
                "La richiesta è stata rifiutata: se è partita da un altro sito, torna su SIISL e riprova da qui.",
            ),
            (
                "Request refused",
                "The request was refused: if it came from another site, come back to SIISL and try again from here.",
            ),
        ],
        405 => [
            ("Operazione non disponibile", "Questo indirizzo si usa solo dai moduli del sito."),
            ("Action not available", "This address is used only by the site's forms."),
        ],
        503 => [
            (
                "Servizio momentaneamente non disponibile",
                "Non è stato possibile completare la richiesta. Riprova tra qualche minuto: quello che hai inviato non è andato perso se la pagina lo dice salvato.",
            ),
            (
                "Service temporarily unavailable",
                "The request could not be completed. Try again in a few minutes: what you sent is not lost if the page said it was saved.",
            ),
        ],
        _ => [
            (
                "Si è verificato un errore",
                "Non è stato possibile completare la richiesta. Riprova tra qualche istante.",
            ),
            (
                "Something went wrong",
                "The request could not be completed. Please try again shortly.",
            ),
        ],
    };
    match lang {
        Lang::It => it,
        Lang::En => en,
    }
}
