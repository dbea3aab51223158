//! The sea-orm entities, one per table (the migrations in `migrations/` create them). Private
//! to this crate: the services build every query, and hand out rows only as the plain values
//! they return (re-exported under a service's name, e.g. `session::Session`).

pub mod account;
pub mod agency;
pub mod agency_branch;
pub mod api_client;
pub mod api_token;
pub mod application;
pub mod assignment;
pub mod audit;
pub mod candidacy;
pub mod candidacy_event;
pub mod certified_contact;
pub mod convocation;
pub mod convocation_receipt;
pub mod convocation_request;
pub mod cv;
pub mod data_access;
pub mod household;
pub mod inbound_event;
pub mod meeting;
pub mod member;
pub mod municipality;
pub mod notification;
pub mod office;
pub mod one_time_code;
pub mod operator;
pub mod opportunity;
pub mod opportunity_skill;
pub mod opportunity_text;
pub mod organisation;
pub mod organisation_member;
pub mod outbox_message;
pub mod pad_individuale;
pub mod pad_nucleo;
pub mod path_update;
pub mod payment;
pub mod plan;
pub mod plan_activity;
pub mod platform_message;
pub mod registration;
pub mod session;
pub mod sfl_confirmation;
pub mod sfl_enrolment;
pub mod sign_in_attempt;
pub mod status_change;
