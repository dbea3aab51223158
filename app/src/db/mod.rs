//! Data access (server only): sea-orm entities and the services that read and write them.

pub mod municipality;
pub mod reference;
