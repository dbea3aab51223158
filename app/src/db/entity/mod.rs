//! sea-orm entities of the domain tables (migrations `m20261126_000005_domain` to `…000014_platform_outbox`). Only the
//! services in `db::welfare` (and `db::catalog` for the catalogue) write them.

pub mod agency;
pub mod agency_branch;
pub mod api_client;
pub mod api_token;
pub mod application;
pub mod assignment;
pub mod candidacy;
pub mod candidacy_event;
pub mod certified_contact;
pub mod convocation;
pub mod convocation_receipt;
pub mod cv;
pub mod data_access;
pub mod household;
pub mod inbound_event;
pub mod meeting;
pub mod member;
pub mod notification;
pub mod office;
pub mod one_time_code;
pub mod opportunity;
pub mod opportunity_skill;
pub mod opportunity_text;
pub mod outbox_message;
pub mod pad_individuale;
pub mod pad_nucleo;
pub mod path_update;
pub mod payment;
pub mod plan;
pub mod plan_activity;
pub mod platform_message;
pub mod registration;
pub mod sfl_confirmation;
pub mod sfl_enrolment;
pub mod status_change;
