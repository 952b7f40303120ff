//! Accounts, sessions and failed-login records.

use super::{now, on_pool, on_write_pool, Db};
use crate::domain::account::Role;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
}

impl UserRow {
    /// The role column is constrained by the schema; an unknown value is treated as the
    /// least privileged role.
    pub fn role(&self) -> Role {
        Role::from_code(&self.role).unwrap_or(Role::Applicant)
    }
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, role";

/// Inserts an account. A duplicate email comes back as a unique violation.
#[tracing::instrument(skip(db, password_hash))]
pub async fn insert_user(db: &Db, email: &str, display_name: &str, password_hash: &str, role: Role) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
    on_write_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql)
        .bind(email).bind(display_name).bind(password_hash).bind(role.code()).bind(now())
        .fetch_one(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    on_pool!(db, pool => sqlx::query_as::<_, UserRow>(&sql).bind(email).fetch_optional(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, UserRow>(&sql).bind(id).fetch_optional(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn list_users(db: &Db) -> Result<Vec<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY display_name, id");
    on_pool!(db, pool => sqlx::query_as::<_, UserRow>(&sql).fetch_all(pool).await)
}

#[tracing::instrument(skip(db, password_hash))]
pub async fn set_password_hash(db: &Db, user_id: i64, password_hash: &str) -> Result<(), sqlx::Error> {
    let sql = "UPDATE users SET password_hash = $1 WHERE id = $2";
    on_write_pool!(db, pool => sqlx::query(sql).bind(password_hash).bind(user_id).execute(pool).await.map(|_| ()))
}

/// Changes a role unless that would leave no admin at all; returns whether it changed.
/// The check and the update are one statement, so two admins demoting each other at
/// the same time cannot both succeed.
#[tracing::instrument(skip(db))]
pub async fn set_role_keeping_an_admin(db: &Db, user_id: i64, role: Role) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE users SET role = $1 WHERE id = $2 \
               AND ($1 = 'admin' OR (SELECT COUNT(*) FROM users WHERE role = 'admin' AND id <> $2) > 0)";
    on_write_pool!(db, pool => sqlx::query(sql).bind(role.code()).bind(user_id).execute(pool).await.map(|r| r.rows_affected() == 1))
}

#[tracing::instrument(skip(db))]
pub async fn count_admins(db: &Db) -> Result<i64, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM users WHERE role = 'admin'";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await)
}

// ---- sessions ----

#[tracing::instrument(skip(db, token_hash))]
pub async fn insert_session(db: &Db, token_hash: &str, user_id: i64, expires_at: i64) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)";
    on_write_pool!(db, pool => sqlx::query(sql).bind(token_hash).bind(user_id).bind(now()).bind(expires_at)
        .execute(pool).await.map(|_| ()))
}

/// The account behind a live session token (hashed), if any.
#[tracing::instrument(skip(db, token_hash))]
pub async fn user_for_session(db: &Db, token_hash: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = "SELECT u.id, u.email, u.display_name, u.password_hash, u.role FROM sessions s \
               JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2";
    on_pool!(db, pool => sqlx::query_as::<_, UserRow>(sql).bind(token_hash).bind(now()).fetch_optional(pool).await)
}

#[tracing::instrument(skip(db, token_hash))]
pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE token_hash = $1";
    on_write_pool!(db, pool => sqlx::query(sql).bind(token_hash).execute(pool).await.map(|_| ()))
}

/// Ends every session of an account but the one given (after a password change).
#[tracing::instrument(skip(db, keep_token_hash))]
pub async fn delete_other_sessions(db: &Db, user_id: i64, keep_token_hash: &str) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
    on_write_pool!(db, pool => sqlx::query(sql).bind(user_id).bind(keep_token_hash).execute(pool).await.map(|_| ()))
}

/// Drops expired sessions and failed-login records older than a day.
#[tracing::instrument(skip(db))]
pub async fn purge_expired(db: &Db) -> Result<(), sqlx::Error> {
    let t = now();
    on_write_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(t).execute(pool).await?;
        sqlx::query("DELETE FROM login_failures WHERE at < $1").bind(t - 86_400).execute(pool).await.map(|_| ())
    })
}

// ---- login throttling ----

#[tracing::instrument(skip(db))]
pub async fn recent_failures(db: &Db, email: &str, since: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = "SELECT at FROM login_failures WHERE email = $1 AND at >= $2";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(email).bind(since).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn record_failure(db: &Db, email: &str) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO login_failures (email, at) VALUES ($1, $2)";
    on_write_pool!(db, pool => sqlx::query(sql).bind(email).bind(now()).execute(pool).await.map(|_| ()))
}

#[tracing::instrument(skip(db))]
pub async fn clear_failures(db: &Db, email: &str) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM login_failures WHERE email = $1";
    on_write_pool!(db, pool => sqlx::query(sql).bind(email).execute(pool).await.map(|_| ()))
}
