//! The SIISL server: configuration, database, HTTP stack. `main.rs` only dispatches commands.

pub mod config;
pub mod db;
pub mod http;
pub mod startup;
pub mod telemetry;
