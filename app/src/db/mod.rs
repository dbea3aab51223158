//! Data access (server only): sea-orm entities and the services that read and write them.

pub mod account;
pub mod audit;
pub mod candidacy;
pub mod caseload;
pub mod catalog;
pub mod citizen;
pub mod cv;
pub mod entity;
pub mod interop;
pub mod matching;
pub mod municipality;
pub mod operator;
pub mod outbound;
pub mod reference;
pub mod session;
pub mod sign_in_attempt;
pub mod situation;
pub mod welfare;
