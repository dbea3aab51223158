//! Messages of the catalogue (search and opportunity pages), Italian and English.

use domain::catalog::{Contract, Kind};

use super::Lang;
use super::T;
use crate::catalog::{Notice, Sort};

pub const CAT_TITLE: T = ["Opportunità di lavoro e formazione", "Jobs and training"];
pub const CAT_HEADING: T =
    ["Offerte di lavoro, corsi, tirocini e progetti", "Jobs, courses, internships and projects"];
pub const CAT_INTRO: T = [
    "Aperto a tutti: cerca per parola, luogo e distanza. Non serve accedere.",
    "Open to everyone: search by word, place and distance. No sign-in needed.",
];
pub const CAT_WHAT: T = ["Cosa cerchi", "What are you looking for"];
pub const CAT_WHAT_HINT: T = [
    "Per esempio: magazziniere, cuoco, corso di inglese",
    "For example: warehouse, cook, English course (the ads are in Italian: common English job words are searched in Italian)",
];
pub const CAT_WHERE: T = ["Dove", "Where"];
pub const CAT_WHERE_HINT: T = ["Un comune o una provincia", "A municipality or a province"];
pub const CAT_RADIUS: T = ["Distanza dal comune", "Distance from the municipality"];
pub const CAT_RADIUS_NONE: T = ["Solo nel comune scelto", "Only in the chosen municipality"];
pub const CAT_NEAR_HOME: T = ["Cerca entro 30 km da casa", "Search within 30 km of home"];
pub const CAT_HOME: T = ["Vicino a casa", "Near home"];
pub const CAT_MORE_FILTERS: T = ["Altri filtri", "More filters"];
pub const CAT_ACTIVE: T = ["attivi", "active"];
pub const CAT_KIND: T = ["Tipo", "Type"];
pub const CAT_CONTRACT: T = ["Contratto", "Contract"];
pub const CAT_ANY: T = ["Qualsiasi", "Any"];
pub const CAT_HOURS: T = ["Orario minimo", "Minimum hours"];
pub const CAT_FULL_TIME: T = ["Tempo pieno", "Full time"];
pub const CAT_OF_FULL_TIME: T = ["del tempo pieno", "of full time"];
pub const CAT_STARTS_FROM: T = ["Inizio dal", "Starting from"];
pub const CAT_STARTS_BY: T = ["Inizio entro il", "Starting by"];
pub const CAT_SORT: T = ["Ordina per", "Sort by"];
pub const CAT_SEARCH: T = ["Cerca", "Search"];
pub const CAT_CLEAR: T = ["Nuova ricerca", "New search"];
pub const CAT_RESULTS: T = ["Risultati", "Results"];
pub const CAT_NONE: T = [
    "Nessuna opportunità corrisponde alla ricerca. Prova con meno parole, un raggio più ampio o meno filtri.",
    "No opportunity matches the search. Try fewer words, a wider radius or fewer filters.",
];
pub const CAT_CAPPED: T = [
    "Sono mostrate le 1.000 più recenti: aggiungi parole o filtri per restringere la ricerca.",
    "The 1,000 most recent are shown: add words or filters to narrow the search.",
];
pub const CAT_PAGES: T = ["Pagine dei risultati", "Result pages"];
pub const CAT_PREVIOUS: T = ["Precedente", "Previous"];
pub const CAT_NEXT: T = ["Successiva", "Next"];
pub const CAT_PAGE: T = ["Pagina", "Page"];
pub const CAT_OF: T = ["di", "of"];
pub const CAT_NOTICES: T = ["Alcune scelte sono state ignorate", "Some choices were ignored"];
pub const CAT_ONLINE: T = ["Online", "Online"];
pub const CAT_FROM: T = ["da", "from"];
pub const CAT_STARTS: T = ["Inizio", "Starts"];
pub const CAT_PUBLISHED: T = ["Pubblicata il", "Published on"];
pub const CAT_EXPIRES: T = ["Candidature fino al", "Open until"];
pub const CAT_BACK: T = ["Torna ai risultati", "Back to the results"];
pub const CAT_PLACE: T = ["Luogo", "Place"];
pub const CAT_OCCUPATION: T = ["Professione (ISTAT)", "Occupation (ISTAT)"];
pub const CAT_HOURS_LABEL: T = ["Orario", "Hours"];
pub const CAT_PAY: T = ["Retribuzione", "Pay"];
pub const CAT_ALLOWANCE: T = ["Indennità", "Allowance"];
pub const CAT_PAY_NONE: T = ["Non indicata", "Not stated"];
pub const CAT_GROSS_MONTH: T = ["lordi al mese", "gross a month"];
pub const CAT_MONTH: T = ["al mese", "a month"];
pub const CAT_END: T = ["Fine", "Ends"];
pub const CAT_DURATION: T = ["Durata", "Length"];
pub const CAT_MONTHS: T = ["mesi", "months"];
pub const CAT_ONE_MONTH: T = ["mese", "month"];
pub const CAT_TOTAL_HOURS: T = ["ore", "hours"];
pub const CAT_WEEKLY_HOURS: T = ["ore a settimana", "hours a week"];
pub const CAT_EQF: T = ["Livello EQF", "EQF level"];
pub const CAT_TOPIC: T = ["Ambito", "Field"];
pub const CAT_DESCRIPTION: T = ["Descrizione", "Description"];
pub const CAT_SKILLS: T = ["Competenze richieste", "Skills asked for"];
pub const CAT_EXPIRED: T = [
    "Questa opportunità è scaduta: non compare più nei risultati di ricerca.",
    "This opportunity has expired: it no longer appears in search results.",
];
pub const CAT_NOT_FOUND: T = ["Opportunità non trovata", "Opportunity not found"];
pub const CAT_NOT_FOUND_TEXT: T = [
    "Non esiste un'opportunità a questo indirizzo. Cerca tra quelle pubblicate.",
    "There is no opportunity at this address. Search the published ones.",
];
pub const CAT_KM_FROM: T = ["km da", "km from"];
pub const CAT_UNDER_1_KM: T = ["meno di 1 km da", "less than 1 km from"];
pub const CAT_NAV: T = ["Opportunità", "Opportunities"];
pub const CAT_PICK_PLACE: T = ["Scegli il luogo", "Choose the place"];

