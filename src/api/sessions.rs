//! The caller's open sessions (« Mon compte »): list them, close one, close all the others.

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
#[cfg(feature = "ssr")]
use crate::domain::paths::Page;
use crate::domain::error::AppError;
use crate::domain::sessions::SessionView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The caller's open sessions, and the rules they live by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSessions {
    /// The most recently used first.
    pub sessions: Vec<SessionView>,
    /// A session ends after this many days without activity (`SESSION_DAYS`).
    pub idle_days: i64,
    /// And at the latest this many days after it opened.
    pub max_days: i64,
}

/// The hash of the caller's session token (the request's cookie).
#[cfg(feature = "ssr")]
fn current_token_hash() -> Result<String, AppError> {
    use crate::server::auth;
    let parts = super::guard::parts()?;
    let token = auth::cookie(&parts.headers, auth::SESSION_COOKIE).ok_or(AppError::Unauthenticated)?;
    Ok(auth::token_hash(token))
}

/// The caller's live sessions: device, opened, last used, which one is this one.
#[server(endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<OpenSessions, AppError> {
    use super::guard;
    use crate::domain::sessions::{idle_seconds, Device, MAX_DAYS};
    use crate::server::db;

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let current = current_token_hash()?;
    let rows = db::sessions::of_user(&state.db, user.id).await.map_err(guard::db("my sessions"))?;
    let sessions = rows
        .into_iter()
        .map(|r| SessionView {
            current: r.token_hash == current,
            device: Device::from_user_agent(&r.user_agent),
            id: r.public_id,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        })
        .collect();
    Ok(OpenSessions { sessions, idle_days: idle_seconds(state.config.session_days) / 86_400, max_days: MAX_DAYS })
}

/// Closes one of the caller's sessions: its cookie stops working at once. Another account's
/// session, or one already closed, is `NotFound` and nothing changes. Closing the caller's
/// own session is a logout.
#[server(endpoint = "close_session")]
pub async fn close_session(id: String) -> Result<(), AppError> {
    use super::guard;
    use crate::server::{auth, db};

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let id = id.trim();
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let current = current_token_hash()?;
    let Some(closed) = db::sessions::close(&state.db, user.id, id).await.map_err(guard::db("close session"))? else {
        return Err(AppError::NotFound);
    };
    tracing::info!(user_id = user.id, "session closed by its owner");
    if closed == current {
        guard::set_cookie(&auth::clear_session_cookie(state.config.secure_cookies));
        leptos_axum::redirect("/");
    } else {
        leptos_axum::redirect(&Done::SessionClosed.at(&Page::Account.path()));
    }
    Ok(())
}

/// Closes every session of the caller but this one.
#[server(endpoint = "close_other_sessions")]
pub async fn close_other_sessions() -> Result<(), AppError> {
    use super::guard;
    use crate::server::db;

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let current = current_token_hash()?;
    let closed = db::sessions::close_others(&state.db, user.id, &current).await.map_err(guard::db("close other sessions"))?;
    tracing::info!(user_id = user.id, closed, "other sessions closed by their owner");
    leptos_axum::redirect(&Done::SessionsClosed.at(&Page::Account.path()));
    Ok(())
}
