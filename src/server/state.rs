//! The state every handler and server function reaches through context: no globals.

use super::config::Config;
use super::db::Db;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    /// The public pages as rendered for anonymous visitors (this instance).
    pub public_cache: Arc<super::public_cache::PublicCache>,
}
