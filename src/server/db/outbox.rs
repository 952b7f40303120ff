//! The outbox of mails. A mail is written in the transaction of the change that causes it
//! (`enqueue_mail!`), so a crash never loses it nor sends it for a change that did not happen.
//! Workers claim due mails with a time-limited lock, send them, then record the outcome.

use super::{now, on_pool, on_write_pool, Db};
use crate::domain::mail::{AfterAttempt, Mail, CLAIM_SECONDS};
use sqlx::FromRow;

/// Inserts `$mail` (a `&Mail`) into the outbox inside the caller's transaction `$tx`.
macro_rules! enqueue_mail {
    ($tx:expr, $mail:expr) => {{
        let mail: &$crate::domain::mail::Mail = $mail;
        let at = $crate::server::db::now();
        sqlx::query(
            "INSERT INTO outbox (recipient, lang, kind, subject, text_body, html_body, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&mail.to)
        .bind(mail.lang.code())
        .bind(mail.kind)
        .bind(&mail.subject)
        .bind(&mail.text)
        .bind(&mail.html)
        .bind(at)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use enqueue_mail;

/// Writes mails that no other change goes with (e.g. a new link asked for).
#[tracing::instrument(skip(db, mails), fields(count = mails.len()))]
pub async fn enqueue(db: &Db, mails: &[Mail]) -> Result<(), sqlx::Error> {
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for mail in mails {
            enqueue_mail!(tx, mail);
        }
        tx.commit().await
    })
}

/// A claimed mail, as the worker sends it.
#[derive(Debug, Clone, FromRow)]
pub struct Claimed {
    pub id: i64,
    pub recipient: String,
    pub lang: String,
    pub kind: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i32,
}

/// Claims up to `limit` due mails for `worker` until `now + CLAIM_SECONDS`. On PostgreSQL the
/// rows another instance is claiming are skipped (`FOR UPDATE SKIP LOCKED`), and a row it has
/// claimed is no longer due; SQLite has one writer, so claims never overlap.
#[tracing::instrument(skip(db))]
pub async fn claim(db: &Db, worker: &str, now: i64, limit: i64) -> Result<Vec<Claimed>, sqlx::Error> {
    let lock = if db.engine() == "postgres" { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE outbox SET locked_until = $1, locked_by = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $3 \
                      AND (locked_until IS NULL OR locked_until < $3) ORDER BY id LIMIT $4{lock}) \
         RETURNING id, recipient, lang, kind, subject, text_body, html_body, attempts"
    );
    on_write_pool!(db, pool => sqlx::query_as::<_, Claimed>(&sql)
        .bind(now + CLAIM_SECONDS).bind(worker).bind(now).bind(limit).fetch_all(pool).await)
}

/// Records the outcome of an attempt, if `worker` still holds the claim.
#[tracing::instrument(skip(db))]
pub async fn record(db: &Db, id: i64, worker: &str, outcome: &AfterAttempt, now: i64) -> Result<(), sqlx::Error> {
    let (sql, at, error) = match outcome {
        AfterAttempt::Sent => (
            "UPDATE outbox SET state = 'sent', sent_at = $1, last_error = $2, locked_until = NULL WHERE id = $3 AND locked_by = $4",
            now,
            "",
        ),
        AfterAttempt::RetryAt { at, error } => (
            "UPDATE outbox SET next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3 AND locked_by = $4",
            *at,
            error.as_str(),
        ),
        AfterAttempt::Failed { error } => (
            "UPDATE outbox SET state = 'failed', next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3 AND locked_by = $4",
            now,
            error.as_str(),
        ),
    };
    let error: String = error.chars().take(500).collect();
    on_write_pool!(db, pool => sqlx::query(sql).bind(at).bind(&error).bind(id).bind(worker).execute(pool).await.map(|_| ()))
}

/// An outbox entry as staff see it (never the body: it may hold a personal link).
#[derive(Debug, Clone, FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub last_error: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// The latest mails, failed ones first, then pending, then sent.
#[tracing::instrument(skip(db))]
pub async fn list(db: &Db, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let sql = "SELECT id, recipient, kind, subject, state, attempts, next_attempt_at, last_error, created_at, sent_at FROM outbox \
               ORDER BY CASE state WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, id DESC LIMIT $1";
    on_pool!(db, pool => sqlx::query_as::<_, OutboxRow>(sql).bind(limit).fetch_all(pool).await)
}

/// How many mails are in each state.
#[tracing::instrument(skip(db))]
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = "SELECT state, COUNT(*) FROM outbox GROUP BY state";
    on_pool!(db, pool => sqlx::query_as::<_, (String, i64)>(sql).fetch_all(pool).await)
}

/// Puts a failed mail back in line, with a fresh count of attempts. False if it was not failed.
#[tracing::instrument(skip(db))]
pub async fn retry(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $1, locked_until = NULL, locked_by = NULL \
               WHERE id = $2 AND state = 'failed'";
    on_write_pool!(db, pool => sqlx::query(sql).bind(now()).bind(id).execute(pool).await.map(|r| r.rows_affected() == 1))
}
