//! The server's integration tests, in one binary: one link instead of one per file, which on
//! this project's 2-core machines saves minutes of every CI run. Each module is an area
//! (`citizen`, `cv`, `interop`, …); `cargo test -p server --test integration citizen::` runs one.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

mod access;
mod audit_chain;
mod authorization;
mod candidacy;
mod caseload;
mod catalog;
mod citizen;
mod cli;
mod cv;
mod data_layer;
mod delivery;
mod domain_services;
mod house;
mod http;
mod interop;
mod offline;
mod operators;
mod organisations;
mod publishing;
mod sign_in;
