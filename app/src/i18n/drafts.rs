//! Messages of the draft keeper (the save state of long forms) and the offline pages.

use super::T;

pub const DRAFT_CLEAN: T = [
    "Quello che scrivi resta su questo dispositivo finché non lo salvi, anche senza connessione.",
    "What you type stays on this device until you save it, even without a connection.",
];
pub const DRAFT_SAVED: T = ["Salvato.", "Saved."];
pub const DRAFT_UNSENT: T = [
    "Modifiche non ancora inviate: sono conservate su questo dispositivo finché non invii il modulo.",
    "Changes not sent yet: they are kept on this device until you send the form.",
];
pub const DRAFT_SAVING: T = ["Salvataggio in corso…", "Saving…"];
pub const DRAFT_OFFLINE: T = [
    "Sei offline: le modifiche sono al sicuro su questo dispositivo e saranno inviate appena torna la connessione.",
    "You are offline: your changes are safe on this device and will be sent as soon as the connection is back.",
];
pub const DRAFT_SIGNED_OUT: T = [
    "La sessione è scaduta: le modifiche sono al sicuro su questo dispositivo e saranno inviate dopo che avrai effettuato di nuovo l'accesso.",
    "Your session has expired: your changes are safe on this device and will be sent once you have signed in again.",
];
pub const DRAFT_SIGN_IN: T = ["Accedi di nuovo", "Sign in again"];
pub const DRAFT_CONFLICT: T = [
    "Questi dati sono stati modificati altrove (in un'altra scheda o su un altro dispositivo). Scegli, campo per campo, quale versione tenere.",
    "This data was changed elsewhere (in another tab or on another device). Choose, field by field, which version to keep.",
];
pub const DRAFT_CONFLICT_TITLE: T =
    ["Scegli quale versione tenere", "Choose which version to keep"];
pub const DRAFT_MINE: T = ["La tua modifica", "Your change"];
pub const DRAFT_THEIRS: T = ["La versione salvata", "The saved version"];
pub const DRAFT_EMPTY: T = ["(vuoto)", "(empty)"];
pub const DRAFT_YES: T = ["sì", "yes"];
pub const DRAFT_APPLY: T = ["Salva le scelte", "Save my choices"];

pub const OFFLINE_TITLE: T = ["Sei offline", "You are offline"];
pub const OFFLINE_INTRO: T = [
    "Questa pagina non è disponibile senza connessione: le pagine con i tuoi dati non vengono conservate su questo dispositivo, per proteggere la tua riservatezza.",
    "This page is not available without a connection: pages with your data are not kept on this device, to protect your privacy.",
];
pub const OFFLINE_CV: T = [
    "Il curriculum si può compilare anche offline: quello che scrivi resta su questo dispositivo e viene inviato quando torna la connessione.",
    "Your CV can be filled in offline too: what you type stays on this device and is sent when the connection is back.",
];
pub const OFFLINE_CV_LINK: T = ["Apri il curriculum", "Open your CV"];
pub const OFFLINE_SHELL: T = [
    "Sei offline: vedi la copia di questa pagina conservata su questo dispositivo. Le modifiche saranno inviate quando torna la connessione.",
    "You are offline: this is the copy of this page kept on this device. Changes will be sent when the connection is back.",
];
