//! The SIISL server: configuration, database, HTTP stack. `main.rs` only dispatches commands.

pub mod admin;
pub mod api;
pub mod audit_chain;
pub mod auth;
pub mod candidacy;
pub mod caseload;
pub mod citizen;
pub mod config;
pub mod cv;
pub mod db;
pub mod delivery;
pub mod demo_catalog;
pub mod demo_data;
pub mod demo_idp;
pub mod endpoints;
pub mod http;
pub mod organisations;
pub mod outbox;
pub mod page_routes;
pub mod platforms;
pub mod policy;
pub mod startup;
pub mod telemetry;

/// mimalloc serves every allocation of the binaries built on this crate (the server, the
/// simulator, the tests and benches). A request is many small allocations across the runtime's
/// threads: with glibc's allocator, malloc and free were an eighth of the CPU the interop load
/// bench spent, and mimalloc raised its rate by about 6%.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
