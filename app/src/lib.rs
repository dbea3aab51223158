//! The SIISL web application: pages, components, translations and the server functions the
//! pages call, compiled for the server (feature `ssr`) and the browser (feature `hydrate`).
//!
//! The layers below it are crates of their own, so the compiler keeps the walls: `contract`
//! (the types exchanged, wasm-safe) and, on the server only, `store` (the data layer). A page
//! or component never reaches the database; a server function here only checks who asks,
//! calls one `store` service and returns its answer.
//!
//! The app is rendered in islands mode: pages are plain server-rendered HTML, and only the
//! components marked `#[island]` ship code to the browser. See ARCHITECTURE.md, "Page weight".

pub mod auth;
pub mod components;
pub mod drafts;
pub mod i18n;
pub mod pages;
pub mod request;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod state;

// The types pages render and server functions return, under the names pages use.
pub use contract::{
    candidacy, caseload, catalog, citizen, cv, demo, identity, operators, platforms, policy,
};

pub use shell::{App, shell};
