//! Server-only code: configuration, state, database, authentication, router.

pub mod auth;
pub mod config;
pub mod csp;
pub mod db;
pub mod http;
pub mod mail;
pub mod seed;
pub mod state;
pub mod public_cache;
pub mod reminders;
pub mod retention;
pub mod url_check;
pub mod state_sign_in;
