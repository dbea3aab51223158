//! Messages of matching: the affinity explanation and the congruous-offer verdict.

use domain::matching::{Check, Clause, Congruity, Finding, Missing, Outcome, Part, Verdict};

use super::Lang;
use super::T;

pub const FOR_YOU: T = ["Quanto fa per te", "How well it suits you"];
pub const AFFINITY: T = ["Affinità", "Affinity"];
pub const OUT_OF: T = ["su", "out of"];
pub const WHY: T = ["Perché te la suggeriamo", "Why we suggest it"];
pub const MISSING: T = ["Cosa manca", "What is missing"];
pub const NOTHING_MISSING: T =
    ["Nulla: corrisponde in tutto al tuo CV.", "Nothing: it matches your CV in full."];
pub const ADVISORY: T = [
    "L'affinità è un consiglio calcolato dal tuo CV: non obbliga a nulla.",
    "Affinity is advice computed from your CV: it binds you to nothing.",
];
pub const POINTS: T = ["punti", "points"];
pub const CONGRUOUS_HEADING: T = ["È un'offerta congrua?", "Is it a congruous offer?"];
pub const RULE_NOTE: T = [
    "Offerta congrua secondo il D.L. 48/2023, art. 9. La distanza è in linea d'aria: il tempo con i mezzi pubblici (120 minuti) non è ancora calcolato. La retribuzione è confrontata con un minimo di riferimento unico, perché le tabelle dei contratti collettivi non sono ancora disponibili.",
    "Suitable offer under D.L. 48/2023, art. 9. Distance is a straight line: travel time by public transport (120 minutes) is not computed yet. Pay is compared with a single reference minimum, because the collective agreements' tables are not available yet.",
];
pub const PUC_BINDING: T = [
    "È un progetto utile alla collettività di almeno 8 ore settimanali: se ti viene assegnato, rifiutarlo comporta la decadenza dal beneficio (D.L. 48/2023, art. 6, c. 5).",
    "This is a community project of at least 8 hours a week: if it is assigned to you, refusing it means losing the benefit (D.L. 48/2023, art. 6, c. 5).",
];

pub fn factor_name(part: &Part, lang: Lang) -> &'static str {
    use domain::matching::Factor;
    lang.pick(match part.factor {
        Factor::Occupation => ["Esperienza", "Experience"],
        Factor::Skills => ["Competenze", "Skills"],
        Factor::Distance => ["Distanza", "Distance"],
        Factor::Availability => ["Disponibilità", "Availability"],
        Factor::Education => ["Istruzione", "Education"],
    })
}

fn hours_word(full_time: bool, lang: Lang) -> &'static str {
    lang.pick(if full_time {
        ["tempo pieno", "full time"]
    } else {
        ["tempo parziale", "part time"]
    })
}

