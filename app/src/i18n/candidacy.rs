//! Messages of candidacies: applying from an opportunity's page and "Le mie candidature".

use domain::candidacy::{CandidacyStatus, Refusal};

use super::Lang;
use super::T;

pub const TITLE: T = ["Le mie candidature", "My applications"];
pub const NAV: T = ["Candidature", "Applications"];
pub const INTRO: T = [
    "Le opportunità per cui hai inviato la candidatura, con lo stato di ciascuna. Lo stato cambia quando chi offre l'opportunità la esamina.",
    "The opportunities you applied for, and where each application stands. The status changes as the organiser reviews it.",
];
pub const NONE_YET: T = [
    "Non hai ancora inviato candidature. Cerca tra le opportunità e candidati da quelle che fanno per te.",
    "You have not applied for anything yet. Search the opportunities and apply from those that suit you.",
];
pub const FIND: T = ["Cerca opportunità", "Find opportunities"];
pub const SUGGESTED: T = ["Suggeriti per te", "Suggested for you"];
pub const HEADING: T = ["Candidatura", "Application"];
pub const APPLY: T = ["Invia la candidatura", "Send your application"];
pub const APPLY_EXPLAINED: T = [
    "Chi offre l'opportunità vedrà il tuo curriculum com'è ora, e i tuoi contatti se scegli di condividerli. Segui lo stato della candidatura in «Le mie candidature».",
    "The organiser will see your CV as it is now, and your contacts if you choose to share them. Follow your application in \"My applications\".",
];
pub const SHARE_CONTACTS: T = [
    "Condividi con chi ha pubblicato l'annuncio l'e-mail, il telefono e l'indirizzo del mio curriculum",
    "Share my CV's e-mail, phone and address with whoever published the ad",
];
pub const SIGN_IN: T = ["Accedi per candidarti", "Sign in to apply"];
pub const NEEDS_CV: T = [
    "Per candidarti serve il tuo curriculum: è ciò che chi offre l'opportunità riceve.",
    "To apply you need a CV: it is what the organiser receives.",
];
pub const WRITE_CV: T = ["Compila il curriculum", "Write your CV"];
pub const CLOSED: T = [
    "L'annuncio non è più pubblicato: non si accettano nuove candidature.",
    "The ad is no longer published: it takes no new applications.",
];
pub const SENT: T = [
    "Candidatura inviata. Ti avviseremo qui quando cambia lo stato.",
    "Application sent. You will see here when its status changes.",
];
pub const WITHDRAWN_DONE: T = ["Candidatura ritirata.", "Application withdrawn."];
pub const STATUS: T = ["Stato", "Status"];
pub const APPLIED_ON: T = ["Inviata il", "Sent on"];
pub const HISTORY: T = ["Cronologia", "History"];
pub const SEE_AD: T = ["Vedi l'annuncio", "See the ad"];
pub const AD_CLOSED: T = ["annuncio scaduto", "ad expired"];
pub const WITHDRAW: T = ["Ritira la candidatura", "Withdraw the application"];
pub const WITHDRAW_CONFIRM: T = [
    "Vuoi davvero ritirarla? Non potrai candidarti di nuovo a questa opportunità.",
    "Do you really want to withdraw it? You will not be able to apply for this opportunity again.",
];
pub const WITHDRAW_YES: T = ["Sì, ritira la candidatura", "Yes, withdraw it"];
pub const MY_APPLICATIONS: T = ["Vai a Le mie candidature", "Go to My applications"];
pub const APPLIED_BADGE: T = ["Candidatura inviata", "Applied"];
pub const UNAVAILABLE: T = [
    "Le candidature non sono disponibili in questo momento. Riprova tra qualche minuto.",
    "Applications are unavailable right now. Try again in a few minutes.",
];

/// The name of a status, as a short label.
pub fn status_name(status: CandidacyStatus, lang: Lang) -> &'static str {
    lang.pick(match status {
        CandidacyStatus::Sent => ["Inviata", "Sent"],
        CandidacyStatus::InReview => ["In valutazione", "In review"],
        CandidacyStatus::Interview => ["Colloquio", "Interview"],
        CandidacyStatus::Accepted => ["Accolta", "Accepted"],
        CandidacyStatus::NotSelected => ["Non selezionata", "Not selected"],
        CandidacyStatus::Withdrawn => ["Ritirata", "Withdrawn"],
    })
}

/// What a status means for the person.
pub fn status_meaning(status: CandidacyStatus, lang: Lang) -> &'static str {
    lang.pick(match status {
        CandidacyStatus::Sent => [
            "Chi offre l'opportunità non l'ha ancora esaminata.",
            "The organiser has not looked at it yet.",
        ],
        CandidacyStatus::InReview => [
            "Chi offre l'opportunità sta leggendo il tuo curriculum.",
            "The organiser is reading your CV.",
        ],
        CandidacyStatus::Interview => [
            "Chi offre l'opportunità ti ha invitato a un colloquio: controlla i tuoi recapiti.",
            "You have been invited to an interview: check your contacts.",
        ],
        CandidacyStatus::Accepted => {
            ["La candidatura è stata accolta.", "Your application was accepted."]
        }
        CandidacyStatus::NotSelected => {
            ["Questa volta è stata scelta un'altra persona.", "Someone else was chosen this time."]
        }
        CandidacyStatus::Withdrawn => {
            ["Hai ritirato la candidatura.", "You withdrew the application."]
        }
    })
}

/// Why the person may not apply (or could not), as a sentence; `on` is when they applied.
pub const PUC_ASSIGNED: T = [
    "I progetti utili alla collettività (PUC) non si scelgono con una candidatura: il Comune vi assegna chi riceve l'Assegno di Inclusione, e te lo comunica su SIISL.",
    "Community projects (PUC) are not applied for: the Comune assigns people receiving the Assegno di Inclusione to them, and tells them on SIISL.",
];

pub fn refusal_text(refusal: Refusal, on: Option<&str>, lang: Lang) -> String {
    match refusal {
        Refusal::AlreadyApplied => match (on, lang) {
            (Some(on), Lang::It) => format!(
                "Hai già inviato la candidatura per questa opportunità il {on}: non serve inviarla di nuovo. Lo stato è in «Le mie candidature»."
            ),
            (Some(on), Lang::En) => format!(
                "You already applied for this opportunity on {on}: there is no need to apply again. Its status is in \"My applications\"."
            ),
            (None, _) => lang
                .pick([
                    "Hai già inviato la candidatura per questa opportunità: non serve inviarla di nuovo.",
                    "You already applied for this opportunity: there is no need to apply again.",
                ])
                .to_string(),
        },
        Refusal::Closed => lang.pick(CLOSED).to_string(),
        Refusal::NoCv => lang.pick(NEEDS_CV).to_string(),
        Refusal::AssignedByComune => lang.pick(PUC_ASSIGNED).to_string(),
    }
}

/// A refused withdrawal or change, by its code.
pub fn change_refused(code: &str, lang: Lang) -> &'static str {
    lang.pick(match code {
        "closed" => [
            "Questa candidatura è già conclusa: non si può più ritirare.",
            "This application is already closed: it can no longer be withdrawn.",
        ],
        _ => [
            "La candidatura è cambiata nel frattempo: ecco lo stato attuale.",
            "The application changed in the meantime: here is where it stands now.",
        ],
    })
}
