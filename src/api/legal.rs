//! The legal pages' configured facts.

use crate::domain::error::AppError;
use crate::domain::legal::LegalNotice;
use leptos::prelude::*;

/// Who publishes and hosts the service (`LEGAL_*`), for anyone.
#[server(endpoint = "legal_facts", input = server_fn::codec::GetUrl)]
pub async fn legal_facts() -> Result<LegalNotice, AppError> {
    Ok(super::guard::state()?.config.legal.clone())
}