/// What a factor found, in one or two sentences: what counts for the offer, or what is short.
pub fn finding_text(finding: &Finding, lang: Lang) -> String {
    let it = lang == Lang::It;
    match finding {
        Finding::Occupation { shared: 5, closest } => {
            let job = closest.clone().unwrap_or_default();
            if it {
                format!("Hai già svolto questo lavoro ({job}).")
            } else {
                format!("You have done this job before ({job}).")
            }
        }
        Finding::Occupation { shared: 3 | 4, closest } => {
            let job = closest.clone().unwrap_or_default();
            if it {
                format!("Hai esperienza in un lavoro affine: {job}.")
            } else {
                format!("You have experience in a related job: {job}.")
            }
        }
        Finding::Occupation { shared: 1 | 2, closest } => {
            let job = closest.clone().unwrap_or_default();
            if it {
                format!("Hai esperienza nello stesso gruppo di professioni ({job}), non in questa.")
            } else {
                format!(
                    "You have experience in the same group of occupations ({job}), not in this one."
                )
            }
        }
        Finding::Occupation { .. } => lang
            .pick([
                "Il CV non riporta esperienze in questa professione.",
                "Your CV shows no experience in this occupation.",
            ])
            .to_string(),
        Finding::Skills { have, missing } => {
            let total = have.len() + missing.len();
            let mut text = if it {
                format!("Hai {} delle {total} competenze richieste", have.len())
            } else {
                format!("You have {} of the {total} skills asked for", have.len())
            };
            if !have.is_empty() {
                text.push_str(&format!(": {}", have.join(", ")));
            }
            text.push('.');
            if !missing.is_empty() {
                text.push_str(&if it {
                    format!(" Non risultano dal CV: {}.", missing.join(", "))
                } else {
                    format!(" Not in your CV: {}.", missing.join(", "))
                });
            }
            text
        }
        Finding::Distance { km, reach_km } if u32::from(*reach_km) < *km => {
            if it {
                format!(
                    "È a {km} km da casa, oltre la distanza massima che hai indicato ({reach_km} km)."
                )
            } else {
                format!(
                    "It is {km} km from home, beyond the maximum distance you gave ({reach_km} km)."
                )
            }
        }
        Finding::Distance { km, reach_km } => {
            if it {
                format!("È a {km} km da casa; la tua distanza massima è {reach_km} km.")
            } else {
                format!("It is {km} km from home; your maximum distance is {reach_km} km.")
            }
        }
        Finding::Online => lang.pick(["Si svolge online.", "It takes place online."]).to_string(),
        Finding::NotCompared(domain::matching::Silent::Offer) => lang
            .pick([
                "L'annuncio non lo indica: conta per metà, né a favore né contro.",
                "The ad does not say: it counts for half, neither for nor against.",
            ])
            .to_string(),
        Finding::NotCompared(domain::matching::Silent::Cv) => lang
            .pick([
                "Il curriculum non lo indica: conta per metà. Completalo per un confronto vero.",
                "Your CV does not say: it counts for half. Complete it for a real comparison.",
            ])
            .to_string(),
        Finding::HomeUnknown => lang
            .pick([
                "Il CV non indica il comune di residenza: la distanza non si può valutare.",
                "Your CV gives no municipality of residence: distance cannot be weighed.",
            ])
            .to_string(),
        Finding::Availability { hours_fit, full_time, from_fits } => {
            let mut parts = Vec::new();
            match hours_fit {
                Some(true) => parts.push(if it {
                    format!("Il {} è tra gli orari che accetti.", hours_word(*full_time, lang))
                } else {
                    format!(
                        "{} is among the hours you accept.",
                        capitalise(hours_word(*full_time, lang))
                    )
                }),
                Some(false) => parts.push(if it {
                    format!(
                        "Nel CV non hai indicato disponibilità per il {}.",
                        hours_word(*full_time, lang)
                    )
                } else {
                    format!(
                        "Your CV does not say you are available for {}.",
                        hours_word(*full_time, lang)
                    )
                }),
                None => {}
            }
            parts.push(
                lang.pick(if *from_fits {
                    [
                        "Sei disponibile dalla data di inizio.",
                        "You are available by the start date.",
                    ]
                } else {
                    [
                        "La tua disponibilità comincia dopo la data di inizio.",
                        "Your availability begins after the start date.",
                    ]
                })
                .to_string(),
            );
            parts.join(" ")
        }
        Finding::Education { required, have: Some(have) } if have >= required => {
            if it {
                format!(
                    "Il tuo titolo (livello EQF {have}) basta: di solito serve il livello {required}."
                )
            } else {
                format!(
                    "Your qualification (EQF level {have}) is enough: level {required} is usually needed."
                )
            }
        }
        Finding::Education { required, have } => {
            let have = have.map_or_else(
                || {
                    lang.pick([
                        "nessun titolo concluso nel CV",
                        "no finished qualification in your CV",
                    ])
                    .to_string()
                },
                |h| {
                    if it {
                        format!("nel CV il livello {h}")
                    } else {
                        format!("your CV has level {h}")
                    }
                },
            );
            if it {
                format!("Di solito serve un titolo di livello EQF {required}; {have}.")
            } else {
                format!("EQF level {required} is usually needed; {have}.")
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The verdict's headline and what it means for the person: the consequences of refusing are
/// said only to people with a benefit they could lose (`concerned`).
pub fn verdict_text(c: &Congruity, concerned: bool, lang: Lang) -> (&'static str, &'static str) {
    match c.verdict {
        Verdict::Congruous if !concerned => (
            lang.pick(["Offerta congrua", "Congruous offer"]),
            lang.pick([
                "Per chi riceve l'Assegno di Inclusione o il Supporto per la formazione e il lavoro, un'offerta congrua proposta va accettata. Tu non hai un beneficio in corso: per te non ha conseguenze.",
                "People receiving the Assegno di Inclusione or the Training and Work Support must accept a congruous offer made to them. You have no benefit now: it has no consequences for you.",
            ]),
        ),
        Verdict::Congruous => (
            lang.pick(["Offerta congrua", "Congruous offer"]),
            lang.pick([
                "Se ti viene proposta, va accettata: rifiutarla comporta la decadenza dal beneficio per tutto il nucleo (D.L. 48/2023, art. 8).",
                "If it is offered to you, you must accept it: refusing it means the whole household loses the benefit (D.L. 48/2023, art. 8).",
            ]),
        ),
        Verdict::NotCongruous => (
            lang.pick(["Offerta non congrua", "Not a congruous offer"]),
            lang.pick([
                "Puoi rifiutarla senza conseguenze sul beneficio.",
                "You may refuse it without consequences for the benefit.",
            ]),
        ),
        Verdict::Undetermined => (
            lang.pick(["Non si può stabilire", "Cannot be determined"]),
            lang.pick([
                "Manca un'informazione: chiedila al datore di lavoro o al tuo operatore prima di decidere.",
                "A fact is missing: ask the employer or your case worker before deciding.",
            ]),
        ),
    }
}

fn missing_text(m: Missing, lang: Lang) -> &'static str {
    lang.pick(match m {
        Missing::Contract => {
            ["Il tipo di contratto non è indicato.", "The contract type is not stated."]
        }
        Missing::Home => [
            "Non conosciamo il tuo comune di residenza.",
            "We do not know your municipality of residence.",
        ],
        Missing::Workplace => {
            ["Il luogo di lavoro non è indicato.", "The workplace is not stated."]
        }
        Missing::Hours => ["L'orario non è indicato.", "The hours are not stated."],
        Missing::Pay => ["La retribuzione non è indicata.", "The pay is not stated."],
    })
}

/// One clause: its mark (met / not met / unknown) and its sentence.
pub fn check_text(check: &Check, children_under_14: bool, lang: Lang) -> (&'static str, String) {
    let it = lang == Lang::It;
    let mark = match check.outcome {
        Outcome::Met => lang.pick(["Rispettata", "Met"]),
        Outcome::NotMet => lang.pick(["Non rispettata", "Not met"]),
        Outcome::Unknown(_) => lang.pick(["Da verificare", "To be checked"]),
    };
    let text = match (check.clause, check.outcome) {
        (_, Outcome::Unknown(m)) => missing_text(m, lang).to_string(),
        (Clause::Place, _)
            if !check.distance_applies
                && check.contract == Some(domain::catalog::Contract::Apprenticeship) =>
        {
            lang.pick([
                "Apprendistato: un contratto a tempo indeterminato con formazione (D.Lgs. 81/2015, art. 41), per questo è congrua ovunque in Italia.",
                "Apprenticeship: a permanent contract with training (D.Lgs. 81/2015, art. 41), so it is congruous anywhere in Italy.",
            ])
            .to_string()
        }
        (Clause::Place, _) if !check.distance_applies => lang
            .pick([
                "Contratto a tempo indeterminato: è congrua ovunque in Italia.",
                "Permanent contract: it is congruous anywhere in Italy.",
            ])
            .to_string(),
        (Clause::Place, outcome) => {
            let km = check.km.unwrap_or_default();
            let within = outcome == Outcome::Met;
            let mut text = match (it, within) {
                (true, true) => format!("A {km} km da casa, entro gli 80 km."),
                (true, false) => format!("A {km} km da casa, oltre gli 80 km."),
                (false, true) => format!("{km} km from home, within 80 km."),
                (false, false) => format!("{km} km from home, beyond 80 km."),
            };
            if children_under_14 {
                text.push(' ');
                text.push_str(lang.pick([
                    "Con figli sotto i 14 anni il limite vale per ogni contratto.",
                    "With children under 14 the limit applies to every contract.",
                ]));
            }
            text
        }
        (Clause::Hours, Outcome::Met) => {
            lang.pick(["Almeno il 60% del tempo pieno.", "At least 60% of full time."]).to_string()
        }
        (Clause::Hours, _) => {
            lang.pick(["Meno del 60% del tempo pieno.", "Less than 60% of full time."]).to_string()
        }
        (Clause::Pay, outcome) => {
            let min = check.minimum_pay.unwrap_or_default();
            match (it, outcome == Outcome::Met) {
                (true, true) => format!(
                    "Retribuzione non inferiore al minimo di riferimento per questo orario (€ {min} lordi al mese)."
                ),
                (true, false) => format!(
                    "Retribuzione sotto il minimo di riferimento per questo orario (€ {min} lordi al mese)."
                ),
                (false, true) => format!(
                    "Pay at or above the reference minimum for these hours (€ {min} gross a month)."
                ),
                (false, false) => format!(
                    "Pay below the reference minimum for these hours (€ {min} gross a month)."
                ),
            }
        }
    };
    (mark, text)
}

pub fn clause_name(clause: Clause, lang: Lang) -> &'static str {
    lang.pick(match clause {
        Clause::Place => ["Contratto e distanza", "Contract and distance"],
        Clause::Hours => ["Orario", "Hours"],
        Clause::Pay => ["Retribuzione", "Pay"],
    })
}
