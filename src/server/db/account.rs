//! Accounts, sessions and failed-login records.

use super::outbox::enqueue_mail;
use super::{now, on_pool, on_write_pool, Db};
use crate::domain::account::Role;
use crate::domain::i18n::Locale;
use crate::domain::mail::{check_token, Mail, TokenProblem};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    /// The language mails are written in (the interface's language at sign-up, then the
    /// last one chosen with the language switch).
    pub lang: String,
    pub email_verified_at: Option<i64>,
}

impl UserRow {
    /// The account's address once its owner has confirmed it: only a confirmed address
    /// proves that the person is the one a holder named as co-applicant.
    pub fn confirmed_email(&self) -> Option<&str> {
        self.email_verified_at.is_some().then_some(self.email.as_str())
    }

    /// The role column is constrained by the schema; an unknown value is treated as the
    /// least privileged role.
    pub fn role(&self) -> Role {
        Role::from_code(&self.role).unwrap_or(Role::Citizen)
    }

    pub fn locale(&self) -> Locale {
        Locale::from_code(&self.lang)
    }
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, role, lang, email_verified_at";

/// Inserts an account whose address is taken as confirmed (created by an administrator's
/// configuration, the demo data or the tests). A duplicate email comes back as a unique violation.
#[tracing::instrument(skip(db, password_hash))]
pub async fn insert_user(db: &Db, email: &str, display_name: &str, password_hash: &str, role: Role) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO users (email, display_name, password_hash, role, created_at, email_verified_at) \
               VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
    on_write_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql)
        .bind(email).bind(display_name).bind(password_hash).bind(role.code()).bind(now())
        .fetch_one(pool).await)
}

/// A link to send by e-mail: the hash of its token, what it is for, and the mail carrying it.
pub struct NewToken {
    pub token_hash: String,
    /// `verify` or `reset`.
    pub purpose: &'static str,
    /// The address the link confirms (for `verify`), or the account's address (`reset`).
    pub email: String,
    pub expires_at: i64,
    pub mail: Mail,
}

const INSERT_TOKEN: &str =
    "INSERT INTO email_tokens (token_hash, user_id, purpose, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)";

/// Signs up: the account (address not yet confirmed), its confirmation link and the mail
/// carrying it, in one transaction. A duplicate email comes back as a unique violation.
#[tracing::instrument(skip(db, password_hash, token))]
pub async fn sign_up(db: &Db, email: &str, display_name: &str, password_hash: &str, lang: Locale, token: &NewToken) -> Result<i64, sqlx::Error> {
    let insert = "INSERT INTO users (email, display_name, password_hash, role, created_at, lang) VALUES ($1, $2, $3, 'applicant', $4, $5) RETURNING id";
    let t = now();
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(insert).bind(email).bind(display_name).bind(password_hash).bind(t).bind(lang.code())
            .fetch_one(&mut *tx).await?;
        sqlx::query(INSERT_TOKEN).bind(&token.token_hash).bind(id).bind(token.purpose).bind(&token.email).bind(t).bind(token.expires_at)
            .execute(&mut *tx).await?;
        enqueue_mail!(tx, &token.mail);
        tx.commit().await?;
        Ok(id)
    })
}

/// A new link for an existing account (confirmation sent again, password reset, new address),
/// with its mail. The account's earlier unused links of the same purpose stop working.
#[tracing::instrument(skip(db, token))]
pub async fn new_token(db: &Db, user_id: i64, token: &NewToken) -> Result<(), sqlx::Error> {
    let t = now();
    let retire = "UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(retire).bind(t).bind(user_id).bind(token.purpose).execute(&mut *tx).await?;
        sqlx::query(INSERT_TOKEN).bind(&token.token_hash).bind(user_id).bind(token.purpose).bind(&token.email).bind(t).bind(token.expires_at)
            .execute(&mut *tx).await?;
        enqueue_mail!(tx, &token.mail);
        tx.commit().await
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct TokenRow {
    pub user_id: i64,
    pub purpose: String,
    pub email: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// Checks a link without using it (the page before the button).
#[tracing::instrument(skip(db, token_hash))]
pub async fn token(db: &Db, token_hash: &str, purpose: &str) -> Result<Result<TokenRow, TokenProblem>, sqlx::Error> {
    let sql = "SELECT user_id, purpose, email, expires_at, used_at FROM email_tokens WHERE token_hash = $1 AND purpose = $2";
    let row: Option<TokenRow> = on_pool!(db, pool => sqlx::query_as(sql).bind(token_hash).bind(purpose).fetch_optional(pool).await)?;
    Ok(match row {
        None => Err(TokenProblem::Unknown),
        Some(r) => check_token(r.expires_at, r.used_at, now()).map(|_| r),
    })
}

/// What using a link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenUse {
    Done { user_id: i64 },
    Refused(TokenProblem),
    /// The confirmed address belongs to another account meanwhile.
    EmailTaken,
}

/// Uses a `verify` link once: the account's address becomes the link's address, confirmed.
#[tracing::instrument(skip(db, token_hash))]
pub async fn confirm_address(db: &Db, token_hash: &str) -> Result<TokenUse, sqlx::Error> {
    let t = now();
    let take = "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'verify' AND used_at IS NULL AND expires_at > $1 \
                RETURNING user_id, purpose, email, expires_at, used_at";
    let set = "UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let Some(row) = sqlx::query_as::<_, TokenRow>(take).bind(t).bind(token_hash).fetch_optional(&mut *tx).await? else {
            drop(tx);
            return Ok(TokenUse::Refused(refusal(db, token_hash, "verify").await?));
        };
        match sqlx::query(set).bind(&row.email).bind(t).bind(row.user_id).execute(&mut *tx).await {
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(TokenUse::EmailTaken),
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        tx.commit().await?;
        Ok(TokenUse::Done { user_id: row.user_id })
    })
}

