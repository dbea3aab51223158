//! sea-orm entities of the domain tables (migration `m20261126_000005_domain`). Only the
//! services in `db::welfare` write them.

pub mod application;
pub mod certified_contact;
pub mod convocation;
pub mod convocation_receipt;
pub mod household;
pub mod meeting;
pub mod member;
pub mod notification;
pub mod office;
pub mod one_time_code;
pub mod outbox_message;
pub mod pad_individuale;
pub mod pad_nucleo;
pub mod payment;
pub mod plan;
pub mod plan_activity;
pub mod registration;
pub mod sfl_confirmation;
pub mod status_change;
