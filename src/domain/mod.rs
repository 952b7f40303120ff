//! Pure business rules, shared by the server and the browser (no I/O).

pub mod account;
pub mod attachment;
pub mod candidature;
pub mod candidature_form;
pub mod charter;
pub mod cohort;
pub mod criteria;
pub mod csv;
pub mod error;
pub mod evidence;
pub mod i18n;
pub mod jury;
pub mod mail;
pub mod programme;
pub mod publication;
pub mod screening;
pub mod support;
pub mod transparency;
pub mod validate;