pub fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    lang.pick(match kind {
        Kind::Job => ["Lavoro", "Job"],
        Kind::Course => ["Corso", "Course"],
        Kind::Internship => ["Tirocinio", "Internship"],
        Kind::Puc => ["Progetto utile alla collettività (PUC)", "Community project (PUC)"],
    })
}

/// The plural, for the kind filter.
pub fn kind_filter_name(kind: Kind, lang: Lang) -> &'static str {
    lang.pick(match kind {
        Kind::Job => ["Offerte di lavoro", "Jobs"],
        Kind::Course => ["Corsi di formazione", "Training courses"],
        Kind::Internship => ["Tirocini", "Internships"],
        Kind::Puc => ["Progetti utili alla collettività", "Community projects"],
    })
}

pub fn contract_name(contract: Contract, lang: Lang) -> &'static str {
    lang.pick(match contract {
        Contract::Permanent => ["Tempo indeterminato", "Permanent"],
        Contract::FixedTerm => ["Tempo determinato", "Fixed-term"],
        Contract::Apprenticeship => ["Apprendistato", "Apprenticeship"],
        Contract::Agency => ["Somministrazione", "Agency work"],
        Contract::Seasonal => ["Stagionale", "Seasonal"],
    })
}

pub fn sort_name(sort: Sort, lang: Lang) -> &'static str {
    lang.pick(match sort {
        Sort::Relevance => ["Pertinenza", "Relevance"],
        Sort::Distance => ["Distanza", "Distance"],
        Sort::Newest => ["Più recenti", "Newest"],
        Sort::Affinity => ["Suggeriti per te", "Suggested for you"],
    })
}

