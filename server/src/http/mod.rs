//! The HTTP layer outside Leptos: health probes, the language switch, static files and the
//! middleware every response passes through.

pub mod failure;
pub mod guard;
pub mod health;
pub mod input;
pub mod language;
pub mod middleware;
pub mod offline;
pub mod path;
pub mod proxy;
pub mod render;
pub mod static_files;
pub mod window;

pub use language::is_local_path;
