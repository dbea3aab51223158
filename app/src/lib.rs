//! The SIISL web application: pages, components and server functions shared by the
//! server (feature `ssr`) and the browser (feature `hydrate`).
//!
//! The app is rendered in islands mode: pages are plain server-rendered HTML, and only the
//! components marked `#[island]` ship code to the browser. See ARCHITECTURE.md, "Page weight".

pub mod auth;
pub mod candidacy;
pub mod caseload;
pub mod catalog;
pub mod citizen;
pub mod components;
pub mod cv;
pub mod demo;
pub mod drafts;
pub mod i18n;
pub mod identity;
pub mod operators;
pub mod pages;
pub mod platforms;
pub mod policy;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod vocabulary;

pub use shell::{App, shell};
