//! Sign-in sessions: opening one (with its device and public id), sliding its expiry with
//! use, listing and closing them for their owner. The token's hash stays on the server: a
//! session is named outside by its random `public_id`.

use super::{now, on_pool, on_write_pool, Db};
use crate::domain::sessions::{expires_at, stored_user_agent};
use crate::domain::state_sign_in::Provider;
use sqlx::FromRow;

/// A session to open.
pub struct NewSession<'a> {
    /// The hash of the token the cookie carries.
    pub token_hash: &'a str,
    pub user_id: i64,
    /// How long it lasts without activity (`domain::sessions::idle_seconds`).
    pub idle_seconds: i64,
    /// The browser's `User-Agent`, as sent (cut and cleaned here).
    pub user_agent: &'a str,
}

/// A new public id: 64 random bits in hex.
fn new_public_id() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    format!("{:016x}", OsRng.next_u64())
}

/// Opens a session; `provider`: the State provider it came through and its ID token (kept for
/// the logout).
#[tracing::instrument(skip_all, fields(user_id = session.user_id))]
pub async fn insert(db: &Db, session: &NewSession<'_>, provider: Option<(Provider, &str)>) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_used_at, idle_seconds, user_agent, public_id, provider, id_token) \
               VALUES ($1, $2, $3, $4, $3, $5, $6, $7, $8, $9)";
    let t = now();
    let (provider, id_token) = match provider {
        Some((p, token)) => (Some(p.code()), Some(token)),
        None => (None, None),
    };
    on_write_pool!(db, pool => sqlx::query(sql)
        .bind(session.token_hash).bind(session.user_id).bind(t).bind(expires_at(t, t, session.idle_seconds))
        .bind(session.idle_seconds).bind(stored_user_agent(session.user_agent)).bind(new_public_id())
        .bind(provider).bind(id_token)
        .execute(pool).await.map(|_| ()))
}

/// Records a use of a live session at `t`: its last use, and its expiry pushed to `expires`.
/// A session that expired meanwhile stays expired; of two requests in the same second, one
/// writes.
#[tracing::instrument(skip_all)]
pub async fn touch(db: &Db, token_hash: &str, t: i64, expires: i64) -> Result<(), sqlx::Error> {
    let sql = "UPDATE sessions SET last_used_at = $1, expires_at = $2 WHERE token_hash = $3 AND last_used_at < $1 AND expires_at > $1";
    on_write_pool!(db, pool => sqlx::query(sql).bind(t).bind(expires).bind(token_hash).execute(pool).await.map(|_| ()))
}

/// One live session of an account.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub public_id: String,
    /// Only to tell the caller's own session; never sent out.
    pub token_hash: String,
    pub user_agent: String,
    pub created_at: i64,
    pub last_used_at: i64,
}

/// The account's live sessions, the most recently used first.
#[tracing::instrument(skip(db))]
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<SessionRow>, sqlx::Error> {
    let sql = "SELECT public_id, token_hash, user_agent, created_at, last_used_at FROM sessions \
               WHERE user_id = $1 AND expires_at > $2 ORDER BY last_used_at DESC, created_at DESC";
    on_pool!(db, pool => sqlx::query_as::<_, SessionRow>(sql).bind(user_id).bind(now()).fetch_all(pool).await)
}

/// Closes one of the account's sessions; gives its token's hash, or `None` when the account
/// has no such session (someone else's id changes nothing).
#[tracing::instrument(skip(db))]
pub async fn close(db: &Db, user_id: i64, public_id: &str) -> Result<Option<String>, sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE user_id = $1 AND public_id = $2 RETURNING token_hash";
    on_write_pool!(db, pool => sqlx::query_scalar::<_, String>(sql).bind(user_id).bind(public_id).fetch_optional(pool).await)
}

/// Closes every session of the account but the one given; gives how many.
#[tracing::instrument(skip(db, keep_token_hash))]
pub async fn close_others(db: &Db, user_id: i64, keep_token_hash: &str) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
    on_write_pool!(db, pool => sqlx::query(sql).bind(user_id).bind(keep_token_hash).execute(pool).await.map(|r| r.rows_affected()))
}