/// Uses a `reset` link once: the new password is set, every session of the account ends,
/// and its address counts as confirmed (the link reached it).
#[tracing::instrument(skip(db, token_hash, password_hash))]
pub async fn reset_password(db: &Db, token_hash: &str, password_hash: &str) -> Result<TokenUse, sqlx::Error> {
    let t = now();
    let take = "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'reset' AND used_at IS NULL AND expires_at > $1 \
                RETURNING user_id, purpose, email, expires_at, used_at";
    let set = "UPDATE users SET password_hash = $1, email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $3 AND email = $4";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let Some(row) = sqlx::query_as::<_, TokenRow>(take).bind(t).bind(token_hash).fetch_optional(&mut *tx).await? else {
            drop(tx);
            return Ok(TokenUse::Refused(refusal(db, token_hash, "reset").await?));
        };
        // A link sent to an address the account has since left is refused.
        if sqlx::query(set).bind(password_hash).bind(t).bind(row.user_id).bind(&row.email).execute(&mut *tx).await?.rows_affected() != 1 {
            return Ok(TokenUse::Refused(TokenProblem::Unknown));
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(row.user_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(TokenUse::Done { user_id: row.user_id })
    })
}

/// Why a link could not be taken.
async fn refusal(db: &Db, token_hash: &str, purpose: &str) -> Result<TokenProblem, sqlx::Error> {
    Ok(token(db, token_hash, purpose).await?.err().unwrap_or(TokenProblem::AlreadyUsed))
}

/// The language mails to this account are written in.
#[tracing::instrument(skip(db))]
pub async fn set_lang(db: &Db, user_id: i64, lang: Locale) -> Result<(), sqlx::Error> {
    let sql = "UPDATE users SET lang = $1 WHERE id = $2 AND lang <> $1";
    on_write_pool!(db, pool => sqlx::query(sql).bind(lang.code()).bind(user_id).execute(pool).await.map(|_| ()))
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
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE deleted_at IS NULL ORDER BY display_name, id");
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

/// Opens a password session (see `db::sessions::insert`; State sign-in sessions go through
/// `db::state_sign_in::insert_session`).
pub async fn insert_session(db: &Db, session: &super::sessions::NewSession<'_>) -> Result<(), sqlx::Error> {
    super::sessions::insert(db, session, None).await
}

/// A live session's account, with what its sliding needs.
#[derive(FromRow)]
struct SessionUser {
    #[sqlx(flatten)]
    user: UserRow,
    created_at: i64,
    last_used_at: i64,
    idle_seconds: i64,
}

/// The account behind a live session token (hashed), if any.
///
/// Sessions slide with activity (`domain::sessions`): when the last use is more than a minute
/// old, this use is recorded and the expiry moves to `idle_seconds` from now (never past the
/// cap, 90 days after the session opened). Most requests only read; a failed write is logged
/// and does not refuse the request (the session stays valid until its current expiry).
#[tracing::instrument(skip(db, token_hash))]
pub async fn user_for_session(db: &Db, token_hash: &str) -> Result<Option<UserRow>, sqlx::Error> {
    use crate::domain::sessions::{due_for_touch, expires_at};
    let sql = "SELECT u.id, u.email, u.display_name, u.password_hash, u.role, u.lang, u.email_verified_at, \
               s.created_at, s.last_used_at, s.idle_seconds FROM sessions s \
               JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2";
    let t = now();
    let row: Option<SessionUser> = on_pool!(db, pool => sqlx::query_as(sql).bind(token_hash).bind(t).fetch_optional(pool).await)?;
    let Some(row) = row else { return Ok(None) };
    if due_for_touch(t, row.last_used_at) {
        if let Err(e) = super::sessions::touch(db, token_hash, t, expires_at(t, row.created_at, row.idle_seconds)).await {
            tracing::warn!(error = %e, "cannot record a session's use");
        }
    }
    Ok(Some(row.user))
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

/// Drops expired sessions, failed-login records older than a day and kept steps past their day.
#[tracing::instrument(skip(db))]
pub async fn purge_expired(db: &Db) -> Result<(), sqlx::Error> {
    let t = now();
    on_write_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(t).execute(pool).await?;
        sqlx::query("DELETE FROM login_failures WHERE at < $1").bind(t - 86_400).execute(pool).await.map(|_| ())
    })?;
    super::candidature::purge_pending(db).await
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
