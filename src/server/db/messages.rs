//! The message thread of each candidature, between staff and its applicants, and who has
//! read how far.

use crate::domain::ids::{CandidatureId, UserId};
use super::outbox::enqueue_mail;
use super::{now, on_pool, on_write_pool, Db};
use crate::domain::mail::Mail;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub from_staff: bool,
    pub body: String,
    pub created_at: i64,
}

#[tracing::instrument(skip(db))]
pub async fn thread(db: &Db, candidature_id: i64) -> Result<Vec<MessageRow>, sqlx::Error> {
    let sql = "SELECT m.id, m.author_id, u.display_name AS author_name, m.from_staff, m.body, m.created_at \
               FROM messages m JOIN users u ON u.id = m.author_id WHERE m.candidature_id = $1 ORDER BY m.id";
    on_pool!(db, pool => sqlx::query_as::<_, MessageRow>(sql).bind(candidature_id).fetch_all(pool).await)
}

const INSERT: &str = "INSERT INTO messages (candidature_id, author_id, from_staff, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
const READ: &str = "INSERT INTO message_reads (user_id, candidature_id, last_read_id) VALUES ($1, $2, $3) \
                    ON CONFLICT (user_id, candidature_id) DO UPDATE SET last_read_id = excluded.last_read_id \
                    WHERE message_reads.last_read_id < excluded.last_read_id";

/// Posts a message (its author has read it) with the mails telling the other side, in one
/// transaction.
#[tracing::instrument(skip(db, body, mails))]
pub async fn post(db: &Db, candidature_id: CandidatureId, author_id: UserId, from_staff: bool, body: &str, mails: &[Mail]) -> Result<i64, sqlx::Error> {
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(INSERT).bind(candidature_id.0).bind(author_id.0).bind(from_staff).bind(body).bind(now())
            .fetch_one(&mut *tx).await?;
        sqlx::query(READ).bind(author_id.0).bind(candidature_id.0).bind(id).execute(&mut *tx).await?;
        for mail in mails {
            enqueue_mail!(tx, mail);
        }
        tx.commit().await?;
        Ok(id)
    })
}

/// Posts the same staff message in the thread of each candidature listed, with all the
/// mails, in one transaction: every applicant gets it, or nobody does.
#[tracing::instrument(skip(db, body, mails), fields(threads = candidature_ids.len(), mails = mails.len()))]
pub async fn broadcast(db: &Db, candidature_ids: &[CandidatureId], author_id: UserId, body: &str, mails: &[Mail]) -> Result<(), sqlx::Error> {
    let t = now();
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for candidature_id in candidature_ids {
            let id: i64 = sqlx::query_scalar(INSERT).bind(candidature_id).bind(author_id).bind(true).bind(body).bind(t)
                .fetch_one(&mut *tx).await?;
            sqlx::query(READ).bind(author_id).bind(candidature_id).bind(id).execute(&mut *tx).await?;
        }
        for mail in mails {
            enqueue_mail!(tx, mail);
        }
        tx.commit().await
    })
}

/// Records that `user_id` has read the thread up to `last_id` (never backwards).
#[tracing::instrument(skip(db))]
pub async fn mark_read(db: &Db, user_id: UserId, candidature_id: CandidatureId, last_id: i64) -> Result<(), sqlx::Error> {
    on_write_pool!(db, pool => sqlx::query(READ).bind(user_id.0).bind(candidature_id.0).bind(last_id).execute(pool).await.map(|_| ()))
}

/// How far each reader has read the thread: `(user_id, is_staff, last_read_id)`.
#[tracing::instrument(skip(db))]
pub async fn readers(db: &Db, candidature_id: i64) -> Result<Vec<(i64, bool, i64)>, sqlx::Error> {
    let sql = "SELECT r.user_id, u.role IN ('staff', 'admin') AS is_staff, r.last_read_id FROM message_reads r \
               JOIN users u ON u.id = r.user_id WHERE r.candidature_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, bool, i64)>(sql).bind(candidature_id).fetch_all(pool).await)
}

/// The staff members who wrote in the thread (address, language): they hear of the replies.
#[tracing::instrument(skip(db))]
pub async fn staff_writers(db: &Db, candidature_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = "SELECT DISTINCT u.email, u.lang FROM messages m JOIN users u ON u.id = m.author_id \
               WHERE m.candidature_id = $1 AND m.from_staff";
    on_pool!(db, pool => sqlx::query_as::<_, (String, String)>(sql).bind(candidature_id).fetch_all(pool).await)
}

/// For each candidature with messages `user_id` has not read (written by others): the count.
#[tracing::instrument(skip(db))]
pub async fn unread_counts(db: &Db, user_id: UserId, candidature_ids: &[CandidatureId]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if candidature_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = candidature_ids.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT m.candidature_id, COUNT(*) FROM messages m \
         LEFT JOIN message_reads r ON r.user_id = $1 AND r.candidature_id = m.candidature_id \
         WHERE m.candidature_id IN ({list}) AND m.author_id <> $1 AND m.id > COALESCE(r.last_read_id, 0) \
         GROUP BY m.candidature_id"
    );
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(&sql).bind(user_id).fetch_all(pool).await)
}
