//! The integration tests, in one test binary (`cargo test --features ssr`): every server
//! function and handler through the real router, each test on a fresh SQLite database and on
//! a fresh PostgreSQL database (`on_both_engines!`), mails against a real SMTP server.
//! One module per feature, named as in `src/api/`; `support` builds the apps and requests.
//! One binary links the application once instead of once per file (each link weighs
//! gigabytes: Leptos views have very long type names).

#[macro_use]
mod support;

mod account;
mod account_deletion;
mod authorization;
mod candidature;
mod candidature_db;
mod cohort;
mod compression;
mod evidence;
mod hostile;
mod jury;
mod mail;
mod migrations;
mod my_data;
mod paths;
mod privacy;
mod programme;
mod publication;
mod retention;
mod screening;
mod sessions;
mod state_sign_in;
mod transparency;
