//! What SIISL's pages and server functions exchange: the serialisable types a server function
//! returns and a page renders, with the pure helpers that belong to them (parsing a search URL,
//! checking a codice fiscale, the roles and the rules of the access policy).
//!
//! Compiled for the server and for the browser alike, so it depends on nothing that cannot run
//! in WebAssembly: no database, no HTTP server, no Leptos. The data layer (`store`) fills these
//! types; the pages (`app`) render them.

pub mod auth;
pub mod candidacy;
pub mod caseload;
pub mod catalog;
pub mod citizen;
pub mod cv;
pub mod demo;
pub mod identity;
pub mod operators;
pub mod organisations;
pub mod platforms;
pub mod policy;
