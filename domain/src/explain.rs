//! One-sentence explanations of obligations, in Italian and English: what to do, by when,
//! why (counted from which day, under which rule) and what happens otherwise.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::days_between;
use crate::deadlines::{Consequence, Obligation, ObligationKind};
use crate::facts::Venue;
use crate::rules::RuleId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    It,
    En,
}

const MONTHS_IT: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date written out as people read it ("3 marzo 2026", "3 March 2026").
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    let months = match lang {
        Lang::It => &MONTHS_IT,
        Lang::En => &MONTHS_EN,
    };
    format!("{} {} {}", date.day(), months[date.month0() as usize], date.year())
}

impl Obligation {
    /// Short title ("Primo incontro con i servizi sociali").
    pub fn title(&self, lang: Lang) -> &'static str {
        use ObligationKind::*;
        match (self.kind, lang) {
            (FirstMeeting, Lang::It) => "Primo incontro con i servizi sociali",
            (FirstMeeting, Lang::En) => "First meeting with social services",
            (AttendConvocation, Lang::It) => "Appuntamento di convocazione",
            (AttendConvocation, Lang::En) => "Convocation appointment",
            (PadIndividuale, Lang::It) => "Firma del PAD individuale",
            (PadIndividuale, Lang::En) => "Sign the individual pact (PAD individuale)",
            (Psp, Lang::It) => "Patto di servizio personalizzato (PSP)",
            (Psp, Lang::En) => "Personalised service pact (PSP)",
            (FollowUp, Lang::It) => "Presentazione periodica",
            (FollowUp, Lang::En) => "Regular check-in",
            (SflConfirmation, Lang::It) => "Conferma della partecipazione",
            (SflConfirmation, Lang::En) => "Confirm your participation",
        }
    }

    /// Why it applies: one sentence with the due date, the starting day and the law.
    pub fn explain(&self, lang: Lang) -> String {
        let due = long_date(self.due_on, lang);
        let from = long_date(self.trigger_on, lang);
        let days = days_between(self.trigger_on, self.due_on);
        // People read the law, not the platform's rule ids.
        let rule = self.rule.legal_reference();
        let place = |lang| match (self.venue, lang) {
            (Some(Venue::Cpi), Lang::It) => "al centro per l'impiego",
            (Some(Venue::Cpi), Lang::En) => "at the job centre",
            (_, Lang::It) => "ai servizi sociali del Comune",
            (_, Lang::En) => "at the municipality's social services",
        };
        use ObligationKind::*;
        match (self.kind, lang) {
            (FirstMeeting, Lang::It) => format!(
                "Il nucleo deve presentarsi {} entro il {due}, cioè entro {days} giorni dal {from} (firma del PAD o ultimo giustificato motivo; {rule}).",
                place(lang)
            ),
            (FirstMeeting, Lang::En) => format!(
                "The household must go {} by {due}, that is within {days} days of {from} (the pact's signature or the last justified reason; {rule}).",
                place(lang)
            ),
            (AttendConvocation, Lang::It) => format!(
                "Una convocazione ricevuta il {from} fissa un appuntamento {} il {due}: va rispettato o giustificato ({rule}).",
                place(lang)
            ),
            (AttendConvocation, Lang::En) => format!(
                "A convocation received on {from} sets an appointment {} on {due}: attend it or justify the absence ({rule}).",
                place(lang)
            ),
            (PadIndividuale, Lang::It) => format!(
                "Chi è attivabile al lavoro firma su SIISL il PAD individuale, con la dichiarazione di disponibilità, entro il {due}: {days} giorni dalla valutazione del {from} ({rule})."
            ),
            (PadIndividuale, Lang::En) => format!(
                "Members who can take up work sign the individual pact on SIISL, with the declaration of availability, by {due}: {days} days after the assessment of {from} ({rule})."
            ),
            (Psp, Lang::It) => format!(
                "Il centro per l'impiego deve sottoscrivere con te il patto di servizio entro il {due}: {days} giorni dalla valutazione del {from} ({rule})."
            ),
            (Psp, Lang::En) => format!(
                "The job centre must sign the service pact with you by {due}: {days} days after the assessment of {from} ({rule})."
            ),
            (FollowUp, Lang::It) => format!(
                "Dopo il primo incontro ci si presenta {} ogni {days} giorni: dall'ultimo incontro del {from} la prossima scadenza è il {due} ({rule}).",
                place(lang)
            ),
            (FollowUp, Lang::En) => format!(
                "After the first meeting you go {} every {days} days: counting from the last meeting on {from}, the next is due by {due} ({rule}).",
                place(lang)
            ),
            (SflConfirmation, Lang::It) => format!(
                "Chi riceve il Supporto per la formazione e il lavoro conferma la partecipazione ogni {days} giorni: dall'ultima conferma del {from} la prossima va data entro il {due} ({rule})."
            ),
            (SflConfirmation, Lang::En) => format!(
                "People receiving the Training and Work Support confirm their participation every {days} days: counting from the last confirmation on {from}, the next is due by {due} ({rule})."
            ),
        }
    }

    /// What happens if the obligation is missed.
    pub fn consequence_text(&self, lang: Lang) -> &'static str {
        // SFL is the person's own allowance (R14, R15): no household to speak of.
        if matches!(self.rule, RuleId::R14 | RuleId::R15) {
            return match lang {
                Lang::It => {
                    "Il Supporto per la formazione e il lavoro è sospeso finché non lo fai; poi riprende."
                }
                Lang::En => {
                    "The Training and Work Support is suspended until you do it; then it resumes."
                }
            };
        }
        match (self.consequence, self.kind, lang) {
            (
                Consequence::Suspension,
                ObligationKind::Psp | ObligationKind::PadIndividuale,
                Lang::It,
            ) => {
                "Il beneficio dell'intero nucleo è sospeso finché PAD individuale e patto di servizio non ci sono; poi le mensilità arretrate vengono pagate."
            }
            (
                Consequence::Suspension,
                ObligationKind::Psp | ObligationKind::PadIndividuale,
                Lang::En,
            ) => {
                "The whole household's benefit is suspended until the individual pact and the service pact are in place; the missed months are then paid."
            }
            (Consequence::Suspension, _, Lang::It) => {
                "Il beneficio dell'intero nucleo è sospeso dal mese successivo finché non ti presenti; poi le mensilità arretrate vengono pagate."
            }
            (Consequence::Suspension, _, Lang::En) => {
                "The whole household's benefit is suspended from the following month until you go; the missed months are then paid."
            }
            (Consequence::Decadenza, _, Lang::It) => {
                "Se non ti presenti senza un giustificato motivo, il nucleo perde il beneficio (decadenza) e può fare una nuova domanda solo dopo 6 mesi."
            }
            (Consequence::Decadenza, _, Lang::En) => {
                "If you do not attend and have no justified reason, the household loses the benefit and can apply again only after 6 months."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_in_both_languages() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        assert_eq!(long_date(date, Lang::It), "3 marzo 2026");
        assert_eq!(long_date(date, Lang::En), "3 March 2026");
    }
}
