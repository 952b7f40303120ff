//! Staff: the state of outgoing mails (pending, sent, failed with the server's answer), and
//! retrying a failed one.

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub last_error: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    /// The latest 200 mails, failed ones first.
    pub entries: Vec<OutboxEntry>,
    /// Where mails go: an SMTP server or the folder of `.eml` files.
    pub transport: String,
}

#[server(endpoint = "outbox_list")]
pub async fn outbox_list() -> Result<OutboxView, AppError> {
    use super::guard;
    use crate::server::db;
    guard::staff().await?;
    let state = guard::state()?;
    let rows = db::outbox::list(&state.db, 200).await.map_err(guard::db("outbox"))?;
    let counts = db::outbox::counts(&state.db).await.map_err(guard::db("outbox counts"))?;
    let count = |s: &str| counts.iter().find(|(k, _)| k == s).map(|(_, n)| *n).unwrap_or(0);
    let transport = match &state.config.mail.smtp {
        Some(smtp) => format!("SMTP {}:{}", smtp.host, smtp.port),
        None => format!("{}", state.config.mail.dir.display()),
    };
    Ok(OutboxView {
        pending: count("pending"),
        sent: count("sent"),
        failed: count("failed"),
        transport,
        entries: rows
            .into_iter()
            .map(|r| OutboxEntry {
                id: r.id,
                recipient: r.recipient,
                kind: r.kind,
                subject: r.subject,
                state: r.state,
                attempts: r.attempts,
                next_attempt_at: r.next_attempt_at,
                last_error: r.last_error,
                created_at: r.created_at,
                sent_at: r.sent_at,
            })
            .collect(),
    })
}

/// Puts a failed mail back in line for sending.
#[server(endpoint = "outbox_retry")]
pub async fn outbox_retry(id: i64) -> Result<(), AppError> {
    use super::guard;
    use crate::server::db;
    let staff = guard::staff().await?;
    let state = guard::state()?;
    if !db::outbox::retry(&state.db, id).await.map_err(guard::db("outbox retry"))? {
        return Err(AppError::MailNotFailed);
    }
    tracing::info!(mail = id, staff = staff.id, "failed mail put back in line");
    leptos_axum::redirect(&Done::MailRetried.at(&Page::Outbox.path()));
    Ok(())
}