/// What a notice says; refused values are quoted as typed (the page escapes them).
pub fn notice_text(notice: &Notice, lang: Lang) -> String {
    let it = lang == Lang::It;
    match notice {
        Notice::TextCut => lang
            .pick([
                "Il testo cercato era troppo lungo: sono stati usati i primi 200 caratteri.",
                "The search text was too long: its first 200 characters were used.",
            ])
            .into(),
        Notice::TooManyWords => lang
            .pick([
                "Sono state usate solo le prime 8 parole della ricerca.",
                "Only the first 8 words of the search were used.",
            ])
            .into(),
        Notice::UnknownKind(v) if it => format!("Il tipo «{v}» non esiste: il filtro è stato ignorato."),
        Notice::UnknownKind(v) => format!("There is no type «{v}»: the filter was ignored."),
        Notice::UnknownPlace(v) if it => {
            format!("Non conosciamo il luogo «{v}»: la ricerca è in tutta Italia.")
        }
        Notice::UnknownPlace(v) => format!("We do not know the place «{v}»: searching all of Italy."),
        Notice::AmbiguousPlace(v, _) if it => {
            format!("«{v}» corrisponde a più luoghi: scegli quello giusto qui sotto.")
        }
        Notice::AmbiguousPlace(v, _) => format!("«{v}» matches several places: choose one below."),
        Notice::HomeNeedsSignIn => lang
            .pick([
                "Per cercare vicino a casa accedi con SPID o CIE.",
                "Sign in with SPID or CIE to search near your home.",
            ])
            .into(),
        Notice::HomeUnknown => lang
            .pick([
                "Non conosciamo il tuo comune di residenza: indicalo nel curriculum o scegli un luogo.",
                "We do not know your municipality: add it to your CV or choose a place.",
            ])
            .into(),
        Notice::BadRadius(v) if it => format!(
            "La distanza «{v}» non è valida (da 1 a {} km): è stata ignorata.",
            crate::catalog::MAX_RADIUS_KM
        ),
        Notice::BadRadius(v) => format!(
            "The distance «{v}» is not valid (1 to {} km): it was ignored.",
            crate::catalog::MAX_RADIUS_KM
        ),
        Notice::RadiusNeedsPlace => lang
            .pick([
                "Per cercare entro una distanza scegli prima un comune.",
                "Choose a municipality to search within a distance.",
            ])
            .into(),
        Notice::RadiusNeedsMunicipality => lang
            .pick([
                "La distanza si misura da un comune: la provincia è stata cercata per intero.",
                "Distance is measured from a municipality: the whole province was searched.",
            ])
            .into(),
        Notice::UnknownContract(v) if it => {
            format!("Il contratto «{v}» non esiste: il filtro è stato ignorato.")
        }
        Notice::UnknownContract(v) => format!("There is no contract «{v}»: the filter was ignored."),
        Notice::BadHours(v) if it => {
            format!("L'orario «{v}» non è valido (da 1 a 100%): è stato ignorato.")
        }
        Notice::BadHours(v) => format!("The hours «{v}» are not valid (1 to 100%): ignored."),
        Notice::BadDate(v) if it => {
            format!("La data «{v}» non è valida (usa GG/MM/AAAA): è stata ignorata.")
        }
        Notice::BadDate(v) => format!("The date «{v}» is not valid: it was ignored."),
        Notice::DatesReversed => lang
            .pick([
                "La data «entro il» precede quella «dal»: è stata ignorata.",
                "The \"by\" date is before the \"from\" date: it was ignored.",
            ])
            .into(),
        Notice::UnknownSort(v) if it => {
            format!("L'ordine «{v}» non esiste: i risultati sono per pertinenza.")
        }
        Notice::UnknownSort(v) => format!("There is no order «{v}»: results are by relevance."),
        Notice::AffinityNeedsCv => lang
            .pick([
                "I suggerimenti si basano sul tuo CV: accedi e compila il CV. Intanto i risultati sono per pertinenza.",
                "Suggestions are based on your CV: sign in and fill in your CV. Meanwhile results are by relevance.",
            ])
            .into(),
        Notice::DistanceNeedsPlace => lang
            .pick([
                "Per ordinare per distanza scegli un comune: i risultati sono per pertinenza.",
                "Choose a municipality to sort by distance: results are by relevance.",
            ])
            .into(),
        Notice::BadPage(v) if it => format!("La pagina «{v}» non esiste: ecco la prima."),
        Notice::BadPage(v) => format!("There is no page «{v}»: here is the first."),
        Notice::PageBeyond(last) if it => {
            format!("La pagina richiesta non esiste: ecco l'ultima ({last}). Restringi la ricerca per vedere altro.")
        }
        Notice::PageBeyond(last) => {
            format!("That page does not exist: here is the last one ({last}). Narrow the search to see more.")
        }
        Notice::Unavailable => lang
            .pick([
                "La ricerca non è disponibile in questo momento. Riprova tra poco.",
                "Search is not available right now. Please try again shortly.",
            ])
            .into(),
    }
}

/// "1.234" in Italian, "1,234" in English.
pub fn thousands(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = if lang == Lang::It { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// "1.234 risultati", "più di 10.000 risultati".
pub fn results_count(total: u64, capped: bool, lang: Lang) -> String {
    let n = thousands(total, lang);
    match (lang, capped, total) {
        (Lang::It, true, _) => format!("Più di {n} risultati"),
        (Lang::En, true, _) => format!("More than {n} results"),
        (Lang::It, false, 1) => "1 risultato".into(),
        (Lang::En, false, 1) => "1 result".into(),
        (Lang::It, false, _) => format!("{n} risultati"),
        (Lang::En, false, _) => format!("{n} results"),
    }
}

pub const CAT_SUGGESTED: T = ["Suggeriti per te", "Suggested for you"];
pub const CAT_SUGGESTED_INTRO: T = [
    "Scelti tra le 500 offerte più recenti entro la distanza indicata nel tuo CV da casa, e online (o tra quelle che corrispondono alla ricerca), ordinati per affinità con il CV.",
    "Chosen among the 500 most recent offers within the distance in your CV from home, and online (or those matching the search), ordered by affinity with your CV.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_by_thousands() {
        assert_eq!(thousands(0, Lang::It), "0");
        assert_eq!(thousands(1234, Lang::It), "1.234");
        assert_eq!(thousands(1_234_567, Lang::En), "1,234,567");
        assert_eq!(results_count(1, false, Lang::It), "1 risultato");
        assert_eq!(results_count(10_000, true, Lang::It), "Più di 10.000 risultati");
        assert_eq!(results_count(1_000, true, Lang::En), "More than 1,000 results");
    }
}
