//! SIISL's data layer, server only: the sea-orm entities, the queries that read them and the
//! services that change them (the welfare services, the catalogue, CVs, candidacies, the
//! caseload, the machine API's ledger, the outboxes, the audit trail), plus the reference
//! vocabularies (occupations, skills, municipalities).
//!
//! Pages never see this crate's rows: services answer with `contract` types or with their own
//! plain values, and every business rule that needs the database is checked here, once, so the
//! HTTP handlers and server functions only parse, call and render.

pub mod account;
pub mod audit;
pub mod candidacy;
pub mod caseload;
pub mod catalog;
pub mod citizen;
pub mod cv;
// The tables, private: services answer with the rows (under their service's names) or with
// `contract` types, and only this crate builds queries. Tests and benchmarks may arrange and
// inspect rows directly (the feature is a dev-dependency of `server`, so no production build
// has it).
#[cfg(feature = "entities-for-tests")]
pub mod entity;
#[cfg(not(feature = "entities-for-tests"))]
mod entity;
pub mod interop;
pub mod local_time;
pub mod matching;
pub mod operator;
pub mod organisation;
pub mod outbound;
pub mod publishing;
pub mod reference;
pub mod session;
pub mod sign_in_attempt;
pub mod situation;
pub mod vocabulary;
pub mod welfare;

/// The connection every service takes (its type named here, so callers need not depend on
/// sea-orm to hold one).
pub use sea_orm::DatabaseConnection;
