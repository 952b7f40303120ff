//! One folder per audience, one file per page.

pub mod account;
pub mod admin;
pub mod applicant;
pub mod juror;
pub mod messages;
pub mod programme;
pub mod public;
pub mod staff;
